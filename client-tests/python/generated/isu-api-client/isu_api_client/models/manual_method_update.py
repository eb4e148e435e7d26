from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_text_update import LocalizedTextUpdate


T = TypeVar("T", bound="ManualMethodUpdate")


@_attrs_define
class ManualMethodUpdate:
    """Changes to a method; absent (or `null`) fields stay as they are. The id and the intervention
    code never change.

        Example:
            {'aliases': ['COS-P', 'Circle of Security', 'Circle of Security Parenting']}

    """

    name: None | str | Unset = UNSET
    """ New name (1–100 characters). To keep matching the old name in free text, list it among the
    aliases. """
    description: LocalizedTextUpdate | None | Unset = UNSET
    aliases: list[str] | None | Unset = UNSET
    """ The complete new alias list (replaces the old one). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.localized_text_update import LocalizedTextUpdate  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: dict[str, Any] | None | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        elif isinstance(self.description, LocalizedTextUpdate):
            description = self.description.to_dict()
        else:
            description = self.description

        aliases: list[str] | None | Unset
        if isinstance(self.aliases, Unset):
            aliases = UNSET
        elif isinstance(self.aliases, list):
            aliases = self.aliases

        else:
            aliases = self.aliases

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text_update import LocalizedTextUpdate  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> LocalizedTextUpdate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                description_type_0 = LocalizedTextUpdate.from_dict(data)

                return description_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocalizedTextUpdate | None | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_aliases(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                aliases_type_0 = cast(list[str], data)

                return aliases_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        aliases = _parse_aliases(d.pop("aliases", UNSET))

        manual_method_update = cls(
            name=name,
            description=description,
            aliases=aliases,
        )

        return manual_method_update
