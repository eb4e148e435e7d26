from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.code_list_mapping import CodeListMapping
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="CodeMappingSet")


@_attrs_define
class CodeMappingSet:
    """The mapping from one form version's codes to the next version's."""

    from_form: str
    """ The older form version. """
    to_form: str
    """ The newer form version. """
    harmonisation_rule: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    lists: list[CodeListMapping]
    """ One entry per code list of the newer version. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_form = self.from_form

        to_form = self.to_form

        harmonisation_rule = self.harmonisation_rule.to_dict()

        lists = []
        for lists_item_data in self.lists:
            lists_item = lists_item_data.to_dict()
            lists.append(lists_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_form": from_form,
                "to_form": to_form,
                "harmonisation_rule": harmonisation_rule,
                "lists": lists,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_list_mapping import CodeListMapping  # noqa: PLC0415
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        from_form = d.pop("from_form")

        to_form = d.pop("to_form")

        harmonisation_rule = LocalizedText.from_dict(d.pop("harmonisation_rule"))

        lists = []
        _lists = d.pop("lists")
        for lists_item_data in _lists:
            lists_item = CodeListMapping.from_dict(lists_item_data)

            lists.append(lists_item)

        code_mapping_set = cls(
            from_form=from_form,
            to_form=to_form,
            harmonisation_rule=harmonisation_rule,
            lists=lists,
        )

        code_mapping_set.additional_properties = d
        return code_mapping_set

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
