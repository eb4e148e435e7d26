//! Everything backend-specific, in one module: connection set-up, migration locking and schema
//! introspection. The rest of the crate speaks diesel's query builder over [`DbConnection`].

use std::collections::BTreeMap;
use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2;
use diesel::sql_types::{Integer, Text};

use super::DbConnection;
use crate::url::DatabaseUrl;

/// Runs the same diesel expression on the concrete connection of either backend, for what
/// `MultiConnection` cannot express itself (multi-row `INSERT … VALUES (…), (…)`).
#[macro_export]
macro_rules! on_concrete_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::DbConnection::Sqlite($c) => $body,
            $crate::DbConnection::Postgresql($c) => $body,
        }
    };
}

/// Inserts a slice of flat `#[derive(Insertable)]` rows (with `treat_none_as_default_value =
/// false`) into `table` as fast as each backend allows: on SQLite, multi-row `INSERT … VALUES`
/// statements of at most [`SQLITE_ROWS_PER_STATEMENT`] rows; on PostgreSQL, one binary
/// `COPY … FROM STDIN`, which skips parsing and planning a statement altogether. Evaluates to
/// `QueryResult<usize>`; run it inside a transaction.
#[macro_export]
macro_rules! bulk_insert {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let rows = $rows;
        match $conn {
            _ if rows.is_empty() => diesel::QueryResult::Ok(0),
            $crate::DbConnection::Sqlite(c) => rows
                .chunks($crate::backend::SQLITE_ROWS_PER_STATEMENT)
                .try_fold(0, |n, chunk| diesel::insert_into($table).values(chunk).execute(c).map(|m| n + m)),
            $crate::DbConnection::Postgresql(c) => diesel::copy_from($table).from_insertable(rows).execute(c),
        }
    }};
}

/// Inserts a slice of `#[derive(Insertable)]` rows (with `treat_none_as_default_value = false`),
/// which may embed other insertables, into `table` by multi-row `INSERT … VALUES` statements of at
/// most [`SQLITE_ROWS_PER_STATEMENT`] rows, on both backends. For rows `COPY` cannot take (nested
/// ones); measured against `COPY` for `cases` in `docs/decisions/0009-national-scale.md`. Evaluates to
/// `QueryResult<usize>`; run it inside a transaction.
#[macro_export]
macro_rules! multi_row_insert {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let rows = $rows;
        $crate::on_concrete_backend!($conn, c => rows
            .chunks($crate::backend::SQLITE_ROWS_PER_STATEMENT)
            .try_fold(0, |n, chunk| diesel::insert_into($table).values(chunk).execute(c).map(|m| n + m)))
    }};
}

/// Inserts the few rows one record writes into a table (its problem areas, its key), as cheaply
/// as each backend allows for a handful: on SQLite, in process, a cached single-row statement per
/// row (a multi-row statement's text depends on the row count, so it is prepared anew on every
/// write — measured at a fifth of a single-record write); on PostgreSQL one multi-row `INSERT`,
/// one round trip. Evaluates to `QueryResult<usize>`.
#[macro_export]
macro_rules! few_rows_insert {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let rows = $rows;
        match $conn {
            _ if rows.is_empty() => diesel::QueryResult::Ok(0),
            $crate::DbConnection::Sqlite(c) => {
                rows.iter().try_fold(0, |n, row| diesel::insert_into($table).values(row).execute(c).map(|m| n + m))
            }
            $crate::DbConnection::Postgresql(c) => diesel::insert_into($table).values(rows).execute(c),
        }
    }};
}

/// Rows per multi-row `INSERT`: SQLite allows 32,766 bound parameters per statement (PostgreSQL
/// 65,535), and our widest table (`cases`) has 25 columns.
pub const SQLITE_ROWS_PER_STATEMENT: usize = 1_000;

/// SQLite settings for a server: WAL so readers never block the writer, a busy timeout instead of
/// immediate `SQLITE_BUSY`, and enforced foreign keys (off by default in SQLite).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

/// Settings every pooled connection gets when it is opened.
#[derive(Debug, Clone, Default)]
pub struct SessionSettings {
    /// PostgreSQL `statement_timeout`; `None` keeps the server's.
    pub statement_timeout: Option<std::time::Duration>,
    /// libpq `connect_timeout` (whole seconds, at least 2 as libpq requires), unless the URL sets one.
    pub connect_timeout: std::time::Duration,
}

pub fn connect(url: &DatabaseUrl, session: &SessionSettings) -> Result<DbConnection, r2d2::Error> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let path = path.to_str().ok_or_else(|| {
                r2d2::Error::ConnectionError(diesel::ConnectionError::InvalidConnectionUrl(
                    "SQLite path is not valid UTF-8".into(),
                ))
            })?;
            let mut conn = diesel::SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
            conn.batch_execute(SQLITE_PRAGMAS).map_err(r2d2::Error::QueryError)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(url) => {
            let url = with_connect_timeout(url, session.connect_timeout);
            let mut conn = diesel::PgConnection::establish(&url).map_err(r2d2::Error::ConnectionError)?;
            if let Some(timeout) = session.statement_timeout {
                // Also bounds waits for locks; `idle_in_transaction_session_timeout` ends a session
                // whose client stalled inside a transaction, releasing what it holds.
                let millis = timeout.as_millis().max(1);
                conn.batch_execute(&format!(
                    "SET statement_timeout = {millis}; SET idle_in_transaction_session_timeout = {}",
                    millis * 4
                ))
                .map_err(r2d2::Error::QueryError)?;
            }
            Ok(DbConnection::Postgresql(conn))
        }
    }
}

