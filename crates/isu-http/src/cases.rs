//! SU-X case records: vendors and registrars create, correct and withdraw the records of their
//! units; region analysts read their region's. Every call checks the caller's scope on the unit
//! first; a unit outside it answers 404, exactly like a missing one.

use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::{ApiError, FieldError};
use super::AppState;
use crate::auth::{scope, Authorized, Caller, CaseReader, CaseWriter, RegionCaseReader, Role};
use isu_core::cases::{BatchItem, Created, ItemOutcome};
use isu_core::{self as usecases, clock};
use isu_domain::record::InterventionType;
use isu_store::cases::{self, CaseFilter, Precondition, PutOutcome, StoredCase, UnitScope};

/// Most records in one batch request.
pub const MAX_BATCH_ITEMS: usize = 1000;
/// Largest page of a listing.
pub const MAX_PAGE: i64 = 500;
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// One SU-X record as a case-management system submits it (SU-X 2021 shown; `form` may be
/// omitted: the closing date decides). Unknown fields are refused.
#[allow(dead_code)] // documents the request body; bodies are validated from raw JSON
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CaseRecordInput, example = json!({
    "case_ref": "HUD-2026-0042", "age_at_referral": 11, "gender": "girl",
    "birth_background": "sweden_one_parent_abroad", "referred_on": "2026-01-12", "started_on": "2026-01-26",
    "previously_active": "no", "problem_areas": ["family_relations", "school"],
    "interventions": ["traditional_family_treatment", "manual_method"], "manual_methods": ["Trygghetscirkeln"],
    "closed_on": "2026-06-15", "closing_reason": "goals_met"}))]
pub struct CaseRecordInput {
    /// The municipality's pseudonymous case id, 1–64 of `[A-Za-z0-9._-]`; never a personal
    /// identity number. In the body of POST and batch items; optional in PUT (must equal the path).
    #[schema(pattern = r"^[A-Za-z0-9._-]{1,64}$", min_length = 1, max_length = 64)]
    pub case_ref: Option<String>,
    /// `su-x-2020` or `su-x-2021`; must agree with `closed_on` when given.
    #[schema(pattern = r"^su-x-(2020|2021)$", max_length = 9)]
    pub form: Option<String>,
    /// Q1: age when the case reached the unit, 0–20 ("under one year" is 0).
    #[schema(minimum = 0, maximum = 20)]
    pub age_at_referral: i32,
    /// Q2: `girl`, `boy`, `other_identity`.
    #[schema(pattern = "^(girl|boy|other_identity)$", max_length = 14)]
    pub gender: String,
    /// Q3 (SU-X 2021 only, required there): country of birth of the child and its parents.
    #[schema(
        pattern = "^(sweden_both_parents_sweden|sweden_one_parent_abroad|sweden_both_parents_abroad|rest_of_europe|outside_europe|unknown)$",
        max_length = 26
    )]
    pub birth_background: Option<String>,
    /// Q4: when the case reached the outpatient unit.
    pub referred_on: NaiveDate,
    /// Q5: first meeting with the family; null exactly when `closing_reason` is `never_started`.
    #[schema(required = true)]
    pub started_on: Option<NaiveDate>,
    /// Q6: `no`, `once`, `several`, `unknown`.
    #[schema(pattern = "^(no|once|several|unknown)$", max_length = 7)]
    pub previously_active: String,
    /// Q7: 1–3 distinct problem-area codes.
    #[schema(min_items = 1, max_items = 3)]
    pub problem_areas: Vec<String>,
    /// Required exactly when `problem_areas` has `other`.
    #[schema(max_length = 200)]
    pub problem_area_other: Option<String>,
    /// Q8: intervention codes; empty exactly when `closing_reason` is `never_started`.
    #[schema(max_items = 4)]
    pub interventions: Vec<String>,
    /// Named manual methods (registry ids or free text), required exactly with `manual_method`.
    #[serde(default)]
    #[schema(max_items = 10)]
    pub manual_methods: Vec<String>,
    /// Required exactly when `interventions` has `other_non_manual` (2021).
    #[schema(max_length = 200)]
    pub other_intervention_text: Option<String>,
    /// Q9: when the case closed; not in the future, not before 2020.
    pub closed_on: NaiveDate,
    /// Q10: closing reason code.
    #[schema(
        pattern = "^(goals_met|not_matching_needs|ended_by_guardian|ended_by_child|never_started|other)$",
        max_length = 18
    )]
    pub closing_reason: String,
    /// Required exactly when `closing_reason` is `not_matching_needs` or `other`.
    #[schema(max_length = 500)]
    pub closing_reason_text: Option<String>,
    /// Free comment, at most 2000 characters.
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// A named method as stored: the text sent, and the registry method it maps to (if any).
#[derive(Serialize, ToSchema)]
#[schema(as = NamedMethod)]
pub struct NamedMethodView {
    pub name: String,
    /// Registry id; null for free text the registry does not (yet) know.
    pub method_id: Option<String>,
}

