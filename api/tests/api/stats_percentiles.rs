//! Day percentiles (`p10`, `p90`) in `GET /v1/stats` (issue #15, item 3) and the protection method
//! inside CSV (item 5): exact percentiles equal a hand count by nearest rank and the release's of
//! the same group; protected ones are null under `min_group`, present with noise over it, and the
//! same in every identical query; every CSV carries the columns, and a protected one its method.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};

use crate::helpers::{valid_record, Backend, TestApp};

const REGION: &str = "fou-valfard-gavleborg";
/// Intervention days of the records: 14 girls (at least `min_group`) and 6 boys (fewer).
const GIRLS: [i64; 14] = [30, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 400];
const BOYS: [i64; 6] = [170, 180, 190, 200, 220, 250];
/// Enrolment days are the intervention days and this.
const WAIT: i64 = 10;
const DAYS: &str = "Insatsens längd (dagar)";

/// The 20 records (a multiple of the admission batch, so protected answers count them all).
async fn put_records(app: &TestApp) {
    let unit = app.create_unit("2182", "Percentilerna Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let closed = NaiveDate::from_ymd_opt(2024, 12, 15).unwrap();
    let all = GIRLS.iter().map(|d| ("girl", *d)).chain(BOYS.iter().map(|d| ("boy", *d)));
    for (i, (gender, days)) in all.enumerate() {
        let started = closed - Duration::days(days);
        let mut record = valid_record(&format!("P-{i}"));
        record["gender"] = json!(gender);
        record["problem_areas"] = json!(["school"]);
        record["closed_on"] = json!(closed.to_string());
        record["started_on"] = json!(started.to_string());
        record["referred_on"] = json!((started - Duration::days(WAIT)).to_string());
        let put = app
            .client
            .put(app.url(&format!("/v1/units/{unit}/cases/P-{i}")))
            .bearer_auth(&vendor)
            .json(&record)
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 201, "{}", put.text().await.unwrap());
    }
}

/// The q-quantile by nearest rank, by hand: the value at rank ⌈q·n⌉ (q in tenths).
fn by_hand(values: &[i64], tenths: usize) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted[(tenths * sorted.len()).div_ceil(10) - 1] as f64
}

fn row<'a>(table: &'a Value, gender: Option<&str>) -> &'a Value {
    match gender {
        None => &table["total"],
        Some(g) => table["rows"].as_array().unwrap().iter().find(|r| r["dimensions"]["gender"] == g).unwrap(),
    }
}

const QUERY: &str = "/v1/stats?group_by=gender&measure=children,intervention_days,enrolment_days&year=2024";

async fn exact_percentiles_equal_a_hand_count_and_the_release(backend: Backend) {
    let app = TestApp::start(backend).await;
    put_records(&app).await;
    let analyst = app.region_analyst_token(REGION).await;
    let body: Value = app.get_as(&analyst, QUERY).await.json().await.unwrap();
    assert_eq!(body["metadata"]["audience"], "internal");
    let table = &body["table"];
    let everyone: Vec<i64> = GIRLS.iter().chain(&BOYS).copied().collect();
    for (gender, values) in [(Some("girl"), GIRLS.to_vec()), (Some("boy"), BOYS.to_vec()), (None, everyone.clone())] {
        let days = &row(table, gender)["intervention_days"];
        assert_eq!(days["p10"], json!(by_hand(&values, 1)), "{gender:?}: {days}");
        assert_eq!(days["p90"], json!(by_hand(&values, 9)), "{gender:?}: {days}");
        let waited: Vec<i64> = values.iter().map(|d| d + WAIT).collect();
        let enrolment = &row(table, gender)["enrolment_days"];
        assert_eq!(enrolment["p10"], json!(by_hand(&waited, 1)), "{gender:?}: {enrolment}");
        assert_eq!(enrolment["p90"], json!(by_hand(&waited, 9)), "{gender:?}: {enrolment}");
    }
    // The hand count, spelled out: 20 values, ranks 2 and 18; 6 boys, ranks 1 and 6.
    assert_eq!(
        (row(table, None)["intervention_days"]["p10"].as_f64(), row(table, None)["intervention_days"]["p90"].as_f64()),
        (Some(50.0), Some(220.0))
    );
    assert_eq!(row(table, Some("boy"))["intervention_days"]["p10"], 170.0);

    // The release of the region-year (suppression, percentiles rounded to 10 days: these are
    // multiples of 10) publishes the same percentiles of the same children.
    let response = app
        .client
        .post(app.url("/v1/releases"))
        .bearer_auth(&analyst)
        .json(&json!({"scope": REGION, "year": 2024}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let release: Value = response.json().await.unwrap();
    let tx2 = release["tables"].as_array().unwrap().iter().find(|t| t["id"] == "tx2_days_by_problem").unwrap();
    let published = &tx2["total"]["intervention_days"];
    let exact = &row(table, None)["intervention_days"];
    for part in ["p10", "p90"] {
        assert_eq!(published[part]["status"], "published", "{published}");
        assert_eq!(published[part]["value"], exact[part], "{part}: release {published}, exact {exact}");
    }

    // CSV: the percentile columns after the median, the hand values in the total; exact CSV
    // has no method column.
    let csv = app.get_as(&analyst, &format!("{QUERY}&format=csv")).await.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].contains(&format!("{DAYS} median,{DAYS} p10,{DAYS} p90,{DAYS} min,{DAYS} max")), "{}", lines[0]);
    assert!(!lines[0].contains("Skyddsmetod"), "{}", lines[0]);
    let header: Vec<&str> = lines[0].split(',').collect();
    let total: Vec<&str> = lines.last().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!((total[at(&format!("{DAYS} p10"))], total[at(&format!("{DAYS} p90"))]), ("50", "220"));
    assert_eq!(total[0], "Totalt");

    // A release's CSV names its method in its last column, on every row.
    let location = format!("/v1/releases/{}", release["id"].as_str().unwrap());
    for (lang, header, method) in
        [("sv", "Skyddsmetod", "cellundertryckning"), ("en", "Protection method", "cell suppression")]
    {
        let csv = app
            .get_as(&analyst, &format!("{location}/tables/tx2_days_by_problem?format=csv&lang={lang}"))
            .await
            .text()
            .await
            .unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].ends_with(&format!(",{header}")), "{}", lines[0]);
        assert!(lines[0].contains("p10,") && lines[0].contains("p90,"), "{}", lines[0]);
        assert!(lines[1..].iter().all(|l| l.ends_with(&format!(",{method}"))), "{csv}");
    }
    app.stop().await;
}

