//! Accounts: `/v1/me` and the admin's `/v1/users`.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth, Viewer};
use crate::api::credentials::{self, Verified};
use crate::api::error::{ApiError, ApiResult};
use crate::api::etag::{etag, required_revision};
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::{ApiJson, double_option};
use crate::api::pagination::{Page, PageQuery};
use crate::api::records::{self, Resource};
use crate::auth::jwt::TokenUse;
use crate::db::DbConn;
use crate::domain::Validator;
use crate::domain::user::{NewPassword, Role, Username, parse_display_name};
use crate::store;
use crate::store::Author;
use crate::store::engine::Stored;
use crate::store::users::{NewUser, User, UserChanges};

/// An account. Password hashes are never returned.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    #[schema(example = "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1")]
    pub id: String,
    #[schema(example = "amina")]
    pub username: String,
    #[schema(example = "Amina Yusufzai")]
    pub display_name: Option<String>,
    pub role: Role,
    pub disabled: bool,
    /// Increases by one with every change; send it back in `If-Match`.
    #[schema(example = 1)]
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The id of the admin who created the account (`null` for the first admin).
    pub created_by: Option<String>,
}

impl From<Stored<User>> for UserResponse {
    fn from(Stored { meta, snapshot }: Stored<User>) -> Self {
        Self {
            id: meta.id,
            username: snapshot.username,
            display_name: snapshot.display_name,
            role: snapshot.role,
            disabled: snapshot.disabled,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreateRequest {
    /// 3–64 characters: letters, digits, `.`, `_`, `-` (stored lowercased).
    #[schema(example = "amina", pattern = "^[A-Za-z0-9._-]{3,64}$")]
    pub username: String,
    /// At least 10 characters.
    #[schema(example = "a long passphrase", format = Password, min_length = 10)]
    pub password: String,
    /// Defaults to `viewer`.
    pub role: Option<Role>,
    #[schema(max_length = 200, example = "Amina Yusufzai")]
    pub display_name: Option<String>,
}

/// A JSON Merge Patch of an account: only the fields given change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatchRequest {
    /// `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(max_length = 200)]
    pub display_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub role: Option<Option<Role>>,
    /// A disabled account cannot log in, and its tokens stop working within seconds.
    #[serde(default, deserialize_with = "double_option")]
    pub disabled: Option<Option<bool>>,
    /// A new password (at least 10 characters).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(format = Password)]
    pub password: Option<Option<String>>,
    /// Why the change was made; kept with the change.
    #[schema(max_length = 500)]
    pub edit_summary: Option<String>,
}

impl Resource for User {
    type Response = UserResponse;
    const PATH: &'static str = "/v1/users";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<UserResponse> {
        Ok(stored.into())
    }
}

fn user_ok(user: Stored<User>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(etag(user.meta.revision))
        .json(UserResponse::from(user))
}

/// The caller's own account.
#[utoipa::path(
    tag = "users",
    responses(
        (status = 200, description = "The caller", body = UserResponse,
            headers(("ETag" = String, description = "The account's revision"))),
    )
)]
#[get("/v1/me")]
pub async fn get_me(state: web::Data<AppState>, auth: Auth<Viewer>) -> ApiResult<HttpResponse> {
    records::read::<User>(&state, auth.user_id.clone(), None).await
}