/// A stored SU-X record: the submitted fields, the derived values and the server's bookkeeping.
#[derive(Serialize, ToSchema)]
#[schema(as = CaseRecord, example = record_example)]
pub struct CaseRecordView {
    pub unit_id: String,
    pub case_ref: String,
    pub form: String,
    pub age_at_referral: i32,
    pub gender: String,
    pub birth_background: Option<String>,
    pub referred_on: NaiveDate,
    pub started_on: Option<NaiveDate>,
    pub previously_active: String,
    pub problem_areas: Vec<String>,
    pub problem_area_other: Option<String>,
    pub interventions: Vec<String>,
    pub manual_methods: Vec<String>,
    pub other_intervention_text: Option<String>,
    pub closed_on: NaiveDate,
    pub closing_reason: String,
    pub closing_reason_text: Option<String>,
    pub comment: Option<String>,
    /// Each named method with the registry method it maps to (derived).
    pub named_methods: Vec<NamedMethodView>,
    /// Derived from the interventions.
    pub intervention_type: InterventionType,
    /// `closed_on − started_on` in days; null when never started (derived).
    pub intervention_days: Option<i32>,
    /// `closed_on − referred_on` in days (derived).
    pub enrolment_days: i32,
    /// Starts at 1; grows by one with every change. The `ETag` is `"r{revision}"`.
    pub revision: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&StoredCase> for CaseRecordView {
    fn from(c: &StoredCase) -> Self {
        let r = &c.record;
        Self {
            unit_id: c.unit_id.clone(),
            case_ref: r.case_ref.clone(),
            form: r.form.clone(),
            age_at_referral: r.age_at_referral,
            gender: r.gender.clone(),
            birth_background: r.birth_background.clone(),
            referred_on: r.referred_on,
            started_on: r.started_on,
            previously_active: r.previously_active.clone(),
            problem_areas: r.problem_areas.clone(),
            problem_area_other: r.problem_area_other.clone(),
            interventions: r.interventions.clone(),
            manual_methods: r.manual_methods.iter().map(|m| m.name.clone()).collect(),
            other_intervention_text: r.other_intervention_text.clone(),
            closed_on: r.closed_on,
            closing_reason: r.closing_reason.clone(),
            closing_reason_text: r.closing_reason_text.clone(),
            comment: r.comment.clone(),
            named_methods: r
                .manual_methods
                .iter()
                .map(|m| NamedMethodView { name: m.name.clone(), method_id: m.method_id.clone() })
                .collect(),
            intervention_type: r.intervention_type,
            intervention_days: r.intervention_days,
            enrolment_days: r.enrolment_days,
            revision: c.revision,
            created_at: c.created_at.and_utc(),
            updated_at: c.updated_at.and_utc(),
        }
    }
}

/// The example record of the contract's responses.
fn record_example() -> serde_json::Value {
    serde_json::json!({
        "unit_id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "case_ref": "HUD-2026-0042", "form": "su-x-2021",
        "age_at_referral": 11, "gender": "girl", "birth_background": "sweden_one_parent_abroad",
        "referred_on": "2026-01-12", "started_on": "2026-01-26", "previously_active": "no",
        "problem_areas": ["family_relations", "school"], "problem_area_other": null,
        "interventions": ["traditional_family_treatment", "manual_method"], "manual_methods": ["Trygghetscirkeln"],
        "other_intervention_text": null, "closed_on": "2026-06-15", "closing_reason": "goals_met",
        "closing_reason_text": null, "comment": null,
        "named_methods": [{"name": "Trygghetscirkeln", "method_id": "trygghetscirkeln"}],
        "intervention_type": "traditional_and_manual", "intervention_days": 140, "enrolment_days": 154,
        "revision": 1, "created_at": "2026-06-15T10:00:00Z", "updated_at": "2026-06-15T10:00:00Z"})
}

fn etag(revision: i32) -> String {
    format!("\"r{revision}\"")
}

fn record_response(status: actix_web::http::StatusCode, case: &StoredCase) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(case.revision)))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .json(CaseRecordView::from(case))
}

