//! The review queue (issue 17 §3): the (impact, claim) pairs that need review, derived when
//! read from the impacts (`store::impacts`), oldest impact first and, within one, in claim id
//! order. Nothing about the affected claims is stored when an impact is recorded.
//!
//! An impact's claims come from index probes only:
//! - a source impact: the sources that derive from the source, transitively (a walk of
//!   `source_derivations_from`, at most [`MAX_WALK`] sources), and for each of them its citing
//!   claims after the cursor (`citations_source`: `source_id, claim_id`), `n` at a time, merged
//!   in claim order; a `quote_missing` impact: the citations whose quote, found before, its
//!   capture lost (`citations_quote_lost`: `quote_lost_capture_id, claim_id`, set by the
//!   recheck, see `store::quote_checks`);
//! - a claim impact: the live relations that make a claim corroborate the claim or be its
//!   duplicate (`relations_to`, `relations_from`), in the other claim's order.
//!
//! Each candidate is then looked at once: current (not retracted), not cleared for this
//! impact (`review_decisions_pair`), and the filters (subject, tag). A page stops after
//! [`SCAN_BUDGET`] units of work (an impact, a source of a walk, a candidate claim) and says
//! where to go on, so a selective filter never turns a request into a scan of the ledger; a
//! page may then be short, or empty, with a next cursor.
//!
//! One claim's review ([`for_claim`]: `GET /v1/review-queue?claim_id=…`, and `review_status`
//! on `GET /v1/claims/{id}`) goes the other way, up from the claim, so that it costs the same
//! however many claims cite its sources: its cited sources and what they derive from (the walk
//! up `derives_from`, at most [`MAX_WALK`] sources), the impacts on those sources
//! (`impacts_target`), those of the captures that lost its quotes (`impacts_trigger`), those on
//! the claims it is related to (at most [`CLAIM_RELATIONS`] a side), at most [`CLAIM_IMPACTS`]
//! impacts, less the decisions about this claim.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConn;
use crate::db::sql::in_list;
use crate::domain::relation::RelationKind;
use crate::schema::{
    citations, claim_tags, claims, relations, review_decisions, source_derivations,
};
use crate::store::StoreResult;
use crate::store::engine::Stored;
use crate::store::impacts::{self, Impact, ImpactTarget, ReviewReason};
use crate::store::provenance::Walk;

/// The most sources one walk of what derives from a source visits.
pub const MAX_WALK: usize = crate::store::sources::derivations::MAX_WALK;
/// The most units of work (impacts, sources walked, candidate claims) one page does.
pub const SCAN_BUDGET: usize = 2000;
/// The longest claim summary shown.
const SUMMARY_CHARS: usize = 200;
/// The most candidate claims one probe of one source or relation side reads.
const PROBE_ROWS: usize = 100;
/// The most impacts one claim's review reads (its oldest, or those after a cursor).
pub const CLAIM_IMPACTS: usize = 500;
/// The most relations of each side (to it, from it) one claim's review follows.
pub const CLAIM_RELATIONS: usize = 100;

/// One step of the way from a claim to what needs review: `claim C cites source B`,
/// `source B syndicates source A`, `claim Y corroborates claim X`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PathStep {
    /// `claim` or `source`.
    #[schema(example = "source")]
    pub from_kind: String,
    pub from_id: String,
    /// `cites`, a derivation (`syndicates`, `quotes`, `cites`, `based_on`), or a relation kind
    /// (`corroborates`, `duplicate_of`).
    #[schema(example = "syndicates")]
    pub relation: String,
    /// `claim` or `source`.
    #[schema(example = "source")]
    pub to_kind: String,
    pub to_id: String,
}

/// One (impact, claim) pair that needs review.
#[derive(Debug, Clone)]
pub struct Item {
    pub impact: Stored<Impact>,
    pub claim_id: String,
    pub summary: String,
    pub reason: ReviewReason,
    pub path: Vec<PathStep>,
}

/// What the queue is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub reason: Option<ReviewReason>,
    pub subject_id: Option<String>,
    pub tag: Option<String>,
}

