from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JsonStatRole")


@_attrs_define
class JsonStatRole:
    """Which dimensions are time, geography and measures."""

    metric: list[str]
    time: list[str] | Unset = UNSET
    geo: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        time: list[str] | Unset = UNSET
        if not isinstance(self.time, Unset):
            time = self.time

        geo: list[str] | Unset = UNSET
        if not isinstance(self.geo, Unset):
            geo = self.geo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
            }
        )
        if time is not UNSET:
            field_dict["time"] = time
        if geo is not UNSET:
            field_dict["geo"] = geo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        metric = cast(list[str], d.pop("metric"))

        time = cast(list[str], d.pop("time", UNSET))

        geo = cast(list[str], d.pop("geo", UNSET))

        json_stat_role = cls(
            metric=metric,
            time=time,
            geo=geo,
        )

        json_stat_role.additional_properties = d
        return json_stat_role

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
