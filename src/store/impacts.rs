//! Impacts and review decisions (issue 17 §3, issue 18 §1): what needs review after a
//! retraction or a correction, and reviewers' decisions about it.
//!
//! An **impact** is one record per triggering change, written in that change's transaction by
//! the trigger's `after_write` (a source retracted or regraded, a claim retracted, a
//! `supersedes` relation made live) or by the quote recheck that found a cited quote missing
//! from a new capture. It names what it is about (`target`: the source or claim whose
//! dependents need review) and the revision that caused it; it never lists the claims it
//! affects, so its write costs the same for a source cited once or 100,000 times. The affected
//! claims are derived when read (`store::review_queue`).
//!
//! A **review decision** clears one (impact, claim) pair, with a note. Both are record kinds
//! on the engine, created once and never edited: their revisions are their history, and carry
//! them into the changes feed (so webhooks can alert on them: `review.needed`,
//! `review.cleared`), the ledger export and the hash chain — which an append-only table of
//! their own would have had to reproduce.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::sql::in_list;
use crate::db::{DbConn, WriteTx};
use crate::domain::relation::RelationKind;
use crate::schema::{citations, impacts, relations, review_decisions, source_derivations};
use crate::store::engine::{self, Insert, Record, Snapshot, Stored};
use crate::store::ledger::{Ledger, RecordKind};
use crate::store::{Author, StoreError, StoreResult, is_unique_violation};

crate::stored_enum! {
    /// Why a claim needs review. An impact records one of the first five; an item of the
    /// review queue reached through what sources derive from shows the `upstream_…` form of
    /// its impact's reason.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum ReviewReason {
        SourceRetracted,
        SourceRegraded,
        QuoteMissing,
        RelatedClaimRetracted,
        RelatedClaimSuperseded,
        UpstreamSourceRetracted,
        UpstreamSourceRegraded,
    }
}

impl ReviewReason {
    /// The reason an item reached through `derives_from` shows.
    pub fn upstream(self) -> Self {
        match self {
            Self::SourceRetracted => Self::UpstreamSourceRetracted,
            Self::SourceRegraded => Self::UpstreamSourceRegraded,
            other => other,
        }
    }

    /// The reason stored on the impact behind items of this reason, and whether the items are
    /// those reached through `derives_from` (Some(true)), directly (Some(false)) or either.
    pub fn stored(self) -> (Self, Option<bool>) {
        match self {
            Self::UpstreamSourceRetracted => (Self::SourceRetracted, Some(true)),
            Self::UpstreamSourceRegraded => (Self::SourceRegraded, Some(true)),
            Self::SourceRetracted | Self::SourceRegraded => (self, Some(false)),
            other => (other, None),
        }
    }
}

crate::stored_enum! {
    /// What an impact is about: a source (its citing claims, and those citing sources that
    /// derive from it) or a claim (the claims that corroborate it or are its duplicates).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum ImpactTarget {
        Source,
        Claim,
    }
}

/// The impact record kind.
pub struct Impact;

/// An impact as its revision keeps it (format 1, since issue 17 §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactSnapshot {
    pub reason: ReviewReason,
    pub target_kind: ImpactTarget,
    pub target_id: String,
    /// The record whose revision caused it: `sources`, `captures`, `claims` or `relations`.
    pub trigger_kind: RecordKind,
    pub trigger_id: String,
    pub trigger_revision: i64,
}

impl Snapshot for ImpactSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(ImpactMeta for impacts, key id, created_by Option<String>);

#[derive(Queryable, Selectable)]
#[diesel(table_name = impacts)]
struct ImpactRow {
    #[diesel(embed)]
    meta: ImpactMeta,
    #[diesel(embed)]
    columns: ImpactColumns,
}

impl From<ImpactRow> for Stored<Impact> {
    fn from(ImpactRow { meta, columns: c }: ImpactRow) -> Self {
        Stored {
            meta: meta.into(),
            snapshot: ImpactSnapshot {
                reason: c.reason,
                target_kind: c.target_kind,
                target_id: c.target_id,
                trigger_kind: c.trigger_kind,
                trigger_id: c.trigger_id,
                trigger_revision: c.trigger_revision,
            },
        }
    }
}

crate::record_columns! {
    changes ImpactColumnChanges for impacts;
    /// The columns a snapshot decides.
    #[derive(Insertable, AsChangeset, Queryable, Selectable)]
    #[diesel(table_name = impacts, treat_none_as_null = true)]
    struct ImpactColumns {
        reason: ReviewReason,
        target_kind: ImpactTarget,
        target_id: String,
        trigger_kind: RecordKind,
        trigger_id: String,
        trigger_revision: i64,
    }
}

