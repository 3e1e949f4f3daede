//! The record engine: what every versioned record kind shares, written once.
//!
//! A record kind implements [`Record`] (its table, its snapshot type, the row ⇄ snapshot
//! mapping, its checks and what follows a write) and gets, generically: create, change with
//! `If-Match` (an edit, a retraction, a verdict, a status, a revert are all a new snapshot),
//! `as_of`, its revisions read through their format, and integrity. The live row is always
//! written in the same statement as its new head hash, and the revision beside it.
//!
//! Adding a record kind: a table (both migration sets and `schema.rs`), a module in `store`
//! with its snapshot type and `impl Record` (the `record_table!` macro writes the SQL every
//! table shares), and its handlers in `api` (`api::records` has the generic ones).

mod integrity;
pub mod snapshot;
mod table;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

pub use integrity::{Finding, Integrity, audit, integrity, row_mismatch};
pub use snapshot::Snapshot;
pub use table::CreatedBy;

use crate::db::{DbConn, WriteTx};
use crate::store::ledger::{self, Action, Ledger, NewRevision, RecordKind, RevisionRow};
use crate::store::{Author, StoreError, StoreResult, is_unique_violation, new_id, now};

/// What every record's row keeps besides its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub id: String,
    /// 1 on create, +1 on every change.
    pub revision: i64,
    /// The hash of the newest revision.
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// `None` for records the service made itself (the shipped properties, the first admin).
    pub created_by: Option<String>,
}

/// A record as stored: its meta and its content (now, or at a past revision).
pub struct Stored<R: Record> {
    pub meta: Meta,
    pub snapshot: R::Snapshot,
}

impl<R: Record> Clone for Stored<R> {
    fn clone(&self) -> Self {
        Self {
            meta: self.meta.clone(),
            snapshot: self.snapshot.clone(),
        }
    }
}

impl<R: Record> std::fmt::Debug for Stored<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(R::NAME)
            .field("meta", &self.meta)
            .field("snapshot", &self.snapshot)
            .finish()
    }
}

/// A versioned record kind.
pub trait Record: Sized + Send + Sync + 'static {
    const KIND: RecordKind;
    /// How messages name one: "source".
    const NAME: &'static str;
    /// What each revision keeps: the record's whole content at that revision.
    type Snapshot: Snapshot;

    /// The record as it is now.
    fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Self>>>;
    /// Writes the row at `meta.revision`, if it is still at `expected_revision` (0 rows
    /// otherwise: someone else changed it first).
    fn update(
        tx: &mut WriteTx<'_>,
        expected_revision: i64,
        meta: &Meta,
        before: &Self::Snapshot,
        snapshot: &Self::Snapshot,
    ) -> StoreResult<usize>;
    fn head_hash(conn: &mut DbConn, id: &str) -> QueryResult<Option<String>>;
    /// Ids in order, after `after` (for `claimledger verify`).
    fn ids(conn: &mut DbConn, after: Option<&str>, limit: i64) -> QueryResult<Vec<String>>;

    /// A snapshot as the live row reads it back, for comparing the two (claims keep their
    /// tags as a set, read in sorted order; revisions written before tags were sorted on the
    /// way in keep them as they were sent).
    fn as_read_back(snapshot: Self::Snapshot) -> Self::Snapshot {
        snapshot
    }

    /// What only the database can check before `after` is written (references, duplicates,
    /// invariants across records). `before` is the record as it was, on a change.
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&Self::Snapshot>,
        after: &Self::Snapshot,
    ) -> StoreResult<()> {
        let _ = (tx, id, before, after);
        Ok(())
    }

    /// What follows a write in the same transaction: rows outside the record's own (a
    /// claim's citations and tags) and other records' reactions (contradiction detection).
    fn after_write(
        tx: &mut WriteTx<'_>,
        ledger: &Ledger,
        before: Option<&Self::Snapshot>,
        after: &Stored<Self>,
        action: Action,
        author: Option<&Author>,
    ) -> StoreResult<()> {
        let _ = (tx, ledger, before, after, action, author);
        Ok(())
    }
}

