from enum import StrEnum


class RuleCheckType5Kind(StrEnum):
    NOT_BEFORE = "not_before"

    def __str__(self) -> str:
        return str(self.value)
