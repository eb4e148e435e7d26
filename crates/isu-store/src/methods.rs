//! The manual-method registry as stored: admins add methods and edit names, descriptions and
//! aliases. The invariant of the embedded seed holds for the stored registry too: every name and
//! alias, after [`normalise_method_name`], and every id read as a name, belongs to one method
//! only, so a free-text method name resolves to at most one method.
//!
//! The name of a method is stored among its aliases (`manual_method_aliases` holds every name
//! key); [`ManualMethod::aliases`] lists the others, in Swedish alphabetical order.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::now;
use super::schema::{manual_method_aliases, manual_methods, registry_generations};
use super::DbConnection;
use super::StoreError;
use isu_domain::validation::FieldError;
use isu_domain::validation::{
    check_name, check_required_name, check_text, finish as validation, resolve_id, swedish_cmp,
};
use isu_domain::{normalise_method_name, LocalizedText, ManualMethod};

/// The Q8 codes a method may count under.
pub const INTERVENTION_CODES: [&str; 2] = ["manual_method", "crisis_support"];
/// Longest name or alias: a record's `manual_methods` entries have at most 100 characters, so a
/// longer name could never match one.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest description, per language.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
/// Most aliases per method.
pub const MAX_ALIASES: usize = 50;

/// A new method. Required fields are `Option` so that a missing one is reported with every
/// other violation.
#[derive(Debug, Clone)]
pub struct NewMethod {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<DescriptionInput>,
    pub aliases: Vec<String>,
    pub intervention_code: Option<String>,
}

/// A description as posted: both languages are required on creation; a change may give one.
#[derive(Debug, Clone, Default)]
pub struct DescriptionInput {
    pub sv: Option<String>,
    pub en: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct MethodChanges {
    pub name: Option<String>,
    pub description: Option<DescriptionInput>,
    pub aliases: Option<Vec<String>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = manual_methods)]
struct MethodRow {
    id: String,
    name: String,
    description_sv: String,
    description_en: String,
    intervention_code: String,
    #[allow(dead_code)]
    created_at: NaiveDateTime,
    #[allow(dead_code)]
    updated_at: NaiveDateTime,
}

fn assemble(conn: &mut DbConnection, rows: Vec<MethodRow>) -> Result<Vec<ManualMethod>, StoreError> {
    let alias_rows: Vec<(String, String)> = manual_method_aliases::table
        .select((manual_method_aliases::method_id, manual_method_aliases::alias))
        .load(conn)?;
    let mut by_method: HashMap<String, Vec<String>> = HashMap::new();
    for (method, alias) in alias_rows {
        by_method.entry(method).or_default().push(alias);
    }
    let mut methods: Vec<ManualMethod> = rows
        .into_iter()
        .map(|row| {
            let name_key = normalise_method_name(&row.name);
            let mut aliases: Vec<String> = by_method
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|alias| normalise_method_name(alias) != name_key)
                .collect();
            aliases.sort_by(|a, b| swedish_cmp(a, b));
            ManualMethod {
                id: row.id,
                name: row.name,
                description: LocalizedText { sv: row.description_sv, en: row.description_en },
                aliases,
                intervention_code: row.intervention_code,
            }
        })
        .collect();
    methods.sort_by(|a, b| swedish_cmp(&a.name, &b.name));
    Ok(methods)
}

