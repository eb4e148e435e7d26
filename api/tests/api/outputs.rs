//! The figures in other formats: JSON-stat 2.0 and Excel workbooks of releases, comparisons,
//! exact statistics and the region analyst's report, each read back (the workbook with
//! `calamine`) and compared with the JSON cell by cell; the exact figures stay refused to roles
//! without exact rights in every format; an unknown format is a 422 naming `query:format`.

use std::io::Cursor;

use crate::helpers::{clock, expect_problem, Backend, TestApp};
use calamine::{Data, Reader, Xlsx};
use chrono::Datelike;
use isu_core::stats::synthetic::{self, Plan};
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";
const JSON_STAT: &str = "application/json-stat+json";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn seed(app: &TestApp, region: &'static str, n: usize, seed: u64) {
    let today = clock::today();
    let plan = Plan { cases: n, first_year: 2023, last_year: 2024.min(today.year()), seed, today };
    app.with_db(move |conn| synthetic::seed(conn, &plan, Some(region)).unwrap()).await;
}

async fn create_release(app: &TestApp, token: &str, scope: &str) -> Value {
    let response = app
        .client
        .post(app.url("/v1/releases"))
        .bearer_auth(token)
        .json(&json!({"scope": scope, "year": 2024}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

async fn get_with(app: &TestApp, token: &str, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path)).bearer_auth(token);
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    request.send().await.unwrap()
}

async fn json_stat(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.get_as(token, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], JSON_STAT, "{path}");
    response.json().await.unwrap()
}

async fn workbook(app: &TestApp, token: &str, path: &str, file_name: &str) -> Xlsx<Cursor<Vec<u8>>> {
    let response = app.get_as(token, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], XLSX, "{path}");
    assert_eq!(response.headers()["content-disposition"], format!("attachment; filename=\"{file_name}\""), "{path}");
    let bytes = response.bytes().await.unwrap().to_vec();
    Xlsx::new(Cursor::new(bytes)).expect("an xlsx workbook")
}

/// What the JSON says a figure is.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Number(f64),
    Hidden(String),
    Nothing,
}

/// A figure of the JSON: a protected figure object, or an exact number.
fn expected(figure: Option<&Value>) -> Expected {
    match figure {
        None | Some(Value::Null) => Expected::Nothing,
        Some(Value::Number(n)) => Expected::Number(n.as_f64().unwrap()),
        Some(object) => match object["status"].as_str() {
            Some("published") => Expected::Number(object["value"].as_f64().unwrap()),
            Some("suppressed") => {
                assert!(object["value"].is_null());
                Expected::Hidden(object["display"].as_str().unwrap().to_string())
            }
            other => panic!("a figure with status {other:?}: {object}"),
        },
    }
}

/// The figure of measure column `column` (`children`, `intervention_days_mean`, `age_min`, …)
/// in a JSON row.
fn figure_of<'a>(row: &'a Value, column: &str) -> Option<&'a Value> {
    if ["children", "share", "mentions", "alone"].contains(&column) {
        return row.get(column);
    }
    let (measure, part) = ["intervention_days", "enrolment_days", "age", "coverage"]
        .iter()
        .find_map(|m| column.strip_prefix(&format!("{m}_")).map(|part| (*m, part)))
        .unwrap_or_else(|| panic!("an unknown measure column {column}"));
    row.get(measure).and_then(|m| m.get(part))
}

/// The measure columns a table of `measures` has, by the layout the formats promise.
fn columns(measures: &Value, published: bool) -> Vec<String> {
    let mut out = Vec::new();
    let measures: Vec<&str> = measures.as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    if measures.contains(&"combinations") && !measures.contains(&"children") {
        out.push("children".to_string());
    }
    for m in measures {
        let parts: &[&str] = match (m, published) {
            ("intervention_days" | "enrolment_days", true) => &["n", "mean", "median", "p10", "p90"],
            ("intervention_days" | "enrolment_days", false) => &["n", "mean", "median", "p10", "p90", "min", "max"],
            ("age", true) => &["mean"],
            ("age", false) => &["mean", "min", "max"],
            ("coverage", _) => &["registered", "closed_reported", "registered_of_reporting", "ratio"],
            ("combinations", _) => &[],
            _ => &[""],
        };
        out.extend(parts.iter().map(|p| if p.is_empty() { m.to_string() } else { format!("{m}_{p}") }));
    }
    out
}

