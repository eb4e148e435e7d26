from enum import StrEnum


class GetReleaseTableLang(StrEnum):
    EN = "en"
    SV = "sv"

    def __str__(self) -> str:
        return str(self.value)
