from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="Code")


@_attrs_define
class Code:
    """One answer option of a code list.

    Example:
        {'code': 'domestic_violence', 'definition': {'en': 'Violence between family members that the child witnesses
            (sees or hears) …', 'sv': 'Våld mellan familjemedlemmar som barnet bevittnar (ser eller hör) …'}, 'label':
            {'en': 'Violence in the family', 'sv': 'Våld i familjen'}, 'position': 2}

    """

    code: str
    """ Stable wire code (snake_case); never reused with another meaning. """
    position: int
    """ Position on the form, 1-based (closing reasons: the number printed on the form). """
    label: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    definition: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    form_wording_sv: None | str | Unset = UNSET
    """ The option's full wording on the printed form, where it differs from `label.sv`
    (typically with an instruction such as ", ange vilken"). """
    note: LocalizedText | Unset = UNSET
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        position = self.position

        label = self.label.to_dict()

        definition = self.definition.to_dict()

        form_wording_sv: None | str | Unset
        if isinstance(self.form_wording_sv, Unset):
            form_wording_sv = UNSET
        else:
            form_wording_sv = self.form_wording_sv

        note: dict[str, Any] | Unset = UNSET
        if not isinstance(self.note, Unset):
            note = self.note.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "position": position,
                "label": label,
                "definition": definition,
            }
        )
        if form_wording_sv is not UNSET:
            field_dict["form_wording_sv"] = form_wording_sv
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        position = d.pop("position")

        label = LocalizedText.from_dict(d.pop("label"))

        definition = LocalizedText.from_dict(d.pop("definition"))

        def _parse_form_wording_sv(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        form_wording_sv = _parse_form_wording_sv(d.pop("form_wording_sv", UNSET))

        _note = d.pop("note", UNSET)
        note: LocalizedText | Unset
        if isinstance(_note, Unset):
            note = UNSET
        else:
            note = LocalizedText.from_dict(_note)

        code = cls(
            code=code,
            position=position,
            label=label,
            definition=definition,
            form_wording_sv=form_wording_sv,
            note=note,
        )

        code.additional_properties = d
        return code

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
