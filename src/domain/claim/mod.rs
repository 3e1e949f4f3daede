//! Claims: the document a client writes (`ClaimDoc`, also the target of a merge patch), its
//! rules, and the derived forms the store indexes (`statement_key`; a value's `Comparable` is
//! in `value.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::{normalize_statement, optional_text, required_text};
use crate::domain::time::TimeValue;
use crate::domain::{Validator, parse_http_url};

pub const MAX_STATEMENT_CHARS: usize = 4000;
pub const MAX_QUOTE_CHARS: usize = 2000;
pub const MAX_CITATIONS: usize = 50;
pub const MAX_TAGS: usize = 20;

mod value;

use value::validate_value;
pub use value::{ClaimValue, Comparable, ValueType, whole_number};
pub(crate) use value::{optional_whole_or_fraction, whole_or_fraction};

/// Who made the claim: an entity, a free-text description, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Claimant {
    #[serde(default)]
    pub entity_id: Option<String>,
    #[serde(default)]
    #[schema(
        max_length = 500,
        example = "Tehreek-e-Taliban Pakistan (claim of responsibility)"
    )]
    pub text: Option<String>,
}

/// A claim's link to a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationDoc {
    pub source_id: String,
    /// The exact supporting words (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000, example = "causing at least one police fatality")]
    pub quote: Option<String>,
    /// Where in the source: "paragraph 2", "p. 14", "03:12".
    #[serde(default)]
    #[schema(max_length = 200, example = "paragraph 2")]
    pub locator: Option<String>,
    /// A more precise URL than the source's own (an anchor, a timestamped link).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub url: Option<String>,
    /// What the source is to the claim: `evidence` (the default) or `appearance`, where the
    /// claim itself was made (ClaimReview's `appearance`).
    #[serde(default)]
    pub role: CitationRole,
    /// The entity the source attributes the quoted statement to — "police said", "the TTP
    /// claimed" — distinct from the source and from the claim's claimant. With the source's
    /// roots it makes an independent origin (`corroboration`).
    #[serde(default)]
    #[schema(max_length = 100, example = "ent_police")]
    pub attributed_to: Option<String>,
}

crate::stored_enum! {
    /// What a cited source is to a claim.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    #[derive(Default)]
    pub enum CitationRole {
        /// It supports (or refutes) the claim.
        #[default]
        Evidence,
        /// The claim was made there: a post, a speech, an article that states it.
        Appearance,
    }
}

impl CitationRole {
    /// True for the default role (which snapshots leave out).
    pub fn is_evidence(&self) -> bool {
        *self == CitationRole::Evidence
    }
}

/// Our published fact-check of a claim, as ClaimReview carries it: set with the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedReview {
    /// Where the review is published, on the publisher's site (ClaimReview `url`).
    #[schema(
        max_length = 2000,
        example = "https://factcheck.example.org/2022/12/quetta-casualties"
    )]
    pub url: String,
    /// The review's headline.
    #[serde(default)]
    #[schema(max_length = 300, example = "How many died in the Quetta attack?")]
    pub headline: Option<String>,
    /// When the review was published (a date, `2022-12-02`).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date, example = "2022-12-02")]
    pub date_published: Option<chrono::NaiveDate>,
    /// The rating in words (ClaimReview `reviewRating.alternateName`), e.g. `Mostly true`.
    /// Default: the verdict in words.
    #[serde(default)]
    #[schema(max_length = 100, example = "Partly false")]
    pub rating_text: Option<String>,
    /// A numeric rating on a scale you document, e.g. 1 (false) to 5 (true).
    #[serde(default)]
    pub rating: Option<NumericRating>,
}

/// A rating on a numeric scale: `worst` ≤ `value` ≤ `best`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumericRating {
    #[schema(example = 2)]
    pub value: i32,
    #[schema(example = 5)]
    pub best: i32,
    #[schema(example = 1)]
    pub worst: i32,
}

impl PublishedReview {
    /// Checks the review, naming bad fields under `prefix`; returns it cleaned (trimmed).
    pub fn validate(mut self, prefix: &str, v: &mut Validator) -> PublishedReview {
        if let Some(url) = v.check(&format!("{prefix}/url"), parse_http_url(&self.url)) {
            self.url = url;
        }
        self.headline =
            v.optional_text(&format!("{prefix}/headline"), self.headline.as_deref(), 300);
        self.rating_text = v.optional_text(
            &format!("{prefix}/rating_text"),
            self.rating_text.as_deref(),
            100,
        );
        if let Some(r) = &self.rating
            && !(r.worst < r.best && (r.worst..=r.best).contains(&r.value))
        {
            v.push(
                &format!("{prefix}/rating"),
                "needs worst < best and value from worst to best",
            );
        }
        self
    }
}

impl Verdict {
    /// The verdict in words, as a published rating says it.
    pub fn in_words(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "Unreviewed",
            Verdict::Verified => "True",
            Verdict::Misleading => "Misleading",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
        }
    }
}

