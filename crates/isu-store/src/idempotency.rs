//! Idempotency keys (after the IETF draft and Stripe): the first request with a key runs; a
//! repeat with the same body within 24 hours gets the stored answer; a repeat with another body
//! is refused; a repeat while the first is still running is told so. A key is remembered only
//! together with the work it answered (one transaction), so a request that did not complete
//! never holds its key.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::idempotency_keys;
use super::{now, DbConnection};

/// How long a key is remembered.
pub const RETENTION_HOURS: i64 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// First use: do the work, then [`complete`], all in the transaction that called [`claim`].
    Proceed,
    /// Already answered: replay this.
    Replay { status: u16, body: String },
    /// The key was used with a different request.
    Mismatch,
    /// A request with this key is running right now (its transaction holds the key's lock).
    InProgress,
}

/// Claims `key` for the calling transaction, which must also do the request's work and call
/// [`complete`]. Nothing about a request in flight is stored: "in flight" is a lock held by its
/// transaction (on PostgreSQL an advisory transaction lock, seen by every instance; on SQLite the
/// writer lock). So a request that fails in any way (a refusal, a database outage, a crash, a
/// connection that dies) rolls back and leaves the key free for its retry, and 409 means that a
/// request with the key is really running.
pub fn claim(conn: &mut DbConnection, client_id: &str, key: &str, request_hash: &str) -> QueryResult<Begin> {
    if !super::backend::try_transaction_lock(conn, lock_key(client_id, key))? {
        return Ok(Begin::InProgress);
    }
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
        match (status, body) {
            (Some(_), Some(_)) if !expired && hash != request_hash => return Ok(Begin::Mismatch),
            (Some(status), Some(body)) if !expired => return Ok(Begin::Replay { status: status as u16, body }),
            // Expired, or a claim without an answer left by a version that stored claims before
            // working: nobody holds the lock, so nothing is running. Forget it.
            _ => forget(conn, client_id, key)?,
        }
    }
    Ok(Begin::Proceed)
}

/// Stores the answer to replay, in the transaction that did the work and called [`claim`].
pub fn complete(
    conn: &mut DbConnection,
    client_id: &str,
    key: &str,
    request_hash: &str,
    status: u16,
    body: &str,
) -> QueryResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::client_id.eq(client_id),
            idempotency_keys::idempotency_key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::status.eq(Some(i32::from(status))),
            idempotency_keys::response_body.eq(Some(body)),
            idempotency_keys::created_at.eq(now()),
        ))
        .execute(conn)
        .map(|_| ())
}

fn forget(conn: &mut DbConnection, client_id: &str, key: &str) -> QueryResult<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .execute(conn)
    .map(|_| ())
}

/// The key's lock number: 64 bits of SHA-256 over client and key (a collision only makes two
/// unrelated requests wait for each other's 409, never share an answer).
fn lock_key(client_id: &str, key: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new().chain_update(client_id).chain_update([0u8]).chain_update(key).finalize();
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}
