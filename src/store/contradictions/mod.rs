//! Contradiction flags: detected in the same transaction as every write of a structured claim
//! (`detect`), raised by people, moved through their workflow by reviewers — each change a
//! revision.

mod detect;

use std::collections::HashMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

pub use detect::{detect, detect_for, facts_of};

use crate::db::sql::in_list;
use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::contradiction::{FlagStatus, Origin, ordered_pair};
use crate::schema::contradictions;
use crate::store::engine::{self, Change, Record, Snapshot, Stored};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{Author, StoreError, StoreResult, is_unique_violation, new_id};

/// The contradiction-flag record kind.
pub struct Contradiction;

/// A flag as each revision keeps it. Format 2 adds `auto_resolved`, which format 1 (release
/// 0.1.0) expressed as a resolution note beginning with [`AUTO_RESOLVED_V1`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContradictionSnapshot {
    /// The two claims, in id order.
    pub claim_ids: [String; 2],
    pub origin: Origin,
    pub status: FlagStatus,
    pub note: Option<String>,
    pub resolution_note: Option<String>,
    pub preferred_claim_id: Option<String>,
    /// True when the service resolved the flag itself because the conflict went away (it
    /// reopens by itself if the conflict returns; a reviewer's decision never does).
    pub auto_resolved: bool,
}

/// Format 1: release 0.1.0's flag snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContradictionSnapshotV1 {
    claim_ids: [String; 2],
    origin: Origin,
    status: FlagStatus,
    note: Option<String>,
    resolution_note: Option<String>,
    preferred_claim_id: Option<String>,
}

/// How release 0.1.0 marked a flag the service had resolved: by the start of its note.
pub const AUTO_RESOLVED_V1: &str = "Automatically resolved:";

impl Snapshot for ContradictionSnapshot {
    const FORMAT: u32 = 2;

    fn upgrade(format: u32, stored: serde_json::Value) -> Result<Self, String> {
        match format {
            1 => {
                let v1: ContradictionSnapshotV1 =
                    serde_json::from_value(stored).map_err(|e| e.to_string())?;
                let auto_resolved = v1.status == FlagStatus::Resolved
                    && v1
                        .resolution_note
                        .as_deref()
                        .is_some_and(|n| n.starts_with(AUTO_RESOLVED_V1));
                Ok(Self {
                    claim_ids: v1.claim_ids,
                    origin: v1.origin,
                    status: v1.status,
                    note: v1.note,
                    resolution_note: v1.resolution_note,
                    preferred_claim_id: v1.preferred_claim_id,
                    auto_resolved,
                })
            }
            _ => Err(format!("no upgrade from format {format}")),
        }
    }
}

impl ContradictionSnapshot {
    /// The other claim of the pair.
    pub fn other(&self, claim_id: &str) -> &str {
        if self.claim_ids[0] == claim_id {
            &self.claim_ids[1]
        } else {
            &self.claim_ids[0]
        }
    }

    /// Resolved by the service itself (and not decided on by anyone since).
    pub fn is_auto_resolved(&self) -> bool {
        self.status == FlagStatus::Resolved && self.auto_resolved
    }
}

/// A flag with what its row keeps besides its snapshot: the subject and property its two
/// claims share (set when it is raised; never changed).
#[derive(Debug, Clone)]
pub struct Flag {
    pub stored: Stored<Contradiction>,
    pub subject_id: Option<String>,
    pub property: Option<String>,
}

crate::record_meta!(FlagMeta for contradictions, key id, created_by Option<String>);

#[derive(Queryable, Selectable)]
#[diesel(table_name = contradictions)]
struct FlagRow {
    #[diesel(embed)]
    meta: FlagMeta,
    claim_a: String,
    claim_b: String,
    subject_id: Option<String>,
    property: Option<String>,
    #[diesel(embed)]
    columns: FlagColumns,
}

impl From<FlagRow> for Flag {
    fn from(row: FlagRow) -> Self {
        let snapshot = crate::copy_fields!(ContradictionSnapshot {
            origin, status, note, resolution_note, preferred_claim_id, auto_resolved,
        } from row.columns, claim_ids: [row.claim_a, row.claim_b]);
        Flag {
            stored: Stored {
                meta: row.meta.into(),
                snapshot,
            },
            subject_id: row.subject_id,
            property: row.property,
        }
    }
}

