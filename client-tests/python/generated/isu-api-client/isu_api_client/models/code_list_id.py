from enum import StrEnum


class CodeListId(StrEnum):
    BIRTH_BACKGROUNDS = "birth-backgrounds"
    CLOSING_REASONS = "closing-reasons"
    GENDERS = "genders"
    INTERVENTIONS = "interventions"
    PREVIOUSLY_ACTIVE = "previously-active"
    PROBLEM_AREAS = "problem-areas"

    def __str__(self) -> str:
        return str(self.value)
