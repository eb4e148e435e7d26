from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_stat_category_label import JsonStatCategoryLabel
    from ..models.json_stat_category_unit_type_0 import JsonStatCategoryUnitType0


T = TypeVar("T", bound="JsonStatCategory")


@_attrs_define
class JsonStatCategory:
    """The categories of a dimension, in order."""

    index: list[str]
    """ Category ids in order (`_T`: the total). """
    label: JsonStatCategoryLabel
    """ Category id → label. """
    unit: JsonStatCategoryUnitType0 | None | Unset = UNSET
    """ Measure dimension only: measure id → unit. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_stat_category_unit_type_0 import JsonStatCategoryUnitType0  # noqa: PLC0415

        index = self.index

        label = self.label.to_dict()

        unit: dict[str, Any] | None | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        elif isinstance(self.unit, JsonStatCategoryUnitType0):
            unit = self.unit.to_dict()
        else:
            unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "label": label,
            }
        )
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_stat_category_label import JsonStatCategoryLabel  # noqa: PLC0415
        from ..models.json_stat_category_unit_type_0 import JsonStatCategoryUnitType0  # noqa: PLC0415

        d = dict(src_dict)
        index = cast(list[str], d.pop("index"))

        label = JsonStatCategoryLabel.from_dict(d.pop("label"))

        def _parse_unit(data: object) -> JsonStatCategoryUnitType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unit_type_0 = JsonStatCategoryUnitType0.from_dict(data)

                return unit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonStatCategoryUnitType0 | None | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        json_stat_category = cls(
            index=index,
            label=label,
            unit=unit,
        )

        json_stat_category.additional_properties = d
        return json_stat_category

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
