//! Properties: the vocabulary of structured claims.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::claim::ValueType;
use crate::domain::text::required_text;
use crate::domain::{FieldError, Validator};

/// The content of a property (`key` and `value_type` are fixed once created).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertyDoc {
    /// Lowercase letters, digits, `_` and `.`: `fatalities.police`.
    #[schema(max_length = 100, example = "fatalities.police")]
    pub key: String,
    #[schema(max_length = 200, example = "Police fatalities")]
    pub label: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    pub value_type: ValueType,
    /// Whether a subject can have only one value at a time (two different values contradict).
    /// Quantities are compared as intervals whatever this says.
    #[serde(default)]
    pub single_valued: bool,
    /// The unit of quantities, e.g. `people`.
    #[serde(default)]
    #[schema(max_length = 50)]
    pub unit: Option<String>,
    /// Quantity properties only: how an estimate picks its `best` value from the reconciled
    /// range (`GET /v1/estimates`). Left out, estimates give none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<BestRule>,
}

crate::stored_enum! {
    /// How an estimate of a quantity property picks its `best` value from the range the
    /// credible claims allow together.
    /// `lower`: the range's lower bound (the highest lower bound of the counted claims: "at
    /// least").
    /// `upper`: its upper bound (none when the range is open-ended).
    /// `midpoint`: halfway between its bounds (none when the range is open-ended).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum BestRule {
        Lower,
        Upper,
        Midpoint,
    }
}

impl PropertyDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        let key = self.key.trim().to_owned();
        let key_ok = (1..=100).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
            && !key.starts_with('.')
            && !key.ends_with('.');
        if !key_ok {
            v.push(
                "/key",
                "must be 1–100 of a-z, 0-9, '_' and '.', not starting or ending with '.'",
            );
        }
        self.key = key;
        if let Some(label) = v.check("/label", required_text(&self.label, 200)) {
            self.label = label;
        }
        self.description = v.optional_text("/description", self.description.as_deref(), 2000);
        self.unit = v.optional_text("/unit", self.unit.as_deref(), 50);
        if self.unit.is_some() && self.value_type != ValueType::Quantity {
            v.push("/unit", "only quantity properties have a unit");
        }
        if self.best.is_some() && self.value_type != ValueType::Quantity {
            v.push("/best", "only quantity properties have a best-value rule");
        }
        v.finish().map(|()| self)
    }
}
