//! Writing imported reviews (`domain::claimreview` reads them): for each review, a source for
//! its page, the claimant as an entity, the claim, and the external review, each found again
//! when it is already there, so that importing the same file twice changes nothing. Runs inside
//! the caller's one transaction.

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::claim::{
    CitationDoc, CitationRole, ClaimDoc, ClaimValue, Claimant, MAX_CITATIONS, statement_key,
};
use crate::domain::claimreview::{EntityRef, ImportItem, UnmappedField, ValueIn};
use crate::domain::entity::EntityDoc;
use crate::domain::external_review::ExternalReviewDoc;
use crate::domain::source::{Reliability, SourceDoc, SourceKind};
use crate::domain::text::fold_key;
use crate::schema::{claims, entities, sources};
use crate::store::claims::Claim;
use crate::store::engine::{self, Change, Editable, Record, Stored};
use crate::store::entities::Entity;
use crate::store::external_reviews::{self, ExternalReview};
use crate::store::ledger::{Action, Ledger};
use crate::store::sources::Source;
use crate::store::{Author, StoreError, StoreResult, like_contains};

/// The confidence an imported claim starts with: the importing newsroom has not weighed it yet,
/// and another organisation's rating is not ours.
pub const IMPORTED_CONFIDENCE: f64 = 0.5;
/// The tag every imported claim gets.
pub const IMPORTED_TAG: &str = "imported";

/// What the import did with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// It was not there: made now.
    Created,
    /// It was there already, as the input says it is: unchanged.
    Matched,
    /// It was there, and the input differs: a new revision.
    Updated,
}

/// One record the import created, matched or updated.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportRecordOutcome {
    /// The record's id (`null` for records a dry run would create).
    pub id: Option<String>,
    pub outcome: ImportOutcome,
}

/// One claim's structured part, from a `claimledger:claim` extension.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportStructuredOutcome {
    pub subject: ImportRecordOutcome,
    /// The entity of an entity value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_entity: Option<ImportRecordOutcome>,
}

/// What one review of the input became.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportItemReport {
    /// Where the review is in the input (JSON pointer; `/scripts/<n>/…` in an HTML page).
    #[schema(example = "/claims/0/claimReview/0")]
    pub pointer: String,
    /// The review's URL, which identifies it.
    pub review_url: String,
    /// `created` when anything was created, `updated` when anything changed, else `matched`.
    pub outcome: ImportOutcome,
    pub claim: ImportRecordOutcome,
    pub external_review: ImportRecordOutcome,
    /// The source for the review's page (kind `fact_check`).
    pub review_source: ImportRecordOutcome,
    /// The claimant's entity, when the review names who made the claim.
    pub claimant: Option<ImportRecordOutcome>,
    /// A source for each URL where the claim appeared.
    pub appearances: Vec<ImportRecordOutcome>,
    /// Present when the review carried a claimledger structured part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structured: Option<ImportStructuredOutcome>,
    /// Every input field of this review that did not map, and why.
    pub unmapped: Vec<UnmappedField>,
}

/// Imports every item, in order, in the caller's transaction.
///
/// Imports run one at a time (on PostgreSQL, a transaction-scoped lock; SQLite has one writer
/// anyway): the second of two overlapping imports then finds what the first wrote, and no two
/// wait for each other's keys in opposite orders. One lock, not one per URL and name, keeps a
/// 1,000-review import within PostgreSQL's lock table.
pub fn apply(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    items: Vec<ImportItem>,
    author: &Author,
) -> StoreResult<Vec<ImportItemReport>> {
    tx.lock("claimreview-import")?;
    items
        .into_iter()
        .map(|item| apply_one(tx, ledger, item, author))
        .collect()
}

fn created(id: String) -> ImportRecordOutcome {
    ImportRecordOutcome {
        id: Some(id),
        outcome: ImportOutcome::Created,
    }
}

fn matched(id: String) -> ImportRecordOutcome {
    ImportRecordOutcome {
        id: Some(id),
        outcome: ImportOutcome::Matched,
    }
}

/// `current` changed to `snapshot`, as a new revision by the import's author.
fn updated<R: Record>(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    current: &Stored<R>,
    snapshot: R::Snapshot,
    author: &Author,
) -> StoreResult<ImportRecordOutcome> {
    let change = Change::now(Action::Update, Some(author));
    engine::change(tx, ledger, current, snapshot, change)?;
    Ok(ImportRecordOutcome {
        id: Some(current.meta.id.clone()),
        outcome: ImportOutcome::Updated,
    })
}

