//! Administration: API clients and the audit log. Admin role and `admin` scope only.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::JsonObject;
use super::problem::{ApiError, FieldError};
use super::AppState;
use crate::auth::{secrets, AdminOnly, Authorized, Role};
use isu_store as db;
use isu_store::audit::{AuditEvent, AuditFilter};
use isu_store::clients::{Client, NewClient};

/// An API client and its tenancy. The secret is never shown again after creation or rotation.
#[derive(Serialize, ToSchema)]
#[schema(as = ApiClient, example = json!({"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn",
    "role": "vendor", "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
    "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z", "revoked_at": null}))]
pub struct ApiClient {
    pub client_id: String,
    pub name: String,
    pub role: Role,
    /// Units whose cases the client may write and read (vendor, registrar).
    pub units: Vec<String>,
    /// Municipalities all of whose units the client may write and read (vendor, registrar).
    pub municipalities: Vec<String>,
    /// The region of a region analyst.
    pub region: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the client was revoked; its tokens then stop working (within 30 s).
    pub revoked_at: Option<DateTime<Utc>>,
}

/// How long reading the audit log waits for this instance's queued rows (normally milliseconds;
/// short, so that in an outage the read itself is answered 503 soon).
const AUDIT_FLUSH_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

impl From<Client> for ApiClient {
    fn from(c: Client) -> Self {
        Self {
            client_id: c.id,
            name: c.name,
            role: c.role,
            units: c.units,
            municipalities: c.municipalities,
            region: c.region,
            created_at: c.created_at.and_utc(),
            updated_at: c.updated_at.and_utc(),
            revoked_at: c.revoked_at.map(|t| t.and_utc()),
        }
    }
}

/// A client with its secret, shown once.
#[derive(Serialize, ToSchema)]
#[schema(as = ApiClientWithSecret, example = json!({"client": {"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "FoU Välfärd Gävleborg",
    "role": "region_analyst", "units": [], "municipalities": [], "region": "fou-valfard-gavleborg",
    "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z", "revoked_at": null},
    "client_secret": "q8N2m7m3O0mB0b2vQ7d5l8r9S1t4u6w8y0z2A4c6e8g"}))]
pub struct ApiClientWithSecret {
    pub client: ApiClient,
    /// The secret. Store it now: only its hash is kept.
    pub client_secret: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ApiClientList)]
pub struct ApiClientList {
    pub items: Vec<ApiClient>,
}

/// A new API client.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewApiClient, example = json!({"name": "Treserva — Söderhamn", "role": "vendor", "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"]}))]
pub struct NewApiClient {
    /// A name people recognise (1–200 characters).
    pub name: String,
    pub role: Role,
    /// For vendors and registrars: unit ids.
    #[serde(default)]
    pub units: Vec<String>,
    /// For vendors and registrars: municipality codes (all their units).
    #[serde(default)]
    pub municipalities: Vec<String>,
    /// For region analysts: the region id.
    pub region: Option<String>,
}

/// List API clients
///
/// Roles: admin.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_clients",
    responses((status = 200, description = "All clients, oldest first", body = ApiClientList,
        example = json!({"items": [{"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn", "role": "vendor",
            "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
            "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z", "revoked_at": null}]}))),
    security(("oauth2" = ["admin"]))
)]
#[get("/admin/clients")]
pub async fn list_clients(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let clients = state.db(db::clients::list).await?;
    Ok(HttpResponse::Ok().json(ApiClientList { items: clients.into_iter().map(ApiClient::from).collect() }))
}

