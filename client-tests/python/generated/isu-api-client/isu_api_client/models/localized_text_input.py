from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalizedTextInput")


@_attrs_define
class LocalizedTextInput:
    """A description in Swedish and English.

    Example:
        {'en': 'A group parenting programme …', 'sv': 'Föräldrastödsprogram i grupp …'}

    """

    sv: str | Unset = UNSET
    """ Swedish, 1–1000 characters. Required when creating. """
    en: str | Unset = UNSET
    """ English, 1–1000 characters. Required when creating. """

    def to_dict(self) -> dict[str, Any]:
        sv = self.sv

        en = self.en

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if sv is not UNSET:
            field_dict["sv"] = sv
        if en is not UNSET:
            field_dict["en"] = en

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sv = d.pop("sv", UNSET)

        en = d.pop("en", UNSET)

        localized_text_input = cls(
            sv=sv,
            en=en,
        )

        return localized_text_input