/// A position in the queue: after `claim_id` of `impact_id` (from its start when `claim_id`
/// is None).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub impact_id: String,
    pub claim_id: Option<String>,
}

/// A page, and where the next one starts (None at the end of the queue).
#[derive(Debug)]
pub struct Page {
    pub items: Vec<Item>,
    pub next: Option<Cursor>,
    /// The units of work the page took (at most [`SCAN_BUDGET`] and a probe).
    pub scanned: usize,
}

/// How an impact's claims are found.
enum Probe {
    /// Citing sources, each with its way up to the impact's source and its depth.
    Sources(Vec<(String, usize, Vec<PathStep>)>),
    /// The citations of a source whose quote a capture lost.
    QuoteMissing { source: String, capture: String },
    /// Relations to a claim.
    Claim(String),
}

/// The sources that derive from `source_id` (itself first, at depth 0), breadth first, each
/// with its way up to it; at most [`MAX_WALK`].
pub fn derived_from(
    conn: &mut DbConn,
    source_id: &str,
) -> QueryResult<Vec<(String, usize, Vec<PathStep>)>> {
    let mut out = vec![(source_id.to_owned(), 0, Vec::new())];
    let mut seen: HashSet<String> = HashSet::from([source_id.to_owned()]);
    let mut queue = VecDeque::from([0usize]);
    while let Some(at) = queue.pop_front() {
        let (parent, depth, path) = out[at].clone();
        let children: Vec<(String, String)> = source_derivations::table
            .filter(source_derivations::derives_from_id.eq(&parent))
            .order(source_derivations::source_id)
            .select((source_derivations::source_id, source_derivations::relation))
            .load(conn)?;
        for (child, relation) in children {
            if out.len() >= MAX_WALK {
                return Ok(out);
            }
            if !seen.insert(child.clone()) {
                continue;
            }
            let mut way = vec![PathStep {
                from_kind: "source".into(),
                from_id: child.clone(),
                relation,
                to_kind: "source".into(),
                to_id: parent.clone(),
            }];
            way.extend(path.iter().cloned());
            out.push((child, depth + 1, way));
            queue.push_back(out.len() - 1);
        }
    }
    Ok(out)
}

fn probe_for(
    conn: &mut DbConn,
    impact: &Stored<Impact>,
    upstream: Option<bool>,
) -> QueryResult<Probe> {
    let s = &impact.snapshot;
    Ok(match (s.target_kind, s.reason) {
        (ImpactTarget::Claim, _) => Probe::Claim(s.target_id.clone()),
        (ImpactTarget::Source, ReviewReason::QuoteMissing) => Probe::QuoteMissing {
            source: s.target_id.clone(),
            capture: s.trigger_id.clone(),
        },
        (ImpactTarget::Source, _) => {
            let mut walk = match upstream {
                Some(false) => vec![(s.target_id.clone(), 0, Vec::new())],
                _ => derived_from(conn, &s.target_id)?,
            };
            if upstream == Some(true) {
                walk.retain(|(_, depth, _)| *depth > 0);
            }
            Probe::Sources(walk)
        }
    })
}

impl Probe {
    fn cost(&self) -> usize {
        match self {
            Probe::Sources(walk) => walk.len(),
            _ => 1,
        }
    }
}

/// A candidate: a claim, how it is reached, and whether that is through `derives_from`.
struct Candidate {
    claim_id: String,
    upstream: bool,
    path: Vec<PathStep>,
}

/// One side of a probe: its rows (claim id, the way to the target, whether through
/// `derives_from`), and whether it filled its limit.
type Side = (Vec<(String, Vec<PathStep>, bool)>, bool);

/// Which citations of a source a probe reads.
#[derive(Clone, Copy)]
enum Citing<'a> {
    /// All of them (`citations_source`).
    All,
    /// Those whose quote this capture of it lost (`citations_quote_lost`).
    LostAt(&'a str),
}

