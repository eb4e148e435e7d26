//! Protected statistics by the cell-key method (issue 15): record keys follow their records, every
//! role gets protected figures of any scope, and the attacker of issue 15 part 6 — averaging,
//! differencing over pairs of answers whose populations differ by one child, small counts — does
//! no better than the stated bound. Real HTTP, real signed tokens, both backends.
//!
//! Figures are printed (`cargo test -p isu-api --test api cellkey -- --nocapture`).

use std::collections::BTreeMap;

use crate::helpers::{all_rows, expect_problem, Backend, TestApp};
use isu_core::stats::report::SU_X_TABLES;
use isu_core::stats::synthetic::{self, Plan};
use isu_domain::record::ValidRecord;
use isu_http::auth::Role;
use isu_store::{cases, keys, organisation};
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";
const OTHER_REGION: &str = "fou-nordvast";
const YEAR: i32 = 2024;
/// The default parameters' js and D (`PtableParams::default()`).
const JS: u64 = 4;
const D: u64 = 4;
const GENDERS: [&str; 3] = ["girl", "boy", "other_identity"];

/// Seeds `n` synthetic records of `YEAR` in the region; returns them with their units.
async fn seed(app: &TestApp, n: usize, seed: u64) -> Vec<(String, ValidRecord)> {
    let today = chrono::NaiveDate::from_ymd_opt(YEAR + 1, 6, 1).unwrap();
    let plan = Plan { cases: n, first_year: YEAR, last_year: YEAR, seed, today };
    app.with_db(move |conn| {
        synthetic::seed(conn, &plan, Some(REGION)).unwrap();
        let units = organisation::list_units(conn, None, Some(REGION)).unwrap();
        let ids: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
        cases::list(conn, &ids, &cases::CaseFilter::default(), None, 1_000_000)
            .unwrap()
            .into_iter()
            .map(|c| (c.unit_id, c.record))
            .collect()
    })
    .await
}

