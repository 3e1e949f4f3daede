//! Ending sessions (issue 12, finding 2): a password change or a disabled account ends every
//! session and tool token of the account (re-enabling revives none); users and admins list and
//! end login sessions; users change their own password; sessions have an absolute lifetime.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    ADMIN_PASSWORD, PROPAGATION, TestApp, assert_problem, eventually, password_of, spawn_app_with,
};
use crate::history_fixtures::run_sql;

/// A login of `username` with a `User-Agent` of its own: (access token, refresh token).
async fn login_as(app: &TestApp, username: &str, password: &str, agent: &str) -> (String, Value) {
    let response = app
        .client
        .post(app.url("/v1/auth/token"))
        .header("user-agent", agent)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "login as {username}");
    let body: Value = response.json().await.unwrap();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].clone(),
    )
}

/// An editor `amina` with a login and a tool token: (user, access, refresh, tool secret).
async fn amina_with_tokens(app: &TestApp, admin: &str) -> (Value, String, Value, String) {
    let user = app.create_user(admin, "amina", "editor").await;
    let (access, refresh) = login_as(app, "amina", &password_of("amina"), "laptop").await;
    let tool = app
        .create_tool_token(&access, &json!({"name": "script"}))
        .await;
    let tool = tool["token"].as_str().unwrap().to_owned();
    assert_eq!(app.me_status(&access).await, 200);
    assert_eq!(app.me_status(&tool).await, 200);
    (user, access, refresh, tool)
}

fn user_path(user: &Value) -> String {
    format!("/v1/users/{}", user["id"].as_str().unwrap())
}

async fn patch_user(app: &TestApp, admin: &str, user: &Value, revision: u32, body: Value) {
    let response = app
        .patch_json(
            &user_path(user),
            admin,
            Some(&format!("\"{revision}\"")),
            &body,
        )
        .await;
    assert_eq!(response.status(), 200, "patch {body}");
}

/// Every token is refused with `code`, and the refresh token no longer refreshes.
async fn assert_ended(app: &TestApp, tokens: &[&str], refresh: &Value, code: &str) {
    for token in tokens {
        assert_problem(app.get("/v1/me", token).await, 401, code).await;
    }
    assert_problem(app.refresh(refresh).await, 401, "invalid_refresh_token").await;
}

both_backends!(
    a_password_reset_by_an_admin_ends_every_session_and_tool_token,
    |app| async move {
        let admin = app.admin_token().await;
        let (user, access, refresh, tool) = amina_with_tokens(&app, &admin).await;
        patch_user(
            &app,
            &admin,
            &user,
            1,
            json!({"password": "a brand new passphrase"}),
        )
        .await;
        assert_ended(&app, &[&access, &tool], &refresh, "token_revoked").await;
        assert_eq!(
            app.login("amina", &password_of("amina")).await.status(),
            401
        );
        app.token_for("amina", "a brand new passphrase").await;
        // The admin's own session was not someone else's password change.
        assert_eq!(app.me_status(&admin).await, 200);
    }
);

both_backends!(
    a_password_reset_ends_the_sessions_on_every_instance,
    |app| async move {
        let other = spawn_app_with(Arc::clone(&app.db), |_| {}).await;
        let admin = app.admin_token().await;
        let (user, access, _, tool) = amina_with_tokens(&app, &admin).await;
        assert_eq!(other.me_status(&access).await, 200);
        assert_eq!(other.me_status(&tool).await, 200);
        patch_user(
            &app,
            &admin,
            &user,
            1,
            json!({"password": "a brand new passphrase"}),
        )
        .await;
        for token in [access, tool] {
            eventually(PROPAGATION, "the other instance refuses the token", || {
                let (other, token) = (&other, token.clone());
                async move { other.me_status(&token).await == 401 }
            })
            .await;
        }
    }
);

