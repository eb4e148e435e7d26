//! `make bench`: HTTP figures on each backend, measured side by side in one run.
//!
//! Prints medians and p95 per request kind, throughput with concurrent clients, and ratios to the
//! bare liveness probe (the cost of the HTTP stack alone). Later issues add their scenarios here.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use isu_api::config::DatabaseUrl;
use isu_http::auth::keys::{self, KeySet};
use isu_http::auth::tokens::TokenSettings;
use isu_http::auth::{AuthState, RateLimits, Role};
use isu_http::{self as http, AppState};
use isu_store::clients::NewClient;
use isu_store::{self as db, PoolOptions};

const SEQUENTIAL: usize = 400;
const CONCURRENT_CLIENTS: usize = 32;
const CONCURRENT_REQUESTS: usize = 4_000;

struct Figures {
    p50: Duration,
    p95: Duration,
}

fn percentiles(mut samples: Vec<Duration>) -> Figures {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Figures { p50: at(0.5), p95: at(0.95) }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

async fn sequential(
    client: &reqwest::Client,
    request: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
) -> Figures {
    let mut samples = Vec::with_capacity(SEQUENTIAL);
    for _ in 0..SEQUENTIAL {
        let started = Instant::now();
        let response = request(client).send().await.expect("request");
        assert!(response.status().is_success(), "status {}", response.status());
        response.bytes().await.expect("body");
        samples.push(started.elapsed());
    }
    percentiles(samples)
}

async fn throughput(url: String, token: Option<String>) -> f64 {
    let client = reqwest::Client::new();
    let started = Instant::now();
    let per_client = CONCURRENT_REQUESTS / CONCURRENT_CLIENTS;
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENT_CLIENTS {
        let (client, url, token) = (client.clone(), url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..per_client {
                let mut request = client.get(&url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let response = request.send().await.expect("request");
                assert!(response.status().is_success());
                response.bytes().await.expect("body");
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    CONCURRENT_REQUESTS as f64 / started.elapsed().as_secs_f64()
}

fn run_backend(name: &str, url: DatabaseUrl) {
    let pool = db::connect(&url, &PoolOptions { max_size: 16, ..PoolOptions::default() }).expect("pool");
    db::prepare(&mut pool.get().expect("connection")).expect("prepare");
    let (client_id, secret) = {
        let mut conn = pool.get().expect("connection");
        let new = NewClient {
            name: format!("bench {}", uuid::Uuid::new_v4()),
            role: Role::Admin,
            units: vec![],
            municipalities: vec![],
            region: None,
        };
        let issued = isu_http::auth::secrets::issue(None).expect("secret");
        let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash).expect("client");
        (client.id, issued.secret)
    };
    let key_set = KeySet::from_keys(&[keys::generate()]).expect("keys");
    let settings = TokenSettings { issuer: "bench".into(), audience: "bench".into(), lifetime_secs: 900 };
    let limits = RateLimits { requests_per_second: 1_000_000, burst: 1_000_000, ..RateLimits::default() };

    // One unit per PUT client: the PUT figures are measured with every client writing into one
    // unit (the worst case: each write raises the same unit-year counter and waits for the one
    // before it) and with each client writing into its own unit (a day of many units' closings).
    let (units, vendor_id, vendor_secret) = {
        let mut conn = pool.get().expect("connection");
        let units: Vec<String> = (0..PUT_CLIENTS)
            .map(|_| {
                db::organisation::create_unit(
                    &mut conn,
                    &db::organisation::NewUnit {
                        municipality: Some("2182".into()),
                        name: Some(format!("bench {}", uuid::Uuid::new_v4())),
                    },
                )
                .expect("unit")
                .id
            })
            .collect();
        let new = NewClient {
            name: "bench vendor".into(),
            role: Role::Vendor,
            units: units.clone(),
            municipalities: vec![],
            region: None,
        };
        let issued = isu_http::auth::secrets::issue(None).expect("secret");
        let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash).expect("vendor");
        (units, client.id, issued.secret)
    };
    let direct_pool = pool.clone();
    let state = AppState::new(pool, AuthState::new(key_set, settings, &limits));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));

    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let server = http::server(state, listener, Some(2)).expect("server");
        let handle = server.handle();
        actix_web::rt::spawn(server);
        let client = reqwest::Client::new();

        let token_url = format!("{base}/oauth/token");
        let (id, secret) = (client_id.clone(), secret.clone());
        let token_request = move |c: &reqwest::Client| {
            c.post(&token_url).basic_auth(&id, Some(&secret)).form(&[("grant_type", "client_credentials")])
        };
        let token: serde_json::Value = token_request(&client).send().await.unwrap().json().await.unwrap();
        let token = token["access_token"].as_str().unwrap().to_string();

        // Warm up connections, caches and the pool before measuring.
        for _ in 0..200 {
            client.get(format!("{base}/readyz")).send().await.unwrap().bytes().await.unwrap();
        }
        // `ISU_BENCH_HTTP_INGESTION_ONLY=1`: only the ingestion figures (to profile writes).
        if std::env::var_os("ISU_BENCH_HTTP_INGESTION_ONLY").is_none() {
            let health_url = format!("{base}/healthz");
            let ready_url = format!("{base}/readyz");
            let clients_url = format!("{base}/v1/admin/clients");
            let health = sequential(&client, |c| c.get(&health_url)).await;
            let ready = sequential(&client, |c| c.get(&ready_url)).await;
            let t = token.clone();
            let authed = sequential(&client, move |c| c.get(&clients_url).bearer_auth(&t)).await;
            let mut token_samples = Vec::new();
            for _ in 0..20 {
                let started = Instant::now();
                assert!(token_request(&client).send().await.unwrap().status().is_success());
                token_samples.push(started.elapsed());
            }
            let tokens = percentiles(token_samples);

            let health_rps = throughput(format!("{base}/healthz"), None).await;
            let ready_rps = throughput(format!("{base}/readyz"), None).await;
            let authed_rps = throughput(format!("{base}/v1/admin/clients"), Some(token)).await;

            println!("\n## {name}");
            println!("| request | p50 | p95 | p50 ÷ healthz | throughput ({CONCURRENT_CLIENTS} clients) |");
            println!("|---|---|---|---|---|");
            let ratio = |f: &Figures| f.p50.as_secs_f64() / health.p50.as_secs_f64();
            println!(
                "| GET /healthz (HTTP stack only) | {} | {} | 1.00 | {health_rps:.0}/s |",
                ms(health.p50),
                ms(health.p95)
            );
            println!(
                "| GET /readyz (one DB round trip) | {} | {} | {:.2} | {ready_rps:.0}/s |",
                ms(ready.p50),
                ms(ready.p95),
                ratio(&ready)
            );
            println!(
                "| GET /v1/admin/clients (JWT check + audit write + query) | {} | {} | {:.2} | {authed_rps:.0}/s |",
                ms(authed.p50),
                ms(authed.p95),
                ratio(&authed)
            );
            println!(
                "| POST /oauth/token (Argon2id verify + sign), 20 runs | {} | {} | {:.1} | – |",
                ms(tokens.p50),
                ms(tokens.p95),
                ratio(&tokens)
            );
        }
        let vendor: serde_json::Value = client
            .post(format!("{base}/oauth/token"))
            .basic_auth(&vendor_id, Some(&vendor_secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let vendor = vendor["access_token"].as_str().unwrap().to_string();
        ingestion(&base, &units, &vendor, direct_pool).await;
        handle.stop(true).await;
    });
}

/// A valid SU-X 2021 record; `n` varies the reference and some content.
fn record(prefix: &str, n: usize) -> serde_json::Value {
    let areas = ["family_relations", "school", "behaviour", "parenting", "child_mental_health"];
    let gender = ["girl", "boy"][n % 2];
    serde_json::json!({
        "case_ref": format!("{prefix}-{n}"), "age_at_referral": n % 21, "gender": gender,
        "birth_background": "sweden_both_parents_sweden", "referred_on": "2025-01-10", "started_on": "2025-01-20",
        "previously_active": "no", "problem_areas": [areas[n % 5], areas[(n + 1) % 5]],
        "interventions": ["traditional_family_treatment", "manual_method"], "manual_methods": ["Trygghetscirkeln"],
        "closed_on": "2025-06-01", "closing_reason": "goals_met"
    })
}

const PUT_CLIENTS: usize = 32;
const PUTS_PER_CLIENT: usize = 100;
const BATCH_RECORDS: usize = 10_000;

/// Single PUTs from [`PUT_CLIENTS`] concurrent clients over HTTP, client `c` writing into
/// `units[c % units.len()]`: records per second and the latencies.
async fn puts_over_http(base: &str, units: &[String], token: &str, prefix: &str) -> (f64, Figures) {
    let client = reqwest::Client::new();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..PUT_CLIENTS {
        let (client, token, prefix) = (client.clone(), token.to_string(), prefix.to_string());
        let url = format!("{base}/v1/units/{}/cases", units[c % units.len()]);
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::with_capacity(PUTS_PER_CLIENT);
            for i in 0..PUTS_PER_CLIENT {
                let n = c * PUTS_PER_CLIENT + i;
                let body = record(&prefix, n);
                let t = Instant::now();
                let response =
                    client.put(format!("{url}/{prefix}-{n}")).bearer_auth(&token).json(&body).send().await.unwrap();
                assert_eq!(response.status(), 201);
                response.bytes().await.unwrap();
                samples.push(t.elapsed());
            }
            samples
        }));
    }
    let mut samples = Vec::new();
    for task in tasks {
        samples.extend(task.await.unwrap());
    }
    let rate = (PUT_CLIENTS * PUTS_PER_CLIENT) as f64 / started.elapsed().as_secs_f64();
    (rate, percentiles(samples))
}