async fn protected_percentiles_only_over_min_group_with_noise(backend: Backend) {
    let app = TestApp::start(backend).await;
    put_records(&app).await;
    let analyst = app.region_analyst_token(REGION).await;
    let exact: Value = app.get_as(&analyst, QUERY).await.json().await.unwrap();
    // An analyst (no case-level rights): protected figures.
    let protected_caller = app.analyst_token().await;
    let path = format!("{QUERY}&region={REGION}");
    let first: Value = app.get_as(&protected_caller, &path).await.json().await.unwrap();
    assert_eq!(first["metadata"]["audience"], "protected");
    let min_group = first["metadata"]["protection"]["min_group"].as_u64().unwrap();
    assert_eq!(min_group, 10, "the test's groups are chosen around the default");
    let share = first["metadata"]["protection"]["magnitude_share"].as_f64().unwrap();

    // Under min_group (6 boys): no percentile, as no mean or median; never a minimum or maximum.
    for measure in ["intervention_days", "enrolment_days"] {
        let boys = &row(&first["table"], Some("boy"))[measure];
        for part in ["mean", "median", "p10", "p90", "min", "max"] {
            assert_eq!(boys[part], Value::Null, "{measure}.{part}: {boys}");
        }
    }
    // Over it (14 girls, all 20): present, within the noise's bound of the exact value, and not
    // all equal to it.
    let mut differ = 0;
    for gender in [Some("girl"), None] {
        for (measure, largest) in [("intervention_days", 400.0), ("enrolment_days", 400.0 + WAIT as f64)] {
            let protected = &row(&first["table"], gender)[measure];
            let exact = &row(&exact["table"], gender)[measure];
            let n = exact["n"].as_f64().unwrap();
            assert!(n >= min_group as f64);
            for part in ["p10", "p90"] {
                let value =
                    protected[part].as_f64().unwrap_or_else(|| panic!("{gender:?} {measure}.{part}: {protected}"));
                let truth = exact[part].as_f64().unwrap();
                assert!(
                    (value - truth).abs() <= share * largest / n + 0.05,
                    "{gender:?} {measure}.{part}: {value} vs {truth}"
                );
                assert!(((value * 10.0).round() - value * 10.0).abs() < 1e-6, "one decimal: {value}");
                differ += usize::from(value != truth);
            }
            assert_eq!((protected["min"].clone(), protected["max"].clone()), (Value::Null, Value::Null));
        }
    }
    assert!(differ > 0, "protected percentiles carry noise");

    // The same children, the same figures: a second identical query agrees in every row.
    let second: Value = app.get_as(&protected_caller, &path).await.json().await.unwrap();
    assert_eq!(first["table"], second["table"]);

    // CSV: the percentile columns equal the JSON's; the last column names the method.
    for (lang, header, method) in
        [("sv", "Skyddsmetod", "cellnyckelmetoden"), ("en", "Protection method", "cell-key method")]
    {
        let csv = app.get_as(&protected_caller, &format!("{path}&format=csv&lang={lang}")).await.text().await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].ends_with(&format!(",{header}")), "{}", lines[0]);
        assert!(lines[1..].iter().all(|l| l.ends_with(&format!(",{method}"))), "{csv}");
        if lang == "sv" {
            let columns: Vec<&str> = lines[0].split(',').collect();
            let total: Vec<&str> = lines.last().unwrap().split(',').collect();
            assert_eq!(columns.len(), total.len());
            let at = |name: &str| columns.iter().position(|h| *h == name).unwrap();
            for part in ["p10", "p90"] {
                let json = row(&first["table"], None)["intervention_days"][part].as_f64().unwrap();
                assert_eq!(total[at(&format!("{DAYS} {part}"))].parse::<f64>().unwrap(), json);
            }
            let boys: Vec<&str> = lines.iter().find(|l| l.starts_with("Pojke,")).unwrap().split(',').collect();
            assert_eq!(boys[at(&format!("{DAYS} p10"))], "", "not published: empty");
        }
    }
    app.stop().await;
}

both_backends!(
    exact_percentiles_equal_a_hand_count_and_the_release,
    protected_percentiles_only_over_min_group_with_noise
);
