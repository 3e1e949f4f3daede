//! Signing secrets of subscriptions. A secret is shown once, when it is made; afterwards only
//! the sender reads it. It is kept here, outside every snapshot, so the ledger (whose
//! revisions are never rewritten, are exported, and are served as history) never holds it.
//! It is stored as issued: the sender needs the key itself to sign (an HMAC key cannot be
//! kept as a hash the way a password is).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use rand::Rng;

use crate::db::{DbConn, WriteTx};
use crate::schema::webhook_secrets;
use crate::store::StoreResult;

/// The prefix Standard Webhooks gives symmetric secrets.
pub const PREFIX: &str = "whsec_";

/// A fresh secret: `whsec_` and 32 random bytes in base64.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{PREFIX}{}", STANDARD.encode(bytes))
}

/// Stores `secret` as the subscription's newest.
pub fn add(
    tx: &mut WriteTx<'_>,
    webhook_id: &str,
    secret: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::insert_into(webhook_secrets::table)
        .values((
            webhook_secrets::webhook_id.eq(webhook_id),
            webhook_secrets::secret.eq(secret),
            webhook_secrets::created_at.eq(at),
            webhook_secrets::expires_at.eq(None::<NaiveDateTime>),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// Makes `secret` the newest; the ones before it keep signing for `grace`, then stop.
pub fn rotate(
    tx: &mut WriteTx<'_>,
    webhook_id: &str,
    secret: &str,
    at: NaiveDateTime,
    grace: TimeDelta,
) -> StoreResult<()> {
    diesel::delete(
        webhook_secrets::table
            .filter(webhook_secrets::webhook_id.eq(webhook_id))
            .filter(webhook_secrets::expires_at.le(at)),
    )
    .execute(tx.conn())?;
    diesel::update(
        webhook_secrets::table
            .filter(webhook_secrets::webhook_id.eq(webhook_id))
            .filter(webhook_secrets::expires_at.is_null()),
    )
    .set(webhook_secrets::expires_at.eq(at + grace))
    .execute(tx.conn())?;
    add(tx, webhook_id, secret, at)
}

/// The secrets that sign now, newest first.
pub fn signing(conn: &mut DbConn, webhook_id: &str, at: NaiveDateTime) -> QueryResult<Vec<String>> {
    webhook_secrets::table
        .filter(webhook_secrets::webhook_id.eq(webhook_id))
        .filter(
            webhook_secrets::expires_at
                .is_null()
                .or(webhook_secrets::expires_at.gt(at)),
        )
        .order(webhook_secrets::created_at.desc())
        .select(webhook_secrets::secret)
        .load(conn)
}
