//! Secret per-record keys of the cell-key method (decision 0008): drawn when a record is first
//! stored, kept when it is replaced, removed when it is erased. They are read only by the
//! statistics loader and never leave the server (no response, export, log or client shows them).
//!
//! A new record also waits before it enters protected statistics, and so does a replacement:
//! protected answers keep counting the replaced record's earlier content (a copy in
//! `published_contents`, [`hold`]). A unit-year's waiting changes are admitted together, in the
//! transaction of the write that makes them [`ADMISSION_BATCH`], so that two protected answers
//! before and after new or corrected data differ by a batch of children, never by the one child
//! an attacker watched arrive or change. Erasure is the exception: it takes effect at once.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use rand::RngCore;

use super::schema::{case_keys, cases, published_contents};
use super::stats::CountedContent;
use super::DbConnection;

/// Keys are uniform in `0..KEY_RANGE`: a key `k` stands for the fraction `k / 2^32` in [0, 1), so
/// the sum of keys modulo 2^32 is the ABS's "sum of record keys modulo 1" at 32-bit precision.
pub const KEY_RANGE: i64 = 1 << 32;

/// A fresh key from the operating system's generator (through `rand`'s thread generator, a
/// CSPRNG seeded from it): an attacker who knows every other key learns nothing about this one.
fn fresh_key() -> i64 {
    i64::from(rand::thread_rng().next_u32())
}

/// Changes of a unit-year (new records and replacements) enter protected statistics together,
/// once this many wait.
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
    /// The record's unit (never changes): the index the admission queries seek by.
    unit_id: Option<&'a str>,
}

/// Gives the new record `case_id` (of `unit_id`) its key, waiting for
/// admission. Call in the transaction that inserts the record, after its counter was raised.
pub fn create(conn: &mut DbConnection, case_id: &str, unit_id: &str) -> QueryResult<()> {
    let row = KeyRow { case_id, record_key: fresh_key(), admitted_in: None, unit_id: Some(unit_id) };
    // One row: a plain insert (bulk loads use `COPY` on PostgreSQL, two round trips for one row).
    crate::few_rows_insert!(conn, case_keys::table, std::slice::from_ref(&row))?;
    admit_ready(conn, &[unit_id])
}

/// Gives each new record (case id, unit id, closing year) its key (bulk loads: `COPY` on
/// PostgreSQL) and admits the unit-years that now have a batch waiting. In the inserting
/// transaction, after the counters were raised.
pub fn create_many(conn: &mut DbConnection, new: &[(&str, &str, i32)]) -> QueryResult<usize> {
    let rows: Vec<KeyRow> = new
        .iter()
        .map(|(id, unit, _)| KeyRow { case_id: id, record_key: fresh_key(), admitted_in: None, unit_id: Some(unit) })
        .collect();
    let written = crate::bulk_insert!(conn, case_keys::table, &rows)?;
    let units: Vec<&str> = new.iter().map(|(_, unit, _)| *unit).collect();
    admit_ready(conn, &units)?;
    Ok(written)
}

/// Keeps what protected statistics count of a replaced record until its unit-year has a batch
/// of changes waiting. Call in the replacing transaction, with what statistics counted of the
/// record before (`before`) and count now (`after`), after the counters were raised.
/// - A waiting record (not yet admitted) is counted nowhere protected: nothing to keep.
/// - An admitted record without a copy gets one of `before`, unless nothing counted changed.
/// - A record with a copy keeps it (protected answers still count the first content), unless the
///   replacement restored exactly that content: then the copy goes, and nothing shows.
pub fn hold(
    conn: &mut DbConnection,
    case_id: &str,
    unit_id: &str,
    before: &CountedContent,
    after: &CountedContent,
) -> QueryResult<()> {
    let admitted: Option<Option<i64>> =
        case_keys::table.find(case_id).select(case_keys::admitted_in).first(conn).optional()?;
    if !matches!(admitted, Some(Some(_))) {
        return Ok(());
    }
    let held: Option<String> =
        published_contents::table.find(case_id).select(published_contents::content).first(conn).optional()?;
    match held {
        Some(copy) => {
            let copy: CountedContent =
                serde_json::from_str(&copy).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
            if &copy == after {
                diesel::delete(published_contents::table.find(case_id)).execute(conn)?;
            }
        }
        None if before != after => {
            let content =
                serde_json::to_string(before).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
            diesel::insert_into(published_contents::table)
                .values((
                    published_contents::case_id.eq(case_id),
                    published_contents::unit_id.eq(unit_id),
                    published_contents::closed_year.eq(before.closed_on.year()),
                    published_contents::content.eq(content),
                ))
                .execute(conn)?;
        }
        None => {}
    }
    admit_ready(conn, &[unit_id])
}

