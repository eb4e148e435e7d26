//! API clients: creation (secret shown once), listing, revocation, secret rotation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{api_client_municipalities, api_client_units, api_clients, municipalities, regions, units};
use super::DbConnection;
use super::StoreError;
use isu_domain::validation::FieldError;
use isu_domain::validation::{check_name, finish};
use isu_domain::Role;

/// Longest client name.
pub const MAX_CLIENT_NAME_CHARS: usize = 200;

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_clients)]
struct ClientRow {
    id: String,
    name: String,
    role: String,
    region_id: Option<String>,
    secret_hash: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
}

/// A client with its tenancy, as stored.
#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub region: Option<String>,
    pub units: Vec<String>,
    pub municipalities: Vec<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone)]
pub struct NewClient {
    pub name: String,
    pub role: Role,
    pub units: Vec<String>,
    pub municipalities: Vec<String>,
    pub region: Option<String>,
}

/// The tenancy rules of each role, checked before anything is written.
pub fn validate_tenancy(new: &NewClient) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_name("/name", &new.name, MAX_CLIENT_NAME_CHARS, &mut errors);
    let scoped_to_units = matches!(new.role, Role::Vendor | Role::Registrar);
    if scoped_to_units && new.units.is_empty() && new.municipalities.is_empty() {
        errors.push(FieldError::new(
            "/units",
            "required",
            "a vendor or registrar needs at least one unit or municipality",
        ));
    }
    if !scoped_to_units && !new.units.is_empty() {
        errors.push(FieldError::new("/units", "not_allowed", "only vendors and registrars are scoped to units"));
    }
    if !scoped_to_units && !new.municipalities.is_empty() {
        errors.push(FieldError::new(
            "/municipalities",
            "not_allowed",
            "only vendors and registrars are scoped to municipalities",
        ));
    }
    match (new.role, &new.region) {
        (Role::RegionAnalyst, None) => {
            errors.push(FieldError::new("/region", "required", "a region analyst needs a region"))
        }
        (Role::RegionAnalyst, Some(_)) | (_, None) => {}
        (_, Some(_)) => errors.push(FieldError::new("/region", "not_allowed", "only region analysts have a region")),
    }
    errors
}

fn check_references(conn: &mut DbConnection, new: &NewClient) -> Result<(), StoreError> {
    let mut errors = Vec::new();
    for (i, unit) in new.units.iter().enumerate() {
        let found: i64 = units::table.filter(units::id.eq(unit)).count().get_result(conn)?;
        if found == 0 {
            errors.push(FieldError::new(format!("/units/{i}"), "unknown_unit", format!("no unit has id {unit}")));
        }
    }
    for (i, code) in new.municipalities.iter().enumerate() {
        let found: i64 = municipalities::table.filter(municipalities::code.eq(code)).count().get_result(conn)?;
        if found == 0 {
            errors.push(FieldError::new(
                format!("/municipalities/{i}"),
                "unknown_municipality",
                format!("no municipality has code {code:?} (SCB kommunkod, four digits)"),
            ));
        }
    }
    if let Some(region) = &new.region {
        let found: i64 = regions::table.filter(regions::id.eq(region)).count().get_result(conn)?;
        if found == 0 {
            errors.push(FieldError::new("/region", "unknown_region", format!("no region has id {region}")));
        }
    }
    Ok(finish(errors)?)
}

fn dedup(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = list.to_vec();
    out.sort();
    out.dedup();
    out
}

