//! Claims: the record (its snapshot, row and columns, here), what is checked before a write
//! (`checks`), how claims are read with what they show (`view`), and lists and search
//! (`list`).

mod checks;
mod list;
mod search;
mod view;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::db::types::JsonText;
use crate::domain::time::Precision;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

pub use list::{ClaimCursor, ClaimFilter, ClaimSort, list_ids, with_published_review};
pub use search::SEARCH_WINDOW;
pub use view::{
    CitedSource, ClaimView, SourceSummary, SubjectSummary, as_of, load_views, views_at,
};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::claim::{
    CitationDoc, CitationRole, ClaimDoc, ClaimValue, Claimant, PublishedReview, Verdict,
    statement_key,
};
use crate::domain::text::search_text;
use crate::domain::time::TimeValue;
use crate::schema::{citations, claim_tags, claims};
use crate::store::engine::{
    self, Change, Editable, Insert, Record, Retractable, Retraction, Snapshot, Stored,
};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{Author, StoreResult, new_id};

/// The claim record kind.
pub struct Claim;

/// A claim as each revision keeps it (format 1, unchanged since release 0.1.0). Its value,
/// time and claimant types are shared with the request body: their JSON is part of this
/// format, and the golden fixtures hold them to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimSnapshot {
    pub statement: String,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub value: Option<ClaimValue>,
    pub occurred_at: Option<TimeValue>,
    pub place: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub claimant: Option<Claimant>,
    pub confidence: f64,
    pub credibility: Option<i32>,
    pub tags: Vec<String>,
    pub citations: Vec<CitationSnapshot>,
    pub verdict: Verdict,
    pub verdict_note: Option<String>,
    /// Set with the verdict; absent from snapshots written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_review: Option<PublishedReview>,
    pub retracted: Option<Retraction>,
}

/// A citation as a claim's snapshot keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationSnapshot {
    pub source_id: String,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub url: Option<String>,
    /// Left out when `evidence` (as in snapshots written before roles existed).
    #[serde(default, skip_serializing_if = "CitationRole::is_evidence")]
    pub role: CitationRole,
    /// The entity the source attributes the statement to; left out when none (as in
    /// snapshots written before attribution existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

impl Snapshot for ClaimSnapshot {
    const FORMAT: u32 = 1;
}

impl ClaimSnapshot {
    /// The structured part: (subject, property, value), when the claim has one.
    pub fn structured(&self) -> Option<(&str, &str, &ClaimValue)> {
        Some((
            self.subject_id.as_deref()?,
            self.property.as_deref()?,
            self.value.as_ref()?,
        ))
    }

    /// Equal for claims that make the same statement with the same structured part.
    pub fn statement_key(&self) -> String {
        statement_key(&self.statement, self.structured())
    }
}

crate::record_meta!(ClaimMeta for claims, key id, created_by String);

/// A claim's row as read: what its snapshot needs of it (the citations and tags come from
/// their own rows, see `view::load_views`).
#[derive(Queryable, Selectable)]
#[diesel(table_name = claims)]
struct ClaimRow {
    #[diesel(embed)]
    meta: ClaimMeta,
    statement: String,
    subject_id: Option<String>,
    property: Option<String>,
    value: Option<JsonText<ClaimValue>>,
    occurred_value: Option<String>,
    occurred_precision: Option<Precision>,
    place: Option<String>,
    claimed_at: Option<NaiveDateTime>,
    claimant_entity_id: Option<String>,
    claimant_text: Option<String>,
    confidence: f64,
    credibility: Option<i32>,
    verdict: Verdict,
    verdict_note: Option<String>,
    published_review: Option<JsonText<PublishedReview>>,
    retracted_at: Option<NaiveDateTime>,
    retracted_reason: Option<String>,
}

