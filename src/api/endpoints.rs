//! The route declarations of the generic record handlers (`api::records`), one macro per
//! operation. Each declares a `#[utoipa::path]` handler that calls the generic function, so
//! the OpenAPI document gets one named operation per record kind (SDKs call
//! `create_source`, `revert_claim`, …) while the code is written once. Write the operation's
//! description as doc comments inside the invocation; `responses [...]` adds to the success
//! response (the errors every operation shares are added by `openapi.rs`).
//!
//! The calling module imports `actix_web::{get, patch, post}`: utoipa finds the route by those
//! attribute names.

/// `POST <collection>`: create, with `Idempotency-Key`.
#[macro_export]
macro_rules! create_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: $record:ty, body $body:ty, response $response:ty, role $role:ty,
        tag $tag:literal, post $path:literal, location $location:literal
        $(, responses [$($extra:tt),* $(,)?])? $(,)?
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: a replay with the same key and body returns the first response and creates nothing; the same key with another body is 422; while the first is still running, 409")),
            request_body = $body,
            responses(
                (status = 201, description = "Created", body = $response,
                    headers(("Location" = String, description = $location), ("ETag" = String, description = "Its revision"))),
                $($($extra,)*)?
            )
        )]
        #[post($path)]
        pub async fn $name(
            state: actix_web::web::Data<$crate::api::AppState>,
            auth: $crate::api::auth::Auth<$role>,
            key: $crate::api::idempotency::IdempotencyKey,
            body: $crate::api::json::ApiJson<$body>,
        ) -> $crate::api::error::ApiResult<actix_web::HttpResponse> {
            $crate::api::records::create::<$record>(&state, &auth, key, body).await
        }
    };
}

/// `GET <collection>/{id}`: one record, now or `as_of` a past instant.
#[macro_export]
macro_rules! read_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: $record:ty, response $response:ty, role $role:ty, tag $tag:literal,
        get $path:literal, $param:literal = $param_doc:literal
        $(, responses [$($extra:tt),* $(,)?])? $(,)?
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params(($param = String, Path, description = $param_doc), $crate::api::records::AsOfQuery),
            responses(
                (status = 200, description = "The record", body = $response, headers(("ETag" = String, description = "Its revision"))),
                $($($extra,)*)?
            )
        )]
        #[get($path)]
        pub async fn $name(
            state: actix_web::web::Data<$crate::api::AppState>,
            _auth: $crate::api::auth::Auth<$role>,
            id: actix_web::web::Path<String>,
            query: actix_web::web::Query<$crate::api::records::AsOfQuery>,
        ) -> $crate::api::error::ApiResult<actix_web::HttpResponse> {
            $crate::api::records::read::<$record>(&state, id.into_inner(), query.as_of).await
        }
    };
}

/// `PATCH <collection>/{id}`: a JSON Merge Patch with `If-Match`.
#[macro_export]
macro_rules! update_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: $record:ty, response $response:ty, role $role:ty, tag $tag:literal,
        patch $path:literal, $param:literal = $param_doc:literal
        $(, responses [$($extra:tt),* $(,)?])? $(,)?
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params(
                ($param = String, Path, description = $param_doc),
                ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"3\"`"),
            ),
            request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
                description = "The fields to change (any of the create body's), plus an optional `edit_summary`"),
            responses(
                (status = 200, description = "The record after the change; when the patch changes nothing (an `edit_summary` alone changes nothing), the record as it is, with no new revision and the same ETag", body = $response, headers(("ETag" = String, description = "The new revision (unchanged when nothing changed)"))),
                $($($extra,)*)?
            )
        )]
        #[patch($path)]
        pub async fn $name(
            state: actix_web::web::Data<$crate::api::AppState>,
            auth: $crate::api::auth::Auth<$role>,
            req: actix_web::HttpRequest,
            id: actix_web::web::Path<String>,
            body: $crate::api::json::ApiJson<serde_json::Value>,
        ) -> $crate::api::error::ApiResult<actix_web::HttpResponse> {
            $crate::api::records::update::<$record>(&state, &auth, &req, id.into_inner(), body.0).await
        }
    };
}

