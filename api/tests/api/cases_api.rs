//! Case ingestion over real HTTP on both backends: create, replace, conditional writes,
//! idempotency, batches, listings, erasure, coverage, and who may touch which unit's cases.

use crate::helpers::{expect_problem, Backend, TestApp};
use isu_http::auth::Role;
use serde_json::{json, Value};

use crate::helpers::valid_record as record;

struct Setup {
    app: TestApp,
    unit: String,
    other_unit: String,
    vendor: String,
}

/// A unit in Söderhamn (region FoU Välfärd Gävleborg) with its vendor, and a unit elsewhere.
async fn setup(backend: Backend) -> Setup {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let other_unit = app.create_unit("0163", "Öppenvården Sollentuna").await;
    let vendor = app.vendor_token(&[&unit]).await;
    Setup { app, unit, other_unit, vendor }
}

impl Setup {
    fn case_url(&self, unit: &str, case_ref: &str) -> String {
        self.app.url(&format!("/v1/units/{unit}/cases/{case_ref}"))
    }

    async fn put(&self, token: &str, unit: &str, case_ref: &str, body: &Value) -> reqwest::Response {
        self.app.client.put(self.case_url(unit, case_ref)).bearer_auth(token).json(body).send().await.unwrap()
    }
}

fn pointers(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap().to_string()).collect()
}

async fn put_creates_replaces_and_repeats_harmlessly(backend: Backend) {
    let s = setup(backend).await;
    let created = s.put(&s.vendor, &s.unit, "HUD-1", &record("HUD-1")).await;
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["etag"], "\"r1\"");
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["form"], "su-x-2021");
    assert_eq!(body["unit_id"], s.unit.as_str());
    assert_eq!(body["intervention_days"], 132);
    assert_eq!(body["enrolment_days"], 142);
    assert_eq!(body["intervention_type"], "traditional_and_manual");
    assert_eq!(body["named_methods"], json!([{"name": "COS-P", "method_id": "trygghetscirkeln"}]));
    assert_eq!(body["revision"], 1);
    // What was sent comes back unchanged.
    for (field, value) in record("HUD-1").as_object().unwrap() {
        assert_eq!(&body[field], value, "{field}");
    }

    // The write's answer is exactly what a read returns.
    let read_back: Value =
        s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/HUD-1", s.unit)).await.json().await.unwrap();
    assert_eq!(read_back, body);

    let again = s.put(&s.vendor, &s.unit, "HUD-1", &record("HUD-1")).await;
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["revision"], 1, "repeating a PUT does not bump the revision");
    assert_eq!(again["updated_at"], body["updated_at"]);

    let mut changed = record("HUD-1");
    changed["age_at_referral"] = json!(12);
    let replaced = s.put(&s.vendor, &s.unit, "HUD-1", &changed).await;
    assert_eq!(replaced.status(), 200);
    assert_eq!(replaced.headers()["etag"], "\"r2\"");
    let replaced: Value = replaced.json().await.unwrap();
    let read_back: Value =
        s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/HUD-1", s.unit)).await.json().await.unwrap();
    assert_eq!(read_back, replaced);

    let read = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/HUD-1", s.unit)).await;
    assert_eq!(read.status(), 200);
    let read: Value = read.json().await.unwrap();
    assert_eq!(read["age_at_referral"], 12);
    let not_modified = s
        .app
        .client
        .get(s.case_url(&s.unit, "HUD-1"))
        .bearer_auth(&s.vendor)
        .header("if-none-match", "\"r2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);

    // Body case_ref optional in PUT, but must match the path when given.
    let mut no_ref = record("x");
    no_ref.as_object_mut().unwrap().remove("case_ref");
    assert_eq!(s.put(&s.vendor, &s.unit, "HUD-2", &no_ref).await.status(), 201);
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "HUD-3", &record("HUD-4")).await, 422).await;
    assert_eq!(pointers(&problem), ["/case_ref"]);
    // `batch` names the batch endpoint; no case may take it.
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "batch", &record("batch")).await, 422).await;
    assert_eq!(problem["errors"][0]["code"], "reserved");
}

