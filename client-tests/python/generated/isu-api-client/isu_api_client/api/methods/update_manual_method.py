from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.manual_method import ManualMethod
from ...models.manual_method_update import ManualMethodUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    method_id: str,
    *,
    body: ManualMethodUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/manual-methods/{method_id}".format(
            method_id=quote(str(method_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ManualMethod | Problem | None:
    if response.status_code == 200:
        response_200 = ManualMethod.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ManualMethod | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    method_id: str,
    *,
    client: AuthenticatedClient,
    body: ManualMethodUpdate,
) -> Response[ManualMethod | Problem]:
    """Change a method in the registry

     Roles: admin. Rename it, change its description and/or replace its aliases, with the same
    checks as on creation. When only the name changes, an alias equal to the new name is dropped
    (it is the name now).

    Args:
        method_id (str):
        body (ManualMethodUpdate): Changes to a method; absent (or `null`) fields stay as they
            are. The id and the intervention
            code never change. Example: {'aliases': ['COS-P', 'Circle of Security', 'Circle of
            Security Parenting']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManualMethod | Problem]
    """

    kwargs = _get_kwargs(
        method_id=method_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    method_id: str,
    *,
    client: AuthenticatedClient,
    body: ManualMethodUpdate,
) -> ManualMethod | Problem | None:
    """Change a method in the registry

     Roles: admin. Rename it, change its description and/or replace its aliases, with the same
    checks as on creation. When only the name changes, an alias equal to the new name is dropped
    (it is the name now).

    Args:
        method_id (str):
        body (ManualMethodUpdate): Changes to a method; absent (or `null`) fields stay as they
            are. The id and the intervention
            code never change. Example: {'aliases': ['COS-P', 'Circle of Security', 'Circle of
            Security Parenting']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManualMethod | Problem
    """

    return sync_detailed(
        method_id=method_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    method_id: str,
    *,
    client: AuthenticatedClient,
    body: ManualMethodUpdate,
) -> Response[ManualMethod | Problem]:
    """Change a method in the registry

     Roles: admin. Rename it, change its description and/or replace its aliases, with the same
    checks as on creation. When only the name changes, an alias equal to the new name is dropped
    (it is the name now).

    Args:
        method_id (str):
        body (ManualMethodUpdate): Changes to a method; absent (or `null`) fields stay as they
            are. The id and the intervention
            code never change. Example: {'aliases': ['COS-P', 'Circle of Security', 'Circle of
            Security Parenting']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManualMethod | Problem]
    """

    kwargs = _get_kwargs(
        method_id=method_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    method_id: str,
    *,
    client: AuthenticatedClient,
    body: ManualMethodUpdate,
) -> ManualMethod | Problem | None:
    """Change a method in the registry

     Roles: admin. Rename it, change its description and/or replace its aliases, with the same
    checks as on creation. When only the name changes, an alias equal to the new name is dropped
    (it is the name now).

    Args:
        method_id (str):
        body (ManualMethodUpdate): Changes to a method; absent (or `null`) fields stay as they
            are. The id and the intervention
            code never change. Example: {'aliases': ['COS-P', 'Circle of Security', 'Circle of
            Security Parenting']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManualMethod | Problem
    """

    return (
        await asyncio_detailed(
            method_id=method_id,
            client=client,
            body=body,
        )
    ).parsed
