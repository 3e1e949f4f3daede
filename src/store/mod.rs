//! The queries, one module per record. Each write runs in one transaction; no HTTP types here.

pub mod changes;
pub mod claims;
pub mod contradictions;
pub mod entities;
pub mod history;
pub mod login_failures;
pub mod properties;
pub mod revisions;
pub mod sessions;
pub mod sources;
pub mod users;

use chrono::{NaiveDateTime, Utc};

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
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Now, in UTC, to the microsecond (what both backends keep).
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond_floor()
}

trait MicrosFloor {
    fn with_nanosecond_floor(self) -> Self;
}

impl MicrosFloor for NaiveDateTime {
    fn with_nanosecond_floor(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(self.nanosecond() / 1_000 * 1_000)
            .unwrap_or(self)
    }
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