/// The editable content of a claim: the body of `POST /v1/claims`, what `PATCH` merges into,
/// and what each revision keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimDoc {
    /// The assertion in plain words (1–4000 characters, trimmed).
    #[schema(
        max_length = 4000,
        example = "At least one police officer was killed in the attack on the Balochistan Constabulary truck in Quetta."
    )]
    pub statement: String,
    /// The entity the claim is about (with `property` and `value`: all three or none).
    #[serde(default)]
    pub subject_id: Option<String>,
    /// A property key, e.g. `fatalities.police`.
    #[serde(default)]
    #[schema(example = "fatalities.police")]
    pub property: Option<String>,
    #[serde(default)]
    pub value: Option<ClaimValue>,
    /// When the event happened, with its precision.
    #[serde(default)]
    pub occurred_at: Option<TimeValue>,
    #[serde(default)]
    #[schema(max_length = 300, example = "Quetta, Balochistan, Pakistan")]
    pub place: Option<String>,
    /// When the claim was made.
    #[serde(default)]
    pub claimed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub claimant: Option<Claimant>,
    /// The analyst's probability that the claim is true, 0 to 1.
    #[schema(example = 0.75, minimum = 0.0, maximum = 1.0)]
    pub confidence: f64,
    /// Admiralty credibility: 1 confirmed … 5 improbable, 6 cannot be judged.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 6, example = 3)]
    pub credibility: Option<i32>,
    /// Free labels, stored lowercase.
    #[serde(default)]
    #[schema(example = json!(["ttp", "quetta-2022-11-30"]))]
    pub tags: Vec<String>,
    /// At least one.
    pub citations: Vec<CitationDoc>,
}

impl ClaimDoc {
    /// Checks everything that needs no database, naming each bad field; returns the claim
    /// cleaned (trimmed, tags normalised).
    pub fn validate(mut self) -> Result<ClaimDoc, Vec<crate::domain::FieldError>> {
        let mut v = Validator::new();
        if let Some(statement) = v.check(
            "/statement",
            required_text(&self.statement, MAX_STATEMENT_CHARS),
        ) {
            self.statement = statement;
        }
        self.validate_structured(&mut v);
        if let Some(t) = &self.occurred_at {
            v.check("/occurred_at/value", t.span());
        }
        if let Ok(place) =
            optional_text(self.place.as_deref(), 300).map_err(|e| v.push("/place", e))
        {
            self.place = place;
        }
        if let Some(claimant) = &mut self.claimant {
            claimant.text = v.optional_text("/claimant/text", claimant.text.as_deref(), 500);
            claimant.entity_id = claimant
                .entity_id
                .as_ref()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            if claimant.text.is_none() && claimant.entity_id.is_none() {
                v.push("/claimant", "needs an entity_id or a text");
            }
        }
        if !(self.confidence.is_finite() && (0.0..=1.0).contains(&self.confidence)) {
            v.push("/confidence", "must be a number from 0 to 1");
        }
        if let Some(c) = self.credibility
            && !(1..=6).contains(&c)
        {
            v.push("/credibility", "must be 1 to 6 (Admiralty credibility)");
        }
        self.tags = normalize_tags(&self.tags, &mut v);
        if self.citations.is_empty() {
            v.push("/citations", "needs at least one citation");
        }
        if self.citations.len() > MAX_CITATIONS {
            v.push("/citations", format!("at most {MAX_CITATIONS} citations"));
        }
        for (i, citation) in self.citations.iter_mut().enumerate() {
            citation.source_id = citation.source_id.trim().to_owned();
            if citation.source_id.is_empty() {
                v.push(&format!("/citations/{i}/source_id"), "is required");
            }
            citation.quote = v.optional_text(
                &format!("/citations/{i}/quote"),
                citation.quote.as_deref(),
                MAX_QUOTE_CHARS,
            );
            citation.locator = v.optional_text(
                &format!("/citations/{i}/locator"),
                citation.locator.as_deref(),
                200,
            );
            citation.url = v.optional(
                &format!("/citations/{i}/url"),
                citation.url.as_deref(),
                parse_http_url,
            );
            citation.attributed_to = v.optional_text(
                &format!("/citations/{i}/attributed_to"),
                citation.attributed_to.as_deref(),
                100,
            );
        }
        v.finish()?;
        Ok(self)
    }