/// Creates the client `id` with the hash of its secret (hashed by the caller, so that the
/// expensive hashing never holds a connection or the write lock).
pub fn create(conn: &mut DbConnection, id: &str, new: &NewClient, secret_hash: &str) -> Result<Client, StoreError> {
    finish(validate_tenancy(new))?;
    let now = super::now();
    let unit_ids = dedup(&new.units);
    let municipality_codes = dedup(&new.municipalities);
    conn.transaction::<_, StoreError, _>(|conn| {
        check_references(conn, new)?;
        diesel::insert_into(api_clients::table)
            .values((
                api_clients::id.eq(id),
                api_clients::name.eq(new.name.trim()),
                api_clients::role.eq(new.role.as_str()),
                api_clients::region_id.eq(&new.region),
                api_clients::secret_hash.eq(secret_hash),
                api_clients::created_at.eq(now),
                api_clients::updated_at.eq(now),
            ))
            .execute(conn)?;
        for unit in &unit_ids {
            diesel::insert_into(api_client_units::table)
                .values((api_client_units::client_id.eq(&id), api_client_units::unit_id.eq(unit)))
                .execute(conn)?;
        }
        for code in &municipality_codes {
            diesel::insert_into(api_client_municipalities::table)
                .values((
                    api_client_municipalities::client_id.eq(&id),
                    api_client_municipalities::municipality_code.eq(code),
                ))
                .execute(conn)?;
        }
        Ok(())
    })?;
    get(conn, id)?.ok_or_else(|| StoreError::corrupt("client vanished after insert"))
}

fn assemble(conn: &mut DbConnection, row: ClientRow) -> Result<Client, StoreError> {
    let units = api_client_units::table
        .filter(api_client_units::client_id.eq(&row.id))
        .select(api_client_units::unit_id)
        .order(api_client_units::unit_id)
        .load(conn)?;
    let municipalities = api_client_municipalities::table
        .filter(api_client_municipalities::client_id.eq(&row.id))
        .select(api_client_municipalities::municipality_code)
        .order(api_client_municipalities::municipality_code)
        .load(conn)?;
    let role =
        Role::parse(&row.role).ok_or_else(|| StoreError::corrupt(format!("stored role {} unknown", row.role)))?;
    Ok(Client {
        id: row.id,
        name: row.name,
        role,
        region: row.region_id,
        units,
        municipalities,
        created_at: row.created_at,
        updated_at: row.updated_at,
        revoked_at: row.revoked_at,
    })
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Option<Client>, StoreError> {
    let row =
        api_clients::table.filter(api_clients::id.eq(id)).select(ClientRow::as_select()).first(conn).optional()?;
    row.map(|row| assemble(conn, row)).transpose()
}

pub fn list(conn: &mut DbConnection) -> Result<Vec<Client>, StoreError> {
    let rows = api_clients::table.select(ClientRow::as_select()).order(api_clients::created_at).load(conn)?;
    rows.into_iter().map(|row| assemble(conn, row)).collect()
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    api_clients::table.count().get_result(conn)
}

/// The client and its secret hash, for the token endpoint; revoked clients are not returned.
pub fn find_active_with_hash(conn: &mut DbConnection, id: &str) -> Result<Option<(Client, String)>, StoreError> {
    let row = api_clients::table
        .filter(api_clients::id.eq(id))
        .filter(api_clients::revoked_at.is_null())
        .select(ClientRow::as_select())
        .first(conn)
        .optional()?;
    match row {
        Some(row) => {
            let hash = row.secret_hash.clone();
            Ok(Some((assemble(conn, row)?, hash)))
        }
        None => Ok(None),
    }
}

pub fn is_active(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    let found: i64 = api_clients::table
        .filter(api_clients::id.eq(id))
        .filter(api_clients::revoked_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Revokes a client (idempotent). Its tokens stop working within the revocation-check interval.
pub fn revoke(conn: &mut DbConnection, id: &str) -> Result<Client, StoreError> {
    let now = super::now();
    diesel::update(api_clients::table.filter(api_clients::id.eq(id)).filter(api_clients::revoked_at.is_null()))
        .set((api_clients::revoked_at.eq(now), api_clients::updated_at.eq(now)))
        .execute(conn)?;
    get(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("no client has id {id}")))
}

/// Replaces the secret hash of an active client; the old secret stops working at once.
pub fn rotate_secret(conn: &mut DbConnection, id: &str, secret_hash: &str) -> Result<Client, StoreError> {
    let now = super::now();
    let changed =
        diesel::update(api_clients::table.filter(api_clients::id.eq(id)).filter(api_clients::revoked_at.is_null()))
            .set((api_clients::secret_hash.eq(secret_hash), api_clients::updated_at.eq(now)))
            .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("no active client has id {id}")));
    }
    get(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("no client has id {id}")))
}
