//! The checkpoint signing key (Ed25519) and the statement it signs.
//!
//! The key is `CLAIMLEDGER_CHECKPOINT_KEY` (a base64 32-byte seed) or, when unset, derived from
//! the ledger key with HKDF-SHA256 under its own label, so existing deployments start signing
//! without new configuration. The signed bytes are the RFC 8785 canonical JSON of
//! [`Statement`]; a checkpoint's key id is the first 8 bytes of SHA-256 of its public key, in
//! hex.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hkdf::Hkdf;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::Secret;

/// The `format` of the statements this release signs.
pub const FORMAT: &str = "claimledger-checkpoint/1";

/// The HKDF label of a key derived from the ledger key.
const DERIVATION_LABEL: &[u8] = b"claimledger checkpoint signing key v1";

/// What a checkpoint's signature covers.
#[derive(Debug, Serialize)]
pub struct Statement<'a> {
    pub format: &'a str,
    pub created_at: &'a str,
    pub feed_position: &'a str,
    pub records: i64,
    pub revisions: i64,
    pub root: &'a str,
    pub key_id: &'a str,
}

impl Statement<'_> {
    fn bytes(&self) -> Vec<u8> {
        serde_json_canonicalizer::to_vec(self).expect("a statement serialises")
    }
}

/// The signing key of this instance.
pub struct CheckpointKey {
    signing: SigningKey,
    key_id: String,
}

impl CheckpointKey {
    /// From a configured seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let key_id = key_id(&signing.verifying_key());
        Self { signing, key_id }
    }

    /// The configured seed (`CLAIMLEDGER_CHECKPOINT_KEY`, 32 bytes) or, without one, the key
    /// derived from the ledger key.
    pub fn resolve(configured: Option<&Secret>, ledger_key: &Secret) -> Self {
        match configured.and_then(|seed| <[u8; 32]>::try_from(seed.expose()).ok()) {
            Some(seed) => Self::from_seed(seed),
            None => Self::derived(ledger_key),
        }
    }

    /// Derived from the ledger key (HKDF-SHA256, its own label).
    pub fn derived(ledger_key: &Secret) -> Self {
        let mut seed = [0u8; 32];
        Hkdf::<Sha256>::new(None, ledger_key.expose())
            .expand(DERIVATION_LABEL, &mut seed)
            .expect("32 bytes is a valid HKDF output length");
        Self::from_seed(seed)
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public key, base64.
    pub fn public_key(&self) -> String {
        STANDARD.encode(self.signing.verifying_key().as_bytes())
    }

    /// The base64 signature of a statement.
    pub fn sign(&self, statement: &Statement<'_>) -> String {
        STANDARD.encode(self.signing.sign(&statement.bytes()).to_bytes())
    }
}

/// Parses `CLAIMLEDGER_CHECKPOINT_KEY`: base64 of exactly 32 bytes.
pub fn parse_seed(value: &str) -> Result<[u8; 32], String> {
    let bytes = STANDARD
        .decode(value.trim())
        .map_err(|_| "is not base64".to_owned())?;
    bytes
        .try_into()
        .map_err(|b: Vec<u8>| format!("must decode to 32 bytes, not {}", b.len()))
}

/// The id of a public key: the first 8 bytes of its SHA-256, in hex.
fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// Checks a base64 signature of a statement against a base64 public key; the reason when it
/// does not verify.
pub fn verify(public_key: &str, statement: &Statement<'_>, signature: &str) -> Result<(), String> {
    let key: [u8; 32] = STANDARD
        .decode(public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the stored public key is not 32 bytes of base64")?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| "the stored public key is invalid")?;
    if key_id(&key) != statement.key_id {
        return Err("the public key does not have this key id".into());
    }
    let signature: [u8; 64] = STANDARD
        .decode(signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("is not 64 bytes of base64")?;
    key.verify(&statement.bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| "does not verify: the checkpoint was not signed by this key as it is".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement<'a>(key_id: &'a str, root: &'a str) -> Statement<'a> {
        Statement {
            format: FORMAT,
            created_at: "2026-12-01T00:00:00.000000Z",
            feed_position: "MC4x",
            records: 1,
            revisions: 2,
            root,
            key_id,
        }
    }

    #[test]
    fn a_signature_verifies_only_for_the_statement_it_signed() {
        let key =
            CheckpointKey::derived(&Secret::new(b"a ledger key of at least 32 bytes!".to_vec()));
        let signature = key.sign(&statement(key.key_id(), "aa"));
        assert_eq!(
            verify(
                &key.public_key(),
                &statement(key.key_id(), "aa"),
                &signature
            ),
            Ok(())
        );
        assert!(
            verify(
                &key.public_key(),
                &statement(key.key_id(), "ab"),
                &signature
            )
            .is_err()
        );
        let other = CheckpointKey::from_seed([7; 32]);
        assert_ne!(other.key_id(), key.key_id());
        assert!(
            verify(
                &other.public_key(),
                &statement(key.key_id(), "aa"),
                &signature
            )
            .is_err()
        );
    }

    #[test]
    fn the_derived_key_depends_on_the_ledger_key_only() {
        let a =
            CheckpointKey::derived(&Secret::new(b"a ledger key of at least 32 bytes!".to_vec()));
        let b =
            CheckpointKey::derived(&Secret::new(b"a ledger key of at least 32 bytes!".to_vec()));
        let c = CheckpointKey::derived(&Secret::new(b"another ledger key, 32 bytes long".to_vec()));
        assert_eq!(a.key_id(), b.key_id());
        assert_ne!(a.key_id(), c.key_id());
        assert_eq!(a.key_id().len(), 16);
    }

    #[test]
    fn seeds_are_32_bytes_of_base64() {
        assert_eq!(parse_seed(&STANDARD.encode([1u8; 32])), Ok([1u8; 32]));
        assert!(parse_seed("not base64!").is_err());
        assert!(parse_seed(&STANDARD.encode([1u8; 31])).is_err());
    }
}
