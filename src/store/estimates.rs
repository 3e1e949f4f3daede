//! The quantity claims behind an estimate: every current claim about one subject and property
//! (optionally within an event-time window), as intervals. One walk of the
//! `claims (subject_id, property, …)` index; at most [`MAX_CLAIMS`] of them, so the cost of an
//! estimate is bounded however much is claimed about a subject.
//!
//! As of a past instant (and the series of how an estimate moved), the claims come from
//! history instead: `claim_subject_history` names every claim that was ever about the subject
//! and property and since when (one range probe), each one's revision at the instant is one
//! probe of `revisions`, and the `supersedes` relations pointing at them are read as they stood
//! then. Nothing is stored per estimate: history is the only series.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use crate::db::sql::in_list;
use crate::db::{Backend, DbConn};
use crate::domain::claim::{ClaimValue, Verdict};
use crate::domain::estimate::{Interval, ReconciledRange, reconcile};
use crate::domain::relation::RelationKind;
use crate::schema::{claim_subject_history, claims, relations};
use crate::store::claims::ClaimSnapshot;
use crate::store::engine;
use crate::store::ledger::RecordKind;
use crate::store::relations::{self as relation_store, End, RelationSnapshot};
use crate::store::{StoreError, StoreResult};

/// The most claims one estimate reconciles; narrow a larger set by event time.
pub const MAX_CLAIMS: usize = 10_000;

/// Which claims an estimate is about.
#[derive(Debug, Clone)]
pub struct EstimateFilter {
    pub subject_id: String,
    pub property: String,
    /// Claims whose event time can fall on or after this.
    pub occurred_from: Option<NaiveDateTime>,
    /// Claims whose event time can fall before this.
    pub occurred_to: Option<NaiveDateTime>,
}

/// The current (not retracted) quantity claims the filter matches, in id order; `None` when
/// there are more than [`MAX_CLAIMS`].
pub fn intervals(conn: &mut DbConn, filter: &EstimateFilter) -> StoreResult<Option<Vec<Interval>>> {
    let mut query = claims::table
        .filter(claims::subject_id.eq(&filter.subject_id))
        .filter(claims::property.eq(&filter.property))
        .filter(claims::retracted_at.is_null())
        .filter(claims::value_lower.is_not_null())
        .into_boxed();
    if let Some(from) = filter.occurred_from {
        query = query.filter(claims::occurred_end.gt(from));
    }
    if let Some(to) = filter.occurred_to {
        query = query.filter(claims::occurred_start.lt(to));
    }
    let rows: Vec<(String, Option<String>, f64, Verdict)> = query
        .select((
            claims::id,
            claims::value,
            claims::confidence,
            claims::verdict,
        ))
        // No ORDER BY: sorting here would let a planner walk the subject's claims in id
        // order through another index; at most MAX_CLAIMS rows are sorted below.
        .limit(MAX_CLAIMS as i64 + 1)
        .load(conn)?;
    if rows.len() > MAX_CLAIMS {
        return Ok(None);
    }
    // Which of them a later claim supersedes: one probe of `relations (to_claim_id, …)` each,
    // in a second statement (a subquery per row made PostgreSQL's planner cost the claims'
    // index walk above a scan).
    let ids: Vec<&String> = rows.iter().map(|r| &r.0).collect();
    let superseded: std::collections::HashSet<String> = if ids.is_empty() {
        Default::default()
    } else {
        relations::table
            .filter(in_list(relations::to_claim_id, &ids))
            .filter(relations::kind.eq(RelationKind::Supersedes))
            .filter(relations::retracted_at.is_null())
            .select(relations::to_claim_id)
            .load::<String>(conn)?
            .into_iter()
            .collect()
    };
    let mut intervals = Vec::with_capacity(rows.len());
    for (claim_id, value, confidence, verdict) in rows {
        let superseded = superseded.contains(&claim_id);
        let Some(value) = value else { continue };
        match serde_json::from_str::<ClaimValue>(&value) {
            Ok(ClaimValue::Quantity { lower, upper, unit }) => intervals.push(Interval {
                claim_id,
                lower,
                upper,
                unit,
                confidence,
                verdict,
                superseded,
            }),
            Ok(_) => {}
            Err(e) => {
                return Err(StoreError::Corrupt {
                    record: format!("claim {claim_id}"),
                    detail: format!("its stored value does not parse: {e}"),
                });
            }
        }
    }
    intervals.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
    Ok(Some(intervals))
}

// ── History: estimates as of a past instant, and their series ────────────────────────────

