from enum import StrEnum


class Audience(StrEnum):
    INTERNAL = "internal"

    def __str__(self) -> str:
        return str(self.value)