async fn stats(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.get_as(token, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// The `children` of the row whose dimensions are exactly `dims`, among the cells and margins.
fn children_at(table: &Value, dims: &[(&str, &str)]) -> u64 {
    let wanted: BTreeMap<String, String> = dims.iter().map(|(d, v)| (d.to_string(), v.to_string())).collect();
    all_rows(table)
        .into_iter()
        .find(|row| {
            let have: BTreeMap<String, String> = row["dimensions"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            have == wanted
        })
        .unwrap_or_else(|| panic!("no row {wanted:?}"))["children"]
        .as_u64()
        .unwrap()
}

/// Every published count of a table.
fn counts(table: &Value) -> Vec<u64> {
    let mut out = Vec::new();
    for row in all_rows(table) {
        for measure in ["children", "alone", "mentions"] {
            out.extend(row[measure].as_u64());
        }
        for days in ["intervention_days", "enrolment_days"] {
            out.extend(row[days]["n"].as_u64());
        }
        for pair in row["combinations"].as_array().into_iter().flatten() {
            out.extend(pair["children"].as_u64());
        }
    }
    out
}

// ---- record keys ---------------------------------------------------------------------------------

async fn record_keys_follow_their_records(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2180", "Nyckelenheten").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let record = crate::helpers::valid_record("K-1");
    let put = |body: Value| {
        let (app, vendor, unit) = (&app, &vendor, &unit);
        async move {
            app.client
                .put(app.url(&format!("/v1/units/{unit}/cases/K-1")))
                .bearer_auth(vendor)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let created = put(record.clone()).await;
    assert_eq!(created.status(), 201);
    let created_body = created.text().await.unwrap();
    let lookup = unit.clone();
    let case_id = app.with_db(move |conn| cases::get(conn, &lookup, "K-1").unwrap().unwrap().id).await;
    let id = case_id.clone();
    let key = app.with_db(move |conn| keys::of_case(conn, &id).unwrap()).await.expect("a key at creation");
    assert!(!created_body.contains(&key.to_string()), "the key never leaves the server");

    // A replacement keeps the key.
    let mut replaced = record.clone();
    replaced["comment"] = json!("ändrad");
    let response = put(replaced).await;
    assert_eq!(response.status(), 200);
    let read = app.get_as(&vendor, &format!("/v1/units/{unit}/cases/K-1")).await.text().await.unwrap();
    assert!(!read.contains(&key.to_string()));
    let id = case_id.clone();
    assert_eq!(app.with_db(move |conn| keys::of_case(conn, &id).unwrap()).await, Some(key), "kept on replace");

    // Bulk loads write keys; records without one (stored before the migration) get one at start.
    seed(&app, 40, 3).await;
    let (missing, given) = app
        .with_db(|conn| {
            use diesel::RunQueryDsl;
            let count_missing = |conn: &mut isu_store::DbConnection| {
                #[derive(diesel::QueryableByName)]
                struct Count {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                diesel::sql_query("SELECT COUNT(*) AS n FROM cases WHERE id NOT IN (SELECT case_id FROM case_keys)")
                    .get_result::<Count>(conn)
                    .unwrap()
                    .n
            };
            let after_seed = count_missing(conn);
            diesel::sql_query("DELETE FROM case_keys").execute(conn).unwrap();
            let given = keys::backfill(conn).unwrap();
            assert_eq!(count_missing(conn), 0);
            (after_seed, given)
        })
        .await;
    assert_eq!(missing, 0, "the bulk loader wrote every key");
    assert_eq!(given, 41, "the backfill gave every record a key");

    // Erasure removes the key.
    let erased =
        app.client.delete(app.url(&format!("/v1/units/{unit}/cases/K-1"))).bearer_auth(&vendor).send().await.unwrap();
    assert_eq!(erased.status(), 204);
    let id = case_id.clone();
    assert_eq!(app.with_db(move |conn| keys::of_case(conn, &id).unwrap()).await, None, "removed on erasure");
    app.stop().await;
}

// ---- who gets what -------------------------------------------------------------------------------

async fn every_role_gets_protected_figures_of_any_scope(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 300, 11).await;
    let unit = app.create_unit("2180", "Leverantörens enhet").await;
    let tokens = [
        ("analyst", app.analyst_token().await),
        ("admin", app.admin_token().await),
        ("vendor", app.vendor_token(&[&unit]).await),
        ("registrar", app.token_for(Role::Registrar, &[&unit], &[], None).await),
    ];
    let path =
        format!("/v1/stats?year={YEAR}&group_by=gender,problem_area&measure=children,share,age,intervention_days");
    for scope in
        ["", "&region=fou-valfard-gavleborg", "&municipality=2180", "&region=fou-valfard-gavleborg,fou-nordvast"]
    {
        for (who, token) in &tokens {
            let body = stats(&app, token, &format!("{path}{scope}")).await;
            let metadata = &body["metadata"];
            assert_eq!(metadata["audience"], "protected", "{who} {scope}");
            assert_eq!(metadata["protection"]["method"], "cell_key");
            assert_eq!(metadata["protection"]["js"], JS);
            assert_eq!(metadata["protection"]["max_deviation"], D);
            for row in all_rows(&body["table"]) {
                assert!(row["age"]["min"].is_null() && row["age"]["max"].is_null(), "never raw min/max");
                assert!(row["intervention_days"]["min"].is_null() && row["intervention_days"]["max"].is_null());
                let share = row["share"].as_f64();
                assert!(share.is_none_or(|s| (0.0..=1.0).contains(&s)));
            }
            let text = body.to_string();
            assert!(!text.contains("record_key") && !text.contains("cell_key\":\""), "keys stay secret");
        }
    }
    // Another region's analyst: protected figures of this region (its own stay exact).
    let other_analyst = app.region_analyst_token(OTHER_REGION).await;
    let body = stats(&app, &other_analyst, &format!("{path}&region={REGION}")).await;
    assert_eq!(body["metadata"]["audience"], "protected");
    let analyst = &tokens[0].1;
    let body = stats(&app, analyst, &format!("/v1/stats?year={YEAR}")).await;
    assert_eq!(body["metadata"]["scope"]["region"], "national");
    let body = stats(&app, analyst, &format!("/v1/stats?year={YEAR}&region={REGION}")).await;
    assert_eq!(body["metadata"]["scope"]["region"], REGION);

    // The region analyst: exact for its own region by default, protected when asked or elsewhere.
    let own = app.region_analyst_token(REGION).await;
    let exact = stats(&app, &own, &format!("/v1/stats?year={YEAR}")).await;
    assert_eq!(exact["metadata"]["audience"], "internal");
    assert!(exact["metadata"].get("protection").is_none());
    let asked = stats(&app, &own, &format!("/v1/stats?year={YEAR}&protection=cell_key")).await;
    assert_eq!(asked["metadata"]["audience"], "protected");
    let elsewhere = stats(&app, &own, &format!("/v1/stats?year={YEAR}&region={OTHER_REGION}")).await;
    assert_eq!(elsewhere["metadata"]["audience"], "protected");
    expect_problem(app.get_as(analyst, "/v1/stats?protection=exact").await, 403).await;
    expect_problem(app.get_as(&own, &format!("/v1/stats?protection=exact&region={OTHER_REGION}")).await, 403).await;

    // Bad input: problem+json naming the field.
    for (query, pointer) in [
        ("region=atlantis", "query:region"),
        ("problem_area=school,substance_use", "query:problem_area"),
        ("measure=coverage", "query:measure"),
        ("protection=rounded", "query:protection"),
    ] {
        let problem = expect_problem(app.get_as(analyst, &format!("/v1/stats?{query}")).await, 422).await;
        assert!(problem.to_string().contains(pointer), "{query}: {problem}");
    }
    app.stop().await;
}

// ---- the attacker ------------------------------------------------------------------------------

/// (c) No published count is 1..js, over every kind of count and many breakdowns and filters.
/// (a) Averaging: the same children asked through different queries, scopes and instances give
/// the same figure, so averaging answers gives nothing new.
async fn no_small_counts_and_averaging_gives_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 400, 12).await;
    let analyst = app.analyst_token().await;
    let mut seen = 0;
    for group_by in [
        "gender",
        "gender,problem_area",
        "unit,closing_reason",
        "age_band,intervention_type,gender",
        "municipality,problem_area",
    ] {
        for filter in ["", "&gender=girl", "&age_band=13-17,6-12", "&municipality=2180,2182", "&problem_area=school"] {
            let path = format!(
                "/v1/stats?year={YEAR}&region={REGION}&group_by={group_by}&measure=children,alone,mentions,combinations,intervention_days,enrolment_days{filter}"
            );
            let body = stats(&app, &analyst, &path).await;
            for count in counts(&body["table"]) {
                assert!(count == 0 || count > JS, "{path}: a published {count}");
                seen += 1;
            }
        }
    }
    println!("[cellkey {backend:?}] small counts: {seen} published counts, none in 1..{JS}");

    // The girls of the region in 2024, through six different questions and a second instance.
    let ask = |path: String| {
        let (app, analyst) = (&app, &analyst);
        async move { stats(app, analyst, &path).await }
    };
    let base = format!("/v1/stats?year={YEAR}");
    let answers = vec![
        children_at(&ask(format!("{base}&region={REGION}&group_by=gender")).await["table"], &[("gender", "girl")]),
        children_at(
            &ask(format!("{base}&region={REGION}&group_by=gender,problem_area")).await["table"],
            &[("gender", "girl")],
        ),
        children_at(
            &ask(format!("{base}&region={REGION}&group_by=age_band,gender")).await["table"],
            &[("gender", "girl")],
        ),
        ask(format!("{base}&region={REGION}&gender=girl")).await["table"]["total"]["children"].as_u64().unwrap(),
        children_at(
            &ask(format!("{base}&group_by=region,gender")).await["table"],
            &[("region", REGION), ("gender", "girl")],
        ),
        children_at(
            &ask(format!("{base}&region={REGION},{OTHER_REGION}&group_by=gender")).await["table"],
            &[("gender", "girl")],
        ),
    ];
    let other = app.another_instance(Default::default()).await;
    let again = stats(&other, &analyst, &format!("{base}&region={REGION}&group_by=gender")).await;
    let mut all = answers.clone();
    all.push(children_at(&again["table"], &[("gender", "girl")]));
    println!("[cellkey {backend:?}] averaging: the girls' count asked seven ways: {all:?}");
    assert!(all.iter().all(|a| *a == all[0]), "the same children, the same figure: {all:?}");
    other.stop().await;
    app.stop().await;
}

/// The attacker's guess of a child's gender from per-gender differences: the gender whose figure
/// rose most, when one rose; else the commonest gender of the published base table.
fn guess(differences: &BTreeMap<&str, i64>, fallback: &str) -> String {
    match differences.iter().max_by_key(|(g, d)| (**d, std::cmp::Reverse(**g))) {
        Some((g, d)) if *d > 0 => g.to_string(),
        _ => fallback.to_string(),
    }
}

/// The bound: a one-child part is published non-zero with probability p₁ = 1/(js+1) (the
/// perturbation table's row 1: −1 or +js with mean 0), and then shows the child's cell; otherwise
/// the attacker can do no better than the prior (`prior` = share of the commonest gender among the
/// targets). Plus three standard errors of a rate over `m` targets.
fn bound(prior: f64, m: usize) -> (f64, f64) {
    let p1 = 1.0 / (JS as f64 + 1.0);
    let expected = p1 + (1.0 - p1) * prior;
    (expected, expected + 3.0 * (expected * (1.0 - expected) / m as f64).sqrt())
}

/// (b) Differencing over many pairs of answers whose populations differ by exactly one child:
/// by a filter (one unit more) and by a breakdown (the margin against the other units' cells, and
/// the one-child row itself). The attacker's success rate must stay under the bound.
async fn differencing_does_no_better_than_the_bound(backend: Backend) {
    let app = TestApp::start(backend).await;
    let seeded = seed(&app, 300, 13).await;
    let analyst = app.analyst_token().await;
    // The largest unit is the attacker's base population.
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for (unit, _) in &seeded {
        *sizes.entry(unit.as_str()).or_default() += 1;
    }
    let base_unit = sizes.iter().max_by_key(|(_, n)| **n).map(|(u, _)| u.to_string()).unwrap();
    // Targets: one child each in a unit of its own, copied from the seeded children.
    let m = 60;
    let mut targets = Vec::new();
    for i in 0..m {
        let unit = app.create_unit("2180", &format!("Målenhet {i:02}")).await;
        let mut record = seeded[(i * 7) % seeded.len()].1.clone();
        record.case_ref = format!("TARGET-{i}");
        targets.push((unit, record));
    }
    let rows = targets.clone();
    // One record alone waits for its unit-year's batch; admitted here so that the filter and
    // breakdown defences are measured on one-child populations that are counted.
    app.with_db(move |conn| {
        cases::insert_many(conn, &rows).unwrap();
        keys::admit_all(conn).unwrap()
    })
    .await;
    let prior = GENDERS
        .iter()
        .map(|g| targets.iter().filter(|(_, r)| r.gender == *g).count() as f64 / m as f64)
        .fold(0.0, f64::max);
    let (expected, limit) = bound(prior, m);

    let per_gender = |table: &Value, extra: &[(&str, &str)]| -> BTreeMap<&'static str, i64> {
        GENDERS
            .iter()
            .map(|g| {
                let mut dims = extra.to_vec();
                dims.push(("gender", g));
                (*g, children_at(table, &dims) as i64)
            })
            .collect()
    };
    let base_path = format!("/v1/stats?year={YEAR}&region={REGION}&group_by=gender");
    let without = stats(&app, &analyst, &format!("{base_path}&unit={base_unit}")).await;
    let without = per_gender(&without["table"], &[]);
    let fallback = without.iter().max_by_key(|(_, n)| **n).map(|(g, _)| g.to_string()).unwrap();

    // By a filter: the base unit, then the base unit and the target's unit.
    let mut filter_hits = 0;
    for (unit, record) in &targets {
        let with = stats(&app, &analyst, &format!("{base_path}&unit={base_unit},{unit}")).await;
        let with = per_gender(&with["table"], &[]);
        let differences: BTreeMap<&str, i64> = GENDERS.iter().map(|g| (*g, with[g] - without[g])).collect();
        filter_hits += usize::from(guess(&differences, &fallback) == record.gender);
    }

    // By a breakdown: every unit's row and the gender margin, in one answer.
    let table = stats(&app, &analyst, &format!("/v1/stats?year={YEAR}&region={REGION}&group_by=unit,gender")).await;
    let table = &table["table"];
    let units: Vec<String> = table["dimensions"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    let margin = per_gender(table, &[]);
    let cells: BTreeMap<&str, BTreeMap<&str, i64>> =
        units.iter().map(|u| (u.as_str(), per_gender(table, &[("unit", u)]))).collect();
    let (mut margin_hits, mut row_hits) = (0, 0);
    for (unit, record) in &targets {
        let differences: BTreeMap<&str, i64> = GENDERS
            .iter()
            .map(|g| {
                let others: i64 = cells.iter().filter(|(u, _)| **u != unit.as_str()).map(|(_, c)| c[g]).sum();
                (*g, margin[g] - others)
            })
            .collect();
        margin_hits += usize::from(guess(&differences, &fallback) == record.gender);
        row_hits += usize::from(guess(&cells[unit.as_str()], &fallback) == record.gender);
    }
    let rate = |hits: usize| hits as f64 / m as f64;
    println!(
        "[cellkey {backend:?}] differencing over {m} one-child pairs: filter {:.3}, breakdown margin {:.3}, \
         one-child row {:.3}; bound {expected:.3} (p1 = {:.3}, prior {prior:.3}), test limit {limit:.3}; an exact \
         answer would give 1.000",
        rate(filter_hits),
        rate(margin_hits),
        rate(row_hits),
        1.0 / (JS as f64 + 1.0)
    );
    for (what, hits) in [("filter", filter_hits), ("breakdown margin", margin_hits), ("one-child row", row_hits)] {
        assert!(rate(hits) <= limit, "{what}: the attacker guessed {hits} of {m}, above the bound {limit:.3}");
    }
    app.stop().await;
}

/// (b) by new data: the same question before and after one record is added (the attacker
/// watched that child arrive). New records enter protected statistics only in batches of
/// `ADMISSION_BATCH` per unit-year (decision 0008), so the answers before and after one arrival
/// are equal, or differ by a whole batch.
async fn differencing_by_new_data_does_no_better_than_the_bound(backend: Backend) {
    let app = TestApp::start(backend).await;
    let seeded = seed(&app, 300, 14).await;
    app.with_db(|conn| keys::admit_all(conn).unwrap()).await;
    let analyst = app.analyst_token().await;
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for (unit, _) in &seeded {
        *sizes.entry(unit.as_str()).or_default() += 1;
    }
    let unit = sizes.iter().max_by_key(|(_, n)| **n).map(|(u, _)| u.to_string()).unwrap();
    let m = 60;
    let path = format!("/v1/stats?year={YEAR}&region={REGION}&group_by=gender");
    let (mut hits, mut changed_answers) = (0, 0);
    let mut genders = BTreeMap::<String, usize>::new();
    for i in 0..m {
        let before = stats(&app, &analyst, &path).await;
        let before: BTreeMap<&str, i64> =
            GENDERS.iter().map(|g| (*g, children_at(&before["table"], &[("gender", g)]) as i64)).collect();
        let mut record = seeded[(i * 11) % seeded.len()].1.clone();
        record.case_ref = format!("NEW-{i}");
        *genders.entry(record.gender.clone()).or_default() += 1;
        let gender = record.gender.clone();
        let target = unit.clone();
        app.with_db(move |conn| cases::insert_many(conn, &[(target, record)]).unwrap()).await;
        let after = stats(&app, &analyst, &path).await;
        let differences: BTreeMap<&str, i64> =
            GENDERS.iter().map(|g| (*g, children_at(&after["table"], &[("gender", g)]) as i64 - before[g])).collect();
        let fallback = before.iter().max_by_key(|(_, n)| **n).map(|(g, _)| g.to_string()).unwrap();
        // A changed figure points at the child (up or down: the cell got a new key).
        let changed: Vec<&str> = differences.iter().filter(|(_, d)| **d != 0).map(|(g, _)| *g).collect();
        changed_answers += usize::from(!changed.is_empty());
        let guessed = if changed.len() == 1 { changed[0].to_string() } else { guess(&differences, &fallback) };
        hits += usize::from(guessed == gender);
    }
    let prior = genders.values().copied().max().unwrap_or(0) as f64 / m as f64;
    let (expected, limit) = bound(prior, m);
    println!(
        "[cellkey {backend:?}] differencing by new data over {m} arrivals: {:.3} ({changed_answers} answers changed); \
         bound {expected:.3}, test limit {limit:.3}",
        hits as f64 / m as f64
    );
    assert!(hits as f64 / m as f64 <= limit, "the attacker guessed {hits} of {m}");
    assert!(changed_answers <= m / isu_store::keys::ADMISSION_BATCH + 1, "answers follow batches only");
    app.stop().await;
}

async fn held_count(app: &TestApp) -> i64 {
    app.with_db(|conn| keys::held_count(conn).unwrap()).await
}

/// Corrections reach protected answers in batches too (issue 15 part 4, decision 0008): a
/// replaced record is still counted as it was until its unit-year has a batch of changes waiting,
/// so an attacker who watched one correction sees no difference; exact answers follow at once.
/// A correction undone before its batch leaves nothing held, and erasure takes effect at once.
async fn corrections_reach_protected_answers_in_batches(backend: Backend) {
    let app = TestApp::start(backend).await;
    let seeded = seed(&app, 300, 16).await;
    app.with_db(|conn| keys::admit_all(conn).unwrap()).await;
    let analyst = app.analyst_token().await;
    let own = app.region_analyst_token(REGION).await;
    let path = format!("/v1/stats?year={YEAR}&region={REGION}&group_by=gender");
    let protected_before = stats(&app, &analyst, &path).await["table"].clone();
    let exact_boys_before = children_at(&stats(&app, &own, &path).await["table"], &[("gender", "boy")]);
    let batch = keys::ADMISSION_BATCH;
    let mut girls_by_unit: BTreeMap<&str, Vec<&ValidRecord>> = BTreeMap::new();
    for (unit, record) in seeded.iter().filter(|(_, record)| record.gender == "girl") {
        girls_by_unit.entry(unit.as_str()).or_default().push(record);
    }
    let (unit, girls) =
        girls_by_unit.into_iter().find(|(_, girls)| girls.len() >= batch).expect("a unit with a batch of girls");
    for (i, girl) in girls.iter().take(batch).enumerate() {
        let mut corrected = (*girl).clone();
        corrected.gender = "boy".into();
        let target = unit.to_string();
        app.with_db(move |conn| cases::put(conn, &target, &corrected, cases::Precondition::None).unwrap()).await;
        let exact = stats(&app, &own, &path).await;
        assert_eq!(
            children_at(&exact["table"], &[("gender", "boy")]),
            exact_boys_before + i as u64 + 1,
            "exact answers count the correction at once"
        );
        let protected = stats(&app, &analyst, &path).await["table"].clone();
        if i + 1 < batch {
            assert_eq!(protected, protected_before, "correction {} shows before its batch", i + 1);
            assert_eq!(held_count(&app).await, i as i64 + 1);
        } else {
            // Ten girls fewer and ten boys more: a perturbation of at most ±D on each side cannot
            // hide a change of ten.
            let boys = |table: &Value| children_at(table, &[("gender", "boy")]) as i64;
            assert!(boys(&protected) - boys(&protected_before) >= 10 - 2 * D as i64, "the batch shows");
            assert_eq!(held_count(&app).await, 0, "the batch's copies are dropped");
        }
    }

    // Undone before its batch: nothing held, nothing shown.
    let (other_unit, boy) = seeded.iter().find(|(u, r)| u != unit && r.gender == "boy").expect("a boy elsewhere");
    let protected_now = stats(&app, &analyst, &path).await["table"].clone();
    let mut corrected = boy.clone();
    corrected.gender = "girl".into();
    let (target, record) = (other_unit.clone(), corrected.clone());
    app.with_db(move |conn| cases::put(conn, &target, &record, cases::Precondition::None).unwrap()).await;
    assert_eq!(held_count(&app).await, 1);
    let (target, record) = (other_unit.clone(), boy.clone());
    app.with_db(move |conn| cases::put(conn, &target, &record, cases::Precondition::None).unwrap()).await;
    assert_eq!(held_count(&app).await, 0, "the correction was undone");
    assert_eq!(stats(&app, &analyst, &path).await["table"], protected_now);

    // Erasure takes the record and its held copy at once (the law wants it gone).
    let (target, record) = (other_unit.clone(), corrected);
    app.with_db(move |conn| cases::put(conn, &target, &record, cases::Precondition::None).unwrap()).await;
    assert_eq!(held_count(&app).await, 1);
    let (target, case_ref) = (other_unit.clone(), boy.case_ref.clone());
    assert!(app.with_db(move |conn| cases::delete(conn, &target, &case_ref).unwrap()).await);
    assert_eq!(held_count(&app).await, 0, "erased with its record");
    app.stop().await;
}

/// The information loss of both methods on the same synthetic region-year: the share of non-zero
/// counts published exactly, within ±D and hidden. Suppression: the release's own summary (its
/// published counts are exact). Cell key: the release's table set (by municipality, as the
/// release), each count compared with the exact figure.
async fn information_loss_of_both_methods(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 300, 15).await;
    // Compare the methods on the same records: the small unit-years' waiting records admitted too.
    app.with_db(|conn| keys::admit_all(conn).unwrap()).await;
    let own = app.region_analyst_token(REGION).await;
    let analyst = app.analyst_token().await;
    let release: Value = app
        .client
        .post(app.url("/v1/releases"))
        .bearer_auth(&own)
        .json(&json!({"scope": REGION, "year": YEAR}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let loss = &release["suppression"]["information_loss"];
    let (nonzero, hidden) = (loss["nonzero_counts"].as_u64().unwrap(), loss["hidden_nonzero_counts"].as_u64().unwrap());

    let (mut cells, mut exact, mut within) = (0u64, 0u64, 0u64);
    let mut distinct = std::collections::BTreeSet::new();
    for spec in SU_X_TABLES.iter().filter(|t| t.applies_to(YEAR)) {
        let mut dims: Vec<&str> = spec.group_by.iter().map(|d| d.id()).collect();
        if dims.len() < 3 && !dims.contains(&"municipality") {
            dims.insert(0, "municipality");
        }
        let path = format!("/v1/stats?year={YEAR}&region={REGION}&group_by={}&measure=children", dims.join(","));
        let truth = stats(&app, &own, &path).await;
        let protected = stats(&app, &analyst, &path).await;
        assert_eq!(truth["metadata"]["audience"], "internal");
        for (t, p) in all_rows(&truth["table"]).into_iter().zip(all_rows(&protected["table"])) {
            assert_eq!(t["dimensions"], p["dimensions"]);
            // A cell shown in several tables is one count (as the release counts them).
            if !distinct.insert(t["dimensions"].to_string()) {
                continue;
            }
            let (t, p) = (t["children"].as_u64().unwrap(), p["children"].as_u64().unwrap());
            if t == 0 {
                assert_eq!(p, 0, "zero stays zero");
                continue;
            }
            cells += 1;
            exact += u64::from(t == p);
            within += u64::from(t.abs_diff(p) <= D);
        }
    }
    let share = |n: u64, of: u64| n as f64 / of.max(1) as f64;
    println!(
        "[cellkey {backend:?}] information loss, region-year of 300 children: suppression (release) — published \
         exactly {:.3}, within ±D {:.3}, hidden {:.3} of {nonzero} non-zero counts; cell key — published exactly \
         {:.3}, within ±{D} {:.3}, hidden 0.000 of {cells} distinct non-zero counts of the same tables by municipality",
        1.0 - share(hidden, nonzero),
        1.0 - share(hidden, nonzero),
        share(hidden, nonzero),
        share(exact, cells),
        share(within, cells),
    );
    assert_eq!(within, cells, "every count within ±D");
    assert!(cells > 100 && nonzero > 100);
    app.stop().await;
}

both_backends!(
    record_keys_follow_their_records,
    every_role_gets_protected_figures_of_any_scope,
    no_small_counts_and_averaging_gives_nothing,
    differencing_does_no_better_than_the_bound,
    differencing_by_new_data_does_no_better_than_the_bound,
    corrections_reach_protected_answers_in_batches,
    information_loss_of_both_methods,
);

#[test]
fn the_bound_is_what_the_default_table_says() {
    // p₁ from the table itself: a true 1 is published as js+1 with probability 1/(js+1).
    let table = isu_disclosure::ptable::PerturbationTable::new(Default::default()).unwrap();
    let p1 = table.probability(1, JS as i64);
    assert!((p1 - 1.0 / (JS as f64 + 1.0)).abs() < 1e-9, "{p1}");
}
