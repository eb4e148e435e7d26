from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_stat_extension_metadata_type_0 import JsonStatExtensionMetadataType0
    from ..models.json_stat_extension_symbols import JsonStatExtensionSymbols
    from ..models.json_stat_protection import JsonStatProtection
    from ..models.json_stat_release import JsonStatRelease
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="JsonStatExtension")


@_attrs_define
class JsonStatExtension:
    """What a dataset is: the `extension` of every dataset and collection this API serves."""

    audience: str
    """ `published` (protected) or `internal` (exact, not for publication). """
    symbols: JsonStatExtensionSymbols
    """ Every symbol `status` can carry → its meaning. """
    no_figure: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    table: None | str | Unset = UNSET
    """ The table id (datasets), e.g. `d6_closing_reasons`. """
    release: JsonStatRelease | None | Unset = UNSET
    releases: list[JsonStatRelease] | None | Unset = UNSET
    """ A comparison: the release of each scope, in the order of the `scope` dimension. """
    missing_scopes: list[str] | None | Unset = UNSET
    """ A comparison: scopes asked for that have no release of the year. """
    protection: JsonStatProtection | None | Unset = UNSET
    metadata: JsonStatExtensionMetadataType0 | None | Unset = UNSET
    """ Exact statistics: the metadata of the JSON answer (scope, filters, records, form
    versions, harmonisation). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_stat_extension_metadata_type_0 import JsonStatExtensionMetadataType0  # noqa: PLC0415
        from ..models.json_stat_protection import JsonStatProtection  # noqa: PLC0415
        from ..models.json_stat_release import JsonStatRelease  # noqa: PLC0415

        audience = self.audience

        symbols = self.symbols.to_dict()

        no_figure = self.no_figure.to_dict()

        table: None | str | Unset
        if isinstance(self.table, Unset):
            table = UNSET
        else:
            table = self.table

        release: dict[str, Any] | None | Unset
        if isinstance(self.release, Unset):
            release = UNSET
        elif isinstance(self.release, JsonStatRelease):
            release = self.release.to_dict()
        else:
            release = self.release

        releases: list[dict[str, Any]] | None | Unset
        if isinstance(self.releases, Unset):
            releases = UNSET
        elif isinstance(self.releases, list):
            releases = []
            for releases_type_0_item_data in self.releases:
                releases_type_0_item = releases_type_0_item_data.to_dict()
                releases.append(releases_type_0_item)

        else:
            releases = self.releases

        missing_scopes: list[str] | None | Unset
        if isinstance(self.missing_scopes, Unset):
            missing_scopes = UNSET
        elif isinstance(self.missing_scopes, list):
            missing_scopes = self.missing_scopes

        else:
            missing_scopes = self.missing_scopes

        protection: dict[str, Any] | None | Unset
        if isinstance(self.protection, Unset):
            protection = UNSET
        elif isinstance(self.protection, JsonStatProtection):
            protection = self.protection.to_dict()
        else:
            protection = self.protection

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, JsonStatExtensionMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "symbols": symbols,
                "no_figure": no_figure,
            }
        )
        if table is not UNSET:
            field_dict["table"] = table
        if release is not UNSET:
            field_dict["release"] = release
        if releases is not UNSET:
            field_dict["releases"] = releases
        if missing_scopes is not UNSET:
            field_dict["missing_scopes"] = missing_scopes
        if protection is not UNSET:
            field_dict["protection"] = protection
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_extension_metadata_type_0 import JsonStatExtensionMetadataType0  # noqa: PLC0415
        from ..models.json_stat_extension_symbols import JsonStatExtensionSymbols  # noqa: PLC0415
        from ..models.json_stat_protection import JsonStatProtection  # noqa: PLC0415
        from ..models.json_stat_release import JsonStatRelease  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        audience = d.pop("audience")

        symbols = JsonStatExtensionSymbols.from_dict(d.pop("symbols"))

        no_figure = LocalizedText.from_dict(d.pop("no_figure"))

        def _parse_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        table = _parse_table(d.pop("table", UNSET))

        def _parse_release(data: object) -> JsonStatRelease | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                release_type_1 = JsonStatRelease.from_dict(data)

                return release_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonStatRelease | None | Unset, data)

        release = _parse_release(d.pop("release", UNSET))

        def _parse_releases(data: object) -> list[JsonStatRelease] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                releases_type_0 = []
                _releases_type_0 = data
                for releases_type_0_item_data in _releases_type_0:
                    releases_type_0_item = JsonStatRelease.from_dict(releases_type_0_item_data)

                    releases_type_0.append(releases_type_0_item)

                return releases_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[JsonStatRelease] | None | Unset, data)

        releases = _parse_releases(d.pop("releases", UNSET))

        def _parse_missing_scopes(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                missing_scopes_type_0 = cast(list[str], data)

                return missing_scopes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        missing_scopes = _parse_missing_scopes(d.pop("missing_scopes", UNSET))

        def _parse_protection(data: object) -> JsonStatProtection | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                protection_type_1 = JsonStatProtection.from_dict(data)

                return protection_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonStatProtection | None | Unset, data)

        protection = _parse_protection(d.pop("protection", UNSET))

        def _parse_metadata(data: object) -> JsonStatExtensionMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = JsonStatExtensionMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonStatExtensionMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        json_stat_extension = cls(
            audience=audience,
            symbols=symbols,
            no_figure=no_figure,
            table=table,
            release=release,
            releases=releases,
            missing_scopes=missing_scopes,
            protection=protection,
            metadata=metadata,
        )

        json_stat_extension.additional_properties = d
        return json_stat_extension

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
