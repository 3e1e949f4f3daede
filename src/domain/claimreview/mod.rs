//! Reading published fact-checks: schema.org ClaimReview (JSON-LD, as a document, an array,
//! an `@graph`, or `<script type="application/ld+json">` blocks of an HTML page) and Google
//! Fact Check Tools `claims:search` responses, into [`ImportItem`]s: one per review, with
//! every input field that did not map named by JSON pointer.
//!
//! Nothing is fetched: a JSON-LD `@context` is never resolved. Terms are read by their
//! schema.org names, with or without a `schema:` or `http(s)://schema.org/` prefix.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::domain::FieldError;
use crate::domain::claim::{ClaimValue, MAX_STATEMENT_CHARS};
use crate::domain::entity::EntityKind;
use crate::domain::external_review::{ExternalReviewDoc, NumericRating};
use crate::domain::source::parse_language_tag;
use crate::domain::text::{optional_text, required_text};
use crate::domain::time::{TimeValue, parse_date_or_time};
use crate::domain::{Validator, parse_http_url};

/// The most reviews one import takes.
pub const MAX_REVIEWS: usize = 1000;
/// The most appearances kept per review.
pub const MAX_APPEARANCES: usize = 20;
/// How deep arrays, `@graph`s and Fact Check Tools responses may nest.
pub(super) const MAX_NESTING: usize = 8;

/// An input field the import did not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnmappedField {
    /// JSON pointer (RFC 6901) into the body; for an HTML page, into the page's JSON-LD
    /// blocks (`/scripts/0/...` is the first block).
    #[schema(example = "/claims/0/claimReview/0/publisher/logo")]
    pub pointer: String,
    #[schema(example = "not kept by claimledger")]
    pub reason: String,
}

/// A JSON-LD node the import passed over (another `@type` in a page or an `@graph`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IgnoredNode {
    #[schema(example = "/scripts/1")]
    pub pointer: String,
    /// Its `@type`, when it has one.
    #[schema(example = "Organization")]
    pub r#type: Option<String>,
    pub reason: String,
}

/// Who made the reviewed claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantIn {
    pub name: String,
    pub kind: EntityKind,
}

/// Where the claim was made: a URL and, when given, its headline.
#[derive(Debug, Clone, PartialEq)]
pub struct AppearanceIn {
    pub pointer: String,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
}

/// An entity named by a claimledger extension: by id (in this ledger), or by name.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRef {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: EntityKind,
}

/// The value of a structured part: an entity is resolved in the target ledger.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueIn {
    Entity(EntityRef),
    Other(ClaimValue),
}

/// A claim's structured part: subject, property and value.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredPart {
    pub subject: EntityRef,
    pub property: String,
    pub value: ValueIn,
}

/// What a claimledger export carries about the claim (`claimledger:claim`, in `itemReviewed`
/// or on the review): its whole statement, its structured part when it has one, and the rest
/// of the claim that schema.org has no word for.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredIn {
    pub pointer: String,
    pub part: Option<StructuredPart>,
    pub occurred_at: Option<TimeValue>,
    pub place: Option<String>,
    pub confidence: Option<f64>,
    pub credibility: Option<i32>,
    pub tags: Vec<String>,
}

/// One review, read and checked: what the import writes for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// Where it is in the input.
    pub pointer: String,
    pub statement: String,
    pub claimant: Option<ClaimantIn>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub appearances: Vec<AppearanceIn>,
    /// The review; its `claim_id` is filled in when the claim is known.
    pub review: ExternalReviewDoc,
    pub structured: Option<StructuredIn>,
    pub unmapped: Vec<UnmappedField>,
}

/// What a body holds: the reviews to import, the nodes passed over, and the items that cannot
/// be imported at all (each makes the import a 422).
#[derive(Debug, Default)]
pub struct Parsed {
    pub items: Vec<ImportItem>,
    pub ignored: Vec<IgnoredNode>,
    pub failures: Vec<FieldError>,
    /// Unmapped fields outside any item (a Fact Check Tools `nextPageToken`).
    pub unmapped: Vec<UnmappedField>,
}

/// Reads a JSON body (`application/json`, `application/ld+json`).
pub fn parse_json_body(value: &Value) -> Parsed {
    let mut parsed = Parsed::default();
    walk_top(value, "", Context::Body, 0, &mut parsed);
    parsed
}

