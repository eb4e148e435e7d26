from enum import StrEnum


class GetReleaseTableFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSON_STAT = "json-stat"
    JSON_STAT2 = "json-stat2"

    def __str__(self) -> str:
        return str(self.value)
