from enum import StrEnum


class RuleCheckType6Kind(StrEnum):
    WITHIN_VALIDITY = "within_validity"

    def __str__(self) -> str:
        return str(self.value)
