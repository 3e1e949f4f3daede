//! `GET /v1/changes`: the feed of every revision of every record.

use actix_web::{get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::parse_limit;
use crate::store;
use crate::store::changes::Position;

/// One revision of one record.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeItem {
    /// `claims`, `sources`, `entities`, `properties`, `contradictions`, `external_reviews`, `captures`, `relations`, `impacts`, `review_decisions` (and
    /// `users` and `webhooks`, for admins).
    #[schema(example = "claims")]
    pub kind: String,
    pub record_id: String,
    pub revision: i64,
    #[schema(example = "update")]
    pub action: String,
    /// The author's user id (`null` for changes the service made at setup).
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A page of the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesPage {
    pub items: Vec<ChangeItem>,
    /// Pass back as `after`. Never null: with no new items it is the cursor you sent.
    pub next_cursor: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The `next_cursor` of the previous call; omit to start from the beginning.
    #[param(max_length = 1000)]
    pub after: Option<String>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

fn encode(position: Position) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", position.txid, position.seq))
}

/// The position a feed cursor names.
pub fn decode(cursor: &str) -> ApiResult<Position> {
    let bad = || ApiError::invalid("/after", "is not a cursor of the changes feed");
    let text = crate::api::pagination::cursor_text(cursor).ok_or_else(bad)?;
    let (txid, seq) = text.split_once('.').ok_or_else(bad)?;
    Ok(Position {
        txid: txid.parse().map_err(|_| bad())?,
        seq: seq.parse().map_err(|_| bad())?,
    })
}

/// Follow every change of every record.
///
/// A client that keeps passing `next_cursor` back as `after` sees every revision exactly once,
/// each within about a second of its commit, however many writers commit at once.
#[utoipa::path(
    tag = "changes",
    params(ChangesQuery),
    responses((status = 200, description = "The next changes", body = ChangesPage))
)]
#[get("/v1/changes")]
pub async fn list_changes(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    query: web::Query<ChangesQuery>,
) -> ApiResult<web::Json<ChangesPage>> {
    let limit = parse_limit(query.limit)?;
    let start = query
        .after
        .as_deref()
        .map(decode)
        .transpose()?
        .unwrap_or_default();
    let include_users = auth.is_admin();
    let changes = state
        .read(move |conn| store::changes::after(conn, start, limit, include_users))
        .await?;
    let last = changes
        .last()
        .map(|c| Position {
            txid: c.txid,
            seq: c.seq,
        })
        .unwrap_or(start);
    Ok(web::Json(ChangesPage {
        items: changes
            .into_iter()
            .map(|c| ChangeItem {
                kind: c.record_kind,
                record_id: c.record_id,
                revision: c.revision,
                action: c.action,
                author: c.author_id,
                created_at: c.created_at.and_utc(),
            })
            .collect(),
        next_cursor: encode(last),
    }))
}