/// Names an item's failure by its pointer (the whole import then fails).
fn at_item(pointer: &str, error: StoreError) -> StoreError {
    match error {
        StoreError::Invalid(errors) => StoreError::Invalid(
            errors
                .into_iter()
                .map(|e| FieldError::new(pointer, format!("{}: {}", e.pointer, e.message)))
                .collect(),
        ),
        StoreError::Conflict { detail, .. } => {
            StoreError::Invalid(vec![FieldError::new(pointer, detail)])
        }
        other => other,
    }
}

fn apply_one(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    item: ImportItem,
    author: &Author,
) -> StoreResult<ImportItemReport> {
    let pointer = item.pointer.clone();
    apply_item(tx, ledger, item, author).map_err(|e| at_item(&pointer, e))
}

fn apply_item(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    item: ImportItem,
    author: &Author,
) -> StoreResult<ImportItemReport> {
    let review_doc = &item.review;
    let review_source = source_for(
        tx,
        ledger,
        author,
        SourceDoc {
            kind: SourceKind::FactCheck,
            title: review_doc
                .title
                .clone()
                .unwrap_or_else(|| format!("Fact-check by {}", review_doc.publisher)),
            url: Some(review_doc.url.clone()),
            publisher: Some(review_doc.publisher.clone()),
            authors: Vec::new(),
            published_at: review_doc.reviewed_at.clone(),
            language: review_doc.language.clone(),
            reliability: Reliability::F,
            archived_url: None,
            derives_from: vec![],
        },
    )?;
    let mut appearances = Vec::new();
    for appearance in &item.appearances {
        appearances.push(source_for(
            tx,
            ledger,
            author,
            SourceDoc {
                // Cited with role `appearance`: where the claim was made.
                kind: SourceKind::Other,
                title: appearance
                    .title
                    .clone()
                    .unwrap_or_else(|| appearance.url.chars().take(500).collect()),
                url: Some(appearance.url.clone()),
                publisher: appearance.publisher.clone(),
                authors: Vec::new(),
                published_at: None,
                language: None,
                reliability: Reliability::F,
                archived_url: None,
                derives_from: vec![],
            },
        )?);
    }
    let claimant = match &item.claimant {
        Some(c) => Some(entity_for(
            tx,
            ledger,
            author,
            &EntityRef {
                id: None,
                name: Some(c.name.clone()),
                kind: c.kind,
            },
        )?),
        None => None,
    };
    let mut structured_outcome = None;
    let mut unmapped = item.unmapped.clone();
    let part = item
        .structured
        .as_ref()
        .and_then(|s| Some((s, s.part.as_ref()?)));
    let structured = match part {
        Some((s, part)) => {
            let value_ref = match &part.value {
                ValueIn::Entity(r) => Some(r),
                ValueIn::Other(_) => None,
            };
            if resolvable(tx.conn(), &part.subject)?
                && value_ref.map_or(Ok(true), |r| resolvable(tx.conn(), r))?
            {
                let subject = entity_for(tx, ledger, author, &part.subject)?;
                let (value, value_entity) = match &part.value {
                    ValueIn::Entity(r) => {
                        let e = entity_for(tx, ledger, author, r)?;
                        let entity_id = e.id.clone().unwrap_or_default();
                        (ClaimValue::Entity { entity_id }, Some(e))
                    }
                    ValueIn::Other(v) => (v.clone(), None),
                };
                let subject_id = subject.id.clone().unwrap_or_default();
                structured_outcome = Some(ImportStructuredOutcome {
                    subject,
                    value_entity,
                });
                Some((subject_id, part.property.clone(), value))
            } else {
                // An entity named only by an id this ledger does not have cannot be found:
                // the claim is imported without its structured part, and the report says why.
                unmapped.push(UnmappedField {
                    pointer: s.pointer.clone(),
                    reason: "its subject or entity value names an entity by an id this ledger \
                             does not have, and no name: the claim is imported without its \
                             structured part"
                        .into(),
                });
                None
            }
        }
        None => None,
    };

    let existing_review = external_reviews::find_by_url(tx.conn(), &review_doc.url)?;
    let claimant_id = claimant.as_ref().and_then(|c| c.id.clone());
    let found_claim = match &existing_review {
        Some(r) => Some(r.snapshot.claim_id.clone()),
        None => find_claim(
            tx.conn(),
            &item.statement,
            structured
                .as_ref()
                .map(|(s, p, v)| (s.as_str(), p.as_str(), v)),
            claimant_id.as_deref(),
        )?,
    };
    let cited: Vec<(String, CitationRole)> =
        std::iter::once((&review_source, CitationRole::Evidence))
            .chain(appearances.iter().map(|a| (a, CitationRole::Appearance)))
            .filter_map(|(o, role)| Some((o.id.clone()?, role)))
            .collect();
    let claim = match found_claim {
        Some(id) => cite_missing(tx, ledger, author, id, &cited)?,
        None => {
            let mut citations = vec![citation(&review_source, CitationRole::Evidence)];
            for a in &appearances {
                if !citations
                    .iter()
                    .any(|c| Some(&c.source_id) == a.id.as_ref())
                {
                    citations.push(citation(a, CitationRole::Appearance));
                }
            }
            let s = item.structured.as_ref();
            let doc = ClaimDoc {
                statement: item.statement.clone(),
                subject_id: structured.as_ref().map(|(s, _, _)| s.clone()),
                property: structured.as_ref().map(|(_, p, _)| p.clone()),
                value: structured.as_ref().map(|(_, _, v)| v.clone()),
                occurred_at: s.and_then(|s| s.occurred_at.clone()),
                place: s.and_then(|s| s.place.clone()),
                claimed_at: item.claimed_at,
                claimant: claimant_id.clone().map(|id| Claimant {
                    entity_id: Some(id),
                    text: None,
                }),
                confidence: s.and_then(|s| s.confidence).unwrap_or(IMPORTED_CONFIDENCE),
                credibility: s.and_then(|s| s.credibility),
                tags: s
                    .map(|s| s.tags.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .chain([IMPORTED_TAG.to_owned()])
                    .collect(),
                citations,
            };
            let doc = Claim::validate(doc).map_err(StoreError::Invalid)?;
            match engine::create::<Claim>(tx, ledger, Claim::compose(doc, None), Some(author)) {
                Ok(stored) => created(stored.meta.id),
                // The same statement, citing the same page, is the same claim.
                Err(StoreError::Conflict {
                    code: "duplicate_claim",
                    existing_id: Some(existing),
                    ..
                }) => matched(existing),
                Err(e) => return Err(e),
            }
        }
    };
    let claim_id = claim.id.clone().unwrap_or_default();

    let external_review = match existing_review {
        Some(current) => {
            let doc = ExternalReviewDoc {
                claim_id: current.snapshot.claim_id.clone(),
                ..item.review.clone()
            };
            let snapshot = ExternalReview::compose(doc, Some(&current.snapshot));
            if snapshot == current.snapshot {
                matched(current.meta.id)
            } else {
                updated(tx, ledger, &current, snapshot, author)?
            }
        }
        None => {
            let doc = ExternalReviewDoc {
                claim_id: claim_id.clone(),
                ..item.review.clone()
            };
            let doc = ExternalReview::validate(doc).map_err(StoreError::Invalid)?;
            let stored = engine::create::<ExternalReview>(
                tx,
                ledger,
                ExternalReview::compose(doc, None),
                Some(author),
            )?;
            created(stored.meta.id)
        }
    };

    let mut all: Vec<&ImportRecordOutcome> = vec![&claim, &external_review, &review_source];
    all.extend(claimant.iter());
    all.extend(appearances.iter());
    if let Some(s) = &structured_outcome {
        all.push(&s.subject);
        all.extend(s.value_entity.iter());
    }
    let outcome = if all.iter().any(|o| o.outcome == ImportOutcome::Created) {
        ImportOutcome::Created
    } else if all.iter().any(|o| o.outcome == ImportOutcome::Updated) {
        ImportOutcome::Updated
    } else {
        ImportOutcome::Matched
    };
    Ok(ImportItemReport {
        pointer: item.pointer,
        review_url: item.review.url,
        outcome,
        claim,
        external_review,
        review_source,
        claimant,
        appearances,
        structured: structured_outcome,
        unmapped,
    })
}

/// A citation of a source the import found or made.
fn citation(source: &ImportRecordOutcome, role: CitationRole) -> CitationDoc {
    CitationDoc {
        source_id: source.id.clone().unwrap_or_default(),
        quote: None,
        locator: None,
        url: None,
        role,
        attributed_to: None,
    }
}

/// A claim found again: it also cites the review's page and the appearances it does not cite
/// yet (a second organisation's review of it, say), as a new revision; else it is unchanged.
fn cite_missing(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    author: &Author,
    claim_id: String,
    sources: &[(String, CitationRole)],
) -> StoreResult<ImportRecordOutcome> {
    let current = engine::get::<Claim>(tx.conn(), &claim_id)?;
    let mut doc = Claim::doc(&current.snapshot);
    for (source_id, role) in sources {
        if doc.citations.len() < MAX_CITATIONS
            && !doc.citations.iter().any(|c| &c.source_id == source_id)
        {
            doc.citations.push(CitationDoc {
                source_id: source_id.clone(),
                quote: None,
                locator: None,
                url: None,
                role: *role,
                attributed_to: None,
            });
        }
    }
    if doc.citations.len() == current.snapshot.citations.len() {
        return Ok(matched(claim_id));
    }
    let doc = Claim::validate(doc).map_err(StoreError::Invalid)?;
    let snapshot = Claim::compose(doc, Some(&current.snapshot));
    updated(tx, ledger, &current, snapshot, author)
}

/// The source with this URL (the oldest, retracted ones too), or a new one.
fn source_for(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    author: &Author,
    doc: SourceDoc,
) -> StoreResult<ImportRecordOutcome> {
    let url = doc.url.clone().unwrap_or_default();
    let existing: Option<String> = sources::table
        .filter(sources::url.eq(&url))
        .select(sources::id)
        .order(sources::id.asc())
        .first(tx.conn())
        .optional()?;
    if let Some(id) = existing {
        return Ok(matched(id));
    }
    let doc = Source::validate(doc).map_err(StoreError::Invalid)?;
    let stored = engine::create::<Source>(tx, ledger, Source::compose(doc, None), Some(author))?;
    Ok(created(stored.meta.id))
}

/// The entity named (by id in this ledger, else by name or alias, case-insensitively, not
/// retracted), or a new one.
fn entity_for(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    author: &Author,
    named: &EntityRef,
) -> StoreResult<ImportRecordOutcome> {
    if let Some(id) = &named.id
        && <Entity as Record>::head_hash(tx.conn(), id)?.is_some()
    {
        return Ok(matched(id.clone()));
    }
    let Some(name) = &named.name else {
        return Err(StoreError::Invalid(vec![FieldError::new(
            "/claimledger:claim",
            "names an entity by an id this ledger does not have, and gives no name",
        )]));
    };
    let key = fold_key(name);
    if let Some(id) = find_entity(tx.conn(), &key)? {
        return Ok(matched(id));
    }
    let doc = Entity::validate(EntityDoc {
        kind: named.kind,
        name: name.clone(),
        aliases: Vec::new(),
        description: None,
    })
    .map_err(StoreError::Invalid)?;
    let stored = engine::create::<Entity>(tx, ledger, Entity::compose(doc, None), Some(author))?;
    Ok(created(stored.meta.id))
}

/// Whether [`entity_for`] can find or make the entity named: it has a name, or an id this
/// ledger has.
fn resolvable(conn: &mut DbConn, named: &EntityRef) -> StoreResult<bool> {
    Ok(named.name.is_some()
        || match &named.id {
            Some(id) => <Entity as Record>::head_hash(conn, id)?.is_some(),
            None => false,
        })
}

/// The oldest live entity whose name or an alias folds to `key`.
fn find_entity(conn: &mut DbConn, key: &str) -> QueryResult<Option<String>> {
    if key.is_empty() {
        return Ok(None);
    }
    // `search_text` holds the name and aliases, folded, one a line.
    let candidates: Vec<(String, String)> = entities::table
        .filter(entities::search_text.like(like_contains(key)).escape('\\'))
        .filter(entities::retracted_at.is_null())
        .select((entities::id, entities::search_text))
        .order(entities::id.asc())
        .limit(200)
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .find(|(_, names)| names.lines().any(|n| n == key))
        .map(|(id, _)| id))
}

