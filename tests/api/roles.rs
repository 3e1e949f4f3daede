//! Roles (viewer < editor < reviewer < admin) and the named tool tokens of `/v1/tokens`.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{PROPAGATION, TestApp, assert_problem, eventually, spawn_app_with};

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn list_tokens(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(&format!("/v1/tokens{query}"), token).await;
    assert_eq!(response.status(), 200, "list tokens{query}");
    response.json().await.unwrap()
}

both_backends!(a_viewer_gets_403_on_tokens_and_users, |app| async move {
    let viewer = app.user_with_role("vera", "viewer").await;
    assert_eq!(app.me_status(&viewer).await, 200, "a viewer reads /v1/me");
    let response = app
        .post_json("/v1/tokens", &viewer, &json!({"name": "script"}))
        .await;
    let problem = assert_problem(response, 403, "forbidden").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("editor"),
        "the detail names the role needed: {problem}"
    );
    assert_problem(app.get("/v1/tokens", &viewer).await, 403, "forbidden").await;
    assert_problem(
        app.delete("/v1/tokens/anything", &viewer).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(app.get("/v1/users", &viewer).await, 403, "forbidden").await;
    assert_problem(
        app.post_json(
            "/v1/users",
            &viewer,
            &json!({"username": "mallory", "password": "mallory-password"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
});

both_backends!(
    editors_and_reviewers_cannot_manage_users,
    |app| async move {
        for (name, role) in [("eddie", "editor"), ("rita", "reviewer")] {
            let token = app.user_with_role(name, role).await;
            let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
            assert_eq!(me["role"], role);
            assert_problem(app.get("/v1/users", &token).await, 403, "forbidden").await;
            let path = format!("/v1/users/{}", me["id"].as_str().unwrap());
            assert_problem(app.get(&path, &token).await, 403, "forbidden").await;
            assert_problem(
                app.patch_json(&path, &token, Some("\"1\""), &json!({"role": "admin"}))
                    .await,
                403,
                "forbidden",
            )
            .await;
        }
    }
);

both_backends!(
    an_editor_creates_lists_and_revokes_their_own_tool_tokens,
    |app| async move {
        let editor = app.user_with_role("eddie", "editor").await;
        let response = app
            .post_json(
                "/v1/tokens",
                &editor,
                &json!({"name": "CMS plugin", "expires_in_days": 30}),
            )
            .await;
        assert_eq!(response.status(), 201);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let created: Value = response.json().await.unwrap();
        assert_eq!(
            location,
            format!("/v1/tokens/{}", created["id"].as_str().unwrap())
        );
        assert_eq!(created["name"], "CMS plugin");
        assert_eq!(
            created["role"], "editor",
            "the role defaults to the owner's"
        );
        assert!(created["revoked_at"].is_null());
        let expires =
            chrono::DateTime::parse_from_rfc3339(created["expires_at"].as_str().unwrap()).unwrap();
        let days = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days();
        assert!((29..=30).contains(&days), "expires in {days} days");

        // The secret works as a bearer token, acting for its owner.
        let secret = created["token"].as_str().unwrap().to_owned();
        let me: Value = app.get("/v1/me", &secret).await.json().await.unwrap();
        assert_eq!(me["username"], "eddie");

        let page = list_tokens(&app, &editor, "").await;
        assert_eq!(ids(&page), vec![created["id"].as_str().unwrap()]);
        assert!(
            page["items"][0].get("token").is_none(),
            "the secret is shown only once"
        );
        assert!(page["next_cursor"].is_null());

        let response = app.delete(&location, &editor).await;
        assert_eq!(response.status(), 204);
        // Revoking again is fine (idempotent).
        assert_eq!(app.delete(&location, &editor).await.status(), 204);
        let page = list_tokens(&app, &editor, "").await;
        assert!(!page["items"][0]["revoked_at"].is_null());
        eventually(PROPAGATION, "the revoked tool token fails", || {
            let (app, secret) = (&app, secret.clone());
            async move { app.me_status(&secret).await == 401 }
        })
        .await;
        assert_problem(app.get("/v1/me", &secret).await, 401, "token_revoked").await;
    }
);

both_backends!(
    an_editor_cannot_see_or_revoke_another_users_tokens,
    |app| async move {
        let alice = app.user_with_role("alice", "editor").await;
        let bob = app.user_with_role("bob", "editor").await;
        let admin = app.admin_token().await;
        let bobs = app
            .create_tool_token(&bob, &json!({"name": "bob's script"}))
            .await;
        let admins = app
            .create_tool_token(&admin, &json!({"name": "admin's script"}))
            .await;

        // Alice sees only her own (none), even when she asks for Bob's.
        assert!(ids(&list_tokens(&app, &alice, "").await).is_empty());
        let bob_id = jwt_sub(&bob);
        assert!(ids(&list_tokens(&app, &alice, &format!("?user_id={bob_id}")).await).is_empty());

        for token in [&bobs, &admins] {
            let path = format!("/v1/tokens/{}", token["id"].as_str().unwrap());
            assert_problem(app.delete(&path, &alice).await, 404, "not_found").await;
        }
        assert_problem(
            app.delete("/v1/tokens/no-such-token", &alice).await,
            404,
            "not_found",
        )
        .await;
        // Bob's token still works.
        assert_eq!(app.me_status(bobs["token"].as_str().unwrap()).await, 200);
    }
);

fn jwt_sub(token: &str) -> String {
    crate::helpers::jwt::claims(token)["sub"]
        .as_str()
        .unwrap()
        .to_owned()
}

both_backends!(
    an_admin_sees_and_revokes_everyones_tokens,
    |app| async move {
        let bob = app.user_with_role("bob", "editor").await;
        let admin = app.admin_token().await;
        let bobs = app
            .create_tool_token(&bob, &json!({"name": "bob's script"}))
            .await;
        let admins = app
            .create_tool_token(&admin, &json!({"name": "admin's script"}))
            .await;

        let all = ids(&list_tokens(&app, &admin, "").await);
        assert_eq!(all.len(), 2);
        assert!(all.contains(&bobs["id"].as_str().unwrap().to_owned()));
        assert!(all.contains(&admins["id"].as_str().unwrap().to_owned()));
        let only_bob =
            ids(&list_tokens(&app, &admin, &format!("?user_id={}", jwt_sub(&bob))).await);
        assert_eq!(only_bob, vec![bobs["id"].as_str().unwrap()]);

        let path = format!("/v1/tokens/{}", bobs["id"].as_str().unwrap());
        assert_eq!(app.delete(&path, &admin).await.status(), 204);
        let secret = bobs["token"].as_str().unwrap().to_owned();
        eventually(PROPAGATION, "the token the admin revoked fails", || {
            let (app, secret) = (&app, secret.clone());
            async move { app.me_status(&secret).await == 401 }
        })
        .await;
    }
);

both_backends!(
    tool_tokens_are_listed_with_cursor_pagination,
    |app| async move {
        let editor = app.user_with_role("eddie", "editor").await;
        let mut created = Vec::new();
        for n in 0..5 {
            let token = app
                .create_tool_token(&editor, &json!({"name": format!("tool {n}")}))
                .await;
            created.push(token["id"].as_str().unwrap().to_owned());
        }
        let mut seen = Vec::new();
        let mut query = "?limit=2".to_owned();
        for _ in 0..10 {
            let page = list_tokens(&app, &editor, &query).await;
            assert!(ids(&page).len() <= 2);
            seen.extend(ids(&page));
            match page["next_cursor"].as_str() {
                Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen, created, "every token once, in creation order");
    }
);

both_backends!(
    a_tool_tokens_role_cannot_exceed_its_owners,
    |app| async move {
        let editor = app.user_with_role("eddie", "editor").await;
        let response = app
            .post_json(
                "/v1/tokens",
                &editor,
                &json!({"name": "too strong", "role": "reviewer"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/role");
        assert_eq!(problem["errors"].as_array().unwrap().len(), 1);

        let response = app
            .post_json(
                "/v1/tokens",
                &editor,
                &json!({"name": "", "role": "admin", "expires_in_days": 0}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        let mut pointers: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["pointer"].as_str().unwrap())
            .collect();
        pointers.sort_unstable();
        assert_eq!(pointers, ["/expires_in_days", "/name", "/role"]);

        // Less than the owner's role is fine, and the token is held to it.
        let weak = app
            .create_tool_token(&editor, &json!({"name": "read only", "role": "viewer"}))
            .await;
        assert_eq!(weak["role"], "viewer");
        let secret = weak["token"].as_str().unwrap();
        assert_eq!(app.me_status(secret).await, 200);
        assert_problem(app.get("/v1/tokens", secret).await, 403, "forbidden").await;
    }
);

both_backends!(
    a_demoted_users_existing_tokens_lose_the_old_role,
    |app| async move {
        let admin = app.admin_token().await;
        let editor = app.user_with_role("eddie", "editor").await;
        let tool = app
            .create_tool_token(&editor, &json!({"name": "script"}))
            .await;
        let tool_secret = tool["token"].as_str().unwrap().to_owned();
        assert_eq!(app.get("/v1/tokens", &editor).await.status(), 200);
        assert_eq!(app.get("/v1/tokens", &tool_secret).await.status(), 200);

        let path = format!("/v1/users/{}", jwt_sub(&editor));
        let response = app
            .patch_json(&path, &admin, Some("\"1\""), &json!({"role": "viewer"}))
            .await;
        assert_eq!(response.status(), 200);

        for token in [editor, tool_secret] {
            eventually(
                PROPAGATION,
                "a demoted user's token loses the editor role",
                || {
                    let (app, token) = (&app, token.clone());
                    async move { app.get("/v1/tokens", &token).await.status() == 403 }
                },
            )
            .await;
            assert_eq!(app.me_status(&token).await, 200, "still a viewer");
        }
    }
);

both_backends!(
    revoking_a_tool_token_on_one_instance_takes_effect_on_another_within_5_seconds,
    |app| async move {
        let other = spawn_app_with(Arc::clone(&app.db), |_| {}).await;
        let admin = app.admin_token().await;
        let tool = app
            .create_tool_token(&admin, &json!({"name": "ingest bot"}))
            .await;
        let secret = tool["token"].as_str().unwrap().to_owned();
        // Instance B has verified the token and cached its session as live.
        assert_eq!(other.me_status(&secret).await, 200);

        let path = format!("/v1/tokens/{}", tool["id"].as_str().unwrap());
        assert_eq!(app.delete(&path, &admin).await.status(), 204);
        eventually(PROPAGATION, "instance B refuses the revoked token", || {
            let (other, secret) = (&other, secret.clone());
            async move { other.me_status(&secret).await == 401 }
        })
        .await;
        assert_problem(other.get("/v1/me", &secret).await, 401, "token_revoked").await;
    }
);

both_backends!(
    concurrent_writes_queue_instead_of_failing,
    |app| async move {
        let admin = app.admin_token().await;
        let creates = (0..30).map(|n| {
            let (app, admin) = (&app, admin.clone());
            async move {
                app.post_json("/v1/tokens", &admin, &json!({"name": format!("bot {n}")}))
                    .await
                    .status()
                    .as_u16()
            }
        });
        let statuses = futures_util::future::join_all(creates).await;
        assert!(
            statuses.iter().all(|s| *s == 201),
            "every concurrent write succeeds: {statuses:?}"
        );
        let page = list_tokens(&app, &admin, "?limit=500").await;
        assert_eq!(ids(&page).len(), 30);
    }
);
