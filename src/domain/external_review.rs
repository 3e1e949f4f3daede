//! External reviews: another organisation's published rating of one of our claims (a
//! ClaimReview brought in by `POST /v1/imports/claimreview`). Kept beside the claim, never
//! folded into our own verdict.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::source::parse_language_tag;
use crate::domain::text::required_text;
use crate::domain::time::parse_date_or_time;
use crate::domain::{FieldError, Validator, parse_http_url};

/// A numeric rating on the publisher's own scale (schema.org `Rating`: `ratingValue`,
/// `bestRating`, `worstRating`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumericRating {
    #[schema(example = 1)]
    pub value: f64,
    /// The best value of the scale (schema.org's default is 5).
    #[serde(default)]
    #[schema(example = 5)]
    pub best: Option<f64>,
    /// The worst value of the scale (schema.org's default is 1).
    #[serde(default)]
    #[schema(example = 1)]
    pub worst: Option<f64>,
}

/// The content of an external review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalReviewDoc {
    /// The claim it rates.
    pub claim_id: String,
    /// The review's page (absolute http(s) URL); it identifies the review.
    #[schema(
        max_length = 2000,
        example = "https://factcheck.example.org/2022/quetta-attack"
    )]
    pub url: String,
    /// The publishing organisation's name.
    #[schema(max_length = 300, example = "Example Fact Check")]
    pub publisher: String,
    /// The publisher's site.
    #[serde(default)]
    #[schema(max_length = 2000, example = "https://factcheck.example.org")]
    pub publisher_url: Option<String>,
    /// The review's headline.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub title: Option<String>,
    /// When the review was published: a date (`2022-12-01`) or an RFC 3339 time.
    #[serde(default)]
    #[schema(example = "2022-12-01")]
    pub reviewed_at: Option<String>,
    /// The publisher's verdict in words (ClaimReview `reviewRating.alternateName`).
    #[serde(default)]
    #[schema(max_length = 300, example = "False")]
    pub textual_rating: Option<String>,
    /// The review's language (BCP 47).
    #[serde(default)]
    #[schema(example = "en")]
    pub language: Option<String>,
    #[serde(default)]
    pub rating: Option<NumericRating>,
}

impl ExternalReviewDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        if let Some(url) = v.check("/url", parse_http_url(&self.url)) {
            self.url = url;
        }
        if let Some(publisher) = v.check("/publisher", required_text(&self.publisher, 300)) {
            self.publisher = publisher;
        }
        self.publisher_url = v.optional(
            "/publisher_url",
            self.publisher_url.as_deref(),
            parse_http_url,
        );
        self.title = v.optional_text("/title", self.title.as_deref(), 500);
        self.textual_rating =
            v.optional_text("/textual_rating", self.textual_rating.as_deref(), 300);
        self.reviewed_at = v.optional(
            "/reviewed_at",
            self.reviewed_at.as_deref(),
            parse_date_or_time,
        );
        self.language = v.optional("/language", self.language.as_deref(), parse_language_tag);
        if let Some(rating) = &self.rating {
            let numbers = [Some(rating.value), rating.best, rating.worst];
            if numbers.iter().flatten().any(|n| !n.is_finite()) {
                v.push("/rating", "must hold finite numbers");
            } else if let (Some(best), Some(worst)) = (rating.best, rating.worst) {
                let (low, high) = if best >= worst {
                    (worst, best)
                } else {
                    (best, worst)
                };
                if !(low..=high).contains(&rating.value) {
                    v.push("/rating/value", "must lie between worst and best");
                }
            }
        }
        if self.textual_rating.is_none() && self.rating.is_none() {
            v.push("/textual_rating", "needs a textual or a numeric rating");
        }
        v.finish().map(|()| self)
    }
}