/// Adds libpq's `connect_timeout` to a PostgreSQL URL that has none, so that opening a connection
/// to a server that accepts TCP but never answers (a frozen postmaster) fails instead of hanging.
fn with_connect_timeout(url: &str, timeout: std::time::Duration) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if !parsed.query_pairs().any(|(k, _)| k == "connect_timeout") => {
            let seconds = timeout.as_secs().max(2);
            parsed.query_pairs_mut().append_pair("connect_timeout", &seconds.to_string());
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

/// Takes a lock held until the current transaction ends (also when its connection dies), or
/// answers `false` at once when another transaction holds it. PostgreSQL: an advisory transaction
/// lock, shared by every instance on the database. SQLite: always `true`, since each process
/// serialises its writers and SQLite itself serialises processes.
pub fn try_transaction_lock(conn: &mut DbConnection, key: i64) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Taken {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        taken: bool,
    }
    match conn {
        DbConnection::Sqlite(_) => Ok(true),
        DbConnection::Postgresql(c) => diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS taken")
            .bind::<diesel::sql_types::BigInt, _>(key)
            .get_result::<Taken>(c)
            .map(|t| t.taken),
    }
}

/// For a one-off bulk load (`isu seed`): SQLite may skip syncing, since a crash mid-load only
/// loses synthetic data that is simply generated again. PostgreSQL is left as configured.
pub fn bulk_load_mode(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"),
        DbConnection::Postgresql(c) => c.batch_execute("SET synchronous_commit = off"),
    }
}

/// Creates the SQLite file's directory, so `make run` works on a fresh clone.
pub fn prepare_sqlite_path(path: &Path) -> Result<(), String> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the database directory {}: {e}", dir.display())),
        _ => Ok(()),
    }
}

/// Serialises migrations across instances starting at once: a PostgreSQL advisory lock (SQLite
/// serialises writers by itself).
pub fn with_migration_lock<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, String>,
) -> Result<T, String> {
    const LOCK_KEY: i64 = 7_301_150_001; // arbitrary, fixed for this application
    if let DbConnection::Postgresql(pg) = conn {
        pg.batch_execute(&format!("SELECT pg_advisory_lock({LOCK_KEY})"))
            .map_err(|e| format!("cannot take the migration lock: {e}"))?;
    }
    let result = f(conn);
    if let DbConnection::Postgresql(pg) = conn {
        let _ = pg.batch_execute(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"));
    }
    result
}

/// A column as the schema-equivalence check sees it: canonical type names shared by both backends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnShape {
    pub name: String,
    pub sql_type: String,
    pub nullable: bool,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    col_type: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

/// Maps each backend's type names onto one vocabulary, so equivalent schemas compare equal.
fn canonical_type(raw: &str) -> String {
    let t = raw.trim().to_ascii_lowercase();
    match t.as_str() {
        "text" | "character varying" | "varchar" => "text",
        "integer" | "int" | "int4" => "integer",
        "bigint" | "int8" => "bigint",
        "smallint" | "int2" => "smallint",
        "boolean" | "bool" => "boolean",
        "date" => "date",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "double precision" | "double" | "real" | "float8" => "double",
        "bytea" | "blob" | "binary" => "binary",
        other => other,
    }
    .to_string()
}

/// Tables and columns of the application schema (diesel's bookkeeping table excluded).
pub fn describe_schema(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, Vec<ColumnShape>>> {
    let mut tables: BTreeMap<String, Vec<ColumnShape>> = BTreeMap::new();
    match conn {
        DbConnection::Sqlite(c) => {
            let names: Vec<TableName> = diesel::sql_query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name <> '__diesel_schema_migrations' ORDER BY name",
            )
            .load(c)?;
            for table in names {
                let columns: Vec<SqliteColumn> = diesel::sql_query(
                    "SELECT name, type AS col_type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid",
                )
                .bind::<Text, _>(&table.name)
                .load(c)?;
                let shapes = columns
                    .into_iter()
                    .map(|col| ColumnShape {
                        name: col.name,
                        sql_type: canonical_type(&col.col_type),
                        // SQLite lets non-integer primary keys hold NULL unless declared NOT NULL;
                        // our migrations declare it, so `pk` is only informative here.
                        nullable: col.notnull == 0 && col.pk == 0,
                    })
                    .collect();
                tables.insert(table.name, shapes);
            }
        }
        DbConnection::Postgresql(c) => {
            let columns: Vec<PgColumn> = diesel::sql_query(
                "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name <> '__diesel_schema_migrations' ORDER BY table_name, ordinal_position",
            )
            .load(c)?;
            for col in columns {
                tables.entry(col.table_name).or_default().push(ColumnShape {
                    name: col.column_name,
                    sql_type: canonical_type(&col.data_type),
                    nullable: col.is_nullable == "YES",
                });
            }
        }
    }
    Ok(tables)
}
