//! SU-X records: create, replace, read, list and erase, each in one transaction so that nothing
//! is ever half written. Validation happens before (in `domain::record`); this module stores a
//! `ValidRecord` and reads it back.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::schema::{
    case_interventions, case_methods, case_problem_areas, cases, manual_method_aliases, manual_methods,
    region_municipalities, units,
};
use super::StoreError;
use super::{now, DbConnection};
use isu_domain::record::{InterventionType, MethodRegistry, NamedMethod, ResolvedMethod, ValidRecord};
use isu_domain::{self as domain, normalise_method_name};

/// A stored record with its server-owned fields.
#[derive(Debug, Clone)]
pub struct StoredCase {
    pub id: String,
    pub unit_id: String,
    pub record: ValidRecord,
    pub revision: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a PUT did.
#[derive(Debug, Clone)]
pub enum PutOutcome {
    Created(StoredCase),
    Replaced(StoredCase),
    /// The same content was already stored: no new revision.
    Unchanged(StoredCase),
}

impl PutOutcome {
    pub fn case(&self) -> &StoredCase {
        match self {
            PutOutcome::Created(c) | PutOutcome::Replaced(c) | PutOutcome::Unchanged(c) => c,
        }
    }
}

/// Conditional-request headers of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition {
    None,
    /// `If-Match`: only replace this revision (`None` = `*`: any existing record).
    IfMatch(Option<i32>),
    /// `If-None-Match: *`: only create.
    IfNoneMatchAny,
}

/// Where a unit lies: its municipality and the region of that municipality.
#[derive(Debug, Clone)]
pub struct UnitScope {
    pub unit_id: String,
    pub municipality_code: String,
    pub region: Option<String>,
}