/// Admits the changes of every unit-year of `units` that has a batch waiting: new records
/// (`admitted_in` NULL) and replaced records whose earlier content is held, counted by the
/// records' closing year. Admitting sets `admitted_in`, drops the held copies and raises the
/// counters of every unit-year it changes (the copies' years too).
fn admit_ready(conn: &mut DbConnection, units: &[&str]) -> QueryResult<()> {
    let mut units = units.to_vec();
    units.sort_unstable();
    units.dedup();
    // One query of each kind for every unit of the write (not one per unit-year: a bulk load
    // touches thousands of unit-years). Few rows wait at any time: fewer than a batch per
    // unit-year.
    let mut waiting: HashMap<(String, i32), Pending> = HashMap::new();
    // Filtered on the key rows' own unit (an index seek), not on `cases.unit_id`, which would
    // read every record of the unit (migration 10).
    let new_waiting = || {
        case_keys::table.inner_join(cases::table).filter(case_keys::admitted_in.is_null()).select((
            case_keys::case_id,
            cases::unit_id,
            cases::closed_on,
        ))
    };
    let held = || {
        published_contents::table.inner_join(cases::table).select((
            published_contents::case_id,
            cases::unit_id,
            cases::closed_on,
            published_contents::closed_year,
        ))
    };
    for chunk in units.chunks(500) {
        // One unit (every single-record write) by `=`: a statement with `IN (…)` is prepared
        // anew on every call on SQLite, one with `=` stays in the connection's statement cache.
        let new: Vec<(String, String, NaiveDate)> = match chunk {
            [unit] => new_waiting().filter(case_keys::unit_id.eq(*unit)).load(conn)?,
            _ => new_waiting().filter(case_keys::unit_id.eq_any(chunk)).load(conn)?,
        };
        for (id, unit, closed_on) in new {
            waiting.entry((unit, closed_on.year())).or_default().new.push(id);
        }
        let replaced: Vec<(String, String, NaiveDate, i32)> = match chunk {
            [unit] => held().filter(published_contents::unit_id.eq(*unit)).load(conn)?,
            _ => held().filter(published_contents::unit_id.eq_any(chunk)).load(conn)?,
        };
        for (id, unit, closed_on, held_year) in replaced {
            waiting.entry((unit, closed_on.year())).or_default().replaced.push((id, held_year));
        }
    }
    let ready: Vec<((String, i32), Pending)> =
        waiting.into_iter().filter(|(_, pending)| pending.len() >= ADMISSION_BATCH).collect();
    if ready.is_empty() {
        return Ok(());
    }
    let new: Vec<String> = ready.iter().flat_map(|(_, pending)| pending.new.iter().cloned()).collect();
    let replaced: Vec<String> =
        ready.iter().flat_map(|(_, pending)| pending.replaced.iter().map(|(id, _)| id.clone())).collect();
    admit(conn, &new)?;
    release(conn, &replaced)?;
    let unit_years: Vec<(&str, i32)> = ready
        .iter()
        .flat_map(|((unit, year), pending)| {
            std::iter::once((unit.as_str(), *year))
                .chain(pending.replaced.iter().map(move |(_, held_year)| (unit.as_str(), *held_year)))
        })
        .collect();
    super::stats::bump(conn, &unit_years)
}

/// A unit-year's changes waiting for protected statistics.
#[derive(Default)]
struct Pending {
    /// New records, by case id.
    new: Vec<String>,
    /// Replaced records whose earlier content is held: (case id, the year the copy counts in).
    replaced: Vec<(String, i32)>,
}

