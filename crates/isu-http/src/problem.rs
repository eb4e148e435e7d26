//! RFC 9457 problem details: the single place where every error becomes an HTTP response.
//!
//! Handlers return [`ApiError`]; nothing else in the crate builds error responses. Internal causes
//! are logged with the request id and never sent to the client.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use isu_domain::validation::Invalid;
use isu_store::StoreError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// `Retry-After` of a 503: about the time the database needs to come back from a restart, and
/// the bound on how long a request waits for it.
pub const RETRY_AFTER_UNAVAILABLE_SECS: u64 = 5;

/// A problem detail object (RFC 9457). Every error this API answers has this shape.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = Problem, example = json!({
    "type": "https://isu.example/problems/validation",
    "title": "Validation failed",
    "status": 422,
    "detail": "1 field failed validation",
    "request_id": "3f1c0d7e-93b5-4a4f-9d8e-6f2b1a0c9e11",
    "errors": [{"pointer": "/municipality", "code": "unknown_municipality", "message": "no municipality has code 9999"}]
}))]
pub struct Problem {
    /// URI identifying the problem type; stable, documented in the contract.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short, human-readable summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Explanation specific to this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path this problem occurred on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The request id (also in the `X-Request-Id` header); quote it when reporting a problem.
    pub request_id: String,
    /// Field-level errors (validation), each naming the offending field by JSON pointer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

pub use isu_domain::FieldError;

/// Every error a handler can return. Mapped to status, type and title in [`ApiError::kind`].
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// No valid access token. Answered with `WWW-Authenticate: Bearer …`.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// A valid token without the role or scope the operation needs.
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<String> },
    #[error("not acceptable: {0}")]
    NotAcceptable(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("precondition failed: {0}")]
    PreconditionFailed(String),
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Anything unexpected. The cause is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Stable problem type slugs; `https://isu.example/problems/{slug}` is documented in the contract.
struct Kind {
    status: StatusCode,
    slug: &'static str,
    title: &'static str,
}

