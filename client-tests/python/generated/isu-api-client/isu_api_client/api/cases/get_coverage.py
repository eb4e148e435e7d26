from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coverage import Coverage
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    unit_id: UUID,
    year: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/units/{unit_id}/coverage/{year}".format(
            unit_id=quote(str(unit_id), safe=""),
            year=quote(str(year), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Coverage | Problem | None:
    if response.status_code == 200:
        response_200 = Coverage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Coverage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
) -> Response[Coverage | Problem]:
    """Read a unit's reported closed cases for a year

     Roles: vendor, registrar (of the unit), region analyst (of its region).

    Args:
        unit_id (UUID):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        year=year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
) -> Coverage | Problem | None:
    """Read a unit's reported closed cases for a year

     Roles: vendor, registrar (of the unit), region analyst (of its region).

    Args:
        unit_id (UUID):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Coverage | Problem
    """

    return sync_detailed(
        unit_id=unit_id,
        year=year,
        client=client,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
) -> Response[Coverage | Problem]:
    """Read a unit's reported closed cases for a year

     Roles: vendor, registrar (of the unit), region analyst (of its region).

    Args:
        unit_id (UUID):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        year=year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
) -> Coverage | Problem | None:
    """Read a unit's reported closed cases for a year

     Roles: vendor, registrar (of the unit), region analyst (of its region).

    Args:
        unit_id (UUID):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Coverage | Problem
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            year=year,
            client=client,
        )
    ).parsed
