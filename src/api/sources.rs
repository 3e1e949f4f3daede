//! Sources: `/v1/sources`.

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
            retracted: snapshot.retracted.as_ref().map(Retraction::from),
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

crate::record_endpoints! {
    record: Source, response: SourceResponse, doc: SourceDoc, tag: "sources",
    noun: "source", id: "The source's id", location: "The source's URL",
    create: create_source = Editor, "/v1/sources", ["Create a source."],
    get: get_source, "/v1/sources/{id}", ["Read a source (retracted ones too)."],
    update: update_source = Editor, "/v1/sources/{id}",
        ["Edit a source (JSON Merge Patch, with `If-Match`)."],
    revert: revert_source = Editor, "/v1/sources/{id}/revert",
        ["Revert a source to an earlier revision, as a new revision (with `If-Match`).",
        "",
        "A revert that would change whether it is retracted needs a reviewer."],
    retract: retract_source = Reviewer, "/v1/sources/{id}/retract",
        ["Retract a source (reviewer). Claims citing it show the retraction."],
    restore: restore_source, "/v1/sources/{id}/restore", ["Restore a retracted source (reviewer)."],
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
        .read(move |conn| store::sources::list(conn, &filter, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |s| s.meta.id.clone(),
        SourceResponse::from,
    )))
}
