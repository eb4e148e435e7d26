from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.release_method import ReleaseMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewRelease")


@_attrs_define
class NewRelease:
    """A release to create.

    Example:
        {'method': 'cell_key', 'scope': 'fou-valfard-gavleborg', 'year': 2024}

    """

    scope: str
    """ A region id, or `national` (admins only). """
    year: int
    """ The closing year. """
    method: None | ReleaseMethod | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        year = self.year

        method: None | str | Unset
        if isinstance(self.method, Unset):
            method = UNSET
        elif isinstance(self.method, ReleaseMethod):
            method = self.method.value
        else:
            method = self.method

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scope": scope,
                "year": year,
            }
        )
        if method is not UNSET:
            field_dict["method"] = method

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scope = d.pop("scope")

        year = d.pop("year")

        def _parse_method(data: object) -> None | ReleaseMethod | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                method_type_1 = ReleaseMethod(data)

                return method_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReleaseMethod | Unset, data)

        method = _parse_method(d.pop("method", UNSET))

        new_release = cls(
            scope=scope,
            year=year,
            method=method,
        )

        return new_release