/// The unit, if the caller may work with its cases (`write`: create, correct, withdraw).
pub(super) async fn authorize_unit(
    state: &AppState,
    caller: &Caller,
    unit_id: &str,
    write: bool,
) -> Result<UnitScope, ApiError> {
    if write {
        caller.require_role(&[Role::Vendor, Role::Registrar])?;
        caller.require_scope(scope::CASES_WRITE)?;
    } else {
        caller.require_role(&[Role::Vendor, Role::Registrar, Role::RegionAnalyst])?;
        caller.require_scope(scope::CASES_READ)?;
    }
    let id = unit_id.to_string();
    let unit = state.db(move |conn| cases::unit_scope(conn, &id)).await?;
    match unit {
        Some(unit) if caller.may_access_unit(&unit.unit_id, &unit.municipality_code, unit.region.as_deref()) => {
            Ok(unit)
        }
        // Outside the caller's scope looks exactly like absent: existence does not leak.
        _ => Err(ApiError::NotFound("no such unit".into())),
    }
}

fn precondition(headers: &HeaderMap) -> Result<Precondition, ApiError> {
    let text = |v: &HeaderValue| v.to_str().map(str::trim).map(str::to_string);
    if let Some(value) = headers.get(header::IF_MATCH) {
        let value = text(value).map_err(|_| ApiError::PreconditionFailed("If-Match is malformed".into()))?;
        if value == "*" {
            return Ok(Precondition::IfMatch(None));
        }
        let revision = value
            .strip_prefix("\"r")
            .and_then(|v| v.strip_suffix('"'))
            .and_then(|v| v.parse::<i32>().ok())
            // An entity tag this API never issued can match nothing.
            .unwrap_or(-1);
        return Ok(Precondition::IfMatch(Some(revision)));
    }
    if let Some(value) = headers.get(header::IF_NONE_MATCH) {
        return match text(value).as_deref() {
            Ok("*") => Ok(Precondition::IfNoneMatchAny),
            _ => Err(ApiError::Validation(vec![FieldError::new(
                "header:If-None-Match",
                "unsupported",
                "on writes only `If-None-Match: *` (create only) is supported",
            )])),
        };
    }
    Ok(Precondition::None)
}

#[derive(Deserialize, IntoParams)]
pub struct UnitPath {
    /// The unit id.
    pub unit_id: String,
}

#[derive(Deserialize, IntoParams)]
pub struct CasePath {
    /// The unit id.
    pub unit_id: String,
    /// The case reference (Ärende-id).
    pub case_ref: String,
}

