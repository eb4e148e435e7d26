"""Shared fixtures: the server under test is named by ISU_BASE_URL.

scripts/client-tests.sh run starts a local server and exports ISU_BASE_URL, plus an admin
client (ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET) created for it. To target an existing
deployment, export ISU_BASE_URL yourself, and an admin client of it to run the token and
admin flows (they are skipped without one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from isu_api_client import AuthenticatedClient, Client
from isu_api_client.api.admin import create_client, revoke_client
from isu_api_client.models import ApiClientWithSecret, NewUnscopedClient, NewUnscopedClientRole

from .helpers import (
    REQUEST_TIMEOUT,
    CreatedClient,
    Credentials,
    access_token,
    anonymous_client,
    bearer_client,
    new_client_name,
)


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("ISU_BASE_URL", "").strip()
    if not url:
        pytest.exit(
            "ISU_BASE_URL is not set: run the suite through scripts/client-tests.sh run, "
            "or export ISU_BASE_URL=https://<deployment> to target an existing server",
            returncode=2,
        )
    return url.rstrip("/")


@pytest.fixture
def client(base_url: str) -> Iterator[Client]:
    """A generated client that raises on any status the contract does not document.

    Deliberately the anonymous `Client`: the probes are public. openapi-python-client 0.29.1
    annotates operations with `security: [{}]` (anonymous allowed) as needing an
    `AuthenticatedClient` (upstream issue openapi-generators/openapi-python-client#1372);
    both classes work at run time.
    """
    with anonymous_client(base_url) as c:
        yield c


@pytest.fixture
def raw(base_url: str) -> Iterator[httpx.Client]:
    """Plain httpx, for requests that are deliberately outside the contract."""
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT) as c:
        yield c


@pytest.fixture(scope="session")
def admin_credentials() -> Credentials:
    """The admin client the token and admin flows start from; skips them when absent
    (fails instead under ISU_REQUIRE_ADMIN=1, which the local run sets)."""
    client_id = os.environ.get("ISU_ADMIN_CLIENT_ID", "").strip()
    client_secret = os.environ.get("ISU_ADMIN_CLIENT_SECRET", "")
    if client_id and client_secret:
        return Credentials(client_id, client_secret)
    if os.environ.get("ISU_REQUIRE_ADMIN") == "1":
        pytest.fail("ISU_REQUIRE_ADMIN=1 but ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET are not set")
    pytest.skip(
        "ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET are not set: skipping the token and admin flows "
        "(export an admin client of the deployment to run them)"
    )


@pytest.fixture
def admin(base_url: str, admin_credentials: Credentials) -> Iterator[AuthenticatedClient]:
    """The generated client with a fresh admin token."""
    with bearer_client(base_url, access_token(base_url, admin_credentials)) as c:
        yield c


@pytest.fixture
def new_analyst(admin: AuthenticatedClient) -> Iterator[CreatedClient]:
    """A fresh `analyst` client (it needs no unit, region or municipality), revoked afterwards
    so nothing usable is left behind in a shared sandbox. Failed token requests are throttled
    per client id, so tests that provoke them use a client of their own."""
    name = new_client_name("analyst")
    response = create_client.sync_detailed(client=admin, body=NewUnscopedClient(name=name, role=NewUnscopedClientRole.ANALYST))
    assert response.status_code == HTTPStatus.CREATED, response.content
    assert isinstance(response.parsed, ApiClientWithSecret)
    created = response.parsed
    yield CreatedClient(Credentials(created.client.client_id, created.client_secret), created.client, name)
    # Revocation is idempotent, so a test may have revoked it already.
    revoked = revoke_client.sync_detailed(created.client.client_id, client=admin)
    assert revoked.status_code == HTTPStatus.OK, revoked.content
