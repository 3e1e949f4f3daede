//! Sources: `/v1/sources`.

use actix_web::{get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::{Editor, Reviewer, Viewer};
use crate::api::error::ApiResult;
use crate::api::pagination::{Page, record_key, serve};
use crate::api::records::{Resource, RetractableResource, Retraction};
use crate::db::DbConn;
use crate::domain::source::{Reliability, SourceDoc, SourceKind};
use crate::store;
use crate::store::engine::Stored;
use crate::store::sources::{Source, SourceFilter};

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

impl From<Stored<Source>> for SourceResponse {
    fn from(Stored { meta, snapshot }: Stored<Source>) -> Self {
        Self {
            doc: <Source as store::engine::Editable>::doc(&snapshot),
            retracted: snapshot.retracted.clone(),
            id: meta.id,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by.unwrap_or_default(),
        }
    }
}

impl Resource for Source {
    type Response = SourceResponse;
    const PATH: &'static str = "/v1/sources";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<SourceResponse> {
        Ok(stored.into())
    }

    fn revert_needs(
        before: &Self::Snapshot,
        after: &Self::Snapshot,
    ) -> Option<(crate::domain::user::Role, &'static str)> {
        (before.retracted.is_some() != after.retracted.is_some()).then_some((
            crate::domain::user::Role::Reviewer,
            "whether the source is retracted",
        ))
    }
}

impl RetractableResource for Source {}

crate::create_endpoint! {
    /// Create a source.
    create_source: Source, body SourceDoc, response SourceResponse, role Editor,
    tag "sources", post "/v1/sources", location "The source's URL",
}

crate::read_endpoint! {
    /// Read a source (retracted ones too).
    get_source: Source, response SourceResponse, role Viewer, tag "sources", get "/v1/sources/{id}", "id" = "The source's id",
}

crate::update_endpoint! {
    /// Edit a source (JSON Merge Patch, with `If-Match`).
    update_source: Source, response SourceResponse, role Editor, tag "sources",
    patch "/v1/sources/{id}", "id" = "The source's id",
}

crate::revert_endpoint! {
    /// Revert a source to an earlier revision, as a new revision (with `If-Match`).
    ///
    /// A revert that would change whether it is retracted needs a reviewer.
    revert_source: Source, response SourceResponse, role Editor, tag "sources",
    post "/v1/sources/{id}/revert", "id" = "The source's id",
}

crate::retraction_endpoint! {
    /// Retract a source (reviewer). Claims citing it show the retraction.
    retract_source: Source, retract, response SourceResponse, role Reviewer, tag "sources",
    post "/v1/sources/{id}/retract", "id" = "The source's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted source (reviewer).
    restore_source: Source, restore, response SourceResponse, role Reviewer, tag "sources",
    post "/v1/sources/{id}/restore", "id" = "The source's id",
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SourceListQuery {
    /// Words in the title or publisher (case-insensitive).
    #[param(max_length = 1000)]
    pub q: Option<String>,
    pub kind: Option<SourceKind>,
    /// The publisher's name (case-insensitive, exact).
    #[param(max_length = 1000)]
    pub publisher: Option<String>,
    pub reliability: Option<Reliability>,
    /// Include retracted sources (default false).
    pub include_retracted: Option<bool>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 1000)]
    pub cursor: Option<String>,
}

crate::list_endpoint! {
    /// List sources, oldest first.
    list_sources: query SourceListQuery, role Viewer, response SourceResponse, tag "sources",
    get "/v1/sources", "One page of sources",
    |state, _auth, query| {
        let filter = SourceFilter {
            q: query.q,
            kind: query.kind,
            publisher: query.publisher,
            reliability: query.reliability,
            include_retracted: query.include_retracted.unwrap_or(false),
        };
        let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
            store::sources::list(conn, &filter, after, limit)
        };
        serve(
            &state,
            query.limit,
            query.cursor.as_deref(),
            load,
            record_key,
            SourceResponse::from,
        )
        .await
    }
}