/// One side of a merge: the next up to `n` claims after `after`, in claim order, with a
/// citation of `source` (of those `on` says), each with its way to the impact's target
/// (`claim cites source`, then `way` up from `source`).
fn citing_side(
    conn: &mut DbConn,
    on: Citing<'_>,
    source: &str,
    way: &[PathStep],
    upstream: bool,
    after: Option<&str>,
    n: usize,
) -> QueryResult<Side> {
    let mut query = citations::table
        .order(citations::claim_id)
        .select(citations::claim_id)
        .limit(n as i64)
        .into_boxed();
    query = match on {
        Citing::All => query.filter(citations::source_id.eq(source.to_owned())),
        Citing::LostAt(capture) => {
            query.filter(citations::quote_lost_capture_id.eq(capture.to_owned()))
        }
    };
    if let Some(after) = after {
        query = query.filter(citations::claim_id.gt(after.to_owned()));
    }
    let rows: Vec<String> = query.load(conn)?;
    let full = rows.len() == n;
    let rows = rows
        .into_iter()
        .map(|claim| {
            let mut path = vec![cites(&claim, source)];
            path.extend(way.iter().cloned());
            (claim, path, upstream)
        })
        .collect();
    Ok((rows, full))
}

/// `claim cites source`.
fn cites(claim_id: &str, source_id: &str) -> PathStep {
    PathStep {
        from_kind: "claim".into(),
        from_id: claim_id.to_owned(),
        relation: "cites".into(),
        to_kind: "source".into(),
        to_id: source_id.to_owned(),
    }
}

/// The next up to `n` candidate claims of a probe after `after`, in claim id order, and
/// whether the probe has no more.
fn candidates(
    conn: &mut DbConn,
    probe: &Probe,
    after: Option<&str>,
    n: usize,
) -> QueryResult<(Vec<Candidate>, bool)> {
    let limit = n as i64;
    // Per side: its rows (claim id, how), and whether it filled its limit.
    let mut sides: Vec<Side> = Vec::new();
    match probe {
        Probe::Sources(walk) => {
            for (source, depth, way) in walk {
                sides.push(citing_side(
                    conn,
                    Citing::All,
                    source,
                    way,
                    *depth > 0,
                    after,
                    n,
                )?);
            }
        }
        Probe::QuoteMissing { source, capture } => {
            let on = Citing::LostAt(capture);
            sides.push(citing_side(conn, on, source, &[], false, after, n)?);
        }
        Probe::Claim(target) => {
            let mut to = relations::table
                .filter(relations::to_claim_id.eq(target))
                .filter(
                    relations::kind.eq_any([RelationKind::Corroborates, RelationKind::DuplicateOf]),
                )
                .filter(relations::retracted_at.is_null())
                .order(relations::from_claim_id)
                .select((relations::from_claim_id, relations::kind))
                .limit(limit)
                .into_boxed();
            let mut from = relations::table
                .filter(relations::from_claim_id.eq(target))
                .filter(relations::kind.eq(RelationKind::Corroborates))
                .filter(relations::retracted_at.is_null())
                .order(relations::to_claim_id)
                .select((relations::to_claim_id, relations::kind))
                .limit(limit)
                .into_boxed();
            if let Some(after) = after {
                to = to.filter(relations::from_claim_id.gt(after.to_owned()));
                from = from.filter(relations::to_claim_id.gt(after.to_owned()));
            }
            for rows in [to.load::<(String, RelationKind)>(conn)?, from.load(conn)?] {
                let full = rows.len() == n;
                let rows = rows
                    .into_iter()
                    .map(|(claim, kind)| {
                        let path = vec![related_step(&claim, kind, target)];
                        (claim, path, false)
                    })
                    .collect();
                sides.push((rows, full));
            }
        }
    }
    // A k-way merge: claims up to the lowest last claim of a side that filled its limit are
    // complete (that side may have more beyond it); the rest wait for the next call.
    let frontier: Option<String> = sides
        .iter()
        .filter(|(rows, full)| *full && !rows.is_empty())
        .filter_map(|(rows, _)| rows.last().map(|r| r.0.clone()))
        .min();
    let mut best: HashMap<String, (Vec<PathStep>, bool)> = HashMap::new();
    for (rows, _) in sides {
        for (claim, path, upstream) in rows {
            if frontier.as_ref().is_some_and(|f| &claim > f) {
                continue;
            }
            match best.get(&claim) {
                // The shortest way wins (a claim citing the source and one derived from it).
                Some((have, _)) if have.len() <= path.len() => {}
                _ => {
                    best.insert(claim, (path, upstream));
                }
            }
        }
    }
    let mut out: Vec<Candidate> = best
        .into_iter()
        .map(|(claim_id, (path, upstream))| Candidate {
            claim_id,
            upstream,
            path,
        })
        .collect();
    out.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
    // Every side gave all it had: what is left after these n is nothing.
    let exhausted = frontier.is_none() && out.len() <= n;
    out.truncate(n);
    Ok((out, exhausted))
}

