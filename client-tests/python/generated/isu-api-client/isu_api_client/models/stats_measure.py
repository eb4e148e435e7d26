from enum import StrEnum


class StatsMeasure(StrEnum):
    AGE = "age"
    ALONE = "alone"
    CHILDREN = "children"
    COMBINATIONS = "combinations"
    COVERAGE = "coverage"
    ENROLMENT_DAYS = "enrolment_days"
    INTERVENTION_DAYS = "intervention_days"
    MENTIONS = "mentions"
    SHARE = "share"

    def __str__(self) -> str:
        return str(self.value)