pub fn unit_scope(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Option<UnitScope>> {
    let row: Option<(String, String, Option<String>)> = units::table
        .left_join(
            region_municipalities::table.on(region_municipalities::municipality_code.eq(units::municipality_code)),
        )
        .filter(units::id.eq(unit_id))
        .select((units::id, units::municipality_code, region_municipalities::region_id.nullable()))
        .first(conn)
        .optional()?;
    Ok(row.map(|(unit_id, municipality_code, region)| UnitScope { unit_id, municipality_code, region }))
}

/// The units of a region (for the region analyst's listing).
pub fn units_in_region(conn: &mut DbConnection, region: &str) -> QueryResult<Vec<String>> {
    units::table
        .inner_join(
            region_municipalities::table.on(region_municipalities::municipality_code.eq(units::municipality_code)),
        )
        .filter(region_municipalities::region_id.eq(region))
        .select(units::id)
        .order(units::id)
        .load(conn)
}

/// The manual-method registry as stored, loaded once per request (it is small).
pub struct DbMethodRegistry {
    by_key: HashMap<String, ResolvedMethod>,
}

impl DbMethodRegistry {
    pub fn load(conn: &mut DbConnection) -> QueryResult<Self> {
        let methods: Vec<(String, String, String)> = manual_methods::table
            .select((manual_methods::id, manual_methods::name, manual_methods::intervention_code))
            .load(conn)?;
        let aliases: Vec<(String, String)> = manual_method_aliases::table
            .select((manual_method_aliases::normalised, manual_method_aliases::method_id))
            .load(conn)?;
        let codes: HashMap<&str, &str> = methods.iter().map(|(id, _, code)| (id.as_str(), code.as_str())).collect();
        let mut by_key = HashMap::new();
        for (normalised, method_id) in &aliases {
            if let Some(code) = codes.get(method_id.as_str()) {
                by_key.insert(
                    normalised.clone(),
                    ResolvedMethod { id: method_id.clone(), intervention_code: code.to_string() },
                );
            }
        }
        for (id, name, code) in &methods {
            let resolved = ResolvedMethod { id: id.clone(), intervention_code: code.clone() };
            by_key.entry(normalise_method_name(name)).or_insert_with(|| resolved.clone());
            by_key.insert(format!("id:{id}"), resolved);
        }
        Ok(Self { by_key })
    }
}

/// The registry a server read last, with the registry's counter (`registry_generations`) read
/// before it. [`MethodRegistryCache::current`] reads the counter (one row) and the registry only
/// when the counter moved, so a write no longer reads two tables to resolve its method names.
/// Correct across instances: every change of the registry raises the counter in its own
/// transaction, and the counter is read first, so a registry is never kept under a counter newer
/// than its content (at worst it is read once more).
#[derive(Default)]
pub struct MethodRegistryCache {
    current: std::sync::Mutex<Option<(i64, std::sync::Arc<DbMethodRegistry>)>>,
}

impl MethodRegistryCache {
    /// The registry as stored now (in the caller's transaction, when there is one).
    pub fn current(&self, conn: &mut DbConnection) -> QueryResult<std::sync::Arc<DbMethodRegistry>> {
        let Some(generation) = super::methods::generation(conn)? else {
            return Ok(std::sync::Arc::new(DbMethodRegistry::load(conn)?));
        };
        if let Some((cached, registry)) = self.lock().as_ref() {
            if *cached == generation {
                return Ok(std::sync::Arc::clone(registry));
            }
        }
        let registry = std::sync::Arc::new(DbMethodRegistry::load(conn)?);
        let mut current = self.lock();
        // Keep the newest: a slower reader of an older counter must not replace it.
        if current.as_ref().is_none_or(|(cached, _)| *cached <= generation) {
            *current = Some((generation, std::sync::Arc::clone(&registry)));
        }
        Ok(registry)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(i64, std::sync::Arc<DbMethodRegistry>)>> {
        // A panic while holding the lock leaves a whole `Option` behind: still usable.
        self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl MethodRegistry for DbMethodRegistry {
    fn resolve(&self, name_or_id: &str) -> Option<ResolvedMethod> {
        self.by_key
            .get(&format!("id:{}", name_or_id.trim()))
            .or_else(|| self.by_key.get(&normalise_method_name(name_or_id)))
            .cloned()
    }
}

/// Identifies the stored content, so that repeating a PUT does not bump the revision.
fn content_hash(record: &ValidRecord) -> String {
    let mut hasher = Sha256::new();
    hasher.update(domain::record::to_wire(record).to_string().as_bytes());
    for method in &record.manual_methods {
        hasher.update(b"\0");
        hasher.update(method.method_id.as_deref().unwrap_or("-").as_bytes());
    }
    format!("{:x}", hasher.finalize())
}

fn intervention_type_str(t: InterventionType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse_intervention_type(raw: &str) -> Result<InterventionType, StoreError> {
    serde_json::from_value(serde_json::Value::String(raw.to_string()))
        .map_err(|_| StoreError::corrupt(format!("stored intervention type {raw} unknown")))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = cases)]
struct CaseRow {
    id: String,
    unit_id: String,
    case_ref: String,
    form: String,
    age_at_referral: i32,
    gender: String,
    birth_background: Option<String>,
    referred_on: NaiveDate,
    started_on: Option<NaiveDate>,
    previously_active: String,
    problem_area_other: Option<String>,
    other_intervention_text: Option<String>,
    closed_on: NaiveDate,
    closing_reason: String,
    closing_reason_text: Option<String>,
    comment: Option<String>,
    intervention_type: String,
    intervention_days: Option<i32>,
    enrolment_days: i32,
    revision: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn write_children(conn: &mut DbConnection, case_id: &str, record: &ValidRecord) -> QueryResult<()> {
    let areas: Vec<_> = record
        .problem_areas
        .iter()
        .enumerate()
        .map(|(position, code)| {
            (
                case_problem_areas::case_id.eq(case_id),
                case_problem_areas::code.eq(code),
                case_problem_areas::position.eq(position as i32),
            )
        })
        .collect();
    crate::few_rows_insert!(conn, case_problem_areas::table, &areas)?;
    if !record.interventions.is_empty() {
        let rows: Vec<_> = record
            .interventions
            .iter()
            .map(|code| (case_interventions::case_id.eq(case_id), case_interventions::code.eq(code)))
            .collect();
        crate::few_rows_insert!(conn, case_interventions::table, &rows)?;
    }
    if !record.manual_methods.is_empty() {
        let rows: Vec<_> = record
            .manual_methods
            .iter()
            .enumerate()
            .map(|(position, method)| {
                (
                    case_methods::case_id.eq(case_id),
                    case_methods::position.eq(position as i32),
                    case_methods::name.eq(&method.name),
                    case_methods::method_id.eq(&method.method_id),
                )
            })
            .collect();
        crate::few_rows_insert!(conn, case_methods::table, &rows)?;
    }
    Ok(())
}

fn delete_children(conn: &mut DbConnection, case_id: &str) -> QueryResult<()> {
    diesel::delete(case_problem_areas::table.filter(case_problem_areas::case_id.eq(case_id))).execute(conn)?;
    diesel::delete(case_interventions::table.filter(case_interventions::case_id.eq(case_id))).execute(conn)?;
    diesel::delete(case_methods::table.filter(case_methods::case_id.eq(case_id))).execute(conn)?;
    Ok(())
}

/// Creates or replaces the record of `(unit_id, record.case_ref)` under `precondition`.
/// Two writers of the same new case: one inserts, the other finds the row on retry and replaces
/// (or leaves it, when the content is the same) — never a duplicate, never a 500.
pub fn put(
    conn: &mut DbConnection,
    unit_id: &str,
    record: &ValidRecord,
    precondition: Precondition,
) -> Result<PutOutcome, StoreError> {
    const ATTEMPTS: usize = 16;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match conn.transaction(|conn| put_once(conn, unit_id, record, precondition)) {
            Err(StoreError::Concurrent(_)) if attempts < ATTEMPTS && precondition != Precondition::IfNoneMatchAny => {
                continue
            }
            other => return other,
        }
    }
}

fn put_once(
    conn: &mut DbConnection,
    unit_id: &str,
    record: &ValidRecord,
    precondition: Precondition,
) -> Result<PutOutcome, StoreError> {
    let hash = content_hash(record);
    let existing: Option<(String, i32, String, NaiveDateTime, NaiveDate)> = cases::table
        .filter(cases::unit_id.eq(unit_id))
        .filter(cases::case_ref.eq(&record.case_ref))
        .select((cases::id, cases::revision, cases::content_hash, cases::created_at, cases::closed_on))
        .first(conn)
        .optional()?;
    let timestamp = now();
    match existing {
        None => {
            if let Precondition::IfMatch(_) = precondition {
                return Err(StoreError::PreconditionFailed("no record exists for this case reference".into()));
            }
            let id = uuid::Uuid::now_v7().to_string();
            diesel::insert_into(cases::table)
                .values((
                    cases::id.eq(&id),
                    cases::unit_id.eq(unit_id),
                    cases::case_ref.eq(&record.case_ref),
                    cases::created_at.eq(timestamp),
                    content(record, 1, &hash, timestamp),
                ))
                .execute(conn)?;
            write_children(conn, &id, record)?;
            super::stats::bump(conn, &[(unit_id, record.closed_on.year())])?;
            super::keys::create(conn, &id, unit_id)?;
            // What was written is what a read returns; no need to read it back.
            Ok(PutOutcome::Created(StoredCase {
                id,
                unit_id: unit_id.to_string(),
                record: record.clone(),
                revision: 1,
                created_at: timestamp,
                updated_at: timestamp,
            }))
        }
        Some((id, revision, stored_hash, created_at, stored_closed_on)) => {
            match precondition {
                Precondition::IfNoneMatchAny => {
                    return Err(StoreError::PreconditionFailed("a record exists for this case reference".into()))
                }
                Precondition::IfMatch(Some(expected)) if expected != revision => {
                    return Err(StoreError::PreconditionFailed(format!(
                        "the record is at revision {revision}, not {expected}; read it and retry"
                    )))
                }
                _ => {}
            }
            if stored_hash == hash {
                return Ok(PutOutcome::Unchanged(get_by_id(conn, &id)?));
            }
            // What protected statistics counted of it: they keep counting it until a batch of
            // its unit-year's changes is waiting (`keys::hold`).
            let counted_before = super::stats::counted_content(conn, &id)?;
            // Optimistic: only the revision we read may be replaced. A concurrent writer that got
            // there first makes this update touch no row, and the whole put is retried.
            let updated = diesel::update(cases::table.find(&id).filter(cases::revision.eq(revision)))
                .set(content(record, revision + 1, &hash, timestamp))
                .execute(conn)?;
            if updated == 0 {
                return Err(StoreError::Concurrent("the record changed concurrently".into()));
            }
            delete_children(conn, &id)?;
            write_children(conn, &id, record)?;
            super::stats::bump(conn, &[(unit_id, stored_closed_on.year()), (unit_id, record.closed_on.year())])?;
            if let (Some(before), Some(after)) = (counted_before, super::stats::counted_content(conn, &id)?) {
                super::keys::hold(conn, &id, unit_id, &before, &after)?;
            }
            Ok(PutOutcome::Replaced(StoredCase {
                id,
                unit_id: unit_id.to_string(),
                record: record.clone(),
                revision: revision + 1,
                created_at,
                updated_at: timestamp,
            }))
        }
    }
}

/// The content columns of a record, written on insert and on replace alike.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = cases, treat_none_as_null = true, treat_none_as_default_value = false)]
struct CaseContent<'a> {
    form: &'a str,
    age_at_referral: i32,
    gender: &'a str,
    birth_background: Option<&'a str>,
    referred_on: NaiveDate,
    started_on: Option<NaiveDate>,
    previously_active: &'a str,
    problem_area_other: Option<&'a str>,
    other_intervention_text: Option<&'a str>,
    closed_on: NaiveDate,
    closing_reason: &'a str,
    closing_reason_text: Option<&'a str>,
    comment: Option<&'a str>,
    intervention_type: String,
    intervention_days: Option<i32>,
    enrolment_days: i32,
    revision: i32,
    content_hash: &'a str,
    updated_at: NaiveDateTime,
    /// Denormalised copies of the child tables, for statistics (one row per case).
    problem_area_codes: String,
    intervention_codes: String,
}

fn content<'a>(r: &'a ValidRecord, revision: i32, hash: &'a str, updated_at: NaiveDateTime) -> CaseContent<'a> {
    CaseContent {
        form: &r.form,
        age_at_referral: r.age_at_referral,
        gender: &r.gender,
        birth_background: r.birth_background.as_deref(),
        referred_on: r.referred_on,
        started_on: r.started_on,
        previously_active: &r.previously_active,
        problem_area_other: r.problem_area_other.as_deref(),
        other_intervention_text: r.other_intervention_text.as_deref(),
        closed_on: r.closed_on,
        closing_reason: &r.closing_reason,
        closing_reason_text: r.closing_reason_text.as_deref(),
        comment: r.comment.as_deref(),
        intervention_type: intervention_type_str(r.intervention_type),
        intervention_days: r.intervention_days,
        enrolment_days: r.enrolment_days,
        revision,
        content_hash: hash,
        updated_at,
        problem_area_codes: r.problem_areas.join(","),
        intervention_codes: r.interventions.join(","),
    }
}

fn get_by_id(conn: &mut DbConnection, id: &str) -> Result<StoredCase, StoreError> {
    let row = cases::table.find(id).select(CaseRow::as_select()).first(conn)?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

/// (case id, position, name as sent, registry id, the registry method's intervention code)
type MethodRow = (String, i32, String, Option<String>, Option<String>);

/// Rows with their problem areas, interventions and methods, loaded in three queries.
fn assemble(conn: &mut DbConnection, rows: Vec<CaseRow>) -> Result<Vec<StoredCase>, StoreError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut areas: HashMap<String, Vec<(i32, String)>> = HashMap::new();
    let mut interventions: HashMap<String, Vec<String>> = HashMap::new();
    let mut methods: HashMap<String, Vec<(i32, NamedMethod)>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let area_rows: Vec<(String, String, i32)> = case_problem_areas::table
            .filter(case_problem_areas::case_id.eq_any(chunk))
            .select((case_problem_areas::case_id, case_problem_areas::code, case_problem_areas::position))
            .load(conn)?;
        for (case_id, code, position) in area_rows {
            areas.entry(case_id).or_default().push((position, code));
        }
        let intervention_rows: Vec<(String, String)> = case_interventions::table
            .filter(case_interventions::case_id.eq_any(chunk))
            .select((case_interventions::case_id, case_interventions::code))
            .load(conn)?;
        for (case_id, code) in intervention_rows {
            interventions.entry(case_id).or_default().push(code);
        }
        let method_rows: Vec<MethodRow> = case_methods::table
            .left_join(manual_methods::table.on(manual_methods::id.nullable().eq(case_methods::method_id)))
            .filter(case_methods::case_id.eq_any(chunk))
            .select((
                case_methods::case_id,
                case_methods::position,
                case_methods::name,
                case_methods::method_id,
                manual_methods::intervention_code.nullable(),
            ))
            .load(conn)?;
        for (case_id, position, name, method_id, intervention_code) in method_rows {
            methods.entry(case_id).or_default().push((position, NamedMethod { name, method_id, intervention_code }));
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut problem_areas = areas.remove(&row.id).unwrap_or_default();
            problem_areas.sort();
            let mut named = methods.remove(&row.id).unwrap_or_default();
            named.sort_by_key(|(position, _)| *position);
            let mut codes = interventions.remove(&row.id).unwrap_or_default();
            // Canonical form order, as validation produces it.
            if let Some(list) =
                domain::forms::get(&row.form).and_then(|f| f.code_list(domain::CodeListId::Interventions))
            {
                codes.sort_by_key(|c| list.get(c).map(|code| code.position).unwrap_or(u8::MAX));
            }
            let record = ValidRecord {
                case_ref: row.case_ref,
                form: row.form,
                age_at_referral: row.age_at_referral,
                gender: row.gender,
                birth_background: row.birth_background,
                referred_on: row.referred_on,
                started_on: row.started_on,
                previously_active: row.previously_active,
                problem_areas: problem_areas.into_iter().map(|(_, code)| code).collect(),
                problem_area_other: row.problem_area_other,
                interventions: codes,
                manual_methods: named.into_iter().map(|(_, m)| m).collect(),
                other_intervention_text: row.other_intervention_text,
                closed_on: row.closed_on,
                closing_reason: row.closing_reason,
                closing_reason_text: row.closing_reason_text,
                comment: row.comment,
                intervention_days: row.intervention_days,
                enrolment_days: row.enrolment_days,
                intervention_type: parse_intervention_type(&row.intervention_type)?,
            };
            Ok(StoredCase {
                id: row.id,
                unit_id: row.unit_id,
                record,
                revision: row.revision,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
        })
        .collect()
}

pub fn get(conn: &mut DbConnection, unit_id: &str, case_ref: &str) -> Result<Option<StoredCase>, StoreError> {
    let row = cases::table
        .filter(cases::unit_id.eq(unit_id))
        .filter(cases::case_ref.eq(case_ref))
        .select(CaseRow::as_select())
        .first(conn)
        .optional()?;
    match row {
        Some(row) => Ok(assemble(conn, vec![row])?.pop()),
        None => Ok(None),
    }
}

/// Which of `refs` already have a record in the unit.
pub fn existing_refs(
    conn: &mut DbConnection,
    unit_id: &str,
    refs: &[String],
) -> QueryResult<std::collections::HashSet<String>> {
    let mut found = std::collections::HashSet::new();
    for chunk in refs.chunks(500) {
        let rows: Vec<String> = cases::table
            .filter(cases::unit_id.eq(unit_id))
            .filter(cases::case_ref.eq_any(chunk))
            .select(cases::case_ref)
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Erases a record and everything under it. `false` when there was none.
pub fn delete(conn: &mut DbConnection, unit_id: &str, case_ref: &str) -> Result<bool, StoreError> {
    conn.transaction(|conn| {
        let found: Option<(String, NaiveDate)> = cases::table
            .filter(cases::unit_id.eq(unit_id))
            .filter(cases::case_ref.eq(case_ref))
            .select((cases::id, cases::closed_on))
            .first(conn)
            .optional()?;
        let Some((id, closed_on)) = found else { return Ok(false) };
        delete_children(conn, &id)?;
        super::keys::erase(conn, &id)?;
        diesel::delete(cases::table.find(&id)).execute(conn)?;
        super::stats::bump(conn, &[(unit_id, closed_on.year())])?;
        Ok(true)
    })
}

/// Filters of the case listings.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub closed_from: Option<NaiveDate>,
    pub closed_to: Option<NaiveDate>,
    pub updated_since: Option<NaiveDateTime>,
    pub form: Option<String>,
}

/// Cases of `unit_ids` in the stable order (unit id, case reference), after `after`.
pub fn list(
    conn: &mut DbConnection,
    unit_ids: &[String],
    filter: &CaseFilter,
    after: Option<(String, String)>,
    limit: i64,
) -> Result<Vec<StoredCase>, StoreError> {
    let mut query = cases::table.filter(cases::unit_id.eq_any(unit_ids)).select(CaseRow::as_select()).into_boxed();
    if let Some(from) = filter.closed_from {
        query = query.filter(cases::closed_on.ge(from));
    }
    if let Some(to) = filter.closed_to {
        query = query.filter(cases::closed_on.le(to));
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(cases::updated_at.ge(since));
    }
    if let Some(form) = &filter.form {
        query = query.filter(cases::form.eq(form.clone()));
    }
    if let Some((unit, case_ref)) = after {
        query =
            query.filter(cases::unit_id.gt(unit.clone()).or(cases::unit_id.eq(unit).and(cases::case_ref.gt(case_ref))));
    }
    let rows = query.order((cases::unit_id.asc(), cases::case_ref.asc())).limit(limit).load(conn)?;
    assemble(conn, rows)
}

/// A new record made ready for a bulk insert: its id and content hash computed, so that this
/// (the CPU part) can run on another thread than the database writes.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub id: String,
    pub unit_id: String,
    pub record: ValidRecord,
    pub content_hash: String,
}

impl NewCase {
    pub fn new(unit_id: String, record: ValidRecord) -> Self {
        let content_hash = content_hash(&record);
        Self { id: uuid::Uuid::now_v7().to_string(), unit_id, record, content_hash }
    }
}

/// A whole `cases` row for bulk inserts: the server-owned columns and [`content`] embedded, so
/// that bulk and single writes store the same values and a new content column needs no line here.
#[derive(Insertable)]
#[diesel(table_name = cases, treat_none_as_default_value = false)]
struct CaseRowInsert<'a> {
    id: &'a str,
    unit_id: &'a str,
    case_ref: &'a str,
    created_at: NaiveDateTime,
    #[diesel(embed)]
    content: CaseContent<'a>,
}

impl<'a> CaseRowInsert<'a> {
    fn new(case: &'a NewCase, timestamp: NaiveDateTime) -> Self {
        Self {
            id: &case.id,
            unit_id: &case.unit_id,
            case_ref: &case.record.case_ref,
            created_at: timestamp,
            content: content(&case.record, 1, &case.content_hash, timestamp),
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = case_problem_areas, treat_none_as_default_value = false)]
struct AreaRowInsert<'a> {
    case_id: &'a str,
    code: &'a str,
    position: i32,
}

#[derive(Insertable)]
#[diesel(table_name = case_interventions, treat_none_as_default_value = false)]
struct InterventionRowInsert<'a> {
    case_id: &'a str,
    code: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = case_methods, treat_none_as_default_value = false)]
struct MethodRowInsert<'a> {
    case_id: &'a str,
    position: i32,
    name: &'a str,
    method_id: Option<&'a str>,
}

