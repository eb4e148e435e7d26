//! Token signing keys: Ed25519 (EdDSA), identified by their RFC 7638 thumbprint as `kid`.
//! Several keys may be configured: the first signs, all verify, all are published in the JWKS.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ed25519_dalek::SigningKey;
use jsonwebtoken::{DecodingKey, EncodingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// A public key in the JWKS (RFC 8037 OKP key).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Jwk)]
pub struct PublicJwk {
    /// Key type: `OKP`.
    pub kty: String,
    /// Curve: `Ed25519`.
    pub crv: String,
    /// The public key, base64url.
    pub x: String,
    /// Key id (RFC 7638 thumbprint), as in the token header.
    pub kid: String,
    /// `sig`.
    #[serde(rename = "use")]
    pub key_use: String,
    /// `EdDSA`.
    pub alg: String,
}

/// The published key set.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = JwkSet, example = json!({"keys": [{"kty": "OKP", "crv": "Ed25519",
    "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
    "use": "sig", "alg": "EdDSA"}]}))]
pub struct Jwks {
    pub keys: Vec<PublicJwk>,
}

pub struct KeySet {
    signing_kid: String,
    signing_key: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
    jwks: Jwks,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySet").field("signing_kid", &self.signing_kid).finish_non_exhaustive()
    }
}

impl KeySet {
    /// Builds the set from signing keys, newest first.
    pub fn from_keys(keys: &[SigningKey]) -> Result<Self, String> {
        let first = keys.first().ok_or("no signing key configured")?;
        let mut verifying = HashMap::new();
        let mut published = Vec::new();
        for key in keys {
            let x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
            let kid = thumbprint(&x);
            let decoding = DecodingKey::from_ed_components(&x).map_err(|e| format!("bad public key: {e}"))?;
            verifying.insert(kid.clone(), decoding);
            published.push(PublicJwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x,
                kid,
                key_use: "sig".into(),
                alg: "EdDSA".into(),
            });
        }
        let der = first.to_pkcs8_der().map_err(|e| format!("cannot encode the signing key: {e}"))?;
        Ok(Self {
            signing_kid: published[0].kid.clone(),
            signing_key: EncodingKey::from_ed_der(der.as_bytes()),
            verifying,
            jwks: Jwks { keys: published },
        })
    }

    /// Reads PKCS#8 PEM files, newest (signing) first.
    pub fn from_files(paths: &[PathBuf]) -> Result<Self, String> {
        let keys = paths.iter().map(|p| read_key(p)).collect::<Result<Vec<_>, _>>()?;
        Self::from_keys(&keys)
    }

    pub fn signing(&self) -> (&str, &EncodingKey) {
        (&self.signing_kid, &self.signing_key)
    }

    /// Looks a `kid` up in our own keys only; nothing named in a token is ever fetched.
    pub fn verifying(&self, kid: &str) -> Option<&DecodingKey> {
        self.verifying.get(kid)
    }

    pub fn jwks(&self) -> &Jwks {
        &self.jwks
    }
}

/// RFC 7638 JWK thumbprint of an Ed25519 key.
fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

pub fn read_key(path: &Path) -> Result<SigningKey, String> {
    let pem = std::fs::read_to_string(path).map_err(|e| format!("cannot read key file {}: {e}", path.display()))?;
    SigningKey::from_pkcs8_pem(&pem)
        .map_err(|e| format!("key file {} is not an Ed25519 PKCS#8 PEM key: {e}", path.display()))
}

pub fn generate() -> SigningKey {
    SigningKey::generate(&mut rand_core::OsRng)
}

/// Writes a new key as PKCS#8 PEM, readable by the owner only.
pub fn write_new_key(path: &Path) -> Result<SigningKey, String> {
    let key = generate();
    let pem = key
        .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map_err(|e| format!("cannot encode a key: {e}"))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_private(path, pem.as_bytes())?;
    Ok(key)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot create key file {}: {e}", path.display()))?;
    file.write_all(bytes).map_err(|e| format!("cannot write key file {}: {e}", path.display()))
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write key file {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprint_matches_rfc_8037_example() {
        // RFC 8037 appendix A.3: thumbprint of the example Ed25519 key.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn first_key_signs_and_all_verify() {
        let (a, b) = (generate(), generate());
        let set = KeySet::from_keys(&[a, b]).unwrap();
        assert_eq!(set.jwks().keys.len(), 2);
        assert_eq!(set.signing().0, set.jwks().keys[0].kid);
        for jwk in &set.jwks().keys {
            assert!(set.verifying(&jwk.kid).is_some());
        }
        assert!(set.verifying("../../etc/passwd").is_none());
    }

    #[test]
    fn keys_round_trip_through_pem_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.pem");
        let key = write_new_key(&path).unwrap();
        assert_eq!(read_key(&path).unwrap().to_bytes(), key.to_bytes());
        assert!(write_new_key(&path).is_err(), "never overwrites a key");
    }
}
