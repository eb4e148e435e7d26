// Operational endpoints and cross-cutting behaviour (request ids, problem+json),
// exercised through the generated client against a live server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { REQUEST_TIMEOUT_MS, baseUrl, isuClient, newRequestId, type Schemas } from "../src/client.js";

const PROBLEM_JSON = "application/problem+json";

describe("GET /healthz", () => {
  it("answers 200 with status ok", async () => {
    const { data, error, response } = await isuClient().GET("/healthz");
    assert.equal(response.status, 200);
    assert.equal(error, undefined);
    assert.ok(data, "expected a JSON body");
    const health: Schemas["Health"] = data;
    assert.equal(health.status, "ok");
    assert.match(response.headers.get("content-type") ?? "", /^application\/json\b/);
  });

  it("always carries an X-Request-Id response header", async () => {
    const { response } = await isuClient().GET("/healthz");
    const id = response.headers.get("x-request-id");
    assert.ok(id !== null && id.length > 0, "missing X-Request-Id response header");
  });
});

describe("GET /readyz", () => {
  it("answers 200 with status ready", async () => {
    const { data, error, response } = await isuClient().GET("/readyz");
    assert.equal(response.status, 200, `not ready: ${JSON.stringify(error)}`);
    assert.ok(data, "expected a JSON body");
    const readiness: Schemas["Readiness"] = data;
    assert.equal(readiness.status, "ready");
  });
});

describe("X-Request-Id", () => {
  it("echoes a client-supplied request id", async () => {
    const id = newRequestId("echo");
    const { response } = await isuClient().GET("/healthz", { headers: { "X-Request-Id": id } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-request-id"), id);
  });

  it("echoes a request id of exactly 128 visible ASCII characters", async () => {
    const id = newRequestId("max").padEnd(128, "~");
    assert.equal(id.length, 128);
    const { response } = await isuClient().GET("/healthz", { headers: { "X-Request-Id": id } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-request-id"), id);
  });

  it("does not echo a request id longer than 128 characters", async () => {
    const id = newRequestId("too-long").padEnd(129, "x");
    const { response } = await isuClient().GET("/healthz", { headers: { "X-Request-Id": id } });
    const echoed = response.headers.get("x-request-id");
    assert.ok(echoed !== null && echoed.length > 0, "missing X-Request-Id response header");
    assert.notEqual(echoed, id);
  });
});

describe("unknown route", () => {
  it("answers 404 application/problem+json with status and request_id", async () => {
    const id = newRequestId("404");
    // Raw fetch: an unknown route is, by definition, not in the generated paths.
    const response = await fetch(`${baseUrl()}/v1/does-not-exist`, {
      headers: { Accept: `${PROBLEM_JSON}, application/json`, "X-Request-Id": id },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json\b/);
    assert.equal(response.headers.get("x-request-id"), id);

    const problem = (await response.json()) as Schemas["Problem"];
    assert.equal(problem.status, 404);
    assert.equal(typeof problem.type, "string");
    assert.equal(typeof problem.title, "string");
    assert.equal(problem.request_id, id);
  });
});
