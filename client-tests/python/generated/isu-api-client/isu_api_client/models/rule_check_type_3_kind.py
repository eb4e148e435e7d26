from enum import StrEnum


class RuleCheckType3Kind(StrEnum):
    DATE_ORDER = "date_order"

    def __str__(self) -> str:
        return str(self.value)
