//! Client ids and secrets. Secrets are random, shown once, and stored only as Argon2id hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::{OsRng, RngCore};

fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A new client id: `isu_` and 16 random bytes.
pub fn new_client_id() -> String {
    format!("isu_{}", random_token(16).replace(['-', '_'], "x"))
}

/// A new client secret: 32 random bytes, base64url.
pub fn new_secret() -> String {
    random_token(32)
}

pub fn hash(secret: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash a secret: {e}"))
}

/// Constant-time verification against a stored PHC string.
pub fn verify(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
}

/// Verification work for an unknown client id, so that timing does not reveal which ids exist.
pub fn verify_against_dummy(secret: &str) {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("dummy-secret-for-timing").unwrap_or_default());
    let _ = verify(secret, &DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_verify_only_against_their_hash() {
        let secret = new_secret();
        let stored = hash(&secret).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(&secret, &stored));
        assert!(!verify("wrong", &stored));
        assert!(!verify(&secret, "not a hash"));
        assert_ne!(new_client_id(), new_client_id());
    }
}
