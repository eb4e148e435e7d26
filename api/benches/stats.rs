//! `make bench`, statistics (issue #18): N synthetic cases (default 300,000 to keep `make bench`
//! short; `ISU_BENCH_STATS_CASES=1000000` for the national scale of issue #18) over six years in the synthetic national organisation (21 regions over
//! all 290 municipalities, volumes as the population), on each backend side by side:
//! - seeding speed (direct database writes);
//! - the full SU-X report of one region-year over HTTP (`GET /v1/reports/su-x`, 15 tables);
//! - a national two-dimension query (problem_area × gender for a year, with margins) through the
//!   engine (load + count + render + JSON; no national HTTP endpoint exists for exact figures):
//!   cached, after a write to one unit-year (that unit-year re-read), with nothing cached, and the
//!   same cells counted by one SQL GROUP BY in the database (the reference);
//! - protected releases (issue #7), over HTTP: every regional release of the year, reading one,
//!   and the national release twice: first with every regional release built on the way (none are
//!   current: a record was written since), then with all of them current;
//! - the server's memory: a release `isu serve` in its own process serves every HTTP figure
//!   above; its VmRSS and VmHWM after the warm-up (every region's report for every year, the
//!   releases) are read from `/proc/PID/status`. `ISU_BENCH_STATS_RELEASES=0` stops after the
//!   reports' memory figure.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Datelike;
use diesel::prelude::*;
use isu_api::config::DatabaseUrl;
use isu_core::stats::cache::FactCache;
use isu_core::stats::catalogue::Dimension;
use isu_core::stats::engine::{compute, Query};
use isu_core::stats::protected::CellKeyProtection;
use isu_core::stats::release::Protection;
use isu_core::stats::synthetic::{self, Plan, Spread};
use isu_core::stats::{organisation, snapshot, table};
use isu_http::auth::Role;
use isu_store::clients::NewClient;
use isu_store::stats::ScopeRequest;
use isu_store::{self as db, DbConnection, PoolOptions};

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

/// `VmRSS` and `VmHWM` (peak RSS) of a process in MiB, from `/proc/PID/status`.
fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time (user + system) of this process so far, in seconds: with a loaded machine the wall
/// clock says little, this says what the work costs.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line; what follows the name starts at field 3.
    // 100 ticks a second (USER_HZ on Linux).
    (ticks(11) + ticks(12)) / 100.0
}

/// A refusal's reason: the first field error's detail, else the problem's.
fn refusal(body: &serde_json::Value) -> String {
    body["errors"][0]["message"].as_str().or(body["detail"].as_str()).unwrap_or_default().chars().take(160).collect()
}

/// A release `isu serve` in its own process, so that its memory is its own.
struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(database: &str) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // `ISU_BENCH_SERVER_BIN` runs another build (an earlier commit's, for a before/after figure).
    let binary = std::env::var("ISU_BENCH_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_isu").to_string());
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", database, "--workers", "2"])
        .env("ISU_ENV", "development")
        .env("ISU_DEV_KEY", dir.path().join("dev-key.pem"))
        .env("ISU_LOG", std::env::var("ISU_LOG").unwrap_or_else(|_| "error".into()))
        .env("ISU_RATE_LIMIT_PER_SECOND", "100000")
        .env("ISU_RATE_LIMIT_BURST", "100000")
        .stdout(Stdio::null())
        .spawn()
        .expect("start isu serve");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, base: format!("http://127.0.0.1:{port}"), _dir: dir }
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
        measures: vec![isu_core::stats::catalogue::Measure::Children],
        filters: vec![(Dimension::Year, vec![year])],
    };
    let computed = compute(&snap.catalogue, &snap.facts(), &snap.closures, &query);
    serde_json::to_vec(&table::render(&snap.catalogue, &computed)).expect("json").len()
}

