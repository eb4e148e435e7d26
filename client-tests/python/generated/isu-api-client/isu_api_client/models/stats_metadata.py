from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audience import Audience
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cell_key_method import CellKeyMethod
    from ..models.harmonisation import Harmonisation
    from ..models.stats_metadata_filters import StatsMetadataFilters
    from ..models.stats_scope import StatsScope


T = TypeVar("T", bound="StatsMetadata")


@_attrs_define
class StatsMetadata:
    """What a figure covers and how it was made."""

    audience: Audience
    """ Who may see the figures. """
    scope: StatsScope
    """ The records a statistic covers. """
    filters: StatsMetadataFilters
    """ The filters applied: dimension id → value codes. """
    records: int
    """ Records (children) counted: the grand total before any multi-valued breakdown. """
    form_versions: list[str]
    """ Form versions of the records counted. """
    reported_as: str
    """ Statistics are reported in the codes of this version. """
    harmonisation: list[Harmonisation]
    """ Present when records of an older version are included (flagged codes are listed). """
    computed_at: datetime.datetime
    protection: CellKeyMethod | Unset = UNSET
    """ How a protected answer was protected (the method and its parameters; the keys stay secret). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audience = self.audience.value

        scope = self.scope.to_dict()

        filters = self.filters.to_dict()

        records = self.records

        form_versions = self.form_versions

        reported_as = self.reported_as

        harmonisation = []
        for harmonisation_item_data in self.harmonisation:
            harmonisation_item = harmonisation_item_data.to_dict()
            harmonisation.append(harmonisation_item)

        computed_at = self.computed_at.isoformat()

        protection: dict[str, Any] | Unset = UNSET
        if not isinstance(self.protection, Unset):
            protection = self.protection.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "scope": scope,
                "filters": filters,
                "records": records,
                "form_versions": form_versions,
                "reported_as": reported_as,
                "harmonisation": harmonisation,
                "computed_at": computed_at,
            }
        )
        if protection is not UNSET:
            field_dict["protection"] = protection

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cell_key_method import CellKeyMethod  # noqa: PLC0415
        from ..models.harmonisation import Harmonisation  # noqa: PLC0415
        from ..models.stats_metadata_filters import StatsMetadataFilters  # noqa: PLC0415
        from ..models.stats_scope import StatsScope  # noqa: PLC0415

        d = dict(src_dict)
        audience = Audience(d.pop("audience"))

        scope = StatsScope.from_dict(d.pop("scope"))

        filters = StatsMetadataFilters.from_dict(d.pop("filters"))

        records = d.pop("records")

        form_versions = cast(list[str], d.pop("form_versions"))

        reported_as = d.pop("reported_as")

        harmonisation = []
        _harmonisation = d.pop("harmonisation")
        for harmonisation_item_data in _harmonisation:
            harmonisation_item = Harmonisation.from_dict(harmonisation_item_data)

            harmonisation.append(harmonisation_item)

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))

        _protection = d.pop("protection", UNSET)
        protection: CellKeyMethod | Unset
        if isinstance(_protection, Unset):
            protection = UNSET
        else:
            protection = CellKeyMethod.from_dict(_protection)

        stats_metadata = cls(
            audience=audience,
            scope=scope,
            filters=filters,
            records=records,
            form_versions=form_versions,
            reported_as=reported_as,
            harmonisation=harmonisation,
            computed_at=computed_at,
            protection=protection,
        )

        stats_metadata.additional_properties = d
        return stats_metadata

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
