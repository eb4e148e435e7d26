from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.release_method import ReleaseMethod

T = TypeVar("T", bound="JsonStatRelease")


@_attrs_define
class JsonStatRelease:
    """The release a dataset is from."""

    id: str
    scope: str
    """ A region id or `national`. """
    year: int
    version: int
    created_at: datetime.datetime
    method: ReleaseMethod
    """ How a release is protected. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        scope = self.scope

        year = self.year

        version = self.version

        created_at = self.created_at.isoformat()

        method = self.method.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "scope": scope,
                "year": year,
                "version": version,
                "created_at": created_at,
                "method": method,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        scope = d.pop("scope")

        year = d.pop("year")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        method = ReleaseMethod(d.pop("method"))

        json_stat_release = cls(
            id=id,
            scope=scope,
            year=year,
            version=version,
            created_at=created_at,
            method=method,
        )

        json_stat_release.additional_properties = d
        return json_stat_release

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
