from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.validity_period import ValidityPeriod


T = TypeVar("T", bound="FormSummary")


@_attrs_define
class FormSummary:
    """A form version without its fields, rules and code lists (see `GET /v1/forms/{form_id}`)."""

    id: str
    """ Stable id; the `form_id` of `GET /v1/forms/{form_id}`. """
    version: int
    """ The year the version was introduced. """
    title: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    description: LocalizedText
    """ A text in Swedish and English. The Swedish text is authoritative; for form labels it is
    exactly the wording of the form. """
    validity: ValidityPeriod
    """ The closing dates a form version applies to (inclusive). """
    current: bool
    """ Whether this is the current version (the default of `?form=` on code lists). """
    question_count: int
    """ Number of numbered questions on the form. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        title = self.title.to_dict()

        description = self.description.to_dict()

        validity = self.validity.to_dict()

        current = self.current

        question_count = self.question_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "title": title,
                "description": description,
                "validity": validity,
                "current": current,
                "question_count": question_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.localized_text import LocalizedText  # noqa: PLC0415
        from ..models.validity_period import ValidityPeriod  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        title = LocalizedText.from_dict(d.pop("title"))

        description = LocalizedText.from_dict(d.pop("description"))

        validity = ValidityPeriod.from_dict(d.pop("validity"))

        current = d.pop("current")

        question_count = d.pop("question_count")

        form_summary = cls(
            id=id,
            version=version,
            title=title,
            description=description,
            validity=validity,
            current=current,
            question_count=question_count,
        )

        form_summary.additional_properties = d
        return form_summary

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
