//! A subscription's deliveries (admin): the log of what was sent and what the receiver
//! answered, a redelivery of one, and a replay from a point in the changes feed.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Admin, Auth};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{Page, PageQuery, serve};
use crate::db::DbConn;
use crate::store::engine;
use crate::store::webhooks::Webhook;
use crate::store::webhooks::queue::{self, Delivery, DeliveryStatus};
use crate::store::{StoreError, StoreResult};

/// One event sent (or to be sent) to a subscription.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    /// The `webhook-id` header: the same on every attempt, for receivers to deduplicate.
    #[schema(example = "msg_0192f0c47d1e7cc29a4355f2d1e0b7a1")]
    pub id: String,
    #[schema(example = "claim.updated")]
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    /// When it is tried next (pending deliveries).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt.
    pub last_status: Option<i64>,
    pub last_latency_ms: Option<i64>,
    /// The start of the receiver's last answer (at most 1000 characters).
    pub last_response: Option<String>,
    /// Why the last attempt failed without an answer (timeout, refused address, …).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The body sent, exactly as signed.
    pub payload: String,
}

impl From<Delivery> for DeliveryResponse {
    fn from(d: Delivery) -> Self {
        let pending = d.status == DeliveryStatus::Pending;
        Self {
            id: d.id,
            event_type: d.event_type,
            status: d.status,
            attempts: d.attempts,
            next_attempt_at: pending.then(|| d.next_attempt_at.and_utc()),
            last_attempt_at: d.last_attempt_at.map(|t| t.and_utc()),
            last_status: d.last_status,
            last_latency_ms: d.last_latency_ms,
            last_response: d.last_response,
            last_error: d.last_error,
            created_at: d.created_at.and_utc(),
            delivered_at: d.delivered_at.map(|t| t.and_utc()),
            payload: d.payload,
        }
    }
}

fn exists(conn: &mut DbConn, id: &str) -> StoreResult<()> {
    engine::get::<Webhook>(conn, id).map(|_| ())
}

/// A subscription's deliveries, newest first (admin).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id"), PageQuery),
    responses((status = 200, description = "One page of deliveries", body = Page<DeliveryResponse>))
)]
#[get("/v1/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<DeliveryResponse>>> {
    let id = id.into_inner();
    let load = move |conn: &mut DbConn, before: Option<&str>, limit| {
        exists(conn, &id)?;
        Ok::<_, StoreError>(queue::list(conn, &id, before, limit)?)
    };
    serve(
        &state,
        query.limit,
        query.cursor.as_deref(),
        load,
        |d: &Delivery| d.id.clone(),
        DeliveryResponse::from,
    )
    .await
}

/// Send a delivery again (admin), with the same `webhook-id` and body, in its turn.
#[utoipa::path(
    tag = "webhooks",
    params(
        ("id" = String, Path, description = "The subscription's id"),
        ("delivery_id" = String, Path, description = "The delivery's id (its webhook-id)"),
    ),
    responses((status = 202, description = "Queued to be sent again"))
)]
#[post("/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver_webhook_delivery(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, delivery_id) = path.into_inner();
    state
        .write(move |tx| {
            exists(tx.conn(), &id)?;
            match queue::redeliver(tx, &id, &delivery_id)? {
                true => Ok(()),
                false => Err(ApiError::not_found("delivery")),
            }
        })
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReplayQuery {
    /// A `next_cursor` of `GET /v1/changes`: every event after it is sent again (as new
    /// deliveries, with new webhook-ids); `start` for the whole feed.
    #[param(max_length = 1000, example = "start")]
    pub since: String,
}

/// Where a replay starts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplayResponse {
    /// The position the subscription continues from (a changes-feed cursor).
    pub since: String,
}

/// Send a subscription's events again from a point in the changes feed (admin).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id"), ReplayQuery),
    responses((status = 202, description = "The subscription continues from there", body = ReplayResponse))
)]
#[post("/v1/webhooks/{id}/replay")]
pub async fn replay_webhook(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    id: web::Path<String>,
    query: web::Query<ReplayQuery>,
) -> ApiResult<HttpResponse> {
    let since = query.into_inner().since;
    let position = match since.as_str() {
        "start" => Default::default(),
        cursor => crate::api::changes::decode(cursor)
            .map_err(|_| ApiError::invalid("/since", "is not a cursor of the changes feed"))?,
    };
    let id = id.into_inner();
    state
        .write(move |tx| {
            exists(tx.conn(), &id)?;
            queue::rewind(tx, &id, position)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(ReplayResponse { since }))
}
