from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.api_client import ApiClient


T = TypeVar("T", bound="ApiClientWithSecret")


@_attrs_define
class ApiClientWithSecret:
    """A client with its secret, shown once.

    Example:
        {'client': {'client_id': 'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'created_at': '2026-11-25T08:00:00Z', 'municipalities':
            [], 'name': 'FoU Välfärd Gävleborg', 'region': 'fou-valfard-gavleborg', 'revoked_at': None, 'role':
            'region_analyst', 'units': [], 'updated_at': '2026-11-25T08:00:00Z'}, 'client_secret':
            'q8N2m7m3O0mB0b2vQ7d5l8r9S1t4u6w8y0z2A4c6e8g'}

    """

    client: ApiClient
    """ An API client and its tenancy. The secret is never shown again after creation or rotation. """
    client_secret: str
    """ The secret. Store it now: only its hash is kept. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client = self.client.to_dict()

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client": client,
                "client_secret": client_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_client import ApiClient  # noqa: PLC0415

        d = dict(src_dict)
        client = ApiClient.from_dict(d.pop("client"))

        client_secret = d.pop("client_secret")

        api_client_with_secret = cls(
            client=client,
            client_secret=client_secret,
        )

        api_client_with_secret.additional_properties = d
        return api_client_with_secret

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
