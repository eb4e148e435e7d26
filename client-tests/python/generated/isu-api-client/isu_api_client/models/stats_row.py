from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.age_summary import AgeSummary
    from ..models.coverage_figure import CoverageFigure
    from ..models.days_summary import DaysSummary
    from ..models.problem_area_combination import ProblemAreaCombination
    from ..models.stats_row_dimensions import StatsRowDimensions


T = TypeVar("T", bound="StatsRow")


@_attrs_define
class StatsRow:
    """One cell: its dimension values and the requested measures (absent when not requested, or
    when undefined: a share whose group is empty).

        Example:
            {'children': 412, 'dimensions': {'gender': 'girl'}, 'share': 0.47}

    """

    dimensions: StatsRowDimensions
    """ Dimension id → value code. Empty for the grand total. """
    children: int | None | Unset = UNSET
    share: float | None | Unset = UNSET
    """ Between 0 and 1. """
    mentions: int | None | Unset = UNSET
    alone: int | None | Unset = UNSET
    combinations: list[ProblemAreaCombination] | Unset = UNSET
    """ Pairs named together by at least one child. """
    intervention_days: DaysSummary | Unset = UNSET
    """ n, mean, median, 10th and 90th percentiles, min and max of a set of day counts. """
    enrolment_days: DaysSummary | Unset = UNSET
    """ n, mean, median, 10th and 90th percentiles, min and max of a set of day counts. """
    age: AgeSummary | Unset = UNSET
    """ Mean, min and max age at referral. """
    coverage: CoverageFigure | Unset = UNSET
    """ Coverage of a cell: what was registered against what the units say they closed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dimensions = self.dimensions.to_dict()

        children: int | None | Unset
        if isinstance(self.children, Unset):
            children = UNSET
        else:
            children = self.children

        share: float | None | Unset
        if isinstance(self.share, Unset):
            share = UNSET
        else:
            share = self.share

        mentions: int | None | Unset
        if isinstance(self.mentions, Unset):
            mentions = UNSET
        else:
            mentions = self.mentions

        alone: int | None | Unset
        if isinstance(self.alone, Unset):
            alone = UNSET
        else:
            alone = self.alone

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

        coverage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.coverage, Unset):
            coverage = self.coverage.to_dict()

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
        if coverage is not UNSET:
            field_dict["coverage"] = coverage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.age_summary import AgeSummary  # noqa: PLC0415
        from ..models.coverage_figure import CoverageFigure  # noqa: PLC0415
        from ..models.days_summary import DaysSummary  # noqa: PLC0415
        from ..models.problem_area_combination import ProblemAreaCombination  # noqa: PLC0415
        from ..models.stats_row_dimensions import StatsRowDimensions  # noqa: PLC0415

        d = dict(src_dict)
        dimensions = StatsRowDimensions.from_dict(d.pop("dimensions"))

        def _parse_children(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        children = _parse_children(d.pop("children", UNSET))

        def _parse_share(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        share = _parse_share(d.pop("share", UNSET))

        def _parse_mentions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        mentions = _parse_mentions(d.pop("mentions", UNSET))

        def _parse_alone(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        alone = _parse_alone(d.pop("alone", UNSET))

        _combinations = d.pop("combinations", UNSET)
        combinations: list[ProblemAreaCombination] | Unset = UNSET
        if _combinations is not UNSET:
            combinations = []
            for combinations_item_data in _combinations:
                combinations_item = ProblemAreaCombination.from_dict(combinations_item_data)

                combinations.append(combinations_item)

        _intervention_days = d.pop("intervention_days", UNSET)
        intervention_days: DaysSummary | Unset
        if isinstance(_intervention_days, Unset):
            intervention_days = UNSET
        else:
            intervention_days = DaysSummary.from_dict(_intervention_days)

        _enrolment_days = d.pop("enrolment_days", UNSET)
        enrolment_days: DaysSummary | Unset
        if isinstance(_enrolment_days, Unset):
            enrolment_days = UNSET
        else:
            enrolment_days = DaysSummary.from_dict(_enrolment_days)

        _age = d.pop("age", UNSET)
        age: AgeSummary | Unset
        if isinstance(_age, Unset):
            age = UNSET
        else:
            age = AgeSummary.from_dict(_age)

        _coverage = d.pop("coverage", UNSET)
        coverage: CoverageFigure | Unset
        if isinstance(_coverage, Unset):
            coverage = UNSET
        else:
            coverage = CoverageFigure.from_dict(_coverage)

        stats_row = cls(
            dimensions=dimensions,
            children=children,
            share=share,
            mentions=mentions,
            alone=alone,
            combinations=combinations,
            intervention_days=intervention_days,
            enrolment_days=enrolment_days,
            age=age,
            coverage=coverage,
        )

        stats_row.additional_properties = d
        return stats_row

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
