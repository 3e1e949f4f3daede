//! Signed checkpoints: a ledger you can prove to someone else.
//!
//! A record's hash chain shows that no revision was changed in the middle, but not that its
//! newest revisions were dropped together with its head being rolled back, nor that a whole
//! record was dropped. A checkpoint closes that gap the way Certificate Transparency's signed
//! tree heads do: it signs (Ed25519, `signing`) the Merkle root (`merkle`) over every record's
//! head as of a position of the changes feed, with the numbers of records and revisions.
//! Whoever keeps a copy can later have the root recomputed from the chains as they are then:
//! any revision up to that position changed, renumbered or dropped, or a record dropped, gives
//! another root.
//!
//! Minting reads without locking anything writers need: the revisions up to a feed position
//! never change once the position is reached (on PostgreSQL the position is below the oldest
//! transaction still running on this database, see [`POSTGRES_HORIZON`] and `store::changes`;
//! on SQLite `seq` grows in commit order), so a
//! plain read of "revisions up to the position" is consistent however many writers commit
//! meanwhile. Only the short insert of the checkpoint is a write.
//!
//! The checkpoints, their public keys and their leaves are append-only tables. The leaves are
//! stored as a delta (a record's head with the first checkpoint that saw it) so that a
//! verification can name the first record that differs.

pub mod merkle;
pub mod signing;
mod verify;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::{Backend, DbConn, WriteTx};
use crate::schema::{checkpoint_heads, checkpoint_keys, checkpoints};
use crate::store::ledger::timestamp_text;
use crate::store::{StoreResult, now};
pub use merkle::Leaf;
pub use signing::{CheckpointKey, FORMAT, Statement};
pub use verify::{Difference, Verification, authenticate, verify};

/// A position of the changes feed: `(txid, seq)` on PostgreSQL, `(0, seq)` on SQLite, ordered
/// as the feed is. Written as the feed's cursor, so it can be passed to `GET /v1/changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct FeedPosition {
    pub txid: i64,
    pub seq: i64,
}

impl FeedPosition {
    pub fn cursor(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}.{}", self.txid, self.seq))
    }

    pub fn parse(cursor: &str) -> Option<Self> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
        let (txid, seq) = text.split_once('.')?;
        Some(Self {
            txid: txid.parse().ok()?,
            seq: seq.parse().ok()?,
        })
    }
}

/// A checkpoint as it is published: everything an auditor needs to check its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Its number, 1 for the first.
    pub id: i64,
    /// `claimledger-checkpoint/1`.
    #[schema(example = "claimledger-checkpoint/1")]
    pub format: String,
    /// When it was taken (UTC, microseconds), exactly as signed.
    #[schema(example = "2026-12-01T09:00:00.000000Z")]
    pub created_at: String,
    /// The changes-feed cursor it was taken at: it covers every revision up to here.
    pub feed_position: String,
    /// How many records (leaves) it covers.
    pub records: i64,
    /// How many revisions it covers.
    pub revisions: i64,
    /// The Merkle root (RFC 6962, SHA-256) over every record's head, hex.
    pub root: String,
    /// The signing key's id: the first 8 bytes of SHA-256 of its public key, hex.
    pub key_id: String,
    /// Ed25519 signature (base64) of the RFC 8785 canonical JSON of every other field but `id`.
    pub signature: String,
}

impl Checkpoint {
    /// What its signature covers.
    pub fn statement(&self) -> Statement<'_> {
        Statement {
            format: &self.format,
            created_at: &self.created_at,
            feed_position: &self.feed_position,
            records: self.records,
            revisions: self.revisions,
            root: &self.root,
            key_id: &self.key_id,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = checkpoints)]
struct CheckpointRow {
    id: i64,
    created_at: NaiveDateTime,
    root: String,
    records: i64,
    revisions: i64,
    feed_txid: i64,
    feed_seq: i64,
    key_id: String,
    signature: String,
}

