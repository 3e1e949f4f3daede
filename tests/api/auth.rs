//! Logging in, `/v1/me`, refresh rotation, logout, and every kind of token that must be refused.

use std::sync::Arc;

use claimledger::config::Secret;
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    ADMIN_PASSWORD, JWT_SECRET, PROPAGATION, TestApp, assert_problem, eventually, jwt,
    spawn_app_with,
};

both_backends!(login_then_me_returns_the_caller, |app| async move {
    let token = app.admin_token().await;
    let response = app.get("/v1/me", &token).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["etag"], "\"1\"");
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["role"], "admin");
    assert_eq!(me["disabled"], false);
    assert_eq!(me["revision"], 1);
    assert!(me.get("password_hash").is_none());
});

both_backends!(
    login_returns_a_bearer_pair_that_must_not_be_cached,
    |app| async move {
        let response = app.login("admin", ADMIN_PASSWORD).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3600);
        assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            body["refresh_token"]
                .as_str()
                .is_some_and(|t| t.len() >= 32)
        );
    }
);

both_backends!(
    usernames_are_not_case_sensitive_at_login,
    |app| async move {
        let body = app.login_ok("  ADMIN ", ADMIN_PASSWORD).await;
        let me: Value = app
            .get("/v1/me", body["access_token"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["username"], "admin");
    }
);

both_backends!(
    access_tokens_carry_the_documented_claims_and_kid,
    |app| async move {
        let first = app.admin_token().await;
        let second = app.admin_token().await;
        let header = jwt::header(&first);
        assert_eq!(header["alg"], "HS256");
        assert_eq!(header["kid"], jwt::kid_for(JWT_SECRET));

        let claims = jwt::claims(&first);
        let me: Value = app.get("/v1/me", &first).await.json().await.unwrap();
        assert_eq!(claims["sub"], me["id"]);
        assert_eq!(claims["role"], "admin");
        assert_eq!(claims["iss"], "claimledger");
        assert_eq!(claims["aud"], "claimledger-api");
        let (iat, exp) = (
            claims["iat"].as_i64().unwrap(),
            claims["exp"].as_i64().unwrap(),
        );
        assert_eq!(exp - iat, 3600);
        let now = chrono::Utc::now().timestamp();
        assert!((iat - now).abs() < 60, "iat {iat} is now ({now})");
        assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
        assert_ne!(claims["jti"], jwt::claims(&second)["jti"], "jti is unique");
    }
);

both_backends!(
    wrong_password_and_unknown_user_get_the_same_answer,
    |app| async move {
        let wrong = app.login("admin", "not-the-password").await;
        assert_eq!(wrong.headers()["www-authenticate"], "Bearer");
        let wrong = assert_problem(wrong, 401, "invalid_credentials").await;
        let unknown = assert_problem(
            app.login("nobody", ADMIN_PASSWORD).await,
            401,
            "invalid_credentials",
        )
        .await;
        let without_id = |mut problem: Value| {
            problem.as_object_mut().unwrap().remove("request_id");
            problem
        };
        assert_eq!(without_id(wrong), without_id(unknown));
    }
);

both_backends!(me_without_a_token_is_401_missing_token, |app| async move {
    let response = app.client.get(app.url("/v1/me")).send().await.unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    assert_problem(response, 401, "missing_token").await;
});

both_backends!(
    me_with_a_malformed_authorization_header_is_401,
    |app| async move {
        for value in [
            "Basic YWRtaW46cGFzc3dvcmQ=",
            "Bearer",
            "Bearer not-a-jwt",
            "Bearer a.b.c",
            "Token abc",
        ] {
            let response = app
                .client
                .get(app.url("/v1/me"))
                .header("authorization", value)
                .send()
                .await
                .unwrap();
            let problem = assert_problem(response, 401, "invalid_token").await;
            assert!(!problem["detail"].as_str().unwrap().is_empty(), "{value}");
        }
    }
);

both_backends!(
    refresh_rotates_and_reuse_revokes_the_chain,
    |app| async move {
        let first = app.login_ok("admin", ADMIN_PASSWORD).await;
        let second = app.refresh(&first["refresh_token"]).await;
        assert_eq!(second.status(), 200);
        assert_eq!(second.headers()["cache-control"], "no-store");
        let second: Value = second.json().await.unwrap();
        assert_ne!(second["refresh_token"], first["refresh_token"]);
        let access = second["access_token"].as_str().unwrap().to_owned();
        assert_eq!(
            app.me_status(&access).await,
            200,
            "the new access token works"
        );
        let third: Value = app
            .refresh(&second["refresh_token"])
            .await
            .json()
            .await
            .unwrap();

        // Replaying a spent token is refused and kills the chain, including the newest token.
        assert_problem(
            app.refresh(&first["refresh_token"]).await,
            401,
            "invalid_refresh_token",
        )
        .await;
        assert_problem(
            app.refresh(&third["refresh_token"]).await,
            401,
            "invalid_refresh_token",
        )
        .await;
        // ... and the access tokens of that login stop working too.
        let newest = third["access_token"].as_str().unwrap().to_owned();
        eventually(PROPAGATION, "access tokens of a reused chain fail", || {
            let (app, newest) = (&app, newest.clone());
            async move { app.me_status(&newest).await == 401 }
        })
        .await;
        assert_problem(app.get("/v1/me", &access).await, 401, "token_revoked").await;

        // Another login of the same user is not affected.
        let other = app.admin_token().await;
        assert_eq!(app.me_status(&other).await, 200);
    }
);

both_backends!(
    concurrent_refreshes_of_one_token_let_at_most_one_win_and_revoke_the_chain,
    |app| async move {
        let login = app.login_ok("admin", ADMIN_PASSWORD).await;
        let (a, b) = tokio::join!(
            app.refresh(&login["refresh_token"]),
            app.refresh(&login["refresh_token"])
        );
        let statuses = [a.status().as_u16(), b.status().as_u16()];
        assert!(
            statuses.contains(&401) && !statuses.iter().all(|s| *s == 200),
            "one refresh token spent twice: {statuses:?}"
        );
        for response in [a, b] {
            if response.status() == 200 {
                // The winner's new refresh token belongs to the revoked chain.
                let won: Value = response.json().await.unwrap();
                assert_problem(
                    app.refresh(&won["refresh_token"]).await,
                    401,
                    "invalid_refresh_token",
                )
                .await;
            } else {
                assert_problem(response, 401, "invalid_refresh_token").await;
            }
        }
    }
);

both_backends!(refresh_with_an_unknown_token_is_401, |app| async move {
    assert_problem(
        app.refresh(&json!("clr_rt_not-a-token")).await,
        401,
        "invalid_refresh_token",
    )
    .await;
    // An access token is not a refresh token.
    let access = app.admin_token().await;
    assert_problem(
        app.refresh(&json!(access)).await,
        401,
        "invalid_refresh_token",
    )
    .await;
});

async fn revoke(app: &TestApp, refresh_token: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/v1/auth/revoke"))
        .json(&json!({"refresh_token": refresh_token}))
        .send()
        .await
        .unwrap()
}

both_backends!(
    revoke_ends_the_login_and_its_access_tokens,
    |app| async move {
        let login = app.login_ok("admin", ADMIN_PASSWORD).await;
        let other = app.admin_token().await;
        let access = login["access_token"].as_str().unwrap().to_owned();
        assert_eq!(app.me_status(&access).await, 200);

        let response = revoke(&app, &login["refresh_token"]).await;
        assert_eq!(response.status(), 204);

        assert_problem(
            app.refresh(&login["refresh_token"]).await,
            401,
            "invalid_refresh_token",
        )
        .await;
        eventually(
            PROPAGATION,
            "the revoked login's access token fails",
            || {
                let (app, access) = (&app, access.clone());
                async move { app.me_status(&access).await == 401 }
            },
        )
        .await;
        assert_problem(app.get("/v1/me", &access).await, 401, "token_revoked").await;
        assert_eq!(
            app.me_status(&other).await,
            200,
            "another login is not affected"
        );
    }
);

both_backends!(
    revoke_answers_204_for_unknown_and_already_revoked_tokens,
    |app| async move {
        assert_eq!(revoke(&app, &json!("clr_rt_unknown")).await.status(), 204);
        let login = app.login_ok("admin", ADMIN_PASSWORD).await;
        assert_eq!(revoke(&app, &login["refresh_token"]).await.status(), 204);
        assert_eq!(revoke(&app, &login["refresh_token"]).await.status(), 204);
    }
);

both_backends!(
    revoke_on_one_instance_ends_the_login_on_another_within_5_seconds,
    |app| async move {
        let other = spawn_app_with(Arc::clone(&app.db), |_| {}).await;
        let login = app.login_ok("admin", ADMIN_PASSWORD).await;
        let access = login["access_token"].as_str().unwrap().to_owned();
        // The other instance has seen (and cached) the session as live.
        assert_eq!(other.me_status(&access).await, 200);

        assert_eq!(revoke(&app, &login["refresh_token"]).await.status(), 204);
        eventually(PROPAGATION, "the other instance refuses the token", || {
            let (other, access) = (&other, access.clone());
            async move { other.me_status(&access).await == 401 }
        })
        .await;
    }
);

// ---- Forged and otherwise invalid tokens ----------------------------------------------------

/// The claims of a real access token for the admin, to alter one thing at a time.
async fn real_claims(app: &TestApp) -> Value {
    jwt::claims(&app.admin_token().await)
}

async fn assert_refused(app: &TestApp, token: &str) {
    assert_problem(app.get("/v1/me", token).await, 401, "invalid_token").await;
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

both_backends!(
    a_token_re_signed_with_the_real_key_is_accepted,
    |app| async move {
        // The control for the forgeries below: the forging itself produces valid tokens, so
        // each of them is refused for the one thing it changes.
        let claims = real_claims(&app).await;
        let kid = jwt::kid_for(JWT_SECRET);
        let token = jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET);
        assert_eq!(app.me_status(&token).await, 200);
    }
);

both_backends!(token_with_alg_none_is_401, |app| async move {
    let claims = real_claims(&app).await;
    let kid = jwt::kid_for(JWT_SECRET);
    for alg in ["none", "None", "NONE"] {
        let token = jwt::unsigned(&json!({"alg": alg, "typ": "JWT", "kid": kid}), &claims);
        assert_refused(&app, &token).await;
    }
    // An unsigned token with a signature of the right key's HS256 glued on is no better.
    let signed = jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET);
    let signature = signed.rsplit('.').next().unwrap();
    let unsigned = jwt::unsigned(&json!({"alg": "none", "kid": kid}), &claims);
    assert_refused(&app, &format!("{unsigned}{signature}")).await;
});

