from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegionUpdate")


@_attrs_define
class RegionUpdate:
    """Changes to a region; absent (or `null`) fields stay as they are.

    Example:
        {'municipalities': ['0123', '0125', '0139', '0160', '0163', '0183', '0184', '0191']}

    """

    name: None | str | Unset = UNSET
    """ New name (1–200 characters), unique ignoring case. """
    municipalities: list[str] | None | Unset = UNSET
    """ The complete new list of member municipalities (replaces the old one). A municipality of
    another region must first be removed there. """

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        municipalities: list[str] | None | Unset
        if isinstance(self.municipalities, Unset):
            municipalities = UNSET
        elif isinstance(self.municipalities, list):
            municipalities = self.municipalities

        else:
            municipalities = self.municipalities

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_municipalities(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                municipalities_type_0 = cast(list[str], data)

                return municipalities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        municipalities = _parse_municipalities(d.pop("municipalities", UNSET))

        region_update = cls(
            name=name,
            municipalities=municipalities,
        )

        return region_update
