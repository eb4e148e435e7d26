from enum import StrEnum


class RuleCheckType2Kind(StrEnum):
    NULL_EXACTLY_WHEN = "null_exactly_when"

    def __str__(self) -> str:
        return str(self.value)
