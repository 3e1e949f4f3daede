//! The review queue (issue 17 §3, issue 18 §1): `GET /v1/review-queue`, the (impact, claim)
//! pairs that need review, and `POST /v1/review-queue/{claim_id}/clear`, a reviewer's decision
//! for one pair. What is derived and how it stays bounded: `store::review_queue`.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Reviewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::json::ApiJson;
use crate::api::pagination::{cursor_text, encode_cursor, parse_limit};
use crate::api::records::Resource;
use crate::store;
use crate::store::Author;
use crate::store::engine::Stored;
use crate::store::impacts::{
    Impact, ImpactTarget, ReviewDecision, ReviewDecisionSnapshot, ReviewReason,
};
use crate::store::ledger::RecordKind;
use crate::store::review_queue::{Cursor, Filter, PathStep};

/// The longest note of a decision.
pub const NOTE_MAX: usize = 2000;
/// The longest id accepted.
const ID_MAX: usize = 100;

/// What an impact is about: the source or claim whose dependents need review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactTargetRef {
    pub kind: ImpactTarget,
    pub id: String,
}

/// The revision that caused an impact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactTrigger {
    /// `sources` (retracted, regraded), `captures` (a quote no longer found), `claims`
    /// (retracted) or `relations` (a `supersedes` relation made live).
    #[schema(value_type = String, example = "sources")]
    pub kind: RecordKind,
    pub id: String,
    pub revision: i64,
}

/// An impact: one per triggering change, recorded in its transaction.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImpactResponse {
    pub id: String,
    /// `source_retracted`, `source_regraded`, `quote_missing`, `related_claim_retracted` or
    /// `related_claim_superseded`.
    pub reason: ReviewReason,
    pub target: ImpactTargetRef,
    pub trigger: ImpactTrigger,
    pub created_at: DateTime<Utc>,
    /// The id of the user whose write caused it (for `quote_missing`, who stored the capture).
    pub created_by: Option<String>,
}

impl From<Stored<Impact>> for ImpactResponse {
    fn from(s: Stored<Impact>) -> Self {
        let i = s.snapshot;
        Self {
            id: s.meta.id,
            reason: i.reason,
            target: ImpactTargetRef {
                kind: i.target_kind,
                id: i.target_id,
            },
            trigger: ImpactTrigger {
                kind: i.trigger_kind,
                id: i.trigger_id,
                revision: i.trigger_revision,
            },
            created_at: s.meta.created_at.and_utc(),
            created_by: s.meta.created_by,
        }
    }
}

/// One claim that needs review because of one impact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewItem {
    pub claim_id: String,
    /// The claim's statement (at most 200 characters).
    pub claim_summary: String,
    /// The impact's reason, or its `upstream_…` form when the claim is reached through what
    /// sources derive from.
    pub reason: ReviewReason,
    pub impact: ImpactResponse,
    /// From the claim to the impact's target: `claim cites source B`, `source B syndicates
    /// source A`, or `claim corroborates claim X`.
    pub path: Vec<PathStep>,
}

/// A page of the review queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueuePage {
    pub items: Vec<ReviewItem>,
    /// Pass as `cursor` to go on; `null` at the end of the queue. A page that ran out of its
    /// scan budget (a selective filter) may be short, even empty, and still have one.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReviewQueueQuery {
    /// Only items of this reason (`upstream_source_retracted`: claims reached through what
    /// sources derive from; `source_retracted`: those citing the retracted source itself).
    pub reason: Option<ReviewReason>,
    /// Only claims about this subject.
    #[param(max_length = 100)]
    pub subject_id: Option<String>,
    /// Only claims with this tag.
    #[param(max_length = 100)]
    pub tag: Option<String>,
    /// Only this claim: its part of the queue, found up from the claim (its cited sources,
    /// what they derive from, the claims it is related to), so it costs the same however many
    /// claims share its sources. A claim that does not exist, or is retracted, has none.
    #[param(min_length = 1, max_length = 100)]
    pub claim_id: Option<String>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 1000)]
    pub cursor: Option<String>,
}

fn encode(cursor: &Cursor) -> String {
    encode_cursor(&format!(
        "{} {}",
        cursor.impact_id,
        cursor.claim_id.as_deref().unwrap_or("")
    ))
}

fn decode(cursor: &str) -> ApiResult<Cursor> {
    let bad = || ApiError::invalid("/cursor", "is not a cursor this service issued");
    let text = cursor_text(cursor).ok_or_else(bad)?;
    let (impact, claim) = text.split_once(' ').ok_or_else(bad)?;
    if impact.is_empty() || impact.len() > ID_MAX || claim.len() > ID_MAX || claim.contains(' ') {
        return Err(bad());
    }
    Ok(Cursor {
        impact_id: impact.to_owned(),
        claim_id: (!claim.is_empty()).then(|| claim.to_owned()),
    })
}

