//! The append-only audit log: written after every authenticated request and every token request.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_events;
use super::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events, treat_none_as_default_value = false)]
pub struct AuditEvent {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub client_id: Option<String>,
    pub method: String,
    pub operation: String,
    pub unit_id: Option<String>,
    pub case_ref: Option<String>,
    pub query: Option<String>,
    pub status: i32,
    pub request_id: String,
}

impl AuditEvent {
    pub fn now(method: &str, operation: &str, status: u16, request_id: &str) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            occurred_at: super::now(),
            client_id: None,
            method: method.to_string(),
            operation: operation.to_string(),
            unit_id: None,
            case_ref: None,
            query: None,
            status: i32::from(status),
            request_id: request_id.to_string(),
        }
    }
}

pub fn record(conn: &mut DbConnection, event: &AuditEvent) -> QueryResult<()> {
    diesel::insert_into(audit_events::table).values(event).execute(conn).map(|_| ())
}

/// Writes many rows in one transaction (the audit writer's batches).
pub fn record_batch(conn: &mut DbConnection, events: &[AuditEvent]) -> QueryResult<()> {
    conn.transaction(|conn| crate::bulk_insert!(conn, audit_events::table, events).map(|_| ()))
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub client_id: Option<String>,
    pub unit_id: Option<String>,
    pub operation: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    /// Return events with ids after this one (ids are UUIDv7: ordered by time).
    pub after: Option<String>,
}

/// Events in time order, at most `limit`.
pub fn list(conn: &mut DbConnection, filter: &AuditFilter, limit: i64) -> QueryResult<Vec<AuditEvent>> {
    let mut query = audit_events::table.select(AuditEvent::as_select()).order(audit_events::id.asc()).into_boxed();
    if let Some(client_id) = &filter.client_id {
        query = query.filter(audit_events::client_id.eq(client_id.clone()));
    }
    if let Some(unit_id) = &filter.unit_id {
        query = query.filter(audit_events::unit_id.eq(unit_id.clone()));
    }
    if let Some(operation) = &filter.operation {
        query = query.filter(audit_events::operation.eq(operation.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_events::occurred_at.lt(to));
    }
    if let Some(after) = &filter.after {
        query = query.filter(audit_events::id.gt(after.clone()));
    }
    query.limit(limit).load(conn)
}
