//! The background sender: one task per active subscription, each taking the subscription's
//! lease, queueing its new events from the changes feed and sending them in order. A
//! subscription whose receiver fails waits only for itself: the others have tasks of their own.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use tokio::task::JoinHandle;

use crate::db::{DbConn, WriteTx};
use crate::domain::webhook::ImportEvents;
use crate::store::changes::{self, Position};
use crate::store::engine::{self, Change, Stored};
use crate::store::import_batches::{self, ImportBatch};
use crate::store::ledger::Action;
use crate::store::webhooks::queue::{self, Delivery, DeliveryStatus, NewDelivery};
use crate::store::webhooks::{Webhook, secrets};
use crate::store::{StoreResult, now};
use crate::webhooks::{Webhooks, events, send};

/// How many changes of the feed one step reads.
const FEED_BATCH: i64 = 200;
/// How many deliveries one step sends at most (a change of the subscription is seen after).
const SEND_BATCH: i64 = 50;

/// What a step of a subscription's task found to do next.
enum Next {
    /// It did something: go on at once.
    Again,
    /// Nothing to do before this long.
    Wait(Duration),
    /// The subscription no longer sends (disabled, retracted, gone).
    Stop,
}

/// Starts the supervisor, which keeps one task per active subscription.
pub fn spawn(hooks: Arc<Webhooks>) {
    tokio::spawn(async move {
        let mut running: HashMap<String, JoinHandle<()>> = HashMap::new();
        loop {
            running.retain(|_, task| !task.is_finished());
            match hooks
                .read(|conn| Ok(crate::store::webhooks::active(conn)?))
                .await
            {
                Ok(active) => {
                    for subscription in active {
                        let id = subscription.meta.id;
                        if let std::collections::hash_map::Entry::Vacant(slot) =
                            running.entry(id.clone())
                        {
                            slot.insert(tokio::spawn(run(Arc::clone(&hooks), id)));
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "listing webhook subscriptions failed"),
            }
            tokio::time::sleep(hooks.config.poll_interval).await;
        }
    });
}

async fn run(hooks: Arc<Webhooks>, id: String) {
    // Until when (by this clock) this instance surely holds the lease.
    let mut held: Option<Instant> = None;
    loop {
        match step(&hooks, &id, &mut held).await {
            Ok(Next::Again) => {}
            Ok(Next::Wait(wait)) => tokio::time::sleep(wait.min(hooks.config.poll_interval)).await,
            Ok(Next::Stop) => {
                let (id, owner) = (id.clone(), hooks.owner.clone());
                let _ = hooks.write(move |tx| queue::release(tx, &id, &owner)).await;
                return;
            }
            Err(e) => {
                tracing::warn!(webhook = %id, error = %e, "webhook step failed");
                tokio::time::sleep(hooks.config.poll_interval).await;
            }
        }
    }
}

/// One round for one subscription: lease, queue what is new, send what is due.
async fn step(hooks: &Arc<Webhooks>, id: &str, held: &mut Option<Instant>) -> anyhow::Result<Next> {
    let lookup = id.to_owned();
    let subscription = hooks
        .read(move |conn| {
            Ok(<Webhook as crate::store::engine::Record>::find(
                conn, &lookup,
            )?)
        })
        .await?;
    let Some(subscription) = subscription else {
        return Ok(Next::Stop);
    };
    if !subscription.snapshot.enabled || subscription.snapshot.retracted.is_some() {
        return Ok(Next::Stop);
    }
    // Long enough to outlast one attempt; short enough that after a crash another instance
    // (or this one, restarted) takes over soon.
    let lease_std = hooks.config.timeout * 2 + Duration::from_secs(3);
    let lease_for = TimeDelta::from_std(lease_std)?;
    // An idle subscription renews its lease only when half of it has run out, not at every
    // poll (on SQLite every write is a commit).
    if held.is_none_or(|until| until < Instant::now() + lease_std / 2) {
        let (lease_id, owner) = (id.to_owned(), hooks.owner.clone());
        let asked = Instant::now();
        let taken = hooks
            .write(move |tx| {
                let at = now();
                queue::lease(tx, &lease_id, &owner, at, at + lease_for)
            })
            .await?;
        if !taken {
            *held = None;
            return Ok(Next::Wait(hooks.config.poll_interval));
        }
        *held = Some(asked + lease_std);
    }
    let queued = enqueue_new(hooks, &subscription).await?;
    let pending_id = id.to_owned();
    let (pending, signing) = hooks
        .read(move |conn| {
            let pending = queue::pending(conn, &pending_id, SEND_BATCH)?;
            let signing = match pending.is_empty() {
                true => Vec::new(),
                false => secrets::signing(conn, &pending_id, now())?,
            };
            Ok((pending, signing))
        })
        .await?;
    if pending.is_empty() {
        metrics::gauge!("webhook_queue_depth", "webhook_id" => id.to_owned()).set(0.0);
        return Ok(if queued {
            Next::Again
        } else {
            Next::Wait(hooks.config.poll_interval)
        });
    }
    // In order: each waits for the one before it to be acknowledged.
    for delivery in pending {
        let at = now();
        if delivery.next_attempt_at > at {
            return Ok(Next::Wait(
                (delivery.next_attempt_at - at).to_std().unwrap_or_default(),
            ));
        }
        let asked = Instant::now();
        let (next, still_held) =
            deliver(hooks, &subscription, &signing, delivery, lease_for).await?;
        *held = still_held.then_some(asked + lease_std);
        match next {
            Next::Again if still_held => {}
            Next::Again => return Ok(Next::Wait(hooks.config.poll_interval)),
            other => return Ok(other),
        }
    }
    Ok(Next::Again)
}

/// Queues the subscription's events after its position in the feed; true when it moved.
async fn enqueue_new(
    hooks: &Arc<Webhooks>,
    subscription: &Stored<Webhook>,
) -> anyhow::Result<bool> {
    let id = subscription.meta.id.clone();
    let snapshot = subscription.snapshot.clone();
    let public_url = hooks.config.public_url.clone();
    let batch = hooks
        .read(move |conn: &mut DbConn| -> StoreResult<_> {
            let Some(from) = queue::position(conn, &id)? else {
                return Ok(None);
            };
            let changes = changes::after(conn, from, FEED_BATCH, true)?;
            let Some(last) = changes.last() else {
                return Ok(None);
            };
            let to = Position {
                txid: last.txid,
                seq: last.seq,
            };
            let mut deliveries = Vec::new();
            // The import the last change belonged to: its next revisions need no probe.
            let mut import: Option<ImportBatch> = None;
            let summarise = snapshot.import_events == ImportEvents::Summary;
            let watch_imports = summarise || events::wants_import_completed(&snapshot);
            for change in &changes {
                let position = Position {
                    txid: change.txid,
                    seq: change.seq,
                };
                if watch_imports && !import.as_ref().is_some_and(|b| b.holds(position)) {
                    import = import_batches::containing(conn, position)?;
                }
                let in_import = import.as_ref().filter(|b| b.holds(position));
                if !(summarise && in_import.is_some())
                    && let Some(event) = events::from_change(conn, change)?
                    && event.wanted_by(&snapshot)
                {
                    let body = event.payload(&snapshot, public_url.as_deref());
                    deliveries.push(NewDelivery::new(
                        &id,
                        event.event_type,
                        event.position,
                        body,
                    ));
                }
                if let Some(batch) = in_import
                    && batch.ends_at(position)
                    && events::wants_import_completed(&snapshot)
                {
                    let body = events::import_completed(batch, &snapshot, public_url.as_deref())?;
                    deliveries.push(NewDelivery::new(
                        &id,
                        events::IMPORT_COMPLETED,
                        position,
                        body,
                    ));
                }
            }
            Ok(Some((from, to, deliveries)))
        })
        .await?;
    let Some((from, to, deliveries)) = batch else {
        return Ok(false);
    };
    let (id, owner) = (subscription.meta.id.clone(), hooks.owner.clone());
    let count = deliveries.len();
    let (moved, depth) = hooks
        .write(move |tx| {
            let moved = queue::enqueue(tx, &id, &owner, from, &deliveries, to)?;
            Ok::<_, crate::store::StoreError>((moved, queue::depth(tx.conn(), &id)?))
        })
        .await?;
    metrics::gauge!("webhook_queue_depth", "webhook_id" => subscription.meta.id.clone())
        .set(depth as f64);
    if moved && count > 0 {
        metrics::counter!("webhook_events_queued_total").increment(count as u64);
    }
    Ok(moved)
}

/// Sends one delivery and records what came of it; `Again` when it was acknowledged. The
/// second value says whether this instance still held the lease (else nothing was recorded).
async fn deliver(
    hooks: &Arc<Webhooks>,
    subscription: &Stored<Webhook>,
    signing: &[String],
    delivery: Delivery,
    lease_for: TimeDelta,
) -> anyhow::Result<(Next, bool)> {
    let outcome = send::attempt(
        &hooks.client,
        &hooks.config,
        &subscription.snapshot.url,
        signing,
        &delivery.id,
        &delivery.payload,
    )
    .await;
    let at = now();
    let attempts = delivery.attempts + 1;
    let (status, next_at) = if outcome.ok() {
        (DeliveryStatus::Delivered, at)
    } else {
        let first = delivery.first_attempt_at.unwrap_or(at);
        match send::next_attempt(&hooks.config, attempts, first, at, outcome.retry_after) {
            Some(next) => (DeliveryStatus::Pending, next),
            None => (DeliveryStatus::Failed, at),
        }
    };
    let label = match status {
        DeliveryStatus::Delivered => "delivered",
        DeliveryStatus::Pending => "retry",
        DeliveryStatus::Failed => "failed",
    };
    metrics::counter!("webhook_deliveries_total", "outcome" => label).increment(1);
    if attempts > 1 {
        metrics::counter!("webhook_retries_total").increment(1);
    }
    let attempt = queue::Attempt {
        at,
        status: outcome.status.map(i64::from),
        latency_ms: outcome.latency_ms,
        response: outcome.response.clone(),
        error: outcome.error.clone(),
        outcome: status,
        next_attempt_at: next_at,
    };
    let ledger = Arc::clone(&hooks.ledger);
    let (webhook_id, owner) = (subscription.meta.id.clone(), hooks.owner.clone());
    let reason = format!(
        "disabled on {}: delivery {} failed for longer than the retry window ({} attempts; last: {})",
        at.format("%Y-%m-%d %H:%M UTC"),
        delivery.id,
        attempts,
        outcome
            .status
            .map(|s| format!("HTTP {s}"))
            .or(outcome.error.clone())
            .unwrap_or_default()
    );
    let still_held = hooks
        .write(move |tx| {
            // Only the lease holder writes what it sent.
            if !queue::lease(tx, &webhook_id, &owner, at, at + lease_for)? {
                return Ok(false);
            }
            queue::record(tx, &delivery, &attempt)?;
            if status == DeliveryStatus::Failed {
                disable(tx, &ledger, &webhook_id, reason)?;
            }
            Ok::<_, crate::store::StoreError>(true)
        })
        .await?;
    let next = match status {
        DeliveryStatus::Delivered => Next::Again,
        DeliveryStatus::Pending => Next::Wait((next_at - at).to_std().unwrap_or_default()),
        DeliveryStatus::Failed => Next::Stop,
    };
    Ok((next, still_held))
}

/// Disables a subscription that failed for too long: a revision by the service (no author),
/// which admins see in its history and in the changes feed (`webhook.disabled`).
fn disable(
    tx: &mut WriteTx<'_>,
    ledger: &crate::store::ledger::Ledger,
    id: &str,
    reason: String,
) -> StoreResult<()> {
    let current = engine::get::<Webhook>(tx.conn(), id)?;
    let mut snapshot = current.snapshot.clone();
    snapshot.enabled = false;
    snapshot.disabled_reason = Some(reason);
    engine::change(
        tx,
        ledger,
        &current,
        snapshot,
        Change::now(Action::Status, None),
    )?;
    tracing::warn!(webhook = %id, "webhook subscription disabled after failing for too long");
    Ok(())
}