impl ApiError {
    pub fn validation(pointer: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(pointer, code, message)])
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    fn kind(&self) -> Kind {
        let k = |status, slug, title| Kind { status, slug, title };
        match self {
            ApiError::BadRequest(_) => k(StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            ApiError::MalformedJson(_) => k(StatusCode::BAD_REQUEST, "malformed-json", "Malformed JSON"),
            ApiError::NotFound(_) => k(StatusCode::NOT_FOUND, "not-found", "Not found"),
            ApiError::Unauthorized(_) => k(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized"),
            ApiError::Forbidden(_) => k(StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            ApiError::TooManyRequests { .. } => {
                k(StatusCode::TOO_MANY_REQUESTS, "too-many-requests", "Too many requests")
            }
            ApiError::MethodNotAllowed { .. } => {
                k(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed")
            }
            ApiError::NotAcceptable(_) => k(StatusCode::NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
            ApiError::Conflict(_) => k(StatusCode::CONFLICT, "conflict", "Conflict"),
            ApiError::PreconditionFailed(_) => {
                k(StatusCode::PRECONDITION_FAILED, "precondition-failed", "Precondition failed")
            }
            ApiError::PayloadTooLarge(_) => k(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large"),
            ApiError::UnsupportedMediaType(_) => {
                k(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type")
            }
            ApiError::Validation(_) => k(StatusCode::UNPROCESSABLE_ENTITY, "validation", "Validation failed"),
            ApiError::Unavailable(_) => {
                k(StatusCode::SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable")
            }
            ApiError::Internal(_) => k(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal server error"),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ApiError::BadRequest(d)
            | ApiError::MalformedJson(d)
            | ApiError::NotFound(d)
            | ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotAcceptable(d)
            | ApiError::Conflict(d)
            | ApiError::PreconditionFailed(d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d) => Some(d.clone()),
            ApiError::MethodNotAllowed { allow } => Some(format!("allowed methods: {}", allow.join(", "))),
            ApiError::TooManyRequests { retry_after_secs } => {
                Some(format!("rate limit exceeded; retry after {retry_after_secs} s"))
            }
            ApiError::Validation(errors) => Some(match errors.len() {
                1 => format!("1 field failed validation: {}", errors[0].pointer),
                n => format!("{n} fields failed validation"),
            }),
            // Deliberately generic: the cause goes to the log only.
            ApiError::Unavailable(_) => Some("the database is unavailable; retry later".into()),
            ApiError::Internal(_) => {
                Some("an unexpected error occurred; quote the request id when reporting it".into())
            }
        }
    }

    /// Builds the problem body for this error. `request_id` and `instance` come from the request.
    pub fn to_problem(&self, request_id: &str, instance: Option<&str>) -> Problem {
        let kind = self.kind();
        Problem {
            problem_type: problem_type_uri(kind.slug),
            title: kind.title.to_string(),
            status: kind.status.as_u16(),
            detail: self.detail(),
            instance: instance.map(str::to_string),
            request_id: request_id.to_string(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

pub fn problem_type_uri(slug: &str) -> String {
    format!("https://isu.example/problems/{slug}")
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.kind().status
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(cause = %cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(cause = %cause, "database unavailable"),
            _ => {}
        }
        let mut builder = HttpResponse::build(self.status_code());
        if let ApiError::MethodNotAllowed { allow } = self {
            builder.insert_header((header::ALLOW, allow.join(", ")));
        }
        match self {
            ApiError::Unavailable(_) => {
                builder.insert_header((header::RETRY_AFTER, RETRY_AFTER_UNAVAILABLE_SECS.to_string()));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                builder.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unauthorized(_) => {
                builder.insert_header((header::WWW_AUTHENTICATE, r#"Bearer realm="isu", error="invalid_token""#));
            }
            _ => {}
        }
        // The request id and path are not known here; the request-id middleware re-renders every
        // error response with both (see `request_id::render_error`).
        builder.content_type(PROBLEM_JSON).json(self.to_problem("", None))
    }
}

/// The one place storage's errors become HTTP ones.
impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound(what) => ApiError::NotFound(what),
            StoreError::Taken(what) | StoreError::Concurrent(what) => ApiError::Conflict(what),
            StoreError::PreconditionFailed(what) => ApiError::PreconditionFailed(what),
            StoreError::Invalid(errors) => ApiError::Validation(errors),
            StoreError::Unavailable(cause) => ApiError::Unavailable(cause),
            StoreError::Corrupt(cause) => ApiError::Internal(cause),
            StoreError::Database(cause) => ApiError::Internal(cause.to_string()),
        }
    }
}

impl From<isu_core::cases::CaseError> for ApiError {
    fn from(err: isu_core::cases::CaseError) -> Self {
        use isu_core::cases::CaseError;
        match err {
            CaseError::Invalid(errors) => ApiError::Validation(errors),
            CaseError::Exists | CaseError::KeyInUse => ApiError::Conflict(err.to_string()),
            CaseError::KeyReused => {
                ApiError::Validation(vec![FieldError::new("header:Idempotency-Key", "key_reused", err.to_string())])
            }
            CaseError::Store(err) => err.into(),
        }
    }
}

impl From<isu_core::releases::ReleaseError> for ApiError {
    fn from(err: isu_core::releases::ReleaseError) -> Self {
        use isu_core::releases::ReleaseError;
        match err {
            ReleaseError::Refused(error) => ApiError::Validation(vec![error]),
            ReleaseError::Conflict(why) => ApiError::Conflict(why),
            ReleaseError::Internal(cause) => ApiError::Internal(cause),
            ReleaseError::Store(err) => err.into(),
        }
    }
}

/// Handlers that run a diesel transaction themselves get storage's classification too.
impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        ApiError::from(StoreError::from(err))
    }
}

impl From<isu_store::PoolError> for ApiError {
    fn from(err: isu_store::PoolError) -> Self {
        ApiError::from(StoreError::from(err))
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        ApiError::Validation(invalid.0)
    }
}

impl From<crate::auth::token_guard::HashingStopped> for ApiError {
    fn from(err: crate::auth::token_guard::HashingStopped) -> Self {
        ApiError::Internal(err.to_string())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(err.to_string())
    }
}

/// An extractor's refusal, taken up after authorization (handlers receive `Result<Extractor, _>`
/// so that a caller without the role never learns about field details).
impl From<actix_web::Error> for ApiError {
    fn from(err: actix_web::Error) -> Self {
        match err.as_error::<ApiError>() {
            Some(api_error) => api_error.clone(),
            None => ApiError::BadRequest(err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn db_error(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_string()))
    }

    #[test]
    fn every_database_outage_is_503() {
        let outages = [
            db_error(DatabaseErrorKind::UnableToSendCommand, "no connection to the server\n"),
            db_error(
                DatabaseErrorKind::ClosedConnection,
                "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
            ),
            db_error(DatabaseErrorKind::Unknown, "terminating connection due to administrator command"),
            db_error(DatabaseErrorKind::Unknown, "could not send data to server: Broken pipe"),
            db_error(DatabaseErrorKind::Unknown, "canceling statement due to statement timeout"),
            db_error(DatabaseErrorKind::Unknown, "FATAL:  the database system is starting up"),
            db_error(DatabaseErrorKind::Unknown, "database or disk is full"),
            db_error(DatabaseErrorKind::Unknown, "database is locked"),
            db_error(DatabaseErrorKind::Unknown, "cannot rollback - no transaction is active"),
            Error::BrokenTransactionManager,
            Error::RollbackErrorOnCommit {
                rollback_error: Box::new(db_error(
                    DatabaseErrorKind::UnableToSendCommand,
                    "no connection to the server",
                )),
                commit_error: Box::new(db_error(DatabaseErrorKind::ClosedConnection, "server closed the connection")),
            },
        ];
        for outage in outages {
            let shown = outage.to_string();
            assert!(matches!(ApiError::from(outage), ApiError::Unavailable(_)), "{shown}");
        }
    }

    #[test]
    fn faults_and_conflicts_are_not_outages() {
        assert!(matches!(ApiError::from(Error::NotFound), ApiError::NotFound(_)));
        assert!(matches!(
            ApiError::from(db_error(DatabaseErrorKind::UniqueViolation, "duplicate key")),
            ApiError::Conflict(_)
        ));
        for fault in [
            db_error(DatabaseErrorKind::Unknown, "column \"nope\" does not exist"),
            db_error(DatabaseErrorKind::ForeignKeyViolation, "violates foreign key constraint"),
            db_error(DatabaseErrorKind::CheckViolation, "violates check constraint"),
        ] {
            let shown = fault.to_string();
            assert!(matches!(ApiError::from(fault), ApiError::Internal(_)), "{shown}");
        }
    }

    #[test]
    fn a_503_says_when_to_retry() {
        let response = ApiError::Unavailable("down".into()).error_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "5");
        assert_eq!(response.headers().get(header::CONTENT_TYPE).unwrap(), PROBLEM_JSON);
    }
}
