from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_stat_extension import JsonStatExtension
    from ..models.json_stat_link import JsonStatLink


T = TypeVar("T", bound="JsonStatCollection")


@_attrs_define
class JsonStatCollection:
    """A JSON-stat 2.0 collection of datasets (a release, the whole report)."""

    version: str
    """ Always `2.0`. """
    class_: str
    """ Always `collection`. """
    label: str
    source: str
    note: list[str]
    extension: JsonStatExtension
    """ What a dataset is: the `extension` of every dataset and collection this API serves. """
    link: JsonStatLink
    """ The datasets of a collection. """
    updated: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        class_ = self.class_

        label = self.label

        source = self.source

        note = self.note

        extension = self.extension.to_dict()

        link = self.link.to_dict()

        updated: None | str | Unset
        if isinstance(self.updated, Unset):
            updated = UNSET
        else:
            updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "class": class_,
                "label": label,
                "source": source,
                "note": note,
                "extension": extension,
                "link": link,
            }
        )
        if updated is not UNSET:
            field_dict["updated"] = updated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_extension import JsonStatExtension  # noqa: PLC0415
        from ..models.json_stat_link import JsonStatLink  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        class_ = d.pop("class")

        label = d.pop("label")

        source = d.pop("source")

        note = cast(list[str], d.pop("note"))

        extension = JsonStatExtension.from_dict(d.pop("extension"))

        link = JsonStatLink.from_dict(d.pop("link"))

        def _parse_updated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated = _parse_updated(d.pop("updated", UNSET))

        json_stat_collection = cls(
            version=version,
            class_=class_,
            label=label,
            source=source,
            note=note,
            extension=extension,
            link=link,
            updated=updated,
        )

        json_stat_collection.additional_properties = d
        return json_stat_collection

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
