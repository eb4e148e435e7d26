// Thin wiring around the generated contract types: every test talks to the
// server through an openapi-fetch client typed by src/generated/schema.ts,
// which scripts/client-tests.sh regenerates from openapi/openapi.json.
import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./generated/schema.js";

/** A media type, as openapi-fetch spells its type parameter. */
type MediaType = `${string}/${string}`;

/** Errors are RFC 9457 problem details. */
type ProblemJson = "application/problem+json";

/**
 * A client whose `data` is typed by the `application/json` content of each answer (and `error`
 * by the problem details). openapi-fetch types `data` as the union of every media type an answer
 * documents (JSON, CSV, JSON-stat, the workbook) unless the client names the ones it reads; the
 * media type is a type parameter only.
 */
export type IsuClient = Client<paths, "application/json" | ProblemJson>;

/** The same client typed by another media type's content, e.g. `"application/json-stat+json"`. */
export function withMedia<Media extends MediaType>(client: IsuClient): Client<paths, Media | ProblemJson> {
  return client as unknown as Client<paths, Media | ProblemJson>;
}
export type Schemas = components["schemas"];

/** Base URL of the server under test, e.g. http://127.0.0.1:8080 (no trailing slash). */
export function baseUrl(): string {
  const url = process.env["ISU_BASE_URL"];
  if (url === undefined || url.trim() === "") {
    throw new Error(
      "ISU_BASE_URL is not set: run the suite through scripts/client-tests.sh run, " +
        "or export ISU_BASE_URL=https://<deployment> to target an existing server",
    );
  }
  return url.trim().replace(/\/+$/, "");
}

/** Per-request timeout so a hung server fails the test instead of the whole run. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A client typed by the generated contract. With a token, every request carries
 * `Authorization: Bearer <token>` (the contract's `oauth2` scheme).
 */
export function isuClient(options: { token?: string } = {}): IsuClient {
  return createClient<paths, "application/json" | ProblemJson>({
    baseUrl: baseUrl(),
    ...(options.token === undefined ? {} : { headers: { Authorization: `Bearer ${options.token}` } }),
    // A fresh AbortSignal per request: openapi-fetch passes custom fetch options through.
    fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

/** A request id that is unique per call and valid per the contract (visible ASCII, <= 128 chars). */
export function newRequestId(label: string): string {
  return `client-tests-ts-${label}-${crypto.randomUUID()}`;
}

/** A name for a client this suite creates, recognisable in a shared sandbox. */
export function newClientName(label: string): string {
  return `client-tests-ts ${label} ${crypto.randomUUID()}`;
}

// --- OAuth2 client credentials ----------------------------------------------------------------

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/**
 * The admin client the token and admin flows start from: ISU_ADMIN_CLIENT_ID and
 * ISU_ADMIN_CLIENT_SECRET (scripts/client-tests.sh run creates one for its local server).
 */
export function adminCredentials(): Credentials | undefined {
  const clientId = process.env["ISU_ADMIN_CLIENT_ID"]?.trim() ?? "";
  const clientSecret = process.env["ISU_ADMIN_CLIENT_SECRET"] ?? "";
  return clientId !== "" && clientSecret !== "" ? { clientId, clientSecret } : undefined;
}

/**
 * `false` when admin credentials are available, else the reason to skip (for `describe`'s
 * `skip` option). When ISU_REQUIRE_ADMIN=1 (the local run) missing credentials are an error.
 */
export function skipWithoutAdmin(): false | string {
  if (adminCredentials() !== undefined) return false;
  const reason =
    "ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET are not set: skipping the token and admin flows " +
    "(export an admin client of the deployment to run them)";
  if (process.env["ISU_REQUIRE_ADMIN"] === "1") {
    throw new Error("ISU_REQUIRE_ADMIN=1 but ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET are not set");
  }
  return reason;
}

/** The admin credentials; only call inside a suite guarded by skipWithoutAdmin(). */
export function requireAdmin(): Credentials {
  const credentials = adminCredentials();
  if (credentials === undefined) throw new Error("admin credentials are not set");
  return credentials;
}

/**
 * `Authorization: Basic` for client authentication (RFC 6749 §2.3.1: id and secret are
 * form-urlencoded before the base64 step).
 */
export function basicAuthorization({ clientId, clientSecret }: Credentials): string {
  const encoded = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  return `Basic ${Buffer.from(encoded, "utf8").toString("base64")}`;
}

/** The token request's media type. openapi-fetch serialises by the Content-Type header, not by
 * the media type in the contract: without this header it would send JSON (answered 400). */
export const FORM_URLENCODED = "application/x-www-form-urlencoded";

export interface TokenRequestOptions {
  /** HTTP Basic (default) or `client_id`/`client_secret` in the form body. */
  via?: "basic" | "form";
  scope?: string;
  requestId?: string;
}

/** POST /oauth/token through the generated client; the full openapi-fetch result. */
export function requestToken(credentials: Credentials, options: TokenRequestOptions = {}) {
  const body: Schemas["TokenRequest"] = { grant_type: "client_credentials" };
  const headers: Record<string, string> = { "Content-Type": FORM_URLENCODED };
  if (options.via === "form") {
    body.client_id = credentials.clientId;
    body.client_secret = credentials.clientSecret;
  } else {
    headers["Authorization"] = basicAuthorization(credentials);
  }
  if (options.scope !== undefined) body.scope = options.scope;
  if (options.requestId !== undefined) headers["X-Request-Id"] = options.requestId;
  return isuClient().POST("/oauth/token", { body, headers });
}

/** An access token for the credentials; fails the test when the server does not issue one. */
export async function accessToken(credentials: Credentials): Promise<string> {
  const { data, error, response } = await requestToken(credentials);
  if (response.status !== 200 || data === undefined) {
    throw new Error(`no token for ${credentials.clientId}: ${response.status} ${JSON.stringify(error)}`);
  }
  return data.access_token;
}

/** The decoded header or payload of a compact JWS (no verification). */
export function jwtPart(token: string, part: "header" | "payload"): Record<string, unknown> {
  const segments = token.split(".");
  if (segments.length !== 3) throw new Error(`not a compact JWS: ${segments.length} segments`);
  const segment = segments[part === "header" ? 0 : 1] ?? "";
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;
}
