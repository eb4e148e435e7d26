// OAuth2 client credentials and the admin API, through the generated client:
// tokens (HTTP Basic and form), the JWKS, bearer-token errors, and one API client's
// whole life (create, token, read, rotate, revoke) as the audit log records it.
//
// Writes only what it creates: clients named "client-tests-ts …", revoked at the end,
// so it is safe against a shared sandbox (given ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET).
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { after, before, describe, it } from "node:test";

import {
  accessToken,
  isuClient,
  jwtPart,
  newClientName,
  newRequestId,
  requestToken,
  requireAdmin,
  skipWithoutAdmin,
  type Credentials,
  type Schemas,
} from "../src/client.js";

const PROBLEM_JSON = /^application\/problem\+json\b/;
const skip = skipWithoutAdmin();

/** Assert a problem+json response with the given status and return the problem. */
function assertProblem(response: Response, error: unknown, status: number): Schemas["Problem"] {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${JSON.stringify(error)}`);
  assert.match(response.headers.get("content-type") ?? "", PROBLEM_JSON);
  const problem = error as Schemas["Problem"];
  assert.equal(problem.status, status);
  assert.equal(typeof problem.type, "string");
  assert.equal(typeof problem.title, "string");
  assert.equal(problem.request_id, response.headers.get("x-request-id"));
  return problem;
}

/** Assert a 401 invalid_client OAuth error for the token request sent with `requestId`. */
function assertInvalidClient(response: Response, error: unknown, requestId: string): void {
  assert.equal(response.status, 401, `expected 401, got ${response.status}: ${JSON.stringify(error)}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json\b/);
  assert.match(response.headers.get("www-authenticate") ?? "", /^Basic\b/i);
  const oauthError = error as Schemas["OAuthError"];
  assert.equal(oauthError.error, "invalid_client");
  assert.equal(typeof oauthError.error_description, "string");
  assert.equal(oauthError.request_id, requestId);
}

/** Create a client of `role` through the admin API; the caller revokes it. */
async function createClient(adminToken: string, label: string, role: Schemas["NewUnscopedClient"]["role"] = "analyst") {
  const name = newClientName(label);
  const { data, error, response } = await isuClient({ token: adminToken }).POST("/v1/admin/clients", {
    body: { name, role },
  });
  assert.equal(response.status, 201, `create_client: ${response.status} ${JSON.stringify(error)}`);
  assert.ok(data);
  return { created: data, name };
}

async function revoke(adminToken: string, clientId: string): Promise<void> {
  const { response } = await isuClient({ token: adminToken }).POST("/v1/admin/clients/{client_id}/revoke", {
    params: { path: { client_id: clientId } },
  });
  assert.equal(response.status, 200, `revoke_client ${clientId}: ${response.status}`);
}

describe("POST /oauth/token and the JWKS", { skip }, () => {
  let admin: Credentials;
  let adminToken: string;
  // A throwaway client for the wrong-secret case: failures are throttled per client id.
  let throwaway: Credentials | undefined;

  before(async () => {
    admin = requireAdmin();
    adminToken = await accessToken(admin);
    const { created } = await createClient(adminToken, "wrong-secret");
    throwaway = { clientId: created.client.client_id, clientSecret: created.client_secret };
  });

  after(async () => {
    if (throwaway !== undefined) await revoke(adminToken, throwaway.clientId);
  });

  it("issues an admin token with HTTP Basic", async () => {
    const requestId = newRequestId("token-basic");
    const { data, error, response } = await requestToken(admin, { requestId });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    const token: Schemas["TokenResponse"] = data;
    assert.equal(token.token_type.toLowerCase(), "bearer");
    assert.ok(token.expires_in > 0, `expires_in ${token.expires_in}`);
    assert.ok(token.scope.split(" ").includes("admin"), `scope: ${token.scope}`);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(response.headers.get("x-request-id"), requestId);

    const header = jwtPart(token.access_token, "header");
    assert.equal(header["alg"], "EdDSA");
    assert.equal(header["typ"], "at+jwt");
    assert.equal(typeof header["kid"], "string");
    const claims = jwtPart(token.access_token, "payload");
    assert.equal(claims["client_id"], admin.clientId);
    assert.equal(claims["role"], "admin");
  });

  it("also takes client_id and client_secret in the form body", async () => {
    const { data, error, response } = await requestToken(admin, { via: "form" });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    assert.equal(jwtPart(data.access_token, "payload")["client_id"], admin.clientId);
  });

  it("narrows the token to a requested scope", async () => {
    const { data, error, response } = await requestToken(admin, { scope: "reference:read" });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.equal(data?.scope, "reference:read");
  });

  it("answers a wrong secret with 401 invalid_client", async () => {
    const requestId = newRequestId("token-wrong-secret");
    assert.ok(throwaway);
    const { data, error, response } = await requestToken(
      { clientId: throwaway.clientId, clientSecret: `${throwaway.clientSecret}x` },
      { requestId },
    );
    assert.equal(data, undefined);
    assertInvalidClient(response, error, requestId);
  });

  it("answers a JSON body with 400 invalid_request (the token endpoint is form-encoded)", async () => {
    // What openapi-fetch sends when the caller forgets the Content-Type header: it serialises
    // by that header, not by the request body's media type in the contract.
    const { error, response } = await isuClient().POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
    });
    assert.equal(response.status, 400);
    assert.equal((error as Schemas["OAuthError"]).error, "invalid_request");
  });

  it("publishes an Ed25519 key whose kid is the token's, and that key verifies the token", async () => {
    const token = await accessToken(admin);
    const kid = jwtPart(token, "header")["kid"];

    const { data, error, response } = await isuClient().GET("/.well-known/jwks.json");
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    const jwks: Schemas["JwkSet"] = data;
    const key = jwks.keys.find((k) => k.kid === kid);
    assert.ok(key, `no key with kid ${String(kid)} in ${JSON.stringify(jwks)}`);
    assert.equal(key.kty, "OKP");
    assert.equal(key.crv, "Ed25519");
    assert.equal(key.alg, "EdDSA");
    assert.equal(key.use, "sig");
    assert.equal(Buffer.from(key.x, "base64url").length, 32);

    const [header, payload, signature] = token.split(".") as [string, string, string];
    const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: "jwk" });
    const signed = Buffer.from(`${header}.${payload}`, "ascii");
    assert.ok(verify(null, signed, publicKey, Buffer.from(signature, "base64url")), "signature does not verify");
  });
});

