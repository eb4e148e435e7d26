from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    REGION_ANALYST = "region_analyst"
    REGISTRAR = "registrar"
    VENDOR = "vendor"

    def __str__(self) -> str:
        return str(self.value)
