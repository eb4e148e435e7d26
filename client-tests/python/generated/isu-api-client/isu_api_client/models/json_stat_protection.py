from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.release_method import ReleaseMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cell_key_method import CellKeyMethod


T = TypeVar("T", bound="JsonStatProtection")


@_attrs_define
class JsonStatProtection:
    """The protection of published figures."""

    name: str
    """ The method's name. """
    description: str
    """ The method, in words (as in the release). """
    k: int
    """ Counts 1..k−1 are hidden. """
    min_group: int
    """ Shares, means, medians and percentiles only over groups at least this large. """
    percentile_rounding_days: int
    """ Percentiles are rounded to this many days. """
    method: ReleaseMethod
    """ How a release is protected. """
    cell_key: CellKeyMethod | Unset = UNSET
    """ How a protected answer was protected (the method and its parameters; the keys stay secret). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        k = self.k

        min_group = self.min_group

        percentile_rounding_days = self.percentile_rounding_days

        method = self.method.value

        cell_key: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cell_key, Unset):
            cell_key = self.cell_key.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "k": k,
                "min_group": min_group,
                "percentile_rounding_days": percentile_rounding_days,
                "method": method,
            }
        )
        if cell_key is not UNSET:
            field_dict["cell_key"] = cell_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cell_key_method import CellKeyMethod  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        k = d.pop("k")

        min_group = d.pop("min_group")

        percentile_rounding_days = d.pop("percentile_rounding_days")

        method = ReleaseMethod(d.pop("method"))

        _cell_key = d.pop("cell_key", UNSET)
        cell_key: CellKeyMethod | Unset
        if isinstance(_cell_key, Unset):
            cell_key = UNSET
        else:
            cell_key = CellKeyMethod.from_dict(_cell_key)

        json_stat_protection = cls(
            name=name,
            description=description,
            k=k,
            min_group=min_group,
            percentile_rounding_days=percentile_rounding_days,
            method=method,
            cell_key=cell_key,
        )

        json_stat_protection.additional_properties = d
        return json_stat_protection

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