impl CheckpointRow {
    fn position(&self) -> FeedPosition {
        FeedPosition {
            txid: self.feed_txid,
            seq: self.feed_seq,
        }
    }
}

impl From<CheckpointRow> for Checkpoint {
    fn from(row: CheckpointRow) -> Self {
        Self {
            id: row.id,
            format: FORMAT.into(),
            created_at: timestamp_text(&row.created_at),
            feed_position: row.position().cursor(),
            records: row.records,
            revisions: row.revisions,
            root: row.root,
            key_id: row.key_id,
            signature: row.signature,
        }
    }
}

/// A public key checkpoints were signed with.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = checkpoint_keys)]
pub struct KeyRow {
    pub key_id: String,
    pub public_key: String,
    pub created_at: NaiveDateTime,
}

/// A record's head as of a feed position, with the position of that head revision.
#[derive(Debug, Clone, QueryableByName)]
struct HeadRow {
    #[diesel(embed)]
    leaf: StoredLeaf,
    #[diesel(sql_type = BigInt)]
    txid: i64,
    #[diesel(sql_type = BigInt)]
    seq: i64,
}

impl HeadRow {
    fn leaf(&self) -> Leaf {
        self.leaf.clone().into()
    }
}

/// The ledger as of a feed position: every record's head (sorted as the tree orders leaves)
/// and the number of revisions.
pub struct LedgerState {
    pub position: FeedPosition,
    heads: Vec<HeadRow>,
    pub revisions: i64,
}

impl LedgerState {
    pub fn records(&self) -> i64 {
        self.heads.len() as i64
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// PostgreSQL: the lowest transaction id that may still write revisions to this database —
/// that of the oldest transaction of this database that has one and is still running, else the
/// next one to be assigned. (The changes feed uses the cluster-wide `xmin`, which any long
/// transaction on any database of the server holds back; a checkpoint would then miss writes
/// that have long been committed.) A transaction gets its id at its first write, so one that
/// has none yet will get a higher one. `backend_xid` is 32 bits; it is widened with the epoch
/// of the next id as `pg_current_xact_id()` is. Sessions of other database roles are visible
/// only to a role with `pg_read_all_stats`: the service's own sessions always are.
const POSTGRES_HORIZON: &str = "
    WITH next AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n),
    running AS (
        SELECT ((next.n >> 32) << 32) | a.backend_xid::text::bigint AS x, next.n
        FROM pg_stat_activity a, next
        WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
    )
    SELECT COALESCE(
        (SELECT MIN(CASE WHEN x > n THEN x - 4294967296 ELSE x END) FROM running),
        (SELECT n FROM next)
    ) AS n";

/// The newest feed position whose revisions can no longer change (see the module docs).
fn settled_position(conn: &mut DbConn) -> QueryResult<FeedPosition> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        txid: i64,
        #[diesel(sql_type = BigInt)]
        seq: i64,
    }
    let row: Option<Row> = match conn.backend() {
        Backend::Postgres => {
            let horizon: Count = diesel::sql_query(POSTGRES_HORIZON).get_result(conn)?;
            diesel::sql_query(
                "SELECT txid, seq FROM revisions WHERE txid < $1
                 ORDER BY txid DESC, seq DESC LIMIT 1",
            )
            .bind::<BigInt, _>(horizon.n)
            .get_result(conn)
            .optional()?
        }
        Backend::Sqlite => {
            diesel::sql_query("SELECT 0 AS txid, seq FROM revisions ORDER BY seq DESC LIMIT 1")
                .get_result(conn)
                .optional()?
        }
    };
    Ok(row
        .map(|r| FeedPosition {
            txid: r.txid,
            seq: r.seq,
        })
        .unwrap_or_default())
}

/// `revisions` aliased `r` up to a position: the SQL condition and its binds are the same on
/// both backends ($1 = txid, $2 = seq on PostgreSQL; on SQLite the txid is not bound).
fn up_to(backend: Backend, alias: &str) -> String {
    match backend {
        Backend::Postgres => format!("({alias}.txid, {alias}.seq) <= ($1, $2)"),
        Backend::Sqlite => format!("{alias}.seq <= ?"),
    }
}