/// The same national query protected by the cell-key method (issue #15: at most 1.2 × the exact).
fn national_protected_query(conn: &mut DbConnection, cache: &FactCache, protection: &CellKeyProtection) -> usize {
    let snap =
        snapshot::load(conn, &ScopeRequest::National, (YEAR, YEAR), YEAR + 1, cache).expect("load").expect("scope");
    let year = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).expect("year");
    let query = Query {
        group_by: vec![Dimension::ProblemArea, Dimension::Gender],
        measures: vec![isu_core::stats::catalogue::Measure::Children],
        filters: vec![(Dimension::Year, vec![year])],
    };
    let protected = isu_core::stats::protected::compute(&snap.catalogue, &snap.protected_facts(), &query, protection);
    serde_json::to_vec(&protected.table).expect("json").len()
}

/// Exact and protected national queries side by side, cached facts (printed once per backend),
/// and the perturbation alone of a table of about 500 cells (municipality × gender, with margins).
fn protected_ratio(conn: &mut DbConnection) {
    let cache = FactCache::new(isu_core::stats::cache::DEFAULT_CAPACITY);
    let protection = CellKeyProtection::default();
    national_query(conn, &cache);
    national_protected_query(conn, &cache, &protection);
    let (mut exact, mut protected) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        national_query(conn, &cache);
        exact.push(started.elapsed());
        let started = Instant::now();
        national_protected_query(conn, &cache, &protection);
        protected.push(started.elapsed());
    }
    let (e50, _) = percentiles(exact);
    let (p50, p95) = percentiles(protected);
    println!(
        "| national problem_area × gender, {YEAR}, protected (cell key), cached facts | p50 {} · p95 {} ({:.2} × exact p50 {}) |",
        ms(p50),
        ms(p95),
        p50.as_secs_f64() / e50.as_secs_f64().max(1e-9),
        ms(e50)
    );
    let table = &protection.table;
    let counts: Vec<(u64, u32)> = (0..500u64).map(|i| (i % 60, (i as u32).wrapping_mul(2_654_435_761))).collect();
    let started = Instant::now();
    let mut total = 0u64;
    for _ in 0..1000 {
        total += counts.iter().map(|(n, key)| table.perturb(*n, *key)).sum::<u64>();
    }
    println!(
        "| perturbation of a 500-cell table (lookup only; the cell keys are summed while counting) | {:.1} µs ({total}) |",
        started.elapsed().as_secs_f64() * 1e6 / 1000.0
    );
}

