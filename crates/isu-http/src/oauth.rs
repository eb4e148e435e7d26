//! OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials) and the public key set.
//!
//! Errors here take the OAuth shape (`{"error": "invalid_client", …}`, RFC 6749 §5.2) because
//! that is what OAuth client libraries parse; they also carry `request_id`.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpMessage, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::problem::ApiError;
use super::request_id::RequestId;
use super::AppState;
use crate::auth::keys::Jwks;
use crate::auth::tokens::{self, Subject};
use crate::auth::RoleScopes;
use isu_store as db;

/// Longest client id accepted (issued ids have 26 characters).
pub const MAX_CLIENT_ID_LEN: usize = 64;
/// Longest client secret accepted (issued secrets have 43 characters).
pub const MAX_CLIENT_SECRET_LEN: usize = 128;

/// The token request (form-encoded). The client authenticates with HTTP Basic or with
/// `client_id` and `client_secret` in the form, not both.
#[derive(Deserialize, ToSchema)]
#[schema(as = TokenRequest, example = json!({"grant_type": "client_credentials", "client_id": "isu_2hVq9dTzqRk1bXcY0eN3Ag", "client_secret": "…", "scope": "cases:write cases:read"}))]
pub struct TokenRequest {
    /// Must be `client_credentials`.
    pub grant_type: String,
    /// The client id (unless sent with HTTP Basic).
    #[schema(nullable = false)]
    pub client_id: Option<String>,
    /// The client secret (unless sent with HTTP Basic).
    #[schema(nullable = false)]
    pub client_secret: Option<String>,
    /// Space-separated scopes to narrow the token to; default: all of the client's role.
    #[schema(nullable = false)]
    pub scope: Option<String>,
}

/// An issued access token (RFC 6749 §5.1). The token is a JWT after RFC 9068.
#[derive(Serialize, ToSchema)]
#[schema(as = TokenResponse, example = json!({"access_token": "eyJhbGciOiJFZERTQSIsInR5cCI6ImF0K2p3dCIsImtpZCI6Ii4uLiJ9.e30.c2ln", "token_type": "Bearer", "expires_in": 900, "scope": "cases:write cases:read reference:read stats:read"}))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
    /// The scopes granted, space-separated.
    pub scope: String,
}

/// An OAuth 2.0 error (RFC 6749 §5.2).
#[derive(Serialize, ToSchema)]
#[schema(as = OAuthError, example = json!({"error": "invalid_client", "error_description": "client authentication failed", "request_id": "3f1c0d7e-93b5-4a4f-9d8e-6f2b1a0c9e11"}))]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `unsupported_grant_type` or `invalid_scope`.
    pub error: String,
    pub error_description: String,
    pub request_id: String,
}

/// Marks the client a token request was for, so the audit log can name it.
#[derive(Clone)]
pub struct AuditClient(pub String);

fn oauth_error(req: &HttpRequest, status: StatusCode, error: &str, description: &str) -> HttpResponse {
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    if status == StatusCode::UNAUTHORIZED {
        response.insert_header((header::WWW_AUTHENTICATE, r#"Basic realm="isu""#));
    }
    response.json(OAuthError { error: error.into(), error_description: description.into(), request_id })
}

/// Credentials from `Authorization: Basic` (RFC 6749 §2.3.1: form-urlencoded id and secret).
fn basic_credentials(req: &HttpRequest) -> Result<Option<(String, String)>, &'static str> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| "the Authorization header is malformed")?;
    let (scheme, encoded) = value.split_once(' ').ok_or("the Authorization header is malformed")?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err("use HTTP Basic for client authentication");
    }
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| "the Basic credentials are not base64")?;
    let decoded = String::from_utf8(decoded).map_err(|_| "the Basic credentials are not UTF-8")?;
    let (id, secret) = decoded.split_once(':').ok_or("the Basic credentials lack a colon")?;
    let unescape = |s: &str| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}"))
            .ok()
            .and_then(|mut v| v.pop())
            .map(|(_, v)| v)
            .ok_or("the Basic credentials are not form-encoded")
    };
    Ok(Some((unescape(id)?, unescape(secret)?)))
}

