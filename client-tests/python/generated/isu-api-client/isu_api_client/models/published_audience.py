from enum import StrEnum


class PublishedAudience(StrEnum):
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
