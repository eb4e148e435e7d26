from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.new_region_analyst_client_role import NewRegionAnalystClientRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewRegionAnalystClient")


@_attrs_define
class NewRegionAnalystClient:
    """A region analyst: reads its region's cases."""

    name: str
    """ A name people recognise (1–200 characters). """
    region: str
    """ The region id. """
    role: NewRegionAnalystClientRole
    municipalities: list[str] | Unset = UNSET
    """ Not for this role: empty if given. """
    units: list[UUID] | Unset = UNSET
    """ Not for this role: empty if given. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        region = self.region

        role = self.role.value

        municipalities: list[str] | Unset = UNSET
        if not isinstance(self.municipalities, Unset):
            municipalities = self.municipalities

        units: list[str] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = []
            for units_item_data in self.units:
                units_item = str(units_item_data)
                units.append(units_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "region": region,
                "role": role,
            }
        )
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        region = d.pop("region")

        role = NewRegionAnalystClientRole(d.pop("role"))

        municipalities = cast(list[str], d.pop("municipalities", UNSET))

        _units = d.pop("units", UNSET)
        units: list[UUID] | Unset = UNSET
        if _units is not UNSET:
            units = []
            for units_item_data in _units:
                units_item = UUID(units_item_data)

                units.append(units_item)

        new_region_analyst_client = cls(
            name=name,
            region=region,
            role=role,
            municipalities=municipalities,
            units=units,
        )

        return new_region_analyst_client
