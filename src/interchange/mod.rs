//! Bulk export and import of the whole ledger as JSON Lines (issue 15 §3): the way out of an
//! instance, and the way from SQLite to PostgreSQL (or back).
//!
//! The file is one JSON object a line:
//!
//! 1. a header ([`Header`]): the format and its version, the exporting release, the backend,
//!    whether password hashes are included, the number of rows of each kind, and a fingerprint
//!    of the ledger key (an HMAC of a fixed label, never the key) so that an import with
//!    another key is refused before anything is written;
//! 2. the rows, one a line, in an order every foreign key is satisfied in: users, properties,
//!    sources, entities, claims (each with its citations and tags), contradictions, revisions
//!    (by `seq`), checkpoint keys, checkpoints, checkpoint heads;
//! 3. an end line ([`End`]) with the number of rows, so a truncated file is refused.
//!
//! Every stored column is carried as stored (timestamps to the microsecond both backends keep,
//! snapshots byte for byte), so every hash chain and checkpoint verifies after an import.
//!
//! Left out, on purpose: login sessions and tool tokens (`sessions`, `refresh_tokens`: secrets
//! of the instance they were issued by; everyone logs in again and tools get new tokens),
//! `idempotency_keys` (a 24-hour retry window, meaningless elsewhere) and `login_failures` (a
//! throttle's short memory). None of them is part of the ledger or of any hash chain.

pub mod cli;
pub mod export;
pub mod import;
pub mod progress;
pub mod rows;

use serde::{Deserialize, Serialize};

/// What the header's `format` says.
pub const FORMAT: &str = "claimledger-export";
/// The version of the line format this release writes and reads.
pub const VERSION: u32 = 1;

/// The first line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// The claimledger release that wrote the file.
    pub release: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// When the export began (RFC 3339, UTC).
    pub exported_at: String,
    /// HMAC-SHA256 of a fixed label with the ledger key, hex (see `Ledger::fingerprint`).
    pub ledger_key_fingerprint: String,
    /// Whether users carry their password hashes.
    pub credentials: bool,
    /// How many rows of each kind follow.
    pub counts: Counts,
}

/// The number of rows of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub users: u64,
    pub properties: u64,
    pub sources: u64,
    pub entities: u64,
    pub claims: u64,
    pub citations: u64,
    pub claim_tags: u64,
    pub contradictions: u64,
    /// Since issue 15; an older header has none.
    #[serde(default)]
    pub external_reviews: u64,
    /// Since issue 18; an older header has none.
    #[serde(default)]
    pub relations: u64,
    /// Since issue 16; an older header has none.
    #[serde(default)]
    pub webhooks: u64,
    /// Since issue 17; an older header has none.
    #[serde(default)]
    pub capture_blobs: u64,
    #[serde(default)]
    pub capture_texts: u64,
    #[serde(default)]
    pub captures: u64,
    #[serde(default)]
    pub quote_rechecks: u64,
    /// Since issue 17 §3; an older header has none.
    #[serde(default)]
    pub impacts: u64,
    #[serde(default)]
    pub review_decisions: u64,
    pub revisions: u64,
    pub checkpoint_keys: u64,
    pub checkpoints: u64,
    pub checkpoint_heads: u64,
}

impl Counts {
    /// The number of row lines (citations and tags ride in their claim's line).
    pub fn lines(&self) -> u64 {
        self.users
            + self.properties
            + self.sources
            + self.entities
            + self.claims
            + self.contradictions
            + self.external_reviews
            + self.relations
            + self.webhooks
            + self.capture_blobs
            + self.capture_texts
            + self.captures
            + self.quote_rechecks
            + self.impacts
            + self.review_decisions
            + self.revisions
            + self.checkpoint_keys
            + self.checkpoints
            + self.checkpoint_heads
    }
}

/// A claim with its citations and tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimLine {
    pub record: rows::Claim,
    pub citations: Vec<rows::Citation>,
    pub tags: Vec<String>,
}

/// The last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct End {
    /// The number of row lines between the header and this line.
    pub lines: u64,
}

/// One line of the file: `{"<kind>": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Line {
    User(rows::User),
    Property(rows::Property),
    Source(rows::Source),
    Entity(rows::Entity),
    Claim(Box<ClaimLine>),
    Contradiction(rows::Contradiction),
    ExternalReview(rows::ExternalReview),
    Relation(rows::Relation),
    Webhook(rows::Webhook),
    CaptureBlob(rows::CaptureBlob),
    CaptureText(rows::CaptureText),
    Capture(rows::Capture),
    QuoteRecheck(rows::QuoteRecheck),
    Impact(rows::Impact),
    ReviewDecision(rows::ReviewDecision),
    Revision(rows::Revision),
    CheckpointKey(rows::CheckpointKey),
    Checkpoint(rows::Checkpoint),
    CheckpointHead(rows::CheckpointHead),
    End(End),
}

impl Line {
    /// Its place in the file's order: a line may not follow one of a higher rank.
    pub fn rank(&self) -> u8 {
        match self {
            Line::User(_) => 0,
            Line::Property(_) => 1,
            Line::Source(_) => 2,
            Line::Entity(_) => 3,
            Line::Claim(_) => 4,
            Line::Contradiction(_) => 5,
            Line::ExternalReview(_) => 6,
            Line::Relation(_) => 7,
            Line::Webhook(_) => 8,
            Line::CaptureBlob(_) => 9,
            Line::CaptureText(_) => 10,
            Line::Capture(_) => 11,
            Line::QuoteRecheck(_) => 12,
            Line::Impact(_) => 13,
            Line::ReviewDecision(_) => 14,
            Line::Revision(_) => 15,
            Line::CheckpointKey(_) => 16,
            Line::Checkpoint(_) => 17,
            Line::CheckpointHead(_) => 18,
            Line::End(_) => 19,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Line::User(_) => "user",
            Line::Property(_) => "property",
            Line::Source(_) => "source",
            Line::Entity(_) => "entity",
            Line::Claim(_) => "claim",
            Line::Contradiction(_) => "contradiction",
            Line::ExternalReview(_) => "external_review",
            Line::Relation(_) => "relation",
            Line::Webhook(_) => "webhook",
            Line::CaptureBlob(_) => "capture_blob",
            Line::CaptureText(_) => "capture_text",
            Line::Capture(_) => "capture",
            Line::QuoteRecheck(_) => "quote_recheck",
            Line::Impact(_) => "impact",
            Line::ReviewDecision(_) => "review_decision",
            Line::Revision(_) => "revision",
            Line::CheckpointKey(_) => "checkpoint_key",
            Line::Checkpoint(_) => "checkpoint",
            Line::CheckpointHead(_) => "checkpoint_head",
            Line::End(_) => "end",
        }
    }
}
