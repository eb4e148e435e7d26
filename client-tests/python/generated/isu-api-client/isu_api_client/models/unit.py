from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Unit")


@_attrs_define
class Unit:
    """An outpatient unit: cases are registered for a unit.

    Example:
        {'created_at': '2026-11-25T08:00:00Z', 'id': '0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10', 'municipality': '2182',
            'municipality_name': 'Söderhamn', 'name': 'Familjeteamet', 'region': 'fou-valfard-gavleborg', 'updated_at':
            '2026-11-25T08:00:00Z'}

    """

    id: str
    """ The unit id (UUID), used in case URLs and in vendor clients' tenancy. """
    name: str
    """ Name, unique within the municipality (ignoring case). """
    municipality: str
    """ SCB code of the municipality the unit belongs to. """
    municipality_name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    region: None | str | Unset = UNSET
    """ The region of the unit's municipality, or `null`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        municipality = self.municipality

        municipality_name = self.municipality_name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "municipality": municipality,
                "municipality_name": municipality_name,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        municipality = d.pop("municipality")

        municipality_name = d.pop("municipality_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        unit = cls(
            id=id,
            name=name,
            municipality=municipality,
            municipality_name=municipality_name,
            created_at=created_at,
            updated_at=updated_at,
            region=region,
        )

        unit.additional_properties = d
        return unit

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
