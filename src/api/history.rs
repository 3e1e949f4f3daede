//! History, one mechanism for every record kind: list a record's revisions, read one, diff two
//! (RFC 6902), check its hash chain. The OpenAPI document gets one concrete path per kind
//! (`/v1/claims/{id}/revisions`, …) so generated SDKs have methods like `list_claim_revisions`;
//! the handlers behind them are one generic function each.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::sql::in_list;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{Page, PageQuery};
use crate::api::records::UserRef;
use crate::store::engine::{self, Record};
use crate::store::ledger::{self, RevisionRow};
use crate::store::{StoreError, StoreResult};

/// One change of a record.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionSummary {
    /// 1 for the create, +1 for every change.
    pub revision: i64,
    /// `create`, `update`, `retract`, `restore`, `revert`, `verdict` or `status`.
    #[schema(example = "update")]
    pub action: String,
    /// Who made the change (`null` for changes made by the service itself at setup).
    pub author: Option<UserRef>,
    pub created_at: DateTime<Utc>,
    pub edit_summary: Option<String>,
}

/// One revision with the full record as it was (`snapshot`: the record kind's snapshot, in
/// its current format).
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResponse<S> {
    #[serde(flatten)]
    pub summary: RevisionSummary,
    /// The record's content after this change.
    pub snapshot: S,
}

/// The RFC 6902 operations that turn revision `from` into revision `to`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffResponse {
    pub from: i64,
    pub to: i64,
    /// JSON Patch operations with JSON pointers into the snapshot.
    pub operations: Vec<PatchOperation>,
}

/// One RFC 6902 operation.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatchOperation {
    pub op: PatchOp,
    /// A JSON pointer into the snapshot.
    #[schema(example = "/statement")]
    pub path: String,
    /// For `add`, `replace` and `test`: the new value (any JSON, `null` included).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Value>)]
    pub value: Option<serde_json::Value>,
    /// For `move` and `copy`: where the value comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PatchOp {
    Add,
    Remove,
    Replace,
    Move,
    Copy,
    Test,
}

impl From<json_patch::PatchOperation> for PatchOperation {
    fn from(operation: json_patch::PatchOperation) -> Self {
        use json_patch::PatchOperation as P;
        let (op, path, value, from) = match operation {
            P::Add(o) => (PatchOp::Add, o.path, Some(o.value), None),
            P::Remove(o) => (PatchOp::Remove, o.path, None, None),
            P::Replace(o) => (PatchOp::Replace, o.path, Some(o.value), None),
            P::Move(o) => (PatchOp::Move, o.path, None, Some(o.from)),
            P::Copy(o) => (PatchOp::Copy, o.path, None, Some(o.from)),
            P::Test(o) => (PatchOp::Test, o.path, Some(o.value), None),
        };
        Self {
            op,
            path: path.to_string(),
            value,
            from: from.map(|f| f.to_string()),
        }
    }
}

/// The result of recomputing a record's hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntegrityResponse {
    /// True when every revision is intact and in place, and the live record is its head
    /// revision.
    pub valid: bool,
    /// How many revisions were checked.
    pub revisions: usize,
    /// The first revision that was changed, inserted or dropped behind the API's back.
    pub first_bad_revision: Option<i64>,
    /// Present when the live record (what the API serves) differs from what its head revision
    /// says it is, naming the fields that differ: it was changed behind the API's back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_mismatch: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The revision to diff from (default: the one before).
    pub from: Option<i64>,
}

fn summary(row: &RevisionRow, usernames: &HashMap<String, String>) -> RevisionSummary {
    RevisionSummary {
        revision: row.revision,
        action: row.action.to_string(),
        author: row.author_id.as_ref().map(|id| UserRef {
            id: id.clone(),
            username: usernames.get(id).cloned().unwrap_or_default(),
        }),
        created_at: row.created_at.and_utc(),
        edit_summary: row.edit_summary.clone(),
    }
}

