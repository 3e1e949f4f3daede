//! Reconciling quantity claims into the range the evidence supports.
//!
//! Each claim about a quantity says an interval (`lower`, and `upper` or open-ended). The
//! claims judged credible — not refuted (`verdict` `false`) and at or above a confidence — must
//! all be true at once, so the value lies in the intersection of their intervals: above the
//! highest lower bound, below the lowest upper bound. The claims that set each bound are named.
//! When the intersection is empty (highest lower > lowest upper) there is no range to give:
//! the conflict is reported instead, with the claims on each side — never a made-up number.
//! Intervals in different units are never mixed: each unit is reconciled on its own. Bounds are
//! written as the claims' values are (`3`, not `3.0`).

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::claim::Verdict;
use crate::domain::property::BestRule;

/// One claim's interval, and what decides whether it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub claim_id: String,
    pub lower: f64,
    /// `None`: open-ended ("at least `lower`").
    pub upper: Option<f64>,
    pub unit: Option<String>,
    pub confidence: f64,
    pub verdict: Verdict,
    /// A later claim supersedes it (a live `supersedes` relation).
    pub superseded: bool,
}

/// Why a claim does not count towards the reconciled range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotCounted {
    /// A reviewer's verdict is `false`.
    Refuted,
    /// Its confidence is below `min_confidence`.
    BelowMinConfidence,
    /// A later claim supersedes it (a live `supersedes` relation).
    Superseded,
}

impl Interval {
    /// Why it does not count, or `None` when it does.
    pub fn not_counted(&self, min_confidence: f64) -> Option<NotCounted> {
        if self.superseded {
            Some(NotCounted::Superseded)
        } else if self.verdict == Verdict::False {
            Some(NotCounted::Refuted)
        } else if self.confidence < min_confidence {
            Some(NotCounted::BelowMinConfidence)
        } else {
            None
        }
    }
}

/// What the credible claims in one unit say together.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ReconciledRange {
    /// The unit of every interval here (`null`: claims that gave none).
    pub unit: Option<String>,
    /// Claims in this unit.
    pub claims: usize,
    /// Of those, the ones that count (credible).
    pub counted_claims: usize,
    /// The range all counted claims allow; `null` when none counts, or when they conflict.
    pub range: Option<Bounds>,
    /// Set instead of `range` when the counted claims cannot all be true.
    pub conflict: Option<Conflict>,
    /// The value the property's `best` rule picks from `range`, with the claims it comes from;
    /// `null` when the property has no such rule, when there is no range, or when the rule
    /// needs an upper bound that the range lacks.
    pub best: Option<BestEstimate>,
}

/// The best value of an estimate: what the property's rule picks from the reconciled range.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct BestEstimate {
    /// The property's rule that picked it.
    pub rule: BestRule,
    #[serde(serialize_with = "crate::domain::claim::whole_or_fraction")]
    pub value: f64,
    /// The claims that set the bounds it comes from (for `midpoint`, both bounds'), in id order.
    pub from_claims: Vec<String>,
}

/// What `rule` picks from `bounds`: `None` when it needs an upper bound the range lacks.
pub fn best(rule: BestRule, bounds: &Bounds) -> Option<BestEstimate> {
    let (value, mut from_claims) = match rule {
        BestRule::Lower => (bounds.lower, bounds.lower_set_by.clone()),
        BestRule::Upper => (bounds.upper?, bounds.upper_set_by.clone()),
        BestRule::Midpoint => {
            let upper = bounds.upper?;
            let mut from = bounds.lower_set_by.clone();
            from.extend(bounds.upper_set_by.iter().cloned());
            (bounds.lower + (upper - bounds.lower) / 2.0, from)
        }
    };
    from_claims.sort();
    from_claims.dedup();
    Some(BestEstimate {
        rule,
        value,
        from_claims,
    })
}

/// Sets each range's `best` by `rule` (none without a rule).
pub fn with_best(ranges: &mut [ReconciledRange], rule: Option<BestRule>) {
    for range in ranges {
        range.best = rule.and_then(|rule| best(rule, range.range.as_ref()?));
    }
}

/// The intersection of the counted intervals.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Bounds {
    /// The highest lower bound of the counted claims.
    #[serde(serialize_with = "crate::domain::claim::whole_or_fraction")]
    pub lower: f64,
    /// The claims that set it (several when they agree).
    pub lower_set_by: Vec<String>,
    /// The lowest upper bound; `null` when every counted claim is open-ended.
    #[serde(serialize_with = "crate::domain::claim::optional_whole_or_fraction")]
    pub upper: Option<f64>,
    /// The claims that set it.
    pub upper_set_by: Vec<String>,
}

