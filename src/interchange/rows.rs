//! The stored rows the export carries, one struct per table, column for column: what is read
//! is written back unchanged (no value is re-rendered, so every hash still verifies).
//!
//! Enumerations are kept as their stored text: the import writes what the export read, and
//! `claimledger verify` afterwards reads every record through its format.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::schema::{
    capture_blobs, capture_texts, captures, checkpoint_heads, checkpoint_keys, checkpoints,
    citations, claims, contradictions, entities, external_reviews, impacts, properties,
    quote_rechecks, relations, review_decisions, sources, users, webhooks,
};

/// `revisions` with the column only PostgreSQL has: `txid`, the writing transaction, which
/// orders the changes feed and the checkpoints' feed positions there (see `store::changes`).
pub mod pg {
    diesel::table! {
        revisions (seq) {
            seq -> BigInt,
            txid -> BigInt,
            record_kind -> Text,
            record_id -> Text,
            revision -> BigInt,
            action -> Text,
            author_id -> Nullable<Text>,
            created_at -> Timestamp,
            edit_summary -> Nullable<Text>,
            snapshot -> Text,
            snapshot_hash -> Text,
            prev_hash -> Text,
            hash -> Text,
        }
    }
}

/// An account. `password_hash` is `None` in an export made without credentials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: Option<String>,
    pub role: String,
    pub disabled: bool,
    pub password_hash: Option<String>,
    pub revision: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub head_hash: String,
}

/// An account as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: Option<String>,
    pub role: String,
    pub disabled: bool,
    pub password_hash: String,
    pub revision: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub head_hash: String,
}

/// What an account imported without its password hash gets instead: not a PHC string, so no
/// password ever matches it (login answers as for a wrong password).
pub const NO_PASSWORD: &str = "!imported-without-credentials";

impl UserRow {
    pub fn into_line(self, include_credentials: bool) -> User {
        User {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            role: self.role,
            disabled: self.disabled,
            password_hash: include_credentials.then_some(self.password_hash),
            revision: self.revision,
            created_at: self.created_at,
            updated_at: self.updated_at,
            created_by: self.created_by,
            head_hash: self.head_hash,
        }
    }
}

impl From<User> for UserRow {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            disabled: u.disabled,
            password_hash: u.password_hash.unwrap_or_else(|| NO_PASSWORD.to_owned()),
            revision: u.revision,
            created_at: u.created_at,
            updated_at: u.updated_at,
            created_by: u.created_by,
            head_hash: u.head_hash,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = properties, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Property {
    pub key: String,
    pub label: String,
    pub description: Option<String>,
    pub value_type: String,
    pub single_valued: bool,
    pub unit: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
    /// Since issue 18's best-value rules; an older export has none.
    #[serde(default)]
    pub best: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = sources, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub authors: String,
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub reliability: String,
    pub archived_url: Option<String>,
    pub search_text: String,
    pub publisher_key: Option<String>,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
    /// Since issue 17 (what the source derives from, JSON); an older export has none.
    #[serde(default = "empty_list")]
    pub derives_from: String,
}

fn empty_list() -> String {
    "[]".to_owned()
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = entities, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: String,
    pub description: Option<String>,
    pub search_text: String,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = claims, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub statement: String,
    pub statement_key: String,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub value: Option<String>,
    pub value_lower: Option<f64>,
    pub value_upper: Option<f64>,
    pub value_key: Option<String>,
    pub occurred_value: Option<String>,
    pub occurred_precision: Option<String>,
    pub occurred_start: Option<NaiveDateTime>,
    pub occurred_end: Option<NaiveDateTime>,
    pub occurred_sort: NaiveDateTime,
    pub place: Option<String>,
    pub claimed_at: Option<NaiveDateTime>,
    pub claimant_entity_id: Option<String>,
    pub claimant_text: Option<String>,
    pub confidence: f64,
    pub credibility: Option<i32>,
    pub verdict: String,
    pub verdict_note: Option<String>,
    pub search_text: String,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
    /// Since issue 15; an older export has none.
    #[serde(default)]
    pub published_review: Option<String>,
}

/// A citation of a claim (carried inside its claim's line).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = citations, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub id: String,
    pub claim_id: String,
    pub source_id: String,
    pub position: i32,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub url: Option<String>,
    /// Since issue 15; in an older export every citation is `evidence`.
    #[serde(default = "evidence")]
    pub role: String,
    /// Since issue 17; an older export's citations were never checked (the import makes one
    /// without a quote `no_quote`).
    #[serde(default = "no_capture")]
    pub check_status: String,
    #[serde(default)]
    pub check_capture_id: Option<String>,
    #[serde(default)]
    pub check_start: Option<i64>,
    #[serde(default)]
    pub check_end: Option<i64>,
    /// Since issue 17 §2: the entity the source attributes the statement to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// Since issue 17 §3: the capture at whose recheck the quote, found before, was found no
    /// more (a `quote_missing` impact's claims); an older export has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_lost_capture_id: Option<String>,
}

