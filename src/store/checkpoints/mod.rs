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
//! running transaction, see `store::changes`; on SQLite `seq` grows in commit order), so a
//! plain read of "revisions up to the position" is consistent however many writers commit
//! meanwhile. Only the short insert of the checkpoint is a write.
//!
//! The checkpoints, their public keys and their leaves are append-only tables. The leaves are
//! stored as a delta (a record's head with the first checkpoint that saw it) so that a
//! verification can name the first record that differs.

pub mod merkle;
pub mod signing;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::{Backend, DbConn, WriteTx};
use crate::schema::{checkpoint_heads, checkpoint_keys, checkpoints};
use crate::store::ledger::{self, Ledger, RecordKind, timestamp_text};
use crate::store::{StoreResult, now};
pub use merkle::Leaf;
pub use signing::{CheckpointKey, FORMAT, Statement};

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
    #[diesel(sql_type = Text)]
    record_kind: String,
    #[diesel(sql_type = Text)]
    record_id: String,
    #[diesel(sql_type = BigInt)]
    revision: i64,
    #[diesel(sql_type = Text)]
    hash: String,
    #[diesel(sql_type = BigInt)]
    txid: i64,
    #[diesel(sql_type = BigInt)]
    seq: i64,
}

impl HeadRow {
    fn leaf(&self) -> Leaf {
        Leaf {
            kind: self.record_kind.clone(),
            record_id: self.record_id.clone(),
            revision: self.revision,
            hash: self.hash.clone(),
        }
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
        Backend::Postgres => diesel::sql_query(
            "SELECT txid, seq FROM revisions
             WHERE txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
             ORDER BY txid DESC, seq DESC LIMIT 1",
        )
        .get_result(conn)
        .optional()?,
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
    heads.sort_by(|a, b| (&a.record_kind, &a.record_id).cmp(&(&b.record_kind, &b.record_id)));
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

/// The leaves of a stored checkpoint, sorted: each record's newest stored head up to it.
pub fn stored_leaves(conn: &mut DbConn, checkpoint_id: i64) -> QueryResult<Vec<Leaf>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        record_kind: String,
        #[diesel(sql_type = Text)]
        record_id: String,
        #[diesel(sql_type = BigInt)]
        revision: i64,
        #[diesel(sql_type = Text)]
        hash: String,
    }
    let (a, b) = match conn.backend() {
        Backend::Postgres => ("$1", "$1"),
        Backend::Sqlite => ("?", "?"),
    };
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT h.record_kind, h.record_id, h.revision, h.hash FROM checkpoint_heads h
         WHERE h.checkpoint_id <= {a} AND NOT EXISTS (
             SELECT 1 FROM checkpoint_heads n
             WHERE n.record_kind = h.record_kind AND n.record_id = h.record_id
               AND n.checkpoint_id > h.checkpoint_id AND n.checkpoint_id <= {b})"
    ))
    .bind::<BigInt, _>(checkpoint_id)
    .bind::<BigInt, _>(checkpoint_id)
    .load(conn)?;
    let mut leaves: Vec<Leaf> = rows
        .into_iter()
        .map(|r| Leaf {
            kind: r.record_kind,
            record_id: r.record_id,
            revision: r.revision,
            hash: r.hash,
        })
        .collect();
    leaves.sort();
    Ok(leaves)
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
                checkpoint_heads::record_kind.eq(&head.record_kind),
                checkpoint_heads::record_id.eq(&head.record_id),
                checkpoint_heads::checkpoint_id.eq(checkpoint.id),
                checkpoint_heads::revision.eq(head.revision),
                checkpoint_heads::hash.eq(&head.hash),
            ))
            .execute(tx.conn())?;
    }
    Ok(Minted::New(checkpoint))
}

/// The first record where the ledger now differs from a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Difference {
    /// `claims`, `sources`, …
    pub kind: String,
    pub record_id: String,
    /// What differs.
    pub detail: String,
}

/// The ledger recomputed as of a checkpoint's position, compared with it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    /// True when the root recomputed from the chains is the signed one.
    pub valid: bool,
    /// The records and revisions found up to the checkpoint's position now.
    pub records: i64,
    pub revisions: i64,
    /// The root recomputed now.
    pub root: String,
    /// The first record (in leaf order) that differs, when the checkpoint's leaves are stored
    /// here to compare with.
    pub first_difference: Option<Difference>,
    /// Why it is not valid, in words (`null` when valid).
    pub detail: Option<String>,
}

