//! Checking a presented password — the one expensive thing anyone may ask for. In this order:
//! a place among the password threads (`429` at once when they are saturated); the attempt
//! reserved against the failed-login limits, per username and per address, in the database
//! (`429` when at a limit, and also when it cannot be recorded: the throttle fails closed;
//! `503` while the database is unavailable);
//! over-long inputs refused (`422`, but still counted against the address); then argon2.

use chrono::Duration;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult};
use crate::domain::Validator;
use crate::store;
use crate::store::login_failures::{Limits, Reservation};
use crate::store::users::Credentials;

/// Failed logins allowed per username, and per client address, within the window.
pub const MAX_FAILURES_PER_USERNAME: i64 = 10;
pub const MAX_FAILURES_PER_CLIENT: i64 = 50;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// The longest username and password anyone can have (see `domain::user`).
pub const MAX_USERNAME_BYTES: usize = crate::domain::user::Username::MAX_BYTES;
pub const MAX_PASSWORD_BYTES: usize = crate::domain::user::NewPassword::MAX_BYTES;
/// What a client is told to wait when the password threads are saturated.
const BUSY_RETRY_AFTER_SECS: u64 = 1;
/// What a client is told to wait when its attempt could not be recorded.
const UNRECORDED_RETRY_AFTER_SECS: u64 = 5;

pub fn limits() -> Limits {
    Limits {
        per_username: MAX_FAILURES_PER_USERNAME,
        per_client: MAX_FAILURES_PER_CLIENT,
        window: Duration::minutes(FAILURE_WINDOW_MINUTES),
    }
}

/// Where the username and password were in the request, for a `422`.
pub struct Fields {
    pub username: Option<&'static str>,
    pub password: &'static str,
}

/// The account whose password was right, and the attempt's reservation (forget it with
/// [`store::login_failures::succeeded`] in the write that follows).
pub struct Verified {
    pub user: Credentials,
    pub reservation: Reservation,
}

/// The account, when `username` (trimmed, lowercased) exists, is enabled and `presented` is its
/// password. Unknown, disabled and wrong all give `None` after the same work, so that neither
/// the answer nor its timing tells them apart; the failure stays counted.
pub async fn check_password(
    state: &AppState,
    username: &str,
    client_ip: &str,
    presented: String,
    fields: Fields,
) -> ApiResult<Option<Verified>> {
    let entry = state.passwords.try_enter().map_err(|_| busy())?;

    let mut v = Validator::new();
    // Characters, as the document's `maxLength` counts them (a user name is ASCII, but what
    // is presented need not be: 44 mathematical bold letters are 176 bytes).
    if username.chars().count() > MAX_USERNAME_BYTES
        && let Some(pointer) = fields.username
    {
        v.push(
            pointer,
            format!("must be at most {MAX_USERNAME_BYTES} characters"),
        );
    }
    if presented.len() > MAX_PASSWORD_BYTES {
        v.push(
            fields.password,
            format!("must be at most {MAX_PASSWORD_BYTES} bytes"),
        );
    }
    let too_long = v.finish();
    // An over-long attempt counts against its address only: no account has such a name.
    let counted_name = too_long.is_ok().then(|| username.to_owned());
    let ip = client_ip.to_owned();
    let reserved = state
        .write(move |tx| {
            let reservation =
                store::login_failures::reserve(tx, counted_name.as_deref(), &ip, limits())?;
            let user = match (&reservation, &counted_name) {
                (Ok(_), Some(name)) => store::users::find_by_username(tx.conn(), name)?,
                _ => None,
            };
            Ok::<_, diesel::result::Error>((reservation, user))
        })
        .await;
    let (reservation, user) = reserved.map_err(|error| match error {
        // The database is down: its usual 503 (no password is checked either).
        ApiError::Unavailable => ApiError::Unavailable,
        error => {
            tracing::warn!(%error, "a login attempt could not be recorded; refused");
            ApiError::TooManyRequests {
                detail: format!(
                    "the attempt could not be counted; try again in {UNRECORDED_RETRY_AFTER_SECS} seconds"
                ),
                retry_after_secs: UNRECORDED_RETRY_AFTER_SECS,
            }
        }
    })?;
    let reservation = reservation.map_err(|throttled| {
        let retry_after = (throttled.retry_at - store::now()).num_seconds().max(1) as u64;
        ApiError::TooManyRequests {
            detail: format!("too many failed logins; try again in {retry_after} seconds"),
            retry_after_secs: retry_after,
        }
    })?;
    too_long.map_err(ApiError::Validation)?;

    // An unknown user is verified against a dummy hash, a disabled one against its own: every
    // failure costs one argon2 verification.
    let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
    let valid = entry.verify(presented, stored_hash).await;
    Ok(user
        .filter(|u| valid && !u.disabled)
        .map(|user| Verified { user, reservation }))
}

/// Hashes a new password on the password threads (`429` when they are saturated).
pub async fn hash_new_password(state: &AppState, password: String) -> ApiResult<String> {
    let entry = state.passwords.try_enter().map_err(|_| busy())?;
    Ok(entry.hash(password).await?)
}

fn busy() -> ApiError {
    ApiError::TooManyRequests {
        detail: "too many password checks at once; try again in a second".into(),
        retry_after_secs: BUSY_RETRY_AFTER_SECS,
    }
}

/// The one answer to a wrong username, a wrong password and a disabled account.
pub fn invalid_credentials() -> ApiError {
    ApiError::unauthorized("invalid_credentials", "wrong username or password")
}

/// The client's address, as the throttle counts it.
pub fn client_ip(req: &actix_web::HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}
