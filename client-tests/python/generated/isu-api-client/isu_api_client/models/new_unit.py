from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewUnit")


@_attrs_define
class NewUnit:
    """A new unit.

    Example:
        {'municipality': '2182', 'name': 'Familjeteamet'}

    """

    municipality: str
    """ SCB code of the municipality (four digits). Fixed once the unit exists. """
    name: str
    """ Name (1–200 characters), unique within the municipality ignoring case. """

    def to_dict(self) -> dict[str, Any]:
        municipality = self.municipality

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "municipality": municipality,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        municipality = d.pop("municipality")

        name = d.pop("name")

        new_unit = cls(
            municipality=municipality,
            name=name,
        )

        return new_unit
