from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Coverage")


@_attrs_define
class Coverage:
    """
    Example:
        {'closed_cases': 212, 'quarters': [48, 55, 51, 58], 'unit_id': '0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10',
            'updated_at': '2026-11-25T08:00:00Z', 'year': 2026}

    """

    unit_id: str
    year: int
    closed_cases: int
    updated_at: datetime.datetime
    quarters: list[int] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unit_id = self.unit_id

        year = self.year

        closed_cases = self.closed_cases

        updated_at = self.updated_at.isoformat()

        quarters: list[int] | None | Unset
        if isinstance(self.quarters, Unset):
            quarters = UNSET
        elif isinstance(self.quarters, list):
            quarters = self.quarters

        else:
            quarters = self.quarters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unit_id": unit_id,
                "year": year,
                "closed_cases": closed_cases,
                "updated_at": updated_at,
            }
        )
        if quarters is not UNSET:
            field_dict["quarters"] = quarters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unit_id = d.pop("unit_id")

        year = d.pop("year")

        closed_cases = d.pop("closed_cases")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_quarters(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                quarters_type_0 = cast(list[int], data)

                return quarters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        quarters = _parse_quarters(d.pop("quarters", UNSET))

        coverage = cls(
            unit_id=unit_id,
            year=year,
            closed_cases=closed_cases,
            updated_at=updated_at,
            quarters=quarters,
        )

        coverage.additional_properties = d
        return coverage

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