fn impact_columns(s: &ImpactSnapshot) -> StoreResult<ImpactColumns> {
    Ok(ImpactColumns {
        reason: s.reason,
        target_kind: s.target_kind,
        target_id: s.target_id.clone(),
        trigger_kind: s.trigger_kind,
        trigger_id: s.trigger_id.clone(),
        trigger_revision: s.trigger_revision,
    })
}

impl Record for Impact {
    const KIND: RecordKind = RecordKind::Impacts;
    const NAME: &'static str = "impact";
    type Snapshot = ImpactSnapshot;

    crate::record_table!(table: impacts, key: id, row: ImpactRow, columns: impact_columns);
}

impl Insert for Impact {
    crate::record_table!(insert: impacts, key: id, created_by: Option<String>, columns: impact_columns);
}

/// Records an impact, unless its triggering revision has one already (a recheck that runs
/// again). One insert and one revision, whatever the number of dependents.
pub fn record(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    snapshot: ImpactSnapshot,
    author: Option<&Author>,
) -> StoreResult<()> {
    let have: Option<String> = impacts::table
        .filter(impacts::trigger_kind.eq(snapshot.trigger_kind))
        .filter(impacts::trigger_id.eq(&snapshot.trigger_id))
        .filter(impacts::trigger_revision.eq(snapshot.trigger_revision))
        .select(impacts::id)
        .first(tx.conn())
        .optional()?;
    if have.is_none() {
        // Authors of impacts are the triggering write's; the edit summary is not theirs.
        let author = author.map(|a| Author::new(&a.user_id));
        engine::create::<Impact>(tx, ledger, snapshot, author.as_ref())?;
    }
    Ok(())
}

/// The impact of a source's new revision, if it has one: retracted, or its reliability
/// changed while it stays current. Recorded only when something depends on the source (a
/// citation or a source deriving from it: two index probes).
pub fn after_source_write(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    before: Option<&crate::store::sources::SourceSnapshot>,
    after: &Stored<crate::store::sources::Source>,
    author: Option<&Author>,
) -> StoreResult<()> {
    let Some(before) = before else {
        return Ok(());
    };
    let s = &after.snapshot;
    let reason = if before.retracted.is_none() && s.retracted.is_some() {
        ReviewReason::SourceRetracted
    } else if s.retracted.is_none() && before.reliability != s.reliability {
        ReviewReason::SourceRegraded
    } else {
        return Ok(());
    };
    let id = after.meta.id.as_str();
    let cited: Option<String> = citations::table
        .filter(citations::source_id.eq(id))
        .select(citations::claim_id)
        .first(tx.conn())
        .optional()?;
    let derived: Option<String> = if cited.is_none() {
        source_derivations::table
            .filter(source_derivations::derives_from_id.eq(id))
            .select(source_derivations::source_id)
            .first(tx.conn())
            .optional()?
    } else {
        None
    };
    if cited.is_none() && derived.is_none() {
        return Ok(());
    }
    record(
        tx,
        ledger,
        ImpactSnapshot {
            reason,
            target_kind: ImpactTarget::Source,
            target_id: id.to_owned(),
            trigger_kind: RecordKind::Sources,
            trigger_id: id.to_owned(),
            trigger_revision: after.meta.revision,
        },
        author,
    )
}

/// Whether a claim has a live relation that puts others in its review set: a claim that
/// corroborates it (either side) or is its duplicate. Index probes, LIMIT 1 each.
fn has_dependent_relations(conn: &mut DbConn, claim_id: &str) -> QueryResult<bool> {
    let to: Option<String> = relations::table
        .filter(relations::to_claim_id.eq(claim_id))
        .filter(relations::kind.eq_any([RelationKind::Corroborates, RelationKind::DuplicateOf]))
        .filter(relations::retracted_at.is_null())
        .select(relations::id)
        .first(conn)
        .optional()?;
    if to.is_some() {
        return Ok(true);
    }
    let from: Option<String> = relations::table
        .filter(relations::from_claim_id.eq(claim_id))
        .filter(relations::kind.eq(RelationKind::Corroborates))
        .filter(relations::retracted_at.is_null())
        .select(relations::id)
        .first(conn)
        .optional()?;
    Ok(from.is_some())
}

