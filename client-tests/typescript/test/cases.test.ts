// A case-management vendor's flow through the generated client: an admin creates two units and
// a vendor client for each; the first vendor reads the form, writes SU-X records (PUT with
// If-Match, POST with an Idempotency-Key, a batch), pages through them, erases one, and the
// second vendor cannot see them.
//
// Writes only what it creates: two units with unique names (units cannot be deleted; they hold
// no records at the end but the erased one's absence), records with unique case references,
// and vendor clients named "client-tests-ts …", revoked at the end. Safe against a shared
// sandbox (given ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  accessToken,
  isuClient,
  newClientName,
  requireAdmin,
  skipWithoutAdmin,
  type Credentials,
  type IsuClient,
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
  assert.equal(problem.request_id, response.headers.get("x-request-id"));
  return problem;
}

/** A valid SU-X 2021 record (closed 2025): 132 intervention days, traditional and manual. */
function record(caseRef: string): Schemas["CaseRecordInput"] {
  return {
    case_ref: caseRef,
    age_at_referral: 11,
    gender: "girl",
    birth_background: "sweden_both_parents_sweden",
    referred_on: "2025-01-10",
    started_on: "2025-01-20",
    previously_active: "no",
    problem_areas: ["family_relations", "school"],
    interventions: ["traditional_family_treatment", "manual_method"],
    manual_methods: ["Trygghetscirkeln"],
    closed_on: "2025-06-01",
    closing_reason: "goals_met",
  };
}