/// Reads an HTML page: every `<script type="application/ld+json">` block, as `/scripts/<n>`.
/// A page's other JSON-LD (its `WebSite`, `Organization`, `BreadcrumbList`) is passed over
/// and reported as ignored; a block that is not JSON makes the import a 422.
pub fn parse_html_body(html: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (n, block) in json_ld_blocks(html).into_iter().enumerate() {
        let pointer = format!("/scripts/{n}");
        match serde_json::from_str::<Value>(block.trim()) {
            Ok(value) => walk_top(&value, &pointer, Context::Page, 0, &mut parsed),
            Err(e) => parsed.failures.push(FieldError::new(
                pointer,
                format!("this application/ld+json block is not JSON: {e}"),
            )),
        }
    }
    parsed
}

/// Where a node was found: what is done with a node of another type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Context {
    /// Sent as an item (the body, or an element of a top-level array): it must be a review.
    Body,
    /// In an `@graph` or an HTML page, among other nodes: others are passed over.
    Page,
}

pub(super) fn walk_top(
    value: &Value,
    pointer: &str,
    context: Context,
    depth: usize,
    out: &mut Parsed,
) {
    if depth > MAX_NESTING {
        out.failures.push(FieldError::new(
            pointer,
            format!("nested deeper than {MAX_NESTING} arrays or graphs"),
        ));
        return;
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_top(item, &format!("{pointer}/{i}"), context, depth + 1, out);
            }
        }
        Value::Object(object) => {
            if let Some(graph) = object.get("@graph") {
                let graph_pointer = format!("{pointer}/@graph");
                match graph {
                    Value::Array(nodes) => {
                        for (i, node) in nodes.iter().enumerate() {
                            walk_top(
                                node,
                                &format!("{graph_pointer}/{i}"),
                                Context::Page,
                                depth + 1,
                                out,
                            );
                        }
                    }
                    node => walk_top(node, &graph_pointer, Context::Page, depth + 1, out),
                }
                for key in object
                    .keys()
                    .filter(|k| !matches!(k.as_str(), "@graph" | "@context"))
                {
                    out.unmapped.push(UnmappedField {
                        pointer: format!("{pointer}/{}", escape(key)),
                        reason: "not kept by claimledger".into(),
                    });
                }
                return;
            }
            let types = types_of(object);
            if types.is_empty()
                && let Some(Value::Array(claims)) = object.get("claims")
            {
                fact_check_tools(object, claims, pointer, out);
                return;
            }
            if types.iter().any(|t| t == "ClaimReview") {
                match claim_review(object, pointer) {
                    Ok(item) => out.items.push(item),
                    Err(errors) => out.failures.extend(errors),
                }
                return;
            }
            let r#type = (!types.is_empty()).then(|| types.join(", "));
            match context {
                Context::Page => out.ignored.push(IgnoredNode {
                    pointer: pointer.to_owned(),
                    r#type,
                    reason: "not a ClaimReview".into(),
                }),
                Context::Body => out.failures.push(FieldError::new(
                    pointer,
                    match r#type {
                        Some(t) => format!(
                            "@type {t} is not supported: send ClaimReview documents, an @graph, \
                             or a Fact Check Tools response"
                        ),
                        None => "is neither a ClaimReview (no @type) nor a Fact Check Tools \
                                 response (no claims array)"
                            .into(),
                    },
                )),
            }
        }
        _ => match context {
            Context::Page => out.ignored.push(IgnoredNode {
                pointer: pointer.to_owned(),
                r#type: None,
                reason: "not a JSON-LD node".into(),
            }),
            Context::Body => out.failures.push(FieldError::new(
                pointer,
                "must be a ClaimReview object, an array of them, or a Fact Check Tools response",
            )),
        },
    }
}

/// A JSON pointer reference token (RFC 6901).
pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A term's schema.org name: `schema:url`, `http://schema.org/url` and `url` are one term.
pub(super) fn term(key: &str) -> &str {
    for prefix in [
        "schema:",
        "http://schema.org/",
        "https://schema.org/",
        "sdo:",
    ] {
        if let Some(rest) = key.strip_prefix(prefix) {
            return rest;
        }
    }
    key
}

pub(super) fn types_of(object: &Map<String, Value>) -> Vec<String> {
    let raw = object.get("@type").or_else(|| object.get("type"));
    let names: Vec<&str> = match raw {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    names.into_iter().map(|t| term(t).to_owned()).collect()
}

/// An object being read: the fields taken are marked, the rest are reported as unmapped.
pub(super) struct Node<'a> {
    object: &'a Map<String, Value>,
    pointer: String,
    used: Vec<&'a str>,
}

