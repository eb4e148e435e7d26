from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiClient")


@_attrs_define
class ApiClient:
    """An API client and its tenancy. The secret is never shown again after creation or rotation.

    Example:
        {'client_id': 'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'created_at': '2026-11-25T08:00:00Z', 'municipalities': [], 'name':
            'Treserva — Söderhamn', 'region': None, 'revoked_at': None, 'role': 'vendor', 'units':
            ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10'], 'updated_at': '2026-11-25T08:00:00Z'}

    """

    client_id: str
    name: str
    role: Role
    """ What a client is. Each operation in the contract states which roles may call it. """
    units: list[str]
    """ Units whose cases the client may write and read (vendor, registrar). """
    municipalities: list[str]
    """ Municipalities all of whose units the client may write and read (vendor, registrar). """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    region: None | str | Unset = UNSET
    """ The region of a region analyst. """
    revoked_at: datetime.datetime | None | Unset = UNSET
    """ When the client was revoked; its tokens then stop working (within 30 s). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        role = self.role.value

        units = self.units

        municipalities = self.municipalities

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        revoked_at: None | str | Unset
        if isinstance(self.revoked_at, Unset):
            revoked_at = UNSET
        elif isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "name": name,
                "role": role,
                "units": units,
                "municipalities": municipalities,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if region is not UNSET:
            field_dict["region"] = region
        if revoked_at is not UNSET:
            field_dict["revoked_at"] = revoked_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        role = Role(d.pop("role"))

        units = cast(list[str], d.pop("units"))

        municipalities = cast(list[str], d.pop("municipalities"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_revoked_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at", UNSET))

        api_client = cls(
            client_id=client_id,
            name=name,
            role=role,
            units=units,
            municipalities=municipalities,
            created_at=created_at,
            updated_at=updated_at,
            region=region,
            revoked_at=revoked_at,
        )

        api_client.additional_properties = d
        return api_client

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
