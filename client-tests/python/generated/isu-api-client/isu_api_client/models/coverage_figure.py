from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CoverageFigure")


@_attrs_define
class CoverageFigure:
    """Coverage of a cell: what was registered against what the units say they closed."""

    registered: int
    """ Records registered in the cell. """
    closed_reported: int
    """ Closed cases reported by the cell's units (only units that reported for the year). """
    registered_of_reporting: int
    """ Records of the units and years that reported closures. """
    ratio: float | None | Unset = UNSET
    """ `registered_of_reporting` ÷ `closed_reported`; null when nothing was reported. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registered = self.registered

        closed_reported = self.closed_reported

        registered_of_reporting = self.registered_of_reporting

        ratio: float | None | Unset
        if isinstance(self.ratio, Unset):
            ratio = UNSET
        else:
            ratio = self.ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registered": registered,
                "closed_reported": closed_reported,
                "registered_of_reporting": registered_of_reporting,
            }
        )
        if ratio is not UNSET:
            field_dict["ratio"] = ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        registered = d.pop("registered")

        closed_reported = d.pop("closed_reported")

        registered_of_reporting = d.pop("registered_of_reporting")

        def _parse_ratio(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ratio = _parse_ratio(d.pop("ratio", UNSET))

        coverage_figure = cls(
            registered=registered,
            closed_reported=closed_reported,
            registered_of_reporting=registered_of_reporting,
            ratio=ratio,
        )

        coverage_figure.additional_properties = d
        return coverage_figure

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
