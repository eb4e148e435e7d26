from enum import StrEnum


class GetStatsProtection(StrEnum):
    CELL_KEY = "cell_key"
    EXACT = "exact"

    def __str__(self) -> str:
        return str(self.value)
