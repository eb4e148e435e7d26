//! `make bench` (issue 13, point 5): the token endpoint under a flood of wrong secrets.
//!
//! A release `isu serve` runs as its own process (so its RSS and threads are its own) on a fresh
//! SQLite database. For `FLOOD_SECS` seconds, `FLOOD_CONNECTIONS` connections post wrong secrets
//! for random new client ids (so no per-client limit ever applies) while `VENDORS` vendors with
//! valid tokens PUT records one after another. Printed per scenario: the PUTs done and their
//! p50/p99, the flood's answers by status, and the server's RSS (before, peak during, after) and
//! threads. Goal: PUT p99 < 100 ms and RSS < 300 MiB under the flood.
//!
//! Scenarios: no flood (the reference); a flood from one address (the per-address limit answers
//! it); a flood as from many addresses (the per-address limit raised out of reach, so only the
//! bound on concurrent hashing protects the server).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use isu_api::config::DatabaseUrl;
use isu_http::auth::Role;
use isu_store::clients::NewClient;
use isu_store::{self as db, PoolOptions};

const FLOOD_CONNECTIONS: usize = 150;
const FLOOD_SECS: u64 = 10;
const VENDORS: usize = 4;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `VmRSS`, `VmHWM` (peak RSS) in MiB and `Threads` of a process, from `/proc/PID/status`.
fn memory(pid: u32) -> (f64, f64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:") as f64 / 1024.0, field("VmHWM:") as f64 / 1024.0, field("Threads:"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_server(dir: &std::path::Path, database: &str, extra_env: &[(&str, &str)]) -> Server {
    let port = free_port();
    // `ISU_BENCH_SERVER_BIN` runs another build (an earlier commit's, for a before/after figure).
    let binary = std::env::var("ISU_BENCH_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_isu").to_string());
    let mut command = Command::new(binary);
    command
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", database])
        .env("ISU_ENV", "development")
        .env("ISU_DEV_KEY", dir.join("dev-key.pem"))
        .env("ISU_LOG", "error")
        .env("ISU_RATE_LIMIT_PER_SECOND", "100000")
        .env("ISU_RATE_LIMIT_BURST", "100000")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in extra_env {
        command.env(name, value);
    }
    let child = command.spawn().expect("start isu serve");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, base }
}

