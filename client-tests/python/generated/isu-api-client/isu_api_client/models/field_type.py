from enum import StrEnum


class FieldType(StrEnum):
    CODE = "code"
    CODE_SET = "code_set"
    DATE = "date"
    INTEGER = "integer"
    TEXT = "text"
    TEXT_LIST = "text_list"

    def __str__(self) -> str:
        return str(self.value)
