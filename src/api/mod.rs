//! The HTTP edge: one module per resource with its handlers, request and response types and
//! OpenAPI annotations; plus the shared pieces (errors, auth extractor, JSON bodies,
//! pagination, ETags, the request middleware).

pub mod auth;
pub mod captures;
pub mod changes;
pub mod claimreview;
pub mod claims;
pub mod claims_csv;
pub mod contradictions;
pub mod credentials;
pub mod docs;
#[macro_use]
pub mod endpoints;
pub mod entities;
pub mod error;
pub mod estimates;
pub mod etag;
pub mod exports;
pub mod external_reviews;
pub mod health;
pub mod idempotency;
pub mod imports;
pub mod input;
pub mod relations;
pub mod review_queue;
#[macro_use]
pub mod history;
pub mod json;
pub mod ledger;
pub mod login_sessions;
pub mod middleware;
pub mod pagination;
pub mod properties;
pub mod records;
pub mod sessions;
pub mod sources;
pub mod tokens;
pub mod users;
pub mod webhook_deliveries;
pub mod webhooks;

use std::sync::Arc;

use actix_web::web;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::auth::cache::SessionCache;
use crate::auth::jwt::JwtKeys;
use crate::auth::workers::PasswordWorkers;
use crate::config::Config;
use crate::db::{Counted, Database, DbConn, DbError, WriteTx};
use crate::store::StoreError;
use crate::store::ledger::Ledger;
use error::{ApiError, ApiResult};

/// What every handler can reach. Cheap to clone; nothing in it is request state.
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub config: Arc<Config>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub passwords: Arc<PasswordWorkers>,
    pub ledger: Arc<Ledger>,
    pub checkpoints: Arc<ledger::Checkpoints>,
    pub metrics: PrometheusHandle,
    /// Exports that walk a whole table (CSV, ClaimReview, the ledger) and may run at once;
    /// each holds a permit for as long as it streams (see [`AppState::export_permit`]).
    pub exports: Arc<tokio::sync::Semaphore>,
    /// The webhook sender's client and configuration (the test message uses them).
    pub webhooks: Arc<crate::webhooks::Webhooks>,
    /// Wakes the background recheck of quotes (`store::quote_checks::spawn`).
    pub rechecks: Arc<tokio::sync::Notify>,
}

/// Exports that may run at once on one instance: each walks a whole table, so more would only
/// share the database's read slots with everything else.
pub const CONCURRENT_EXPORTS: usize = 2;

impl AppState {
    /// A slot for one export, held for as long as it streams; `429` when every slot is taken.
    pub fn export_permit(&self) -> ApiResult<tokio::sync::OwnedSemaphorePermit> {
        Arc::clone(&self.exports)
            .try_acquire_owned()
            .map_err(|_| ApiError::TooManyRequests {
                detail: format!(
                    "at most {CONCURRENT_EXPORTS} exports run at once on this instance; try again shortly"
                ),
                retry_after_secs: 5,
            })
    }

    /// A read on the blocking pool (see `Database::read`).
    pub async fn read<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        answer(self.db.read(work).await)
    }

    /// A short read by id (see `Database::read_now`).
    pub async fn read_now<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        answer(self.db.read_now(work).await)
    }

    /// A write, in a transaction of its own: the only way a handler writes (see
    /// `Database::write`).
    pub async fn write<T, E>(
        &self,
        work: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        answer(self.db.write(work).await)
    }
}

/// The work's own result, with its statements counted into the request's `X-Db-Queries`.
fn answer<T, E: Into<ApiError>>(outcome: Result<Counted<Result<T, E>>, DbError>) -> ApiResult<T> {
    let Counted { value, queries, .. } = outcome?;
    middleware::add_request_queries(queries);
    value.map_err(Into::into)
}

/// Not done, or not written: the client may retry. (The writer logs a failed commit once, for
/// its batch.)
impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Commit(e) => e.into(),
            DbError::Task(cause) => ApiError::Internal(anyhow::anyhow!("{cause}")),
            DbError::Pool(e) => e.into(),
            DbError::Busy | DbError::Write(_) => ApiError::Unavailable,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(what) => ApiError::not_found(what),
            StoreError::Stale { current_revision } => {
                ApiError::PreconditionFailed { current_revision }
            }
            StoreError::Conflict {
                code,
                detail,
                existing_id,
            } => ApiError::Conflict {
                code,
                detail,
                existing_id,
            },
            StoreError::Invalid(errors) => ApiError::Validation(errors),
            // Served as 500 for this record only; the log names it.
            corrupt @ StoreError::Corrupt { .. } => {
                ApiError::Internal(anyhow::anyhow!("stored data cannot be read: {corrupt}"))
            }
            StoreError::Db(e) => e.into(),
            StoreError::Unavailable(e) => e.into(),
        }
    }
}

