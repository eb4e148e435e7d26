from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CellKeyMethod")


@_attrs_define
class CellKeyMethod:
    """How a protected answer was protected (the method and its parameters; the keys stay secret).

    Example:
        {'additivity': 'Cells, margins and the total are perturbed each on its own key: they need not add up. A filter
            with several values, and every span of years, is the sum of its perturbed parts.', 'admission_batch': 10,
            'exact_probability': 0.223, 'js': 4, 'magnitude_share': 1.0, 'max_deviation': 4, 'method': 'cell_key',
            'min_group': 10, 'variance': 3.0}

    """

    method: str
    """ Always `cell_key`: counts perturbed by a perturbation table on the key of their children. """
    max_deviation: int
    """ `D`: no published count differs from the true one by more. """
    variance: float
    """ `V`: the variance of the perturbation of counts above `js + D` (smaller counts have the
    variance their allowed values permit). """
    js: int
    """ Published counts 1..js never occur (a published 0 may be a true 1..js; zero stays zero). """
    exact_probability: float
    """ The probability that a count above `js + D` is published exactly. """
    min_group: int
    """ Means and medians are published only for groups of at least this many children. """
    magnitude_share: float
    """ Means and medians carry noise of up to this share of the most one child can move them. """
    admission_batch: int
    """ New records are counted once this many of their unit and closing year have arrived, all
    together, so that no answer differs from an earlier one by one new child. """
    additivity: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        max_deviation = self.max_deviation

        variance = self.variance

        js = self.js

        exact_probability = self.exact_probability

        min_group = self.min_group

        magnitude_share = self.magnitude_share

        admission_batch = self.admission_batch

        additivity = self.additivity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "max_deviation": max_deviation,
                "variance": variance,
                "js": js,
                "exact_probability": exact_probability,
                "min_group": min_group,
                "magnitude_share": magnitude_share,
                "admission_batch": admission_batch,
                "additivity": additivity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = d.pop("method")

        max_deviation = d.pop("max_deviation")

        variance = d.pop("variance")

        js = d.pop("js")

        exact_probability = d.pop("exact_probability")

        min_group = d.pop("min_group")

        magnitude_share = d.pop("magnitude_share")

        admission_batch = d.pop("admission_batch")

        additivity = d.pop("additivity")

        cell_key_method = cls(
            method=method,
            max_deviation=max_deviation,
            variance=variance,
            js=js,
            exact_probability=exact_probability,
            min_group=min_group,
            magnitude_share=magnitude_share,
            admission_batch=admission_batch,
            additivity=additivity,
        )

        cell_key_method.additional_properties = d
        return cell_key_method

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
