from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NamedMethod")


@_attrs_define
class NamedMethod:
    """A named method as stored: the text sent, and the registry method it maps to (if any)."""

    name: str
    method_id: None | str | Unset = UNSET
    """ Registry id; null for free text the registry does not (yet) know. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        method_id: None | str | Unset
        if isinstance(self.method_id, Unset):
            method_id = UNSET
        else:
            method_id = self.method_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if method_id is not UNSET:
            field_dict["method_id"] = method_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_method_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        method_id = _parse_method_id(d.pop("method_id", UNSET))

        named_method = cls(
            name=name,
            method_id=method_id,
        )

        named_method.additional_properties = d
        return named_method

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
