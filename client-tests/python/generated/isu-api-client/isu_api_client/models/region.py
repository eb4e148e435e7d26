from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.region_municipality import RegionMunicipality


T = TypeVar("T", bound="Region")


@_attrs_define
class Region:
    """A region: an FoU unit and the municipalities it covers. Region analysts read the cases of its
    municipalities; statistics by region partition the country, since a municipality belongs to at
    most one region.

    """

    id: str
    """ Stable slug id. """
    name: str
    municipalities: list[RegionMunicipality]
    """ The member municipalities, by code. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        municipalities = []
        for municipalities_item_data in self.municipalities:
            municipalities_item = municipalities_item_data.to_dict()
            municipalities.append(municipalities_item)

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "municipalities": municipalities,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.region_municipality import RegionMunicipality  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        municipalities = []
        _municipalities = d.pop("municipalities")
        for municipalities_item_data in _municipalities:
            municipalities_item = RegionMunicipality.from_dict(municipalities_item_data)

            municipalities.append(municipalities_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        region = cls(
            id=id,
            name=name,
            municipalities=municipalities,
            created_at=created_at,
            updated_at=updated_at,
        )

        region.additional_properties = d
        return region

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