/// Create or replace a record
///
/// Roles: vendor, registrar (of the unit). Creates the record of this case reference (201) or
/// replaces it (200). Repeating the same PUT is harmless: same answer, no new revision.
/// `If-Match: "r{revision}"` replaces only that revision (else 412); `If-None-Match: *` only
/// creates (412 when a record exists). Every rule of the form is checked; all violations are
/// reported at once and nothing is written.
#[utoipa::path(
    tag = "cases",
    operation_id = "put_case",
    params(CasePath,
        ("If-Match" = Option<String>, Header, nullable = false, max_length = 64, description = "Replace only this revision: `\"r3\"`, or `*` for any existing record"),
        ("If-None-Match" = Option<String>, Header, nullable = false, max_length = 64, description = "`*`: create only")),
    request_body = CaseRecordInput,
    responses(
        (status = 200, description = "Replaced (or unchanged)", body = CaseRecordView,
            headers(("ETag" = String, description = "`\"r{revision}\"`")), example = record_example),
        (status = 201, description = "Created", body = CaseRecordView,
            headers(("ETag" = String, description = "`\"r{revision}\"`")), example = record_example),
        (status = 412, description = "The precondition failed", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["cases:write"]))
)]
#[put("/units/{unit_id}/cases/{case_ref}")]
pub async fn put_case(
    caller: Authorized<CaseWriter>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<CasePath>,
    body: Result<super::extract::JsonValue, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let CasePath { unit_id, case_ref } = path.into_inner();
    authorize_unit(&state, &caller, &unit_id, true).await?;
    let precondition = precondition(req.headers())?;
    let body = body.into_inner();
    let methods = std::sync::Arc::clone(&state.methods);
    let outcome = state
        .db_write_prepared(
            move |conn| usecases::cases::validate(conn, &methods, &body, Some(&case_ref), clock::today()),
            move |conn, record| usecases::cases::put(conn, &unit_id, &record, precondition),
        )
        .await?;
    let status = match outcome {
        PutOutcome::Created(_) => actix_web::http::StatusCode::CREATED,
        _ => actix_web::http::StatusCode::OK,
    };
    Ok(record_response(status, outcome.case()))
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().unwrap_or_default();
    let valid = !key.is_empty()
        && key.len() <= MAX_IDEMPOTENCY_KEY_LEN
        && key.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    if !valid {
        return Err(ApiError::Validation(vec![FieldError::new(
            "header:Idempotency-Key",
            "invalid_format",
            format!("Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} visible ASCII characters"),
        )]));
    }
    Ok(Some(key.to_string()))
}

/// Create a record
///
/// Roles: vendor, registrar (of the unit). `case_ref` is in the body; 409 when a record exists.
/// With `Idempotency-Key`, a retry with the same key and body within 24 hours replays the first
/// answer (`Idempotent-Replayed: true`); the same key with another body is refused (422); the
/// same key while the first request runs answers 409. A request that did not complete (refused
/// by validation, or answered 503) is not remembered, so its retry may reuse the key at once.
/// Keys are per client and hold across instances.
#[utoipa::path(
    tag = "cases",
    operation_id = "create_case",
    params(UnitPath,
        ("Idempotency-Key" = Option<String>, Header, nullable = false, max_length = 255, description = "Makes retries safe: at most 255 visible ASCII characters")),
    request_body = CaseRecordInput,
    responses(
        (status = 201, description = "Created (or the replay of an earlier creation)", body = CaseRecordView,
            headers(("ETag" = String), ("Idempotent-Replayed" = String, description = "`true` on a replay")),
            example = record_example),
        (status = 409, description = "A record exists for this case reference, or the idempotency key is in use",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["cases:write"]))
)]
#[post("/units/{unit_id}/cases")]
pub async fn create_case(
    caller: Authorized<CaseWriter>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<UnitPath>,
    body: Result<super::extract::JsonValue, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let unit_id = path.into_inner().unit_id;
    authorize_unit(&state, &caller, &unit_id, true).await?;
    let key = idempotency_key(req.headers())?;
    let body = body.into_inner();
    let client_id = caller.client_id.clone();
    let methods = std::sync::Arc::clone(&state.methods);
    let created = state
        .db_write(move |conn| {
            let key = key.as_deref().map(|key| usecases::cases::IdempotencyKey { client_id: &client_id, key });
            // The stored answer is the record's view, as a fresh create answers it.
            let answer = |case: &StoredCase| {
                serde_json::to_string(&CaseRecordView::from(case)).expect("a record view always serialises")
            };
            usecases::cases::create(conn, &methods, &unit_id, &body, key, clock::today(), answer)
        })
        .await?;
    match created {
        Created::New(case) => Ok(record_response(actix_web::http::StatusCode::CREATED, &case)),
        Created::Replayed { status, body } => Ok(HttpResponse::build(
            actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::OK),
        )
        .insert_header(("Idempotent-Replayed", "true"))
        .content_type("application/json")
        .body(body)),
    }
}

