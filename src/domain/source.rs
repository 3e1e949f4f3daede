//! Sources: where claims come from, graded by the Admiralty reliability scale.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::required_text;
use crate::domain::time::parse_date_or_time;
use crate::domain::{FieldError, Validator, parse_http_url};

crate::stored_enum! {
    /// What kind of document a source is.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum SourceKind {
        Article,
        Report,
        OfficialStatement,
        SocialPost,
        Document,
        Interview,
        Dataset,
        Other,
        /// A published fact-check (a ClaimReview's page).
        FactCheck,
    }
}

crate::stored_enum! {
    /// NATO Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged.
    pub enum Reliability {
        A,
        B,
        C,
        D,
        E,
        F,
    }
}

/// The most sources one source may derive from.
pub const MAX_DERIVES_FROM: usize = 20;

crate::stored_enum! {
    /// How a source depends on another: `syndicates` (reprints its wire copy), `quotes`,
    /// `cites`, `based_on` (a report built on a dataset).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    #[derive(PartialOrd, Ord)]
    pub enum DerivationKind {
        Syndicates,
        Quotes,
        Cites,
        BasedOn,
    }
}

/// One source this source derives from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// The source derived from.
    #[schema(max_length = 100)]
    pub source_id: String,
    pub relation: DerivationKind,
}

/// The editable content of a source: the body of `POST /v1/sources`, what `PATCH` merges
/// into, and what each revision keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub kind: SourceKind,
    #[schema(
        max_length = 500,
        example = "Afghan Taliban, TTP And Pakistan: The Undeniable Nexus"
    )]
    pub title: String,
    /// Absolute http(s) URL.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub url: Option<String>,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// A date (`2022-12-01`) or an RFC 3339 time.
    #[serde(default)]
    #[schema(example = "2022-12-01")]
    pub published_at: Option<String>,
    /// A BCP 47 language tag, e.g. `en`, `ur`, `ps`.
    #[serde(default)]
    #[schema(example = "en")]
    pub language: Option<String>,
    /// Defaults to `F` (cannot be judged).
    #[serde(default = "default_reliability")]
    pub reliability: Reliability,
    /// Absolute http(s) URL of an archived copy.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub archived_url: Option<String>,
    /// The sources this one derives from (at most 20; no cycles: a source cannot derive,
    /// directly or through others, from itself). What counts as one origin of support
    /// follows from it.
    #[serde(default)]
    pub derives_from: Vec<Derivation>,
}

fn default_reliability() -> Reliability {
    Reliability::F
}

impl SourceDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        if let Some(title) = v.check("/title", required_text(&self.title, 500)) {
            self.title = title;
        }
        self.url = v.optional("/url", self.url.as_deref(), parse_http_url);
        self.archived_url = v.optional(
            "/archived_url",
            self.archived_url.as_deref(),
            parse_http_url,
        );
        self.publisher = v.optional_text("/publisher", self.publisher.as_deref(), 300);
        let mut authors = Vec::new();
        for (i, author) in self.authors.iter().enumerate() {
            if let Some(a) = v.check(&format!("/authors/{i}"), required_text(author, 300)) {
                authors.push(a);
            }
        }
        if authors.len() > 50 {
            v.push("/authors", "at most 50 authors");
        }
        self.authors = authors;
        self.published_at = v.optional(
            "/published_at",
            self.published_at.as_deref(),
            parse_date_or_time,
        );
        self.language = v.optional("/language", self.language.as_deref(), parse_language_tag);
        if self.derives_from.len() > MAX_DERIVES_FROM {
            v.push(
                "/derives_from",
                format!("at most {MAX_DERIVES_FROM} sources"),
            );
        }
        for (i, d) in self.derives_from.iter_mut().enumerate() {
            if let Some(id) = v.check(
                &format!("/derives_from/{i}/source_id"),
                required_text(&d.source_id, 100),
            ) {
                d.source_id = id;
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, d) in self.derives_from.iter().enumerate() {
            if !seen.insert(d.source_id.clone()) {
                v.push(&format!("/derives_from/{i}/source_id"), "is listed twice");
            }
        }
        self.derives_from.sort();
        v.finish().map(|()| self)
    }
}

/// A BCP 47 language tag (trimmed).
pub(crate) fn parse_language_tag(tag: &str) -> Result<String, String> {
    let tag = tag.trim();
    let ok = tag.len() <= 35
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        && tag.split('-').next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
        });
    if ok {
        Ok(tag.to_owned())
    } else {
        Err("must be a BCP 47 language tag such as en, ur or ps-AF".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_absolute_http() {
        let doc: SourceDoc = serde_json::from_value(serde_json::json!({
            "kind": "article", "title": "t", "url": "ftp://example.org/x", "archived_url": "/relative",
            "published_at": "yesterday", "language": "english!"
        }))
        .unwrap();
        let pointers: Vec<_> = doc
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.pointer)
            .collect();
        assert_eq!(
            pointers,
            ["/url", "/archived_url", "/published_at", "/language"]
        );
    }

    #[test]
    fn reliability_defaults_to_f() {
        let doc: SourceDoc =
            serde_json::from_value(serde_json::json!({"kind": "report", "title": "t"})).unwrap();
        assert_eq!(doc.validate().unwrap().reliability, Reliability::F);
    }
}
