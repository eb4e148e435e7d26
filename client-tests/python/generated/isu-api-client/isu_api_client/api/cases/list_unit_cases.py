import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_record_page import CaseRecordPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unit_id: UUID,
    *,
    closed_from: datetime.date | Unset = UNSET,
    closed_to: datetime.date | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    form: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_closed_from: str | Unset = UNSET
    if not isinstance(closed_from, Unset):
        json_closed_from = closed_from.isoformat()
    params["closed_from"] = json_closed_from

    json_closed_to: str | Unset = UNSET
    if not isinstance(closed_to, Unset):
        json_closed_to = closed_to.isoformat()
    params["closed_to"] = json_closed_to

    json_updated_since: str | Unset = UNSET
    if not isinstance(updated_since, Unset):
        json_updated_since = updated_since.isoformat()
    params["updated_since"] = json_updated_since

    params["form"] = form

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/units/{unit_id}/cases".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CaseRecordPage | Problem | None:
    if response.status_code == 200:
        response_200 = CaseRecordPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[CaseRecordPage | Problem]:
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
    closed_from: datetime.date | Unset = UNSET,
    closed_to: datetime.date | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    form: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[CaseRecordPage | Problem]:
    """List a unit's records

     Roles: vendor, registrar (of the unit), region analyst (of its region). For reconciling what
    the API holds: filters, stable order (case reference), cursor pagination.

    Args:
        unit_id (UUID):
        closed_from (datetime.date | Unset):
        closed_to (datetime.date | Unset):
        updated_since (datetime.datetime | Unset):
        form (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseRecordPage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        closed_from=closed_from,
        closed_to=closed_to,
        updated_since=updated_since,
        form=form,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    closed_from: datetime.date | Unset = UNSET,
    closed_to: datetime.date | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    form: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> CaseRecordPage | Problem | None:
    """List a unit's records

     Roles: vendor, registrar (of the unit), region analyst (of its region). For reconciling what
    the API holds: filters, stable order (case reference), cursor pagination.

    Args:
        unit_id (UUID):
        closed_from (datetime.date | Unset):
        closed_to (datetime.date | Unset):
        updated_since (datetime.datetime | Unset):
        form (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseRecordPage | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        closed_from=closed_from,
        closed_to=closed_to,
        updated_since=updated_since,
        form=form,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    closed_from: datetime.date | Unset = UNSET,
    closed_to: datetime.date | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    form: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[CaseRecordPage | Problem]:
    """List a unit's records

     Roles: vendor, registrar (of the unit), region analyst (of its region). For reconciling what
    the API holds: filters, stable order (case reference), cursor pagination.

    Args:
        unit_id (UUID):
        closed_from (datetime.date | Unset):
        closed_to (datetime.date | Unset):
        updated_since (datetime.datetime | Unset):
        form (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseRecordPage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        closed_from=closed_from,
        closed_to=closed_to,
        updated_since=updated_since,
        form=form,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    closed_from: datetime.date | Unset = UNSET,
    closed_to: datetime.date | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    form: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> CaseRecordPage | Problem | None:
    """List a unit's records

     Roles: vendor, registrar (of the unit), region analyst (of its region). For reconciling what
    the API holds: filters, stable order (case reference), cursor pagination.

    Args:
        unit_id (UUID):
        closed_from (datetime.date | Unset):
        closed_to (datetime.date | Unset):
        updated_since (datetime.datetime | Unset):
        form (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseRecordPage | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            closed_from=closed_from,
            closed_to=closed_to,
            updated_since=updated_since,
            form=form,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