/// A live claim making this statement (with this structured part) by this claimant.
fn find_claim(
    conn: &mut DbConn,
    statement: &str,
    structured: Option<(&str, &str, &ClaimValue)>,
    claimant_id: Option<&str>,
) -> QueryResult<Option<String>> {
    let key = statement_key(statement, structured);
    let mut query = claims::table
        .filter(claims::statement_key.eq(key))
        .filter(claims::retracted_at.is_null())
        .select(claims::id)
        .order(claims::id.asc())
        .into_boxed();
    query = match claimant_id {
        Some(id) => query.filter(claims::claimant_entity_id.eq(id.to_owned())),
        None => query.filter(claims::claimant_entity_id.is_null()),
    };
    query.first(conn).optional()
}

/// Forgets the ids of records a dry run created (they were rolled back), wherever they show.
pub fn forget_created_ids(reports: &mut [ImportItemReport]) {
    fn outcomes(r: &mut ImportItemReport) -> Vec<&mut ImportRecordOutcome> {
        let mut all = vec![&mut r.claim, &mut r.external_review, &mut r.review_source];
        all.extend(r.claimant.iter_mut());
        all.extend(r.appearances.iter_mut());
        if let Some(s) = &mut r.structured {
            all.push(&mut s.subject);
            all.extend(s.value_entity.iter_mut());
        }
        all
    }
    let mut created = std::collections::HashSet::new();
    for r in reports.iter_mut() {
        for o in outcomes(r) {
            if o.outcome == ImportOutcome::Created {
                created.extend(o.id.clone());
            }
        }
    }
    for r in reports.iter_mut() {
        for o in outcomes(r) {
            if o.id.as_ref().is_some_and(|id| created.contains(id)) {
                o.id = None;
            }
        }
    }
}
