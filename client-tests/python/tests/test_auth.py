"""OAuth2 client credentials and the admin API, through the generated client: tokens (HTTP
Basic and form), the JWKS, bearer-token errors, and one API client's whole life (create,
token, read, rotate, revoke) as the audit log records it.

Writes only what it creates: clients named "client-tests-py …", revoked at the end, so it is
safe against a shared sandbox (given ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET).
"""

from __future__ import annotations

import uuid
from http import HTTPStatus

import httpx

from isu_api_client import AuthenticatedClient, Client
from isu_api_client.api.admin import (
    create_client,
    get_client,
    list_audit_events,
    list_clients,
    revoke_client,
    rotate_client_secret,
)
from isu_api_client.api.auth import get_jwks
from isu_api_client.models import (
    ApiClient,
    ApiClientList,
    ApiClientWithSecret,
    AuditEvent,
    AuditEventPage,
    JwkSet,
    NewUnscopedClient,
    NewUnscopedClientRole,
    OAuthError,
    Problem,
    Role,
    TokenResponse,
)
from isu_api_client.types import UNSET, Response

from .helpers import (
    CreatedClient,
    Credentials,
    access_token,
    b64url_decode,
    bearer_client,
    jwt_part,
    new_client_name,
    new_request_id,
    request_token,
)


def assert_problem(response: Response[object], status: int) -> Problem:
    """A problem+json response with this status, parsed by the generated client as `Problem`."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.parsed
    assert isinstance(problem, Problem), problem
    assert problem.status == status
    assert isinstance(problem.type_, str)
    assert isinstance(problem.title, str)
    assert problem.request_id == response.headers["x-request-id"]
    return problem


def assert_invalid_client(response: Response[object], request_id: str) -> None:
    """401 with the OAuth error `invalid_client` (RFC 6749 §5.2), parsed as `OAuthError`."""
    assert response.status_code == HTTPStatus.UNAUTHORIZED, response.content
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers.get("www-authenticate", "").lower().startswith("basic")
    error = response.parsed
    assert isinstance(error, OAuthError), error
    assert error.error == "invalid_client"
    assert isinstance(error.error_description, str)
    assert error.request_id == request_id


# --- the token endpoint and the JWKS ----------------------------------------------------------


def test_admin_token_with_http_basic(base_url: str, admin_credentials: Credentials) -> None:
    request_id = new_request_id("token-basic")
    response = request_token(base_url, admin_credentials, request_id=request_id)
    assert response.status_code == HTTPStatus.OK, response.content
    token = response.parsed
    assert isinstance(token, TokenResponse)
    assert token.token_type.lower() == "bearer"
    assert token.expires_in > 0
    assert "admin" in token.scope.split(" ")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-request-id"] == request_id

    header = jwt_part(token.access_token, "header")
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "at+jwt"
    assert isinstance(header["kid"], str)
    claims = jwt_part(token.access_token, "payload")
    assert claims["client_id"] == admin_credentials.client_id
    assert claims["role"] == "admin"


def test_token_with_form_credentials(base_url: str, admin_credentials: Credentials) -> None:
    response = request_token(base_url, admin_credentials, via="form")
    assert response.status_code == HTTPStatus.OK, response.content
    assert isinstance(response.parsed, TokenResponse)
    assert jwt_part(response.parsed.access_token, "payload")["client_id"] == admin_credentials.client_id


def test_token_narrowed_to_a_scope(base_url: str, admin_credentials: Credentials) -> None:
    response = request_token(base_url, admin_credentials, scope="reference:read")
    assert response.status_code == HTTPStatus.OK, response.content
    assert isinstance(response.parsed, TokenResponse)
    assert response.parsed.scope == "reference:read"


def test_wrong_secret_is_invalid_client(base_url: str, new_analyst: CreatedClient) -> None:
    request_id = new_request_id("token-wrong-secret")
    wrong = Credentials(new_analyst.credentials.client_id, new_analyst.credentials.client_secret + "x")
    assert_invalid_client(request_token(base_url, wrong, request_id=request_id), request_id)


def test_jwks_has_the_tokens_ed25519_key(base_url: str, client: Client, admin_credentials: Credentials) -> None:
    kid = jwt_part(access_token(base_url, admin_credentials), "header")["kid"]

    response = get_jwks.sync_detailed(client=client)  # type: ignore[arg-type]  # openapi-python-client#1372
    assert response.status_code == HTTPStatus.OK, response.content
    jwks = response.parsed
    assert isinstance(jwks, JwkSet)
    keys = [key for key in jwks.keys if key.kid == kid]
    assert len(keys) == 1, f"no key with kid {kid} in {jwks.to_dict()}"
    key = keys[0]
    assert (key.kty, key.crv, key.alg, key.use) == ("OKP", "Ed25519", "EdDSA", "sig")
    assert len(b64url_decode(key.x)) == 32
    # The signature itself is verified by the TypeScript suite (node:crypto); the Python lock
    # has no Ed25519 implementation.


# --- bearer-token errors ------------------------------------------------------------------------


def test_no_token_is_401_with_a_bearer_challenge(client: Client) -> None:
    response = list_clients.sync_detailed(client=client)  # type: ignore[arg-type]  # deliberately anonymous
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")


def test_malformed_token_is_401_invalid_token(base_url: str) -> None:
    with bearer_client(base_url, "not-a-jwt") as isu:
        response = list_clients.sync_detailed(client=isu)
    assert_problem(response, 401)
    challenge = response.headers["www-authenticate"]
    assert challenge.lower().startswith("bearer")
    assert 'error="invalid_token"' in challenge


# --- the admin API ------------------------------------------------------------------------------


def test_unknown_client_is_404(admin: AuthenticatedClient) -> None:
    response = get_client.sync_detailed(f"isu_no-such-client-{uuid.uuid4()}", client=admin)
    assert_problem(response, 404)


class _RawBody:
    """A request body the contract does not allow, for testing the server's own refusal."""

    def __init__(self, body: dict[str, object]) -> None:
        self.body = body

    def to_dict(self) -> dict[str, object]:
        return self.body


