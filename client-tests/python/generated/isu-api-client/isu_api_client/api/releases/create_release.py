from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.new_release import NewRelease
from ...models.problem import Problem
from ...models.release import Release
from ...types import Response


def _get_kwargs(
    *,
    body: NewRelease,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/releases",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Release | None:
    if response.status_code == 201:
        response_201 = Release.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Release]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewRelease,
) -> Response[Problem | Release]:
    """Create a release

     Roles: region analyst (its own region), admin (any region, or `national`). Protects the
    report's table set for the scope and year (by municipality in a region, by region nationally)
    and stores it as an immutable document. A release of a scope-year that has one already is
    its next version: cells hidden before stay hidden. The national release is the aggregate of
    the current regional releases; a region without one, or whose records changed since, gets a
    new version first, stored with the national one.

    `method` chooses the protection: `suppression` (above) or `cell_key`: every count perturbed
    with the keys protected statistics use (a cell has the value `GET /v1/stats` shows for the
    same children; status `perturbed`), no count 1..js, nothing hidden but means and medians of
    groups under `min_group`; a national release by cell key is computed directly. Without it,
    the earlier versions' method, else the deployment's (`suppression` unless configured).

    Args:
        body (NewRelease): A release to create. Example: {'method': 'cell_key', 'scope': 'fou-
            valfard-gavleborg', 'year': 2024}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Release]
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
    body: NewRelease,
) -> Problem | Release | None:
    """Create a release

     Roles: region analyst (its own region), admin (any region, or `national`). Protects the
    report's table set for the scope and year (by municipality in a region, by region nationally)
    and stores it as an immutable document. A release of a scope-year that has one already is
    its next version: cells hidden before stay hidden. The national release is the aggregate of
    the current regional releases; a region without one, or whose records changed since, gets a
    new version first, stored with the national one.

    `method` chooses the protection: `suppression` (above) or `cell_key`: every count perturbed
    with the keys protected statistics use (a cell has the value `GET /v1/stats` shows for the
    same children; status `perturbed`), no count 1..js, nothing hidden but means and medians of
    groups under `min_group`; a national release by cell key is computed directly. Without it,
    the earlier versions' method, else the deployment's (`suppression` unless configured).

    Args:
        body (NewRelease): A release to create. Example: {'method': 'cell_key', 'scope': 'fou-
            valfard-gavleborg', 'year': 2024}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Release
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewRelease,
) -> Response[Problem | Release]:
    """Create a release

     Roles: region analyst (its own region), admin (any region, or `national`). Protects the
    report's table set for the scope and year (by municipality in a region, by region nationally)
    and stores it as an immutable document. A release of a scope-year that has one already is
    its next version: cells hidden before stay hidden. The national release is the aggregate of
    the current regional releases; a region without one, or whose records changed since, gets a
    new version first, stored with the national one.

    `method` chooses the protection: `suppression` (above) or `cell_key`: every count perturbed
    with the keys protected statistics use (a cell has the value `GET /v1/stats` shows for the
    same children; status `perturbed`), no count 1..js, nothing hidden but means and medians of
    groups under `min_group`; a national release by cell key is computed directly. Without it,
    the earlier versions' method, else the deployment's (`suppression` unless configured).

    Args:
        body (NewRelease): A release to create. Example: {'method': 'cell_key', 'scope': 'fou-
            valfard-gavleborg', 'year': 2024}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Release]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewRelease,
) -> Problem | Release | None:
    """Create a release

     Roles: region analyst (its own region), admin (any region, or `national`). Protects the
    report's table set for the scope and year (by municipality in a region, by region nationally)
    and stores it as an immutable document. A release of a scope-year that has one already is
    its next version: cells hidden before stay hidden. The national release is the aggregate of
    the current regional releases; a region without one, or whose records changed since, gets a
    new version first, stored with the national one.

    `method` chooses the protection: `suppression` (above) or `cell_key`: every count perturbed
    with the keys protected statistics use (a cell has the value `GET /v1/stats` shows for the
    same children; status `perturbed`), no count 1..js, nothing hidden but means and medians of
    groups under `min_group`; a national release by cell key is computed directly. Without it,
    the earlier versions' method, else the deployment's (`suppression` unless configured).

    Args:
        body (NewRelease): A release to create. Example: {'method': 'cell_key', 'scope': 'fou-
            valfard-gavleborg', 'year': 2024}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Release
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
