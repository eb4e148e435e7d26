//! Statistics: every figure of `GET /v1/stats` and `GET /v1/reports/su-x` is checked against a
//! plain, obviously-correct count over the same records (read back through the case API's own
//! path, not the statistics loader), on random data and on the edge cases, on both backends.

use std::collections::{BTreeMap, BTreeSet};

use crate::helpers::clock::today;
use crate::helpers::{expect_problem, Backend, TestApp};
use chrono::{Datelike, NaiveDate};
use isu_core::stats::synthetic::{self, Plan};
use isu_domain::record::ValidRecord;
use isu_store::{cases, coverage, organisation};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";
const CRISIS_METHOD: &str = "krisstod-vid-orosanmalan-om-vald-mot-barn";

/// A stored record with where it belongs.
#[derive(Clone)]
struct Stored {
    unit: String,
    municipality: String,
    record: ValidRecord,
}

async fn seed(app: &TestApp, region: &'static str, n: usize, seed: u64) -> Vec<Stored> {
    let plan = Plan { cases: n, first_year: 2020, last_year: 2025.min(today().year()), seed, today: today() };
    app.with_db(move |conn| {
        synthetic::seed(conn, &plan, Some(region)).unwrap();
        read_back(conn, region)
    })
    .await
}

fn read_back(conn: &mut isu_store::DbConnection, region: &str) -> Vec<Stored> {
    let units = organisation::list_units(conn, None, Some(region)).unwrap();
    let ids: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
    let stored = cases::list(conn, &ids, &cases::CaseFilter::default(), None, 1_000_000).unwrap();
    stored
        .into_iter()
        .map(|c| {
            let municipality = units.iter().find(|u| u.id == c.unit_id).unwrap().municipality_code.clone();
            Stored { unit: c.unit_id, municipality, record: c.record }
        })
        .collect()
}

// ---- the plain implementation -------------------------------------------------------------

/// Every value a record has for a dimension, written out field by field.
fn values_of(s: &Stored, dim: &str) -> Vec<String> {
    let r = &s.record;
    let older = r.form == "su-x-2020";
    let one = |v: &str| vec![v.to_string()];
    match dim {
        "year" => one(&r.closed_on.year().to_string()),
        "region" => one(REGION),
        "municipality" => one(&s.municipality),
        "unit" => one(&s.unit),
        "gender" => one(&r.gender),
        "age_band" => one(match r.age_at_referral {
            0..=5 => "0-5",
            6..=12 => "6-12",
            13..=17 => "13-17",
            _ => "18-20",
        }),
        "birth_background" => one(r.birth_background.as_deref().unwrap_or("not_asked")),
        "previously_active" => one(&r.previously_active),
        "closing_reason" => one(&r.closing_reason),
        "form" => one(&r.form),
        "intervention_type" => one(serde_json::to_value(r.intervention_type).unwrap().as_str().unwrap()),
        "problem_area" => r
            .problem_areas
            .iter()
            .map(|a| if a == "parent_mental_health_or_disability" { "parent_mental_health".into() } else { a.clone() })
            .collect(),
        "intervention" => {
            let mut codes: BTreeSet<String> = r.interventions.iter().cloned().collect();
            if older {
                let crisis = r.manual_methods.iter().filter(|m| m.method_id.as_deref() == Some(CRISIS_METHOD)).count();
                if crisis > 0 {
                    codes.insert("crisis_support".into());
                    if crisis == r.manual_methods.len() {
                        codes.remove("manual_method");
                    }
                }
            }
            codes.into_iter().collect()
        }
        "manual_method" => {
            let mut ids: BTreeSet<String> =
                r.manual_methods.iter().map(|m| m.method_id.clone().unwrap_or_else(|| "unlisted".into())).collect();
            if r.interventions.iter().any(|c| c == "crisis_support") {
                ids.insert(CRISIS_METHOD.into());
            }
            ids.into_iter().collect()
        }
        other => panic!("no such dimension {other}"),
    }
}