/// What the filters need of some claims: (statement, subject, retracted) by id.
struct ClaimFacts {
    statement: String,
    subject_id: Option<String>,
    retracted: bool,
}

fn facts(conn: &mut DbConn, ids: &[String]) -> QueryResult<HashMap<String, ClaimFacts>> {
    let rows: Vec<(
        String,
        String,
        Option<String>,
        Option<chrono::NaiveDateTime>,
    )> = claims::table
        .filter(claims::id.eq_any(ids))
        .select((
            claims::id,
            claims::statement,
            claims::subject_id,
            claims::retracted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, statement, subject_id, retracted_at)| {
            (
                id,
                ClaimFacts {
                    statement,
                    subject_id,
                    retracted: retracted_at.is_some(),
                },
            )
        })
        .collect())
}

fn summary(statement: &str) -> String {
    if statement.chars().count() <= SUMMARY_CHARS {
        return statement.to_owned();
    }
    let mut s: String = statement.chars().take(SUMMARY_CHARS - 1).collect();
    s.push('…');
    s
}

/// One page of the queue after `after`.
pub fn page(
    conn: &mut DbConn,
    filter: &Filter,
    after: Option<&Cursor>,
    limit: usize,
) -> StoreResult<Page> {
    let (stored, upstream) = match filter.reason {
        Some(reason) => {
            let (stored, upstream) = reason.stored();
            (Some([stored]), upstream)
        }
        None => (None, None),
    };
    let mut items: Vec<Item> = Vec::new();
    let mut scanned = 0usize;
    let mut from = after.map(|c| c.impact_id.clone());
    let mut inclusive = true;
    loop {
        let mut batch =
            impacts::impacts_from(conn, stored.as_ref().map(|s| &s[..]), from.as_deref(), 20)?;
        if !inclusive {
            batch.retain(|i| Some(&i.meta.id) != from.as_ref());
        }
        if batch.is_empty() {
            return Ok(Page {
                items,
                next: None,
                scanned,
            });
        }
        for impact in &batch {
            let mut claim_after: Option<String> = match after {
                Some(c) if c.impact_id == impact.meta.id => c.claim_id.clone(),
                _ => None,
            };
            if scanned >= SCAN_BUDGET {
                return Ok(Page {
                    items,
                    next: Some(Cursor {
                        impact_id: impact.meta.id.clone(),
                        claim_id: claim_after,
                    }),
                    scanned,
                });
            }
            let probe = probe_for(conn, impact, upstream)?;
            scanned += 1 + probe.cost();
            loop {
                if scanned >= SCAN_BUDGET {
                    return Ok(Page {
                        items,
                        next: Some(Cursor {
                            impact_id: impact.meta.id.clone(),
                            claim_id: claim_after,
                        }),
                        scanned,
                    });
                }
                let n = (limit - items.len() + 1)
                    .min(SCAN_BUDGET - scanned)
                    .clamp(1, PROBE_ROWS);
                let (found, exhausted) = candidates(conn, &probe, claim_after.as_deref(), n)?;
                let ids: Vec<String> = found.iter().map(|c| c.claim_id.clone()).collect();
                let known = facts(conn, &ids)?;
                let cleared: HashSet<String> = review_decisions::table
                    .filter(review_decisions::impact_id.eq(&impact.meta.id))
                    .filter(review_decisions::claim_id.eq_any(&ids))
                    .select(review_decisions::claim_id)
                    .load::<String>(conn)?
                    .into_iter()
                    .collect();
                let tagged: Option<HashSet<String>> = match &filter.tag {
                    Some(tag) => Some(
                        claim_tags::table
                            .filter(claim_tags::tag.eq(tag))
                            .filter(claim_tags::claim_id.eq_any(&ids))
                            .select(claim_tags::claim_id)
                            .load::<String>(conn)?
                            .into_iter()
                            .collect(),
                    ),
                    None => None,
                };
                for c in found {
                    scanned += 1;
                    claim_after = Some(c.claim_id.clone());
                    let Some(f) = known.get(&c.claim_id) else {
                        continue;
                    };
                    let wanted = !f.retracted
                        && !cleared.contains(&c.claim_id)
                        && filter
                            .subject_id
                            .as_ref()
                            .is_none_or(|s| f.subject_id.as_ref() == Some(s))
                        && tagged.as_ref().is_none_or(|t| t.contains(&c.claim_id));
                    if wanted {
                        let reason = if c.upstream {
                            impact.snapshot.reason.upstream()
                        } else {
                            impact.snapshot.reason
                        };
                        items.push(Item {
                            impact: impact.clone(),
                            claim_id: c.claim_id.clone(),
                            summary: summary(&f.statement),
                            reason,
                            path: c.path,
                        });
                        if items.len() == limit {
                            return Ok(Page {
                                items,
                                next: Some(Cursor {
                                    impact_id: impact.meta.id.clone(),
                                    claim_id: claim_after,
                                }),
                                scanned,
                            });
                        }
                    }
                    if scanned >= SCAN_BUDGET {
                        break;
                    }
                }
                if scanned >= SCAN_BUDGET {
                    return Ok(Page {
                        items,
                        next: Some(Cursor {
                            impact_id: impact.meta.id.clone(),
                            claim_id: claim_after,
                        }),
                        scanned,
                    });
                }
                if exhausted {
                    break;
                }
            }
        }
        from = batch.last().map(|i| i.meta.id.clone());
        inclusive = false;
    }
}

