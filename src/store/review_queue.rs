//! The review queue (issue 17 §3): the (impact, claim) pairs that need review, derived when
//! read from the impacts (`store::impacts`), oldest impact first and, within one, in claim id
//! order. Nothing about the affected claims is stored when an impact is recorded.
//!
//! An impact's claims come from index probes only:
//! - a source impact: the sources that derive from the source, transitively (a walk of
//!   `source_derivations_from`, at most [`MAX_WALK`] sources), and for each of them its citing
//!   claims after the cursor (`citations_source`: `source_id, claim_id`), `n` at a time, merged
//!   in claim order; a `quote_missing` impact: the source's citations whose quote is not
//!   found in its latest capture (`citations_source_check`);
//! - a claim impact: the live relations that make a claim corroborate the claim or be its
//!   duplicate (`relations_to`, `relations_from`), in the other claim's order.
//!
//! Each candidate is then looked at once: current (not retracted), not cleared for this
//! impact (`review_decisions_pair`), and the filters (subject, tag). A page stops after
//! [`SCAN_BUDGET`] units of work (an impact, a source of a walk, a candidate claim) and says
//! where to go on, so a selective filter never turns a request into a scan of the ledger; a
//! page may then be short, or empty, with a next cursor.

use std::collections::{HashMap, HashSet, VecDeque};

use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConn;
use crate::domain::relation::RelationKind;
use crate::schema::{
    citations, claim_tags, claims, relations, review_decisions, source_derivations,
};
use crate::store::StoreResult;
use crate::store::engine::Stored;
use crate::store::impacts::{self, Impact, ImpactTarget, ReviewReason};
use crate::store::quote_checks::CheckStatus;

/// The most sources one walk of what derives from a source visits.
pub const MAX_WALK: usize = crate::store::sources::derivations::MAX_WALK;
/// The most units of work (impacts, sources walked, candidate claims) one page does.
pub const SCAN_BUDGET: usize = 2000;
/// The longest claim summary shown.
const SUMMARY_CHARS: usize = 200;
/// The most candidate claims one probe of one source or relation side reads.
const PROBE_ROWS: usize = 100;

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
    /// Citations of the source whose quote is not found.
    QuoteMissing(String),
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
        (ImpactTarget::Source, ReviewReason::QuoteMissing) => {
            Probe::QuoteMissing(s.target_id.clone())
        }
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
                let mut query = citations::table
                    .filter(citations::source_id.eq(source))
                    .order(citations::claim_id)
                    .select(citations::claim_id)
                    .limit(limit)
                    .into_boxed();
                if let Some(after) = after {
                    query = query.filter(citations::claim_id.gt(after.to_owned()));
                }
                let rows: Vec<String> = query.load(conn)?;
                let full = rows.len() == n;
                let rows = rows
                    .into_iter()
                    .map(|claim| {
                        let mut path = vec![PathStep {
                            from_kind: "claim".into(),
                            from_id: claim.clone(),
                            relation: "cites".into(),
                            to_kind: "source".into(),
                            to_id: source.clone(),
                        }];
                        path.extend(way.iter().cloned());
                        (claim, path, *depth > 0)
                    })
                    .collect();
                sides.push((rows, full));
            }
        }
        Probe::QuoteMissing(source) => {
            let mut query = citations::table
                .filter(citations::source_id.eq(source))
                .filter(citations::check_status.eq(CheckStatus::NotFound))
                .order(citations::claim_id)
                .select(citations::claim_id)
                .limit(limit)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(citations::claim_id.gt(after.to_owned()));
            }
            let rows: Vec<String> = query.load(conn)?;
            let full = rows.len() == n;
            let rows = rows
                .into_iter()
                .map(|claim| {
                    let path = vec![PathStep {
                        from_kind: "claim".into(),
                        from_id: claim.clone(),
                        relation: "cites".into(),
                        to_kind: "source".into(),
                        to_id: source.clone(),
                    }];
                    (claim, path, false)
                })
                .collect();
            sides.push((rows, full));
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
                        let path = vec![PathStep {
                            from_kind: "claim".into(),
                            from_id: claim.clone(),
                            relation: kind.to_string(),
                            to_kind: "claim".into(),
                            to_id: target.clone(),
                        }];
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

/// How an impact reaches a claim (its reason and path), or None when it does not: the check
/// of a clear. Index probes: the claim's citations, the walk of what derives from the source,
/// or the relations between the two claims.
pub fn path_for(
    conn: &mut DbConn,
    impact: &Stored<Impact>,
    claim_id: &str,
) -> QueryResult<Option<(ReviewReason, Vec<PathStep>)>> {
    let s = &impact.snapshot;
    let probe = probe_for(conn, impact, None)?;
    let cite = |source: &str| PathStep {
        from_kind: "claim".into(),
        from_id: claim_id.to_owned(),
        relation: "cites".into(),
        to_kind: "source".into(),
        to_id: source.to_owned(),
    };
    Ok(match probe {
        Probe::QuoteMissing(source) => {
            let found: Option<String> = citations::table
                .filter(citations::claim_id.eq(claim_id))
                .filter(citations::source_id.eq(&source))
                .filter(citations::check_status.eq(CheckStatus::NotFound))
                .select(citations::id)
                .first(conn)
                .optional()?;
            found.map(|_| (s.reason, vec![cite(&source)]))
        }
        Probe::Sources(walk) => {
            let cited: HashSet<String> = citations::table
                .filter(citations::claim_id.eq(claim_id))
                .select(citations::source_id)
                .load::<String>(conn)?
                .into_iter()
                .collect();
            walk.into_iter()
                .find(|(source, _, _)| cited.contains(source))
                .map(|(source, depth, way)| {
                    let mut path = vec![cite(&source)];
                    path.extend(way);
                    let reason = if depth > 0 {
                        s.reason.upstream()
                    } else {
                        s.reason
                    };
                    (reason, path)
                })
        }
        Probe::Claim(target) => {
            let to: Option<RelationKind> = relations::table
                .filter(relations::from_claim_id.eq(claim_id))
                .filter(relations::to_claim_id.eq(&target))
                .filter(
                    relations::kind.eq_any([RelationKind::Corroborates, RelationKind::DuplicateOf]),
                )
                .filter(relations::retracted_at.is_null())
                .select(relations::kind)
                .first(conn)
                .optional()?;
            let kind = match to {
                Some(kind) => Some(kind),
                None => relations::table
                    .filter(relations::from_claim_id.eq(&target))
                    .filter(relations::to_claim_id.eq(claim_id))
                    .filter(relations::kind.eq(RelationKind::Corroborates))
                    .filter(relations::retracted_at.is_null())
                    .select(relations::kind)
                    .first(conn)
                    .optional()?,
            };
            kind.map(|kind| {
                (
                    s.reason,
                    vec![PathStep {
                        from_kind: "claim".into(),
                        from_id: claim_id.to_owned(),
                        relation: kind.to_string(),
                        to_kind: "claim".into(),
                        to_id: target.clone(),
                    }],
                )
            })
        }
    })
}
