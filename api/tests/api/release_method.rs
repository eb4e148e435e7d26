//! Releases by either method (issue 15 part 5): a cell-key release perturbs every count with the
//! keys protected statistics use (the same cell has the same value in both), hides no count and
//! publishes none in 1..js; it states its method in every format; `compare` mixes methods; a
//! scope-year keeps one method. The attacker's measure: the information loss of both methods on
//! the same synthetic region-year, printed (`cargo test -p isu-api --test api release_method --
//! --nocapture`), failing if the cell-key release hides anything or publishes a count in 1..js.

use std::collections::BTreeMap;

use crate::helpers::{all_rows, expect_problem, Backend, TestApp};
use isu_core::stats::synthetic::{self, Plan};
use isu_store::keys;
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";
const OTHER_REGION: &str = "fou-nordvast";
const YEAR: i32 = 2024;
/// The default parameters' js and D (`PtableParams::default()`).
const JS: u64 = 4;
const D: u64 = 4;

/// Seeds `n` synthetic records of `YEAR` in `region`, every one counted by protected answers.
async fn seed(app: &TestApp, region: &'static str, n: usize, seed: u64) {
    let today = chrono::NaiveDate::from_ymd_opt(YEAR + 1, 6, 1).unwrap();
    let plan = Plan { cases: n, first_year: YEAR, last_year: YEAR, seed, today };
    app.with_db(move |conn| {
        synthetic::seed(conn, &plan, Some(region)).unwrap();
        // Records waiting for their admission batch are not in protected answers; the methods are
        // compared on the same children.
        keys::admit_all(conn).unwrap();
    })
    .await;
}

async fn create(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url("/v1/releases")).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn created(app: &TestApp, token: &str, body: Value) -> Value {
    let response = create(app, token, body.clone()).await;
    assert_eq!(response.status(), 201, "{body}");
    response.json().await.unwrap()
}

/// The count figures of a release table, by `<dimensions>|<count>`: a cell shown by two tables
/// has one name.
fn release_counts(table: &Value) -> BTreeMap<String, &Value> {
    let mut out = BTreeMap::new();
    for row in all_rows(table) {
        let at = row["dimensions"].to_string();
        for measure in ["children", "alone", "mentions"] {
            if row[measure].is_object() {
                out.insert(format!("{at}|{measure}"), &row[measure]);
            }
        }
        if row["intervention_days"].is_object() {
            out.insert(format!("{at}|days"), &row["intervention_days"]["n"]);
        }
        for pair in row["combinations"].as_array().into_iter().flatten() {
            out.insert(format!("{at}|{}", pair["problem_areas"]), &pair["children"]);
        }
    }
    out
}

/// The same counts of an exact report table (pairs no child names are 0 there by omission).
fn exact_counts(table: &Value) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for row in all_rows(table) {
        let at = row["dimensions"].to_string();
        for measure in ["children", "alone", "mentions"] {
            if let Some(v) = row[measure].as_u64() {
                out.insert(format!("{at}|{measure}"), v);
            }
        }
        if let Some(n) = row["intervention_days"]["n"].as_u64() {
            out.insert(format!("{at}|days"), n);
        }
        for pair in row["combinations"].as_array().into_iter().flatten() {
            out.insert(format!("{at}|{}", pair["problem_areas"]), pair["children"].as_u64().unwrap());
        }
    }
    out
}

/// Checks a cell-key release's figures: every count a number of status `perturbed`, none in
/// 1..js; a derived figure perturbed or not published (null, ".."); no minimum or maximum.
fn check_cell_key_figures(release: &Value) {
    let mut counts = 0;
    for table in release["tables"].as_array().unwrap() {
        for (at, figure) in release_counts(table) {
            assert_eq!(figure["status"], "perturbed", "{} {at}: {figure}", table["id"]);
            let value = figure["value"].as_u64().unwrap_or_else(|| panic!("{} {at}: a count is hidden", table["id"]));
            assert!(value == 0 || value > JS, "{} {at}: the count {value} is in 1..js", table["id"]);
            assert_eq!(figure["display"], value.to_string());
            counts += 1;
        }
        for row in all_rows(table) {
            let derived = [&row["share"], &row["age"]["mean"]].into_iter().chain(
                ["intervention_days", "enrolment_days"]
                    .iter()
                    .flat_map(|d| ["mean", "median", "p10", "p90"].map(|f| &row[*d][f])),
            );
            for figure in derived.filter(|f| f.is_object()) {
                match figure["status"].as_str().unwrap() {
                    "perturbed" => assert!(figure["value"].is_number(), "{figure}"),
                    "suppressed" => assert!(figure["value"].is_null() && figure["display"] == "..", "{figure}"),
                    other => panic!("{}: a derived figure of status {other}", table["id"]),
                }
            }
        }
    }
    assert!(counts > 300, "a release has many counts ({counts})");
    let text = release.to_string();
    assert!(!text.contains("\"min\"") && !text.contains("\"max\""), "no minimum or maximum");
}

