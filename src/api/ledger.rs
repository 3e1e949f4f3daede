//! `/v1/ledger/…`: signed checkpoints of the ledger (see `store::checkpoints`), their leaves
//! for auditors, the public keys that sign them, and their verification.

use std::sync::Arc;

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, PageQuery, encode_cursor};
use crate::store::checkpoints::{self, Checkpoint, CheckpointKey, Leaf, Minted, Verification};

/// The least time between two checkpoints taken on demand.
pub const MINT_INTERVAL_SECS: i64 = 10;

/// What the checkpoint endpoints of an instance share: its signing key, and a permit for the
/// one verification it runs at a time (each reads every revision of the ledger, so viewers
/// must not be able to pile them up; more is `429`).
pub struct Checkpoints {
    pub key: Arc<CheckpointKey>,
    verifying: tokio::sync::Semaphore,
}

impl Checkpoints {
    pub fn new(key: Arc<CheckpointKey>) -> Self {
        Self {
            key,
            verifying: tokio::sync::Semaphore::new(1),
        }
    }
}

/// One public key checkpoints are (or were) signed with.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicKey {
    /// The first 8 bytes of SHA-256 of the key, hex: a checkpoint's `key_id`.
    pub key_id: String,
    #[schema(example = "Ed25519")]
    pub algorithm: &'static str,
    /// The 32-byte Ed25519 public key, base64.
    pub public_key: String,
    /// When a checkpoint was first signed with it (`null`: none yet).
    pub first_used_at: Option<DateTime<Utc>>,
}

/// The keys to check checkpoint signatures with.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicKeys {
    /// The key new checkpoints are signed with.
    pub current_key_id: String,
    /// Every key, oldest first: the current one and every one a stored checkpoint was signed
    /// with (old keys stay after a rotation).
    pub keys: Vec<PublicKey>,
}

/// One leaf of a checkpoint: a record's head.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointHead {
    #[schema(example = "claims")]
    pub kind: String,
    pub record_id: String,
    /// The record's head revision at the checkpoint's feed position.
    pub revision: i64,
    /// The hash of that revision in the record's chain (hex).
    pub hash: String,
}

crate::list_query! {
    pub struct CheckpointListQuery {}
}

/// Take a checkpoint now (admins).
///
/// Signs the Merkle root over every record's head as of the newest settled position of the
/// changes feed. At most one every 10 seconds: sooner is `429` with `Retry-After`.
#[utoipa::path(
    tag = "ledger",
    responses(
        (status = 201, description = "Taken", body = Checkpoint,
            headers(("Location" = String, description = "The checkpoint's URL"))),
        (status = 200, description = "Another instance took one of the same ledger meanwhile: that one", body = Checkpoint),
        (status = 429, description = "The last checkpoint is less than 10 seconds old"),
    )
)]
#[post("/v1/ledger/checkpoints")]
pub async fn create_checkpoint(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
) -> ApiResult<HttpResponse> {
    // Refused before the ledger is read, so that a burst costs nothing.
    if let Some(latest) = state.read_now(checkpoints::latest).await? {
        too_soon(&latest)?;
    }
    let ledger = state.read(checkpoints::read_state).await?;
    let key = state.checkpoints.key.clone();
    let minted = state
        .write(move |tx| checkpoints::mint(tx, &key, &ledger, MINT_INTERVAL_SECS, false))
        .await?;
    match minted {
        Minted::New(checkpoint) => Ok(HttpResponse::Created()
            .insert_header((
                LOCATION,
                format!("/v1/ledger/checkpoints/{}", checkpoint.id),
            ))
            .json(checkpoint)),
        Minted::Unchanged(checkpoint) => Ok(HttpResponse::Ok().json(checkpoint)),
        Minted::TooSoon { retry_after_secs } => Err(rate_limited(retry_after_secs)),
    }
}

fn too_soon(latest: &Checkpoint) -> ApiResult<()> {
    let taken = chrono::NaiveDateTime::parse_from_str(&latest.created_at, "%Y-%m-%dT%H:%M:%S%.fZ")
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("a stored checkpoint time: {e}")))?;
    let age = (crate::store::now() - taken).num_seconds();
    if age < MINT_INTERVAL_SECS {
        return Err(rate_limited((MINT_INTERVAL_SECS - age).max(1) as u64));
    }
    Ok(())
}

fn rate_limited(retry_after_secs: u64) -> ApiError {
    ApiError::TooManyRequests {
        detail: format!(
            "a checkpoint was taken less than {MINT_INTERVAL_SECS} seconds ago; take the next one later"
        ),
        retry_after_secs,
    }
}

/// The newest checkpoint.
#[utoipa::path(
    tag = "ledger",
    responses(
        (status = 200, description = "The newest checkpoint", body = Checkpoint),
        (status = 404, description = "No checkpoint has been taken yet"),
    )
)]
#[get("/v1/ledger/checkpoint")]
pub async fn get_latest_checkpoint(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
) -> ApiResult<web::Json<Checkpoint>> {
    state
        .read_now(checkpoints::latest)
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("checkpoint"))
}

/// One checkpoint.
#[utoipa::path(
    tag = "ledger",
    params(("id" = i64, Path, description = "The checkpoint's number")),
    responses(
        (status = 200, description = "The checkpoint", body = Checkpoint),
        (status = 404, description = "No such checkpoint"),
    )
)]
#[get("/v1/ledger/checkpoints/{id}")]
pub async fn get_checkpoint(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Checkpoint>> {
    let id = id.into_inner();
    state
        .read_now(move |conn| checkpoints::find(conn, id))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("checkpoint"))
}

