from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.unit import Unit
from ...models.unit_update import UnitUpdate
from ...types import Response


def _get_kwargs(
    unit_id: UUID,
    *,
    body: UnitUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/units/{unit_id}".format(
            unit_id=quote(str(unit_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Unit | None:
    if response.status_code == 200:
        response_200 = Unit.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Unit]:
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
    body: UnitUpdate,
) -> Response[Problem | Unit]:
    """Rename a unit

     Roles: admin. Only the name can change.

    Args:
        unit_id (UUID):
        body (UnitUpdate): Changes to a unit; absent (or `null`) fields stay as they are. Example:
            {'name': 'Familjeteamet Söderhamn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unit]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UnitUpdate,
) -> Problem | Unit | None:
    """Rename a unit

     Roles: admin. Only the name can change.

    Args:
        unit_id (UUID):
        body (UnitUpdate): Changes to a unit; absent (or `null`) fields stay as they are. Example:
            {'name': 'Familjeteamet Söderhamn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unit
    """

    return sync_detailed(
        unit_id=unit_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UnitUpdate,
) -> Response[Problem | Unit]:
    """Rename a unit

     Roles: admin. Only the name can change.

    Args:
        unit_id (UUID):
        body (UnitUpdate): Changes to a unit; absent (or `null`) fields stay as they are. Example:
            {'name': 'Familjeteamet Söderhamn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Unit]
    """

    kwargs = _get_kwargs(
        unit_id=unit_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UnitUpdate,
) -> Problem | Unit | None:
    """Rename a unit

     Roles: admin. Only the name can change.

    Args:
        unit_id (UUID):
        body (UnitUpdate): Changes to a unit; absent (or `null`) fields stay as they are. Example:
            {'name': 'Familjeteamet Söderhamn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Unit
    """

    return (
        await asyncio_detailed(
            unit_id=unit_id,
            client=client,
            body=body,
        )
    ).parsed
