// Thin wiring around the generated contract types: every test talks to the
// server through an openapi-fetch client typed by src/generated/schema.ts,
// which scripts/client-tests.sh regenerates from openapi/openapi.json.
import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./generated/schema.js";

export type IsuClient = Client<paths>;
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

export function isuClient(): IsuClient {
  return createClient<paths>({
    baseUrl: baseUrl(),
    // A fresh AbortSignal per request: openapi-fetch passes custom fetch options through.
    fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

/** A request id that is unique per call and valid per the contract (visible ASCII, <= 128 chars). */
export function newRequestId(label: string): string {
  return `client-tests-ts-${label}-${crypto.randomUUID()}`;
}