async fn conditional_writes(backend: Backend) {
    let s = setup(backend).await;
    let with = |header: &'static str, value: &'static str, body: Value| {
        s.app.client.put(s.case_url(&s.unit, "C-1")).bearer_auth(&s.vendor).header(header, value).json(&body).send()
    };
    expect_problem(with("if-match", "\"r1\"", record("C-1")).await.unwrap(), 412).await;
    assert_eq!(with("if-none-match", "*", record("C-1")).await.unwrap().status(), 201);
    expect_problem(with("if-none-match", "*", record("C-1")).await.unwrap(), 412).await;
    let mut v2 = record("C-1");
    v2["comment"] = json!("korrigerad");
    assert_eq!(with("if-match", "\"r1\"", v2.clone()).await.unwrap().status(), 200);
    let mut v3 = record("C-1");
    v3["comment"] = json!("igen");
    expect_problem(with("if-match", "\"r1\"", v3.clone()).await.unwrap(), 412).await;
    expect_problem(with("if-match", "garbage", v3.clone()).await.unwrap(), 412).await;
    assert_eq!(with("if-match", "\"r2\"", v3).await.unwrap().status(), 200);
    expect_problem(with("if-none-match", "\"r1\"", record("C-1")).await.unwrap(), 422).await;
}

async fn post_with_idempotency_keys(backend: Backend) {
    let s = setup(backend).await;
    let url = s.app.url(&format!("/v1/units/{}/cases", s.unit));
    let post = |token: &str, key: Option<&str>, body: Value| {
        let mut request = s.app.client.post(&url).bearer_auth(token).json(&body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        request.send()
    };
    assert_eq!(post(&s.vendor, None, record("P-1")).await.unwrap().status(), 201);
    expect_problem(post(&s.vendor, None, record("P-1")).await.unwrap(), 409).await;

    let first = post(&s.vendor, Some("key-1"), record("P-2")).await.unwrap();
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    let replay = post(&s.vendor, Some("key-1"), record("P-2")).await.unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay, first, "the original answer is replayed");
    let problem = expect_problem(post(&s.vendor, Some("key-1"), record("P-3")).await.unwrap(), 422).await;
    assert_eq!(pointers(&problem), ["header:Idempotency-Key"]);

    // A request refused by validation is not remembered: the fixed retry may reuse the key.
    let mut broken = record("P-4");
    broken["gender"] = json!("unknown-gender");
    expect_problem(post(&s.vendor, Some("key-2"), broken).await.unwrap(), 422).await;
    assert_eq!(post(&s.vendor, Some("key-2"), record("P-4")).await.unwrap().status(), 201);

    // Keys belong to one client.
    let other_vendor = s.app.vendor_token(&[&s.unit]).await;
    assert_eq!(post(&other_vendor, Some("key-1"), record("P-5")).await.unwrap().status(), 201);

    let too_long = "k".repeat(256);
    let problem = expect_problem(post(&s.vendor, Some(&too_long), record("P-6")).await.unwrap(), 422).await;
    assert_eq!(pointers(&problem), ["header:Idempotency-Key"]);
    let listed: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases", s.unit)).await.json().await.unwrap();
    let refs: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|c| c["case_ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["P-1", "P-2", "P-4", "P-5"]);
}

async fn invalid_records_are_refused_with_every_violation_and_nothing_written(backend: Backend) {
    let s = setup(backend).await;
    let mut bad = record("V-1");
    bad["age_at_referral"] = json!(21);
    bad["problem_areas"] = json!(["school", "school", "crime", "behaviour"]);
    bad["closing_reason"] = json!("never_started");
    bad["colour"] = json!("red");
    bad["revision"] = json!(7);
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "V-1", &bad).await, 422).await;
    let found = pointers(&problem);
    for expected in ["/age_at_referral", "/colour", "/revision", "/interventions", "/started_on"] {
        assert!(found.iter().any(|p| p == expected), "{expected} missing from {found:?}");
    }
    assert!(found.iter().any(|p| p.starts_with("/problem_areas")), "{found:?}");
    expect_problem(s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/V-1", s.unit)).await, 404).await;

    // A personal identity number in the case reference is refused without being echoed.
    let pnr = "19900101-1239";
    let problem = expect_problem(s.put(&s.vendor, &s.unit, pnr, &record(pnr)).await, 422).await;
    assert!(pointers(&problem).contains(&"/case_ref".to_string()), "{problem}");
    assert!(!problem.to_string().contains("19900101"), "the number is not echoed: {problem}");
    let admin = s.app.admin_token().await;
    let audit: Value = s.app.get_as(&admin, "/v1/admin/audit?limit=500").await.json().await.unwrap();
    assert!(!audit.to_string().contains("19900101"), "nor kept in the audit log");
    assert!(audit.to_string().contains("[redacted]"), "the audit says a redacted reference was used");
    let mut in_comment = record("V-2");
    in_comment["comment"] = json!("Barnet 900101-1239 flyttade");
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "V-2", &in_comment).await, 422).await;
    assert_eq!(pointers(&problem), ["/comment"]);
    assert!(!problem.to_string().contains("900101"), "{problem}");

    // Malformed JSON and the wrong media type.
    let malformed = s
        .app
        .client
        .put(s.case_url(&s.unit, "V-3"))
        .bearer_auth(&s.vendor)
        .header("content-type", "application/json")
        .body("{")
        .send();
    expect_problem(malformed.await.unwrap(), 400).await;
    let text = s
        .app
        .client
        .put(s.case_url(&s.unit, "V-3"))
        .bearer_auth(&s.vendor)
        .header("content-type", "text/plain")
        .body("{}")
        .send();
    expect_problem(text.await.unwrap(), 415).await;
    let listed: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases", s.unit)).await.json().await.unwrap();
    assert_eq!(listed["items"], json!([]), "nothing was written");
}

