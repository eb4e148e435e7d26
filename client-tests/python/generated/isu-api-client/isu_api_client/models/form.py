from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.code_list import CodeList
    from ..models.form_field import FormField
    from ..models.form_rule import FormRule
    from ..models.localized_text import LocalizedText
    from ..models.validity_period import ValidityPeriod


T = TypeVar("T", bound="Form")


@_attrs_define
class Form:
    """One version of the SU-X form."""

    id: str
    """ Stable id of the version; also its URL slug. """
    version: int
    """ The year the version was introduced. """
    title: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    description: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    validity: ValidityPeriod
    """ The closing dates a form version applies to (inclusive). """
    fields: list[FormField]
    """ The record's fields in form order: numbered questions and their free-text companions. """
    rules: list[FormRule]
    """ Conditional and cross-field rules a record must satisfy, as data. """
    code_lists: list[CodeList]
    """ The code lists of this version, in form order. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        title = self.title.to_dict()

        description = self.description.to_dict()

        validity = self.validity.to_dict()

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        code_lists = []
        for code_lists_item_data in self.code_lists:
            code_lists_item = code_lists_item_data.to_dict()
            code_lists.append(code_lists_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "title": title,
                "description": description,
                "validity": validity,
                "fields": fields,
                "rules": rules,
                "code_lists": code_lists,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_list import CodeList  # noqa: PLC0415
        from ..models.form_field import FormField  # noqa: PLC0415
        from ..models.form_rule import FormRule  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.validity_period import ValidityPeriod  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        title = LocalizedText.from_dict(d.pop("title"))

        description = LocalizedText.from_dict(d.pop("description"))

        validity = ValidityPeriod.from_dict(d.pop("validity"))

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = FormField.from_dict(fields_item_data)

            fields.append(fields_item)

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = FormRule.from_dict(rules_item_data)

            rules.append(rules_item)

        code_lists = []
        _code_lists = d.pop("code_lists")
        for code_lists_item_data in _code_lists:
            code_lists_item = CodeList.from_dict(code_lists_item_data)

            code_lists.append(code_lists_item)

        form = cls(
            id=id,
            version=version,
            title=title,
            description=description,
            validity=validity,
            fields=fields,
            rules=rules,
            code_lists=code_lists,
        )

        form.additional_properties = d
        return form

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