/// Where the engine's time goes (printed once per backend).
fn phases(conn: &mut DbConnection) {
    use isu_store::stats::{load_cases, load_scope};
    let t = Instant::now();
    let scope = load_scope(conn, &ScopeRequest::National, 2020, YEAR + 1).unwrap().unwrap();
    let scope_time = t.elapsed();
    let t = Instant::now();
    let raw = load_cases(conn, None, YEAR, YEAR).unwrap();
    let cases_time = t.elapsed();
    let t = Instant::now();
    let catalogue = isu_core::stats::catalogue::Catalogue::new(scope.data.clone());
    let builder = isu_core::stats::facts::FactBuilder::new(&catalogue, &scope.unit_municipalities);
    let facts: Vec<_> = raw.iter().filter_map(|r| builder.build(r).unwrap()).collect();
    let facts_time = t.elapsed();
    let t = Instant::now();
    let year = catalogue.position(Dimension::Year, &YEAR.to_string()).unwrap();
    let query = Query {
        group_by: vec![Dimension::ProblemArea, Dimension::Gender],
        measures: vec![isu_core::stats::catalogue::Measure::Children],
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

fn create_client(conn: &mut DbConnection, name: &str, role: Role, region: Option<&str>) -> (String, String) {
    let new = NewClient {
        name: name.into(),
        role,
        units: vec![],
        municipalities: vec![],
        region: region.map(str::to_string),
    };
    let issued = isu_http::auth::secrets::issue(None).expect("secret");
    let client = db::clients::create(conn, &issued.client_id, &new, &issued.secret_hash).expect("client");
    (client.id, issued.secret)
}

/// A valid record closing in the benchmark year, for writes between queries.
fn record_in_year(plan: &Plan, mut n: usize) -> isu_domain::record::ValidRecord {
    loop {
        let record = synthetic::record(plan, n);
        if record.closed_on.year() == YEAR {
            return record;
        }
        n += 1_000_003;
    }
}

fn run_backend(name: &str, url: DatabaseUrl, database: &str, cases: usize) {
    println!("\n## {name}");
    // Seeding a million records runs long statements: no statement timeout for it. The server
    // runs with the production defaults (statement timeout included), as a deployment would.
    let pool = db::connect(&url, &PoolOptions { max_size: 4, statement_timeout: None, ..PoolOptions::default() })
        .expect("pool");
    db::prepare(&mut pool.get().expect("connection")).expect("prepare");
    let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
    let plan = Plan { cases, first_year: 2020, last_year: 2025, seed: 1, today };
    let regions = {
        let mut conn = pool.get().expect("connection");
        organisation::create(&mut conn, &organisation::national()).expect("organisation");
        db::organisation::list_regions(&mut conn).expect("regions")
    };
    // As `isu seed` does: its own connection in bulk-load mode.
    let mut seeding_conn = db::backend::connect(&url, &Default::default()).expect("connection");
    db::backend::bulk_load_mode(&mut seeding_conn).expect("bulk-load mode");
    let (started, cpu) = (Instant::now(), cpu_seconds());
    synthetic::seed_spread(&mut seeding_conn, &plan, None, Spread::Population).expect("seed");
    let (seeding, cpu) = (started.elapsed(), cpu_seconds() - cpu);
    drop(seeding_conn);
    println!("| figure | value |\n|---|---|");
    println!(
        "| seed {cases} synthetic records, {} regions, population spread (direct writes, as `isu seed`) | {:.1} s ({:.0} records/s; {:.0} records per CPU-second of this process) |",
        regions.len(),
        seeding.as_secs_f64(),
        cases as f64 / seeding.as_secs_f64(),
        cases as f64 / cpu.max(1e-9)
    );

    let mut conn = pool.get().expect("connection");
    let analysts: Vec<(String, String, String)> = regions
        .iter()
        .map(|r| {
            let (id, secret) =
                create_client(&mut conn, &format!("bench analyst {}", r.id), Role::RegionAnalyst, Some(&r.id));
            (r.id.clone(), id, secret)
        })
        .collect();
    let admin = create_client(&mut conn, "bench admin", Role::Admin, None);
    drop(conn);

    let server = start_server(database);
    let base = server.base.clone();
    let pid = server.child.id();
    let direct_pool = pool.clone();
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let client = reqwest::Client::new();
        let mut tokens = std::collections::HashMap::new();
        for (region, id, secret) in &analysts {
            let token = client_token(&base, id, secret).await;
            tokens.insert(region.clone(), token["access_token"].as_str().unwrap().to_string());
        }
        let token = tokens[REGION].clone();
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
        // Where the writes between queries go: the unit of an existing record of the year, so
        // that units are hit as often as they hold records (large ones more often).
        let (from, to) = (format!("{YEAR}-01-01"), format!("{YEAR}-12-31"));
        let write_units: Vec<String> = {
            use isu_store::schema::cases;
            let from = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d").unwrap();
            let to = chrono::NaiveDate::parse_from_str(&to, "%Y-%m-%d").unwrap();
            cases::table.filter(cases::closed_on.between(from, to)).select(cases::unit_id).load(&mut conn).expect("units")
        };
        let (mut changed, mut uncached, mut warm, mut direct) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        protected_ratio(&mut conn);
        let cache = FactCache::new(isu_core::stats::cache::DEFAULT_CAPACITY);
        national_query(&mut conn, &cache);
        for run in 0..RUNS / 2 + 2 {
            // Side by side, alternating, so drift in the machine hits all alike. Warm: unchanged
            // data (counters read, facts from memory); changed: one record written to one
            // unit-year since the last query (that unit-year re-read); uncached: every row read.
            let started = Instant::now();
            national_query(&mut conn, &cache);
            let w = started.elapsed();
            let unit = &write_units[(run * 7_919) % write_units.len()];
            let record = record_in_year(&plan, cases + run);
            db::cases::put(&mut conn, unit, &record, db::cases::Precondition::None).expect("write");
            let started = Instant::now();
            national_query(&mut conn, &cache);
            let c = started.elapsed();
            let started = Instant::now();
            national_query(&mut conn, &FactCache::new(0));
            let u = started.elapsed();
            let started = Instant::now();
            direct_sql(&mut conn);
            let d = started.elapsed();
            if run >= 2 {
                warm.push(w);
                changed.push(c);
                uncached.push(u);
                direct.push(d);
            }
        }
        drop(write_units);
        let (w50, w95) = percentiles(warm);
        let (c50, c95) = percentiles(changed);
        let (u50, u95) = percentiles(uncached);
        let (d50, d95) = percentiles(direct);
        println!(
            "| national problem_area × gender, {YEAR}, with margins and JSON: cached facts | p50 {} · p95 {} |",
            ms(w50),
            ms(w95)
        );
        println!(
            "| the same, one record written since (its unit-year re-read) | p50 {} · p95 {} |",
            ms(c50),
            ms(c95)
        );
        println!("| the same, nothing cached (every row read and converted) | p50 {} · p95 {} |", ms(u50), ms(u95));
        println!(
            "| the same cells as one SQL GROUP BY in the database (reference) | p50 {} · p95 {} |",
            ms(d50),
            ms(d95)
        );
        println!(
            "| engine ÷ direct SQL (p50): cached {:.2} · data changed {:.2} · nothing cached {:.2} |",
            w50.as_secs_f64() / d50.as_secs_f64(),
            c50.as_secs_f64() / d50.as_secs_f64(),
            u50.as_secs_f64() / d50.as_secs_f64()
        );
        drop(conn);

        // Warm-up of the server's statistics for every scope: every region's report for every year.
        // A client without idle connections from here on: the server closes idle ones after its
        // keep-alive, and reusing one just closed fails.
        let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let started = Instant::now();
        for (region, token) in &tokens {
            for year in plan.first_year..=plan.last_year {
                let url = format!("{base}/v1/reports/su-x?region={region}&year={year}");
                let response = client.get(&url).bearer_auth(token).send().await.unwrap();
                assert!(response.status().is_success(), "{url}: {}", response.status());
                response.bytes().await.unwrap();
            }
        }
        let (rss, hwm) = memory_mib(pid);
        println!(
            "| every region's report for every year ({} scope-years, HTTP), then the server's VmRSS · VmHWM | {:.1} s · {rss:.0} MiB · {hwm:.0} MiB |",
            tokens.len() * 6,
            started.elapsed().as_secs_f64()
        );

        // `ISU_BENCH_STATS_RELEASES=0`: stop here (the memory after the reports, without the
        // minutes the releases of a million records take).
        if std::env::var("ISU_BENCH_STATS_RELEASES").as_deref() == Ok("0") {
            return;
        }
        // Releases. Creating one is measured once per scope: the second creation of the same
        // scope-year is a revision, a different problem.
        let admin = client_token(&base, &admin.0, &admin.1).await["access_token"].as_str().unwrap().to_string();
        let mut times = Vec::new();
        let mut lines = Vec::new();
        let mut gavleborg_release = None;
        for region in &regions {
            let (create_time, status, created) = create_release(&client, &base, &admin, &region.id).await;
            let summary = &created["suppression"];
            if status.is_success() {
                times.push(create_time);
                if region.id == REGION {
                    gavleborg_release = created["id"]
                        .as_str()
                        .map(|id| (id.to_string(), summary["information_loss"].clone()));
                }
                lines.push(format!(
                    "{} {} ({} cells, {} suppressed)",
                    region.id,
                    ms(create_time),
                    summary["cells"],
                    summary["secondary"].as_u64().unwrap_or(0) + summary["primary"].as_u64().unwrap_or(0)
                ));
            } else {
                lines.push(format!("{} refused after {}: {status} {}", region.id, ms(create_time), refusal(&created)));
            }
        }
        let slowest = times.iter().max().copied().unwrap_or_default();
        let total: Duration = times.iter().sum();
        println!(
            "| create every regional release of {YEAR} (HTTP: load, protect, store): {} of {} built | total {:.1} s · slowest {} |",
            times.len(),
            regions.len(),
            total.as_secs_f64(),
            ms(slowest)
        );
        println!("| each region | {} |", lines.join(" · "));
        if let Some((id, loss)) = gavleborg_release {
            println!(
                "| information loss of {REGION}'s release | {} of {} non-zero counts hidden ({:.1} %); {} of {} counts ≥ k ({:.1} %) |",
                loss["hidden_nonzero_counts"],
                loss["nonzero_counts"],
                loss["share_hidden"].as_f64().unwrap_or_default() * 100.0,
                loss["hidden_large_counts"],
                loss["large_counts"],
                loss["share_of_large_hidden"].as_f64().unwrap_or_default() * 100.0,
            );
            let mut reads = Vec::new();
            for run in 0..RUNS + 3 {
                let started = Instant::now();
                client.get(format!("{base}/v1/releases/{id}")).bearer_auth(&token).send().await.unwrap().bytes().await.unwrap();
                if run >= 3 {
                    reads.push(started.elapsed());
                }
            }
            let (r50, r95) = percentiles(reads);
            println!("| read the stored release of {REGION} (HTTP, all tables) | p50 {} · p95 {} |", ms(r50), ms(r95));
        }
        // The national release: the aggregate of current regional releases. New records in
        // every region first make every regional release out of date, so the first national
        // release builds all of them again on the way; the second finds them current. k new
        // records per region, not one: a new version of 1..k−1 changed children is refused
        // (`too_few_changes`, decision 0005), which would measure a refusal instead of a build.
        {
            let mut conn = direct_pool.get().expect("connection");
            let units = db::organisation::list_units(&mut conn, None, None).expect("units");
            let per_region = Protection::default().k as usize;
            for (i, region) in regions.iter().enumerate() {
                if let Some(unit) = units.iter().find(|u| u.region.as_deref() == Some(region.id.as_str())) {
                    for j in 0..per_region {
                        let record = record_in_year(&plan, cases + 1_000 + i * per_region + j);
                        db::cases::put(&mut conn, &unit.id, &record, db::cases::Precondition::None).expect("write");
                    }
                }
            }
        }
        for label in ["every regional release built again on the way", "regional releases current (aggregation only)"] {
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
                println!("| create the national release, {label} (HTTP) | refused after {}: {status} {} |", ms(elapsed), refusal(&body));
            }
        }
        let (rss, hwm) = memory_mib(pid);
        println!("| the server process after all of the above: VmRSS · VmHWM (peak) | {rss:.0} MiB · {hwm:.0} MiB |");
    });
    drop(server);
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
    isu_store::releases::list(conn, None, Some(YEAR)).map(|l| l.len()).unwrap_or(0)
}