/// `POST <collection>/{id}/revert`: back to an earlier revision's content, as a new revision.
#[macro_export]
macro_rules! revert_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: $record:ty, response $response:ty, role $role:ty, tag $tag:literal,
        post $path:literal, $param:literal = $param_doc:literal $(,)?
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params(
                ($param = String, Path, description = $param_doc),
                ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
            ),
            request_body = $crate::api::history::RevertRequest,
            responses(
                (status = 200, description = "The record at its new revision, with the content of `to_revision`", body = $response,
                    headers(("ETag" = String, description = "The new revision"))),
                (status = 409, description = "The old content conflicts with the present (e.g. it would duplicate another claim)"),
            )
        )]
        #[post($path)]
        pub async fn $name(
            state: actix_web::web::Data<$crate::api::AppState>,
            auth: $crate::api::auth::Auth<$role>,
            req: actix_web::HttpRequest,
            id: actix_web::web::Path<String>,
            body: $crate::api::json::ApiJson<$crate::api::history::RevertRequest>,
        ) -> $crate::api::error::ApiResult<actix_web::HttpResponse> {
            $crate::api::records::revert::<$record>(&state, &auth, &req, id.into_inner(), body.0).await
        }
    };
}

/// `POST <collection>/{id}/retract` (`retract`) or `…/restore` (`restore`), with a reason.
#[macro_export]
macro_rules! retraction_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: $record:ty, $retract:ident, response $response:ty, role $role:ty,
        tag $tag:literal, post $path:literal, $param:literal = $param_doc:literal $(,)?
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params(
                ($param = String, Path, description = $param_doc),
                ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
            ),
            request_body = $crate::api::records::ReasonRequest,
            responses(
                (status = 200, description = "The record after the change", body = $response, headers(("ETag" = String, description = "The new revision"))),
                (status = 409, description = $crate::retraction_endpoint!(@conflict $retract)),
            )
        )]
        #[post($path)]
        pub async fn $name(
            state: actix_web::web::Data<$crate::api::AppState>,
            auth: $crate::api::auth::Auth<$role>,
            req: actix_web::HttpRequest,
            id: actix_web::web::Path<String>,
            body: $crate::api::json::ApiJson<$crate::api::records::ReasonRequest>,
        ) -> $crate::api::error::ApiResult<actix_web::HttpResponse> {
            let retract = $crate::retraction_endpoint!(@is_retract $retract);
            $crate::api::records::set_retracted::<$record>(&state, &auth, &req, id.into_inner(), body.0, retract).await
        }
    };
    (@conflict retract) => { "Already retracted" };
    (@conflict restore) => { "Not retracted" };
    (@is_retract retract) => { true };
    (@is_retract restore) => { false };
}

