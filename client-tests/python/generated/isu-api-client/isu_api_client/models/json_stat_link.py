from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.json_stat_dataset import JsonStatDataset


T = TypeVar("T", bound="JsonStatLink")


@_attrs_define
class JsonStatLink:
    """The datasets of a collection."""

    item: list[JsonStatDataset]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item = []
        for item_item_data in self.item:
            item_item = item_item_data.to_dict()
            item.append(item_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "item": item,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_dataset import JsonStatDataset  # noqa: PLC0415

        d = dict(src_dict)
        item = []
        _item = d.pop("item")
        for item_item_data in _item:
            item_item = JsonStatDataset.from_dict(item_item_data)

            item.append(item_item)

        json_stat_link = cls(
            item=item,
        )

        json_stat_link.additional_properties = d
        return json_stat_link

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
