//! What a claim asserts in structured form (`ClaimValue`), its rules, and the comparable
//! form detection and the duplicate check use (`Comparable`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Validator;
use crate::domain::text::{normalize_statement, required_text};
use crate::domain::time::{Precision, TimeValue};

/// What a claim asserts, in structured form; its `type` must match the property's `value_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClaimValue {
    /// An interval: `lower == upper` is exact, `upper: null` is open-ended ("at least").
    Quantity {
        #[serde(serialize_with = "whole_or_fraction")]
        lower: f64,
        #[serde(default, serialize_with = "optional_whole_or_fraction")]
        upper: Option<f64>,
        #[serde(default)]
        unit: Option<String>,
    },
    /// Another entity (a perpetrator, a signatory, a place).
    Entity { entity_id: String },
    /// Free text (a name, a description) where no entity fits.
    Text { text: String },
    /// A date or time, with the precision it is known to.
    Time { value: String, precision: Precision },
    /// Yes or no.
    Boolean { value: bool },
}

/// Writes `20` rather than `20.0` for whole numbers, so counts read back as they were sent.
pub(crate) fn whole_or_fraction<S: serde::Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match whole_number(*value) {
        Some(whole) => serializer.serialize_i64(whole),
        None => serializer.serialize_f64(*value),
    }
}

/// `value` as a whole number, when it is one that an `f64` holds exactly.
pub fn whole_number(value: f64) -> Option<i64> {
    (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
}

pub(crate) fn optional_whole_or_fraction<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => whole_or_fraction(v, serializer),
        None => serializer.serialize_none(),
    }
}

impl ClaimValue {
    pub fn value_type(&self) -> ValueType {
        match self {
            ClaimValue::Quantity { .. } => ValueType::Quantity,
            ClaimValue::Entity { .. } => ValueType::Entity,
            ClaimValue::Text { .. } => ValueType::Text,
            ClaimValue::Time { .. } => ValueType::Time,
            ClaimValue::Boolean { .. } => ValueType::Boolean,
        }
    }
}

crate::stored_enum! {
    /// The type of a property's values.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum ValueType {
        Quantity,
        Entity,
        Text,
        Time,
        Boolean,
    }
}

/// The structured part of a claim, in the form that makes values comparable (for detection
/// and the duplicate check): quantities and times as bounds, the rest as a key.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparable {
    /// Quantities: the bounds; times: the interval as Unix seconds. Open upper = None.
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Entities, texts and booleans: a key equal for equal values.
    pub key: Option<String>,
}

impl ClaimValue {
    /// The comparable form of a (valid) value.
    pub fn comparable(&self) -> Comparable {
        let (lower, upper, key) = match self {
            ClaimValue::Quantity { lower, upper, .. } => (Some(*lower), *upper, None),
            ClaimValue::Entity { entity_id } => (None, None, Some(entity_id.clone())),
            ClaimValue::Text { text } => (None, None, Some(normalize_statement(text))),
            ClaimValue::Time { value, precision } => {
                let span = TimeValue {
                    value: value.clone(),
                    precision: *precision,
                }
                .span();
                match span {
                    Ok(span) => (
                        Some(span.start.and_utc().timestamp() as f64),
                        Some((span.end.and_utc().timestamp() - 1) as f64),
                        None,
                    ),
                    Err(_) => (None, None, None),
                }
            }
            ClaimValue::Boolean { value } => (None, None, Some(value.to_string())),
        };
        Comparable { lower, upper, key }
    }
}

pub(super) fn validate_value(value: ClaimValue, v: &mut Validator) -> ClaimValue {
    match value {
        ClaimValue::Quantity { lower, upper, unit } => {
            if !lower.is_finite() {
                v.push("/value/lower", "must be a finite number");
            }
            if let Some(u) = upper {
                if !u.is_finite() {
                    v.push(
                        "/value/upper",
                        "must be a finite number or null (open-ended)",
                    );
                } else if u < lower {
                    v.push("/value/upper", "must be at least lower");
                }
            }
            let unit = v.optional_text("/value/unit", unit.as_deref(), 50);
            ClaimValue::Quantity { lower, upper, unit }
        }
        ClaimValue::Entity { entity_id } => {
            let entity_id = entity_id.trim().to_owned();
            if entity_id.is_empty() {
                v.push("/value/entity_id", "is required");
            }
            ClaimValue::Entity { entity_id }
        }
        ClaimValue::Text { text } => match required_text(&text, 1000) {
            Ok(text) => ClaimValue::Text { text },
            Err(e) => {
                v.push("/value/text", e);
                ClaimValue::Text { text }
            }
        },
        ClaimValue::Time { value, precision } => {
            let time = TimeValue {
                value: value.trim().to_owned(),
                precision,
            };
            if let Err(e) = time.span() {
                v.push("/value/value", e);
            }
            ClaimValue::Time {
                value: time.value,
                precision,
            }
        }
        boolean @ ClaimValue::Boolean { .. } => boolean,
    }
}