fn usernames(
    conn: &mut crate::db::DbConn,
    rows: &[&RevisionRow],
) -> QueryResult<HashMap<String, String>> {
    use crate::schema::users;
    let mut ids: Vec<String> = rows.iter().filter_map(|r| r.author_id.clone()).collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::table
        .filter(in_list(users::id, &ids))
        .select((users::id, users::username))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The record must exist (404 otherwise), whatever its history holds.
fn must_exist<R: Record>(conn: &mut crate::db::DbConn, id: &str) -> StoreResult<()> {
    R::head_hash(conn, id)?
        .map(|_| ())
        .ok_or(StoreError::NotFound(R::NAME))
}

fn no_such_revision() -> StoreError {
    StoreError::NotFound("revision")
}

pub async fn list_revisions<R: Record>(
    state: &AppState,
    id: String,
    query: PageQuery,
) -> ApiResult<Page<RevisionSummary>> {
    let limit = query.limit()?;
    let before = query
        .after()?
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| ApiError::invalid("/cursor", "is not a cursor this service issued"))
        })
        .transpose()?;
    let (rows, names) = state
        .read_now(move |conn| {
            must_exist::<R>(conn, &id)?;
            let rows = ledger::page_for(conn, R::KIND, &id, before, limit + 1)?;
            let names = usernames(conn, &rows.iter().collect::<Vec<_>>())?;
            Ok::<_, StoreError>((rows, names))
        })
        .await?;
    Ok(Page::from_rows(
        rows,
        limit,
        |r| r.revision.to_string(),
        |r| summary(&r, &names),
    ))
}

/// A snapshot as the API shows it: in the record kind's current format.
fn shown<S: serde::Serialize>(snapshot: &S) -> ApiResult<serde_json::Value> {
    serde_json::to_value(snapshot).map_err(|e| ApiError::Internal(e.into()))
}

pub async fn get_revision<R: Record>(
    state: &AppState,
    id: String,
    n: i64,
) -> ApiResult<RevisionResponse<R::Snapshot>> {
    let (revision, names) = state
        .read_now(move |conn| {
            must_exist::<R>(conn, &id)?;
            let revision = engine::revision::<R>(conn, &id, n)?.ok_or_else(no_such_revision)?;
            let names = usernames(conn, &[&revision.row])?;
            Ok::<_, StoreError>((revision, names))
        })
        .await?;
    Ok(RevisionResponse {
        summary: summary(&revision.row, &names),
        snapshot: revision.snapshot,
    })
}

pub async fn diff_revisions<R: Record>(
    state: &AppState,
    id: String,
    n: i64,
    from: Option<i64>,
) -> ApiResult<DiffResponse> {
    // Revisions start at 1 (and `n - 1` must not overflow for a huge negative `n`).
    if n < 1 {
        return Err(no_such_revision().into());
    }
    let from = from.unwrap_or(n - 1);
    if from < 0 {
        return Err(ApiError::invalid(
            "/from",
            "must be 0 (the empty record) or a revision number",
        ));
    }
    let (old, new) = state
        .read(move |conn| {
            must_exist::<R>(conn, &id)?;
            let new = engine::revision::<R>(conn, &id, n)?.ok_or_else(no_such_revision)?;
            // Revision 0 is "nothing yet": the diff of the create lists every field as added.
            let old = match from {
                0 => None,
                m => Some(engine::revision::<R>(conn, &id, m)?.ok_or_else(|| {
                    StoreError::Invalid(vec![crate::domain::FieldError::new(
                        "/from",
                        "no such revision",
                    )])
                })?),
            };
            Ok::<_, StoreError>((old, new))
        })
        .await?;
    let before = match &old {
        Some(old) => shown(&old.snapshot)?,
        None => serde_json::json!({}),
    };
    let patch = json_patch::diff(&before, &shown(&new.snapshot)?);
    Ok(DiffResponse {
        from,
        to: n,
        operations: patch.0.into_iter().map(PatchOperation::from).collect(),
    })
}

pub async fn check_integrity<R: Record>(
    state: &AppState,
    id: String,
) -> ApiResult<IntegrityResponse> {
    let ledger = state.ledger.clone();
    let integrity = state
        .read(move |conn| engine::integrity::<R>(conn, &ledger, &id))
        .await?;
    Ok(IntegrityResponse {
        valid: integrity.first_bad_revision.is_none() && integrity.row_mismatch.is_none(),
        revisions: integrity.revisions,
        first_bad_revision: integrity.first_bad_revision,
        row_mismatch: integrity.row_mismatch,
    })
}

