//! Extractor configuration: turns actix's body, query and path errors into our problems.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest};

use super::problem::{ApiError, FieldError};

/// Largest JSON body accepted. Batches (up to 1,000 records) fit comfortably.
pub const JSON_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(JSON_BODY_LIMIT).error_handler(|err, _req: &HttpRequest| json_error(err).into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| query_error(err).into())
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| path_error(err).into())
}

pub fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => {
            ApiError::PayloadTooLarge(format!("the body has {length} bytes; the limit is {limit} bytes"))
        }
        JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("the body exceeds the limit of {limit} bytes"))
        }
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("send the body as `Content-Type: application/json`".into())
        }
        JsonPayloadError::Deserialize(e) => deserialize_error(&e),
        other => ApiError::BadRequest(format!("could not read the body: {other}")),
    }
}

/// Syntax errors are 400 (the body is not JSON); shape errors are 422 (JSON of the wrong form).
pub fn deserialize_error(e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => ApiError::MalformedJson(format!(
            "the body is not valid JSON: {} (line {}, column {})",
            strip_position(&e.to_string()),
            e.line(),
            e.column()
        )),
        Category::Data => ApiError::Validation(vec![FieldError::new(
            "",
            "invalid_body",
            format!("{} (line {}, column {})", strip_position(&e.to_string()), e.line(), e.column()),
        )]),
    }
}

/// serde_json appends " at line L column C"; we state the position once, in our own words.
fn strip_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(head, _)| head)
}

fn query_error(err: QueryPayloadError) -> ApiError {
    let message = match &err {
        QueryPayloadError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    // Name the parameter where serde does: "missing field `year`", "unknown field `x`, expected …".
    let field = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_string);
    if let Some(name) = field("missing field `") {
        return ApiError::Validation(vec![FieldError::new(
            format!("query:{name}"),
            "required",
            format!("query parameter {name} is required"),
        )]);
    }
    if let Some(name) = field("unknown field `") {
        return ApiError::Validation(vec![FieldError::new(format!("query:{name}"), "unknown_parameter", message)]);
    }
    ApiError::Validation(vec![FieldError::new("query", "invalid_query", message)])
}

fn path_error(err: PathError) -> ApiError {
    let message = match &err {
        PathError::Deserialize(e) => e.to_string(),
        other => other.to_string(),
    };
    ApiError::NotFound(format!("no such resource ({message})"))
}

/// A JSON request body that must be an object. serde would otherwise read a struct from an
/// array (`["2182", "Name"]`), which no client means and the contract does not describe.
/// Limits, media type and syntax errors are as for `web::Json`; shape errors are 422s.
pub struct JsonObject<T>(pub T);

impl<T> JsonObject<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for JsonObject<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = value.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "",
                    "invalid_type",
                    "the body must be a JSON object",
                )])
                .into());
            }
            serde_json::from_value(value)
                .map(JsonObject)
                .map_err(|e| ApiError::Validation(vec![FieldError::new("", "invalid_body", e.to_string())]).into())
        })
    }
}
