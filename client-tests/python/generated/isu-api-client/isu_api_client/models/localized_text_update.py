from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalizedTextUpdate")


@_attrs_define
class LocalizedTextUpdate:
    """A description in Swedish and English; a language left out (or `null`) keeps its text.

    Example:
        {'en': 'A group parenting programme …', 'sv': 'Föräldrastödsprogram i grupp …'}

    """

    en: None | str | Unset = UNSET
    """ English, 1–1000 characters. Required when creating. """
    sv: None | str | Unset = UNSET
    """ Swedish, 1–1000 characters. Required when creating. """

    def to_dict(self) -> dict[str, Any]:
        en: None | str | Unset
        if isinstance(self.en, Unset):
            en = UNSET
        else:
            en = self.en

        sv: None | str | Unset
        if isinstance(self.sv, Unset):
            sv = UNSET
        else:
            sv = self.sv

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if en is not UNSET:
            field_dict["en"] = en
        if sv is not UNSET:
            field_dict["sv"] = sv

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_en(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        en = _parse_en(d.pop("en", UNSET))

        def _parse_sv(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sv = _parse_sv(d.pop("sv", UNSET))

        localized_text_update = cls(
            en=en,
            sv=sv,
        )

        return localized_text_update