crate::record_columns! {
    changes FlagColumnChanges for contradictions;
    /// The columns a change decides (the pair and its subject never change).
    #[derive(Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = contradictions, treat_none_as_null = true)]
    struct FlagColumns {
        origin: Origin,
        status: FlagStatus,
        note: Option<String>,
        resolution_note: Option<String>,
        preferred_claim_id: Option<String>,
        auto_resolved: bool,
    }
}

fn columns(s: &ContradictionSnapshot) -> StoreResult<FlagColumns> {
    Ok(crate::copy_fields!(FlagColumns {
        origin, status, note, resolution_note, preferred_claim_id, auto_resolved,
    } from s))
}

impl Record for Contradiction {
    const KIND: RecordKind = RecordKind::Contradictions;
    const NAME: &'static str = "contradiction";
    type Snapshot = ContradictionSnapshot;

    fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Self>>> {
        Ok(find(conn, id)?.map(|flag| flag.stored))
    }

    crate::record_table!(table: contradictions, key: id, columns: columns);

    /// A preferred claim must be one of the pair.
    fn check(
        _tx: &mut WriteTx<'_>,
        _id: &str,
        _before: Option<&ContradictionSnapshot>,
        after: &ContradictionSnapshot,
    ) -> StoreResult<()> {
        match &after.preferred_claim_id {
            Some(preferred) if !after.claim_ids.contains(preferred) => {
                Err(StoreError::Invalid(vec![FieldError::new(
                    "/preferred_claim_id",
                    "must be one of the flag's two claims",
                )]))
            }
            _ => Ok(()),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Flag>> {
    contradictions::table
        .find(id)
        .select(FlagRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Flag::from))
}

fn find_pair(conn: &mut DbConn, a: &str, b: &str) -> QueryResult<Option<Flag>> {
    let (a, b) = ordered_pair(a, b);
    contradictions::table
        .filter(contradictions::claim_a.eq(a))
        .filter(contradictions::claim_b.eq(b))
        .select(FlagRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Flag::from))
}

/// Raises a flag on a pair of claims (stored in id order; one flag per pair).
fn insert_flag(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    pair: (&str, &str),
    origin: Origin,
    note: Option<String>,
    subject_property: Option<(&str, &str)>,
    author: &Author,
) -> StoreResult<Flag> {
    let (claim_a, claim_b) = ordered_pair(pair.0, pair.1);
    let snapshot = ContradictionSnapshot {
        claim_ids: [claim_a.to_owned(), claim_b.to_owned()],
        origin,
        status: FlagStatus::Open,
        note,
        resolution_note: None,
        preferred_claim_id: None,
        auto_resolved: false,
    };
    let change = Change::now(Action::Create, Some(author));
    let meta = engine::first_revision::<Contradiction>(tx, ledger, new_id(), &snapshot, &change)?;
    diesel::insert_into(contradictions::table)
        .values((
            contradictions::id.eq(&meta.id),
            contradictions::claim_a.eq(claim_a),
            contradictions::claim_b.eq(claim_b),
            columns(&snapshot)?,
            contradictions::subject_id.eq(subject_property.map(|(s, _)| s)),
            contradictions::property.eq(subject_property.map(|(_, p)| p)),
            contradictions::revision.eq(meta.revision),
            contradictions::head_hash.eq(&meta.head_hash),
            contradictions::created_at.eq(meta.created_at),
            contradictions::updated_at.eq(meta.updated_at),
            contradictions::created_by.eq(&meta.created_by),
        ))
        .execute(tx.conn())?;
    Ok(Flag {
        stored: Stored { meta, snapshot },
        subject_id: subject_property.map(|(s, _)| s.to_owned()),
        property: subject_property.map(|(_, p)| p.to_owned()),
    })
}

/// A person flags two claims (unordered; one flag per pair).
pub fn create_manual(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    a: &str,
    b: &str,
    note: Option<String>,
    author: &Author,
) -> StoreResult<Flag> {
    if a == b {
        return Err(StoreError::Invalid(vec![FieldError::new(
            "/claim_ids/1",
            "a claim cannot contradict itself",
        )]));
    }
    let facts = facts_of(tx.conn(), &[a.to_owned(), b.to_owned()])?;
    let mut errors = Vec::new();
    for (i, id) in [a, b].into_iter().enumerate() {
        match facts.get(id) {
            None => errors.push(FieldError::new(
                format!("/claim_ids/{i}"),
                "no claim has this id",
            )),
            Some(f) if f.retracted => errors.push(FieldError::new(
                format!("/claim_ids/{i}"),
                "the claim is retracted and cannot be newly flagged",
            )),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    if let Some(existing) = find_pair(tx.conn(), a, b)? {
        return Err(duplicate(existing.stored.meta.id));
    }
    let shared = |field: fn(&crate::domain::contradiction::ClaimFacts) -> Option<&String>| {
        let first = facts.get(a).and_then(field)?;
        (facts.get(b).and_then(field) == Some(first)).then(|| first.clone())
    };
    let (subject, property) = (
        shared(|f| f.subject_id.as_ref()),
        shared(|f| f.property.as_ref()),
    );
    let subject_property = subject.as_deref().zip(property.as_deref());
    // Two people may flag the same pair at once: the unique index decides (in a savepoint,
    // so the transaction stays usable to name the winner).
    let inserted = tx.savepoint(|tx| {
        insert_flag(
            tx,
            ledger,
            (a, b),
            Origin::Manual,
            note,
            subject_property,
            author,
        )
    });
    match inserted {
        Err(StoreError::Db(e)) if is_unique_violation(&e) => {
            let existing = find_pair(tx.conn(), a, b)?
                .map(|f| f.stored.meta.id)
                .unwrap_or_default();
            Err(duplicate(existing))
        }
        other => other,
    }
}

fn duplicate(existing: String) -> StoreError {
    StoreError::Conflict {
        code: "duplicate_flag",
        detail: format!("these claims are already flagged: contradiction {existing}"),
        existing_id: Some(existing),
    }
}

/// A reviewer's decision (or a revert): the flag moves to `snapshot` as its next revision.
/// Without an edit summary, the revision says the new status.
pub fn decide(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    current: &Flag,
    snapshot: ContradictionSnapshot,
    action: Action,
    author: &Author,
) -> StoreResult<Flag> {
    let summary = author
        .edit_summary
        .clone()
        .unwrap_or_else(|| format!("status: {}", snapshot.status));
    let author = author.clone().with_summary(Some(summary));
    let stored = engine::change(
        tx,
        ledger,
        &current.stored,
        snapshot,
        Change::now(action, Some(&author)),
    )?;
    Ok(Flag {
        stored,
        subject_id: current.subject_id.clone(),
        property: current.property.clone(),
    })
}

#[derive(Debug, Default, Clone)]
pub struct ContradictionFilter {
    pub status: Option<FlagStatus>,
    pub origin: Option<Origin>,
    pub claim_id: Option<String>,
    pub subject_id: Option<String>,
}

/// Flags in id (creation) order after the cursor.
pub fn list(
    conn: &mut DbConn,
    filter: &ContradictionFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Flag>> {
    let mut query = crate::page_query!(contradictions.id, FlagRow, after, limit);
    if let Some(status) = filter.status {
        query = query.filter(contradictions::status.eq(status));
    }
    if let Some(origin) = filter.origin {
        query = query.filter(contradictions::origin.eq(origin));
    }
    if let Some(claim) = &filter.claim_id {
        query = query.filter(
            contradictions::claim_a
                .eq(claim.clone())
                .or(contradictions::claim_b.eq(claim.clone())),
        );
    }
    if let Some(subject) = &filter.subject_id {
        query = query.filter(contradictions::subject_id.eq(subject.clone()));
    }
    Ok(query.load(conn)?.into_iter().map(Flag::from).collect())
}

/// The open flags of each of `claim_ids`, in one query.
pub fn open_for_claims(
    conn: &mut DbConn,
    claim_ids: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let mut by_claim: HashMap<String, Vec<String>> = HashMap::new();
    if claim_ids.is_empty() {
        return Ok(by_claim);
    }
    let rows: Vec<(String, String, String)> = contradictions::table
        .filter(contradictions::status.eq(FlagStatus::Open))
        .filter(
            in_list(contradictions::claim_a, claim_ids)
                .or(in_list(contradictions::claim_b, claim_ids)),
        )
        .order(contradictions::id.asc())
        .select((
            contradictions::id,
            contradictions::claim_a,
            contradictions::claim_b,
        ))
        .load(conn)?;
    for (id, a, b) in rows {
        for claim in [a, b] {
            if claim_ids.contains(&claim) {
                by_claim.entry(claim).or_default().push(id.clone());
            }
        }
    }
    Ok(by_claim)
}
