//! Logging in, refreshing and logging out: `/v1/auth/token`, `/v1/auth/refresh`, `/v1/auth/revoke`.

use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::credentials::{self, Verified};
use crate::api::error::{ApiError, ApiResult};
use crate::api::json::ApiJson;
use crate::auth::jwt::{AUDIENCE, Claims, ISSUER, TokenUse};
use crate::auth::{random_token, token_digest};
use crate::domain::user::Role;
use crate::store;
use crate::store::sessions::{ClientInfo, Lifetimes, Rotation};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "admin")]
    pub username: String,
    #[schema(example = "correct horse battery staple", format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    pub refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    #[schema(example = 3600)]
    pub expires_in: i64,
    /// Exchange at `/v1/auth/refresh` for a new pair; each refresh token works once.
    pub refresh_token: String,
}

/// Log in with a username and password.
///
/// Returns a short-lived access token and a refresh token. A wrong password, an unknown user
/// and a disabled account get the same `401 invalid_credentials`. After 10 failed logins for
/// one username (or 50 from one address) within 15 minutes, further attempts get `429` until
/// the window passes; so do attempts while the server is already checking as many passwords as
/// it can. A username over 64 characters or a password over 1024 bytes is a `422` (and still
/// counts as a failure from that address).
#[utoipa::path(
    tag = "auth",
    operation_id = "create_token",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong username or password"),
        (status = 422, description = "The username or password is longer than any account's"),
        (status = 429, description = "Too many failed logins, or too many password checks at once",
            headers(("Retry-After" = u64, description = "Seconds until another attempt is allowed"))),
    )
)]
#[post("/v1/auth/token")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let LoginRequest {
        username,
        password: presented,
    } = body.0;
    let username = username.trim().to_ascii_lowercase();
    let client_ip = credentials::client_ip(&req);
    let fields = credentials::Fields {
        username: Some("/username"),
        password: "/password",
    };
    let Some(Verified { user, reservation }) =
        credentials::check_password(&state, &username, &client_ip, presented, fields).await?
    else {
        return Err(credentials::invalid_credentials());
    };

    let refresh_token = random_token("clr_rt_", 32);
    let digest = token_digest(&refresh_token);
    let lifetimes = lifetimes(&state);
    let client = client_info(&req, client_ip);
    let (user_id, role) = (user.id.clone(), user.role);
    let session = state
        .write(move |tx| {
            store::login_failures::succeeded(tx, &reservation, &username, Duration::days(1))?;
            store::sessions::start_login(tx, &user_id, role, &digest, lifetimes, &client)
        })
        .await?;
    token_response(&state, &user.id, role, &session.id, refresh_token)
}

/// Exchange a refresh token for a new token pair.
///
/// Each refresh token works once. Presenting one that was already used means it leaked:
/// the whole chain of tokens from that login is revoked and the answer is `401 invalid_refresh_token`.
#[utoipa::path(
    tag = "auth",
    operation_id = "refresh_token",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token"),
    )
)]
#[post("/v1/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = token_digest(body.0.refresh_token.trim());
    let refresh_token = random_token("clr_rt_", 32);
    let new_digest = token_digest(&refresh_token);
    let lifetimes = lifetimes(&state);
    let client = client_info(&req, credentials::client_ip(&req));
    let outcome = state
        .write(move |tx| {
            let rotation =
                store::sessions::rotate_refresh(tx, &presented, &new_digest, lifetimes, &client)?;
            let session_state = match &rotation {
                Rotation::Rotated { session } => store::sessions::state(tx.conn(), &session.id)?,
                _ => None,
            };
            Ok::<_, diesel::result::Error>((rotation, session_state))
        })
        .await?;
    let invalid = || {
        ApiError::unauthorized(
            "invalid_refresh_token",
            "the refresh token is invalid, expired or revoked; log in again",
        )
    };
    match outcome {
        (Rotation::Rotated { session }, Some(current)) => {
            if current.user_disabled {
                return Err(ApiError::unauthorized(
                    "user_disabled",
                    "the account is disabled",
                ));
            }
            state.sessions.forget(&session.id);
            token_response(
                &state,
                &session.user_id,
                current.user_role,
                &session.id,
                refresh_token,
            )
        }
        (Rotation::Reused, _) => {
            tracing::warn!("a spent refresh token was presented again; its session is revoked");
            Err(ApiError::unauthorized(
                "invalid_refresh_token",
                "this refresh token was already used, so it may have leaked: every token of its login is now revoked; log in again",
            ))
        }
        _ => Err(invalid()),
    }
}

/// Log out: revoke a refresh token and every token of its login.
///
/// Always answers `204`, also for a token that is unknown or already revoked (RFC 7009).
/// Access tokens of the login stop working within a few seconds on every instance.
#[utoipa::path(
    tag = "auth",
    operation_id = "revoke_token",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Revoked"),
    )
)]
#[post("/v1/auth/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    body: ApiJson<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = token_digest(body.0.refresh_token.trim());
    if let Some(session_id) = state
        .write(move |tx| store::sessions::revoke_by_refresh(tx, &presented))
        .await?
    {
        state.sessions.forget(&session_id);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The longest user agent kept on a session.
const MAX_USER_AGENT_CHARS: usize = 256;

/// Where a login or refresh came from.
fn client_info(req: &HttpRequest, ip: String) -> ClientInfo {
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect());
    ClientInfo { ip, user_agent }
}

fn lifetimes(state: &AppState) -> Lifetimes {
    Lifetimes {
        refresh_ttl: Duration::seconds(state.config.refresh_token_ttl_secs),
        max_age: Duration::seconds(state.config.session_max_age_secs),
    }
}

/// Signs an access token for a session.
pub fn sign_token(
    state: &AppState,
    user_id: &str,
    role: Role,
    session_id: &str,
    token_use: TokenUse,
    lifetime_secs: i64,
) -> ApiResult<String> {
    let iat = chrono::Utc::now().timestamp();
    let claims = Claims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: user_id.into(),
        role,
        exp: iat + lifetime_secs,
        iat,
        jti: crate::store::new_id(),
        sid: session_id.into(),
        token_use,
    };
    Ok(state.keys.sign(&claims)?)
}

fn token_response(
    state: &AppState,
    user_id: &str,
    role: Role,
    session_id: &str,
    refresh_token: String,
) -> ApiResult<HttpResponse> {
    let ttl = state.config.access_token_ttl_secs;
    let access_token = sign_token(state, user_id, role, session_id, TokenUse::Access, ttl)?;
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in: ttl,
            refresh_token,
        }))
}
