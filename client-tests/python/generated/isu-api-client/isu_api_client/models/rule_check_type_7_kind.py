from enum import StrEnum


class RuleCheckType7Kind(StrEnum):
    NO_PERSONAL_IDENTITY_NUMBER = "no_personal_identity_number"

    def __str__(self) -> str:
        return str(self.value)
