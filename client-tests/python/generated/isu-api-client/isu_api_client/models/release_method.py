from enum import StrEnum


class ReleaseMethod(StrEnum):
    CELL_KEY = "cell_key"
    SUPPRESSION = "suppression"

    def __str__(self) -> str:
        return str(self.value)
