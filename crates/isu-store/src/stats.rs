//! What statistics read: the scope (regions, municipalities, units, the method registry) and
//! one compact row per record, through the same diesel code on both backends.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::{
    case_keys, case_methods, cases, manual_method_aliases, manual_methods, municipalities, published_contents,
    region_municipalities, regions, stats_generations, unit_coverage, units,
};
use super::DbConnection;
use isu_domain::normalise_method_name;

/// What one scope's catalogue is built from (loaded by [`load_scope`]).
#[derive(Debug, Clone, Default)]
pub struct ScopeData {
    /// Regions in scope: (id, name).
    pub regions: Vec<(String, String)>,
    /// Municipalities in scope, by code.
    pub municipalities: Vec<ScopeMunicipality>,
    /// Units in scope: (id, name).
    pub units: Vec<(String, String)>,
    /// The registry's manual-based methods: (id, name, intervention code).
    pub methods: Vec<(String, String, String)>,
    /// Normalised method names and aliases → method id.
    pub method_names: HashMap<String, String>,
    /// First and last year statistics can ask for.
    pub first_year: i32,
    pub last_year: i32,
}

/// A municipality in a scope's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScopeMunicipality {
    /// SCB kommunkod.
    pub code: String,
    pub name: String,
    /// Its region's index into [`ScopeData::regions`]; `None` in the national scope for a
    /// municipality outside every region.
    pub region: Option<usize>,
}

/// What statistics count of a record: every field a fact is built from. One type for the live
/// row and for the copy protected answers keep counting while a replacement waits
/// ([`super::keys`], table `published_contents`, where it is stored as JSON, never served).
/// Copies stored before a new field existed lack it: give a new field `#[serde(default)]` (or
/// let its migration delete the held copies, which admits their records' current content).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountedContent {
    pub form: String,
    pub closed_on: NaiveDate,
    pub age_at_referral: i32,
    pub gender: String,
    pub birth_background: Option<String>,
    pub previously_active: String,
    /// Comma-separated, as stored.
    pub problem_area_codes: String,
    /// Comma-separated, as stored.
    pub intervention_codes: String,
    pub closing_reason: String,
    pub intervention_type: String,
    pub intervention_days: Option<i32>,
    pub enrolment_days: i32,
    /// Named methods: (name as sent, registry id when it resolved at ingestion).
    pub methods: Vec<(String, Option<String>)>,
}

/// A stored record as statistics read it: its counted content, whose unit it is, and how the
/// cell-key method treats it.
#[derive(Debug, Clone)]
pub struct RawCase {
    /// The record's secret cell key (`db::keys`): never shown, only summed into cell keys.
    pub record_key: u32,
    /// Whether protected statistics count this content: false for a new record waiting for its
    /// batch and for the new content of a replaced record whose earlier content they still count.
    pub admitted: bool,
    pub unit_id: String,
    pub content: CountedContent,
}

/// Whose records a statistic covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScopeRequest {
    /// One region's municipalities.
    Region(String),
    /// The whole country.
    National,
}

/// A scope as loaded: what the catalogue is built from, and each unit's municipality.
#[derive(Debug, Clone)]
pub struct LoadedScope {
    pub data: ScopeData,
    /// (unit id, municipality code) for every unit in scope.
    pub unit_municipalities: Vec<(String, String)>,
}

