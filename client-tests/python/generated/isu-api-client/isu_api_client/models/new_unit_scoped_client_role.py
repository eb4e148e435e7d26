from enum import StrEnum


class NewUnitScopedClientRole(StrEnum):
    REGISTRAR = "registrar"
    VENDOR = "vendor"

    def __str__(self) -> str:
        return str(self.value)
