//! `Idempotency-Key` on creates (issue 4): a replay answers what the first request answered
//! and creates nothing; the same key with another body is `422`; keys are per user; many
//! concurrent requests with one key create exactly one record (the others replay it or are
//! told `409` while it is still in flight), also across two instances; a bad key is `400`.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, source_body};
use crate::helpers::{TestApp, assert_problem, spawn_app_with};
use crate::history_fixtures::{patch_ok, post_with_key, status_and_body, tag, unique};

/// What a create answered, all of it that a replay must repeat.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    status: u16,
    location: Option<String>,
    etag: Option<String>,
    replayed: Option<String>,
    body: Value,
}

async fn answer(response: reqwest::Response) -> Answer {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (location, etag, replayed) = (
        header("location"),
        header("etag"),
        header("idempotent-replayed"),
    );
    let (status, body) = status_and_body(response).await;
    Answer {
        status,
        location,
        etag,
        replayed,
        body,
    }
}

/// How many records a list holds (up to 500), retracted ones included.
async fn count(app: &TestApp, token: &str, list: &str) -> usize {
    app.all_pages(list, token, &[("include_retracted", "true")], 500)
        .await
        .len()
}

/// The first create, then a replay: same status, body and Location, marked as a replay,
/// and nothing new in the list.
async fn replay_returns_the_first_answer(app: &TestApp, token: &str, list: &str, body: &Value) {
    let key = unique("key").replace(' ', "-");
    let before = count(app, token, list).await;
    let first = answer(post_with_key(app, list, token, &key, body).await).await;
    assert_eq!(first.status, 201, "{first:?}");
    assert_eq!(first.replayed, None, "the first answer is not a replay");
    assert_eq!(
        first.location.as_deref(),
        Some(format!("{list}/{}", id(&first.body)).as_str())
    );
    assert_eq!(first.etag.as_deref(), Some(tag(1).as_str()));
    assert_eq!(count(app, token, list).await, before + 1);

    for _ in 0..2 {
        let replay = answer(post_with_key(app, list, token, &key, body).await).await;
        assert_eq!(replay.replayed.as_deref(), Some("true"), "{replay:?}");
        assert_eq!(
            Answer {
                replayed: None,
                ..replay
            },
            Answer {
                replayed: None,
                ..first.clone()
            },
            "{list}: a replay answers what the first request answered"
        );
    }
    assert_eq!(
        count(app, token, list).await,
        before + 1,
        "{list}: nothing new"
    );
}

both_backends!(
    a_replayed_create_of_a_claim_or_a_source_returns_the_first_answer_and_creates_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        replay_returns_the_first_answer(
            &app,
            &team.editor,
            "/v1/claims",
            &claim_body("Twelve people were injured.", &source),
        )
        .await;
        replay_returns_the_first_answer(
            &app,
            &team.editor,
            "/v1/sources",
            &source_body("A report"),
        )
        .await;
        replay_returns_the_first_answer(
            &app,
            &team.editor,
            "/v1/entities",
            &json!({"kind": "person", "name": "Mufti Muzahim"}),
        )
        .await;
    }
);

both_backends!(
    a_replay_after_the_record_changed_still_returns_the_original_answer,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let body = claim_body("Twelve people were injured.", &source);
        let first =
            answer(post_with_key(&app, "/v1/claims", &team.editor, "edit-then-retry", &body).await)
                .await;
        assert_eq!(first.status, 201);
        patch_ok(
            &app,
            first.location.as_deref().unwrap(),
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.9}),
        )
        .await;
        let replay =
            answer(post_with_key(&app, "/v1/claims", &team.editor, "edit-then-retry", &body).await)
                .await;
        assert_eq!(replay.status, 201);
        assert_eq!(
            replay.body, first.body,
            "the original response, not the record now"
        );
        assert_eq!(replay.body["revision"], 1);
        assert_eq!(replay.etag.as_deref(), Some(tag(1).as_str()));
    }
);

both_backends!(
    the_same_key_with_another_body_is_422_and_creates_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let response = post_with_key(
            &app,
            "/v1/claims",
            &team.editor,
            "one-key",
            &claim_body("Twelve people were injured.", &source),
        )
        .await;
        assert_eq!(response.status(), 201);
        let before = count(&app, &team.editor, "/v1/claims").await;
        let response = post_with_key(
            &app,
            "/v1/claims",
            &team.editor,
            "one-key",
            &claim_body("Fifteen people were injured.", &source),
        )
        .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("Idempotency-Key"),
            "{problem}"
        );
        assert_eq!(count(&app, &team.editor, "/v1/claims").await, before);
    }
);

both_backends!(
    keys_belong_to_one_user_so_another_user_with_the_same_key_creates_a_new_record,
    |app| async move {
        let team = Team::new(&app).await;
        let colleague = app.user_with_role("colleague", "editor").await;
        let body = source_body("A report");
        let mine =
            answer(post_with_key(&app, "/v1/sources", &team.editor, "shared-key", &body).await)
                .await;
        let theirs =
            answer(post_with_key(&app, "/v1/sources", &colleague, "shared-key", &body).await).await;
        assert_eq!((mine.status, theirs.status), (201, 201));
        assert_eq!(
            theirs.replayed, None,
            "not a replay of someone else's request"
        );
        assert_ne!(id(&mine.body), id(&theirs.body));
        let them = app.get_ok("/v1/me", &colleague).await;
        assert_eq!(theirs.body["created_by"], them["id"]);
        assert_eq!(count(&app, &team.editor, "/v1/sources").await, 2);
        // And each one's replay is their own.
        let again =
            answer(post_with_key(&app, "/v1/sources", &colleague, "shared-key", &body).await).await;
        assert_eq!(id(&again.body), id(&theirs.body));
    }
);

