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

/// Sends `n` logins at once (each task waits at a barrier, then sends): `body(i)` is the i-th
/// `{username, password}`. Returns each answer's status, in the order sent.
pub async fn login_burst(
    app: &TestApp,
    n: usize,
    body: impl Fn(usize) -> serde_json::Value,
) -> Vec<u16> {
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let request = app.client.post(app.url("/v1/auth/token")).json(&body(i));
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                request.send().await.unwrap().status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// An instance whose password threads take any burst, so that only the throttle decides.
async fn unqueued(app: &TestApp) -> TestApp {
    spawn_app_with(Arc::clone(&app.db), |config| {
        config.password_queue = Some(1000)
    })
    .await
}

both_backends!(
    forty_wrong_passwords_at_once_for_one_username_let_only_ten_through,
    |app| async move {
        let app = unqueued(&app).await;
        let statuses = login_burst(
            &app,
            40,
            |_| serde_json::json!({"username": "admin", "password": "certainly-not-the-password"}),
        )
        .await;
        assert_eq!(count(&statuses, 401), 10, "{statuses:?}");
        assert_eq!(count(&statuses, 429), 30, "{statuses:?}");
        assert_throttled(app.login("admin", ADMIN_PASSWORD).await).await;
    }
);

both_backends!(
    three_hundred_wrong_passwords_at_once_from_one_address_let_only_fifty_through,
    |app| async move {
        let app = unqueued(&app).await;
        // A different username each time: only the per-address limit can stop them.
        let statuses = login_burst(&app, 300, |i| {
            serde_json::json!({"username": format!("guess{i}"), "password": "not-the-password"})
        })
        .await;
        assert_eq!(count(&statuses, 401), 50, "{statuses:?}");
        assert_eq!(count(&statuses, 429), 250, "{statuses:?}");
        assert_throttled(app.login("admin", ADMIN_PASSWORD).await).await;
    }
);
