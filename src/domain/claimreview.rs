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
const MAX_NESTING: usize = 8;

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
enum Context {
    /// Sent as an item (the body, or an element of a top-level array): it must be a review.
    Body,
    /// In an `@graph` or an HTML page, among other nodes: others are passed over.
    Page,
}

fn walk_top(value: &Value, pointer: &str, context: Context, depth: usize, out: &mut Parsed) {
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
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A term's schema.org name: `schema:url`, `http://schema.org/url` and `url` are one term.
fn term(key: &str) -> &str {
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

fn types_of(object: &Map<String, Value>) -> Vec<String> {
    let raw = object.get("@type").or_else(|| object.get("type"));
    let names: Vec<&str> = match raw {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    names.into_iter().map(|t| term(t).to_owned()).collect()
}

/// An object being read: the fields taken are marked, the rest are reported as unmapped.
struct Node<'a> {
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

const NOT_KEPT: &str = "not kept by claimledger";

/// A text value: a string, or a JSON-LD value object (`{"@value": "…"}`).
fn text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("@value").and_then(Value::as_str),
        _ => None,
    }
}

/// A number: a JSON number, or a string holding one (`"ratingValue": "1"`).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Object(o) => o.get("@value").and_then(number),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

/// A URL value: a string, `{"@id": …}`, or a node with a `url`.
fn url_of(value: &Value) -> Option<&str> {
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

fn has_nul(s: &str) -> bool {
    s.contains('\0')
}

/// A text field that must hold no NUL character (PostgreSQL cannot store one).
fn clean(s: &str) -> Result<&str, String> {
    if has_nul(s) {
        Err("must not contain the NUL character (U+0000)".into())
    } else {
        Ok(s)
    }
}

/// A date, an RFC 3339 time, or a date-time without zone (read as its date).
fn review_date(raw: &str) -> Result<String, String> {
    let raw = clean(raw)?.trim();
    parse_date_or_time(raw).or_else(|e| {
        NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
            .map(|t| t.date().format("%Y-%m-%d").to_string())
            .map_err(|_| e)
    })
}

/// When a claim was made: a date (midnight UTC) or an RFC 3339 time.
fn claim_date(raw: &str) -> Result<DateTime<Utc>, String> {
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
fn optional<T>(
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

fn string_field(value: &Value) -> Result<String, String> {
    text(value)
        .ok_or_else(|| "is not a string".to_owned())
        .and_then(|s| clean(s).map(str::to_owned))
}

fn entity_kind(object: &Map<String, Value>) -> EntityKind {
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
fn first<'v>(
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
fn party(
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
fn appearances(
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

/// One ClaimReview node.
fn claim_review(object: &Map<String, Value>, pointer: &str) -> Result<ImportItem, Vec<FieldError>> {
    let mut node = Node::new(object, pointer);
    let mut unmapped = Vec::new();
    let mut v = Validator::new();

    let statement = match node.take("claimReviewed") {
        Some((p, value)) => match text(value) {
            Some(s) => v.check(
                &p,
                clean(s).and_then(|s| required_text(s, MAX_STATEMENT_CHARS)),
            ),
            None => {
                v.push(&p, "must be a string: the claim, in words");
                None
            }
        },
        None => {
            v.push(pointer, "has no claimReviewed (the claim, in words)");
            None
        }
    };
    let url = match node.take("url") {
        Some((p, value)) => v.check(
            &p,
            url_of(value)
                .ok_or_else(|| "is not a URL".to_owned())
                .and_then(|u| parse_http_url(clean(u)?)),
        ),
        None => {
            v.push(
                pointer,
                "has no url (the review's page, which identifies it)",
            );
            None
        }
    };
    let (publisher, publisher_url) = match node.take("author") {
        Some((p, value)) => match party(&p, value, &mut unmapped) {
            Ok((name, url, _)) => (Some(name), url),
            Err(reason) => {
                v.push(&p, reason);
                (None, None)
            }
        },
        None => (None, None),
    };
    let title = optional(
        node.take("headline").or_else(|| node.take("name")),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 500)),
        &mut unmapped,
    )
    .flatten();
    let reviewed_at = optional(
        node.take("datePublished"),
        |value| string_field(value).and_then(|d| review_date(&d)),
        &mut unmapped,
    );
    let language = optional(
        node.take("inLanguage"),
        |value| {
            let tag = match value {
                Value::Object(o) => o
                    .get("alternateName")
                    .or_else(|| o.get("name"))
                    .and_then(text),
                other => text(other),
            }
            .ok_or("is not a language tag")?;
            parse_language_tag(clean(tag)?.trim())
        },
        &mut unmapped,
    );
    let (textual_rating, rating) = match node.take("reviewRating") {
        Some((p, value)) => {
            let (p, value) = first(&p, value, &mut unmapped);
            match value {
                Value::Object(o) => review_rating(o, &p, &mut unmapped),
                _ => {
                    unmapped.push(UnmappedField {
                        pointer: p,
                        reason: "is not a Rating".into(),
                    });
                    (None, None)
                }
            }
        }
        None => (None, None),
    };
    if textual_rating.is_none() && rating.is_none() {
        v.push(
            pointer,
            "has no reviewRating with an alternateName or a ratingValue",
        );
    }

    let mut claimant = None;
    let mut claimed_at = None;
    let mut found = Vec::new();
    let mut ours = None;
    if let Some((p, value)) = node.take("itemReviewed") {
        let (p, value) = first(&p, value, &mut unmapped);
        match value {
            Value::Object(item) => {
                let mut item_node = Node::new(item, p);
                if let Some((p, value)) = item_node.take("author") {
                    match party(&p, value, &mut unmapped) {
                        Ok((name, _, kind)) => match required_text(&name, 300) {
                            Ok(name) => claimant = Some(ClaimantIn { name, kind }),
                            Err(reason) => unmapped.push(UnmappedField { pointer: p, reason }),
                        },
                        Err(reason) => unmapped.push(UnmappedField { pointer: p, reason }),
                    }
                }
                claimed_at = optional(
                    item_node.take("datePublished"),
                    |value| string_field(value).and_then(|d| claim_date(&d)),
                    &mut unmapped,
                );
                for name in ["firstAppearance", "appearance"] {
                    if let Some((p, value)) = item_node.take(name) {
                        appearances(&p, value, &mut found, &mut unmapped);
                    }
                }
                ours = item_node.take("claimledger:claim");
                item_node.rest(NOT_KEPT, &mut unmapped);
            }
            _ => unmapped.push(UnmappedField {
                pointer: p,
                reason: "is not a Claim node".into(),
            }),
        }
    }
    // Written by another claimledger: in `itemReviewed` (as ours exports it) or on the review.
    let mut full_statement = None;
    let mut structured = match ours.or_else(|| node.take("claimledger:claim")) {
        Some((p, value)) => match extension(&p, value, &mut unmapped) {
            Ok((s, statement)) => {
                full_statement = statement;
                Some(s)
            }
            Err(reason) => {
                unmapped.push(UnmappedField { pointer: p, reason });
                None
            }
        },
        None => None,
    };
    let confidence = optional(
        node.take("claimledger:confidence"),
        |v| {
            v.as_f64()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or("must be a number from 0 to 1".into())
        },
        &mut unmapped,
    );
    let credibility = optional(
        node.take("claimledger:credibility"),
        |v| {
            v.as_i64()
                .filter(|c| (1..=6).contains(c))
                .map(|c| c as i32)
                .ok_or("must be 1 to 6".into())
        },
        &mut unmapped,
    );
    if let Some(s) = &mut structured {
        s.confidence = s.confidence.or(confidence);
        s.credibility = s.credibility.or(credibility);
    }
    if let Some((p, _)) = node.take("claimledger:verdict") {
        unmapped.push(UnmappedField {
            pointer: p,
            reason: "another organisation's verdict is not ours: it is kept as the external \
                     review's rating"
                .into(),
        });
    }
    if let Some((p, _)) = node.take("claimledger:confidenceLabel") {
        unmapped.push(UnmappedField {
            pointer: p,
            reason: "follows from the confidence".into(),
        });
    }
    node.rest(NOT_KEPT, &mut unmapped);
    v.finish()?;
    let (Some(statement), Some(url)) = (statement, url) else {
        unreachable!("a missing statement or url was recorded as an error")
    };
    // `claimReviewed` may be a shortened statement; the extension holds the whole one.
    let statement = full_statement.unwrap_or(statement);
    let publisher = publisher.unwrap_or_else(|| host_of(&url));
    review_item(
        pointer,
        statement,
        claimant,
        claimed_at,
        found,
        ExternalReviewDoc {
            claim_id: String::new(),
            url,
            publisher,
            publisher_url,
            title,
            reviewed_at,
            textual_rating,
            language,
            rating,
        },
        structured,
        unmapped,
    )
}

/// The review's site when it names no author.
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

fn review_rating(
    object: &Map<String, Value>,
    pointer: &str,
    unmapped: &mut Vec<UnmappedField>,
) -> (Option<String>, Option<NumericRating>) {
    let mut node = Node::new(object, pointer);
    let textual = optional(
        node.take("alternateName").or_else(|| node.take("name")),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 300)),
        unmapped,
    )
    .flatten();
    let value = optional(
        node.take("ratingValue"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    let best = optional(
        node.take("bestRating"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    let worst = optional(
        node.take("worstRating"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    node.rest(NOT_KEPT, unmapped);
    let rating = value.map(|value| NumericRating { value, best, worst });
    (textual, rating)
}

/// Checks an item's review as the record will (with the claim still unknown); an invalid
/// required field makes the item fail, invalid optional ones are dropped and reported.
#[allow(clippy::too_many_arguments)]
fn review_item(
    pointer: &str,
    statement: String,
    claimant: Option<ClaimantIn>,
    claimed_at: Option<DateTime<Utc>>,
    appearances: Vec<AppearanceIn>,
    review: ExternalReviewDoc,
    structured: Option<StructuredIn>,
    mut unmapped: Vec<UnmappedField>,
) -> Result<ImportItem, Vec<FieldError>> {
    let mut checked = ExternalReviewDoc {
        claim_id: "-".into(),
        ..review
    };
    if let Err(errors) = checked.clone().validate() {
        let mut fatal = Vec::new();
        for error in errors {
            match error.pointer.as_str() {
                "/publisher_url" => checked.publisher_url = None,
                "/title" => checked.title = None,
                "/reviewed_at" => checked.reviewed_at = None,
                "/language" => checked.language = None,
                "/rating" | "/rating/value" => checked.rating = None,
                _ => {
                    fatal.push(FieldError::new(
                        pointer,
                        format!("review {}: {}", &error.pointer[1..], error.message),
                    ));
                    continue;
                }
            }
            unmapped.push(UnmappedField {
                pointer: pointer.to_owned(),
                reason: format!("review {}: {}", &error.pointer[1..], error.message),
            });
        }
        if !fatal.is_empty() {
            return Err(fatal);
        }
    }
    let review = checked.validate().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| FieldError::new(pointer, format!("review {}: {}", e.pointer, e.message)))
            .collect::<Vec<_>>()
    })?;
    Ok(ImportItem {
        pointer: pointer.to_owned(),
        statement,
        claimant,
        claimed_at,
        appearances,
        review,
        structured,
        unmapped,
    })
}

/// `claimledger:claim`: a claim exported by another claimledger — its whole `statement`, its
/// structured part (`subject`: `{"id", "name", "kind"}` or a name; `property`: a key; `value`:
/// a claim value, an entity value naming `name` besides or instead of `entity_id`; all three
/// `null` for a claim without one), `occurred_at`, `place`, `confidence`, `credibility`,
/// `tags`. Its `id`, `claimant` and `claimed_at` are read from the ClaimReview itself; other
/// fields are reported unmapped.
fn extension(
    pointer: &str,
    value: &Value,
    unmapped: &mut Vec<UnmappedField>,
) -> Result<(StructuredIn, Option<String>), String> {
    let Value::Object(object) = value else {
        return Err("is not a claim object".into());
    };
    if value.to_string().contains("\\u0000") {
        return Err("must not contain the NUL character (U+0000)".into());
    }
    let mut node = Node::new(object, pointer);
    let statement = optional(
        node.take("statement"),
        |v| string_field(v).and_then(|s| required_text(&s, MAX_STATEMENT_CHARS)),
        unmapped,
    );
    let subject = node
        .take("subject")
        .or_else(|| node.take("subject_id"))
        .filter(|(_, v)| !v.is_null());
    let property = node.take("property").filter(|(_, v)| !v.is_null());
    let value = node.take("value").filter(|(_, v)| !v.is_null());
    let part = match (subject, property, value) {
        (None, None, None) => None,
        (Some((_, subject)), Some((_, property)), Some((_, value))) => {
            let subject = entity_ref(subject).ok_or("subject: names no entity")?;
            let property = property
                .as_str()
                .map(str::to_owned)
                .filter(|p| !p.trim().is_empty())
                .ok_or("property: is not a property key")?;
            let value = match value {
                Value::Object(v) if v.get("type").and_then(Value::as_str) == Some("entity") => {
                    ValueIn::Entity(entity_ref(value).ok_or("value: names no entity")?)
                }
                v => ValueIn::Other(
                    serde_json::from_value::<ClaimValue>(v.clone())
                        .map_err(|e| format!("value: {e}"))?,
                ),
            };
            Some(StructuredPart {
                subject,
                property,
                value,
            })
        }
        _ => return Err("needs a subject, a property and a value, or none of them".into()),
    };
    let occurred_at = optional(
        node.take("occurred_at"),
        |v| {
            let t: TimeValue = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
            t.span()?;
            Ok(t)
        },
        unmapped,
    );
    let place = optional(
        node.take("place"),
        |v| string_field(v).and_then(|p| optional_text(Some(&p), 300)),
        unmapped,
    )
    .flatten();
    let confidence = optional(
        node.take("confidence"),
        |v| {
            v.as_f64()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or("must be a number from 0 to 1".into())
        },
        unmapped,
    );
    let credibility = optional(
        node.take("credibility"),
        |v| {
            v.as_i64()
                .filter(|c| (1..=6).contains(c))
                .map(|c| c as i32)
                .ok_or("must be 1 to 6".into())
        },
        unmapped,
    );
    // Room is left for `imported`.
    let tags = optional(
        node.take("tags"),
        |v| {
            let tags: Vec<String> = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
            if tags.len() >= crate::domain::claim::MAX_TAGS {
                return Err(format!(
                    "at most {} tags are kept besides imported",
                    crate::domain::claim::MAX_TAGS - 1
                ));
            }
            Ok(tags)
        },
        unmapped,
    )
    .unwrap_or_default();
    for key in ["id", "claimant", "claimed_at"] {
        node.take(key);
    }
    node.rest(NOT_KEPT, unmapped);
    Ok((
        StructuredIn {
            pointer: pointer.to_owned(),
            part,
            occurred_at,
            place,
            confidence,
            credibility,
            tags,
        },
        statement,
    ))
}

fn entity_ref(value: &Value) -> Option<EntityRef> {
    let name_ok = |s: &&str| !s.trim().is_empty() && !has_nul(s) && s.chars().count() <= 300;
    match value {
        Value::String(name) => Some(EntityRef {
            id: None,
            name: Some(name.trim().to_owned()).filter(|n| name_ok(&n.as_str())),
            kind: EntityKind::Other,
        })
        .filter(|r| r.name.is_some()),
        Value::Object(o) => {
            let id = o
                .get("id")
                .or_else(|| o.get("entity_id"))
                .and_then(Value::as_str)
                .filter(name_ok)
                .map(str::to_owned);
            let name = o
                .get("name")
                .and_then(Value::as_str)
                .filter(name_ok)
                .map(|n| n.trim().to_owned());
            let kind = o
                .get("kind")
                .and_then(Value::as_str)
                .and_then(|k| k.parse().ok())
                .unwrap_or(EntityKind::Other);
            (id.is_some() || name.is_some()).then_some(EntityRef { id, name, kind })
        }
        _ => None,
    }
}

/// A Fact Check Tools `claims:search` response: one item per `claims[i].claimReview[j]`.
fn fact_check_tools(
    object: &Map<String, Value>,
    claims: &[Value],
    pointer: &str,
    out: &mut Parsed,
) {
    let mut top = Node::new(object, pointer);
    top.take("claims");
    top.rest(NOT_KEPT, &mut out.unmapped);
    for (i, claim) in claims.iter().enumerate() {
        let claim_pointer = format!("{pointer}/claims/{i}");
        let Value::Object(claim) = claim else {
            out.failures
                .push(FieldError::new(claim_pointer, "is not a claim object"));
            continue;
        };
        let mut node = Node::new(claim, claim_pointer.clone());
        let mut shared = Vec::new();
        let mut v = Validator::new();
        let statement = match node.take("text") {
            Some((p, value)) => v.check(
                &p,
                text(value)
                    .ok_or_else(|| "must be a string".to_owned())
                    .and_then(|s| clean(s).and_then(|s| required_text(s, MAX_STATEMENT_CHARS))),
            ),
            None => {
                v.push(&claim_pointer, "has no text (the claim, in words)");
                None
            }
        };
        let claimant = optional(
            node.take("claimant"),
            |value| {
                string_field(value)
                    .and_then(|n| required_text(&n, 300))
                    .map(|name| ClaimantIn {
                        name,
                        kind: EntityKind::Other,
                    })
            },
            &mut shared,
        );
        let claimed_at = optional(
            node.take("claimDate"),
            |value| string_field(value).and_then(|d| claim_date(&d)),
            &mut shared,
        );
        let reviews = match node.take("claimReview") {
            Some((p, Value::Array(reviews))) if !reviews.is_empty() => Some((p, reviews)),
            Some((p, _)) => {
                v.push(&p, "must be a non-empty array of reviews");
                None
            }
            None => {
                v.push(&claim_pointer, "has no claimReview");
                None
            }
        };
        node.rest(NOT_KEPT, &mut shared);
        if let Err(errors) = v.finish() {
            out.failures.extend(errors);
            continue;
        }
        let (Some(statement), Some((reviews_pointer, reviews))) = (statement, reviews) else {
            continue;
        };
        for (j, review) in reviews.iter().enumerate() {
            let review_pointer = format!("{reviews_pointer}/{j}");
            let Value::Object(review) = review else {
                out.failures
                    .push(FieldError::new(review_pointer, "is not a review object"));
                continue;
            };
            // The claim's own unmapped fields are reported with its first review.
            let mut unmapped = if j == 0 { shared.clone() } else { Vec::new() };
            match fct_review(review, &review_pointer, &mut unmapped) {
                Ok(doc) => match review_item(
                    &review_pointer,
                    statement.clone(),
                    claimant.clone(),
                    claimed_at,
                    Vec::new(),
                    doc,
                    None,
                    unmapped,
                ) {
                    Ok(item) => out.items.push(item),
                    Err(errors) => out.failures.extend(errors),
                },
                Err(errors) => out.failures.extend(errors),
            }
        }
    }
}

fn fct_review(
    object: &Map<String, Value>,
    pointer: &str,
    unmapped: &mut Vec<UnmappedField>,
) -> Result<ExternalReviewDoc, Vec<FieldError>> {
    let mut node = Node::new(object, pointer);
    let mut v = Validator::new();
    let url = match node.take("url") {
        Some((p, value)) => v.check(
            &p,
            text(value)
                .ok_or_else(|| "is not a URL".to_owned())
                .and_then(|u| parse_http_url(clean(u)?)),
        ),
        None => {
            v.push(
                pointer,
                "has no url (the review's page, which identifies it)",
            );
            None
        }
    };
    let mut publisher = None;
    let mut publisher_url = None;
    if let Some((p, value)) = node.take("publisher") {
        match value {
            Value::Object(o) => {
                let mut pn = Node::new(o, p.clone());
                publisher = pn
                    .take("name")
                    .and_then(|(_, v)| text(v))
                    .filter(|n| !has_nul(n))
                    .map(str::to_owned);
                publisher_url = optional(
                    pn.take("site"),
                    |v| {
                        let site = clean(text(v).ok_or("is not a site name")?)?.trim();
                        let url = if site.contains("://") {
                            site.to_owned()
                        } else {
                            format!("https://{site}")
                        };
                        parse_http_url(&url)
                    },
                    unmapped,
                );
                pn.rest(NOT_KEPT, unmapped);
            }
            _ => unmapped.push(UnmappedField {
                pointer: p,
                reason: "is not a publisher object".into(),
            }),
        }
    }
    let title = optional(
        node.take("title"),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 500)),
        unmapped,
    )
    .flatten();
    let reviewed_at = optional(
        node.take("reviewDate"),
        |value| string_field(value).and_then(|d| review_date(&d)),
        unmapped,
    );
    let textual_rating = match node.take("textualRating") {
        Some((p, value)) => v
            .check(
                &p,
                string_field(value).and_then(|t| optional_text(Some(&t), 300)),
            )
            .flatten(),
        None => None,
    };
    if textual_rating.is_none() {
        v.push(pointer, "has no textualRating");
    }
    let language = optional(
        node.take("languageCode"),
        |value| string_field(value).and_then(|t| parse_language_tag(t.trim())),
        unmapped,
    );
    node.rest(NOT_KEPT, unmapped);
    v.finish()?;
    let url = url.expect("a missing url was recorded as an error");
    Ok(ExternalReviewDoc {
        claim_id: String::new(),
        publisher: publisher.unwrap_or_else(|| host_of(&url)),
        url,
        publisher_url,
        title,
        reviewed_at,
        textual_rating,
        language,
        rating: None,
    })
}

/// The contents of every `<script type="application/ld+json">` element, in order. A careful
/// scan, not a parser: script contents are raw text in HTML (no entities, no markup), ending
/// at the first `</script`; comments are skipped so a commented-out block is not read.
pub fn json_ld_blocks(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lower.len() {
        let next_script = lower[at..].find("<script").map(|i| i + at);
        let next_comment = lower[at..].find("<!--").map(|i| i + at);
        let start = match (next_script, next_comment) {
            (Some(s), Some(c)) if c < s => {
                at = lower[c + 4..]
                    .find("-->")
                    .map_or(lower.len(), |e| c + 4 + e + 3);
                continue;
            }
            (Some(s), _) => s,
            (None, _) => break,
        };
        let tag_name_end = start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[tag_name_end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            at = tag_name_end;
            continue;
        }
        let Some(tag_end) = tag_end(&lower, tag_name_end) else {
            break;
        };
        let attributes = &lower[tag_name_end..tag_end];
        let body_start = tag_end + 1;
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(lower.len(), |i| body_start + i);
        if script_type(attributes).as_deref() == Some("application/ld+json") {
            blocks.push(&html[body_start..body_end]);
        }
        at = body_end;
    }
    blocks
}

/// The index of the `>` that ends a start tag (outside quoted attribute values).
fn tag_end(lower: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in lower[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// The `type` attribute of a start tag's attributes (lowercased), without parameters.
fn script_type(attributes: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(i) = rest.find("type") {
        let before_ok = i == 0
            || rest[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '"' || c == '\'');
        let after = rest[i + 4..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let value = match after.chars().next() {
                Some(q @ ('"' | '\'')) => after[1..].split(q).next().unwrap_or(""),
                _ => after
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            return Some(value.split(';').next().unwrap_or("").trim().to_owned());
        }
        rest = &rest[i + 4..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn review(url: &str) -> Value {
        json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": "The bridge was built in 1990.",
            "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org", "logo": "x"},
            "datePublished": "2024-03-01",
            "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": "1", "bestRating": 5, "worstRating": 1},
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "A. Politician"},
                "datePublished": "2024-02-20",
                "appearance": [{"@type": "CreativeWork", "url": "https://news.example.com/a"}, "https://news.example.com/b"],
                "firstAppearance": {"@type": "CreativeWork", "url": "https://news.example.com/a"}
            },
            "reviewBody": "long text"
        })
    }

    #[test]
    fn a_claim_review_maps_and_names_what_did_not() {
        let parsed = parse_json_body(&review("https://checks.example.org/1"));
        assert!(parsed.failures.is_empty(), "{:?}", parsed.failures);
        let item = &parsed.items[0];
        assert_eq!(item.statement, "The bridge was built in 1990.");
        assert_eq!(item.review.publisher, "Example Checks");
        assert_eq!(item.review.textual_rating.as_deref(), Some("False"));
        assert_eq!(item.review.rating.as_ref().unwrap().value, 1.0);
        assert_eq!(item.claimant.as_ref().unwrap().kind, EntityKind::Person);
        assert_eq!(item.appearances.len(), 2, "{:?}", item.appearances);
        let pointers: Vec<&str> = item.unmapped.iter().map(|u| u.pointer.as_str()).collect();
        assert_eq!(pointers, ["/author/logo", "/reviewBody"]);
    }

    #[test]
    fn other_types_fail_in_a_body_and_are_ignored_in_a_graph() {
        let parsed = parse_json_body(&json!([{"@type": "WebPage"}]));
        assert_eq!(parsed.failures[0].pointer, "/0");
        let parsed = parse_json_body(
            &json!({"@graph": [{"@type": "WebPage"}, review("https://checks.example.org/2")]}),
        );
        assert!(parsed.failures.is_empty());
        assert_eq!(parsed.items[0].pointer, "/@graph/1");
        assert_eq!(parsed.ignored[0].pointer, "/@graph/0");
    }

    #[test]
    fn a_review_without_its_claim_fails_by_pointer() {
        let mut bad = review("https://checks.example.org/3");
        bad.as_object_mut().unwrap().remove("claimReviewed");
        let parsed = parse_json_body(&json!([review("https://checks.example.org/4"), bad]));
        assert_eq!(parsed.failures.len(), 1);
        assert_eq!(parsed.failures[0].pointer, "/1");
    }

    #[test]
    fn script_blocks_are_found_whatever_their_case_and_quotes() {
        let html = r#"<html><head>
            <!-- <script type="application/ld+json">{"commented": true}</script> -->
            <SCRIPT TYPE='application/ld+json; charset=utf-8'>{"a": 1}</SCRIPT>
            <script src="x.js"></script>
            <script data-x=">" type=application/ld+json>[2]</script >
            <scripts type="application/ld+json">no</scripts>
        </head></html>"#;
        assert_eq!(json_ld_blocks(html), [r#"{"a": 1}"#, "[2]"]);
    }

    #[test]
    fn fact_check_tools_reviews_are_items() {
        let body = json!({"claims": [{"text": "Claim", "claimant": "Someone", "claimDate": "2024-01-01T00:00:00Z",
            "claimReview": [{"publisher": {"name": "P", "site": "p.example.org"}, "url": "https://p.example.org/r",
                "title": "T", "reviewDate": "2024-01-02T00:00:00Z", "textualRating": "False", "languageCode": "en", "extra": 1}]}],
            "nextPageToken": "abc"});
        let parsed = parse_json_body(&body);
        assert!(parsed.failures.is_empty(), "{:?}", parsed.failures);
        assert_eq!(parsed.items[0].pointer, "/claims/0/claimReview/0");
        assert_eq!(
            parsed.items[0].review.publisher_url.as_deref(),
            Some("https://p.example.org")
        );
        assert_eq!(parsed.unmapped[0].pointer, "/nextPageToken");
        assert_eq!(
            parsed.items[0].unmapped[0].pointer,
            "/claims/0/claimReview/0/extra"
        );
    }

    #[test]
    fn an_extension_holding_a_nul_is_not_used() {
        let mut doc = review("https://checks.example.org/5");
        doc["claimledger:claim"] = json!({"subject": "S", "property": "weapon",
            "value": {"type": "text", "text": "a\u{0}b"}});
        let parsed = parse_json_body(&doc);
        let item = &parsed.items[0];
        assert!(item.structured.is_none());
        assert!(
            item.unmapped
                .iter()
                .any(|u| u.pointer == "/claimledger:claim")
        );
    }
}