impl Pending {
    fn len(&self) -> usize {
        self.new.len() + self.replaced.len()
    }
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

/// Drops the held copies of these records: protected statistics count their current content.
fn release(conn: &mut DbConnection, ids: &[String]) -> QueryResult<()> {
    for chunk in ids.chunks(500) {
        diesel::delete(published_contents::table.filter(published_contents::case_id.eq_any(chunk))).execute(conn)?;
    }
    Ok(())
}

/// Admits every waiting change at once — new records and held replacements —, raising their
/// unit-years' counters (operations: the end of a reporting year, and tests that need a single
/// record counted).
pub fn admit_all(conn: &mut DbConnection) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let rows: Vec<(String, String, NaiveDate)> = case_keys::table
            .inner_join(cases::table)
            .filter(case_keys::admitted_in.is_null())
            .select((case_keys::case_id, cases::unit_id, cases::closed_on))
            .load(conn)?;
        let held: Vec<(String, String, NaiveDate, i32)> = published_contents::table
            .inner_join(cases::table)
            .select((published_contents::case_id, cases::unit_id, cases::closed_on, published_contents::closed_year))
            .load(conn)?;
        let ids: Vec<String> = rows.iter().map(|(id, _, _)| id.clone()).collect();
        admit(conn, &ids)?;
        let held_ids: Vec<String> = held.iter().map(|(id, _, _, _)| id.clone()).collect();
        release(conn, &held_ids)?;
        let unit_years: Vec<(&str, i32)> =
            rows.iter()
                .map(|(_, unit, closed)| (unit.as_str(), closed.year()))
                .chain(held.iter().flat_map(|(_, unit, closed, held_year)| {
                    [(unit.as_str(), closed.year()), (unit.as_str(), *held_year)]
                }))
                .collect();
        super::stats::bump(conn, &unit_years)?;
        Ok(ids.len() + held_ids.len())
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
        let missing: Vec<(String, String)> = cases::table
            .left_join(case_keys::table)
            .filter(case_keys::case_id.nullable().is_null())
            .select((cases::id, cases::unit_id))
            .limit(10_000)
            .load(conn)?;
        if missing.is_empty() {
            return Ok(given);
        }
        let ids: Vec<&str> = missing.iter().map(|(id, _)| id.as_str()).collect();
        given += conn.transaction(|conn| {
            // Another instance may backfill at the same time: insert only what is still missing.
            let present: std::collections::HashSet<String> = case_keys::table
                .filter(case_keys::case_id.eq_any(&ids))
                .select(case_keys::case_id)
                .load::<String>(conn)?
                .into_iter()
                .collect();
            let rows: Vec<KeyRow> = missing
                .iter()
                .filter(|(id, _)| !present.contains(id))
                .map(|(id, unit)| KeyRow {
                    case_id: id,
                    record_key: fresh_key(),
                    admitted_in: Some(ADMITTED_AT_ONCE),
                    unit_id: Some(unit),
                })
                .collect();
            crate::bulk_insert!(conn, case_keys::table, &rows)
        })?;
    }
}

/// A record's key and how protected statistics treat its current content.
#[derive(Debug, Clone, Copy)]
pub struct StoredKey {
    pub record_key: u32,
    /// Admitted to protected statistics (a new record waits for a batch).
    pub admitted: bool,
    /// An earlier content of the record is held ([`hold`]): protected statistics count that copy.
    pub held: bool,
}

impl StoredKey {
    /// Whether protected statistics count the record's current content.
    pub fn counts_as_stored(self) -> bool {
        self.admitted && !self.held
    }
}

/// A stored key as a fraction of 2^32.
pub(crate) fn key_of(stored: i64) -> u32 {
    u32::try_from(stored.rem_euclid(KEY_RANGE)).unwrap_or_default()
}

/// The keys of the records of `units` (None: all) that closed in `from..=to`, by case id.
pub fn of_closed(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<HashMap<String, StoredKey>> {
    let mut query = case_keys::table
        .inner_join(cases::table)
        .left_join(published_contents::table.on(published_contents::case_id.eq(case_keys::case_id)))
        .filter(cases::closed_on.between(from, to))
        .select((
            case_keys::case_id,
            case_keys::record_key,
            case_keys::admitted_in,
            published_contents::case_id.nullable(),
        ))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(cases::unit_id.eq_any(units));
    }
    Ok(query
        .load::<(String, i64, Option<i64>, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, key, admitted, held)| {
            (id, StoredKey { record_key: key_of(key), admitted: admitted.is_some(), held: held.is_some() })
        })
        .collect())
}

/// How many replaced records' earlier contents are held for protected statistics (tests and
/// diagnostics).
pub fn held_count(conn: &mut DbConnection) -> QueryResult<i64> {
    published_contents::table.count().get_result(conn)
}

/// The key of one record (tests and diagnostics; never for a response).
pub fn of_case(conn: &mut DbConnection, case_id: &str) -> QueryResult<Option<u32>> {
    let key: Option<i64> = case_keys::table.find(case_id).select(case_keys::record_key).first(conn).optional()?;
    Ok(key.map(key_of))
}
