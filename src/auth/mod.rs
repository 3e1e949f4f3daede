//! Credentials: password hashing, signed access tokens (JWT), opaque refresh tokens, and the
//! short-lived cache of session state that makes revocation cheap to check on every request.

pub mod cache;
pub mod jwt;
pub mod password;
pub mod workers;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::{Rng, RngExt};
use sha2::{Digest, Sha256};

/// A fresh opaque secret with `bytes` bytes of randomness, URL-safe, with a readable prefix
/// (so that secret scanners and people recognise it).
pub fn random_token(prefix: &str, bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(buf))
}

/// Refresh tokens are stored only as their SHA-256, hex-encoded.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A random password for the first admin, easy to copy from a terminal.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..24)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}
