//! The yearly report as a page: every number in it is the JSON's (a release's tables, or the
//! exact report's), hidden figures show their symbol in tables and diagrams and are never drawn
//! as zero-length bars, and the page is seen by exactly those who see its JSON.
//!
//! The page marks each figure with `data-table`, `data-row`, `data-col` and `data-value` (or
//! `data-hidden` with the symbol); the test reads those marks back out of the HTML and looks each
//! one up in the JSON served by `GET /v1/releases/{id}/tables/{table}` (or `GET /v1/reports/su-x`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::helpers::{all_rows, clock, expect_problem, Backend, TestApp};
use chrono::Datelike;
use isu_core::stats::synthetic::{self, Plan};
use regex::Regex;
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";
const YEAR: i32 = 2024;

async fn seed(app: &TestApp, n: usize, seed: u64) {
    let today = clock::today();
    let plan = Plan { cases: n, first_year: 2023, last_year: YEAR.min(today.year()), seed, today };
    app.with_db(move |conn| synthetic::seed(conn, &plan, Some(REGION)).unwrap()).await;
}

/// A figure as the page marks it.
#[derive(Debug)]
struct Mark {
    /// `td`, `g` (a bar) or `span`.
    element: String,
    table: String,
    row: String,
    col: String,
    value: Option<f64>,
    hidden: Option<String>,
    /// What the element holds: the cell's text, or the bar's `<rect>` and `<text>`.
    inner: String,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

fn marks(html: &str) -> Vec<Mark> {
    let pattern = Regex::new(
        r#"(?s)<(td|g|span)\b[^>]*? data-table="([^"]*)" data-row="([^"]*)" data-col="([^"]*)"(?: data-value="([^"]*)"| data-hidden="([^"]*)"| data-undefined="")>(.*?)</(?:td|g|span)>"#,
    )
    .unwrap();
    pattern
        .captures_iter(html)
        .map(|c| Mark {
            element: c[1].to_string(),
            table: unescape(&c[2]),
            row: unescape(&c[3]),
            col: unescape(&c[4]),
            value: c.get(5).map(|v| v.as_str().parse().expect("data-value is a number")),
            hidden: c.get(6).map(|v| unescape(v.as_str())),
            inner: c[7].to_string(),
        })
        .collect()
}

/// The same number: serde_json (without `float_roundtrip`) may parse a decimal one unit in the
/// last place off, so equality is up to that.
fn same(page: f64, json: Option<f64>) -> bool {
    json.is_some_and(|json| (page - json).abs() <= 1e-12 * json.abs().max(1.0))
}

/// The page's name of a JSON row (as the page writes `data-row`).
fn row_key(row: &Value) -> String {
    let dims = row["dimensions"].as_object().unwrap();
    if dims.is_empty() {
        return "total".into();
    }
    let sorted: BTreeMap<&String, &str> = dims.iter().map(|(k, v)| (k, v.as_str().unwrap())).collect();
    sorted.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// The JSON figure a page column names: `children`, `intervention_days.median`, `pair:a+b`, ….
fn lookup<'a>(table: &'a Value, row: &str, col: &str) -> Option<&'a Value> {
    let row = all_rows(table).into_iter().find(|r| row_key(r) == row)?;
    if let Some(pair) = col.strip_prefix("pair:") {
        let (a, b) = pair.split_once('+')?;
        let found = row["combinations"].as_array()?.iter().find(|c| c["problem_areas"] == json!([a, b]))?;
        return Some(&found["children"]);
    }
    match col.split_once('.') {
        Some((measure, part)) => row.get(measure)?.get(part),
        None => row.get(col),
    }
}

/// Every figure key of a published table: (row, column).
fn published_keys(table: &Value) -> BTreeSet<(String, String)> {
    let mut keys = BTreeSet::new();
    for row in all_rows(table) {
        let name = row_key(row);
        for measure in ["children", "share", "mentions", "alone"] {
            if row.get(measure).is_some() {
                keys.insert((name.clone(), measure.to_string()));
            }
        }
        for measure in ["intervention_days", "enrolment_days"] {
            if row.get(measure).is_some() {
                for part in ["n", "mean", "median", "p10", "p90"] {
                    keys.insert((name.clone(), format!("{measure}.{part}")));
                }
            }
        }
        if row.get("age").is_some() {
            keys.insert((name.clone(), "age.mean".into()));
        }
        for pair in row["combinations"].as_array().into_iter().flatten() {
            let areas = &pair["problem_areas"];
            keys.insert((name.clone(), format!("pair:{}+{}", areas[0].as_str().unwrap(), areas[1].as_str().unwrap())));
        }
    }
    keys
}

