from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compare_releases_format import CompareReleasesFormat
from ...models.compare_releases_lang import CompareReleasesLang
from ...models.comparison import Comparison
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    table: str,
    year: int,
    scopes: str,
    format_: CompareReleasesFormat | Unset = UNSET,
    lang: CompareReleasesLang | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["table"] = table

    params["year"] = year

    params["scopes"] = scopes

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/compare",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Comparison | Problem | None:
    if response.status_code == 200:
        response_200 = Comparison.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Comparison | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    table: str,
    year: int,
    scopes: str,
    format_: CompareReleasesFormat | Unset = UNSET,
    lang: CompareReleasesLang | Unset = UNSET,
) -> Response[Comparison | Problem]:
    """Compare a table across scopes

     Roles: any. The same table of the same year from the latest release of each scope. Every
    release protects the same table set, so the figures are comparable. As JSON, or as one
    JSON-stat 2.0 dataset (`format=json-stat`) whose first dimension is the scope (a scope whose
    table lacks a dimension, as the national release has regions where a region's has
    municipalities, is at that dimension's total).

    Args:
        table (str):
        year (int):
        scopes (str):
        format_ (CompareReleasesFormat | Unset): Formats of a comparison: `json`, `json-stat`
            (`json-stat2` is the same).
        lang (CompareReleasesLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Comparison | Problem]
    """

    kwargs = _get_kwargs(
        table=table,
        year=year,
        scopes=scopes,
        format_=format_,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    table: str,
    year: int,
    scopes: str,
    format_: CompareReleasesFormat | Unset = UNSET,
    lang: CompareReleasesLang | Unset = UNSET,
) -> Comparison | Problem | None:
    """Compare a table across scopes

     Roles: any. The same table of the same year from the latest release of each scope. Every
    release protects the same table set, so the figures are comparable. As JSON, or as one
    JSON-stat 2.0 dataset (`format=json-stat`) whose first dimension is the scope (a scope whose
    table lacks a dimension, as the national release has regions where a region's has
    municipalities, is at that dimension's total).

    Args:
        table (str):
        year (int):
        scopes (str):
        format_ (CompareReleasesFormat | Unset): Formats of a comparison: `json`, `json-stat`
            (`json-stat2` is the same).
        lang (CompareReleasesLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Comparison | Problem
    """

    return sync_detailed(
        client=client,
        table=table,
        year=year,
        scopes=scopes,
        format_=format_,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    table: str,
    year: int,
    scopes: str,
    format_: CompareReleasesFormat | Unset = UNSET,
    lang: CompareReleasesLang | Unset = UNSET,
) -> Response[Comparison | Problem]:
    """Compare a table across scopes

     Roles: any. The same table of the same year from the latest release of each scope. Every
    release protects the same table set, so the figures are comparable. As JSON, or as one
    JSON-stat 2.0 dataset (`format=json-stat`) whose first dimension is the scope (a scope whose
    table lacks a dimension, as the national release has regions where a region's has
    municipalities, is at that dimension's total).

    Args:
        table (str):
        year (int):
        scopes (str):
        format_ (CompareReleasesFormat | Unset): Formats of a comparison: `json`, `json-stat`
            (`json-stat2` is the same).
        lang (CompareReleasesLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Comparison | Problem]
    """

    kwargs = _get_kwargs(
        table=table,
        year=year,
        scopes=scopes,
        format_=format_,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    table: str,
    year: int,
    scopes: str,
    format_: CompareReleasesFormat | Unset = UNSET,
    lang: CompareReleasesLang | Unset = UNSET,
) -> Comparison | Problem | None:
    """Compare a table across scopes

     Roles: any. The same table of the same year from the latest release of each scope. Every
    release protects the same table set, so the figures are comparable. As JSON, or as one
    JSON-stat 2.0 dataset (`format=json-stat`) whose first dimension is the scope (a scope whose
    table lacks a dimension, as the national release has regions where a region's has
    municipalities, is at that dimension's total).

    Args:
        table (str):
        year (int):
        scopes (str):
        format_ (CompareReleasesFormat | Unset): Formats of a comparison: `json`, `json-stat`
            (`json-stat2` is the same).
        lang (CompareReleasesLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Comparison | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            table=table,
            year=year,
            scopes=scopes,
            format_=format_,
            lang=lang,
        )
    ).parsed
