from enum import StrEnum


class RuleCheckType0Kind(StrEnum):
    REQUIRES_DETAIL = "requires_detail"

    def __str__(self) -> str:
        return str(self.value)
