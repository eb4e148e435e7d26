//! `X-Request-Id`: accepted from the caller (when well-formed) or generated, echoed on every
//! response, attached to every log line of the request, and written into every problem body.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse};
use tracing::Instrument;

use super::problem::{ApiError, PROBLEM_JSON};

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
const MAX_REQUEST_ID_LEN: usize = 128;

/// The id of the current request, available to handlers through `req.extensions()`.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// A caller's id is reused only when it is short visible ASCII, so it is safe in logs and headers.
fn accepted_request_id(value: &HeaderValue) -> Option<String> {
    let s = value.to_str().ok()?;
    let ok = !s.is_empty() && s.len() <= MAX_REQUEST_ID_LEN && s.bytes().all(|b| b.is_ascii_graphic());
    ok.then(|| s.to_string())
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let request_id = req
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(accepted_request_id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));

    let method = req.method().to_string();
    let path = redact_path(req.path()).into_owned();
    let span = tracing::info_span!("request", request_id = %request_id, %method, %path);
    let started = Instant::now();

    let outcome = next.call(req).instrument(span.clone()).await;
    let mut res = match outcome {
        Ok(res) => render_error(res.map_into_boxed_body(), &request_id, &path),
        // Handlers' errors arrive as responses (above). An `Err` here can only come from inner
        // middleware; actix renders it through `ResponseError`, still as problem+json.
        Err(err) => {
            span.in_scope(|| tracing::warn!(error = %err, "request failed in middleware"));
            return Err(err);
        }
    };
    // The caller's rate-limit state, when the request was counted against a client's bucket.
    let quota = res.request().extensions().get::<crate::auth::RateLimitState>().copied();
    if let Some(quota) = quota {
        for (name, value) in crate::auth::RATE_LIMIT_HEADERS.iter().zip(quota.header_values()) {
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
                res.headers_mut().insert(name, value);
            }
        }
    }
    res.headers_mut().insert(
        REQUEST_ID_HEADER,
        HeaderValue::from_str(&request_id).unwrap_or_else(|_| HeaderValue::from_static("invalid")),
    );
    let status = res.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| tracing::info!(status, elapsed_ms = format!("{elapsed_ms:.1}"), "request finished"));
    Ok(res)
}

/// A path fit for logs and problem bodies: segments holding a personal identity number (a case
/// reference sent in the URL, say) are replaced, so such a number never travels further. The
/// path is looked at percent-decoded (`640823%203234` is `640823 3234`); a number spread over
/// several segments (`/640823/3234`) replaces the whole path.
pub fn redact_path(path: &str) -> std::borrow::Cow<'_, str> {
    use isu_domain::personnummer::contains_identity_number;
    if !contains_identity_number(&percent_decode(path)) {
        return std::borrow::Cow::Borrowed(path);
    }
    let redacted: Vec<&str> = path
        .split('/')
        .map(|segment| if contains_identity_number(&percent_decode(segment)) { "[redacted]" } else { segment })
        .collect();
    let redacted = redacted.join("/");
    if contains_identity_number(&percent_decode(&redacted)) {
        return std::borrow::Cow::Borrowed("[redacted]");
    }
    std::borrow::Cow::Owned(redacted)
}

fn percent_decode(segment: &str) -> String {
    url::form_urlencoded::parse(segment.replace('+', "%2B").as_bytes()).map(|(k, v)| format!("{k}{v}")).collect()
}

/// Maps errors that did not come from our handlers (actix's own) onto our error kinds.
fn classify_foreign_error(status: StatusCode, message: &str) -> ApiError {
    match status {
        StatusCode::NOT_FOUND => ApiError::NotFound("no such resource".into()),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed { allow: Vec::new() },
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(message.to_string()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(message.to_string()),
        StatusCode::NOT_ACCEPTABLE => ApiError::NotAcceptable(message.to_string()),
        s if s.is_client_error() => ApiError::BadRequest(message.to_string()),
        _ => ApiError::Internal(message.to_string()),
    }
}

/// Re-renders an error response as problem+json carrying the request id and path.
fn render_error(res: ServiceResponse<BoxBody>, request_id: &str, path: &str) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let Some(error) = res.response().error() else {
        return res;
    };
    let api_error = match error.as_error::<ApiError>() {
        Some(api_error) => api_error.clone(),
        None => classify_foreign_error(status, &error.to_string()),
    };
    let (req, old) = res.into_parts();
    match problem_response(&api_error, status, request_id, path, Some(old.headers())) {
        Some(response) => ServiceResponse::new(req, response),
        None => ServiceResponse::new(req, old),
    }
}

fn problem_response(
    api_error: &ApiError,
    status: StatusCode,
    request_id: &str,
    path: &str,
    original_headers: Option<&header::HeaderMap>,
) -> Option<HttpResponse> {
    let mut problem = api_error.to_problem(request_id, Some(path));
    problem.status = status.as_u16();
    let body = serde_json::to_vec(&problem).ok()?;
    let mut response = HttpResponse::build(status);
    if let Some(headers) = original_headers {
        for (name, value) in headers {
            // The body is new: its type, length and encoding are ours to set.
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH && name != header::CONTENT_ENCODING {
                response.append_header((name.clone(), value.clone()));
            }
        }
    }
    Some(response.content_type(PROBLEM_JSON).body(body))
}

#[cfg(test)]
mod tests {
    use super::redact_path;

    #[test]
    fn identity_numbers_leave_no_trace_in_logged_paths() {
        let unit = "/v1/units/0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10/cases";
        assert_eq!(redact_path(&format!("{unit}/HUD-2026-0042")), format!("{unit}/HUD-2026-0042"));
        for case_ref in ["640823-3234", "640823%203234", "640823.3234", "19640823_3234", "64.08.23-3234"] {
            assert_eq!(redact_path(&format!("{unit}/{case_ref}")), format!("{unit}/[redacted]"), "{case_ref}");
        }
        // Spread over two segments: nothing of the path is kept.
        assert_eq!(redact_path(&format!("{unit}/640823/3234")), "[redacted]");
    }
}
