//! Argon2id password hashes (PHC strings, salted per hash).

use std::sync::OnceLock;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Argon2id with OWASP's 7 MiB × 5 passes profile, which OWASP's Password Storage Cheat Sheet
/// rates as strong as the crate's default 19 MiB × 2 passes, for about the same CPU time. Each
/// hash holds its memory for the whole computation, and 19 MiB per login was the largest
/// single item in the server's peak memory. Hashes made with other parameters still verify:
/// a PHC string carries its own.
fn argon2() -> Argon2<'static> {
    let params = Params::new(7 * 1024, 5, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let hash = argon2()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a stored hash. With no stored hash (unknown user) it verifies
/// against a dummy hash all the same, so both answers cost one argon2 verification and an
/// observer cannot tell from the timing which usernames exist.
pub fn verify_password(password: &str, stored_hash: Option<&str>) -> bool {
    let (hash, known) = match stored_hash {
        Some(hash) => (hash, true),
        None => (dummy_hash(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    known && matches
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password("claimledger-dummy-password").expect("argon2 hashes a constant")
    })
}

/// Computes the dummy hash ahead of the first login, so that login does not pay for it.
pub fn warm_up() {
    let _ = dummy_hash();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("wrong horse battery", Some(&hash)));
        assert!(!verify_password("claimledger-dummy-password", None));
    }

    #[test]
    fn hashes_use_the_7_mib_profile_and_old_default_hashes_still_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.contains("$m=7168,t=5,p=1$"), "{hash}");
        let old = Argon2::default()
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(old.contains("$m=19456,t=2,p=1$"), "{old}");
        assert!(verify_password("correct horse battery", Some(&old)));
        assert!(!verify_password("wrong horse battery", Some(&old)));
    }
}
