//! Claims: `/v1/claims` — create, read, edit, verdicts, retraction; lists and search in
//! `list.rs`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Caller, Editor, Reviewer, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::etag::required_revision;
use crate::api::json::ApiJson;
use crate::api::records::{
    AsOf, AsOfQuery, Resource, RetractableResource, Retraction, UserRef, ok_with_etag,
};
use crate::db::DbConn;
use crate::domain::claim::{
    CitationRole, ClaimDoc, ClaimValue, Claimant, PublishedReview, Verdict, confidence_label,
};
use crate::domain::entity::EntityKind;
use crate::domain::time::TimeValue;
use crate::domain::user::Role;
use crate::store;
use crate::store::Author;
use crate::store::claims::{Claim, ClaimSnapshot, ClaimView};
use crate::store::engine::Stored;

mod list;
mod provenance;

pub use list::*;
pub use provenance::*;

/// The entity a claim is about, in brief.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectRef {
    pub id: String,
    #[schema(example = "Quetta police truck bombing, 30 November 2022")]
    pub name: String,
    pub kind: EntityKind,
}

/// A cited source, in brief (the read model's summary, named `SourceRef` in the API).
pub use crate::store::claims::SourceSummary as SourceRef;

/// One piece of support for a claim: the source, and where in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CitationResponse {
    /// The citation's own id, stable across edits of the claim that keep it.
    pub id: String,
    pub source: SourceRef,
    /// The words of the source that support the claim, as cited.
    pub quote: Option<String>,
    /// Where in the source: a page, paragraph, timestamp or section.
    pub locator: Option<String>,
    /// A deep link to the cited passage, when it differs from the source's URL.
    pub url: Option<String>,
    /// `evidence`, or `appearance`: where the claim itself was made.
    pub role: CitationRole,
    /// The entity the source attributes the statement to ("police said"), if any.
    pub attributed_to: Option<String>,
    /// How the quote stands in the source's latest capture (`GET /v1/captures/{id}`). Checked
    /// before a claim write is answered; after a new capture of the source, rechecked in the
    /// background (until then `capture_id` names the older capture).
    pub quote_check: crate::store::quote_checks::QuoteCheck,
}

/// A claim, as stored, with its citations and their sources.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimResponse {
    pub id: String,
    /// The assertion in plain words.
    pub statement: String,
    /// The entity the claim is about (with `property` and `value`, or none of the three).
    pub subject: Option<SubjectRef>,
    /// The property key, e.g. `fatalities.police`.
    pub property: Option<String>,
    pub value: Option<ClaimValue>,
    /// When the event happened, with its precision.
    pub occurred_at: Option<TimeValue>,
    pub place: Option<String>,
    /// When the claim was made.
    pub claimed_at: Option<DateTime<Utc>>,
    /// The analyst's probability that the claim is true, 0 to 1.
    pub confidence: f64,
    /// The ICD 203 estimative label of `confidence`.
    #[schema(example = "likely")]
    pub confidence_label: &'static str,
    /// Admiralty credibility: 1 confirmed … 5 improbable, 6 cannot be judged.
    pub credibility: Option<i32>,
    /// Who made the claim.
    pub claimant: Option<Claimant>,
    /// A reviewer's verdict (`POST /v1/claims/{id}/verdict`).
    pub verdict: Verdict,
    pub verdict_note: Option<String>,
    /// Our published fact-check of the claim, set with the verdict.
    pub published_review: Option<PublishedReview>,
    /// Free labels, lowercase.
    pub tags: Vec<String>,
    /// The claim's support, in the order given.
    pub citations: Vec<CitationResponse>,
    /// True when any cited source has been retracted.
    pub cites_retracted_source: bool,
    /// Open contradiction flags that involve this claim.
    pub open_contradiction_ids: Vec<String>,
    /// The canonical claim when this claim is a duplicate (a live `duplicate_of` relation),
    /// else null. Derived from relations on every read.
    pub canonical_id: Option<String>,
    /// The claims that supersede this one (live `supersedes` relations; at most 100), empty
    /// when none. A superseded claim is left out of contradiction detection and estimates.
    pub superseded_by: Vec<String>,
    /// How many independent origins stand behind the claim: its cited sources traced up
    /// `derives_from` to their roots, paired with who the citation attributes the statement
    /// to; `GET /v1/claims/{id}/provenance` shows the graph.
    pub corroboration: crate::store::provenance::Corroboration,
    /// Whether the claim needs review: a source it cites (or one that source derives from)
    /// was retracted or regraded, a new capture lost a quote it cites, a claim it corroborates
    /// or duplicates was retracted or superseded — and no reviewer has cleared it for that yet
    /// (`GET /v1/review-queue?claim_id=…` lists the pairs). Derived when read, at a cost that
    /// does not grow with how many claims share its sources. A mark, not part of the claim's
    /// revision: it changes no `revision` and no `ETag`. Shown by `GET /v1/claims/{id}`
    /// (without `as_of`); lists and the answers of writes leave it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_status: Option<crate::store::review_queue::ReviewStatus>,
    /// Present while the claim is retracted: who, when and why.
    pub retracted: Option<Retraction>,
    /// The current revision; send it back as `If-Match` to edit.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: UserRef,
}

