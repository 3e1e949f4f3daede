//! Contradictions: when two claims cannot both be true, and the flag's workflow.

use chrono::NaiveDateTime;

use crate::domain::claim::ValueType;

crate::stored_enum! {
    /// Where a flag is in its workflow.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum FlagStatus {
        Open,
        Confirmed,
        Dismissed,
        Resolved,
    }
}

crate::stored_enum! {
    /// Who raised a flag.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum Origin {
        /// Found by the service when a structured claim was written.
        Detected,
        /// Raised by a person.
        Manual,
    }
}

/// What detection compares of a structured claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimFacts {
    pub id: String,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    /// Quantity bounds, or a time value's interval in Unix seconds; `upper: None` is open.
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Entities, texts and booleans: equal for equal values.
    pub key: Option<String>,
    /// When the event happened: `[start, end)`; None overlaps any time.
    pub occurred: Option<(NaiveDateTime, NaiveDateTime)>,
    pub retracted: bool,
    /// A live `supersedes` relation points at the claim: a later claim replaces it, so it
    /// conflicts with nothing.
    pub superseded: bool,
}

/// The property facts that decide what "cannot both be true" means.
#[derive(Debug, Clone, Copy)]
pub struct PropertyRule {
    pub value_type: ValueType,
    pub single_valued: bool,
}

/// Why two live claims about the same subject and property cannot both be true, or None
/// when they can.
pub fn conflict(a: &ClaimFacts, b: &ClaimFacts, rule: PropertyRule) -> Option<String> {
    if a.retracted || b.retracted || a.superseded || b.superseded || a.id == b.id {
        return None;
    }
    if a.subject_id.is_none()
        || a.subject_id != b.subject_id
        || a.property.is_none()
        || a.property != b.property
    {
        return None;
    }
    if let (Some((a_start, a_end)), Some((b_start, b_end))) = (a.occurred, b.occurred)
        && !(a_start < b_end && b_start < a_end)
    {
        return None;
    }
    match rule.value_type {
        // Intervals (quantities, and times of single-valued time properties) conflict when
        // they share no point. Bounds are inclusive; an open upper bound reaches infinity.
        ValueType::Quantity => {
            intervals_disjoint(a, b).then(|| "their quantity intervals do not overlap".to_owned())
        }
        ValueType::Time if rule.single_valued => {
            intervals_disjoint(a, b).then(|| "their times do not overlap".to_owned())
        }
        _ if rule.single_valued => (a.key.is_some() && b.key.is_some() && a.key != b.key)
            .then(|| "a single-valued property has two different values".to_owned()),
        _ => None,
    }
}

fn intervals_disjoint(a: &ClaimFacts, b: &ClaimFacts) -> bool {
    let (Some(a_lower), Some(b_lower)) = (a.lower, b.lower) else {
        return false;
    };
    let a_below_b = a.upper.is_some_and(|a_upper| a_upper < b_lower);
    let b_below_a = b.upper.is_some_and(|b_upper| b_upper < a_lower);
    a_below_b || b_below_a
}

/// The ordered pair a flag is stored under.
pub fn ordered_pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(id: &str, lower: f64, upper: Option<f64>) -> ClaimFacts {
        ClaimFacts {
            id: id.into(),
            subject_id: Some("attack".into()),
            property: Some("injured".into()),
            lower: Some(lower),
            upper,
            key: None,
            occurred: None,
            retracted: false,
            superseded: false,
        }
    }

    const QUANTITY: PropertyRule = PropertyRule {
        value_type: ValueType::Quantity,
        single_valued: false,
    };

    #[test]
    fn quantity_intervals_conflict_only_when_disjoint() {
        let at_least_20 = quantity("a", 20.0, None);
        assert!(conflict(&at_least_20, &quantity("b", 15.0, Some(15.0)), QUANTITY).is_some());
        assert!(conflict(&at_least_20, &quantity("b", 23.0, Some(23.0)), QUANTITY).is_none());
        assert!(
            conflict(
                &quantity("a", 1.0, None),
                &quantity("b", 3.0, Some(3.0)),
                QUANTITY
            )
            .is_none()
        );
        // Touching intervals share a point: no conflict.
        assert!(
            conflict(
                &quantity("a", 1.0, Some(5.0)),
                &quantity("b", 5.0, Some(9.0)),
                QUANTITY
            )
            .is_none()
        );
        assert!(
            conflict(
                &quantity("a", 1.0, Some(4.0)),
                &quantity("b", 5.0, Some(9.0)),
                QUANTITY
            )
            .is_some()
        );
        // Equal exact values agree.
        assert!(
            conflict(
                &quantity("a", 2.0, Some(2.0)),
                &quantity("b", 2.0, Some(2.0)),
                QUANTITY
            )
            .is_none()
        );
    }

    #[test]
    fn single_valued_properties_conflict_on_different_values() {
        let rule = PropertyRule {
            value_type: ValueType::Text,
            single_valued: true,
        };
        let mut motorbike = quantity("a", 0.0, None);
        motorbike.lower = None;
        motorbike.key = Some("motorbike".into());
        let mut rickshaw = motorbike.clone();
        rickshaw.id = "b".into();
        rickshaw.key = Some("rickshaw".into());
        assert!(conflict(&motorbike, &rickshaw, rule).is_some());
        let many = PropertyRule {
            value_type: ValueType::Text,
            single_valued: false,
        };
        assert!(conflict(&motorbike, &rickshaw, many).is_none());
    }

    #[test]
    fn claims_about_times_that_cannot_overlap_do_not_conflict() {
        let day = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2022, 11, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        };
        let mut a = quantity("a", 20.0, None);
        let mut b = quantity("b", 15.0, Some(15.0));
        a.occurred = Some((day(1), day(30)));
        b.occurred = Some((day(30), day(30) + chrono::Duration::days(1)));
        assert!(
            conflict(&a, &b, QUANTITY).is_none(),
            "[Nov 1, Nov 30) does not include Nov 30"
        );
        a.occurred = Some((day(1), day(30) + chrono::Duration::days(1)));
        assert!(conflict(&a, &b, QUANTITY).is_some());
        b.retracted = true;
        assert!(conflict(&a, &b, QUANTITY).is_none());
    }

    #[test]
    fn a_superseded_claim_conflicts_with_nothing() {
        let a = quantity("a", 20.0, None);
        let mut b = quantity("b", 1.0, Some(15.0));
        assert!(conflict(&a, &b, QUANTITY).is_some());
        b.superseded = true;
        assert!(conflict(&a, &b, QUANTITY).is_none());
        assert!(conflict(&b, &a, QUANTITY).is_none());
    }
}