    /// The structured part is all three of subject, property and value, or none of them.
    fn validate_structured(&mut self, v: &mut Validator) {
        let any = self.subject_id.is_some() || self.property.is_some() || self.value.is_some();
        if !any {
            return;
        }
        let trimmed = |field: &Option<String>| {
            field
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let (subject_id, property) = (trimmed(&self.subject_id), trimmed(&self.property));
        if subject_id.is_none() {
            v.push("/subject_id", "is required with property and value");
        }
        if property.is_none() {
            v.push("/property", "is required with subject_id and value");
        }
        let Some(value) = self.value.take() else {
            v.push("/value", "is required with subject_id and property");
            return;
        };
        // The value is checked even when the subject or property is missing, so that the
        // client hears about every bad field at once.
        self.value = Some(validate_value(value, v));
        self.subject_id = subject_id;
        self.property = property;
    }
}

/// Equal for claims that say the same thing about the same subject: the normalised statement
/// and the structured part (subject, property, value). Whether they also share a source is
/// checked against the database.
pub fn statement_key(statement: &str, structured: Option<(&str, &str, &ClaimValue)>) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(normalize_statement(statement).as_bytes());
    if let Some((subject_id, property, value)) = structured {
        hasher.update(b"\x1f");
        hasher.update(subject_id.as_bytes());
        hasher.update(b"\x1f");
        hasher.update(property.as_bytes());
        hasher.update(b"\x1f");
        hasher.update(serde_json::to_string(value).unwrap_or_default().as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Tags: trimmed, case-folded, inner white space as `-`, 1–50 characters, no duplicates,
/// sorted (a claim's tags are a set: the database gives them back in this order).
fn normalize_tags(raw: &[String], v: &mut Validator) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    if raw.len() > MAX_TAGS {
        v.push("/tags", format!("at most {MAX_TAGS} tags"));
    }
    for (i, tag) in raw.iter().enumerate() {
        let tag = crate::domain::text::fold_key(tag).replace(' ', "-");
        match tag.chars().count() {
            0 => v.push(&format!("/tags/{i}"), "must not be blank"),
            n if n > 50 => v.push(&format!("/tags/{i}"), "must be at most 50 characters"),
            _ if !tags.contains(&tag) => tags.push(tag),
            _ => {}
        }
    }
    tags.sort();
    tags
}

/// The ICD 203 estimative label of a probability; each band is closed below and open above
/// (1.0 belongs to the last).
pub fn confidence_label(confidence: f64) -> &'static str {
    match confidence {
        c if c < 0.05 => "almost no chance",
        c if c < 0.20 => "very unlikely",
        c if c < 0.45 => "unlikely",
        c if c < 0.55 => "roughly even chance",
        c if c < 0.80 => "likely",
        c if c < 0.95 => "very likely",
        _ => "almost certain",
    }
}

crate::stored_enum! {
    /// The reviewers' rating.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum Verdict {
        Unreviewed,
        Verified,
        Misleading,
        False,
        Unverifiable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> ClaimDoc {
        serde_json::from_value(serde_json::json!({
            "statement": "  At least 20 police personnel were injured.  ",
            "subject_id": "e1", "property": "injured",
            "value": {"type": "quantity", "lower": 20, "upper": null, "unit": "people"},
            "confidence": 0.7,
            "tags": ["TTP", "Quetta 2022"],
            "citations": [{"source_id": "s1", "quote": "At least 20 other police personnel"}]
        }))
        .unwrap()
    }

    #[test]
    fn a_valid_claim_is_normalised() {
        let claim = doc().validate().unwrap();
        assert_eq!(
            claim.statement,
            "At least 20 police personnel were injured."
        );
        assert_eq!(claim.tags, vec!["quetta-2022", "ttp"]);
        let value = claim.value.unwrap().comparable();
        assert_eq!((value.lower, value.upper), (Some(20.0), None));
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut d = doc();
        d.statement = "   ".into();
        d.confidence = 1.5;
        d.credibility = Some(7);
        d.value = Some(ClaimValue::Quantity {
            lower: 5.0,
            upper: Some(2.0),
            unit: None,
        });
        d.citations[0].source_id = "".into();
        let errors = d.validate().unwrap_err();
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/statement",
                "/value/upper",
                "/confidence",
                "/credibility",
                "/citations/0/source_id"
            ]
        );
    }

    #[test]
    fn the_structured_part_is_all_or_nothing() {
        let mut d = doc();
        d.property = None;
        let errors = d.validate().unwrap_err();
        assert_eq!(errors[0].pointer, "/property");
    }

    #[test]
    fn duplicates_share_a_statement_key() {
        let key = |d: ClaimDoc| {
            let d = d.validate().unwrap();
            let structured = Some((
                d.subject_id.as_deref().unwrap(),
                d.property.as_deref().unwrap(),
                d.value.as_ref().unwrap(),
            ));
            statement_key(&d.statement, structured)
        };
        let mut d = doc();
        d.statement = "at least 20 police personnel were INJURED".into();
        assert_eq!(key(doc()), key(d));
    }

    #[test]
    fn confidence_labels_follow_icd_203_bands() {
        assert_eq!(confidence_label(0.0), "almost no chance");
        assert_eq!(confidence_label(0.05), "very unlikely");
        assert_eq!(confidence_label(0.45), "roughly even chance");
        assert_eq!(confidence_label(0.549), "roughly even chance");
        assert_eq!(confidence_label(0.55), "likely");
        assert_eq!(confidence_label(0.95), "almost certain");
        assert_eq!(confidence_label(1.0), "almost certain");
    }
}