/// The same single-record transactions (`db::cases::put`: the lookup, the insert, the child
/// rows, the counter, the key), from as many threads over the server's pool, without HTTP,
/// tokens, audit or validation (done beforehand): how close the API comes to what the database
/// allows. Thread `c` writes into `units[c % units.len()]`.
async fn puts_without_http(pool: &db::Pool, units: &[String], prefix: &str) -> f64 {
    let (pool, units, prefix) = (pool.clone(), units.to_vec(), prefix.to_string());
    tokio::task::spawn_blocking(move || {
        let registry = db::cases::DbMethodRegistry::load(&mut pool.get().unwrap()).unwrap();
        let today = chrono::Utc::now().date_naive();
        let records: Vec<Vec<_>> = (0..PUT_CLIENTS)
            .map(|c| {
                (0..PUTS_PER_CLIENT)
                    .map(|i| {
                        let n = c * PUTS_PER_CLIENT + i;
                        isu_domain::record::validate(&record(&prefix, n), None, today, &registry).unwrap()
                    })
                    .collect()
            })
            .collect();
        // As the server does on SQLite: one writer at a time in the process (SQLite would answer
        // "database is locked" to a second transaction upgrading to a write).
        let sqlite = matches!(*pool.get().unwrap(), db::DbConnection::Sqlite(_));
        let write_lock = std::sync::Mutex::new(());
        let started = Instant::now();
        std::thread::scope(|scope| {
            for (c, mine) in records.iter().enumerate() {
                let (pool, unit, write_lock) = (&pool, &units[c % units.len()], &write_lock);
                scope.spawn(move || {
                    for record in mine {
                        let mut conn = pool.get().unwrap();
                        let _writer = sqlite.then(|| write_lock.lock().unwrap());
                        let outcome = db::cases::put(&mut conn, unit, record, db::cases::Precondition::None).unwrap();
                        assert!(matches!(outcome, db::cases::PutOutcome::Created(_)));
                    }
                });
            }
        });
        (PUT_CLIENTS * PUTS_PER_CLIENT) as f64 / started.elapsed().as_secs_f64()
    })
    .await
    .unwrap()
}