/// Counted claims whose intervals do not meet: some say more than others allow.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Conflict {
    /// The highest lower bound.
    #[serde(serialize_with = "crate::domain::claim::whole_or_fraction")]
    pub highest_lower: f64,
    /// The counted claims whose lower bound is above `lowest_upper`.
    pub claims_above: Vec<String>,
    /// The lowest upper bound.
    #[serde(serialize_with = "crate::domain::claim::whole_or_fraction")]
    pub lowest_upper: f64,
    /// The counted claims whose upper bound is below `highest_lower`.
    pub claims_below: Vec<String>,
}

/// Reconciles `intervals` per unit, units in order (no unit first).
pub fn reconcile(intervals: &[Interval], min_confidence: f64) -> Vec<ReconciledRange> {
    let mut units: Vec<Option<&str>> = intervals.iter().map(|i| i.unit.as_deref()).collect();
    units.sort();
    units.dedup();
    units
        .into_iter()
        .map(|unit| {
            let in_unit: Vec<&Interval> = intervals
                .iter()
                .filter(|i| i.unit.as_deref() == unit)
                .collect();
            let counted: Vec<&Interval> = in_unit
                .iter()
                .copied()
                .filter(|i| i.not_counted(min_confidence).is_none())
                .collect();
            let (range, conflict) = intersect(&counted);
            ReconciledRange {
                unit: unit.map(str::to_owned),
                claims: in_unit.len(),
                counted_claims: counted.len(),
                range,
                conflict,
                best: None,
            }
        })
        .collect()
}

