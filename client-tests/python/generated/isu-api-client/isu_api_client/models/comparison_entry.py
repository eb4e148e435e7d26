from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.release_method import ReleaseMethod

if TYPE_CHECKING:
    from ..models.published_table import PublishedTable


T = TypeVar("T", bound="ComparisonEntry")


@_attrs_define
class ComparisonEntry:
    """One scope's table in a comparison."""

    scope: str
    release_id: str
    version: int
    protection_method: ReleaseMethod
    """ How a release is protected. """
    table: PublishedTable
    """ One protected table of a release. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        release_id = self.release_id

        version = self.version

        protection_method = self.protection_method.value

        table = self.table.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope": scope,
                "release_id": release_id,
                "version": version,
                "protection_method": protection_method,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.published_table import PublishedTable  # noqa: PLC0415

        d = dict(src_dict)
        scope = d.pop("scope")

        release_id = d.pop("release_id")

        version = d.pop("version")

        protection_method = ReleaseMethod(d.pop("protection_method"))

        table = PublishedTable.from_dict(d.pop("table"))

        comparison_entry = cls(
            scope=scope,
            release_id=release_id,
            version=version,
            protection_method=protection_method,
            table=table,
        )

        comparison_entry.additional_properties = d
        return comparison_entry

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