/// One item's outcome in a batch.
#[derive(Serialize, ToSchema)]
#[schema(as = BatchItemResult)]
pub struct BatchItemResult {
    /// Position in the submitted batch, from 0.
    pub index: usize,
    /// The item's case reference, when it had a readable one.
    pub case_ref: Option<String>,
    /// The status the single PUT would have answered: 201, 200 or 422.
    pub status: u16,
    /// The record's revision after the write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<i32>,
    /// Why the item was refused (pointers are into the item).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Serialize, ToSchema, Default)]
#[schema(as = BatchCounts)]
pub struct BatchCounts {
    pub created: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub failed: usize,
}

#[derive(Serialize, ToSchema)]
#[schema(as = BatchResult, example = json!({"results": [
    {"index": 0, "case_ref": "HUD-2026-0042", "status": 201, "revision": 1},
    {"index": 1, "case_ref": "HUD-2026-0043", "status": 422, "errors": [{"pointer": "/problem_areas/3", "code": "too_many", "message": "at most 3 problem areas"}]}],
    "counts": {"created": 1, "replaced": 0, "unchanged": 0, "failed": 1}}))]
pub struct BatchResult {
    pub results: Vec<BatchItemResult>,
    pub counts: BatchCounts,
}

impl From<Vec<BatchItem>> for BatchResult {
    fn from(items: Vec<BatchItem>) -> Self {
        let mut counts = BatchCounts::default();
        let results = items
            .into_iter()
            .map(|BatchItem { index, case_ref, outcome }| {
                let (status, revision, errors) = match outcome {
                    ItemOutcome::Created { revision } => {
                        counts.created += 1;
                        (201, Some(revision), vec![])
                    }
                    ItemOutcome::Replaced { revision } => {
                        counts.replaced += 1;
                        (200, Some(revision), vec![])
                    }
                    ItemOutcome::Unchanged { revision } => {
                        counts.unchanged += 1;
                        (200, Some(revision), vec![])
                    }
                    ItemOutcome::Refused(errors) => {
                        counts.failed += 1;
                        (422, None, errors)
                    }
                };
                BatchItemResult { index, case_ref, status, revision, errors }
            })
            .collect();
        BatchResult { results, counts }
    }
}

fn parse_batch(req: &HttpRequest, body: &[u8]) -> Result<Vec<serde_json::Value>, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let items: Vec<serde_json::Value> = match media.as_str() {
        "application/json" => {
            let value = super::extract::parse_unique(body)?;
            match value {
                serde_json::Value::Array(items) => items,
                _ => {
                    return Err(ApiError::Validation(vec![FieldError::new(
                        "",
                        "invalid_type",
                        "a batch is a JSON array of records",
                    )]))
                }
            }
        }
        "application/x-ndjson" => {
            let text =
                std::str::from_utf8(body).map_err(|_| ApiError::MalformedJson("the body is not UTF-8".into()))?;
            let mut items = Vec::new();
            for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let item = serde_json::from_str::<super::extract::UniqueJson>(line)
                    .map_err(|e| {
                        ApiError::MalformedJson(format!("line {} is not valid JSON (column {})", n + 1, e.column()))
                    })?
                    .into_value()
                    .map_err(|e| match e {
                        // A repeated member: named within this line's record, as in a JSON array.
                        ApiError::Validation(errors) => ApiError::Validation(
                            errors
                                .into_iter()
                                .map(|e| FieldError::new(format!("/{}{}", items.len(), e.pointer), e.code, e.message))
                                .collect(),
                        ),
                        other => other,
                    })?;
                items.push(item);
            }
            items
        }
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "send a batch as application/json (an array) or application/x-ndjson (one record per line)".into(),
            ))
        }
    };
    if items.len() > MAX_BATCH_ITEMS {
        return Err(ApiError::PayloadTooLarge(format!(
            "the batch has {} records; the limit is {MAX_BATCH_ITEMS}",
            items.len()
        )));
    }
    Ok(items)
}

