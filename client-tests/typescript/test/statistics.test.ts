// A region's statistics through the generated client, in two flows over the same records:
//
// 1. Region analyst: an admin creates a unit in Sandviken (2182, FoU Välfärd Gävleborg), a vendor
//    client for it and a region analyst client of the region; the vendor PUTs varied SU-X records
//    closed in 2024; the analyst reads exact statistics (GET /v1/stats), the yearly report
//    (GET /v1/reports/su-x) as JSON and one table as CSV. A vendor token gets protected statistics
//    (cell-key method) and is refused exact ones.
// 2. Analyst (published): the region analyst creates a protected release of the region-year
//    (POST /v1/releases); an `analyst` client lists it, reads it (figures are {value, status,
//    display}), reads one table as CSV and compares the region with one that has no release.
//
// Writes only what it creates: one unit with a unique name (units cannot be deleted), records
// with unique case references (closed in 2024), a release of the region-year (a new version when
// one exists), and clients named "client-tests-ts …", revoked at the end. The report is checked
// against the region's figures read before the records were written, so records already in the
// region do not break it.
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
  withMedia,
} from "../src/client.js";

const REGION = "fou-valfard-gavleborg";
const OTHER_REGION = "fou-nordvast";
const MUNICIPALITY = "2182";
const YEAR = 2024;
const RECORDS = 60;
const skip = skipWithoutAdmin();