impl<'a> Node<'a> {
    fn new(object: &'a Map<String, Value>, pointer: impl Into<String>) -> Self {
        let mut node = Self {
            object,
            pointer: pointer.into(),
            used: Vec::new(),
        };
        for key in ["@context", "@type", "@id", "type"] {
            node.take(key);
        }
        node
    }

    /// The field named `name` (by its schema.org term), marked as used.
    fn take(&mut self, name: &str) -> Option<(String, &'a Value)> {
        let (key, value) = self.object.iter().find(|(k, _)| term(k) == name)?;
        self.used.push(key.as_str());
        Some((format!("{}/{}", self.pointer, escape(key)), value))
    }

    /// The review's `url`, the page that identifies it (required), as `as_url` reads it.
    fn review_url(
        &mut self,
        v: &mut Validator,
        as_url: impl FnOnce(&'a Value) -> Option<&'a str>,
    ) -> Option<String> {
        match self.take("url") {
            Some((p, value)) => v.check(
                &p,
                as_url(value)
                    .ok_or_else(|| "is not a URL".to_owned())
                    .and_then(|u| parse_http_url(clean(u)?)),
            ),
            None => {
                let missing = "has no url (the review's page, which identifies it)";
                v.push(&self.pointer, missing);
                None
            }
        }
    }

    /// The fields not taken, with `reason`.
    fn rest(&self, reason: &str, out: &mut Vec<UnmappedField>) {
        for key in self.object.keys() {
            if !self.used.contains(&key.as_str()) {
                out.push(UnmappedField {
                    pointer: format!("{}/{}", self.pointer, escape(key)),
                    reason: reason.into(),
                });
            }
        }
    }
}

pub(super) const NOT_KEPT: &str = "not kept by claimledger";

/// A text value: a string, or a JSON-LD value object (`{"@value": "…"}`).
pub(super) fn text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("@value").and_then(Value::as_str),
        _ => None,
    }
}

/// A number: a JSON number, or a string holding one (`"ratingValue": "1"`).
pub(super) fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Object(o) => o.get("@value").and_then(number),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

/// A URL value: a string, `{"@id": …}`, or a node with a `url`.
pub(super) fn url_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("@id").and_then(Value::as_str).or_else(|| {
            o.iter()
                .find(|(k, _)| term(k) == "url")
                .and_then(|(_, v)| text(v))
        }),
        _ => None,
    }
}

pub(super) fn has_nul(s: &str) -> bool {
    s.contains('\0')
}

/// A text field that must hold no NUL character (PostgreSQL cannot store one).
pub(super) fn clean(s: &str) -> Result<&str, String> {
    if has_nul(s) {
        Err("must not contain the NUL character (U+0000)".into())
    } else {
        Ok(s)
    }
}

/// A date, an RFC 3339 time, or a date-time without zone (read as its date).
pub(super) fn review_date(raw: &str) -> Result<String, String> {
    let raw = clean(raw)?.trim();
    parse_date_or_time(raw).or_else(|e| {
        NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
            .map(|t| t.date().format("%Y-%m-%d").to_string())
            .map_err(|_| e)
    })
}

/// When a claim was made: a date (midnight UTC) or an RFC 3339 time.
pub(super) fn claim_date(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = clean(raw)?.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f") {
        return Ok(t.and_utc());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("{raw:?} is neither a date (2022-12-01) nor an RFC 3339 time"))
}

/// Reads an optional field with `parse`; a value that does not parse is reported unmapped.
pub(super) fn optional<T>(
    field: Option<(String, &Value)>,
    parse: impl FnOnce(&Value) -> Result<T, String>,
    unmapped: &mut Vec<UnmappedField>,
) -> Option<T> {
    let (pointer, value) = field?;
    if value.is_null() {
        return None;
    }
    match parse(value) {
        Ok(v) => Some(v),
        Err(reason) => {
            unmapped.push(UnmappedField { pointer, reason });
            None
        }
    }
}

pub(super) fn string_field(value: &Value) -> Result<String, String> {
    text(value)
        .ok_or_else(|| "is not a string".to_owned())
        .and_then(|s| clean(s).map(str::to_owned))
}