/// `GET <collection>`: one page of a list. The body gets the state, the caller and the parsed
/// query, and returns the page (usually through `pagination::serve`). With `records <load>`
/// instead of a body, the page is of the records `load` (a store's `list`) reads in id order,
/// after the query's `cursor`.
#[macro_export]
macro_rules! list_endpoint {
    (
        $(#[doc = $doc:literal])+
        $name:ident: query $query_type:ty, role $role:ty, response $response:ty, tag $tag:literal,
        get $path:literal, $description:literal, records $load:path $(,)?
    ) => {
        $crate::list_endpoint! {
            $(#[doc = $doc])+
            $name: query $query_type, role $role, response $response, tag $tag,
            get $path, $description,
            |state, _auth, query| {
                let cursor = query.cursor.as_deref();
                $crate::api::pagination::serve_records(&state, query.limit, cursor, $load, <$response>::from)
                    .await
            }
        }
    };
    (
        $(#[doc = $doc:literal])+
        $name:ident: query $query_type:ty, role $role:ty, response $response:ty, tag $tag:literal,
        get $path:literal, $description:literal,
        |$state:ident, $auth:pat, $query:ident| $body:block
    ) => {
        $(#[doc = $doc])+
        #[utoipa::path(
            tag = $tag,
            params($query_type),
            responses((status = 200, description = $description, body = $crate::api::pagination::Page<$response>))
        )]
        #[get($path)]
        pub async fn $name(
            $state: actix_web::web::Data<$crate::api::AppState>,
            $auth: $crate::api::auth::Auth<$role>,
            query: actix_web::web::Query<$query_type>,
        ) -> $crate::api::error::ApiResult<actix_web::web::Json<$crate::api::pagination::Page<$response>>> {
            let $query = query.into_inner();
            $body
        }
    };
}

/// The whole HTTP surface of a catalogue kind (sources, entities: editors create and edit them,
/// reviewers retract and restore them): its response type (`<doc>` flattened, plus the record's
/// metadata), its `Resource`, and the create, read, edit, revert, retract and restore routes. The
/// paths and each operation's description are given as literals (the route and OpenAPI
/// attributes need them so); the list route, whose filters differ, stays with the kind.
#[macro_export]
macro_rules! catalog_record_api {
    (
        $record:ident, doc $doc:ty, $(#[doc = $response_doc:literal])+
        response $response:ident, retracted $retracted_doc:literal,
        tag $tag:literal, path $collection:literal, id $id_doc:literal, what $what:literal,
        create $create:ident $create_doc:literal, location $location:literal,
        read $read:ident $item:literal, $read_doc:literal,
        update $update:ident $update_doc:literal,
        revert $revert:ident $revert_path:literal, [$($revert_doc:literal),+ $(,)?],
        retract $retract:ident $retract_path:literal, $retract_doc:literal,
        restore $restore:ident $restore_path:literal, $restore_doc:literal $(,)?
    ) => {
        $crate::retractable_resource! {
            $record, doc $doc, $(#[doc = $response_doc])+
            response $response, path $collection,
            retracted $retracted_doc,
            revision "Increases with every change; send it back in `If-Match`.",
            created_by "The id of the user who created it.",
            revert needs $what,
        }

        $crate::create_endpoint! {
            #[doc = $create_doc]
            $create: $record, body $doc, response $response, role $crate::api::auth::Editor,
            tag $tag, post $collection, location $location,
        }

        $crate::read_endpoint! {
            #[doc = $read_doc]
            $read: $record, response $response, role $crate::api::auth::Viewer, tag $tag,
            get $item, "id" = $id_doc,
        }

        $crate::update_endpoint! {
            #[doc = $update_doc]
            $update: $record, response $response, role $crate::api::auth::Editor, tag $tag,
            patch $item, "id" = $id_doc,
        }

        $crate::revert_endpoint! {
            $(#[doc = $revert_doc])+
            $revert: $record, response $response, role $crate::api::auth::Editor, tag $tag,
            post $revert_path, "id" = $id_doc,
        }

        $crate::retraction_endpoint! {
            #[doc = $retract_doc]
            $retract: $record, retract, response $response, role $crate::api::auth::Reviewer,
            tag $tag, post $retract_path, "id" = $id_doc,
        }

        $crate::retraction_endpoint! {
            #[doc = $restore_doc]
            $restore: $record, restore, response $response, role $crate::api::auth::Reviewer,
            tag $tag, post $restore_path, "id" = $id_doc,
        }
    };
}

/// A retractable kind's response type (`<doc>` flattened, its retraction, the record's
/// metadata; the three field descriptions given), its `Resource` at `path` and
/// `RetractableResource`. With `revert needs "<what>"`, a revert that would change whether the
/// record is retracted needs a reviewer.
#[macro_export]
macro_rules! retractable_resource {
    (
        $record:ident, doc $doc:ty, $(#[doc = $response_doc:literal])+
        response $response:ident, path $collection:literal,
        retracted $retracted_doc:literal, revision $revision_doc:literal,
        created_by $created_by_doc:literal $(, revert needs $what:literal)? $(,)?
    ) => {
        $(#[doc = $response_doc])+
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $response {
            pub id: String,
            #[serde(flatten)]
            pub doc: $doc,
            #[doc = $retracted_doc]
            pub retracted: Option<$crate::api::records::Retraction>,
            #[doc = $revision_doc]
            pub revision: i64,
            pub created_at: chrono::DateTime<chrono::Utc>,
            pub updated_at: chrono::DateTime<chrono::Utc>,
            #[doc = $created_by_doc]
            pub created_by: String,
        }

        impl From<$crate::store::engine::Stored<$record>> for $response {
            fn from(
                $crate::store::engine::Stored { meta, snapshot }: $crate::store::engine::Stored<$record>,
            ) -> Self {
                Self {
                    doc: <$record as $crate::store::engine::Editable>::doc(&snapshot),
                    retracted: snapshot.retracted,
                    id: meta.id,
                    revision: meta.revision,
                    created_at: meta.created_at.and_utc(),
                    updated_at: meta.updated_at.and_utc(),
                    created_by: meta.created_by.unwrap_or_default(),
                }
            }
        }

        impl $crate::api::records::Resource for $record {
            type Response = $response;
            const PATH: &'static str = $collection;

            fn respond(
                _: &mut $crate::db::DbConn,
                stored: $crate::store::engine::Stored<Self>,
            ) -> $crate::api::error::ApiResult<$response> {
                Ok(stored.into())
            }

            $(
            fn revert_needs(
                before: &Self::Snapshot,
                after: &Self::Snapshot,
            ) -> Option<($crate::domain::user::Role, &'static str)> {
                (before.retracted.is_some() != after.retracted.is_some())
                    .then_some(($crate::domain::user::Role::Reviewer, $what))
            }
            )?
        }

        impl $crate::api::records::RetractableResource for $record {}
    };
}
