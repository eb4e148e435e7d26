from enum import StrEnum


class RuleCheckType4Kind(StrEnum):
    NOT_IN_FUTURE = "not_in_future"

    def __str__(self) -> str:
        return str(self.value)