fn intersect(counted: &[&Interval]) -> (Option<Bounds>, Option<Conflict>) {
    let Some(lower) = counted.iter().map(|i| i.lower).reduce(f64::max) else {
        return (None, None);
    };
    let upper = counted.iter().filter_map(|i| i.upper).reduce(f64::min);
    let ids = |keep: &dyn Fn(&Interval) -> bool| -> Vec<String> {
        counted
            .iter()
            .filter(|i| keep(i))
            .map(|i| i.claim_id.clone())
            .collect()
    };
    match upper {
        Some(upper) if lower > upper => (
            None,
            Some(Conflict {
                highest_lower: lower,
                claims_above: ids(&|i| i.lower > upper),
                lowest_upper: upper,
                claims_below: ids(&|i| i.upper.is_some_and(|u| u < lower)),
            }),
        ),
        _ => (
            Some(Bounds {
                lower,
                lower_set_by: ids(&|i| i.lower == lower),
                upper,
                upper_set_by: match upper {
                    Some(upper) => ids(&|i| i.upper == Some(upper)),
                    None => Vec::new(),
                },
            }),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str, lower: f64, upper: Option<f64>, confidence: f64) -> Interval {
        Interval {
            claim_id: id.into(),
            lower,
            upper,
            unit: Some("people".into()),
            confidence,
            verdict: Verdict::Unreviewed,
            superseded: false,
        }
    }

    #[test]
    fn the_range_is_the_intersection_with_the_claims_that_set_each_bound() {
        // Quetta: "at least 3 dead" (police), "3 dead" (hospital), "2 to 4" (a wire).
        let claims = [
            claim("police", 3.0, None, 0.8),
            claim("hospital", 3.0, Some(3.0), 0.9),
            claim("wire", 2.0, Some(4.0), 0.6),
        ];
        let [range] = reconcile(&claims, 0.5).try_into().expect("one unit");
        assert_eq!(range.claims, 3);
        assert_eq!(range.counted_claims, 3);
        assert_eq!(range.conflict, None);
        assert_eq!(
            range.range,
            Some(Bounds {
                lower: 3.0,
                lower_set_by: vec!["police".into(), "hospital".into()],
                upper: Some(3.0),
                upper_set_by: vec!["hospital".into()],
            })
        );
    }

    #[test]
    fn open_ended_claims_leave_the_range_open() {
        let claims = [claim("a", 20.0, None, 0.7), claim("b", 12.0, None, 0.7)];
        let [range] = reconcile(&claims, 0.5).try_into().expect("one unit");
        let bounds = range.range.expect("a range");
        assert_eq!((bounds.lower, bounds.upper), (20.0, None));
        assert_eq!(bounds.lower_set_by, ["a"]);
        assert!(bounds.upper_set_by.is_empty());
    }

    #[test]
    fn disjoint_intervals_are_a_conflict_not_a_number() {
        let claims = [
            claim("low", 1.0, Some(2.0), 0.7),
            claim("high", 5.0, Some(6.0), 0.7),
            claim("wide", 0.0, Some(10.0), 0.7),
        ];
        let [range] = reconcile(&claims, 0.5).try_into().expect("one unit");
        assert_eq!(range.range, None);
        assert_eq!(
            range.conflict,
            Some(Conflict {
                highest_lower: 5.0,
                claims_above: vec!["high".into()],
                lowest_upper: 2.0,
                claims_below: vec!["low".into()],
            })
        );
    }

    #[test]
    fn refuted_and_unlikely_claims_do_not_count() {
        let mut refuted = claim("refuted", 50.0, Some(50.0), 0.9);
        refuted.verdict = Verdict::False;
        let claims = [
            refuted,
            claim("unlikely", 40.0, Some(40.0), 0.2),
            claim("credible", 3.0, Some(4.0), 0.6),
        ];
        assert_eq!(claims[0].not_counted(0.5), Some(NotCounted::Refuted));
        assert_eq!(
            claims[1].not_counted(0.5),
            Some(NotCounted::BelowMinConfidence)
        );
        let [range] = reconcile(&claims, 0.5).try_into().expect("one unit");
        assert_eq!(range.counted_claims, 1);
        assert_eq!(range.range.expect("a range").lower_set_by, ["credible"]);
        // With no minimum, the unlikely claim counts and conflicts with the credible one.
        let [range] = reconcile(&claims, 0.0).try_into().expect("one unit");
        assert!(range.conflict.is_some());
    }

    #[test]
    fn a_rule_picks_the_best_value_from_the_range_with_the_claims_it_comes_from() {
        let claims = [
            claim("police", 3.0, None, 0.8),
            claim("hospital", 3.0, Some(6.0), 0.9),
            claim("wire", 2.0, Some(4.0), 0.6),
        ];
        let mut ranges = reconcile(&claims, 0.5);
        with_best(&mut ranges, None);
        assert_eq!(ranges[0].best, None, "no rule, no best");
        let pick = |rule| {
            let mut ranges = reconcile(&claims, 0.5);
            with_best(&mut ranges, Some(rule));
            ranges[0].best.clone().map(|b| (b.value, b.from_claims))
        };
        assert_eq!(
            pick(BestRule::Lower),
            Some((3.0, vec!["hospital".into(), "police".into()]))
        );
        assert_eq!(pick(BestRule::Upper), Some((4.0, vec!["wire".into()])));
        assert_eq!(
            pick(BestRule::Midpoint),
            Some((3.5, vec!["hospital".into(), "police".into(), "wire".into()]))
        );
        // Open-ended: a lower bound only; a conflict: nothing.
        let open = [claim("a", 20.0, None, 0.7)];
        let mut ranges = reconcile(&open, 0.5);
        with_best(&mut ranges, Some(BestRule::Midpoint));
        assert_eq!(ranges[0].best, None);
        with_best(&mut ranges, Some(BestRule::Lower));
        assert_eq!(ranges[0].best.as_ref().map(|b| b.value), Some(20.0));
        let conflict = [
            claim("low", 1.0, Some(2.0), 0.7),
            claim("high", 5.0, None, 0.7),
        ];
        let mut ranges = reconcile(&conflict, 0.5);
        with_best(&mut ranges, Some(BestRule::Lower));
        assert!(ranges[0].conflict.is_some());
        assert_eq!(ranges[0].best, None);
    }

    #[test]
    fn units_are_reconciled_apart_and_no_counted_claim_gives_no_range() {
        let mut kg = claim("kg", 100.0, Some(100.0), 0.9);
        kg.unit = Some("kg".into());
        let mut bare = claim("bare", 1.0, Some(1.0), 0.1);
        bare.unit = None;
        let ranges = reconcile(&[claim("people", 3.0, Some(3.0), 0.9), kg, bare], 0.5);
        let units: Vec<Option<&str>> = ranges.iter().map(|r| r.unit.as_deref()).collect();
        assert_eq!(units, [None, Some("kg"), Some("people")]);
        assert_eq!(
            (ranges[0].range.clone(), ranges[0].conflict.clone()),
            (None, None)
        );
        assert_eq!(ranges[1].range.as_ref().map(|b| b.lower), Some(100.0));
        assert_eq!(ranges[2].range.as_ref().map(|b| b.lower), Some(3.0));
    }
}
