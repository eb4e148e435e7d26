//! Liveness and readiness, for load balancers and orchestrators. No authentication.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::problem::ApiError;
use super::AppState;

/// The process is alive.
#[derive(Serialize, ToSchema)]
#[schema(as = Health, example = json!({"status": "ok"}))]
pub struct Health {
    /// Always `ok`.
    pub status: String,
}

/// The service can answer requests: the database is reachable.
#[derive(Serialize, ToSchema)]
#[schema(as = Readiness, example = json!({"status": "ready"}))]
pub struct Readiness {
    /// Always `ready`; when not ready the answer is a 503 problem.
    pub status: String,
}

/// Liveness probe
///
/// Answers 200 while the process runs; it touches nothing else.
#[utoipa::path(
    tag = "operations",
    operation_id = "get_health",
    responses((status = 200, description = "The process is alive", body = Health,
        example = json!({"status": "ok"}))),
    security(())
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// Readiness probe
///
/// Answers 200 when the database answers, 503 (problem+json, `Retry-After`) when it does not;
/// recovers by itself when the database comes back.
#[utoipa::path(
    tag = "operations",
    operation_id = "get_readiness",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness, example = json!({"status": "ready"})),
        (status = 503, description = "The database is unreachable", body = crate::problem::Problem,
            content_type = "application/problem+json")
    ),
    security(())
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.db(|conn| isu_store::ping(conn).map_err(|e| ApiError::Unavailable(e.to_string()))).await?;
    Ok(HttpResponse::Ok().json(Readiness { status: "ready".into() }))
}
