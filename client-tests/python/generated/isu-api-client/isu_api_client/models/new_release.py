from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewRelease")


@_attrs_define
class NewRelease:
    """A release to create.

    Example:
        {'scope': 'fou-valfard-gavleborg', 'year': 2024}

    """

    scope: str
    """ A region id, or `national` (admins only). """
    year: int
    """ The closing year. """

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scope": scope,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scope = d.pop("scope")

        year = d.pop("year")

        new_release = cls(
            scope=scope,
            year=year,
        )

        return new_release
