//! Contradiction flags: `/v1/contradictions` and `/v1/claims/{id}/contradictions`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Editor, Reviewer, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::etag::required_revision;
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::{ApiJson, double_option};
use crate::api::pagination::{Page, serve};
use crate::api::records::{Resource, edit_summary, ok_with_etag};
use crate::db::DbConn;
use crate::domain::contradiction::{FlagStatus, Origin};
use crate::domain::text::optional_text;
use crate::store;
use crate::store::contradictions::{Contradiction, ContradictionFilter, Flag};
use crate::store::engine::{self, Record, Stored};
use crate::store::ledger::Action;
use crate::store::{Author, StoreError};

/// A flag that two claims cannot both be true.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContradictionResponse {
    pub id: String,
    /// The two claims (in id order; the pair is unordered).
    pub claim_ids: [String; 2],
    pub origin: Origin,
    pub status: FlagStatus,
    /// Why it was raised (for detected flags, the rule that fired).
    pub note: Option<String>,
    /// How it was settled.
    pub resolution_note: Option<String>,
    /// True when the service resolved it by itself because the conflict went away; it then
    /// reopens by itself if the conflict returns.
    pub auto_resolved: bool,
    /// The claim the reviewer found better supported, if any.
    pub preferred_claim_id: Option<String>,
    /// For flags between structured claims: the shared subject and property.
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who raised it (for detected flags, whose write detected it).
    pub created_by: Option<String>,
}

impl From<Flag> for ContradictionResponse {
    fn from(flag: Flag) -> Self {
        let Stored { meta, snapshot: s } = flag.stored;
        Self {
            id: meta.id,
            claim_ids: s.claim_ids,
            origin: s.origin,
            status: s.status,
            note: s.note,
            resolution_note: s.resolution_note,
            auto_resolved: s.auto_resolved,
            preferred_claim_id: s.preferred_claim_id,
            subject_id: flag.subject_id,
            property: flag.property,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by,
        }
    }
}

impl Resource for Contradiction {
    type Response = ContradictionResponse;
    const PATH: &'static str = "/v1/contradictions";

    /// A flag shows the subject and property its claims share, which its row keeps.
    fn respond(conn: &mut DbConn, stored: Stored<Self>) -> ApiResult<ContradictionResponse> {
        let flag = store::contradictions::find(conn, &stored.meta.id)?
            .ok_or_else(|| ApiError::not_found("contradiction"))?;
        Ok(Flag { stored, ..flag }.into())
    }
}

fn flag_ok(flag: Flag) -> HttpResponse {
    ok_with_etag(flag.stored.meta.revision, ContradictionResponse::from(flag))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContradictionCreateRequest {
    /// The two claims that cannot both be true (in any order).
    #[schema(min_items = 2, max_items = 2)]
    pub claim_ids: Vec<String>,
    /// Why (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// A reviewer's decision on a flag (JSON Merge Patch).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContradictionPatchRequest {
    #[serde(default, deserialize_with = "double_option")]
    pub status: Option<Option<FlagStatus>>,
    /// How it was settled (at most 2000 characters); `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(max_length = 2000)]
    pub resolution_note: Option<Option<String>>,
    /// One of the two claims; `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    pub preferred_claim_id: Option<Option<String>>,
    #[schema(max_length = 500)]
    pub edit_summary: Option<String>,
}

crate::list_query! {
    pub struct ContradictionListQuery {
        pub status: Option<FlagStatus>,
        pub origin: Option<Origin>,
        /// Flags involving this claim.
        #[param(max_length = 1000)]
        pub claim_id: Option<String>,
        /// Flags between claims about this entity.
        #[param(max_length = 1000)]
        pub subject_id: Option<String>,
    }
}

/// Flag two claims as contradicting each other.
///
/// The pair is unordered and unique: a second flag on the same pair is `409 duplicate_flag`
/// naming the first. A claim cannot contradict itself; retracted claims cannot be newly flagged.
#[utoipa::path(
    tag = "contradictions",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: a replay with the same key and body returns the first response and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = ContradictionCreateRequest,
    responses(
        (status = 201, description = "Flagged", body = ContradictionResponse,
            headers(("Location" = String, description = "The flag's URL"), ("ETag" = String, description = "Its revision"))),
        (status = 409, description = "The pair is already flagged (see `existing_id`)"),
    )
)]
#[post("/v1/contradictions")]
pub async fn create_contradiction(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    key: IdempotencyKey,
    body: ApiJson<ContradictionCreateRequest>,
) -> ApiResult<HttpResponse> {
    let ApiJson(ContradictionCreateRequest { claim_ids, note }, digest) = body;
    let [a, b] = <[String; 2]>::try_from(
        claim_ids
            .into_iter()
            .map(|id| id.trim().to_owned())
            .collect::<Vec<_>>(),
    )
    .map_err(|_| ApiError::invalid("/claim_ids", "must name exactly two claims"))?;
    let note = optional_text(note.as_deref(), 2000).map_err(|e| ApiError::invalid("/note", e))?;
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    create_once(&state, &auth.user_id, key, digest, move |tx| {
        let flag = store::contradictions::create_manual(tx, &ledger, &a, &b, note, &author)?;
        Created::new(
            format!("/v1/contradictions/{}", flag.stored.meta.id),
            flag.stored.meta.revision,
            &ContradictionResponse::from(flag),
        )
    })
    .await
}

