//! ClaimReview out: our published fact-checks as schema.org `ClaimReview` JSON-LD, the format
//! fact-checkers exchange (Google's Fact Check tools, Duke's Fact-Check Insights, shared
//! repositories). `GET /v1/claims/{id}/claimreview` gives one; `GET /v1/exports/claimreview`
//! streams all of them.
//!
//! Only schema.org properties that mean what we store are schema.org's: the claim's statement is
//! `claimReviewed`, its claimant `itemReviewed.author`, its `claimed_at`
//! `itemReviewed.datePublished`, its `appearance` citations `itemReviewed.appearance`. What
//! schema.org has no word for — the analyst's confidence, its ICD 203 label, the Admiralty
//! credibility, and the claim's structured part for a round trip between two claimledger
//! instances — goes under our own prefix, `claimledger:` (`urn:claimledger:vocab#`).

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use futures_util::stream;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use utoipa::IntoParams;

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::claims::ClaimResponse;
use crate::api::error::{ApiError, ApiResult};
use crate::config::Publisher;
use crate::db::DbConn;
use crate::domain::claim::ClaimValue;
use crate::domain::entity::EntityKind;
use crate::store;

/// Our vocabulary's IRI prefix, bound to `claimledger` in every document's `@context`.
pub const VOCABULARY: &str = "urn:claimledger:vocab#";

/// The media type of JSON-LD.
const LD_JSON: &str = "application/ld+json";

/// How long `claimReviewed` may be: Google asks for a short summary of the claim; longer
/// statements are cut at a word boundary (the whole one is in `claimledger:claim`).
pub const CLAIM_REVIEWED_MAX_CHARS: usize = 280;

/// Reviews rendered per step of the export stream.
const BATCH: i64 = 200;

/// The names and kinds of the entities the claims name (as claimants, or as values): another
/// instance finds or makes its own entities by these.
type Claimants = HashMap<String, (String, EntityKind)>;

/// One claim's published review as a ClaimReview document.
#[utoipa::path(
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim's published review as schema.org ClaimReview (JSON-LD)",
            content_type = "application/ld+json", body = Object),
        (status = 404, description = "No such claim, or it has no published review (set one with its verdict), or it is retracted"),
        (status = 409, description = "The publishing organisation is not configured (`CLAIMLEDGER_PUBLISHER_NAME`)"),
    )
)]
#[get("/v1/claims/{id}/claimreview")]
pub async fn get_claim_review(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let publisher = publisher(&state)?;
    let id = id.into_inner();
    let found = state
        .read_now(move |conn| {
            let views = store::claims::load_views(conn, std::slice::from_ref(&id))?;
            let claims: Vec<ClaimResponse> = views.into_iter().map(ClaimResponse::from).collect();
            let claimants = claimant_names(conn, &claims)?;
            Ok::<_, ApiError>((claims, claimants))
        })
        .await?;
    let (claims, claimants) = found;
    let claim = claims
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("claim"))?;
    if claim.retracted.is_some() {
        return Err(ApiError::NotFound {
            detail: "the claim is retracted: its review is not published".into(),
        });
    }
    let document = document(&claim, &claimants, &publisher).ok_or_else(|| ApiError::NotFound {
        detail: "the claim has no published review (set `published_review` with its verdict)"
            .into(),
    })?;
    Ok(HttpResponse::Ok().content_type(LD_JSON).json(document))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimReviewExportQuery {
    /// Only reviews of claims changed at or after this instant (RFC 3339), e.g. the time of
    /// your last export.
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// Every published review, as one JSON-LD array of ClaimReview documents.
#[utoipa::path(
    tag = "claims",
    params(ClaimReviewExportQuery),
    responses(
        (status = 200, description = "A JSON array of ClaimReview documents, oldest change first, streamed",
            content_type = "application/ld+json", body = Vec<Object>),
        (status = 409, description = "The publishing organisation is not configured (`CLAIMLEDGER_PUBLISHER_NAME`)"),
        (status = 429, description = "Too many exports at once; retry after `Retry-After` seconds"),
    )
)]
#[get("/v1/exports/claimreview")]
pub async fn export_claim_reviews(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<ClaimReviewExportQuery>,
) -> ApiResult<HttpResponse> {
    let publisher = publisher(&state)?;
    let permit = state.export_permit()?;
    let walk = ExportWalk {
        state,
        publisher,
        since: query.updated_since.map(|t| t.naive_utc()),
        after: None,
        sent: 0,
        opened: false,
        done: false,
        _permit: permit,
    };
    let body = stream::unfold(walk, |mut walk| async move {
        let chunk = walk.next_chunk().await?;
        Some((chunk, walk))
    });
    Ok(HttpResponse::Ok().content_type(LD_JSON).streaming(body))
}

