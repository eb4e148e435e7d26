from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_list_id import CodeListId
from ...models.form_code_list import FormCodeList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    list_: CodeListId,
    *,
    form: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["form"] = form

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/code-lists/{list_}".format(
            list_=quote(str(list_), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | FormCodeList | Problem | None:
    if response.status_code == 200:
        response_200 = FormCodeList.from_dict(response.json())

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
) -> Response[Any | FormCodeList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    list_: CodeListId,
    *,
    client: AuthenticatedClient,
    form: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | FormCodeList | Problem]:
    """Get a code list of a form version

     Roles: any authenticated client. The codes of one list in form order, each with its position,
    label and definition in Swedish and English (Swedish exactly as on the form). `form` defaults
    to the current version, `su-x-2021`. `birth-backgrounds` exists from `su-x-2021`; asking for it
    in `su-x-2020` answers 404. Supports `If-None-Match` (304).

    Args:
        list_ (CodeListId): Identifies a code list; the value is also its URL slug. Example:
            problem-areas.
        form (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FormCodeList | Problem]
    """

    kwargs = _get_kwargs(
        list_=list_,
        form=form,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    list_: CodeListId,
    *,
    client: AuthenticatedClient,
    form: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | FormCodeList | Problem | None:
    """Get a code list of a form version

     Roles: any authenticated client. The codes of one list in form order, each with its position,
    label and definition in Swedish and English (Swedish exactly as on the form). `form` defaults
    to the current version, `su-x-2021`. `birth-backgrounds` exists from `su-x-2021`; asking for it
    in `su-x-2020` answers 404. Supports `If-None-Match` (304).

    Args:
        list_ (CodeListId): Identifies a code list; the value is also its URL slug. Example:
            problem-areas.
        form (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FormCodeList | Problem
    """

    return sync_detailed(
        list_=list_,
        client=client,
        form=form,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    list_: CodeListId,
    *,
    client: AuthenticatedClient,
    form: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | FormCodeList | Problem]:
    """Get a code list of a form version

     Roles: any authenticated client. The codes of one list in form order, each with its position,
    label and definition in Swedish and English (Swedish exactly as on the form). `form` defaults
    to the current version, `su-x-2021`. `birth-backgrounds` exists from `su-x-2021`; asking for it
    in `su-x-2020` answers 404. Supports `If-None-Match` (304).

    Args:
        list_ (CodeListId): Identifies a code list; the value is also its URL slug. Example:
            problem-areas.
        form (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FormCodeList | Problem]
    """

    kwargs = _get_kwargs(
        list_=list_,
        form=form,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_: CodeListId,
    *,
    client: AuthenticatedClient,
    form: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | FormCodeList | Problem | None:
    """Get a code list of a form version

     Roles: any authenticated client. The codes of one list in form order, each with its position,
    label and definition in Swedish and English (Swedish exactly as on the form). `form` defaults
    to the current version, `su-x-2021`. `birth-backgrounds` exists from `su-x-2021`; asking for it
    in `su-x-2020` answers 404. Supports `If-None-Match` (304).

    Args:
        list_ (CodeListId): Identifies a code list; the value is also its URL slug. Example:
            problem-areas.
        form (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FormCodeList | Problem
    """

    return (
        await asyncio_detailed(
            list_=list_,
            client=client,
            form=form,
            if_none_match=if_none_match,
        )
    ).parsed
