//! Releases: created by those entitled to exact figures, read by anyone with a token, every count
//! protected, derived figures only over large groups, revisions that keep hidden what was hidden,
//! and figures that agree with the exact statistics wherever they are shown.

use std::collections::BTreeMap;

use crate::helpers::{clock, expect_problem, Backend, TestApp};
use chrono::Datelike;
use isu_core::stats::synthetic::{self, Plan};
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";

async fn seed(app: &TestApp, region: &'static str, n: usize, seed: u64) {
    let today = clock::today();
    let plan = Plan { cases: n, first_year: 2023, last_year: 2024.min(today.year()), seed, today };
    app.with_db(move |conn| synthetic::seed(conn, &plan, Some(region)).unwrap()).await;
}

async fn post_release(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url("/v1/releases")).bearer_auth(token).json(&body).send().await.unwrap()
}

/// Every figure object of a document, with where it is.
fn figures<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) if map.contains_key("status") && map.contains_key("display") => out.push((at, value)),
        Value::Object(map) => {
            for (k, v) in map {
                figures(v, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                // Rows are named by their dimensions, so versions can be compared cell by cell.
                let name = v.get("dimensions").map_or(i.to_string(), |d| d.to_string());
                let name = v.get("id").and_then(|id| id.as_str()).map_or(name, str::to_string);
                let name = v.get("problem_areas").map_or(name, |p| p.to_string());
                figures(v, format!("{at}/{name}"), out);
            }
        }
        _ => {}
    }
}

fn check_representation(document: &Value, k: u64) {
    let mut all = Vec::new();
    figures(document, String::new(), &mut all);
    assert!(all.len() > 100, "a release has many figures");
    for (at, figure) in all {
        match figure["status"].as_str().unwrap() {
            "suppressed" => {
                assert!(figure["value"].is_null(), "{at}: a suppressed value is null");
                let display = figure["display"].as_str().unwrap();
                assert!(display == format!("≤{}", k - 1) || display == "..", "{at}: {display}");
            }
            "published" => {
                assert!(!figure["value"].is_null(), "{at}");
                let is_count = !at.contains("/share")
                    && !at.contains("/mean")
                    && !at.contains("/median")
                    && !at.contains("/p10")
                    && !at.contains("/p90");
                if is_count {
                    let v = figure["value"].as_u64().unwrap();
                    assert!(v == 0 || v >= k, "{at}: a small count {v} is published");
                }
            }
            other => panic!("{at}: status {other}"),
        }
    }
    // No raw minimum or maximum anywhere.
    let text = document.to_string();
    assert!(!text.contains("\"min\"") && !text.contains("\"max\""), "no min/max in published output");
}

