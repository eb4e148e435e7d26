from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HarmonisedCode")


@_attrs_define
class HarmonisedCode:
    """A code of an older form version counted under a newer one."""

    list_: str
    """ `problem-areas`, `interventions`, …. """
    from_: str
    to: str
    relation: str
    """ `same`, `superset`, `subset`, `split`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        list_ = self.list_

        from_ = self.from_

        to = self.to

        relation = self.relation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "list": list_,
                "from": from_,
                "to": to,
                "relation": relation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        list_ = d.pop("list")

        from_ = d.pop("from")

        to = d.pop("to")

        relation = d.pop("relation")

        harmonised_code = cls(
            list_=list_,
            from_=from_,
            to=to,
            relation=relation,
        )

        harmonised_code.additional_properties = d
        return harmonised_code

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
