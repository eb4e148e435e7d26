from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_su_x_report_format import GetSuXReportFormat
from ...models.get_su_x_report_lang import GetSuXReportLang
from ...models.problem import Problem
from ...models.su_x_report import SuXReport
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
    format_: GetSuXReportFormat | Unset = UNSET,
    table: str | Unset = UNSET,
    lang: GetSuXReportLang | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["region"] = region

    params["year"] = year

    params["municipality"] = municipality

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["table"] = table

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/su-x",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SuXReport | None:
    if response.status_code == 200:
        response_200 = SuXReport.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SuXReport]:
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
    format_: GetSuXReportFormat | Unset = UNSET,
    table: str | Unset = UNSET,
    lang: GetSuXReportLang | Unset = UNSET,
) -> Response[Problem | SuXReport]:
    """The yearly SU-X report of your region

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region. Every
    table and diagram of the yearly report (seed report chapter 5, Bilaga 3) as named tables
    with rows, margins and units; from 2021 also by birth background. One table as CSV with
    `Accept: text/csv` or `format=csv`, and `table=` (headers and labels in `lang`); as JSON-stat
    2.0 with `format=json-stat` (a dataset with `table=`, else a collection of every table); as
    an Excel workbook with `format=xlsx`. Exact figures (audience `internal`): refused to every
    role without exact rights, in every format.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):
        format_ (GetSuXReportFormat | Unset): Formats of the yearly report: `json`, `csv` (with
            `table`), `json-stat` (`json-stat2` is the
            same), `xlsx`.
        table (str | Unset):
        lang (GetSuXReportLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuXReport]
    """

    kwargs = _get_kwargs(
        region=region,
        year=year,
        municipality=municipality,
        format_=format_,
        table=table,
        lang=lang,
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
    format_: GetSuXReportFormat | Unset = UNSET,
    table: str | Unset = UNSET,
    lang: GetSuXReportLang | Unset = UNSET,
) -> Problem | SuXReport | None:
    """The yearly SU-X report of your region

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region. Every
    table and diagram of the yearly report (seed report chapter 5, Bilaga 3) as named tables
    with rows, margins and units; from 2021 also by birth background. One table as CSV with
    `Accept: text/csv` or `format=csv`, and `table=` (headers and labels in `lang`); as JSON-stat
    2.0 with `format=json-stat` (a dataset with `table=`, else a collection of every table); as
    an Excel workbook with `format=xlsx`. Exact figures (audience `internal`): refused to every
    role without exact rights, in every format.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):
        format_ (GetSuXReportFormat | Unset): Formats of the yearly report: `json`, `csv` (with
            `table`), `json-stat` (`json-stat2` is the
            same), `xlsx`.
        table (str | Unset):
        lang (GetSuXReportLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuXReport
    """

    return sync_detailed(
        client=client,
        region=region,
        year=year,
        municipality=municipality,
        format_=format_,
        table=table,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
    format_: GetSuXReportFormat | Unset = UNSET,
    table: str | Unset = UNSET,
    lang: GetSuXReportLang | Unset = UNSET,
) -> Response[Problem | SuXReport]:
    """The yearly SU-X report of your region

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region. Every
    table and diagram of the yearly report (seed report chapter 5, Bilaga 3) as named tables
    with rows, margins and units; from 2021 also by birth background. One table as CSV with
    `Accept: text/csv` or `format=csv`, and `table=` (headers and labels in `lang`); as JSON-stat
    2.0 with `format=json-stat` (a dataset with `table=`, else a collection of every table); as
    an Excel workbook with `format=xlsx`. Exact figures (audience `internal`): refused to every
    role without exact rights, in every format.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):
        format_ (GetSuXReportFormat | Unset): Formats of the yearly report: `json`, `csv` (with
            `table`), `json-stat` (`json-stat2` is the
            same), `xlsx`.
        table (str | Unset):
        lang (GetSuXReportLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuXReport]
    """

    kwargs = _get_kwargs(
        region=region,
        year=year,
        municipality=municipality,
        format_=format_,
        table=table,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    region: str,
    year: int,
    municipality: str | Unset = UNSET,
    format_: GetSuXReportFormat | Unset = UNSET,
    table: str | Unset = UNSET,
    lang: GetSuXReportLang | Unset = UNSET,
) -> Problem | SuXReport | None:
    """The yearly SU-X report of your region

     Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region. Every
    table and diagram of the yearly report (seed report chapter 5, Bilaga 3) as named tables
    with rows, margins and units; from 2021 also by birth background. One table as CSV with
    `Accept: text/csv` or `format=csv`, and `table=` (headers and labels in `lang`); as JSON-stat
    2.0 with `format=json-stat` (a dataset with `table=`, else a collection of every table); as
    an Excel workbook with `format=xlsx`. Exact figures (audience `internal`): refused to every
    role without exact rights, in every format.

    Args:
        region (str):
        year (int):
        municipality (str | Unset):
        format_ (GetSuXReportFormat | Unset): Formats of the yearly report: `json`, `csv` (with
            `table`), `json-stat` (`json-stat2` is the
            same), `xlsx`.
        table (str | Unset):
        lang (GetSuXReportLang | Unset): Header and label language.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuXReport
    """

    return (
        await asyncio_detailed(
            client=client,
            region=region,
            year=year,
            municipality=municipality,
            format_=format_,
            table=table,
            lang=lang,
        )
    ).parsed
