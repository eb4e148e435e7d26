from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["region"] = region

    params["year"] = year

    params["municipality"] = municipality

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/su-x/page",
        "params": params,
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
) -> Response[Problem | str]:
    """The yearly SU-X report of your region as a page

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region, as
    `GET /v1/reports/su-x`. The exact report rendered as one self-contained HTML document (inline
    CSS and SVG diagrams, no script, no external resource; prints on A4), in the structure of
    the seed report's chapter 5. Marked as internal, not for publication: small counts are exact.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        region=region,
        year=year,
        municipality=municipality,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
) -> Problem | str | None:
    """The yearly SU-X report of your region as a page

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region, as
    `GET /v1/reports/su-x`. The exact report rendered as one self-contained HTML document (inline
    CSS and SVG diagrams, no script, no external resource; prints on A4), in the structure of
    the seed report's chapter 5. Marked as internal, not for publication: small counts are exact.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        client=client,
        region=region,
        year=year,
        municipality=municipality,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
) -> Response[Problem | str]:
    """The yearly SU-X report of your region as a page

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region, as
    `GET /v1/reports/su-x`. The exact report rendered as one self-contained HTML document (inline
    CSS and SVG diagrams, no script, no external resource; prints on A4), in the structure of
    the seed report's chapter 5. Marked as internal, not for publication: small counts are exact.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        region=region,
        year=year,
        municipality=municipality,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
) -> Problem | str | None:
    """The yearly SU-X report of your region as a page

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region, as
    `GET /v1/reports/su-x`. The exact report rendered as one self-contained HTML document (inline
    CSS and SVG diagrams, no script, no external resource; prints on A4), in the structure of
    the seed report's chapter 5. Marked as internal, not for publication: small counts are exact.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            year=year,
            municipality=municipality,
        )
    ).parsed
