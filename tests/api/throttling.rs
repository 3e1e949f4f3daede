//! Login throttling: 10 failed logins for one username within 15 minutes, then `429` with
//! `Retry-After` until the window passes — counted in the database, so every instance agrees.

use std::sync::Arc;

use crate::both_backends;
use crate::helpers::{ADMIN_PASSWORD, TestApp, assert_problem, password_of, spawn_app_with};

const WINDOW_SECS: u64 = 15 * 60;

async fn fail_logins(app: &TestApp, username: &str, times: usize) {
    for attempt in 1..=times {
        let response = app.login(username, "certainly-not-the-password").await;
        assert_eq!(
            response.status(),
            401,
            "failed login {attempt} for {username} is a plain 401"
        );
    }
}

/// Asserts a 429 with a sensible `Retry-After`.
async fn assert_throttled(response: reqwest::Response) {
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After is a number of seconds");
    assert!(
        (1..=WINDOW_SECS).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    assert_problem(response, 429, "too_many_requests").await;
}

both_backends!(
    ten_failed_logins_for_a_username_give_429_even_with_the_right_password,
    |app| async move {
        let admin = app.admin_token().await;
        app.create_user(&admin, "amina", "viewer").await;

        fail_logins(&app, "admin", 10).await;
        assert_throttled(app.login("admin", ADMIN_PASSWORD).await).await;
        assert_throttled(app.login("admin", "yet-another-guess").await).await;
        // Tokens issued before the lockout keep working; other accounts still log in.
        assert_eq!(app.me_status(&admin).await, 200);
        app.token_for("amina", &password_of("amina")).await;
    }
);

both_backends!(
    nine_failed_logins_still_let_the_right_password_in,
    |app| async move {
        fail_logins(&app, "admin", 9).await;
        let response = app.login("admin", ADMIN_PASSWORD).await;
        assert_eq!(response.status(), 200);
    }
);

both_backends!(
    the_lockout_is_per_username_and_covers_unknown_usernames,
    |app| async move {
        let admin = app.admin_token().await;
        app.create_user(&admin, "amina", "viewer").await;
        fail_logins(&app, "ghost", 10).await;
        assert_throttled(app.login("ghost", "anything-at-all").await).await;
        // Usernames are compared case-insensitively; the lockout of one leaves others alone.
        assert_throttled(app.login("GHOST", "anything-at-all").await).await;
        app.token_for("amina", &password_of("amina")).await;
        app.token_for("admin", ADMIN_PASSWORD).await;
    }
);

both_backends!(
    failed_logins_are_counted_across_instances,
    |app| async move {
        let other = spawn_app_with(Arc::clone(&app.db), |_| {}).await;
        fail_logins(&app, "admin", 5).await;
        fail_logins(&other, "admin", 5).await;
        assert_throttled(app.login("admin", ADMIN_PASSWORD).await).await;
        assert_throttled(other.login("admin", ADMIN_PASSWORD).await).await;
    }
);