/// Get an access token
///
/// OAuth 2.0 client credentials grant. Authenticate with HTTP Basic (client id and secret) or
/// with `client_id` and `client_secret` in the form. `scope` may narrow the token to some of the
/// role's scopes. Tokens expire after `expires_in` seconds; request a new one then (there are no
/// refresh tokens). Repeated failures for one client id, or from one source address, are
/// throttled (429 with `Retry-After`); so is a request arriving while the server is already
/// verifying as many secrets as it allows (429, `Retry-After: 1`). An unknown client id and a
/// wrong secret get the same answer.
#[utoipa::path(
    tag = "auth",
    operation_id = "issue_token",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Token issued", body = TokenResponse,
            example = json!({"access_token": "eyJhbGciOiJFZERTQSIsInR5cCI6ImF0K2p3dCIsImtpZCI6Ii4uLiJ9.e30.c2ln", "token_type": "Bearer", "expires_in": 900, "scope": "cases:write cases:read reference:read stats:read"})),
        (status = 400, description = "`invalid_request`, `unsupported_grant_type` or `invalid_scope`", body = OAuthError),
        (status = 401, description = "`invalid_client`: unknown client, wrong secret, or revoked", body = OAuthError),
        (status = 429, description = "Too many failed attempts for this client id or from this address, or too many token requests at once",
            body = crate::problem::Problem,
            content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/oauth/token")]
pub async fn issue_token(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let bad = |description: &str| oauth_error(&req, StatusCode::BAD_REQUEST, "invalid_request", description);
    let is_form = req.content_type().eq_ignore_ascii_case("application/x-www-form-urlencoded");
    if !is_form {
        return Ok(bad("send the request as application/x-www-form-urlencoded"));
    }
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        return Ok(bad("the body is not form-encoded"));
    };
    let mut form = std::collections::HashMap::new();
    for (key, value) in pairs {
        if form.insert(key.clone(), value).is_some() {
            return Ok(bad(&format!("the parameter `{key}` is repeated")));
        }
    }
    match form.get("grant_type").map(String::as_str) {
        None => return Ok(bad("`grant_type` is required")),
        Some("client_credentials") => {}
        Some(_) => {
            return Ok(oauth_error(
                &req,
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only `client_credentials` is supported",
            ))
        }
    }
    let basic = match basic_credentials(&req) {
        Ok(basic) => basic,
        Err(description) => return Ok(oauth_error(&req, StatusCode::UNAUTHORIZED, "invalid_client", description)),
    };
    let (client_id, secret) = match (basic, form.get("client_id"), form.get("client_secret")) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Ok(bad("authenticate with HTTP Basic or with form fields, not both"))
        }
        (Some(credentials), None, None) => credentials,
        (None, Some(id), Some(secret)) => (id.clone(), secret.clone()),
        _ => {
            return Ok(oauth_error(
                &req,
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "client authentication is required",
            ))
        }
    };
    // Longer than any id or secret this server issues (the contract states these limits).
    if client_id.chars().count() > MAX_CLIENT_ID_LEN || secret.chars().count() > MAX_CLIENT_SECRET_LEN {
        return Ok(oauth_error(&req, StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed"));
    }
    let guard = &state.auth.token_guard;
    let address = guard.address_of(&req);
    if let Some(retry_after_secs) = guard.blocked_for(address.as_ref(), &client_id) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    // A place among the bounded verifications before anything else is spent on the request.
    let Some(admission) = guard.hashing.admit() else {
        return Err(ApiError::TooManyRequests { retry_after_secs: 1 });
    };
    // Audited from here on: requests refused before any work (the 429s above) are not, or a
    // flood would turn into as many audit writes, competing with real writes for the database.
    req.extensions_mut().insert(AuditClient(client_id.clone()));

    // The row is read and the connection given back before the (slow, on purpose) verification,
    // so a flood of token requests never holds the connections other requests need.
    let lookup_id = client_id.clone();
    let found = state.db(move |conn| db::clients::find_active_with_hash(conn, &lookup_id)).await?;
    let (client, stored) = match found {
        Some((client, hash)) => (Some(client), Some(hash)),
        // Unknown ids verify against a dummy hash through the same gate: same cost, same answer.
        None => (None, None),
    };
    let verified = guard.hashing.verify(admission, secret, stored).await?;
    let Some(client) = client.filter(|_| verified) else {
        guard.record_failure(address.as_ref(), &client_id);
        return Ok(oauth_error(&req, StatusCode::UNAUTHORIZED, "invalid_client", "client authentication failed"));
    };

    let allowed: Vec<String> = client.role.scopes().iter().map(|s| s.to_string()).collect();
    let scopes: Vec<String> = match form.get("scope").map(|s| s.split_whitespace().collect::<Vec<_>>()) {
        None => allowed.clone(),
        Some(requested) if requested.is_empty() => allowed.clone(),
        Some(requested) => {
            if let Some(unknown) = requested.iter().find(|s| !allowed.iter().any(|a| a == *s)) {
                return Ok(oauth_error(
                    &req,
                    StatusCode::BAD_REQUEST,
                    "invalid_scope",
                    &format!("scope `{unknown}` is not available to role {}", client.role.as_str()),
                ));
            }
            // Keep the role's canonical order.
            allowed.iter().filter(|a| requested.contains(&a.as_str())).cloned().collect()
        }
    };
    let subject = Subject {
        client_id: &client.id,
        role: client.role,
        scopes: &scopes,
        units: &client.units,
        municipalities: &client.municipalities,
        region: client.region.as_deref(),
    };
    let (token, claims) = tokens::issue(&state.auth.keys, &state.auth.tokens, &subject).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(TokenResponse {
            access_token: token,
            token_type: "Bearer".into(),
            expires_in: claims.exp - claims.iat,
            scope: claims.scope,
        }))
}

/// Public keys that verify access tokens
///
/// The JSON Web Key Set (RFC 7517) of the keys that sign this deployment's access tokens.
/// Several keys appear during a rotation; the token header's `kid` names the one used.
#[utoipa::path(
    tag = "auth",
    operation_id = "get_jwks",
    responses((status = 200, description = "The key set", body = Jwks, content_type = "application/json",
        example = json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "use": "sig", "alg": "EdDSA"}]}))),
    security(())
)]
#[get("/.well-known/jwks.json")]
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .content_type(ContentType::json())
        .json(state.auth.keys.jwks())
}
