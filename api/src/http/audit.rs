//! Audit middleware: after each request made with a token (or to the token endpoint), one row:
//! who, when, which operation, which unit/case or query, and the status. Never bodies.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage};

use super::oauth::AuditClient;
use super::request_id::RequestId;
use super::AppState;
use crate::auth::Caller;
use crate::db::audit::{self, AuditEvent};

const MAX_QUERY_LEN: usize = 1000;

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let res = next.call(req).await?;
    let request = res.request();
    let client_id = {
        let extensions = request.extensions();
        extensions
            .get::<Caller>()
            .map(|c| c.client_id.clone())
            .or_else(|| extensions.get::<AuditClient>().map(|c| c.0.clone()))
    };
    let Some(client_id) = client_id else {
        return Ok(res);
    };
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res);
    };
    let request_id = request.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let method = request.method().as_str().to_string();
    let operation = request.match_pattern().unwrap_or_else(|| request.path().to_string());
    let mut event = AuditEvent::now(&method, &operation, res.status().as_u16(), &request_id);
    event.client_id = Some(client_id);
    event.unit_id = request.match_info().get("unit_id").map(str::to_string);
    // A case reference that is a personal identity number was refused; it is not kept either.
    event.case_ref = request.match_info().get("case_ref").map(|r| super::request_id::redact_path(r).into_owned());
    // Query strings carry filter values from fixed catalogues (never free text); kept bounded.
    let query = request.query_string();
    if method == "GET" && !query.is_empty() {
        event.query = Some(super::request_id::redact_path(query).chars().take(MAX_QUERY_LEN).collect());
    }
    if let Err(err) = state.db_write(move |conn| Ok(audit::record(conn, &event)?)).await {
        tracing::error!(error = %err, "could not write the audit event");
    }
    Ok(res)
}
