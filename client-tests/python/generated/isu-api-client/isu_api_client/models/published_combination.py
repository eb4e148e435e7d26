from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.count_figure import CountFigure


T = TypeVar("T", bound="PublishedCombination")


@_attrs_define
class PublishedCombination:
    """Children naming two problem areas, protected."""

    problem_areas: list[str]
    children: CountFigure
    """ A protected count: `value` null exactly when suppressed; `display` is what a table prints
    ("≤4" for a small count, ".." for a figure hidden to protect others). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        problem_areas = self.problem_areas

        children = self.children.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "problem_areas": problem_areas,
                "children": children,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_figure import CountFigure  # noqa: PLC0415

        d = dict(src_dict)
        problem_areas = cast(list[str], d.pop("problem_areas"))

        children = CountFigure.from_dict(d.pop("children"))

        published_combination = cls(
            problem_areas=problem_areas,
            children=children,
        )

        published_combination.additional_properties = d
        return published_combination

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
