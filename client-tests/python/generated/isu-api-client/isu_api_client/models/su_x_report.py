from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_table import ReportTable
    from ..models.stats_metadata import StatsMetadata


T = TypeVar("T", bound="SuXReport")


@_attrs_define
class SuXReport:
    """The yearly SU-X report of a region (optionally one municipality)."""

    year: int
    metadata: StatsMetadata
    """ What a figure covers and how it was made. """
    tables: list[ReportTable]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        year = self.year

        metadata = self.metadata.to_dict()

        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "year": year,
                "metadata": metadata,
                "tables": tables,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_table import ReportTable  # noqa: PLC0415
        from ..models.stats_metadata import StatsMetadata  # noqa: PLC0415

        d = dict(src_dict)
        year = d.pop("year")

        metadata = StatsMetadata.from_dict(d.pop("metadata"))

        tables = []
        _tables = d.pop("tables")
        for tables_item_data in _tables:
            tables_item = ReportTable.from_dict(tables_item_data)

            tables.append(tables_item)

        su_x_report = cls(
            year=year,
            metadata=metadata,
            tables=tables,
        )

        su_x_report.additional_properties = d
        return su_x_report

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
