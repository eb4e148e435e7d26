from enum import StrEnum


class NewRegionAnalystClientRole(StrEnum):
    REGION_ANALYST = "region_analyst"

    def __str__(self) -> str:
        return str(self.value)
