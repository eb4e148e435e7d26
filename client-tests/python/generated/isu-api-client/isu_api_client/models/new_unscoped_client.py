from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.new_unscoped_client_role import NewUnscopedClientRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewUnscopedClient")


@_attrs_define
class NewUnscopedClient:
    """An admin or an analyst: no tenancy."""

    name: str
    """ A name people recognise (1–200 characters). """
    role: NewUnscopedClientRole
    municipalities: list[str] | Unset = UNSET
    """ Not for this role: empty if given. """
    region: None | Unset = UNSET
    """ Not for this role. """
    units: list[UUID] | Unset = UNSET
    """ Not for this role: empty if given. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        municipalities: list[str] | Unset = UNSET
        if not isinstance(self.municipalities, Unset):
            municipalities = self.municipalities

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
                "name": name,
                "role": role,
            }
        )
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities
        if region is not UNSET:
            field_dict["region"] = region
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = NewUnscopedClientRole(d.pop("role"))

        municipalities = cast(list[str], d.pop("municipalities", UNSET))

        region = d.pop("region", UNSET)

        _units = d.pop("units", UNSET)
        units: list[UUID] | Unset = UNSET
        if _units is not UNSET:
            units = []
            for units_item_data in _units:
                units_item = UUID(units_item_data)

                units.append(units_item)

        new_unscoped_client = cls(
            name=name,
            role=role,
            municipalities=municipalities,
            region=region,
            units=units,
        )

        return new_unscoped_client
