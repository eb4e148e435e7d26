from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.unit_list import UnitList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    municipality: str | Unset = UNSET,
    region: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["municipality"] = municipality

    params["region"] = region

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/units",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | UnitList | None:
    if response.status_code == 200:
        response_200 = UnitList.from_dict(response.json())

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
) -> Response[Any | Problem | UnitList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    municipality: str | Unset = UNSET,
    region: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | UnitList]:
    """List units

     Roles: any authenticated client. Units by municipality code, then name; optionally only those
    of a municipality and/or of a region's municipalities. Supports `If-None-Match` (304).

    Args:
        municipality (str | Unset):
        region (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | UnitList]
    """

    kwargs = _get_kwargs(
        municipality=municipality,
        region=region,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    municipality: str | Unset = UNSET,
    region: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | UnitList | None:
    """List units

     Roles: any authenticated client. Units by municipality code, then name; optionally only those
    of a municipality and/or of a region's municipalities. Supports `If-None-Match` (304).

    Args:
        municipality (str | Unset):
        region (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | UnitList
    """

    return sync_detailed(
        client=client,
        municipality=municipality,
        region=region,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    municipality: str | Unset = UNSET,
    region: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | UnitList]:
    """List units

     Roles: any authenticated client. Units by municipality code, then name; optionally only those
    of a municipality and/or of a region's municipalities. Supports `If-None-Match` (304).

    Args:
        municipality (str | Unset):
        region (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | UnitList]
    """

    kwargs = _get_kwargs(
        municipality=municipality,
        region=region,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    municipality: str | Unset = UNSET,
    region: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | UnitList | None:
    """List units

     Roles: any authenticated client. Units by municipality code, then name; optionally only those
    of a municipality and/or of a region's municipalities. Supports `If-None-Match` (304).

    Args:
        municipality (str | Unset):
        region (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | UnitList
    """

    return (
        await asyncio_detailed(
            client=client,
            municipality=municipality,
            region=region,
            if_none_match=if_none_match,
        )
    ).parsed
