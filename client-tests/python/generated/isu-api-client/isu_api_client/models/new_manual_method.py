from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text_input import LocalizedTextInput


T = TypeVar("T", bound="NewManualMethod")


@_attrs_define
class NewManualMethod:
    """A new method for the registry.

    Example:
        {'aliases': ['KOMET för föräldrar'], 'description': {'en': 'A parenting programme for parents of children with
            externalising behaviour.', 'sv': 'Föräldrastödsprogram för föräldrar till barn med utagerande beteende.'},
            'intervention_code': 'manual_method', 'name': 'Komet'}

    """

    name: str
    """ Name (1–100 characters). No other method may have it as name or alias (compared after
    name normalisation: case, accents and punctuation do not count). """
    description: LocalizedTextInput
    """ A description in Swedish and English. """
    intervention_code: str
    """ The Q8 code the method counts under: `manual_method`, or `crisis_support` for crisis
    support models. """
    id: None | str | Unset = UNSET
    """ Slug id (1–64 of `a-z`, `0-9`, `-`). Default: derived from the name (`Komet` → `komet`). """
    aliases: list[str] | Unset = UNSET
    """ Other spellings (each 1–100 characters, at most 50), distinct from each other and from the
    name after normalisation, and not a name or alias of another method. Default: none. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description.to_dict()

        intervention_code = self.intervention_code

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "description": description,
                "intervention_code": intervention_code,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text_input import LocalizedTextInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = LocalizedTextInput.from_dict(d.pop("description"))

        intervention_code = d.pop("intervention_code")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        aliases = cast(list[str], d.pop("aliases", UNSET))

        new_manual_method = cls(
            name=name,
            description=description,
            intervention_code=intervention_code,
            id=id,
            aliases=aliases,
        )

        return new_manual_method