describe("a vendor's SU-X records: PUT, If-Match, idempotent POST, batch, list, erase, tenancy", { skip }, () => {
  // Case references unique to this run (1–64 of [A-Za-z0-9._-]).
  const run = crypto.randomUUID().slice(0, 8);
  const ref = (n: number) => `ct-ts-${run}-${n}`;

  let admin: IsuClient;
  const createdClients: string[] = [];
  let unitId = "";
  let otherUnitId = "";
  let vendor: IsuClient;
  let otherVendor: IsuClient;

  async function createUnit(label: string): Promise<Schemas["Unit"]> {
    const body: Schemas["NewUnit"] = { municipality: "2182", name: `client-tests-ts ${label} ${crypto.randomUUID()}` };
    const { data, error, response } = await admin.POST("/v1/units", { body });
    assert.equal(response.status, 201, `create_unit: ${response.status} ${JSON.stringify(error)}`);
    assert.ok(data);
    assert.equal(data.name, body.name);
    assert.equal(data.municipality, "2182");
    return data;
  }

  /** A vendor client of the unit and a generated client carrying its token. */
  async function vendorFor(unit: string, label: string): Promise<IsuClient> {
    const { data, error, response } = await admin.POST("/v1/admin/clients", {
      body: { name: newClientName(label), role: "vendor", units: [unit] },
    });
    assert.equal(response.status, 201, `create_client: ${response.status} ${JSON.stringify(error)}`);
    assert.ok(data);
    createdClients.push(data.client.client_id);
    assert.equal(data.client.role, "vendor");
    assert.deepEqual(data.client.units, [unit]);
    const credentials: Credentials = { clientId: data.client.client_id, clientSecret: data.client_secret };
    return isuClient({ token: await accessToken(credentials) });
  }

  before(async () => {
    admin = isuClient({ token: await accessToken(requireAdmin()) });
    unitId = (await createUnit("cases")).id;
    otherUnitId = (await createUnit("cases-other")).id;
    vendor = await vendorFor(unitId, "vendor");
    otherVendor = await vendorFor(otherUnitId, "vendor-other");
  });

  after(async () => {
    // Leave nothing usable behind in a shared sandbox, even when a step failed.
    for (const clientId of createdClients) {
      const { response } = await admin.POST("/v1/admin/clients/{client_id}/revoke", {
        params: { path: { client_id: clientId } },
      });
      assert.equal(response.status, 200, `revoke_client ${clientId}: ${response.status}`);
    }
  });

  const casePath = (caseRef: string, unit = unitId) => ({ path: { unit_id: unit, case_ref: caseRef } });

  it("reads the su-x-2021 form with the vendor's token", async () => {
    const { data, error, response } = await vendor.GET("/v1/forms/{form_id}", {
      params: { path: { form_id: "su-x-2021" } },
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    const names = data.fields.map((f) => f.name);
    for (const name of Object.keys(record("x"))) {
      if (name !== "case_ref") assert.ok(names.includes(name), `su-x-2021 has no field ${name}`);
    }
  });

  it("creates a record with PUT: 201, ETag \"r1\", derived values", async () => {
    const { data, error, response } = await vendor.PUT("/v1/units/{unit_id}/cases/{case_ref}", {
      params: casePath(ref(1)),
      body: record(ref(1)),
    });
    assert.equal(response.status, 201, JSON.stringify(error));
    assert.equal(response.headers.get("etag"), '"r1"');
    assert.ok(data);
    const stored: Schemas["CaseRecord"] = data;
    assert.equal(stored.unit_id, unitId);
    assert.equal(stored.case_ref, ref(1));
    assert.equal(stored.form, "su-x-2021");
    assert.equal(stored.revision, 1);
    assert.equal(stored.intervention_days, 132);
    assert.equal(stored.intervention_type, "traditional_and_manual");
  });

  it("corrects it with If-Match \"r1\": 200, revision 2", async () => {
    const { data, error, response } = await vendor.PUT("/v1/units/{unit_id}/cases/{case_ref}", {
      params: { ...casePath(ref(1)), header: { "If-Match": '"r1"' } },
      body: { ...record(ref(1)), age_at_referral: 12 },
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.equal(response.headers.get("etag"), '"r2"');
    assert.equal(data?.revision, 2);
    assert.equal(data?.age_at_referral, 12);
  });

  it("refuses a stale If-Match \"r1\" with 412 problem+json", async () => {
    const { data, error, response } = await vendor.PUT("/v1/units/{unit_id}/cases/{case_ref}", {
      params: { ...casePath(ref(1)), header: { "If-Match": '"r1"' } },
      body: { ...record(ref(1)), age_at_referral: 13 },
    });
    assert.equal(data, undefined);
    assertProblem(response, error, 412);
    const current = await vendor.GET("/v1/units/{unit_id}/cases/{case_ref}", { params: casePath(ref(1)) });
    assert.equal(current.response.status, 200, JSON.stringify(current.error));
    assert.equal(current.data?.revision, 2);
    assert.equal(current.data?.age_at_referral, 12);
  });

  it("creates with POST and an Idempotency-Key; the retry is a replay", async () => {
    const key = `client-tests-ts-${crypto.randomUUID()}`;
    const post = () =>
      vendor.POST("/v1/units/{unit_id}/cases", {
        params: { path: { unit_id: unitId }, header: { "Idempotency-Key": key } },
        body: record(ref(2)),
      });
    const first = await post();
    assert.equal(first.response.status, 201, JSON.stringify(first.error));
    assert.equal(first.data?.case_ref, ref(2));
    assert.equal(first.data?.revision, 1);
    assert.notEqual(first.response.headers.get("idempotent-replayed"), "true");

    const again = await post();
    assert.equal(again.response.status, 201, JSON.stringify(again.error));
    assert.equal(again.response.headers.get("idempotent-replayed"), "true");
    assert.equal(again.data?.case_ref, ref(2));
    assert.equal(again.data?.revision, 1);
  });

  it("takes a batch of 3 with one bad item: 201/422/201 and counts", async () => {
    const bad: Schemas["CaseRecordInput"] = {
      ...record(ref(4)),
      problem_areas: ["family_relations", "school", "violence_victim", "domestic_violence"],
    };
    const { data, error, response } = await vendor.POST("/v1/units/{unit_id}/cases/batch", {
      params: { path: { unit_id: unitId } },
      body: [record(ref(3)), bad, record(ref(5))],
    });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.ok(data);
    const result: Schemas["BatchResult"] = data;
    assert.deepEqual(
      result.results.map((r) => [r.index, r.case_ref, r.status]),
      [
        [0, ref(3), 201],
        [1, ref(4), 422],
        [2, ref(5), 201],
      ],
    );
    const errors = result.results[1]?.errors ?? [];
    assert.ok(errors.length > 0, "the bad item has no errors");
    assert.ok(errors.every((e) => e.pointer.startsWith("/problem_areas")), JSON.stringify(errors));
    assert.deepEqual(result.counts, { created: 2, replaced: 0, unchanged: 0, failed: 1 });
  });

  it("lists the unit's records two at a time through next_cursor", async () => {
    const refs: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { data, error, response } = await vendor.GET("/v1/units/{unit_id}/cases", {
        params: { path: { unit_id: unitId }, query: { limit: 2, ...(cursor === undefined ? {} : { cursor }) } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      assert.ok(data.items.length <= 2, `page of ${data.items.length}`);
      for (const item of data.items) {
        assert.equal(item.unit_id, unitId);
        refs.push(item.case_ref);
      }
      if (data.next_cursor === undefined || data.next_cursor === null) {
        cursor = undefined;
        break;
      }
      cursor = data.next_cursor;
    }
    assert.equal(cursor, undefined, "more than 10 pages");
    assert.deepEqual([...refs].sort(), [ref(1), ref(2), ref(3), ref(5)].sort());
  });

  it("erases a record: 204, then GET is 404 problem+json", async () => {
    const deleted = await vendor.DELETE("/v1/units/{unit_id}/cases/{case_ref}", { params: casePath(ref(5)) });
    assert.equal(deleted.response.status, 204, JSON.stringify(deleted.error));
    const { data, error, response } = await vendor.GET("/v1/units/{unit_id}/cases/{case_ref}", {
      params: casePath(ref(5)),
    });
    assert.equal(data, undefined);
    assertProblem(response, error, 404);
  });

  it("hides the unit's records from another unit's vendor: 404", async () => {
    const { data, error, response } = await otherVendor.GET("/v1/units/{unit_id}/cases/{case_ref}", {
      params: casePath(ref(1)),
    });
    assert.equal(data, undefined);
    assertProblem(response, error, 404);
  });
});
