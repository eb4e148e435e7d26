from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.comparison_entry import ComparisonEntry


T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """Tables side by side."""

    table: str
    year: int
    entries: list[ComparisonEntry]
    """ From the latest release of each scope that has one, in the order asked. """
    missing: list[str]
    """ Scopes asked for without a release of the year. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        table = self.table

        year = self.year

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        missing = self.missing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "table": table,
                "year": year,
                "entries": entries,
                "missing": missing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.comparison_entry import ComparisonEntry  # noqa: PLC0415

        d = dict(src_dict)
        table = d.pop("table")

        year = d.pop("year")

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = ComparisonEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        missing = cast(list[str], d.pop("missing"))

        comparison = cls(
            table=table,
            year=year,
            entries=entries,
            missing=missing,
        )

        comparison.additional_properties = d
        return comparison

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