/// Every record's head revision up to `position`, sorted by (kind, id) in byte order.
fn heads_as_of(conn: &mut DbConn, position: FeedPosition) -> QueryResult<Vec<HeadRow>> {
    let backend = conn.backend();
    let txid = match backend {
        Backend::Postgres => "r.txid",
        Backend::Sqlite => "0",
    };
    let sql = format!(
        "SELECT r.record_kind, r.record_id, r.revision, r.hash, {txid} AS txid, r.seq
         FROM revisions r
         WHERE {} AND NOT EXISTS (
             SELECT 1 FROM revisions n
             WHERE n.record_kind = r.record_kind AND n.record_id = r.record_id
               AND n.revision > r.revision AND {})",
        up_to(backend, "r"),
        up_to(backend, "n"),
    );
    let mut heads: Vec<HeadRow> = match backend {
        Backend::Postgres => diesel::sql_query(sql)
            .bind::<BigInt, _>(position.txid)
            .bind::<BigInt, _>(position.seq)
            .load(conn)?,
        Backend::Sqlite => diesel::sql_query(sql)
            .bind::<BigInt, _>(position.seq)
            .bind::<BigInt, _>(position.seq)
            .load(conn)?,
    };
    // Sorted here, not in SQL: PostgreSQL's collation need not be byte order.
    heads.sort_by(|a, b| {
        let (a, b) = (&a.leaf, &b.leaf);
        (&a.record_kind, &a.record_id).cmp(&(&b.record_kind, &b.record_id))
    });
    Ok(heads)
}

fn revisions_up_to(conn: &mut DbConn, position: FeedPosition) -> QueryResult<i64> {
    let backend = conn.backend();
    let sql = format!(
        "SELECT COUNT(*) AS n FROM revisions r WHERE {}",
        up_to(backend, "r")
    );
    let count: Count = match backend {
        Backend::Postgres => diesel::sql_query(sql)
            .bind::<BigInt, _>(position.txid)
            .bind::<BigInt, _>(position.seq)
            .get_result(conn)?,
        Backend::Sqlite => diesel::sql_query(sql)
            .bind::<BigInt, _>(position.seq)
            .get_result(conn)?,
    };
    Ok(count.n)
}

/// Reads the ledger as of the newest settled feed position (a read: it blocks no writer).
pub fn read_state(conn: &mut DbConn) -> QueryResult<LedgerState> {
    let position = settled_position(conn)?;
    Ok(LedgerState {
        position,
        heads: heads_as_of(conn, position)?,
        revisions: revisions_up_to(conn, position)?,
    })
}

/// The newest checkpoint.
pub fn latest(conn: &mut DbConn) -> QueryResult<Option<Checkpoint>> {
    Ok(latest_row(conn)?.map(Checkpoint::from))
}

fn latest_row(conn: &mut DbConn) -> QueryResult<Option<CheckpointRow>> {
    checkpoints::table
        .order(checkpoints::id.desc())
        .select(CheckpointRow::as_select())
        .first(conn)
        .optional()
}

/// One checkpoint.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Checkpoint>> {
    checkpoints::table
        .find(id)
        .select(CheckpointRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Checkpoint::from))
}

/// Checkpoints newest first, below `before` (an id) when given.
pub fn list(conn: &mut DbConn, before: Option<i64>, limit: i64) -> QueryResult<Vec<Checkpoint>> {
    let mut query = checkpoints::table
        .order(checkpoints::id.desc())
        .limit(limit)
        .select(CheckpointRow::as_select())
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(checkpoints::id.lt(before));
    }
    Ok(query
        .load(conn)?
        .into_iter()
        .map(Checkpoint::from)
        .collect())
}

