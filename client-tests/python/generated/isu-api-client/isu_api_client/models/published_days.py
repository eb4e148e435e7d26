from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_figure import CountFigure
    from ..models.derived_figure import DerivedFigure


T = TypeVar("T", bound="PublishedDays")


@_attrs_define
class PublishedDays:
    """Days in a cell, protected: no minimum or maximum (one child's value), percentiles rounded."""

    n: CountFigure
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    mean: DerivedFigure
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    median: DerivedFigure
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    p10: DerivedFigure
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    p90: DerivedFigure
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        n = self.n.to_dict()

        mean = self.mean.to_dict()

        median = self.median.to_dict()

        p10 = self.p10.to_dict()

        p90 = self.p90.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "n": n,
                "mean": mean,
                "median": median,
                "p10": p10,
                "p90": p90,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_figure import CountFigure  # noqa: PLC0415
        from ..models.derived_figure import DerivedFigure  # noqa: PLC0415

        d = dict(src_dict)
        n = CountFigure.from_dict(d.pop("n"))

        mean = DerivedFigure.from_dict(d.pop("mean"))

        median = DerivedFigure.from_dict(d.pop("median"))

        p10 = DerivedFigure.from_dict(d.pop("p10"))

        p90 = DerivedFigure.from_dict(d.pop("p90"))

        published_days = cls(
            n=n,
            mean=mean,
            median=median,
            p10=p10,
            p90=p90,
        )

        published_days.additional_properties = d
        return published_days

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