/// Sends `n` identical creates with one key at once, spread over `apps`.
async fn burst(
    apps: &[Arc<TestApp>],
    n: usize,
    token: &str,
    key: &str,
    body: &Value,
) -> Vec<Answer> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let app = apps[i % apps.len()].clone();
            let (token, key, body) = (token.to_owned(), key.to_owned(), body.clone());
            tokio::spawn(async move {
                answer(post_with_key(&app, "/v1/claims", &token, &key, &body).await).await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// Exactly one create; every other answer replays it (201) or says it is in flight (409).
async fn exactly_one_created(apps: &[Arc<TestApp>]) {
    let app = &apps[0];
    let team = Team::new(app).await;
    let source = app.source_id(&team.editor, "Initial reports").await;
    for round in 0..3 {
        let body = claim_body(&unique("A claim sent eight times"), &source);
        let key = format!("burst-{round}");
        let answers = burst(apps, 8, &team.editor, &key, &body).await;
        let mut created = BTreeSet::new();
        let mut originals = 0;
        for a in &answers {
            match a.status {
                201 => {
                    created.insert(id(&a.body));
                    if a.replayed.is_none() {
                        originals += 1;
                    }
                }
                409 => assert_eq!(a.body["code"], "idempotency_key_in_use", "{a:?}"),
                _ => panic!("only 201 or 409: {a:?}"),
            }
        }
        assert_eq!(originals, 1, "one request created it: {answers:?}");
        assert_eq!(
            created.len(),
            1,
            "every 201 names the same claim: {answers:?}"
        );
        let (claims, _) = app
            .page(
                "/v1/claims",
                &team.editor,
                &[("q", body["statement"].as_str().unwrap())],
            )
            .await;
        assert_eq!(claims.len(), 1, "one claim in the database: {claims:?}");
        assert_eq!(Some(&id(&claims[0])), created.first());
        // Once the first has finished, a retry replays it.
        let retry = answer(post_with_key(app, "/v1/claims", &team.editor, &key, &body).await).await;
        assert_eq!(retry.status, 201);
        assert_eq!(retry.replayed.as_deref(), Some("true"));
        assert_eq!(Some(&id(&retry.body)), created.first());
    }
}

both_backends!(
    eight_concurrent_requests_with_one_key_create_exactly_one_record,
    |app| async move {
        exactly_one_created(&[Arc::new(app)]).await;
    }
);

both_backends!(
    eight_concurrent_requests_with_one_key_across_two_instances_create_exactly_one_record,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        exactly_one_created(&[Arc::new(app), Arc::new(second)]).await;
    }
);

both_backends!(
    an_invalid_idempotency_key_is_400_and_creates_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let longest = "k".repeat(255);
        let response = post_with_key(
            &app,
            "/v1/sources",
            &team.editor,
            &longest,
            &source_body("Longest key"),
        )
        .await;
        assert_eq!(response.status(), 201, "255 characters are allowed");
        for key in [
            "k".repeat(300),
            "k".repeat(256),
            String::new(),
            "a key".to_owned(),
        ] {
            let response = post_with_key(
                &app,
                "/v1/sources",
                &team.editor,
                &key,
                &source_body("Refused"),
            )
            .await;
            assert_problem(response, 400, "invalid_idempotency_key").await;
        }
        let response = app
            .client
            .post(app.url("/v1/sources"))
            .bearer_auth(&team.editor)
            .header(
                "Idempotency-Key",
                reqwest::header::HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap(),
            )
            .json(&source_body("Refused"))
            .send()
            .await
            .unwrap();
        assert_problem(response, 400, "invalid_idempotency_key").await;
        assert_eq!(count(&app, &team.editor, "/v1/sources").await, 1);
    }
);

both_backends!(
    a_retried_subscription_gets_the_same_secret_and_makes_no_second_one,
    |app| async move {
        let admin = app.admin_token().await;
        let body =
            json!({"url": "https://hooks.example.com/claims", "event_types": ["claim.created"]});
        let first =
            answer(post_with_key(&app, "/v1/webhooks", &admin, "subscribe-once", &body).await)
                .await;
        assert_eq!(first.status, 201, "{first:?}");
        let secret = first.body["secret"]
            .as_str()
            .expect("the secret")
            .to_owned();
        assert!(secret.starts_with("whsec_"), "{secret}");
        let replay =
            answer(post_with_key(&app, "/v1/webhooks", &admin, "subscribe-once", &body).await)
                .await;
        assert_eq!(replay.replayed.as_deref(), Some("true"));
        assert_eq!(
            replay.body, first.body,
            "the same subscription and the same secret"
        );
        assert_eq!(replay.location, first.location);
        assert_eq!(
            app.all_pages("/v1/webhooks", &admin, &[], 500).await.len(),
            1
        );

        // Another body under the same key is refused; a request without a key makes a new one.
        let other =
            json!({"url": "https://hooks.example.com/other", "event_types": ["claim.created"]});
        let response = post_with_key(&app, "/v1/webhooks", &admin, "subscribe-once", &other).await;
        assert_problem(response, 422, "validation_failed").await;
        let response = app.post_json("/v1/webhooks", &admin, &body).await;
        assert_eq!(response.status(), 201);
        assert_eq!(
            app.all_pages("/v1/webhooks", &admin, &[], 500).await.len(),
            2
        );
    }
);
