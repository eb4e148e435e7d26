from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.derived_figure import DerivedFigure


T = TypeVar("T", bound="PublishedAge")


@_attrs_define
class PublishedAge:
    """Age in a cell, protected: the mean only."""

    mean: DerivedFigure
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mean": mean,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.derived_figure import DerivedFigure  # noqa: PLC0415

        d = dict(src_dict)
        mean = DerivedFigure.from_dict(d.pop("mean"))

        published_age = cls(
            mean=mean,
        )

        published_age.additional_properties = d
        return published_age

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
