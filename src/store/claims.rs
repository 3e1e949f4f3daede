//! Claims, with their citations and tags.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;

use crate::db::sql::{fragment, in_list};
use diesel::sql_types::{Bool, Text};

use crate::db::{Backend, DbConn, write_transaction};
use crate::domain::FieldError;
use crate::domain::claim::{
    CitationDoc, ClaimDoc, ClaimValue, Claimant, ValidClaim, Verdict, occurred_columns,
};
use crate::domain::time::{Precision, TimeValue};
use crate::schema::{citations, claim_tags, claims, entities, properties, sources};
use crate::store::entities::retraction_action;
use crate::store::history::{
    Author, Versioned, finish_change, finish_create, get_at, retraction_json, snapshot,
};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult, new_id, now};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = claims)]
pub struct ClaimRow {
    pub id: String,
    pub statement: String,
    pub statement_key: String,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub value: Option<String>,
    pub value_lower: Option<f64>,
    pub value_upper: Option<f64>,
    pub value_key: Option<String>,
    pub occurred_value: Option<String>,
    pub occurred_precision: Option<String>,
    pub occurred_start: Option<NaiveDateTime>,
    pub occurred_end: Option<NaiveDateTime>,
    pub occurred_sort: NaiveDateTime,
    pub place: Option<String>,
    pub claimed_at: Option<NaiveDateTime>,
    pub claimant_entity_id: Option<String>,
    pub claimant_text: Option<String>,
    pub confidence: f64,
    pub credibility: Option<i32>,
    pub verdict: String,
    pub verdict_note: Option<String>,
    pub search_text: String,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = citations)]
pub struct CitationRow {
    pub id: String,
    pub claim_id: String,
    pub source_id: String,
    pub position: i32,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub url: Option<String>,
}

/// The summary of a cited source shown with each citation.
#[derive(Debug, Clone, Queryable)]
pub struct SourceSummary {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub reliability: String,
    pub url: Option<String>,
    pub retracted: bool,
}

/// A claim with everything that belongs to it.
#[derive(Debug, Clone)]
pub struct ClaimRecord {
    pub row: ClaimRow,
    pub citations: Vec<(CitationRow, SourceSummary)>,
    pub tags: Vec<String>,
}

impl ClaimRecord {
    pub fn verdict(&self) -> Verdict {
        Verdict::parse(&self.row.verdict).unwrap_or(Verdict::Unreviewed)
    }

    /// The claim's editable document, as a client would write it.
    pub fn doc(&self) -> ClaimDoc {
        let row = &self.row;
        ClaimDoc {
            statement: row.statement.clone(),
            subject_id: row.subject_id.clone(),
            property: row.property.clone(),
            value: row
                .value
                .as_deref()
                .and_then(|v| serde_json::from_str::<ClaimValue>(v).ok()),
            occurred_at: match (&row.occurred_value, &row.occurred_precision) {
                (Some(value), Some(precision)) => Some(TimeValue {
                    value: value.clone(),
                    precision: Precision::parse(precision).unwrap_or(Precision::Day),
                }),
                _ => None,
            },
            place: row.place.clone(),
            claimed_at: row.claimed_at.map(|t| t.and_utc()),
            claimant: (row.claimant_entity_id.is_some() || row.claimant_text.is_some()).then(
                || Claimant {
                    entity_id: row.claimant_entity_id.clone(),
                    text: row.claimant_text.clone(),
                },
            ),
            confidence: row.confidence,
            credibility: row.credibility,
            tags: self.tags.clone(),
            citations: self
                .citations
                .iter()
                .map(|(c, _)| CitationDoc {
                    source_id: c.source_id.clone(),
                    quote: c.quote.clone(),
                    locator: c.locator.clone(),
                    url: c.url.clone(),
                })
                .collect(),
        }
    }
}

impl Versioned for ClaimRecord {
    const KIND: RecordKind = RecordKind::Claims;
    const NAME: &'static str = "claim";

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>> {
        Ok(load_records(conn, &[id.to_owned()])?.pop())
    }

    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(claims::table.find(id))
            .set(claims::head_hash.eq(head_hash))
            .execute(conn)
    }

    fn revision(&self) -> i64 {
        self.row.revision
    }

    fn head_hash(&self) -> &str {
        &self.row.head_hash
    }

    fn set_head_hash(&mut self, head_hash: String) {
        self.row.head_hash = head_hash;
    }

    fn snapshot(&self) -> serde_json::Value {
        snapshot(
            &self.doc(),
            &[
                ("verdict", serde_json::json!(self.row.verdict)),
                ("verdict_note", serde_json::json!(self.row.verdict_note)),
                (
                    "retracted",
                    retraction_json(self.row.retracted_at, self.row.retracted_reason.as_deref()),
                ),
            ],
        )
    }
}