fn in_cell(s: &Stored, dims: &BTreeMap<String, String>, filters: &[(&str, Vec<String>)]) -> bool {
    dims.iter().all(|(d, v)| values_of(s, d).contains(v))
        && filters.iter().all(|(d, allowed)| values_of(s, d).iter().any(|v| allowed.contains(v)))
}

fn summary(mut values: Vec<i64>) -> Value {
    if values.is_empty() {
        return json!({"n": 0, "mean": null, "median": null, "p10": null, "p90": null, "min": null, "max": null});
    }
    values.sort();
    let n = values.len();
    let median = if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0 };
    // Nearest rank: the value at rank ⌈q·n⌉ (1-based), in integers (⌈n/10⌉ and ⌈9n/10⌉).
    let (p10, p90) = (values[n.div_ceil(10) - 1] as f64, values[(9 * n).div_ceil(10) - 1] as f64);
    json!({"n": n, "mean": values.iter().sum::<i64>() as f64 / n as f64, "median": median,
           "p10": p10, "p90": p90, "min": values[0], "max": values[n - 1]})
}

/// The expected row for a cell, every measure computed from the records in it.
fn expected_row(
    records: &[Stored],
    dims: &BTreeMap<String, String>,
    filters: &[(&str, Vec<String>)],
    measures: &[&str],
    share_of: Option<&BTreeMap<String, String>>,
) -> Value {
    let cell: Vec<&Stored> = records.iter().filter(|s| in_cell(s, dims, filters)).collect();
    let n = cell.len() as u64;
    let mut row = serde_json::Map::new();
    row.insert("dimensions".into(), json!(dims));
    let areas = |s: &Stored| values_of(s, "problem_area");
    for m in measures {
        let value = match *m {
            "children" => json!(n),
            "share" => match share_of {
                Some(group) => {
                    let d = records.iter().filter(|s| in_cell(s, group, filters)).count();
                    if d == 0 {
                        continue;
                    }
                    json!(n as f64 / d as f64)
                }
                None => continue,
            },
            "mentions" => {
                let by_area = dims.contains_key("problem_area");
                json!(cell.iter().map(|s| if by_area { 1 } else { areas(s).len() as u64 }).sum::<u64>())
            }
            "alone" => json!(cell.iter().filter(|s| areas(s).len() == 1).count()),
            "combinations" => {
                let mut pairs: BTreeMap<(String, String), u64> = BTreeMap::new();
                let order = |code: &str| {
                    isu_domain::forms::get("su-x-2021")
                        .unwrap()
                        .code_list(isu_domain::CodeListId::ProblemAreas)
                        .unwrap()
                        .get(code)
                        .unwrap()
                        .position
                };
                for s in &cell {
                    let mut a = areas(s);
                    a.sort_by_key(|c| order(c));
                    for i in 0..a.len() {
                        for j in i + 1..a.len() {
                            *pairs.entry((a[i].clone(), a[j].clone())).or_default() += 1;
                        }
                    }
                }
                let mut list: Vec<((String, String), u64)> = pairs.into_iter().collect();
                list.sort_by_key(|((a, b), _)| (order(a), order(b)));
                json!(list
                    .into_iter()
                    .map(|((a, b), n)| json!({"problem_areas": [a, b], "children": n}))
                    .collect::<Vec<_>>())
            }
            "intervention_days" => {
                summary(cell.iter().filter_map(|s| s.record.intervention_days.map(i64::from)).collect())
            }
            "enrolment_days" => summary(cell.iter().map(|s| s.record.enrolment_days as i64).collect()),
            "age" => {
                let ages: Vec<i64> = cell.iter().map(|s| s.record.age_at_referral as i64).collect();
                if ages.is_empty() {
                    json!({"mean": null, "min": null, "max": null})
                } else {
                    json!({"mean": ages.iter().sum::<i64>() as f64 / n as f64,
                           "min": ages.iter().min(), "max": ages.iter().max()})
                }
            }
            other => panic!("unexpected measure {other}"),
        };
        row.insert(m.to_string(), value);
    }
    Value::Object(row)
}