/// A claim's citations: each one's source, and the capture that lost its quote if one did
/// (`citations_claim`).
fn cited_by(conn: &mut DbConn, claim_id: &str) -> QueryResult<Vec<(String, Option<String>)>> {
    citations::table
        .filter(citations::claim_id.eq(claim_id))
        .select((citations::source_id, citations::quote_lost_capture_id))
        .load(conn)
}

/// The ways up from a claim's cited sources through what they derive from: for each source
/// reached (those of the walk, and the parents at its edge), its depth (0: cited) and the
/// shortest path from the claim to it (`claim cites s0`, `s0 syndicates s1`, …): breadth first
/// from the cited sources in id order, so the same path as the queue's walk down finds.
fn ways_up(
    claim_id: &str,
    cited: &BTreeSet<String>,
    walk: &Walk,
) -> HashMap<String, (usize, Vec<PathStep>)> {
    let mut ways: HashMap<String, (usize, Vec<PathStep>)> = HashMap::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    for source in cited {
        ways.insert(source.clone(), (0, vec![cites(claim_id, source)]));
        queue.push_back(source.clone());
    }
    while let Some(source) = queue.pop_front() {
        let (depth, path) = ways[&source].clone();
        for (parent, relation) in walk.parents.get(&source).map(Vec::as_slice).unwrap_or(&[]) {
            if ways.contains_key(parent) {
                continue;
            }
            let mut way = path.clone();
            way.push(PathStep {
                from_kind: "source".into(),
                from_id: source.clone(),
                relation: relation.to_string(),
                to_kind: "source".into(),
                to_id: parent.clone(),
            });
            ways.insert(parent.clone(), (depth + 1, way));
            queue.push_back(parent.clone());
        }
    }
    ways
}