/// Claims by id with their citations (and each cited source's summary) and tags, in one
/// query (see `load_bundle`). Keeps the order of `ids`.
pub fn load_records(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<ClaimRecord>> {
    Ok(load_bundle(conn, ids)?.records)
}

/// Checks what only the database knows: that the sources, entities and property named exist,
/// that the value fits the property, and that the claim is not a duplicate.
fn check_references(
    conn: &mut DbConn,
    claim: &ValidClaim,
    exclude_id: Option<&str>,
) -> StoreResult<()> {
    let mut errors = Vec::new();
    let source_ids: Vec<String> = claim
        .doc
        .citations
        .iter()
        .map(|c| c.source_id.clone())
        .collect();
    let known_sources: Vec<String> = sources::table
        .filter(in_list(sources::id, &source_ids))
        .select(sources::id)
        .load(conn)?;
    for (i, id) in source_ids.iter().enumerate() {
        if !known_sources.contains(id) {
            errors.push(FieldError::new(
                format!("/citations/{i}/source_id"),
                "no source has this id",
            ));
        }
    }
    let mut entity_ids: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &claim.structured {
        entity_ids.push(("/subject_id", s.subject_id.clone()));
        if let ClaimValue::Entity { entity_id } = &s.value {
            entity_ids.push(("/value/entity_id", entity_id.clone()));
        }
        let property: Option<(String, Option<String>)> = properties::table
            .find(&s.property)
            .select((properties::value_type, properties::unit))
            .first(conn)
            .optional()?;
        match property {
            None => errors.push(FieldError::new(
                "/property",
                format!("no property has the key {:?}", s.property),
            )),
            Some((value_type, unit)) => {
                if value_type != s.value.value_type().as_str() {
                    errors.push(FieldError::new(
                        "/value/type",
                        format!(
                            "the property {} takes {value_type} values, not {}",
                            s.property,
                            s.value.value_type().as_str()
                        ),
                    ));
                }
                if let (
                    ClaimValue::Quantity {
                        unit: Some(given), ..
                    },
                    Some(expected),
                ) = (&s.value, &unit)
                    && given != expected
                {
                    errors.push(FieldError::new(
                        "/value/unit",
                        format!("the property {} is counted in {expected}", s.property),
                    ));
                }
            }
        }
    }
    if let Some(id) = claim
        .doc
        .claimant
        .as_ref()
        .and_then(|c| c.entity_id.clone())
    {
        entity_ids.push(("/claimant/entity_id", id));
    }
    if !entity_ids.is_empty() {
        let ids: Vec<&String> = entity_ids.iter().map(|(_, id)| id).collect();
        let known: Vec<String> = entities::table
            .filter(in_list(entities::id, &ids))
            .select(entities::id)
            .load(conn)?;
        for (pointer, id) in &entity_ids {
            if !known.contains(id) {
                errors.push(FieldError::new(*pointer, "no entity has this id"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }

    // The same statement and structured part from a source that already backs it is the
    // same claim (the example article prints one paragraph twice).
    let mut same = claims::table
        .inner_join(citations::table)
        .filter(claims::statement_key.eq(&claim.statement_key))
        .filter(claims::retracted_at.is_null())
        .filter(in_list(citations::source_id, &source_ids))
        .select(claims::id)
        .into_boxed();
    if let Some(id) = exclude_id {
        same = same.filter(claims::id.ne(id.to_owned()));
    }
    if let Some(existing) = same.first::<String>(conn).optional()? {
        return Err(StoreError::Conflict {
            code: "duplicate_claim",
            detail: format!(
                "claim {existing} already makes this statement, citing the same source"
            ),
            existing_id: Some(existing),
        });
    }
    Ok(())
}

/// The columns a claim's document decides.
/// Writes a claim's citations and tags. On an edit (`current` is the claim before it), a
/// list that did not change is left alone: its citations keep their ids, and an edit of the
/// statement costs no rewrite of rows it did not touch.
fn write_children(
    conn: &mut DbConn,
    id: &str,
    claim: &ValidClaim,
    current: Option<&ClaimRecord>,
) -> QueryResult<()> {
    let same_citations = current.is_some_and(|current| {
        current.citations.len() == claim.doc.citations.len()
            && current
                .citations
                .iter()
                .zip(&claim.doc.citations)
                .all(|((old, _), new)| {
                    old.source_id == new.source_id
                        && old.quote == new.quote
                        && old.locator == new.locator
                        && old.url == new.url
                })
    });
    let same_tags = current.is_some_and(|current| current.tags == claim.tags);
    if !same_citations {
        write_citations(conn, id, claim, current.is_some())?;
    }
    if !same_tags {
        if current.is_some() {
            diesel::delete(claim_tags::table.filter(claim_tags::claim_id.eq(id))).execute(conn)?;
        }
        for tag in &claim.tags {
            diesel::insert_into(claim_tags::table)
                .values((claim_tags::claim_id.eq(id), claim_tags::tag.eq(tag)))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn write_citations(
    conn: &mut DbConn,
    id: &str,
    claim: &ValidClaim,
    replace: bool,
) -> QueryResult<()> {
    if replace {
        diesel::delete(citations::table.filter(citations::claim_id.eq(id))).execute(conn)?;
    }
    for (position, c) in claim.doc.citations.iter().enumerate() {
        diesel::insert_into(citations::table)
            .values((
                citations::id.eq(new_id()),
                citations::claim_id.eq(id),
                citations::source_id.eq(&c.source_id),
                citations::position.eq(position as i32),
                citations::quote.eq(&c.quote),
                citations::locator.eq(&c.locator),
                citations::url.eq(&c.url),
            ))
            .execute(conn)?;
    }
    Ok(())
}

macro_rules! claim_columns {
    ($claim:expr) => {{
        let claim: &ValidClaim = $claim;
        let s = claim.structured.as_ref();
        let (occurred_value, occurred_precision, occurred_start, occurred_end, occurred_sort) =
            occurred_columns(claim.occurred.as_ref());
        let claimant = claim.doc.claimant.as_ref();
        (
            claims::statement.eq(claim.doc.statement.clone()),
            claims::statement_key.eq(claim.statement_key.clone()),
            claims::subject_id.eq(s.map(|s| s.subject_id.clone())),
            claims::property.eq(s.map(|s| s.property.clone())),
            claims::value.eq(s.map(|s| serde_json::to_string(&s.value).unwrap_or_default())),
            claims::value_lower.eq(s.and_then(|s| s.lower)),
            claims::value_upper.eq(s.and_then(|s| s.upper)),
            claims::value_key.eq(s.and_then(|s| s.key.clone())),
            (
                claims::occurred_value.eq(occurred_value),
                claims::occurred_precision.eq(occurred_precision),
                claims::occurred_start.eq(occurred_start),
                claims::occurred_end.eq(occurred_end),
                claims::occurred_sort.eq(occurred_sort),
            ),
            (
                claims::place.eq(claim.doc.place.clone()),
                claims::claimed_at.eq(claim.doc.claimed_at.map(|t| t.naive_utc())),
                claims::claimant_entity_id.eq(claimant.and_then(|c| c.entity_id.clone())),
                claims::claimant_text.eq(claimant.and_then(|c| c.text.clone())),
                claims::confidence.eq(claim.doc.confidence),
                claims::credibility.eq(claim.doc.credibility),
                claims::search_text.eq(claim.search_text.clone()),
            ),
        )
    }};
}

pub fn create(
    conn: &mut DbConn,
    ledger: &Ledger,
    claim: ValidClaim,
    author: &Author,
) -> StoreResult<ClaimRecord> {
    let id = new_id();
    let at = now();
    write_transaction(conn, |conn| {
        check_references(conn, &claim, None)?;
        diesel::insert_into(claims::table)
            .values((
                claims::id.eq(&id),
                claim_columns!(&claim),
                (
                    claims::verdict.eq(Verdict::Unreviewed.as_str()),
                    claims::revision.eq(1),
                    claims::head_hash.eq(""),
                    claims::created_at.eq(at),
                    claims::updated_at.eq(at),
                    claims::created_by.eq(&author.user_id),
                ),
            ))
            .execute(conn)?;
        write_children(conn, &id, &claim, None)?;
        let record = finish_create(conn, ledger, &id, Some(author), at)?;
        crate::store::contradictions::detect_for(conn, ledger, &id, author)?;
        Ok(record)
    })
}

/// Replaces a claim's document (citations and tags as whole lists). `current` is the claim
/// as the caller read it: the change applies only if it is still at that revision (else
/// `Stale`), so the caller's read need not be repeated inside the write.
pub fn update(
    conn: &mut DbConn,
    ledger: &Ledger,
    current: &ClaimRecord,
    claim: ValidClaim,
    action: Action,
    author: &Author,
) -> StoreResult<ClaimRecord> {
    let id = current.row.id.as_str();
    let expected_revision = current.row.revision;
    write_transaction(conn, |conn| {
        check_references(conn, &claim, Some(id))?;
        let at = now();
        let updated = diesel::update(
            claims::table
                .find(id)
                .filter(claims::revision.eq(expected_revision)),
        )
        .set((
            claim_columns!(&claim),
            (
                claims::revision.eq(expected_revision + 1),
                claims::updated_at.eq(at),
            ),
        ))
        .execute(conn)?;
        if updated == 1 {
            write_children(conn, id, &claim, Some(current))?;
        }
        let record = finish_change(conn, ledger, id, current, updated, action, Some(author), at)?;
        crate::store::contradictions::detect_for(conn, ledger, id, author)?;
        Ok(record)
    })
}

/// Retracts (with a reason) or restores (`None`) a claim.
pub fn set_retracted(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    reason: Option<String>,
    author: &Author,
) -> StoreResult<ClaimRecord> {
    write_transaction(conn, |conn| {
        let current: ClaimRecord = get_at(conn, id, expected_revision)?;
        let action = retraction_action(
            reason.is_some(),
            current.row.retracted_at.is_some(),
            "claim",
        )?;
        let at = now();
        let updated = diesel::update(
            claims::table
                .find(id)
                .filter(claims::revision.eq(expected_revision)),
        )
        .set((
            claims::retracted_at.eq(reason.as_ref().map(|_| at)),
            claims::retracted_reason.eq(&reason),
            claims::revision.eq(expected_revision + 1),
            claims::updated_at.eq(at),
        ))
        .execute(conn)?;
        let record = finish_change(
            conn,
            ledger,
            id,
            &current,
            updated,
            action,
            Some(author),
            at,
        )?;
        // A retraction ends the claim's detected conflicts; a restore brings them back.
        crate::store::contradictions::detect_for(conn, ledger, id, author)?;
        Ok(record)
    })
}

/// Sets the reviewers' verdict.
pub fn set_verdict(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    verdict: Verdict,
    note: Option<String>,
    author: &Author,
) -> StoreResult<ClaimRecord> {
    write_transaction(conn, |conn| {
        let current: ClaimRecord = get_at(conn, id, expected_revision)?;
        let at = now();
        let updated = diesel::update(
            claims::table
                .find(id)
                .filter(claims::revision.eq(expected_revision)),
        )
        .set((
            claims::verdict.eq(verdict.as_str()),
            claims::verdict_note.eq(&note),
            claims::revision.eq(expected_revision + 1),
            claims::updated_at.eq(at),
        ))
        .execute(conn)?;
        finish_change(
            conn,
            ledger,
            id,
            &current,
            updated,
            Action::Verdict,
            Some(author),
            at,
        )
    })
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSort {
    CreatedAt {
        descending: bool,
    },
    OccurredAt {
        descending: bool,
    },
    Confidence {
        descending: bool,
    },
    /// Relevance to `q`, best first (the cursor is then a position).
    Relevance,
}

/// Where a page starts.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimCursor {
    /// After the claim with this sort value and id.
    After { value: String, id: String },
    /// After this many results (ranked lists).
    Offset(i64),
}

#[derive(Debug, Default, Clone)]
pub struct ClaimFilter {
    /// Search tokens (already normalised); all must match.
    pub q: Vec<String>,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub source_id: Option<String>,
    pub tag: Option<String>,
    pub verdict: Option<Verdict>,
    pub min_confidence: Option<f64>,
    pub max_confidence: Option<f64>,
    pub occurred_from: Option<NaiveDateTime>,
    pub occurred_to: Option<NaiveDateTime>,
    pub has_open_contradictions: Option<bool>,
    pub include_retracted: bool,
}

type BoxedClaims<'a> = claims::BoxedQuery<'a, <DbConn as Connection>::Backend>;

/// One page of claim ids (up to `limit + 1`, the extra one telling that more exist), with
/// each id's sort value for the next cursor.
pub fn list_ids(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    sort: ClaimSort,
    cursor: Option<&ClaimCursor>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let backend = conn.backend();
    if let ClaimSort::Relevance = sort {
        let offset = match cursor {
            Some(ClaimCursor::Offset(n)) => *n,
            _ => 0,
        };
        let mut ranked = search_window(conn, filter)?;
        ranked.sort_by(|(a_id, a), (b_id, b)| a.total_cmp(b).then_with(|| a_id.cmp(b_id)));
        return Ok(ranked
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(0))
            .enumerate()
            .map(|(i, (id, _))| (id, (offset + i as i64 + 1).to_string()))
            .collect());
    }
    let mut query = filtered(backend, filter, true);

    match sort {
        ClaimSort::Relevance => unreachable!("answered above"),
        ClaimSort::CreatedAt { descending } => {
            if let Some(ClaimCursor::After { id, .. }) = cursor {
                query = if descending {
                    query.filter(claims::id.lt(id.clone()))
                } else {
                    query.filter(claims::id.gt(id.clone()))
                };
            }
            query = if descending {
                query.order(claims::id.desc())
            } else {
                query.order(claims::id.asc())
            };
            let ids: Vec<String> = query.select(claims::id).limit(limit).load(conn)?;
            Ok(ids.into_iter().map(|id| (id.clone(), id)).collect())
        }
        ClaimSort::Confidence { descending } => {
            if let Some(ClaimCursor::After { value, id }) = cursor {
                let v: f64 = value.parse().unwrap_or(0.0);
                query = if descending {
                    query.filter(
                        claims::confidence
                            .lt(v)
                            .or(claims::confidence.eq(v).and(claims::id.lt(id.clone()))),
                    )
                } else {
                    query.filter(
                        claims::confidence
                            .gt(v)
                            .or(claims::confidence.eq(v).and(claims::id.gt(id.clone()))),
                    )
                };
            }
            query = if descending {
                query.order((claims::confidence.desc(), claims::id.desc()))
            } else {
                query.order((claims::confidence.asc(), claims::id.asc()))
            };
            let rows: Vec<(String, f64)> = query
                .select((claims::id, claims::confidence))
                .limit(limit)
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, c)| (id, format!("{c:?}")))
                .collect())
        }
        ClaimSort::OccurredAt { descending } => {
            if let Some(ClaimCursor::After { value, id }) = cursor {
                let v = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
                    .unwrap_or_default();
                query = if descending {
                    query.filter(
                        claims::occurred_sort
                            .lt(v)
                            .or(claims::occurred_sort.eq(v).and(claims::id.lt(id.clone()))),
                    )
                } else {
                    query.filter(
                        claims::occurred_sort
                            .gt(v)
                            .or(claims::occurred_sort.eq(v).and(claims::id.gt(id.clone()))),
                    )
                };
            }
            query = if descending {
                query.order((claims::occurred_sort.desc(), claims::id.desc()))
            } else {
                query.order((claims::occurred_sort.asc(), claims::id.asc()))
            };
            let rows: Vec<(String, NaiveDateTime)> = query
                .select((claims::id, claims::occurred_sort))
                .limit(limit)
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, t)| (id, t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()))
                .collect())
        }
    }
}

/// "Every token matches", in each backend's full-text engine. The tokens come from
/// `domain::text::search_tokens`: letters and digits only, so they need no escaping.
/// The claims matching `filter`, as a query to sort and page; `search: false` leaves out the
/// full-text condition (`search_window` applies it its own way).
fn filtered<'a>(backend: Backend, filter: &'a ClaimFilter, search: bool) -> BoxedClaims<'a> {
    let mut query: BoxedClaims<'a> = claims::table.into_boxed();
    if search && !filter.q.is_empty() {
        query = query.filter(search_condition(backend, &filter.q));
    }
    if let Some(subject) = &filter.subject_id {
        query = query.filter(claims::subject_id.eq(subject.clone()));
    }
    if let Some(property) = &filter.property {
        query = query.filter(claims::property.eq(property.clone()));
    }
    if let Some(source) = &filter.source_id {
        query = query.filter(cited_source_condition(backend, source));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(
            claims::id.eq_any(
                claim_tags::table
                    .filter(claim_tags::tag.eq(tag.clone()))
                    .select(claim_tags::claim_id),
            ),
        );
    }
    if let Some(verdict) = filter.verdict {
        query = query.filter(claims::verdict.eq(verdict.as_str()));
    }
    if let Some(min) = filter.min_confidence {
        query = query.filter(claims::confidence.ge(min));
    }
    if let Some(max) = filter.max_confidence {
        query = query.filter(claims::confidence.le(max));
    }
    if let Some(from) = filter.occurred_from {
        query = query.filter(claims::occurred_end.gt(from));
    }
    if let Some(to) = filter.occurred_to {
        query = query.filter(claims::occurred_start.lt(to));
    }
    if !filter.include_retracted {
        query = query.filter(claims::retracted_at.is_null());
    }
    if let Some(has_open) = filter.has_open_contradictions {
        query = query.filter(open_flag_condition(backend, has_open));
    }
    query
}

