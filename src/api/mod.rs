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
use tokio::sync::Semaphore;

use crate::auth::cache::SessionCache;
use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::writer::{GroupCommit, WriteError};
use crate::db::{DbConn, DbPool};
use crate::store::StoreError;
use crate::store::revisions::Ledger;
use error::{ApiError, ApiResult};

/// How long a request waits for a database connection before it is told 503 (and to retry).
pub const POOL_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// What every handler can reach. Cheap to clone; nothing in it is request state.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub ledger: Arc<Ledger>,
    pub metrics: PrometheusHandle,
    /// One permit per pooled connection: database work waits here, asynchronously, rather
    /// than on a blocking thread parked inside the pool.
    pub db_slots: Arc<Semaphore>,
    /// SQLite's group-commit writer (`db::writer`); `None` on PostgreSQL, where writes run in
    /// parallel on pooled connections.
    pub writer: Option<GroupCommit>,
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
        let permit = self.db_slot().await?;
        let pool = self.pool.clone();
        let (result, queries) = web::block(move || {
            let _permit = permit;
            run_pooled(&pool, work)
        })
        .await?;
        middleware::add_request_queries(queries);
        result
    }

    /// Runs a short read — one record by id, a handful of indexed lookups — on SQLite right
    /// here on the actix worker: it takes tens of microseconds, less than handing it to
    /// another thread and back, which cost a third of a read's time (`benches/load.sh`). On
    /// PostgreSQL, where a read waits on the network, it goes through [`Self::db`].
    /// Anything that can scan (lists, search) must use [`Self::db`].
    pub async fn read_now<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        if self.writer.is_none() {
            return self.db(work).await;
        }
        // Holding a permit means a pooled connection is free: `get` does not wait.
        let _permit = self.db_slot().await?;
        let (result, queries) = run_pooled(&self.pool, work);
        middleware::add_request_queries(queries);
        result
    }

    /// Runs a write: on SQLite through the group-commit writer (answered once the batch it
    /// joined is durable), on PostgreSQL like [`Self::db`].
    pub async fn write<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        let Some(writer) = &self.writer else {
            return self.db(work).await;
        };
        let (reply, answer) = tokio::sync::oneshot::channel();
        writer
            .submit(Box::new(move |conn| {
                let (result, queries) = counting_queries(|| work(conn).map_err(Into::into));
                Box::new(move |committed| {
                    let result = committed.map_err(ApiError::from).and(result);
                    let _ = reply.send((result, queries));
                })
            }))
            .map_err(|error| {
                tracing::error!(%error, "write not queued");
                ApiError::from(error)
            })?;
        let (result, queries) = answer.await.map_err(|_| {
            ApiError::Internal(anyhow::anyhow!("the write was abandoned (see the log)"))
        })?;
        middleware::add_request_queries(queries);
        result
    }

    /// A permit to use one pooled connection. Without this, 64 concurrent requests became 64
    /// blocking threads queueing inside the pool for 8 connections: a futex storm that cost
    /// more CPU than the queries (`perf`).
    async fn db_slot(&self) -> ApiResult<tokio::sync::OwnedSemaphorePermit> {
        tokio::time::timeout(POOL_WAIT, Arc::clone(&self.db_slots).acquire_owned())
            .await
            .map_err(|_| ApiError::Unavailable)?
            .map_err(|_| ApiError::Unavailable)
    }
}

/// Runs `work` on a pooled connection, here on this thread, and counts its statements.
fn run_pooled<T, E: Into<ApiError>>(
    pool: &DbPool,
    work: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> (ApiResult<T>, u64) {
    counting_queries(|| {
        pool.get()
            .map_err(ApiError::from)
            .and_then(|mut conn| work(&mut conn).map_err(Into::into))
    })
}

/// Runs `f` and counts the SQL statements it ran on this thread.
fn counting_queries<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = crate::db::queries_on_this_thread();
    let value = f();
    (value, crate::db::queries_on_this_thread() - before)
}

/// Not written: the client may retry. (The writer logs a failed commit once, for its batch.)
impl From<WriteError> for ApiError {
    fn from(_: WriteError) -> Self {
        ApiError::Unavailable
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