/// Every route of the service. The OpenAPI document is collected from the same calls.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_readiness)
        .service(health::get_metrics)
        .service(sessions::login)
        .service(sessions::refresh)
        .service(sessions::revoke)
        .service(users::get_me)
        .service(users::create_user)
        .service(users::list_users)
        .service(users::get_user)
        .service(users::update_user)
        .service(users::change_my_password)
        .service(login_sessions::list_my_sessions)
        .service(login_sessions::end_my_session)
        .service(login_sessions::end_my_other_sessions)
        .service(login_sessions::list_user_sessions)
        .service(login_sessions::end_user_session)
        .service(login_sessions::end_user_sessions)
        .service(tokens::create_api_token)
        .service(tokens::list_api_tokens)
        .service(tokens::revoke_api_token)
        .service(sources::create_source)
        .service(sources::list_sources)
        .service(sources::get_source)
        .service(sources::update_source)
        .service(sources::retract_source)
        .service(sources::restore_source)
        .service(entities::create_entity)
        .service(entities::list_entities)
        .service(entities::get_entity)
        .service(entities::update_entity)
        .service(entities::retract_entity)
        .service(entities::restore_entity)
        .service(properties::list_properties)
        .service(properties::get_property)
        .service(properties::create_property)
        .service(properties::update_property)
        .service(claims::create_claim)
        .service(claims::list_claims)
        .service(claims::get_claim)
        .service(claims::update_claim)
        .service(claims::set_claim_verdict)
        .service(claims::retract_claim)
        .service(claims::restore_claim)
        .service(claims::revert_claim)
        .service(claimreview::get_claim_review)
        .service(claimreview::export_claim_reviews)
        .service(sources::revert_source)
        .service(entities::revert_entity)
        .service(properties::revert_property)
        .service(contradictions::revert_contradiction)
        .service(contradictions::list_claim_contradictions)
        .service(contradictions::create_contradiction)
        .service(contradictions::list_contradictions)
        .service(contradictions::get_contradiction)
        .service(contradictions::update_contradiction)
        .service(captures::create_capture)
        .service(captures::list_source_captures)
        .service(captures::get_capture)
        .service(captures::get_capture_content)
        .service(external_reviews::get_external_review)
        .service(external_reviews::list_claim_external_reviews)
        .service(external_reviews::retract_external_review)
        .service(external_reviews::restore_external_review)
        .service(relations::create_relation)
        .service(relations::list_relations)
        .service(relations::get_relation)
        .service(relations::revert_relation)
        .service(relations::retract_relation)
        .service(relations::restore_relation)
        .service(relations::list_claim_relations)
        .service(claims::claim_provenance)
        .service(review_queue::review_queue)
        .service(review_queue::clear_review)
        .service(review_queue::get_impact)
        .service(review_queue::get_review_decision)
        .service(imports::import_claimreview)
        .service(estimates::get_estimate_series)
        .service(estimates::get_estimate)
        // A resource of its own, not a method-guarded route: any other method on this path
        // is its 405, not `/v1/webhooks/{id}` with the id `event-types`.
        // (Its operation is listed in the document by `openapi::ApiDoc`'s `paths`.)
        .map(|c| {
            c.service(
                web::resource("/v1/webhooks/event-types")
                    .get(webhooks::list_webhook_event_types)
                    .default_service(web::to(docs::not_matched)),
            )
        })
        .service(webhooks::create_webhook)
        .service(webhooks::list_webhooks)
        .service(webhooks::get_webhook)
        .service(webhooks::update_webhook)
        .service(webhooks::retract_webhook)
        .service(webhooks::restore_webhook)
        .service(webhooks::rotate_webhook_secret)
        .service(webhooks::test_webhook)
        .service(webhook_deliveries::list_webhook_deliveries)
        .service(webhook_deliveries::redeliver_webhook_delivery)
        .service(webhook_deliveries::replay_webhook);
    cfg.service(changes::list_changes);
    history::routes(cfg);
    ledger::routes(cfg);
    exports::routes(cfg);
}
