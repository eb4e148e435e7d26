from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProtectionParameters")


@_attrs_define
class ProtectionParameters:
    """Protection parameters (configuration; stated in every release)."""

    k: int
    """ Counts 1..k−1 are suppressed (shown as "≤k−1"). At least 3. """
    min_group: int
    """ Shares, means, medians and percentiles only for groups of at least this many children. """
    percentile_rounding_days: int
    """ Percentiles are rounded to this many days. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        k = self.k

        min_group = self.min_group

        percentile_rounding_days = self.percentile_rounding_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "k": k,
                "min_group": min_group,
                "percentile_rounding_days": percentile_rounding_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        k = d.pop("k")

        min_group = d.pop("min_group")

        percentile_rounding_days = d.pop("percentile_rounding_days")

        protection_parameters = cls(
            k=k,
            min_group=min_group,
            percentile_rounding_days=percentile_rounding_days,
        )

        protection_parameters.additional_properties = d
        return protection_parameters

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
