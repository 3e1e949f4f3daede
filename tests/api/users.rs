//! The admin's `/v1/users`: create, list, read, change (with If-Match), the last admin, and
//! what disabling an account does to its tokens.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    PROPAGATION, TestApp, assert_problem, eventually, password_of, spawn_app_with,
};

fn pointers(problem: &Value) -> Vec<String> {
    let mut pointers: Vec<String> = problem["errors"]
        .as_array()
        .expect("a validation problem lists its errors")
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    pointers.sort_unstable();
    pointers
}

fn user_path(user: &Value) -> String {
    format!("/v1/users/{}", user["id"].as_str().unwrap())
}

fn etag(response: &reqwest::Response) -> String {
    response.headers()["etag"].to_str().unwrap().to_owned()
}

both_backends!(
    admin_creates_a_user_with_location_and_etag,
    |app| async move {
        let admin = app.admin_token().await;
        let admin_id: Value = app.get("/v1/me", &admin).await.json().await.unwrap();
        let response = app
            .post_json(
                "/v1/users",
                &admin,
                &json!({
                    "username": "Amina",
                    "password": "a long passphrase",
                    "role": "editor",
                    "display_name": "  Amina Yusufzai  ",
                }),
            )
            .await;
        assert_eq!(response.status(), 201);
        assert_eq!(etag(&response), "\"1\"");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let created: Value = response.json().await.unwrap();
        assert_eq!(location, user_path(&created));
        assert_eq!(created["username"], "amina", "stored lowercased");
        assert_eq!(created["display_name"], "Amina Yusufzai", "trimmed");
        assert_eq!(created["role"], "editor");
        assert_eq!(created["disabled"], false);
        assert_eq!(created["revision"], 1);
        assert_eq!(created["created_by"], admin_id["id"]);
        assert!(created.get("password_hash").is_none());
        assert!(created.get("password").is_none());

        let response = app.get(&location, &admin).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        let read: Value = response.json().await.unwrap();
        assert_eq!(read, created);

        // The new account can log in.
        let token = app.token_for("amina", "a long passphrase").await;
        let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
        assert_eq!(me["id"], created["id"]);
    }
);