/// List checkpoints, newest first.
#[utoipa::path(
    tag = "ledger",
    params(CheckpointListQuery),
    responses((status = 200, description = "One page of checkpoints", body = Page<Checkpoint>))
)]
#[get("/v1/ledger/checkpoints")]
pub async fn list_checkpoints(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<CheckpointListQuery>,
) -> ApiResult<web::Json<Page<Checkpoint>>> {
    let query = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let limit = query.limit()?;
    let before = query
        .after()?
        .map(|key| key.parse::<i64>())
        .transpose()
        .map_err(|_| ApiError::invalid("/cursor", "is not a cursor this service issued"))?;
    let rows = state
        .read(move |conn| checkpoints::list(conn, before, limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(
        rows,
        limit,
        |c| c.id.to_string(),
        |c| c,
    )))
}

/// The leaves of a checkpoint: every record's head it signed, in tree order.
///
/// With these, an auditor recomputes the root (RFC 6962 Merkle tree, SHA-256; see the README)
/// and, later, finds which record changed.
#[utoipa::path(
    tag = "ledger",
    params(("id" = i64, Path, description = "The checkpoint's number"), CheckpointListQuery),
    responses(
        (status = 200, description = "One page of leaves", body = Page<CheckpointHead>),
        (status = 404, description = "No such checkpoint"),
    )
)]
#[get("/v1/ledger/checkpoints/{id}/heads")]
pub async fn list_checkpoint_heads(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<i64>,
    query: web::Query<CheckpointListQuery>,
) -> ApiResult<web::Json<Page<CheckpointHead>>> {
    let id = id.into_inner();
    let query = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let limit = query.limit()?;
    let after = query.after()?;
    let after =
        match &after {
            Some(key) => Some(key.split_once('/').ok_or_else(|| {
                ApiError::invalid("/cursor", "is not a cursor this service issued")
            })?),
            None => None,
        }
        .map(|(kind, record_id)| (kind.to_owned(), record_id.to_owned()));
    let mut page = state
        .read(move |conn| {
            if checkpoints::find(conn, id)?.is_none() {
                return Ok(None);
            }
            let after = after.as_ref().map(|(k, r)| (k.as_str(), r.as_str()));
            checkpoints::stored_leaves_page(conn, id, after, limit + 1).map(Some)
        })
        .await?
        .ok_or_else(|| ApiError::not_found("checkpoint"))?;
    let key = |leaf: &Leaf| format!("{}/{}", leaf.kind, leaf.record_id);
    let next_cursor = (page.len() as i64 > limit)
        .then(|| {
            page.truncate(limit as usize);
            page.last().map(|leaf| encode_cursor(&key(leaf)))
        })
        .flatten();
    Ok(web::Json(Page {
        items: page
            .into_iter()
            .map(|leaf| CheckpointHead {
                kind: leaf.kind,
                record_id: leaf.record_id,
                revision: leaf.revision,
                hash: leaf.hash,
            })
            .collect(),
        next_cursor,
    }))
}

/// The public keys that sign checkpoints. No token needed.
#[utoipa::path(
    tag = "ledger",
    responses((status = 200, description = "The current key and every key used before", body = PublicKeys))
)]
#[get("/v1/ledger/public-key")]
pub async fn get_public_key(state: web::Data<AppState>) -> ApiResult<web::Json<PublicKeys>> {
    let stored = state.read_now(checkpoints::keys).await?;
    let current = &state.checkpoints.key;
    let mut keys: Vec<PublicKey> = stored
        .into_iter()
        .map(|k| PublicKey {
            key_id: k.key_id,
            algorithm: "Ed25519",
            public_key: k.public_key,
            first_used_at: Some(k.created_at.and_utc()),
        })
        .collect();
    if !keys.iter().any(|k| k.key_id == current.key_id()) {
        keys.push(PublicKey {
            key_id: current.key_id().to_owned(),
            algorithm: "Ed25519",
            public_key: current.public_key(),
            first_used_at: None,
        });
    }
    Ok(web::Json(PublicKeys {
        current_key_id: current.key_id().to_owned(),
        keys,
    }))
}

/// Check the ledger against a checkpoint.
///
/// The body is a checkpoint as this API returned it. Its signature must verify (else `422`
/// naming `/signature`); then every record's chain is recomputed up to the checkpoint's feed
/// position and the Merkle root compared with the signed one. Any revision up to that position
/// changed, reordered or dropped, or a record dropped, makes it `valid: false`, naming the
/// first record that differs. One verification runs at a time on an instance (`429` while one
/// runs).
#[utoipa::path(
    tag = "ledger",
    request_body = Checkpoint,
    responses(
        (status = 200, description = "Whether the ledger still gives the signed root", body = Verification),
        (status = 422, description = "Not a checkpoint this ledger signed: the signature, key id, format or feed position is wrong"),
        (status = 429, description = "Another verification is running on this instance"),
    )
)]
#[post("/v1/ledger/checkpoint/verify")]
pub async fn verify_checkpoint(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    body: ApiJson<Checkpoint>,
) -> ApiResult<web::Json<Verification>> {
    let _running =
        state
            .checkpoints
            .verifying
            .try_acquire()
            .map_err(|_| ApiError::TooManyRequests {
                detail: "another verification is running on this instance; retry shortly".into(),
                retry_after_secs: 2,
            })?;
    let checkpoint = body.0;
    let key = state.checkpoints.key.clone();
    let ledger = state.ledger.clone();
    state
        .read(move |conn| {
            let position = checkpoints::authenticate(conn, &key, &checkpoint)?;
            checkpoints::verify(conn, &ledger, &checkpoint, position)
        })
        .await
        .map(web::Json)
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_checkpoint)
        .service(get_latest_checkpoint)
        .service(list_checkpoints)
        .service(get_checkpoint)
        .service(list_checkpoint_heads)
        .service(get_public_key)
        .service(verify_checkpoint);
}
