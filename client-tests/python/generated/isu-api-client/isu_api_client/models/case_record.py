from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.intervention_type import InterventionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.named_method import NamedMethod


T = TypeVar("T", bound="CaseRecord")


@_attrs_define
class CaseRecord:
    """A stored SU-X record: the submitted fields, the derived values and the server's bookkeeping.

    Example:
        {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref': 'HUD-2026-0042',
            'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'closing_reason_text': None, 'comment': None,
            'created_at': '2026-06-15T10:00:00Z', 'enrolment_days': 154, 'form': 'su-x-2021', 'gender': 'girl',
            'intervention_days': 140, 'intervention_type': 'traditional_and_manual', 'interventions':
            ['traditional_family_treatment', 'manual_method'], 'manual_methods': ['Trygghetscirkeln'], 'named_methods':
            [{'method_id': 'trygghetscirkeln', 'name': 'Trygghetscirkeln'}], 'other_intervention_text': None,
            'previously_active': 'no', 'problem_area_other': None, 'problem_areas': ['family_relations', 'school'],
            'referred_on': '2026-01-12', 'revision': 1, 'started_on': '2026-01-26', 'unit_id':
            '0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10', 'updated_at': '2026-06-15T10:00:00Z'}

    """

    unit_id: str
    case_ref: str
    form: str
    age_at_referral: int
    gender: str
    referred_on: datetime.date
    previously_active: str
    problem_areas: list[str]
    interventions: list[str]
    manual_methods: list[str]
    closed_on: datetime.date
    closing_reason: str
    named_methods: list[NamedMethod]
    """ Each named method with the registry method it maps to (derived). """
    intervention_type: InterventionType
    """ The kind of intervention a child received (the report's diagrams 4, 5, 7 and 9). """
    enrolment_days: int
    """ `closed_on − referred_on` in days (derived). """
    revision: int
    """ Starts at 1; grows by one with every change. The `ETag` is `"r{revision}"`. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    birth_background: None | str | Unset = UNSET
    started_on: datetime.date | None | Unset = UNSET
    problem_area_other: None | str | Unset = UNSET
    other_intervention_text: None | str | Unset = UNSET
    closing_reason_text: None | str | Unset = UNSET
    comment: None | str | Unset = UNSET
    intervention_days: int | None | Unset = UNSET
    """ `closed_on − started_on` in days; null when never started (derived). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unit_id = self.unit_id

        case_ref = self.case_ref

        form = self.form

        age_at_referral = self.age_at_referral

        gender = self.gender

        referred_on = self.referred_on.isoformat()

        previously_active = self.previously_active

        problem_areas = self.problem_areas

        interventions = self.interventions

        manual_methods = self.manual_methods

        closed_on = self.closed_on.isoformat()

        closing_reason = self.closing_reason

        named_methods = []
        for named_methods_item_data in self.named_methods:
            named_methods_item = named_methods_item_data.to_dict()
            named_methods.append(named_methods_item)

        intervention_type = self.intervention_type.value

        enrolment_days = self.enrolment_days

        revision = self.revision

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        birth_background: None | str | Unset
        if isinstance(self.birth_background, Unset):
            birth_background = UNSET
        else:
            birth_background = self.birth_background

        started_on: None | str | Unset
        if isinstance(self.started_on, Unset):
            started_on = UNSET
        elif isinstance(self.started_on, datetime.date):
            started_on = self.started_on.isoformat()
        else:
            started_on = self.started_on

        problem_area_other: None | str | Unset
        if isinstance(self.problem_area_other, Unset):
            problem_area_other = UNSET
        else:
            problem_area_other = self.problem_area_other

        other_intervention_text: None | str | Unset
        if isinstance(self.other_intervention_text, Unset):
            other_intervention_text = UNSET
        else:
            other_intervention_text = self.other_intervention_text

        closing_reason_text: None | str | Unset
        if isinstance(self.closing_reason_text, Unset):
            closing_reason_text = UNSET
        else:
            closing_reason_text = self.closing_reason_text

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        intervention_days: int | None | Unset
        if isinstance(self.intervention_days, Unset):
            intervention_days = UNSET
        else:
            intervention_days = self.intervention_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unit_id": unit_id,
                "case_ref": case_ref,
                "form": form,
                "age_at_referral": age_at_referral,
                "gender": gender,
                "referred_on": referred_on,
                "previously_active": previously_active,
                "problem_areas": problem_areas,
                "interventions": interventions,
                "manual_methods": manual_methods,
                "closed_on": closed_on,
                "closing_reason": closing_reason,
                "named_methods": named_methods,
                "intervention_type": intervention_type,
                "enrolment_days": enrolment_days,
                "revision": revision,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if birth_background is not UNSET:
            field_dict["birth_background"] = birth_background
        if started_on is not UNSET:
            field_dict["started_on"] = started_on
        if problem_area_other is not UNSET:
            field_dict["problem_area_other"] = problem_area_other
        if other_intervention_text is not UNSET:
            field_dict["other_intervention_text"] = other_intervention_text
        if closing_reason_text is not UNSET:
            field_dict["closing_reason_text"] = closing_reason_text
        if comment is not UNSET:
            field_dict["comment"] = comment
        if intervention_days is not UNSET:
            field_dict["intervention_days"] = intervention_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.named_method import NamedMethod  # noqa: PLC0415

        d = dict(src_dict)
        unit_id = d.pop("unit_id")

        case_ref = d.pop("case_ref")

        form = d.pop("form")

        age_at_referral = d.pop("age_at_referral")

        gender = d.pop("gender")

        referred_on = datetime.date.fromisoformat(d.pop("referred_on"))

        previously_active = d.pop("previously_active")

        problem_areas = cast(list[str], d.pop("problem_areas"))

        interventions = cast(list[str], d.pop("interventions"))

        manual_methods = cast(list[str], d.pop("manual_methods"))

        closed_on = datetime.date.fromisoformat(d.pop("closed_on"))

        closing_reason = d.pop("closing_reason")

        named_methods = []
        _named_methods = d.pop("named_methods")
        for named_methods_item_data in _named_methods:
            named_methods_item = NamedMethod.from_dict(named_methods_item_data)

            named_methods.append(named_methods_item)

        intervention_type = InterventionType(d.pop("intervention_type"))

        enrolment_days = d.pop("enrolment_days")

        revision = d.pop("revision")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_birth_background(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        birth_background = _parse_birth_background(d.pop("birth_background", UNSET))

        def _parse_started_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_on_type_0 = datetime.date.fromisoformat(data)

                return started_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        started_on = _parse_started_on(d.pop("started_on", UNSET))

        def _parse_problem_area_other(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        problem_area_other = _parse_problem_area_other(d.pop("problem_area_other", UNSET))

        def _parse_other_intervention_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        other_intervention_text = _parse_other_intervention_text(d.pop("other_intervention_text", UNSET))

        def _parse_closing_reason_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closing_reason_text = _parse_closing_reason_text(d.pop("closing_reason_text", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_intervention_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        intervention_days = _parse_intervention_days(d.pop("intervention_days", UNSET))

        case_record = cls(
            unit_id=unit_id,
            case_ref=case_ref,
            form=form,
            age_at_referral=age_at_referral,
            gender=gender,
            referred_on=referred_on,
            previously_active=previously_active,
            problem_areas=problem_areas,
            interventions=interventions,
            manual_methods=manual_methods,
            closed_on=closed_on,
            closing_reason=closing_reason,
            named_methods=named_methods,
            intervention_type=intervention_type,
            enrolment_days=enrolment_days,
            revision=revision,
            created_at=created_at,
            updated_at=updated_at,
            birth_background=birth_background,
            started_on=started_on,
            problem_area_other=problem_area_other,
            other_intervention_text=other_intervention_text,
            closing_reason_text=closing_reason_text,
            comment=comment,
            intervention_days=intervention_days,
        )

        case_record.additional_properties = d
        return case_record

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
