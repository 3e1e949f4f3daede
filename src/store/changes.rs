//! The changes feed: every revision of every record, in an order a poller can follow without
//! ever missing one.
//!
//! A sequence number alone is not enough on PostgreSQL: transactions commit in a different
//! order than they took their numbers, so a lower `seq` can become visible after a higher one
//! and a poller that already moved past it would miss it. Each revision therefore also keeps
//! the id of the transaction that wrote it (`txid`, from `pg_current_xact_id()`), and the feed
//! serves only revisions whose transaction is older than the oldest one still running
//! (`pg_snapshot_xmin(pg_current_snapshot())`): every such transaction has finished, so the
//! set of rows below that horizon can no longer grow. The feed is ordered by `(txid, seq)` and
//! the cursor is the last pair served. Writers are not serialised; a revision shows up as soon
//! as every transaction that began before its own has ended (a long-running transaction on the
//! same database holds the horizon back for as long as it runs).
//!
//! SQLite has one writer at a time, so `seq` is assigned in commit order and is the cursor.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use crate::db::{Backend, DbConn};

#[derive(Debug, Clone, QueryableByName)]
pub struct Change {
    #[diesel(sql_type = BigInt)]
    pub seq: i64,
    #[diesel(sql_type = BigInt)]
    pub txid: i64,
    #[diesel(sql_type = Text)]
    pub record_kind: String,
    #[diesel(sql_type = Text)]
    pub record_id: String,
    #[diesel(sql_type = BigInt)]
    pub revision: i64,
    #[diesel(sql_type = Text)]
    pub action: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub author_id: Option<String>,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
}

/// The position after which a poller continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub txid: i64,
    pub seq: i64,
}

/// Up to `limit` changes after `after`; those of accounts and webhook subscriptions only when
/// `include_users` (for admins).
pub fn after(
    conn: &mut DbConn,
    after: Position,
    limit: i64,
    include_users: bool,
) -> QueryResult<Vec<Change>> {
    let kinds = if include_users {
        ""
    } else {
        " AND record_kind NOT IN ('users', 'webhooks')"
    };
    match conn.backend() {
        Backend::Postgres => diesel::sql_query(format!(
            "SELECT seq, txid, record_kind, record_id, revision, action, author_id, created_at
             FROM revisions
             WHERE (txid, seq) > ($1, $2)
               AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint{kinds}
             ORDER BY txid, seq
             LIMIT $3"
        ))
        .bind::<BigInt, _>(after.txid)
        .bind::<BigInt, _>(after.seq)
        .bind::<BigInt, _>(limit)
        .load(conn),
        Backend::Sqlite => diesel::sql_query(format!(
            "SELECT seq, 0 AS txid, record_kind, record_id, revision, action, author_id, created_at
             FROM revisions
             WHERE seq > ?{kinds}
             ORDER BY seq
             LIMIT ?"
        ))
        .bind::<BigInt, _>(after.seq)
        .bind::<BigInt, _>(limit)
        .load(conn),
    }
}

/// Where a revision stands in the feed (the position just after which it comes is before
/// it): a new webhook subscription starts at its own first revision.
pub fn position_of(
    conn: &mut DbConn,
    kind: &str,
    record_id: &str,
    revision: i64,
) -> QueryResult<Position> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        seq: i64,
        #[diesel(sql_type = BigInt)]
        txid: i64,
    }
    let row: Row = match conn.backend() {
        Backend::Postgres => diesel::sql_query(
            "SELECT seq, txid FROM revisions
             WHERE record_kind = $1 AND record_id = $2 AND revision = $3",
        )
        .bind::<Text, _>(kind)
        .bind::<Text, _>(record_id)
        .bind::<BigInt, _>(revision)
        .get_result(conn)?,
        Backend::Sqlite => diesel::sql_query(
            "SELECT seq, 0 AS txid FROM revisions
             WHERE record_kind = ? AND record_id = ? AND revision = ?",
        )
        .bind::<Text, _>(kind)
        .bind::<Text, _>(record_id)
        .bind::<BigInt, _>(revision)
        .get_result(conn)?,
    };
    Ok(Position {
        txid: row.txid,
        seq: row.seq,
    })
}
