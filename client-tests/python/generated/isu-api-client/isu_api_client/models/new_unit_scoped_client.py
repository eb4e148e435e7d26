from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.new_unit_scoped_client_role import NewUnitScopedClientRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewUnitScopedClient")


@_attrs_define
class NewUnitScopedClient:
    """A vendor or registrar scoped to units (and optionally to all units of municipalities)."""

    name: str
    """ A name people recognise (1–200 characters). """
    role: NewUnitScopedClientRole
    units: list[UUID]
    """ Unit ids (UUIDs) whose cases the client may write and read. """
    municipalities: list[str] | Unset = UNSET
    """ Municipality codes (SCB, four digits): all their units. """
    region: None | Unset = UNSET
    """ Not for this role. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        units = []
        for units_item_data in self.units:
            units_item = str(units_item_data)
            units.append(units_item)

        municipalities: list[str] | Unset = UNSET
        if not isinstance(self.municipalities, Unset):
            municipalities = self.municipalities

        region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
                "units": units,
            }
        )
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = NewUnitScopedClientRole(d.pop("role"))

        units = []
        _units = d.pop("units")
        for units_item_data in _units:
            units_item = UUID(units_item_data)

            units.append(units_item)

        municipalities = cast(list[str], d.pop("municipalities", UNSET))

        region = d.pop("region", UNSET)

        new_unit_scoped_client = cls(
            name=name,
            role=role,
            units=units,
            municipalities=municipalities,
            region=region,
        )

        return new_unit_scoped_client
