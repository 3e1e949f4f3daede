//! Webhooks (issue 16): subscriptions are admin-only records whose secret is shown once;
//! events of the changes feed arrive signed (Standard Webhooks), once each and in order; a
//! failing receiver gets the same webhook-id until it answers; a hanging one times out without
//! holding others back; non-public addresses are refused unless allowed; filters hold; a
//! receiver that fails past the retry window gets its subscription disabled.

use std::time::Duration;

use claimledger::config::{Config, WebhookConfig};
use serde_json::{Value, json};

use crate::fixtures::{Team, claim_body, id, pointers};
use crate::helpers::{TestApp, assert_problem};
use crate::history_fixtures::{patch_ok, post_ok};
use crate::receiver::{Behaviour, Receiver, verifies};

/// Bounds a failing test's wait; deliveries normally take well under a second.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The tests' sender: loopback over http allowed, quick polls and retries, short timeouts.
pub fn fast(config: &mut Config) {
    config.webhooks = WebhookConfig {
        allow_http: true,
        allow_private: true,
        poll_interval: Duration::from_millis(50),
        retry_base: Duration::from_millis(100),
        retry_max: Duration::from_millis(300),
        retry_window: Duration::from_secs(60),
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        ..WebhookConfig::default()
    };
}

/// The defaults: https only, public addresses only.
pub fn strict(_: &mut Config) {}

/// `both_backends!` with a configuration.
#[macro_export]
macro_rules! with_config {
    ($name:ident, $adjust:path, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) {
                $body.await
            }

            async fn start(backend: $crate::helpers::Backend) -> Option<$crate::helpers::TestApp> {
                let db = $crate::helpers::TestDatabase::create(backend)?;
                Some($crate::helpers::spawn_app_with(db, $adjust).await)
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(start($crate::helpers::Backend::Sqlite).await.unwrap()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
            async fn postgres() {
                let app = start($crate::helpers::Backend::Postgres)
                    .await
                    .expect($crate::helpers::PG_URL_GONE);
                run(app).await;
            }
        }
    };
}

/// Subscribes `url` to `event_types` (with `extra` fields); returns (id, secret).
pub async fn subscribe(
    app: &TestApp,
    admin: &str,
    url: &str,
    event_types: &[&str],
    extra: Value,
) -> (String, String) {
    let mut body = json!({"url": url, "event_types": event_types});
    if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
        body.extend(extra);
    }
    let response = app.post_json("/v1/webhooks", admin, &body).await;
    let status = response.status();
    let created: Value = response.json().await.unwrap();
    assert_eq!(status, 201, "{created}");
    (id(&created), created["secret"].as_str().unwrap().to_owned())
}

const ALL: &[&str] = &[
    "claim.created",
    "claim.updated",
    "claim.retracted",
    "claim.restored",
    "claim.verdict_set",
    "contradiction.opened",
    "contradiction.confirmed",
    "contradiction.dismissed",
    "contradiction.resolved",
    "contradiction.updated",
    "source.created",
    "source.updated",
    "source.retracted",
    "source.restored",
    "entity.created",
    "entity.updated",
];

