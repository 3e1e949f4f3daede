//! Captures (issue 17 §1): what a source said when it was retrieved. The bytes are stored once,
//! keyed by their SHA-256 (`capture_blobs`), with the text read from them for each format
//! (`capture_texts`), so that checking a quote never extracts again. A capture is a record of
//! its own, one per capture, never edited: its snapshot names the blob, it never holds it.
//!
//! A source's latest capture, the one quotes are checked against, is the one with the greatest
//! id (ids are time-ordered): an index probe on `captures_source`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::schema::{capture_blobs, capture_texts, captures, sources};
use crate::store::engine::{self, Insert, Record, Snapshot, Stored};
use crate::store::ledger::{Ledger, RecordKind};
use crate::store::{Author, StoreError, StoreResult};

/// The capture record kind.
pub struct Capture;

/// A capture as its revision keeps it (format 1, since issue 17). The bytes are not in it:
/// `sha256` names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureSnapshot {
    pub source_id: String,
    /// The SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    pub media_type: String,
    pub retrieved_at: DateTime<Utc>,
    pub archive_url: Option<String>,
    /// The number of bytes.
    pub size: i64,
}

impl Snapshot for CaptureSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(CaptureMeta for captures, key id, created_by String);

#[derive(Queryable, Selectable)]
#[diesel(table_name = captures)]
struct CaptureRow {
    #[diesel(embed)]
    meta: CaptureMeta,
    source_id: String,
    sha256: String,
    media_type: String,
    retrieved_at: NaiveDateTime,
    archive_url: Option<String>,
    size: i64,
}

impl From<CaptureRow> for Stored<Capture> {
    fn from(row: CaptureRow) -> Self {
        let snapshot = crate::copy_fields!(CaptureSnapshot {
            source_id, sha256, media_type, archive_url, size,
        } from row, retrieved_at: row.retrieved_at.and_utc());
        Stored {
            meta: row.meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes CaptureColumnChanges for captures;
    /// The columns a snapshot decides.
    #[derive(Insertable, AsChangeset)]
    #[diesel(table_name = captures, treat_none_as_null = true)]
    struct CaptureColumns {
        source_id: String,
        sha256: String,
        media_type: String,
        retrieved_at: NaiveDateTime,
        archive_url: Option<String>,
        size: i64,
    }
}

fn columns(s: &CaptureSnapshot) -> StoreResult<CaptureColumns> {
    Ok(crate::copy_fields!(CaptureColumns {
        source_id, sha256, media_type, archive_url, size,
    } from s, retrieved_at: s.retrieved_at.naive_utc()))
}

impl Record for Capture {
    const KIND: RecordKind = RecordKind::Captures;
    const NAME: &'static str = "capture";
    type Snapshot = CaptureSnapshot;

    crate::record_table!(table: captures, key: id, row: CaptureRow, columns: columns);

    /// The source must exist.
    fn check(
        tx: &mut WriteTx<'_>,
        _id: &str,
        before: Option<&CaptureSnapshot>,
        after: &CaptureSnapshot,
    ) -> StoreResult<()> {
        if before.is_some_and(|b| b.source_id == after.source_id) {
            return Ok(());
        }
        let exists: Option<String> = sources::table
            .find(&after.source_id)
            .select(sources::id)
            .first(tx.conn())
            .optional()?;
        if exists.is_none() {
            return Err(StoreError::NotFound("source"));
        }
        Ok(())
    }
}

impl Insert for Capture {
    crate::record_table!(insert: captures, key: id, created_by: String, columns: columns);
}

/// A capture's bytes with the text read from them, ready to store.
pub struct Blob {
    pub sha256: String,
    pub content: Vec<u8>,
    /// `text`, `html` or `pdf` (see `quote_checks::format_key`).
    pub format: &'static str,
    pub text: String,
}

/// The lock a capture of `source_id` takes exclusively and a claim write or a recheck citing
/// it takes shared (PostgreSQL; SQLite has one writer): a claim's check and a new capture are
/// never written past each other.
pub fn source_lock(source_id: &str) -> String {
    format!("capture\x1f{source_id}")
}

/// Stores a capture of a source: its bytes (once per SHA-256) and text, the record, and the
/// recheck of the source's citations, which runs after this is acknowledged (its cost does
/// not grow with the number of citations).
pub fn create(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    snapshot: CaptureSnapshot,
    blob: Blob,
    author: &Author,
) -> StoreResult<Stored<Capture>> {
    tx.lock(&source_lock(&snapshot.source_id))?;
    store_blob(tx, &blob)?;
    let stored = engine::create::<Capture>(tx, ledger, snapshot, Some(author))?;
    crate::store::quote_checks::enqueue(tx, &stored.snapshot.source_id, &stored.meta.id, None)?;
    Ok(stored)
}

/// Inserts the blob and its text unless they are there already.
fn store_blob(tx: &mut WriteTx<'_>, blob: &Blob) -> StoreResult<()> {
    let have: Option<String> = capture_blobs::table
        .find(&blob.sha256)
        .select(capture_blobs::sha256)
        .first(tx.conn())
        .optional()?;
    if have.is_none() {
        diesel::insert_into(capture_blobs::table)
            .values((
                capture_blobs::sha256.eq(&blob.sha256),
                capture_blobs::size.eq(blob.content.len() as i64),
                capture_blobs::content.eq(&blob.content),
                capture_blobs::created_at.eq(Utc::now().naive_utc()),
            ))
            .execute(tx.conn())?;
    }
    let have_text: Option<String> = capture_texts::table
        .find((&blob.sha256, blob.format))
        .select(capture_texts::sha256)
        .first(tx.conn())
        .optional()?;
    if have_text.is_none() {
        diesel::insert_into(capture_texts::table)
            .values((
                capture_texts::sha256.eq(&blob.sha256),
                capture_texts::format.eq(blob.format),
                capture_texts::text.eq(&blob.text),
            ))
            .execute(tx.conn())?;
    }
    Ok(())
}

/// One source's captures in id (creation) order after the cursor.
pub fn list_for_source(
    conn: &mut DbConn,
    source_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Capture>>> {
    let query = crate::page_query!(captures.id, CaptureRow, after, limit)
        .filter(captures::source_id.eq(source_id.to_owned()));
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// A capture's bytes.
pub fn content(conn: &mut DbConn, sha256: &str) -> QueryResult<Option<Vec<u8>>> {
    capture_blobs::table
        .find(sha256)
        .select(capture_blobs::content)
        .first(conn)
        .optional()
}

/// The latest capture of a source: its id, blob and media type (an index probe).
pub fn latest(conn: &mut DbConn, source_id: &str) -> QueryResult<Option<(String, String, String)>> {
    captures::table
        .filter(captures::source_id.eq(source_id))
        .order(captures::id.desc())
        .select((captures::id, captures::sha256, captures::media_type))
        .first(conn)
        .optional()
}

/// The text read from a blob as `format`.
pub fn text(conn: &mut DbConn, sha256: &str, format: &str) -> QueryResult<Option<String>> {
    capture_texts::table
        .find((sha256, format))
        .select(capture_texts::text)
        .first(conn)
        .optional()
}

/// The number of stored blobs (tests: the same bytes twice are stored once).
pub fn blob_count(conn: &mut DbConn) -> QueryResult<i64> {
    capture_blobs::table.count().get_result(conn)
}

/// A field error for a capture request.
pub fn invalid(pointer: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![FieldError::new(pointer, message)])
}