/// Create an API client
///
/// Roles: admin. Answers the client and its secret, once. Vendors and registrars need units or
/// municipalities; region analysts need a region; other roles take neither.
#[utoipa::path(
    tag = "admin",
    operation_id = "create_client",
    request_body = NewApiClient,
    responses((status = 201, description = "Created; the secret is shown this once", body = ApiClientWithSecret,
        example = json!({"client": {"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn", "role": "vendor",
            "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
            "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z", "revoked_at": null},
            "client_secret": "q8N2m7m3O0mB0b2vQ7d5l8r9S1t4u6w8y0z2A4c6e8g"}))),
    security(("oauth2" = ["admin"]))
)]
#[post("/admin/clients")]
pub async fn create_client(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    body: Result<JsonObject<NewApiClient>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let body = body.into_inner();
    let new = NewClient {
        name: body.name,
        role: body.role,
        units: body.units,
        municipalities: body.municipalities,
        region: body.region,
    };
    // Hashed before a connection is taken: Argon2 must not hold the pool or the write lock.
    let issued = web::block(|| secrets::issue(None)).await?.map_err(ApiError::internal)?;
    let (id, hash) = (issued.client_id.clone(), issued.secret_hash.clone());
    let client = state.db_write(move |conn| db::clients::create(conn, &id, &new, &hash)).await?;
    Ok(HttpResponse::Created().json(ApiClientWithSecret { client: client.into(), client_secret: issued.secret }))
}

/// Get an API client
///
/// Roles: admin.
#[utoipa::path(
    tag = "admin",
    operation_id = "get_client",
    params(("client_id" = String, Path, description = "The client id")),
    responses((status = 200, description = "The client", body = ApiClient,
        example = json!({"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn", "role": "vendor",
            "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
            "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z", "revoked_at": null}))),
    security(("oauth2" = ["admin"]))
)]
#[get("/admin/clients/{client_id}")]
pub async fn get_client(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let client = state.db(move |conn| db::clients::get(conn, &id)).await?;
    let client = client.ok_or_else(|| ApiError::NotFound("no such client".into()))?;
    Ok(HttpResponse::Ok().json(ApiClient::from(client)))
}

/// Revoke an API client
///
/// Roles: admin. Idempotent. New tokens are refused at once; tokens already issued stop working
/// within 30 seconds on every instance.
#[utoipa::path(
    tag = "admin",
    operation_id = "revoke_client",
    params(("client_id" = String, Path, description = "The client id")),
    responses((status = 200, description = "The revoked client", body = ApiClient,
        example = json!({"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn", "role": "vendor",
            "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
            "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-26T09:00:00Z", "revoked_at": "2026-11-26T09:00:00Z"}))),
    security(("oauth2" = ["admin"]))
)]
#[post("/admin/clients/{client_id}/revoke")]
pub async fn revoke_client(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let client = state.db_write(move |conn| db::clients::revoke(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(ApiClient::from(client)))
}

/// Rotate an API client's secret
///
/// Roles: admin. The old secret stops working at once; tokens already issued stay valid until
/// they expire.
#[utoipa::path(
    tag = "admin",
    operation_id = "rotate_client_secret",
    params(("client_id" = String, Path, description = "The client id")),
    responses((status = 200, description = "The client and its new secret", body = ApiClientWithSecret,
        example = json!({"client": {"client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "name": "Treserva — Söderhamn", "role": "vendor",
            "units": ["0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"], "municipalities": [], "region": null,
            "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-26T09:00:00Z", "revoked_at": null},
            "client_secret": "Zb1x9Kq4Wm2n7Pq8Rs3Tu5Vw6Xy0Za1Bc2De3Fg4Hi"}))),
    security(("oauth2" = ["admin"]))
)]
#[post("/admin/clients/{client_id}/rotate-secret")]
pub async fn rotate_client_secret(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let issued = web::block(move || secrets::issue(Some(id))).await?.map_err(ApiError::internal)?;
    let (id, hash) = (issued.client_id.clone(), issued.secret_hash.clone());
    let client = state.db_write(move |conn| db::clients::rotate_secret(conn, &id, &hash)).await?;
    Ok(HttpResponse::Ok().json(ApiClientWithSecret { client: client.into(), client_secret: issued.secret }))
}

/// One audited request.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditEvent)]
pub struct AuditEventView {
    pub id: String,
    pub occurred_at: DateTime<Utc>,
    pub client_id: Option<String>,
    pub method: String,
    /// The route template, e.g. `/v1/units/{unit_id}/cases/{case_ref}`.
    pub operation: String,
    pub unit_id: Option<String>,
    pub case_ref: Option<String>,
    /// The query string of a read (filters from fixed catalogues).
    pub query: Option<String>,
    pub status: i32,
    pub request_id: String,
}