crate::list_endpoint! {
    /// List contradiction flags, oldest first.
    list_contradictions: query ContradictionListQuery, role Viewer, response ContradictionResponse, tag "contradictions",
    get "/v1/contradictions", "One page of flags",
    |state, _auth, query| {
        let filter = ContradictionFilter {
            status: query.status,
            origin: query.origin,
            claim_id: query.claim_id,
            subject_id: query.subject_id,
        };
        flags_page(&state, filter, false, query.limit, query.cursor.as_deref()).await
    }
}

/// One page of the flags that pass `filter`; with `claim_must_exist`, 404 when the filter's
/// claim does not exist.
async fn flags_page(
    state: &AppState,
    filter: ContradictionFilter,
    claim_must_exist: bool,
    limit: Option<i64>,
    cursor: Option<&str>,
) -> ApiResult<web::Json<Page<ContradictionResponse>>> {
    let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
        if let Some(claim) = filter.claim_id.as_ref().filter(|_| claim_must_exist)
            && <store::claims::Claim as Record>::head_hash(conn, claim)?.is_none()
        {
            return Err(StoreError::NotFound("claim"));
        }
        Ok(store::contradictions::list(conn, &filter, after, limit)?)
    };
    let key = |flag: &Flag| flag.stored.meta.id.clone();
    serve(state, limit, cursor, load, key, ContradictionResponse::from).await
}

/// The flags that involve one claim (any status), oldest first.
#[utoipa::path(
    tag = "contradictions",
    params(
        ("id" = String, Path, description = "The claim's id"),
        ("limit" = Option<i64>, Query, description = "How many items to return (1–500, default 50)"),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "One page of flags", body = Page<ContradictionResponse>),
    )
)]
#[get("/v1/claims/{id}/contradictions")]
pub async fn list_claim_contradictions(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<crate::api::pagination::PageQuery>,
) -> ApiResult<web::Json<Page<ContradictionResponse>>> {
    let filter = ContradictionFilter {
        claim_id: Some(id.into_inner()),
        ..Default::default()
    };
    flags_page(&state, filter, true, query.limit, query.cursor.as_deref()).await
}

crate::read_endpoint! {
    /// Read one flag, now or as it stood at a past instant.
    get_contradiction: Contradiction, response ContradictionResponse, role Viewer,
    tag "contradictions", get "/v1/contradictions/{id}", "id" = "The flag's id",
}

