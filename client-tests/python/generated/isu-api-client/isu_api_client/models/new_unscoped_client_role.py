from enum import StrEnum


class NewUnscopedClientRole(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"

    def __str__(self) -> str:
        return str(self.value)
