//! What every versioned record's write path shares: the next revision's number and hash,
//! written beside the change in the same transaction.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use serde::Serialize;

use crate::db::DbConn;
use crate::store::revisions::{Action, Ledger, NewRevision, RecordKind};
use crate::store::{StoreError, StoreResult};

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

/// Appends the revision that follows `revision`/`head_hash`; returns the new head hash.
#[allow(clippy::too_many_arguments)]
pub fn record_revision(
    conn: &mut DbConn,
    ledger: &Ledger,
    kind: RecordKind,
    record_id: &str,
    revision: i64,
    prev_hash: &str,
    action: Action,
    author: Option<&Author>,
    at: NaiveDateTime,
    snapshot: &impl Serialize,
) -> QueryResult<String> {
    ledger.append(
        conn,
        NewRevision {
            kind,
            record_id,
            revision,
            action,
            author_id: author.map(|a| a.user_id.as_str()),
            created_at: at,
            edit_summary: author.and_then(|a| a.edit_summary.as_deref()),
            prev_hash,
        },
        snapshot,
    )
}

/// A snapshot: the record's document plus its state fields (retraction, verdict, …).
pub fn snapshot(doc: &impl Serialize, state: &[(&str, serde_json::Value)]) -> serde_json::Value {
    let mut value = serde_json::to_value(doc).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut value {
        for (key, field) in state {
            map.insert((*key).to_owned(), field.clone());
        }
    }
    value
}

/// The retraction state as it appears in snapshots and responses.
pub fn retraction_json(at: Option<NaiveDateTime>, reason: Option<&str>) -> serde_json::Value {
    match at {
        Some(at) => serde_json::json!({"at": at.and_utc(), "reason": reason}),
        None => serde_json::Value::Null,
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern (used with `ESCAPE '\'`).
pub fn like_contains(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A record kind that keeps a hash-chained history.
pub trait Versioned: Sized {
    const KIND: RecordKind;
    const NAME: &'static str;

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>>;
    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize>;
    fn revision(&self) -> i64;
    fn head_hash(&self) -> &str;
    /// Sets the head hash on the loaded row (after `store_head` wrote it), sparing a re-read.
    fn set_head_hash(&mut self, head_hash: String);
    fn snapshot(&self) -> serde_json::Value;
}

/// Loads a record or answers "not found".
pub fn get<T: Versioned>(conn: &mut DbConn, id: &str) -> StoreResult<T> {
    T::load(conn, id)?.ok_or(StoreError::NotFound(T::NAME))
}

/// Loads a record that must still be at `expected_revision` (the client's If-Match).
pub fn get_at<T: Versioned>(conn: &mut DbConn, id: &str, expected_revision: i64) -> StoreResult<T> {
    let current: T = get(conn, id)?;
    if current.revision() != expected_revision {
        return Err(StoreError::Stale {
            current_revision: current.revision(),
        });
    }
    Ok(current)
}

/// After a record's row was inserted at revision 1: writes its first revision.
pub fn finish_create<T: Versioned>(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    author: Option<&Author>,
    at: NaiveDateTime,
) -> StoreResult<T> {
    let mut row: T = get(conn, id)?;
    let head = record_revision(
        conn,
        ledger,
        T::KIND,
        id,
        1,
        "",
        Action::Create,
        author,
        at,
        &row.snapshot(),
    )?;
    T::store_head(conn, id, &head)?;
    row.set_head_hash(head);
    Ok(row)
}

/// After an UPDATE guarded by `revision = expected` changed `updated` rows: writes the
/// revision that follows `before`. Zero rows means a concurrent writer got there first (on
/// PostgreSQL the guard re-checks the row after waiting for its lock).
#[allow(clippy::too_many_arguments)]
pub fn finish_change<T: Versioned>(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    before: &T,
    updated: usize,
    action: Action,
    author: Option<&Author>,
    at: NaiveDateTime,
) -> StoreResult<T> {
    let mut after: T = get(conn, id)?;
    if updated == 0 {
        return Err(StoreError::Stale {
            current_revision: after.revision(),
        });
    }
    let head = record_revision(
        conn,
        ledger,
        T::KIND,
        id,
        after.revision(),
        before.head_hash(),
        action,
        author,
        at,
        &after.snapshot(),
    )?;
    T::store_head(conn, id, &head)?;
    after.set_head_hash(head);
    Ok(after)
}