both_backends!(a_new_users_role_defaults_to_viewer, |app| async move {
    let admin = app.admin_token().await;
    let response = app
        .post_json(
            "/v1/users",
            &admin,
            &json!({"username": "vera", "password": "vera-password"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["role"], "viewer");
    assert!(created["display_name"].is_null());
});

both_backends!(
    a_duplicate_username_is_409_username_taken,
    |app| async move {
        let admin = app.admin_token().await;
        let first = app.create_user(&admin, "amina", "viewer").await;
        for username in ["amina", "AMINA", " Amina "] {
            let response = app
                .post_json(
                    "/v1/users",
                    &admin,
                    &json!({"username": username, "password": "another-password"}),
                )
                .await;
            let problem = assert_problem(response, 409, "username_taken").await;
            assert_eq!(problem["existing_id"], first["id"], "for {username:?}");
        }
        // The first admin's name is taken too.
        let response = app
            .post_json(
                "/v1/users",
                &admin,
                &json!({"username": "admin", "password": "another-password"}),
            )
            .await;
        assert_problem(response, 409, "username_taken").await;
    }
);

both_backends!(
    an_invalid_user_is_422_naming_each_bad_field,
    |app| async move {
        let admin = app.admin_token().await;
        let response = app
            .post_json(
                "/v1/users",
                &admin,
                &json!({"username": "a!", "password": "short", "display_name": "   "}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(
            pointers(&problem),
            ["/display_name", "/password", "/username"]
        );
        for error in problem["errors"].as_array().unwrap() {
            assert!(!error["message"].as_str().unwrap().is_empty());
        }

        // Shape errors name their field too.
        for (body, pointer) in [
            (
                json!({"username": "vera", "password": "vera-password", "role": "root"}),
                "/role",
            ),
            (json!({"username": "vera"}), "/password"),
            (
                json!({"username": 7, "password": "vera-password"}),
                "/username",
            ),
            (
                json!({"username": "vera", "password": "vera-password", "is_admin": true}),
                "/is_admin",
            ),
        ] {
            let response = app.post_json("/v1/users", &admin, &body).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), [pointer], "for {body}");
        }
        // Nothing was created.
        let page: Value = app.get("/v1/users", &admin).await.json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
    }
);

async fn list_page(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(&format!("/v1/users{query}"), token).await;
    assert_eq!(response.status(), 200, "GET /v1/users{query}");
    response.json().await.unwrap()
}

both_backends!(
    users_are_paged_by_cursor_without_duplicates_or_gaps,
    |app| async move {
        let admin = app.admin_token().await;
        for n in 0..5 {
            app.create_user(&admin, &format!("user{n}"), "viewer").await;
        }
        let all = list_page(&app, &admin, "?limit=500").await;
        let all_ids: Vec<Value> = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].clone())
            .collect();
        assert_eq!(all_ids.len(), 6);
        assert!(all["next_cursor"].is_null());
        assert_eq!(all["items"][0]["username"], "admin", "oldest first");
        for user in all["items"].as_array().unwrap() {
            assert!(user.get("password_hash").is_none());
        }

        let mut seen: Vec<Value> = Vec::new();
        let mut query = "?limit=2".to_owned();
        let mut pages = 0;
        let mut late_user = None;
        loop {
            let page = list_page(&app, &admin, &query).await;
            pages += 1;
            let items = page["items"].as_array().unwrap();
            assert!(items.len() <= 2, "a page holds at most `limit` items");
            seen.extend(items.iter().map(|u| u["id"].clone()));
            if pages == 1 {
                // A user created while a client pages through shows up once, at the end.
                late_user = Some(app.create_user(&admin, "latecomer", "viewer").await);
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
                None => break,
            }
            assert!(pages < 10, "pagination does not end");
        }
        let mut expected = all_ids.clone();
        expected.push(late_user.unwrap()["id"].clone());
        assert_eq!(seen, expected, "every user exactly once, in order");
        assert_eq!(pages, 4);
        let unique: HashSet<String> = seen.iter().map(|v| v.to_string()).collect();
        assert_eq!(unique.len(), seen.len());
    }
);

both_backends!(
    a_list_with_a_bad_limit_or_cursor_is_refused,
    |app| async move {
        let admin = app.admin_token().await;
        for limit in ["0", "501", "-1"] {
            let response = app.get(&format!("/v1/users?limit={limit}"), &admin).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/limit"]);
        }
        assert_eq!(
            app.get("/v1/users?limit=500", &admin).await.status(),
            200,
            "500 is allowed"
        );
        let response = app.get("/v1/users?cursor=!!!", &admin).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/cursor"]);
        assert_problem(
            app.get("/v1/users?limit=abc", &admin).await,
            400,
            "invalid_query",
        )
        .await;
    }
);

