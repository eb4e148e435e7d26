from enum import StrEnum


class FigureStatus(StrEnum):
    PERTURBED = "perturbed"
    PUBLISHED = "published"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
