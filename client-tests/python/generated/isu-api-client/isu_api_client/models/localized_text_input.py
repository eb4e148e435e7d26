from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LocalizedTextInput")


@_attrs_define
class LocalizedTextInput:
    """A description in Swedish and English.

    Example:
        {'en': 'A group parenting programme …', 'sv': 'Föräldrastödsprogram i grupp …'}

    """

    sv: str
    """ Swedish, 1–1000 characters. Required when creating. """
    en: str
    """ English, 1–1000 characters. Required when creating. """

    def to_dict(self) -> dict[str, Any]:
        sv = self.sv

        en = self.en

        field_dict: dict[str, Any] = {}

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

        localized_text_input = cls(
            sv=sv,
            en=en,
        )

        return localized_text_input
