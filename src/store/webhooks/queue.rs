//! Each subscription's position in the changes feed, the lease of the instance that sends its
//! events, and its deliveries.
//!
//! An instance sends a subscription's events only while it holds the subscription's lease: a
//! compare-and-set on its cursor row (`lease`), taken when free or expired and renewed while
//! sending. Events are taken from the feed into `webhook_deliveries` in the same transaction
//! that moves the cursor past them, and only by the lease holder (`enqueue` re-checks it), so
//! with several instances on one PostgreSQL each event is queued once and sent by one
//! instance. A delivery is marked delivered only after the receiver's 2xx; a crash in between
//! sends it again (at-least-once, with the same `webhook-id`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConn, WriteTx};
use crate::schema::{webhook_cursors, webhook_deliveries};
use crate::store::StoreResult;
use crate::store::changes::Position;

crate::stored_enum! {
    /// Where a delivery stands.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum DeliveryStatus {
        /// Not yet acknowledged; `next_attempt_at` says when it is tried.
        Pending,
        /// The receiver answered 2xx.
        Delivered,
        /// Retried for longer than the retry window; the subscription was disabled.
        Failed,
    }
}

/// A delivery as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: String,
    pub event_type: String,
    pub txid: i64,
    pub seq: i64,
    pub payload: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at: NaiveDateTime,
    pub first_attempt_at: Option<NaiveDateTime>,
    pub last_attempt_at: Option<NaiveDateTime>,
    pub last_status: Option<i64>,
    pub last_latency_ms: Option<i64>,
    pub last_response: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

/// An event about to be queued for one subscription.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct NewDelivery {
    pub id: String,
    pub webhook_id: String,
    pub event_type: String,
    pub txid: i64,
    pub seq: i64,
    pub payload: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

impl NewDelivery {
    /// A delivery due now; its id (the `webhook-id`) is `msg_` and a UUIDv7.
    pub fn new(webhook_id: &str, event_type: &str, at: Position, payload: String) -> Self {
        let now = crate::store::now();
        Self {
            id: format!("msg_{}", uuid::Uuid::now_v7().simple()),
            webhook_id: webhook_id.to_owned(),
            event_type: event_type.to_owned(),
            txid: at.txid,
            seq: at.seq,
            payload,
            status: DeliveryStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        }
    }
}

