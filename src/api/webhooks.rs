//! Webhook subscriptions (admin): `/v1/webhooks`. A subscription is a record kind (read, edit,
//! retract and restore are the generic record handlers); creating one and rotating its secret
//! answer with the signing secret, once. Its deliveries are in `api::webhook_deliveries`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth};
use crate::api::error::{ApiError, ApiResult};
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, PageQuery, serve_records};
use crate::db::DbConn;
use crate::domain::webhook::{EVENT_TYPES, WebhookDoc};
use crate::store::engine::{self, Editable, Record, Stored};
use crate::store::webhooks::{self as store, Webhook, queue, secrets};
use crate::store::{Author, changes, now};
use crate::webhooks::{events, net, send};

/// A webhook subscription (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: String,
    #[serde(flatten)]
    pub doc: WebhookDoc,
    /// Why the service disabled it, when its endpoint failed for longer than the retry window
    /// (enable it again with a PATCH once the endpoint works).
    pub disabled_reason: Option<String>,
    /// Set when it was retracted (deleted): it sends nothing more.
    pub retracted: Option<crate::api::records::Retraction>,
    /// Increases with every change; send it back in `If-Match`.
    pub revision: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The id of the admin who created it.
    pub created_by: String,
}

impl From<Stored<Webhook>> for WebhookResponse {
    fn from(Stored { meta, snapshot }: Stored<Webhook>) -> Self {
        Self {
            doc: Webhook::doc(&snapshot),
            disabled_reason: snapshot.disabled_reason,
            retracted: snapshot.retracted,
            id: meta.id,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by.unwrap_or_default(),
        }
    }
}

impl crate::api::records::Resource for Webhook {
    type Response = WebhookResponse;
    const PATH: &'static str = "/v1/webhooks";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<WebhookResponse> {
        Ok(stored.into())
    }
}

impl crate::api::records::RetractableResource for Webhook {}

/// A new subscription, with its signing secret: shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookCreatedResponse {
    #[serde(flatten)]
    pub webhook: WebhookResponse,
    /// The signing secret (`whsec_` and base64): keep it now, it is never shown again.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// A rotated secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct SecretResponse {
    /// The new signing secret: shown this once.
    pub secret: String,
    /// Until when the previous secret also signs (both signatures are sent).
    pub previous_valid_until: chrono::DateTime<chrono::Utc>,
}

/// One event type.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventTypeItem {
    #[schema(example = "claim.verdict_set")]
    pub name: &'static str,
    pub description: &'static str,
}

/// What the test message met.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestResponse {
    /// True when the receiver answered 2xx.
    pub delivered: bool,
    /// The receiver's HTTP status (none when no answer came).
    pub status: Option<u16>,
    pub latency_ms: i64,
    /// The start of the receiver's answer.
    pub response: Option<String>,
    /// Why it failed, when no answer came (timeout, refused address, …).
    pub error: Option<String>,
}

/// The URL rules that depend on this server's configuration, as a 422 on `/url`.
fn check_target(state: &AppState, url: &str) -> ApiResult<()> {
    match net::refuse_target(url, &state.config.webhooks) {
        Some(reason) => Err(ApiError::invalid("/url", reason)),
        None => Ok(()),
    }
}

/// Subscribe a URL to events (admin). The answer holds the signing secret, shown this once —
/// or again to a retry with the same `Idempotency-Key` and body (within 24 hours), so a client
/// that lost the first answer is not left with a subscription whose secret it never saw.
#[utoipa::path(
    tag = "webhooks",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key with the same body within 24 hours answers as the first time (with the same secret) and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = WebhookDoc,
    responses(
        (status = 201, description = "Created, with its secret", body = WebhookCreatedResponse,
            headers(("Location" = String, description = "The subscription's URL"), ("ETag" = String, description = "Its revision"))),
        (status = 409, description = "There are 100 live subscriptions already (`too_many_subscriptions`): delete (retract) one first"),
    )
)]
#[post("/v1/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    key: IdempotencyKey,
    body: ApiJson<WebhookDoc>,
) -> ApiResult<HttpResponse> {
    let ApiJson(doc, digest) = body;
    let doc = Webhook::validate(doc).map_err(ApiError::Validation)?;
    check_target(&state, &doc.url)?;
    let snapshot = Webhook::compose(doc, None);
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    let secret = secrets::generate();
    create_once(&state, &auth.user_id, key, digest, move |tx| {
        let stored = engine::create::<Webhook>(tx, &ledger, snapshot, Some(&author))?;
        let id = stored.meta.id.clone();
        secrets::add(tx, &id, &secret, stored.meta.created_at)?;
        let start = changes::position_of(tx.conn(), Webhook::KIND.as_str(), &id, 1)?;
        queue::start(tx, &id, start)?;
        let revision = stored.meta.revision;
        let response = WebhookCreatedResponse {
            webhook: stored.into(),
            secret,
        };
        Created::new(format!("/v1/webhooks/{id}"), revision, &response)
    })
    .await
}

crate::list_endpoint! {
    /// List webhook subscriptions (admin), oldest first; deleted (retracted) ones too.
    list_webhooks: query PageQuery, role Admin, response WebhookResponse, tag "webhooks",
    get "/v1/webhooks", "One page of subscriptions",
    |state, _auth, query| {
        let load = |conn: &mut DbConn, after: Option<&str>, limit| store::list(conn, after, limit);
        serve_records(&state, query.limit, query.cursor.as_deref(), load, WebhookResponse::from)
            .await
    }
}