impl From<ClaimView> for ClaimResponse {
    fn from(view: ClaimView) -> Self {
        let ClaimView {
            stored: Stored { meta, snapshot: s },
            cited,
            subject,
            creator,
            open_flags,
            canonical_id,
            superseded_by,
            corroboration,
        } = view;
        let citations: Vec<CitationResponse> = s
            .citations
            .into_iter()
            .zip(cited)
            .map(|(c, cited)| CitationResponse {
                id: cited.citation_id,
                source: cited.source,
                quote: c.quote,
                locator: c.locator,
                url: c.url,
                role: c.role,
                attributed_to: c.attributed_to,
                quote_check: cited.quote_check,
            })
            .collect();
        ClaimResponse {
            subject: subject.map(|e| SubjectRef {
                id: e.id,
                name: e.name,
                kind: e.kind,
            }),
            cites_retracted_source: citations.iter().any(|c| c.source.retracted),
            citations,
            statement: s.statement,
            property: s.property,
            value: s.value,
            occurred_at: s.occurred_at,
            place: s.place,
            claimed_at: s.claimed_at,
            confidence: s.confidence,
            confidence_label: confidence_label(s.confidence),
            credibility: s.credibility,
            claimant: s.claimant,
            verdict: s.verdict,
            verdict_note: s.verdict_note,
            published_review: s.published_review,
            tags: s.tags,
            open_contradiction_ids: open_flags,
            canonical_id,
            superseded_by,
            corroboration,
            review_status: None,
            retracted: s.retracted,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: UserRef {
                username: creator.unwrap_or_default(),
                id: meta.created_by.unwrap_or_default(),
            },
            id: meta.id,
        }
    }
}

impl Resource for Claim {
    type Response = ClaimResponse;
    const PATH: &'static str = "/v1/claims";

    /// A claim is shown with its sources, subject, author and open flags, read after the
    /// write on the same connection.
    fn respond(conn: &mut DbConn, stored: Stored<Self>) -> ApiResult<ClaimResponse> {
        store::claims::load_views(conn, &[stored.meta.id])?
            .pop()
            .map(ClaimResponse::from)
            .ok_or_else(|| ApiError::not_found("claim"))
    }

    const PREPARES: bool = true;

    /// The quote checks of its citations, searched before the write's transaction.
    fn prepare(
        conn: &mut DbConn,
        snapshot: &ClaimSnapshot,
    ) -> ApiResult<crate::store::quote_checks::Prepared> {
        Ok(crate::store::quote_checks::prepare(
            conn,
            &snapshot.citations,
        )?)
    }

    fn revert_needs(before: &ClaimSnapshot, after: &ClaimSnapshot) -> Option<(Role, &'static str)> {
        if before.verdict != after.verdict || before.verdict_note != after.verdict_note {
            Some((Role::Reviewer, "the verdict"))
        } else if before.retracted.is_some() != after.retracted.is_some() {
            Some((Role::Reviewer, "whether the claim is retracted"))
        } else {
            None
        }
    }
}

impl RetractableResource for Claim {
    /// Reviewers, and the editor who created the claim.
    fn may_retract(caller: &Caller, current: &Stored<Self>) -> bool {
        caller.role >= Role::Reviewer
            || current.meta.created_by.as_deref() == Some(caller.user_id.as_str())
    }
}

crate::create_endpoint! {
    /// Create a claim.
    ///
    /// Needs at least one citation. The same statement with the same structured part, citing a
    /// source that already backs it, is `409 duplicate_claim` naming the existing claim.
    create_claim: Claim, body ClaimDoc, response ClaimResponse, role Editor,
    tag "claims", post "/v1/claims", location "The claim's URL",
    responses [(status = 409, description = "The same claim exists (see `existing_id`)")],
}