/// How many matches a search ranks: the newest `SEARCH_WINDOW` claims that match the words
/// and pass the other filters. Ranking every match made a search for common words cost
/// seconds on a large ledger (it matched every claim); within the window it costs about a
/// millisecond. Words that match fewer claims than this are ranked in full.
pub const SEARCH_WINDOW: i64 = 500;
/// SQLite looks through at most this many windows of newest matches for ones that pass the
/// other filters (so a rare filter on common words ends instead of scanning everything).
const SEARCH_WINDOWS_SCANNED: usize = 20;

/// The search window, newest first, ranked (lower is better) by `text::match_rank`, in Rust
/// and alike on both backends: SQLite's bm25() first counts every match of every word (its
/// IDF), which is the whole index for common words, and its IDF is the same for every claim
/// of an all-words search anyway.
fn search_window(conn: &mut DbConn, filter: &ClaimFilter) -> QueryResult<Vec<(String, f64)>> {
    let backend = conn.backend();
    let window: Vec<(String, String)> = match backend {
        // Newest first by id (UUIDv7: creation order), so PostgreSQL walks the primary key
        // backwards and stops after the window when the words are common, or collects the
        // few matches through the GIN index when they are rare.
        Backend::Postgres => filtered(backend, filter, true)
            .select((claims::id, claims::search_text))
            .order(claims::id.desc())
            .limit(SEARCH_WINDOW)
            .load(conn)?,
        // FTS5 walks its matches newest first (by rowid); each window of them then meets the
        // other filters in one indexed lookup.
        Backend::Sqlite => {
            #[derive(QueryableByName)]
            struct Match {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                rowid: i64,
            }
            let words = fts5_query(&filter.q);
            let window = usize::try_from(SEARCH_WINDOW).unwrap_or(0);
            let mut found: Vec<(String, String)> = Vec::new();
            let mut before = i64::MAX;
            for _ in 0..SEARCH_WINDOWS_SCANNED {
                let matches: Vec<Match> = diesel::sql_query(
                    "SELECT rowid FROM claims_fts \
                     WHERE claims_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?",
                )
                .bind::<Text, _>(&words)
                .bind::<diesel::sql_types::BigInt, _>(before)
                .bind::<diesel::sql_types::BigInt, _>(SEARCH_WINDOW)
                .load(conn)?;
                let Some(last) = matches.last() else {
                    break;
                };
                before = last.rowid;
                let rowids: Vec<i64> = matches.iter().map(|m| m.rowid).collect();
                let rowids = serde_json::to_string(&rowids).expect("numbers serialise");
                let passing: Vec<(String, String)> = filtered(backend, filter, false)
                    .filter(
                        sql::<Bool>("claims.rowid IN (SELECT value FROM json_each(")
                            .bind::<Text, _>(rowids)
                            .sql("))"),
                    )
                    .select((claims::id, claims::search_text))
                    .order(sql::<diesel::sql_types::BigInt>("claims.rowid DESC"))
                    .load(conn)?;
                let room = window - found.len();
                found.extend(passing.into_iter().take(room));
                if found.len() >= window || matches.len() < window {
                    break;
                }
            }
            found
        }
    };
    let lengths: usize = window.iter().map(|(_, text)| text.split(' ').count()).sum();
    let average_length = lengths as f64 / window.len().max(1) as f64;
    Ok(window
        .into_iter()
        .map(|(id, text)| {
            let rank = -crate::domain::text::match_rank(&filter.q, &text, average_length);
            (id, rank)
        })
        .collect())
}