both_backends!(
    token_signed_with_hs512_and_the_right_secret_is_401,
    |app| async move {
        let claims = real_claims(&app).await;
        let kid = jwt::kid_for(JWT_SECRET);
        for alg in [Algorithm::HS384, Algorithm::HS512] {
            let token = jwt::sign(alg, Some(&kid), &claims, JWT_SECRET);
            assert_refused(&app, &token).await;
        }
    }
);

both_backends!(token_with_a_bad_signature_is_401, |app| async move {
    let claims = real_claims(&app).await;
    let kid = jwt::kid_for(JWT_SECRET);
    // Signed with another key that claims to be ours.
    let other_key = "another-secret-that-is-at-least-32-bytes!";
    assert_refused(
        &app,
        &jwt::sign(Algorithm::HS256, Some(&kid), &claims, other_key),
    )
    .await;

    // A real token whose payload was changed after signing (a viewer's token made admin would
    // look like this).
    let real = jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET);
    let mut altered = claims.clone();
    altered["exp"] = json!(claims["exp"].as_i64().unwrap() + 1);
    let forged_payload = jwt::sign(Algorithm::HS256, Some(&kid), &altered, JWT_SECRET);
    let parts: Vec<&str> = real.split('.').collect();
    let forged_parts: Vec<&str> = forged_payload.split('.').collect();
    let tampered = format!("{}.{}.{}", parts[0], forged_parts[1], parts[2]);
    assert_refused(&app, &tampered).await;

    // A signature with garbage in it.
    assert_refused(&app, &format!("{}.{}.AAAA", parts[0], parts[1])).await;
});