pub(super) fn entity_kind(object: &Map<String, Value>) -> EntityKind {
    let types = types_of(object);
    if types.iter().any(|t| t == "Person") {
        EntityKind::Person
    } else if types.iter().any(|t| {
        t.contains("Organization") || t == "GovernmentOrganization" || t == "NewsMediaOrganization"
    }) {
        EntityKind::Organization
    } else {
        EntityKind::Other
    }
}

/// The first element of a value that may be an array; the others are reported unmapped.
pub(super) fn first<'v>(
    pointer: &str,
    value: &'v Value,
    unmapped: &mut Vec<UnmappedField>,
) -> (String, &'v Value) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            for i in 1..items.len() {
                unmapped.push(UnmappedField {
                    pointer: format!("{pointer}/{i}"),
                    reason: "only the first is kept".into(),
                });
            }
            (format!("{pointer}/0"), &items[0])
        }
        other => (pointer.to_owned(), other),
    }
}

/// `(name, url, kind)` of a Person or Organization given as a node or a bare name; its other
/// fields are reported unmapped.
pub(super) fn party(
    pointer: &str,
    value: &Value,
    unmapped: &mut Vec<UnmappedField>,
) -> Result<(String, Option<String>, EntityKind), String> {
    let (pointer, value) = first(pointer, value, unmapped);
    match value {
        Value::String(name) => Ok((clean(name)?.to_owned(), None, EntityKind::Other)),
        Value::Object(object) => {
            let mut node = Node::new(object, pointer);
            let name = node
                .take("name")
                .and_then(|(_, v)| text(v))
                .or_else(|| node.take("alternateName").and_then(|(_, v)| text(v)))
                .ok_or("has no name")?;
            let url = optional(
                node.take("url"),
                |v| {
                    url_of(v)
                        .ok_or("is not a URL".to_owned())
                        .and_then(|u| parse_http_url(clean(u)?))
                },
                unmapped,
            );
            node.rest(NOT_KEPT, unmapped);
            Ok((clean(name)?.to_owned(), url, entity_kind(object)))
        }
        _ => Err("is neither a name nor a Person or Organization".into()),
    }
}

/// The URLs an `appearance` / `firstAppearance` holds (a node, a URL, or an array of them).
pub(super) fn appearances(
    pointer: &str,
    value: &Value,
    out: &mut Vec<AppearanceIn>,
    unmapped: &mut Vec<UnmappedField>,
) {
    let list: Vec<(String, &Value)> = match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{pointer}/{i}"), v))
            .collect(),
        other => vec![(pointer.to_owned(), other)],
    };
    for (pointer, value) in list {
        if out.len() >= MAX_APPEARANCES {
            unmapped.push(UnmappedField {
                pointer,
                reason: format!("at most {MAX_APPEARANCES} appearances are kept"),
            });
            continue;
        }
        let (url, title, publisher) = match value {
            Value::Object(object) => {
                let mut node = Node::new(object, pointer.clone());
                let url = node
                    .take("url")
                    .and_then(|(_, v)| text(v))
                    .or_else(|| object.get("@id").and_then(Value::as_str));
                let publisher = node.take("publisher").and_then(|(p, v)| {
                    party(&p, v, unmapped)
                        .ok()
                        .and_then(|(name, _, _)| optional_text(Some(&name), 300).ok().flatten())
                });
                let title = node
                    .take("headline")
                    .or_else(|| node.take("name"))
                    .and_then(|(_, v)| text(v))
                    .and_then(|t| optional_text(Some(t), 500).ok().flatten())
                    .filter(|t| !has_nul(t));
                node.rest(NOT_KEPT, unmapped);
                (url, title, publisher)
            }
            other => (text(other), None, None),
        };
        match url.map(|u| clean(u).and_then(parse_http_url)) {
            Some(Ok(url)) => {
                if !out.iter().any(|a| a.url == url) {
                    out.push(AppearanceIn {
                        pointer,
                        url,
                        title,
                        publisher,
                    });
                }
            }
            Some(Err(reason)) => unmapped.push(UnmappedField { pointer, reason }),
            None => unmapped.push(UnmappedField {
                pointer,
                reason: "has no url".into(),
            }),
        }
    }
}

mod fact_check_tools;
mod html;
mod review;
#[cfg(test)]
mod tests;

use fact_check_tools::fact_check_tools;
pub use html::json_ld_blocks;
use review::{claim_review, host_of, review_item};