/// `None` when the region does not exist.
pub fn load_scope(
    conn: &mut DbConnection,
    scope: &ScopeRequest,
    first_year: i32,
    last_year: i32,
) -> QueryResult<Option<LoadedScope>> {
    let mut region_rows: Vec<(String, String)> =
        regions::table.select((regions::id, regions::name)).order(regions::id).load(conn)?;
    if let ScopeRequest::Region(id) = scope {
        region_rows.retain(|(r, _)| r == id);
        if region_rows.is_empty() {
            return Ok(None);
        }
    }
    let membership: HashMap<String, String> = region_municipalities::table
        .select((region_municipalities::municipality_code, region_municipalities::region_id))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let region_position: HashMap<&str, usize> =
        region_rows.iter().enumerate().map(|(i, (id, _))| (id.as_str(), i)).collect();
    let municipality_rows: Vec<(String, String)> = municipalities::table
        .select((municipalities::code, municipalities::name))
        .order(municipalities::code)
        .load(conn)?;
    let in_scope: Vec<ScopeMunicipality> = municipality_rows
        .into_iter()
        .filter_map(|(code, name)| {
            let region = membership.get(&code).and_then(|r| region_position.get(r.as_str()).copied());
            match scope {
                ScopeRequest::Region(_) => region.map(|r| ScopeMunicipality { code, name, region: Some(r) }),
                ScopeRequest::National => Some(ScopeMunicipality { code, name, region }),
            }
        })
        .collect();
    let codes: Vec<&str> = in_scope.iter().map(|m| m.code.as_str()).collect();
    let mut unit_rows: Vec<(String, String, String)> = units::table
        .select((units::id, units::name, units::municipality_code))
        .filter(units::municipality_code.eq_any(&codes))
        .load(conn)?;
    // Rows come by municipality, then unit name in Swedish order.
    unit_rows.sort_by(|a, b| {
        a.2.cmp(&b.2).then_with(|| isu_domain::validation::swedish_cmp(&a.1, &b.1)).then_with(|| a.0.cmp(&b.0))
    });
    let methods: Vec<(String, String, String)> = manual_methods::table
        .select((manual_methods::id, manual_methods::name, manual_methods::intervention_code))
        .order(manual_methods::id)
        .load(conn)?;
    let aliases: Vec<(String, String)> = manual_method_aliases::table
        .select((manual_method_aliases::normalised, manual_method_aliases::method_id))
        .load(conn)?;
    let mut method_names: HashMap<String, String> = aliases.into_iter().collect();
    for (id, name, _) in &methods {
        method_names.entry(normalise_method_name(name)).or_insert_with(|| id.clone());
    }
    Ok(Some(LoadedScope {
        unit_municipalities: unit_rows.iter().map(|(id, _, m)| (id.clone(), m.clone())).collect(),
        data: ScopeData {
            regions: region_rows,
            municipalities: in_scope,
            units: unit_rows.into_iter().map(|(id, name, _)| (id, name)).collect(),
            methods,
            method_names,
            first_year,
            last_year,
        },
    }))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = cases)]
struct StatsRow {
    id: String,
    unit_id: String,
    form: String,
    closed_on: NaiveDate,
    age_at_referral: i32,
    gender: String,
    birth_background: Option<String>,
    previously_active: String,
    problem_area_codes: String,
    intervention_codes: String,
    closing_reason: String,
    intervention_type: String,
    intervention_days: Option<i32>,
    enrolment_days: i32,
}

impl StatsRow {
    fn counted(self, methods: Vec<(String, Option<String>)>) -> (String, String, CountedContent) {
        let content = CountedContent {
            form: self.form,
            closed_on: self.closed_on,
            age_at_referral: self.age_at_referral,
            gender: self.gender,
            birth_background: self.birth_background,
            previously_active: self.previously_active,
            problem_area_codes: self.problem_area_codes,
            intervention_codes: self.intervention_codes,
            closing_reason: self.closing_reason,
            intervention_type: self.intervention_type,
            intervention_days: self.intervention_days,
            enrolment_days: self.enrolment_days,
            methods,
        };
        (self.id, self.unit_id, content)
    }
}

/// Named methods by case id, in the order they were sent.
fn methods_by_case(rows: Vec<(String, i32, String, Option<String>)>) -> HashMap<String, Vec<(String, Option<String>)>> {
    let mut methods: HashMap<String, Vec<(i32, String, Option<String>)>> = HashMap::new();
    for (case_id, position, name, method_id) in rows {
        methods.entry(case_id).or_default().push((position, name, method_id));
    }
    methods
        .into_iter()
        .map(|(id, mut named)| {
            named.sort_by_key(|(position, _, _)| *position);
            (id, named.into_iter().map(|(_, name, method)| (name, method)).collect())
        })
        .collect()
}

fn year_bounds(first_year: i32, last_year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(NaiveDate::MAX);
    (from, to)
}

/// The records of `units` that closed in `first_year..=last_year`, with their named methods.
/// `units` None: every unit (the national scope).
pub fn load_cases(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    first_year: i32,
    last_year: i32,
) -> QueryResult<Vec<RawCase>> {
    let (from, to) = year_bounds(first_year, last_year);
    let mut query = cases::table.filter(cases::closed_on.between(from, to)).select(StatsRow::as_select()).into_boxed();
    let mut method_query = case_methods::table
        .inner_join(cases::table)
        .filter(cases::closed_on.between(from, to))
        .select((case_methods::case_id, case_methods::position, case_methods::name, case_methods::method_id))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(cases::unit_id.eq_any(units));
        method_query = method_query.filter(cases::unit_id.eq_any(units));
    }
    let rows: Vec<StatsRow> = query.load(conn)?;
    let mut keys = super::keys::of_closed(conn, units, from, to)?;
    if rows.iter().any(|row| !keys.contains_key(&row.id)) {
        // Written around the API since the server started: keys are given once, persistently.
        super::keys::backfill(conn)?;
        keys = super::keys::of_closed(conn, units, from, to)?;
    }
    let mut methods = methods_by_case(method_query.load(conn)?);
    Ok(rows
        .into_iter()
        .map(|row| {
            let named = methods.remove(&row.id).unwrap_or_default();
            let (id, unit_id, content) = row.counted(named);
            let key = keys.get(&id);
            RawCase {
                record_key: key.map_or(0, |key| key.record_key),
                admitted: key.is_some_and(|key| key.counts_as_stored()),
                unit_id,
                content,
            }
        })
        .collect())
}

