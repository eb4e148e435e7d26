from enum import StrEnum


class MappingRelation(StrEnum):
    IDENTICAL = "identical"
    SPLIT = "split"
    SUBSET = "subset"
    SUPERSET = "superset"

    def __str__(self) -> str:
        return str(self.value)
