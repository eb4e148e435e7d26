//! The database fails: a cluster crashed under load, a frozen (hung) cluster, a connection that
//! dies in the middle of a keyed write, a full SQLite disk. Whatever happens, a client gets 503
//! problem+json with `Retry-After` (never 500, never a hang), its retry with the same
//! `Idempotency-Key` succeeds once the database is back, and the same server process serves again.
//!
//! The crash and freeze drills start a PostgreSQL cluster of their own (scripts/pg-test-cluster.sh)
//! and skip, saying so, only where PostgreSQL's binaries are absent outside CI.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::helpers::cluster::OwnCluster;
use crate::helpers::{self, expect_problem, Backend, TestApp, TestDb};
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use isu_api::config::DatabaseUrl;
use isu_http::auth::RateLimits;
use isu_store::backend::SessionSettings;
use isu_store::{DbConnection, DbManager};
use serde_json::Value;

use crate::helpers::valid_record as record;

/// Rate limits out of the way: these tests are about the database.
fn unlimited() -> RateLimits {
    RateLimits { requests_per_second: 100_000, burst: 100_000, ..RateLimits::default() }
}

/// What one answer was, for the assertions every drill makes.
#[derive(Debug)]
struct Answer {
    status: u16,
    took: Duration,
    /// When the answer came.
    at: Instant,
    /// For a non-2xx answer: whether it was problem+json with `Retry-After` (503) and why not.
    defect: Option<String>,
}

/// Sends a request and checks a failure's shape: a 503 must be problem+json with `Retry-After`.
async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let started = Instant::now();
    // Far above every bound asserted here: a server that hangs fails the drill instead of
    // hanging the test (a frozen cluster is thawed only after the requests made during it).
    let response = match request.timeout(Duration::from_secs(30)).send().await {
        Ok(response) => response,
        Err(e) => {
            let defect = Some(format!("no answer: {e}"));
            return Answer { status: 0, took: started.elapsed(), at: Instant::now(), defect };
        }
    };
    let status = response.status().as_u16();
    let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_string);
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
    let body = response.text().await.unwrap_or_default();
    let took = started.elapsed();
    let defect = match status {
        200..=299 => None,
        503 if retry_after.as_deref().is_some_and(|r| r.parse::<u64>().is_ok())
            && content_type.as_deref() == Some("application/problem+json")
            && serde_json::from_str::<Value>(&body).is_ok_and(|b| b["status"] == 503) =>
        {
            None
        }
        503 => Some(format!("503 without Retry-After or problem+json: {retry_after:?} {content_type:?} {body}")),
        _ => Some(format!("{status}: {body}")),
    };
    Answer { status, took, at: Instant::now(), defect }
}

fn post_keyed(app: &TestApp, token: &str, unit: &str, key: &str, body: &Value) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(&format!("/v1/units/{unit}/cases")))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(body)
}

async fn count_cases(app: &TestApp) -> i64 {
    app.with_db(|conn| {
        use diesel::QueryDsl;
        isu_store::schema::cases::table.count().get_result::<i64>(conn).expect("count")
    })
    .await
}