both_backends!(
    disabling_then_enabling_an_account_revives_no_session,
    |app| async move {
        let admin = app.admin_token().await;
        let (user, access, refresh, tool) = amina_with_tokens(&app, &admin).await;
        patch_user(&app, &admin, &user, 1, json!({"disabled": true})).await;
        patch_user(&app, &admin, &user, 2, json!({"disabled": false})).await;
        assert_ended(&app, &[&access, &tool], &refresh, "token_revoked").await;
        app.token_for("amina", &password_of("amina")).await;
    }
);

/// One page of sessions at `path`.
async fn sessions(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), 200, "GET {path}");
    let page: Value = response.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

both_backends!(
    admins_list_and_end_a_users_login_sessions,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "editor").await;
        let path = format!("{}/sessions", user_path(&user));
        let (laptop, laptop_refresh) =
            login_as(&app, "amina", &password_of("amina"), "laptop").await;
        let (phone, phone_refresh) = login_as(&app, "amina", &password_of("amina"), "phone").await;

        let listed = sessions(&app, &admin, &path).await;
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[0]["user_agent"], "laptop");
        assert_eq!(listed[1]["user_agent"], "phone");
        for session in &listed {
            assert_eq!(session["client_ip"], "127.0.0.1");
            assert_eq!(session["user_id"], user["id"]);
            assert_eq!(session["current"], false);
            assert!(session["created_at"].is_string() && session["last_used_at"].is_string());
            assert!(session["expires_at"].is_string());
        }
        // Someone else's sessions are an admin's business only.
        assert_problem(app.get(&path, &phone).await, 403, "forbidden").await;

        let laptop_path = format!("{path}/{}", listed[0]["id"].as_str().unwrap());
        assert_eq!(app.delete(&laptop_path, &admin).await.status(), 204);
        assert_eq!(
            app.delete(&laptop_path, &admin).await.status(),
            204,
            "idempotent"
        );
        assert_ended(&app, &[&laptop], &laptop_refresh, "token_revoked").await;
        assert_eq!(
            app.me_status(&phone).await,
            200,
            "the other session goes on"
        );
        assert_eq!(sessions(&app, &admin, &path).await.len(), 1);

        assert_eq!(app.delete(&path, &admin).await.status(), 204);
        assert_ended(&app, &[&phone], &phone_refresh, "token_revoked").await;
        assert!(sessions(&app, &admin, &path).await.is_empty());

        // Unknown users and sessions, and another user's session, are 404.
        let admin_id = app
            .get("/v1/me", &admin)
            .await
            .json::<Value>()
            .await
            .unwrap()["id"]
            .clone();
        let admin_sessions = sessions(
            &app,
            &admin,
            &format!("/v1/users/{}/sessions", admin_id.as_str().unwrap()),
        )
        .await;
        let admins_session = admin_sessions[0]["id"].as_str().unwrap();
        for missing in [
            "/v1/users/nobody/sessions".to_owned(),
            format!("{path}/no-such-session"),
            format!("{path}/{admins_session}"),
        ] {
            let response = if missing.ends_with("/sessions") {
                app.get(&missing, &admin).await
            } else {
                app.delete(&missing, &admin).await
            };
            assert_problem(response, 404, "not_found").await;
        }
        assert_problem(
            app.delete("/v1/users/nobody/sessions", &admin).await,
            404,
            "not_found",
        )
        .await;
    }
);

