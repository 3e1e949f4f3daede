//! Named long-lived tokens for tools (scripts, browser extensions, CMS plugins):
//! `/v1/tokens`. Editors manage their own; admins see and revoke everyone's.

use actix_web::http::header::{CACHE_CONTROL, LOCATION};
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Editor};
use crate::api::error::{ApiError, ApiResult};
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, serve};
use crate::api::sessions::sign_token;
use crate::auth::jwt::TokenUse;
use crate::db::DbConn;
use crate::domain::Validator;
use crate::domain::user::Role;
use crate::store;
use crate::store::sessions::SessionRow;

pub const DEFAULT_EXPIRY_DAYS: i64 = 365;
pub const MAX_EXPIRY_DAYS: i64 = 3650;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenCreateRequest {
    /// What the token is for (1–100 characters).
    #[schema(max_length = 100, example = "CMS plugin on the night desk")]
    pub name: String,
    /// The token's role: at most your own, which is the default. Give tools the least they need.
    pub role: Option<Role>,
    /// Days until the token expires (1–3650, default 365).
    #[schema(example = 90, minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<i64>,
}

/// A tool token (without its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenResponse {
    pub id: String,
    #[schema(example = "CMS plugin on the night desk")]
    pub name: String,
    /// The owner's account id.
    pub user_id: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// When it was revoked; `null` while it works.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it was last used (to about a minute); `null` if never.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A new tool token, with its secret. The secret is shown only this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenCreatedResponse {
    #[serde(flatten)]
    pub token_info: ApiTokenResponse,
    /// Send as `Authorization: Bearer <token>`. Store it now: it cannot be shown again.
    pub token: String,
}

impl From<SessionRow> for ApiTokenResponse {
    fn from(row: SessionRow) -> Self {
        let role = row.role;
        Self {
            id: row.id,
            name: row.name.unwrap_or_default(),
            user_id: row.user_id,
            role,
            created_at: row.created_at.and_utc(),
            expires_at: row.expires_at.and_utc(),
            revoked_at: row.revoked_at.map(|t| t.and_utc()),
            last_used_at: row.last_used_at.map(|t| t.and_utc()),
        }
    }
}

crate::list_query! {
    pub struct ApiTokenListQuery {
        /// Admins only: just this user's tokens. Others always see their own.
        #[param(max_length = 1000)]
        pub user_id: Option<String>,
    }
}

/// Create a named token for a tool.
///
/// The response holds the secret once. Revoke it with `DELETE /v1/tokens/{id}`; a revoked
/// token stops working within 5 seconds on every instance.
#[utoipa::path(
    tag = "tokens",
    request_body = ApiTokenCreateRequest,
    responses(
        (status = 201, description = "Created; the secret is in `token`", body = ApiTokenCreatedResponse,
            headers(("Location" = String, description = "The token's URL"))),
    )
)]
#[post("/v1/tokens")]
pub async fn create_api_token(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    body: ApiJson<ApiTokenCreateRequest>,
) -> ApiResult<HttpResponse> {
    if auth.token_use == TokenUse::Api {
        return Err(ApiError::Forbidden {
            detail: "a tool token cannot create tokens; log in as the person".into(),
        });
    }
    let body = body.0;
    let mut v = Validator::new();
    let name = body.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        v.push("/name", "must be 1 to 100 characters");
    }
    let role = body.role.unwrap_or(auth.role);
    if role > auth.role {
        v.push(
            "/role",
            format!("cannot exceed your own role ({})", auth.role),
        );
    }
    let days = body.expires_in_days.unwrap_or(DEFAULT_EXPIRY_DAYS);
    if !(1..=MAX_EXPIRY_DAYS).contains(&days) {
        v.push(
            "/expires_in_days",
            format!("must be between 1 and {MAX_EXPIRY_DAYS}"),
        );
    }
    v.finish().map_err(ApiError::Validation)?;

    let expires_at = crate::store::now() + Duration::days(days);
    let user_id = auth.user_id.clone();
    let row = state
        .write(move |tx| store::sessions::create_api_token(tx, &user_id, &name, role, expires_at))
        .await?;
    let lifetime = (row.expires_at - crate::store::now()).num_seconds();
    let token = sign_token(&state, &row.user_id, role, &row.id, TokenUse::Api, lifetime)?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/v1/tokens/{}", row.id)))
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(ApiTokenCreatedResponse {
            token_info: row.into(),
            token,
        }))
}

crate::list_endpoint! {
    /// List tool tokens: your own, or (admins) everyone's.
    list_api_tokens: query ApiTokenListQuery, role Editor, response ApiTokenResponse, tag "tokens",
    get "/v1/tokens", "One page of tokens",
    |state, auth, query| {
        let owner = if auth.is_admin() {
            query.user_id
        } else {
            Some(auth.user_id.clone())
        };
        let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
            store::sessions::list_api_tokens(conn, owner.as_deref(), after, limit)
        };
        let key = |t: &SessionRow| t.id.clone();
        let cursor = query.cursor.as_deref();
        serve(
            &state,
            query.limit,
            cursor,
            load,
            key,
            ApiTokenResponse::from,
        )
        .await
    }
}

/// Revoke a tool token.
///
/// Idempotent: revoking a revoked token answers `204` again. Others' tokens are invisible to
/// non-admins (`404`).
#[utoipa::path(
    tag = "tokens",
    params(("id" = String, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such token (or not yours)"),
    )
)]
#[delete("/v1/tokens/{id}")]
pub async fn revoke_api_token(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (lookup_id, caller_id, is_admin) = (id.clone(), auth.user_id.clone(), auth.is_admin());
    let reason = format!("revoked by {}", auth.username);
    state
        .write(move |tx| {
            let token = store::sessions::find_api_token(tx.conn(), &lookup_id)?
                .filter(|t| is_admin || t.user_id == caller_id)
                .ok_or(store::StoreError::NotFound("token"))?;
            store::sessions::revoke_api_token(tx, &token.id, &reason)
        })
        .await?;
    state.sessions.forget(&id);
    Ok(HttpResponse::NoContent().finish())
}
