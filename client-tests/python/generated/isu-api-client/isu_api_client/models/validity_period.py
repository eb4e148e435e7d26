from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ValidityPeriod")


@_attrs_define
class ValidityPeriod:
    """The closing dates a form version applies to (inclusive)."""

    closed_from: datetime.date
    """ First closing date the version applies to. """
    closed_to: datetime.date | None
    """ Last closing date the version applies to; `null` while the version is current. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_from = self.closed_from.isoformat()

        closed_to: None | str
        if isinstance(self.closed_to, datetime.date):
            closed_to = self.closed_to.isoformat()
        else:
            closed_to = self.closed_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_from": closed_from,
                "closed_to": closed_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed_from = datetime.date.fromisoformat(d.pop("closed_from"))

        def _parse_closed_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_to_type_0 = datetime.date.fromisoformat(data)

                return closed_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_to = _parse_closed_to(d.pop("closed_to"))

        validity_period = cls(
            closed_from=closed_from,
            closed_to=closed_to,
        )

        validity_period.additional_properties = d
        return validity_period

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