both_backends!(expired_token_is_401, |app| async move {
    let mut claims = real_claims(&app).await;
    claims["iat"] = json!(now() - 7200);
    claims["exp"] = json!(now() - 3600);
    let kid = jwt::kid_for(JWT_SECRET);
    assert_refused(
        &app,
        &jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET),
    )
    .await;
});

both_backends!(token_with_the_wrong_issuer_is_401, |app| async move {
    let mut claims = real_claims(&app).await;
    claims["iss"] = json!("someone-else");
    let kid = jwt::kid_for(JWT_SECRET);
    assert_refused(
        &app,
        &jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET),
    )
    .await;
});

both_backends!(token_with_the_wrong_audience_is_401, |app| async move {
    let mut claims = real_claims(&app).await;
    claims["aud"] = json!("another-api");
    let kid = jwt::kid_for(JWT_SECRET);
    assert_refused(
        &app,
        &jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET),
    )
    .await;
});

both_backends!(
    token_with_an_unknown_or_missing_kid_is_401,
    |app| async move {
        let claims = real_claims(&app).await;
        assert_refused(
            &app,
            &jwt::sign(
                Algorithm::HS256,
                Some("0123456789abcdef"),
                &claims,
                JWT_SECRET,
            ),
        )
        .await;
        assert_refused(
            &app,
            &jwt::sign(Algorithm::HS256, None, &claims, JWT_SECRET),
        )
        .await;
    }
);