/// A new subscription starts at `position` (the feed as it was when it was made).
pub fn start(tx: &mut WriteTx<'_>, webhook_id: &str, position: Position) -> StoreResult<()> {
    diesel::insert_into(webhook_cursors::table)
        .values((
            webhook_cursors::webhook_id.eq(webhook_id),
            webhook_cursors::txid.eq(position.txid),
            webhook_cursors::seq.eq(position.seq),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// Takes or renews the subscription's lease for `owner` until `until`: true when `owner`
/// holds it now.
pub fn lease(
    tx: &mut WriteTx<'_>,
    webhook_id: &str,
    owner: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> StoreResult<bool> {
    let taken = diesel::update(
        webhook_cursors::table
            .filter(webhook_cursors::webhook_id.eq(webhook_id))
            .filter(
                webhook_cursors::lease_owner
                    .eq(owner)
                    .or(webhook_cursors::lease_until.is_null())
                    .or(webhook_cursors::lease_until.lt(now)),
            ),
    )
    .set((
        webhook_cursors::lease_owner.eq(owner),
        webhook_cursors::lease_until.eq(until),
    ))
    .execute(tx.conn())?;
    Ok(taken == 1)
}

/// Gives the lease up (at shutdown, or when the subscription stops sending).
pub fn release(tx: &mut WriteTx<'_>, webhook_id: &str, owner: &str) -> StoreResult<()> {
    diesel::update(
        webhook_cursors::table
            .filter(webhook_cursors::webhook_id.eq(webhook_id))
            .filter(webhook_cursors::lease_owner.eq(owner)),
    )
    .set((
        webhook_cursors::lease_owner.eq(None::<String>),
        webhook_cursors::lease_until.eq(None::<NaiveDateTime>),
    ))
    .execute(tx.conn())?;
    Ok(())
}

/// The subscription's position in the feed.
pub fn position(conn: &mut DbConn, webhook_id: &str) -> QueryResult<Option<Position>> {
    webhook_cursors::table
        .filter(webhook_cursors::webhook_id.eq(webhook_id))
        .select((webhook_cursors::txid, webhook_cursors::seq))
        .first::<(i64, i64)>(conn)
        .optional()
        .map(|p| p.map(|(txid, seq)| Position { txid, seq }))
}

/// Queues `deliveries` and moves the cursor from `from` to `to`, if `owner` still holds the
/// lease and the cursor is still at `from` (false, and nothing written, otherwise).
pub fn enqueue(
    tx: &mut WriteTx<'_>,
    webhook_id: &str,
    owner: &str,
    from: Position,
    deliveries: &[NewDelivery],
    to: Position,
) -> StoreResult<bool> {
    let moved = diesel::update(
        webhook_cursors::table
            .filter(webhook_cursors::webhook_id.eq(webhook_id))
            .filter(webhook_cursors::lease_owner.eq(owner))
            .filter(webhook_cursors::txid.eq(from.txid))
            .filter(webhook_cursors::seq.eq(from.seq)),
    )
    .set((
        webhook_cursors::txid.eq(to.txid),
        webhook_cursors::seq.eq(to.seq),
    ))
    .execute(tx.conn())?;
    if moved == 0 {
        return Ok(false);
    }
    for delivery in deliveries {
        diesel::insert_into(webhook_deliveries::table)
            .values(delivery)
            .execute(tx.conn())?;
    }
    Ok(true)
}

/// Sets the cursor back (or forward) to `to`: `replay`.
pub fn rewind(tx: &mut WriteTx<'_>, webhook_id: &str, to: Position) -> StoreResult<()> {
    diesel::update(webhook_cursors::table.filter(webhook_cursors::webhook_id.eq(webhook_id)))
        .set((
            webhook_cursors::txid.eq(to.txid),
            webhook_cursors::seq.eq(to.seq),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// The subscription's oldest unacknowledged deliveries, in the order they must be sent.
pub fn pending(conn: &mut DbConn, webhook_id: &str, limit: i64) -> QueryResult<Vec<Delivery>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .order((
            webhook_deliveries::txid,
            webhook_deliveries::seq,
            webhook_deliveries::id,
        ))
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)
}

/// How many deliveries wait to be acknowledged.
pub fn depth(conn: &mut DbConn, webhook_id: &str) -> QueryResult<i64> {
    webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .count()
        .get_result(conn)
}

/// What one attempt found.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub at: NaiveDateTime,
    pub status: Option<i64>,
    pub latency_ms: i64,
    pub response: Option<String>,
    pub error: Option<String>,
    /// Delivered, failed for good, or pending again with its next attempt.
    pub outcome: DeliveryStatus,
    pub next_attempt_at: NaiveDateTime,
}

/// Records an attempt on a delivery.
pub fn record(tx: &mut WriteTx<'_>, delivery: &Delivery, attempt: &Attempt) -> StoreResult<()> {
    let delivered = attempt.outcome == DeliveryStatus::Delivered;
    diesel::update(webhook_deliveries::table.filter(webhook_deliveries::id.eq(&delivery.id)))
        .set((
            webhook_deliveries::status.eq(attempt.outcome),
            webhook_deliveries::attempts.eq(delivery.attempts + 1),
            webhook_deliveries::next_attempt_at.eq(attempt.next_attempt_at),
            webhook_deliveries::first_attempt_at.eq(delivery.first_attempt_at.or(Some(attempt.at))),
            webhook_deliveries::last_attempt_at.eq(Some(attempt.at)),
            webhook_deliveries::last_status.eq(attempt.status),
            webhook_deliveries::last_latency_ms.eq(Some(attempt.latency_ms)),
            webhook_deliveries::last_response.eq(&attempt.response),
            webhook_deliveries::last_error.eq(&attempt.error),
            webhook_deliveries::delivered_at.eq(delivered.then_some(attempt.at)),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// One subscription's deliveries, newest first, before the cursor (a delivery id).
pub fn list(
    conn: &mut DbConn,
    webhook_id: &str,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Delivery>> {
    let mut query = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id.to_owned()))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select(Delivery::as_select())
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(webhook_deliveries::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// Sends a delivery again (the same id, body and event), as soon as its turn comes.
pub fn redeliver(tx: &mut WriteTx<'_>, webhook_id: &str, delivery_id: &str) -> StoreResult<bool> {
    let n = diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(delivery_id))
            .filter(webhook_deliveries::webhook_id.eq(webhook_id)),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Pending),
        webhook_deliveries::next_attempt_at.eq(crate::store::now()),
        webhook_deliveries::delivered_at.eq(None::<NaiveDateTime>),
    ))
    .execute(tx.conn())?;
    Ok(n == 1)
}

/// Forgets up to `limit` deliveries acknowledged before `cutoff` (the delivery log keeps
/// [`crate::config::WebhookConfig::log_retention`]); pending and failed ones stay. Oldest
/// first, through the index on `delivered_at`, so one call's cost is bounded by `limit`.
pub fn prune_delivered(
    tx: &mut WriteTx<'_>,
    cutoff: NaiveDateTime,
    limit: i64,
) -> QueryResult<usize> {
    let old: Vec<String> = webhook_deliveries::table
        .filter(webhook_deliveries::delivered_at.lt(cutoff))
        .order(webhook_deliveries::delivered_at)
        .select(webhook_deliveries::id)
        .limit(limit)
        .load(tx.conn())?;
    if old.is_empty() {
        return Ok(0);
    }
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::id.eq_any(&old)))
        .execute(tx.conn())
}