async fn a_region_release_end_to_end(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 1_500, 21).await;
    let analyst = app.region_analyst_token(REGION).await;
    let response = post_release(&app, &analyst, json!({"scope": REGION, "year": 2024})).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let release: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/v1/releases/{}", release["id"].as_str().unwrap()));
    assert_eq!(release["version"], 1);
    assert_eq!(release["audience"], "published");
    assert_eq!(release["protection"], json!({"k": 5, "min_group": 10, "percentile_rounding_days": 10}));
    check_representation(&release, 5);
    assert!(release["suppression"]["primary"].as_u64().unwrap() > 0, "small municipalities give small cells");

    // Anyone with a token reads it, as stored.
    let vendor_unit = app.create_unit("2180", "Leverantörens enhet").await;
    let vendor = app.vendor_token(&[&vendor_unit]).await;
    let read: Value = app.get_as(&vendor, &location).await.json().await.unwrap();
    assert_eq!(read, release);
    let other_region = app.region_analyst_token("fou-nordvast").await;
    let listed: Value = app.get_as(&other_region, "/v1/releases?year=2024").await.json().await.unwrap();
    assert_eq!(listed["items"][0]["id"], release["id"]);

    // Published counts are the exact figures wherever they are shown.
    let exact: Value =
        app.get_as(&analyst, &format!("/v1/reports/su-x?region={REGION}&year=2024")).await.json().await.unwrap();
    for (published, exact) in release["tables"].as_array().unwrap().iter().zip(exact["tables"].as_array().unwrap()) {
        assert_eq!(published["id"], exact["id"]);
        let rows = |t: &Value| -> Vec<Value> {
            let mut rows: Vec<Value> = t["rows"].as_array().unwrap().clone();
            for m in t["margins"].as_array().unwrap() {
                rows.extend(m["rows"].as_array().unwrap().iter().cloned());
            }
            rows.push(t["total"].clone());
            rows
        };
        for (p, e) in rows(published).iter().zip(rows(&exact["table"])) {
            assert_eq!(p["dimensions"], e["dimensions"]);
            if p["children"]["status"] == "published" {
                assert_eq!(p["children"]["value"], e["children"], "{} {}", published["id"], p["dimensions"]);
            }
            if p["share"]["status"] == "published" {
                let (p, e) = (p["share"]["value"].as_f64().unwrap(), e["share"].as_f64().unwrap());
                assert!((p - e).abs() < 0.0006, "shares are the exact share, rounded");
            }
            if let Some(n) = p["intervention_days"]["n"]["value"].as_u64() {
                assert_eq!(n, e["intervention_days"]["n"].as_u64().unwrap());
                let mean = &p["intervention_days"]["mean"];
                assert_eq!(mean["status"] == "published", n >= 10, "means only over groups of 10");
            }
        }
    }

    // One table, as JSON and as CSV with the display strings.
    let table: Value = app.get_as(&vendor, &format!("{location}/tables/t1_background")).await.json().await.unwrap();
    assert_eq!(table["id"], "t1_background");
    let csv = app
        .client
        .get(app.url(&format!("{location}/tables/t1_background")))
        .bearer_auth(&vendor)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("Kommun,Kön,Antal barn,Andel,Ålder medel,Inskrivningstid (dagar) antal"), "{csv}");
    assert!(csv.contains("≤4") || csv.contains(".."), "suppressed figures print their display string");
    let en = app.get_as(&vendor, &format!("{location}/tables/d6_closing_reasons?format=csv&lang=en")).await;
    assert!(en.text().await.unwrap().starts_with("Closing reason,Children,Share"));
    expect_problem(app.get_as(&vendor, &format!("{location}/tables/t99")).await, 404).await;
    expect_problem(app.get_as(&vendor, "/v1/releases/no-such-release").await, 404).await;
}

async fn who_may_create_which_release(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 160, 3).await;
    seed(&app, "fou-nordvast", 600, 4).await;
    let analyst = app.region_analyst_token(REGION).await;
    let unit = app.create_unit("2182", "Leverantörens enhet").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let reader = app.analyst_token().await;
    let admin = app.admin_token().await;
    for (token, body, status) in [
        (&vendor, json!({"scope": REGION, "year": 2024}), 403),
        (&reader, json!({"scope": REGION, "year": 2024}), 403),
        (&analyst, json!({"scope": "fou-nordvast", "year": 2024}), 403),
        (&analyst, json!({"scope": "national", "year": 2024}), 403),
        (&analyst, json!({"scope": REGION}), 422),
        (&analyst, json!({"scope": REGION, "year": 2019}), 422),
        (&admin, json!({"scope": "no-such-region", "year": 2024}), 422),
        // The current year is open: its release is a closed year's report.
        (&analyst, json!({"scope": REGION, "year": clock::today().year()}), 422),
        (&admin, json!({"scope": "national", "year": 2024}), 201),
        (&admin, json!({"scope": "fou-nordvast", "year": 2024}), 201),
    ] {
        let response = post_release(&app, token, body.clone()).await;
        let got = response.status();
        if got != status {
            panic!("{body}: {got} {}", response.text().await.unwrap());
        }
        if body["year"] == json!(clock::today().year()) {
            let problem: Value = response.json().await.unwrap();
            assert_eq!(problem["errors"][0]["code"], "year_not_closed", "{problem}");
            assert_eq!(problem["errors"][0]["pointer"], "/year");
            continue;
        }
        if status == 201 {
            let release: Value = response.json().await.unwrap();
            check_representation(&release, 5);
            if body["scope"] == "national" {
                let t1 = release["tables"].as_array().unwrap().iter().find(|t| t["id"] == "t1_background").unwrap();
                assert_eq!(t1["group_by"], json!(["region", "gender"]), "nationally by region");
            }
        }
    }
    // Compare: the same table from each scope's latest release.
    let compared: Value = app
        .get_as(
            &vendor,
            "/v1/compare?table=d6_closing_reasons&year=2024&scopes=fou-nordvast,national,fou-socialtjanst-vasterbotten",
        )
        .await
        .json()
        .await
        .unwrap();
    let scopes: Vec<&str> =
        compared["entries"].as_array().unwrap().iter().map(|e| e["scope"].as_str().unwrap()).collect();
    assert_eq!(scopes, ["fou-nordvast", "national"]);
    assert_eq!(compared["missing"], json!(["fou-socialtjanst-vasterbotten"]));
    for (path, pointer) in [
        ("/v1/compare?table=t9&year=2024&scopes=national", "query:table"),
        ("/v1/compare?table=d6_closing_reasons&year=2019&scopes=national", "query:year"),
        ("/v1/compare?table=d6_closing_reasons&year=2024&scopes=Not%20a%20scope", "query:scopes"),
        ("/v1/releases?year=2019", "query:year"),
        ("/v1/releases?scope=%C3%A5", "query:scope"),
    ] {
        let problem = expect_problem(app.get_as(&vendor, path).await, 422).await;
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{path}");
    }
}