/// 24 clients write keyed records (and some batches) while the cluster is killed (`pg_ctl stop -m
/// immediate`) and started again: every failure is a well-formed 503, every retry with the same
/// key ends in 201, every record is stored exactly once, and the same server serves again soon
/// after.
#[actix_web::test]
async fn writers_ride_out_a_crash_of_the_cluster() {
    const WRITERS: usize = 24;
    // Durable commits: the drill counts the records, and a 201 must mean stored.
    let Some(cluster) = OwnCluster::start_with(true) else { return };
    let test_db = Arc::new(TestDb::postgres_at(&cluster.admin_url));
    let app = Arc::new(TestApp::start_on(test_db, unlimited(), None).await);
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;

    // Each writer writes record after record until told to stop; a record answered 503 is sent
    // again with the same key until it is answered 201.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (app, vendor, unit, stop) = (app.clone(), vendor.clone(), unit.clone(), stop.clone());
            actix_web::rt::spawn(async move {
                let (mut answers, mut written) = (Vec::new(), 0);
                // Every sixth writer sends batches of ten records instead (a batch is a set of PUTs:
                // its retry is simply the same batch).
                let batches = w % 6 == 5;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let (key, body) = (format!("writer-{w}-{written}"), record(&format!("W{w}-{written}")));
                    let batch: Vec<Value> = (0..10).map(|j| record(&format!("W{w}-{written}-{j}"))).collect();
                    loop {
                        let request = if batches {
                            let url = app.url(&format!("/v1/units/{unit}/cases/batch"));
                            app.client.post(url).bearer_auth(&vendor).json(&batch)
                        } else {
                            post_keyed(&app, &vendor, &unit, &key, &body)
                        };
                        let got = answer(request).await;
                        let (status, defect) = (got.status, got.defect.is_some());
                        answers.push(got);
                        if defect || started.elapsed() > Duration::from_secs(60) {
                            return (answers, written);
                        }
                        if status == 200 && batches {
                            written += batch.len();
                            break;
                        }
                        if status == 201 {
                            written += 1;
                            break;
                        }
                        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
                    }
                }
                (answers, written)
            })
        })
        .collect();

    actix_web::rt::time::sleep(Duration::from_secs(1)).await;
    cluster.crash();
    actix_web::rt::time::sleep(Duration::from_secs(3)).await;
    cluster.restart();
    let restarted = Instant::now();
    actix_web::rt::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);

    let (mut answers, mut written) = (Vec::new(), 0);
    for writer in writers {
        let (a, w) = writer.await.expect("writer");
        answers.extend(a);
        written += w;
    }
    let defects: Vec<_> = answers.iter().filter_map(|a| a.defect.as_ref()).collect();
    assert!(defects.is_empty(), "{} bad answers, e.g. {:?}", defects.len(), &defects[..defects.len().min(5)]);
    let unavailable = answers.iter().filter(|a| a.status == 503).count();
    assert!(unavailable > 0, "the crash was not noticed: the drill proves nothing");
    let first_write_after_restart = answers
        .iter()
        .filter(|a| a.status / 100 == 2 && a.at > restarted)
        .map(|a| a.at - restarted)
        .min()
        .expect("no write succeeded after the restart");
    assert!(
        first_write_after_restart < Duration::from_secs(15),
        "writes resumed {first_write_after_restart:?} after the restart"
    );
    eprintln!(
        "crash drill: {written} records, {unavailable} answers 503, first write {first_write_after_restart:?} after the restart"
    );
    assert_eq!(count_cases(&app).await, written as i64, "each record answered 201 is stored, exactly once");
}

/// A frozen cluster (SIGSTOP of every PostgreSQL process): requests in flight and new ones are
/// answered 503 within a generous bound of the default ~5 s settings (no hang for the whole
/// freeze, no second wait for the audit row), and after the thaw the same server serves again and
/// the keyed write answered 503 succeeds on retry.
#[actix_web::test]
async fn a_frozen_cluster_is_answered_503_within_bounds() {
    const BOUND: Duration = Duration::from_secs(8);
    let Some(cluster) = OwnCluster::start() else { return };
    let test_db = Arc::new(TestDb::postgres_at(&cluster.admin_url));
    let app = Arc::new(TestApp::start_on(test_db, unlimited(), None).await);
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let list = app.url(&format!("/v1/units/{unit}/cases"));
    assert_eq!(answer(post_keyed(&app, &vendor, &unit, "warm-up", &record("F-0"))).await.status, 201);

    // Load that is in flight when the freeze begins, and goes on during it.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load: Vec<_> = (0..6)
        .map(|n| {
            let (app, vendor, unit, list, stop) =
                (app.clone(), vendor.clone(), unit.clone(), list.clone(), stop.clone());
            actix_web::rt::spawn(async move {
                let mut answers = Vec::new();
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let request = if n % 2 == 0 {
                        post_keyed(&app, &vendor, &unit, &format!("load-{n}-{i}"), &record(&format!("L{n}-{i}")))
                    } else {
                        app.client.get(&list).bearer_auth(&vendor)
                    };
                    answers.push(answer(request).await);
                    i += 1;
                }
                answers
            })
        })
        .collect();
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;

    cluster.freeze();
    let frozen_at = Instant::now();
    // New requests during the freeze: an authenticated read (its audit row must not add a wait)
    // and a keyed write.
    let read = answer(app.client.get(&list).bearer_auth(&vendor)).await;
    let keyed_body = record("F-1");
    let write = answer(post_keyed(&app, &vendor, &unit, "frozen-key", &keyed_body)).await;
    let remaining = Duration::from_secs(10).saturating_sub(frozen_at.elapsed());
    actix_web::rt::time::sleep(remaining).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    cluster.thaw();

    for (what, got) in [("read", &read), ("keyed write", &write)] {
        assert_eq!(got.status, 503, "{what} during the freeze: {got:?}");
        assert!(got.defect.is_none(), "{what}: {got:?}");
        assert!(got.took < BOUND, "{what} during the freeze took {:?}", got.took);
    }
    let mut answers = Vec::new();
    for task in load {
        answers.extend(task.await.expect("load"));
    }
    let defects: Vec<_> = answers.iter().filter_map(|a| a.defect.as_ref()).collect();
    assert!(defects.is_empty(), "bad answers under the freeze: {defects:?}");
    let slowest = answers.iter().map(|a| a.took).max().unwrap_or_default();
    eprintln!(
        "frozen database: new read answered in {:?}, new keyed write in {:?}, slowest of {} under load {slowest:?}",
        read.took,
        write.took,
        answers.len()
    );
    assert!(slowest < BOUND, "a request in flight during the freeze took {slowest:?}");
    assert!(answers.iter().any(|a| a.status == 503), "the freeze was not noticed: the drill proves nothing");

    // After the thaw: the same key's retry succeeds (409 only while its first attempt is really
    // still running on the thawed server, for a moment).
    let thawed = Instant::now();
    let retried = loop {
        let got = answer(post_keyed(&app, &vendor, &unit, "frozen-key", &keyed_body)).await;
        if got.status == 201 || thawed.elapsed() > Duration::from_secs(20) {
            break got;
        }
        assert!(matches!(got.status, 503 | 409), "retry after the thaw: {got:?}");
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(retried.status, 201, "the keyed retry after the thaw: {retried:?}");
    assert_eq!(answer(app.client.get(&list).bearer_auth(&vendor)).await.status, 200);
}

