//! Test harness: a real server on a loopback port, over a real database (SQLite file or a fresh
//! PostgreSQL database), spoken to over real HTTP.

pub mod attacker;
pub mod clock;
pub mod cluster;

use std::net::TcpListener;

use actix_web::dev::ServerHandle;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use ed25519_dalek::SigningKey;
use isu_api::config::DatabaseUrl;
use isu_http::auth::keys::{self, KeySet};
use isu_http::auth::tokens::TokenSettings;
use isu_http::auth::{AuthState, RateLimits, Role};
use isu_http::{self as http, AppState};
use isu_store::clients::NewClient;
use isu_store::{self as db, DbConnection, Pool, PoolOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each listed async test function once per backend: `both_backends!(a, b);` expects
/// `async fn a(backend: Backend)`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    if $crate::helpers::postgres_enabled() {
                        super::$name($crate::helpers::Backend::Postgres).await
                    }
                }
            )*
        }
    };
}

/// PostgreSQL tests run when `TEST_DATABASE_URL` is set. Skipping needs an explicit
/// `ISU_TEST_SKIP_POSTGRES=1` (set by `make test` only outside CI), so a missing server can never
/// turn the PostgreSQL half green silently.
pub fn postgres_enabled() -> bool {
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        return true;
    }
    if std::env::var("ISU_TEST_SKIP_POSTGRES").as_deref() == Ok("1") {
        eprintln!("SKIPPED: PostgreSQL half (ISU_TEST_SKIP_POSTGRES=1)");
        return false;
    }
    panic!("TEST_DATABASE_URL is not set; run the tests with `make test`, or set ISU_TEST_SKIP_POSTGRES=1 to skip PostgreSQL");
}

/// A database of its own for one test, removed afterwards.
pub struct TestDb {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    pg_cleanup: Option<(String, String)>,
}