/// The most revisions (of the claims and of the `supersedes` relations behind a series) one
/// series replays; narrow a longer history with `from` and `to`.
pub const MAX_SERIES_REVISIONS: usize = 2_000;

/// A claim as it stood at an instant: its revision then.
#[derive(Debug, Clone)]
pub struct PastClaim {
    pub claim_id: String,
    pub revision: i64,
    pub hash: String,
    pub written_at: NaiveDateTime,
    pub snapshot: ClaimSnapshot,
}

/// Notes that a claim is about its subject and property from now on, if it was never about
/// them before (the index of `claim_subject_history`, which a claim's every write keeps).
pub fn record_subject(
    conn: &mut DbConn,
    claim_id: &str,
    before: Option<&ClaimSnapshot>,
    after: &ClaimSnapshot,
    at: NaiveDateTime,
) -> StoreResult<()> {
    let (Some(subject), Some(property)) = (&after.subject_id, &after.property) else {
        return Ok(());
    };
    if before.is_some_and(|b| {
        b.subject_id.as_ref() == Some(subject) && b.property.as_ref() == Some(property)
    }) {
        return Ok(());
    }
    let known = claim_subject_history::table
        .find((subject, property, claim_id))
        .select(claim_subject_history::since)
        .first::<NaiveDateTime>(conn)
        .optional()?
        .is_some();
    if !known {
        diesel::insert_into(claim_subject_history::table)
            .values((
                claim_subject_history::subject_id.eq(subject),
                claim_subject_history::property.eq(property),
                claim_subject_history::claim_id.eq(claim_id),
                claim_subject_history::since.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Fills `claim_subject_history` from the claims' revisions (after an import, which writes
/// revisions as they are; the migration that made the table runs the same statement).
pub fn rebuild_subject_history(conn: &mut DbConn) -> QueryResult<usize> {
    let extract = match conn.backend() {
        Backend::Postgres => {
            "snapshot::jsonb ->> 'subject_id' AS subject_id, \
                              snapshot::jsonb ->> 'property' AS property"
        }
        Backend::Sqlite => {
            "json_extract(snapshot, '$.subject_id') AS subject_id, \
                            json_extract(snapshot, '$.property') AS property"
        }
    };
    diesel::sql_query(format!(
        "INSERT INTO claim_subject_history (subject_id, property, claim_id, since)
         SELECT subject_id, property, record_id, MIN(created_at)
         FROM (SELECT {extract}, record_id, created_at
               FROM revisions WHERE record_kind = 'claims') r
         WHERE subject_id IS NOT NULL AND property IS NOT NULL
         GROUP BY subject_id, property, record_id"
    ))
    .execute(conn)
}

#[derive(QueryableByName)]
struct PastRow {
    #[diesel(sql_type = Text)]
    record_id: String,
    #[diesel(sql_type = BigInt)]
    revision: i64,
    #[diesel(sql_type = Text)]
    hash: String,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    snapshot: String,
}

/// Every claim that had been about `subject_id`/`property` by `at`, as it stood at `at` (it may
/// have moved away since, or been retracted: the caller looks), in id order; `None` when
/// there are more than [`MAX_CLAIMS`]. One statement: a range probe of
/// `claim_subject_history`, then for each claim one backward probe of
/// `revisions (record_kind, record_id, created_at)`.
pub fn claims_at(
    conn: &mut DbConn,
    subject_id: &str,
    property: &str,
    at: NaiveDateTime,
) -> StoreResult<Option<Vec<PastClaim>>> {
    let limit = MAX_CLAIMS as i64 + 1;
    let rows: Vec<PastRow> = match conn.backend() {
        Backend::Postgres => diesel::sql_query(
            "SELECT r.record_id, r.revision, r.hash, r.created_at, r.snapshot
             FROM (SELECT claim_id FROM claim_subject_history
                   WHERE subject_id = $1 AND property = $2 AND since <= $3
                   LIMIT $4) h
             CROSS JOIN LATERAL (
                 SELECT record_id, revision, hash, created_at, snapshot FROM revisions
                 WHERE record_kind = 'claims' AND record_id = h.claim_id AND created_at <= $3
                 ORDER BY created_at DESC LIMIT 1) r",
        )
        .bind::<Text, _>(subject_id)
        .bind::<Text, _>(property)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
        Backend::Sqlite => diesel::sql_query(
            "SELECT r.record_id, r.revision, r.hash, r.created_at, r.snapshot
             FROM (SELECT (SELECT p.seq FROM revisions p
                           WHERE p.record_kind = 'claims' AND p.record_id = h.claim_id
                             AND p.created_at <= ?
                           ORDER BY p.created_at DESC LIMIT 1) AS seq
                   FROM claim_subject_history h
                   WHERE h.subject_id = ? AND h.property = ? AND h.since <= ?
                   LIMIT ?) h
             JOIN revisions r ON r.seq = h.seq",
        )
        .bind::<Timestamp, _>(at)
        .bind::<Text, _>(subject_id)
        .bind::<Text, _>(property)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
    };
    if rows.len() > MAX_CLAIMS {
        return Ok(None);
    }
    let mut claims = rows
        .into_iter()
        .map(past_claim)
        .collect::<StoreResult<Vec<_>>>()?;
    claims.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
    Ok(Some(claims))
}

fn past_claim(row: PastRow) -> StoreResult<PastClaim> {
    let snapshot = engine::snapshot::decode::<ClaimSnapshot>(&row.snapshot).map_err(|detail| {
        StoreError::Corrupt {
            record: format!("claims/{} revision {}", row.record_id, row.revision),
            detail,
        }
    })?;
    Ok(PastClaim {
        claim_id: row.record_id,
        revision: row.revision,
        hash: row.hash,
        written_at: row.created_at,
        snapshot,
    })
}

/// A claim's interval as `snapshot` says it, when the snapshot counts towards the estimate
/// `filter` names at all: about its subject and property, not retracted, a quantity, within
/// the event-time window (as the current estimate's index walk selects them).
pub fn interval_of(
    filter: &EstimateFilter,
    claim_id: &str,
    snapshot: &ClaimSnapshot,
    superseded: bool,
) -> Option<Interval> {
    if snapshot.subject_id.as_deref() != Some(filter.subject_id.as_str())
        || snapshot.property.as_deref() != Some(filter.property.as_str())
        || snapshot.retracted.is_some()
    {
        return None;
    }
    let Some(ClaimValue::Quantity { lower, upper, unit }) = &snapshot.value else {
        return None;
    };
    if filter.occurred_from.is_some() || filter.occurred_to.is_some() {
        let span = snapshot.occurred_at.as_ref()?.span().ok()?;
        if filter.occurred_from.is_some_and(|from| span.end <= from)
            || filter.occurred_to.is_some_and(|to| span.start >= to)
        {
            return None;
        }
    }
    Some(Interval {
        claim_id: claim_id.to_owned(),
        lower: *lower,
        upper: *upper,
        unit: unit.clone(),
        confidence: snapshot.confidence,
        verdict: snapshot.verdict,
        superseded,
    })
}

/// The `supersedes` relations made by `by` pointing at `claim_ids`: (relation id, superseded
/// claim), one probe of `relations (to_claim_id, …)` per claim. A relation's kind and claims
/// never change (only its retraction does), so its row says which claims it links.
fn supersedes_of(
    conn: &mut DbConn,
    claim_ids: &[&str],
    by: NaiveDateTime,
) -> StoreResult<Vec<SupersedesRow>> {
    if claim_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(relations::table
        .filter(in_list(relations::to_claim_id, claim_ids))
        .filter(relations::kind.eq(RelationKind::Supersedes))
        .filter(relations::created_at.le(by))
        .select((relations::id, relations::to_claim_id))
        .load(conn)?)
}

/// A `supersedes` relation's id, and the claim it supersedes.
type SupersedesRow = (String, String);

/// The estimate's claims as they stood at `at`, with the claims' revisions then (for their
/// views), in id order; `None` when more than [`MAX_CLAIMS`] had been about the subject and
/// property.
pub fn intervals_at(
    conn: &mut DbConn,
    filter: &EstimateFilter,
    at: NaiveDateTime,
) -> StoreResult<Option<Vec<(Interval, PastClaim)>>> {
    let Some(claims) = claims_at(conn, &filter.subject_id, &filter.property, at)? else {
        return Ok(None);
    };
    // Which of them a `supersedes` relation live at `at` pointed at: per claim, a probe of
    // its relations that stops at the first one live then.
    let ids: Vec<&str> = claims.iter().map(|c| c.claim_id.as_str()).collect();
    let superseded =
        relation_store::related_at(conn, &ids, RelationKind::Supersedes, End::To, at, 1)?;
    Ok(Some(
        claims
            .into_iter()
            .filter_map(|c| {
                interval_of(
                    filter,
                    &c.claim_id,
                    &c.snapshot,
                    superseded.contains_key(&c.claim_id),
                )
                .map(|i| (i, c))
            })
            .collect(),
    ))
}

/// A change of the reconciled range of one unit: the instant, and the range after it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesStep {
    pub at: NaiveDateTime,
    pub range: ReconciledRange,
}

/// Why a series was not computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesLimit {
    /// More than [`MAX_CLAIMS`] claims were about the subject and property.
    Claims,
    /// More than [`MAX_SERIES_REVISIONS`] revisions fall in the window.
    Revisions,
}

#[derive(QueryableByName)]
struct SeqRow {
    #[diesel(sql_type = BigInt)]
    seq: i64,
    #[diesel(embed)]
    row: PastRow,
}

/// Up to [`MAX_SERIES_REVISIONS`] + 1 revisions of the records `ids` of `kind` written in
/// `(after, to]`, with their `seq`, in no order. Per record, a probe of
/// `revisions (record_kind, record_id, created_at)`, and the LIMIT stops the probes: never a
/// walk of the ledger (with an `IN` list, PostgreSQL chose a scan once the list was a fifth
/// of the table).
fn revisions_in(
    conn: &mut DbConn,
    kind: RecordKind,
    ids: &[&str],
    after: NaiveDateTime,
    to: NaiveDateTime,
) -> StoreResult<Vec<(i64, PastRow)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let limit = MAX_SERIES_REVISIONS as i64 + 1;
    let rows: Vec<SeqRow> = match conn.backend() {
        Backend::Postgres => diesel::sql_query(
            "SELECT r.seq, r.record_id, r.revision, r.hash, r.created_at, r.snapshot
             FROM unnest($1::text[]) AS c(id)
             CROSS JOIN LATERAL (
                 SELECT seq, record_id, revision, hash, created_at, snapshot FROM revisions
                 WHERE record_kind = $2 AND record_id = c.id
                   AND created_at > $3 AND created_at <= $4
                 ORDER BY created_at LIMIT $5) r
             LIMIT $5",
        )
        .bind::<Text, _>(crate::db::sql::pg_text_array(ids))
        .bind::<Text, _>(kind.as_str())
        .bind::<Timestamp, _>(after)
        .bind::<Timestamp, _>(to)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
        Backend::Sqlite => diesel::sql_query(
            "SELECT r.seq, r.record_id, r.revision, r.hash, r.created_at, r.snapshot
             FROM json_each(?) c
             JOIN revisions r ON r.record_kind = ? AND r.record_id = c.value
                 AND r.created_at > ? AND r.created_at <= ?
             LIMIT ?",
        )
        .bind::<Text, _>(serde_json::to_string(ids).expect("a list of strings serialises"))
        .bind::<Text, _>(kind.as_str())
        .bind::<Timestamp, _>(after)
        .bind::<Timestamp, _>(to)
        .bind::<BigInt, _>(limit)
        .load(conn)?,
    };
    Ok(rows.into_iter().map(|r| (r.seq, r.row)).collect())
}

/// One revision to replay: of a claim, or of a `supersedes` relation.
enum Event {
    Claim(Box<PastClaim>),
    /// The relation, and whether it is live after this revision.
    Relation(String, bool),
}

/// How the reconciled range (per unit) moved from `from` (or the beginning) to `to`: the
/// state at `from` first (the units that had a range or a conflict then, at `from`), then
/// one step per instant at which a unit's range or conflict changed, replayed from the
/// revisions written in `(from, to]` of the claims about the subject and property and of the
/// `supersedes` relations pointing at them.
pub fn series(
    conn: &mut DbConn,
    filter: &EstimateFilter,
    min_confidence: f64,
    from: Option<NaiveDateTime>,
    to: NaiveDateTime,
) -> StoreResult<Result<Vec<SeriesStep>, SeriesLimit>> {
    // The claims about the subject and property by `to` (what they said at `from` below).
    let ids: Vec<String> = claim_subject_history::table
        .filter(claim_subject_history::subject_id.eq(&filter.subject_id))
        .filter(claim_subject_history::property.eq(&filter.property))
        .filter(claim_subject_history::since.le(to))
        .select(claim_subject_history::claim_id)
        .limit(MAX_CLAIMS as i64 + 1)
        .load(conn)?;
    if ids.len() > MAX_CLAIMS {
        return Ok(Err(SeriesLimit::Claims));
    }
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let relations = supersedes_of(conn, &id_refs, to)?;
    // Where things stood at `from`.
    let mut claims: HashMap<String, ClaimSnapshot> = HashMap::new();
    let mut live: HashMap<String, (String, bool)> = HashMap::new();
    let mut live_then: HashSet<String> = HashSet::new();
    if let Some(from) = from {
        let Some(past) = claims_at(conn, &filter.subject_id, &filter.property, from)? else {
            return Ok(Err(SeriesLimit::Claims));
        };
        claims.extend(past.into_iter().map(|c| (c.claim_id, c.snapshot)));
        let relation_ids: Vec<&str> = relations.iter().map(|r| r.0.as_str()).collect();
        live_then = relation_store::live_at(conn, &relation_ids, from)?;
    }
    for (id, to_claim) in &relations {
        live.insert(id.clone(), (to_claim.clone(), live_then.contains(id)));
    }
    // The revisions written in (from, to].
    let after = from.unwrap_or(chrono::DateTime::UNIX_EPOCH.naive_utc());
    let claim_revisions = revisions_in(conn, RecordKind::Claims, &id_refs, after, to)?;
    let relation_ids: Vec<&str> = relations.iter().map(|r| r.0.as_str()).collect();
    let relation_revisions = revisions_in(conn, RecordKind::Relations, &relation_ids, after, to)?;
    if claim_revisions.len() + relation_revisions.len() > MAX_SERIES_REVISIONS {
        return Ok(Err(SeriesLimit::Revisions));
    }
    let mut events: Vec<(NaiveDateTime, i64, Event)> = Vec::new();
    for (seq, row) in claim_revisions {
        let at = row.created_at;
        events.push((at, seq, Event::Claim(Box::new(past_claim(row)?))));
    }
    for (seq, row) in relation_revisions {
        let relation =
            engine::snapshot::decode::<RelationSnapshot>(&row.snapshot).map_err(|detail| {
                StoreError::Corrupt {
                    record: format!("relations/{} revision {}", row.record_id, row.revision),
                    detail,
                }
            })?;
        let is_live = relation.retracted.is_none();
        events.push((row.created_at, seq, Event::Relation(row.record_id, is_live)));
    }
    events.sort_by_key(|(at, seq, _)| (*at, *seq));

    let reconciled = |claims: &HashMap<String, ClaimSnapshot>,
                      live: &HashMap<String, (String, bool)>| {
        let superseded: HashSet<&str> = live
            .values()
            .filter(|(_, live)| *live)
            .map(|(claim, _)| claim.as_str())
            .collect();
        let mut intervals: Vec<Interval> = claims
            .iter()
            .filter_map(|(id, s)| interval_of(filter, id, s, superseded.contains(id.as_str())))
            .collect();
        intervals.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        reconcile(&intervals, min_confidence)
    };
    let mut steps = Vec::new();
    let mut last: HashMap<Option<String>, ReconciledRange> = HashMap::new();
    let mut record =
        |at: NaiveDateTime, ranges: Vec<ReconciledRange>, steps: &mut Vec<SeriesStep>| {
            let mut units: HashSet<Option<String>> = last.keys().cloned().collect();
            let now: HashMap<Option<String>, ReconciledRange> =
                ranges.into_iter().map(|r| (r.unit.clone(), r)).collect();
            units.extend(now.keys().cloned());
            let mut units: Vec<Option<String>> = units.into_iter().collect();
            units.sort();
            for unit in units {
                let after = now.get(&unit).cloned().unwrap_or(ReconciledRange {
                    unit: unit.clone(),
                    claims: 0,
                    counted_claims: 0,
                    range: None,
                    conflict: None,
                    best: None,
                });
                let before = last.get(&unit);
                let same = match before {
                    Some(b) => (&b.range, &b.conflict) == (&after.range, &after.conflict),
                    None => after.range.is_none() && after.conflict.is_none(),
                };
                if !same {
                    steps.push(SeriesStep {
                        at,
                        range: after.clone(),
                    });
                }
                last.insert(unit, after);
            }
        };
    if let Some(from) = from {
        record(from, reconciled(&claims, &live), &mut steps);
    }
    let mut events = events.into_iter().peekable();
    while let Some((at, _, event)) = events.next() {
        let mut apply = |event: Event| match event {
            Event::Claim(c) => {
                let c = *c;
                claims.insert(c.claim_id, c.snapshot);
            }
            Event::Relation(id, is_live) => {
                if let Some(entry) = live.get_mut(&id) {
                    entry.1 = is_live;
                }
            }
        };
        apply(event);
        // Every revision of the same instant (one transaction's) before the range is read.
        while let Some((_, _, event)) = events.next_if(|(next, _, _)| *next == at) {
            apply(event);
        }
        record(at, reconciled(&claims, &live), &mut steps);
    }
    Ok(Ok(steps))
}
