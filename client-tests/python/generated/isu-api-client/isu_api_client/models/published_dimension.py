from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stats_dimension import StatsDimension

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.stats_dimension_value import StatsDimensionValue


T = TypeVar("T", bound="PublishedDimension")


@_attrs_define
class PublishedDimension:
    """A dimension of a published table (as in statistics)."""

    id: StatsDimension
    """ A variable figures are broken down by. """
    label: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    multi_valued: bool
    values: list[StatsDimensionValue]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id.value

        label = self.label.to_dict()

        multi_valued = self.multi_valued

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
                "multi_valued": multi_valued,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.stats_dimension_value import StatsDimensionValue  # noqa: PLC0415

        d = dict(src_dict)
        id = StatsDimension(d.pop("id"))

        label = LocalizedText.from_dict(d.pop("label"))

        multi_valued = d.pop("multi_valued")

        values = []
        _values = d.pop("values")
        for values_item_data in _values:
            values_item = StatsDimensionValue.from_dict(values_item_data)

            values.append(values_item)

        published_dimension = cls(
            id=id,
            label=label,
            multi_valued=multi_valued,
            values=values,
        )

        published_dimension.additional_properties = d
        return published_dimension

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
