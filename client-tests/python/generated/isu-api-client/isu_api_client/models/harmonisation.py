from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.harmonised_code import HarmonisedCode
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="Harmonisation")


@_attrs_define
class Harmonisation:
    """How figures spanning form versions were made comparable."""

    from_form: str
    to_form: str
    records: int
    """ Records of `from_form` among those counted. """
    rule: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    codes: list[HarmonisedCode]
    """ The flagged codes: those whose meaning differs between the versions. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_form = self.from_form

        to_form = self.to_form

        records = self.records

        rule = self.rule.to_dict()

        codes = []
        for codes_item_data in self.codes:
            codes_item = codes_item_data.to_dict()
            codes.append(codes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_form": from_form,
                "to_form": to_form,
                "records": records,
                "rule": rule,
                "codes": codes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.harmonised_code import HarmonisedCode  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        from_form = d.pop("from_form")

        to_form = d.pop("to_form")

        records = d.pop("records")

        rule = LocalizedText.from_dict(d.pop("rule"))

        codes = []
        _codes = d.pop("codes")
        for codes_item_data in _codes:
            codes_item = HarmonisedCode.from_dict(codes_item_data)

            codes.append(codes_item)

        harmonisation = cls(
            from_form=from_form,
            to_form=to_form,
            records=records,
            rule=rule,
            codes=codes,
        )

        harmonisation.additional_properties = d
        return harmonisation

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
