//! Properties: `/v1/properties`, the vocabulary of structured claims.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth, Viewer};
use crate::api::error::{ApiError, ApiResult, Problem};
use crate::api::etag::required_revision;
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, PageQuery};
use crate::api::records::{merge_patch, ok_with_etag};
use crate::domain::property::PropertyDoc;
use crate::store;
use crate::store::history::Author;
use crate::store::properties::PropertyRow;
use crate::store::revisions::Action;

#[derive(Debug, Serialize, ToSchema)]
pub struct PropertyResponse {
    #[serde(flatten)]
    pub doc: PropertyDoc,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who added it; `null` for the properties that ship with claimledger.
    pub created_by: Option<String>,
}

impl From<PropertyRow> for PropertyResponse {
    fn from(row: PropertyRow) -> Self {
        Self {
            doc: row.doc(),
            revision: row.revision,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            created_by: row.created_by,
        }
    }
}

/// List the property vocabulary, by key.
#[utoipa::path(
    tag = "properties",
    operation_id = "list_properties",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, description = "One page of properties", body = Page<PropertyResponse>))
)]
#[get("/v1/properties")]
pub async fn list_properties(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<PropertyResponse>>> {
    let limit = query.limit()?;
    let after = query.after()?;
    let rows = state
        .db(move |conn| store::properties::list(conn, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |p| p.key.clone(),
        PropertyResponse::from,
    )))
}

/// Read one property.
#[utoipa::path(
    tag = "properties",
    operation_id = "get_property",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "The property's key, e.g. `fatalities.police`")),
    responses(
        (status = 200, description = "The property", body = PropertyResponse, headers(("ETag" = String, description = "Its revision"))),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/v1/properties/{key}")]
pub async fn get_property(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    key: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = key.into_inner();
    let row = state
        .db(move |conn| store::properties::find(conn, &key))
        .await?;
    row.map(|r| ok_with_etag(r.revision, PropertyResponse::from(r)))
        .ok_or_else(|| ApiError::not_found("property"))
}

/// Add a property (admin).
#[utoipa::path(
    tag = "properties",
    operation_id = "create_property",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: a replay with the same key and body returns the first response and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = PropertyDoc,
    responses(
        (status = 201, description = "Created", body = PropertyResponse,
            headers(("Location" = String, description = "The property's URL"), ("ETag" = String, description = "Its revision"))),
        (status = 409, description = "A property with this key exists", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/v1/properties")]
pub async fn create_property(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    key: IdempotencyKey,
    body: ApiJson<PropertyDoc>,
) -> ApiResult<HttpResponse> {
    let ApiJson(doc, digest) = body;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    create_once(&state, &auth.user_id, key, digest, move |conn| {
        let row = store::properties::create(conn, &ledger, doc, &author)?;
        Created::new(
            format!("/v1/properties/{}", row.key),
            row.revision,
            &PropertyResponse::from(row),
        )
    })
    .await
}

/// Change a property's label, description, unit or single-valuedness (admin).
///
/// A JSON Merge Patch with `If-Match`. The key and value type cannot change.
#[utoipa::path(
    tag = "properties",
    operation_id = "update_property",
    security(("bearer" = [])),
    params(
        ("key" = String, Path, description = "The property's key"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"3\"`"),
    ),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change, plus an optional `edit_summary`"),
    responses(
        (status = 200, description = "The property after the change", body = PropertyResponse, headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The property changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/v1/properties/{key}")]
pub async fn update_property(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    req: HttpRequest,
    key: web::Path<String>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let key = key.into_inner();
    let lookup = key.clone();
    let current = state
        .db(move |conn| store::properties::find(conn, &lookup))
        .await?
        .ok_or_else(|| ApiError::not_found("property"))?;
    let (doc, summary) = merge_patch(&current.doc(), body.0)?;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let author = Author::new(&auth.user_id).with_summary(summary);
    let ledger = state.ledger.clone();
    let row = state
        .db(move |conn| {
            store::properties::update(conn, &ledger, &key, expected, doc, Action::Update, &author)
        })
        .await?;
    Ok(ok_with_etag(row.revision, PropertyResponse::from(row)))
}

/// Revert a property to an earlier revision, as a new revision (admin, with `If-Match`).
#[utoipa::path(
    tag = "properties",
    operation_id = "revert_property",
    security(("bearer" = [])),
    params(
        ("key" = String, Path, description = "The property's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = crate::api::history::RevertRequest,
    responses(
        (status = 200, description = "The property at its new revision, with the content of `to_revision`", body = PropertyResponse,
            headers(("ETag" = String, description = "The new revision"))),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The old content conflicts with the present (e.g. it would duplicate another claim)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The property changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/v1/properties/{key}/revert")]
pub async fn revert_property(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    req: HttpRequest,
    key: web::Path<String>,
    body: ApiJson<crate::api::history::RevertRequest>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let key = key.into_inner();
    let target = crate::api::history::revert_target(
        &state,
        crate::store::revisions::RecordKind::Properties,
        &key,
        &body.0,
        &[],
    )
    .await?;
    let doc: PropertyDoc = crate::api::json::from_value(target.document.clone())?;
    let doc = doc.validate().map_err(ApiError::Validation)?;
    let author = Author::new(&auth.user_id).with_summary(Some(target.summary));
    let ledger = state.ledger.clone();
    let row = state
        .db(move |conn| {
            store::properties::update(conn, &ledger, &key, expected, doc, Action::Revert, &author)
        })
        .await?;
    Ok(ok_with_etag(row.revision, PropertyResponse::from(row)))
}