/// Issue #5, #18 figures: single PUTs with 32 concurrent clients into one unit and into one unit
/// each, beside the same transactions without HTTP, a 10,000-record batch upload, and the same
/// 10,000 records written straight through the storage layer as the reference.
async fn ingestion(base: &str, units: &[String], token: &str, pool: db::Pool) {
    let client = reqwest::Client::new();
    let unit_id = units[0].as_str();
    let one_unit = &units[..1];
    let (put_rate, put) = puts_over_http(base, one_unit, token, "PUT").await;
    let raw_rate = puts_without_http(&pool, one_unit, "RAW").await;
    let (spread_rate, spread) = puts_over_http(base, units, token, "SPREAD").await;
    let spread_raw_rate = puts_without_http(&pool, units, "SPREADRAW").await;

    let started = Instant::now();
    for chunk in 0..BATCH_RECORDS / 1000 {
        let items: Vec<serde_json::Value> = (0..1000).map(|i| record("BATCH", chunk * 1000 + i)).collect();
        let response = client
            .post(format!("{base}/v1/units/{unit_id}/cases/batch"))
            .bearer_auth(token)
            .json(&items)
            .send()
            .await
            .unwrap();
        let result: serde_json::Value = response.json().await.unwrap();
        assert_eq!(result["counts"]["created"], 1000);
    }
    let batch = started.elapsed();

    let unit = unit_id.to_string();
    let direct = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().unwrap();
        let registry = db::cases::DbMethodRegistry::load(&mut conn).unwrap();
        let today = chrono::Utc::now().date_naive();
        let records: Vec<_> = (0..BATCH_RECORDS)
            .map(|n| isu_domain::record::validate(&record("DIRECT", n), None, today, &registry).unwrap())
            .collect();
        let records: Vec<(String, _)> = records.into_iter().map(|r| (unit.clone(), r)).collect();
        let started = Instant::now();
        db::cases::insert_many(&mut conn, &records).unwrap();
        started.elapsed()
    })
    .await
    .unwrap();

    println!();
    println!("| ingestion | figure |");
    println!("|---|---|");
    println!(
        "| PUT one record, {PUT_CLIENTS} concurrent clients, one unit | {put_rate:.0} records/s (p50 {}, p95 {}) |",
        ms(put.p50),
        ms(put.p95)
    );
    println!(
        "| the same single-record transactions, {PUT_CLIENTS} threads, one unit, no HTTP (reference) | {raw_rate:.0} records/s (API ÷ raw {:.2}) |",
        put_rate / raw_rate
    );
    println!(
        "| PUT one record, {PUT_CLIENTS} concurrent clients, a unit each | {spread_rate:.0} records/s (p50 {}, p95 {}) |",
        ms(spread.p50),
        ms(spread.p95)
    );
    println!(
        "| the same single-record transactions, {PUT_CLIENTS} threads, a unit each, no HTTP (reference) | {spread_raw_rate:.0} records/s (API ÷ raw {:.2}) |",
        spread_rate / spread_raw_rate
    );
    println!(
        "| {BATCH_RECORDS} records in batches of 1,000 (HTTP, validation, storage) | {:.2} s ({:.0} records/s) |",
        batch.as_secs_f64(),
        BATCH_RECORDS as f64 / batch.as_secs_f64()
    );
    println!(
        "| the same {BATCH_RECORDS} records as multi-row INSERTs, no HTTP, no validation (reference) | {:.2} s |",
        direct.as_secs_f64()
    );
    println!("| batch API ÷ direct | {:.2} |", batch.as_secs_f64() / direct.as_secs_f64());
}

fn main() {
    println!("ISU API benchmarks: {SEQUENTIAL} sequential requests per row, {CONCURRENT_REQUESTS} requests over {CONCURRENT_CLIENTS} concurrent clients for throughput; server: 2 workers, same machine.");
    let dir = tempfile::tempdir().expect("temp dir");
    run_backend("SQLite", DatabaseUrl::Sqlite(dir.path().join("bench.db")));
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) => run_backend("PostgreSQL", url.parse().expect("TEST_DATABASE_URL")),
        Err(_) => println!("\n## PostgreSQL\nskipped: TEST_DATABASE_URL not set (make bench starts a cluster when PostgreSQL is installed)"),
    }
}
