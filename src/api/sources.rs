//! Sources: `/v1/sources`.

use actix_web::{get, patch, post};

use crate::api::auth::Viewer;
use crate::api::pagination::{Page, serve_records};
use crate::db::DbConn;
use crate::domain::source::{Reliability, SourceDoc, SourceKind};
use crate::store;
use crate::store::sources::{Source, SourceFilter};

crate::catalog_record_api! {
    Source, doc SourceDoc,
    /// A source, as stored.
    response SourceResponse, retracted "Set when the source was retracted; claims citing it show that.",
    tag "sources", path "/v1/sources", id "The source's id", what "whether the source is retracted",
    create create_source "Create a source.", location "The source's URL",
    read get_source "/v1/sources/{id}", "Read a source (retracted ones too).",
    update update_source "Edit a source (JSON Merge Patch, with `If-Match`).",
    revert revert_source "/v1/sources/{id}/revert",
        [
            "Revert a source to an earlier revision, as a new revision (with `If-Match`).",
            "",
            "A revert that would change whether it is retracted needs a reviewer.",
        ],
    retract retract_source "/v1/sources/{id}/retract",
        "Retract a source (reviewer). Claims citing it show the retraction.",
    restore restore_source "/v1/sources/{id}/restore", "Restore a retracted source (reviewer).",
}

crate::list_query! {
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
    }
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
        let cursor = query.cursor.as_deref();
        serve_records(&state, query.limit, cursor, load, SourceResponse::from).await
    }
}