/// The impact of a claim retracted (its corroborating claims and duplicates need review).
pub fn after_claim_retracted(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    claim_id: &str,
    revision: i64,
    author: Option<&Author>,
) -> StoreResult<()> {
    if !has_dependent_relations(tx.conn(), claim_id)? {
        return Ok(());
    }
    record(
        tx,
        ledger,
        ImpactSnapshot {
            reason: ReviewReason::RelatedClaimRetracted,
            target_kind: ImpactTarget::Claim,
            target_id: claim_id.to_owned(),
            trigger_kind: RecordKind::Claims,
            trigger_id: claim_id.to_owned(),
            trigger_revision: revision,
        },
        author,
    )
}

/// The impact of a claim superseded by a `supersedes` relation made live (created or
/// restored).
pub fn after_claim_superseded(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    superseded: &str,
    relation_id: &str,
    revision: i64,
    author: Option<&Author>,
) -> StoreResult<()> {
    if !has_dependent_relations(tx.conn(), superseded)? {
        return Ok(());
    }
    record(
        tx,
        ledger,
        ImpactSnapshot {
            reason: ReviewReason::RelatedClaimSuperseded,
            target_kind: ImpactTarget::Claim,
            target_id: superseded.to_owned(),
            trigger_kind: RecordKind::Relations,
            trigger_id: relation_id.to_owned(),
            trigger_revision: revision,
        },
        author,
    )
}

/// The impact of a capture in which a quote that was found before is found no more (the
/// recheck batch that first sees it records it; later batches of the same capture find it
/// recorded). Its author is the capture's.
pub fn after_quote_lost(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    source_id: &str,
    capture_id: &str,
) -> StoreResult<()> {
    use crate::schema::captures;
    let by: Option<String> = captures::table
        .find(capture_id)
        .select(captures::created_by)
        .first(tx.conn())
        .optional()?;
    let author = by.map(Author::new);
    record(
        tx,
        ledger,
        ImpactSnapshot {
            reason: ReviewReason::QuoteMissing,
            target_kind: ImpactTarget::Source,
            target_id: source_id.to_owned(),
            trigger_kind: RecordKind::Captures,
            trigger_id: capture_id.to_owned(),
            trigger_revision: 1,
        },
        author.as_ref(),
    )
}

/// The review decision record kind.
pub struct ReviewDecision;

/// A decision as its revision keeps it (format 1, since issue 17 §3): the pair it clears, and
/// the reviewer's note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewDecisionSnapshot {
    pub impact_id: String,
    pub claim_id: String,
    pub note: String,
}

impl Snapshot for ReviewDecisionSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(DecisionMeta for review_decisions, key id, created_by String);

#[derive(Queryable, Selectable)]
#[diesel(table_name = review_decisions)]
struct DecisionRow {
    #[diesel(embed)]
    meta: DecisionMeta,
    #[diesel(embed)]
    columns: DecisionColumns,
}

impl From<DecisionRow> for Stored<ReviewDecision> {
    fn from(DecisionRow { meta, columns: c }: DecisionRow) -> Self {
        Stored {
            meta: meta.into(),
            snapshot: ReviewDecisionSnapshot {
                impact_id: c.impact_id,
                claim_id: c.claim_id,
                note: c.note,
            },
        }
    }
}

crate::record_columns! {
    changes DecisionColumnChanges for review_decisions;
    /// The columns a snapshot decides.
    #[derive(Insertable, AsChangeset, Queryable, Selectable)]
    #[diesel(table_name = review_decisions, treat_none_as_null = true)]
    struct DecisionColumns {
        impact_id: String,
        claim_id: String,
        note: String,
    }
}

fn decision_columns(s: &ReviewDecisionSnapshot) -> StoreResult<DecisionColumns> {
    Ok(DecisionColumns {
        impact_id: s.impact_id.clone(),
        claim_id: s.claim_id.clone(),
        note: s.note.clone(),
    })
}

impl Record for ReviewDecision {
    const KIND: RecordKind = RecordKind::ReviewDecisions;
    const NAME: &'static str = "review decision";
    type Snapshot = ReviewDecisionSnapshot;

    crate::record_table!(table: review_decisions, key: id, row: DecisionRow, columns: decision_columns);
}

impl Insert for ReviewDecision {
    crate::record_table!(insert: review_decisions, key: id, created_by: String, columns: decision_columns);
}

/// The decision that cleared a pair, if one did (a probe of `review_decisions_pair`).
pub fn decision_for(
    conn: &mut DbConn,
    impact_id: &str,
    claim_id: &str,
) -> QueryResult<Option<String>> {
    review_decisions::table
        .filter(review_decisions::impact_id.eq(impact_id))
        .filter(review_decisions::claim_id.eq(claim_id))
        .select(review_decisions::id)
        .first(conn)
        .optional()
}

