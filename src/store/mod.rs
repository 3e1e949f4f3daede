//! The queries, one module per record kind, on the record engine (`engine`) and the ledger
//! (`ledger`). Writes take a `WriteTx` (they run inside the caller's transaction); no HTTP
//! types here.

pub mod audit;
pub mod captures;
pub mod changes;
pub mod checkpoints;
pub mod claimreview;
pub mod claims;
pub mod contradictions;
pub mod engine;
pub mod entities;
pub mod estimates;
pub mod external_reviews;
pub mod impacts;
pub mod import_batches;
pub mod ledger;
pub mod login_failures;
pub mod properties;
pub mod provenance;
pub mod quote_checks;
pub mod relations;
pub mod review_queue;
pub mod sessions;
pub mod sources;
pub mod users;
pub mod webhooks;

use chrono::{NaiveDateTime, Timelike, Utc};

use crate::db::DbError;
use crate::domain::FieldError;

/// What can go wrong in the store besides the database itself.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller's `If-Match` revision is not the record's current one.
    #[error("stale revision; current is {current_revision}")]
    Stale { current_revision: i64 },
    #[error("{detail}")]
    Conflict {
        code: &'static str,
        detail: String,
        existing_id: Option<String>,
    },
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Stored data this release cannot read: a value that does not parse, a snapshot in an
    /// unknown format. Never replaced by a plausible default.
    #[error("{record} cannot be read: {detail}")]
    Corrupt { record: String, detail: String },
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Unavailable(#[from] DbError),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Who is writing, and why.
#[derive(Debug, Clone)]
pub struct Author {
    pub user_id: String,
    pub edit_summary: Option<String>,
}

impl Author {
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            edit_summary: None,
        }
    }

    pub fn with_summary(mut self, summary: Option<String>) -> Self {
        self.edit_summary = summary;
        self
    }
}

/// Now, in UTC, to the microsecond (what both backends keep).
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

/// A new record id: a UUIDv7, sortable by creation time and not guessable as a counter.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// True when a diesel error is a unique-constraint violation.
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Escapes `%`, `_` and `\` for a LIKE pattern (used with `ESCAPE '\'`).
pub fn like_contains(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