/// Floats equal to 1e-9, everything else exactly.
fn same(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9,
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => actual == expected,
    }
}

/// Checks a whole table: the grid is complete, and every row, margin row and the total match.
fn check_table(table: &Value, records: &[Stored], filters: &[(&str, Vec<String>)], context: &str) {
    let group_by: Vec<String> = serde_json::from_value(table["group_by"].clone()).unwrap();
    let measures: Vec<String> = serde_json::from_value(table["measures"].clone()).unwrap();
    let measures: Vec<&str> = measures.iter().map(String::as_str).collect();
    let domain_sizes: Vec<usize> =
        table["dimensions"].as_array().unwrap().iter().map(|d| d["values"].as_array().unwrap().len()).collect();
    let mut all_rows: Vec<(Vec<String>, &Value)> = Vec::new();
    if !group_by.is_empty() {
        let rows = table["rows"].as_array().unwrap();
        assert_eq!(rows.len(), domain_sizes.iter().product::<usize>(), "{context}: the grid is complete");
        all_rows.extend(rows.iter().map(|r| (group_by.clone(), r)));
    }
    let margins = table["margins"].as_array().unwrap();
    assert_eq!(margins.len(), (1usize << group_by.len()).saturating_sub(2), "{context}: every margin");
    for margin in margins {
        let dims: Vec<String> = serde_json::from_value(margin["group_by"].clone()).unwrap();
        all_rows.extend(margin["rows"].as_array().unwrap().iter().map(|r| (dims.clone(), r)));
    }
    all_rows.push((Vec::new(), &table["total"]));
    let last = group_by.last().cloned();
    for (dims, row) in all_rows {
        let key: BTreeMap<String, String> = serde_json::from_value(row["dimensions"].clone()).unwrap();
        assert_eq!(key.len(), dims.len(), "{context}: row keys");
        let share_of = match &last {
            Some(last) if key.contains_key(last) => {
                let mut group = key.clone();
                group.remove(last);
                Some(group)
            }
            _ => None,
        };
        let expected = expected_row(records, &key, filters, &measures, share_of.as_ref());
        assert!(same(row, &expected), "{context}: row {key:?}\n  actual:   {row}\n  expected: {expected}");
    }
}

fn query_string(group_by: &[&str], measures: &[&str], filters: &[(&str, Vec<String>)]) -> String {
    let mut q = format!("/v1/stats?measure={}", measures.join(","));
    if !group_by.is_empty() {
        q.push_str(&format!("&group_by={}", group_by.join(",")));
    }
    for (d, values) in filters {
        q.push_str(&format!("&{d}={}", values.join(",")));
    }
    q
}

const DIMENSIONS: [&str; 14] = [
    "year",
    "region",
    "municipality",
    "unit",
    "gender",
    "age_band",
    "birth_background",
    "previously_active",
    "problem_area",
    "intervention_type",
    "intervention",
    "manual_method",
    "closing_reason",
    "form",
];
const MEASURES: [&str; 8] =
    ["children", "share", "mentions", "alone", "combinations", "intervention_days", "enrolment_days", "age"];