/// Create an account (admin).
#[utoipa::path(
    tag = "users",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: a replay with the same key and body returns the first response and creates nothing; the same key with another body is 422; while the first is still running, 409")),
    request_body = UserCreateRequest,
    responses(
        (status = 201, description = "Created", body = UserResponse,
            headers(("Location" = String, description = "The new account's URL"), ("ETag" = String, description = "Its revision"))),
        (status = 409, description = "The username is taken"),
        (status = 429, description = "The server is hashing as many passwords as it can; retry shortly"),
    )
)]
#[post("/v1/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    key: IdempotencyKey,
    body: ApiJson<UserCreateRequest>,
) -> ApiResult<HttpResponse> {
    let ApiJson(body, digest) = body;
    let mut v = Validator::new();
    let username = v.check("/username", Username::parse(&body.username));
    let password = v.check("/password", NewPassword::parse(&body.password));
    let display_name = match &body.display_name {
        Some(name) => v.check("/display_name", parse_display_name(name)).map(Some),
        None => Some(None),
    };
    v.finish().map_err(ApiError::Validation)?;
    let (Some(username), Some(password), Some(display_name)) = (username, password, display_name)
    else {
        unreachable!("the validator reported every missing value")
    };
    let hash = credentials::hash_new_password(&state, password.expose().to_owned()).await?;
    let role = body.role.unwrap_or(Role::Viewer);
    let created_by = auth.user_id.clone();
    let ledger = state.ledger.clone();
    create_once(&state, &auth.user_id, key, digest, move |tx| {
        let user = store::users::create(
            tx,
            &ledger,
            NewUser {
                username: username.as_str(),
                display_name: display_name.as_deref(),
                role,
                password_hash: &hash,
                created_by: Some(&created_by),
            },
        )?;
        Created::new(
            format!("/v1/users/{}", user.meta.id),
            user.meta.revision,
            &UserResponse::from(user),
        )
    })
    .await
}

crate::list_endpoint! {
    /// List accounts (admin), oldest first.
    list_users: query PageQuery, role Admin, response UserResponse, tag "users",
    get "/v1/users", "One page of accounts", records store::users::list,
}

crate::read_endpoint! {
    /// Read an account (admin), now or as it stood at a past instant.
    get_user: User, response UserResponse, role Admin, tag "users",
    get "/v1/users/{id}", "id" = "The account's id",
}

/// Change an account (admin): display name, role, disabled, password.
///
/// A JSON Merge Patch; needs `If-Match` with the revision you read. The last enabled admin
/// cannot be demoted or disabled (`409 last_admin`).
#[utoipa::path(
    tag = "users",
    params(
        ("id" = String, Path, description = "The account's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read, e.g. `\"3\"`"),
    ),
    request_body(content = UserPatchRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The account after the change", body = UserResponse,
            headers(("ETag" = String, description = "The new revision"))),
        (status = 409, description = "The change would leave no enabled admin"),
        (status = 429, description = "A new password, while the server is hashing as many passwords as it can; retry shortly"),
    )
)]
#[patch("/v1/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<UserPatchRequest>,
) -> ApiResult<HttpResponse> {
    let expected_revision = required_revision(&req)?;
    let body = body.0;
    let mut v = Validator::new();
    let mut changes = UserChanges::default();
    if let Some(name) = body.display_name {
        changes.display_name = match name {
            Some(name) => v
                .check("/display_name", parse_display_name(&name))
                .map(Some),
            None => Some(None),
        };
    }
    match body.role {
        Some(Some(role)) => changes.role = Some(role),
        Some(None) => v.push("/role", "cannot be null"),
        None => {}
    }
    match body.disabled {
        Some(Some(disabled)) => changes.disabled = Some(disabled),
        Some(None) => v.push("/disabled", "cannot be null"),
        None => {}
    }
    let new_password = match body.password {
        Some(Some(pw)) => v.check("/password", NewPassword::parse(&pw)),
        Some(None) => {
            v.push("/password", "cannot be null");
            None
        }
        None => None,
    };
    if let Some(summary) = &body.edit_summary
        && summary.chars().count() > 500
    {
        v.push("/edit_summary", "must be at most 500 characters");
    }
    v.finish().map_err(ApiError::Validation)?;
    let password_changed = new_password.is_some();
    if let Some(pw) = new_password {
        changes.password_hash =
            Some(credentials::hash_new_password(&state, pw.expose().to_owned()).await?);
    }
    let id = id.into_inner();
    // A new password or a disabled account ends every session and tool token of the account
    // (re-enabling it later revives none); an admin changing their own password stays logged in.
    let disabling = changes.disabled == Some(true);
    let end_sessions = (password_changed || disabling).then(|| {
        let keep = (id == auth.user_id && !disabling).then(|| auth.session_id.clone());
        let reason = if disabling {
            "account disabled"
        } else {
            "password changed"
        };
        (keep, reason)
    });
    let summary = body
        .edit_summary
        .clone()
        .or_else(|| password_changed.then(|| "password changed".to_owned()));
    let author = Author::new(&auth.user_id).with_summary(summary);
    let ledger = state.ledger.clone();
    let (user, ended) = state
        .write(move |tx| {
            let user = store::users::update(tx, &ledger, &id, expected_revision, changes, &author)?;
            let ended = match end_sessions {
                Some((keep, reason)) => {
                    store::sessions::revoke_all_of_user(tx, &id, None, keep.as_deref(), reason)?
                }
                None => Vec::new(),
            };
            Ok::<_, store::StoreError>((user, ended))
        })
        .await?;
    forget_sessions(&state, ended);
    Ok(user_ok(user))
}

