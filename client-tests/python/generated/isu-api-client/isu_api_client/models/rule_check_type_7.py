from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_check_type_7_kind import RuleCheckType7Kind

T = TypeVar("T", bound="RuleCheckType7")


@_attrs_define
class RuleCheckType7:
    """None of the text fields is or contains a Swedish personal identity number or
    coordination number (10 or 12 digits, with or without separator, Luhn-valid).

    """

    fields: list[str]
    """ Text and text-list fields. """
    kind: RuleCheckType7Kind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fields = self.fields

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fields": fields,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fields = cast(list[str], d.pop("fields"))

        kind = RuleCheckType7Kind(d.pop("kind"))

        rule_check_type_7 = cls(
            fields=fields,
            kind=kind,
        )

        rule_check_type_7.additional_properties = d
        return rule_check_type_7

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