crate::read_endpoint! {
    /// Read a webhook subscription (admin), now or as it stood at a past instant.
    get_webhook: Webhook, response WebhookResponse, role Admin, tag "webhooks",
    get "/v1/webhooks/{id}", "id" = "The subscription's id",
}

/// Edit a webhook subscription (admin): a JSON Merge Patch with `If-Match`. `enabled: false`
/// pauses it (events keep waiting at its position); `enabled: true` resumes it.
#[utoipa::path(
    tag = "webhooks",
    params(
        ("id" = String, Path, description = "The subscription's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"3\"`"),
    ),
    request_body(content = serde_json::Value, content_type = "application/merge-patch+json",
        description = "The fields to change (any of the create body's), plus an optional `edit_summary`"),
    responses(
        (status = 200, description = "The subscription after the change", body = WebhookResponse,
            headers(("ETag" = String, description = "The new revision"))),
    )
)]
#[patch("/v1/webhooks/{id}")]
pub async fn update_webhook(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    if let Some(url) = body.0.get("url").and_then(|u| u.as_str()) {
        check_target(&state, url.trim())?;
    }
    crate::api::records::update::<Webhook>(&state, &auth, &req, id.into_inner(), body.0).await
}

crate::retraction_endpoint! {
    /// Delete a webhook subscription (admin): it is retracted, sends nothing more, and its
    /// history stays.
    retract_webhook: Webhook, retract, response WebhookResponse, role Admin,
    tag "webhooks", post "/v1/webhooks/{id}/retract", "id" = "The subscription's id",
}

crate::retraction_endpoint! {
    /// Restore a deleted webhook subscription (admin); it resumes from where it stopped.
    restore_webhook: Webhook, restore, response WebhookResponse, role Admin,
    tag "webhooks", post "/v1/webhooks/{id}/restore", "id" = "The subscription's id",
}

/// Give a subscription a new signing secret (admin), shown this once. The previous secret
/// keeps signing beside it for the grace period (`CLAIMLEDGER_WEBHOOK_SECRET_GRACE`, 24 h by
/// default), so receivers can switch without missing an event.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id")),
    responses((status = 200, description = "The new secret", body = SecretResponse))
)]
#[post("/v1/webhooks/{id}/rotate-secret")]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    id: web::Path<String>,
) -> ApiResult<web::Json<SecretResponse>> {
    let id = id.into_inner();
    let grace = chrono::TimeDelta::from_std(state.config.webhooks.secret_grace)
        .map_err(|e| ApiError::Internal(e.into()))?;
    let secret = secrets::generate();
    let kept = secret.clone();
    let at = now();
    state
        .write(move |tx| {
            let current = engine::get::<Webhook>(tx.conn(), &id)?;
            // An imported subscription comes without a secret or a feed position: it starts
            // sending from its newest revision once it has a secret.
            if queue::position(tx.conn(), &id)?.is_none() {
                let kind = Webhook::KIND.as_str();
                let from = changes::position_of(tx.conn(), kind, &id, current.meta.revision)?;
                queue::start(tx, &id, from)?;
            }
            secrets::rotate(tx, &id, &kept, at, grace)
        })
        .await?;
    Ok(web::Json(SecretResponse {
        secret,
        previous_valid_until: (at + grace).and_utc(),
    }))
}

/// Send a test message (`webhook.ping`) to a subscription now (admin), signed like every
/// event, and say what the receiver answered. It is not queued and not retried.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id")),
    responses((status = 200, description = "What the receiver answered", body = TestResponse))
)]
#[post("/v1/webhooks/{id}/test")]
pub async fn test_webhook(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    id: web::Path<String>,
) -> ApiResult<web::Json<TestResponse>> {
    let id = id.into_inner();
    let (subscription, signing) = state
        .read_now(move |conn| {
            let subscription = engine::get::<Webhook>(conn, &id)?;
            let signing = secrets::signing(conn, &id, now())?;
            Ok::<_, ApiError>((subscription, signing))
        })
        .await?;
    let body = events::ping(&subscription.meta.id, subscription.snapshot.payload_format);
    let msg_id = format!("msg_{}", uuid::Uuid::now_v7().simple());
    let hooks = &state.webhooks;
    let outcome = send::attempt(
        &hooks.client,
        &hooks.config,
        &subscription.snapshot.url,
        &signing,
        &msg_id,
        &body,
    )
    .await;
    Ok(web::Json(TestResponse {
        delivered: outcome.ok(),
        status: outcome.status,
        latency_ms: outcome.latency_ms,
        response: outcome.response,
        error: outcome.error,
    }))
}

/// The event types a subscription may ask for (admin).
#[utoipa::path(
    get,
    path = "/v1/webhooks/event-types",
    tag = "webhooks",
    responses((status = 200, description = "Every event type", body = Vec<EventTypeItem>))
)]
pub async fn list_webhook_event_types(_auth: Auth<Admin>) -> web::Json<Vec<EventTypeItem>> {
    web::Json(
        EVENT_TYPES
            .iter()
            .map(|&(name, description)| EventTypeItem { name, description })
            .collect(),
    )
}