both_backends!(an_unknown_user_is_404, |app| async move {
    let admin = app.admin_token().await;
    let missing = format!("/v1/users/{}", uuid::Uuid::now_v7());
    assert_problem(app.get(&missing, &admin).await, 404, "not_found").await;
    assert_problem(
        app.patch_json(
            &missing,
            &admin,
            Some("\"1\""),
            &json!({"display_name": "x"}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
});

both_backends!(patch_without_if_match_returns_428, |app| async move {
    let admin = app.admin_token().await;
    let user = app.create_user(&admin, "amina", "viewer").await;
    let response = app
        .patch_json(&user_path(&user), &admin, None, &json!({"role": "editor"}))
        .await;
    assert_problem(response, 428, "if_match_required").await;
    let read: Value = app
        .get(&user_path(&user), &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["role"], "viewer", "nothing changed");
});

both_backends!(
    patch_with_a_malformed_if_match_returns_400,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "viewer").await;
        for value in ["1", "\"abc\"", "\"\"", "\"-1\""] {
            let response = app
                .patch_json(
                    &user_path(&user),
                    &admin,
                    Some(value),
                    &json!({"role": "editor"}),
                )
                .await;
            assert_problem(response, 400, "invalid_if_match").await;
        }
    }
);

both_backends!(patch_with_stale_if_match_returns_412, |app| async move {
    let admin = app.admin_token().await;
    let user = app.create_user(&admin, "amina", "viewer").await;
    let path = user_path(&user);
    let first = app
        .patch_json(&path, &admin, Some("\"1\""), &json!({"role": "editor"}))
        .await;
    assert_eq!(first.status(), 200);

    // A second writer who read revision 1 is refused, and told the current revision.
    let response = app
        .patch_json(&path, &admin, Some("\"1\""), &json!({"role": "reviewer"}))
        .await;
    let problem = assert_problem(response, 412, "stale_revision").await;
    assert_eq!(problem["current_revision"], 2);
    let response = app
        .patch_json(&path, &admin, Some("\"9\""), &json!({"role": "reviewer"}))
        .await;
    let problem = assert_problem(response, 412, "stale_revision").await;
    assert_eq!(problem["current_revision"], 2);

    let read = app.get(&path, &admin).await;
    assert_eq!(etag(&read), "\"2\"");
    let read: Value = read.json().await.unwrap();
    assert_eq!(read["role"], "editor", "the stale change was not applied");
});

both_backends!(
    patch_with_the_current_if_match_returns_200_and_a_new_etag,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "viewer").await;
        let path = user_path(&user);
        let response = app
            .patch_json(
                &path,
                &admin,
                Some("\"1\""),
                &json!({"display_name": "Amina Y.", "role": "reviewer", "edit_summary": "promoted"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let updated: Value = response.json().await.unwrap();
        assert_eq!(updated["revision"], 2);
        assert_eq!(updated["display_name"], "Amina Y.");
        assert_eq!(updated["role"], "reviewer");
        assert_eq!(updated["username"], "amina");
        assert_ne!(updated["updated_at"], user["updated_at"]);
        assert_eq!(updated["created_at"], user["created_at"]);

        // Merge-patch semantics: null clears, absent leaves alone; plain JSON works too.
        let response = app
            .client
            .patch(app.url(&path))
            .bearer_auth(&admin)
            .header("if-match", "\"2\"")
            .json(&json!({"display_name": null}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"3\"");
        let updated: Value = response.json().await.unwrap();
        assert!(updated["display_name"].is_null());
        assert_eq!(updated["role"], "reviewer");
    }
);

both_backends!(
    an_invalid_patch_is_422_naming_each_bad_field,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "viewer").await;
        let path = user_path(&user);
        let response = app
            .patch_json(
                &path,
                &admin,
                Some("\"1\""),
                &json!({"role": null, "disabled": null, "password": "short", "display_name": ""}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(
            pointers(&problem),
            ["/disabled", "/display_name", "/password", "/role"]
        );
        // An empty patch changes nothing: 200, and no revision (issue 12).
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({}))
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({"username": "other"}))
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/username"]);
        let read = app.get(&path, &admin).await;
        assert_eq!(etag(&read), "\"1\"", "nothing changed");
    }
);

both_backends!(a_password_change_takes_effect_at_login, |app| async move {
    let admin = app.admin_token().await;
    let user = app.create_user(&admin, "amina", "viewer").await;
    let response = app
        .patch_json(
            &user_path(&user),
            &admin,
            Some("\"1\""),
            &json!({"password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_problem(
        app.login("amina", &password_of("amina")).await,
        401,
        "invalid_credentials",
    )
    .await;
    app.token_for("amina", "a brand new passphrase").await;
});

both_backends!(
    the_last_admin_cannot_be_demoted_or_disabled,
    |app| async move {
        let admin = app.admin_token().await;
        let me: Value = app.get("/v1/me", &admin).await.json().await.unwrap();
        let path = user_path(&me);
        for change in [
            json!({"role": "reviewer"}),
            json!({"disabled": true}),
            json!({"role": "viewer", "disabled": true}),
        ] {
            let response = app.patch_json(&path, &admin, Some("\"1\""), &change).await;
            assert_problem(response, 409, "last_admin").await;
        }
        assert_eq!(etag(&app.get(&path, &admin).await), "\"1\"");

        // A disabled admin does not count as a second admin.
        let second = app.create_user(&admin, "second", "admin").await;
        let response = app
            .patch_json(
                &user_path(&second),
                &admin,
                Some("\"1\""),
                &json!({"disabled": true}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({"role": "editor"}))
            .await;
        assert_problem(response, 409, "last_admin").await;

        // With another enabled admin the first can step down, and then the other is the last.
        let response = app
            .patch_json(
                &user_path(&second),
                &admin,
                Some("\"2\""),
                &json!({"disabled": false}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({"role": "editor"}))
            .await;
        assert_eq!(response.status(), 200);
        let second_token = app.token_for("second", &password_of("second")).await;
        let response = app
            .patch_json(
                &user_path(&second),
                &second_token,
                Some("\"3\""),
                &json!({"role": "viewer"}),
            )
            .await;
        assert_problem(response, 409, "last_admin").await;
    }
);

both_backends!(
    disabling_a_user_stops_their_tokens_within_5_seconds_and_their_logins,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "editor").await;
        let login = app.login_ok("amina", &password_of("amina")).await;
        let access = login["access_token"].as_str().unwrap().to_owned();
        let tool = app
            .create_tool_token(&access, &json!({"name": "script"}))
            .await;
        let tool_secret = tool["token"].as_str().unwrap().to_owned();
        assert_eq!(app.me_status(&access).await, 200);
        assert_eq!(app.me_status(&tool_secret).await, 200);

        let response = app
            .patch_json(
                &user_path(&user),
                &admin,
                Some("\"1\""),
                &json!({"disabled": true}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let updated: Value = response.json().await.unwrap();
        assert_eq!(updated["disabled"], true);

        for token in [access.clone(), tool_secret] {
            eventually(PROPAGATION, "a disabled user's token fails", || {
                let (app, token) = (&app, token.clone());
                async move { app.me_status(&token).await == 401 }
            })
            .await;
            assert_problem(app.get("/v1/me", &token).await, 401, "user_disabled").await;
        }
        // The right password no longer logs in, and the refresh token no longer refreshes.
        let response = app.login("amina", &password_of("amina")).await;
        assert_eq!(response.status(), 401);
        assert_eq!(app.refresh(&login["refresh_token"]).await.status(), 401);
    }
);

both_backends!(
    disabling_a_user_on_one_instance_stops_their_token_on_another_within_5_seconds,
    |app| async move {
        let other = spawn_app_with(Arc::clone(&app.db), |_| {}).await;
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "viewer").await;
        let token = app.token_for("amina", &password_of("amina")).await;
        assert_eq!(other.me_status(&token).await, 200);

        let response = app
            .patch_json(
                &user_path(&user),
                &admin,
                Some("\"1\""),
                &json!({"disabled": true}),
            )
            .await;
        assert_eq!(response.status(), 200);
        eventually(PROPAGATION, "the other instance refuses the token", || {
            let (other, token) = (&other, token.clone());
            async move { other.me_status(&token).await == 401 }
        })
        .await;
    }
);

both_backends!(
    concurrent_patches_with_the_same_if_match_let_exactly_one_win,
    |app| async move {
        let admin = app.admin_token().await;
        let user = app.create_user(&admin, "amina", "viewer").await;
        let path = user_path(&user);
        let attempts = (0..8).map(|n| {
            let (app, admin, path) = (&app, admin.clone(), path.clone());
            async move {
                let body = json!({"display_name": format!("writer {n}")});
                app.patch_json(&path, &admin, Some("\"1\""), &body).await
            }
        });
        let responses = futures_util::future::join_all(attempts).await;
        let mut won = 0;
        for response in responses {
            match response.status().as_u16() {
                200 => won += 1,
                _ => {
                    let problem = assert_problem(response, 412, "stale_revision").await;
                    assert_eq!(problem["current_revision"], 2);
                }
            }
        }
        assert_eq!(won, 1, "exactly one writer wins; no update is lost");
        assert_eq!(etag(&app.get(&path, &admin).await), "\"2\"");
    }
);
