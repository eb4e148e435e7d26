"""Shared fixtures: the server under test is named by ISU_BASE_URL.

scripts/client-tests.sh run starts a local server and exports ISU_BASE_URL;
to target an existing deployment, export ISU_BASE_URL yourself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from isu_api_client import Client

REQUEST_TIMEOUT = httpx.Timeout(15.0)


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
    with Client(base_url=base_url, timeout=REQUEST_TIMEOUT, raise_on_unexpected_status=True) as c:
        yield c


@pytest.fixture
def raw(base_url: str) -> Iterator[httpx.Client]:
    """Plain httpx, for requests that are deliberately outside the contract."""
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT) as c:
        yield c
