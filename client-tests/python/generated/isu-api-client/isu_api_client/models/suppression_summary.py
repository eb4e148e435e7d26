from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.information_loss_summary import InformationLossSummary


T = TypeVar("T", bound="SuppressionSummary")


@_attrs_define
class SuppressionSummary:
    """How many cells the protection hid."""

    cells: int
    """ Distinct count cells of the release (a figure shown in two tables is one cell). """
    atoms: int
    """ Classes of children the cells are sums of. """
    primary: int
    """ Hidden as small counts ("≤4"); 0 in a cell-key release (nothing hidden). """
    secondary: int
    """ Hidden to protect others, or kept hidden from an earlier version (".."). """
    information_loss: InformationLossSummary | Unset = UNSET
    """ How much of a release protection hides. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cells = self.cells

        atoms = self.atoms

        primary = self.primary

        secondary = self.secondary

        information_loss: dict[str, Any] | Unset = UNSET
        if not isinstance(self.information_loss, Unset):
            information_loss = self.information_loss.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cells": cells,
                "atoms": atoms,
                "primary": primary,
                "secondary": secondary,
            }
        )
        if information_loss is not UNSET:
            field_dict["information_loss"] = information_loss

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.information_loss_summary import InformationLossSummary  # noqa: PLC0415

        d = dict(src_dict)
        cells = d.pop("cells")

        atoms = d.pop("atoms")

        primary = d.pop("primary")

        secondary = d.pop("secondary")

        _information_loss = d.pop("information_loss", UNSET)
        information_loss: InformationLossSummary | Unset
        if isinstance(_information_loss, Unset):
            information_loss = UNSET
        else:
            information_loss = InformationLossSummary.from_dict(_information_loss)

        suppression_summary = cls(
            cells=cells,
            atoms=atoms,
            primary=primary,
            secondary=secondary,
            information_loss=information_loss,
        )

        suppression_summary.additional_properties = d
        return suppression_summary

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