/// What needs review (reviewer): the claims affected by each impact — a source retracted or
/// regraded (with the claims citing a source that derives from it), a new capture in which a
/// cited quote found before is found no more, a claim retracted or superseded (the claims
/// corroborating it or duplicating it) — oldest impact first, then by claim id; pairs already
/// cleared and retracted claims are left out. The affected claims are derived when read, by
/// index probes: a page costs the same whether an impact affects 10 claims or 100,000. A page
/// looks at no more than 2,000 candidates (impacts, sources walked, claims); when a filter is
/// selective it may come back short, or empty, with a `next_cursor` to go on from. With
/// `claim_id`, the queue of that claim alone (at most 500 impacts a page read: a `next_cursor`
/// goes on).
#[utoipa::path(
    tag = "review",
    params(ReviewQueueQuery),
    responses(
        (status = 200, description = "One page of the review queue", body = ReviewQueuePage),
        (status = 422, description = "A bad filter, limit or cursor"),
    )
)]
#[get("/v1/review-queue")]
pub async fn review_queue(
    state: web::Data<AppState>,
    _auth: Auth<Reviewer>,
    query: web::Query<ReviewQueueQuery>,
) -> ApiResult<web::Json<ReviewQueuePage>> {
    let query = query.into_inner();
    let limit = parse_limit(query.limit)? as usize;
    if query
        .subject_id
        .as_ref()
        .is_some_and(|s| s.chars().count() > ID_MAX)
    {
        return Err(ApiError::invalid(
            "/subject_id",
            "must be at most 100 characters",
        ));
    }
    if query
        .tag
        .as_ref()
        .is_some_and(|t| t.chars().count() > ID_MAX)
    {
        return Err(ApiError::invalid("/tag", "must be at most 100 characters"));
    }
    if query
        .claim_id
        .as_ref()
        .is_some_and(|c| c.is_empty() || c.chars().count() > ID_MAX)
    {
        return Err(ApiError::invalid(
            "/claim_id",
            "must be 1 to 100 characters",
        ));
    }
    let after = query.cursor.as_deref().map(decode).transpose()?;
    let filter = Filter {
        reason: query.reason,
        subject_id: query.subject_id,
        tag: query
            .tag
            .as_deref()
            .map(|t| crate::domain::text::fold_key(t).replace(' ', "-")),
    };
    let page = match query.claim_id {
        Some(claim_id) => {
            state
                .read(move |conn| claim_page(conn, &claim_id, &filter, after.as_ref(), limit))
                .await?
        }
        None => {
            state
                .read(move |conn| store::review_queue::page(conn, &filter, after.as_ref(), limit))
                .await?
        }
    };
    Ok(web::Json(ReviewQueuePage {
        items: page
            .items
            .into_iter()
            .map(|i| ReviewItem {
                claim_id: i.claim_id,
                claim_summary: i.summary,
                reason: i.reason,
                impact: i.impact.into(),
                path: i.path,
            })
            .collect(),
        next_cursor: page.next.as_ref().map(encode),
    }))
}

/// A page of one claim's part of the queue: its items after the cursor, `limit` at a time
/// (a page read on is where the last ended, or where the impacts read were cut off).
fn claim_page(
    conn: &mut crate::db::DbConn,
    claim_id: &str,
    filter: &Filter,
    after: Option<&Cursor>,
    limit: usize,
) -> store::StoreResult<store::review_queue::Page> {
    let Some(review) = store::review_queue::for_claim(conn, claim_id, filter, after)? else {
        return Ok(store::review_queue::Page {
            items: Vec::new(),
            next: None,
            scanned: 0,
        });
    };
    let mut items = review.items;
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|i| Cursor {
            impact_id: i.impact.meta.id.clone(),
            claim_id: Some(i.claim_id.clone()),
        })
    } else {
        review.read_to.map(|impact_id| Cursor {
            impact_id,
            claim_id: Some(claim_id.to_owned()),
        })
    };
    Ok(store::review_queue::Page {
        scanned: items.len(),
        items,
        next,
    })
}

/// The body of a clear.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClearRequest {
    /// The impact the claim was reviewed for (an item's `impact.id`).
    #[schema(max_length = 100)]
    pub impact_id: String,
    /// What the reviewer found (required, 1–2,000 characters).
    #[schema(min_length = 1, max_length = 2000)]
    pub note: String,
}

