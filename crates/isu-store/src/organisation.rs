//! Organisation reference data: municipalities (with their county and region), regions and
//! units. Reads, and the admin writes with every check made before anything is written, inside
//! one transaction.
//!
//! Lists are sorted here, in Rust, not by SQL `ORDER BY` on text: PostgreSQL sorts text by the
//! database's collation, SQLite bytewise, and both backends must answer identically.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{counties, municipalities, region_municipalities, regions, units};
use super::StoreError;
use super::{now, DbConnection};
use isu_domain::validation::FieldError;
use isu_domain::validation::{check_name, check_required_name, finish as validation, resolve_id, swedish_cmp};

/// Longest region or unit name.
pub const MAX_NAME_CHARS: usize = 200;

/// A municipality with its county and (if any) region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityInfo {
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub county_name: String,
    pub region: Option<String>,
}

/// A member municipality of a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityRef {
    pub code: String,
    pub name: String,
    pub county_code: String,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// By code.
    pub municipalities: Vec<MunicipalityRef>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub region: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewRegion {
    pub id: Option<String>,
    /// Required; `None` is reported as missing, with every other violation.
    pub name: Option<String>,
    pub municipalities: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct RegionChanges {
    pub name: Option<String>,
    pub municipalities: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    /// Required; `None` is reported as missing, with every other violation.
    pub municipality: Option<String>,
    /// Required.
    pub name: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = regions)]
struct RegionRow {
    id: String,
    name: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = units)]
