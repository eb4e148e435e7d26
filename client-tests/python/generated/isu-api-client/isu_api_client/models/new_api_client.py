from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewApiClient")


@_attrs_define
class NewApiClient:
    """A new API client.

    Example:
        {'name': 'Treserva — Söderhamn', 'role': 'vendor', 'units': ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10']}

    """

    name: str
    """ A name people recognise (1–200 characters). """
    role: Role
    """ What a client is. Each operation in the contract states which roles may call it. """
    units: list[str] | Unset = UNSET
    """ For vendors and registrars: unit ids. """
    municipalities: list[str] | Unset = UNSET
    """ For vendors and registrars: municipality codes (all their units). """
    region: None | str | Unset = UNSET
    """ For region analysts: the region id. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        units: list[str] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = self.units

        municipalities: list[str] | Unset = UNSET
        if not isinstance(self.municipalities, Unset):
            municipalities = self.municipalities

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )
        if units is not UNSET:
            field_dict["units"] = units
        if municipalities is not UNSET:
            field_dict["municipalities"] = municipalities
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = Role(d.pop("role"))

        units = cast(list[str], d.pop("units", UNSET))

        municipalities = cast(list[str], d.pop("municipalities", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        new_api_client = cls(
            name=name,
            role=role,
            units=units,
            municipalities=municipalities,
            region=region,
        )

        return new_api_client
