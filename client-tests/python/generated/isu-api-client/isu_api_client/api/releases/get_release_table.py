from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_release_table_format import GetReleaseTableFormat
from ...models.get_release_table_lang import GetReleaseTableLang
from ...models.problem import Problem
from ...models.published_table import PublishedTable
from ...types import UNSET, Response, Unset


def _get_kwargs(
    release_id: str,
    table_id: str,
    *,
    format_: GetReleaseTableFormat | Unset = UNSET,
    lang: GetReleaseTableLang | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/releases/{release_id}/tables/{table_id}".format(
            release_id=quote(str(release_id), safe=""),
            table_id=quote(str(table_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | PublishedTable | None:
    if response.status_code == 200:
        response_200 = PublishedTable.from_dict(response.json())

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
) -> Response[Problem | PublishedTable]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    release_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseTableFormat | Unset = UNSET,
    lang: GetReleaseTableLang | Unset = UNSET,
) -> Response[Problem | PublishedTable]:
    """Read one table of a release

     Roles: any. JSON, CSV with `format=csv` / `Accept: text/csv` (suppressed figures as their
    display strings, "≤4" and ".."), or a JSON-stat 2.0 dataset with `format=json-stat` /
    `Accept: application/json-stat+json` (dimensions with a total category `_T`, then the
    measures; a hidden figure is null with its symbol in `status`; `extension` names the release,
    the protection method and its parameters, and what every symbol means).

    Args:
        release_id (str):
        table_id (str):
        format_ (GetReleaseTableFormat | Unset): Formats of one table: `json`, `csv`, `json-stat`
            (`json-stat2` is the same).
        lang (GetReleaseTableLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublishedTable]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
        table_id=table_id,
        format_=format_,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    release_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseTableFormat | Unset = UNSET,
    lang: GetReleaseTableLang | Unset = UNSET,
) -> Problem | PublishedTable | None:
    """Read one table of a release

     Roles: any. JSON, CSV with `format=csv` / `Accept: text/csv` (suppressed figures as their
    display strings, "≤4" and ".."), or a JSON-stat 2.0 dataset with `format=json-stat` /
    `Accept: application/json-stat+json` (dimensions with a total category `_T`, then the
    measures; a hidden figure is null with its symbol in `status`; `extension` names the release,
    the protection method and its parameters, and what every symbol means).

    Args:
        release_id (str):
        table_id (str):
        format_ (GetReleaseTableFormat | Unset): Formats of one table: `json`, `csv`, `json-stat`
            (`json-stat2` is the same).
        lang (GetReleaseTableLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublishedTable
    """

    return sync_detailed(
        release_id=release_id,
        table_id=table_id,
        client=client,
        format_=format_,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    release_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseTableFormat | Unset = UNSET,
    lang: GetReleaseTableLang | Unset = UNSET,
) -> Response[Problem | PublishedTable]:
    """Read one table of a release

     Roles: any. JSON, CSV with `format=csv` / `Accept: text/csv` (suppressed figures as their
    display strings, "≤4" and ".."), or a JSON-stat 2.0 dataset with `format=json-stat` /
    `Accept: application/json-stat+json` (dimensions with a total category `_T`, then the
    measures; a hidden figure is null with its symbol in `status`; `extension` names the release,
    the protection method and its parameters, and what every symbol means).

    Args:
        release_id (str):
        table_id (str):
        format_ (GetReleaseTableFormat | Unset): Formats of one table: `json`, `csv`, `json-stat`
            (`json-stat2` is the same).
        lang (GetReleaseTableLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublishedTable]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
        table_id=table_id,
        format_=format_,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    release_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseTableFormat | Unset = UNSET,
    lang: GetReleaseTableLang | Unset = UNSET,
) -> Problem | PublishedTable | None:
    """Read one table of a release

     Roles: any. JSON, CSV with `format=csv` / `Accept: text/csv` (suppressed figures as their
    display strings, "≤4" and ".."), or a JSON-stat 2.0 dataset with `format=json-stat` /
    `Accept: application/json-stat+json` (dimensions with a total category `_T`, then the
    measures; a hidden figure is null with its symbol in `status`; `extension` names the release,
    the protection method and its parameters, and what every symbol means).

    Args:
        release_id (str):
        table_id (str):
        format_ (GetReleaseTableFormat | Unset): Formats of one table: `json`, `csv`, `json-stat`
            (`json-stat2` is the same).
        lang (GetReleaseTableLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublishedTable
    """

    return (
        await asyncio_detailed(
            release_id=release_id,
            table_id=table_id,
            client=client,
            format_=format_,
            lang=lang,
        )
    ).parsed
