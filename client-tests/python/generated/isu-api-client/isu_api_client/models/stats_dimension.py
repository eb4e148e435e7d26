from enum import StrEnum


class StatsDimension(StrEnum):
    AGE_BAND = "age_band"
    BIRTH_BACKGROUND = "birth_background"
    CLOSING_REASON = "closing_reason"
    FORM = "form"
    GENDER = "gender"
    INTERVENTION = "intervention"
    INTERVENTION_TYPE = "intervention_type"
    MANUAL_METHOD = "manual_method"
    MUNICIPALITY = "municipality"
    PREVIOUSLY_ACTIVE = "previously_active"
    PROBLEM_AREA = "problem_area"
    REGION = "region"
    UNIT = "unit"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
