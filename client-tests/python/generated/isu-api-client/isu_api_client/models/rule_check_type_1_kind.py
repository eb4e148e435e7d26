from enum import StrEnum


class RuleCheckType1Kind(StrEnum):
    EMPTY_EXACTLY_WHEN = "empty_exactly_when"

    def __str__(self) -> str:
        return str(self.value)
