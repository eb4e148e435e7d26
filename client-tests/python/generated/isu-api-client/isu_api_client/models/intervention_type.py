from enum import StrEnum


class InterventionType(StrEnum):
    MANUAL_ONLY = "manual_only"
    NONE = "none"
    OTHER_ONLY = "other_only"
    TRADITIONAL_AND_MANUAL = "traditional_and_manual"
    TRADITIONAL_ONLY = "traditional_only"

    def __str__(self) -> str:
        return str(self.value)
