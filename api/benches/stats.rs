//! `make bench`, statistics: with N synthetic cases over all 290 municipalities (default
//! 1,000,000; `ISU_BENCH_STATS_CASES`), on each backend side by side:
//! - seeding speed (direct database writes);
//! - the full SU-X report of one region-year over HTTP (`GET /v1/reports/su-x`, 15 tables);
//! - a national two-dimension query (problem_area × gender for a year, with margins) through the
//!   engine (load + count + render + JSON; no national HTTP endpoint exists for exact figures),
//!   against the same cells counted by one SQL GROUP BY in the database (the reference);
//! - protected releases (issue #7), over HTTP: creating the region-year's release (load, protect,
//!   store), reading it, and creating the national release twice: first with every other region's
//!   release built on the way, then with all of them current (aggregation only);
//! - the process's peak RSS.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use isu_api::auth::keys::{self, KeySet};
use isu_api::auth::tokens::TokenSettings;
use isu_api::auth::{AuthState, RateLimits, Role};
use isu_api::config::DatabaseUrl;
use isu_api::db::clients::NewClient;
use isu_api::db::stats::ScopeRequest;
use isu_api::db::{self, DbConnection, PoolOptions};
use isu_api::http::{self, AppState};
use isu_api::stats::cache::FactCache;
use isu_api::stats::catalogue::Dimension;
use isu_api::stats::engine::{compute, Query};
use isu_api::stats::synthetic::{self, Plan};
use isu_api::stats::{snapshot, table};

const RUNS: usize = 30;
const REGION: &str = "fou-valfard-gavleborg";
const YEAR: i32 = 2024;

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], samples[(samples.len() * 95).div_ceil(100) - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or("n/a".into(), |kb| format!("{:.0} MiB", kb / 1024.0))
}

#[derive(QueryableByName)]
struct Cell {
    #[diesel(sql_type = diesel::sql_types::Text)]
    _code: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    _gender: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    _n: i64,
}

fn direct_sql(conn: &mut DbConnection) -> usize {
    // Literal dates: a fixed benchmark query, no input.
    let sql = format!(
        "SELECT p.code AS _code, c.gender AS _gender, COUNT(*) AS _n FROM cases c \
         JOIN case_problem_areas p ON p.case_id = c.id \
         WHERE c.closed_on >= '{YEAR}-01-01' AND c.closed_on <= '{YEAR}-12-31' GROUP BY p.code, c.gender"
    );
    let rows: Vec<Cell> = diesel::sql_query(sql).load(conn).expect("direct query");
    rows.len()
}

fn national_query(conn: &mut DbConnection, cache: &FactCache) -> usize {
    let snap =
        snapshot::load(conn, &ScopeRequest::National, (YEAR, YEAR), YEAR + 1, cache).expect("load").expect("scope");
    let year = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).expect("year");
    let query = Query {
        group_by: vec![Dimension::ProblemArea, Dimension::Gender],
        measures: vec![isu_api::stats::catalogue::Measure::Children],
        filters: vec![(Dimension::Year, vec![year])],
    };
    let computed = compute(&snap.catalogue, &snap.facts(), &snap.closures, &query);
    serde_json::to_vec(&table::render(&snap.catalogue, &computed)).expect("json").len()
}

/// Where the engine's time goes (printed once per backend).
fn phases(conn: &mut DbConnection) {
    use isu_api::db::stats::{load_cases, load_scope};
    let t = Instant::now();
    let scope = load_scope(conn, &ScopeRequest::National, 2020, YEAR + 1).unwrap().unwrap();
    let scope_time = t.elapsed();
    let t = Instant::now();
    let raw = load_cases(conn, None, YEAR, YEAR).unwrap();
    let cases_time = t.elapsed();
    let t = Instant::now();
    let catalogue = isu_api::stats::catalogue::Catalogue::new(scope.data.clone());
    let builder = isu_api::stats::facts::FactBuilder::new(&catalogue, &scope.unit_municipalities);
    let facts: Vec<_> = raw.iter().filter_map(|r| builder.build(r).unwrap()).collect();
    let facts_time = t.elapsed();
    let t = Instant::now();
    let year = catalogue.position(Dimension::Year, &YEAR.to_string()).unwrap();
    let query = Query {
        group_by: vec![Dimension::ProblemArea, Dimension::Gender],
        measures: vec![isu_api::stats::catalogue::Measure::Children],
        filters: vec![(Dimension::Year, vec![year])],
    };
    let computed = compute(&catalogue, &[&facts], &[], &query);
    let _ = serde_json::to_vec(&table::render(&catalogue, &computed));
    let compute_time = t.elapsed();
    println!(
        "| engine phases ({} records): scope {} · rows {} · facts {} · count+JSON {} | |",
        raw.len(),
        ms(scope_time),
        ms(cases_time),
        ms(facts_time),
        ms(compute_time)
    );
}