/// Create or replace many records
///
/// Roles: vendor, registrar (of the unit). Up to 1,000 records as a JSON array or as
/// `application/x-ndjson`; the body may be at most 4 MiB. Each item is validated and written on
/// its own, like a PUT of its `case_ref` (no item is ever half written); `results` gives each
/// item's status. Answers 200 once the batch was processed, even when items failed. Should the
/// database fail mid-batch, nothing of the batch is kept (answer 503): retry it whole.
#[utoipa::path(
    tag = "cases",
    operation_id = "batch_cases",
    params(UnitPath),
    request_body(content = Vec<CaseRecordInput>, content_type = "application/json",
        description = "A JSON array of records; or the same records as application/x-ndjson, one per line"),
    responses((status = 200, description = "Processed; see each item's status", body = BatchResult,
        example = json!({"results": [{"index": 0, "case_ref": "HUD-2026-0042", "status": 201, "revision": 1}],
            "counts": {"created": 1, "replaced": 0, "unchanged": 0, "failed": 0}})),
        (status = 409, description = "Another writer created one of the batch's references at the same moment; nothing of the batch was kept: retry it",
            body = crate::problem::Problem, content_type = "application/problem+json")),
    security(("oauth2" = ["cases:write"]))
)]
#[post("/units/{unit_id}/cases/batch")]
pub async fn batch_cases(
    caller: Authorized<CaseWriter>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<UnitPath>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let unit_id = path.into_inner().unit_id;
    authorize_unit(&state, &caller, &unit_id, true).await?;
    let items = parse_batch(&req, &body)?;
    let methods = std::sync::Arc::clone(&state.methods);
    let items = std::sync::Arc::new(items);
    let to_write = std::sync::Arc::clone(&items);
    let items = state
        .db_write_prepared(
            move |conn| usecases::cases::validate_batch(conn, &methods, &items, clock::today()),
            move |conn, validated| usecases::cases::batch(conn, &unit_id, &to_write, validated),
        )
        .await?;
    let result = BatchResult::from(items);
    Ok(HttpResponse::Ok().json(result))
}

/// Read a record
///
/// Roles: vendor, registrar (of the unit), region analyst (of the unit's region).
/// `If-None-Match` with the current `ETag` answers 304.
#[utoipa::path(
    tag = "cases",
    operation_id = "get_case",
    params(CasePath),
    responses(
        (status = 200, description = "The record", body = CaseRecordView, headers(("ETag" = String)), example = record_example),
        (status = 304, description = "Not modified"),
    ),
    security(("oauth2" = ["cases:read"]))
)]
#[get("/units/{unit_id}/cases/{case_ref}")]
pub async fn get_case(
    caller: Authorized<CaseReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<CasePath>,
) -> Result<HttpResponse, ApiError> {
    let CasePath { unit_id, case_ref } = path.into_inner();
    authorize_unit(&state, &caller, &unit_id, false).await?;
    let found = state.db(move |conn| cases::get(conn, &unit_id, &case_ref)).await?;
    let case = found.ok_or_else(|| ApiError::NotFound("no record for this case reference".into()))?;
    let current = etag(case.revision);
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == current || t.trim() == "*"));
    if matches {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, current)).finish());
    }
    Ok(record_response(actix_web::http::StatusCode::OK, &case))
}

/// Withdraw (erase) a record
///
/// Roles: vendor, registrar (of the unit). The record is gone from reads and statistics; the
/// audit log keeps only that it happened.
#[utoipa::path(
    tag = "cases",
    operation_id = "delete_case",
    params(CasePath),
    responses((status = 204, description = "Erased")),
    security(("oauth2" = ["cases:write"]))
)]
#[delete("/units/{unit_id}/cases/{case_ref}")]
pub async fn delete_case(
    caller: Authorized<CaseWriter>,
    state: web::Data<AppState>,
    path: web::Path<CasePath>,
) -> Result<HttpResponse, ApiError> {
    let CasePath { unit_id, case_ref } = path.into_inner();
    authorize_unit(&state, &caller, &unit_id, true).await?;
    let erased = state.db_write(move |conn| cases::delete(conn, &unit_id, &case_ref)).await?;
    if erased {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound("no record for this case reference".into()))
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Closed on or after this date.
    pub closed_from: Option<NaiveDate>,
    /// Closed on or before this date.
    pub closed_to: Option<NaiveDate>,
    /// Created or changed at or after this time (RFC 3339), for reconciliation.
    pub updated_since: Option<DateTime<Utc>>,
    /// Only records of this form version.
    #[param(pattern = r"^su-x-(2020|2021)$")]
    pub form: Option<String>,
    /// Page size, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (opaque).
    #[param(max_length = 512)]
    pub cursor: Option<String>,
}

