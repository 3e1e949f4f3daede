//! Sources: `/v1/sources`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Editor, Reviewer, Viewer};
use crate::api::error::{ApiError, ApiResult, Problem};
use crate::api::etag::required_revision;
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, decode_cursor, parse_limit};
use crate::api::records::{ReasonRequest, Retraction, merge_patch, ok_with_etag, retraction};
use crate::domain::source::{Reliability, SourceDoc, SourceKind};
use crate::store;
use crate::store::history::Author;
use crate::store::revisions::Action;
use crate::store::sources::{SourceFilter, SourceRow};

/// A source, as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceResponse {
    pub id: String,
    #[serde(flatten)]
    pub doc: SourceDoc,
    /// Set when the source was retracted; claims citing it show that.
    pub retracted: Option<Retraction>,
    /// Increases with every change; send it back in `If-Match`.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The id of the user who created it.
    pub created_by: String,
}

impl From<SourceRow> for SourceResponse {
    fn from(row: SourceRow) -> Self {
        Self {
            doc: row.doc(),
            retracted: retraction(row.retracted_at, row.retracted_reason.as_ref()),
            id: row.id,
            revision: row.revision,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            created_by: row.created_by,
        }
    }
}

fn source_ok(row: SourceRow) -> HttpResponse {
    ok_with_etag(row.revision, SourceResponse::from(row))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SourceListQuery {
    /// Words in the title or publisher (case-insensitive).
    pub q: Option<String>,
    pub kind: Option<SourceKind>,
    /// The publisher's name (case-insensitive, exact).
    pub publisher: Option<String>,
    pub reliability: Option<Reliability>,
    /// Include retracted sources (default false).
    pub include_retracted: Option<bool>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Create a source.
#[utoipa::path(
    tag = "sources",
    operation_id = "create_source",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: a replay with the same key and body returns the first response and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = SourceDoc,
    responses(
        (status = 201, description = "Created", body = SourceResponse,
            headers(("Location" = String, description = "The source's URL"), ("ETag" = String, description = "Its revision"))),
    )
)]
#[post("/v1/sources")]
pub async fn create_source(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    key: IdempotencyKey,
    body: ApiJson<SourceDoc>,
) -> ApiResult<HttpResponse> {
    let ApiJson(doc, digest) = body;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    create_once(&state, &auth.user_id, key, digest, move |conn| {
        let row = store::sources::create(conn, &ledger, doc, &author)?;
        Created::new(
            format!("/v1/sources/{}", row.id),
            row.revision,
            &SourceResponse::from(row),
        )
    })
    .await
}

/// List sources, oldest first.
#[utoipa::path(
    tag = "sources",
    operation_id = "list_sources",
    security(("bearer" = [])),
    params(SourceListQuery),
    responses((status = 200, description = "One page of sources", body = Page<SourceResponse>))
)]
#[get("/v1/sources")]
pub async fn list_sources(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<SourceListQuery>,
) -> ApiResult<web::Json<Page<SourceResponse>>> {
    let query = query.into_inner();
    let limit = parse_limit(query.limit)?;
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let filter = SourceFilter {
        q: query.q,
        kind: query.kind,
        publisher: query.publisher,
        reliability: query.reliability,
        include_retracted: query.include_retracted.unwrap_or(false),
    };
    let rows = state
        .db(move |conn| store::sources::list(conn, &filter, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |s| s.id.clone(),
        SourceResponse::from,
    )))
}

