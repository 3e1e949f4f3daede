//! External reviews: `/v1/external-reviews/{id}` and `/v1/claims/{id}/external-reviews`.
//! They are written by the ClaimReview import (`api::imports`); reviewers may retract and
//! restore one. Another organisation's rating never changes our verdict.

use actix_web::{get, post, web};

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::error::ApiResult;
use crate::api::pagination::{Page, PageQuery, serve_records};
use crate::db::DbConn;
use crate::domain::external_review::ExternalReviewDoc;
use crate::store;
use crate::store::StoreError;
use crate::store::engine::Record;
use crate::store::external_reviews::ExternalReview;

crate::retractable_resource! {
    ExternalReview, doc ExternalReviewDoc,
    /// Another organisation's published review of one of our claims, as stored.
    response ExternalReviewResponse, path "/v1/external-reviews",
    retracted "Set when a reviewer retracted it (it stays listed, marked so).",
    revision "Increases with every change (a re-import of a changed review is a new revision).",
    created_by "The id of the user who imported it.",
}

crate::read_endpoint! {
    /// Read an external review (retracted ones too), now or as it stood at a past instant.
    get_external_review: ExternalReview, response ExternalReviewResponse, role Viewer,
    tag "external_reviews", get "/v1/external-reviews/{id}", "id" = "The review's id",
}

crate::retraction_endpoint! {
    /// Retract an external review (reviewer), e.g. one attached to the wrong claim.
    retract_external_review: ExternalReview, retract, response ExternalReviewResponse,
    role crate::api::auth::Reviewer, tag "external_reviews",
    post "/v1/external-reviews/{id}/retract", "id" = "The review's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted external review (reviewer).
    restore_external_review: ExternalReview, restore, response ExternalReviewResponse,
    role crate::api::auth::Reviewer, tag "external_reviews",
    post "/v1/external-reviews/{id}/restore", "id" = "The review's id",
}

/// The external reviews of one claim (retracted ones too), oldest first.
#[utoipa::path(
    tag = "external_reviews",
    params(("id" = String, Path, description = "The claim's id"), PageQuery),
    responses(
        (status = 200, description = "One page of external reviews", body = Page<ExternalReviewResponse>),
    )
)]
#[get("/v1/claims/{id}/external-reviews")]
pub async fn list_claim_external_reviews(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ExternalReviewResponse>>> {
    let claim_id = id.into_inner();
    let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
        if <store::claims::Claim as Record>::head_hash(conn, &claim_id)?.is_none() {
            return Err(StoreError::NotFound("claim"));
        }
        Ok(store::external_reviews::list_for_claim(
            conn, &claim_id, after, limit,
        )?)
    };
    let cursor = query.cursor.as_deref();
    serve_records(
        &state,
        query.limit,
        cursor,
        load,
        ExternalReviewResponse::from,
    )
    .await
}
