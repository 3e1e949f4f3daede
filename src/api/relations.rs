//! Claim relations: `/v1/relations` (create, read, list, revert, retract, restore) and
//! `/v1/claims/{id}/relations` (a claim's relations both ways, beside its open contradiction
//! flags). The rules live in `store::relations`.

use actix_web::{get, post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Editor, Viewer};
use crate::api::contradictions::ContradictionResponse;
use crate::api::error::{ApiError, ApiResult};
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, serve_records};
use crate::db::DbConn;
use crate::domain::relation::{RelationDoc, RelationKind};
use crate::store;
use crate::store::engine::{Editable, Record};
use crate::store::relations::{Relation, RelationFilter};
use crate::store::{Author, StoreError};

crate::retractable_resource! {
    Relation, doc RelationDoc,
    /// A typed relation between two claims, as stored. For `duplicate_of`, `to_claim_id` is the
    /// canonical claim (a duplicate named as the target is replaced by its canonical claim).
    response RelationResponse, path "/v1/relations",
    retracted "Set when a reviewer retracted it: it then has no effect (it stays listed with `include_retracted`).",
    revision "Increases with every change; send it back in `If-Match`.",
    created_by "The id of the user who related the claims.",
    revert needs "retracting or restoring a relation",
}

/// Relate two claims (editor). `duplicate_of`: the claim is the same as a canonical one (if
/// `to_claim_id` is itself a duplicate, its canonical claim is stored instead, as the response
/// shows); `supersedes`: a later figure or account replaces the other claim (which leaves
/// contradiction detection and estimates, and whose open detected flags are resolved);
/// `corroborates` (symmetric); `refines`. Both claims must be current; no self-relation, no
/// second live relation of the same kind and pair (409), no cycle of `duplicate_of` or
/// `supersedes` (422 naming the path).
#[utoipa::path(
    tag = "relations",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key with the same body within 24 hours answers as the first time and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = RelationDoc,
    responses(
        (status = 201, description = "Created", body = RelationResponse,
            headers(("Location" = String, description = "/v1/relations/{id}"), ("ETag" = String, description = "Its revision"))),
        (status = 409, description = "The same relation is live already (`existing_id` names it); for `corroborates`, in either direction"),
    )
)]
#[post("/v1/relations")]
pub async fn create_relation(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    key: IdempotencyKey,
    body: ApiJson<RelationDoc>,
) -> ApiResult<actix_web::HttpResponse> {
    let ApiJson(doc, digest) = body;
    let doc = Relation::validate(doc).map_err(ApiError::Validation)?;
    let snapshot = Relation::compose(doc, None);
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    create_once(&state, &auth.user_id, key, digest, move |tx| {
        let stored = store::relations::create(tx, &ledger, snapshot, &author)?;
        let (id, revision) = (stored.meta.id.clone(), stored.meta.revision);
        let response = RelationResponse::from(stored);
        Created::new(format!("/v1/relations/{id}"), revision, &response)
    })
    .await
}

crate::read_endpoint! {
    /// Read a relation (retracted ones too), now or as it stood at a past instant.
    get_relation: Relation, response RelationResponse, role Viewer,
    tag "relations", get "/v1/relations/{id}", "id" = "The relation's id",
}

crate::revert_endpoint! {
    /// Revert a relation to an earlier revision's content (editor; a revert that retracts or
    /// restores it needs a reviewer). A restored relation must hold every rule again.
    revert_relation: Relation, response RelationResponse, role Editor, tag "relations",
    post "/v1/relations/{id}/revert", "id" = "The relation's id",
}

crate::retraction_endpoint! {
    /// Retract a relation (reviewer): its effects end (a duplicate shows again, a superseded
    /// claim counts again and its detected flags reopen where the conflict stands).
    retract_relation: Relation, retract, response RelationResponse,
    role crate::api::auth::Reviewer, tag "relations",
    post "/v1/relations/{id}/retract", "id" = "The relation's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted relation (reviewer); it must hold every rule again (422/409 if not).
    restore_relation: Relation, restore, response RelationResponse,
    role crate::api::auth::Reviewer, tag "relations",
    post "/v1/relations/{id}/restore", "id" = "The relation's id",
}

