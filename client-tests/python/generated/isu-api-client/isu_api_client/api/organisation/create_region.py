from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.new_region import NewRegion
from ...models.problem import Problem
from ...models.region import Region
from ...types import Response


def _get_kwargs(
    *,
    body: NewRegion,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/regions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Region | None:
    if response.status_code == 201:
        response_201 = Region.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Region]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewRegion,
) -> Response[Problem | Region]:
    """Create a region

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all violations
    are reported at once; nothing is written unless all pass. A municipality belongs to at most one
    region: listing one that belongs to another region is refused (422, naming it and the region).

    Args:
        body (NewRegion): A new region. Example: {'municipalities': ['1490', '1491'], 'name': 'FoU
            Sjuhärad'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Region]
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
    body: NewRegion,
) -> Problem | Region | None:
    """Create a region

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all violations
    are reported at once; nothing is written unless all pass. A municipality belongs to at most one
    region: listing one that belongs to another region is refused (422, naming it and the region).

    Args:
        body (NewRegion): A new region. Example: {'municipalities': ['1490', '1491'], 'name': 'FoU
            Sjuhärad'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Region
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewRegion,
) -> Response[Problem | Region]:
    """Create a region

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all violations
    are reported at once; nothing is written unless all pass. A municipality belongs to at most one
    region: listing one that belongs to another region is refused (422, naming it and the region).

    Args:
        body (NewRegion): A new region. Example: {'municipalities': ['1490', '1491'], 'name': 'FoU
            Sjuhärad'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Region]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewRegion,
) -> Problem | Region | None:
    """Create a region

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all violations
    are reported at once; nothing is written unless all pass. A municipality belongs to at most one
    region: listing one that belongs to another region is refused (422, naming it and the region).

    Args:
        body (NewRegion): A new region. Example: {'municipalities': ['1490', '1491'], 'name': 'FoU
            Sjuhärad'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Region
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