/// What statistics count of one stored record now (`None`: no such record).
pub fn counted_content(conn: &mut DbConnection, case_id: &str) -> QueryResult<Option<CountedContent>> {
    let Some(row) = cases::table.find(case_id).select(StatsRow::as_select()).first(conn).optional()? else {
        return Ok(None);
    };
    let rows = case_methods::table
        .filter(case_methods::case_id.eq(case_id))
        .select((case_methods::case_id, case_methods::position, case_methods::name, case_methods::method_id))
        .load(conn)?;
    let named = methods_by_case(rows).remove(case_id).unwrap_or_default();
    Ok(Some(row.counted(named).2))
}

/// The copies protected statistics count instead of replaced records of `units` (None: all)
/// whose copy counts in `year` ([`super::keys::hold`]): admitted, with their record's key.
pub fn load_published_copies(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    year: i32,
) -> QueryResult<Vec<RawCase>> {
    let mut query = published_contents::table
        .inner_join(case_keys::table.on(case_keys::case_id.eq(published_contents::case_id)))
        .filter(published_contents::closed_year.eq(year))
        .select((published_contents::unit_id, published_contents::content, case_keys::record_key))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(published_contents::unit_id.eq_any(units));
    }
    query
        .load::<(String, String, i64)>(conn)?
        .into_iter()
        .map(|(unit_id, content, key)| {
            let content: CountedContent =
                serde_json::from_str(&content).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
            Ok(RawCase { record_key: super::keys::key_of(key), admitted: true, unit_id, content })
        })
        .collect()
}

/// Whole-year closed cases reported by `units` (quarter 0 rows): (unit id, year, closed).
pub fn load_closures(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    first_year: i32,
    last_year: i32,
) -> QueryResult<Vec<(String, i32, i32)>> {
    let mut query = unit_coverage::table
        .filter(unit_coverage::quarter.eq(0))
        .filter(unit_coverage::year.between(first_year, last_year))
        .select((unit_coverage::unit_id, unit_coverage::year, unit_coverage::closed_cases))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(unit_coverage::unit_id.eq_any(units));
    }
    query.load(conn)
}

/// Raises the counters of these unit-years. Call inside the transaction of the write, for every
/// unit-year whose records or reported closures it changes (old and new year on a replace).
pub fn bump(conn: &mut DbConnection, unit_years: &[(&str, i32)]) -> QueryResult<()> {
    let mut distinct: Vec<(&str, i32)> = unit_years.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    for (unit, year) in distinct {
        // An upsert: ON CONFLICT is spelled alike on both backends, but diesel offers it only on
        // the concrete connections.
        let row = (
            stats_generations::unit_id.eq(unit),
            stats_generations::year.eq(year),
            stats_generations::generation.eq(1i64),
        );
        crate::on_concrete_backend!(conn, c => diesel::insert_into(stats_generations::table)
            .values(row)
            .on_conflict((stats_generations::unit_id, stats_generations::year))
            .do_update()
            .set(stats_generations::generation.eq(stats_generations::generation + 1i64))
            .execute(c))?;
    }
    Ok(())
}

/// The counter of every unit-year in `year` for `units` (None: all): unit id → generation. A unit
/// without a row has written nothing for the year yet (generation 0).
pub fn unit_generations(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    year: i32,
) -> QueryResult<HashMap<String, i64>> {
    let mut query = stats_generations::table
        .filter(stats_generations::year.eq(year))
        .select((stats_generations::unit_id, stats_generations::generation))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(stats_generations::unit_id.eq_any(units));
    }
    Ok(query.load::<(String, i64)>(conn)?.into_iter().collect())
}

/// The sum of the counters per year in `first_year..=last_year` for `units` (None: all). Counters
/// only grow, so an unchanged sum means unchanged data.
pub fn generations(
    conn: &mut DbConnection,
    units: Option<&[String]>,
    first_year: i32,
    last_year: i32,
) -> QueryResult<HashMap<i32, i64>> {
    let mut query = stats_generations::table
        .filter(stats_generations::year.between(first_year, last_year))
        .select((stats_generations::year, stats_generations::generation))
        .into_boxed();
    if let Some(units) = units {
        query = query.filter(stats_generations::unit_id.eq_any(units));
    }
    let mut sums = HashMap::new();
    for (year, generation) in query.load::<(i32, i64)>(conn)? {
        *sums.entry(year).or_insert(0) += generation;
    }
    Ok(sums)
}