both_backends!(token_missing_a_required_claim_is_401, |app| async move {
    let claims = real_claims(&app).await;
    let kid = jwt::kid_for(JWT_SECRET);
    for claim in ["sub", "role", "exp", "iat", "jti", "iss", "aud", "sid"] {
        let mut partial = claims.clone();
        partial.as_object_mut().unwrap().remove(claim);
        let token = jwt::sign(Algorithm::HS256, Some(&kid), &partial, JWT_SECRET);
        let response = app.get("/v1/me", &token).await;
        assert_eq!(response.status(), 401, "a token without {claim}");
    }
});

both_backends!(
    validly_signed_token_for_an_unknown_session_or_another_user_is_401,
    |app| async move {
        let kid = jwt::kid_for(JWT_SECRET);
        let mut claims = real_claims(&app).await;
        claims["sid"] = json!(uuid::Uuid::now_v7().to_string());
        assert_refused(
            &app,
            &jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET),
        )
        .await;

        // A real session of the admin's, claimed for another user.
        let admin = app.admin_token().await;
        let viewer = app.user_with_role("vera", "viewer").await;
        let mut claims = jwt::claims(&admin);
        claims["sub"] = jwt::claims(&viewer)["sub"].clone();
        assert_refused(
            &app,
            &jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET),
        )
        .await;
    }
);

both_backends!(
    a_token_cannot_claim_more_than_its_users_role,
    |app| async move {
        // Even signed with the real key, a token's role never lifts the user above their own.
        let viewer = app.user_with_role("vera", "viewer").await;
        let mut claims = jwt::claims(&viewer);
        claims["role"] = json!("admin");
        let kid = jwt::kid_for(JWT_SECRET);
        let token = jwt::sign(Algorithm::HS256, Some(&kid), &claims, JWT_SECRET);
        assert_problem(app.get("/v1/users", &token).await, 403, "forbidden").await;
    }
);

both_backends!(
    tokens_of_a_previous_key_still_verify_during_a_rotation,
    |app| async move {
        const NEW_SECRET: &str = "the-next-jwt-secret-that-is-32-bytes-long";
        let old_token = app.admin_token().await;
        let rotated = spawn_app_with(Arc::clone(&app.db), |config| {
            config.jwt_secret = Some(Secret::new(NEW_SECRET));
            config.jwt_previous_secrets = vec![Secret::new(JWT_SECRET)];
        })
        .await;
        assert_eq!(
            rotated.me_status(&old_token).await,
            200,
            "the old key still verifies"
        );
        let new_token = rotated.admin_token().await;
        assert_eq!(jwt::header(&new_token)["kid"], jwt::kid_for(NEW_SECRET));
        assert_eq!(rotated.me_status(&new_token).await, 200);
        // An instance that does not know the new key refuses its tokens.
        assert_refused(&app, &new_token).await;

        // Once the old key is dropped, its tokens stop working.
        let retired = spawn_app_with(Arc::clone(&app.db), |config| {
            config.jwt_secret = Some(Secret::new(NEW_SECRET));
        })
        .await;
        assert_refused(&retired, &old_token).await;
        assert_eq!(retired.me_status(&new_token).await, 200);
    }
);