fn no_capture() -> String {
    "no_capture".to_owned()
}

/// A capture's bytes (issue 17; an older export has none), in base64 in the file.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = capture_blobs)]
#[serde(deny_unknown_fields)]
pub struct CaptureBlob {
    pub sha256: String,
    pub size: i64,
    #[serde(with = "base64_bytes")]
    pub content: Vec<u8>,
    pub created_at: NaiveDateTime,
}

/// The text read from a blob in one format.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = capture_texts)]
#[serde(deny_unknown_fields)]
pub struct CaptureText {
    pub sha256: String,
    pub format: String,
    pub text: String,
}

/// A capture of a source (the record).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = captures, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    pub id: String,
    pub source_id: String,
    pub sha256: String,
    pub media_type: String,
    pub retrieved_at: NaiveDateTime,
    pub archive_url: Option<String>,
    pub size: i64,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

/// A quote recheck still to do when the export was made (it resumes after the import).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = quote_rechecks, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct QuoteRecheck {
    pub id: String,
    pub source_id: String,
    pub capture_id: String,
    pub claim_id: Option<String>,
    pub after_id: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Bytes as base64 in JSON.
mod base64_bytes {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

/// Another organisation's review of a claim (issue 15; an older export has none).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = external_reviews, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct ExternalReview {
    pub id: String,
    pub claim_id: String,
    pub url: String,
    pub publisher: String,
    pub publisher_url: Option<String>,
    pub title: Option<String>,
    pub reviewed_at: Option<String>,
    pub textual_rating: Option<String>,
    pub language: Option<String>,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

/// A relation between two claims (issue 18; an older export has none).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = relations, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: String,
    pub kind: String,
    pub from_claim_id: String,
    pub to_claim_id: String,
    pub note: String,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

/// An impact: what needs review after a retraction or correction (issue 17 §3; an older
/// export has none).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = impacts, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub id: String,
    pub reason: String,
    pub target_kind: String,
    pub target_id: String,
    pub trigger_kind: String,
    pub trigger_id: String,
    pub trigger_revision: i64,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
}

/// A reviewer's decision clearing one claim for one impact (issue 17 §3; an older export has
/// none).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = review_decisions, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct ReviewDecision {
    pub id: String,
    pub impact_id: String,
    pub claim_id: String,
    pub note: String,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

/// A webhook subscription (issue 16; an older export has none): the record as its revisions
/// keep it. Its signing secrets, feed position and deliveries are not exported: they are this
/// instance's working state, and a secret leaves the server only once, when it is made. An
/// imported subscription sends nothing until an admin rotates its secret.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = webhooks, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub event_types: String,
    pub subject_id: Option<String>,
    pub tag: Option<String>,
    pub property: Option<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub payload_format: String,
    pub include_record: bool,
    pub disabled_reason: Option<String>,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
    /// Since issue 16's `import.completed`; an older export has none (`summary`).
    #[serde(default = "summary")]
    pub import_events: String,
}

fn summary() -> String {
    "summary".to_owned()
}

fn evidence() -> String {
    "evidence".to_owned()
}