/// The registry, by name in Swedish alphabetical order (the order of the report's Table 2).
pub fn list(conn: &mut DbConnection) -> Result<Vec<ManualMethod>, StoreError> {
    let rows = manual_methods::table.select(MethodRow::as_select()).load(conn)?;
    assemble(conn, rows)
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<ManualMethod>, StoreError> {
    let rows = manual_methods::table.filter(manual_methods::id.eq(id)).select(MethodRow::as_select()).load(conn)?;
    Ok(assemble(conn, rows)?.into_iter().next())
}

/// The method a free-text entry refers to: an exact id, or a name or alias with the same
/// [`normalise_method_name`] key. `None`: not in the registry.
pub fn resolve(conn: &mut DbConnection, name_or_id: &str) -> Result<Option<ManualMethod>, StoreError> {
    if let Some(method) = get(conn, name_or_id.trim())? {
        return Ok(Some(method));
    }
    let key = normalise_method_name(name_or_id);
    let owner: Option<String> = manual_method_aliases::table
        .filter(manual_method_aliases::normalised.eq(&key))
        .select(manual_method_aliases::method_id)
        .first(conn)
        .optional()?;
    match owner {
        Some(id) => get(conn, &id),
        None => Ok(None),
    }
}

/// Every key that identifies a method: name and alias keys, and each id read as a name.
fn taken_keys(conn: &mut DbConnection) -> Result<HashMap<String, String>, StoreError> {
    let mut keys: HashMap<String, String> = HashMap::new();
    let ids: Vec<String> = manual_methods::table.select(manual_methods::id).load(conn)?;
    for id in ids {
        keys.insert(normalise_method_name(&id), id);
    }
    let aliases: Vec<(String, String)> = manual_method_aliases::table
        .select((manual_method_aliases::normalised, manual_method_aliases::method_id))
        .load(conn)?;
    keys.extend(aliases);
    Ok(keys)
}

fn check_method_name(name: &str, errors: &mut Vec<FieldError>) -> String {
    let trimmed = check_name("/name", name, MAX_NAME_CHARS, errors);
    if !trimmed.is_empty() && normalise_method_name(&trimmed).is_empty() {
        errors.push(FieldError::new("/name", "no_letters", "a name needs at least one letter or digit"));
    }
    trimmed
}

/// The description after checks: on creation (`current` is `None`) both languages are required;
/// on a change, a language not given keeps its current text.
fn check_description(
    input: &DescriptionInput,
    current: Option<&LocalizedText>,
    errors: &mut Vec<FieldError>,
) -> LocalizedText {
    let mut text = |pointer: &str, given: Option<&str>, current: Option<&str>| match (given, current) {
        (Some(given), _) => check_text(pointer, given, MAX_DESCRIPTION_CHARS, true, errors),
        (None, Some(current)) => current.to_string(),
        (None, None) => check_required_name(pointer, None, MAX_DESCRIPTION_CHARS, errors),
    };
    LocalizedText {
        sv: text("/description/sv", input.sv.as_deref(), current.map(|c| c.sv.as_str())),
        en: text("/description/en", input.en.as_deref(), current.map(|c| c.en.as_str())),
    }
}

/// Checks an alias list without the database (lengths, repeats, the name repeated). Returns the
/// trimmed aliases.
fn check_aliases(
    name: Option<&str>,
    aliases: Option<&[String]>,
    current_name: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<String>> {
    let aliases = aliases.map(|aliases| {
        if aliases.len() > MAX_ALIASES {
            errors.push(FieldError::new("/aliases", "too_many", format!("at most {MAX_ALIASES} aliases")));
        }
        let name_key = name.or(current_name).map(normalise_method_name).unwrap_or_default();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(aliases.len());
        for (i, alias) in aliases.iter().enumerate() {
            let pointer = format!("/aliases/{i}");
            let trimmed = check_name(&pointer, alias, MAX_NAME_CHARS, errors);
            let key = normalise_method_name(&trimmed);
            if key.is_empty() {
                if !trimmed.is_empty() {
                    errors.push(FieldError::new(pointer, "no_letters", "an alias needs at least one letter or digit"));
                }
            } else if key == name_key {
                errors.push(FieldError::new(
                    pointer,
                    "duplicate_alias",
                    "matches the name (names are compared ignoring case, accents and punctuation)",
                ));
            } else if let Some(first) = seen.get(&key) {
                errors.push(FieldError::new(
                    pointer,
                    "duplicate_alias",
                    format!("matches /aliases/{first} (names are compared ignoring case, accents and punctuation)"),
                ));
            } else {
                seen.insert(key, i);
            }
            out.push(trimmed);
        }
        out
    });
    aliases
}

/// Aliases whose key belongs to another method: 422, naming each.
/// `own_id`: the method being changed (`None` when creating).
fn check_aliases_free(
    aliases: &[String],
    own_id: Option<&str>,
    taken: &HashMap<String, String>,
    errors: &mut Vec<FieldError>,
) {
    for (i, alias) in aliases.iter().enumerate() {
        if let Some(owner) = taken.get(&normalise_method_name(alias)).filter(|owner| Some(owner.as_str()) != own_id) {
            errors.push(FieldError::new(
                format!("/aliases/{i}"),
                "alias_taken",
                format!("{alias:?} already identifies the method {owner:?}"),
            ));
        }
    }
}

/// 409 when the name matches another method's name, alias or id.
/// `own_id`: the method being changed (`None` when creating).
fn check_name_free(name: &str, own_id: Option<&str>, taken: &HashMap<String, String>) -> Result<(), StoreError> {
    match taken.get(&normalise_method_name(name)).filter(|owner| Some(owner.as_str()) != own_id) {
        Some(owner) => Err(StoreError::Taken(format!(
            "the name {name:?} already identifies the method {owner:?} (as its id, name or an alias)"
        ))),
        None => Ok(()),
    }
}

/// The registry's row in `registry_generations`.
const REGISTRY: &str = "manual_methods";

/// Raises the registry's counter: call in every transaction that changes a method's name, aliases
/// or existence, so that a cached registry ([`crate::cases::MethodRegistryCache`]) is read again.
pub(crate) fn changed(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(registry_generations::table.find(REGISTRY))
        .set(registry_generations::generation.eq(registry_generations::generation + 1i64))
        .execute(conn)
        .map(|_| ())
}

/// The registry's counter as stored (None only on a database whose migrations did not run).
pub(crate) fn generation(conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    registry_generations::table.find(REGISTRY).select(registry_generations::generation).first(conn).optional()
}

fn write_names(conn: &mut DbConnection, id: &str, name: &str, aliases: &[String]) -> Result<(), StoreError> {
    // Every change of names (create, update) comes through here.
    changed(conn)?;
    diesel::delete(manual_method_aliases::table.filter(manual_method_aliases::method_id.eq(id))).execute(conn)?;
    for alias in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        diesel::insert_into(manual_method_aliases::table)
            .values((
                manual_method_aliases::normalised.eq(normalise_method_name(alias)),
                manual_method_aliases::alias.eq(alias),
                manual_method_aliases::method_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds a method. 422 for invalid fields and aliases that identify another method (all at once);
/// 409 when the id is taken or the name identifies another method.
pub fn create(conn: &mut DbConnection, new: &NewMethod) -> Result<ManualMethod, StoreError> {
    let mut errors = Vec::new();
    let name = match &new.name {
        Some(name) => check_method_name(name, &mut errors),
        None => check_required_name("/name", None, MAX_NAME_CHARS, &mut errors),
    };
    let id = resolve_id(new.id.as_deref(), &name, &mut errors);
    let description = match &new.description {
        Some(input) => check_description(input, None, &mut errors),
        None => {
            errors.push(FieldError::new("/description", "required", "description is required"));
            LocalizedText { sv: String::new(), en: String::new() }
        }
    };
    let aliases = check_aliases(Some(&name), Some(&new.aliases), None, &mut errors).unwrap_or_default();
    let intervention_code = new.intervention_code.clone().unwrap_or_default();
    match &new.intervention_code {
        None => errors.push(FieldError::new("/intervention_code", "required", "intervention_code is required")),
        Some(code) if !INTERVENTION_CODES.contains(&code.as_str()) => errors.push(FieldError::new(
            "/intervention_code",
            "unknown_code",
            format!("must be one of: {}", INTERVENTION_CODES.join(", ")),
        )),
        Some(_) => {}
    }
    conn.transaction::<_, StoreError, _>(|conn| {
        let taken = taken_keys(conn)?;
        check_aliases_free(&aliases, None, &taken, &mut errors);
        validation(std::mem::take(&mut errors))?;
        check_name_free(&name, None, &taken)?;
        let exists: i64 = manual_methods::table.filter(manual_methods::id.eq(&id)).count().get_result(conn)?;
        if exists > 0 {
            return Err(StoreError::Taken(format!("a method with id {id:?} already exists")));
        }
        if let Some(owner) = taken.get(&normalise_method_name(&id)) {
            return Err(StoreError::Taken(format!(
                "the id {id:?} reads as a name of the method {owner:?}; choose another id"
            )));
        }
        let now = now();
        diesel::insert_into(manual_methods::table)
            .values((
                manual_methods::id.eq(&id),
                manual_methods::name.eq(&name),
                manual_methods::description_sv.eq(&description.sv),
                manual_methods::description_en.eq(&description.en),
                manual_methods::intervention_code.eq(&intervention_code),
                manual_methods::created_at.eq(now),
                manual_methods::updated_at.eq(now),
            ))
            .execute(conn)?;
        write_names(conn, &id, &name, &aliases)?;
        get(conn, &id)?.ok_or_else(|| StoreError::corrupt("method vanished after insert"))
    })
}

/// Changes a method's name, description and/or aliases (the list is replaced). When only the name
/// changes and an existing alias matches the new name, that alias is dropped (it is the name now).
pub fn update(conn: &mut DbConnection, id: &str, changes: &MethodChanges) -> Result<ManualMethod, StoreError> {
    conn.transaction::<_, StoreError, _>(|conn| {
        let current = get(conn, id)?.ok_or_else(|| {
            StoreError::NotFound(format!("no manual method has id {id:?}; GET /v1/manual-methods lists them"))
        })?;
        let mut errors = Vec::new();
        let name = match &changes.name {
            Some(name) => check_method_name(name, &mut errors),
            None => current.name.clone(),
        };
        let description = match &changes.description {
            Some(input) => check_description(input, Some(&current.description), &mut errors),
            None => current.description.clone(),
        };
        let aliases =
            check_aliases(changes.name.as_deref(), changes.aliases.as_deref(), Some(&current.name), &mut errors);
        let aliases = aliases.unwrap_or_else(|| {
            let key = normalise_method_name(&name);
            current.aliases.iter().filter(|a| normalise_method_name(a) != key).cloned().collect()
        });
        let taken = taken_keys(conn)?;
        check_aliases_free(&aliases, Some(id), &taken, &mut errors);
        validation(errors)?;
        check_name_free(&name, Some(id), &taken)?;

        let mut sorted = aliases.clone();
        sorted.sort_by(|a, b| swedish_cmp(a, b));
        if name == current.name && description == current.description && sorted == current.aliases {
            return Ok(current);
        }
        diesel::update(manual_methods::table.filter(manual_methods::id.eq(id)))
            .set((
                manual_methods::name.eq(&name),
                manual_methods::description_sv.eq(&description.sv),
                manual_methods::description_en.eq(&description.en),
                manual_methods::updated_at.eq(now()),
            ))
            .execute(conn)?;
        write_names(conn, id, &name, &aliases)?;
        get(conn, id)?.ok_or_else(|| StoreError::corrupt("method vanished after update"))
    })
}
