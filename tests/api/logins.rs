//! Logging in under attack (issue 12): inputs bounded before any work (finding 4), password
//! checks with a bounded concurrency of their own (finding 5), a disabled account answering
//! exactly like a wrong password (finding 13), and token times checked (finding 17).

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    ADMIN_PASSWORD, JWT_SECRET, TestApp, assert_problem, jwt, password_of, spawn_app_with,
};
use crate::history_fixtures::run_sql;

fn without_request_id(mut problem: Value) -> Value {
    problem.as_object_mut().unwrap().remove("request_id");
    problem
}

both_backends!(
    an_over_long_username_or_password_is_422_and_still_counts_against_the_address,
    |app| async move {
        // ~3 KB: over PostgreSQL's btree row limit, which once made this a 500.
        let long_name = "a".repeat(3000);
        let problem = assert_problem(
            app.login(&long_name, "not-the-password").await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["pointer"], "/username", "{problem}");
        let long_password = "p".repeat(1025);
        let problem = assert_problem(
            app.login("admin", &long_password).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["pointer"], "/password", "{problem}");
        // The longest allowed still gets a plain answer.
        let response = app.login(&"a".repeat(64), &"p".repeat(1024)).await;
        assert_problem(response, 401, "invalid_credentials").await;

        // Each over-long attempt counts against the address: 3 so far, 47 more reach the limit.
        for _ in 0..47 {
            let response = app.login(&long_name, "not-the-password").await;
            assert_eq!(response.status(), 422);
        }
        let throttled = app.login("admin", ADMIN_PASSWORD).await;
        assert!(throttled.headers().contains_key("retry-after"));
        assert_problem(throttled, 429, "too_many_requests").await;
        assert_problem(app.login(&long_name, "x").await, 429, "too_many_requests").await;
    }
);

both_backends!(
    a_login_whose_failure_cannot_be_recorded_is_refused,
    |app| async move {
        let admin = app.admin_token().await;
        run_sql(
            Arc::clone(&app.db),
            "ALTER TABLE login_failures RENAME TO login_failures_gone".into(),
        )
        .await
        .unwrap();
        // Fails closed: no password is checked when the attempt cannot be counted.
        for password in [ADMIN_PASSWORD, "not-the-password"] {
            let response = app.login("admin", password).await;
            assert!(response.headers().contains_key("retry-after"));
            assert_problem(response, 429, "too_many_requests").await;
        }
        assert_eq!(
            app.me_status(&admin).await,
            200,
            "the service itself is fine"
        );
    }
);

/// Sends `n` logins at once, each for another unknown username; each answer's status and
/// `Retry-After`.
async fn unknown_user_burst(app: &TestApp, n: usize) -> Vec<(u16, Option<String>)> {
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let request = app
                .client
                .post(app.url("/v1/auth/token"))
                .json(&json!({"username": format!("nobody{i}"), "password": "not-the-password"}));
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                let response = request.send().await.unwrap();
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .map(|v| v.to_str().unwrap().to_owned());
                (response.status().as_u16(), retry_after)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

both_backends!(
    a_login_flood_beyond_the_password_threads_is_429_and_reads_go_on,
    |app| async move {
        let admin = app.admin_token().await;
        // One hashing thread and one waiting place: a burst of 40 mostly finds them taken.
        let app = spawn_app_with(Arc::clone(&app.db), |config| {
            config.password_threads = Some(1);
            config.password_queue = Some(1);
        })
        .await;
        let (answers, read) = tokio::join!(unknown_user_burst(&app, 40), async {
            let started = Instant::now();
            let status = app.get("/v1/claims", &admin).await.status().as_u16();
            (status, started.elapsed())
        });
        let busy: Vec<_> = answers.iter().filter(|(s, _)| *s == 429).collect();
        assert!(
            answers.iter().all(|(s, _)| [401, 429].contains(s)),
            "only 401 and 429, never a 5xx: {answers:?}"
        );
        assert!(
            busy.len() >= 20,
            "most of the burst is refused: {answers:?}"
        );
        assert!(
            busy.iter().all(|(_, retry)| retry.as_deref() == Some("1")),
            "{answers:?}"
        );
        assert_eq!(read.0, 200);
        assert!(read.1 < Duration::from_secs(2), "a read took {:?}", read.1);
        // Refused attempts were never checked, so they did not count against the address.
        let login = app.login("admin", ADMIN_PASSWORD).await;
        assert_eq!(login.status(), 200);
    }
);

/// The fastest of three timed logins.
async fn fastest_login(app: &TestApp, username: &str, password: &str) -> (Duration, Value) {
    let mut best = Duration::MAX;
    let mut body = Value::Null;
    for _ in 0..3 {
        let started = Instant::now();
        let response = app.login(username, password).await;
        best = best.min(started.elapsed());
        body = assert_problem(response, 401, "invalid_credentials").await;
    }
    (best, without_request_id(body))
}

both_backends!(
    a_disabled_account_answers_like_a_wrong_password,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "editor").await;
        let path = format!("/v1/users/{}", user["id"].as_str().unwrap());
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({"disabled": true}))
            .await;
        assert_eq!(response.status(), 200);

        let (right_time, right) = fastest_login(&app, "amina", &password_of("amina")).await;
        let (wrong_time, wrong) = fastest_login(&app, "amina", "not-the-password").await;
        assert_eq!(
            right, wrong,
            "the same body for a right and a wrong password"
        );
        // Both verify the hash: neither answer is noticeably quicker.
        assert!(
            right_time * 2 > wrong_time && wrong_time * 2 > right_time,
            "right password {right_time:?}, wrong {wrong_time:?}"
        );
    }
);

/// A real access token's claims, changed by `change`, signed with the service's key.
async fn forged(app: &TestApp, change: impl FnOnce(&mut Value)) -> String {
    let token = app.admin_token().await;
    let mut claims = jwt::claims(&token);
    change(&mut claims);
    jwt::sign(
        Algorithm::HS256,
        Some(&jwt::kid_for(JWT_SECRET)),
        &claims,
        JWT_SECRET,
    )
}

both_backends!(
    tokens_not_yet_valid_or_issued_in_the_future_are_refused,
    |app| async move {
        let now = chrono::Utc::now().timestamp();
        let cases = [
            ("nbf in ten minutes", json!({"nbf": now + 600}), 401),
            ("iat in ten minutes", json!({"iat": now + 600}), 401),
            ("nbf a minute ago", json!({"nbf": now - 60}), 200),
            ("iat within the leeway", json!({"iat": now + 2}), 200),
        ];
        for (what, change, expected) in cases {
            let token = forged(&app, |claims| {
                for (key, value) in change.as_object().unwrap() {
                    claims[key] = value.clone();
                }
            })
            .await;
            let response = app.get("/v1/me", &token).await;
            if expected == 401 {
                assert_problem(response, 401, "invalid_token").await;
            } else {
                assert_eq!(response.status(), expected, "{what}");
            }
        }
    }
);
