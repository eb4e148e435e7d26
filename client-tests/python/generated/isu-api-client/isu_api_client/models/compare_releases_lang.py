from enum import StrEnum


class CompareReleasesLang(StrEnum):
    EN = "en"
    SV = "sv"

    def __str__(self) -> str:
        return str(self.value)