with_config!(
    subscriptions_are_admin_records_and_their_secret_is_shown_once,
    strict,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!({"url": "https://hooks.example.org/in", "event_types": ["claim.created"]});
        let response = app.post_json("/v1/webhooks", &team.reviewer, &body).await;
        assert_problem(response, 403, "forbidden").await;

        let (id, secret) = subscribe(
            &app,
            &team.admin,
            "https://hooks.example.org/in",
            &["claim.created"],
            json!({}),
        )
        .await;
        assert!(secret.starts_with("whsec_"), "{secret}");
        let read = app.get_ok(&format!("/v1/webhooks/{id}"), &team.admin).await;
        assert_eq!(read["enabled"], true);
        assert_eq!(read["payload_format"], "standard");
        let history = app
            .get_ok(&format!("/v1/webhooks/{id}/revisions/1"), &team.admin)
            .await;
        let list = app.get_ok("/v1/webhooks", &team.admin).await;
        for shown in [&read, &history, &list] {
            assert!(
                !shown.to_string().contains(&secret[6..]),
                "the secret leaked: {shown}"
            );
        }
        let response = app.get(&format!("/v1/webhooks/{id}"), &team.editor).await;
        assert_problem(response, 403, "forbidden").await;

        // Only admins see subscriptions in the changes feed (on PostgreSQL a commit shows there
        // once every older transaction has ended).
        let deadline = std::time::Instant::now() + PATIENCE;
        while !app
            .get_ok("/v1/changes?limit=500", &team.admin)
            .await
            .to_string()
            .contains("\"webhooks\"")
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the admin never saw the subscription's revision"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let feed = app.get_ok("/v1/changes?limit=500", &team.editor).await;
        assert!(!feed.to_string().contains("\"webhooks\""), "{feed}");

        // Bad input names its field.
        for (body, pointer) in [
            (
                json!({"url": "ftp://x.org/", "event_types": ["claim.created"]}),
                "/url",
            ),
            (
                json!({"url": "http://hooks.example.org/", "event_types": ["claim.created"]}),
                "/url",
            ),
            (
                json!({"url": "https://127.0.0.1/", "event_types": ["claim.created"]}),
                "/url",
            ),
            (
                json!({"url": "https://[::1]/", "event_types": ["claim.created"]}),
                "/url",
            ),
            (
                json!({"url": "https://169.254.169.254/latest", "event_types": ["claim.created"]}),
                "/url",
            ),
            (
                json!({"url": "https://x.org/", "event_types": ["claim.nope"]}),
                "/event_types/0",
            ),
            (
                json!({"url": "https://x.org/", "event_types": []}),
                "/event_types",
            ),
            (
                json!({"url": "https://x.org/", "event_types": ["claim.created"], "description": "d".repeat(501)}),
                "/description",
            ),
            (
                json!({"url": format!("https://x.org/{}", "a".repeat(2000)), "event_types": ["claim.created"]}),
                "/url",
            ),
        ] {
            let response = app.post_json("/v1/webhooks", &team.admin, &body).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), [pointer], "{body}");
        }
        let response = app
            .patch_json(
                &format!("/v1/webhooks/{id}"),
                &team.admin,
                Some("\"1\""),
                &json!({"url": "https://10.0.0.1/"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/url"]);

        // Rotation shows the new secret once; deleting is a retraction.
        let rotated = app
            .post_json(
                &format!("/v1/webhooks/{id}/rotate-secret"),
                &team.admin,
                &json!({}),
            )
            .await;
        assert_eq!(rotated.status(), 200);
        let rotated: Value = rotated.json().await.unwrap();
        assert_ne!(rotated["secret"].as_str().unwrap(), secret);
        let (deleted, _) = post_ok(
            &app,
            &format!("/v1/webhooks/{id}/retract"),
            &team.admin,
            "\"1\"",
            &json!({"reason": "no longer used"}),
        )
        .await;
        assert!(deleted["retracted"].is_object());
        let types = app.get_ok("/v1/webhooks/event-types", &team.admin).await;
        assert!(
            types
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["name"] == "claim.verdict_set")
        );
    }
);