/// The connection of a keyed POST dies in the middle of its write (an operator terminates the
/// backend while it waits for a lock; so would a crash or a fail-over). The POST is answered 503,
/// not 500, and the retry with the same key is written at once: the failed attempt left its key
/// free.
async fn a_keyed_write_whose_connection_dies_can_be_retried_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let DatabaseUrl::Postgres(url) = app.database_url() else { unreachable!("PostgreSQL only") };

    // Hold the cases table, so that the write waits inside its transaction.
    let mut blocker = diesel::PgConnection::establish(&url).expect("connect");
    blocker.batch_execute("BEGIN; LOCK TABLE cases IN ACCESS EXCLUSIVE MODE").expect("lock");
    let body = record("D-1");
    let pending = actix_web::rt::spawn(answer(post_keyed(&app, &vendor, &unit, "dying-key", &body)));

    helpers::terminate_backends_waiting_for_locks(url.clone()).await;
    blocker.batch_execute("ROLLBACK").expect("unlock");

    let died = pending.await.expect("request");
    assert_eq!(died.status, 503, "{died:?}");
    assert!(died.defect.is_none(), "{died:?}");

    let retried = answer(post_keyed(&app, &vendor, &unit, "dying-key", &body)).await;
    assert_eq!(retried.status, 201, "the retry with the same key: {retried:?}");
    let replayed = post_keyed(&app, &vendor, &unit, "dying-key", &body).send().await.unwrap();
    assert_eq!(replayed.status(), 201);
    assert_eq!(replayed.headers()["idempotent-replayed"], "true");
    assert_eq!(count_cases(&app).await, 1);
}

#[actix_web::test]
async fn postgres_a_keyed_write_whose_connection_dies_can_be_retried_at_once() {
    if helpers::postgres_enabled() {
        a_keyed_write_whose_connection_dies_can_be_retried_at_once(Backend::Postgres).await
    }
}

/// A SQLite page limit on every connection of a pool, also on connections opened later (the
/// pool replaces a connection whose transaction SQLite rolled back by itself).
#[derive(Debug)]
struct PageLimit(Arc<std::sync::atomic::AtomicU64>);