fn run_backend(name: &str, url: DatabaseUrl, cases: usize) {
    println!("\n## {name}");
    // Seeding a million records runs long statements: no statement timeout for it. The server
    // below uses the production defaults (statement timeout included), as a deployment would.
    let pool = db::connect(&url, &PoolOptions { max_size: 8, statement_timeout: None, ..PoolOptions::default() })
        .expect("pool");
    let server_pool = db::connect(&url, &PoolOptions { max_size: 8, ..PoolOptions::default() }).expect("pool");
    db::prepare(&mut pool.get().expect("connection")).expect("prepare");
    let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
    let plan = Plan { cases, first_year: 2020, last_year: 2025, seed: 1, today };
    let started = Instant::now();
    synthetic::seed(&mut pool.get().expect("connection"), &plan, None).expect("seed");
    let seeding = started.elapsed();
    println!("| figure | value |\n|---|---|");
    println!(
        "| seed {cases} synthetic records (direct writes) | {:.1} s ({:.0} records/s) |",
        seeding.as_secs_f64(),
        cases as f64 / seeding.as_secs_f64()
    );

    let (client_id, secret) = {
        let new = NewClient {
            name: "bench region analyst".into(),
            role: Role::RegionAnalyst,
            units: vec![],
            municipalities: vec![],
            region: Some(REGION.into()),
        };
        let (client, secret) = db::clients::create(&mut pool.get().expect("connection"), &new).expect("client");
        (client.id, secret)
    };
    let key_set = KeySet::from_keys(&[keys::generate()]).expect("keys");
    let settings = TokenSettings { issuer: "bench".into(), audience: "bench".into(), lifetime_secs: 900 };
    let limits = RateLimits { requests_per_second: 1_000_000, burst: 1_000_000, ..RateLimits::default() };
    let direct_pool = pool.clone();
    let state = AppState::new(server_pool, AuthState::new(key_set, settings, &limits));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let server = http::server(state, listener, Some(2)).expect("server");
        let handle = server.handle();
        actix_web::rt::spawn(server);
        let client = reqwest::Client::new();
        let token = client_token(&base, &client_id, &secret).await;
        let token = token["access_token"].as_str().unwrap().to_string();
        let report_url = format!("{base}/v1/reports/su-x?region={REGION}&year={YEAR}");
        let mut report = Vec::new();
        let mut records = 0;
        // The first request fills the cache: also measure it once.
        let started = Instant::now();
        client.get(&report_url).bearer_auth(&token).send().await.unwrap().bytes().await.unwrap();
        println!("| full report, one region-year, first request (rows read) | {} |", ms(started.elapsed()));
        for run in 0..RUNS + 3 {
            let started = Instant::now();
            let body: serde_json::Value =
                client.get(&report_url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            if run >= 3 {
                report.push(started.elapsed());
            }
            records = body["metadata"]["records"].as_u64().unwrap_or(0);
        }
        let (p50, p95) = percentiles(report);
        println!(
            "| full report, one region-year ({records} cases, 15 tables, HTTP) | p50 {} · p95 {} |",
            ms(p50),
            ms(p95)
        );

        let mut conn = direct_pool.get().expect("connection");
        phases(&mut conn);
        let (mut cold, mut warm, mut direct) = (Vec::new(), Vec::new(), Vec::new());
        let cache = FactCache::new(isu_api::stats::cache::DEFAULT_CAPACITY);
        for run in 0..RUNS / 2 + 2 {
            // Side by side, alternating, so drift in the machine hits all three alike. Cold: the
            // data changed since the last query (rows read and converted); warm: unchanged (the
            // counters are read, the facts come from memory).
            let started = Instant::now();
            national_query(&mut conn, &FactCache::new(0));
            let c = started.elapsed();
            let started = Instant::now();
            national_query(&mut conn, &cache);
            let w = started.elapsed();
            let started = Instant::now();
            direct_sql(&mut conn);
            let d = started.elapsed();
            if run >= 2 {
                cold.push(c);
                warm.push(w);
                direct.push(d);
            }
        }
        let (c50, c95) = percentiles(cold);
        let (w50, w95) = percentiles(warm);
        let (d50, d95) = percentiles(direct);
        println!(
            "| national problem_area × gender, {YEAR}, with margins and JSON: cached facts | p50 {} · p95 {} |",
            ms(w50),
            ms(w95)
        );
        println!("| the same, data changed since (rows read and converted) | p50 {} · p95 {} |", ms(c50), ms(c95));
        println!(
            "| the same cells as one SQL GROUP BY in the database (reference) | p50 {} · p95 {} |",
            ms(d50),
            ms(d95)
        );
        println!(
            "| engine ÷ direct SQL (p50): cached {:.2} · data changed {:.2} |",
            w50.as_secs_f64() / d50.as_secs_f64(),
            c50.as_secs_f64() / d50.as_secs_f64()
        );
        drop(conn);

        // Releases. Creating one is measured once per scope: the second creation of the same
        // scope-year is a revision, a different problem. A client without idle connections: the
        // server closes idle ones after its keep-alive, and reusing one just closed fails.
        let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let (create_time, status, created) = create_release(&client, &base, &token, REGION).await;
        if status.is_success() {
            let summary = &created["suppression"];
            println!(
                "| create the region-year release (HTTP: load, protect, store) | {} ({} atoms, {} cells, {} primary and {} secondary suppressions) |",
                ms(create_time),
                summary["atoms"],
                summary["cells"],
                summary["primary"],
                summary["secondary"],
            );
            let id = created["id"].as_str().unwrap_or_default().to_string();
            let mut reads = Vec::new();
            for run in 0..RUNS + 3 {
                let started = Instant::now();
                client.get(format!("{base}/v1/releases/{id}")).bearer_auth(&token).send().await.unwrap().bytes().await.unwrap();
                if run >= 3 {
                    reads.push(started.elapsed());
                }
            }
            let (r50, r95) = percentiles(reads);
            println!("| read the stored release (HTTP, all tables) | p50 {} · p95 {} |", ms(r50), ms(r95));
        } else {
            println!("| create the region-year release (HTTP) | refused after {}: {status} {} |", ms(create_time), created["detail"]);
        }
        // The national release: the aggregate of current regional releases, so the first one
        // also builds the release of every other region (20 here); the second finds them all
        // current and only aggregates.
        let admin = {
            let new = NewClient {
                name: "bench admin".into(),
                role: Role::Admin,
                units: vec![],
                municipalities: vec![],
                region: None,
            };
            let (client, secret) =
                db::clients::create(&mut direct_pool.get().expect("connection"), &new).expect("client");
            let token: serde_json::Value = client_token(&base, &client.id, &secret).await;
            token["access_token"].as_str().unwrap().to_string()
        };
        for label in ["with every other region's release built first", "regional releases current (aggregation only)"] {
            let before = count_releases(&mut direct_pool.get().expect("connection"));
            let (elapsed, status, body) = create_release(&client, &base, &admin, "national").await;
            let stored = count_releases(&mut direct_pool.get().expect("connection")) - before;
            if status.is_success() {
                println!(
                    "| create the national release, {label} (HTTP) | {} ({} releases stored; national: {} cells, {} suppressed) |",
                    ms(elapsed),
                    stored,
                    body["suppression"]["cells"],
                    body["suppression"]["secondary"],
                );
            } else {
                println!("| create the national release, {label} (HTTP) | refused after {}: {status} {} |", ms(elapsed), body["detail"]);
            }
        }
        println!("| peak RSS of the process (server, bench client, seeding) | {} |", peak_rss_mib());
        handle.stop(true).await;
    });
}

