from enum import StrEnum


class NewMunicipalityScopedClientRole(StrEnum):
    REGISTRAR = "registrar"
    VENDOR = "vendor"

    def __str__(self) -> str:
        return str(self.value)