/// A record kind whose rows the generic [`create`] inserts (all but accounts, whose password
/// hash is not part of any snapshot).
pub trait Insert: Record {
    /// True when ids come from the content (a property's key), so a create can find its id
    /// taken; UUIDv7 ids cannot collide.
    const NATURAL_KEY: bool = false;

    /// The id of a new record: a UUIDv7 unless the kind has a natural key.
    fn new_id(snapshot: &Self::Snapshot) -> String {
        let _ = snapshot;
        new_id()
    }
    fn insert(tx: &mut WriteTx<'_>, meta: &Meta, snapshot: &Self::Snapshot) -> StoreResult<()>;
    /// The error when a record with this key exists already.
    fn already_exists(id: &str) -> StoreError {
        StoreError::Conflict {
            code: "already_exists",
            detail: format!("a {} with id {id:?} exists already", Self::NAME),
            existing_id: Some(id.to_owned()),
        }
    }
}

/// A record kind edited through a request document: the body of its create, the target of
/// its merge patch, what a revert re-validates.
pub trait Editable: Record {
    type Doc: Serialize + serde::de::DeserializeOwned + Send + 'static;
    /// The document part of a snapshot.
    fn doc(snapshot: &Self::Snapshot) -> Self::Doc;
    /// Every rule that needs no database; the cleaned document, or each bad field.
    fn validate(doc: Self::Doc) -> Result<Self::Doc, Vec<crate::domain::FieldError>>;
    /// The snapshot of a valid document. What the document does not hold (a retraction, a
    /// verdict) comes from `base`, the record as it is (None on create).
    fn compose(doc: Self::Doc, base: Option<&Self::Snapshot>) -> Self::Snapshot;
}

/// Who wrote (when anyone did), why, and what the revision did.
pub struct Change<'a> {
    pub action: Action,
    pub author: Option<&'a Author>,
    pub at: NaiveDateTime,
}

impl<'a> Change<'a> {
    pub fn now(action: Action, author: Option<&'a Author>) -> Self {
        Self {
            action,
            author,
            at: now(),
        }
    }
}

/// The record, or `NotFound`; a row that does not decode is `Corrupt`, naming it.
pub fn get<R: Record>(conn: &mut DbConn, id: &str) -> StoreResult<Stored<R>> {
    R::find(conn, id)
        .map_err(|e| corrupt_or_db::<R>(id, e))?
        .ok_or(StoreError::NotFound(R::NAME))
}

/// The record, which must still be at `expected_revision` (the client's `If-Match`).
pub fn get_at<R: Record>(
    conn: &mut DbConn,
    id: &str,
    expected_revision: i64,
) -> StoreResult<Stored<R>> {
    let current = get::<R>(conn, id)?;
    if current.meta.revision != expected_revision {
        return Err(StoreError::Stale {
            current_revision: current.meta.revision,
        });
    }
    Ok(current)
}

/// Writes revision 1 of a new record (its row is the caller's to insert, with the returned
/// meta). [`create`] does both; accounts use this directly.
pub fn first_revision<R: Record>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    id: String,
    snapshot: &R::Snapshot,
    change: &Change<'_>,
) -> StoreResult<Meta> {
    let head = append::<R>(tx, ledger, &id, 1, "", snapshot, change)?;
    Ok(Meta {
        id,
        revision: 1,
        head_hash: head,
        created_at: change.at,
        updated_at: change.at,
        created_by: change.author.map(|a| a.user_id.clone()),
    })
}

/// Creates a record at revision 1.
pub fn create<R: Insert>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    snapshot: R::Snapshot,
    author: Option<&Author>,
) -> StoreResult<Stored<R>> {
    let id = R::new_id(&snapshot);
    R::check(tx, &id, None, &snapshot)?;
    let change = Change::now(Action::Create, author);
    let write = |tx: &mut WriteTx<'_>| -> StoreResult<Meta> {
        let meta = first_revision::<R>(tx, ledger, id.clone(), &snapshot, &change)?;
        R::insert(tx, &meta, &snapshot)?;
        Ok(meta)
    };
    let meta = if R::NATURAL_KEY {
        // A key someone else has taken is a unique violation; in a savepoint, the transaction
        // stays usable to say so.
        match tx.savepoint(write) {
            Err(StoreError::Db(e)) if is_unique_violation(&e) => {
                return Err(R::already_exists(&id));
            }
            other => other?,
        }
    } else {
        write(tx)?
    };
    let stored = Stored { meta, snapshot };
    R::after_write(tx, ledger, None, &stored, Action::Create, author)?;
    Ok(stored)
}

