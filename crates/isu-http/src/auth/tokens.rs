//! Access tokens after RFC 9068 (JWT profile for OAuth 2.0 access tokens), signed with EdDSA.
//!
//! Verification is deliberately strict and does not rely on jsonwebtoken's defaults: the algorithm
//! is pinned, `typ` must be `at+jwt`, `exp`, `iss`, `aud` and `sub` are required, the leeway is
//! small and explicit, and header fields that point elsewhere (`jku`, `jwk`, `x5u`, `x5c`) are
//! refused outright.

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

use super::keys::KeySet;
use super::Role;

/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
pub const LEEWAY_SECS: u64 = 5;
pub const TOKEN_TYPE: &str = "at+jwt";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub client_id: String,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
    pub jti: String,
    /// Space-separated granted scopes.
    pub scope: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Issuer and audience this deployment stamps on and demands of every token.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    pub issuer: String,
    pub audience: String,
    pub lifetime_secs: u64,
}

/// What the token is for: the client and its tenancy.
pub struct Subject<'a> {
    pub client_id: &'a str,
    pub role: Role,
    pub scopes: &'a [String],
    pub units: &'a [String],
    pub municipalities: &'a [String],
    pub region: Option<&'a str>,
}

pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

pub fn issue(keys: &KeySet, settings: &TokenSettings, subject: &Subject<'_>) -> Result<(String, Claims), String> {
    let now = now_secs();
    let claims = Claims {
        iss: settings.issuer.clone(),
        aud: settings.audience.clone(),
        sub: subject.client_id.to_string(),
        client_id: subject.client_id.to_string(),
        iat: now,
        nbf: now,
        exp: now + settings.lifetime_secs,
        jti: uuid::Uuid::new_v4().to_string(),
        scope: subject.scopes.join(" "),
        role: subject.role,
        units: subject.units.to_vec(),
        municipalities: subject.municipalities.to_vec(),
        region: subject.region.map(str::to_string),
    };
    let (kid, key) = keys.signing();
    let mut header = Header::new(Algorithm::EdDSA);
    header.typ = Some(TOKEN_TYPE.into());
    header.kid = Some(kid.to_string());
    let token = jsonwebtoken::encode(&header, &claims, key).map_err(|e| format!("cannot sign a token: {e}"))?;
    Ok((token, claims))
}

/// Why a token was refused. The message is safe to send to the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub &'static str);

fn is_safe_kid(kid: &str) -> bool {
    !kid.is_empty() && kid.len() <= 64 && kid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn verify(keys: &KeySet, settings: &TokenSettings, token: &str) -> Result<Claims, Refused> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| Refused("the token is malformed"))?;
    if header.alg != Algorithm::EdDSA {
        return Err(Refused("the token's algorithm is not accepted"));
    }
    let typ_ok = header
        .typ
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case(TOKEN_TYPE) || t.eq_ignore_ascii_case("application/at+jwt"));
    if !typ_ok {
        return Err(Refused("the token is not an access token (typ must be at+jwt)"));
    }
    if header.jku.is_some() || header.jwk.is_some() || header.x5u.is_some() || header.x5c.is_some() {
        return Err(Refused("the token names external keys; only this server's keys are used"));
    }
    let kid = header.kid.as_deref().ok_or(Refused("the token has no key id"))?;
    if !is_safe_kid(kid) {
        return Err(Refused("the token's key id is not valid"));
    }
    let key = keys.verifying(kid).ok_or(Refused("the token's key id is unknown"))?;

    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.set_issuer(&[settings.issuer.as_str()]);
    validation.set_audience(&[settings.audience.as_str()]);
    validation.leeway = LEEWAY_SECS;
    validation.validate_exp = true;
    validation.validate_nbf = true;
    let data = jsonwebtoken::decode::<Claims>(token, key, &validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind;
        match e.kind() {
            ErrorKind::ExpiredSignature => Refused("the token has expired"),
            ErrorKind::ImmatureSignature => Refused("the token is not valid yet"),
            ErrorKind::InvalidIssuer => Refused("the token's issuer is not accepted"),
            ErrorKind::InvalidAudience => Refused("the token's audience is not this API"),
            ErrorKind::MissingRequiredClaim(_) => Refused("the token lacks a required claim"),
            ErrorKind::InvalidSignature => Refused("the token's signature is not valid"),
            _ => Refused("the token is not valid"),
        }
    })?;
    let claims = data.claims;
    if claims.iat > now_secs() + LEEWAY_SECS {
        return Err(Refused("the token is issued in the future"));
    }
    if claims.sub != claims.client_id {
        return Err(Refused("the token's subject is inconsistent"));
    }
    Ok(claims)
}