fn search_condition(
    backend: Backend,
    tokens: &[String],
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    match backend {
        Backend::Postgres => Box::new(
            sql::<Bool>("claims.search_vector @@ ")
                .bind::<Text, _>(pg_tsquery(tokens))
                .sql("::tsquery"),
        ),
        Backend::Sqlite => Box::new(
            sql::<Bool>("claims.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ")
                .bind::<Text, _>(fts5_query(tokens))
                .sql(")"),
        ),
    }
}

/// "Cites this source". On PostgreSQL the claim ids are collected first (an InitPlan over
/// `citations_source`) and probed in the primary key, instead of the semi-join the planner
/// otherwise picks for a LIMITed list, which walks the claims newest-first until it has found
/// enough: slow for a source cited by few claims.
fn cited_source_condition(
    backend: Backend,
    source_id: &str,
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    match backend {
        Backend::Postgres => Box::new(
            sql::<Bool>("claims.id = ANY(ARRAY(SELECT claim_id FROM citations WHERE source_id = ")
                .bind::<Text, _>(source_id.to_owned())
                .sql("))"),
        ),
        Backend::Sqlite => Box::new(
            sql::<Bool>("claims.id IN (SELECT claim_id FROM citations WHERE source_id = ")
                .bind::<Text, _>(source_id.to_owned())
                .sql(")"),
        ),
    }
}