fn record(vendor: usize, n: usize) -> serde_json::Value {
    let gender = ["girl", "boy"][n % 2];
    serde_json::json!({
        "case_ref": format!("V{vendor}-{n}"), "age_at_referral": n % 21, "gender": gender,
        "birth_background": "sweden_both_parents_sweden", "referred_on": "2025-01-10", "started_on": "2025-01-20",
        "previously_active": "no", "problem_areas": ["family_relations", "school"],
        "interventions": ["traditional_family_treatment"], "manual_methods": [],
        "closed_on": "2025-06-01", "closing_reason": "goals_met"
    })
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

fn scenario(name: &str, flood: bool, extra_env: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = format!("sqlite:{}", dir.path().join("flood.db").display());
    let url: DatabaseUrl = database.parse().unwrap();
    let pool = db::connect(&url, &PoolOptions { max_size: 1, ..PoolOptions::default() }).expect("pool");
    let mut vendors = Vec::new();
    {
        let mut conn = pool.get().expect("connection");
        db::prepare(&mut conn).expect("prepare");
        for v in 0..VENDORS {
            let unit = db::organisation::create_unit(
                &mut conn,
                &db::organisation::NewUnit { municipality: Some("2182".into()), name: Some(format!("Enhet {v}")) },
            )
            .expect("unit");
            let new = NewClient {
                name: format!("vendor {v}"),
                role: Role::Vendor,
                units: vec![unit.id.clone()],
                municipalities: vec![],
                region: None,
            };
            let issued = isu_http::auth::secrets::issue(None).expect("secret");
            let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash).expect("vendor");
            vendors.push((unit.id, client.id, issued.secret));
        }
    }
    drop(pool);
    let server = start_server(dir.path(), &database, extra_env);
    let pid = server.child.id();
    let base = server.base.clone();

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = reqwest::Client::builder().pool_max_idle_per_host(200).build().unwrap();
        let mut tokens = Vec::new();
        for (unit, id, secret) in &vendors {
            let body: serde_json::Value = client
                .post(format!("{base}/oauth/token"))
                .basic_auth(id, Some(secret))
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            tokens.push((unit.clone(), body["access_token"].as_str().expect("a token").to_string()));
        }
        // Warm up: one PUT per vendor.
        for (v, (unit, token)) in tokens.iter().enumerate() {
            let response = client
                .put(format!("{base}/v1/units/{unit}/cases/V{v}-999999"))
                .bearer_auth(token)
                .json(&record(v, 999_999))
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "warm-up PUT: {}", response.status());
        }
        let before = memory(pid);
        let deadline = Instant::now() + Duration::from_secs(FLOOD_SECS);

        let mut flooders = Vec::new();
        if flood {
            for _ in 0..FLOOD_CONNECTIONS {
                let (client, base) = (reqwest::Client::new(), base.clone());
                flooders.push(tokio::spawn(async move {
                    let mut statuses = std::collections::BTreeMap::<String, u64>::new();
                    while Instant::now() < deadline {
                        let id = format!("isu_{}", uuid::Uuid::new_v4().simple());
                        let outcome = client
                            .post(format!("{base}/oauth/token"))
                            .basic_auth(&id, Some("wrong-secret"))
                            .form(&[("grant_type", "client_credentials")])
                            .timeout(Duration::from_secs(30))
                            .send()
                            .await;
                        let key = match outcome {
                            Ok(response) => {
                                let status = response.status().as_u16().to_string();
                                let _ = response.bytes().await;
                                status
                            }
                            Err(_) => "error".to_string(),
                        };
                        *statuses.entry(key).or_default() += 1;
                    }
                    statuses
                }));
            }
        }
        let sampler = tokio::spawn(async move {
            let (mut peak_rss, mut peak_threads) = (0.0f64, 0u64);
            while Instant::now() < deadline {
                let (rss, _, threads) = memory(pid);
                peak_rss = peak_rss.max(rss);
                peak_threads = peak_threads.max(threads);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            (peak_rss, peak_threads)
        });
        let mut writers = Vec::new();
        for (v, (unit, token)) in tokens.into_iter().enumerate() {
            let (client, base) = (client.clone(), base.clone());
            writers.push(tokio::spawn(async move {
                let mut samples = Vec::new();
                let mut n = 0;
                while Instant::now() < deadline {
                    let started = Instant::now();
                    let response = client
                        .put(format!("{base}/v1/units/{unit}/cases/V{v}-{n}"))
                        .bearer_auth(&token)
                        .json(&record(v, n))
                        .send()
                        .await
                        .unwrap();
                    assert!(response.status().is_success(), "PUT: {}", response.status());
                    let _ = response.bytes().await;
                    samples.push(started.elapsed());
                    n += 1;
                }
                samples
            }));
        }
        let mut samples = Vec::new();
        for writer in writers {
            samples.extend(writer.await.unwrap());
        }
        let mut statuses = std::collections::BTreeMap::<String, u64>::new();
        for flooder in flooders {
            for (status, count) in flooder.await.unwrap() {
                *statuses.entry(status).or_default() += count;
            }
        }
        let (peak_rss, peak_threads) = sampler.await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = memory(pid);
        samples.sort();
        let flood_answers = if statuses.is_empty() {
            "–".to_string()
        } else {
            statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect::<Vec<_>>().join(", ")
        };
        println!(
            "| {name} | {} | {:.1} ms | {:.1} ms | {flood_answers} | {:.0} / {:.0} / {:.0} MiB (VmHWM {:.0}) | {} / {peak_threads} / {} |",
            samples.len(),
            percentile(&samples, 0.5).as_secs_f64() * 1000.0,
            percentile(&samples, 0.99).as_secs_f64() * 1000.0,
            before.0,
            peak_rss,
            after.0,
            after.1,
            before.2,
            after.2,
        );
    });
    drop(server);
}

fn main() {
    println!("\n## Token endpoint under a flood of wrong secrets (SQLite, release server in its own process)");
    println!(
        "{FLOOD_CONNECTIONS} connections post wrong secrets for random new client ids for {FLOOD_SECS} s while \
         {VENDORS} vendors PUT records with valid tokens. Goal: PUT p99 < 100 ms, server RSS < 300 MiB."
    );
    println!();
    println!("| scenario | PUTs in {FLOOD_SECS} s | PUT p50 | PUT p99 | flood answers | RSS before / peak / after | threads before / peak / after |");
    println!("|---|---|---|---|---|---|---|");
    scenario("no flood (reference)", false, &[]);
    scenario("flood from one address (defaults)", true, &[]);
    scenario(
        "flood as from many addresses (per-address limit off)",
        true,
        &[("ISU_TOKEN_FAILURES_PER_ADDRESS_PER_MINUTE", "1000000000")],
    );
}
