//! What a unit's own system says it closed in a year (coverage): vendors and registrars report
//! it, statistics divide registered records by it. Same unit scope as the records
//! ([`authorize_unit`]).

use actix_web::{get, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::authorize_unit;
use super::extract::JsonObject;
use super::problem::{ApiError, FieldError};
use super::AppState;
use crate::auth::{Authorized, CaseReader, CaseWriter};
use isu_core::clock;
use isu_store::coverage;

#[derive(Deserialize, IntoParams)]
pub struct CoveragePath {
    /// The unit id.
    pub unit_id: String,
    /// The year the cases closed.
    pub year: i32,
}

/// How many cases a unit's own system closed in a year.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CoverageInput, example = json!({"closed_cases": 212, "quarters": [48, 55, 51, 58]}))]
pub struct CoverageInput {
    /// Cases closed in the year according to the unit's own system.
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub closed_cases: i32,
    /// Optionally per quarter (Q1–Q4); they must add up to `closed_cases`.
    #[schema(min_items = 4, max_items = 4)]
    pub quarters: Option<Vec<i32>>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = Coverage, example = json!({"unit_id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "year": 2026, "closed_cases": 212,
    "quarters": [48, 55, 51, 58], "updated_at": "2026-11-25T08:00:00Z"}))]
pub struct CoverageView {
    pub unit_id: String,
    pub year: i32,
    pub closed_cases: i32,
    pub quarters: Option<Vec<i32>>,
    pub updated_at: DateTime<Utc>,
}

impl From<coverage::Coverage> for CoverageView {
    fn from(c: coverage::Coverage) -> Self {
        Self {
            unit_id: c.unit_id,
            year: c.year,
            closed_cases: c.closed_cases,
            quarters: c.quarters.map(|q| q.to_vec()),
            updated_at: c.updated_at.and_utc(),
        }
    }
}

fn check_year(year: i32) -> Result<(), ApiError> {
    let current = clock::this_year();
    if (2020..=current).contains(&year) {
        Ok(())
    } else {
        Err(ApiError::Validation(vec![FieldError::new(
            "path:year",
            "out_of_range",
            format!("year must be 2020 to {current}"),
        )]))
    }
}

/// Report how many cases a unit closed in a year
///
/// Roles: vendor, registrar (of the unit). Replaces the year's figures. Statistics report
/// registered records ÷ these closed cases (coverage).
#[utoipa::path(
    tag = "cases",
    operation_id = "put_coverage",
    params(CoveragePath),
    request_body = CoverageInput,
    responses((status = 200, description = "Stored", body = CoverageView,
        example = json!({"unit_id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "year": 2026, "closed_cases": 212,
            "quarters": [48, 55, 51, 58], "updated_at": "2026-11-25T08:00:00Z"}))),
    security(("oauth2" = ["cases:write"]))
)]
#[put("/units/{unit_id}/coverage/{year}")]
pub async fn put_coverage(
    caller: Authorized<CaseWriter>,
    state: web::Data<AppState>,
    path: web::Path<CoveragePath>,
    body: Result<JsonObject<CoverageInput>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let CoveragePath { unit_id, year } = path.into_inner();
    authorize_unit(&state, &caller, &unit_id, true).await?;
    check_year(year)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    if !(0..=1_000_000).contains(&body.closed_cases) {
        errors.push(FieldError::new("/closed_cases", "out_of_range", "closed_cases must be 0 to 1000000"));
    }
    let quarters = match &body.quarters {
        None => None,
        Some(q) if q.len() != 4 => {
            errors.push(FieldError::new("/quarters", "invalid_length", "quarters has exactly 4 numbers (Q1–Q4)"));
            None
        }
        Some(q) => {
            for (i, n) in q.iter().enumerate() {
                if *n < 0 {
                    errors.push(FieldError::new(format!("/quarters/{i}"), "out_of_range", "must not be negative"));
                }
            }
            if q.iter().map(|n| i64::from(*n)).sum::<i64>() != i64::from(body.closed_cases) {
                errors.push(FieldError::new("/quarters", "sum_mismatch", "the quarters must add up to closed_cases"));
            }
            Some([q[0], q[1], q[2], q[3]])
        }
    };
    isu_domain::validation::finish(errors)?;
    let stored = state.db_write(move |conn| coverage::put(conn, &unit_id, year, body.closed_cases, quarters)).await?;
    Ok(HttpResponse::Ok().json(CoverageView::from(stored)))
}

/// Read a unit's reported closed cases for a year
///
/// Roles: vendor, registrar (of the unit), region analyst (of its region).
#[utoipa::path(
    tag = "cases",
    operation_id = "get_coverage",
    params(CoveragePath),
    responses((status = 200, description = "The figures", body = CoverageView,
        example = json!({"unit_id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "year": 2026, "closed_cases": 212,
            "quarters": null, "updated_at": "2026-11-25T08:00:00Z"}))),
    security(("oauth2" = ["cases:read"]))
)]
#[get("/units/{unit_id}/coverage/{year}")]
pub async fn get_coverage(
    caller: Authorized<CaseReader>,
    state: web::Data<AppState>,
    path: web::Path<CoveragePath>,
) -> Result<HttpResponse, ApiError> {
    let CoveragePath { unit_id, year } = path.into_inner();
    authorize_unit(&state, &caller, &unit_id, false).await?;
    let found = state.db(move |conn| coverage::get(conn, &unit_id, year)).await?;
    let found = found.ok_or_else(|| ApiError::NotFound("no figures reported for this year".into()))?;
    Ok(HttpResponse::Ok().json(CoverageView::from(found)))
}