def test_invalid_new_client_is_422_with_a_pointer(admin: AuthenticatedClient) -> None:
    # The contract rules this out (an analyst has no region), so the generated models cannot
    # build it; sent anyway, the server must refuse it naming the field.
    body = _RawBody({"name": new_client_name("invalid"), "role": "analyst", "region": "not-for-analysts"})
    problem = assert_problem(create_client.sync_detailed(client=admin, body=body), 422)  # type: ignore[arg-type]
    assert problem.errors is not UNSET and problem.errors is not None
    assert any(e.pointer == "/region" for e in problem.errors), problem.to_dict()


def test_client_lifecycle(base_url: str, admin: AuthenticatedClient) -> None:
    """Create → token → 403 on the admin API → read → rotate → revoke → audit log."""
    # An analyst needs no unit, region or municipality (a vendor would need a unit id).
    name = new_client_name("lifecycle")
    created = create_client.sync_detailed(client=admin, body=NewUnscopedClient(name=name, role=NewUnscopedClientRole.ANALYST))
    assert created.status_code == HTTPStatus.CREATED, created.content
    assert isinstance(created.parsed, ApiClientWithSecret)
    client_id = created.parsed.client.client_id
    secret = created.parsed.client_secret
    token_requests: list[tuple[str, int]] = []  # (request id, status) of every token request

    def token_request(client_secret: str, label: str) -> tuple[Response[object], str]:
        request_id = new_request_id(label)
        response = request_token(base_url, Credentials(client_id, client_secret), request_id=request_id)
        token_requests.append((request_id, response.status_code))
        return response, request_id

    try:
        # 201: the client, and its secret shown once.
        client = created.parsed.client
        assert len(secret) >= 32
        assert (client.name, client.role, client.units, client.municipalities) == (name, Role.ANALYST, [], [])
        # Optional in the contract (`Option<T>`), but the server always sends them, as null here.
        assert client.region is None
        assert client.revoked_at is None

        # Its token works, without the admin scope.
        response, _ = token_request(secret, "lifecycle-token")
        assert response.status_code == HTTPStatus.OK, response.content
        assert isinstance(response.parsed, TokenResponse)
        assert "admin" not in response.parsed.scope.split(" ")
        claims = jwt_part(response.parsed.access_token, "payload")
        assert (claims["client_id"], claims["role"]) == (client_id, "analyst")

        # …but not on the admin API: 403 problem+json.
        forbidden_request_id = new_request_id("lifecycle-403")
        analyst_token = response.parsed.access_token
        with bearer_client(base_url, analyst_token, {"X-Request-Id": forbidden_request_id}) as analyst:
            forbidden = list_clients.sync_detailed(client=analyst)
        assert_problem(forbidden, 403)

        # Read back, alone and in the list; the secret is not shown again.
        one = get_client.sync_detailed(client_id, client=admin)
        assert one.status_code == HTTPStatus.OK, one.content
        assert isinstance(one.parsed, ApiClient)
        assert (one.parsed.client_id, one.parsed.name, one.parsed.role) == (client_id, name, Role.ANALYST)
        assert one.parsed.revoked_at is None
        assert "client_secret" not in one.content.decode()
        listed = list_clients.sync_detailed(client=admin)
        assert isinstance(listed.parsed, ApiClientList), listed.content
        assert client_id in [c.client_id for c in listed.parsed.items]

        # Rotate: the old secret is refused, the new one works.
        rotated = rotate_client_secret.sync_detailed(client_id, client=admin)
        assert rotated.status_code == HTTPStatus.OK, rotated.content
        assert isinstance(rotated.parsed, ApiClientWithSecret)
        assert rotated.parsed.client.client_id == client_id
        old_secret, secret = secret, rotated.parsed.client_secret
        assert secret != old_secret
        response, request_id = token_request(old_secret, "lifecycle-old-secret")
        assert_invalid_client(response, request_id)
        response, _ = token_request(secret, "lifecycle-new-secret")
        assert response.status_code == HTTPStatus.OK, response.content

        # Revoke (idempotent): token requests are refused.
        revoked = revoke_client.sync_detailed(client_id, client=admin)
        assert revoked.status_code == HTTPStatus.OK, revoked.content
        assert isinstance(revoked.parsed, ApiClient)
        revoked_at = revoked.parsed.revoked_at
        assert revoked_at is not None and revoked_at is not UNSET
        again = revoke_client.sync_detailed(client_id, client=admin)
        assert isinstance(again.parsed, ApiClient), again.content
        assert again.parsed.revoked_at == revoked_at
        response, request_id = token_request(secret, "lifecycle-revoked")
        assert_invalid_client(response, request_id)
        read = get_client.sync_detailed(client_id, client=admin)
        assert isinstance(read.parsed, ApiClient)
        assert read.parsed.revoked_at == revoked_at
    finally:
        # Leave nothing usable behind in a shared sandbox, even when a step failed.
        revoke_client.sync_detailed(client_id, client=admin)

    # The audit log has every token request for the client, with its status (small pages, so
    # the cursor is exercised too)…
    events: list[AuditEvent] = []
    cursor: str | None = None
    for _ in range(20):
        page = list_audit_events.sync_detailed(
            client=admin,
            operation="/oauth/token",
            client_id=client_id,
            limit=2,
            cursor=UNSET if cursor is None else cursor,
        )
        assert page.status_code == HTTPStatus.OK, page.content
        assert isinstance(page.parsed, AuditEventPage)
        assert len(page.parsed.items) <= 2
        events.extend(page.parsed.items)
        next_cursor = page.parsed.next_cursor
        if next_cursor is None or next_cursor is UNSET:
            break
        assert isinstance(next_cursor, str)
        cursor = next_cursor
    for event in events:
        assert (event.operation, event.method, event.client_id) == ("/oauth/token", "POST", client_id)
    seen = {event.request_id: event.status for event in events}
    assert len(token_requests) == 4
    for request_id, status in token_requests:
        assert seen.get(request_id) == status, f"token request {request_id} ({status}) not audited as such"

    # …and the analyst's refused admin call, under its own client id.
    audit = list_audit_events.sync_detailed(client=admin, client_id=client_id, operation="/v1/admin/clients", limit=500)
    assert isinstance(audit.parsed, AuditEventPage), audit.content
    matches = [e for e in audit.parsed.items if e.request_id == forbidden_request_id]
    assert len(matches) == 1, "the 403 on /v1/admin/clients is not in the audit log"
    assert (matches[0].status, matches[0].method) == (403, "GET")


def test_token_endpoint_refuses_json(raw: httpx.Client) -> None:
    # Raw httpx: a JSON body is outside the contract (the request body is form-encoded).
    response = raw.post("/oauth/token", json={"grant_type": "client_credentials"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert OAuthError.from_dict(response.json()).error == "invalid_request"