async fn a_cell_key_release_perturbs_every_count_as_protected_statistics_do(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 400, 31).await;
    let own = app.region_analyst_token(REGION).await;
    let analyst = app.analyst_token().await;

    // An unknown method names the field.
    let problem =
        expect_problem(create(&app, &own, json!({"scope": REGION, "year": YEAR, "method": "noise"})).await, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/method", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "unknown_method", "{problem}");
    let problem =
        expect_problem(create(&app, &own, json!({"scope": REGION, "year": YEAR, "method": 7})).await, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/method", "{problem}");

    let release = created(&app, &own, json!({"scope": REGION, "year": YEAR, "method": "cell_key"})).await;
    assert_eq!(release["protection_method"], "cell_key");
    let method = &release["cell_key"];
    assert_eq!((method["max_deviation"].as_u64(), method["js"].as_u64()), (Some(D), Some(JS)), "{method}");
    assert_eq!(method["variance"], 3.0);
    assert!(release["method"].as_str().unwrap().contains("cell-key"));
    assert_eq!(
        (release["suppression"]["primary"].as_u64(), release["suppression"]["secondary"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(release["suppression"]["information_loss"]["hidden_nonzero_counts"], 0);
    assert_eq!(release["records"]["status"], "perturbed");
    check_cell_key_figures(&release);
    // Percentiles of large groups are published, with noise, rounded to 10 days.
    let percentiles: Vec<f64> = release["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| all_rows(t).into_iter().cloned().collect::<Vec<Value>>())
        .flat_map(|row| ["p10", "p90"].map(|p| row["intervention_days"][p]["value"].as_f64()))
        .flatten()
        .collect();
    assert!(!percentiles.is_empty(), "no percentile published");
    assert!(percentiles.iter().all(|p| p % 10.0 == 0.0), "{percentiles:?}");

    // The same cell has the same value as the protected flexible query of the same children.
    let mut compared = 0;
    for table in release["tables"].as_array().unwrap() {
        let dims: Vec<&str> = table["group_by"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        let group_by = if dims.is_empty() { String::new() } else { format!("&group_by={}", dims.join(",")) };
        let path = format!("/v1/stats?year={YEAR}&region={REGION}{group_by}&measure=children");
        let response = app.get_as(&analyst, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        let stats: Value = response.json().await.unwrap();
        assert_eq!(stats["metadata"]["audience"], "protected");
        let flexible: BTreeMap<String, u64> = all_rows(&stats["table"])
            .into_iter()
            .map(|row| (row["dimensions"].to_string(), row["children"].as_u64().unwrap()))
            .collect();
        for row in all_rows(table).into_iter().filter(|row| row["children"].is_object()) {
            let at = row["dimensions"].to_string();
            assert_eq!(row["children"]["value"].as_u64(), flexible.get(&at).copied(), "{} {at}", table["id"]);
            compared += 1;
        }
    }
    assert!(compared > 50, "{compared} cells compared");

    // Every format carries the method.
    let location = format!("/v1/releases/{}", release["id"].as_str().unwrap());
    let dataset: Value = app
        .get_as(&analyst, &format!("{location}/tables/d6_closing_reasons?format=json-stat"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dataset["extension"]["protection"]["method"], "cell_key");
    assert_eq!(dataset["extension"]["release"]["method"], "cell_key");
    assert_eq!(dataset["extension"]["protection"]["cell_key"]["max_deviation"], D);
    assert!(dataset["extension"]["symbols"]["~"]["en"].as_str().unwrap().contains("Perturbed"));
    let values = dataset["value"].as_array().unwrap();
    let status = dataset["status"].as_object().unwrap();
    for (i, v) in values.iter().enumerate() {
        if v.is_number() {
            assert_eq!(status[&i.to_string()], "~", "a shown figure of a cell-key release is marked perturbed");
        }
    }
    let csv = app.get_as(&analyst, &format!("{location}/tables/d6_closing_reasons?format=csv")).await;
    assert_eq!(csv.status(), 200);
    let disposition = csv.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("-cell-key"), "{disposition}");
    assert!(!csv.text().await.unwrap().contains('≤'), "no suppression symbol in a cell-key release");
    let workbook = app.get_as(&analyst, &format!("{location}?format=xlsx")).await;
    assert_eq!(workbook.status(), 200);
    assert!(workbook.bytes().await.unwrap().starts_with(b"PK"));
    let page = app.get_as(&analyst, &format!("{location}/report")).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("cellnyckelmetoden"));

    // A scope-year keeps its method: a new version asked by suppression is refused, naming the field.
    let problem =
        expect_problem(create(&app, &own, json!({"scope": REGION, "year": YEAR, "method": "suppression"})).await, 422)
            .await;
    assert_eq!(problem["errors"][0]["pointer"], "/method", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "method_differs_from_earlier_versions", "{problem}");
    // Without a method the new version keeps cell key, and (no child changed) every count keeps its
    // value: the same children, the same keys, the same perturbation.
    let second = created(&app, &own, json!({"scope": REGION, "year": YEAR})).await;
    assert_eq!((second["version"].as_i64(), second["protection_method"].as_str()), (Some(2), Some("cell_key")));
    for (first, again) in release["tables"].as_array().unwrap().iter().zip(second["tables"].as_array().unwrap()) {
        assert_eq!(release_counts(first), release_counts(again), "{}", first["id"]);
    }
    // The rules of versions hold: one child more is refused, as for a release by suppression.
    seed(&app, REGION, 1, 33).await;
    let problem = expect_problem(create(&app, &own, json!({"scope": REGION, "year": YEAR})).await, 422).await;
    assert_eq!(problem["errors"][0]["pointer"], "/scope", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "too_few_changes", "{problem}");
    check_cell_key_figures(&second);
    app.stop().await;
}

async fn compare_and_the_national_release_across_methods(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, REGION, 400, 41).await;
    seed(&app, OTHER_REGION, 400, 42).await;
    let admin = app.admin_token().await;
    let by_key = created(&app, &admin, json!({"scope": REGION, "year": YEAR, "method": "cell_key"})).await;
    // The deployment's default is suppression.
    let by_suppression = created(&app, &admin, json!({"scope": OTHER_REGION, "year": YEAR})).await;
    assert_eq!(by_suppression["protection_method"], "suppression");
    assert!(by_suppression.get("cell_key").is_none());

    let path = format!("/v1/compare?table=d6_closing_reasons&year={YEAR}&scopes={REGION},{OTHER_REGION}");
    let comparison: Value = app.get_as(&admin, &path).await.json().await.unwrap();
    let methods: Vec<&str> =
        comparison["entries"].as_array().unwrap().iter().map(|e| e["protection_method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["cell_key", "suppression"]);
    assert_eq!(
        comparison["entries"][0]["table"],
        by_key["tables"].as_array().unwrap().iter().find(|t| t["id"] == "d6_closing_reasons").unwrap().clone()
    );
    let dataset: Value = app.get_as(&admin, &format!("{path}&format=json-stat")).await.json().await.unwrap();
    let releases: Vec<&str> =
        dataset["extension"]["releases"].as_array().unwrap().iter().map(|r| r["method"].as_str().unwrap()).collect();
    assert_eq!(releases, ["cell_key", "suppression"]);
    let symbols = dataset["extension"]["symbols"].as_object().unwrap();
    assert!(symbols.contains_key("~") && symbols.contains_key("≤4"), "both methods' symbols: {symbols:?}");

    // A national release by suppression cannot aggregate a region released by cell key …
    let problem = expect_problem(
        create(&app, &admin, json!({"scope": "national", "year": YEAR, "method": "suppression"})).await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["pointer"], "/method", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "regional_releases_by_cell_key", "{problem}");
    // … by cell key it is computed directly, and a region's figure in it is the region's own.
    let national = created(&app, &admin, json!({"scope": "national", "year": YEAR, "method": "cell_key"})).await;
    assert_eq!(national["protection_method"], "cell_key");
    check_cell_key_figures(&national);
    // Table 1 is by municipality in a region's release and by region in the national one.
    let national_t1 = national["tables"].as_array().unwrap().iter().find(|t| t["id"] == "t1_background").unwrap();
    let regional_t1 = by_key["tables"].as_array().unwrap().iter().find(|t| t["id"] == "t1_background").unwrap();
    let region_total = all_rows(national_t1)
        .into_iter()
        .find(|row| row["dimensions"] == json!({"region": REGION}))
        .expect("the region's margin in the national release");
    assert_eq!(region_total["children"], regional_t1["total"]["children"], "the same children, the same value");
    app.stop().await;
}

/// Share of the non-zero counts of `release` published exactly, within ±D, and hidden, against
/// the exact report of the same region-year.
fn loss(release: &Value, exact: &Value) -> (usize, f64, f64, f64, Vec<u64>) {
    let exact_tables: BTreeMap<&str, &Value> =
        exact["tables"].as_array().unwrap().iter().map(|t| (t["id"].as_str().unwrap(), &t["table"])).collect();
    let mut distinct: BTreeMap<String, (u64, Option<u64>)> = BTreeMap::new();
    for table in release["tables"].as_array().unwrap() {
        let truth = exact_counts(exact_tables[table["id"].as_str().unwrap()]);
        for (at, figure) in release_counts(table) {
            let true_count = truth.get(&at).copied().unwrap_or(0);
            distinct.insert(at, (true_count, figure["value"].as_u64()));
        }
    }
    let nonzero: Vec<&(u64, Option<u64>)> = distinct.values().filter(|(t, _)| *t > 0).collect();
    let n = nonzero.len();
    let share = |count: usize| count as f64 / n.max(1) as f64;
    let exact_count = nonzero.iter().filter(|(t, p)| *p == Some(*t)).count();
    let within = nonzero.iter().filter(|(t, p)| p.is_some_and(|p| p.abs_diff(*t) <= D)).count();
    let hidden = nonzero.iter().filter(|(_, p)| p.is_none()).count();
    let small: Vec<u64> = distinct.values().filter_map(|(_, p)| *p).filter(|p| (1..=JS).contains(p)).collect();
    (n, share(exact_count), share(within), share(hidden), small)
}

/// The attacker's measure (issue 15 part 6) for releases: the same synthetic region-year (300
/// children, the same plan and seed in two databases) released by each method.
async fn information_loss_of_both_release_methods(backend: Backend) {
    let mut measured = Vec::new();
    for method in ["suppression", "cell_key"] {
        let app = TestApp::start(backend).await;
        seed(&app, REGION, 300, 15).await;
        let own = app.region_analyst_token(REGION).await;
        let release = created(&app, &own, json!({"scope": REGION, "year": YEAR, "method": method})).await;
        let exact: Value =
            app.get_as(&own, &format!("/v1/reports/su-x?region={REGION}&year={YEAR}")).await.json().await.unwrap();
        measured.push((method, loss(&release, &exact)));
        app.stop().await;
    }
    for (method, (n, exact, within, hidden, _)) in &measured {
        println!(
            "[release_method {backend:?}] information loss, region-year of 300 children, {method} release: of {n} \
             distinct non-zero counts {exact:.3} published exactly, {within:.3} within ±{D}, {hidden:.3} hidden"
        );
    }
    let (_, (n, _, within, hidden, small)) = &measured[1];
    assert!(*n > 100, "the cell-key release has {n} non-zero counts");
    assert_eq!(*hidden, 0.0, "a cell-key release hides no count");
    assert_eq!(*within, 1.0, "every count of a cell-key release is within ±D");
    assert!(small.is_empty(), "a cell-key release published counts in 1..js: {small:?}");
    let (_, (_, suppression_exact, _, suppression_hidden, suppression_small)) = &measured[0];
    assert!(suppression_small.is_empty(), "a suppression release published a small count");
    assert!((suppression_exact + suppression_hidden - 1.0).abs() < 1e-9, "suppression: exact or hidden");
}

both_backends!(
    a_cell_key_release_perturbs_every_count_as_protected_statistics_do,
    compare_and_the_national_release_across_methods,
    information_loss_of_both_release_methods,
);