/// Moves a record from `current` to `snapshot` as its next revision. `Stale` when someone
/// changed it since `current` was read (on PostgreSQL the guarded UPDATE re-checks the row
/// after waiting for its lock).
pub fn change<R: Record>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    current: &Stored<R>,
    snapshot: R::Snapshot,
    change: Change<'_>,
) -> StoreResult<Stored<R>> {
    let id = current.meta.id.as_str();
    R::check(tx, id, Some(&current.snapshot), &snapshot)?;
    let revision = current.meta.revision + 1;
    let sealed = seal::<R>(
        ledger,
        id,
        revision,
        &current.meta.head_hash,
        &snapshot,
        &change,
    )?;
    let meta = Meta {
        revision,
        head_hash: sealed.1.hash.clone(),
        updated_at: change.at,
        ..current.meta.clone()
    };
    if R::update(
        tx,
        current.meta.revision,
        &meta,
        &current.snapshot,
        &snapshot,
    )? == 0
    {
        let now = get::<R>(tx.conn(), id)?;
        return Err(StoreError::Stale {
            current_revision: now.meta.revision,
        });
    }
    ledger::append(tx, &sealed.0, &sealed.1)?;
    let stored = Stored { meta, snapshot };
    R::after_write(
        tx,
        ledger,
        Some(&current.snapshot),
        &stored,
        change.action,
        change.author,
    )?;
    Ok(stored)
}

fn seal<'a, R: Record>(
    ledger: &Ledger,
    id: &'a str,
    revision: i64,
    prev_hash: &'a str,
    snapshot: &R::Snapshot,
    change: &'a Change<'a>,
) -> StoreResult<(NewRevision<'a>, ledger::Sealed)> {
    let new = NewRevision {
        kind: R::KIND,
        record_id: id,
        revision,
        action: change.action,
        author_id: change.author.map(|a| a.user_id.as_str()),
        created_at: change.at,
        edit_summary: change.author.and_then(|a| a.edit_summary.as_deref()),
        prev_hash,
    };
    let value = snapshot::encode(snapshot)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let sealed = ledger.seal(&new, &value)?;
    Ok((new, sealed))
}

fn append<R: Record>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    id: &str,
    revision: i64,
    prev_hash: &str,
    snapshot: &R::Snapshot,
    change: &Change<'_>,
) -> StoreResult<String> {
    let (new, sealed) = seal::<R>(ledger, id, revision, prev_hash, snapshot, change)?;
    ledger::append(tx, &new, &sealed)?;
    Ok(sealed.hash)
}

/// A revision with its snapshot read into the current format.
pub struct Revision<R: Record> {
    pub row: RevisionRow,
    pub snapshot: R::Snapshot,
}

/// Reads a stored revision's snapshot through its format; `Corrupt` when it cannot be read.
pub fn decode<R: Record>(row: RevisionRow) -> StoreResult<Revision<R>> {
    match snapshot::decode::<R::Snapshot>(&row.snapshot) {
        Ok(snapshot) => Ok(Revision { row, snapshot }),
        Err(detail) => Err(StoreError::Corrupt {
            record: format!("{}/{} revision {}", R::KIND, row.record_id, row.revision),
            detail,
        }),
    }
}

/// Revision `n` of a record (None when there is no such revision).
pub fn revision<R: Record>(
    conn: &mut DbConn,
    id: &str,
    n: i64,
) -> StoreResult<Option<Revision<R>>> {
    ledger::find(conn, R::KIND, id, n)?
        .map(decode::<R>)
        .transpose()
}