/// The relation through which an impact on claim `target` reaches claim `claim_id`: the claim
/// corroborates or duplicates it, or it corroborates the claim (live relations; two probes of
/// `relations_from_kind` / `relations_to_kind`).
fn relation_step(conn: &mut DbConn, claim_id: &str, target: &str) -> QueryResult<Option<PathStep>> {
    let to: Option<RelationKind> = relations::table
        .filter(relations::from_claim_id.eq(claim_id))
        .filter(relations::to_claim_id.eq(target))
        .filter(relations::kind.eq_any([RelationKind::Corroborates, RelationKind::DuplicateOf]))
        .filter(relations::retracted_at.is_null())
        .select(relations::kind)
        .first(conn)
        .optional()?;
    let kind = match to {
        Some(kind) => Some(kind),
        None => relations::table
            .filter(relations::from_claim_id.eq(target))
            .filter(relations::to_claim_id.eq(claim_id))
            .filter(relations::kind.eq(RelationKind::Corroborates))
            .filter(relations::retracted_at.is_null())
            .select(relations::kind)
            .first(conn)
            .optional()?,
    };
    Ok(kind.map(|kind| related_step(claim_id, kind, target)))
}

/// `claim corroborates claim X` (or `duplicate_of`).
fn related_step(claim_id: &str, kind: RelationKind, target: &str) -> PathStep {
    PathStep {
        from_kind: "claim".into(),
        from_id: claim_id.to_owned(),
        relation: kind.to_string(),
        to_kind: "claim".into(),
        to_id: target.to_owned(),
    }
}

/// The claims an impact on which reaches `claim_id` (it corroborates or duplicates them, or
/// they corroborate it: live relations), each with its step; at most [`CLAIM_RELATIONS`] a
/// side, and whether that was all of them.
fn related_claims(
    conn: &mut DbConn,
    claim_id: &str,
) -> QueryResult<(HashMap<String, PathStep>, bool)> {
    let n = CLAIM_RELATIONS as i64 + 1;
    let from: Vec<(String, RelationKind)> = relations::table
        .filter(relations::from_claim_id.eq(claim_id))
        .filter(relations::kind.eq_any([RelationKind::Corroborates, RelationKind::DuplicateOf]))
        .filter(relations::retracted_at.is_null())
        .order(relations::to_claim_id)
        .select((relations::to_claim_id, relations::kind))
        .limit(n)
        .load(conn)?;
    let to: Vec<(String, RelationKind)> = relations::table
        .filter(relations::to_claim_id.eq(claim_id))
        .filter(relations::kind.eq(RelationKind::Corroborates))
        .filter(relations::retracted_at.is_null())
        .order(relations::from_claim_id)
        .select((relations::from_claim_id, relations::kind))
        .limit(n)
        .load(conn)?;
    let complete = from.len() <= CLAIM_RELATIONS && to.len() <= CLAIM_RELATIONS;
    let mut steps: HashMap<String, PathStep> = HashMap::new();
    for (other, kind) in from
        .into_iter()
        .take(CLAIM_RELATIONS)
        .chain(to.into_iter().take(CLAIM_RELATIONS))
    {
        let step = related_step(claim_id, kind, &other);
        steps.entry(other).or_insert(step);
    }
    Ok((steps, complete))
}

