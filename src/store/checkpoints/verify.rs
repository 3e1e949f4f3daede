//! Verifying a checkpoint: its signature, then the ledger recomputed as of its position.

use serde::Serialize;
use utoipa::ToSchema;

use super::{
    Checkpoint, CheckpointKey, FORMAT, FeedPosition, Leaf, find, heads_as_of, merkle, public_key,
    revisions_up_to, signing, stored_leaves,
};
use crate::db::DbConn;
use crate::store::engine;
use crate::store::ledger::{self, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult};

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
    /// True when the root recomputed from the chains is the signed one and every live
    /// record is what its head revision says.
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
/// compares its root with the signed one; and checks each record's live row against its
/// head revision (finding 7). The caller checks the signature first.
pub fn verify(
    conn: &mut DbConn,
    ledger: &Ledger,
    checkpoint: &Checkpoint,
    position: FeedPosition,
) -> StoreResult<Verification> {
    let heads = heads_as_of(conn, position)?;
    let mut leaves = Vec::with_capacity(heads.len());
    // The first record whose live row is not what its (current) head revision says.
    let mut live_mismatch = None;
    for row in &heads {
        let head = &row.leaf;
        let hash = match head.record_kind.parse::<RecordKind>() {
            Ok(kind) => {
                let mut rows = ledger::all_for(conn, kind, &head.record_id)?;
                if live_mismatch.is_none() {
                    let mismatch = crate::with_record_kind!(kind, |R| {
                        engine::row_mismatch::<R>(conn, &head.record_id, &rows)
                    });
                    live_mismatch = match mismatch {
                        Ok(Some(detail)) => Some(Difference {
                            kind: head.record_kind.clone(),
                            record_id: head.record_id.clone(),
                            detail,
                        }),
                        Ok(None) | Err(StoreError::NotFound(_)) => None,
                        Err(StoreError::Corrupt { detail, .. }) => Some(Difference {
                            kind: head.record_kind.clone(),
                            record_id: head.record_id.clone(),
                            detail,
                        }),
                        Err(e) => return Err(e),
                    };
                }
                rows.retain(|r| r.revision <= head.revision);
                ledger.recompute_head(&rows)
            }
            Err(_) => String::new(),
        };
        leaves.push(Leaf { hash, ..row.leaf() });
    }
    let revisions = revisions_up_to(conn, position)?;
    let root = merkle::root_of(&leaves);
    let root_holds = root == checkpoint.root;
    let mut verification = Verification {
        valid: root_holds && live_mismatch.is_none(),
        records: leaves.len() as i64,
        revisions,
        root,
        first_difference: None,
        detail: None,
    };
    if verification.valid {
        return Ok(verification);
    }
    if !root_holds {
        let stored = match find(conn, checkpoint.id)? {
            Some(stored) if stored.root == checkpoint.root => stored_leaves(conn, checkpoint.id)?,
            _ => Vec::new(),
        };
        if merkle::root_of(&stored) == checkpoint.root {
            verification.first_difference = first_difference(&stored, &leaves);
        }
    }
    verification.first_difference = verification.first_difference.or(live_mismatch);
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