async fn batches_write_each_item_on_its_own(backend: Backend) {
    let s = setup(backend).await;
    let url = s.app.url(&format!("/v1/units/{}/cases/batch", s.unit));
    let mut bad = record("B-2");
    bad["problem_areas"] = json!(["school", "crime", "behaviour", "parenting"]);
    let response = s
        .app
        .client
        .post(&url)
        .bearer_auth(&s.vendor)
        .json(&json!([record("B-1"), bad, record("B-3")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let result: Value = response.json().await.unwrap();
    let statuses: Vec<u64> =
        result["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [201, 422, 201]);
    assert_eq!(result["results"][1]["case_ref"], "B-2");
    assert!(result["results"][1]["errors"][0]["pointer"].as_str().unwrap().starts_with("/problem_areas"));
    assert_eq!(result["counts"], json!({"created": 2, "replaced": 0, "unchanged": 0, "failed": 1}));

    let mut changed = record("B-1");
    changed["age_at_referral"] = json!(3);
    let ndjson = format!("{}\n{}\n", changed, record("B-3"));
    let response = s
        .app
        .client
        .post(&url)
        .bearer_auth(&s.vendor)
        .header("content-type", "application/x-ndjson")
        .body(ndjson)
        .send()
        .await
        .unwrap();
    let result: Value = response.json().await.unwrap();
    assert_eq!(result["counts"], json!({"created": 0, "replaced": 1, "unchanged": 1, "failed": 0}));

    // The same reference twice in one batch: created, then replaced, in order.
    let mut second = record("B-5");
    second["age_at_referral"] = json!(4);
    let response =
        s.app.client.post(&url).bearer_auth(&s.vendor).json(&json!([record("B-5"), second])).send().await.unwrap();
    let result: Value = response.json().await.unwrap();
    let statuses: Vec<u64> =
        result["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [201, 200]);
    let stored: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/B-5", s.unit)).await.json().await.unwrap();
    assert_eq!(stored["age_at_referral"], 4);
    assert_eq!(stored["revision"], 2);
    let fresh: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/B-3", s.unit)).await.json().await.unwrap();
    assert_eq!(
        fresh["named_methods"],
        json!([{"name": "COS-P", "method_id": "trygghetscirkeln"}]),
        "bulk-inserted records read back whole"
    );

    let too_many: Vec<Value> = (0..1001).map(|i| record(&format!("T-{i}"))).collect();
    let response = s.app.client.post(&url).bearer_auth(&s.vendor).json(&too_many).send().await.unwrap();
    let problem = expect_problem(response, 413).await;
    assert!(problem["detail"].as_str().unwrap().contains("1000"));
    let response = s.app.client.post(&url).bearer_auth(&s.vendor).json(&record("B-9")).send().await.unwrap();
    expect_problem(response, 422).await;
    let response = s
        .app
        .client
        .post(&url)
        .bearer_auth(&s.vendor)
        .header("content-type", "text/csv")
        .body("a,b")
        .send()
        .await
        .unwrap();
    expect_problem(response, 415).await;
    let listed: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases", s.unit)).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 3, "refused items and batches wrote nothing");
}

async fn listings_filter_and_paginate_in_a_stable_order(backend: Backend) {
    let s = setup(backend).await;
    for (i, closed) in ["2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01"].iter().enumerate() {
        let mut r = record(&format!("L-{i}"));
        r["closed_on"] = json!(closed);
        assert_eq!(s.put(&s.vendor, &s.unit, &format!("L-{i}"), &r).await.status(), 201);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/units/{}/cases?limit=2&cursor={c}", s.unit),
            None => format!("/v1/units/{}/cases?limit=2", s.unit),
        };
        let page: Value = s.app.get_as(&s.vendor, &path).await.json().await.unwrap();
        seen.extend(page["items"].as_array().unwrap().iter().map(|c| c["case_ref"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ["L-0", "L-1", "L-2", "L-3", "L-4"]);
    let filtered: Value = s
        .app
        .get_as(&s.vendor, &format!("/v1/units/{}/cases?closed_from=2025-04-01&closed_to=2025-05-31", s.unit))
        .await
        .json()
        .await
        .unwrap();
    let refs: Vec<&str> =
        filtered["items"].as_array().unwrap().iter().map(|c| c["case_ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["L-1", "L-2"]);
    let none: Value =
        s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases?form=su-x-2020", s.unit)).await.json().await.unwrap();
    assert_eq!(none["items"], json!([]));
    for bad in [
        "limit=0",
        "limit=501",
        "cursor=zzz",
        "form=su-x-1999",
        "closed_from=yesterday",
        "colour=red",
        "closed_from=2025-05-01&closed_to=2025-04-01",
    ] {
        expect_problem(s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases?{bad}", s.unit)).await, 422).await;
    }
}

async fn erasure_removes_the_record(backend: Backend) {
    let s = setup(backend).await;
    s.put(&s.vendor, &s.unit, "D-1", &record("D-1")).await;
    let deleted = s.app.client.delete(s.case_url(&s.unit, "D-1")).bearer_auth(&s.vendor).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    expect_problem(s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases/D-1", s.unit)).await, 404).await;
    let again = s.app.client.delete(s.case_url(&s.unit, "D-1")).bearer_auth(&s.vendor).send().await.unwrap();
    expect_problem(again, 404).await;
    // A new record may take the reference again.
    assert_eq!(s.put(&s.vendor, &s.unit, "D-1", &record("D-1")).await.status(), 201);
}

async fn nobody_reaches_another_units_cases(backend: Backend) {
    let s = setup(backend).await;
    let intruder = s.app.vendor_token(&[&s.other_unit]).await;
    s.put(&s.vendor, &s.unit, "S-1", &record("S-1")).await;
    let base = format!("/v1/units/{}", s.unit);
    let c = &s.app.client;
    let responses = vec![
        ("read", s.app.get_as(&intruder, &format!("{base}/cases/S-1")).await),
        ("list", s.app.get_as(&intruder, &format!("{base}/cases")).await),
        ("replace", s.put(&intruder, &s.unit, "S-1", &record("S-1")).await),
        ("create", s.put(&intruder, &s.unit, "S-2", &record("S-2")).await),
        (
            "post",
            c.post(s.app.url(&format!("{base}/cases")))
                .bearer_auth(&intruder)
                .json(&record("S-3"))
                .send()
                .await
                .unwrap(),
        ),
        (
            "batch",
            c.post(s.app.url(&format!("{base}/cases/batch")))
                .bearer_auth(&intruder)
                .json(&json!([record("S-4")]))
                .send()
                .await
                .unwrap(),
        ),
        ("delete", c.delete(s.case_url(&s.unit, "S-1")).bearer_auth(&intruder).send().await.unwrap()),
        ("coverage", s.app.get_as(&intruder, &format!("{base}/coverage/2025")).await),
        ("missing unit", s.app.get_as(&intruder, "/v1/units/no-such-unit/cases").await),
    ];
    for (what, response) in responses {
        let problem = expect_problem(response, 404).await;
        assert_eq!(problem["detail"], "no such unit", "{what}: outside the scope looks like absent");
    }
    // Still there, unchanged.
    let record_now: Value = s.app.get_as(&s.vendor, &format!("{base}/cases/S-1")).await.json().await.unwrap();
    assert_eq!(record_now["revision"], 1);

    // Municipality-scoped vendors reach every unit of their municipality.
    let municipal = s.app.token_for(Role::Vendor, &[], &["2182"], None).await;
    assert_eq!(s.app.get_as(&municipal, &format!("{base}/cases/S-1")).await.status(), 200);

    // Region analysts read their region and nothing else; they never write.
    let gavleborg = s.app.region_analyst_token("fou-valfard-gavleborg").await;
    let nordvast = s.app.region_analyst_token("fou-nordvast").await;
    assert_eq!(s.app.get_as(&gavleborg, &format!("{base}/cases/S-1")).await.status(), 200);
    expect_problem(s.app.get_as(&nordvast, &format!("{base}/cases/S-1")).await, 404).await;
    expect_problem(s.put(&gavleborg, &s.unit, "S-1", &record("S-1")).await, 403).await;
    let region_list: Value = s.app.get_as(&gavleborg, "/v1/cases").await.json().await.unwrap();
    assert_eq!(region_list["items"].as_array().unwrap().len(), 1);
    let other_region: Value = s.app.get_as(&nordvast, "/v1/cases").await.json().await.unwrap();
    assert_eq!(other_region["items"], json!([]));
    expect_problem(s.app.get_as(&s.vendor, "/v1/cases").await, 403).await;

    // No case data through admin powers, none for analysts.
    for token in [s.app.admin_token().await, s.app.analyst_token().await] {
        expect_problem(s.app.get_as(&token, &format!("{base}/cases/S-1")).await, 403).await;
    }
}

async fn concurrent_puts_of_one_case_leave_one_record(backend: Backend) {
    let s = setup(backend).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let request = s.app.client.put(s.case_url(&s.unit, "RACE-1")).bearer_auth(&s.vendor).json(&{
            let mut r = record("RACE-1");
            r["age_at_referral"] = json!(i);
            r
        });
        tasks.push(actix_web::rt::spawn(async move { request.send().await.unwrap().status().as_u16() }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "exactly one creation: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 201), "{statuses:?}");
    let listed: Value = s.app.get_as(&s.vendor, &format!("/v1/units/{}/cases", s.unit)).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["revision"], 8, "every write became one revision");
}

async fn coverage_is_reported_per_year(backend: Backend) {
    let s = setup(backend).await;
    let url = s.app.url(&format!("/v1/units/{}/coverage/2025", s.unit));
    let put = |body: Value| s.app.client.put(&url).bearer_auth(&s.vendor).json(&body).send();
    let stored = put(json!({"closed_cases": 10, "quarters": [1, 2, 3, 4]})).await.unwrap();
    assert_eq!(stored.status(), 200);
    let read: Value =
        s.app.get_as(&s.vendor, &format!("/v1/units/{}/coverage/2025", s.unit)).await.json().await.unwrap();
    assert_eq!(read["closed_cases"], 10);
    assert_eq!(read["quarters"], json!([1, 2, 3, 4]));
    let problem = expect_problem(put(json!({"closed_cases": 10, "quarters": [1, 2, 3]})).await.unwrap(), 422).await;
    assert_eq!(pointers(&problem), ["/quarters"]);
    let problem = expect_problem(put(json!({"closed_cases": 9, "quarters": [1, 2, 3, 4]})).await.unwrap(), 422).await;
    assert_eq!(pointers(&problem), ["/quarters"]);
    expect_problem(put(json!({"closed_cases": -1})).await.unwrap(), 422).await;
    let y2019 = s
        .app
        .client
        .put(s.app.url(&format!("/v1/units/{}/coverage/2019", s.unit)))
        .bearer_auth(&s.vendor)
        .json(&json!({"closed_cases": 1}))
        .send();
    expect_problem(y2019.await.unwrap(), 422).await;
    let read: Value =
        s.app.get_as(&s.vendor, &format!("/v1/units/{}/coverage/2025", s.unit)).await.json().await.unwrap();
    assert_eq!(read["closed_cases"], 10, "refused writes changed nothing");
    expect_problem(s.app.get_as(&s.vendor, &format!("/v1/units/{}/coverage/2024", s.unit)).await, 404).await;
}

async fn form_2020_records_follow_the_2020_form(backend: Backend) {
    let s = setup(backend).await;
    let mut r = record("F-1");
    r["closed_on"] = json!("2020-11-30");
    r["referred_on"] = json!("2020-01-10");
    r["started_on"] = json!("2020-01-20");
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "F-1", &r).await, 422).await;
    assert!(pointers(&problem).contains(&"/birth_background".to_string()), "{problem}");
    r.as_object_mut().unwrap().remove("birth_background");
    let created = s.put(&s.vendor, &s.unit, "F-1", &r).await;
    assert_eq!(created.status(), 201);
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["form"], "su-x-2020");
    r["form"] = json!("su-x-2021");
    let problem = expect_problem(s.put(&s.vendor, &s.unit, "F-1", &r).await, 422).await;
    assert_eq!(pointers(&problem), ["/form"]);
}

both_backends!(
    put_creates_replaces_and_repeats_harmlessly,
    conditional_writes,
    post_with_idempotency_keys,
    invalid_records_are_refused_with_every_violation_and_nothing_written,
    batches_write_each_item_on_its_own,
    listings_filter_and_paginate_in_a_stable_order,
    erasure_removes_the_record,
    nobody_reaches_another_units_cases,
    concurrent_puts_of_one_case_leave_one_record,
    coverage_is_reported_per_year,
    form_2020_records_follow_the_2020_form,
);
