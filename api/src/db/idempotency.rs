//! Idempotency keys (after the IETF draft and Stripe): the first request with a key runs; a
//! repeat with the same body within 24 hours gets the stored answer; a repeat with another body
//! is refused; a repeat while the first is still running is told so.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::idempotency_keys;
use super::{now, DbConnection};

/// How long a key is remembered.
pub const RETENTION_HOURS: i64 = 24;
/// A key still marked running after this long belongs to a request that died; it may be reused.
const STALE_RUNNING_SECS: i64 = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// First use: run the request, then `complete` or `release`.
    Proceed,
    /// Already answered: replay this.
    Replay { status: u16, body: String },
    /// The key was used with a different request.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

pub fn begin(conn: &mut DbConnection, client_id: &str, key: &str, request_hash: &str) -> QueryResult<Begin> {
    conn.transaction(|conn| {
        let current = now();
        let existing: Option<(String, Option<i32>, Option<String>, NaiveDateTime)> = idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::idempotency_key.eq(key))
            .select((
                idempotency_keys::request_hash,
                idempotency_keys::status,
                idempotency_keys::response_body,
                idempotency_keys::created_at,
            ))
            .first(conn)
            .optional()?;
        if let Some((hash, status, body, created_at)) = existing {
            let expired = created_at < current - Duration::hours(RETENTION_HOURS);
            let stale = status.is_none() && created_at < current - Duration::seconds(STALE_RUNNING_SECS);
            if !expired && !stale {
                if hash != request_hash {
                    return Ok(Begin::Mismatch);
                }
                return Ok(match (status, body) {
                    (Some(status), Some(body)) => Begin::Replay { status: status as u16, body },
                    _ => Begin::InProgress,
                });
            }
            release(conn, client_id, key)?;
        }
        let inserted = diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::client_id.eq(client_id),
                idempotency_keys::idempotency_key.eq(key),
                idempotency_keys::request_hash.eq(request_hash),
                idempotency_keys::created_at.eq(current),
            ))
            .execute(conn);
        match inserted {
            Ok(_) => Ok(Begin::Proceed),
            // Another request with the same key got there first.
            Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
                Ok(Begin::InProgress)
            }
            Err(e) => Err(e),
        }
    })
}

/// Stores the answer to replay.
pub fn complete(conn: &mut DbConnection, client_id: &str, key: &str, status: u16, body: &str) -> QueryResult<()> {
    diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .set((idempotency_keys::status.eq(Some(i32::from(status))), idempotency_keys::response_body.eq(Some(body))))
    .execute(conn)
    .map(|_| ())
}

/// Forgets a key (its request was refused by validation, so a corrected retry may reuse it).
pub fn release(conn: &mut DbConnection, client_id: &str, key: &str) -> QueryResult<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .execute(conn)
    .map(|_| ())
}
