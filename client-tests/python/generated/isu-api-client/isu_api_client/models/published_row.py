from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.count_figure import CountFigure
    from ..models.derived_figure import DerivedFigure
    from ..models.published_age import PublishedAge
    from ..models.published_combination import PublishedCombination
    from ..models.published_days import PublishedDays
    from ..models.published_row_dimensions import PublishedRowDimensions


T = TypeVar("T", bound="PublishedRow")


@_attrs_define
class PublishedRow:
    """One protected row."""

    dimensions: PublishedRowDimensions
    """ Dimension id → value code. Empty for the total. """
    children: CountFigure | Unset = UNSET
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    share: DerivedFigure | Unset = UNSET
    """ A protected derived figure (share 0–1, mean, median, percentile). """
    mentions: CountFigure | Unset = UNSET
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    alone: CountFigure | Unset = UNSET
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    combinations: list[PublishedCombination] | Unset = UNSET
    """ Every pair of problem areas, zeros included. """
    intervention_days: PublishedDays | Unset = UNSET
    """ Days in a cell, protected: no minimum or maximum (one child's value), percentiles rounded. """
    enrolment_days: PublishedDays | Unset = UNSET
    """ Days in a cell, protected: no minimum or maximum (one child's value), percentiles rounded. """
    age: PublishedAge | Unset = UNSET
    """ Age in a cell, protected: the mean only. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dimensions = self.dimensions.to_dict()

        children: dict[str, Any] | Unset = UNSET
        if not isinstance(self.children, Unset):
            children = self.children.to_dict()

        share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share, Unset):
            share = self.share.to_dict()

        mentions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mentions, Unset):
            mentions = self.mentions.to_dict()

        alone: dict[str, Any] | Unset = UNSET
        if not isinstance(self.alone, Unset):
            alone = self.alone.to_dict()

        combinations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.combinations, Unset):
            combinations = []
            for combinations_item_data in self.combinations:
                combinations_item = combinations_item_data.to_dict()
                combinations.append(combinations_item)

        intervention_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.intervention_days, Unset):
            intervention_days = self.intervention_days.to_dict()

        enrolment_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.enrolment_days, Unset):
            enrolment_days = self.enrolment_days.to_dict()

        age: dict[str, Any] | Unset = UNSET
        if not isinstance(self.age, Unset):
            age = self.age.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dimensions": dimensions,
            }
        )
        if children is not UNSET:
            field_dict["children"] = children
        if share is not UNSET:
            field_dict["share"] = share
        if mentions is not UNSET:
            field_dict["mentions"] = mentions
        if alone is not UNSET:
            field_dict["alone"] = alone
        if combinations is not UNSET:
            field_dict["combinations"] = combinations
        if intervention_days is not UNSET:
            field_dict["intervention_days"] = intervention_days
        if enrolment_days is not UNSET:
            field_dict["enrolment_days"] = enrolment_days
        if age is not UNSET:
            field_dict["age"] = age

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_figure import CountFigure  # noqa: PLC0415
        from ..models.derived_figure import DerivedFigure  # noqa: PLC0415
        from ..models.published_age import PublishedAge  # noqa: PLC0415
        from ..models.published_combination import PublishedCombination  # noqa: PLC0415
        from ..models.published_days import PublishedDays  # noqa: PLC0415
        from ..models.published_row_dimensions import PublishedRowDimensions  # noqa: PLC0415

        d = dict(src_dict)
        dimensions = PublishedRowDimensions.from_dict(d.pop("dimensions"))

        _children = d.pop("children", UNSET)
        children: CountFigure | Unset
        if isinstance(_children, Unset):
            children = UNSET
        else:
            children = CountFigure.from_dict(_children)

        _share = d.pop("share", UNSET)
        share: DerivedFigure | Unset
        if isinstance(_share, Unset):
            share = UNSET
        else:
            share = DerivedFigure.from_dict(_share)

        _mentions = d.pop("mentions", UNSET)
        mentions: CountFigure | Unset
        if isinstance(_mentions, Unset):
            mentions = UNSET
        else:
            mentions = CountFigure.from_dict(_mentions)

        _alone = d.pop("alone", UNSET)
        alone: CountFigure | Unset
        if isinstance(_alone, Unset):
            alone = UNSET
        else:
            alone = CountFigure.from_dict(_alone)

        _combinations = d.pop("combinations", UNSET)
        combinations: list[PublishedCombination] | Unset = UNSET
        if _combinations is not UNSET:
            combinations = []
            for combinations_item_data in _combinations:
                combinations_item = PublishedCombination.from_dict(combinations_item_data)

                combinations.append(combinations_item)

        _intervention_days = d.pop("intervention_days", UNSET)
        intervention_days: PublishedDays | Unset
        if isinstance(_intervention_days, Unset):
            intervention_days = UNSET
        else:
            intervention_days = PublishedDays.from_dict(_intervention_days)

        _enrolment_days = d.pop("enrolment_days", UNSET)
        enrolment_days: PublishedDays | Unset
        if isinstance(_enrolment_days, Unset):
            enrolment_days = UNSET
        else:
            enrolment_days = PublishedDays.from_dict(_enrolment_days)

        _age = d.pop("age", UNSET)
        age: PublishedAge | Unset
        if isinstance(_age, Unset):
            age = UNSET
        else:
            age = PublishedAge.from_dict(_age)

        published_row = cls(
            dimensions=dimensions,
            children=children,
            share=share,
            mentions=mentions,
            alone=alone,
            combinations=combinations,
            intervention_days=intervention_days,
            enrolment_days=enrolment_days,
            age=age,
        )

        published_row.additional_properties = d
        return published_row

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
