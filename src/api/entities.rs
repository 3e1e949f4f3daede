//! Entities: `/v1/entities` — the people, organisations, events and places claims are about.

use actix_web::{get, patch, post};

use crate::api::auth::Viewer;
use crate::api::pagination::{Page, serve_records};
use crate::db::DbConn;
use crate::domain::entity::{EntityDoc, EntityKind};
use crate::store;
use crate::store::entities::{Entity, EntityFilter};

crate::catalog_record_api! {
    Entity, doc EntityDoc,
    /// An entity, as stored.
    response EntityResponse, retracted "Set when the entity was retracted.",
    tag "entities", path "/v1/entities", id "The entity's id", what "whether the entity is retracted",
    create create_entity "Create an entity.", location "The entity's URL",
    read get_entity "/v1/entities/{id}", "Read an entity (retracted ones too).",
    update update_entity "Edit an entity (JSON Merge Patch, with `If-Match`).",
    revert revert_entity "/v1/entities/{id}/revert",
        [
            "Revert an entity to an earlier revision, as a new revision (with `If-Match`).",
            "",
            "A revert that would change whether it is retracted needs a reviewer.",
        ],
    retract retract_entity "/v1/entities/{id}/retract",
        "Retract an entity (reviewer). Claims citing it show the retraction.",
    restore restore_entity "/v1/entities/{id}/restore", "Restore a retracted entity (reviewer).",
}

crate::list_query! {
    pub struct EntityListQuery {
        /// Part of the name or an alias (case-insensitive): "pakistani taliban" finds
        /// Tehreek-e-Taliban Pakistan.
        #[param(max_length = 1000)]
        pub q: Option<String>,
        pub kind: Option<EntityKind>,
        /// Include retracted entities (default false).
        pub include_retracted: Option<bool>,
    }
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
        let cursor = query.cursor.as_deref();
        serve_records(&state, query.limit, cursor, load, EntityResponse::from).await
    }
}
