from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CaseRecordInput")


@_attrs_define
class CaseRecordInput:
    """One SU-X record as a case-management system submits it (SU-X 2021 shown; `form` may be
    omitted: the closing date decides). Unknown fields are refused.

        Example:
            {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref': 'HUD-2026-0042',
                'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'gender': 'girl', 'interventions':
                ['traditional_family_treatment', 'manual_method'], 'manual_methods': ['Trygghetscirkeln'], 'previously_active':
                'no', 'problem_areas': ['family_relations', 'school'], 'referred_on': '2026-01-12', 'started_on': '2026-01-26'}

    """

    age_at_referral: int
    """ Q1: age when the case reached the unit, 0–20 ("under one year" is 0). """
    gender: str
    """ Q2: `girl`, `boy`, `other_identity`. """
    referred_on: datetime.date
    """ Q4: when the case reached the outpatient unit. Not before 1999-01-01, at most 21 years before `closed_on`,
    not after today (Europe/Stockholm). """
    started_on: datetime.date | None
    """ Q5: first meeting with the family; null exactly when `closing_reason` is `never_started`. Not before
    1999-01-01 nor before `referred_on`, not after today (Europe/Stockholm). """
    previously_active: str
    """ Q6: `no`, `once`, `several`, `unknown`. """
    problem_areas: list[str]
    """ Q7: 1–3 distinct problem-area codes. """
    interventions: list[str]
    """ Q8: intervention codes; empty exactly when `closing_reason` is `never_started`. """
    closed_on: datetime.date
    """ Q9: when the case closed; selects the form version. From 2020-01-01 (the first version's first closing
    date), not before `started_on`, not after today (Europe/Stockholm). """
    closing_reason: str
    """ Q10: closing reason code. """
    case_ref: None | str | Unset = UNSET
    """ The municipality's pseudonymous case id, 1–64 of `[A-Za-z0-9._-]`; never a personal
    identity number. In the body of POST and batch items; optional in PUT (must equal the path). """
    form: None | str | Unset = UNSET
    """ `su-x-2020` or `su-x-2021`; must agree with `closed_on` when given. """
    birth_background: None | str | Unset = UNSET
    """ Q3 (SU-X 2021 only, required there): country of birth of the child and its parents. """
    problem_area_other: None | str | Unset = UNSET
    """ Required exactly when `problem_areas` has `other`. """
    manual_methods: list[str] | Unset = UNSET
    """ Named manual methods (registry ids or free text), required exactly with `manual_method`. """
    other_intervention_text: None | str | Unset = UNSET
    """ Required exactly when `interventions` has `other_non_manual` (2021). """
    closing_reason_text: None | str | Unset = UNSET
    """ Required exactly when `closing_reason` is `not_matching_needs` or `other`. """
    comment: None | str | Unset = UNSET
    """ Free comment, at most 2000 characters. """

    def to_dict(self) -> dict[str, Any]:
        age_at_referral = self.age_at_referral

        gender = self.gender

        referred_on = self.referred_on.isoformat()

        started_on: None | str
        if isinstance(self.started_on, datetime.date):
            started_on = self.started_on.isoformat()
        else:
            started_on = self.started_on

        previously_active = self.previously_active

        problem_areas = self.problem_areas

        interventions = self.interventions

        closed_on = self.closed_on.isoformat()

        closing_reason = self.closing_reason

        case_ref: None | str | Unset
        if isinstance(self.case_ref, Unset):
            case_ref = UNSET
        else:
            case_ref = self.case_ref

        form: None | str | Unset
        if isinstance(self.form, Unset):
            form = UNSET
        else:
            form = self.form

        birth_background: None | str | Unset
        if isinstance(self.birth_background, Unset):
            birth_background = UNSET
        else:
            birth_background = self.birth_background

        problem_area_other: None | str | Unset
        if isinstance(self.problem_area_other, Unset):
            problem_area_other = UNSET
        else:
            problem_area_other = self.problem_area_other

        manual_methods: list[str] | Unset = UNSET
        if not isinstance(self.manual_methods, Unset):
            manual_methods = self.manual_methods

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "age_at_referral": age_at_referral,
                "gender": gender,
                "referred_on": referred_on,
                "started_on": started_on,
                "previously_active": previously_active,
                "problem_areas": problem_areas,
                "interventions": interventions,
                "closed_on": closed_on,
                "closing_reason": closing_reason,
            }
        )
        if case_ref is not UNSET:
            field_dict["case_ref"] = case_ref
        if form is not UNSET:
            field_dict["form"] = form
        if birth_background is not UNSET:
            field_dict["birth_background"] = birth_background
        if problem_area_other is not UNSET:
            field_dict["problem_area_other"] = problem_area_other
        if manual_methods is not UNSET:
            field_dict["manual_methods"] = manual_methods
        if other_intervention_text is not UNSET:
            field_dict["other_intervention_text"] = other_intervention_text
        if closing_reason_text is not UNSET:
            field_dict["closing_reason_text"] = closing_reason_text
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        age_at_referral = d.pop("age_at_referral")

        gender = d.pop("gender")

        referred_on = datetime.date.fromisoformat(d.pop("referred_on"))

        def _parse_started_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_on_type_0 = datetime.date.fromisoformat(data)

                return started_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        started_on = _parse_started_on(d.pop("started_on"))

        previously_active = d.pop("previously_active")

        problem_areas = cast(list[str], d.pop("problem_areas"))

        interventions = cast(list[str], d.pop("interventions"))

        closed_on = datetime.date.fromisoformat(d.pop("closed_on"))

        closing_reason = d.pop("closing_reason")

        def _parse_case_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_ref = _parse_case_ref(d.pop("case_ref", UNSET))

        def _parse_form(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        form = _parse_form(d.pop("form", UNSET))

        def _parse_birth_background(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        birth_background = _parse_birth_background(d.pop("birth_background", UNSET))

        def _parse_problem_area_other(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        problem_area_other = _parse_problem_area_other(d.pop("problem_area_other", UNSET))

        manual_methods = cast(list[str], d.pop("manual_methods", UNSET))

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

        case_record_input = cls(
            age_at_referral=age_at_referral,
            gender=gender,
            referred_on=referred_on,
            started_on=started_on,
            previously_active=previously_active,
            problem_areas=problem_areas,
            interventions=interventions,
            closed_on=closed_on,
            closing_reason=closing_reason,
            case_ref=case_ref,
            form=form,
            birth_background=birth_background,
            problem_area_other=problem_area_other,
            manual_methods=manual_methods,
            other_intervention_text=other_intervention_text,
            closing_reason_text=closing_reason_text,
            comment=comment,
        )

        return case_record_input
