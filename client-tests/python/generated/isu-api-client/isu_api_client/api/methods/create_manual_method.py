from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.manual_method import ManualMethod
from ...models.new_manual_method import NewManualMethod
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NewManualMethod,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/manual-methods",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ManualMethod | Problem | None:
    if response.status_code == 201:
        response_201 = ManualMethod.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: NewManualMethod,
) -> Response[ManualMethod | Problem]:
    """Add a method to the registry

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all
    violations are reported at once (an alias that already identifies another method is named by
    `/aliases/N`); nothing is written unless all pass.

    Args:
        body (NewManualMethod): A new method for the registry. Example: {'aliases': ['KOMET för
            föräldrar'], 'description': {'en': 'A parenting programme for parents of children with
            externalising behaviour.', 'sv': 'Föräldrastödsprogram för föräldrar till barn med
            utagerande beteende.'}, 'intervention_code': 'manual_method', 'name': 'Komet'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManualMethod | Problem]
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
    body: NewManualMethod,
) -> ManualMethod | Problem | None:
    """Add a method to the registry

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all
    violations are reported at once (an alias that already identifies another method is named by
    `/aliases/N`); nothing is written unless all pass.

    Args:
        body (NewManualMethod): A new method for the registry. Example: {'aliases': ['KOMET för
            föräldrar'], 'description': {'en': 'A parenting programme for parents of children with
            externalising behaviour.', 'sv': 'Föräldrastödsprogram för föräldrar till barn med
            utagerande beteende.'}, 'intervention_code': 'manual_method', 'name': 'Komet'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManualMethod | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewManualMethod,
) -> Response[ManualMethod | Problem]:
    """Add a method to the registry

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all
    violations are reported at once (an alias that already identifies another method is named by
    `/aliases/N`); nothing is written unless all pass.

    Args:
        body (NewManualMethod): A new method for the registry. Example: {'aliases': ['KOMET för
            föräldrar'], 'description': {'en': 'A parenting programme for parents of children with
            externalising behaviour.', 'sv': 'Föräldrastödsprogram för föräldrar till barn med
            utagerande beteende.'}, 'intervention_code': 'manual_method', 'name': 'Komet'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ManualMethod | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewManualMethod,
) -> ManualMethod | Problem | None:
    """Add a method to the registry

     Roles: admin. The id defaults to a slug of the name. Every field is checked and all
    violations are reported at once (an alias that already identifies another method is named by
    `/aliases/N`); nothing is written unless all pass.

    Args:
        body (NewManualMethod): A new method for the registry. Example: {'aliases': ['KOMET för
            föräldrar'], 'description': {'en': 'A parenting programme for parents of children with
            externalising behaviour.', 'sv': 'Föräldrastödsprogram för föräldrar till barn med
            utagerande beteende.'}, 'intervention_code': 'manual_method', 'name': 'Komet'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ManualMethod | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
