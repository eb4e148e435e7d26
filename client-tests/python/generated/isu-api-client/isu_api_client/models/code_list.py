from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_list_id import CodeListId

if TYPE_CHECKING:
    from ..models.code import Code
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="CodeList")


@_attrs_define
class CodeList:
    """A code list of one form version, codes in form order."""

    id: CodeListId
    """ Identifies a code list; the value is also its URL slug. """
    field: str
    """ Wire name of the record field that takes codes from this list. """
    name: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    codes: list[Code]
    """ The codes, in form order (`position` 1, 2, …). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id.value

        field = self.field

        name = self.name.to_dict()

        codes = []
        for codes_item_data in self.codes:
            codes_item = codes_item_data.to_dict()
            codes.append(codes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "field": field,
                "name": name,
                "codes": codes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code import Code  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        id = CodeListId(d.pop("id"))

        field = d.pop("field")

        name = LocalizedText.from_dict(d.pop("name"))

        codes = []
        _codes = d.pop("codes")
        for codes_item_data in _codes:
            codes_item = Code.from_dict(codes_item_data)

            codes.append(codes_item)

        code_list = cls(
            id=id,
            field=field,
            name=name,
            codes=codes,
        )

        code_list.additional_properties = d
        return code_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
