from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="ManualMethod")


@_attrs_define
class ManualMethod:
    """A named manual-based method.

    Example:
        {'aliases': ['COS-P', 'Circle of Security'], 'description': {'en': 'Circle of Security Parenting (COS-P): an
            attachment-based parenting programme …', 'sv': 'Circle of Security Parenting (COS-P): anknytningsbaserat
            föräldrastödsprogram …'}, 'id': 'trygghetscirkeln', 'intervention_code': 'manual_method', 'name':
            'Trygghetscirkeln'}

    """

    id: str
    """ Stable slug; may be posted in `manual_methods` instead of a name. """
    name: str
    """ Name as used in the reports. """
    description: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    aliases: list[str]
    """ Other spellings seen in free text. Matching is on [`normalise_method_name`], so aliases
    that differ from the name only in case, spacing or punctuation are not listed. """
    intervention_code: str
    """ The Q8 intervention code the method is counted under: `manual_method`, or
    `crisis_support` for crisis support (a named method on the 2020 form). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description.to_dict()

        aliases = self.aliases

        intervention_code = self.intervention_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "aliases": aliases,
                "intervention_code": intervention_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = LocalizedText.from_dict(d.pop("description"))

        aliases = cast(list[str], d.pop("aliases"))

        intervention_code = d.pop("intervention_code")

        manual_method = cls(
            id=id,
            name=name,
            description=description,
            aliases=aliases,
            intervention_code=intervention_code,
        )

        manual_method.additional_properties = d
        return manual_method

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
