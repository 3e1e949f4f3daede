//! Events, derived from the changes feed: each revision of a record is one event, named by its
//! kind and what the revision did (a verdict, a flag's new status). Its payload holds the
//! record as of that revision (its snapshot), so it is the same whenever it is sent.

use std::str::FromStr;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::db::DbConn;
use crate::domain::webhook::PayloadFormat;
use crate::store::changes::{Change, Position};
use crate::store::engine;
use crate::store::import_batches::ImportBatch;
use crate::store::ledger::{self, Action, RecordKind};
use crate::store::webhooks::WebhookSnapshot;
use crate::store::{StoreError, StoreResult};

/// One event, before it is shaped for a subscription.
#[derive(Debug, Clone)]
pub struct Event {
    pub event_type: &'static str,
    pub position: Position,
    pub kind: RecordKind,
    pub record_id: String,
    pub revision: i64,
    pub action: Action,
    pub author: Option<String>,
    pub at: NaiveDateTime,
    pub record: Value,
    /// What the filters look at (claims and contradiction flags).
    subject_id: Option<String>,
    property: Option<String>,
    tags: Vec<String>,
}

/// The event type of a revision; None for revisions that send none (accounts).
pub fn event_type(kind: RecordKind, action: Action, record: &Value) -> Option<&'static str> {
    use Action as A;
    use RecordKind as K;
    let common = |prefix: &str| -> Option<&'static str> {
        let name = match action {
            A::Create => "created",
            A::Update | A::Revert => "updated",
            A::Retract => "retracted",
            A::Restore => "restored",
            A::Verdict | A::Status => return None,
        };
        crate::domain::webhook::EVENT_TYPES
            .iter()
            .map(|(t, _)| *t)
            .find(|t| t.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) == Some(name))
    };
    match (kind, action) {
        (K::Claims, A::Verdict) => Some("claim.verdict_set"),
        (K::Claims, _) => common("claim"),
        (K::Contradictions, A::Create | A::Status) => match record["status"].as_str() {
            Some("open") => Some("contradiction.opened"),
            Some("confirmed") => Some("contradiction.confirmed"),
            Some("dismissed") => Some("contradiction.dismissed"),
            Some("resolved") => Some("contradiction.resolved"),
            _ => None,
        },
        (K::Contradictions, _) => Some("contradiction.updated"),
        (K::Sources, _) => common("source"),
        (K::Entities, _) => common("entity"),
        (K::Properties, _) => common("property"),
        (K::ExternalReviews, _) => common("external_review"),
        (K::Captures, _) => common("capture"),
        (K::Relations, _) => common("relation"),
        (K::Impacts, A::Create) => Some("review.needed"),
        (K::ReviewDecisions, A::Create) => Some("review.cleared"),
        (K::Impacts | K::ReviewDecisions, _) => None,
        (K::Webhooks, A::Status) => Some("webhook.disabled"),
        (K::Webhooks | K::Users, _) => None,
    }
}

