//! The facts of one scope and span of years: what every statistic and report table of a request
//! is counted from. Each year's facts come from the [`FactCache`] when its counters and the
//! catalogue are unchanged, else from the database (two queries) and into the cache.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::cache::{FactCache, YearFacts};
use super::catalogue::{Catalogue, Dimension, ScopeData};
use super::engine::ReportedClosures;
use super::facts::{Fact, FactBuilder};
use crate::db::stats::{generations, load_cases, load_closures, load_scope, LoadedScope, ScopeRequest};
use crate::db::DbConnection;
use crate::http::problem::ApiError;

/// The first year any form version covers.
pub const FIRST_YEAR: i32 = 2020;

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub catalogue: Catalogue,
    /// Changes whenever a record of the scope in the loaded years or the catalogue changes: the
    /// sum of the write counters and the catalogue's fingerprint.
    pub data_version: String,
    years: Vec<YearFacts>,
    pub closures: Vec<ReportedClosures>,
}

impl Snapshot {
    /// The facts, one slice per year.
    pub fn facts(&self) -> Vec<&[Fact]> {
        self.years.iter().map(|y| y.facts.as_slice()).collect()
    }
}

/// Identifies a catalogue: cached facts hold positions in it, so they are only valid with it.
fn fingerprint(data: &ScopeData) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data.regions.hash(&mut hasher);
    data.municipalities.hash(&mut hasher);
    data.units.hash(&mut hasher);
    data.methods.hash(&mut hasher);
    let mut names: Vec<_> = data.method_names.iter().collect();
    names.sort();
    names.hash(&mut hasher);
    (data.first_year, data.last_year).hash(&mut hasher);
    hasher.finish()
}

/// [`Snapshot::data_version`] of `scope` for `years`, without reading any record. `Ok(None)`: no
/// such region.
pub fn data_version(
    conn: &mut DbConnection,
    scope: &ScopeRequest,
    years: (i32, i32),
    last_year: i32,
) -> Result<Option<String>, ApiError> {
    let Some(loaded) = load_scope(conn, scope, FIRST_YEAR, last_year)? else {
        return Ok(None);
    };
    let units = units_of(scope, &loaded);
    let counters = generations(conn, units.as_deref(), years.0, years.1)?;
    Ok(Some(version_of(&counters, years, fingerprint(&loaded.data))))
}

fn units_of(scope: &ScopeRequest, loaded: &LoadedScope) -> Option<Vec<String>> {
    match scope {
        ScopeRequest::Region(_) => Some(loaded.unit_municipalities.iter().map(|(u, _)| u.clone()).collect()),
        ScopeRequest::National => None,
    }
}

fn version_of(counters: &std::collections::HashMap<i32, i64>, years: (i32, i32), fingerprint: u64) -> String {
    let generations: i64 = (years.0..=years.1).map(|year| counters.get(&year).copied().unwrap_or(0)).sum();
    format!("{generations}-{fingerprint:016x}")
}

/// Reads `scope`'s records that closed in `years` (the catalogue offers every year from 2020 to
/// `last_year`). `Ok(None)`: no such region.
pub fn load(
    conn: &mut DbConnection,
    scope: &ScopeRequest,
    years: (i32, i32),
    last_year: i32,
    cache: &FactCache,
) -> Result<Option<Snapshot>, ApiError> {
    let Some(loaded) = load_scope(conn, scope, FIRST_YEAR, last_year)? else {
        return Ok(None);
    };
    let units = units_of(scope, &loaded);
    let fingerprint = fingerprint(&loaded.data);
    // Counters first, rows after: an entry is never tagged newer than what it holds.
    let counters = generations(conn, units.as_deref(), years.0, years.1)?;
    let catalogue = Catalogue::new(loaded.data);
    let builder = FactBuilder::new(&catalogue, &loaded.unit_municipalities);
    let mut year_facts = Vec::new();
    for year in years.0..=years.1 {
        let generation = counters.get(&year).copied().unwrap_or(0);
        if let Some(hit) = cache.get(scope, year, generation, fingerprint) {
            year_facts.push(hit);
            continue;
        }
        let raw = load_cases(conn, units.as_deref(), year, year)?;
        let mut facts = Vec::with_capacity(raw.len());
        for case in &raw {
            // A stored value the catalogue lacks means data written around this API: fail loudly
            // (a 500 with the cause in the log) rather than publish figures that omit it.
            if let Some(fact) = builder.build(case).map_err(|e| ApiError::internal(e.0))? {
                facts.push(fact);
            }
        }
        let closures =
            closures_of(&catalogue, &loaded.unit_municipalities, load_closures(conn, units.as_deref(), year, year)?);
        let content = YearFacts { facts: Arc::new(facts), closures: Arc::new(closures) };
        cache.put(scope, year, generation, fingerprint, content.clone());
        year_facts.push(content);
    }
    let closures = year_facts.iter().flat_map(|y| y.closures.iter().copied()).collect();
    let data_version = version_of(&counters, years, fingerprint);
    Ok(Some(Snapshot { catalogue, data_version, years: year_facts, closures }))
}

fn closures_of(
    catalogue: &Catalogue,
    unit_municipalities: &[(String, String)],
    rows: Vec<(String, i32, i32)>,
) -> Vec<ReportedClosures> {
    rows.into_iter()
        .filter_map(|(unit_id, year, closed)| {
            let unit = catalogue.position(Dimension::Unit, &unit_id)?;
            let municipality_code = &unit_municipalities.iter().find(|(u, _)| *u == unit_id)?.1;
            let municipality = catalogue.position(Dimension::Municipality, municipality_code)?;
            let region = catalogue.scope.municipalities[municipality as usize].region.map(|r| r as u16);
            Some(ReportedClosures {
                unit,
                municipality,
                region,
                year: catalogue.position(Dimension::Year, &year.to_string())?,
                closed: u64::try_from(closed).unwrap_or(0),
            })
        })
        .collect()
}
