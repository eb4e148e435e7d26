from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Municipality")


@_attrs_define
class Municipality:
    """A municipality (kommun) with its county and, if any, the region it belongs to.

    Example:
        {'code': '2182', 'county_code': '21', 'county_name': 'Gävleborgs län', 'name': 'Söderhamn', 'region': 'fou-
            valfard-gavleborg'}

    """

    code: str
    """ SCB municipality code (kommunkod), four digits. """
    name: str
    county_code: str
    """ SCB county code, two digits (the first two of `code`). """
    county_name: str
    """ Name of the county (län). """
    region: None | str | Unset = UNSET
    """ Id of the region the municipality belongs to (at most one), or `null`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        county_code = self.county_code

        county_name = self.county_name

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "name": name,
                "county_code": county_code,
                "county_name": county_name,
            }
        )
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        county_code = d.pop("county_code")

        county_name = d.pop("county_name")

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        municipality = cls(
            code=code,
            name=name,
            county_code=county_code,
            county_name=county_name,
            region=region,
        )

        municipality.additional_properties = d
        return municipality

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
