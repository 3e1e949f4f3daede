//! Webhooks over time (issue 16): a receiver that fails past the retry window gets its
//! subscription disabled, with the reason, by a revision admins see; a rotated secret and the
//! one before it both sign during the grace period.

use std::time::Duration;

use claimledger::config::Config;
use serde_json::{Value, json};

use crate::fixtures::Team;
use crate::receiver::{Behaviour, Receiver, verifies};
use crate::webhooks::{PATIENCE, fast, subscribe};

/// Retries give up after a second.
pub fn impatient(config: &mut Config) {
    fast(config);
    config.webhooks.retry_window = Duration::from_secs(1);
}

crate::with_config!(
    a_subscription_failing_past_the_retry_window_is_disabled_with_the_reason,
    impatient,
    |app| async move {
        let team = Team::new(&app).await;
        let receiver = Receiver::start(Behaviour::AlwaysFail).await;
        let (hook, _) = subscribe(
            &app,
            &team.admin,
            &receiver.url,
            &["source.created"],
            json!({}),
        )
        .await;
        app.source_id(&team.editor, "Never acknowledged").await;
        let deadline = std::time::Instant::now() + PATIENCE;
        let disabled = loop {
            let read = app
                .get_ok(&format!("/v1/webhooks/{hook}"), &team.admin)
                .await;
            if read["enabled"] == false {
                break read;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "still enabled: {read}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert!(
            disabled["disabled_reason"]
                .as_str()
                .unwrap()
                .contains("HTTP 500"),
            "{disabled}"
        );
        assert!(receiver.received().len() >= 2, "it was retried");
        let history = app
            .get_ok(&format!("/v1/webhooks/{hook}/revisions"), &team.admin)
            .await;
        assert_eq!(history["items"][0]["action"], "status");
        let log = app
            .get_ok(&format!("/v1/webhooks/{hook}/deliveries"), &team.admin)
            .await;
        assert_eq!(log["items"][0]["status"], "failed");
    }
);

crate::with_config!(
    a_rotated_secret_and_the_previous_one_both_sign_during_the_grace_period,
    fast,
    |app| async move {
        let team = Team::new(&app).await;
        let receiver = Receiver::start(Behaviour::Ok).await;
        let (hook, old) = subscribe(
            &app,
            &team.admin,
            &receiver.url,
            &["source.created"],
            json!({}),
        )
        .await;
        let rotated = app
            .post_json(
                &format!("/v1/webhooks/{hook}/rotate-secret"),
                &team.admin,
                &json!({}),
            )
            .await;
        let new = rotated.json::<Value>().await.unwrap()["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        let test = app
            .post_json(
                &format!("/v1/webhooks/{hook}/test"),
                &team.admin,
                &json!({}),
            )
            .await;
        let test: Value = test.json().await.unwrap();
        assert_eq!(test["delivered"], true, "{test}");
        let got = receiver.wait_for(1, PATIENCE).await;
        assert_eq!(got[0].event_type(), "webhook.ping");
        assert_eq!(got[0].signature.split(' ').count(), 2);
        assert!(verifies(&old, &got[0]) && verifies(&new, &got[0]));
    }
);
