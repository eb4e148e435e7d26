from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coverage import Coverage
from ...models.coverage_input import CoverageInput
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    unit_id: UUID,
    year: int,
    *,
    body: CoverageInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/units/{unit_id}/coverage/{year}".format(
            unit_id=quote(str(unit_id), safe=""),
            year=quote(str(year), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Coverage | Problem | None:
    if response.status_code == 200:
        response_200 = Coverage.from_dict(response.json())

        return response_200

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
    body: CoverageInput,
) -> Response[Coverage | Problem]:
    """Report how many cases a unit closed in a year

     Roles: vendor, registrar (of the unit). Replaces the year's figures. Statistics report
    registered records ÷ these closed cases (coverage).

    Args:
        unit_id (UUID):
        year (int):
        body (CoverageInput): How many cases a unit's own system closed in a year. Example:
            {'closed_cases': 212, 'quarters': [48, 55, 51, 58]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        year=year,
        body=body,
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
    body: CoverageInput,
) -> Coverage | Problem | None:
    """Report how many cases a unit closed in a year

     Roles: vendor, registrar (of the unit). Replaces the year's figures. Statistics report
    registered records ÷ these closed cases (coverage).

    Args:
        unit_id (UUID):
        year (int):
        body (CoverageInput): How many cases a unit's own system closed in a year. Example:
            {'closed_cases': 212, 'quarters': [48, 55, 51, 58]}.

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
        body=body,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: CoverageInput,
) -> Response[Coverage | Problem]:
    """Report how many cases a unit closed in a year

     Roles: vendor, registrar (of the unit). Replaces the year's figures. Statistics report
    registered records ÷ these closed cases (coverage).

    Args:
        unit_id (UUID):
        year (int):
        body (CoverageInput): How many cases a unit's own system closed in a year. Example:
            {'closed_cases': 212, 'quarters': [48, 55, 51, 58]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Coverage | Problem]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        year=year,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: CoverageInput,
) -> Coverage | Problem | None:
    """Report how many cases a unit closed in a year

     Roles: vendor, registrar (of the unit). Replaces the year's figures. Statistics report
    registered records ÷ these closed cases (coverage).

    Args:
        unit_id (UUID):
        year (int):
        body (CoverageInput): How many cases a unit's own system closed in a year. Example:
            {'closed_cases': 212, 'quarters': [48, 55, 51, 58]}.

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
            body=body,
        )
    ).parsed