/// Every public key checkpoints were signed with, oldest first.
pub fn keys(conn: &mut DbConn) -> QueryResult<Vec<KeyRow>> {
    checkpoint_keys::table
        .order(checkpoint_keys::created_at.asc())
        .select(KeyRow::as_select())
        .load(conn)
}

/// The public key (base64) of a key id, if any checkpoint was signed with it.
pub fn public_key(conn: &mut DbConn, key_id: &str) -> QueryResult<Option<String>> {
    checkpoint_keys::table
        .find(key_id)
        .select(checkpoint_keys::public_key)
        .first(conn)
        .optional()
}

/// A leaf as stored in `checkpoint_heads` (and a record's head in `revisions`).
#[derive(Debug, Clone, QueryableByName)]
struct StoredLeaf {
    #[diesel(sql_type = Text)]
    record_kind: String,
    #[diesel(sql_type = Text)]
    record_id: String,
    #[diesel(sql_type = BigInt)]
    revision: i64,
    #[diesel(sql_type = Text)]
    hash: String,
}

impl From<StoredLeaf> for Leaf {
    fn from(r: StoredLeaf) -> Self {
        Leaf {
            kind: r.record_kind,
            record_id: r.record_id,
            revision: r.revision,
            hash: r.hash,
        }
    }
}

/// The leaves of a stored checkpoint: each record's newest stored head up to it.
const LEAVES: &str = "SELECT h.record_kind, h.record_id, h.revision, h.hash FROM checkpoint_heads h
    WHERE h.checkpoint_id <= {id} AND NOT EXISTS (
        SELECT 1 FROM checkpoint_heads n
        WHERE n.record_kind = h.record_kind AND n.record_id = h.record_id
          AND n.checkpoint_id > h.checkpoint_id AND n.checkpoint_id <= {id})";

/// Every leaf of a stored checkpoint, sorted.
pub fn stored_leaves(conn: &mut DbConn, checkpoint_id: i64) -> QueryResult<Vec<Leaf>> {
    let id = match conn.backend() {
        Backend::Postgres => "$1",
        Backend::Sqlite => "?",
    };
    let rows: Vec<StoredLeaf> = diesel::sql_query(LEAVES.replace("{id}", id))
        .bind::<BigInt, _>(checkpoint_id)
        .bind::<BigInt, _>(checkpoint_id)
        .load(conn)?;
    let mut leaves: Vec<Leaf> = rows.into_iter().map(Leaf::from).collect();
    leaves.sort();
    Ok(leaves)
}