/// How an impact reaches a claim (its reason and path), or None when it does not: the check
/// of a clear. Index probes: the claim's citations and the walk up from its sources (so it
/// costs the same however many sources derive from the impact's), the citation whose quote
/// the impact's capture lost, or the relations between the two claims.
pub fn path_for(
    conn: &mut DbConn,
    impact: &Stored<Impact>,
    claim_id: &str,
) -> QueryResult<Option<(ReviewReason, Vec<PathStep>)>> {
    let s = &impact.snapshot;
    Ok(match (s.target_kind, s.reason) {
        (ImpactTarget::Claim, reason) => {
            relation_step(conn, claim_id, &s.target_id)?.map(|step| (reason, vec![step]))
        }
        (ImpactTarget::Source, ReviewReason::QuoteMissing) => {
            let lost: Option<String> = citations::table
                .filter(citations::quote_lost_capture_id.eq(&s.trigger_id))
                .filter(citations::claim_id.eq(claim_id))
                .select(citations::source_id)
                .first(conn)
                .optional()?;
            lost.map(|source| (s.reason, vec![cites(claim_id, &source)]))
        }
        (ImpactTarget::Source, reason) => {
            let cited: BTreeSet<String> = cited_by(conn, claim_id)?
                .into_iter()
                .map(|(source, _)| source)
                .collect();
            let walk = Walk::up_from(conn, cited.iter().cloned())?;
            ways_up(claim_id, &cited, &walk)
                .remove(&s.target_id)
                .map(|(depth, path)| {
                    let reason = if depth > 0 { reason.upstream() } else { reason };
                    (reason, path)
                })
        }
    })
}

/// One claim's part of the review queue, as far as it was read.
#[derive(Debug)]
pub struct ClaimReview {
    /// The (impact, this claim) pairs still to review, oldest impact first.
    pub items: Vec<Item>,
    /// False when a bound cut the reading short: more than [`CLAIM_IMPACTS`] impacts, more
    /// than [`CLAIM_RELATIONS`] relations a side, or a walk up `derives_from` reaching
    /// [`MAX_WALK`] sources.
    pub complete: bool,
    /// The last impact read when the impacts were cut at [`CLAIM_IMPACTS`]: where to go on.
    pub read_to: Option<String>,
}

/// Whether a claim needs review, as its read shows it: derived when read from the impacts
/// that reach it (the review queue filtered to the claim), never stored. A mark, not a
/// revision: it changes no `revision` and no `ETag`. (Named `ClaimReviewStatus` in the
/// document.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = ClaimReviewStatus)]
pub struct ReviewStatus {
    /// True while the claim has a pair in the review queue
    /// (`GET /v1/review-queue?claim_id=…` lists them).
    pub needed: bool,
    /// How many (impact, claim) pairs are still to review (at most 500).
    pub open: i64,
    /// Their reasons, each once, in the order of their oldest impact.
    pub reasons: Vec<ReviewReason>,
    /// False when a bound cut the count short: more than 500 impacts, more than 100
    /// relations a side, or a walk up `derives_from` reaching 1,000 sources.
    pub complete: bool,
}

impl ClaimReview {
    fn empty() -> Self {
        Self {
            items: Vec::new(),
            complete: true,
            read_to: None,
        }
    }

    /// The mark a claim's read shows.
    pub fn status(&self) -> ReviewStatus {
        let mut reasons: Vec<ReviewReason> = Vec::new();
        for item in &self.items {
            if !reasons.contains(&item.reason) {
                reasons.push(item.reason);
            }
        }
        ReviewStatus {
            needed: !self.items.is_empty(),
            open: self.items.len() as i64,
            reasons,
            complete: self.complete,
        }
    }
}

/// Whether an (impact, claim) pair comes after a cursor.
fn after_cursor(impact_id: &str, claim_id: &str, cursor: Option<&Cursor>) -> bool {
    match cursor {
        None => true,
        Some(c) => {
            impact_id > c.impact_id.as_str()
                || (impact_id == c.impact_id
                    && c.claim_id.as_deref().is_none_or(|after| claim_id > after))
        }
    }
}

