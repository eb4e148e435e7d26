//! Coverage: how many cases a unit's own system closed in a year (optionally per quarter), so
//! statistics can report registered ÷ closed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::unit_coverage;
use super::{now, DbConnection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub unit_id: String,
    pub year: i32,
    pub closed_cases: i32,
    /// Quarters 1–4 when reported per quarter.
    pub quarters: Option<[i32; 4]>,
    pub updated_at: NaiveDateTime,
}

/// Replaces the year's figures (the whole year in row quarter 0, quarters in rows 1–4).
pub fn put(
    conn: &mut DbConnection,
    unit_id: &str,
    year: i32,
    closed_cases: i32,
    quarters: Option<[i32; 4]>,
) -> QueryResult<Coverage> {
    conn.transaction(|conn| {
        diesel::delete(
            unit_coverage::table.filter(unit_coverage::unit_id.eq(unit_id)).filter(unit_coverage::year.eq(year)),
        )
        .execute(conn)?;
        let timestamp = now();
        let mut rows = vec![(0, closed_cases)];
        if let Some(q) = quarters {
            rows.extend(q.iter().enumerate().map(|(i, n)| (i as i32 + 1, *n)));
        }
        for (quarter, n) in rows {
            diesel::insert_into(unit_coverage::table)
                .values((
                    unit_coverage::unit_id.eq(unit_id),
                    unit_coverage::year.eq(year),
                    unit_coverage::quarter.eq(quarter),
                    unit_coverage::closed_cases.eq(n),
                    unit_coverage::updated_at.eq(timestamp),
                ))
                .execute(conn)?;
        }
        super::stats::bump(conn, &[(unit_id, year)])?;
        Ok(Coverage { unit_id: unit_id.to_string(), year, closed_cases, quarters, updated_at: timestamp })
    })
}

pub fn get(conn: &mut DbConnection, unit_id: &str, year: i32) -> QueryResult<Option<Coverage>> {
    let rows: Vec<(i32, i32, NaiveDateTime)> = unit_coverage::table
        .filter(unit_coverage::unit_id.eq(unit_id))
        .filter(unit_coverage::year.eq(year))
        .select((unit_coverage::quarter, unit_coverage::closed_cases, unit_coverage::updated_at))
        .order(unit_coverage::quarter)
        .load(conn)?;
    let Some((0, closed_cases, updated_at)) = rows.first().copied() else {
        return Ok(None);
    };
    let quarters = (rows.len() == 5).then(|| [rows[1].1, rows[2].1, rows[3].1, rows[4].1]);
    Ok(Some(Coverage { unit_id: unit_id.to_string(), year, closed_cases, quarters, updated_at }))
}
