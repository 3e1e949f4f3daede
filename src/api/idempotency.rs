//! `Idempotency-Key` on creates: a retried request gets the first response and creates nothing
//! twice. The key's row is written in the same transaction as the record, so "acknowledged"
//! and "remembered" cannot part. While the first request is still running its row is not
//! visible to others, so PostgreSQL takes a transaction-scoped advisory lock on the key: a
//! replay that cannot get it answers `409`. SQLite has one writer: a replay waits for the
//! first to commit, then replays it.

use actix_web::http::StatusCode;
use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult};
use crate::api::json::BodyDigest;
use crate::db::{DbConn, WriteTx};
use crate::schema::idempotency_keys;

pub const HEADER: &str = "Idempotency-Key";
/// How long keys are kept: at least 24 hours.
pub const RETENTION_HOURS: i64 = 48;

/// The `Idempotency-Key` request header, when sent.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(parse_key(req))
    }
}

fn parse_key(req: &HttpRequest) -> Result<IdempotencyKey, ApiError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(IdempotencyKey(None));
    };
    let key = value.to_str().unwrap_or("").trim();
    let ok = !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic());
    if !ok {
        return Err(ApiError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        ));
    }
    Ok(IdempotencyKey(Some(key.to_owned())))
}

/// A create's response, as stored for replays.
pub struct Created {
    pub location: String,
    pub revision: i64,
    pub body: String,
}

impl Created {
    pub fn new(location: String, revision: i64, body: &impl Serialize) -> ApiResult<Self> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Internal(e.into()))?;
        Ok(Self {
            location,
            revision,
            body,
        })
    }

    fn response(&self, replayed: bool) -> HttpResponse {
        let mut response = HttpResponse::build(StatusCode::CREATED);
        response
            .insert_header((LOCATION, self.location.clone()))
            .insert_header((ETAG, format!("\"{}\"", self.revision)))
            .content_type("application/json");
        if replayed {
            response.insert_header(("Idempotent-Replayed", "true"));
        }
        response.body(self.body.clone())
    }
}

/// Runs a create once per (user, key): the create and the key's row commit together.
pub async fn create_once(
    state: &AppState,
    user_id: &str,
    key: IdempotencyKey,
    digest: BodyDigest,
    create: impl FnOnce(&mut WriteTx<'_>) -> ApiResult<Created> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let Some(key) = key.0 else {
        let created = state.write(create).await?;
        return Ok(created.response(false));
    };
    let user_id = user_id.to_owned();
    let (created, replayed) = state
        .write(move |tx| {
            if !tx.try_lock(&format!("idempotency\x1f{user_id}\x1f{key}"))? {
                return Err(ApiError::conflict(
                    "idempotency_key_in_use",
                    "a request with this Idempotency-Key is still being processed; retry shortly",
                ));
            }
            if let Some(stored) = find(tx.conn(), &user_id, &key)? {
                if stored.0 != digest.0 {
                    return Err(ApiError::invalid(
                        "/",
                        "this Idempotency-Key was used with a different body; use a new key for a new request",
                    ));
                }
                return Ok((stored.1, true));
            }
            let created = create(tx)?;
            diesel::insert_into(idempotency_keys::table)
                .values((
                    idempotency_keys::user_id.eq(&user_id),
                    idempotency_keys::key.eq(&key),
                    idempotency_keys::request_hash.eq(&digest.0),
                    idempotency_keys::status.eq(201),
                    idempotency_keys::location.eq(&created.location),
                    idempotency_keys::etag.eq(created.revision.to_string()),
                    idempotency_keys::response_body.eq(&created.body),
                    idempotency_keys::created_at.eq(crate::store::now()),
                ))
                .execute(tx.conn())?;
            Ok((created, false))
        })
        .await?;
    Ok(created.response(replayed))
}

fn find(conn: &mut DbConn, user_id: &str, key: &str) -> QueryResult<Option<(String, Created)>> {
    let row: Option<(String, Option<String>, Option<String>, String)> = idempotency_keys::table
        .filter(idempotency_keys::user_id.eq(user_id))
        .filter(idempotency_keys::key.eq(key))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::location,
            idempotency_keys::etag,
            idempotency_keys::response_body,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(hash, location, etag, body)| {
        let revision = etag.and_then(|e| e.parse().ok()).unwrap_or(1);
        (
            hash,
            Created {
                location: location.unwrap_or_default(),
                revision,
                body,
            },
        )
    }))
}

/// Forgets keys older than the retention (run now and then by every instance; harmless twice).
pub fn prune(tx: &mut WriteTx<'_>) -> QueryResult<usize> {
    let cutoff = crate::store::now() - chrono::Duration::hours(RETENTION_HOURS);
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff)))
        .execute(tx.conn())
}
