//! Entities: `/v1/entities` — the people, organisations, events and places claims are about.

use actix_web::{get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::{Editor, Reviewer, Viewer};
use crate::api::error::ApiResult;
use crate::api::pagination::{Page, record_key, serve};
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
            retracted: snapshot.retracted.clone(),
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

crate::create_endpoint! {
    /// Create an entity.
    create_entity: Entity, body EntityDoc, response EntityResponse, role Editor,
    tag "entities", post "/v1/entities", location "The entity's URL",
}

crate::read_endpoint! {
    /// Read an entity (retracted ones too).
    get_entity: Entity, response EntityResponse, role Viewer, tag "entities", get "/v1/entities/{id}", "id" = "The entity's id",
}

crate::update_endpoint! {
    /// Edit an entity (JSON Merge Patch, with `If-Match`).
    update_entity: Entity, response EntityResponse, role Editor, tag "entities",
    patch "/v1/entities/{id}", "id" = "The entity's id",
}

crate::revert_endpoint! {
    /// Revert an entity to an earlier revision, as a new revision (with `If-Match`).
    ///
    /// A revert that would change whether it is retracted needs a reviewer.
    revert_entity: Entity, response EntityResponse, role Editor, tag "entities",
    post "/v1/entities/{id}/revert", "id" = "The entity's id",
}

crate::retraction_endpoint! {
    /// Retract an entity (reviewer). Claims citing it show the retraction.
    retract_entity: Entity, retract, response EntityResponse, role Reviewer, tag "entities",
    post "/v1/entities/{id}/retract", "id" = "The entity's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted entity (reviewer).
    restore_entity: Entity, restore, response EntityResponse, role Reviewer, tag "entities",
    post "/v1/entities/{id}/restore", "id" = "The entity's id",
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EntityListQuery {
    /// Part of the name or an alias (case-insensitive): "pakistani taliban" finds
    /// Tehreek-e-Taliban Pakistan.
    #[param(max_length = 1000)]
    pub q: Option<String>,
    pub kind: Option<EntityKind>,
    /// Include retracted entities (default false).
    pub include_retracted: Option<bool>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 1000)]
    pub cursor: Option<String>,
}

crate::list_endpoint! {
    /// List entities, oldest first.
    list_entities: query EntityListQuery, role Viewer, response EntityResponse, tag "entities",
    get "/v1/entities", "One page of entities",
    |state, _auth, query| {
        let filter = EntityFilter {
            q: query.q,
            kind: query.kind,
            include_retracted: query.include_retracted.unwrap_or(false),
        };
        let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
            store::entities::list(conn, &filter, after, limit)
        };
        serve(
            &state,
            query.limit,
            query.cursor.as_deref(),
            load,
            record_key,
            EntityResponse::from,
        )
        .await
    }
}
