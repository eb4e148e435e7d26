from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_check_type_1_kind import RuleCheckType1Kind

T = TypeVar("T", bound="RuleCheckType1")


@_attrs_define
class RuleCheckType1:
    """The code set `field` is empty exactly when `when_field` has `code`."""

    field: str
    """ The code-set field. """
    when_field: str
    """ The code field that decides. """
    code: str
    """ The deciding code. """
    kind: RuleCheckType1Kind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        when_field = self.when_field

        code = self.code

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "when_field": when_field,
                "code": code,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        when_field = d.pop("when_field")

        code = d.pop("code")

        kind = RuleCheckType1Kind(d.pop("kind"))

        rule_check_type_1 = cls(
            field=field,
            when_field=when_field,
            code=code,
            kind=kind,
        )

        rule_check_type_1.additional_properties = d
        return rule_check_type_1

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
