//! Secret per-record keys of the cell-key method (decision 0008): drawn when a record is first
//! stored, kept when it is replaced, removed when it is erased. They are read only by the
//! statistics loader and never leave the server (no response, export, log or client shows them).
//!
//! A new record also waits before it enters protected statistics: a unit-year's waiting records
//! are admitted together, in the transaction of the write that makes them [`ADMISSION_BATCH`], so
//! that two protected answers before and after new data differ by a batch of children, never by
//! the one child an attacker watched arrive.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
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

/// New records of a unit-year enter protected statistics together, once this many wait.
pub const ADMISSION_BATCH: usize = 10;

/// `admitted_in` of records admitted without waiting (stored before the keys existed, or written
/// around the API).
const ADMITTED_AT_ONCE: i64 = 0;

#[derive(Insertable)]
#[diesel(table_name = case_keys, treat_none_as_default_value = false)]
struct KeyRow<'a> {
    case_id: &'a str,
    record_key: i64,
    admitted_in: Option<i64>,
}

/// Gives the new record `case_id` (of `unit_id`, closed in `year`) its key, waiting for
/// admission. Call in the transaction that inserts the record, after its counter was raised.
pub fn create(conn: &mut DbConnection, case_id: &str, unit_id: &str, year: i32) -> QueryResult<()> {
    create_many(conn, &[(case_id, unit_id, year)]).map(|_| ())
}

/// Gives each new record (case id, unit id, closing year) its key (bulk loads: `COPY` on
/// PostgreSQL) and admits the unit-years that now have a batch waiting. In the inserting
/// transaction, after the counters were raised.
pub fn create_many(conn: &mut DbConnection, new: &[(&str, &str, i32)]) -> QueryResult<usize> {
    let rows: Vec<KeyRow> =
        new.iter().map(|(id, _, _)| KeyRow { case_id: id, record_key: fresh_key(), admitted_in: None }).collect();
    let written = crate::bulk_insert!(conn, case_keys::table, &rows)?;
    let mut units: Vec<&str> = new.iter().map(|(_, unit, _)| *unit).collect();
    units.sort_unstable();
    units.dedup();
    // One query for every unit of the write (not one per unit-year: a bulk load touches thousands
    // of unit-years). Few rows wait at any time: fewer than a batch per unit-year.
    let mut waiting: HashMap<(String, i32), Vec<String>> = HashMap::new();
    for chunk in units.chunks(500) {
        let rows: Vec<(String, String, NaiveDate)> = case_keys::table
            .inner_join(cases::table)
            .filter(case_keys::admitted_in.is_null())
            .filter(cases::unit_id.eq_any(chunk))
            .select((case_keys::case_id, cases::unit_id, cases::closed_on))
            .load(conn)?;
        for (id, unit, closed_on) in rows {
            waiting.entry((unit, closed_on.year())).or_default().push(id);
        }
    }
    let ready: Vec<String> = waiting.into_values().filter(|ids| ids.len() >= ADMISSION_BATCH).flatten().collect();
    admit(conn, &ready)?;
    Ok(written)
}

fn admit(conn: &mut DbConnection, ids: &[String]) -> QueryResult<()> {
    let batch = chrono::Utc::now().timestamp_micros();
    for chunk in ids.chunks(500) {
        diesel::update(case_keys::table.filter(case_keys::case_id.eq_any(chunk)))
            .set(case_keys::admitted_in.eq(Some(batch)))
            .execute(conn)?;
    }
    Ok(())
}

/// Admits every waiting record at once, raising their unit-years' counters (operations: the end
/// of a reporting year, and tests that need a single record counted).
pub fn admit_all(conn: &mut DbConnection) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let rows: Vec<(String, String, NaiveDate)> = case_keys::table
            .inner_join(cases::table)
            .filter(case_keys::admitted_in.is_null())
            .select((case_keys::case_id, cases::unit_id, cases::closed_on))
            .load(conn)?;
        let ids: Vec<String> = rows.iter().map(|(id, _, _)| id.clone()).collect();
        admit(conn, &ids)?;
        let unit_years: Vec<(&str, i32)> =
            rows.iter().map(|(_, unit, closed)| (unit.as_str(), closed.year())).collect();
        super::stats::bump(conn, &unit_years)?;
        Ok(ids.len())
    })
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
            let present: std::collections::HashSet<String> = case_keys::table
                .filter(case_keys::case_id.eq_any(&ids))
                .select(case_keys::case_id)
                .load::<String>(conn)?
                .into_iter()
                .collect();
            let still: Vec<&str> = ids.iter().copied().filter(|id| !present.contains(*id)).collect();
            let rows: Vec<KeyRow> = still
                .iter()
                .map(|id| KeyRow { case_id: id, record_key: fresh_key(), admitted_in: Some(ADMITTED_AT_ONCE) })
                .collect();
            crate::bulk_insert!(conn, case_keys::table, &rows)
        })?;
    }
}

/// The keys of the records of `units` (None: all) that closed in `from..=to`: case id → (key,
/// admitted to protected statistics).
pub fn of_closed(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<HashMap<String, (u32, bool)>> {
    let mut query = case_keys::table
        .inner_join(cases::table)
        .filter(cases::closed_on.between(from, to))
        .select((case_keys::case_id, case_keys::record_key, case_keys::admitted_in))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(cases::unit_id.eq_any(units));
    }
    Ok(query
        .load::<(String, i64, Option<i64>)>(conn)?
        .into_iter()
        .map(|(id, key, admitted)| {
            (id, (u32::try_from(key.rem_euclid(KEY_RANGE)).unwrap_or_default(), admitted.is_some()))
        })
        .collect())
}

/// The key of one record (tests and diagnostics; never for a response).
pub fn of_case(conn: &mut DbConnection, case_id: &str) -> QueryResult<Option<u32>> {
    let key: Option<i64> = case_keys::table.find(case_id).select(case_keys::record_key).first(conn).optional()?;
    Ok(key.map(|k| u32::try_from(k.rem_euclid(KEY_RANGE)).unwrap_or_default()))
}