/// A revision (a late correction) keeps every figure hidden in the previous version hidden.
async fn a_revision_never_reveals_what_was_hidden(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 800, 8).await;
    let analyst = app.region_analyst_token(REGION).await;
    let first: Value = post_release(&app, &analyst, json!({"scope": REGION, "year": 2024})).await.json().await.unwrap();
    // Late records: more children in a small municipality.
    seed(&app, REGION, 60, 99).await;
    let second: Value =
        post_release(&app, &analyst, json!({"scope": REGION, "year": 2024})).await.json().await.unwrap();
    assert_eq!(second["version"], 2);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    figures(&first["tables"], String::new(), &mut before);
    figures(&second["tables"], String::new(), &mut after);
    let after: BTreeMap<String, &Value> = after.into_iter().collect();
    let mut hidden = 0;
    for (at, figure) in before {
        let counts = at.ends_with("/children") || at.ends_with("/alone") || at.ends_with("/n");
        if counts && figure["status"] == "suppressed" {
            hidden += 1;
            assert_eq!(after[&at]["status"], "suppressed", "{at} was hidden in version 1");
        }
    }
    assert!(hidden > 0);
    check_representation(&second, 5);
}

/// The national release reuses a current regional release, builds the missing ones, and builds a
/// new version of one whose records changed; every version it stores is listed.
async fn the_national_release_builds_on_current_regional_ones(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 300, 21).await;
    seed(&app, "fou-nordvast", 200, 22).await;
    let analyst = app.region_analyst_token(REGION).await;
    let admin = app.admin_token().await;
    let regional = post_release(&app, &analyst, json!({"scope": REGION, "year": 2024})).await;
    assert_eq!(regional.status(), 201);
    let national = |round: u64| {
        let (app, admin) = (&app, &admin);
        async move {
            let response = post_release(app, admin, json!({"scope": "national", "year": 2024})).await;
            let status = response.status();
            let body: Value = response.json().await.unwrap();
            assert_eq!(status, 201, "round {round}: {body}");
            check_representation(&body, 5);
            body
        }
    };
    let versions = |scope: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let list: Value =
                app.get_as(admin, &format!("/v1/releases?scope={scope}&year=2024")).await.json().await.unwrap();
            list["items"].as_array().unwrap().len()
        }
    };
    let first = national(1).await;
    assert_eq!((versions(REGION).await, versions("fou-nordvast").await), (1, 1), "reused, and built");
    // Nothing changed: the regional releases are reused again.
    national(2).await;
    assert_eq!((versions(REGION).await, versions("fou-nordvast").await), (1, 1));
    // New records in one region: its release gets a new version first.
    seed(&app, "fou-nordvast", 30, 23).await;
    let third = national(3).await;
    assert_eq!((versions(REGION).await, versions("fou-nordvast").await), (1, 2));
    assert_ne!(first["records"], third["records"]);
}

both_backends!(
    a_region_release_end_to_end,
    who_may_create_which_release,
    a_revision_never_reveals_what_was_hidden,
    the_national_release_builds_on_current_regional_ones
);
