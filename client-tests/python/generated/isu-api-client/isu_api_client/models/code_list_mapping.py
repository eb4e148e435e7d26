from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_list_id import CodeListId
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_mapping import CodeMapping
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="CodeListMapping")


@_attrs_define
class CodeListMapping:
    """The mapping of one code list."""

    list_: CodeListId
    """ Identifies a code list; the value is also its URL slug. """
    mappings: list[CodeMapping]
    """ Every code of the older version, with the newer code it is reported under. """
    new_codes: list[str]
    """ Codes of the newer version that no older code maps to directly. """
    note: LocalizedText | Unset = UNSET
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_ = self.list_.value

        mappings = []
        for mappings_item_data in self.mappings:
            mappings_item = mappings_item_data.to_dict()
            mappings.append(mappings_item)

        new_codes = self.new_codes

        note: dict[str, Any] | Unset = UNSET
        if not isinstance(self.note, Unset):
            note = self.note.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list": list_,
                "mappings": mappings,
                "new_codes": new_codes,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_mapping import CodeMapping  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        list_ = CodeListId(d.pop("list"))

        mappings = []
        _mappings = d.pop("mappings")
        for mappings_item_data in _mappings:
            mappings_item = CodeMapping.from_dict(mappings_item_data)

            mappings.append(mappings_item)

        new_codes = cast(list[str], d.pop("new_codes"))

        _note = d.pop("note", UNSET)
        note: LocalizedText | Unset
        if isinstance(_note, Unset):
            note = UNSET
        else:
            note = LocalizedText.from_dict(_note)

        code_list_mapping = cls(
            list_=list_,
            mappings=mappings,
            new_codes=new_codes,
            note=note,
        )

        code_list_mapping.additional_properties = d
        return code_list_mapping

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
