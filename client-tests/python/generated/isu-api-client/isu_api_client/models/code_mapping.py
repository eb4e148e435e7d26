from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mapping_relation import MappingRelation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="CodeMapping")


@_attrs_define
class CodeMapping:
    """How one older code is reported in newer terms.

    Example:
        {'flagged': True, 'from': 'parent_mental_health_or_disability', 'relation': 'superset', 'to':
            'parent_mental_health'}

    """

    from_: str
    """ Code in the older version. """
    to: str
    """ Code in the newer version that the older code is reported under. """
    relation: MappingRelation
    """ How the meaning of an older code relates to the newer code it is reported under. """
    flagged: bool
    """ Whether statistics must flag figures that combine the two versions under this code. """
    note: LocalizedText | Unset = UNSET
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        to = self.to

        relation = self.relation.value

        flagged = self.flagged

        note: dict[str, Any] | Unset = UNSET
        if not isinstance(self.note, Unset):
            note = self.note.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "relation": relation,
                "flagged": flagged,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        from_ = d.pop("from")

        to = d.pop("to")

        relation = MappingRelation(d.pop("relation"))

        flagged = d.pop("flagged")

        _note = d.pop("note", UNSET)
        note: LocalizedText | Unset
        if isinstance(_note, Unset):
            note = UNSET
        else:
            note = LocalizedText.from_dict(_note)

        code_mapping = cls(
            from_=from_,
            to=to,
            relation=relation,
            flagged=flagged,
            note=note,
        )

        code_mapping.additional_properties = d
        return code_mapping

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