/// "Has an open contradiction flag" (or not), probed from the (few) open flags rather than by
/// walking all claims; see `cited_source_condition`.
fn open_flag_condition(
    backend: Backend,
    has_open: bool,
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    let open_ids = "SELECT claim_a FROM contradictions WHERE status = 'open' \
                    UNION ALL SELECT claim_b FROM contradictions WHERE status = 'open'";
    let negate = if has_open { "" } else { "NOT " };
    match backend {
        Backend::Postgres => Box::new(sql::<Bool>(&format!(
            "{negate}(claims.id = ANY(ARRAY({open_ids})))"
        ))),
        Backend::Sqlite => Box::new(sql::<Bool>(&format!("{negate}(claims.id IN ({open_ids}))"))),
    }
}

/// Best match first.
fn pg_tsquery(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(" & ")
}

fn fts5_query(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Claims with what their responses show besides themselves: subjects and authors.
pub struct ClaimBundle {
    pub records: Vec<ClaimRecord>,
    pub open_flags: HashMap<String, Vec<String>>,
    pub subjects: HashMap<String, SubjectSummary>,
    pub usernames: HashMap<String, String>,
}

/// A claim's subject, as a claim shows it.
#[derive(Debug, Clone)]
pub struct SubjectSummary {
    pub name: String,
    pub kind: String,
}

/// Everything a list page (or one claim) shows, in one query: each claim's row with its
/// citations (and their sources), tags and open flags aggregated into JSON by the database,
/// its subject and its author's name. One statement instead of six cut a read's round trips
/// to PostgreSQL, and on SQLite its time on the worker. Keeps the order of `ids`.
pub fn load_bundle(conn: &mut DbConn, ids: &[String]) -> QueryResult<ClaimBundle> {
    let mut bundle = ClaimBundle {
        records: Vec::with_capacity(ids.len()),
        open_flags: HashMap::new(),
        subjects: HashMap::new(),
        usernames: HashMap::new(),
    };
    if ids.is_empty() {
        return Ok(bundle);
    }
    type Row = (
        ClaimRow,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = claims::table
        .filter(in_list(claims::id, ids))
        .select((
            ClaimRow::as_select(),
            fragment::<read_sql::CitationsJson>(),
            fragment::<read_sql::TagsJson>(),
            fragment::<read_sql::OpenFlagsJson>(),
            fragment::<read_sql::SubjectName>(),
            fragment::<read_sql::SubjectKind>(),
            fragment::<read_sql::CreatorName>(),
        ))
        .load(conn)?;
    let mut by_id: HashMap<String, ClaimRecord> = HashMap::with_capacity(rows.len());
    for (row, citations, tags, flags, subject_name, subject_kind, username) in rows {
        let mut citations: Vec<CitationJson> = from_json(&citations)?;
        citations.sort_by_key(|c| c.position);
        let mut tags: Vec<String> = from_json(&tags)?;
        tags.sort();
        let mut flags: Vec<String> = from_json(&flags)?;
        if !flags.is_empty() {
            flags.sort();
            bundle.open_flags.insert(row.id.clone(), flags);
        }
        if let (Some(subject), Some(name), Some(kind)) =
            (&row.subject_id, subject_name, subject_kind)
        {
            bundle
                .subjects
                .insert(subject.clone(), SubjectSummary { name, kind });
        }
        if let Some(username) = username {
            bundle.usernames.insert(row.created_by.clone(), username);
        }
        let citations = citations.into_iter().map(|c| c.split(&row.id)).collect();
        by_id.insert(
            row.id.clone(),
            ClaimRecord {
                row,
                citations,
                tags,
            },
        );
    }
    bundle.records = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    Ok(bundle)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> QueryResult<T> {
    serde_json::from_str(text).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

/// A citation with its source's summary, as `load_bundle`'s JSON carries it.
#[derive(serde::Deserialize)]
struct CitationJson {
    id: String,
    source_id: String,
    position: i32,
    quote: Option<String>,
    locator: Option<String>,
    url: Option<String>,
    title: String,
    publisher: Option<String>,
    reliability: String,
    source_url: Option<String>,
    /// 0 or 1 from SQLite, a boolean from PostgreSQL.
    retracted: serde_json::Value,
}

impl CitationJson {
    fn split(self, claim_id: &str) -> (CitationRow, SourceSummary) {
        let retracted = self.retracted == serde_json::Value::Bool(true)
            || self.retracted.as_i64().is_some_and(|n| n != 0);
        let citation = CitationRow {
            id: self.id,
            claim_id: claim_id.to_owned(),
            source_id: self.source_id.clone(),
            position: self.position,
            quote: self.quote,
            locator: self.locator,
            url: self.url,
        };
        let source = SourceSummary {
            id: self.source_id,
            title: self.title,
            publisher: self.publisher,
            reliability: self.reliability,
            url: self.source_url,
            retracted,
        };
        (citation, source)
    }
}

/// The JSON aggregates of `load_bundle`, spelled per backend. Neither aggregate promises an
/// order as written, so the caller sorts. Open flags are two index lookups (`claim_a`,
/// `claim_b`) joined: with `OR`, SQLite scanned every open flag instead.
mod read_sql {
    use diesel::sql_types::{Nullable, Text};

    use crate::db::sql::BackendSql;

    pub struct CitationsJson;
    impl BackendSql for CitationsJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(json_object(\
            'id', c.id, 'source_id', c.source_id, 'position', c.position, \
            'quote', c.quote, 'locator', c.locator, 'url', c.url, 'title', s.title, \
            'publisher', s.publisher, 'reliability', s.reliability, 'source_url', s.url, \
            'retracted', s.retracted_at IS NOT NULL)) \
            FROM citations c JOIN sources s ON s.id = c.source_id \
            WHERE c.claim_id = claims.id)";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(json_build_object(\
            'id', c.id, 'source_id', c.source_id, 'position', c.position, \
            'quote', c.quote, 'locator', c.locator, 'url', c.url, 'title', s.title, \
            'publisher', s.publisher, 'reliability', s.reliability, 'source_url', s.url, \
            'retracted', s.retracted_at IS NOT NULL)), '[]')::text \
            FROM citations c JOIN sources s ON s.id = c.source_id \
            WHERE c.claim_id = claims.id)";
    }

    pub struct TagsJson;
    impl BackendSql for TagsJson {
        type SqlType = Text;
        const SQLITE: &'static str =
            "(SELECT json_group_array(tag) FROM claim_tags WHERE claim_id = claims.id)";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(tag), '[]')::text FROM claim_tags WHERE claim_id = claims.id)";
    }

    pub struct OpenFlagsJson;
    impl BackendSql for OpenFlagsJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(id) FROM (\
            SELECT id FROM contradictions WHERE claim_a = claims.id AND status = 'open' \
            UNION ALL \
            SELECT id FROM contradictions WHERE claim_b = claims.id AND status = 'open'))";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(id), '[]')::text FROM (\
            SELECT id FROM contradictions WHERE claim_a = claims.id AND status = 'open' \
            UNION ALL \
            SELECT id FROM contradictions WHERE claim_b = claims.id AND status = 'open') f)";
    }

    pub struct SubjectName;
    impl BackendSql for SubjectName {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT name FROM entities WHERE id = claims.subject_id)";
        const POSTGRES: &'static str = Self::SQLITE;
    }

    pub struct SubjectKind;
    impl BackendSql for SubjectKind {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT kind FROM entities WHERE id = claims.subject_id)";
        const POSTGRES: &'static str = Self::SQLITE;
    }

    pub struct CreatorName;
    impl BackendSql for CreatorName {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT username FROM users WHERE id = claims.created_by)";
        const POSTGRES: &'static str = Self::SQLITE;
    }
}

