//! Client ids and secrets. Secrets are random, shown once, and stored only as Argon2id hashes.

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// A client's credentials just issued: the secret is shown once, only the hash is stored.
pub struct IssuedCredentials {
    pub client_id: String,
    pub secret: String,
    pub secret_hash: String,
}

/// New credentials, or a new secret for `client_id`. Argon2 takes tens of milliseconds and
/// megabytes of memory: call it before taking a database connection (`web::block` in a handler).
pub fn issue(client_id: Option<String>) -> Result<IssuedCredentials, String> {
    let secret = new_secret();
    let secret_hash = hash(&secret)?;
    Ok(IssuedCredentials { client_id: client_id.unwrap_or_else(new_client_id), secret, secret_hash })
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

/// A hash to verify against for an unknown client id, so that timing does not reveal which ids
/// exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("dummy-secret-for-timing").unwrap_or_default());
    &DUMMY
}

/// The same as [`verify`], in Argon2 memory the caller keeps (grown to the hash's cost when
/// needed). The token endpoint reuses one such block per verification slot: a fresh 19 MiB
/// allocation per verification, made on whichever blocking thread runs it, leaves the allocator
/// holding one such block per thread arena (hundreds of MiB under a flood).
pub fn verify_with_memory(secret: &str, stored: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else { return false };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut computed = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version, params);
    if argon2.hash_password_into_with_memory(secret.as_bytes(), salt, &mut computed, &mut memory[..blocks]).is_err() {
        return false;
    }
    // `Output` compares in constant time.
    Output::new(&computed).is_ok_and(|computed| computed == expected)
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
        let mut memory = Vec::new();
        assert!(verify_with_memory(&secret, &stored, &mut memory));
        assert!(!verify_with_memory("wrong", &stored, &mut memory));
        assert!(!verify_with_memory(&secret, "not a hash", &mut memory));
        assert!(!verify_with_memory(&secret, dummy_hash(), &mut memory));
        assert_eq!(memory.len(), Params::default().block_count(), "one block of the hash's cost, reused");
        assert_ne!(new_client_id(), new_client_id());
    }
}
