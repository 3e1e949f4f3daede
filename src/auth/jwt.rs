//! Access and tool tokens: HS256 JWTs with `kid, sub, role, exp, iat, jti, iss, aud` and the
//! session they belong to (`sid`). The current key signs; previous keys still verify during a
//! key rotation. Anything else — `alg: none`, another algorithm, an unknown `kid`, a bad
//! signature, a wrong issuer or audience, an expired token, a token not valid yet (`nbf`) or
//! issued in the future (`iat`), beyond a few seconds of clock skew — fails verification.

use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Secret;
use crate::domain::user::Role;

pub const ISSUER: &str = "claimledger";
pub const AUDIENCE: &str = "claimledger-api";
/// Seconds of clock difference between instances forgiven on `exp`, `nbf` and `iat`.
pub const LEEWAY_SECS: u64 = 5;

/// What a token was issued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenUse {
    /// Short-lived, from a login or refresh.
    Access,
    /// Long-lived, named, for a tool.
    Api,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The user's id.
    pub sub: String,
    pub role: Role,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    /// The session (login or tool token) this token belongs to; revoking it revokes the token.
    pub sid: String,
    #[serde(rename = "use")]
    pub token_use: TokenUse,
}

struct VerifyingKey {
    kid: String,
    key: DecodingKey,
}

pub struct JwtKeys {
    kid: String,
    encoding: EncodingKey,
    verifying: Vec<VerifyingKey>,
    validation: Validation,
}

/// A key id that names a key without revealing it.
fn kid_for(secret: &Secret) -> String {
    hex::encode(&Sha256::digest(secret.expose())[..8])
}

impl JwtKeys {
    pub fn new(current: &Secret, previous: &[Secret]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud", "jti"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        let verifying = std::iter::once(current)
            .chain(previous)
            .map(|secret| VerifyingKey {
                kid: kid_for(secret),
                key: DecodingKey::from_secret(secret.expose()),
            })
            .collect();
        Self {
            kid: kid_for(current),
            encoding: EncodingKey::from_secret(current.expose()),
            verifying,
            validation,
        }
    }

    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        Ok(encode(&header, claims, &self.encoding)?)
    }

    /// The claims of a token this service issued and that is still within its lifetime.
    pub fn verify(&self, token: &str) -> Result<Claims, String> {
        let header = decode_header(token).map_err(|e| format!("malformed token: {e}"))?;
        if header.alg != Algorithm::HS256 {
            return Err("token is not signed with HS256".into());
        }
        let kid = header.kid.ok_or("token has no kid")?;
        let key = self
            .verifying
            .iter()
            .find(|k| k.kid == kid)
            .ok_or("token was signed with an unknown key")?;
        let claims = decode::<Claims>(token, &key.key, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| format!("invalid token: {e}"))?;
        // jsonwebtoken checks `exp` and `nbf`, not `iat`: a token from the future was not ours.
        if claims.iat > chrono::Utc::now().timestamp() + LEEWAY_SECS as i64 {
            return Err("token was issued in the future".into());
        }
        Ok(claims)
    }
}
