from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stats_metadata import StatsMetadata
    from ..models.stats_table import StatsTable


T = TypeVar("T", bound="StatsResult")


@_attrs_define
class StatsResult:
    """A statistic with its metadata."""

    metadata: StatsMetadata
    """ What a figure covers and how it was made. """
    table: StatsTable
    """ A statistic: cells, margins and total, with what its numbers mean. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata = self.metadata.to_dict()

        table = self.table.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metadata": metadata,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stats_metadata import StatsMetadata  # noqa: PLC0415
        from ..models.stats_table import StatsTable  # noqa: PLC0415

        d = dict(src_dict)
        metadata = StatsMetadata.from_dict(d.pop("metadata"))

        table = StatsTable.from_dict(d.pop("table"))

        stats_result = cls(
            metadata=metadata,
            table=table,
        )

        stats_result.additional_properties = d
        return stats_result

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
