//! The authenticated caller, as an extractor: `Auth<Editor>` in a handler's arguments means
//! "a valid token whose effective role is at least editor" — 401 without one, 403 below it.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use crate::api::AppState;
use crate::api::error::ApiError;
use crate::auth::jwt::TokenUse;
use crate::domain::user::Role;
use crate::store;

/// The lowest role an endpoint accepts.
pub trait MinRole {
    const ROLE: Role;
}

pub struct Viewer;
pub struct Editor;
pub struct Reviewer;
pub struct Admin;

impl MinRole for Viewer {
    const ROLE: Role = Role::Viewer;
}
impl MinRole for Editor {
    const ROLE: Role = Role::Editor;
}
impl MinRole for Reviewer {
    const ROLE: Role = Role::Reviewer;
}
impl MinRole for Admin {
    const ROLE: Role = Role::Admin;
}

/// Who is calling.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub username: String,
    /// The lower of the token's role and the user's current role, so a demotion takes effect
    /// on tokens already issued.
    pub role: Role,
    pub session_id: String,
    pub token_use: TokenUse,
}

impl Caller {
    pub fn is_admin(&self) -> bool {
        self.role >= Role::Admin
    }
}

pub struct Auth<R: MinRole> {
    pub caller: Caller,
    _role: PhantomData<R>,
}

impl<R: MinRole> std::ops::Deref for Auth<R> {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl<R: MinRole + 'static> FromRequest for Auth<R> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let caller = authenticate(&state, token?).await?;
            if caller.role < R::ROLE {
                return Err(ApiError::Forbidden {
                    detail: format!("this needs the {} role; you have {}", R::ROLE, caller.role),
                });
            }
            Ok(Auth {
                caller,
                _role: PhantomData,
            })
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::unauthorized("missing_token", "send Authorization: Bearer <token>")
    })?;
    let value = value.to_str().map_err(|_| {
        ApiError::unauthorized(
            "invalid_token",
            "the Authorization header is not readable text",
        )
    })?;
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::unauthorized(
            "invalid_token",
            "the Authorization header must be `Bearer <token>`",
        ));
    }
    Ok(token.trim().to_owned())
}

/// Verifies the token, then checks its session and user (cached for a couple of seconds).
pub async fn authenticate(state: &AppState, token: String) -> Result<Caller, ApiError> {
    let claims = state.keys.verify(&token).map_err(|reason| {
        tracing::debug!(%reason, "token rejected");
        ApiError::unauthorized("invalid_token", "the token is invalid or expired")
    })?;
    let session = match state.sessions.get(&claims.sid) {
        Some(session) => session,
        None => {
            let sid = claims.sid.clone();
            let found = state
                .read_now(move |conn| store::sessions::state(conn, &sid))
                .await?;
            let session = found.ok_or_else(|| {
                ApiError::unauthorized("invalid_token", "the token's session does not exist")
            })?;
            state.sessions.put(&claims.sid, session.clone());
            note_use(state, &claims.sid, &session);
            session
        }
    };
    // A disabled account's sessions are also revoked; saying why is more useful.
    if session.user_disabled {
        return Err(ApiError::unauthorized(
            "user_disabled",
            "the account is disabled",
        ));
    }
    if session.revoked {
        return Err(ApiError::unauthorized(
            "token_revoked",
            "the token has been revoked",
        ));
    }
    if session.user_id != claims.sub || session.expires_at < crate::store::now() {
        return Err(ApiError::unauthorized(
            "invalid_token",
            "the token is invalid or expired",
        ));
    }
    Ok(Caller {
        user_id: session.user_id,
        username: session.username,
        role: claims.role.min(session.user_role),
        session_id: claims.sid,
        token_use: claims.token_use,
    })
}

/// How stale a session's `last_used_at` may get before a request refreshes it.
const LAST_USED_GRANULARITY_SECS: i64 = 60;

/// Records, in the background and at most about once a minute, that a live session was used:
/// its owner and admins see it in the session lists. Losing one such note is harmless.
fn note_use(state: &AppState, session_id: &str, session: &crate::auth::cache::SessionState) {
    let now = crate::store::now();
    let fresh = session
        .last_used_at
        .is_some_and(|at| (now - at).num_seconds() < LAST_USED_GRANULARITY_SECS);
    if fresh || session.revoked || session.user_disabled || session.expires_at < now {
        return;
    }
    let (state, id) = (state.clone(), session_id.to_owned());
    actix_web::rt::spawn(async move {
        if let Err(error) = state.write(move |tx| store::sessions::touch(tx, &id)).await {
            tracing::debug!(%error, "could not note a session's use");
        }
    });
}
