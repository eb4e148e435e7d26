from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.stats_table import StatsTable


T = TypeVar("T", bound="ReportTable")


@_attrs_define
class ReportTable:
    """One table of the yearly report."""

    id: str
    """ Stable id, e.g. `d1_problem_areas`. """
    title: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    table: StatsTable
    """ A statistic: cells, margins and total, with what its numbers mean. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title.to_dict()

        table = self.table.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.stats_table import StatsTable  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = LocalizedText.from_dict(d.pop("title"))

        table = StatsTable.from_dict(d.pop("table"))

        report_table = cls(
            id=id,
            title=title,
            table=table,
        )

        report_table.additional_properties = d
        return report_table

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