/// Clears a pair: the impact exists, the claim exists and is current and is one the impact
/// affects (422 otherwise), and the pair is not cleared yet (409 `already_cleared`, naming the
/// decision).
pub fn clear(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    snapshot: ReviewDecisionSnapshot,
    author: &Author,
) -> StoreResult<Stored<ReviewDecision>> {
    let impact = engine::get::<Impact>(tx.conn(), &snapshot.impact_id).map_err(|e| match e {
        StoreError::NotFound(_) => crate::store::captures::invalid(
            "/impact_id",
            format!("no impact has the id {:?}", snapshot.impact_id),
        ),
        other => other,
    })?;
    let claim = engine::get::<crate::store::claims::Claim>(tx.conn(), &snapshot.claim_id)?;
    if claim.snapshot.retracted.is_some() {
        return Err(crate::store::captures::invalid(
            "/impact_id",
            "the claim is retracted: retracted claims are not reviewed",
        ));
    }
    if crate::store::review_queue::path_for(tx.conn(), &impact, &snapshot.claim_id)?.is_none() {
        return Err(crate::store::captures::invalid(
            "/impact_id",
            format!(
                "impact {} does not affect claim {}",
                impact.meta.id, snapshot.claim_id
            ),
        ));
    }
    if let Some(existing) = decision_for(tx.conn(), &snapshot.impact_id, &snapshot.claim_id)? {
        return Err(already_cleared(existing));
    }
    match tx.savepoint(|tx| {
        engine::create::<ReviewDecision>(tx, ledger, snapshot.clone(), Some(author))
    }) {
        Err(StoreError::Db(e)) if is_unique_violation(&e) => {
            let existing = decision_for(tx.conn(), &snapshot.impact_id, &snapshot.claim_id)?;
            Err(already_cleared(existing.unwrap_or_default()))
        }
        other => other,
    }
}

fn already_cleared(existing: String) -> StoreError {
    StoreError::Conflict {
        code: "already_cleared",
        detail: "this claim was already cleared for this impact".into(),
        existing_id: Some(existing),
    }
}

/// An impact's row, as the queue reads it.
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Impact>>> {
    Impact::find(conn, id)
}

/// Impacts in id (time) order from `from` (inclusive), with one of `reasons` when given
/// (`impacts_reason`), `limit` at a time.
pub fn impacts_from(
    conn: &mut DbConn,
    reasons: Option<&[ReviewReason]>,
    from: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Impact>>> {
    let mut query = impacts::table
        .select(ImpactRow::as_select())
        .order(impacts::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(reasons) = reasons {
        query = query.filter(impacts::reason.eq_any(reasons.to_vec()));
    }
    if let Some(from) = from {
        query = query.filter(impacts::id.ge(from.to_owned()));
    }
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// Impacts about some targets of one kind, with one of `reasons` (`impacts_target`: a probe
/// per target), in id order from `from` (inclusive), at most `limit`: one claim's review.
pub fn impacts_on(
    conn: &mut DbConn,
    kind: ImpactTarget,
    targets: &[&String],
    reasons: &[ReviewReason],
    from: Option<&str>,
    limit: usize,
) -> QueryResult<Vec<Stored<Impact>>> {
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ImpactRow> = impacts::table
        .filter(in_list(impacts::target_id, targets))
        .filter(impacts::target_kind.eq(kind))
        .filter(impacts::reason.eq_any(reasons.to_vec()))
        .filter(impacts::id.ge(from.unwrap_or("")))
        .order(impacts::id.asc())
        .limit(limit as i64)
        .select(ImpactRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Stored::from).collect())
}

/// The `quote_missing` impacts of some captures (`impacts_trigger`), in id order from `from`
/// (inclusive), at most `limit`.
pub fn impacts_of_captures(
    conn: &mut DbConn,
    captures: &[&String],
    from: Option<&str>,
    limit: usize,
) -> QueryResult<Vec<Stored<Impact>>> {
    if captures.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ImpactRow> = impacts::table
        .filter(impacts::trigger_kind.eq(RecordKind::Captures))
        .filter(in_list(impacts::trigger_id, captures))
        .filter(impacts::reason.eq(ReviewReason::QuoteMissing))
        .filter(impacts::id.ge(from.unwrap_or("")))
        .order(impacts::id.asc())
        .limit(limit as i64)
        .select(ImpactRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Stored::from).collect())
}
