from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.published_audience import PublishedAudience
from ..models.release_method import ReleaseMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cell_key_method import CellKeyMethod
    from ..models.count_figure import CountFigure
    from ..models.harmonisation import Harmonisation
    from ..models.protection_parameters import ProtectionParameters
    from ..models.published_table import PublishedTable
    from ..models.suppression_summary import SuppressionSummary


T = TypeVar("T", bound="Release")


@_attrs_define
class Release:
    """A protected, immutable release."""

    id: str
    scope: str
    """ A region id or `national`. """
    year: int
    version: int
    """ 1 for the first release of the scope-year; a correction is a new version. """
    created_at: datetime.datetime
    audience: PublishedAudience
    """ Who may see a figure. """
    protection: ProtectionParameters
    """ Protection parameters (configuration; stated in every release). """
    method: str
    """ The method, in words. """
    records: CountFigure
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    reported_as: str
    """ Statistics are reported in the codes of this version. """
    harmonisation: list[Harmonisation]
    suppression: SuppressionSummary
    """ How many cells the protection hid. """
    tables: list[PublishedTable]
    protection_method: ReleaseMethod | Unset = UNSET
    """ How a release is protected. """
    cell_key: CellKeyMethod | Unset = UNSET
    """ How a protected answer was protected (the method and its parameters; the keys stay secret). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        scope = self.scope

        year = self.year

        version = self.version

        created_at = self.created_at.isoformat()

        audience = self.audience.value

        protection = self.protection.to_dict()

        method = self.method

        records = self.records.to_dict()

        reported_as = self.reported_as

        harmonisation = []
        for harmonisation_item_data in self.harmonisation:
            harmonisation_item = harmonisation_item_data.to_dict()
            harmonisation.append(harmonisation_item)

        suppression = self.suppression.to_dict()

        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

        protection_method: str | Unset = UNSET
        if not isinstance(self.protection_method, Unset):
            protection_method = self.protection_method.value

        cell_key: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cell_key, Unset):
            cell_key = self.cell_key.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "scope": scope,
                "year": year,
                "version": version,
                "created_at": created_at,
                "audience": audience,
                "protection": protection,
                "method": method,
                "records": records,
                "reported_as": reported_as,
                "harmonisation": harmonisation,
                "suppression": suppression,
                "tables": tables,
            }
        )
        if protection_method is not UNSET:
            field_dict["protection_method"] = protection_method
        if cell_key is not UNSET:
            field_dict["cell_key"] = cell_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cell_key_method import CellKeyMethod  # noqa: PLC0415
        from ..models.count_figure import CountFigure  # noqa: PLC0415
        from ..models.harmonisation import Harmonisation  # noqa: PLC0415
        from ..models.protection_parameters import ProtectionParameters  # noqa: PLC0415
        from ..models.published_table import PublishedTable  # noqa: PLC0415
        from ..models.suppression_summary import SuppressionSummary  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        scope = d.pop("scope")

        year = d.pop("year")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        audience = PublishedAudience(d.pop("audience"))

        protection = ProtectionParameters.from_dict(d.pop("protection"))

        method = d.pop("method")

        records = CountFigure.from_dict(d.pop("records"))

        reported_as = d.pop("reported_as")

        harmonisation = []
        _harmonisation = d.pop("harmonisation")
        for harmonisation_item_data in _harmonisation:
            harmonisation_item = Harmonisation.from_dict(harmonisation_item_data)

            harmonisation.append(harmonisation_item)

        suppression = SuppressionSummary.from_dict(d.pop("suppression"))

        tables = []
        _tables = d.pop("tables")
        for tables_item_data in _tables:
            tables_item = PublishedTable.from_dict(tables_item_data)

            tables.append(tables_item)

        _protection_method = d.pop("protection_method", UNSET)
        protection_method: ReleaseMethod | Unset
        if isinstance(_protection_method, Unset):
            protection_method = UNSET
        else:
            protection_method = ReleaseMethod(_protection_method)

        _cell_key = d.pop("cell_key", UNSET)
        cell_key: CellKeyMethod | Unset
        if isinstance(_cell_key, Unset):
            cell_key = UNSET
        else:
            cell_key = CellKeyMethod.from_dict(_cell_key)

        release = cls(
            id=id,
            scope=scope,
            year=year,
            version=version,
            created_at=created_at,
            audience=audience,
            protection=protection,
            method=method,
            records=records,
            reported_as=reported_as,
            harmonisation=harmonisation,
            suppression=suppression,
            tables=tables,
            protection_method=protection_method,
            cell_key=cell_key,
        )

        release.additional_properties = d
        return release

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