/// Read a source (retracted ones too).
#[utoipa::path(
    tag = "sources",
    operation_id = "get_source",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The source's id"), crate::api::claims::AsOfQuery),
    responses(
        (status = 200, description = "The source", body = SourceResponse, headers(("ETag" = String, description = "Its revision"))),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/v1/sources/{id}")]
pub async fn get_source(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<crate::api::claims::AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let as_of = query.as_of;
    let found = state
        .db(move |conn| {
            let Some(row) = store::sources::find(conn, &id)? else {
                return Ok(None);
            };
            let past = match as_of {
                Some(at) => Some(crate::store::revisions::as_of(
                    conn,
                    crate::store::revisions::RecordKind::Sources,
                    &id,
                    at.naive_utc(),
                )?),
                None => None,
            };
            Ok::<_, diesel::result::Error>(Some((row, past)))
        })
        .await?;
    match found {
        None => Err(ApiError::not_found("source")),
        Some((row, None)) => Ok(source_ok(row)),
        Some((_, Some(None))) => Err(ApiError::NotFound {
            detail: "the source did not exist yet at as_of".into(),
        }),
        Some((row, Some(Some(revision)))) => {
            let mut response = SourceResponse::from(row);
            let mut snapshot: serde_json::Value =
                serde_json::from_str(&revision.snapshot).unwrap_or_default();
            let retracted = snapshot
                .as_object_mut()
                .and_then(|m| m.remove("retracted"))
                .unwrap_or_default();
            response.doc = crate::api::json::from_value::<SourceDoc>(snapshot)?;
            response.retracted = serde_json::from_value(retracted).ok().flatten();
            response.revision = revision.revision;
            response.updated_at = revision.created_at.and_utc();
            Ok(ok_with_etag(response.revision, response))
        }
    }
}

/// Edit a source (JSON Merge Patch, with `If-Match`).
#[utoipa::path(
    tag = "sources",
    operation_id = "update_source",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The source's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"3\"`"),
    ),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change (any of the create body's), plus an optional `edit_summary`"),
    responses(
        (status = 200, description = "The source after the change", body = SourceResponse, headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The source changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/v1/sources/{id}")]
pub async fn update_source(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let id = id.into_inner();
    let lookup = id.clone();
    let current = state
        .db(move |conn| store::sources::find(conn, &lookup))
        .await?
        .ok_or_else(|| ApiError::not_found("source"))?;
    let (doc, summary) = merge_patch(&current.doc(), body.0)?;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let author = Author::new(&auth.user_id).with_summary(summary);
    let ledger = state.ledger.clone();
    let row = state
        .db(move |conn| {
            store::sources::update(conn, &ledger, &id, expected, doc, Action::Update, &author)
        })
        .await?;
    Ok(source_ok(row))
}

/// Retract a source (reviewer). Claims citing it show the retraction.
#[utoipa::path(
    tag = "sources",
    operation_id = "retract_source",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The source's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "The retracted source", body = SourceResponse, headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already retracted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The source changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/v1/sources/{id}/retract")]
pub async fn retract_source(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<ReasonRequest>,
) -> ApiResult<HttpResponse> {
    set_retracted(state, &auth.user_id, req, id.into_inner(), body.0, true).await
}

/// Restore a retracted source (reviewer).
#[utoipa::path(
    tag = "sources",
    operation_id = "restore_source",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The source's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "The restored source", body = SourceResponse, headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not retracted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The source changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/v1/sources/{id}/restore")]
pub async fn restore_source(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<ReasonRequest>,
) -> ApiResult<HttpResponse> {
    set_retracted(state, &auth.user_id, req, id.into_inner(), body.0, false).await
}

async fn set_retracted(
    state: web::Data<AppState>,
    user_id: &str,
    req: HttpRequest,
    id: String,
    body: ReasonRequest,
    retract: bool,
) -> ApiResult<HttpResponse> {
    let change = body.change(&req, user_id, retract)?;
    let ledger = state.ledger.clone();
    let row = state
        .db(move |conn| {
            store::sources::set_retracted(
                conn,
                &ledger,
                &id,
                change.expected,
                change.reason,
                &change.author,
            )
        })
        .await?;
    Ok(source_ok(row))
}

/// Revert a source to an earlier revision, as a new revision (with `If-Match`).
///
/// A revert that would change whether it is retracted needs a reviewer.
#[utoipa::path(
    tag = "sources",
    operation_id = "revert_source",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The source's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = crate::api::history::RevertRequest,
    responses(
        (status = 200, description = "The source at its new revision, with the content of `to_revision`", body = SourceResponse,
            headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The old content conflicts with the present (e.g. it would duplicate another claim)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The source changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/v1/sources/{id}/revert")]
pub async fn revert_source(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<crate::api::history::RevertRequest>,
) -> ApiResult<HttpResponse> {
    use crate::api::history::{require_role_for_revert, revert_target};
    let expected = required_revision(&req)?;
    let id = id.into_inner();
    let target = revert_target(
        &state,
        crate::store::revisions::RecordKind::Sources,
        &id,
        &body.0,
        &["retracted"],
    )
    .await?;
    let doc: SourceDoc = crate::api::json::from_value(target.document.clone())?;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let retracted = target.retracted();
    let lookup = id.clone();
    let current = state
        .db(move |conn| store::sources::find(conn, &lookup))
        .await?
        .ok_or_else(|| ApiError::not_found("source"))?;
    if current.retracted_at.is_some() != retracted.is_some() {
        require_role_for_revert(
            auth.role,
            crate::domain::user::Role::Reviewer,
            "whether the source is retracted",
        )?;
    }
    let author = Author::new(&auth.user_id).with_summary(Some(target.summary));
    let ledger = state.ledger.clone();
    let row = state
        .db(move |conn| {
            store::sources::revert(conn, &ledger, &id, expected, doc, retracted, &author)
        })
        .await?;
    Ok(source_ok(row))
}