struct UnitRow {
    id: String,
    municipality_code: String,
    name: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Municipalities

fn municipality_names(conn: &mut DbConnection) -> Result<HashMap<String, (String, String)>, StoreError> {
    let rows: Vec<(String, String, String)> = municipalities::table
        .select((municipalities::code, municipalities::name, municipalities::county_code))
        .load(conn)?;
    Ok(rows.into_iter().map(|(code, name, county)| (code, (name, county))).collect())
}

fn region_of_municipality(conn: &mut DbConnection) -> Result<HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String)> = region_municipalities::table
        .select((region_municipalities::municipality_code, region_municipalities::region_id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

fn region_exists(conn: &mut DbConnection, id: &str) -> Result<bool, StoreError> {
    let n: i64 = regions::table.filter(regions::id.eq(id)).count().get_result(conn)?;
    Ok(n > 0)
}

fn municipality_exists(conn: &mut DbConnection, code: &str) -> Result<bool, StoreError> {
    let n: i64 = municipalities::table.filter(municipalities::code.eq(code)).count().get_result(conn)?;
    Ok(n > 0)
}

/// All municipalities by code, optionally only those of a county and/or a region. An unknown
/// county or region is a validation error naming the query parameter.
pub fn list_municipalities(
    conn: &mut DbConnection,
    county: Option<&str>,
    region: Option<&str>,
) -> Result<Vec<MunicipalityInfo>, StoreError> {
    let counties: BTreeMap<String, String> =
        counties::table.select((counties::code, counties::name)).load::<(String, String)>(conn)?.into_iter().collect();
    let mut errors = Vec::new();
    if let Some(county) = county {
        if !counties.contains_key(county) {
            errors.push(FieldError::new(
                "query:county",
                "unknown_county",
                format!("no county has code {county:?}; county codes are two digits, 01 to 25"),
            ));
        }
    }
    if let Some(region) = region {
        if !region_exists(conn, region)? {
            let mut ids: Vec<String> = regions::table.select(regions::id).load(conn)?;
            ids.sort();
            errors.push(FieldError::new(
                "query:region",
                "unknown_region",
                format!("no region has id {region:?}; regions: {}", ids.join(", ")),
            ));
        }
    }
    validation(errors)?;
    let regions = region_of_municipality(conn)?;
    let mut rows: Vec<(String, String, String)> = municipalities::table
        .select((municipalities::code, municipalities::name, municipalities::county_code))
        .load(conn)?;
    rows.sort();
    Ok(rows
        .into_iter()
        .filter(|(_, _, c)| county.is_none_or(|county| c == county))
        .map(|(code, name, county_code)| MunicipalityInfo {
            region: regions.get(&code).cloned(),
            county_name: counties.get(&county_code).cloned().unwrap_or_default(),
            code,
            name,
            county_code,
        })
        .filter(|m| region.is_none_or(|r| m.region.as_deref() == Some(r)))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Regions

fn assemble_regions(conn: &mut DbConnection, rows: Vec<RegionRow>) -> Result<Vec<Region>, StoreError> {
    let names = municipality_names(conn)?;
    let members: Vec<(String, String)> = region_municipalities::table
        .select((region_municipalities::region_id, region_municipalities::municipality_code))
        .load(conn)?;
    let mut by_region: HashMap<String, Vec<MunicipalityRef>> = HashMap::new();
    for (region, code) in members {
        let (name, county_code) = names.get(&code).cloned().unwrap_or_default();
        by_region.entry(region).or_default().push(MunicipalityRef { code, name, county_code });
    }
    let mut regions: Vec<Region> = rows
        .into_iter()
        .map(|row| {
            let mut municipalities = by_region.remove(&row.id).unwrap_or_default();
            municipalities.sort_by(|a, b| a.code.cmp(&b.code));
            Region {
                id: row.id,
                name: row.name,
                municipalities,
                created_at: row.created_at,
                updated_at: row.updated_at,
            }
        })
        .collect();
    regions.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(regions)
}

/// All regions by id, each with its municipalities by code.
pub fn list_regions(conn: &mut DbConnection) -> Result<Vec<Region>, StoreError> {
    let rows = regions::table.select(RegionRow::as_select()).load(conn)?;
    assemble_regions(conn, rows)
}

pub fn get_region(conn: &mut DbConnection, id: &str) -> Result<Option<Region>, StoreError> {
    let rows = regions::table.filter(regions::id.eq(id)).select(RegionRow::as_select()).load(conn)?;
    Ok(assemble_regions(conn, rows)?.into_iter().next())
}

/// Checks a region's municipality list: known codes, no repeats, none in another region.
/// Returns the codes, sorted.
fn check_members(
    conn: &mut DbConnection,
    region_id: &str,
    codes: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<String>, StoreError> {
    let names = municipality_names(conn)?;
    let regions = region_of_municipality(conn)?;
    let mut seen = HashSet::new();
    for (i, code) in codes.iter().enumerate() {
        let pointer = format!("/municipalities/{i}");
        let Some((name, _)) = names.get(code) else {
            errors.push(FieldError::new(
                pointer,
                "unknown_municipality",
                format!("no municipality has code {code:?} (SCB kommunkod, four digits)"),
            ));
            continue;
        };
        if !seen.insert(code.as_str()) {
            errors.push(FieldError::new(pointer, "duplicate", format!("{code} ({name}) is listed twice")));
            continue;
        }
        if let Some(other) = regions.get(code).filter(|other| *other != region_id) {
            errors.push(FieldError::new(
                pointer,
                "in_other_region",
                format!(
                    "{code} ({name}) already belongs to region {other}; a municipality belongs to at most one \
                     region, so remove it there first"
                ),
            ));
        }
    }
    let mut sorted: Vec<String> = seen.into_iter().map(str::to_string).collect();
    sorted.sort();
    Ok(sorted)
}

fn replace_members(conn: &mut DbConnection, region_id: &str, codes: &[String]) -> Result<(), StoreError> {
    diesel::delete(region_municipalities::table.filter(region_municipalities::region_id.eq(region_id)))
        .execute(conn)?;
    for code in codes {
        diesel::insert_into(region_municipalities::table)
            .values((region_municipalities::municipality_code.eq(code), region_municipalities::region_id.eq(region_id)))
            .execute(conn)?;
    }
    Ok(())
}

/// A region whose name (case-insensitive) another region has, if any.
fn region_named(conn: &mut DbConnection, name: &str, except: Option<&str>) -> Result<Option<String>, StoreError> {
    let all: Vec<(String, String)> = regions::table.select((regions::id, regions::name)).load(conn)?;
    Ok(all.into_iter().find(|(id, other)| Some(id.as_str()) != except && same_name(other, name)).map(|(id, _)| id))
}

/// Creates a region. 422 for invalid fields (all at once), 409 when the id or name is taken.
pub fn create_region(conn: &mut DbConnection, new: &NewRegion) -> Result<Region, StoreError> {
    let mut errors = Vec::new();
    let name = check_required_name("/name", new.name.as_deref(), MAX_NAME_CHARS, &mut errors);
    let id = resolve_id(new.id.as_deref(), &name, &mut errors);
    conn.transaction::<_, StoreError, _>(|conn| {
        let members = check_members(conn, &id, &new.municipalities, &mut errors)?;
        validation(std::mem::take(&mut errors))?;
        if region_exists(conn, &id)? {
            return Err(StoreError::Taken(format!("a region with id {id:?} already exists")));
        }
        if let Some(other) = region_named(conn, &name, None)? {
            return Err(StoreError::Taken(format!("region {other} already has the name {name:?}")));
        }
        let now = now();
        diesel::insert_into(regions::table)
            .values((
                regions::id.eq(&id),
                regions::name.eq(&name),
                regions::created_at.eq(now),
                regions::updated_at.eq(now),
            ))
            .execute(conn)?;
        replace_members(conn, &id, &members)?;
        get_region(conn, &id)?.ok_or_else(|| StoreError::corrupt("region vanished after insert"))
    })
}

/// Renames a region and/or replaces its municipalities. 404 for an unknown region.
pub fn update_region(conn: &mut DbConnection, id: &str, changes: &RegionChanges) -> Result<Region, StoreError> {
    let mut errors = Vec::new();
    let name = changes.name.as_deref().map(|name| check_name("/name", name, MAX_NAME_CHARS, &mut errors));
    conn.transaction::<_, StoreError, _>(|conn| {
        let current = get_region(conn, id)?.ok_or_else(|| not_found_region(conn, id))?;
        let members = match &changes.municipalities {
            Some(codes) => Some(check_members(conn, id, codes, &mut errors)?),
            None => None,
        };
        validation(std::mem::take(&mut errors))?;
        if let Some(name) = &name {
            if let Some(other) = region_named(conn, name, Some(id))? {
                return Err(StoreError::Taken(format!("region {other} already has the name {name:?}")));
            }
        }
        let current_codes: Vec<String> = current.municipalities.iter().map(|m| m.code.clone()).collect();
        let rename = name.as_ref().filter(|name| **name != current.name);
        let regroup = members.as_ref().filter(|codes| **codes != current_codes);
        if rename.is_none() && regroup.is_none() {
            return Ok(current);
        }
        if let Some(codes) = regroup {
            replace_members(conn, id, codes)?;
        }
        let now = now();
        diesel::update(regions::table.filter(regions::id.eq(id)))
            .set((regions::name.eq(rename.unwrap_or(&current.name)), regions::updated_at.eq(now)))
            .execute(conn)?;
        get_region(conn, id)?.ok_or_else(|| StoreError::corrupt("region vanished after update"))
    })
}

fn not_found_region(conn: &mut DbConnection, id: &str) -> StoreError {
    let mut ids: Vec<String> = regions::table.select(regions::id).load(conn).unwrap_or_default();
    ids.sort();
    StoreError::NotFound(format!("no region has id {id:?}; regions: {}", ids.join(", ")))
}

// ---------------------------------------------------------------------------------------------
// Units

fn assemble_units(conn: &mut DbConnection, rows: Vec<UnitRow>) -> Result<Vec<Unit>, StoreError> {
    let names = municipality_names(conn)?;
    let regions = region_of_municipality(conn)?;
    let mut units: Vec<Unit> = rows
        .into_iter()
        .map(|row| Unit {
            municipality_name: names.get(&row.municipality_code).map(|(name, _)| name.clone()).unwrap_or_default(),
            region: regions.get(&row.municipality_code).cloned(),
            id: row.id,
            name: row.name,
            municipality_code: row.municipality_code,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
        .collect();
    units.sort_by(|a, b| {
        a.municipality_code.cmp(&b.municipality_code).then_with(|| swedish_cmp(&a.name, &b.name)).then(a.id.cmp(&b.id))
    });
    Ok(units)
}

/// Units by municipality code, then name; optionally only those of a municipality and/or of a
/// region's municipalities. An unknown filter value is a validation error naming the parameter.
pub fn list_units(
    conn: &mut DbConnection,
    municipality: Option<&str>,
    region: Option<&str>,
) -> Result<Vec<Unit>, StoreError> {
    let mut errors = Vec::new();
    if let Some(code) = municipality {
        if !municipality_exists(conn, code)? {
            errors.push(FieldError::new(
                "query:municipality",
                "unknown_municipality",
                format!("no municipality has code {code:?} (SCB kommunkod, four digits)"),
            ));
        }
    }
    if let Some(region) = region {
        if !region_exists(conn, region)? {
            let mut ids: Vec<String> = regions::table.select(regions::id).load(conn)?;
            ids.sort();
            errors.push(FieldError::new(
                "query:region",
                "unknown_region",
                format!("no region has id {region:?}; regions: {}", ids.join(", ")),
            ));
        }
    }
    validation(errors)?;
    let mut query = units::table.select(UnitRow::as_select()).into_boxed();
    if let Some(code) = municipality {
        query = query.filter(units::municipality_code.eq(code.to_string()));
    }
    let rows = query.load(conn)?;
    let units = assemble_units(conn, rows)?;
    Ok(units.into_iter().filter(|u| region.is_none_or(|r| u.region.as_deref() == Some(r))).collect())
}

pub fn get_unit(conn: &mut DbConnection, id: &str) -> Result<Option<Unit>, StoreError> {
    let rows = units::table.filter(units::id.eq(id)).select(UnitRow::as_select()).load(conn)?;
    Ok(assemble_units(conn, rows)?.into_iter().next())
}

/// The unit in `municipality` named like `name` (case-insensitive), other than `except`.
fn unit_named(
    conn: &mut DbConnection,
    municipality: &str,
    name: &str,
    except: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let all: Vec<(String, String)> =
        units::table.filter(units::municipality_code.eq(municipality)).select((units::id, units::name)).load(conn)?;
    Ok(all.into_iter().find(|(id, other)| Some(id.as_str()) != except && same_name(other, name)).map(|(id, _)| id))
}

/// Creates a unit with a new UUID. 422 for invalid fields, 409 when the municipality already has
/// a unit of that name.
pub fn create_unit(conn: &mut DbConnection, new: &NewUnit) -> Result<Unit, StoreError> {
    let mut errors = Vec::new();
    let name = check_required_name("/name", new.name.as_deref(), MAX_NAME_CHARS, &mut errors);
    conn.transaction::<_, StoreError, _>(|conn| {
        let municipality = match &new.municipality {
            None => {
                errors.push(FieldError::new("/municipality", "required", "municipality is required"));
                String::new()
            }
            Some(code) => {
                if !municipality_exists(conn, code)? {
                    errors.push(FieldError::new(
                        "/municipality",
                        "unknown_municipality",
                        format!("no municipality has code {code:?} (SCB kommunkod, four digits)"),
                    ));
                }
                code.clone()
            }
        };
        validation(std::mem::take(&mut errors))?;
        if let Some(other) = unit_named(conn, &municipality, &name, None)? {
            return Err(StoreError::Taken(format!(
                "municipality {municipality} already has a unit named {name:?} (id {other})"
            )));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let now = now();
        diesel::insert_into(units::table)
            .values((
                units::id.eq(&id),
                units::municipality_code.eq(&municipality),
                units::name.eq(&name),
                units::created_at.eq(now),
                units::updated_at.eq(now),
            ))
            .execute(conn)?;
        get_unit(conn, &id)?.ok_or_else(|| StoreError::corrupt("unit vanished after insert"))
    })
}

/// Renames a unit. 404 for an unknown unit, 409 when its municipality has a unit of that name.
pub fn rename_unit(conn: &mut DbConnection, id: &str, name: Option<&str>) -> Result<Unit, StoreError> {
    let mut errors = Vec::new();
    let name = name.map(|name| check_name("/name", name, MAX_NAME_CHARS, &mut errors));
    conn.transaction::<_, StoreError, _>(|conn| {
        let current = get_unit(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("no unit has id {id:?}")))?;
        validation(std::mem::take(&mut errors))?;
        let Some(name) = name.filter(|name| *name != current.name) else {
            return Ok(current);
        };
        if let Some(other) = unit_named(conn, &current.municipality_code, &name, Some(id))? {
            return Err(StoreError::Taken(format!(
                "municipality {} already has a unit named {name:?} (id {other})",
                current.municipality_code
            )));
        }
        let now = now();
        diesel::update(units::table.filter(units::id.eq(id)))
            .set((units::name.eq(&name), units::updated_at.eq(now)))
            .execute(conn)?;
        get_unit(conn, id)?.ok_or_else(|| StoreError::corrupt("unit vanished after update"))
    })
}
