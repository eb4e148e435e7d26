from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LocalizedText")


@_attrs_define
class LocalizedText:
    """A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form.

        Example:
            {'en': 'Violence in the family', 'sv': 'Våld i familjen'}

    """

    sv: str
    """ Swedish (authoritative). """
    en: str
    """ English translation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sv = self.sv

        en = self.en

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sv": sv,
                "en": en,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sv = d.pop("sv")

        en = d.pop("en")

        localized_text = cls(
            sv=sv,
            en=en,
        )

        localized_text.additional_properties = d
        return localized_text

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
