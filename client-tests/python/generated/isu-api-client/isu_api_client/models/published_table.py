from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stats_dimension import StatsDimension
from ..models.stats_measure import StatsMeasure
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.published_dimension import PublishedDimension
    from ..models.published_margin import PublishedMargin
    from ..models.published_row import PublishedRow
    from ..models.published_table_units import PublishedTableUnits


T = TypeVar("T", bound="PublishedTable")


@_attrs_define
class PublishedTable:
    """One protected table of a release."""

    id: str
    """ Stable id, the same in every release (e.g. `d1_problem_areas`). """
    title: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    group_by: list[StatsDimension]
    measures: list[StatsMeasure]
    units: PublishedTableUnits
    dimensions: list[PublishedDimension]
    rows: list[PublishedRow]
    margins: list[PublishedMargin]
    total: PublishedRow
    """ One protected row. """
    share_denominator: list[StatsDimension] | Unset = UNSET
    """ The cells a share is taken of (see the statistics endpoint). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title.to_dict()

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
                "id": id,
                "title": title,
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
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.published_dimension import PublishedDimension  # noqa: PLC0415
        from ..models.published_margin import PublishedMargin  # noqa: PLC0415
        from ..models.published_row import PublishedRow  # noqa: PLC0415
        from ..models.published_table_units import PublishedTableUnits  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = LocalizedText.from_dict(d.pop("title"))

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

        units = PublishedTableUnits.from_dict(d.pop("units"))

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = PublishedDimension.from_dict(dimensions_item_data)

            dimensions.append(dimensions_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = PublishedRow.from_dict(rows_item_data)

            rows.append(rows_item)

        margins = []
        _margins = d.pop("margins")
        for margins_item_data in _margins:
            margins_item = PublishedMargin.from_dict(margins_item_data)

            margins.append(margins_item)

        total = PublishedRow.from_dict(d.pop("total"))

        _share_denominator = d.pop("share_denominator", UNSET)
        share_denominator: list[StatsDimension] | Unset = UNSET
        if _share_denominator is not UNSET:
            share_denominator = []
            for share_denominator_item_data in _share_denominator:
                share_denominator_item = StatsDimension(share_denominator_item_data)

                share_denominator.append(share_denominator_item)

        published_table = cls(
            id=id,
            title=title,
            group_by=group_by,
            measures=measures,
            units=units,
            dimensions=dimensions,
            rows=rows,
            margins=margins,
            total=total,
            share_denominator=share_denominator,
        )

        published_table.additional_properties = d
        return published_table

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