with_config!(
    every_event_arrives_once_in_order_and_signed,
    fast,
    |app| async move {
        let team = Team::new(&app).await;
        let receiver = Receiver::start(Behaviour::Ok).await;
        let (_, secret) = subscribe(&app, &team.admin, &receiver.url, ALL, json!({})).await;

        let source = app.source_id(&team.editor, "Police statement").await;
        let claim = app
            .create_claim(
                &team.editor,
                &claim_body("The bridge reopened on 3 May", &source),
            )
            .await;
        let path = format!("/v1/claims/{}", id(&claim));
        patch_ok(
            &app,
            &path,
            &team.editor,
            "\"1\"",
            &json!({"statement": "The bridge reopened on 4 May"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/verdict"),
            &team.reviewer,
            "\"2\"",
            &json!({"verdict": "verified"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/retract"),
            &team.reviewer,
            "\"3\"",
            &json!({"reason": "duplicate"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/restore"),
            &team.reviewer,
            "\"4\"",
            &json!({"reason": "not a duplicate"}),
        )
        .await;
        patch_ok(
            &app,
            &format!("/v1/sources/{source}"),
            &team.editor,
            "\"1\"",
            &json!({"title": "Police statement (updated)"}),
        )
        .await;

        let expected = [
            "source.created",
            "claim.created",
            "claim.updated",
            "claim.verdict_set",
            "claim.retracted",
            "claim.restored",
            "source.updated",
        ];
        let got = receiver.wait_for(expected.len(), PATIENCE).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let got_again = receiver.received();
        assert_eq!(got_again.len(), expected.len(), "each event once");
        let types: Vec<String> = got.iter().map(|r| r.event_type()).collect();
        assert_eq!(types, expected);
        for received in &got {
            assert!(verifies(&secret, received), "signature of {received:?}");
            assert!(received.id.starts_with("msg_"));
        }
        let updated = got[2].json();
        assert_eq!(updated["data"]["id"], id(&claim));
        assert_eq!(updated["data"]["revision"], 2);
        assert_eq!(
            updated["data"]["record"]["statement"],
            "The bridge reopened on 4 May"
        );
        assert_eq!(got[3].json()["data"]["record"]["verdict"], "verified");
    }
);

with_config!(
    a_failing_receiver_gets_the_same_webhook_id_until_it_answers,
    fast,
    |app| async move {
        let team = Team::new(&app).await;
        let receiver = Receiver::start(Behaviour::FailFirst(3)).await;
        let (hook, secret) = subscribe(
            &app,
            &team.admin,
            &receiver.url,
            &["source.created"],
            json!({}),
        )
        .await;
        app.source_id(&team.editor, "Retried").await;
        app.source_id(&team.editor, "After it").await;

        let got = receiver.wait_for(5, PATIENCE).await;
        let first: Vec<_> = got[..4].iter().collect();
        assert!(
            first
                .iter()
                .all(|r| r.id == got[0].id && r.body == got[0].body),
            "{got:?}"
        );
        assert!(got.iter().all(|r| verifies(&secret, r)));
        assert_ne!(
            got[4].id, got[0].id,
            "the next event waited for the first (in order)"
        );
        assert_eq!(got[4].json()["data"]["record"]["title"], "After it");

        let log = app
            .get_ok(&format!("/v1/webhooks/{hook}/deliveries"), &team.admin)
            .await;
        let retried = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == got[0].id.as_str())
            .unwrap()
            .clone();
        assert_eq!(retried["status"], "delivered");
        assert_eq!(retried["attempts"], 4);
        assert_eq!(retried["last_status"], 200);

        // A redelivery sends the same id and body again.
        let response = app
            .post_json(
                &format!("/v1/webhooks/{hook}/deliveries/{}/redeliver", got[0].id),
                &team.admin,
                &json!({}),
            )
            .await;
        assert_eq!(response.status(), 202);
        let again = receiver.wait_for(6, PATIENCE).await;
        assert_eq!(again[5].id, got[0].id);
        assert_eq!(again[5].body, got[0].body);
    }
);

with_config!(
    a_hanging_receiver_times_out_and_holds_no_one_else_back,
    fast,
    |app| async move {
        let team = Team::new(&app).await;
        let hanging = Receiver::start(Behaviour::Hang(Duration::from_secs(30))).await;
        let healthy = Receiver::start(Behaviour::Ok).await;
        let (stuck, _) = subscribe(
            &app,
            &team.admin,
            &hanging.url,
            &["source.created"],
            json!({}),
        )
        .await;
        subscribe(
            &app,
            &team.admin,
            &healthy.url,
            &["source.created"],
            json!({}),
        )
        .await;
        for n in 0..3 {
            app.source_id(&team.editor, &format!("Source {n}")).await;
        }
        healthy.wait_for(3, PATIENCE).await;
        hanging.wait_for(1, PATIENCE).await;
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            let log = app
                .get_ok(&format!("/v1/webhooks/{stuck}/deliveries"), &team.admin)
                .await;
            let items = log["items"].as_array().unwrap().clone();
            if let Some(timed_out) = items.iter().find(|d| {
                d["last_error"]
                    .as_str()
                    .is_some_and(|e| e.contains("timed out"))
            }) {
                assert_eq!(timed_out["status"], "pending");
                assert!(timed_out["next_attempt_at"].is_string());
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no timeout recorded: {log}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
);

/// http allowed, private addresses not.
pub fn http_but_public_only(config: &mut Config) {
    fast(config);
    config.webhooks.allow_private = false;
}

with_config!(
    private_addresses_are_refused_unless_allowed,
    http_but_public_only,
    |app| async move {
        let team = Team::new(&app).await;
        let receiver = Receiver::start(Behaviour::Ok).await;
        let body = json!({"url": receiver.url, "event_types": ["source.created"]});
        let response = app.post_json("/v1/webhooks", &team.admin, &body).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/url"]);

        // A name that resolves to loopback is refused when connecting.
        let by_name = receiver.url.replace("127.0.0.1", "localhost");
        let (hook, _) =
            subscribe(&app, &team.admin, &by_name, &["source.created"], json!({})).await;
        let test = app
            .post_json(
                &format!("/v1/webhooks/{hook}/test"),
                &team.admin,
                &json!({}),
            )
            .await;
        let test: Value = test.json().await.unwrap();
        assert_eq!(test["delivered"], false, "{test}");
        assert!(
            test["error"].as_str().unwrap().contains("non-public"),
            "{test}"
        );
        assert!(receiver.received().is_empty());
    }
);

with_config!(filters_hold, fast, |app| async move {
    let team = Team::new(&app).await;
    let receiver = Receiver::start(Behaviour::Ok).await;
    subscribe(
        &app,
        &team.admin,
        &receiver.url,
        &["claim.created", "source.created"],
        json!({"filters": {"tag": "elections"}}),
    )
    .await;
    let source = app.source_id(&team.editor, "S").await;
    let mut tagged = claim_body("Turnout was 61 percent", &source);
    tagged["tags"] = json!(["elections"]);
    app.create_claim(&team.editor, &claim_body("The bridge reopened", &source))
        .await;
    let wanted = app.create_claim(&team.editor, &tagged).await;
    app.create_claim(&team.editor, &claim_body("The river rose", &source))
        .await;
    let got = receiver.wait_for(1, PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // A link-only subscription gets ids and a link, not the record.
    let links = Receiver::start(Behaviour::Ok).await;
    subscribe(
        &app,
        &team.admin,
        &links.url,
        &["claim.created"],
        json!({"include_record": false}),
    )
    .await;
    let linked = app
        .create_claim(&team.editor, &claim_body("The dam held", &source))
        .await;
    let link = links.wait_for(1, PATIENCE).await[0].json();
    assert_eq!(link["data"]["record"], Value::Null, "{link}");
    assert_eq!(link["data"]["link"], format!("/v1/claims/{}", id(&linked)));
    let got_all = receiver.received();
    assert_eq!(
        got_all.len(),
        1,
        "{:?}",
        got_all.iter().map(|r| r.body.clone()).collect::<Vec<_>>()
    );
    assert_eq!(got[0].json()["data"]["id"], id(&wanted));
});
