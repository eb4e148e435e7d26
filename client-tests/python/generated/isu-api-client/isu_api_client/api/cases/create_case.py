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
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unit_id: UUID,
    *,
    body: CaseRecordInput,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/units/{unit_id}/cases".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseRecord | Problem | None:
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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseRecord | Problem]:
    """Create a record

     Roles: vendor, registrar (of the unit). `case_ref` is in the body; 409 when a record exists.
    With `Idempotency-Key`, a retry with the same key and body within 24 hours replays the first
    answer (`Idempotent-Replayed: true`); the same key with another body is refused (422); the
    same key while the first request runs answers 409. A request that did not complete (refused
    by validation, or answered 503) is not remembered, so its retry may reuse the key at once.
    Keys are per client and hold across instances.

    Args:
        unit_id (UUID):
        idempotency_key (str | Unset):
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
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    idempotency_key: str | Unset = UNSET,
) -> CaseRecord | Problem | None:
    """Create a record

     Roles: vendor, registrar (of the unit). `case_ref` is in the body; 409 when a record exists.
    With `Idempotency-Key`, a retry with the same key and body within 24 hours replays the first
    answer (`Idempotent-Replayed: true`); the same key with another body is refused (422); the
    same key while the first request runs answers 409. A request that did not complete (refused
    by validation, or answered 503) is not remembered, so its retry may reuse the key at once.
    Keys are per client and hold across instances.

    Args:
        unit_id (UUID):
        idempotency_key (str | Unset):
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
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseRecord | Problem]:
    """Create a record

     Roles: vendor, registrar (of the unit). `case_ref` is in the body; 409 when a record exists.
    With `Idempotency-Key`, a retry with the same key and body within 24 hours replays the first
    answer (`Idempotent-Replayed: true`); the same key with another body is refused (422); the
    same key while the first request runs answers 409. A request that did not complete (refused
    by validation, or answered 503) is not remembered, so its retry may reuse the key at once.
    Keys are per client and hold across instances.

    Args:
        unit_id (UUID):
        idempotency_key (str | Unset):
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
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CaseRecordInput,
    idempotency_key: str | Unset = UNSET,
) -> CaseRecord | Problem | None:
    """Create a record

     Roles: vendor, registrar (of the unit). `case_ref` is in the body; 409 when a record exists.
    With `Idempotency-Key`, a retry with the same key and body within 24 hours replays the first
    answer (`Idempotent-Replayed: true`); the same key with another body is refused (422); the
    same key while the first request runs answers 409. A request that did not complete (refused
    by validation, or answered 503) is not remembered, so its retry may reuse the key at once.
    Keys are per client and hold across instances.

    Args:
        unit_id (UUID):
        idempotency_key (str | Unset):
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
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
