from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_check_type_0_kind import RuleCheckType0Kind

T = TypeVar("T", bound="RuleCheckType0")


@_attrs_define
class RuleCheckType0:
    """`detail_field` must be present and non-empty exactly when `field` has (code) or contains
    (code set) one of `codes`; a non-empty detail without such a code is refused.

    """

    field: str
    """ The code or code-set field. """
    codes: list[str]
    """ The codes that require the detail. """
    detail_field: str
    """ The free-text (or text-list) field holding the detail. """
    kind: RuleCheckType0Kind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        codes = self.codes

        detail_field = self.detail_field

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "codes": codes,
                "detail_field": detail_field,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        codes = cast(list[str], d.pop("codes"))

        detail_field = d.pop("detail_field")

        kind = RuleCheckType0Kind(d.pop("kind"))

        rule_check_type_0 = cls(
            field=field,
            codes=codes,
            detail_field=detail_field,
            kind=kind,
        )

        rule_check_type_0.additional_properties = d
        return rule_check_type_0

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
