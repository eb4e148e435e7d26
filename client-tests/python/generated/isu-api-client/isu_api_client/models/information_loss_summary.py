from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.table_information_loss import TableInformationLoss


T = TypeVar("T", bound="InformationLossSummary")


@_attrs_define
class InformationLossSummary:
    """How much of a release protection hides."""

    nonzero_counts: int
    """ Distinct non-zero counts of the release (a figure shown in two tables is one count). """
    hidden_nonzero_counts: int
    """ Of those, hidden ("≤4" or ".."). """
    share_hidden: float
    """ `hidden_nonzero_counts / nonzero_counts`, 0–1, to three decimals; 0 without counts. """
    large_counts: int
    """ Counts of at least k: what a person applying the "≤k−1" rule by hand would print. """
    hidden_large_counts: int
    """ Of those, hidden to protect other figures (secondary suppression). """
    share_of_large_hidden: float
    """ `hidden_large_counts / large_counts`, 0–1, to three decimals. """
    tables: list[TableInformationLoss]
    """ The same per table, in the release's table order. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nonzero_counts = self.nonzero_counts

        hidden_nonzero_counts = self.hidden_nonzero_counts

        share_hidden = self.share_hidden

        large_counts = self.large_counts

        hidden_large_counts = self.hidden_large_counts

        share_of_large_hidden = self.share_of_large_hidden

        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nonzero_counts": nonzero_counts,
                "hidden_nonzero_counts": hidden_nonzero_counts,
                "share_hidden": share_hidden,
                "large_counts": large_counts,
                "hidden_large_counts": hidden_large_counts,
                "share_of_large_hidden": share_of_large_hidden,
                "tables": tables,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.table_information_loss import TableInformationLoss  # noqa: PLC0415

        d = dict(src_dict)
        nonzero_counts = d.pop("nonzero_counts")

        hidden_nonzero_counts = d.pop("hidden_nonzero_counts")

        share_hidden = d.pop("share_hidden")

        large_counts = d.pop("large_counts")

        hidden_large_counts = d.pop("hidden_large_counts")

        share_of_large_hidden = d.pop("share_of_large_hidden")

        tables = []
        _tables = d.pop("tables")
        for tables_item_data in _tables:
            tables_item = TableInformationLoss.from_dict(tables_item_data)

            tables.append(tables_item)

        information_loss_summary = cls(
            nonzero_counts=nonzero_counts,
            hidden_nonzero_counts=hidden_nonzero_counts,
            share_hidden=share_hidden,
            large_counts=large_counts,
            hidden_large_counts=hidden_large_counts,
            share_of_large_hidden=share_of_large_hidden,
            tables=tables,
        )

        information_loss_summary.additional_properties = d
        return information_loss_summary

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