both_backends!(
    users_list_and_end_their_own_login_sessions,
    |app| async move {
        let admin = app.admin_token().await;
        app.create_user(&admin, "amina", "editor").await;
        let password = password_of("amina");
        let (laptop, _) = login_as(&app, "amina", &password, "laptop").await;
        let (phone, phone_refresh) = login_as(&app, "amina", &password, "phone").await;

        let listed = sessions(&app, &laptop, "/v1/me/sessions").await;
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0]["current"], true);
        assert_eq!(listed[1]["current"], false);
        let phone_id = listed[1]["id"].as_str().unwrap();
        // Another user's session cannot be ended through /v1/me.
        let admin_session = sessions(&app, &admin, "/v1/me/sessions").await[0]["id"].clone();
        let response = app
            .delete(
                &format!("/v1/me/sessions/{}", admin_session.as_str().unwrap()),
                &laptop,
            )
            .await;
        assert_problem(response, 404, "not_found").await;
        assert_eq!(app.me_status(&admin).await, 200);

        let response = app
            .delete(&format!("/v1/me/sessions/{phone_id}"), &laptop)
            .await;
        assert_eq!(response.status(), 204);
        assert_ended(&app, &[&phone], &phone_refresh, "token_revoked").await;

        let (tablet, tablet_refresh) = login_as(&app, "amina", &password, "tablet").await;
        assert_eq!(app.delete("/v1/me/sessions", &laptop).await.status(), 204);
        assert_ended(&app, &[&tablet], &tablet_refresh, "token_revoked").await;
        assert_eq!(
            app.me_status(&laptop).await,
            200,
            "the current session stays"
        );
        assert_eq!(sessions(&app, &laptop, "/v1/me/sessions").await.len(), 1);
    }
);

both_backends!(
    changing_your_own_password_ends_your_other_sessions_and_tool_tokens,
    |app| async move {
        let admin = app.admin_token().await;
        let (_, access, _, tool) = amina_with_tokens(&app, &admin).await;
        let (phone, phone_refresh) = login_as(&app, "amina", &password_of("amina"), "phone").await;
        let change =
            |current: &str, new: &str| json!({"current_password": current, "new_password": new});

        let response = app
            .post_json(
                "/v1/me/password",
                &access,
                &change("wrong-password", "a brand new passphrase"),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/current_password");
        let response = app
            .post_json(
                "/v1/me/password",
                &access,
                &change(&password_of("amina"), "short"),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/new_password");
        let response = app
            .post_json(
                "/v1/me/password",
                &tool,
                &change(&password_of("amina"), "a brand new passphrase"),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;

        let response = app
            .post_json(
                "/v1/me/password",
                &access,
                &change(&password_of("amina"), "a brand new passphrase"),
            )
            .await;
        assert_eq!(response.status(), 204);
        assert_eq!(
            app.me_status(&access).await,
            200,
            "the session that changed it stays"
        );
        assert_ended(&app, &[&phone, &tool], &phone_refresh, "token_revoked").await;
        assert_eq!(
            app.login("amina", &password_of("amina")).await.status(),
            401
        );
        app.token_for("amina", "a brand new passphrase").await;
    }
);

both_backends!(
    a_login_session_ends_at_its_absolute_lifetime_however_often_it_is_refreshed,
    |app| async move {
        // An hour's absolute lifetime, a 30-day refresh window.
        let app = spawn_app_with(Arc::clone(&app.db), |config| {
            config.session_max_age_secs = 3600
        })
        .await;
        let (access, refresh) = login_as(&app, "admin", ADMIN_PASSWORD, "laptop").await;
        let response = app.refresh(&refresh).await;
        assert_eq!(response.status(), 200);
        let refresh: Value = response.json::<Value>().await.unwrap()["refresh_token"].clone();
        let listed = sessions(&app, &access, "/v1/me/sessions").await;
        let created =
            chrono::DateTime::parse_from_rfc3339(listed[0]["created_at"].as_str().unwrap())
                .unwrap();
        let expires =
            chrono::DateTime::parse_from_rfc3339(listed[0]["expires_at"].as_str().unwrap())
                .unwrap();
        assert_eq!(
            (expires - created).num_seconds(),
            3600,
            "the refresh did not slide past it"
        );

        // The session began over an hour ago: its live refresh token no longer refreshes.
        run_sql(
            Arc::clone(&app.db),
            format!(
                "UPDATE sessions SET created_at = '{}' WHERE id = '{}'",
                (chrono::Utc::now() - chrono::Duration::hours(2)).naive_utc(),
                listed[0]["id"].as_str().unwrap()
            ),
        )
        .await
        .unwrap();
        assert_problem(app.refresh(&refresh).await, 401, "invalid_refresh_token").await;
    }
);