impl ClaimRow {
    fn into_stored(self, citations: Vec<CitationSnapshot>, tags: Vec<String>) -> Stored<Claim> {
        let snapshot = crate::copy_fields!(ClaimSnapshot {
            statement, subject_id, property, place, confidence, credibility, verdict_note,
        } from self,
            value: self.value.clone().map(|v| v.0),
            occurred_at: self
                .occurred_value
                .clone()
                .zip(self.occurred_precision)
                .map(|(value, precision)| TimeValue { value, precision }),
            claimed_at: self.claimed_at.map(|t| t.and_utc()),
            claimant: (self.claimant_entity_id.is_some() || self.claimant_text.is_some())
                .then(|| Claimant {
                    entity_id: self.claimant_entity_id.clone(),
                    text: self.claimant_text.clone(),
                }),
            tags,
            citations,
            verdict: self.verdict,
            published_review: self.published_review.clone().map(|r| r.0),
            retracted: Retraction::from_columns(self.retracted_at, self.retracted_reason.clone()),
        );
        Stored {
            meta: self.meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes ClaimColumnChanges for claims;
    /// The columns a snapshot decides. Citations and tags are rows of their own
    /// (`write_children`).
    #[derive(Insertable, AsChangeset)]
    #[diesel(table_name = claims, treat_none_as_null = true)]
    struct ClaimColumns {
        statement: String,
        statement_key: String,
        subject_id: Option<String>,
        property: Option<String>,
        value: Option<String>,
        value_lower: Option<f64>,
        value_upper: Option<f64>,
        value_key: Option<String>,
        occurred_value: Option<String>,
        occurred_precision: Option<crate::domain::time::Precision>,
        occurred_start: Option<NaiveDateTime>,
        occurred_end: Option<NaiveDateTime>,
        /// The sort key of `occurred_at`: claims with no time sort after every dated one.
        occurred_sort: NaiveDateTime,
        place: Option<String>,
        claimed_at: Option<NaiveDateTime>,
        claimant_entity_id: Option<String>,
        claimant_text: Option<String>,
        confidence: f64,
        credibility: Option<i32>,
        verdict: Verdict,
        verdict_note: Option<String>,
        /// JSON; a claim has one when `GET /v1/exports/claimreview` lists it.
        published_review: Option<String>,
        /// Statement and quotes, tokenised for full-text search.
        search_text: String,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

/// When a snapshot's event happened, with its span (what `occurred_*` columns keep).
fn occurred(s: &ClaimSnapshot) -> StoreResult<Option<(&TimeValue, crate::domain::time::TimeSpan)>> {
    match &s.occurred_at {
        Some(t) => Ok(Some((
            t,
            t.span().map_err(|e| invalid("/occurred_at/value", e))?,
        ))),
        None => Ok(None),
    }
}

/// What contradiction detection compares of a claim as written: the values `columns` stores,
/// without reading them back.
fn facts(id: &str, s: &ClaimSnapshot) -> StoreResult<crate::domain::contradiction::ClaimFacts> {
    let comparable = s.value.as_ref().map(ClaimValue::comparable);
    Ok(crate::domain::contradiction::ClaimFacts {
        id: id.to_owned(),
        subject_id: s.subject_id.clone(),
        property: s.property.clone(),
        lower: comparable.as_ref().and_then(|c| c.lower),
        upper: comparable.as_ref().and_then(|c| c.upper),
        key: comparable.and_then(|c| c.key),
        occurred: occurred(s)?.map(|(_, span)| (span.start, span.end)),
        retracted: s.retracted.is_some(),
        superseded: false,
    })
}

fn columns(s: &ClaimSnapshot) -> StoreResult<ClaimColumns> {
    let comparable = s.value.as_ref().map(ClaimValue::comparable);
    let occurred = occurred(s)?;
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(ClaimColumns {
        statement: s.statement.clone(),
        statement_key: s.statement_key(),
        subject_id: s.subject_id.clone(),
        property: s.property.clone(),
        value: s
            .value
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        value_lower: comparable.as_ref().and_then(|c| c.lower),
        value_upper: comparable.as_ref().and_then(|c| c.upper),
        value_key: comparable.and_then(|c| c.key),
        occurred_value: occurred.map(|(t, _)| t.value.clone()),
        occurred_precision: occurred.map(|(t, _)| t.precision),
        occurred_start: occurred.map(|(_, span)| span.start),
        occurred_end: occurred.map(|(_, span)| span.end),
        occurred_sort: occurred.map_or_else(undated_sort_key, |(_, span)| span.start),
        place: s.place.clone(),
        claimed_at: s.claimed_at.map(|t| t.naive_utc()),
        claimant_entity_id: s.claimant.as_ref().and_then(|c| c.entity_id.clone()),
        claimant_text: s.claimant.as_ref().and_then(|c| c.text.clone()),
        confidence: s.confidence,
        credibility: s.credibility,
        verdict: s.verdict,
        verdict_note: s.verdict_note.clone(),
        published_review: s
            .published_review
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        search_text: search_text(
            std::iter::once(s.statement.as_str())
                .chain(s.citations.iter().filter_map(|c| c.quote.as_deref())),
        ),
        retracted_at,
        retracted_reason,
    })
}

fn invalid(pointer: &str, message: String) -> crate::store::StoreError {
    crate::store::StoreError::Invalid(vec![FieldError::new(pointer, message)])
}

/// Where undated claims sort: after every dated one, ascending.
pub(crate) fn undated_sort_key() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid date")
}

impl Record for Claim {
    const KIND: RecordKind = RecordKind::Claims;
    const NAME: &'static str = "claim";
    type Snapshot = ClaimSnapshot;

    fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Self>>> {
        Ok(load_views(conn, &[id.to_owned()])?
            .pop()
            .map(|view| view.stored))
    }

    crate::record_table!(table: claims, key: id, columns: columns);

    /// Tags are rows of their own, read back sorted (`view::load_views`).
    fn as_read_back(mut snapshot: ClaimSnapshot) -> ClaimSnapshot {
        snapshot.tags.sort();
        snapshot
    }

    /// The sources, entities and property named must exist, the value must fit the property,
    /// and the claim must not duplicate another. Checked when the claim's content changes, not
    /// for a verdict or a retraction.
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&ClaimSnapshot>,
        after: &ClaimSnapshot,
    ) -> StoreResult<()> {
        if before.is_some_and(|before| Claim::doc(before) == Claim::doc(after)) {
            return Ok(());
        }
        checks::references(tx.conn(), after)?;
        checks::not_a_duplicate(tx, id, after)
    }

    /// Writes the citations and tags that changed, then brings contradiction flags up to date
    /// (a verdict changes nothing detection looks at).
    fn after_write(
        tx: &mut WriteTx<'_>,
        ledger: &Ledger,
        before: Option<&ClaimSnapshot>,
        after: &Stored<Self>,
        action: Action,
        author: Option<&Author>,
    ) -> StoreResult<()> {
        // The quote checks of citation rows about to be written (their search was done before
        // the transaction, see `store::quote_checks`).
        let checks = if before.is_none_or(|b| b.citations != after.snapshot.citations) {
            crate::store::quote_checks::for_write(tx, &after.meta.id, &after.snapshot.citations)?
        } else {
            Vec::new()
        };
        write_children(tx, &after.meta.id, before, &after.snapshot, &checks)?;
        // Which subject and property it has been about, and since when (estimates as of a
        // past instant find their claims there).
        crate::store::estimates::record_subject(
            tx.conn(),
            &after.meta.id,
            before,
            &after.snapshot,
            after.meta.updated_at,
        )?;
        if action != Action::Verdict
            && let Some(author) = author
        {
            let mut me = facts(&after.meta.id, &after.snapshot)?;
            if me.property.is_some() {
                me.superseded = crate::store::relations::is_superseded(tx.conn(), &me.id)?;
            }
            crate::store::contradictions::detect(tx, ledger, &me, before.is_none(), author)?;
        }
        // A retracted claim: the claims that corroborate it or are its duplicates need review.
        if before.is_some_and(|b| b.retracted.is_none()) && after.snapshot.retracted.is_some() {
            crate::store::impacts::after_claim_retracted(
                tx,
                ledger,
                &after.meta.id,
                after.meta.revision,
                author,
            )?;
        }
        Ok(())
    }
}

impl Insert for Claim {
    crate::record_table!(insert: claims, key: id, created_by: String, columns: columns);
}

impl Retractable for Claim {
    fn retraction(snapshot: &ClaimSnapshot) -> Option<&Retraction> {
        snapshot.retracted.as_ref()
    }

    fn set_retraction(snapshot: &mut ClaimSnapshot, retraction: Option<Retraction>) {
        snapshot.retracted = retraction;
    }
}

impl Editable for Claim {
    type Doc = ClaimDoc;

    fn doc(s: &ClaimSnapshot) -> ClaimDoc {
        crate::copy_fields!(ClaimDoc {
            statement, subject_id, property, value, occurred_at, place, claimed_at, claimant,
            confidence, credibility, tags,
        } from s,
            citations: s
                .citations
                .iter()
                .map(|c| crate::copy_fields!(CitationDoc { source_id, quote, locator, url, role, attributed_to } from c))
                .collect(),
        )
    }

    fn validate(doc: ClaimDoc) -> Result<ClaimDoc, Vec<FieldError>> {
        doc.validate()
    }

    fn compose(doc: ClaimDoc, base: Option<&ClaimSnapshot>) -> ClaimSnapshot {
        crate::copy_fields!(ClaimSnapshot {
            statement, subject_id, property, value, occurred_at, place, claimed_at, claimant,
            confidence, credibility, tags,
        } from doc,
            citations: doc.citations.iter().map(CitationSnapshot::from).collect(),
            verdict: base.map_or(Verdict::Unreviewed, |b| b.verdict),
            verdict_note: base.and_then(|b| b.verdict_note.clone()),
            published_review: base.and_then(|b| b.published_review.clone()),
            retracted: base.and_then(|b| b.retracted.clone()),
        )
    }
}

impl From<&CitationDoc> for CitationSnapshot {
    fn from(c: &CitationDoc) -> Self {
        crate::copy_fields!(CitationSnapshot { source_id, quote, locator, url, role, attributed_to } from c)
    }
}

/// Writes a claim's citations and tags. On a change (`before` is the claim as it was), a list
/// that did not change is left alone: its citations keep their ids, and an edit of the
/// statement rewrites no rows it did not touch.
fn write_children(
    tx: &mut WriteTx<'_>,
    id: &str,
    before: Option<&ClaimSnapshot>,
    after: &ClaimSnapshot,
    checks: &[crate::store::quote_checks::QuoteCheck],
) -> QueryResult<()> {
    if before.is_none_or(|b| b.citations != after.citations) {
        // The quotes a capture lost (`quote_lost_capture_id`, see `store::quote_checks`) stay
        // lost in the rows that replace them while the same quote of the same source is still
        // not found: an edit of a locator does not take a claim out of the review queue.
        let mut lost: HashMap<(String, Option<String>), String> = HashMap::new();
        if before.is_some() {
            lost = citations::table
                .filter(citations::claim_id.eq(id))
                .filter(citations::quote_lost_capture_id.is_not_null())
                .select((
                    citations::source_id,
                    citations::quote,
                    citations::quote_lost_capture_id.assume_not_null(),
                ))
                .load::<(String, Option<String>, String)>(tx.conn())?
                .into_iter()
                .map(|(source, quote, capture)| ((source, quote), capture))
                .collect();
            diesel::delete(citations::table.filter(citations::claim_id.eq(id)))
                .execute(tx.conn())?;
        }
        // One statement for all of them (and for the tags below): on PostgreSQL each
        // statement is a round trip, and a claim cites up to 50 sources.
        let rows: Vec<_> = after
            .citations
            .iter()
            .enumerate()
            .map(|(position, c)| {
                let check = checks.get(position).cloned().unwrap_or_else(|| {
                    crate::store::quote_checks::QuoteCheck::unchecked(c.quote.as_deref())
                });
                let lost_at = if check.status == crate::store::quote_checks::CheckStatus::NotFound {
                    lost.get(&(c.source_id.clone(), c.quote.clone())).cloned()
                } else {
                    None
                };
                (
                    citations::id.eq(new_id()),
                    citations::claim_id.eq(id),
                    citations::source_id.eq(&c.source_id),
                    citations::position.eq(position as i32),
                    citations::quote.eq(&c.quote),
                    citations::locator.eq(&c.locator),
                    citations::url.eq(&c.url),
                    citations::role.eq(c.role),
                    citations::attributed_to.eq(&c.attributed_to),
                    citations::check_status.eq(check.status),
                    citations::check_capture_id.eq(check.capture_id),
                    citations::check_start.eq(check.start),
                    citations::check_end.eq(check.end),
                    citations::quote_lost_capture_id.eq(lost_at),
                )
            })
            .collect();
        if !rows.is_empty() {
            crate::insert_all!(tx.conn(), citations::table, rows)?;
        }
    }
    if before.is_none_or(|b| b.tags != after.tags) {
        if before.is_some() {
            diesel::delete(claim_tags::table.filter(claim_tags::claim_id.eq(id)))
                .execute(tx.conn())?;
        }
        let rows: Vec<_> = after
            .tags
            .iter()
            .map(|tag| (claim_tags::claim_id.eq(id), claim_tags::tag.eq(tag)))
            .collect();
        if !rows.is_empty() {
            crate::insert_all!(tx.conn(), claim_tags::table, rows)?;
        }
    }
    Ok(())
}

/// Creates a claim.
pub fn create(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    doc: ClaimDoc,
    author: &Author,
) -> StoreResult<Stored<Claim>> {
    engine::create::<Claim>(tx, ledger, Claim::compose(doc, None), Some(author))
}

/// The reviewers' verdict as `POST /v1/claims/{id}/verdict` sets it: whole, so a verdict
/// given without a published review leaves the claim without one.
pub struct VerdictChange {
    pub verdict: Verdict,
    pub note: Option<String>,
    pub published_review: Option<PublishedReview>,
}

impl VerdictChange {
    /// A verdict without a note or a published review.
    pub fn only(verdict: Verdict) -> Self {
        Self {
            verdict,
            note: None,
            published_review: None,
        }
    }
}

/// Sets the reviewers' verdict on a claim at `expected_revision`.
pub fn set_verdict(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    change: VerdictChange,
    author: &Author,
) -> StoreResult<Stored<Claim>> {
    let current = engine::get_at::<Claim>(tx.conn(), id, expected_revision)?;
    let mut snapshot = current.snapshot.clone();
    snapshot.verdict = change.verdict;
    snapshot.verdict_note = change.note;
    snapshot.published_review = change.published_review;
    engine::change(
        tx,
        ledger,
        &current,
        snapshot,
        Change::now(Action::Verdict, Some(author)),
    )
}
