//! The ledger: every change of every record is appended here, in the same transaction as the
//! change, as a full snapshot. Each revision is chained to the one before it:
//!
//! `hash = HMAC-SHA256(ledger key, prev_hash ‖ SHA-256(snapshot bytes) ‖ metadata)`
//!
//! with the snapshot stored as canonical JSON (RFC 8785) and hashed as stored. Someone who can
//! write to the database but lacks the key (it is kept outside the database) cannot change,
//! insert or drop a revision without `verify` noticing: the record's own row keeps the head
//! hash. Chaining the snapshot's digest, not its bytes, lets a snapshot be redacted later while
//! the chain still verifies. Stored revisions are never rewritten: what a snapshot means is
//! read through its format (`store::engine::snapshot`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::Secret;
use crate::db::{DbConn, WriteTx};
use crate::schema::revisions;

crate::stored_enum! {
    /// The kinds of record that keep a history. The names are the URL segments.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum RecordKind {
        Sources,
        Entities,
        Properties,
        Claims,
        Contradictions,
        Users,
        ExternalReviews,
        Webhooks,
        Captures,
        Relations,
        Impacts,
        ReviewDecisions,
    }
}

crate::stored_enum! {
    /// What a revision did.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum Action {
        Create,
        Update,
        Retract,
        Restore,
        Revert,
        Verdict,
        Status,
    }
}

/// The key of the hash chain.
pub struct Ledger {
    key: Secret,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = revisions)]
pub struct RevisionRow {
    pub seq: i64,
    pub record_kind: RecordKind,
    pub record_id: String,
    pub revision: i64,
    pub action: Action,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub edit_summary: Option<String>,
    pub snapshot: String,
    pub snapshot_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// One change about to be appended.
pub struct NewRevision<'a> {
    pub kind: RecordKind,
    pub record_id: &'a str,
    pub revision: i64,
    pub action: Action,
    pub author_id: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub edit_summary: Option<&'a str>,
    pub prev_hash: &'a str,
}

/// A revision ready to be stored: its snapshot as canonical JSON, and its hashes.
pub struct Sealed {
    snapshot: String,
    snapshot_hash: String,
    /// The record's new head hash.
    pub hash: String,
}

/// The metadata bound into each hash, as canonical JSON so no field can bleed into another.
#[derive(Serialize)]
struct Metadata<'a> {
    kind: &'a str,
    record_id: &'a str,
    revision: i64,
    action: &'a str,
    author_id: Option<&'a str>,
    created_at: String,
    edit_summary: Option<&'a str>,
}

pub fn timestamp_text(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl Ledger {
    pub fn new(key: Secret) -> Self {
        Self { key }
    }

    /// A public name for the key: HMAC-SHA256 of a fixed label with it, hex. An export carries
    /// it so that an import with another key is refused before anything is written; it
    /// reveals nothing of the key.
    pub fn fingerprint(&self) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.expose())
            .expect("HMAC takes any key length");
        mac.update(b"claimledger ledger-key fingerprint/1");
        hex::encode(mac.finalize().into_bytes())
    }

    fn chain_hash(&self, prev_hash: &str, snapshot_hash: &str, metadata: &Metadata<'_>) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.expose())
            .expect("HMAC takes any key length");
        mac.update(prev_hash.as_bytes());
        mac.update(b"\n");
        mac.update(snapshot_hash.as_bytes());
        mac.update(b"\n");
        mac.update(&serde_json_canonicalizer::to_vec(metadata).expect("metadata serialises"));
        hex::encode(mac.finalize().into_bytes())
    }

    /// Canonicalises a snapshot and computes the revision's hash, before anything is written
    /// (so the record's row can be written with its new head hash in one statement).
    pub fn seal(&self, new: &NewRevision<'_>, snapshot: &serde_json::Value) -> QueryResult<Sealed> {
        let snapshot = serde_json_canonicalizer::to_string(snapshot)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
        let snapshot_hash = hex::encode(Sha256::digest(snapshot.as_bytes()));
        let metadata = Metadata {
            kind: new.kind.as_str(),
            record_id: new.record_id,
            revision: new.revision,
            action: new.action.as_str(),
            author_id: new.author_id,
            created_at: timestamp_text(&new.created_at),
            edit_summary: new.edit_summary,
        };
        let hash = self.chain_hash(new.prev_hash, &snapshot_hash, &metadata);
        Ok(Sealed {
            snapshot,
            snapshot_hash,
            hash,
        })
    }

    /// The head hash of a chain recomputed from its revisions' content alone (each hash from
    /// the recomputed one before it, never from a stored hash): any revision changed,
    /// renumbered, inserted or dropped gives a different head.
    pub fn recompute_head(&self, rows: &[RevisionRow]) -> String {
        rows.iter().fold(String::new(), |prev, row| {
            let snapshot_hash = hex::encode(Sha256::digest(row.snapshot.as_bytes()));
            self.chain_hash(&prev, &snapshot_hash, &metadata_of(row))
        })
    }

    /// Recomputes a record's chain. Returns the number of revisions and the first bad one.
    pub fn verify(&self, rows: &[RevisionRow], head_hash: &str) -> (usize, Option<i64>) {
        let mut prev = String::new();
        for (i, row) in rows.iter().enumerate() {
            let expected_number = i as i64 + 1;
            let snapshot_hash = hex::encode(Sha256::digest(row.snapshot.as_bytes()));
            let metadata = metadata_of(row);
            let intact = row.revision == expected_number
                && row.prev_hash == prev
                && row.snapshot_hash == snapshot_hash
                && row.hash == self.chain_hash(&prev, &snapshot_hash, &metadata);
            if !intact {
                return (rows.len(), Some(expected_number.min(row.revision)));
            }
            prev = row.hash.clone();
        }
        if prev != head_hash {
            // The tail was dropped (or a row appended behind the API's back).
            return (rows.len(), Some(rows.len() as i64 + 1));
        }
        (rows.len(), None)
    }
}

