//! Storage: one diesel code path over SQLite (embedded default) and PostgreSQL (production).
//!
//! Queries are written once against [`DbConnection`], diesel's `MultiConnection` over both
//! backends. What cannot be shared (connection set-up, migration locking, schema introspection)
//! lives in [`backend`] and nowhere else.
//!
//! Layer: `isu-domain` ← **`isu-store`** ← `isu-api`. Storage knows the domain's types (a
//! `ValidRecord` is what it writes) and nothing above it: it returns its own rows and its own
//! error ([`StoreError`]); the HTTP layer maps that to problem+json in one place.

pub mod audit;
pub mod backend;
pub mod cases;
pub mod clients;
pub mod coverage;
pub mod error;
pub mod idempotency;
pub mod keys;
pub mod methods;
pub mod organisation;
pub mod reference;
pub mod releases;
pub mod schema;
pub mod stats;
pub mod url;
pub mod watch;

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::url::DatabaseUrl;
pub use error::StoreError;

/// A connection to either backend. Diesel generates `MultiBackend` for it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type Pool = r2d2::Pool<DbManager>;
pub type PooledConnection = r2d2::PooledConnection<DbManager>;
pub type PoolError = r2d2::PoolError;

/// One migrations tree per backend, kept equivalent (a test compares the schemas they produce).
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Opens connections for the configured backend explicitly (diesel's `MultiConnection::establish`
/// would try each backend in turn, and SQLite accepts any string as a file name).
#[derive(Debug, Clone)]
pub struct DbManager {
    url: DatabaseUrl,
    session: backend::SessionSettings,
}

impl DbManager {
    pub fn new(url: DatabaseUrl, session: backend::SessionSettings) -> Self {
        Self { url, session }
    }
}

impl ManageConnection for DbManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        backend::connect(&self.url, &self.session)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Pool settings. The defaults suit one instance on a small machine and bound every wait on the
/// database so that a caller gets its answer (503 in an outage) within about 5 s; see
/// `docs/decisions/0007-reliability.md`.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_size: u32,
    /// How long a request waits for a pooled connection before it is answered 503.
    pub checkout_timeout: Duration,
    /// How long a new connection may take to be established (libpq `connect_timeout`), and how
    /// long start-up waits for the first one.
    pub connect_timeout: Duration,
    /// PostgreSQL `statement_timeout` of every pooled connection (`None`: the server's setting).
    /// SQLite has none: it cannot hang on a remote server.
    pub statement_timeout: Option<Duration>,
}

pub const DEFAULT_CHECKOUT_TIMEOUT: Duration = Duration::from_secs(3);
pub const DEFAULT_STATEMENT_TIMEOUT: Duration = Duration::from_secs(4);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 10,
            checkout_timeout: DEFAULT_CHECKOUT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            statement_timeout: Some(DEFAULT_STATEMENT_TIMEOUT),
        }
    }
}

impl PoolOptions {
    /// For one-off commands (`migrate`, `seed`, `clients`): no statement timeout, since a
    /// migration or a bulk load may rightly run for minutes.
    pub fn for_command(connect_timeout: Duration) -> Self {
        Self { max_size: 1, checkout_timeout: connect_timeout, connect_timeout, statement_timeout: None }
    }

    /// The bounds a request's wait on this pool's database is held to.
    pub fn wait_bounds(&self, url: &DatabaseUrl) -> watch::WaitBounds {
        watch::WaitBounds {
            checkout: self.checkout_timeout,
            statement: match url {
                DatabaseUrl::Postgres(_) => self.statement_timeout,
                DatabaseUrl::Sqlite(_) => None,
            },
            grace: Duration::from_secs(1),
        }
    }
}

/// Builds the pool and proves the database is reachable (one connection within the connect
/// timeout).
pub fn connect(url: &DatabaseUrl, options: &PoolOptions) -> Result<Pool, String> {
    if let DatabaseUrl::Sqlite(path) = url {
        backend::prepare_sqlite_path(path)?;
    }
    let session = backend::SessionSettings {
        statement_timeout: options.statement_timeout,
        connect_timeout: options.connect_timeout,
    };
    let pool = r2d2::Pool::builder()
        .max_size(options.max_size)
        .min_idle(Some(1))
        .connection_timeout(options.checkout_timeout)
        // Connections are checked on checkout so that the first requests after an outage do not
        // meet connections the outage killed.
        .test_on_check_out(true)
        .error_handler(Box::new(r2d2::LoggingErrorHandler))
        .build_unchecked(DbManager::new(url.clone(), session));
    pool.get_timeout(options.connect_timeout)
        .map_err(|e| format!("cannot connect to the database at {}: {e}", url.redacted()))?;
    Ok(pool)
}

/// Applies pending migrations of the connection's backend; returns the versions applied.
pub fn migrate(conn: &mut DbConnection) -> Result<Vec<String>, String> {
    backend::with_migration_lock(conn, |conn| {
        let applied = match conn {
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| format!("migration failed: {e}"))?;
        Ok(applied.into_iter().map(|v| v.to_string()).collect())
    })
}

/// Everything a database needs before serving: migrations, then the embedded reference data.
pub fn prepare(conn: &mut DbConnection) -> Result<reference::SyncReport, String> {
    isu_domain::ensure_loaded().map_err(|e| format!("embedded reference data is invalid: {e}"))?;
    migrate(conn)?;
    // Records stored before the cell-key migration (or around the API) get their keys now.
    keys::backfill(conn).map_err(|e| format!("cannot give records their cell keys: {e}"))?;
    reference::sync(conn).map_err(|e| format!("cannot load reference data: {e}"))
}

/// The current time in whole microseconds, the precision both backends store, so that what a
/// write answers equals what later reads answer.
pub fn now() -> NaiveDateTime {
    use chrono::SubsecRound;
    chrono::Utc::now().naive_utc().trunc_subsecs(6)
}

/// `SELECT 1`: the database answers.
pub fn ping(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}