/// The review queue filtered to one claim, after `after` (None when no claim has this id).
/// Its cost does not grow with how many claims cite its sources: the claim's citations, the
/// walk up from its sources, the impacts on them and on its related claims (index probes,
/// at most [`CLAIM_IMPACTS`] + 1 rows each), and the decisions about this claim.
pub fn for_claim(
    conn: &mut DbConn,
    claim_id: &str,
    filter: &Filter,
    after: Option<&Cursor>,
) -> StoreResult<Option<ClaimReview>> {
    let Some(claim) = facts(conn, &[claim_id.to_owned()])?.remove(claim_id) else {
        return Ok(None);
    };
    if claim.retracted
        || filter
            .subject_id
            .as_ref()
            .is_some_and(|s| claim.subject_id.as_ref() != Some(s))
    {
        return Ok(Some(ClaimReview::empty()));
    }
    if let Some(tag) = &filter.tag {
        let tagged: Option<String> = claim_tags::table
            .filter(claim_tags::claim_id.eq(claim_id))
            .filter(claim_tags::tag.eq(tag))
            .select(claim_tags::claim_id)
            .first(conn)
            .optional()?;
        if tagged.is_none() {
            return Ok(Some(ClaimReview::empty()));
        }
    }
    let cited = cited_by(conn, claim_id)?;
    let sources: BTreeSet<String> = cited.iter().map(|(source, _)| source.clone()).collect();
    // The captures that lost a quote of the claim, each with its source.
    let lost: HashMap<String, String> = cited
        .iter()
        .filter_map(|(source, capture)| Some((capture.clone()?, source.clone())))
        .collect();
    let walk = Walk::up_from(conn, sources.iter().cloned())?;
    let ways = ways_up(claim_id, &sources, &walk);
    let (related, all_related) = related_claims(conn, claim_id)?;
    let mut review = ClaimReview {
        complete: walk.complete && all_related,
        ..ClaimReview::empty()
    };

    let from = after.map(|c| c.impact_id.as_str());
    let limit = CLAIM_IMPACTS + 1;
    let on_sources: Vec<&String> = ways.keys().collect();
    let mut found = impacts::impacts_on(
        conn,
        ImpactTarget::Source,
        &on_sources,
        &[ReviewReason::SourceRetracted, ReviewReason::SourceRegraded],
        from,
        limit,
    )?;
    let captures: Vec<&String> = lost.keys().collect();
    found.extend(impacts::impacts_of_captures(conn, &captures, from, limit)?);
    let on_claims: Vec<&String> = related.keys().collect();
    found.extend(impacts::impacts_on(
        conn,
        ImpactTarget::Claim,
        &on_claims,
        &[
            ReviewReason::RelatedClaimRetracted,
            ReviewReason::RelatedClaimSuperseded,
        ],
        from,
        limit,
    )?);
    found.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    found.dedup_by(|a, b| a.meta.id == b.meta.id);
    found.retain(|i| after_cursor(&i.meta.id, claim_id, after));
    if found.len() > CLAIM_IMPACTS {
        found.truncate(CLAIM_IMPACTS);
        review.complete = false;
        review.read_to = found.last().map(|i| i.meta.id.clone());
    }

    let ids: Vec<&String> = found.iter().map(|i| &i.meta.id).collect();
    let cleared: HashSet<String> = if ids.is_empty() {
        HashSet::new()
    } else {
        review_decisions::table
            .filter(review_decisions::claim_id.eq(claim_id))
            .filter(in_list(review_decisions::impact_id, &ids))
            .select(review_decisions::impact_id)
            .load::<String>(conn)?
            .into_iter()
            .collect()
    };
    let claim_summary = summary(&claim.statement);
    for impact in found {
        if cleared.contains(&impact.meta.id) {
            continue;
        }
        let s = &impact.snapshot;
        let reached = match (s.target_kind, s.reason) {
            (ImpactTarget::Claim, reason) => related
                .get(&s.target_id)
                .map(|step| (reason, vec![step.clone()])),
            (ImpactTarget::Source, ReviewReason::QuoteMissing) => lost
                .get(&s.trigger_id)
                .map(|source| (s.reason, vec![cites(claim_id, source)])),
            (ImpactTarget::Source, reason) => ways.get(&s.target_id).map(|(depth, path)| {
                let reason = if *depth > 0 {
                    reason.upstream()
                } else {
                    reason
                };
                (reason, path.clone())
            }),
        };
        let Some((reason, path)) = reached else {
            continue;
        };
        if filter.reason.is_some_and(|wanted| wanted != reason) {
            continue;
        }
        review.items.push(Item {
            impact,
            claim_id: claim_id.to_owned(),
            summary: claim_summary.clone(),
            reason,
            path,
        });
    }
    Ok(Some(review))
}
