from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_client_with_secret import ApiClientWithSecret
from ...models.new_municipality_scoped_client import NewMunicipalityScopedClient
from ...models.new_region_analyst_client import NewRegionAnalystClient
from ...models.new_unit_scoped_client import NewUnitScopedClient
from ...models.new_unscoped_client import NewUnscopedClient
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient | NewUnscopedClient,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/admin/clients",
    }

    if isinstance(body, NewUnitScopedClient):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, NewMunicipalityScopedClient):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, NewRegionAnalystClient):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiClientWithSecret | Problem | None:
    if response.status_code == 201:
        response_201 = ApiClientWithSecret.from_dict(response.json())

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
) -> Response[ApiClientWithSecret | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient | NewUnscopedClient,
) -> Response[ApiClientWithSecret | Problem]:
    """Create an API client

     Roles: admin. Answers the client and its secret, once. Vendors and registrars need units or
    municipalities; region analysts need a region; other roles take neither.

    Args:
        body (NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient |
            NewUnscopedClient): A new API client. Example: {'name': 'Treserva — Söderhamn', 'role':
            'vendor', 'units': ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientWithSecret | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient | NewUnscopedClient,
) -> ApiClientWithSecret | Problem | None:
    """Create an API client

     Roles: admin. Answers the client and its secret, once. Vendors and registrars need units or
    municipalities; region analysts need a region; other roles take neither.

    Args:
        body (NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient |
            NewUnscopedClient): A new API client. Example: {'name': 'Treserva — Söderhamn', 'role':
            'vendor', 'units': ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientWithSecret | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient | NewUnscopedClient,
) -> Response[ApiClientWithSecret | Problem]:
    """Create an API client

     Roles: admin. Answers the client and its secret, once. Vendors and registrars need units or
    municipalities; region analysts need a region; other roles take neither.

    Args:
        body (NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient |
            NewUnscopedClient): A new API client. Example: {'name': 'Treserva — Söderhamn', 'role':
            'vendor', 'units': ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientWithSecret | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient | NewUnscopedClient,
) -> ApiClientWithSecret | Problem | None:
    """Create an API client

     Roles: admin. Answers the client and its secret, once. Vendors and registrars need units or
    municipalities; region analysts need a region; other roles take neither.

    Args:
        body (NewMunicipalityScopedClient | NewRegionAnalystClient | NewUnitScopedClient |
            NewUnscopedClient): A new API client. Example: {'name': 'Treserva — Söderhamn', 'role':
            'vendor', 'units': ['0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientWithSecret | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