fn forget_sessions(state: &AppState, ids: Vec<String>) {
    for id in ids {
        state.sessions.forget(&id);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    #[schema(format = Password)]
    pub current_password: String,
    /// At least 10 characters, at most 1024 bytes.
    #[schema(format = Password, min_length = 10)]
    pub new_password: String,
}

/// Change your own password.
///
/// Needs the current password (checked, and throttled, like a login). Every other session and
/// every tool token of the account ends; the session making the request stays.
#[utoipa::path(
    tag = "users",
    request_body = PasswordChangeRequest,
    responses(
        (status = 204, description = "Changed; every other session and tool token has ended"),
        (status = 422, description = "The current password is wrong, or the new one is not allowed"),
        (status = 429, description = "Too many failed password checks, or too many at once",
            headers(("Retry-After" = u64, description = "Seconds until another attempt is allowed"))),
    )
)]
#[post("/v1/me/password")]
pub async fn change_my_password(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    req: HttpRequest,
    body: ApiJson<PasswordChangeRequest>,
) -> ApiResult<HttpResponse> {
    if auth.token_use == TokenUse::Api {
        return Err(ApiError::Forbidden {
            detail: "a tool token cannot change the password; log in as the person".into(),
        });
    }
    let PasswordChangeRequest {
        current_password,
        new_password,
    } = body.0;
    let new_password =
        NewPassword::parse(&new_password).map_err(|e| ApiError::invalid("/new_password", e))?;
    let fields = credentials::Fields {
        username: None,
        password: "/current_password",
    };
    let client_ip = credentials::client_ip(&req);
    let Some(Verified { user, reservation }) =
        credentials::check_password(&state, &auth.username, &client_ip, current_password, fields)
            .await?
    else {
        return Err(ApiError::invalid(
            "/current_password",
            "is not your current password",
        ));
    };
    let hash = credentials::hash_new_password(&state, new_password.expose().to_owned()).await?;
    let ledger = state.ledger.clone();
    let author = Author::new(&user.id).with_summary(Some("password changed by its owner".into()));
    let (username, keep) = (auth.username.clone(), auth.session_id.clone());
    let ended = state
        .write(move |tx| {
            let revision = store::users::revision(tx.conn(), &user.id)?
                .ok_or(store::StoreError::NotFound("user"))?;
            let changes = UserChanges {
                password_hash: Some(hash),
                ..UserChanges::default()
            };
            store::users::update(tx, &ledger, &user.id, revision, changes, &author)?;
            store::login_failures::succeeded(
                tx,
                &reservation,
                &username,
                chrono::Duration::days(1),
            )?;
            Ok::<_, store::StoreError>(store::sessions::revoke_all_of_user(
                tx,
                &user.id,
                None,
                Some(&keep),
                "password changed",
            )?)
        })
        .await?;
    forget_sessions(&state, ended);
    Ok(HttpResponse::NoContent().finish())
}
