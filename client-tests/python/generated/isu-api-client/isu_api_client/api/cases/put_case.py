from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_record import CaseRecord
from ...models.case_record_input import CaseRecordInput
from ...models.problem import Problem
from ...models.put_case_if_none_match import PutCaseIfNoneMatch
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unit_id: UUID,
    case_ref: str,
    *,
    body: CaseRecordInput,
    if_match: str | Unset = UNSET,
    if_none_match: PutCaseIfNoneMatch | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = str(if_none_match)

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/units/{unit_id}/cases/{case_ref}".format(
            unit_id=quote(str(unit_id), safe=""),
            case_ref=quote(str(case_ref), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseRecord | Problem | None:
    if response.status_code == 200:
        response_200 = CaseRecord.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CaseRecord.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CaseRecord | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    if_match: str | Unset = UNSET,
    if_none_match: PutCaseIfNoneMatch | Unset = UNSET,
) -> Response[CaseRecord | Problem]:
    """Create or replace a record

     Roles: vendor, registrar (of the unit). Creates the record of this case reference (201) or
    replaces it (200). Repeating the same PUT is harmless: same answer, no new revision.
    `If-Match: "r{revision}"` replaces only that revision (else 412); `If-None-Match: *` only
    creates (412 when a record exists). Every rule of the form is checked; all violations are
    reported at once and nothing is written.

    Args:
        unit_id (UUID):
        case_ref (str):
        if_match (str | Unset):
        if_none_match (PutCaseIfNoneMatch | Unset):
        body (CaseRecordInput): One SU-X record as a case-management system submits it (SU-X 2021
            shown; `form` may be
            omitted: the closing date decides). Unknown fields are refused. Example:
            {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref':
            'HUD-2026-0042', 'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'gender':
            'girl', 'interventions': ['traditional_family_treatment', 'manual_method'],
            'manual_methods': ['Trygghetscirkeln'], 'previously_active': 'no', 'problem_areas':
            ['family_relations', 'school'], 'referred_on': '2026-01-12', 'started_on': '2026-01-26'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseRecord | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        case_ref=case_ref,
        body=body,
        if_match=if_match,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    if_match: str | Unset = UNSET,
    if_none_match: PutCaseIfNoneMatch | Unset = UNSET,
) -> CaseRecord | Problem | None:
    """Create or replace a record

     Roles: vendor, registrar (of the unit). Creates the record of this case reference (201) or
    replaces it (200). Repeating the same PUT is harmless: same answer, no new revision.
    `If-Match: "r{revision}"` replaces only that revision (else 412); `If-None-Match: *` only
    creates (412 when a record exists). Every rule of the form is checked; all violations are
    reported at once and nothing is written.

    Args:
        unit_id (UUID):
        case_ref (str):
        if_match (str | Unset):
        if_none_match (PutCaseIfNoneMatch | Unset):
        body (CaseRecordInput): One SU-X record as a case-management system submits it (SU-X 2021
            shown; `form` may be
            omitted: the closing date decides). Unknown fields are refused. Example:
            {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref':
            'HUD-2026-0042', 'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'gender':
            'girl', 'interventions': ['traditional_family_treatment', 'manual_method'],
            'manual_methods': ['Trygghetscirkeln'], 'previously_active': 'no', 'problem_areas':
            ['family_relations', 'school'], 'referred_on': '2026-01-12', 'started_on': '2026-01-26'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseRecord | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        case_ref=case_ref,
        client=client,
        body=body,
        if_match=if_match,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    if_match: str | Unset = UNSET,
    if_none_match: PutCaseIfNoneMatch | Unset = UNSET,
) -> Response[CaseRecord | Problem]:
    """Create or replace a record

     Roles: vendor, registrar (of the unit). Creates the record of this case reference (201) or
    replaces it (200). Repeating the same PUT is harmless: same answer, no new revision.
    `If-Match: "r{revision}"` replaces only that revision (else 412); `If-None-Match: *` only
    creates (412 when a record exists). Every rule of the form is checked; all violations are
    reported at once and nothing is written.

    Args:
        unit_id (UUID):
        case_ref (str):
        if_match (str | Unset):
        if_none_match (PutCaseIfNoneMatch | Unset):
        body (CaseRecordInput): One SU-X record as a case-management system submits it (SU-X 2021
            shown; `form` may be
            omitted: the closing date decides). Unknown fields are refused. Example:
            {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref':
            'HUD-2026-0042', 'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'gender':
            'girl', 'interventions': ['traditional_family_treatment', 'manual_method'],
            'manual_methods': ['Trygghetscirkeln'], 'previously_active': 'no', 'problem_areas':
            ['family_relations', 'school'], 'referred_on': '2026-01-12', 'started_on': '2026-01-26'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseRecord | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        case_ref=case_ref,
        body=body,
        if_match=if_match,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    if_match: str | Unset = UNSET,
    if_none_match: PutCaseIfNoneMatch | Unset = UNSET,
) -> CaseRecord | Problem | None:
    """Create or replace a record

     Roles: vendor, registrar (of the unit). Creates the record of this case reference (201) or
    replaces it (200). Repeating the same PUT is harmless: same answer, no new revision.
    `If-Match: "r{revision}"` replaces only that revision (else 412); `If-None-Match: *` only
    creates (412 when a record exists). Every rule of the form is checked; all violations are
    reported at once and nothing is written.

    Args:
        unit_id (UUID):
        case_ref (str):
        if_match (str | Unset):
        if_none_match (PutCaseIfNoneMatch | Unset):
        body (CaseRecordInput): One SU-X record as a case-management system submits it (SU-X 2021
            shown; `form` may be
            omitted: the closing date decides). Unknown fields are refused. Example:
            {'age_at_referral': 11, 'birth_background': 'sweden_one_parent_abroad', 'case_ref':
            'HUD-2026-0042', 'closed_on': '2026-06-15', 'closing_reason': 'goals_met', 'gender':
            'girl', 'interventions': ['traditional_family_treatment', 'manual_method'],
            'manual_methods': ['Trygghetscirkeln'], 'previously_active': 'no', 'problem_areas':
            ['family_relations', 'school'], 'referred_on': '2026-01-12', 'started_on': '2026-01-26'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseRecord | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            case_ref=case_ref,
            client=client,
            body=body,
            if_match=if_match,
            if_none_match=if_none_match,
        )
    ).parsed
