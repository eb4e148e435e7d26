from enum import StrEnum


class Audience(StrEnum):
    INTERNAL = "internal"
    PROTECTED = "protected"

    def __str__(self) -> str:
        return str(self.value)