/// The metadata a stored revision's hash binds.
fn metadata_of(row: &RevisionRow) -> Metadata<'_> {
    Metadata {
        kind: row.record_kind.as_str(),
        record_id: &row.record_id,
        revision: row.revision,
        action: row.action.as_str(),
        author_id: row.author_id.as_deref(),
        created_at: timestamp_text(&row.created_at),
        edit_summary: row.edit_summary.as_deref(),
    }
}

/// Appends a sealed revision.
pub fn append(tx: &mut WriteTx<'_>, new: &NewRevision<'_>, sealed: &Sealed) -> QueryResult<()> {
    diesel::insert_into(revisions::table)
        .values((
            revisions::record_kind.eq(new.kind),
            revisions::record_id.eq(new.record_id),
            revisions::revision.eq(new.revision),
            revisions::action.eq(new.action),
            revisions::author_id.eq(new.author_id),
            revisions::created_at.eq(new.created_at),
            revisions::edit_summary.eq(new.edit_summary),
            revisions::snapshot.eq(&sealed.snapshot),
            revisions::snapshot_hash.eq(&sealed.snapshot_hash),
            revisions::prev_hash.eq(new.prev_hash),
            revisions::hash.eq(&sealed.hash),
        ))
        .execute(tx.conn())?;
    Ok(())
}

type Revisions<'a> = revisions::BoxedQuery<'a, <DbConn as Connection>::Backend>;

/// The revisions of one record, as a query to narrow and order.
fn of_record(kind: RecordKind, record_id: &str) -> Revisions<'_> {
    revisions::table
        .filter(revisions::record_kind.eq(kind))
        .filter(revisions::record_id.eq(record_id))
        .into_boxed()
}

/// A record's revisions, oldest first.
pub fn all_for(
    conn: &mut DbConn,
    kind: RecordKind,
    record_id: &str,
) -> QueryResult<Vec<RevisionRow>> {
    of_record(kind, record_id)
        .order(revisions::revision.asc())
        .select(RevisionRow::as_select())
        .load(conn)
}

/// A record's revisions, newest first, below `before` (a revision number) when given.
pub fn page_for(
    conn: &mut DbConn,
    kind: RecordKind,
    record_id: &str,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<RevisionRow>> {
    let mut query = of_record(kind, record_id)
        .order(revisions::revision.desc())
        .limit(limit)
        .select(RevisionRow::as_select());
    if let Some(before) = before {
        query = query.filter(revisions::revision.lt(before));
    }
    query.load(conn)
}

/// One revision of a record.
pub fn find(
    conn: &mut DbConn,
    kind: RecordKind,
    record_id: &str,
    revision: i64,
) -> QueryResult<Option<RevisionRow>> {
    of_record(kind, record_id)
        .filter(revisions::revision.eq(revision))
        .select(RevisionRow::as_select())
        .first(conn)
        .optional()
}

/// The revision that was current at `at`: the last one written at or before it.
pub fn as_of(
    conn: &mut DbConn,
    kind: RecordKind,
    record_id: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<RevisionRow>> {
    of_record(kind, record_id)
        .filter(revisions::created_at.le(at))
        .order(revisions::revision.desc())
        .select(RevisionRow::as_select())
        .first(conn)
        .optional()
}
