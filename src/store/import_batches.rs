//! Bulk imports as one unit of the changes feed. An import that wrote something records, in
//! its own transaction, the span of revisions it wrote: on PostgreSQL every one of them carries
//! the transaction's id (`txid`), on SQLite (one writer) their `seq`s follow each other. A
//! webhook subscription then sends one `import.completed` event for the import, with its
//! counts, instead of one event per record (`webhooks::worker`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use crate::db::{Backend, DbConn, WriteTx};
use crate::schema::import_batches;
use crate::store::changes::Position;
use crate::store::{StoreResult, new_id, now};

/// One import, as recorded.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = import_batches)]
pub struct ImportBatch {
    pub id: String,
    pub txid: i64,
    pub first_seq: i64,
    pub last_seq: i64,
    /// What was imported: `claimreview`.
    pub format: String,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    /// The import's counts, a JSON object.
    pub counts: String,
}

impl ImportBatch {
    /// Whether the revision at `position` was written by this import.
    pub fn holds(&self, position: Position) -> bool {
        position.txid == self.txid && (self.first_seq..=self.last_seq).contains(&position.seq)
    }

    /// Whether the revision at `position` is the import's last: its event follows it.
    pub fn ends_at(&self, position: Position) -> bool {
        position.txid == self.txid && position.seq == self.last_seq
    }
}

/// Where the feed stood when an import began: on SQLite the last `seq` written (the import's
/// revisions come after it, nothing else is written in between); unused on PostgreSQL, where
/// the transaction's id says which revisions are the import's.
#[derive(Debug, Clone, Copy)]
pub struct Mark(i64);

#[derive(QueryableByName)]
struct Span {
    #[diesel(sql_type = Nullable<BigInt>)]
    first: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    last: Option<i64>,
    #[diesel(sql_type = BigInt)]
    txid: i64,
}

/// Call at the start of an import's transaction, before it writes.
pub fn mark(tx: &mut WriteTx<'_>) -> StoreResult<Mark> {
    if tx.backend() == Backend::Postgres {
        return Ok(Mark(0));
    }
    let span: Span =
        diesel::sql_query("SELECT MAX(seq) AS first, MAX(seq) AS last, 0 AS txid FROM revisions")
            .get_result(tx.conn())?;
    Ok(Mark(span.last.unwrap_or(0)))
}

/// Records the import that wrote the revisions since `mark`, in its own transaction; None
/// when it wrote none (every review matched). An index probe on either backend: the cost does
/// not grow with the size of the ledger.
pub fn record(
    tx: &mut WriteTx<'_>,
    mark: Mark,
    format: &str,
    author_id: Option<&str>,
    counts: &serde_json::Value,
) -> StoreResult<Option<String>> {
    let span: Span = match tx.backend() {
        Backend::Postgres => diesel::sql_query(
            "SELECT MIN(seq) AS first, MAX(seq) AS last,
                    pg_current_xact_id()::text::bigint AS txid
             FROM revisions WHERE txid = pg_current_xact_id()::text::bigint",
        )
        .get_result(tx.conn())?,
        Backend::Sqlite => diesel::sql_query(
            "SELECT MIN(seq) AS first, MAX(seq) AS last, 0 AS txid FROM revisions WHERE seq > ?",
        )
        .bind::<BigInt, _>(mark.0)
        .get_result(tx.conn())?,
    };
    let (Some(first_seq), Some(last_seq)) = (span.first, span.last) else {
        return Ok(None);
    };
    let batch = ImportBatch {
        id: new_id(),
        txid: span.txid,
        first_seq,
        last_seq,
        format: format.to_owned(),
        author_id: author_id.map(str::to_owned),
        created_at: now(),
        counts: counts.to_string(),
    };
    diesel::insert_into(import_batches::table)
        .values(&batch)
        .execute(tx.conn())?;
    Ok(Some(batch.id))
}

/// The import that wrote the revision at `position`, if one did: the batch with the greatest
/// start at or before it (one index probe), when it reaches that far.
pub fn containing(conn: &mut DbConn, position: Position) -> QueryResult<Option<ImportBatch>> {
    Ok(import_batches::table
        .filter(import_batches::txid.eq(position.txid))
        .filter(import_batches::first_seq.le(position.seq))
        .order(import_batches::first_seq.desc())
        .select(ImportBatch::as_select())
        .first(conn)
        .optional()?
        .filter(|batch| batch.holds(position)))
}