/// Declares the four history endpoints of one record kind.
macro_rules! history_endpoints {
    (
        record: $record:ty, snapshot: $snapshot:ty, role: $role:ty, tag: $tag:literal, noun: $noun:literal,
        list: $list:ident = $list_path:literal, $list_doc:literal,
        get: $get:ident = $get_path:literal, $get_doc:literal,
        diff: $diff:ident = $diff_path:literal, $diff_doc:literal,
        integrity: $integrity:ident = $integrity_path:literal, $integrity_doc:literal $(,)?
    ) => {
        // utoipa names a generic body's schema by the bare type name.
        #[allow(unused_imports)]
        use $crate::api::history::RevisionResponse;

        #[doc = $list_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = String, Path, description = "The record's id"), $crate::api::pagination::PageQuery),
            responses(
                (status = 200, description = "One page of revisions, newest first", body = $crate::api::pagination::Page<$crate::api::history::RevisionSummary>),
            )
        )]
        #[get($list_path)]
        pub async fn $list(
            state: actix_web::web::Data<$crate::api::AppState>,
            _auth: $crate::api::auth::Auth<$role>,
            id: actix_web::web::Path<String>,
            query: actix_web::web::Query<$crate::api::pagination::PageQuery>,
        ) -> $crate::api::error::ApiResult<actix_web::web::Json<$crate::api::pagination::Page<$crate::api::history::RevisionSummary>>> {
            $crate::api::history::list_revisions::<$record>(&state, id.into_inner(), query.into_inner()).await.map(actix_web::web::Json)
        }

        #[doc = $get_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = String, Path, description = "The record's id"), ("n" = i64, Path, description = "The revision number")),
            responses(
                (status = 200, description = "The revision with the record as it was", body = $crate::api::history::RevisionResponse<$snapshot>),
                (status = 404, description = "No such record or revision"),
            )
        )]
        #[get($get_path)]
        pub async fn $get(
            state: actix_web::web::Data<$crate::api::AppState>,
            _auth: $crate::api::auth::Auth<$role>,
            path: actix_web::web::Path<(String, i64)>,
        ) -> $crate::api::error::ApiResult<actix_web::web::Json<$crate::api::history::RevisionResponse<$snapshot>>> {
            let (id, n) = path.into_inner();
            $crate::api::history::get_revision::<$record>(&state, id, n).await.map(actix_web::web::Json)
        }

        #[doc = $diff_doc]
        #[utoipa::path(
            tag = $tag,
            params(
                ("id" = String, Path, description = "The record's id"),
                ("n" = i64, Path, description = "The revision to diff to"),
                $crate::api::history::DiffQuery,
            ),
            responses(
                (status = 200, description = "The operations that turn `from` into `n`", body = $crate::api::history::DiffResponse),
                (status = 404, description = "No such record or revision"),
            )
        )]
        #[get($diff_path)]
        pub async fn $diff(
            state: actix_web::web::Data<$crate::api::AppState>,
            _auth: $crate::api::auth::Auth<$role>,
            path: actix_web::web::Path<(String, i64)>,
            query: actix_web::web::Query<$crate::api::history::DiffQuery>,
        ) -> $crate::api::error::ApiResult<actix_web::web::Json<$crate::api::history::DiffResponse>> {
            let (id, n) = path.into_inner();
            $crate::api::history::diff_revisions::<$record>(&state, id, n, query.from).await.map(actix_web::web::Json)
        }

        #[doc = $integrity_doc]
        #[utoipa::path(
            tag = $tag,
            params(("id" = String, Path, description = "The record's id")),
            responses(
                (status = 200, description = "Whether the chain verifies, and where it breaks", body = $crate::api::history::IntegrityResponse),
            )
        )]
        #[get($integrity_path)]
        pub async fn $integrity(
            state: actix_web::web::Data<$crate::api::AppState>,
            _auth: $crate::api::auth::Auth<$role>,
            id: actix_web::web::Path<String>,
        ) -> $crate::api::error::ApiResult<actix_web::web::Json<$crate::api::history::IntegrityResponse>> {
            $crate::api::history::check_integrity::<$record>(&state, id.into_inner()).await.map(actix_web::web::Json)
        }
    };
}

pub mod claims {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::claims::Claim, snapshot: crate::store::claims::ClaimSnapshot, role: Viewer, tag: "claims", noun: "claim",
        list: list_claim_revisions = "/v1/claims/{id}/revisions", "List a claim's revisions, newest first.",
        get: get_claim_revision = "/v1/claims/{id}/revisions/{n}", "Read a claim as it was at one revision.",
        diff: diff_claim_revisions = "/v1/claims/{id}/revisions/{n}/diff", "Diff two revisions of a claim (RFC 6902).",
        integrity: check_claim_integrity = "/v1/claims/{id}/integrity", "Recompute a claim's hash chain.",
    }
}

pub mod sources {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::sources::Source, snapshot: crate::store::sources::SourceSnapshot, role: Viewer, tag: "sources", noun: "source",
        list: list_source_revisions = "/v1/sources/{id}/revisions", "List a source's revisions, newest first.",
        get: get_source_revision = "/v1/sources/{id}/revisions/{n}", "Read a source as it was at one revision.",
        diff: diff_source_revisions = "/v1/sources/{id}/revisions/{n}/diff", "Diff two revisions of a source (RFC 6902).",
        integrity: check_source_integrity = "/v1/sources/{id}/integrity", "Recompute a source's hash chain.",
    }
}