/// The event of one change of the feed (None when it sends none).
pub fn from_change(conn: &mut DbConn, change: &Change) -> StoreResult<Option<Event>> {
    let corrupt = |detail: String| StoreError::Corrupt {
        record: format!("{}/{}", change.record_kind, change.record_id),
        detail,
    };
    let kind = RecordKind::from_str(&change.record_kind).map_err(|e| corrupt(e.to_string()))?;
    let action = Action::from_str(&change.action).map_err(|e| corrupt(e.to_string()))?;
    if kind == RecordKind::Users {
        return Ok(None);
    }
    let Some(row) = ledger::find(conn, kind, &change.record_id, change.revision)? else {
        return Ok(None);
    };
    let record: Value = crate::with_record_kind!(kind, |R| {
        let revision = engine::decode::<R>(row)?;
        serde_json::to_value(&revision.snapshot).map_err(|e| corrupt(e.to_string()))?
    });
    let Some(event_type) = event_type(kind, action, &record) else {
        return Ok(None);
    };
    let (subject_id, property, tags) = match kind {
        RecordKind::Claims => (
            record["subject_id"].as_str().map(str::to_owned),
            record["property"].as_str().map(str::to_owned),
            record["tags"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        RecordKind::Contradictions => {
            use crate::schema::contradictions as c;
            let (subject, property) = c::table
                .filter(c::id.eq(&change.record_id))
                .select((c::subject_id, c::property))
                .first::<(Option<String>, Option<String>)>(conn)
                .optional()?
                .unwrap_or_default();
            (subject, property, Vec::new())
        }
        _ => (None, None, Vec::new()),
    };
    // Another subscription's target may itself be a secret: only say why it was disabled.
    let record = match kind {
        RecordKind::Webhooks => json!({ "disabled_reason": record["disabled_reason"] }),
        _ => record,
    };
    Ok(Some(Event {
        event_type,
        position: Position {
            txid: change.txid,
            seq: change.seq,
        },
        kind,
        record_id: change.record_id.clone(),
        revision: change.revision,
        action,
        author: change.author_id.clone(),
        at: change.created_at,
        record,
        subject_id,
        property,
        tags,
    }))
}

impl Event {
    /// Whether `subscription` asked for this event, filters included. A filter applies to the
    /// events of claims (subject, property, tag) and contradiction flags (subject, property);
    /// a subscription with any filter gets no events of other kinds.
    pub fn wanted_by(&self, subscription: &WebhookSnapshot) -> bool {
        if !subscription
            .event_types
            .iter()
            .any(|t| t == self.event_type)
        {
            return false;
        }
        let f = &subscription.filters;
        if f.is_empty() {
            return true;
        }
        let same = |want: &Option<String>, have: &Option<String>| want.is_none() || want == have;
        match self.kind {
            RecordKind::Claims => {
                same(&f.subject_id, &self.subject_id)
                    && same(&f.property, &self.property)
                    && f.tag.as_ref().is_none_or(|t| self.tags.contains(t))
            }
            RecordKind::Contradictions => {
                f.tag.is_none()
                    && same(&f.subject_id, &self.subject_id)
                    && same(&f.property, &self.property)
            }
            _ => false,
        }
    }

    /// The body sent for this event.
    pub fn payload(&self, subscription: &WebhookSnapshot, public_url: Option<&str>) -> String {
        let path = format!(
            "/v1/{}/{}",
            self.kind.as_str().replace('_', "-"),
            self.record_id
        );
        let record = match subscription.include_record {
            true => &self.record,
            false => &Value::Null,
        };
        match subscription.payload_format {
            PayloadFormat::Standard => json!({
                "type": self.event_type,
                "timestamp": self.at.and_utc(),
                "data": {
                    "kind": self.kind,
                    "id": self.record_id,
                    "revision": self.revision,
                    "action": self.action,
                    "author": self.author,
                    "created_at": self.at.and_utc(),
                    "link": path,
                    "record": record,
                },
            })
            .to_string(),
            PayloadFormat::Slack => {
                let link = format!("{}{path}", public_url.unwrap_or(""));
                let what = record["statement"]
                    .as_str()
                    .map(|s| format!(": {}", s.chars().take(200).collect::<String>()))
                    .unwrap_or_default();
                let link = match public_url {
                    Some(_) => format!("<{link}|{} {}>", self.kind, self.record_id),
                    None => link,
                };
                json!({
                    "text": format!("claimledger {} — {link} (revision {}){what}",
                        self.event_type, self.revision),
                })
                .to_string()
            }
        }
    }
}

/// The event of a bulk import, sent after its last revision.
pub const IMPORT_COMPLETED: &str = "import.completed";

/// Whether `subscription` asked for `import.completed`. Filters do not apply: the event is
/// about the whole import, not one claim.
pub fn wants_import_completed(subscription: &WebhookSnapshot) -> bool {
    subscription
        .event_types
        .iter()
        .any(|t| t == IMPORT_COMPLETED)
}

/// The body of an `import.completed` event: the import's id, format, author, time and counts.
pub fn import_completed(
    batch: &ImportBatch,
    subscription: &WebhookSnapshot,
    public_url: Option<&str>,
) -> StoreResult<String> {
    let counts: Value = serde_json::from_str(&batch.counts).map_err(|e| StoreError::Corrupt {
        record: format!("import {}", batch.id),
        detail: format!("its counts are not JSON: {e}"),
    })?;
    Ok(match subscription.payload_format {
        PayloadFormat::Standard => json!({
            "type": IMPORT_COMPLETED,
            "timestamp": batch.created_at.and_utc(),
            "data": {
                "id": batch.id,
                "format": batch.format,
                "author": batch.author_id,
                "created_at": batch.created_at.and_utc(),
                "counts": counts,
            },
        })
        .to_string(),
        PayloadFormat::Slack => {
            let count = |name: &str| counts[name].as_u64().unwrap_or(0);
            json!({
                "text": format!(
                    "claimledger {IMPORT_COMPLETED} — a {} import: {} reviews ({} created, {} \
                     matched, {} updated); see {}/v1/changes",
                    batch.format,
                    count("reviews"),
                    count("created"),
                    count("matched"),
                    count("updated"),
                    public_url.unwrap_or(""),
                ),
            })
            .to_string()
        }
    })
}

/// The body of `POST /v1/webhooks/{id}/test`.
pub fn ping(webhook_id: &str, format: PayloadFormat) -> String {
    let now = chrono::Utc::now();
    match format {
        PayloadFormat::Standard => json!({
            "type": "webhook.ping",
            "timestamp": now,
            "data": { "webhook_id": webhook_id },
        })
        .to_string(),
        PayloadFormat::Slack => {
            json!({ "text": format!("claimledger webhook {webhook_id}: test message") }).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::webhook::WebhookFilters;

    fn event(kind: RecordKind, action: Action, record: Value) -> Event {
        let event_type = event_type(kind, action, &record).unwrap();
        Event {
            event_type,
            position: Position::default(),
            kind,
            record_id: "c1".into(),
            revision: 2,
            action,
            author: Some("u1".into()),
            at: crate::store::now(),
            subject_id: record["subject_id"].as_str().map(str::to_owned),
            property: None,
            tags: vec!["elections".into()],
            record,
        }
    }

    fn subscription(format: PayloadFormat, include_record: bool) -> WebhookSnapshot {
        WebhookSnapshot {
            url: "https://x.org/h".into(),
            event_types: vec!["claim.updated".into()],
            filters: WebhookFilters::default(),
            description: None,
            enabled: true,
            payload_format: format,
            include_record,
            import_events: Default::default(),
            disabled_reason: None,
            retracted: None,
        }
    }

    #[test]
    fn revisions_name_their_events() {
        let open = json!({"status": "open"});
        let confirmed = json!({"status": "confirmed"});
        assert_eq!(
            event_type(RecordKind::Contradictions, Action::Create, &open),
            Some("contradiction.opened")
        );
        assert_eq!(
            event_type(RecordKind::Contradictions, Action::Status, &confirmed),
            Some("contradiction.confirmed")
        );
        assert_eq!(
            event_type(RecordKind::Claims, Action::Verdict, &json!({})),
            Some("claim.verdict_set")
        );
        assert_eq!(
            event_type(RecordKind::Sources, Action::Revert, &json!({})),
            Some("source.updated")
        );
        assert_eq!(
            event_type(RecordKind::Users, Action::Create, &json!({})),
            None
        );
        assert_eq!(
            event_type(RecordKind::Webhooks, Action::Update, &json!({})),
            None
        );
    }

    #[test]
    fn slack_messages_are_text_with_a_link_and_link_only_events_carry_no_record() {
        let e = event(
            RecordKind::Claims,
            Action::Update,
            json!({"statement": "Turnout was 61 percent", "subject_id": "e1"}),
        );
        let slack: Value = serde_json::from_str(&e.payload(
            &subscription(PayloadFormat::Slack, true),
            Some("https://ledger.example.org"),
        ))
        .unwrap();
        let text = slack["text"].as_str().unwrap();
        assert!(text.contains("claim.updated"), "{text}");
        assert!(
            text.contains("<https://ledger.example.org/v1/claims/c1|claims c1>"),
            "{text}"
        );
        assert!(text.contains("Turnout was 61 percent"), "{text}");
        assert_eq!(slack.as_object().unwrap().len(), 1);

        let standard: Value =
            serde_json::from_str(&e.payload(&subscription(PayloadFormat::Standard, false), None))
                .unwrap();
        assert_eq!(standard["type"], "claim.updated");
        assert_eq!(standard["data"]["record"], Value::Null);
        assert_eq!(standard["data"]["link"], "/v1/claims/c1");

        let mut filtered = subscription(PayloadFormat::Standard, true);
        filtered.filters.subject_id = Some("e2".into());
        assert!(!e.wanted_by(&filtered));
        filtered.filters.subject_id = Some("e1".into());
        filtered.filters.tag = Some("elections".into());
        assert!(e.wanted_by(&filtered));
    }
}
