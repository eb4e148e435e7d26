from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TableInformationLoss")


@_attrs_define
class TableInformationLoss:
    """The information loss of one table."""

    table: str
    """ The table's id (as in `tables`). """
    nonzero_counts: int
    hidden_nonzero_counts: int
    share_hidden: float
    large_counts: int
    hidden_large_counts: int
    share_of_large_hidden: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        table = self.table

        nonzero_counts = self.nonzero_counts

        hidden_nonzero_counts = self.hidden_nonzero_counts

        share_hidden = self.share_hidden

        large_counts = self.large_counts

        hidden_large_counts = self.hidden_large_counts

        share_of_large_hidden = self.share_of_large_hidden

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "table": table,
                "nonzero_counts": nonzero_counts,
                "hidden_nonzero_counts": hidden_nonzero_counts,
                "share_hidden": share_hidden,
                "large_counts": large_counts,
                "hidden_large_counts": hidden_large_counts,
                "share_of_large_hidden": share_of_large_hidden,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        table = d.pop("table")

        nonzero_counts = d.pop("nonzero_counts")

        hidden_nonzero_counts = d.pop("hidden_nonzero_counts")

        share_hidden = d.pop("share_hidden")

        large_counts = d.pop("large_counts")

        hidden_large_counts = d.pop("hidden_large_counts")

        share_of_large_hidden = d.pop("share_of_large_hidden")

        table_information_loss = cls(
            table=table,
            nonzero_counts=nonzero_counts,
            hidden_nonzero_counts=hidden_nonzero_counts,
            share_hidden=share_hidden,
            large_counts=large_counts,
            hidden_large_counts=hidden_large_counts,
            share_of_large_hidden=share_of_large_hidden,
        )

        table_information_loss.additional_properties = d
        return table_information_loss

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
