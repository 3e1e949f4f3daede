//! Operations endpoints, open without a token: `/healthz`, `/readyz`, `/metrics`.

use actix_web::{HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::error::ApiResult;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Liveness: the process is up and serving.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Up", body = HealthResponse))
)]
#[get("/healthz")]
pub async fn get_health() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok" })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = HealthResponse),
        (status = 503, description = "The database is unreachable"),
    )
)]
#[get("/readyz")]
pub async fn get_readiness(state: web::Data<AppState>) -> ApiResult<web::Json<HealthResponse>> {
    state.read(|conn| conn.batch_execute("SELECT 1")).await?;
    Ok(web::Json(HealthResponse { status: "ready" }))
}

/// Prometheus metrics: request counts and latencies by route and status, and pool usage.
/// Bind the service privately (or filter this path at the proxy) in production.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain"))
)]
#[get("/metrics")]
pub async fn get_metrics(state: web::Data<AppState>) -> HttpResponse {
    let (connections, idle, max) = state.db.pool_state();
    metrics::gauge!("db_pool_connections").set(f64::from(connections));
    metrics::gauge!("db_pool_idle_connections").set(f64::from(idle));
    metrics::gauge!("db_pool_max_connections").set(f64::from(max));
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render())
}