/// Read a claim with its citations (retracted claims too), now or as of a past instant. Now,
/// it shows `review_status`: whether it needs review (a mark, not a revision: no `ETag`
/// changes with it).
#[utoipa::path(
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id"), AsOfQuery),
    responses(
        (status = 200, description = "The claim", body = ClaimResponse, headers(("ETag" = String, description = "Its revision"))),
        (status = 404, description = "No such claim (or not yet at `as_of`)"),
    )
)]
#[get("/v1/claims/{id}")]
pub async fn get_claim(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (view, review_status) = match query.as_of {
        None => {
            state
                .read_now(move |conn| {
                    let Some(view) =
                        store::claims::load_views(conn, std::slice::from_ref(&id))?.pop()
                    else {
                        return Err(ApiError::not_found("claim"));
                    };
                    let review = store::review_queue::for_claim(
                        conn,
                        &id,
                        &store::review_queue::Filter::default(),
                        None,
                    )?;
                    Ok((view, review.map(|r| r.status())))
                })
                .await?
        }
        Some(AsOf(at)) => (
            state
                .read(move |conn| store::claims::as_of(conn, &id, at))
                .await?
                .ok_or_else(|| ApiError::NotFound {
                    detail: "the claim did not exist yet at as_of".into(),
                })?,
            None,
        ),
    };
    let mut claim = ClaimResponse::from(view);
    claim.review_status = review_status;
    Ok(ok_with_etag(claim.revision, claim))
}

crate::update_endpoint! {
    /// Edit a claim (JSON Merge Patch, with `If-Match`).
    ///
    /// `citations` and `tags`, when given, replace the whole list (citations never to empty).
    update_claim: Claim, response ClaimResponse, role Editor, tag "claims",
    patch "/v1/claims/{id}", "id" = "The claim's id",
    responses [(status = 409, description = "The edit makes it a duplicate of another claim")],
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    pub verdict: Verdict,
    /// Why (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// Our published fact-check of the claim, for ClaimReview (`GET /v1/claims/{id}/claimreview`).
    /// A verdict is set whole: leave this out and the claim has no published review.
    #[serde(default)]
    pub published_review: Option<PublishedReview>,
}

/// Set the reviewers' verdict on a claim (reviewer, with `If-Match`).
#[utoipa::path(
    tag = "claims",
    params(
        ("id" = String, Path, description = "The claim's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = VerdictRequest,
    responses(
        (status = 200, description = "The claim with its verdict", body = ClaimResponse, headers(("ETag" = String, description = "The new revision"))),
    )
)]
#[post("/v1/claims/{id}/verdict")]
pub async fn set_claim_verdict(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<VerdictRequest>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let VerdictRequest {
        verdict,
        note,
        published_review,
    } = body.0;
    let mut v = crate::domain::Validator::new();
    let note = v.optional_text("/note", note.as_deref(), 2000);
    let published_review = published_review.map(|r| r.validate("/published_review", &mut v));
    v.finish().map_err(ApiError::Validation)?;
    let id = id.into_inner();
    let author = Author::new(&auth.user_id).with_summary(note.clone());
    let ledger = state.ledger.clone();
    let (revision, claim) = state
        .write(move |tx| {
            let stored = store::claims::set_verdict(
                tx,
                &ledger,
                &id,
                expected,
                store::claims::VerdictChange {
                    verdict,
                    note,
                    published_review,
                },
                &author,
            )?;
            let revision = stored.meta.revision;
            Ok::<_, ApiError>((revision, Claim::respond(tx.conn(), stored)?))
        })
        .await?;
    Ok(ok_with_etag(revision, claim))
}

crate::retraction_endpoint! {
    /// Retract a claim (reviewer, or the editor who created it), with a reason and `If-Match`.
    retract_claim: Claim, retract, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/retract", "id" = "The claim's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted claim (reviewer, or the editor who created it).
    restore_claim: Claim, restore, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/restore", "id" = "The claim's id",
}

crate::revert_endpoint! {
    /// Revert a claim to an earlier revision, as a new revision (with `If-Match`).
    ///
    /// Editors may revert the content; a revert that would change the verdict or the retraction
    /// needs a reviewer.
    revert_claim: Claim, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/revert", "id" = "The claim's id",
}
