//! Conditional GETs for reference data: a strong `ETag` over the serialized JSON body,
//! `Cache-Control`, and `304 Not Modified` (no body) when `If-None-Match` matches.
//!
//! The ETag is the SHA-256 of the exact JSON bytes sent (identity coding), as a quoted hex string.
//! It changes whenever the body changes, including on admin edits and on a server upgrade that
//! changes embedded reference data. The `Compress` middleware may gzip/brotli the body without
//! changing the tag; clients only ever use it for `If-None-Match`, where RFC 9110 compares weakly,
//! and this API serves no range requests, so the one tag per JSON document is sound in practice.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::problem::ApiError;

/// How long a client may reuse a response without asking again.
///
/// Every response here needs a token, so it is `private`: a browser or client-side cache may
/// keep it, shared caches (proxies, CDNs) must not (RFC 9111 §5.2.2.7). Tokens are per client
/// and a proxy would otherwise serve one client's copy to a caller whose token was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Data embedded in the binary (forms, code lists, mappings): it changes only with a server
    /// upgrade, so five minutes of reuse without revalidation is safe and saves round trips.
    Embedded,
    /// Data admins edit (municipalities with their region, regions, units, the method registry):
    /// reuse only after revalidating, so an admin's change is visible at once; with the ETag the
    /// revalidation is a cheap `304`.
    Editable,
}

impl CachePolicy {
    pub const fn header_value(self) -> &'static str {
        match self {
            CachePolicy::Embedded => "private, max-age=300",
            CachePolicy::Editable => "private, no-cache",
        }
    }
}

/// The strong entity tag of a body: `"<sha-256 hex>"`.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut tag = String::with_capacity(66);
    tag.push('"');
    for byte in digest {
        tag.push_str(&format!("{byte:02x}"));
    }
    tag.push('"');
    tag
}

/// Whether `If-None-Match` (every occurrence of the header) matches `etag`: `*`, or one of the
/// listed tags under weak comparison (RFC 9110 §13.1.2: `W/"x"` matches `"x"`).
pub fn if_none_match_matches(req: &HttpRequest, etag: &str) -> bool {
    let opaque = etag.trim_start_matches("W/");
    req.headers().get_all(header::IF_NONE_MATCH).filter_map(|value| value.to_str().ok()).any(|value| {
        value
            .split(',')
            .map(str::trim)
            .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == opaque)
    })
}

/// The longest `If-None-Match` the reads accept (a list of this API's tags fits many times over).
pub const MAX_IF_NONE_MATCH: usize = 1024;

/// A `200` JSON response with `ETag` and `Cache-Control`, or `304` with the same headers and no
/// body when the client already holds this representation.
pub fn json_with_etag<T: Serialize>(
    req: &HttpRequest,
    body: &T,
    policy: CachePolicy,
) -> Result<HttpResponse, ApiError> {
    if req.headers().get_all(header::IF_NONE_MATCH).any(|v| v.len() > MAX_IF_NONE_MATCH) {
        return Err(ApiError::Validation(vec![super::problem::FieldError::new(
            "header:If-None-Match",
            "too_long",
            format!("If-None-Match has at most {MAX_IF_NONE_MATCH} characters"),
        )]));
    }
    let bytes = serde_json::to_vec(body).map_err(ApiError::internal)?;
    let etag = etag_of(&bytes);
    let etag_value = HeaderValue::from_str(&etag).map_err(ApiError::internal)?;
    let cache_control = HeaderValue::from_static(policy.header_value());
    if if_none_match_matches(req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag_value))
            .insert_header((header::CACHE_CONTROL, cache_control))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag_value))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .content_type(mime_json())
        .body(bytes))
}

fn mime_json() -> HeaderValue {
    HeaderValue::from_static("application/json")
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn etag_is_a_quoted_sha256() {
        let tag = etag_of(b"{}");
        assert_eq!(tag.len(), 66);
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert_eq!(tag, etag_of(b"{}"));
        assert_ne!(tag, etag_of(b"[]"));
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        let tag = etag_of(b"x");
        let with = |value: &str| TestRequest::get().insert_header((header::IF_NONE_MATCH, value)).to_http_request();
        assert!(if_none_match_matches(&with(&tag), &tag));
        assert!(if_none_match_matches(&with(&format!("W/{tag}")), &tag));
        assert!(if_none_match_matches(&with(&format!("\"other\", {tag}")), &tag));
        assert!(if_none_match_matches(&with("*"), &tag));
        assert!(!if_none_match_matches(&with("\"other\""), &tag));
        assert!(!if_none_match_matches(&TestRequest::get().to_http_request(), &tag));
    }
}
