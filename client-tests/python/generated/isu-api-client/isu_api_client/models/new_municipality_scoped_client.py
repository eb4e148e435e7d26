from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.new_municipality_scoped_client_role import NewMunicipalityScopedClientRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewMunicipalityScopedClient")


@_attrs_define
class NewMunicipalityScopedClient:
    """A vendor or registrar scoped to all units of municipalities."""

    municipalities: list[str]
    """ Municipality codes (SCB, four digits): all their units. """
    name: str
    """ A name people recognise (1–200 characters). """
    role: NewMunicipalityScopedClientRole
    region: None | Unset = UNSET
    """ Not for this role. """
    units: list[UUID] | Unset = UNSET
    """ Empty if given (see NewUnitScopedClient). """

    def to_dict(self) -> dict[str, Any]:
        municipalities = self.municipalities

        name = self.name

        role = self.role.value

        region = self.region

        units: list[str] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = []
            for units_item_data in self.units:
                units_item = str(units_item_data)
                units.append(units_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "municipalities": municipalities,
                "name": name,
                "role": role,
            }
        )
        if region is not UNSET:
            field_dict["region"] = region
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        municipalities = cast(list[str], d.pop("municipalities"))

        name = d.pop("name")

        role = NewMunicipalityScopedClientRole(d.pop("role"))

        region = d.pop("region", UNSET)

        _units = d.pop("units", UNSET)
        units: list[UUID] | Unset = UNSET
        if _units is not UNSET:
            units = []
            for units_item_data in _units:
                units_item = UUID(units_item_data)

                units.append(units_item)

        new_municipality_scoped_client = cls(
            municipalities=municipalities,
            name=name,
            role=role,
            region=region,
            units=units,
        )

        return new_municipality_scoped_client
