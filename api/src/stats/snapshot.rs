//! The facts of one scope and span of years, read from the database in two queries and turned
//! into catalogue positions: what every statistic and report table of a request is counted from.

use super::catalogue::{Catalogue, Dimension};
use super::engine::ReportedClosures;
use super::facts::{Fact, FactBuilder};
use crate::db::stats::{load_cases, load_closures, load_scope, ScopeRequest};
use crate::db::DbConnection;
use crate::http::problem::ApiError;

/// The first year any form version covers.
pub const FIRST_YEAR: i32 = 2020;

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub catalogue: Catalogue,
    pub facts: Vec<Fact>,
    pub closures: Vec<ReportedClosures>,
}

/// Reads `scope`'s records that closed in `years` (the catalogue offers every year from 2020 to
/// `last_year`). `Ok(None)`: no such region.
pub fn load(
    conn: &mut DbConnection,
    scope: &ScopeRequest,
    years: (i32, i32),
    last_year: i32,
) -> Result<Option<Snapshot>, ApiError> {
    let Some(loaded) = load_scope(conn, scope, FIRST_YEAR, last_year)? else {
        return Ok(None);
    };
    let units: Option<Vec<String>> = match scope {
        ScopeRequest::Region(_) => Some(loaded.unit_municipalities.iter().map(|(u, _)| u.clone()).collect()),
        ScopeRequest::National => None,
    };
    let raw = load_cases(conn, units.as_deref(), years.0, years.1)?;
    let raw_closures = load_closures(conn, units.as_deref(), years.0, years.1)?;
    let catalogue = Catalogue::new(loaded.data);
    let builder = FactBuilder::new(&catalogue, &loaded.unit_municipalities);
    let mut facts = Vec::with_capacity(raw.len());
    for case in &raw {
        // A stored value the catalogue lacks means data written around this API: fail loudly
        // (a 500 with the cause in the log) rather than publish figures that silently omit it.
        if let Some(fact) = builder.build(case).map_err(|e| ApiError::internal(e.0))? {
            facts.push(fact);
        }
    }
    let closures = raw_closures
        .into_iter()
        .filter_map(|(unit, year, closed)| {
            let unit = catalogue.position(Dimension::Unit, &unit)?;
            let municipality_code =
                &loaded.unit_municipalities.iter().find(|(u, _)| *u == catalogue.code(Dimension::Unit, unit))?.1;
            let municipality = catalogue.position(Dimension::Municipality, municipality_code)?;
            let region = catalogue.scope.municipalities[municipality as usize].2.map(|r| r as u16);
            Some(ReportedClosures {
                unit,
                municipality,
                region,
                year: catalogue.position(Dimension::Year, &year.to_string())?,
                closed: u64::try_from(closed).unwrap_or(0),
            })
        })
        .collect();
    Ok(Some(Snapshot { catalogue, facts, closures }))
}
