//! The HTTP edge: one module per resource with its handlers, request and response types and
//! OpenAPI annotations; plus the shared pieces (errors, auth extractor, JSON bodies,
//! pagination, ETags, the request middleware).

pub mod auth;
pub mod changes;
pub mod claims;
pub mod contradictions;
pub mod docs;
pub mod entities;
pub mod error;
pub mod etag;
pub mod health;
pub mod idempotency;
#[macro_use]
pub mod history;
pub mod json;
pub mod middleware;
pub mod pagination;
pub mod properties;
pub mod records;
pub mod sessions;
pub mod sources;
pub mod tokens;
pub mod users;

use std::sync::Arc;

use actix_web::web;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::auth::cache::SessionCache;
use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::{DbConn, DbPool};
use crate::store::StoreError;
use crate::store::revisions::Ledger;
use error::{ApiError, ApiResult};

/// What every handler can reach. Cheap to clone; nothing in it is request state.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub ledger: Arc<Ledger>,
    pub metrics: PrometheusHandle,
}

impl AppState {
    /// Runs blocking database work on the blocking thread pool with a pooled connection, so
    /// that no actix worker ever waits on the database.
    pub async fn db<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let (result, queries) = web::block(move || {
            let before = crate::db::queries_on_this_thread();
            let result = pool
                .get()
                .map_err(ApiError::from)
                .and_then(|mut conn| work(&mut conn).map_err(Into::into));
            (result, crate::db::queries_on_this_thread() - before)
        })
        .await?;
        middleware::add_request_queries(queries);
        result
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
            StoreError::Db(e) => e.into(),
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
        .service(sources::revert_source)
        .service(entities::revert_entity)
        .service(properties::revert_property)
        .service(contradictions::revert_contradiction)
        .service(contradictions::list_claim_contradictions)
        .service(contradictions::create_contradiction)
        .service(contradictions::list_contradictions)
        .service(contradictions::get_contradiction)
        .service(contradictions::update_contradiction);
    cfg.service(changes::list_changes);
    history::routes(cfg);
}