impl diesel::r2d2::CustomizeConnection<DbConnection, diesel::r2d2::Error> for PageLimit {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        let pages = self.0.load(std::sync::atomic::Ordering::SeqCst);
        conn.batch_execute(&format!("PRAGMA max_page_count = {pages}")).map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Sets the page limit for new connections and on every open one (a pragma is per connection).
async fn limit_pages(app: &TestApp, limit: &Arc<std::sync::atomic::AtomicU64>, pages: u64) {
    limit.store(pages, std::sync::atomic::Ordering::SeqCst);
    let pool = app.pool.clone();
    actix_web::rt::task::spawn_blocking(move || {
        let mut held: Vec<_> = (0..pool.max_size()).map(|_| pool.get().expect("connection")).collect();
        for conn in &mut held {
            conn.batch_execute(&format!("PRAGMA max_page_count = {pages}")).expect("pragma");
        }
    })
    .await
    .expect("pragma task");
}

/// SQLite's disk fills up (a real `SQLITE_FULL`: `max_page_count` pinned to the file's size on
/// every connection): writes are answered 503 with `Retry-After`, reads go on, and once there is
/// room again writes resume in the same process.
#[actix_web::test]
async fn sqlite_disk_full_is_503_reads_go_on_and_writes_resume() {
    const NO_LIMIT: u64 = 1_073_741_823;
    let test_db = Arc::new(TestDb::new(Backend::Sqlite));
    let limit = Arc::new(std::sync::atomic::AtomicU64::new(NO_LIMIT));
    let pool = diesel::r2d2::Pool::builder()
        .max_size(4)
        .connection_timeout(isu_store::DEFAULT_CHECKOUT_TIMEOUT)
        .test_on_check_out(true)
        .connection_customizer(Box::new(PageLimit(limit.clone())))
        .build(DbManager::new(test_db.url.clone(), SessionSettings::default()))
        .expect("pool");
    let app = TestApp::start_on_pool(test_db, pool, unlimited()).await;
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let put = |case_ref: String| {
        app.client
            .put(app.url(&format!("/v1/units/{unit}/cases/{case_ref}")))
            .bearer_auth(&vendor)
            .json(&record(&case_ref))
    };
    assert_eq!(answer(put("S-0".into())).await.status, 201);

    // The file may not grow past its current size (SQLite raises a limit below it to it).
    limit_pages(&app, &limit, 1).await;
    let mut full = None;
    for i in 1..=200 {
        let got = answer(put(format!("S-{i}"))).await;
        assert!(got.defect.is_none(), "write {i} on a full disk: {got:?}");
        if got.status == 503 {
            full = Some(i);
            break;
        }
    }
    let full = full.expect("the disk never filled up: the drill proves nothing");
    expect_problem(put(format!("S-{full}")).send().await.unwrap(), 503).await;

    // Reads go on.
    let read = app.client.get(app.url(&format!("/v1/units/{unit}/cases/S-0"))).bearer_auth(&vendor);
    assert_eq!(answer(read).await.status, 200);
    let listed = app.client.get(app.url(&format!("/v1/units/{unit}/cases"))).bearer_auth(&vendor);
    assert_eq!(answer(listed).await.status, 200);

    // Room again: the refused write goes through, without a restart.
    limit_pages(&app, &limit, NO_LIMIT).await;
    assert_eq!(answer(put(format!("S-{full}"))).await.status, 201);
}

/// While the database is up no audit row is lost: every answered request's row is in the log
/// once the server stops gracefully (they are written behind the answers, in batches).
async fn audit_rows_are_all_written_by_a_graceful_stop(backend: Backend) {
    let app = TestApp::start_with(backend, unlimited()).await;
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let list = app.url(&format!("/v1/units/{unit}/cases"));
    let requests: Vec<_> = (0..40).map(|_| app.client.get(&list).bearer_auth(&vendor).send()).collect();
    for response in futures_util::future::join_all(requests).await {
        assert_eq!(response.unwrap().status(), 200);
    }
    let audit = app.state.audit.clone();
    actix_web::rt::task::spawn_blocking(move || audit.close(Duration::from_secs(10))).await.unwrap();
    let rows = app
        .with_db(|conn| {
            use diesel::{ExpressionMethods, QueryDsl};
            use isu_store::schema::audit_events;
            audit_events::table
                .filter(audit_events::operation.eq("/v1/units/{unit_id}/cases"))
                .count()
                .get_result::<i64>(conn)
                .expect("count")
        })
        .await;
    assert_eq!(rows, 40);
}

both_backends!(audit_rows_are_all_written_by_a_graceful_stop);
