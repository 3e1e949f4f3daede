//! Entities: `/v1/entities` — the people, organisations, events and places claims are about.

use actix_web::{get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Editor, Reviewer, Viewer};
use crate::api::error::ApiResult;
use crate::api::pagination::{Page, decode_cursor, parse_limit};
use crate::api::records::{Resource, RetractableResource, Retraction};
use crate::db::DbConn;
use crate::domain::entity::{EntityDoc, EntityKind};
use crate::store;
use crate::store::engine::Stored;
use crate::store::entities::{Entity, EntityFilter};

/// An entity, as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityResponse {
    pub id: String,
    #[serde(flatten)]
    pub doc: EntityDoc,
    /// Set when the entity was retracted.
    pub retracted: Option<Retraction>,
    /// Increases with every change; send it back in `If-Match`.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The id of the user who created it.
    pub created_by: String,
}

impl From<Stored<Entity>> for EntityResponse {
    fn from(Stored { meta, snapshot }: Stored<Entity>) -> Self {
        Self {
            doc: <Entity as store::engine::Editable>::doc(&snapshot),
            retracted: snapshot.retracted.as_ref().map(Retraction::from),
            id: meta.id,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by.unwrap_or_default(),
        }
    }
}

impl Resource for Entity {
    type Response = EntityResponse;
    const PATH: &'static str = "/v1/entities";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<EntityResponse> {
        Ok(stored.into())
    }

    fn revert_needs(
        before: &Self::Snapshot,
        after: &Self::Snapshot,
    ) -> Option<(crate::domain::user::Role, &'static str)> {
        (before.retracted.is_some() != after.retracted.is_some()).then_some((
            crate::domain::user::Role::Reviewer,
            "whether the entity is retracted",
        ))
    }
}

impl RetractableResource for Entity {}

crate::record_endpoints! {
    record: Entity, response: EntityResponse, doc: EntityDoc, tag: "entities",
    noun: "entity", id: "The entity's id", location: "The entity's URL",
    create: create_entity = Editor, "/v1/entities", ["Create an entity."],
    get: get_entity, "/v1/entities/{id}", ["Read an entity (retracted ones too)."],
    update: update_entity = Editor, "/v1/entities/{id}",
        ["Edit an entity (JSON Merge Patch, with `If-Match`)."],
    revert: revert_entity = Editor, "/v1/entities/{id}/revert",
        ["Revert an entity to an earlier revision, as a new revision (with `If-Match`).",
        "",
        "A revert that would change whether it is retracted needs a reviewer."],
    retract: retract_entity = Reviewer, "/v1/entities/{id}/retract",
        ["Retract an entity (reviewer). Claims citing it show the retraction."],
    restore: restore_entity, "/v1/entities/{id}/restore", ["Restore a retracted entity (reviewer)."],
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EntityListQuery {
    /// Part of the name or an alias (case-insensitive): "pakistani taliban" finds
    /// Tehreek-e-Taliban Pakistan.
    pub q: Option<String>,
    pub kind: Option<EntityKind>,
    /// Include retracted entities (default false).
    pub include_retracted: Option<bool>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List entities, oldest first.
#[utoipa::path(
    tag = "entities",
    operation_id = "list_entities",
    security(("bearer" = [])),
    params(EntityListQuery),
    responses((status = 200, description = "One page of entities", body = Page<EntityResponse>))
)]
#[get("/v1/entities")]
pub async fn list_entities(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<EntityListQuery>,
) -> ApiResult<web::Json<Page<EntityResponse>>> {
    let query = query.into_inner();
    let limit = parse_limit(query.limit)?;
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let filter = EntityFilter {
        q: query.q,
        kind: query.kind,
        include_retracted: query.include_retracted.unwrap_or(false),
    };
    let rows = state
        .read(move |conn| store::entities::list(conn, &filter, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |e| e.meta.id.clone(),
        EntityResponse::from,
    )))
}
