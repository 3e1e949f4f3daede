use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{ADMIN_PASSWORD, assert_problem};

both_backends!(login_then_me_returns_the_caller, |app| async move {
    let token = app.admin_token().await;
    let response = app.get("/v1/me", &token).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["etag"], "\"1\"");
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["role"], "admin");
    assert!(me.get("password_hash").is_none());
});

both_backends!(
    wrong_password_and_unknown_user_get_the_same_answer,
    |app| async move {
        let wrong = assert_problem(
            app.login("admin", "not-the-password").await,
            401,
            "invalid_credentials",
        )
        .await;
        let unknown = assert_problem(
            app.login("nobody", ADMIN_PASSWORD).await,
            401,
            "invalid_credentials",
        )
        .await;
        assert_eq!(wrong["detail"], unknown["detail"]);
    }
);

both_backends!(
    refresh_rotates_and_reuse_revokes_the_chain,
    |app| async move {
        let first: Value = app
            .login("admin", ADMIN_PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        let refresh = |token: Value| {
            let app = &app;
            async move {
                app.client
                    .post(app.url("/v1/auth/refresh"))
                    .json(&json!({"refresh_token": token}))
                    .send()
                    .await
                    .unwrap()
            }
        };
        let second = refresh(first["refresh_token"].clone()).await;
        assert_eq!(second.status(), 200);
        let second: Value = second.json().await.unwrap();
        assert_ne!(second["refresh_token"], first["refresh_token"]);

        // Replaying the spent token is refused and kills the chain, including the newest token.
        assert_problem(
            refresh(first["refresh_token"].clone()).await,
            401,
            "invalid_refresh_token",
        )
        .await;
        assert_problem(
            refresh(second["refresh_token"].clone()).await,
            401,
            "invalid_refresh_token",
        )
        .await;
    }
);