/// A reviewer's decision: one claim cleared for one impact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDecisionResponse {
    pub id: String,
    pub impact_id: String,
    pub claim_id: String,
    pub note: String,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    /// The reviewer's user id.
    pub created_by: Option<String>,
}

impl From<Stored<ReviewDecision>> for ReviewDecisionResponse {
    fn from(s: Stored<ReviewDecision>) -> Self {
        Self {
            id: s.meta.id,
            impact_id: s.snapshot.impact_id,
            claim_id: s.snapshot.claim_id,
            note: s.snapshot.note,
            revision: s.meta.revision,
            created_at: s.meta.created_at.and_utc(),
            created_by: s.meta.created_by,
        }
    }
}

/// Clear a claim for an impact (reviewer), with a note: the pair leaves the queue. The
/// decision is a record with history (`review_decisions` in the changes feed, the
/// `review.cleared` webhook). Clearing a pair cleared already is 409 `already_cleared`
/// (`existing_id` names the decision); an unknown claim is 404; an unknown impact, a
/// retracted claim or a claim the impact does not affect is 422 naming `/impact_id`.
#[utoipa::path(
    tag = "review",
    params(("claim_id" = String, Path, description = "The claim's id")),
    request_body = ClearRequest,
    responses(
        (status = 201, description = "Cleared", body = ReviewDecisionResponse),
        (status = 404, description = "No claim has this id"),
        (status = 409, description = "The pair was cleared already (`existing_id` names the decision)"),
        (status = 422, description = "A bad note, an unknown impact, or a claim the impact does not affect"),
    )
)]
#[post("/v1/review-queue/{claim_id}/clear")]
pub async fn clear_review(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    claim_id: web::Path<String>,
    body: ApiJson<ClearRequest>,
) -> ApiResult<HttpResponse> {
    let ApiJson(request, _) = body;
    let claim_id = claim_id.into_inner();
    if claim_id.chars().count() > ID_MAX {
        return Err(ApiError::NotFound {
            detail: "claim not found".into(),
        });
    }
    let note = request.note.trim().to_owned();
    let mut errors = Vec::new();
    if note.is_empty() {
        errors.push(crate::domain::FieldError::new("/note", "must not be blank"));
    } else if note.chars().count() > NOTE_MAX {
        errors.push(crate::domain::FieldError::new(
            "/note",
            format!("must be at most {NOTE_MAX} characters"),
        ));
    }
    if request.impact_id.is_empty() || request.impact_id.chars().count() > ID_MAX {
        errors.push(crate::domain::FieldError::new(
            "/impact_id",
            "must be 1 to 100 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let snapshot = ReviewDecisionSnapshot {
        impact_id: request.impact_id,
        claim_id,
        note,
    };
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    let stored = state
        .write(move |tx| store::impacts::clear(tx, &ledger, snapshot, &author))
        .await?;
    Ok(HttpResponse::Created().json(ReviewDecisionResponse::from(stored)))
}

impl Resource for Impact {
    type Response = ImpactResponse;
    const PATH: &'static str = "/v1/impacts";

    fn respond(_conn: &mut crate::db::DbConn, stored: Stored<Self>) -> ApiResult<ImpactResponse> {
        Ok(stored.into())
    }
}

impl Resource for ReviewDecision {
    type Response = ReviewDecisionResponse;
    const PATH: &'static str = "/v1/review-decisions";

    fn respond(
        _conn: &mut crate::db::DbConn,
        stored: Stored<Self>,
    ) -> ApiResult<ReviewDecisionResponse> {
        Ok(stored.into())
    }
}

crate::read_endpoint! {
    /// Read an impact (reviewer): what changed, when and by whom, and what its dependents
    /// need review for (the review queue lists the claims it affects). Written once, never
    /// edited; its one revision is at `/v1/impacts/{id}/revisions`.
    get_impact: Impact, response ImpactResponse, role Reviewer,
    tag "review", get "/v1/impacts/{id}", "id" = "The impact's id",
    responses [(status = 404, description = "No impact has this id")],
}

crate::read_endpoint! {
    /// Read a review decision (reviewer): the claim cleared for an impact, the note, who and
    /// when. Written once, never edited; its one revision is at
    /// `/v1/review-decisions/{id}/revisions`.
    get_review_decision: ReviewDecision, response ReviewDecisionResponse, role Reviewer,
    tag "review", get "/v1/review-decisions/{id}", "id" = "The decision's id",
    responses [(status = 404, description = "No review decision has this id")],
}