impl From<AuditEvent> for AuditEventView {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            occurred_at: e.occurred_at.and_utc(),
            client_id: e.client_id,
            method: e.method,
            operation: e.operation,
            unit_id: e.unit_id,
            case_ref: e.case_ref,
            query: e.query,
            status: e.status,
            request_id: e.request_id,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = AuditEventPage)]
pub struct AuditEventPage {
    pub items: Vec<AuditEventView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Longest `operation` filter of the audit log (route templates are far shorter).
pub const MAX_OPERATION_FILTER: usize = 200;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only this client's events.
    pub client_id: Option<String>,
    /// Only events about this unit.
    pub unit_id: Option<String>,
    /// Only this operation (route template).
    pub operation: Option<String>,
    /// From this time (inclusive), RFC 3339, e.g. `2026-11-25T08:00:00Z`.
    pub from: Option<DateTime<Utc>>,
    /// Until this time (exclusive), RFC 3339.
    pub to: Option<DateTime<Utc>>,
    /// Page size, 1–500 (default 100).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Read the audit log
///
/// Roles: admin. Events in time order with cursor pagination.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_audit_events",
    params(AuditQuery),
    responses((status = 200, description = "A page of events", body = AuditEventPage,
        example = json!({"items": [{"id": "019ab4c2-7d10-7c3e-9b1a-3c2d1e0f9a8b", "occurred_at": "2026-11-25T08:00:01Z",
            "client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "method": "GET", "operation": "/v1/admin/clients",
            "unit_id": null, "case_ref": null, "query": null, "status": 200, "request_id": "3f1c0d7e-93b5-4a4f-9d8e-6f2b1a0c9e11"}],
            "next_cursor": "019ab4c2-7d10-7c3e-9b1a-3c2d1e0f9a8b"})),
        (status = 422, description = "A filter is invalid", body = crate::problem::Problem, content_type = "application/problem+json")),
    security(("oauth2" = ["admin"]))
)]
#[get("/admin/audit")]
pub async fn list_audit_events(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    query: Result<web::Query<AuditQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let q = query.into_inner();
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "query:limit",
            "out_of_range",
            "limit must be 1 to 500",
        )]));
    }
    if let Some(cursor) = &q.cursor {
        if cursor.len() != 36 || uuid::Uuid::parse_str(cursor).is_err() {
            return Err(ApiError::Validation(vec![FieldError::new(
                "query:cursor",
                "invalid_cursor",
                "not a cursor from this API",
            )]));
        }
    }
    let mut errors = Vec::new();
    if q.client_id.as_deref().is_some_and(|id| {
        id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }) {
        errors.push(FieldError::new(
            "query:client_id",
            "invalid_format",
            "a client id is 1 to 64 of A-Z, a-z, 0-9, _ and -",
        ));
    }
    if q.unit_id.as_deref().is_some_and(|id| uuid::Uuid::parse_str(id).is_err() || id.len() != 36) {
        errors.push(FieldError::new("query:unit_id", "invalid_format", "a unit id is a UUID"));
    }
    if q.operation.as_deref().is_some_and(|op| {
        op.len() > MAX_OPERATION_FILTER || !op.starts_with('/') || !op.bytes().all(|b| b.is_ascii_graphic())
    }) {
        errors.push(FieldError::new(
            "query:operation",
            "invalid_format",
            format!(
                "an operation is a route template: '/' and at most {MAX_OPERATION_FILTER} visible ASCII characters"
            ),
        ));
    }
    isu_domain::validation::finish(errors)?;
    let filter = AuditFilter {
        client_id: q.client_id,
        unit_id: q.unit_id,
        operation: q.operation,
        from: q.from.map(|t| t.naive_utc()),
        to: q.to.map(|t| t.naive_utc()),
        after: q.cursor,
    };
    // Rows of requests this instance already answered may still be queued: write them first, so
    // that the log a reader sees includes every request answered before the read.
    state.audit.flush(AUDIT_FLUSH_WAIT).await;
    let mut events = state.db(move |conn| db::audit::list(conn, &filter, limit + 1)).await?;
    let next_cursor = if events.len() as i64 > limit {
        events.truncate(limit as usize);
        events.last().map(|e| e.id.clone())
    } else {
        None
    };
    let items = events.into_iter().map(AuditEventView::from).collect();
    Ok(HttpResponse::Ok().json(AuditEventPage { items, next_cursor }))
}
