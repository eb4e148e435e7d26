from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_list_id import CodeListId
from ..models.field_type import FieldType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="FormField")


@_attrs_define
class FormField:
    """A field of the record as the form defines it."""

    name: str
    """ Wire name (JSON, snake_case). """
    text: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    type_: FieldType
    """ The value type of a field. """
    required: bool
    """ Whether the field must be present in every record. Fields required only under a
    condition are `false` here and named by a rule (`requires_detail`). """
    nullable: bool
    """ Whether `null` is an allowed value (see the rules for when). """
    number: int | None | Unset = UNSET
    """ Question number as printed on the form; absent for unnumbered fields (`case_ref`, the
    free-text companions of a question, `comment`). """
    help_: LocalizedText | Unset = UNSET
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    code_list: CodeListId | Unset = UNSET
    """ Identifies a code list; the value is also its URL slug. """
    minimum: int | None | Unset = UNSET
    """ For `integer`: smallest allowed value. """
    maximum: int | None | Unset = UNSET
    """ For `integer`: largest allowed value. """
    min_items: int | None | Unset = UNSET
    """ For `code_set` and `text_list`: fewest items when present. """
    max_items: int | None | Unset = UNSET
    """ For `code_set` and `text_list`: most items. """
    unique_items: bool | Unset = UNSET
    """ For `code_set` and `text_list`: items must be distinct (`text_list`: after
    [`normalise_method_name`](crate::domain::normalise_method_name)). """
    max_length: int | None | Unset = UNSET
    """ For `text` (and each item of `text_list`): most characters (Unicode scalar values, counted
    after trimming surrounding whitespace; a text that is empty after trimming is absent). """
    pattern: None | str | Unset = UNSET
    """ For `text`: regular expression the whole value must match. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        text = self.text.to_dict()

        type_ = self.type_.value

        required = self.required

        nullable = self.nullable

        number: int | None | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        help_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.help_, Unset):
            help_ = self.help_.to_dict()

        code_list: str | Unset = UNSET
        if not isinstance(self.code_list, Unset):
            code_list = self.code_list.value

        minimum: int | None | Unset
        if isinstance(self.minimum, Unset):
            minimum = UNSET
        else:
            minimum = self.minimum

        maximum: int | None | Unset
        if isinstance(self.maximum, Unset):
            maximum = UNSET
        else:
            maximum = self.maximum

        min_items: int | None | Unset
        if isinstance(self.min_items, Unset):
            min_items = UNSET
        else:
            min_items = self.min_items

        max_items: int | None | Unset
        if isinstance(self.max_items, Unset):
            max_items = UNSET
        else:
            max_items = self.max_items

        unique_items = self.unique_items

        max_length: int | None | Unset
        if isinstance(self.max_length, Unset):
            max_length = UNSET
        else:
            max_length = self.max_length

        pattern: None | str | Unset
        if isinstance(self.pattern, Unset):
            pattern = UNSET
        else:
            pattern = self.pattern

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "text": text,
                "type": type_,
                "required": required,
                "nullable": nullable,
            }
        )
        if number is not UNSET:
            field_dict["number"] = number
        if help_ is not UNSET:
            field_dict["help"] = help_
        if code_list is not UNSET:
            field_dict["code_list"] = code_list
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if maximum is not UNSET:
            field_dict["maximum"] = maximum
        if min_items is not UNSET:
            field_dict["min_items"] = min_items
        if max_items is not UNSET:
            field_dict["max_items"] = max_items
        if unique_items is not UNSET:
            field_dict["unique_items"] = unique_items
        if max_length is not UNSET:
            field_dict["max_length"] = max_length
        if pattern is not UNSET:
            field_dict["pattern"] = pattern

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        text = LocalizedText.from_dict(d.pop("text"))

        type_ = FieldType(d.pop("type"))

        required = d.pop("required")

        nullable = d.pop("nullable")

        def _parse_number(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        _help_ = d.pop("help", UNSET)
        help_: LocalizedText | Unset
        if isinstance(_help_, Unset):
            help_ = UNSET
        else:
            help_ = LocalizedText.from_dict(_help_)

        _code_list = d.pop("code_list", UNSET)
        code_list: CodeListId | Unset
        if isinstance(_code_list, Unset):
            code_list = UNSET
        else:
            code_list = CodeListId(_code_list)

        def _parse_minimum(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minimum = _parse_minimum(d.pop("minimum", UNSET))

        def _parse_maximum(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        maximum = _parse_maximum(d.pop("maximum", UNSET))

        def _parse_min_items(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_items = _parse_min_items(d.pop("min_items", UNSET))

        def _parse_max_items(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_items = _parse_max_items(d.pop("max_items", UNSET))

        unique_items = d.pop("unique_items", UNSET)

        def _parse_max_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_length = _parse_max_length(d.pop("max_length", UNSET))

        def _parse_pattern(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pattern = _parse_pattern(d.pop("pattern", UNSET))

        form_field = cls(
            name=name,
            text=text,
            type_=type_,
            required=required,
            nullable=nullable,
            number=number,
            help_=help_,
            code_list=code_list,
            minimum=minimum,
            maximum=maximum,
            min_items=min_items,
            max_items=max_items,
            unique_items=unique_items,
            max_length=max_length,
            pattern=pattern,
        )

        form_field.additional_properties = d
        return form_field

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
