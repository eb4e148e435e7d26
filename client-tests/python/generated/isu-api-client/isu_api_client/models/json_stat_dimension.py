from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.json_stat_category import JsonStatCategory


T = TypeVar("T", bound="JsonStatDimension")


@_attrs_define
class JsonStatDimension:
    """A dimension of a dataset."""

    label: str
    category: JsonStatCategory
    """ The categories of a dimension, in order. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        category = self.category.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "category": category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_category import JsonStatCategory  # noqa: PLC0415

        d = dict(src_dict)
        label = d.pop("label")

        category = JsonStatCategory.from_dict(d.pop("category"))

        json_stat_dimension = cls(
            label=label,
            category=category,
        )

        json_stat_dimension.additional_properties = d
        return json_stat_dimension

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
