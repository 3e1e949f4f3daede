//! The quantity claims behind an estimate: every current claim about one subject and property
//! (optionally within an event-time window), as intervals. One walk of the
//! `claims (subject_id, property, …)` index; at most [`MAX_CLAIMS`] of them, so the cost of an
//! estimate is bounded however much is claimed about a subject.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::sql::in_list;
use crate::domain::claim::{ClaimValue, Verdict};
use crate::domain::estimate::Interval;
use crate::domain::relation::RelationKind;
use crate::schema::{claims, relations};
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
