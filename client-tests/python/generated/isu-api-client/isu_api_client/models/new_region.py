from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewRegion")


@_attrs_define
class NewRegion:
    """A new region.

    Example:
        {'municipalities': ['1490', '1491'], 'name': 'FoU Sjuhärad'}

    """

    name: str
    """ Name (1–200 characters), unique ignoring case. """
    id: None | str | Unset = UNSET
    """ Slug id (1–64 of `a-z`, `0-9`, `-`). Default: derived from the name
    (`FoU Välfärd Gävleborg` → `fou-valfard-gavleborg`). """
    municipalities: list[str] | Unset = UNSET
    """ Member municipality codes; none may already belong to another region. Default: none. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        municipalities: list[str] | Unset = UNSET
        if not isinstance(self.municipalities, Unset):
            municipalities = self.municipalities

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        municipalities = cast(list[str], d.pop("municipalities", UNSET))

        new_region = cls(
            name=name,
            id=id,
            municipalities=municipalities,
        )

        return new_region