/// Where a ClaimReview export stream stands.
struct ExportWalk {
    state: web::Data<AppState>,
    publisher: Publisher,
    since: Option<chrono::NaiveDateTime>,
    /// The (`updated_at`, id) of the last claim read.
    after: Option<(chrono::NaiveDateTime, String)>,
    /// Documents written so far.
    sent: usize,
    opened: bool,
    done: bool,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl ExportWalk {
    /// The next piece of the array: one batch of documents, the first opening it and the last
    /// closing it. A read that fails mid-stream ends it early (logged): the array is then
    /// left unclosed, so no parser takes it for a complete export.
    async fn next_chunk(&mut self) -> Option<Result<Bytes, ApiError>> {
        if self.done {
            return None;
        }
        let (since, after) = (self.since, self.after.take());
        let batch = self
            .state
            .read(move |conn| {
                let ids = store::claims::with_published_review(conn, since, after.as_ref(), BATCH)?;
                let last = ids.last().map(|(id, at)| (*at, id.clone()));
                let ids: Vec<String> = ids.into_iter().map(|(id, _)| id).collect();
                let claims: Vec<ClaimResponse> = store::claims::load_views(conn, &ids)?
                    .into_iter()
                    .map(ClaimResponse::from)
                    .collect();
                let claimants = claimant_names(conn, &claims)?;
                Ok::<_, ApiError>((claims, claimants, last))
            })
            .await;
        let (claims, claimants, last) = match batch {
            Ok(batch) => batch,
            Err(e) => {
                tracing::error!(error = %e, "ClaimReview export stopped: a read failed");
                self.done = true;
                return Some(Err(e));
            }
        };
        let mut out = String::new();
        if !self.opened {
            self.opened = true;
            out.push('[');
        }
        for claim in &claims {
            if let Some(doc) = document(claim, &claimants, &self.publisher) {
                out.push_str(if self.sent == 0 { "\n" } else { ",\n" });
                out.push_str(&doc.to_string());
                self.sent += 1;
            }
        }
        self.done = last.is_none() || (claims.len() as i64) < BATCH;
        self.after = last;
        if self.done {
            out.push_str("\n]\n");
        }
        Some(Ok(Bytes::from(out)))
    }
}

fn publisher(state: &AppState) -> ApiResult<Publisher> {
    state.config.publisher.clone().ok_or_else(|| {
        ApiError::conflict(
            "publisher_not_configured",
            "ClaimReview names the organisation that publishes the review: set \
             CLAIMLEDGER_PUBLISHER_NAME (and optionally _URL and _LOGO)",
        )
    })
}

/// The names of the entities that `claims` name as claimants or values.
fn claimant_names(conn: &mut DbConn, claims: &[ClaimResponse]) -> ApiResult<Claimants> {
    let ids: Vec<&String> = claims
        .iter()
        .flat_map(|c| {
            let claimant = c.claimant.as_ref().and_then(|who| who.entity_id.as_ref());
            let value = match &c.value {
                Some(ClaimValue::Entity { entity_id }) => Some(entity_id),
                _ => None,
            };
            claimant.into_iter().chain(value)
        })
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(store::entities::names(conn, &ids)?
        .into_iter()
        .map(|(id, name, kind)| (id, (name, kind)))
        .collect())
}

/// The ClaimReview of `claim`, or None when it has no published review.
pub fn document(
    claim: &ClaimResponse,
    claimants: &Claimants,
    publisher: &Publisher,
) -> Option<Value> {
    let review = claim.published_review.as_ref()?;
    let mut rating = json!({
        "@type": "Rating",
        "alternateName": review.rating_text.as_deref().unwrap_or(claim.verdict.in_words()),
    });
    if let Some(numeric) = &review.rating {
        rating["ratingValue"] = json!(numeric.value);
        rating["bestRating"] = json!(numeric.best);
        rating["worstRating"] = json!(numeric.worst);
    }
    let mut document = json!({
        "@context": ["https://schema.org", {
            "claimledger": VOCABULARY,
            "claimledger:claim": {"@type": "@json"},
        }],
        "@type": "ClaimReview",
        "url": review.url,
        "claimReviewed": short_statement(&claim.statement),
        "author": organisation(publisher),
        "reviewRating": rating,
        "itemReviewed": item_reviewed(claim, claimants),
        "claimledger:confidence": claim.confidence,
        "claimledger:confidenceLabel": claim.confidence_label,
        "claimledger:verdict": claim.verdict.as_str(),
    });
    let fields = document.as_object_mut()?;
    if let Some(headline) = &review.headline {
        fields.insert("headline".into(), json!(headline));
    }
    if let Some(date) = review.date_published {
        fields.insert("datePublished".into(), json!(date.to_string()));
    }
    if let Some(credibility) = claim.credibility {
        fields.insert("claimledger:credibility".into(), json!(credibility));
    }
    Some(document)
}

/// The claim that was reviewed: who made it, when, where it appeared, and (for another
/// claimledger) its structured part.
fn item_reviewed(claim: &ClaimResponse, claimants: &Claimants) -> Value {
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(author) = claim.claimant.as_ref().and_then(|c| {
        let entity = c.entity_id.as_ref().and_then(|id| claimants.get(id));
        let name = entity
            .map(|(name, _)| name.clone())
            .or_else(|| c.text.clone())?;
        let kind = match entity.map(|(_, kind)| *kind) {
            Some(EntityKind::Person) => "Person",
            _ => "Organization",
        };
        Some(json!({"@type": kind, "name": name}))
    }) {
        item.insert("author".into(), author);
    }
    if let Some(at) = claim.claimed_at {
        item.insert("datePublished".into(), json!(at.to_rfc3339()));
    }
    let appearances: Vec<Value> = claim
        .citations
        .iter()
        .filter(|c| c.role == crate::domain::claim::CitationRole::Appearance)
        .filter_map(|c| {
            let url = c.url.as_ref().or(c.source.url.as_ref())?;
            let mut work = json!({"@type": "CreativeWork", "url": url, "headline": c.source.title});
            if let Some(publisher) = &c.source.publisher {
                work["publisher"] = json!({"@type": "Organization", "name": publisher});
            }
            Some(work)
        })
        .collect();
    if let Some(first) = appearances.first() {
        item.insert("firstAppearance".into(), first.clone());
        item.insert("appearance".into(), Value::Array(appearances));
    }
    item.insert(
        "claimledger:claim".into(),
        json!({
            "id": claim.id,
            "statement": claim.statement,
            "subject": claim.subject.as_ref().map(|s| json!({"id": s.id, "name": s.name, "kind": s.kind})),
            "property": claim.property,
            "value": value_with_names(claim.value.as_ref(), claimants),
            "occurred_at": claim.occurred_at,
            "place": claim.place,
            "claimant": claim.claimant,
            "confidence": claim.confidence,
            "credibility": claim.credibility,
            "tags": claim.tags,
        }),
    );
    Value::Object(item)
}

/// The claim's value; an entity value also names its entity (`name`, `kind`).
fn value_with_names(value: Option<&ClaimValue>, entities: &Claimants) -> Value {
    let mut json = json!(value);
    if let Some(ClaimValue::Entity { entity_id }) = value
        && let Some((name, kind)) = entities.get(entity_id)
    {
        json["name"] = json!(name);
        json["kind"] = json!(kind);
    }
    json
}

/// The publishing organisation.
fn organisation(publisher: &Publisher) -> Value {
    let mut org = json!({"@type": "Organization", "name": publisher.name});
    if let Some(url) = &publisher.url {
        org["url"] = json!(url);
    }
    if let Some(logo) = &publisher.logo {
        org["logo"] = json!({"@type": "ImageObject", "url": logo});
    }
    org
}

/// The statement, cut at a word boundary to at most [`CLAIM_REVIEWED_MAX_CHARS`] characters
/// (with `…`) when longer.
pub fn short_statement(statement: &str) -> String {
    if statement.chars().count() <= CLAIM_REVIEWED_MAX_CHARS {
        return statement.to_owned();
    }
    let cut: String = statement
        .chars()
        .take(CLAIM_REVIEWED_MAX_CHARS - 1)
        .collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}