impl TestDb {
    pub fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = DatabaseUrl::Sqlite(dir.path().join("isu-test.db"));
                Self { url, _dir: Some(dir), pg_cleanup: None }
            }
            Backend::Postgres => Self::postgres_at(&std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL")),
        }
    }

    /// A fresh database on the PostgreSQL server at `admin_url` (a test's own cluster).
    pub fn postgres_at(admin_url: &str) -> Self {
        let admin_url = admin_url.to_string();
        let name = format!("isu_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = diesel::PgConnection::establish(&admin_url).expect("connect to TEST_DATABASE_URL");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
        let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&name);
        Self { url: DatabaseUrl::Postgres(url.to_string()), _dir: None, pg_cleanup: Some((admin_url, name)) }
    }

    /// A migrated pool on this database.
    pub fn pool(&self) -> Pool {
        self.pool_with(&PoolOptions { max_size: 4, ..PoolOptions::default() })
    }

    /// A migrated pool on this database with these options.
    pub fn pool_with(&self, options: &PoolOptions) -> Pool {
        let pool = db::connect(&self.url, options).expect("pool");
        db::prepare(&mut pool.get().expect("connection")).expect("migrations and reference data");
        pool
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.pg_cleanup.take() {
            if let Ok(mut admin) = diesel::PgConnection::establish(&admin_url) {
                let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

pub const ISSUER: &str = "isu-test";
pub const AUDIENCE: &str = "isu-api-test";

/// A running server and a client for it.
pub struct TestApp {
    pub base_url: String,
    pub client: reqwest::Client,
    pub pool: Pool,
    /// The key the server signs with (tests forge tokens with it and with others).
    pub signing_key: SigningKey,
    /// The server's state (tests read its authentication counters and queues).
    pub state: AppState,
    handle: ServerHandle,
    // Dropped last: the database outlives the server (shared by the instances on it).
    _db: std::sync::Arc<TestDb>,
}

impl TestApp {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, RateLimits::default()).await
    }

    pub async fn start_with(backend: Backend, limits: RateLimits) -> Self {
        Self::start_on(std::sync::Arc::new(TestDb::new(backend)), limits, None).await
    }

    /// A server on `test_db` (which may already serve other instances); `options` for its pool
    /// (default: 4 connections and the default timeouts, which `AppState::new` assumes).
    pub async fn start_on(test_db: std::sync::Arc<TestDb>, limits: RateLimits, options: Option<PoolOptions>) -> Self {
        let options = options.unwrap_or(PoolOptions { max_size: 4, ..PoolOptions::default() });
        let pool = test_db.pool_with(&options);
        Self::start_on_pool(test_db, pool, limits).await
    }

    /// A server on `test_db` over a pool the test built itself (migrated here), with the default
    /// timeouts.
    pub async fn start_on_pool(test_db: std::sync::Arc<TestDb>, pool: Pool, limits: RateLimits) -> Self {
        db::prepare(&mut pool.get().expect("connection")).expect("migrations and reference data");
        Self::serve(test_db, pool, keys::generate(), limits)
    }

    /// A second server process on the same database, as a second instance of a deployment: its
    /// own pool, caches, rate limits and audit queue. It signs with the same key (instances of a
    /// deployment share `ISU_JWT_KEYS`).
    pub async fn another_instance(&self, limits: RateLimits) -> Self {
        let options = PoolOptions { max_size: 4, ..PoolOptions::default() };
        let pool = self._db.pool_with(&options);
        Self::serve(self._db.clone(), pool, self.signing_key.clone(), limits)
    }

    /// Starts a server on a loopback port over `pool`, signing tokens with `signing_key`.
    fn serve(test_db: std::sync::Arc<TestDb>, pool: Pool, signing_key: SigningKey, limits: RateLimits) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("address");
        let key_set = KeySet::from_keys(std::slice::from_ref(&signing_key)).expect("key set");
        let settings = TokenSettings { issuer: ISSUER.into(), audience: AUDIENCE.into(), lifetime_secs: 900 };
        let auth = AuthState::new(key_set, settings, &limits);
        let state = AppState::new(pool.clone(), auth);
        let server = http::server(state.clone(), listener, Some(1)).expect("server");
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Self {
            base_url: format!("http://{address}"),
            client: reqwest::Client::new(),
            pool,
            signing_key,
            state,
            handle,
            _db: test_db,
        }
    }

    /// Runs blocking database work (test set-up) off the async thread, under the server's SQLite
    /// writer lock: the server's writers (the audit log writes after its responses) and this work
    /// never meet in a transaction that read before it wrote (`SQLITE_BUSY_SNAPSHOT`).
    pub async fn with_db<T: Send + 'static>(&self, f: impl FnOnce(&mut DbConnection) -> T + Send + 'static) -> T {
        let pool = self.pool.clone();
        let lock = self.state.write_lock();
        actix_web::rt::task::spawn_blocking(move || {
            // The connection first, then the lock, in the server's order (no deadlock over the pool).
            let mut conn = pool.get().expect("connection");
            let _writer = lock.as_ref().map(|lock| lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
            f(&mut conn)
        })
        .await
        .expect("db task")
    }

    /// Creates an API client directly in the database; returns its id and secret.
    pub async fn create_client(&self, new: NewClient) -> (String, String) {
        let issued = isu_http::auth::secrets::issue(None).expect("hash a secret");
        self.with_db(move |conn| {
            let client =
                isu_store::clients::create(conn, &issued.client_id, &new, &issued.secret_hash).expect("create client");
            (client.id, issued.secret)
        })
        .await
    }

    /// A unit in `municipality`, created directly in the database; returns its id.
    pub async fn create_unit(&self, municipality: &str, name: &str) -> String {
        let (municipality, name) = (municipality.to_string(), name.to_string());
        self.with_db(move |conn| {
            use diesel::{ExpressionMethods, RunQueryDsl};
            use isu_store::schema::units;
            let id = uuid::Uuid::new_v4().to_string();
            let now = chrono::Utc::now().naive_utc();
            diesel::insert_into(units::table)
                .values((
                    units::id.eq(&id),
                    units::municipality_code.eq(&municipality),
                    units::name.eq(&name),
                    units::created_at.eq(now),
                    units::updated_at.eq(now),
                ))
                .execute(conn)
                .expect("insert unit");
            id
        })
        .await
    }

    /// Exchanges client credentials for an access token through `/oauth/token`.
    pub async fn token(&self, client_id: &str, secret: &str) -> String {
        let response = self
            .client
            .post(self.url("/oauth/token"))
            .basic_auth(client_id, Some(secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .expect("token request");
        assert_eq!(response.status(), 200, "token request failed");
        let body: serde_json::Value = response.json().await.expect("token body");
        body["access_token"].as_str().expect("access_token").to_string()
    }

    /// A token for a new client of `role` with the given tenancy.
    pub async fn token_for(&self, role: Role, units: &[&str], municipalities: &[&str], region: Option<&str>) -> String {
        let new = NewClient {
            name: format!("test {} {}", role.as_str(), uuid::Uuid::new_v4()),
            role,
            units: units.iter().map(|s| s.to_string()).collect(),
            municipalities: municipalities.iter().map(|s| s.to_string()).collect(),
            region: region.map(str::to_string),
        };
        let (id, secret) = self.create_client(new).await;
        self.token(&id, &secret).await
    }

    pub async fn admin_token(&self) -> String {
        self.token_for(Role::Admin, &[], &[], None).await
    }

    pub async fn analyst_token(&self) -> String {
        self.token_for(Role::Analyst, &[], &[], None).await
    }

    pub async fn vendor_token(&self, units: &[&str]) -> String {
        self.token_for(Role::Vendor, units, &[], None).await
    }

    pub async fn region_analyst_token(&self, region: &str) -> String {
        self.token_for(Role::RegionAnalyst, &[], &[], Some(region)).await
    }

    /// GET with a Bearer token.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.expect("request")
    }

    pub fn database_url(&self) -> DatabaseUrl {
        self._db.url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop without waiting; the runtime ends with the test anyway.
        let handle = self.handle.clone();
        drop(handle.stop(false));
    }
}

/// Asserts an RFC 9457 problem response and returns its body.
pub async fn expect_problem(response: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(content_type, "application/problem+json", "problem content type");
    let request_id = response.headers().get("x-request-id").cloned();
    let body: serde_json::Value = response.json().await.expect("problem body is JSON");
    assert_eq!(body["status"], status, "status in body: {body}");
    assert!(body["type"].as_str().is_some_and(|t| t.starts_with("https://")), "type: {body}");
    assert!(body["title"].is_string(), "title: {body}");
    let request_id = request_id.expect("X-Request-Id header");
    assert_eq!(body["request_id"], request_id.to_str().unwrap(), "request id in body: {body}");
    body
}

/// Terminates (as an operator, a crash or a fail-over would) the PostgreSQL backends of the
/// database at `url` that wait for a lock, once there is one (at most 3 s). Runs off the test's
/// async thread, which must go on driving the request that waits.
pub async fn terminate_backends_waiting_for_locks(url: String) {
    #[derive(diesel::QueryableByName)]
    struct Terminated {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    actix_web::rt::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        let mut observer = diesel::PgConnection::establish(&url).expect("connect");
        let waited = std::time::Instant::now();
        loop {
            let terminated: Terminated = diesel::sql_query(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
            )
            .get_result(&mut observer)
            .expect("terminate");
            if terminated.n > 0 {
                return;
            }
            assert!(waited.elapsed() < std::time::Duration::from_secs(3), "nothing ever waited for the lock");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    })
    .await
    .expect("terminator");
}

/// A valid SU-X 2021 record (a girl of 11, closed 2025-06-01 with goals met).
pub fn valid_record(case_ref: &str) -> serde_json::Value {
    serde_json::json!({
        "case_ref": case_ref, "age_at_referral": 11, "gender": "girl",
        "birth_background": "sweden_both_parents_sweden", "referred_on": "2025-01-10", "started_on": "2025-01-20",
        "previously_active": "no", "problem_areas": ["family_relations", "school"],
        "interventions": ["traditional_family_treatment", "manual_method"], "manual_methods": ["COS-P"],
        "closed_on": "2025-06-01", "closing_reason": "goals_met"
    })
}

/// Every row of a statistics or release table as JSON: its cells, then each margin's rows, then
/// the total.
pub fn all_rows(table: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut rows: Vec<&serde_json::Value> = table["rows"].as_array().unwrap().iter().collect();
    for margin in table["margins"].as_array().unwrap() {
        rows.extend(margin["rows"].as_array().unwrap());
    }
    rows.push(&table["total"]);
    rows
}
