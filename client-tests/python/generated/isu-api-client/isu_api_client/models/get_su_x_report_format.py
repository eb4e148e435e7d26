from enum import StrEnum


class GetSuXReportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSON_STAT = "json-stat"
    JSON_STAT2 = "json-stat2"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