fn main() {
    // Server errors (the cause of a 500) go to stderr.
    let _ = isu_api::telemetry::init(
        &std::env::var("ISU_LOG").unwrap_or_else(|_| "error".into()),
        isu_api::config::LogFormat::Text,
    );
    let cases: usize = std::env::var("ISU_BENCH_STATS_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300_000);
    println!("\nISU API statistics benchmarks: {cases} synthetic cases over 290 municipalities in 21 regions, 2020–2025; {RUNS} runs per figure.");
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite:{}", dir.path().join("stats.db").display());
    // `ISU_BENCH_STATS_BACKENDS=postgres` (or `sqlite`) runs one backend only: a million records
    // take a while on each.
    let only = std::env::var("ISU_BENCH_STATS_BACKENDS").unwrap_or_default();
    if only.is_empty() || only.contains("sqlite") {
        run_backend("SQLite", sqlite.parse().expect("sqlite url"), &sqlite, cases);
    }
    if !only.is_empty() && !only.contains("postgres") {
        return;
    }
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => {
            // A database of its own, so the other benchmarks' data stays apart.
            let name = format!("isu_stats_bench_{}", std::process::id());
            let admin: DatabaseUrl = url.parse().expect("TEST_DATABASE_URL");
            let mut conn = db::backend::connect(&admin, &Default::default()).expect("connect");
            diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create database");
            let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
            let database = format!("{base}/{name}");
            run_backend("PostgreSQL", database.parse().expect("url"), &database, cases);
            let _ = diesel::sql_query(format!("DROP DATABASE {name}")).execute(&mut conn);
        }
        Err(_) => println!("\n## PostgreSQL\nskipped: TEST_DATABASE_URL not set"),
    }
}
