//! What storage reports when it cannot do what was asked, in storage's own words.
//!
//! Storage never speaks HTTP: `http/problem.rs` maps a [`StoreError`] to problem+json in one
//! `From` impl, and a use case that retries (`cases::put`) matches on [`StoreError::Concurrent`],
//! which names exactly the failures a retry can cure — not on whatever an HTTP status happened to
//! be shared with.

use isu_domain::FieldError;

use isu_domain::validation::Invalid;

/// Every error of the `db` module.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Nothing is stored under the key asked for.
    #[error("not found: {0}")]
    NotFound(String),
    /// The write would give an object an identity or a name another object already has.
    #[error("taken: {0}")]
    Taken(String),
    /// Another transaction changed the same rows first: a serialization failure, a unique
    /// violation between two inserts of the same new row, or an optimistic update that matched
    /// no row. The same request may succeed when retried.
    #[error("concurrent change: {0}")]
    Concurrent(String),
    /// The caller's condition on the stored state (`If-Match`, `If-None-Match`) does not hold.
    #[error("precondition failed: {0}")]
    PreconditionFailed(String),
    /// The input names things that are not stored (an unknown unit, municipality or region), or
    /// breaks a rule checked against stored data; each error names its field.
    #[error("invalid input ({} errors)", .0.len())]
    Invalid(Vec<FieldError>),
    /// Stored data this code cannot read (an unknown code in a column): a bug or a hand-edited
    /// database, never the caller's fault.
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
    /// The database cannot serve now (down, restarting, locked past the busy timeout, full, the
    /// pool exhausted); the same request may succeed later.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Any other database error: a bug.
    #[error("database error: {0}")]
    Database(diesel::result::Error),
}

impl StoreError {
    pub fn corrupt(cause: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(cause.to_string())
    }
}

impl From<diesel::result::Error> for StoreError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        if is_database_unavailable(&err) {
            return StoreError::Unavailable(err.to_string());
        }
        match err {
            Error::NotFound => StoreError::NotFound("no such row".into()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                tracing::info!(constraint = ?info.constraint_name(), "unique violation");
                StoreError::Concurrent("a resource with the same identity already exists".into())
            }
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                StoreError::Concurrent("a concurrent change to the same resource won; retry".into())
            }
            other => StoreError::Database(other),
        }
    }
}

impl From<super::PoolError> for StoreError {
    fn from(err: super::PoolError) -> Self {
        StoreError::Unavailable(err.to_string())
    }
}

impl From<Invalid> for StoreError {
    fn from(invalid: Invalid) -> Self {
        StoreError::Invalid(invalid.0)
    }
}

/// Messages of database errors that mean "the database cannot serve now; the same request may
/// succeed later" rather than "this request is wrong" or "this code is wrong". Matched in lower
/// case as substrings. PostgreSQL's are its English texts (`lc_messages` in English or C, the
/// default): diesel hands over the message but not the SQLSTATE. Connections that died are
/// recognised by kind as well ([`is_database_unavailable`]), whatever the language.
const UNAVAILABLE_MESSAGES: &[&str] = &[
    // SQLite: the single writer stayed busy past the busy timeout; the disk (or the file's
    // `max_page_count`) is full; the file cannot be read or written.
    "database is locked",
    "database table is locked",
    "database or disk is full",
    "disk i/o error",
    "unable to open database file",
    // SQLite rolls a transaction back by itself on a full disk, an I/O error or a busy lock; the
    // rollback diesel then sends finds none (and the savepoint is gone), and that error is the
    // one reported. It only happens after one of the above.
    "cannot rollback - no transaction is active",
    "no such savepoint",
    // PostgreSQL: a statement cancelled by `statement_timeout`, `lock_timeout` or an operator.
    "canceling statement due to statement timeout",
    "canceling statement due to lock timeout",
    "canceling statement due to user request",
    "canceling statement due to conflict with recovery",
    // PostgreSQL: the server is going away, coming back, full, or read-only (fail-over).
    "terminating connection",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "the database system is not yet accepting connections",
    "sorry, too many clients already",
    "remaining connection slots are reserved",
    "could not write to file",
    "no space left on device",
    // libpq: the connection broke (also reported by kind, see below).
    "server closed the connection unexpectedly",
    "no connection to the server",
    "connection to server",
    "could not receive data from server",
    "could not send data to server",
    "broken pipe",
    "ssl syscall error",
];

/// Whether a database error means the database is unavailable (down, unreachable, restarting,
/// frozen past a timeout, out of space): answered 503 with `Retry-After`, never 500. The one
/// place this is decided; see `docs/decisions/0007-reliability.md`.
pub fn is_database_unavailable(err: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match err {
        // libpq reports a lost connection (or one it could not use) by these kinds.
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, _) => true,
        // A read-only transaction during a fail-over: the primary is elsewhere for now.
        Error::DatabaseError(DatabaseErrorKind::ReadOnlyTransaction, _) => true,
        Error::DatabaseError(_, info) => {
            let message = info.message().to_ascii_lowercase();
            UNAVAILABLE_MESSAGES.iter().any(|known| message.contains(known))
        }
        // The connection died inside a transaction, so the rollback failed too.
        Error::BrokenTransactionManager => true,
        Error::RollbackErrorOnCommit { rollback_error, commit_error } => {
            is_database_unavailable(commit_error) || is_database_unavailable(rollback_error)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use diesel::result::{DatabaseErrorKind, Error};

    use super::StoreError;

    fn database_error(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_string()))
    }

    #[test]
    fn a_retry_can_cure_exactly_unique_races_and_serialization_failures() {
        let unique = database_error(DatabaseErrorKind::UniqueViolation, "UNIQUE constraint failed: cases.unit_id");
        assert!(matches!(StoreError::from(unique), StoreError::Concurrent(_)));
        let serialization = database_error(DatabaseErrorKind::SerializationFailure, "could not serialize access");
        assert!(matches!(StoreError::from(serialization), StoreError::Concurrent(_)));
        let foreign_key = database_error(DatabaseErrorKind::ForeignKeyViolation, "FOREIGN KEY constraint failed");
        assert!(matches!(StoreError::from(foreign_key), StoreError::Database(_)));
    }

    #[test]
    fn an_outage_is_unavailable_whatever_its_kind() {
        let locked = database_error(DatabaseErrorKind::Unknown, "database is locked");
        assert!(matches!(StoreError::from(locked), StoreError::Unavailable(_)));
        let closed = database_error(DatabaseErrorKind::ClosedConnection, "anything");
        assert!(matches!(StoreError::from(closed), StoreError::Unavailable(_)));
        assert!(matches!(StoreError::from(Error::BrokenTransactionManager), StoreError::Unavailable(_)));
        assert!(matches!(StoreError::from(Error::NotFound), StoreError::NotFound(_)));
    }
}