/// Recomputes every record's chain up to the checkpoint's feed position (each head hash from
/// the revisions' content and the ledger key, never from a stored hash), builds the tree and
/// compares its root with the signed one. The caller checks the signature first.
pub fn verify(
    conn: &mut DbConn,
    ledger: &Ledger,
    checkpoint: &Checkpoint,
    position: FeedPosition,
) -> StoreResult<Verification> {
    let heads = heads_as_of(conn, position)?;
    let mut leaves = Vec::with_capacity(heads.len());
    for head in &heads {
        let hash = match head.record_kind.parse::<RecordKind>() {
            Ok(kind) => {
                let mut rows = ledger::all_for(conn, kind, &head.record_id)?;
                rows.retain(|r| r.revision <= head.revision);
                ledger.recompute_head(&rows)
            }
            Err(_) => String::new(),
        };
        leaves.push(Leaf {
            hash,
            ..head.leaf()
        });
    }
    let revisions = revisions_up_to(conn, position)?;
    let root = merkle::root_of(&leaves);
    let mut verification = Verification {
        valid: root == checkpoint.root,
        records: leaves.len() as i64,
        revisions,
        root,
        first_difference: None,
        detail: None,
    };
    if verification.valid {
        return Ok(verification);
    }
    let stored = match find(conn, checkpoint.id)? {
        Some(stored) if stored.root == checkpoint.root => stored_leaves(conn, checkpoint.id)?,
        _ => Vec::new(),
    };
    if merkle::root_of(&stored) == checkpoint.root {
        verification.first_difference = first_difference(&stored, &leaves);
    }
    verification.detail = Some(match &verification.first_difference {
        Some(d) => format!("{}/{}: {}", d.kind, d.record_id, d.detail),
        None => format!(
            "the ledger up to the checkpoint's position no longer gives its root ({} records \
             and {} revisions now, {} and {} signed); this database does not hold the \
             checkpoint's leaves intact, so the record cannot be named: compare with a copy \
             of GET /v1/ledger/checkpoints/{}/heads",
            verification.records,
            verification.revisions,
            checkpoint.records,
            checkpoint.revisions,
            checkpoint.id
        ),
    });
    Ok(verification)
}

/// The first leaf (in tree order) where two sorted leaf lists differ.
fn first_difference(signed: &[Leaf], now: &[Leaf]) -> Option<Difference> {
    let (mut i, mut j) = (0, 0);
    loop {
        let difference = |leaf: &Leaf, detail: String| Difference {
            kind: leaf.kind.clone(),
            record_id: leaf.record_id.clone(),
            detail,
        };
        match (signed.get(i), now.get(j)) {
            (None, None) => return None,
            (Some(s), n) if n.is_none_or(|n| (&s.kind, &s.record_id) < (&n.kind, &n.record_id)) => {
                return Some(difference(
                    s,
                    format!(
                        "the checkpoint holds it at revision {}; the ledger no longer has the record",
                        s.revision
                    ),
                ));
            }
            (s, Some(n)) if s.is_none_or(|s| (&n.kind, &n.record_id) < (&s.kind, &s.record_id)) => {
                return Some(difference(
                    n,
                    "the ledger has it up to the checkpoint's position; the checkpoint does not"
                        .into(),
                ));
            }
            (Some(s), Some(n)) => {
                if s.revision != n.revision {
                    return Some(difference(
                        s,
                        format!(
                            "the checkpoint holds revision {} as its head; the ledger now has revision {} there",
                            s.revision, n.revision
                        ),
                    ));
                }
                if s.hash != n.hash {
                    return Some(difference(
                        s,
                        format!(
                            "its chain up to revision {} no longer gives the signed head hash: a revision was changed, inserted or dropped",
                            s.revision
                        ),
                    ));
                }
                i += 1;
                j += 1;
            }
            _ => unreachable!("one of the lists has a leaf"),
        }
    }
}

/// Checks that a checkpoint presented for verification is one this ledger signed: its format,
/// its feed position, its key (this instance's, or one a stored checkpoint was signed with)
/// and its signature. Its feed position, or `Invalid` naming the field that is wrong.
pub fn authenticate(
    conn: &mut DbConn,
    key: &CheckpointKey,
    checkpoint: &Checkpoint,
) -> StoreResult<FeedPosition> {
    let invalid = |pointer: &str, message: String| {
        crate::store::StoreError::Invalid(vec![crate::domain::FieldError::new(pointer, message)])
    };
    if checkpoint.format != FORMAT {
        return Err(invalid("/format", format!("must be {FORMAT:?}")));
    }
    let position = FeedPosition::parse(&checkpoint.feed_position).ok_or_else(|| {
        invalid(
            "/feed_position",
            "is not a position of the changes feed".into(),
        )
    })?;
    let public = if checkpoint.key_id == key.key_id() {
        Some(key.public_key())
    } else {
        public_key(conn, &checkpoint.key_id)?
    };
    let public = public.ok_or_else(|| {
        invalid(
            "/key_id",
            "is not a key this ledger signs or has signed checkpoints with".into(),
        )
    })?;
    signing::verify(&public, &checkpoint.statement(), &checkpoint.signature)
        .map_err(|reason| invalid("/signature", reason))?;
    Ok(position)
}