/// Every row struct selects its table's columns, all of them, in the table's order: a column
/// added to `schema.rs` and not here stops the build, instead of an export leaving it out.
#[allow(dead_code)]
fn every_column_is_carried() {
    use diesel::sqlite::Sqlite;
    let _: <UserRow as Selectable<Sqlite>>::SelectExpression = users::all_columns;
    let _: <Property as Selectable<Sqlite>>::SelectExpression = properties::all_columns;
    let _: <Source as Selectable<Sqlite>>::SelectExpression = sources::all_columns;
    let _: <Entity as Selectable<Sqlite>>::SelectExpression = entities::all_columns;
    let _: <Claim as Selectable<Sqlite>>::SelectExpression = claims::all_columns;
    let _: <Citation as Selectable<Sqlite>>::SelectExpression = citations::all_columns;
    let _: <Contradiction as Selectable<Sqlite>>::SelectExpression = contradictions::all_columns;
    let _: <ExternalReview as Selectable<Sqlite>>::SelectExpression = external_reviews::all_columns;
    let _: <Relation as Selectable<Sqlite>>::SelectExpression = relations::all_columns;
    let _: <Webhook as Selectable<Sqlite>>::SelectExpression = webhooks::all_columns;
    let _: <CaptureBlob as Selectable<Sqlite>>::SelectExpression = capture_blobs::all_columns;
    let _: <CaptureText as Selectable<Sqlite>>::SelectExpression = capture_texts::all_columns;
    let _: <Capture as Selectable<Sqlite>>::SelectExpression = captures::all_columns;
    let _: <QuoteRecheck as Selectable<Sqlite>>::SelectExpression = quote_rechecks::all_columns;
    let _: <Impact as Selectable<Sqlite>>::SelectExpression = impacts::all_columns;
    let _: <ReviewDecision as Selectable<Sqlite>>::SelectExpression = review_decisions::all_columns;
    let _: <CheckpointKey as Selectable<Sqlite>>::SelectExpression = checkpoint_keys::all_columns;
    let _: <Checkpoint as Selectable<Sqlite>>::SelectExpression = checkpoints::all_columns;
    let _: <CheckpointHead as Selectable<Sqlite>>::SelectExpression = checkpoint_heads::all_columns;
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = contradictions, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Contradiction {
    pub id: String,
    pub claim_a: String,
    pub claim_b: String,
    pub origin: String,
    pub status: String,
    pub note: Option<String>,
    pub resolution_note: Option<String>,
    pub preferred_claim_id: Option<String>,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub auto_resolved: bool,
}

/// A revision. `txid` is the PostgreSQL transaction that wrote it; 0 from SQLite (whose feed
/// is ordered by `seq` alone) and dropped when imported into SQLite.
#[derive(Debug, Clone, PartialEq, QueryableByName, Insertable, Serialize, Deserialize)]
#[diesel(table_name = pg::revisions, treat_none_as_default_value = false)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub seq: i64,
    pub txid: i64,
    pub record_kind: String,
    pub record_id: String,
    pub revision: i64,
    pub action: String,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub edit_summary: Option<String>,
    pub snapshot: String,
    pub snapshot_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// A revision as SQLite stores it (no `txid`).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::revisions, treat_none_as_default_value = false)]
pub struct SqliteRevision {
    pub seq: i64,
    pub record_kind: String,
    pub record_id: String,
    pub revision: i64,
    pub action: String,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub edit_summary: Option<String>,
    pub snapshot: String,
    pub snapshot_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

impl From<Revision> for SqliteRevision {
    fn from(r: Revision) -> Self {
        Self {
            seq: r.seq,
            record_kind: r.record_kind,
            record_id: r.record_id,
            revision: r.revision,
            action: r.action,
            author_id: r.author_id,
            created_at: r.created_at,
            edit_summary: r.edit_summary,
            snapshot: r.snapshot,
            snapshot_hash: r.snapshot_hash,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = checkpoint_keys)]
#[serde(deny_unknown_fields)]
pub struct CheckpointKey {
    pub key_id: String,
    pub public_key: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = checkpoints)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    pub id: i64,
    pub created_at: NaiveDateTime,
    pub root: String,
    pub records: i64,
    pub revisions: i64,
    pub feed_txid: i64,
    pub feed_seq: i64,
    pub key_id: String,
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = checkpoint_heads)]
#[serde(deny_unknown_fields)]
pub struct CheckpointHead {
    pub record_kind: String,
    pub record_id: String,
    pub checkpoint_id: i64,
    pub revision: i64,
    pub hash: String,
}
