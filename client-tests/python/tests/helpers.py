"""Helpers shared by the test modules."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

import httpx

from isu_api_client import AuthenticatedClient, Client
from isu_api_client.api.auth import issue_token
from isu_api_client.models import ApiClient, OAuthError, Problem, TokenRequest, TokenRequestGrantType, TokenResponse
from isu_api_client.types import Response

REQUEST_TIMEOUT = httpx.Timeout(15.0)


def new_request_id(label: str) -> str:
    """A unique request id, valid per the contract (visible ASCII, <= 128 chars)."""
    return f"client-tests-py-{label}-{uuid.uuid4()}"


def new_client_name(label: str) -> str:
    """A name for a client this suite creates, recognisable in a shared sandbox."""
    return f"client-tests-py {label} {uuid.uuid4()}"


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str


@dataclass
class CreatedClient:
    """A client a test created, with the secret it was given."""

    credentials: Credentials
    client: ApiClient
    name: str


def anonymous_client(base_url: str, headers: dict[str, str] | None = None) -> Client:
    """A generated client without a token that raises on any status the contract does not
    document. Use it as a context manager; for per-request headers make a new one rather than
    calling `with_headers` on an open client (that returns a copy whose connection pool nobody
    closes, and also changes the original's headers)."""
    return Client(base_url=base_url, headers=headers or {}, timeout=REQUEST_TIMEOUT, raise_on_unexpected_status=True)


def bearer_client(base_url: str, token: str, headers: dict[str, str] | None = None) -> AuthenticatedClient:
    """A generated client that sends `Authorization: Bearer <token>` (the `oauth2` scheme)."""
    return AuthenticatedClient(
        base_url=base_url,
        token=token,
        headers=headers or {},
        timeout=REQUEST_TIMEOUT,
        raise_on_unexpected_status=True,
    )


def basic_authorization(credentials: Credentials) -> str:
    """`Authorization: Basic` for client authentication (RFC 6749 §2.3.1: id and secret are
    form-urlencoded before the base64 step; httpx.BasicAuth does not do that)."""
    pair = f"{quote(credentials.client_id, safe='')}:{quote(credentials.client_secret, safe='')}"
    return "Basic " + base64.b64encode(pair.encode()).decode("ascii")


def request_token(
    base_url: str,
    credentials: Credentials,
    *,
    via: Literal["basic", "form"] = "basic",
    scope: str | None = None,
    request_id: str | None = None,
) -> Response[OAuthError | Problem | TokenResponse]:
    """POST /oauth/token through the generated `issue_token` operation.

    The generated client has no notion of HTTP Basic, so the header is set by hand on a fresh
    anonymous `Client` (not with `with_headers` on a shared one: on an open client that mutates
    the original's headers too). Optional form fields are left UNSET, never None: the generated
    form encoder would send None as an empty value (`client_id=`).
    """
    body = TokenRequest(grant_type=TokenRequestGrantType.CLIENT_CREDENTIALS)
    headers: dict[str, str] = {}
    if via == "form":
        body.client_id = credentials.client_id
        body.client_secret = credentials.client_secret
    else:
        headers["Authorization"] = basic_authorization(credentials)
    if scope is not None:
        body.scope = scope
    if request_id is not None:
        headers["X-Request-Id"] = request_id
    with anonymous_client(base_url, headers) as client:
        # Annotated `AuthenticatedClient` (openapi-python-client#1372, `security: [{}]`).
        return issue_token.sync_detailed(client=client, body=body)  # type: ignore[arg-type]


def access_token(base_url: str, credentials: Credentials) -> str:
    """An access token for the credentials; fails the test when the server issues none."""
    response = request_token(base_url, credentials)
    assert response.status_code == 200, f"no token for {credentials.client_id}: {response.content!r}"
    assert isinstance(response.parsed, TokenResponse)
    return response.parsed.access_token


def jwt_part(token: str, part: Literal["header", "payload"]) -> dict[str, Any]:
    """The decoded header or payload of a compact JWS (no verification)."""
    segments = token.split(".")
    assert len(segments) == 3, f"not a compact JWS: {len(segments)} segments"
    segment = segments[0 if part == "header" else 1]
    decoded = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    assert isinstance(decoded, dict)
    return decoded


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
