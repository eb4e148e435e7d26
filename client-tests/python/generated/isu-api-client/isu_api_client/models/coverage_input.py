from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CoverageInput")


@_attrs_define
class CoverageInput:
    """How many cases a unit's own system closed in a year.

    Example:
        {'closed_cases': 212, 'quarters': [48, 55, 51, 58]}

    """

    closed_cases: int
    """ Cases closed in the year according to the unit's own system. """
    quarters: list[int] | None | Unset = UNSET
    """ Optionally per quarter (Q1–Q4); they must add up to `closed_cases`. """

    def to_dict(self) -> dict[str, Any]:
        closed_cases = self.closed_cases

        quarters: list[int] | None | Unset
        if isinstance(self.quarters, Unset):
            quarters = UNSET
        elif isinstance(self.quarters, list):
            quarters = self.quarters

        else:
            quarters = self.quarters

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closed_cases": closed_cases,
            }
        )
        if quarters is not UNSET:
            field_dict["quarters"] = quarters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed_cases = d.pop("closed_cases")

        def _parse_quarters(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                quarters_type_0 = cast(list[int], data)

                return quarters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        quarters = _parse_quarters(d.pop("quarters", UNSET))

        coverage_input = cls(
            closed_cases=closed_cases,
            quarters=quarters,
        )

        return coverage_input