async fn random_queries_match_a_plain_count(backend: Backend) {
    let app = TestApp::start(backend).await;
    let records = seed(&app, REGION, 700, 11).await;
    let token = app.region_analyst_token(REGION).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    for round in 0..24 {
        let width = rng.gen_range(0..=2);
        let group_by: Vec<&str> = DIMENSIONS.choose_multiple(&mut rng, width).copied().collect();
        let how_many = rng.gen_range(1..=4);
        let mut measures: Vec<&str> = MEASURES.choose_multiple(&mut rng, how_many).copied().collect();
        measures.sort_by_key(|m| MEASURES.iter().position(|x| x == m));
        let mut filters: Vec<(&str, Vec<String>)> = Vec::new();
        if rng.gen_bool(0.5) {
            let year = rng.gen_range(2020..=2025).to_string();
            filters.push(("year", vec![year]));
        }
        if rng.gen_bool(0.3) {
            filters.push(("gender", vec!["girl".into(), "other_identity".into()]));
        }
        if rng.gen_bool(0.2) {
            filters.push(("problem_area", vec!["parenting".into()]));
        }
        let path = query_string(&group_by, &measures, &filters);
        let response = app.get_as(&token, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body: Value = response.json().await.unwrap();
        check_table(&body["table"], &records, &filters, &format!("round {round}: {path}"));
        assert_eq!(body["metadata"]["audience"], "internal");
        let counted = records.iter().filter(|s| in_cell(s, &BTreeMap::new(), &filters)).count();
        assert_eq!(body["metadata"]["records"], counted, "{path}");
    }
}

async fn every_report_table_matches_a_plain_count(backend: Backend) {
    let app = TestApp::start(backend).await;
    let records = seed(&app, REGION, 900, 5).await;
    let token = app.region_analyst_token(REGION).await;
    for year in [2020, 2021, 2024] {
        let body: Value =
            app.get_as(&token, &format!("/v1/reports/su-x?region={REGION}&year={year}")).await.json().await.unwrap();
        let ids: Vec<&str> = body["tables"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(ids.contains(&"by_birth_background"), year >= 2021, "{year}: birth background from 2021");
        for id in ["t1_background", "d1_problem_areas", "tx2_days_by_problem", "t2_manual_methods"] {
            assert!(ids.contains(&id), "{year}: {id}");
        }
        let filters = vec![("year", vec![year.to_string()])];
        for table in body["tables"].as_array().unwrap() {
            check_table(&table["table"], &records, &filters, &format!("{year} {}", table["id"]));
        }
        // 2020's records are harmonised, and say so.
        let harmonisation = body["metadata"]["harmonisation"].as_array().unwrap();
        assert_eq!(!harmonisation.is_empty(), year == 2020, "{year}: {}", body["metadata"]);
        if year == 2020 {
            let codes = harmonisation[0]["codes"].as_array().unwrap();
            assert!(codes
                .iter()
                .any(|c| c["from"] == "parent_mental_health_or_disability" && c["to"] == "parent_mental_health"));
        }
    }
    // One municipality only.
    let municipality = records[0].municipality.clone();
    let body: Value = app
        .get_as(&token, &format!("/v1/reports/su-x?region={REGION}&year=2023&municipality={municipality}"))
        .await
        .json()
        .await
        .unwrap();
    let filters = vec![("year", vec!["2023".into()]), ("municipality", vec![municipality.clone()])];
    for table in body["tables"].as_array().unwrap() {
        check_table(&table["table"], &records, &filters, &format!("2023 {municipality} {}", table["id"]));
    }
}

async fn csv_tables_in_swedish_and_english(backend: Backend) {
    let app = TestApp::start(backend).await;
    let records = seed(&app, REGION, 300, 9).await;
    let token = app.region_analyst_token(REGION).await;
    let goals_met =
        records.iter().filter(|s| s.record.closed_on.year() == 2024 && s.record.closing_reason == "goals_met").count();
    let sv = app
        .client
        .get(app.url(&format!("/v1/reports/su-x?region={REGION}&year=2024&table=d6_closing_reasons")))
        .bearer_auth(&token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(sv.status(), 200);
    assert!(sv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = sv.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "Avslutsorsak,Antal barn,Andel");
    let goal_line = text.lines().find(|l| l.starts_with("Målet/målen med insatsen")).unwrap().to_string();
    assert!(goal_line.contains(&format!(",{goals_met},")), "{goal_line}");
    assert!(text.lines().last().unwrap().starts_with("Totalt,"));

    let en = app
        .get_as(
            &token,
            &format!("/v1/reports/su-x?region={REGION}&year=2024&table=d6_closing_reasons&format=csv&lang=en"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(en.lines().next().unwrap(), "Closing reason,Children,Share");
    assert!(en.lines().last().unwrap().starts_with("Total,"));

    // CSV is one table: without `table` it is refused, naming the parameter.
    let problem = expect_problem(
        app.get_as(&token, &format!("/v1/reports/su-x?region={REGION}&year=2024&format=csv")).await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["pointer"], "query:table");
}

async fn edge_cases(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.region_analyst_token(REGION).await;

    // No cases at all: a complete grid of zeros, summaries without values.
    let body: Value = app
        .get_as(&token, "/v1/stats?group_by=gender&measure=children,share,intervention_days,age")
        .await
        .json()
        .await
        .unwrap();
    check_table(&body["table"], &[], &[], "no cases");
    assert_eq!(body["table"]["total"]["children"], 0);
    assert_eq!(body["table"]["total"]["intervention_days"]["median"], Value::Null);

    // One case, never started: no intervention days; its age is min, max and mean.
    let unit = app.create_unit("2182", "Öppenvården Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let never = json!({"age_at_referral": 15, "gender": "boy", "birth_background": "unknown",
        "referred_on": "2024-02-01", "started_on": null, "previously_active": "no",
        "problem_areas": ["school"], "interventions": [], "closed_on": "2024-03-01",
        "closing_reason": "never_started"});
    let put = app
        .client
        .put(app.url(&format!("/v1/units/{unit}/cases/ONE-1")))
        .bearer_auth(&vendor)
        .json(&never)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 201);
    let records = app.with_db(|conn| read_back(conn, REGION)).await;
    assert_eq!(records.len(), 1);
    let body: Value = app
        .get_as(&token, "/v1/stats?group_by=intervention_type&measure=children,intervention_days,enrolment_days,age")
        .await
        .json()
        .await
        .unwrap();
    check_table(&body["table"], &records, &[], "one case");
    assert_eq!(body["table"]["total"]["intervention_days"]["n"], 0);
    assert_eq!(body["table"]["total"]["enrolment_days"]["median"], 29.0);
    assert_eq!(body["table"]["total"]["age"], json!({"mean": 15.0, "min": 15, "max": 15}));

    // A second never-started case: an even number of values, the median between them.
    let mut second = never.clone();
    second["closed_on"] = json!("2024-04-01");
    let put = app
        .client
        .put(app.url(&format!("/v1/units/{unit}/cases/ONE-2")))
        .bearer_auth(&vendor)
        .json(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 201);
    let body: Value = app.get_as(&token, "/v1/stats?measure=enrolment_days").await.json().await.unwrap();
    assert_eq!(body["table"]["total"]["enrolment_days"]["median"], (29.0 + 60.0) / 2.0);
    assert_eq!(body["metadata"]["harmonisation"], json!([]), "only 2021 records: nothing harmonised");

    // Coverage: registered ÷ what the unit reported closing.
    app.with_db({
        let unit = unit.clone();
        move |conn| coverage::put(conn, &unit, 2024, 8, None).unwrap()
    })
    .await;
    let body: Value = app
        .get_as(&token, "/v1/stats?group_by=municipality&measure=coverage&year=2024&municipality=2182")
        .await
        .json()
        .await
        .unwrap();
    let row = &body["table"]["rows"][0];
    assert_eq!(
        row["coverage"],
        json!({"registered": 2, "closed_reported": 8, "registered_of_reporting": 2, "ratio": 0.25})
    );
}

async fn bad_requests_name_the_parameter_and_the_valid_values(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.region_analyst_token(REGION).await;
    let cases = [
        ("/v1/stats?measure=children,avg", "query:measure", "unknown_measure", "intervention_days"),
        ("/v1/stats?group_by=colour", "query:group_by", "unknown_dimension", "problem_area"),
        ("/v1/stats?group_by=", "query:group_by", "empty", "total"),
        ("/v1/stats?group_by=gender,gender", "query:group_by", "duplicate_dimension", "gender"),
        ("/v1/stats?group_by=year,gender,form,unit", "query:group_by", "too_many_dimensions", "3"),
        ("/v1/stats?gender=female", "query:gender", "unknown_value", "girl"),
        ("/v1/stats?municipality=0180", "query:municipality", "unknown_value", "2182"),
        ("/v1/stats?year=2019", "query:year", "unknown_value", "2020"),
        ("/v1/stats?measure=coverage&group_by=gender", "query:group_by", "coverage_dimension", "gender"),
        (
            "/v1/reports/su-x?region=fou-valfard-gavleborg&year=2024&table=t9",
            "query:table",
            "unknown_table",
            "d1_problem_areas",
        ),
        (
            "/v1/reports/su-x?region=fou-valfard-gavleborg&year=2020&table=by_birth_background",
            "query:table",
            "not_in_year",
            "2021",
        ),
        ("/v1/reports/su-x?region=fou-valfard-gavleborg", "query:year", "", ""),
    ];
    for (path, pointer, code, mentions) in cases {
        let problem = expect_problem(app.get_as(&token, path).await, 422).await;
        let error = &problem["errors"][0];
        assert_eq!(error["pointer"], pointer, "{path}: {problem}");
        if !code.is_empty() {
            assert_eq!(error["code"], code, "{path}");
            assert!(error["message"].as_str().unwrap().contains(mentions), "{path}: {error}");
        }
    }
    // Another region's figures are protected (cell-key method), never exact.
    let other: Value = app.get_as(&token, "/v1/stats?region=fou-nordvast").await.json().await.unwrap();
    assert_eq!(other["metadata"]["audience"], "protected");
    expect_problem(app.get_as(&token, "/v1/stats?region=fou-nordvast&protection=exact").await, 403).await;
    expect_problem(app.get_as(&token, "/v1/reports/su-x?region=fou-nordvast&year=2024").await, 403).await;
}

/// Another region's records never reach a region analyst's figures.
async fn figures_cover_only_the_callers_region(backend: Backend) {
    let app = TestApp::start(backend).await;
    let ours = seed(&app, REGION, 120, 1).await;
    let _theirs = seed(&app, "fou-nordvast", 200, 2).await;
    let token = app.region_analyst_token(REGION).await;
    let body: Value = app.get_as(&token, "/v1/stats?group_by=municipality").await.json().await.unwrap();
    assert_eq!(body["table"]["total"]["children"], ours.len());
    check_table(&body["table"], &ours, &[], "own region only");
    let municipalities: Vec<&str> = body["table"]["dimensions"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert!(municipalities.iter().all(|m| m.starts_with("21")), "Gävleborg's municipalities only: {municipalities:?}");
}

/// Figures come from facts cached per scope-year; a write made outside this server (another
/// instance: here, straight through the storage layer) shows at once, whatever kind of write.
async fn cached_figures_follow_writes_made_elsewhere(backend: Backend) {
    let app = TestApp::start(backend).await;
    let records = seed(&app, REGION, 300, 4).await;
    let token = app.region_analyst_token(REGION).await;
    let children = |body: &Value| body["table"]["total"]["children"].as_u64().unwrap();
    let path = "/v1/stats?year=2023,2024&group_by=year";
    let count = |year: i32| records.iter().filter(|s| s.record.closed_on.year() == year).count() as u64;
    let first: Value = app.get_as(&token, path).await.json().await.unwrap();
    assert_eq!(children(&first), count(2023) + count(2024));

    let template = records.iter().find(|s| s.record.closed_on.year() == 2024).unwrap().clone();
    let mut added = template.record.clone();
    added.case_ref = "ELSEWHERE-1".into();
    let unit = template.unit.clone();
    let write = |record: ValidRecord| {
        let unit = unit.clone();
        move |conn: &mut isu_store::DbConnection| {
            cases::put(conn, &unit, &record, cases::Precondition::None).unwrap();
        }
    };
    app.with_db(write(added.clone())).await;
    let body: Value = app.get_as(&token, path).await.json().await.unwrap();
    assert_eq!(children(&body), count(2023) + count(2024) + 1, "an insert shows");
    assert_eq!(body["table"]["rows"][1]["children"], count(2024) + 1, "{}", body["table"]["rows"]);

    // A correction moving the record to 2023: both years change.
    let mut moved = added.clone();
    moved.closed_on = NaiveDate::from_ymd_opt(2023, 12, 30).unwrap();
    moved.enrolment_days = (moved.closed_on - moved.referred_on).num_days() as i32;
    moved.intervention_days = moved.started_on.map(|s| (moved.closed_on - s).num_days() as i32);
    if moved.referred_on <= moved.closed_on && moved.started_on.is_none_or(|s| s <= moved.closed_on) {
        app.with_db(write(moved)).await;
        let body: Value = app.get_as(&token, path).await.json().await.unwrap();
        assert_eq!(body["table"]["rows"][0]["children"], count(2023) + 1, "the new year gains it");
        assert_eq!(body["table"]["rows"][1]["children"], count(2024), "the old year loses it");
    }

    // Erasure.
    let unit = template.unit.clone();
    app.with_db(move |conn| assert!(cases::delete(conn, &unit, "ELSEWHERE-1").unwrap())).await;
    let body: Value = app.get_as(&token, path).await.json().await.unwrap();
    assert_eq!(children(&body), count(2023) + count(2024), "an erasure shows");

    // Reported closures (coverage).
    let unit = template.unit.clone();
    app.with_db(move |conn| coverage::put(conn, &unit, 2024, 1_000, None).unwrap()).await;
    let body: Value = app.get_as(&token, "/v1/stats?year=2024&measure=coverage").await.json().await.unwrap();
    assert_eq!(body["table"]["total"]["coverage"]["closed_reported"], 1_000);
}

/// A query after a write re-reads only the unit-years whose counters moved: a change made behind
/// the counters' back in another unit stays unseen (proof that unit was not read again), while the
/// write's own unit-year shows at once; a fresh cache sees both.
async fn a_write_re_reads_only_the_unit_years_it_touched(backend: Backend) {
    use diesel::RunQueryDsl;
    use isu_core::stats::cache::FactCache;
    use isu_core::stats::snapshot;
    use isu_store::stats::ScopeRequest;
    const YEAR: i32 = 2024;
    let app = TestApp::start(backend).await;
    let records = seed(&app, REGION, 400, 5).await;
    let in_year: Vec<&Stored> = records.iter().filter(|s| s.record.closed_on.year() == YEAR).collect();
    let silent = in_year[0].clone();
    let written = in_year.iter().find(|s| s.unit != silent.unit).copied().unwrap().clone();
    let counted = app
        .with_db(move |conn| {
            let cache = FactCache::new(1_000_000);
            let scope = ScopeRequest::Region(REGION.into());
            let count = |conn: &mut isu_store::DbConnection, cache: &FactCache| {
                let snap = snapshot::load(conn, &scope, (YEAR, YEAR), YEAR, cache).unwrap().unwrap();
                snap.facts().iter().map(|f| f.len()).sum::<usize>()
            };
            let before = count(conn, &cache);
            // Behind the counters' back: one record of the first unit leaves the year.
            let moved = diesel::sql_query(format!(
                "UPDATE cases SET closed_on = '{}-06-01' WHERE unit_id = '{}' AND case_ref = '{}'",
                YEAR - 1,
                silent.unit,
                silent.record.case_ref
            ))
            .execute(conn)
            .unwrap();
            assert_eq!(moved, 1);
            let mut added = written.record.clone();
            added.case_ref = "INCREMENTAL-1".into();
            cases::put(conn, &written.unit, &added, cases::Precondition::None).unwrap();
            (before, count(conn, &cache), count(conn, &FactCache::new(1_000_000)))
        })
        .await;
    assert_eq!(counted.0, in_year.len());
    assert_eq!(counted.1, in_year.len() + 1, "the written unit-year re-read, the other unit's facts kept");
    assert_eq!(counted.2, in_year.len(), "a fresh read sees both changes");
}

both_backends!(
    a_write_re_reads_only_the_unit_years_it_touched,
    cached_figures_follow_writes_made_elsewhere,
    random_queries_match_a_plain_count,
    every_report_table_matches_a_plain_count,
    csv_tables_in_swedish_and_english,
    edge_cases,
    bad_requests_name_the_parameter_and_the_valid_values,
    figures_cover_only_the_callers_region,
);
