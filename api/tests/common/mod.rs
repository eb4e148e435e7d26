//! Test harness: a real server on a loopback port, over a real database (SQLite file or a fresh
//! PostgreSQL database), spoken to over real HTTP.
#![allow(dead_code)]

use std::net::TcpListener;

use actix_web::dev::ServerHandle;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use ed25519_dalek::SigningKey;
use isu_api::auth::keys::{self, KeySet};
use isu_api::auth::tokens::TokenSettings;
use isu_api::auth::{AuthState, RateLimits, Role};
use isu_api::config::DatabaseUrl;
use isu_api::db::clients::NewClient;
use isu_api::db::{self, DbConnection, Pool, PoolOptions};
use isu_api::http::{self, AppState};

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
                    super::$name($crate::common::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    if $crate::common::postgres_enabled() {
                        super::$name($crate::common::Backend::Postgres).await
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
            Backend::Postgres => {
                let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
                let name = format!("isu_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = diesel::PgConnection::establish(&admin_url).expect("connect to TEST_DATABASE_URL");
                admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
                let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                Self { url: DatabaseUrl::Postgres(url.to_string()), _dir: None, pg_cleanup: Some((admin_url, name)) }
            }
        }
    }

    /// A migrated pool on this database.
    pub fn pool(&self) -> Pool {
        let pool = db::connect(&self.url, &PoolOptions { max_size: 4, ..PoolOptions::default() }).expect("pool");
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
    /// The server's authentication state (tests read its counters).
    pub auth: std::sync::Arc<AuthState>,
    handle: ServerHandle,
    // Dropped last: the database outlives the server.
    _db: TestDb,
}

impl TestApp {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, RateLimits::default()).await
    }

    pub async fn start_with(backend: Backend, limits: RateLimits) -> Self {
        let test_db = TestDb::new(backend);
        let pool = test_db.pool();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("address");
        let signing_key = keys::generate();
        let key_set = KeySet::from_keys(std::slice::from_ref(&signing_key)).expect("key set");
        let settings = TokenSettings { issuer: ISSUER.into(), audience: AUDIENCE.into(), lifetime_secs: 900 };
        let auth = AuthState::new(key_set, settings, &limits);
        let state = AppState::new(pool.clone(), auth);
        let auth = state.auth.clone();
        let server = http::server(state, listener, Some(1)).expect("server");
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Self {
            base_url: format!("http://{address}"),
            client: reqwest::Client::new(),
            pool,
            signing_key,
            auth,
            handle,
            _db: test_db,
        }
    }

    /// Runs blocking database work (test set-up) off the async thread.
    pub async fn with_db<T: Send + 'static>(&self, f: impl FnOnce(&mut DbConnection) -> T + Send + 'static) -> T {
        let pool = self.pool.clone();
        actix_web::rt::task::spawn_blocking(move || f(&mut pool.get().expect("connection"))).await.expect("db task")
    }

    /// Creates an API client directly in the database; returns its id and secret.
    pub async fn create_client(&self, new: NewClient) -> (String, String) {
        self.with_db(move |conn| {
            let (client, secret) = isu_api::db::clients::create(conn, &new).expect("create client");
            (client.id, secret)
        })
        .await
    }

    /// A unit in `municipality`, created directly in the database; returns its id.
    pub async fn create_unit(&self, municipality: &str, name: &str) -> String {
        let (municipality, name) = (municipality.to_string(), name.to_string());
        self.with_db(move |conn| {
            use diesel::{ExpressionMethods, RunQueryDsl};
            use isu_api::db::schema::units;
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
