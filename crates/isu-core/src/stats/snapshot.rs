//! The facts of one scope and span of years: what every statistic and report table of a request
//! is counted from. Each unit-year's facts come from the [`FactCache`] when its counter and the
//! catalogue are unchanged, else from the database and into the cache: a query after a write
//! re-reads only the unit-years the write touched.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use std::collections::HashMap;

use super::cache::{FactCache, UnitFacts, YearFacts};
use super::catalogue::{Catalogue, Dimension, ScopeData};
use super::engine::ReportedClosures;
use super::facts::{Fact, FactBuilder};
use isu_store::stats::{
    generations, load_cases, load_closures, load_published_copies, load_scope, unit_generations, LoadedScope,
    ScopeRequest,
};
use isu_store::DbConnection;
use isu_store::StoreError;

/// The first year any form version covers.
pub const FIRST_YEAR: i32 = 2020;

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub catalogue: Catalogue,
    /// Changes whenever a record of the scope in the loaded years or the catalogue changes: the
    /// sum of the write counters and the catalogue's fingerprint.
    pub data_version: String,
    /// Unit-years' facts, by year, then unit in catalogue order.
    unit_years: Vec<UnitFacts>,
    pub closures: Vec<ReportedClosures>,
}

impl Snapshot {
    /// The facts of exact answers, one slice per unit-year (by year, then unit in catalogue
    /// order): every stored record as it is now.
    pub fn facts(&self) -> Vec<&[Fact]> {
        self.unit_years.iter().map(|u| u.facts.as_slice()).filter(|f| !f.is_empty()).collect()
    }

    /// The facts of protected answers, which count those with [`Fact::admitted`] set: the stored
    /// records (a new one waits for its batch, and so does a replaced one's new content) and the
    /// held earlier contents of replaced records (admitted) until their batch.
    pub fn protected_facts(&self) -> Vec<&[Fact]> {
        self.unit_years.iter().flat_map(|u| [u.facts.as_slice(), u.held.as_slice()]).filter(|f| !f.is_empty()).collect()
    }
}

/// Units whose records one query reads at most: bounds the rows held at once while converting
/// them (memory), at the price of a few more round trips.
const UNITS_PER_READ: usize = 16;

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
) -> Result<Option<String>, StoreError> {
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
) -> Result<Option<Snapshot>, StoreError> {
    let Some(loaded) = load_scope(conn, scope, FIRST_YEAR, last_year)? else {
        return Ok(None);
    };
    let units = units_of(scope, &loaded);
    let fingerprint = fingerprint(&loaded.data);
    // Counters first, rows after: an entry is never tagged newer than what it holds.
    let mut counters = HashMap::new();
    for year in years.0..=years.1 {
        counters.insert(year, unit_generations(conn, units.as_deref(), year)?);
    }
    let catalogue = Catalogue::new(loaded.data);
    let builder = FactBuilder::new(&catalogue, &loaded.unit_municipalities);
    let mut unit_years = Vec::new();
    let mut closures = Vec::new();
    let mut sums = HashMap::new();
    for year in years.0..=years.1 {
        let counters = &counters[&year];
        let generation_of = |unit: &str| counters.get(unit).copied().unwrap_or(0);
        let sum: i64 = counters.values().sum();
        sums.insert(year, sum);
        let cached = cache.get(scope, year, fingerprint);
        let mut by_unit: HashMap<String, UnitFacts> = HashMap::with_capacity(loaded.unit_municipalities.len());
        let mut stale = Vec::new();
        for (unit, _) in &loaded.unit_municipalities {
            let generation = generation_of(unit);
            match cached.as_ref().and_then(|c| c.units.get(unit)) {
                Some(facts) if facts.generation == generation => {
                    by_unit.insert(unit.clone(), facts.clone());
                }
                _ => stale.push(unit.clone()),
            }
        }
        if !stale.is_empty() {
            for chunk in stale.chunks(UNITS_PER_READ) {
                let mut read: HashMap<&str, (Vec<Fact>, Vec<Fact>)> =
                    chunk.iter().map(|u| (u.as_str(), Default::default())).collect();
                // A stored value the catalogue lacks means data written around this API: fail
                // loudly (a 500 with the cause in the log) rather than publish figures that omit it.
                for case in load_cases(conn, Some(chunk), year, year)? {
                    if let Some(fact) = builder.build(&case).map_err(|e| StoreError::corrupt(e.0))? {
                        if let Some((facts, _)) = read.get_mut(case.unit_id.as_str()) {
                            facts.push(fact);
                        }
                    }
                }
                for case in load_published_copies(conn, Some(chunk), year)? {
                    if let Some(fact) = builder.build(&case).map_err(|e| StoreError::corrupt(e.0))? {
                        if let Some((_, copies)) = read.get_mut(case.unit_id.as_str()) {
                            copies.push(fact);
                        }
                    }
                }
                for (unit, (facts, copies)) in read {
                    let generation = generation_of(unit);
                    by_unit.insert(
                        unit.to_string(),
                        UnitFacts { generation, facts: Arc::new(facts), held: Arc::new(copies) },
                    );
                }
            }
        }
        let year_closures = match &cached {
            Some(c) if stale.is_empty() && c.closures_generation == sum => c.closures.clone(),
            _ => Arc::new(closures_of(
                &catalogue,
                &loaded.unit_municipalities,
                load_closures(conn, units.as_deref(), year, year)?,
            )),
        };
        closures.extend(year_closures.iter().copied());
        unit_years.extend(loaded.unit_municipalities.iter().filter_map(|(u, _)| by_unit.get(u).cloned()));
        if cached.is_none() || !stale.is_empty() || cached.as_ref().is_some_and(|c| c.closures_generation != sum) {
            let content = YearFacts { units: Arc::new(by_unit), closures: year_closures, closures_generation: sum };
            cache.put(scope, year, fingerprint, content);
        }
    }
    let data_version = version_of(&sums, years, fingerprint);
    Ok(Some(Snapshot { catalogue, data_version, unit_years, closures }))
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