pub mod entities {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::entities::Entity, snapshot: crate::store::entities::EntitySnapshot, role: Viewer, tag: "entities", noun: "entity",
        list: list_entity_revisions = "/v1/entities/{id}/revisions", "List an entity's revisions, newest first.",
        get: get_entity_revision = "/v1/entities/{id}/revisions/{n}", "Read an entity as it was at one revision.",
        diff: diff_entity_revisions = "/v1/entities/{id}/revisions/{n}/diff", "Diff two revisions of an entity (RFC 6902).",
        integrity: check_entity_integrity = "/v1/entities/{id}/integrity", "Recompute an entity's hash chain.",
    }
}

pub mod contradictions {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::contradictions::Contradiction, snapshot: crate::store::contradictions::ContradictionSnapshot, role: Viewer, tag: "contradictions", noun: "contradiction",
        list: list_contradiction_revisions = "/v1/contradictions/{id}/revisions", "List a contradiction flag's revisions, newest first.",
        get: get_contradiction_revision = "/v1/contradictions/{id}/revisions/{n}", "Read a contradiction flag as it was at one revision.",
        diff: diff_contradiction_revisions = "/v1/contradictions/{id}/revisions/{n}/diff", "Diff two revisions of a contradiction flag (RFC 6902).",
        integrity: check_contradiction_integrity = "/v1/contradictions/{id}/integrity", "Recompute a contradiction flag's hash chain.",
    }
}

pub mod properties {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::properties::Property, snapshot: crate::store::properties::PropertySnapshot, role: Viewer, tag: "properties", noun: "property",
        list: list_property_revisions = "/v1/properties/{id}/revisions", "List a property's revisions, newest first.",
        get: get_property_revision = "/v1/properties/{id}/revisions/{n}", "Read a property as it was at one revision.",
        diff: diff_property_revisions = "/v1/properties/{id}/revisions/{n}/diff", "Diff two revisions of a property (RFC 6902).",
        integrity: check_property_integrity = "/v1/properties/{id}/integrity", "Recompute a property's hash chain.",
    }
}

pub mod users {
    use crate::api::auth::Admin;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::users::User, snapshot: crate::store::users::UserSnapshot, role: Admin, tag: "users", noun: "user",
        list: list_user_revisions = "/v1/users/{id}/revisions", "List an account's revisions, newest first (admin).",
        get: get_user_revision = "/v1/users/{id}/revisions/{n}", "Read an account as it was at one revision (admin).",
        diff: diff_user_revisions = "/v1/users/{id}/revisions/{n}/diff", "Diff two revisions of an account (admin, RFC 6902).",
        integrity: check_user_integrity = "/v1/users/{id}/integrity", "Recompute an account's hash chain (admin).",
    }
}

pub mod external_reviews {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::external_reviews::ExternalReview, snapshot: crate::store::external_reviews::ExternalReviewSnapshot, role: Viewer, tag: "external_reviews", noun: "external review",
        list: list_external_review_revisions = "/v1/external-reviews/{id}/revisions", "List an external review's revisions, newest first.",
        get: get_external_review_revision = "/v1/external-reviews/{id}/revisions/{n}", "Read an external review as it was at one revision.",
        diff: diff_external_review_revisions = "/v1/external-reviews/{id}/revisions/{n}/diff", "Diff two revisions of an external review (RFC 6902).",
        integrity: check_external_review_integrity = "/v1/external-reviews/{id}/integrity", "Recompute an external review's hash chain.",
    }
}

pub mod relations {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::relations::Relation, snapshot: crate::store::relations::RelationSnapshot, role: Viewer, tag: "relations", noun: "relation",
        list: list_relation_revisions = "/v1/relations/{id}/revisions", "List a relation's revisions, newest first.",
        get: get_relation_revision = "/v1/relations/{id}/revisions/{n}", "Read a relation as it was at one revision.",
        diff: diff_relation_revisions = "/v1/relations/{id}/revisions/{n}/diff", "Diff two revisions of a relation (RFC 6902).",
        integrity: check_relation_integrity = "/v1/relations/{id}/integrity", "Recompute a relation's hash chain.",
    }
}

