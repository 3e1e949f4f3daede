//! Login sessions, to see and to end: a user's own under `/v1/me/sessions`, anyone's for admins
//! under `/v1/users/{id}/sessions`. Ending a session revokes its refresh token and, within a
//! couple of seconds on every instance, its access tokens (each request checks its session).

use actix_web::{HttpResponse, delete, get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth, Caller, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{Page, PageQuery, serve};
use crate::store;
use crate::store::StoreError;
use crate::store::sessions::{SessionKind, SessionRow};

/// A live login session (the refresh-token chain of one login).
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginSessionResponse {
    pub id: String,
    pub user_id: String,
    pub created_at: DateTime<Utc>,
    /// The last login, refresh or request with one of its tokens (to about a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// It ends then unless refreshed, and never later than its absolute lifetime allows.
    pub expires_at: DateTime<Utc>,
    /// The address of its last login or refresh.
    #[schema(example = "203.0.113.7")]
    pub client_ip: Option<String>,
    /// The `User-Agent` of its last login or refresh (up to 256 characters).
    #[schema(example = "Mozilla/5.0 (X11; Linux x86_64) Firefox/146.0")]
    pub user_agent: Option<String>,
    /// Whether this is the session of the token making the request.
    pub current: bool,
}

fn shape(caller_session: String) -> impl Fn(SessionRow) -> LoginSessionResponse {
    move |row| LoginSessionResponse {
        current: row.id == caller_session,
        id: row.id,
        user_id: row.user_id,
        created_at: row.created_at.and_utc(),
        last_used_at: row.last_used_at.map(|t| t.and_utc()),
        expires_at: row.expires_at.and_utc(),
        client_ip: row.client_ip,
        user_agent: row.user_agent,
    }
}

async fn list(
    state: &AppState,
    caller: &Caller,
    user_id: String,
    query: PageQuery,
) -> ApiResult<web::Json<Page<LoginSessionResponse>>> {
    let load = move |conn: &mut crate::db::DbConn, after: Option<&str>, limit| {
        if store::users::revision(conn, &user_id)?.is_none() {
            return Err(StoreError::NotFound("user"));
        }
        Ok(store::sessions::list_logins(conn, &user_id, after, limit)?)
    };
    let key = |row: &SessionRow| row.id.clone();
    let cursor = query.cursor.as_deref();
    serve(
        state,
        query.limit,
        cursor,
        load,
        key,
        shape(caller.session_id.clone()),
    )
    .await
}

async fn end_one(
    state: &AppState,
    caller: &Caller,
    user_id: String,
    session_id: String,
) -> ApiResult<HttpResponse> {
    let reason = format!("ended by {}", caller.username);
    let id = session_id.clone();
    let found = state
        .write(move |tx| store::sessions::revoke_login(tx, &user_id, &id, &reason))
        .await?;
    if !found {
        return Err(ApiError::not_found("session"));
    }
    state.sessions.forget(&session_id);
    Ok(HttpResponse::NoContent().finish())
}

async fn end_all(
    state: &AppState,
    caller: &Caller,
    user_id: String,
    keep: Option<String>,
) -> ApiResult<HttpResponse> {
    let reason = format!("ended by {}", caller.username);
    let revoked = state
        .write(move |tx| {
            if store::users::revision(tx.conn(), &user_id)?.is_none() {
                return Err(StoreError::NotFound("user"));
            }
            Ok(store::sessions::revoke_all_of_user(
                tx,
                &user_id,
                Some(SessionKind::Login),
                keep.as_deref(),
                &reason,
            )?)
        })
        .await?;
    for id in revoked {
        state.sessions.forget(&id);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Your live login sessions, oldest first.
///
/// `current` marks the one making this request. Tool tokens are under `/v1/tokens`.
#[utoipa::path(
    tag = "sessions",
    params(PageQuery),
    responses((status = 200, description = "One page of sessions", body = Page<LoginSessionResponse>))
)]
#[get("/v1/me/sessions")]
pub async fn list_my_sessions(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<LoginSessionResponse>>> {
    list(&state, &auth, auth.user_id.clone(), query.into_inner()).await
}

/// End one of your login sessions (log it out), e.g. on a lost device.
///
/// Idempotent: ending an ended session answers `204` again.
#[utoipa::path(
    tag = "sessions",
    params(("session_id" = String, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "You have no such session"),
    )
)]
#[delete("/v1/me/sessions/{session_id}")]
pub async fn end_my_session(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    session_id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    end_one(&state, &auth, auth.user_id.clone(), session_id.into_inner()).await
}

/// End all your other login sessions; the one making this request stays.
#[utoipa::path(
    tag = "sessions",
    responses((status = 204, description = "Every other login session ended"))
)]
#[delete("/v1/me/sessions")]
pub async fn end_my_other_sessions(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
) -> ApiResult<HttpResponse> {
    let keep = Some(auth.session_id.clone());
    end_all(&state, &auth, auth.user_id.clone(), keep).await
}

/// A user's live login sessions, oldest first (admin).
#[utoipa::path(
    tag = "sessions",
    params(("id" = String, Path, description = "The account's id"), PageQuery),
    responses((status = 200, description = "One page of sessions", body = Page<LoginSessionResponse>))
)]
#[get("/v1/users/{id}/sessions")]
pub async fn list_user_sessions(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<LoginSessionResponse>>> {
    list(&state, &auth, id.into_inner(), query.into_inner()).await
}

/// End one of a user's login sessions (admin).
#[utoipa::path(
    tag = "sessions",
    params(
        ("id" = String, Path, description = "The account's id"),
        ("session_id" = String, Path, description = "The session's id"),
    ),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "The user has no such session"),
    )
)]
#[delete("/v1/users/{id}/sessions/{session_id}")]
pub async fn end_user_session(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (user_id, session_id) = path.into_inner();
    end_one(&state, &auth, user_id, session_id).await
}

/// End every login session of a user (admin), e.g. after a stolen laptop.
///
/// Their tool tokens are not touched (see `/v1/tokens`); changing their password or
/// disabling the account ends those too.
#[utoipa::path(
    tag = "sessions",
    params(("id" = String, Path, description = "The account's id")),
    responses((status = 204, description = "Every login session of the user ended"))
)]
#[delete("/v1/users/{id}/sessions")]
pub async fn end_user_sessions(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    end_all(&state, &auth, id.into_inner(), None).await
}