/// What the page counted of one release.
#[derive(Debug, Default)]
struct Checked {
    cells: usize,
    bars: usize,
    hidden_cells: usize,
    hidden_bars: usize,
}

/// Checks every mark of a release page against the tables' JSON.
fn check_published_marks(html: &str, tables: &HashMap<String, Value>) -> Checked {
    let mut checked = Checked::default();
    let mut cells: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let rect_width = Regex::new(r#"<rect [^>]*width="([0-9.]+)""#).unwrap();
    let text = Regex::new(r"<text [^>]*>([^<]*)</text>").unwrap();
    for mark in marks(html) {
        let table = tables.get(&mark.table).unwrap_or_else(|| panic!("the page marks an unknown table {}", mark.table));
        let figure = lookup(table, &mark.row, &mark.col)
            .unwrap_or_else(|| panic!("{} {} {}: not in the JSON", mark.table, mark.row, mark.col));
        let at = format!("{} [{}] {}", mark.table, mark.row, mark.col);
        let display = figure["display"].as_str().unwrap_or_else(|| panic!("{at}: not a figure: {figure}"));
        match (mark.value, &mark.hidden) {
            (Some(value), None) => {
                assert_eq!(figure["status"], "published", "{at}");
                assert!(
                    same(value, figure["value"].as_f64()),
                    "{at}: the page has {value}, the JSON {}",
                    figure["value"]
                );
            }
            (None, Some(symbol)) => {
                assert_eq!(figure["status"], "suppressed", "{at}: marked hidden but published");
                assert!(figure["value"].is_null(), "{at}");
                assert_eq!(symbol, display, "{at}: the symbol differs from the JSON's display");
                assert!(symbol == "≤4" || symbol == "..", "{at}: {symbol}");
            }
            other => panic!("{at}: a release figure is either a value or hidden, got {other:?}"),
        }
        match mark.element.as_str() {
            "td" | "span" => {
                assert_eq!(unescape(&mark.inner), display, "{at}: the cell prints something else than the JSON");
                let fresh = cells.entry(mark.table.clone()).or_default().insert((mark.row.clone(), mark.col.clone()));
                assert!(fresh, "{at}: shown twice in the table");
                checked.cells += 1;
                checked.hidden_cells += usize::from(mark.hidden.is_some());
            }
            "g" => {
                checked.bars += 1;
                let label = text.captures(&mark.inner).map(|c| unescape(&c[1])).unwrap_or_default();
                assert_eq!(label, display, "{at}: the bar is labelled with something else than the JSON's display");
                let width: f64 = rect_width.captures(&mark.inner).expect("a bar has a rect")[1].parse().unwrap();
                if mark.hidden.is_some() {
                    checked.hidden_bars += 1;
                    assert!(width > 0.0, "{at}: a hidden bar is drawn as a zero-length bar");
                    assert!(mark.inner.contains("stroke-dasharray"), "{at}: a hidden bar is a dashed placeholder");
                } else {
                    assert!(!mark.inner.contains("stroke-dasharray"), "{at}: a published bar drawn as hidden");
                }
            }
            other => panic!("unexpected element {other}"),
        }
    }
    // Nothing left out: every figure of every table is in the page's tables.
    for (id, table) in tables {
        assert_eq!(cells.get(id).cloned().unwrap_or_default(), published_keys(table), "table {id}: figures left out");
    }
    checked
}

async fn token_with_scope(app: &TestApp, role: isu_http::auth::Role, scope: &str) -> String {
    let new = isu_store::clients::NewClient {
        name: format!("page {} {}", role.as_str(), uuid::Uuid::new_v4()),
        role,
        units: vec![],
        municipalities: vec![],
        region: None,
    };
    let (id, secret) = app.create_client(new).await;
    let response = app
        .client
        .post(app.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials"), ("scope", scope)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

async fn every_number_in_the_release_page_is_the_jsons(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 1_500, 41).await;
    let region_analyst = app.region_analyst_token(REGION).await;
    let response = app
        .client
        .post(app.url("/v1/releases"))
        .bearer_auth(&region_analyst)
        .json(&json!({"scope": REGION, "year": YEAR}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let release: Value = response.json().await.unwrap();
    let id = release["id"].as_str().unwrap();

    let analyst = app.analyst_token().await;
    let response = app.get_as(&analyst, &format!("/v1/releases/{id}/report")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let html = response.text().await.unwrap();

    // The tables as the JSON serves them, one request each.
    let mut tables = HashMap::new();
    for table in release["tables"].as_array().unwrap() {
        let table_id = table["id"].as_str().unwrap();
        let served: Value =
            app.get_as(&analyst, &format!("/v1/releases/{id}/tables/{table_id}")).await.json().await.unwrap();
        assert_eq!(&served, table);
        tables.insert(table_id.to_string(), served);
    }
    let checked = check_published_marks(&html, &tables);
    assert!(checked.cells > 500, "{checked:?}");
    assert!(checked.bars > 100, "{checked:?}");
    assert!(checked.hidden_cells > 0 && checked.hidden_bars > 0, "the seed gives hidden figures: {checked:?}");

    // One self-contained document: diagrams as inline, accessible SVG; nothing loaded or run.
    assert!(html.starts_with("<!DOCTYPE html>"));
    let svgs = html.matches("<svg ").count();
    assert_eq!(svgs, 9, "Diagrams 1, 2, 4, 5, 6, 7, 8, 9 and birth background");
    assert_eq!(html.matches(" role=\"img\"").count(), svgs);
    assert_eq!(html.matches("<desc id=").count(), svgs);
    for forbidden in ["<script", "src=", "href=\"http", "url(http", "@import"] {
        assert!(!html.contains(forbidden), "the page holds {forbidden}");
    }
    assert!(html.contains("@page { size: A4;"), "prints on A4");
    assert!(html.contains(&format!("data-release=\"{id}\"")) && html.contains("data-audience=\"published\""));
    assert!(html.contains("<title>SU-X årsrapport 2024: FoU Välfärd Gävleborg, version 1</title>"));
    // Diagram 1 is sorted: the published shares of its bars never increase.
    let d1: Vec<f64> = marks(&html)
        .into_iter()
        .filter(|m| m.element == "g" && m.table == "d1_problem_areas")
        .filter_map(|m| m.value)
        .collect();
    assert!(d1.len() > 5 && d1.windows(2).all(|w| w[0] >= w[1]), "{d1:?}");
    app.stop().await;
}

/// The checks catch what they are for: a number that differs from the JSON, a figure left out,
/// and a hidden figure drawn as a zero-length bar.
#[test]
fn the_checks_catch_a_wrong_page() {
    let table = json!({"id": "d6_closing_reasons", "rows": [
            {"dimensions": {"closing_reason": "goals_met"}, "children": {"value": 740, "status": "published", "display": "740"}},
            {"dimensions": {"closing_reason": "ended_by_child"}, "children": {"value": null, "status": "suppressed", "display": "≤4"}}],
        "margins": [], "total": {"dimensions": {}, "children": {"value": 900, "status": "published", "display": "900"}}});
    let tables = HashMap::from([("d6_closing_reasons".to_string(), table)]);
    let attrs = |row: &str, rest: &str| {
        format!("data-table=\"d6_closing_reasons\" data-row=\"closing_reason={row}\" data-col=\"children\" {rest}")
    };
    let cell = |row: &str, value: &str| {
        format!("<td class=\"num\" {}>{value}</td>", attrs(row, &format!("data-value=\"{value}\"")))
    };
    let hidden_cell = format!("<td class=\"num hidden\" {}>≤4</td>", attrs("ended_by_child", "data-hidden=\"≤4\""));
    let total = "<td class=\"num\" data-table=\"d6_closing_reasons\" data-row=\"total\" data-col=\"children\" data-value=\"900\">900</td>";
    let bar = |width: &str| {
        format!(
            "<g class=\"bar hidden\" {}><rect x=\"1\" y=\"1\" width=\"{width}\" height=\"12\" stroke-dasharray=\"3 2\"/><text x=\"1\" y=\"1\">≤4</text></g>",
            attrs("ended_by_child", "data-hidden=\"≤4\"")
        )
    };
    let good = format!("{}{hidden_cell}{total}{}", cell("goals_met", "740"), bar("26"));
    let checked = check_published_marks(&good, &tables);
    assert_eq!((checked.cells, checked.hidden_cells, checked.hidden_bars), (3, 1, 1));
    let wrong = format!("{}{hidden_cell}{total}", cell("goals_met", "741"));
    assert!(std::panic::catch_unwind(|| check_published_marks(&wrong, &tables)).is_err(), "a wrong number");
    let left_out = format!("{hidden_cell}{total}");
    assert!(std::panic::catch_unwind(|| check_published_marks(&left_out, &tables)).is_err(), "a figure left out");
    let zero_bar = format!("{}{hidden_cell}{total}{}", cell("goals_met", "740"), bar("0"));
    assert!(std::panic::catch_unwind(|| check_published_marks(&zero_bar, &tables)).is_err(), "a zero-length bar");
}

async fn the_page_is_read_by_whoever_reads_the_release(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 1_500, 42).await;
    let admin = app.admin_token().await;
    let response = app
        .client
        .post(app.url("/v1/releases"))
        .bearer_auth(&admin)
        .json(&json!({"scope": REGION, "year": YEAR}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let release: Value = response.json().await.unwrap();
    let id = release["id"].as_str().unwrap();
    let page = format!("/v1/releases/{id}/report");
    let json = format!("/v1/releases/{id}");

    // Without a token: 401; a token without `reference:read`: 403, as for the release itself.
    expect_problem(app.get(&page).await, 401).await;
    let narrowed = token_with_scope(&app, isu_http::auth::Role::Analyst, "stats:read").await;
    expect_problem(app.get_as(&narrowed, &json).await, 403).await;
    expect_problem(app.get_as(&narrowed, &page).await, 403).await;
    // Every role reads it.
    let unit = app.create_unit("2180", "Sidans enhet").await;
    for token in [admin.clone(), app.vendor_token(&[&unit]).await, app.region_analyst_token("fou-nordvast").await] {
        assert_eq!(app.get_as(&token, &page).await.status(), 200);
    }
    // Unknown release: 404, as for its JSON.
    let analyst = app.analyst_token().await;
    let missing = expect_problem(app.get_as(&analyst, "/v1/releases/no-such-release/report").await, 404).await;
    assert_eq!(missing["detail"], "no release has this id");
    expect_problem(app.get_as(&analyst, "/v1/releases/no-such-release").await, 404).await;
    app.stop().await;
}

async fn the_internal_page_is_the_exact_report(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 600, 43).await;
    let region_analyst = app.region_analyst_token(REGION).await;
    let query = format!("region={REGION}&year={YEAR}");
    let page_path = format!("/v1/reports/su-x/page?{query}");
    let response = app.get_as(&region_analyst, &page_path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
    let html = response.text().await.unwrap();
    assert!(html.contains("data-audience=\"internal\"") && html.contains("EJ FÖR PUBLICERING"));
    assert!(html.contains("(internt underlag)</title>"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(!html.contains("data-hidden="), "exact figures hide nothing");

    let report: Value = app.get_as(&region_analyst, &format!("/v1/reports/su-x?{query}")).await.json().await.unwrap();
    let tables: HashMap<String, Value> = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap().to_string(), t["table"].clone()))
        .collect();
    let all = marks(&html);
    assert!(all.len() > 500, "{}", all.len());
    for mark in &all {
        let at = format!("{} [{}] {}", mark.table, mark.row, mark.col);
        let figure = lookup(&tables[&mark.table], &mark.row, &mark.col);
        match mark.value {
            Some(value) => assert!(same(value, figure.and_then(Value::as_f64)), "{at}: {value} against {figure:?}"),
            None => assert!(figure.is_none_or(Value::is_null), "{at}: undefined in the page, {figure:?} in the JSON"),
        }
    }

    // Access as the JSON report: the region's analyst only.
    for (token, status) in [
        (app.analyst_token().await, 403),
        (app.admin_token().await, 403),
        (app.region_analyst_token("fou-nordvast").await, 403),
    ] {
        expect_problem(app.get_as(&token, &page_path).await, status).await;
        expect_problem(app.get_as(&token, &format!("/v1/reports/su-x?{query}")).await, status).await;
    }
    expect_problem(app.get(&page_path).await, 401).await;
    let bad = expect_problem(
        app.get_as(&region_analyst, &format!("/v1/reports/su-x/page?region={REGION}&year=1999")).await,
        422,
    )
    .await;
    assert_eq!(bad["errors"][0]["pointer"], "query:year");
    app.stop().await;
}

both_backends!(
    every_number_in_the_release_page_is_the_jsons,
    the_page_is_read_by_whoever_reads_the_release,
    the_internal_page_is_the_exact_report
);