/// A record as it stood at `at` (its last revision written at or before then), or None when
/// it did not exist yet. Its meta is the current row's, at that revision.
pub fn as_of<R: Record>(
    conn: &mut DbConn,
    id: &str,
    at: NaiveDateTime,
) -> StoreResult<Option<Stored<R>>> {
    let current = get::<R>(conn, id)?;
    let Some(row) = ledger::as_of(conn, R::KIND, id, at)? else {
        return Ok(None);
    };
    let Revision { row, snapshot } = decode::<R>(row)?;
    Ok(Some(Stored {
        meta: Meta {
            revision: row.revision,
            head_hash: row.hash,
            updated_at: row.created_at,
            ..current.meta
        },
        snapshot,
    }))
}

/// A deserialisation error while reading a record's row means the stored data is bad.
fn corrupt_or_db<R: Record>(id: &str, error: diesel::result::Error) -> StoreError {
    match error {
        diesel::result::Error::DeserializationError(cause) => {
            // diesel names the field; the cause beneath it says what was wrong with it.
            let mut detail = cause.to_string();
            let mut source = cause.source();
            while let Some(inner) = source {
                detail.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            StoreError::Corrupt {
                record: format!("{}/{id}", R::KIND),
                detail,
            }
        }
        other => StoreError::Db(other),
    }
}

/// A retraction, as records keep it in their snapshots and show it: when, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Retraction {
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

impl Retraction {
    /// The columns a retraction is stored in.
    pub fn columns(retraction: Option<&Retraction>) -> (Option<NaiveDateTime>, Option<String>) {
        match retraction {
            Some(r) => (Some(r.at.naive_utc()), r.reason.clone()),
            None => (None, None),
        }
    }

    /// A retraction read back from its columns.
    pub fn from_columns(at: Option<NaiveDateTime>, reason: Option<String>) -> Option<Retraction> {
        at.map(|at| Retraction {
            at: at.and_utc(),
            reason,
        })
    }
}

/// A record kind that is retracted (with a reason) and restored rather than deleted.
pub trait Retractable: Record {
    fn retraction(snapshot: &Self::Snapshot) -> Option<&Retraction>;
    fn set_retraction(snapshot: &mut Self::Snapshot, retraction: Option<Retraction>);
}

/// Retracts (`reason` given) or restores (`None`) a record at `expected_revision`.
pub fn set_retracted<R: Retractable>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    current: &Stored<R>,
    reason: Option<String>,
    author: &Author,
) -> StoreResult<Stored<R>> {
    let action = match (reason.is_some(), R::retraction(&current.snapshot).is_some()) {
        (true, false) => Action::Retract,
        (false, true) => Action::Restore,
        (true, true) => {
            return Err(StoreError::Conflict {
                code: "already_retracted",
                detail: format!("the {} is already retracted", R::NAME),
                existing_id: None,
            });
        }
        (false, false) => {
            return Err(StoreError::Conflict {
                code: "not_retracted",
                detail: format!("the {} is not retracted", R::NAME),
                existing_id: None,
            });
        }
    };
    let change_ = Change::now(action, Some(author));
    let mut snapshot = current.snapshot.clone();
    R::set_retraction(
        &mut snapshot,
        reason.map(|reason| Retraction {
            at: change_.at.and_utc(),
            reason: Some(reason),
        }),
    );
    change(tx, ledger, current, snapshot, change_)
}

/// Runs `$body` with `$R` bound to the record type of a runtime [`RecordKind`]. A new record
/// kind adds its line to the table: `Variant => module::Record`.
#[macro_export]
macro_rules! with_record_kind {
    ($kind:expr, |$R:ident| $body:expr) => {
        $crate::with_record_kind!(@match $kind, $R, $body;
            Sources => sources::Source,
            Entities => entities::Entity,
            Properties => properties::Property,
            Claims => claims::Claim,
            Contradictions => contradictions::Contradiction,
            Users => users::User,
            ExternalReviews => external_reviews::ExternalReview,
            Webhooks => webhooks::Webhook,
            Captures => captures::Capture,
            Relations => relations::Relation,
            Impacts => impacts::Impact,
            ReviewDecisions => impacts::ReviewDecision,
        )
    };
    (@match $kind:expr, $R:ident, $body:expr; $($variant:ident => $module:ident :: $record:ident),+ $(,)?) => {{
        use $crate::store::ledger::RecordKind as K;
        match $kind {
            $(K::$variant => {
                type $R = $crate::store::$module::$record;
                $body
            })+
        }
    }};
}
