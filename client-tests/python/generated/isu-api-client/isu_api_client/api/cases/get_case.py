from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_record import CaseRecord
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    unit_id: UUID,
    case_ref: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/units/{unit_id}/cases/{case_ref}".format(
            unit_id=quote(str(unit_id), safe=""),
            case_ref=quote(str(case_ref), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CaseRecord | Problem | None:
    if response.status_code == 200:
        response_200 = CaseRecord.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Any | CaseRecord | Problem]:
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
) -> Response[Any | CaseRecord | Problem]:
    """Read a record

     Roles: vendor, registrar (of the unit), region analyst (of the unit's region).
    `If-None-Match` with the current `ETag` answers 304.

    Args:
        unit_id (UUID):
        case_ref (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CaseRecord | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        case_ref=case_ref,
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
) -> Any | CaseRecord | Problem | None:
    """Read a record

     Roles: vendor, registrar (of the unit), region analyst (of the unit's region).
    `If-None-Match` with the current `ETag` answers 304.

    Args:
        unit_id (UUID):
        case_ref (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CaseRecord | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        case_ref=case_ref,
        client=client,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | CaseRecord | Problem]:
    """Read a record

     Roles: vendor, registrar (of the unit), region analyst (of the unit's region).
    `If-None-Match` with the current `ETag` answers 304.

    Args:
        unit_id (UUID):
        case_ref (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CaseRecord | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        case_ref=case_ref,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    case_ref: str,
    *,
    client: AuthenticatedClient,
) -> Any | CaseRecord | Problem | None:
    """Read a record

     Roles: vendor, registrar (of the unit), region analyst (of the unit's region).
    `If-None-Match` with the current `ETag` answers 304.

    Args:
        unit_id (UUID):
        case_ref (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CaseRecord | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            case_ref=case_ref,
            client=client,
        )
    ).parsed