pub mod webhooks {
    use crate::api::auth::Admin;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::webhooks::Webhook, snapshot: crate::store::webhooks::WebhookSnapshot, role: Admin, tag: "webhooks", noun: "webhook subscription",
        list: list_webhook_revisions = "/v1/webhooks/{id}/revisions", "List a webhook subscription's revisions, newest first (admin).",
        get: get_webhook_revision = "/v1/webhooks/{id}/revisions/{n}", "Read a webhook subscription as it was at one revision (admin).",
        diff: diff_webhook_revisions = "/v1/webhooks/{id}/revisions/{n}/diff", "Diff two revisions of a webhook subscription (admin, RFC 6902).",
        integrity: check_webhook_integrity = "/v1/webhooks/{id}/integrity", "Recompute a webhook subscription's hash chain (admin).",
    }
}

pub mod captures {
    use crate::api::auth::Viewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::captures::Capture, snapshot: crate::store::captures::CaptureSnapshot, role: Viewer, tag: "captures", noun: "capture",
        list: list_capture_revisions = "/v1/captures/{id}/revisions", "List a capture's revisions, newest first.",
        get: get_capture_revision = "/v1/captures/{id}/revisions/{n}", "Read a capture as it was at one revision.",
        diff: diff_capture_revisions = "/v1/captures/{id}/revisions/{n}/diff", "Diff two revisions of a capture (RFC 6902).",
        integrity: check_capture_integrity = "/v1/captures/{id}/integrity", "Recompute a capture's hash chain.",
    }
}

pub mod impacts {
    use crate::api::auth::Reviewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::impacts::Impact, snapshot: crate::store::impacts::ImpactSnapshot, role: Reviewer, tag: "review", noun: "impact",
        list: list_impact_revisions = "/v1/impacts/{id}/revisions", "List an impact's revisions, newest first (reviewer; an impact has one).",
        get: get_impact_revision = "/v1/impacts/{id}/revisions/{n}", "Read an impact as it was at one revision (reviewer).",
        diff: diff_impact_revisions = "/v1/impacts/{id}/revisions/{n}/diff", "Diff two revisions of an impact (reviewer, RFC 6902).",
        integrity: check_impact_integrity = "/v1/impacts/{id}/integrity", "Recompute an impact's hash chain (reviewer).",
    }
}

pub mod review_decisions {
    use crate::api::auth::Reviewer;
    use actix_web::get;
    history_endpoints! {
        record: crate::store::impacts::ReviewDecision, snapshot: crate::store::impacts::ReviewDecisionSnapshot, role: Reviewer, tag: "review", noun: "review decision",
        list: list_review_decision_revisions = "/v1/review-decisions/{id}/revisions", "List a review decision's revisions, newest first (reviewer; a decision has one).",
        get: get_review_decision_revision = "/v1/review-decisions/{id}/revisions/{n}", "Read a review decision as it was at one revision (reviewer).",
        diff: diff_review_decision_revisions = "/v1/review-decisions/{id}/revisions/{n}/diff", "Diff two revisions of a review decision (reviewer, RFC 6902).",
        integrity: check_review_decision_integrity = "/v1/review-decisions/{id}/integrity", "Recompute a review decision's hash chain (reviewer).",
    }
}

/// Registers every kind's history endpoints.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    macro_rules! register {
        ($($module:ident: $($handler:ident),+;)+) => {
            $($(cfg.service($module::$handler);)+)+
        };
    }
    register! {
        claims: list_claim_revisions, get_claim_revision, diff_claim_revisions, check_claim_integrity;
        sources: list_source_revisions, get_source_revision, diff_source_revisions, check_source_integrity;
        entities: list_entity_revisions, get_entity_revision, diff_entity_revisions, check_entity_integrity;
        contradictions: list_contradiction_revisions, get_contradiction_revision, diff_contradiction_revisions, check_contradiction_integrity;
        properties: list_property_revisions, get_property_revision, diff_property_revisions, check_property_integrity;
        users: list_user_revisions, get_user_revision, diff_user_revisions, check_user_integrity;
        external_reviews: list_external_review_revisions, get_external_review_revision, diff_external_review_revisions, check_external_review_integrity;
        captures: list_capture_revisions, get_capture_revision, diff_capture_revisions, check_capture_integrity;
        relations: list_relation_revisions, get_relation_revision, diff_relation_revisions, check_relation_integrity;
        webhooks: list_webhook_revisions, get_webhook_revision, diff_webhook_revisions, check_webhook_integrity;
        impacts: list_impact_revisions, get_impact_revision, diff_impact_revisions, check_impact_integrity;
        review_decisions: list_review_decision_revisions, get_review_decision_revision, diff_review_decision_revisions, check_review_decision_integrity;
    }
}

/// The body of `…/revert`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevertRequest {
    /// The revision whose content the record goes back to (as a new revision).
    #[schema(minimum = 1)]
    pub to_revision: i64,
    /// Why; kept on the new revision.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub edit_summary: Option<String>,
}
