from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_release_format import GetReleaseFormat
from ...models.get_release_lang import GetReleaseLang
from ...models.problem import Problem
from ...models.release import Release
from ...types import UNSET, Response, Unset


def _get_kwargs(
    release_id: str,
    *,
    format_: GetReleaseFormat | Unset = UNSET,
    lang: GetReleaseLang | Unset = UNSET,
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
        "url": "/v1/releases/{release_id}".format(
            release_id=quote(str(release_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Release | None:
    if response.status_code == 200:
        response_200 = Release.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Release]:
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
    format_: GetReleaseFormat | Unset = UNSET,
    lang: GetReleaseLang | Unset = UNSET,
) -> Response[Problem | Release]:
    """Read a release

     Roles: any. The whole published report of a scope-year: every table, protected. As stored
    (JSON), as a JSON-stat 2.0 collection (`format=json-stat`), or as an Excel workbook
    (`format=xlsx`): a first sheet saying what the release is (scope, year, version, created,
    protection method and parameters, the meaning of each symbol, the source), then a sheet per
    table with the report's Swedish headings, numbers as numbers and hidden figures as their
    symbols.

    Args:
        release_id (str):
        format_ (GetReleaseFormat | Unset): Formats of a whole release: `json`, `json-stat`
            (`json-stat2` is the same), `xlsx`.
        lang (GetReleaseLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Release]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
        format_=format_,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    release_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseFormat | Unset = UNSET,
    lang: GetReleaseLang | Unset = UNSET,
) -> Problem | Release | None:
    """Read a release

     Roles: any. The whole published report of a scope-year: every table, protected. As stored
    (JSON), as a JSON-stat 2.0 collection (`format=json-stat`), or as an Excel workbook
    (`format=xlsx`): a first sheet saying what the release is (scope, year, version, created,
    protection method and parameters, the meaning of each symbol, the source), then a sheet per
    table with the report's Swedish headings, numbers as numbers and hidden figures as their
    symbols.

    Args:
        release_id (str):
        format_ (GetReleaseFormat | Unset): Formats of a whole release: `json`, `json-stat`
            (`json-stat2` is the same), `xlsx`.
        lang (GetReleaseLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Release
    """

    return sync_detailed(
        release_id=release_id,
        client=client,
        format_=format_,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    release_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseFormat | Unset = UNSET,
    lang: GetReleaseLang | Unset = UNSET,
) -> Response[Problem | Release]:
    """Read a release

     Roles: any. The whole published report of a scope-year: every table, protected. As stored
    (JSON), as a JSON-stat 2.0 collection (`format=json-stat`), or as an Excel workbook
    (`format=xlsx`): a first sheet saying what the release is (scope, year, version, created,
    protection method and parameters, the meaning of each symbol, the source), then a sheet per
    table with the report's Swedish headings, numbers as numbers and hidden figures as their
    symbols.

    Args:
        release_id (str):
        format_ (GetReleaseFormat | Unset): Formats of a whole release: `json`, `json-stat`
            (`json-stat2` is the same), `xlsx`.
        lang (GetReleaseLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Release]
    """

    kwargs = _get_kwargs(
        release_id=release_id,
        format_=format_,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    release_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetReleaseFormat | Unset = UNSET,
    lang: GetReleaseLang | Unset = UNSET,
) -> Problem | Release | None:
    """Read a release

     Roles: any. The whole published report of a scope-year: every table, protected. As stored
    (JSON), as a JSON-stat 2.0 collection (`format=json-stat`), or as an Excel workbook
    (`format=xlsx`): a first sheet saying what the release is (scope, year, version, created,
    protection method and parameters, the meaning of each symbol, the source), then a sheet per
    table with the report's Swedish headings, numbers as numbers and hidden figures as their
    symbols.

    Args:
        release_id (str):
        format_ (GetReleaseFormat | Unset): Formats of a whole release: `json`, `json-stat`
            (`json-stat2` is the same), `xlsx`.
        lang (GetReleaseLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Release
    """

    return (
        await asyncio_detailed(
            release_id=release_id,
            client=client,
            format_=format_,
            lang=lang,
        )
    ).parsed