/// Adds subjects, author names and open flags to claim records (three queries).
pub fn bundle(conn: &mut DbConn, records: Vec<ClaimRecord>) -> QueryResult<ClaimBundle> {
    let ids: Vec<String> = records.iter().map(|r| r.row.id.clone()).collect();
    let mut subject_ids: Vec<String> = records
        .iter()
        .filter_map(|r| r.row.subject_id.clone())
        .collect();
    subject_ids.sort();
    subject_ids.dedup();
    let subjects = crate::store::entities::find_many(conn, &subject_ids)?
        .into_iter()
        .map(|e| {
            let subject = SubjectSummary {
                name: e.name,
                kind: e.kind,
            };
            (e.id, subject)
        })
        .collect();
    let mut author_ids: Vec<String> = records.iter().map(|r| r.row.created_by.clone()).collect();
    author_ids.sort();
    author_ids.dedup();
    let usernames = if author_ids.is_empty() {
        HashMap::new()
    } else {
        crate::schema::users::table
            .filter(in_list(crate::schema::users::id, &author_ids))
            .select((crate::schema::users::id, crate::schema::users::username))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
    let open_flags = crate::store::contradictions::open_for_claims(conn, &ids)?;
    Ok(ClaimBundle {
        records,
        open_flags,
        subjects,
        usernames,
    })
}

/// A claim's state fields, as a revert restores them.
#[derive(Debug, Clone)]
pub struct ClaimState {
    pub verdict: Verdict,
    pub verdict_note: Option<String>,
    pub retracted: Option<(NaiveDateTime, Option<String>)>,
}

/// Puts a claim back to an earlier revision's content — document and state — as one new
/// revision (action `revert`).
pub fn revert(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    claim: ValidClaim,
    state: ClaimState,
    author: &Author,
) -> StoreResult<ClaimRecord> {
    write_transaction(conn, |conn| {
        let current: ClaimRecord = get_at(conn, id, expected_revision)?;
        diesel::update(
            claims::table
                .find(id)
                .filter(claims::revision.eq(expected_revision)),
        )
        .set((
            claims::verdict.eq(state.verdict.as_str()),
            claims::verdict_note.eq(&state.verdict_note),
            claims::retracted_at.eq(state.retracted.as_ref().map(|(at, _)| *at)),
            claims::retracted_reason.eq(state.retracted.as_ref().and_then(|(_, r)| r.clone())),
        ))
        .execute(conn)?;
        // The state columns changed but not the revision: `current` still names the change.
        update(conn, ledger, &current, claim, Action::Revert, author)
    })
}

/// A claim as it stood at `at` (the last revision written at or before it), or None when it
/// did not exist yet. Its citations show their sources as they are now.
pub fn as_of(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> StoreResult<Option<ClaimBundle>> {
    let Some(current) = load_records(conn, &[id.to_owned()])?.pop() else {
        return Err(StoreError::NotFound("claim"));
    };
    let Some(revision) = crate::store::revisions::as_of(conn, RecordKind::Claims, id, at)? else {
        return Ok(None);
    };
    let snapshot: serde_json::Value = serde_json::from_str(&revision.snapshot).unwrap_or_default();
    let mut document = snapshot.clone();
    if let Some(map) = document.as_object_mut() {
        for key in ["verdict", "verdict_note", "retracted"] {
            map.remove(key);
        }
    }
    let doc: ClaimDoc = serde_json::from_value(document)
        .map_err(|e| StoreError::Db(diesel::result::Error::DeserializationError(Box::new(e))))?;
    let source_ids: Vec<String> = doc.citations.iter().map(|c| c.source_id.clone()).collect();
    let summaries: HashMap<String, SourceSummary> = sources::table
        .filter(in_list(sources::id, &source_ids))
        .select((
            sources::id,
            sources::title,
            sources::publisher,
            sources::reliability,
            sources::url,
            sources::retracted_at.is_not_null(),
        ))
        .load::<SourceSummary>(conn)?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();

    let mut row = current.row;
    row.statement = doc.statement.clone();
    row.subject_id = doc.subject_id.clone();
    row.property = doc.property.clone();
    row.value = doc
        .value
        .as_ref()
        .map(|v| serde_json::to_string(v).unwrap_or_default());
    row.occurred_value = doc.occurred_at.as_ref().map(|t| t.value.clone());
    row.occurred_precision = doc
        .occurred_at
        .as_ref()
        .map(|t| t.precision.as_str().to_owned());
    row.place = doc.place.clone();
    row.claimed_at = doc.claimed_at.map(|t| t.naive_utc());
    row.claimant_entity_id = doc.claimant.as_ref().and_then(|c| c.entity_id.clone());
    row.claimant_text = doc.claimant.as_ref().and_then(|c| c.text.clone());
    row.confidence = doc.confidence;
    row.credibility = doc.credibility;
    row.verdict = snapshot["verdict"]
        .as_str()
        .unwrap_or("unreviewed")
        .to_owned();
    row.verdict_note = snapshot["verdict_note"].as_str().map(str::to_owned);
    row.retracted_at = snapshot["retracted"]["at"]
        .as_str()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.naive_utc());
    row.retracted_reason = snapshot["retracted"]["reason"].as_str().map(str::to_owned);
    row.revision = revision.revision;
    row.updated_at = revision.created_at;
    let citations = doc
        .citations
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let summary = summaries.get(&c.source_id)?.clone();
            let citation = CitationRow {
                id: format!("{id}@{}#{i}", revision.revision),
                claim_id: id.to_owned(),
                source_id: c.source_id.clone(),
                position: i as i32,
                quote: c.quote.clone(),
                locator: c.locator.clone(),
                url: c.url.clone(),
            };
            Some((citation, summary))
        })
        .collect();
    let record = ClaimRecord {
        row,
        citations,
        tags: doc.tags,
    };
    Ok(Some(bundle(conn, vec![record])?))
}
