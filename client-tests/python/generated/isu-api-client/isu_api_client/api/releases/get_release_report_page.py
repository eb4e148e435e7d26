from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    release_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/releases/{release_id}/report".format(
            release_id=quote(str(release_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    release_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | str]:
    """Read a release as its report page

     Roles: any (as reading the release). The release's published report as one self-contained
    HTML document: inline CSS and SVG diagrams, no script and no external resource, printable on
    A4; the structure of the seed report's chapter 5 (Table 1, Diagrams 1–9, Tables X.1, 2, X.2
    and 3, the combinations of problem areas, and from 2021 birth background). Every figure is
    the release's own (the same numbers as `GET /v1/releases/{release_id}/tables/{table_id}`);
    hidden figures show their symbol ("≤4", "..") in tables and diagrams alike.

    Args:
        release_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    release_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | str | None:
    """Read a release as its report page

     Roles: any (as reading the release). The release's published report as one self-contained
    HTML document: inline CSS and SVG diagrams, no script and no external resource, printable on
    A4; the structure of the seed report's chapter 5 (Table 1, Diagrams 1–9, Tables X.1, 2, X.2
    and 3, the combinations of problem areas, and from 2021 birth background). Every figure is
    the release's own (the same numbers as `GET /v1/releases/{release_id}/tables/{table_id}`);
    hidden figures show their symbol ("≤4", "..") in tables and diagrams alike.

    Args:
        release_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        release_id=release_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    release_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | str]:
    """Read a release as its report page

     Roles: any (as reading the release). The release's published report as one self-contained
    HTML document: inline CSS and SVG diagrams, no script and no external resource, printable on
    A4; the structure of the seed report's chapter 5 (Table 1, Diagrams 1–9, Tables X.1, 2, X.2
    and 3, the combinations of problem areas, and from 2021 birth background). Every figure is
    the release's own (the same numbers as `GET /v1/releases/{release_id}/tables/{table_id}`);
    hidden figures show their symbol ("≤4", "..") in tables and diagrams alike.

    Args:
        release_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    release_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | str | None:
    """Read a release as its report page

     Roles: any (as reading the release). The release's published report as one self-contained
    HTML document: inline CSS and SVG diagrams, no script and no external resource, printable on
    A4; the structure of the seed report's chapter 5 (Table 1, Diagrams 1–9, Tables X.1, 2, X.2
    and 3, the combinations of problem areas, and from 2021 birth background). Every figure is
    the release's own (the same numbers as `GET /v1/releases/{release_id}/tables/{table_id}`);
    hidden figures show their symbol ("≤4", "..") in tables and diagrams alike.

    Args:
        release_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            release_id=release_id,
            client=client,
        )
    ).parsed
