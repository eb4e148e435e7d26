from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_check_type_5_kind import RuleCheckType5Kind

T = TypeVar("T", bound="RuleCheckType5")


@_attrs_define
class RuleCheckType5:
    """The date field is not before `date`."""

    field: str
    """ Date field. """
    date: datetime.date
    """ Earliest allowed date. """
    kind: RuleCheckType5Kind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        date = self.date.isoformat()

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "date": date,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        date = datetime.date.fromisoformat(d.pop("date"))

        kind = RuleCheckType5Kind(d.pop("kind"))

        rule_check_type_5 = cls(
            field=field,
            date=date,
            kind=kind,
        )

        rule_check_type_5.additional_properties = d
        return rule_check_type_5

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
