//! Properties: `/v1/properties`, the vocabulary of structured claims.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth, Viewer};
use crate::api::error::{ApiResult, Problem};
use crate::api::idempotency::IdempotencyKey;
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, PageQuery};
use crate::api::records::{self, Resource};
use crate::db::DbConn;
use crate::domain::property::PropertyDoc;
use crate::store;
use crate::store::engine::{Editable, Stored};
use crate::store::properties::Property;

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

impl From<Stored<Property>> for PropertyResponse {
    fn from(Stored { meta, snapshot }: Stored<Property>) -> Self {
        Self {
            doc: Property::doc(&snapshot),
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by,
        }
    }
}

impl Resource for Property {
    type Response = PropertyResponse;
    const PATH: &'static str = "/v1/properties";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<PropertyResponse> {
        Ok(stored.into())
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
        .read(move |conn| store::properties::list(conn, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |p| p.meta.id.clone(),
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
    records::read::<Property>(&state, key.into_inner(), None).await
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
    records::create::<Property>(&state, &auth, key, body).await
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
    records::update::<Property>(&state, &auth, &req, key.into_inner(), body.0).await
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
    records::revert::<Property>(&state, &auth, &req, key.into_inner(), body.0).await
}