crate::list_query! {
    pub struct RelationListQuery {
        /// Relations with this claim on either side.
        #[param(max_length = 100)]
        pub claim_id: Option<String>,
        pub kind: Option<RelationKind>,
        /// Include retracted relations (default false).
        pub include_retracted: Option<bool>,
    }
}

crate::list_endpoint! {
    /// List relations, oldest first.
    list_relations: query RelationListQuery, role Viewer, response RelationResponse,
    tag "relations", get "/v1/relations", "One page of relations",
    |state, _auth, query| {
        if query.claim_id.as_ref().is_some_and(|c| c.chars().count() > 100) {
            return Err(ApiError::invalid("/claim_id", "must be at most 100 characters"));
        }
        let filter = RelationFilter {
            claim_id: query.claim_id,
            kind: query.kind,
            include_retracted: query.include_retracted.unwrap_or(false),
        };
        let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
            store::relations::list(conn, &filter, after, limit)
        };
        let cursor = query.cursor.as_deref();
        serve_records(&state, query.limit, cursor, load, RelationResponse::from).await
    }
}

crate::list_query! {
    pub struct ClaimRelationsQuery {
        pub kind: Option<RelationKind>,
        /// Include retracted relations (default false).
        pub include_retracted: Option<bool>,
    }
}

/// The most open contradiction flags shown beside a claim's relations.
const MAX_FLAGS_SHOWN: usize = 100;

/// A claim's relations (both ways, one page) and, beside them, its open contradiction flags.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimRelations {
    pub claim_id: String,
    /// The canonical claim when this claim is a duplicate, else null.
    pub canonical_id: Option<String>,
    /// The claims that supersede this one (empty when none).
    pub superseded_by: Vec<String>,
    /// Relations with the claim on either side, oldest first.
    pub items: Vec<RelationResponse>,
    /// Pass as `cursor` to get the next page of relations; `null` on the last page.
    pub next_cursor: Option<String>,
    /// The claim's open contradiction flags (at most 100), beside its relations.
    pub open_contradictions: Vec<ContradictionResponse>,
}

/// A claim's relations both ways, with its open contradiction flags beside them.
#[utoipa::path(
    tag = "relations",
    params(("id" = String, Path, description = "The claim's id"), ClaimRelationsQuery),
    responses(
        (status = 200, description = "The claim's relations and open flags", body = ClaimRelations),
        (status = 404, description = "No claim has this id"),
    )
)]
#[get("/v1/claims/{id}/relations")]
pub async fn list_claim_relations(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<ClaimRelationsQuery>,
) -> ApiResult<web::Json<ClaimRelations>> {
    let claim_id = id.into_inner();
    let query = query.into_inner();
    let filter = RelationFilter {
        claim_id: Some(claim_id.clone()),
        kind: query.kind,
        include_retracted: query.include_retracted.unwrap_or(false),
    };
    let check_id = claim_id.clone();
    let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
        if <store::claims::Claim as Record>::head_hash(conn, &check_id)?.is_none() {
            return Err(StoreError::NotFound("claim"));
        }
        Ok(store::relations::list(conn, &filter, after, limit)?)
    };
    let page = serve_records(
        &state,
        query.limit,
        query.cursor.as_deref(),
        load,
        RelationResponse::from,
    )
    .await?
    .into_inner();
    let id = claim_id.clone();
    let (canonical_id, superseded_by, flags) = state
        .read_now(move |conn| {
            let canonical = store::relations::canonical_of(conn, &id)?;
            let superseded_by = store::relations::superseded_by(conn, &id)?;
            let ids = store::contradictions::open_for_claims(conn, std::slice::from_ref(&id))?
                .remove(&id)
                .unwrap_or_default();
            let mut flags = Vec::new();
            for flag_id in ids.iter().take(MAX_FLAGS_SHOWN) {
                if let Some(flag) = store::contradictions::find(conn, flag_id)? {
                    flags.push(ContradictionResponse::from(flag));
                }
            }
            Ok::<_, ApiError>((canonical, superseded_by, flags))
        })
        .await?;
    Ok(web::Json(ClaimRelations {
        claim_id,
        canonical_id,
        superseded_by,
        items: page.items,
        next_cursor: page.next_cursor,
        open_contradictions: flags,
    }))
}
