//! Webhook subscriptions: a record kind (issue 16). Their revisions are in the ledger like
//! every record's, shown to admins only. The signing secret is never part of a snapshot: it is
//! kept in `webhook_secrets` (`secrets`), beside the feed position and the deliveries
//! (`queue`), which are the service's working state, not history.

pub mod queue;
pub mod secrets;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::webhook::{ImportEvents, PayloadFormat, WebhookDoc, WebhookFilters};
use crate::schema::webhooks;
use crate::store::engine::{Editable, Insert, Record, Retraction, Snapshot, Stored};
use crate::store::ledger::RecordKind;
use crate::store::{StoreError, StoreResult};

/// The most subscriptions that may be live (not retracted) at once.
pub const MAX_SUBSCRIPTIONS: i64 = 100;

/// The webhook subscription record kind.
pub struct Webhook;

/// A subscription as each revision keeps it (format 1, since issue 16). No secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookSnapshot {
    pub url: String,
    pub event_types: Vec<String>,
    pub filters: WebhookFilters,
    pub description: Option<String>,
    pub enabled: bool,
    pub payload_format: PayloadFormat,
    pub include_record: bool,
    /// Added after format 1 was written: a snapshot without it reads as `summary`, what every
    /// subscription got before (no import sent a summary then, and none sent each record's
    /// events any differently).
    #[serde(default)]
    pub import_events: ImportEvents,
    /// Why the service disabled it (its endpoint failed for longer than the retry window).
    pub disabled_reason: Option<String>,
    pub retracted: Option<Retraction>,
}

impl Snapshot for WebhookSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(WebhookMeta for webhooks, key id, created_by String);

/// A subscription as its row keeps it: the record's metadata and the columns its snapshot
/// decides.
#[derive(Queryable, Selectable)]
#[diesel(table_name = webhooks)]
struct WebhookRow {
    #[diesel(embed)]
    meta: WebhookMeta,
    #[diesel(embed)]
    columns: WebhookColumns,
}

impl TryFrom<WebhookRow> for Stored<Webhook> {
    type Error = diesel::result::Error;

    fn try_from(WebhookRow { meta, columns: row }: WebhookRow) -> QueryResult<Self> {
        let event_types = serde_json::from_str(&row.event_types)
            .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
        let snapshot = crate::copy_fields!(WebhookSnapshot {
            url, description, enabled, payload_format, include_record, import_events, disabled_reason,
        } from row,
            event_types,
            filters: WebhookFilters {
                subject_id: row.subject_id.clone(),
                tag: row.tag.clone(),
                property: row.property.clone(),
            },
            retracted: Retraction::from_columns(row.retracted_at, row.retracted_reason.clone()),
        );
        Ok(Stored {
            meta: meta.into(),
            snapshot,
        })
    }
}

crate::record_columns! {
    changes WebhookColumnChanges for webhooks;
    /// The columns a snapshot decides (all but the metadata).
    #[derive(Insertable, AsChangeset, Queryable, Selectable)]
    #[diesel(table_name = webhooks, treat_none_as_null = true)]
    struct WebhookColumns {
        url: String,
        event_types: String,
        subject_id: Option<String>,
        tag: Option<String>,
        property: Option<String>,
        description: Option<String>,
        enabled: bool,
        payload_format: PayloadFormat,
        include_record: bool,
        import_events: ImportEvents,
        disabled_reason: Option<String>,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

fn columns(s: &WebhookSnapshot) -> StoreResult<WebhookColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    let event_types = serde_json::to_string(&s.event_types)
        .map_err(|e| StoreError::Db(diesel::result::Error::SerializationError(Box::new(e))))?;
    Ok(crate::copy_fields!(WebhookColumns {
        url, description, enabled, payload_format, include_record, import_events, disabled_reason,
    } from s,
        event_types,
        subject_id: s.filters.subject_id.clone(),
        tag: s.filters.tag.clone(),
        property: s.filters.property.clone(),
        retracted_at,
        retracted_reason,
    ))
}

impl Record for Webhook {
    const KIND: RecordKind = RecordKind::Webhooks;
    const NAME: &'static str = "webhook";
    type Snapshot = WebhookSnapshot;

    fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Self>>> {
        webhooks::table
            .filter(webhooks::id.eq(id))
            .select(WebhookRow::as_select())
            .first(conn)
            .optional()?
            .map(Stored::try_from)
            .transpose()
    }

    crate::record_table!(table: webhooks, key: id, columns: columns);

    /// At most [`MAX_SUBSCRIPTIONS`] live ones: each is a task polling the feed. Counted when
    /// one is created or restored; concurrent ones queue on a lock (PostgreSQL) or the one
    /// writer (SQLite), so the count cannot be passed by a burst.
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&WebhookSnapshot>,
        after: &WebhookSnapshot,
    ) -> StoreResult<()> {
        let becomes_live =
            after.retracted.is_none() && before.is_none_or(|b| b.retracted.is_some());
        if !becomes_live {
            return Ok(());
        }
        tx.lock("webhook-subscriptions")?;
        let live: i64 = webhooks::table
            .filter(webhooks::retracted_at.is_null())
            .filter(webhooks::id.ne(id))
            .count()
            .get_result(tx.conn())?;
        if live >= MAX_SUBSCRIPTIONS {
            return Err(StoreError::Conflict {
                code: "too_many_subscriptions",
                detail: format!(
                    "there are {live} webhook subscriptions already, the most there may be; \
                     delete (retract) one first"
                ),
                existing_id: None,
            });
        }
        Ok(())
    }
}

impl Insert for Webhook {
    crate::record_table!(insert: webhooks, key: id, created_by: String, columns: columns);
}

crate::retractable!(Webhook);

impl Editable for Webhook {
    type Doc = WebhookDoc;

    fn doc(s: &WebhookSnapshot) -> WebhookDoc {
        crate::copy_fields!(WebhookDoc {
            url, event_types, filters, description, enabled, payload_format, include_record,
            import_events,
        } from s)
    }

    fn validate(doc: WebhookDoc) -> Result<WebhookDoc, Vec<FieldError>> {
        doc.validate()
    }

    /// Enabling a subscription again clears the reason it was disabled for.
    fn compose(doc: WebhookDoc, base: Option<&WebhookSnapshot>) -> WebhookSnapshot {
        let disabled_reason = match doc.enabled {
            true => None,
            false => base.and_then(|b| b.disabled_reason.clone()),
        };
        crate::copy_fields!(WebhookSnapshot {
            url, event_types, filters, description, enabled, payload_format, include_record,
            import_events,
        } from doc, disabled_reason, retracted: base.and_then(|b| b.retracted.clone()))
    }
}

/// Subscriptions in id order after the cursor (retracted ones too).
pub fn list(
    conn: &mut DbConn,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Webhook>>> {
    crate::page_query!(webhooks.id, WebhookRow, after, limit)
        .load(conn)?
        .into_iter()
        .map(Stored::try_from)
        .collect()
}

/// The subscriptions that send: enabled and not retracted.
pub fn active(conn: &mut DbConn) -> QueryResult<Vec<Stored<Webhook>>> {
    webhooks::table
        .filter(webhooks::enabled.eq(true))
        .filter(webhooks::retracted_at.is_null())
        .order(webhooks::id)
        .select(WebhookRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Stored::try_from)
        .collect()
}