/// Writes many new records at once (all in one transaction): the fast path for synthetic data
/// and bulk loads. Each record goes to the unit beside it; references must be new in their unit.
pub fn insert_many(conn: &mut DbConnection, records: &[(String, ValidRecord)]) -> Result<usize, StoreError> {
    let cases: Vec<NewCase> = records.iter().map(|(unit, record)| NewCase::new(unit.clone(), record.clone())).collect();
    insert_new(conn, &cases)
}

/// Writes prepared new records in one transaction: `cases` by multi-row `INSERT`s on both backends
/// ([`crate::multi_row_insert!`]; its row embeds [`CaseContent`], which `COPY` cannot take), the
/// child tables by [`crate::bulk_insert!`] (`COPY … FROM STDIN` on PostgreSQL).
pub fn insert_new(conn: &mut DbConnection, new: &[NewCase]) -> Result<usize, StoreError> {
    let timestamp = now();
    let rows: Vec<CaseRowInsert> = new.iter().map(|case| CaseRowInsert::new(case, timestamp)).collect();
    let mut areas = Vec::new();
    let mut interventions = Vec::new();
    let mut methods = Vec::new();
    for case in new {
        let case_id = case.id.as_str();
        for (position, code) in case.record.problem_areas.iter().enumerate() {
            areas.push(AreaRowInsert { case_id, code, position: position as i32 });
        }
        for code in &case.record.interventions {
            interventions.push(InterventionRowInsert { case_id, code });
        }
        for (position, method) in case.record.manual_methods.iter().enumerate() {
            methods.push(MethodRowInsert {
                case_id,
                position: position as i32,
                name: &method.name,
                method_id: method.method_id.as_deref(),
            });
        }
    }
    conn.transaction::<_, StoreError, _>(|conn| {
        crate::multi_row_insert!(conn, cases::table, &rows)?;
        crate::bulk_insert!(conn, case_problem_areas::table, &areas)?;
        crate::bulk_insert!(conn, case_interventions::table, &interventions)?;
        crate::bulk_insert!(conn, case_methods::table, &methods)?;
        let unit_years: Vec<(&str, i32)> =
            new.iter().map(|case| (case.unit_id.as_str(), case.record.closed_on.year())).collect();
        super::stats::bump(conn, &unit_years)?;
        let keyed: Vec<(&str, &str, i32)> =
            new.iter().map(|c| (c.id.as_str(), c.unit_id.as_str(), c.record.closed_on.year())).collect();
        super::keys::create_many(conn, &keyed)?;
        Ok(())
    })?;
    Ok(new.len())
}