/// `POST /v1/releases` for `scope` and the benchmark year: how long it took, and the answer.
async fn create_release(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    scope: &str,
) -> (Duration, reqwest::StatusCode, serde_json::Value) {
    let started = Instant::now();
    let response = client
        .post(format!("{base}/v1/releases"))
        .bearer_auth(token)
        .json(&serde_json::json!({"scope": scope, "year": YEAR}))
        .send()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let status = response.status();
    (elapsed, status, response.json().await.unwrap())
}

async fn client_token(base: &str, id: &str, secret: &str) -> serde_json::Value {
    reqwest::Client::new()
        .post(format!("{base}/oauth/token"))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn count_releases(conn: &mut DbConnection) -> usize {
    isu_api::db::releases::list(conn, None, Some(YEAR)).map(|l| l.len()).unwrap_or(0)
}

fn main() {
    // Server errors (the cause of a 500) go to stderr.
    let _ = isu_api::telemetry::init(
        &std::env::var("ISU_LOG").unwrap_or_else(|_| "error".into()),
        isu_api::config::LogFormat::Text,
    );
    let cases: usize = std::env::var("ISU_BENCH_STATS_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    println!("\nISU API statistics benchmarks: {cases} synthetic cases over 290 municipalities, 2020–2025; {RUNS} runs per figure.");
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite:{}", dir.path().join("stats.db").display());
    run_backend("SQLite", sqlite.parse().expect("sqlite url"), cases);
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => {
            // A database of its own, so the other benchmarks' data stays apart.
            let name = format!("isu_stats_bench_{}", std::process::id());
            let admin: DatabaseUrl = url.parse().expect("TEST_DATABASE_URL");
            let mut conn = db::backend::connect(&admin, &Default::default()).expect("connect");
            diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create database");
            let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
            run_backend("PostgreSQL", format!("{base}/{name}").parse().expect("url"), cases);
            let _ = diesel::sql_query(format!("DROP DATABASE {name}")).execute(&mut conn);
        }
        Err(_) => println!("\n## PostgreSQL\nskipped: TEST_DATABASE_URL not set"),
    }
}
