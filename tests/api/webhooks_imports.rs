//! Webhooks and bulk imports (issue 16): an import sends one `import.completed` event with its
//! counts instead of one event per record, unless the subscription asks for each; an import
//! that wrote nothing sends nothing. And the cap on live subscriptions, under a burst.

use std::time::{Duration, Instant};

use claimledger::config::Config;
use serde_json::{Value, json};

use crate::fixtures::{Team, claim_body, id};
use crate::helpers::{TestApp, assert_problem};
use crate::history_fixtures::post_ok;
use crate::receiver::{Behaviour, Received, Receiver, verifies};
use crate::webhooks::{PATIENCE, fast, subscribe};

fn review(n: usize) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": format!("https://checks.example.org/review-{n}"),
        "claimReviewed": format!("The bridge opened in 198{n}"),
        "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org"},
        "datePublished": "2024-03-01",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Politician"},
            "appearance": [{"@type": "CreativeWork", "url": format!("https://news.example.com/speech-{n}")}]
        }
    })
}

async fn import(app: &TestApp, token: &str, body: &Value) -> Value {
    let response = app
        .client
        .post(app.url("/v1/imports/claimreview"))
        .bearer_auth(token)
        .header("content-type", "application/ld+json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let report: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{report}");
    report
}

/// Waits until the receiver's newest event is a `claim.created` of `statement`.
async fn wait_until_last_is(receiver: &Receiver, statement: &str) -> Vec<Received> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let got = receiver.received();
        if got
            .last()
            .is_some_and(|r| r.json()["data"]["record"]["statement"] == statement)
        {
            return got;
        }
        assert!(
            Instant::now() < deadline,
            "never saw the claim {statement:?}: {:?}",
            got.iter().map(Received::event_type).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

crate::with_config!(
    an_import_sends_one_summary_event_unless_each_is_asked_for,
    fast,
    |app| async move {
        let team = Team::new(&app).await;
        let types = ["source.created", "claim.created", "import.completed"];
        let summary = Receiver::start(Behaviour::Ok).await;
        let (_, secret) = subscribe(&app, &team.admin, &summary.url, &types, json!({})).await;
        let each = Receiver::start(Behaviour::Ok).await;
        let (each_id, _) = subscribe(
            &app,
            &team.admin,
            &each.url,
            &types,
            json!({"import_events": "each"}),
        )
        .await;
        let each_sub = app
            .get_ok(&format!("/v1/webhooks/{each_id}"), &team.admin)
            .await;
        assert_eq!(each_sub["import_events"], "each");

        let source = app.source_id(&team.editor, "Before the import").await;
        let body = json!([review(1), review(2), review(3)]);
        let report = import(&app, &team.editor, &body).await;
        assert_eq!(report["counts"]["created"], 3, "{report}");
        // The same file again writes nothing, so it sends nothing.
        let again = import(&app, &team.editor, &body).await;
        assert_eq!(again["counts"]["matched"], 3, "{again}");
        // A dry run writes nothing either.
        let response = app
            .client
            .post(app.url("/v1/imports/claimreview?dry_run=true"))
            .bearer_auth(&team.editor)
            .header("content-type", "application/ld+json")
            .body(json!([review(4)]).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        app.create_claim(&team.editor, &claim_body("After the import", &source))
            .await;

        let got = wait_until_last_is(&summary, "After the import").await;
        let names: Vec<String> = got.iter().map(Received::event_type).collect();
        assert_eq!(
            names,
            ["source.created", "import.completed", "claim.created"],
            "one event for the import"
        );
        let completed = got[1].json();
        assert!(verifies(&secret, &got[1]));
        assert_eq!(
            completed["data"]["counts"],
            json!({"reviews": 3, "created": 3, "matched": 0, "updated": 0})
        );
        assert_eq!(completed["data"]["format"], "claimreview");
        assert!(completed["data"]["author"].is_string(), "{completed}");

        let got = wait_until_last_is(&each, "After the import").await;
        let names: Vec<String> = got.iter().map(Received::event_type).collect();
        let claims = names.iter().filter(|n| *n == "claim.created").count();
        assert_eq!(
            claims, 4,
            "each imported claim, and the one after: {names:?}"
        );
        assert_eq!(names.first().map(String::as_str), Some("source.created"));
        assert_eq!(
            names.iter().filter(|n| *n == "import.completed").count(),
            1,
            "{names:?}"
        );
        assert_eq!(
            names[names.len() - 2],
            "import.completed",
            "after the import's own events: {names:?}"
        );
        let imported_sources = names[1..names.len() - 2]
            .iter()
            .filter(|n| *n == "source.created")
            .count();
        assert!(imported_sources >= 3, "{names:?}");
    }
);

/// No sender: a hundred idle subscriptions need no tasks for this test.
fn no_sender(config: &mut Config) {
    config.webhooks.worker = false;
}

crate::with_config!(
    live_subscriptions_are_capped_even_under_a_burst,
    no_sender,
    |app| async move {
        let team = Team::new(&app).await;
        let max = claimledger::store::webhooks::MAX_SUBSCRIPTIONS as usize;
        let body = |n: usize| json!({"url": format!("https://hooks.example.org/{n}"), "event_types": ["claim.created"]});
        let mut ids = Vec::new();
        for n in 0..max - 2 {
            let created = app.create("/v1/webhooks", &team.admin, &body(n)).await;
            ids.push(id(&created));
        }
        let bodies: Vec<Value> = (0..6).map(|n| body(1000 + n)).collect();
        let burst = bodies
            .iter()
            .map(|b| app.post_json("/v1/webhooks", &team.admin, b));
        let responses = futures_util::future::join_all(burst).await;
        let mut statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 201, 409, 409, 409, 409], "two more fit");
        for response in responses {
            if response.status() == 409 {
                let problem = assert_problem(response, 409, "too_many_subscriptions").await;
                assert!(
                    problem["detail"].as_str().unwrap().contains("retract"),
                    "{problem}"
                );
            }
        }

        // Deleting one makes room; restoring it while full is refused the same way.
        let first = &ids[0];
        post_ok(
            &app,
            &format!("/v1/webhooks/{first}/retract"),
            &team.admin,
            "\"1\"",
            &json!({"reason": "unused"}),
        )
        .await;
        app.create("/v1/webhooks", &team.admin, &body(2000)).await;
        let response = app
            .post_if_match(
                &format!("/v1/webhooks/{first}/restore"),
                &team.admin,
                Some("\"2\""),
                &json!({"reason": "needed after all"}),
            )
            .await;
        assert_problem(response, 409, "too_many_subscriptions").await;
        let listed = app.all_pages("/v1/webhooks", &team.admin, &[], 100).await;
        let live = listed.iter().filter(|w| w["retracted"].is_null()).count();
        assert_eq!(live, max);
    }
);