const GENDERS = ["girl", "boy", "other_identity"] as const;
const BACKGROUNDS = [
  "sweden_both_parents_sweden",
  "sweden_one_parent_abroad",
  "sweden_both_parents_abroad",
  "rest_of_europe",
  "outside_europe",
  "unknown",
] as const;
const PREVIOUSLY = ["no", "once", "several", "unknown"] as const;
const PROBLEMS: Schemas["CaseRecordInput"]["problem_areas"][] = [
  ["family_relations", "school"],
  ["parenting"],
  ["child_mental_health", "behaviour"],
  ["violence_victim", "domestic_violence"],
  ["parent_substance_abuse"],
  ["crime", "substance_abuse", "behaviour"],
  ["parent_mental_health", "family_relations"],
];
const CLOSING = ["goals_met", "goals_met", "ended_by_guardian", "ended_by_child", "not_matching_needs"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** The i-th of the varied, valid SU-X 2021 records, all closed in 2024. */
function record(caseRef: string, i: number): Schemas["CaseRecordInput"] {
  const closing = CLOSING[(i * 3) % CLOSING.length] ?? "goals_met";
  const day = 1 + (i % 28);
  const body: Schemas["CaseRecordInput"] = {
    case_ref: caseRef,
    age_at_referral: 3 + ((i * 7) % 15),
    gender: GENDERS[i % GENDERS.length] ?? "girl",
    birth_background: BACKGROUNDS[(i * 5) % BACKGROUNDS.length] ?? "unknown",
    referred_on: `${YEAR}-01-${pad(day)}`,
    started_on: `${YEAR}-02-${pad(day)}`,
    previously_active: PREVIOUSLY[(i >> 1) % PREVIOUSLY.length] ?? "no",
    problem_areas: PROBLEMS[(i * 5) % PROBLEMS.length] ?? ["parenting"],
    interventions: [],
    closed_on: `${YEAR}-${pad(3 + (i % 9))}-${pad(day)}`,
    closing_reason: closing,
  };
  switch (i % 4) {
    case 0:
      body.interventions = ["traditional_family_treatment"];
      break;
    case 1:
      body.interventions = ["crisis_support"];
      break;
    case 2:
      body.interventions = ["traditional_family_treatment", "manual_method"];
      body.manual_methods = ["Trygghetscirkeln"];
      break;
    default:
      body.interventions = ["manual_method"];
      body.manual_methods = ["Trygghetscirkeln"];
  }
  if (closing === "not_matching_needs") body.closing_reason_text = "client-tests: needs changed";
  return body;
}

/** The report table with this id, failing when it is missing. */
function reportTable(report: Schemas["SuXReport"], id: string): Schemas["ReportTable"] {
  const table = report.tables.find((t) => t.id === id);
  assert.ok(table, `the report has no table ${id}: ${report.tables.map((t) => t.id).join(", ")}`);
  return table;
}

/** A protected figure: a value exactly when published; a suppressed one shows "≤4" or "..". */
function assertFigure(figure: Schemas["CountFigure"] | Schemas["DerivedFigure"] | undefined, where: string): void {
  assert.ok(figure, `${where}: no figure`);
  assert.ok(typeof figure.display === "string", `${where}: no display`);
  if (figure.status === "published") {
    assert.equal(typeof figure.value, "number", `${where}: published without a value`);
  } else {
    assert.equal(figure.status, "suppressed", `${where}: status ${String(figure.status)}`);
    assert.equal(figure.value ?? null, null, `${where}: suppressed with a value`);
    assert.ok(["≤4", ".."].includes(figure.display), `${where}: suppressed shown as ${figure.display}`);
  }
}

describe("a region's statistics: exact figures for its analyst, protected releases for analysts", { skip }, () => {
  const run = crypto.randomUUID().slice(0, 8);
  const ref = (n: number) => `ct-ts-stats-${run}-${n}`;

  let admin: IsuClient;
  const createdClients: string[] = [];
  let unitId = "";
  let vendor: IsuClient;
  let regionAnalyst: IsuClient;
  let analyst: IsuClient;
  /** d6_closing_reasons' total in the region's 2024 report before this suite's records. */
  let childrenBefore = 0;
  /** The release the region analyst created, or why there is none. */
  let releaseId: string | undefined;
  let releaseVersion: number | undefined;
  let noRelease: string | undefined;

  /** Register a client the admin just created (201) and return a generated client with its token. */
  async function tokenOf(created: {
    data?: Schemas["ApiClientWithSecret"];
    error?: unknown;
    response: Response;
  }): Promise<IsuClient> {
    const { data, error, response } = created;
    assert.equal(response.status, 201, `create_client: ${response.status} ${JSON.stringify(error)}`);
    assert.ok(data);
    createdClients.push(data.client.client_id);
    const credentials: Credentials = { clientId: data.client.client_id, clientSecret: data.client_secret };
    return isuClient({ token: await accessToken(credentials) });
  }

  async function report(): Promise<Schemas["SuXReport"]> {
    const { data, error, response } = await regionAnalyst.GET("/v1/reports/su-x", {
      params: { query: { region: REGION, year: YEAR } },
    });
    assert.equal(response.status, 200, `get_su_x_report: ${response.status} ${JSON.stringify(error)}`);
    // Typed SuXReport (the client reads application/json); the contract also documents text/csv,
    // JSON-stat and the workbook for this answer.
    assert.ok(typeof data === "object", `not a JSON report: ${typeof data}`);
    return data;
  }

  before(async () => {
    admin = isuClient({ token: await accessToken(requireAdmin()) });
    const unit = await admin.POST("/v1/units", {
      body: { municipality: MUNICIPALITY, name: `client-tests-ts stats ${crypto.randomUUID()}` },
    });
    assert.equal(unit.response.status, 201, `create_unit: ${JSON.stringify(unit.error)}`);
    assert.ok(unit.data);
    unitId = unit.data.id;
    vendor = await tokenOf(
      await admin.POST("/v1/admin/clients", {
        body: { name: newClientName("stats-vendor"), role: "vendor", units: [unitId] },
      }),
    );
    regionAnalyst = await tokenOf(
      await admin.POST("/v1/admin/clients", {
        body: { name: newClientName("region-analyst"), role: "region_analyst", region: REGION },
      }),
    );
    analyst = await tokenOf(
      await admin.POST("/v1/admin/clients", { body: { name: newClientName("analyst"), role: "analyst" } }),
    );

    childrenBefore = reportTable(await report(), "d6_closing_reasons").table.total.children ?? 0;

    for (let i = 0; i < RECORDS; i++) {
      const { error, response } = await vendor.PUT("/v1/units/{unit_id}/cases/{case_ref}", {
        params: { path: { unit_id: unitId, case_ref: ref(i) } },
        body: record(ref(i), i),
      });
      assert.equal(response.status, 201, `put_case ${ref(i)}: ${response.status} ${JSON.stringify(error)}`);
    }
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

  describe("region analyst: exact statistics and the yearly report", () => {
    it("GET /v1/stats by gender and problem area counts the unit's records", async () => {
      const { data, error, response } = await regionAnalyst.GET("/v1/stats", {
        params: { query: { group_by: "gender,problem_area", measure: "children,share", year: String(YEAR), unit: unitId } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      const result: Schemas["StatsResult"] = data;
      assert.equal(result.metadata.records, RECORDS);
      assert.equal(result.metadata.scope.region, REGION);
      assert.deepEqual(result.table.group_by, ["gender", "problem_area"]);
      assert.equal(result.table.total.children, RECORDS);
      assert.ok(result.table.rows.length > 0, "no rows");
      assert.ok(result.table.rows.some((r) => (r.children ?? 0) > 0), "no non-zero row");
      for (const row of result.table.rows) {
        assert.ok("gender" in row.dimensions && "problem_area" in row.dimensions, JSON.stringify(row));
      }
      // Per gender, counted once per child (margins are counted, not summed).
      const byGender = result.table.margins.find((m) => m.group_by.join() === "gender");
      assert.ok(byGender, "no gender margin");
      const girls = byGender.rows.find((r) => r.dimensions["gender"] === "girl");
      assert.equal(girls?.children, RECORDS / GENDERS.length);
    });

    it("GET /v1/reports/su-x has the report's tables, counting the records put", async () => {
      const data = await report();
      assert.equal(data.year, YEAR);
      const ids = data.tables.map((t) => t.id);
      for (const id of ["t1_background", "d1_problem_areas", "d6_closing_reasons"]) {
        assert.ok(ids.includes(id), `no table ${id} in ${ids.join(", ")}`);
      }
      assert.equal(reportTable(data, "d6_closing_reasons").table.total.children, childrenBefore + RECORDS);
      assert.equal(reportTable(data, "t1_background").table.total.children, childrenBefore + RECORDS);
      assert.ok(reportTable(data, "d1_problem_areas").table.rows.length > 0);
    });

    it("GET /v1/reports/su-x as CSV (d6_closing_reasons, English)", async () => {
      const { data, error, response } = await regionAnalyst.GET("/v1/reports/su-x", {
        params: { query: { region: REGION, year: YEAR, format: "csv", table: "d6_closing_reasons", lang: "en" } },
        parseAs: "text",
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.match(response.headers.get("content-type") ?? "", /^text\/csv\b/);
      assert.equal(typeof data, "string");
      const lines = (data ?? "").split(/\r?\n/);
      assert.equal(lines[0]?.replace(/^\uFEFF/, ""), "Closing reason,Children,Share");
      assert.ok(lines.length > 2, "no data lines");
    });

    it("answers GET /v1/stats to a vendor with protected figures, and refuses exact ones: 403", async () => {
      const protectedAnswer = await vendor.GET("/v1/stats", {
        params: { query: { group_by: "gender", year: String(YEAR) } },
      });
      assert.equal(protectedAnswer.response.status, 200, JSON.stringify(protectedAnswer.error));
      assert.ok(protectedAnswer.data);
      const result: Schemas["StatsResult"] = protectedAnswer.data;
      assert.equal(result.metadata.audience, "protected");
      assert.equal(result.metadata.protection?.method, "cell_key");
      const js = result.metadata.protection?.js ?? 0;
      for (const row of result.table.rows) {
        assert.ok(row.children === 0 || (row.children ?? 0) > js, `a published ${row.children}`);
      }
      const { data, error, response } = await vendor.GET("/v1/stats", {
        params: { query: { group_by: "gender", year: String(YEAR), protection: "exact" } },
      });
      assert.equal(data, undefined);
      assert.equal(response.status, 403, JSON.stringify(error));
      assert.equal(error?.status, 403);
    });
  });

  describe("analyst: a published release of the region", () => {
    it("the region analyst creates a release of the region-year: 201", async (t) => {
      const { data, error, response } = await regionAnalyst.POST("/v1/releases", {
        body: { scope: REGION, year: YEAR },
      });
      if (response.status === 422) {
        // Refused as unprotectable: the problem must name /scope; the rest of the flow is skipped.
        const pointers = (error?.errors ?? []).map((e) => `${e.pointer} ${e.code}`);
        assert.ok(pointers.some((p) => p.startsWith("/scope ")), JSON.stringify(error));
        noRelease = `release refused (422 ${pointers.join(", ")}): ${error?.detail ?? ""}`;
        t.skip(noRelease);
        return;
      }
      assert.equal(response.status, 201, JSON.stringify(error));
      assert.ok(data);
      const release: Schemas["Release"] = data;
      assert.equal(release.scope, REGION);
      assert.equal(release.year, YEAR);
      assert.ok(release.version >= 1);
      assert.equal(release.audience, "published");
      assertFigure(release.records, "records");
      releaseId = release.id;
      releaseVersion = release.version;
    });

    it("an analyst finds it in GET /v1/releases?year=2024", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const { data, error, response } = await analyst.GET("/v1/releases", { params: { query: { year: YEAR } } });
      assert.equal(response.status, 200, JSON.stringify(error));
      const found = data?.items.find((r) => r.id === releaseId);
      assert.ok(found, `release ${releaseId} not listed`);
      assert.equal(found.scope, REGION);
      assert.equal(found.year, YEAR);
    });

    it("an analyst reads it: tables of protected figures {value, status, display}", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const { data, error, response } = await analyst.GET("/v1/releases/{release_id}", {
        params: { path: { release_id: releaseId } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      assert.equal(data.id, releaseId);
      const ids = data.tables.map((t) => t.id);
      for (const id of ["t1_background", "d1_problem_areas", "d6_closing_reasons"]) {
        assert.ok(ids.includes(id), `no table ${id} in ${ids.join(", ")}`);
      }
      let figures = 0;
      for (const table of data.tables) {
        for (const row of [...table.rows, table.total]) {
          if (row.children !== undefined) {
            assertFigure(row.children, `${table.id} ${JSON.stringify(row.dimensions)} children`);
            figures++;
          }
          if (row.share !== undefined) assertFigure(row.share, `${table.id} ${JSON.stringify(row.dimensions)} share`);
        }
      }
      assert.ok(figures > 0, "no count figures");
    });

    it("an analyst reads d6_closing_reasons as CSV (English)", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const { data, error, response } = await analyst.GET("/v1/releases/{release_id}/tables/{table_id}", {
        params: {
          path: { release_id: releaseId, table_id: "d6_closing_reasons" },
          query: { format: "csv", lang: "en" },
        },
        parseAs: "text",
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.match(response.headers.get("content-type") ?? "", /^text\/csv\b/);
      const lines = (data ?? "").split(/\r?\n/).filter((l) => l !== "");
      // The last column names the release's protection method on every row.
      assert.equal(lines[0]?.replace(/^\uFEFF/, ""), "Closing reason,Children,Share,Protection method");
      assert.ok(lines.length > 2, `CSV of ${lines.length} lines`);
      for (const line of lines.slice(1)) {
        assert.match(line, /,(cell suppression|cell-key method)$/);
      }
      // Figures are numbers, "≤4" or ".." (suppressed); the last row is the total.
      assert.match(lines.at(-1) ?? "", /^Total,(\d+|≤4|\.\.),/);
    });

    it("an analyst downloads the release as an xlsx workbook (binary: a ZIP archive)", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const { data, error, response } = await analyst.GET("/v1/releases/{release_id}", {
        params: { path: { release_id: releaseId }, query: { format: "xlsx" } },
        parseAs: "arrayBuffer",
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.equal(
        response.headers.get("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="su-x-.+\.xlsx"$/);
      assert.ok(data instanceof ArrayBuffer);
      const bytes = new Uint8Array(data);
      assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
      // "PK\x03\x04": a ZIP local file header, as every .xlsx starts.
      assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    });

    it("an analyst reads d6_closing_reasons as JSON-stat 2.0", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const jsonStat = withMedia<"application/json-stat+json">(analyst);
      const { data, error, response } = await jsonStat.GET("/v1/releases/{release_id}/tables/{table_id}", {
        params: { path: { release_id: releaseId, table_id: "d6_closing_reasons" }, query: { format: "json-stat" } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.equal(response.headers.get("content-type"), "application/json-stat+json");
      assert.ok(data);
      const dataset: Schemas["JsonStatDataset"] = data;
      assert.equal(dataset.class, "dataset");
      assert.deepEqual(dataset.id, ["closing_reason", "measure"]);
      assert.equal(dataset.value.length, dataset.size.reduce((a, b) => a * b, 1));
      for (const [index, symbol] of Object.entries(dataset.status)) {
        assert.equal(dataset.value[Number(index)], null, `a hidden figure at ${index} has no value`);
        assert.ok(symbol in dataset.extension.symbols, `the symbol ${symbol} is explained`);
      }
      assert.equal(dataset.extension.release?.id, releaseId);
    });

    it("an analyst compares the region with one without a release: one entry, the other missing", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const { data, error, response } = await analyst.GET("/v1/compare", {
        params: { query: { table: "d6_closing_reasons", year: YEAR, scopes: `${REGION},${OTHER_REGION}` } },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.ok(data);
      assert.equal(data.table, "d6_closing_reasons");
      assert.equal(data.entries.length, 1);
      assert.equal(data.entries[0]?.scope, REGION);
      assert.equal(data.entries[0]?.release_id, releaseId);
      assert.equal(data.entries[0]?.table.id, "d6_closing_reasons");
      assert.deepEqual(data.missing, [OTHER_REGION]);
    });

    // The contract documents the page as `text/html` with a string schema; openapi-typescript types
    // the 200 as `string`, and openapi-fetch reads it as text with `parseAs: "text"`.
    it("an analyst reads the release's report page (HTML) and finds its title", async (t) => {
      if (releaseId === undefined) return t.skip(noRelease ?? "no release");
      const region = await analyst.GET("/v1/regions/{region_id}", { params: { path: { region_id: REGION } } });
      assert.equal(region.response.status, 200, JSON.stringify(region.error));
      const { data, error, response } = await analyst.GET("/v1/releases/{release_id}/report", {
        params: { path: { release_id: releaseId } },
        parseAs: "text",
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
      const html: string = data ?? "";
      const title = `SU-X årsrapport ${YEAR}: ${region.data?.name ?? "?"}, version ${releaseVersion}`;
      assert.ok(html.includes(`<title>${title}</title>`), `no <title>${title}</title> in the page`);
      assert.ok(html.includes(`data-release="${releaseId}"`));
      assert.ok((html.match(/<svg /g) ?? []).length > 0, "no diagram");
    });
  });
});
