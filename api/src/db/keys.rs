//! Secret per-record keys of the cell-key method (decision 0008): drawn when a record is first
//! stored, kept when it is replaced, removed when it is erased. They are read only by the
//! statistics loader and never leave the server (no response, export, log or client shows them).

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use rand::RngCore;

use super::schema::{case_keys, cases};
use super::DbConnection;

/// Keys are uniform in `0..KEY_RANGE`: a key `k` stands for the fraction `k / 2^32` in [0, 1), so
/// the sum of keys modulo 2^32 is the ABS's "sum of record keys modulo 1" at 32-bit precision.
pub const KEY_RANGE: i64 = 1 << 32;

/// A fresh key from the operating system's generator (through `rand`'s thread generator, a
/// CSPRNG seeded from it): an attacker who knows every other key learns nothing about this one.
fn fresh_key() -> i64 {
    i64::from(rand::thread_rng().next_u32())
}

#[derive(Insertable)]
#[diesel(table_name = case_keys, treat_none_as_default_value = false)]
struct KeyRow<'a> {
    case_id: &'a str,
    record_key: i64,
}

/// Gives the new record `case_id` its key. Call in the transaction that inserts the record.
pub fn create(conn: &mut DbConnection, case_id: &str) -> QueryResult<()> {
    create_many(conn, &[case_id]).map(|_| ())
}

/// Gives each new record its key (bulk loads: `COPY` on PostgreSQL). In the inserting transaction.
pub fn create_many(conn: &mut DbConnection, case_ids: &[&str]) -> QueryResult<usize> {
    let rows: Vec<KeyRow> = case_ids.iter().map(|id| KeyRow { case_id: id, record_key: fresh_key() }).collect();
    crate::bulk_insert!(conn, case_keys::table, &rows)
}

/// Removes the key of an erased record (the foreign key cascades too; this does not rely on it).
pub fn erase(conn: &mut DbConnection, case_id: &str) -> QueryResult<()> {
    diesel::delete(case_keys::table.find(case_id)).execute(conn).map(|_| ())
}

/// Gives every record without a key one: records stored before the keys existed (run at start,
/// after the migrations) and records written around the API. Returns how many it gave.
pub fn backfill(conn: &mut DbConnection) -> QueryResult<usize> {
    let mut given = 0;
    loop {
        let missing: Vec<String> = cases::table
            .left_join(case_keys::table)
            .filter(case_keys::case_id.nullable().is_null())
            .select(cases::id)
            .limit(10_000)
            .load(conn)?;
        if missing.is_empty() {
            return Ok(given);
        }
        let ids: Vec<&str> = missing.iter().map(String::as_str).collect();
        given += conn.transaction(|conn| {
            // Another instance may backfill at the same time: insert only what is still missing.
            let present: Vec<String> =
                case_keys::table.filter(case_keys::case_id.eq_any(&ids)).select(case_keys::case_id).load(conn)?;
            let still: Vec<&str> = ids.iter().copied().filter(|id| !present.iter().any(|p| p == id)).collect();
            create_many(conn, &still)
        })?;
    }
}

/// The keys of the records of `units` (None: all) that closed in `from..=to`: case id → key.
pub fn of_closed(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<HashMap<String, u32>> {
    let mut query = case_keys::table
        .inner_join(cases::table)
        .filter(cases::closed_on.between(from, to))
        .select((case_keys::case_id, case_keys::record_key))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(cases::unit_id.eq_any(units));
    }
    Ok(query
        .load::<(String, i64)>(conn)?
        .into_iter()
        .map(|(id, key)| (id, u32::try_from(key.rem_euclid(KEY_RANGE)).unwrap_or_default()))
        .collect())
}

/// The key of one record (tests and diagnostics; never for a response).
pub fn of_case(conn: &mut DbConnection, case_id: &str) -> QueryResult<Option<u32>> {
    let key: Option<i64> = case_keys::table.find(case_id).select(case_keys::record_key).first(conn).optional()?;
    Ok(key.map(|k| u32::try_from(k.rem_euclid(KEY_RANGE)).unwrap_or_default()))
}