/// Decide on a flag (reviewer): move it to `confirmed`, `dismissed` or `resolved` (or back
/// to `open`), with a `resolution_note` and optionally the `preferred_claim_id`.
#[utoipa::path(
    tag = "contradictions",
    params(
        ("id" = String, Path, description = "The flag's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"1\"`"),
    ),
    request_body(content = ContradictionPatchRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The flag after the change", body = ContradictionResponse, headers(("ETag" = String, description = "The new revision"))),
    )
)]
#[patch("/v1/contradictions/{id}")]
pub async fn update_contradiction(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<ContradictionPatchRequest>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let patch = body.0;
    let mut v = crate::domain::Validator::new();
    let resolution_note = match &patch.resolution_note {
        Some(Some(note)) => v
            .check("/resolution_note", optional_text(Some(note), 2000))
            .map(Some),
        Some(None) => Some(Some(None)),
        None => Some(None),
    };
    if matches!(patch.status, Some(None)) {
        v.push("/status", "cannot be null");
    }
    v.finish().map_err(ApiError::Validation)?;
    let summary = match patch.edit_summary.as_deref() {
        Some(s) => edit_summary(s)?,
        None => None,
    };
    let id = id.into_inner();
    let author = Author::new(&auth.user_id).with_summary(summary);
    let ledger = state.ledger.clone();
    let flag = state
        .write(move |tx| {
            let current = store::contradictions::find(tx.conn(), &id)?
                .ok_or(StoreError::NotFound("contradiction"))?;
            if current.stored.meta.revision != expected {
                return Err(StoreError::Stale {
                    current_revision: current.stored.meta.revision,
                });
            }
            let mut snapshot = current.stored.snapshot.clone();
            if let Some(Some(status)) = patch.status {
                snapshot.status = status;
            }
            if let Some(note) = resolution_note.flatten() {
                snapshot.resolution_note = note;
            }
            if let Some(preferred) = patch.preferred_claim_id {
                snapshot.preferred_claim_id = preferred;
            }
            // A reviewer's decision: the flag is no longer the service's to reopen.
            snapshot.auto_resolved = false;
            if snapshot == current.stored.snapshot {
                // Nothing changes: no revision, so the ETag stays.
                return Ok(current);
            }
            store::contradictions::decide(tx, &ledger, &current, snapshot, Action::Status, &author)
        })
        .await?;
    Ok(flag_ok(flag))
}

/// Revert a contradiction flag to an earlier revision's decision (reviewer, with `If-Match`).
#[utoipa::path(
    tag = "contradictions",
    params(
        ("id" = String, Path, description = "The flag's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = crate::api::history::RevertRequest,
    responses(
        (status = 200, description = "The flag at its new revision, with the content of `to_revision`", body = ContradictionResponse,
            headers(("ETag" = String, description = "The new revision"))),
        (status = 409, description = "The old content conflicts with the present (e.g. it would duplicate another claim)"),
    )
)]
#[post("/v1/contradictions/{id}/revert")]
pub async fn revert_contradiction(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<crate::api::history::RevertRequest>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let n = body.0.to_revision;
    let summary = match body
        .0
        .edit_summary
        .as_deref()
        .map(edit_summary)
        .transpose()?
    {
        Some(Some(summary)) => summary,
        _ => format!("revert to revision {n}"),
    };
    let author = Author::new(&auth.user_id).with_summary(Some(summary));
    let id = id.into_inner();
    let ledger = state.ledger.clone();
    let flag = state
        .write(move |tx| {
            let current = store::contradictions::find(tx.conn(), &id)?
                .ok_or(StoreError::NotFound("contradiction"))?;
            let target =
                engine::revision::<Contradiction>(tx.conn(), &id, n)?.ok_or_else(|| {
                    StoreError::Invalid(vec![crate::domain::FieldError::new(
                        "/to_revision",
                        "no such revision",
                    )])
                })?;
            if current.stored.meta.revision != expected {
                return Err(StoreError::Stale {
                    current_revision: current.stored.meta.revision,
                });
            }
            store::contradictions::decide(
                tx,
                &ledger,
                &current,
                target.snapshot,
                Action::Revert,
                &author,
            )
        })
        .await?;
    Ok(flag_ok(flag))
}
