//! The webhook delivery log's housekeeping: acknowledged deliveries older than the retention
//! are forgotten in bounded batches, oldest first; pending and recent ones stay.

use chrono::TimeDelta;
use claimledger::domain::webhook::WebhookDoc;
use claimledger::store::changes::Position;
use claimledger::store::engine::{self, Editable};
use claimledger::store::now;
use claimledger::store::webhooks::Webhook;
use claimledger::store::webhooks::queue::{self, Attempt, DeliveryStatus, NewDelivery};
use serde_json::json;

use crate::both_backends;

both_backends!(
    old_acknowledged_deliveries_are_pruned_in_batches,
    |env| async move {
        let doc: WebhookDoc = serde_json::from_value(
            json!({"url": "https://hooks.example.org/in", "event_types": ["claim.created"]}),
        )
        .unwrap();
        let hook = env
            .write(move |tx, ledger, author| {
                let stored = engine::create::<Webhook>(
                    tx,
                    ledger,
                    Webhook::compose(doc, None),
                    Some(author),
                )?;
                let id = stored.meta.id.clone();
                queue::start(tx, &id, Position::default())?;
                let at = now();
                queue::lease(tx, &id, "test", at, at + TimeDelta::hours(1))?;
                let deliveries: Vec<NewDelivery> = (1..=5)
                    .map(|n| {
                        let at = Position { txid: 0, seq: n };
                        NewDelivery::new(&id, "claim.created", at, format!("{{\"n\":{n}}}"))
                    })
                    .collect();
                queue::enqueue(
                    tx,
                    &id,
                    "test",
                    Position::default(),
                    &deliveries,
                    Position { txid: 0, seq: 5 },
                )?;
                Ok(id)
            })
            .await;
        // Three acknowledged 40, 39 and 38 days ago, one yesterday; the fifth still pending.
        let id = hook.clone();
        env.write(move |tx, _, _| {
            let pending = queue::pending(tx.conn(), &id, 10)?;
            assert_eq!(pending.len(), 5);
            for (delivery, days_ago) in pending.iter().zip([40, 39, 38, 1]) {
                let at = now() - TimeDelta::days(days_ago);
                let attempt = Attempt {
                    at,
                    status: Some(200),
                    latency_ms: 3,
                    response: None,
                    error: None,
                    outcome: DeliveryStatus::Delivered,
                    next_attempt_at: at,
                };
                queue::record(tx, delivery, &attempt)?;
            }
            Ok(())
        })
        .await;

        let cutoff = now() - TimeDelta::days(30);
        let prune =
            |limit| env.write(move |tx, _, _| Ok(queue::prune_delivered(tx, cutoff, limit)?));
        assert_eq!(prune(2).await, 2, "a batch is bounded");
        assert_eq!(prune(2).await, 1);
        assert_eq!(prune(2).await, 0);

        let id = hook.clone();
        let left = env.read(move |conn| queue::list(conn, &id, None, 10)).await;
        let mut payloads: Vec<&str> = left.iter().map(|d| d.payload.as_str()).collect();
        payloads.sort_unstable();
        assert_eq!(
            payloads,
            ["{\"n\":4}", "{\"n\":5}"],
            "the recent and the pending one stay"
        );
    }
);