/// Rows in the JSON's order: cells, margins, total.
fn rows(table: &Value) -> Vec<&Value> {
    let mut out: Vec<&Value> = table["rows"].as_array().unwrap().iter().collect();
    for m in table["margins"].as_array().unwrap() {
        out.extend(m["rows"].as_array().unwrap());
    }
    out.push(&table["total"]);
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// Children naming both areas of each pair of a row, by pair code `a+b` (exact: unnamed pairs 0).
fn pairs_of(row: &Value) -> Vec<(String, Expected)> {
    row["combinations"]
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|p| {
                    let areas = &p["problem_areas"];
                    (
                        format!("{}+{}", areas[0].as_str().unwrap(), areas[1].as_str().unwrap()),
                        expected(Some(&p["children"])),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn category_index(dataset: &Value, dimension: &str, code: &str) -> usize {
    dataset["dimension"][dimension]["category"]["index"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == code)
        .unwrap_or_else(|| panic!("{dimension} has no category {code}"))
}

/// The figure of a dataset at the given category codes (in `id` order).
fn cell(dataset: &Value, codes: &[(&str, String)]) -> Expected {
    let ids: Vec<&str> = dataset["id"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
    let sizes: Vec<usize> = dataset["size"].as_array().unwrap().iter().map(|s| s.as_u64().unwrap() as usize).collect();
    let mut index = 0;
    for (i, id) in ids.iter().enumerate() {
        let code = &codes.iter().find(|(d, _)| d == id).unwrap_or_else(|| panic!("no code for {id}")).1;
        index = index * sizes[i] + category_index(dataset, id, code);
    }
    let status = dataset["status"].get(index.to_string()).and_then(|s| s.as_str());
    match (&dataset["value"][index], status) {
        (Value::Null, Some(symbol)) => Expected::Hidden(symbol.to_string()),
        (Value::Null, None) => Expected::Nothing,
        (Value::Number(n), None) => Expected::Number(n.as_f64().unwrap()),
        (v, s) => panic!("a value {v} with status {s:?}"),
    }
}

fn same(a: &Expected, b: &Expected) -> bool {
    match (a, b) {
        (Expected::Number(a), Expected::Number(b)) => close(*a, *b),
        _ => a == b,
    }
}

/// A JSON-stat dataset holds exactly the JSON table: every figure of every row (and pair) at
/// its coordinates, hidden ones null with their symbol; `extra` are codes of further
/// dimensions (a comparison's scope). Returns the figures compared.
fn check_dataset(dataset: &Value, table: &Value, published: bool, extra: &[(&str, String)]) -> usize {
    assert_eq!(dataset["version"], "2.0");
    assert_eq!(dataset["class"], "dataset");
    let sizes: Vec<u64> = dataset["size"].as_array().unwrap().iter().map(|s| s.as_u64().unwrap()).collect();
    assert_eq!(dataset["value"].as_array().unwrap().len() as u64, sizes.iter().product::<u64>());
    assert_eq!(dataset["id"].as_array().unwrap().len(), sizes.len());
    for (id, size) in dataset["id"].as_array().unwrap().iter().zip(&sizes) {
        let category = &dataset["dimension"][id.as_str().unwrap()]["category"];
        assert_eq!(category["index"].as_array().unwrap().len() as u64, *size, "{id}");
        assert_eq!(category["label"].as_object().unwrap().len() as u64, *size, "{id}");
    }
    assert_eq!(dataset["role"]["metric"], json!(["measure"]));
    let measure_ids: Vec<String> = dataset["dimension"]["measure"]["category"]["index"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    let columns = columns(&table["measures"], published);
    assert_eq!(measure_ids, columns, "the measure columns");
    let dimensions: Vec<&str> =
        table["dimensions"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    let pairs = table["measures"].as_array().unwrap().contains(&json!("combinations"));
    let mut compared = 0;
    for row in rows(table) {
        let mut codes: Vec<(&str, String)> = extra.to_vec();
        for d in &dimensions {
            codes.push((d, row["dimensions"].get(*d).and_then(|c| c.as_str()).unwrap_or("_T").to_string()));
        }
        if pairs {
            codes.push(("problem_area_pair", "_T".into()));
        }
        for column in &columns {
            let mut at = codes.clone();
            at.push(("measure", column.clone()));
            let want = expected(figure_of(row, column));
            let got = cell(dataset, &at);
            assert!(
                same(&got, &want),
                "{} {column} at {:?}: JSON-stat {got:?}, JSON {want:?}",
                table["id"],
                row["dimensions"]
            );
            compared += 1;
        }
        for (pair, want) in pairs_of(row) {
            let mut at = codes.clone();
            at.retain(|(d, _)| *d != "problem_area_pair");
            at.push(("problem_area_pair", pair.clone()));
            at.push(("measure", "children".into()));
            let got = cell(dataset, &at);
            assert!(same(&got, &want), "{pair}: JSON-stat {got:?}, JSON {want:?}");
            compared += 1;
        }
    }
    compared
}

fn text_of(data: Option<&Data>) -> String {
    match data {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A table sheet holds the JSON table: the Swedish title and headings, a row per JSON row (and
/// per pair after its row), labels in the dimension columns ("Totalt" where collapsed), numbers
/// as numbers, hidden figures as their symbols, empty where the JSON has no figure. Returns the
/// cells compared.
fn check_sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, table: &Value, title_sv: &str, published: bool) -> usize {
    let id = table["id"].as_str().unwrap_or("");
    let range = book.worksheet_range(id).unwrap_or_else(|e| panic!("sheet {id}: {e}"));
    let at = |row: usize, col: usize| range.get((row, col));
    assert_eq!(text_of(at(0, 0)), title_sv, "{id}: the title");
    let dims = table["dimensions"].as_array().unwrap();
    let pairs = table["measures"].as_array().unwrap().contains(&json!("combinations"));
    let label_columns = dims.len() + usize::from(pairs);
    for (i, d) in dims.iter().enumerate() {
        assert_eq!(text_of(at(1, i)), d["label"]["sv"].as_str().unwrap(), "{id}: heading {i}");
    }
    let columns = columns(&table["measures"], published);
    let mut line = 2;
    let mut compared = 0;
    let check_figure = |row: usize, col: usize, want: &Expected| -> bool {
        match (want, at(row, col)) {
            (Expected::Number(n), Some(Data::Float(v))) => close(*n, *v),
            (Expected::Number(n), Some(Data::Int(v))) => close(*n, *v as f64),
            (Expected::Hidden(symbol), Some(Data::String(s))) => s == symbol,
            (Expected::Nothing, None | Some(Data::Empty)) => true,
            _ => false,
        }
    };
    for row in rows(table) {
        for (i, d) in dims.iter().enumerate() {
            let want = match row["dimensions"].get(d["id"].as_str().unwrap()) {
                None => "Totalt".to_string(),
                Some(code) => d["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["code"] == *code)
                    .map(|v| v["label"]["sv"].as_str().unwrap().to_string())
                    .unwrap(),
            };
            assert_eq!(text_of(at(line, i)), want, "{id} line {line}: label {i}");
        }
        for (c, column) in columns.iter().enumerate() {
            let want = expected(figure_of(row, column));
            assert!(
                check_figure(line, label_columns + c, &want),
                "{id} line {line} {column}: sheet {:?}, JSON {want:?}",
                at(line, label_columns + c)
            );
            compared += 1;
        }
        line += 1;
        if pairs {
            // Every pair in form order: those the release lists, or (exact) all, unnamed ones 0.
            let children = columns.iter().position(|c| c == "children").unwrap();
            let listed = pairs_of(row);
            for (code, label) in all_pairs() {
                let want = match listed.iter().find(|(c, _)| *c == code) {
                    Some((_, want)) => want.clone(),
                    None if published => continue,
                    None => Expected::Number(0.0),
                };
                assert_eq!(text_of(at(line, dims.len())), label, "{id} line {line}: the pair");
                assert!(
                    check_figure(line, label_columns + children, &want),
                    "{id} pair {code}: sheet {:?}, JSON {want:?}",
                    at(line, label_columns + children)
                );
                compared += 1;
                line += 1;
            }
        }
    }
    assert_eq!(range.height(), line, "{id}: no lines beyond the JSON's");
    compared
}

/// Every pair of problem areas in form order: (code `a+b`, Swedish label "A + B").
fn all_pairs() -> Vec<(String, String)> {
    let list =
        isu_domain::forms::get("su-x-2021").and_then(|f| f.code_list(isu_domain::CodeListId::ProblemAreas)).unwrap();
    let mut out = Vec::new();
    for (i, a) in list.codes.iter().enumerate() {
        for b in &list.codes[i + 1..] {
            out.push((format!("{}+{}", a.code, b.code), format!("{} + {}", a.label.sv, b.label.sv)));
        }
    }
    out
}

async fn a_release_as_json_stat_and_workbook(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 1_500, 21).await;
    let analyst = app.region_analyst_token(REGION).await;
    let release = create_release(&app, &analyst, REGION).await;
    let id = release["id"].as_str().unwrap();
    let reader = app.analyst_token().await;

    // Every table as a dataset equals the JSON table, cell by cell.
    let mut compared = 0;
    let mut hidden = 0;
    for table in release["tables"].as_array().unwrap() {
        let table_id = table["id"].as_str().unwrap();
        let path = format!("/v1/releases/{id}/tables/{table_id}?format=json-stat");
        let dataset = json_stat(&app, &reader, &path).await;
        compared += check_dataset(&dataset, table, true, &[]);
        hidden += dataset["status"].as_object().unwrap().len();
        assert_eq!(dataset["label"], table["title"]["sv"]);
        assert_eq!(dataset["extension"]["table"], table_id);
        assert_eq!(dataset["extension"]["release"]["id"], id);
        assert_eq!(dataset["extension"]["release"]["version"], 1);
        assert_eq!(dataset["extension"]["release"]["scope"], REGION);
        assert_eq!(dataset["extension"]["release"]["year"], 2024);
        assert_eq!(dataset["extension"]["protection"]["k"], 5);
        assert_eq!(dataset["extension"]["protection"]["min_group"], 10);
        assert!(dataset["extension"]["protection"]["name"].as_str().unwrap().contains("suppression"));
        let symbols = dataset["extension"]["symbols"].as_object().unwrap();
        assert!(symbols.contains_key("≤4") && symbols.contains_key(".."), "{symbols:?}");
        for symbol in dataset["status"].as_object().unwrap().values() {
            assert!(symbols.contains_key(symbol.as_str().unwrap()), "every symbol is explained: {symbol}");
        }
    }
    assert!(compared > 1_000 && hidden > 10, "{compared} figures compared, {hidden} hidden");

    // Roles, labels in English, and content negotiation.
    let t1 =
        json_stat(&app, &reader, &format!("/v1/releases/{id}/tables/t1_background?format=json-stat2&lang=en")).await;
    assert_eq!(t1["role"]["geo"], json!(["municipality"]));
    assert_eq!(t1["dimension"]["gender"]["label"], "Gender");
    assert_eq!(t1["dimension"]["gender"]["category"]["label"]["_T"], "Total");
    let negotiated = get_with(&app, &reader, &format!("/v1/releases/{id}/tables/t1_background"), Some(JSON_STAT)).await;
    assert_eq!(negotiated.headers()["content-type"], JSON_STAT);
    let negotiated: Value = negotiated.json().await.unwrap();
    assert_eq!(
        negotiated["value"],
        json_stat(&app, &reader, &format!("/v1/releases/{id}/tables/t1_background?format=json-stat")).await["value"]
    );

    // The whole release as a collection.
    let collection = json_stat(&app, &reader, &format!("/v1/releases/{id}?format=json-stat")).await;
    assert_eq!(collection["class"], "collection");
    let items = collection["link"]["item"].as_array().unwrap();
    assert_eq!(items.len(), release["tables"].as_array().unwrap().len());
    for (item, table) in items.iter().zip(release["tables"].as_array().unwrap()) {
        check_dataset(item, table, true, &[]);
    }

    // The workbook: what the release is, then every table as the JSON has it.
    let file = format!("su-x-{REGION}-2024-v1.xlsx");
    let mut book = workbook(&app, &reader, &format!("/v1/releases/{id}?format=xlsx"), &file).await;
    let names = book.sheet_names();
    let table_ids: Vec<String> =
        release["tables"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(names[0], "Om statistiken");
    assert_eq!(names[1..], table_ids[..]);
    let about = book.worksheet_range("Om statistiken").unwrap();
    let about_text: Vec<String> = about.rows().flat_map(|r| r.iter().map(|c| text_of(Some(c)))).collect();
    for needle in [id, REGION, "2024", "≤4", "..", "Skyddsmetod", "Källa", "Minsta grupp för andelar och medelvärden"]
    {
        assert!(about_text.iter().any(|t| t.contains(needle)), "the first sheet says {needle}");
    }
    let number_after = |label: &str| -> f64 {
        let row = about.rows().find(|r| text_of(r.first()).starts_with(label)).unwrap_or_else(|| panic!("{label}"));
        match &row[1] {
            Data::Float(v) => *v,
            other => panic!("{label}: {other:?} is not a number"),
        }
    };
    assert_eq!(number_after("k "), 5.0);
    assert_eq!(number_after("Version"), 1.0);
    let mut cells = 0;
    for table in release["tables"].as_array().unwrap() {
        cells += check_sheet(&mut book, table, table["title"]["sv"].as_str().unwrap(), true);
    }
    assert!(cells > 1_000, "{cells} cells compared");
    let negotiated = get_with(&app, &reader, &format!("/v1/releases/{id}"), Some(XLSX)).await;
    assert_eq!(negotiated.headers()["content-type"], XLSX);
    assert!(negotiated.bytes().await.unwrap().starts_with(b"PK\x03\x04"));
}

async fn a_comparison_as_json_stat(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 400, 5).await;
    seed(&app, "fou-nordvast", 400, 6).await;
    let admin = app.admin_token().await;
    create_release(&app, &admin, "national").await;
    let reader = app.analyst_token().await;
    let path =
        format!("/v1/compare?table=t1_background&year=2024&scopes={REGION},national,fou-socialtjanst-vasterbotten");
    let comparison: Value = app.get_as(&reader, &path).await.json().await.unwrap();
    let dataset = json_stat(&app, &reader, &format!("{path}&format=json-stat")).await;
    assert_eq!(dataset["id"][0], "scope");
    assert_eq!(dataset["role"]["geo"], json!(["scope", "municipality", "region"]));
    assert_eq!(dataset["extension"]["missing_scopes"], json!(["fou-socialtjanst-vasterbotten"]));
    let entries = comparison["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    for entry in entries {
        let scope = entry["scope"].as_str().unwrap().to_string();
        // The regional table has no region dimension and the national no municipality one: at Total.
        let other = if scope == "national" { "municipality" } else { "region" };
        check_dataset(&dataset, &entry["table"], true, &[("scope", scope.clone()), (other, "_T".into())]);
    }
}

async fn exact_figures_as_json_stat_and_workbook(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 600, 7).await;
    let analyst = app.region_analyst_token(REGION).await;
    let report_path = format!("/v1/reports/su-x?region={REGION}&year=2024");
    let report: Value = app.get_as(&analyst, &report_path).await.json().await.unwrap();

    // One table as a dataset, every table as a collection: the exact figures, no symbols.
    for table in report["tables"].as_array().unwrap() {
        let table_id = table["id"].as_str().unwrap();
        let dataset = json_stat(&app, &analyst, &format!("{report_path}&table={table_id}&format=json-stat")).await;
        let mut table_json = table["table"].clone();
        table_json["id"] = json!(table_id);
        check_dataset(&dataset, &table_json, false, &[]);
        assert_eq!(dataset["extension"]["audience"], "internal");
        assert!(dataset["status"].as_object().unwrap().is_empty(), "exact figures hide nothing");
    }
    let collection = json_stat(&app, &analyst, &format!("{report_path}&format=json-stat")).await;
    assert_eq!(collection["class"], "collection");
    assert_eq!(collection["link"]["item"].as_array().unwrap().len(), report["tables"].as_array().unwrap().len());

    // The workbook: every cell as the JSON.
    let mut book =
        workbook(&app, &analyst, &format!("{report_path}&format=xlsx"), &format!("su-x-{REGION}-2024.xlsx")).await;
    assert_eq!(book.sheet_names()[0], "Om statistiken");
    let about = book.worksheet_range("Om statistiken").unwrap();
    assert!(about.rows().any(|r| text_of(r.get(1)).contains("inte för publicering")), "marked internal");
    let mut cells = 0;
    for table in report["tables"].as_array().unwrap() {
        let mut table_json = table["table"].clone();
        table_json["id"] = table["id"].clone();
        cells += check_sheet(&mut book, &table_json, table["title"]["sv"].as_str().unwrap(), false);
    }
    assert!(cells > 500, "{cells}");

    // Any statistic as a dataset.
    let stats_path = "/v1/stats?group_by=gender,problem_area&measure=children,share,age&year=2024";
    let stats: Value = app.get_as(&analyst, stats_path).await.json().await.unwrap();
    let dataset = json_stat(&app, &analyst, &format!("{stats_path}&format=json-stat")).await;
    let mut table = stats["table"].clone();
    table["id"] = json!("stats");
    check_dataset(&dataset, &table, false, &[]);
    assert_eq!(dataset["extension"]["metadata"]["scope"]["region"], REGION);

    // Exact figures stay refused to every role without exact rights, in every format.
    let unit = app.create_unit("2180", "Enhet").await;
    for token in [app.analyst_token().await, app.vendor_token(&[&unit]).await, app.admin_token().await] {
        for format in ["json-stat", "xlsx", "csv&table=d6_closing_reasons"] {
            expect_problem(app.get_as(&token, &format!("{report_path}&format={format}")).await, 403).await;
        }
        // Statistics: exact refused, the protected dataset served and marked so.
        expect_problem(app.get_as(&token, &format!("{stats_path}&format=json-stat&protection=exact")).await, 403).await;
        let protected = json_stat(&app, &token, &format!("{stats_path}&format=json-stat")).await;
        assert_eq!(protected["extension"]["audience"], "protected");
        assert_eq!(protected["extension"]["metadata"]["protection"]["method"], "cell_key");
    }
    let other_region = app.region_analyst_token("fou-nordvast").await;
    expect_problem(app.get_as(&other_region, &format!("{report_path}&format=xlsx")).await, 403).await;
}

async fn an_unknown_format_names_the_parameter(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 300, 9).await;
    let analyst = app.region_analyst_token(REGION).await;
    let release = create_release(&app, &analyst, REGION).await;
    let id = release["id"].as_str().unwrap();
    for (path, message) in [
        (format!("/v1/releases/{id}/tables/d6_closing_reasons?format=xml"), "json, csv, json-stat"),
        (format!("/v1/releases/{id}/tables/d6_closing_reasons?format=xlsx"), "json, csv, json-stat"),
        (format!("/v1/releases/{id}?format=csv"), "json, json-stat, xlsx"),
        ("/v1/compare?table=d6_closing_reasons&year=2024&scopes=national&format=xlsx".to_string(), "json, json-stat"),
        (format!("/v1/reports/su-x?region={REGION}&year=2024&format=pdf"), "json, csv, json-stat, xlsx"),
        ("/v1/stats?format=parquet".to_string(), "json, csv, json-stat"),
    ] {
        let problem = expect_problem(app.get_as(&analyst, &path).await, 422).await;
        assert_eq!(problem["errors"][0]["pointer"], "query:format", "{path}");
        let said = problem["errors"][0]["message"].as_str().unwrap();
        assert!(said.contains(message), "{path}: {said}");
    }
}

async fn an_unknown_language_names_the_parameter(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 300, 9).await;
    let analyst = app.region_analyst_token(REGION).await;
    let release = create_release(&app, &analyst, REGION).await;
    let id = release["id"].as_str().unwrap();
    for path in [
        format!("/v1/releases/{id}?lang=de"),
        format!("/v1/releases/{id}/tables/d6_closing_reasons?format=csv&lang=de"),
        "/v1/compare?table=d6_closing_reasons&year=2024&scopes=national&lang=de".to_string(),
        format!("/v1/reports/su-x?region={REGION}&year=2024&lang=de"),
        "/v1/stats?measure=children&lang=de".to_string(),
    ] {
        let problem = expect_problem(app.get_as(&analyst, &path).await, 422).await;
        assert_eq!(problem["errors"][0]["pointer"], "query:lang", "{path}: {problem}");
        assert_eq!(problem["errors"][0]["code"], "unknown_value", "{path}");
    }
}

both_backends!(
    a_release_as_json_stat_and_workbook,
    a_comparison_as_json_stat,
    exact_figures_as_json_stat_and_workbook,
    an_unknown_format_names_the_parameter,
    an_unknown_language_names_the_parameter
);
