from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stats_dimension import StatsDimension
from ..models.stats_measure import StatsMeasure
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_dimension_info import StatsDimensionInfo
    from ..models.stats_margin import StatsMargin
    from ..models.stats_row import StatsRow
    from ..models.stats_table_units import StatsTableUnits


T = TypeVar("T", bound="StatsTable")


@_attrs_define
class StatsTable:
    """A statistic: cells, margins and total, with what its numbers mean."""

    group_by: list[StatsDimension]
    measures: list[StatsMeasure]
    units: StatsTableUnits
    """ Measure id → unit (`children`, `mentions`, `ratio` 0–1, `days`, `years`). """
    dimensions: list[StatsDimensionInfo]
    rows: list[StatsRow]
    """ Every combination of the group-by dimensions' values, zeros included, in value order. """
    margins: list[StatsMargin]
    """ Every proper subset of the group-by dimensions except the empty one, finest first. """
    total: StatsRow
    """ One cell: its dimension values and the requested measures (absent when not requested, or
    when undefined: a share whose group is empty). """
    share_denominator: list[StatsDimension] | Unset = UNSET
    """ The cells a `share` is taken of: the group-by without its last dimension (empty: of all
    children). Present when `share` is requested. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group_by = []
        for group_by_item_data in self.group_by:
            group_by_item = group_by_item_data.value
            group_by.append(group_by_item)

        measures = []
        for measures_item_data in self.measures:
            measures_item = measures_item_data.value
            measures.append(measures_item)

        units = self.units.to_dict()

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.to_dict()
            dimensions.append(dimensions_item)

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        margins = []
        for margins_item_data in self.margins:
            margins_item = margins_item_data.to_dict()
            margins.append(margins_item)

        total = self.total.to_dict()

        share_denominator: list[str] | Unset = UNSET
        if not isinstance(self.share_denominator, Unset):
            share_denominator = []
            for share_denominator_item_data in self.share_denominator:
                share_denominator_item = share_denominator_item_data.value
                share_denominator.append(share_denominator_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group_by": group_by,
                "measures": measures,
                "units": units,
                "dimensions": dimensions,
                "rows": rows,
                "margins": margins,
                "total": total,
            }
        )
        if share_denominator is not UNSET:
            field_dict["share_denominator"] = share_denominator

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_dimension_info import StatsDimensionInfo  # noqa: PLC0415
        from ..models.stats_margin import StatsMargin  # noqa: PLC0415
        from ..models.stats_row import StatsRow  # noqa: PLC0415
        from ..models.stats_table_units import StatsTableUnits  # noqa: PLC0415

        d = dict(src_dict)
        group_by = []
        _group_by = d.pop("group_by")
        for group_by_item_data in _group_by:
            group_by_item = StatsDimension(group_by_item_data)

            group_by.append(group_by_item)

        measures = []
        _measures = d.pop("measures")
        for measures_item_data in _measures:
            measures_item = StatsMeasure(measures_item_data)

            measures.append(measures_item)

        units = StatsTableUnits.from_dict(d.pop("units"))

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = StatsDimensionInfo.from_dict(dimensions_item_data)

            dimensions.append(dimensions_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = StatsRow.from_dict(rows_item_data)

            rows.append(rows_item)

        margins = []
        _margins = d.pop("margins")
        for margins_item_data in _margins:
            margins_item = StatsMargin.from_dict(margins_item_data)

            margins.append(margins_item)

        total = StatsRow.from_dict(d.pop("total"))

        _share_denominator = d.pop("share_denominator", UNSET)
        share_denominator: list[StatsDimension] | Unset = UNSET
        if _share_denominator is not UNSET:
            share_denominator = []
            for share_denominator_item_data in _share_denominator:
                share_denominator_item = StatsDimension(share_denominator_item_data)

                share_denominator.append(share_denominator_item)

        stats_table = cls(
            group_by=group_by,
            measures=measures,
            units=units,
            dimensions=dimensions,
            rows=rows,
            margins=margins,
            total=total,
            share_denominator=share_denominator,
        )

        stats_table.additional_properties = d
        return stats_table

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