describe("admin API without a valid token", () => {
  it("answers no token with 401 problem+json and WWW-Authenticate: Bearer", async () => {
    const { data, error, response } = await isuClient().GET("/v1/admin/clients");
    assert.equal(data, undefined);
    assertProblem(response, error, 401);
    assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer\b/i);
  });

  it("answers a malformed token with 401 and error=\"invalid_token\"", async () => {
    const { error, response } = await isuClient({ token: "not-a-jwt" }).GET("/v1/admin/clients");
    assertProblem(response, error, 401);
    const challenge = response.headers.get("www-authenticate") ?? "";
    assert.match(challenge, /^Bearer\b/i);
    assert.match(challenge, /error="invalid_token"/);
  });
});

describe("an API client's life: create, token, read, rotate, revoke, audit", { skip }, () => {
  let adminToken: string;
  let clientId = "";
  let name = "";
  let secret = "";
  /** Every token request made for the client: request id and the status it got. */
  const tokenRequests: { requestId: string; status: number }[] = [];
  let forbiddenRequestId = "";

  async function tokenRequest(clientSecret: string, label: string) {
    const requestId = newRequestId(label);
    const result = await requestToken({ clientId, clientSecret }, { requestId });
    tokenRequests.push({ requestId, status: result.response.status });
    return { ...result, requestId };
  }

  before(async () => {
    adminToken = await accessToken(requireAdmin());
  });

  after(async () => {
    // Leave nothing usable behind in a shared sandbox, even when a step failed.
    if (clientId !== "") await revoke(adminToken, clientId);
  });

  it("creates an analyst client: 201 with its secret, shown once", async () => {
    // An analyst needs no unit, region or municipality (a vendor would need a unit id).
    const { created, name: clientName } = await createClient(adminToken, "lifecycle");
    const withSecret: Schemas["ApiClientWithSecret"] = created;
    clientId = withSecret.client.client_id;
    name = clientName;
    secret = withSecret.client_secret;
    assert.ok(secret.length >= 32, "secret too short");
    assert.equal(withSecret.client.name, name);
    assert.equal(withSecret.client.role, "analyst");
    assert.deepEqual(withSecret.client.units, []);
    assert.deepEqual(withSecret.client.municipalities, []);
    // Optional in the contract (`Option<T>`), but the server always sends them, as null here.
    assert.equal(withSecret.client.region, null);
    assert.equal(withSecret.client.revoked_at, null);
  });

  it("gets a token for the new client, without the admin scope", async () => {
    const { data, error, response } = await tokenRequest(secret, "lifecycle-token");
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    assert.ok(!data.scope.split(" ").includes("admin"), `scope: ${data.scope}`);
    const claims = jwtPart(data.access_token, "payload");
    assert.equal(claims["client_id"], clientId);
    assert.equal(claims["role"], "analyst");
  });

  it("answers the analyst's token on the admin API with 403 problem+json", async () => {
    const token = (await tokenRequest(secret, "lifecycle-token-403")).data?.access_token;
    assert.ok(token);
    forbiddenRequestId = newRequestId("lifecycle-403");
    const { data, error, response } = await isuClient({ token }).GET("/v1/admin/clients", {
      headers: { "X-Request-Id": forbiddenRequestId },
    });
    assert.equal(data, undefined);
    assertProblem(response, error, 403);
  });

  it("reads the client back, alone and in the list", async () => {
    const isu = isuClient({ token: adminToken });
    const one = await isu.GET("/v1/admin/clients/{client_id}", { params: { path: { client_id: clientId } } });
    assert.equal(one.response.status, 200, JSON.stringify(one.error));
    assert.ok(one.data);
    const client: Schemas["ApiClient"] = one.data;
    assert.equal(client.client_id, clientId);
    assert.equal(client.name, name);
    assert.equal(client.role, "analyst");
    assert.equal(client.revoked_at, null);
    assert.equal(Object.hasOwn(client, "client_secret"), false, "the secret is shown only once");

    const all = await isu.GET("/v1/admin/clients");
    assert.equal(all.response.status, 200, JSON.stringify(all.error));
    assert.ok(all.data?.items.some((c) => c.client_id === clientId), "created client not listed");
  });

  it("answers an unknown client id with 404 problem+json", async () => {
    const { error, response } = await isuClient({ token: adminToken }).GET("/v1/admin/clients/{client_id}", {
      params: { path: { client_id: `isu_no-such-client-${crypto.randomUUID()}` } },
    });
    assertProblem(response, error, 404);
  });

  it("refuses an invalid new client with 422 and a pointer to the field", async () => {
    const { error, response } = await isuClient({ token: adminToken }).POST("/v1/admin/clients", {
      // The contract rules this out (an analyst has no region); sent anyway, the server must
      // refuse it naming the field.
      body: { name: newClientName("invalid"), role: "analyst", region: "not-for-analysts" } as never,
    });
    const problem = assertProblem(response, error, 422);
    assert.ok(problem.errors?.some((e) => e.pointer === "/region"), JSON.stringify(problem.errors));
  });

  it("rotates the secret: the old one is refused, the new one works", async () => {
    const { data, error, response } = await isuClient({ token: adminToken }).POST(
      "/v1/admin/clients/{client_id}/rotate-secret",
      { params: { path: { client_id: clientId } } },
    );
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    assert.equal(data.client.client_id, clientId);
    assert.notEqual(data.client_secret, secret);
    const oldSecret = secret;
    secret = data.client_secret;

    const old = await tokenRequest(oldSecret, "lifecycle-old-secret");
    assertInvalidClient(old.response, old.error, old.requestId);
    const fresh = await tokenRequest(secret, "lifecycle-new-secret");
    assert.equal(fresh.response.status, 200, JSON.stringify(fresh.error));
  });

  it("revokes the client (idempotently): token requests are refused", async () => {
    const isu = isuClient({ token: adminToken });
    const path = { params: { path: { client_id: clientId } } };
    const first = await isu.POST("/v1/admin/clients/{client_id}/revoke", path);
    assert.equal(first.response.status, 200, JSON.stringify(first.error));
    const revokedAt = first.data?.revoked_at;
    assert.equal(typeof revokedAt, "string", "revoked_at not set");
    const again = await isu.POST("/v1/admin/clients/{client_id}/revoke", path);
    assert.equal(again.response.status, 200, JSON.stringify(again.error));
    assert.equal(again.data?.revoked_at, revokedAt, "a second revoke changed revoked_at");

    const refused = await tokenRequest(secret, "lifecycle-revoked");
    assertInvalidClient(refused.response, refused.error, refused.requestId);

    const read = await isu.GET("/v1/admin/clients/{client_id}", path);
    assert.equal(read.data?.revoked_at, revokedAt);
  });

  it("finds every token request, and the 403, in the audit log", async () => {
    assert.ok(tokenRequests.length >= 5, "earlier steps did not run");
    const isu = isuClient({ token: adminToken });

    // The token endpoint's events for this client, page by page.
    const events: Schemas["AuditEvent"][] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const query: { operation: string; client_id: string; limit: number; cursor?: string } = {
        operation: "/oauth/token",
        client_id: clientId,
        limit: 2, // small pages, so the cursor is exercised too
      };
      if (cursor !== undefined) query.cursor = cursor;
      const { data, error, response } = await isu.GET("/v1/admin/audit", { params: { query } });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      const auditPage: Schemas["AuditEventPage"] = data;
      assert.ok(auditPage.items.length <= 2);
      events.push(...auditPage.items);
      if (auditPage.next_cursor === undefined || auditPage.next_cursor === null) break;
      cursor = auditPage.next_cursor;
    }
    for (const event of events) {
      assert.equal(event.operation, "/oauth/token");
      assert.equal(event.method, "POST");
      assert.equal(event.client_id, clientId);
    }
    const seen = new Map(events.map((e) => [e.request_id, e.status]));
    for (const { requestId, status } of tokenRequests) {
      assert.equal(seen.get(requestId), status, `token request ${requestId} (${status}) not audited as such`);
    }

    // The analyst's refused admin call is audited under its own client id.
    const { data } = await isu.GET("/v1/admin/audit", {
      params: { query: { client_id: clientId, operation: "/v1/admin/clients", limit: 500 } },
    });
    const forbidden = data?.items.find((e) => e.request_id === forbiddenRequestId);
    assert.ok(forbidden, "the 403 on /v1/admin/clients is not in the audit log");
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.method, "GET");
  });
});
