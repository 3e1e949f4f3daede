//! The HTTP edge: one module per resource with its handlers, request and response types and
//! OpenAPI annotations; plus the shared pieces (errors, auth extractor, JSON bodies,
//! pagination, ETags, the request middleware).

pub mod auth;
pub mod docs;
pub mod error;
pub mod etag;
pub mod health;
pub mod json;
pub mod middleware;
pub mod pagination;
pub mod sessions;
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
use error::{ApiError, ApiResult};

/// What every handler can reach. Cheap to clone; nothing in it is request state.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
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
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn).map_err(Into::into)
        })
        .await?
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
        .service(tokens::revoke_api_token);
}
