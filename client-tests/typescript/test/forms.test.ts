// The SU-X form definitions and code lists, through the generated client: list the versions,
// read su-x-2021's fields and one code list, and build a record skeleton from the field names.
// Read-only, so it is safe against a shared sandbox (given ISU_ADMIN_CLIENT_ID/ISU_ADMIN_CLIENT_SECRET).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { accessToken, isuClient, requireAdmin, skipWithoutAdmin, type Schemas } from "../src/client.js";

const skip = skipWithoutAdmin();

describe("GET /v1/forms, /v1/forms/{form_id} and /v1/code-lists/{list}", { skip }, () => {
  it("describes su-x-2020 and su-x-2021, their fields and code lists", async () => {
    const isu = isuClient({ token: await accessToken(requireAdmin()) });

    const list = await isu.GET("/v1/forms");
    assert.equal(list.response.status, 200, JSON.stringify(list.error));
    assert.ok(list.data);
    const ids = list.data.items.map((f: Schemas["FormSummary"]) => f.id);
    assert.ok(ids.includes("su-x-2020") && ids.includes("su-x-2021"), `forms: ${ids.join(", ")}`);

    const getForm = async (formId: string): Promise<Schemas["Form"]> => {
      const { data, error, response } = await isu.GET("/v1/forms/{form_id}", { params: { path: { form_id: formId } } });
      assert.equal(response.status, 200, `${formId}: ${JSON.stringify(error)}`);
      assert.ok(data);
      return data;
    };
    const form2021 = await getForm("su-x-2021");
    const form2020 = await getForm("su-x-2020");
    assert.equal(form2021.id, "su-x-2021");

    const problemAreas = form2021.fields.find((f) => f.name === "problem_areas");
    assert.ok(problemAreas, "no field problem_areas in su-x-2021");
    assert.equal(problemAreas.type, "code_set");
    assert.equal(problemAreas.max_items, 3);
    assert.equal(problemAreas.min_items, 1);
    assert.equal(problemAreas.code_list, "problem-areas");

    const codes = await isu.GET("/v1/code-lists/{list}", {
      params: { path: { list: "problem-areas" }, query: { form: "su-x-2021" } },
    });
    assert.equal(codes.response.status, 200, JSON.stringify(codes.error));
    assert.ok(codes.data);
    const byCode = new Map(codes.data.codes.map((c) => [c.code, c]));
    assert.ok(byCode.has("violence_victim"), `codes: ${[...byCode.keys()].join(", ")}`);
    assert.equal(byCode.get("other")?.label.sv, "Annan huvudsaklig problematik");

    const names2021 = form2021.fields.map((f) => f.name);
    assert.ok(names2021.includes("birth_background"));
    assert.ok(!form2020.fields.some((f) => f.name === "birth_background"));

    const skeleton: Record<string, null> = Object.fromEntries(names2021.map((name) => [name, null]));
    for (const key of ["age_at_referral", "closed_on", "closing_reason"]) {
      assert.ok(Object.hasOwn(skeleton, key), `skeleton lacks ${key}`);
      assert.equal(skeleton[key], null);
    }
  });

  it("answers an unknown form with 404 problem+json", async () => {
    const isu = isuClient({ token: await accessToken(requireAdmin()) });
    const { data, error, response } = await isu.GET("/v1/forms/{form_id}", {
      params: { path: { form_id: "su-x-1999" } },
    });
    assert.equal(data, undefined);
    assert.equal(response.status, 404, JSON.stringify(error));
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json\b/);
    assert.equal((error as Schemas["Problem"]).status, 404);
  });
});
