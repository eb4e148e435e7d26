"""Operational endpoints and cross-cutting behaviour (request ids, problem+json),
exercised through the generated client against a live server."""

from __future__ import annotations

from http import HTTPStatus

import httpx

from isu_api_client import Client
from isu_api_client.api.operations import get_health, get_readiness
from isu_api_client.models import Health, Problem, Readiness

from .helpers import anonymous_client, new_request_id


def test_healthz_ok(client: Client) -> None:
    response = get_health.sync_detailed(client=client)
    assert response.status_code == HTTPStatus.OK
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.parsed, Health)
    assert response.parsed.status == "ok"


def test_every_response_carries_a_request_id(client: Client) -> None:
    response = get_health.sync_detailed(client=client)
    assert response.headers.get("x-request-id"), "missing X-Request-Id response header"


def test_readyz_ready(client: Client) -> None:
    response = get_readiness.sync_detailed(client=client)
    assert response.status_code == HTTPStatus.OK, response.content
    assert isinstance(response.parsed, Readiness)
    assert response.parsed.status == "ready"


def test_request_id_is_echoed(base_url: str) -> None:
    request_id = new_request_id("echo")
    with anonymous_client(base_url, {"X-Request-Id": request_id}) as with_id:
        response = get_health.sync_detailed(client=with_id)
    assert response.status_code == HTTPStatus.OK
    assert response.headers["x-request-id"] == request_id


def test_request_id_of_128_chars_is_echoed(base_url: str) -> None:
    request_id = new_request_id("max").ljust(128, "~")
    assert len(request_id) == 128
    with anonymous_client(base_url, {"X-Request-Id": request_id}) as with_id:
        response = get_health.sync_detailed(client=with_id)
    assert response.status_code == HTTPStatus.OK
    assert response.headers["x-request-id"] == request_id


def test_overlong_request_id_is_not_echoed(raw: httpx.Client) -> None:
    # Raw httpx: the server may answer this with an error the contract does not list.
    request_id = new_request_id("too-long").ljust(129, "x")
    response = raw.get("/healthz", headers={"X-Request-Id": request_id})
    echoed = response.headers.get("x-request-id")
    assert echoed, "missing X-Request-Id response header"
    assert echoed != request_id


def test_unknown_route_is_a_404_problem(raw: httpx.Client) -> None:
    request_id = new_request_id("404")
    response = raw.get(
        "/v1/does-not-exist",
        headers={"Accept": "application/problem+json, application/json", "X-Request-Id": request_id},
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["x-request-id"] == request_id

    body = response.json()
    assert body["status"] == 404
    assert body["request_id"] == request_id
    # The body also parses as the contract's Problem schema.
    problem = Problem.from_dict(body)
    assert problem.status == 404
    assert isinstance(problem.type_, str)
    assert isinstance(problem.title, str)
    assert problem.request_id == request_id
