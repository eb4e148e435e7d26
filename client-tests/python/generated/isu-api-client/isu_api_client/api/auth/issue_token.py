from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.problem import Problem
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthError | Problem | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())

        return response_401

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
) -> Response[OAuthError | Problem | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> Response[OAuthError | Problem | TokenResponse]:
    """Get an access token

     OAuth 2.0 client credentials grant. Authenticate with HTTP Basic (client id and secret) or
    with `client_id` and `client_secret` in the form. `scope` may narrow the token to some of the
    role's scopes. Tokens expire after `expires_in` seconds; request a new one then (there are no
    refresh tokens). Repeated failures for one client id, or from one source address, are
    throttled (429 with `Retry-After`); so is a request arriving while the server is already
    verifying as many secrets as it allows (429, `Retry-After: 1`). An unknown client id and a
    wrong secret get the same answer.

    Args:
        body (TokenRequest): The token request (form-encoded). The client authenticates with HTTP
            Basic or with
            `client_id` and `client_secret` in the form, not both. Example: {'client_id':
            'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'client_secret': '…', 'grant_type': 'client_credentials',
            'scope': 'cases:write cases:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | Problem | TokenResponse]
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
    body: TokenRequest,
) -> OAuthError | Problem | TokenResponse | None:
    """Get an access token

     OAuth 2.0 client credentials grant. Authenticate with HTTP Basic (client id and secret) or
    with `client_id` and `client_secret` in the form. `scope` may narrow the token to some of the
    role's scopes. Tokens expire after `expires_in` seconds; request a new one then (there are no
    refresh tokens). Repeated failures for one client id, or from one source address, are
    throttled (429 with `Retry-After`); so is a request arriving while the server is already
    verifying as many secrets as it allows (429, `Retry-After: 1`). An unknown client id and a
    wrong secret get the same answer.

    Args:
        body (TokenRequest): The token request (form-encoded). The client authenticates with HTTP
            Basic or with
            `client_id` and `client_secret` in the form, not both. Example: {'client_id':
            'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'client_secret': '…', 'grant_type': 'client_credentials',
            'scope': 'cases:write cases:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | Problem | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> Response[OAuthError | Problem | TokenResponse]:
    """Get an access token

     OAuth 2.0 client credentials grant. Authenticate with HTTP Basic (client id and secret) or
    with `client_id` and `client_secret` in the form. `scope` may narrow the token to some of the
    role's scopes. Tokens expire after `expires_in` seconds; request a new one then (there are no
    refresh tokens). Repeated failures for one client id, or from one source address, are
    throttled (429 with `Retry-After`); so is a request arriving while the server is already
    verifying as many secrets as it allows (429, `Retry-After: 1`). An unknown client id and a
    wrong secret get the same answer.

    Args:
        body (TokenRequest): The token request (form-encoded). The client authenticates with HTTP
            Basic or with
            `client_id` and `client_secret` in the form, not both. Example: {'client_id':
            'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'client_secret': '…', 'grant_type': 'client_credentials',
            'scope': 'cases:write cases:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> OAuthError | Problem | TokenResponse | None:
    """Get an access token

     OAuth 2.0 client credentials grant. Authenticate with HTTP Basic (client id and secret) or
    with `client_id` and `client_secret` in the form. `scope` may narrow the token to some of the
    role's scopes. Tokens expire after `expires_in` seconds; request a new one then (there are no
    refresh tokens). Repeated failures for one client id, or from one source address, are
    throttled (429 with `Retry-After`); so is a request arriving while the server is already
    verifying as many secrets as it allows (429, `Retry-After: 1`). An unknown client id and a
    wrong secret get the same answer.

    Args:
        body (TokenRequest): The token request (form-encoded). The client authenticates with HTTP
            Basic or with
            `client_id` and `client_secret` in the form, not both. Example: {'client_id':
            'isu_2hVq9dTzqRk1bXcY0eN3Ag', 'client_secret': '…', 'grant_type': 'client_credentials',
            'scope': 'cases:write cases:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | Problem | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