/// Up to `limit` leaves of a stored checkpoint after the leaf `(kind, record_id)`, in tree
/// order (byte order: PostgreSQL compares with the "C" collation).
pub fn stored_leaves_page(
    conn: &mut DbConn,
    checkpoint_id: i64,
    after: Option<(&str, &str)>,
    limit: i64,
) -> QueryResult<Vec<Leaf>> {
    let (kind, record_id) = after.unwrap_or(("", ""));
    let rows: Vec<StoredLeaf> = match conn.backend() {
        Backend::Postgres => diesel::sql_query(format!(
            "{} AND (h.record_kind COLLATE \"C\" > $2
                  OR (h.record_kind = $2 AND h.record_id COLLATE \"C\" > $3))
             ORDER BY h.record_kind COLLATE \"C\", h.record_id COLLATE \"C\" LIMIT $4",
            LEAVES.replace("{id}", "$1")
        ))
        .bind::<BigInt, _>(checkpoint_id)
        .bind::<Text, _>(kind)
        .bind::<Text, _>(record_id)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
        Backend::Sqlite => diesel::sql_query(format!(
            "{} AND (h.record_kind > ? OR (h.record_kind = ? AND h.record_id > ?))
             ORDER BY h.record_kind, h.record_id LIMIT ?",
            LEAVES.replace("{id}", "?")
        ))
        .bind::<BigInt, _>(checkpoint_id)
        .bind::<BigInt, _>(checkpoint_id)
        .bind::<Text, _>(kind)
        .bind::<Text, _>(kind)
        .bind::<Text, _>(record_id)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
    };
    Ok(rows.into_iter().map(Leaf::from).collect())
}

/// What a request to mint found.
pub enum Minted {
    New(Checkpoint),
    /// The newest checkpoint is younger than the minimum interval.
    TooSoon {
        retry_after_secs: u64,
    },
    /// Nothing changed since the newest checkpoint (or a newer one was taken meanwhile).
    Unchanged(Checkpoint),
}

/// Signs and stores a checkpoint of `state` (read just before, see [`read_state`]): refused
/// when the newest checkpoint is younger than `min_interval_secs`; with `only_if_changed`,
/// skipped when the ledger has not moved since it.
pub fn mint(
    tx: &mut WriteTx<'_>,
    key: &CheckpointKey,
    state: &LedgerState,
    min_interval_secs: i64,
    only_if_changed: bool,
) -> StoreResult<Minted> {
    tx.lock("checkpoints")?;
    let previous = latest_row(tx.conn())?;
    let created_at = now();
    if let Some(previous) = &previous {
        let age = (created_at - previous.created_at).num_seconds();
        if age < min_interval_secs {
            return Ok(Minted::TooSoon {
                retry_after_secs: (min_interval_secs - age).max(1) as u64,
            });
        }
        let unchanged = previous.position() == state.position && only_if_changed;
        if unchanged || previous.position() > state.position {
            return Ok(Minted::Unchanged(previous.clone().into()));
        }
    }
    let leaves: Vec<Leaf> = state.heads.iter().map(HeadRow::leaf).collect();
    let mut checkpoint = Checkpoint {
        id: previous.as_ref().map_or(1, |p| p.id + 1),
        format: FORMAT.into(),
        created_at: timestamp_text(&created_at),
        feed_position: state.position.cursor(),
        records: state.records(),
        revisions: state.revisions,
        root: merkle::root_of(&leaves),
        key_id: key.key_id().to_owned(),
        signature: String::new(),
    };
    checkpoint.signature = key.sign(&checkpoint.statement());

    let known_key = public_key(tx.conn(), key.key_id())?.is_some();
    if !known_key {
        diesel::insert_into(checkpoint_keys::table)
            .values((
                checkpoint_keys::key_id.eq(key.key_id()),
                checkpoint_keys::public_key.eq(key.public_key()),
                checkpoint_keys::created_at.eq(created_at),
            ))
            .execute(tx.conn())?;
    }
    diesel::insert_into(checkpoints::table)
        .values(CheckpointRow {
            id: checkpoint.id,
            created_at,
            root: checkpoint.root.clone(),
            records: checkpoint.records,
            revisions: checkpoint.revisions,
            feed_txid: state.position.txid,
            feed_seq: state.position.seq,
            key_id: checkpoint.key_id.clone(),
            signature: checkpoint.signature.clone(),
        })
        .execute(tx.conn())?;
    // The delta: heads written after the previous checkpoint's position.
    let since = previous.as_ref().map(CheckpointRow::position);
    let changed = state.heads.iter().filter(|h| {
        since.is_none_or(|since| {
            FeedPosition {
                txid: h.txid,
                seq: h.seq,
            } > since
        })
    });
    // One row a statement (diesel has no multi-row insert on a connection for either
    // backend); the statement is prepared once.
    for head in changed {
        diesel::insert_into(checkpoint_heads::table)
            .values((
                checkpoint_heads::record_kind.eq(&head.leaf.record_kind),
                checkpoint_heads::record_id.eq(&head.leaf.record_id),
                checkpoint_heads::checkpoint_id.eq(checkpoint.id),
                checkpoint_heads::revision.eq(head.leaf.revision),
                checkpoint_heads::hash.eq(&head.leaf.hash),
            ))
            .execute(tx.conn())?;
    }
    Ok(Minted::New(checkpoint))
}