/// A page of records.
#[derive(Serialize, ToSchema)]
#[schema(as = CaseRecordPage)]
pub struct CaseRecordPage {
    pub items: Vec<CaseRecordView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

fn encode_cursor(case: &StoredCase) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::json!([case.unit_id, case.record.case_ref]).to_string())
}

fn decode_cursor(cursor: &str) -> Option<(String, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    serde_json::from_slice::<(String, String)>(&bytes).ok()
}

/// A listing request, checked: filters, the position after which to continue, page size.
struct ListRequest {
    filter: CaseFilter,
    after: Option<(String, String)>,
    limit: i64,
}

fn parse_list_query(q: ListQuery) -> Result<ListRequest, ApiError> {
    let mut errors = Vec::new();
    let limit = q.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        errors.push(FieldError::new("query:limit", "out_of_range", format!("limit must be 1 to {MAX_PAGE}")));
    }
    let after = match q.cursor.as_deref() {
        None => None,
        Some(c) => {
            let decoded = decode_cursor(c);
            if decoded.is_none() {
                errors.push(FieldError::new("query:cursor", "invalid_cursor", "not a cursor from this API"));
            }
            decoded
        }
    };
    if let Some(form) = &q.form {
        if isu_domain::forms::get(form).is_none() {
            errors.push(FieldError::new("query:form", "unknown_form", "form must be su-x-2020 or su-x-2021"));
        }
    }
    if let (Some(from), Some(to)) = (q.closed_from, q.closed_to) {
        if from > to {
            errors.push(FieldError::new("query:closed_to", "date_order", "closed_to is before closed_from"));
        }
    }
    isu_domain::validation::finish(errors)?;
    let filter = CaseFilter {
        closed_from: q.closed_from,
        closed_to: q.closed_to,
        updated_since: q.updated_since.map(|t| t.naive_utc()),
        form: q.form,
    };
    Ok(ListRequest { filter, after, limit })
}

async fn list_page(state: &AppState, units: Vec<String>, q: ListQuery) -> Result<CaseRecordPage, ApiError> {
    let ListRequest { filter, after, limit } = parse_list_query(q)?;
    let mut found = state.db(move |conn| cases::list(conn, &units, &filter, after, limit + 1)).await?;
    let next_cursor = if found.len() as i64 > limit {
        found.truncate(limit as usize);
        found.last().map(encode_cursor)
    } else {
        None
    };
    Ok(CaseRecordPage { items: found.iter().map(CaseRecordView::from).collect(), next_cursor })
}

/// List a unit's records
///
/// Roles: vendor, registrar (of the unit), region analyst (of its region). For reconciling what
/// the API holds: filters, stable order (case reference), cursor pagination.
#[utoipa::path(
    tag = "cases",
    operation_id = "list_unit_cases",
    params(UnitPath, ListQuery),
    responses((status = 200, description = "A page of records", body = CaseRecordPage,
        example = json!({"items": [], "next_cursor": null}))),
    security(("oauth2" = ["cases:read"]))
)]
#[get("/units/{unit_id}/cases")]
pub async fn list_unit_cases(
    caller: Authorized<CaseReader>,
    state: web::Data<AppState>,
    path: web::Path<UnitPath>,
    query: Result<web::Query<ListQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let unit = authorize_unit(&state, &caller, &path.unit_id, false).await?;
    let page = list_page(&state, vec![unit.unit_id], query.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// List the records of the caller's region
///
/// Roles: region analyst. Read-only, across every unit of the region's municipalities, in a
/// stable order (unit, case reference) with cursor pagination.
#[utoipa::path(
    tag = "cases",
    operation_id = "list_region_cases",
    params(ListQuery),
    responses((status = 200, description = "A page of records", body = CaseRecordPage,
        example = json!({"items": [], "next_cursor": null}))),
    security(("oauth2" = ["cases:read"]))
)]
#[get("/cases")]
pub async fn list_region_cases(
    caller: Authorized<RegionCaseReader>,
    state: web::Data<AppState>,
    query: Result<web::Query<ListQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let region = caller.region.clone().ok_or_else(|| ApiError::Forbidden("the client has no region".into()))?;
    let units = state.db(move |conn| cases::units_in_region(conn, &region)).await?;
    let page = list_page(&state, units, query.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}
