//! ClaimReview out: a claim's published review (set with its verdict) as schema.org JSON-LD,
//! one at a time and as a streamed export; citation roles; what happens without a publisher,
//! without a review, after a retraction.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, etag, id, set_verdict, with_query};
use crate::helpers::{TestApp, assert_problem, spawn_app_with};

/// The same database, served by an instance that knows its publisher.
async fn with_publisher(app: &TestApp) -> TestApp {
    spawn_app_with(Arc::clone(&app.db), |config| {
        config.publisher = Some(claimledger::config::Publisher {
            name: "Quetta Desk".into(),
            url: Some("https://desk.example.org/".into()),
            logo: Some("https://desk.example.org/logo.png".into()),
        })
    })
    .await
}

/// A claim by a named person, first made in a post (an `appearance`) and reported by a paper.
async fn claim_with_appearance(app: &TestApp, t: &str, statement: &str) -> Value {
    let post = app
        .create_source(t, &json!({"kind": "social_post", "title": "A post", "url": "https://social.example/p/1", "publisher": "Social"}))
        .await;
    let paper = app.source_id(t, "Dawn").await;
    let speaker = app.entity_id(t, "person", "Muzahim").await;
    app.create_claim(
        t,
        &json!({
            "statement": statement,
            "claimed_at": "2022-11-30T09:00:00Z",
            "claimant": {"entity_id": speaker},
            "confidence": 0.2,
            "credibility": 5,
            "citations": [
                {"source_id": id(&post), "role": "appearance"},
                {"source_id": paper, "quote": "police said"},
            ],
        }),
    )
    .await
}

fn review(url: &str) -> Value {
    json!({"url": url, "headline": "Did it happen?", "date_published": "2022-12-02"})
}

async fn claim_review(app: &TestApp, t: &str, claim: &Value) -> reqwest::Response {
    app.get(&format!("/v1/claims/{}/claimreview", id(claim)), t)
        .await
}

/// Google's required and recommended properties, and ours.
fn assert_claim_review(doc: &Value, statement: &str) {
    assert_eq!(doc["@type"], "ClaimReview");
    assert_eq!(doc["@context"][0], "https://schema.org");
    assert_eq!(doc["@context"][1]["claimledger"], "urn:claimledger:vocab#");
    for pointer in [
        "/url",
        "/claimReviewed",
        "/author/name",
        "/reviewRating/alternateName",
        "/itemReviewed/@type",
        "/datePublished",
    ] {
        assert!(
            doc.pointer(pointer).is_some_and(|v| !v.is_null()),
            "{pointer} in {doc}"
        );
    }
    let reviewed = doc["claimReviewed"].as_str().unwrap();
    assert!(reviewed.chars().count() <= 280, "claimReviewed is short");
    assert!(
        statement.starts_with(reviewed.trim_end_matches('…')),
        "{reviewed}"
    );
    assert_ne!(
        reviewed,
        doc["reviewRating"]["alternateName"].as_str().unwrap()
    );
}

both_backends!(a_published_review_is_a_claim_review, |app| async move {
    let team = Team::new(&app).await;
    let desk = with_publisher(&app).await;
    let statement = "The TTP leader signed the attack order.";
    let claim = claim_with_appearance(&desk, &team.editor, statement).await;
    assert_eq!(claim["citations"][0]["role"], "appearance");
    assert_eq!(claim["citations"][1]["role"], "evidence");
    let viewer = desk.user_with_role("viewer", "viewer").await;

    let response = claim_review(&desk, &viewer, &claim).await;
    let problem = assert_problem(response, 404, "not_found").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("published review")
    );

    let mut body = json!({"verdict": "false", "note": "no such order", "published_review": review("https://desk.example.org/order")});
    body["published_review"]["rating"] = json!({"value": 1, "best": 5, "worst": 1});
    let rated = set_verdict(&desk, &team.reviewer, &claim, body).await;
    assert_eq!(
        rated["published_review"]["url"],
        "https://desk.example.org/order"
    );

    let response = claim_review(&desk, &viewer, &claim).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/ld+json");
    let doc: Value = response.json().await.unwrap();
    assert_claim_review(&doc, statement);
    assert_eq!(doc["claimReviewed"], statement);
    assert_eq!(doc["url"], "https://desk.example.org/order");
    assert_eq!(doc["headline"], "Did it happen?");
    assert_eq!(doc["datePublished"], "2022-12-02");
    assert_eq!(
        doc["author"],
        json!({"@type": "Organization", "name": "Quetta Desk", "url": "https://desk.example.org/", "logo": {"@type": "ImageObject", "url": "https://desk.example.org/logo.png"}})
    );
    assert_eq!(
        doc["reviewRating"],
        json!({"@type": "Rating", "alternateName": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1})
    );
    let item = &doc["itemReviewed"];
    assert_eq!(
        item["author"],
        json!({"@type": "Person", "name": "Muzahim"})
    );
    assert_eq!(item["datePublished"], "2022-11-30T09:00:00+00:00");
    assert_eq!(item["firstAppearance"]["url"], "https://social.example/p/1");
    assert_eq!(
        item["appearance"].as_array().unwrap().len(),
        1,
        "the paper is evidence, not an appearance"
    );
    assert_eq!(item["claimledger:claim"]["statement"], statement);
    assert_eq!(doc["claimledger:confidence"], 0.2);
    assert_eq!(doc["claimledger:confidenceLabel"], "unlikely");
    assert_eq!(doc["claimledger:credibility"], 5);

    // A verdict is set whole: without `published_review`, the review is gone.
    set_verdict(&desk, &team.reviewer, &claim, json!({"verdict": "false"})).await;
    assert_eq!(claim_review(&desk, &viewer, &claim).await.status(), 404);
    let with_text = json!({"verdict": "misleading", "published_review": {"url": "https://desk.example.org/o2", "rating_text": "Needs context"}});
    set_verdict(&desk, &team.reviewer, &claim, with_text).await;
    let doc: Value = claim_review(&desk, &viewer, &claim)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(doc["reviewRating"]["alternateName"], "Needs context");

    // Retracted: no longer published.
    let path = format!("/v1/claims/{}", id(&claim));
    let revision = etag(&desk.get(&path, &team.reviewer).await);
    let response = desk
        .post_if_match(
            &format!("{path}/retract"),
            &team.reviewer,
            Some(&revision),
            &json!({"reason": "withdrawn"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(claim_review(&desk, &viewer, &claim).await.status(), 404);
});

both_backends!(
    without_a_publisher_claimreview_says_what_to_set,
    |app| async move {
        let token = app.admin_token().await;
        let response = app.get("/v1/exports/claimreview", &token).await;
        let problem = assert_problem(response, 409, "publisher_not_configured").await;
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("CLAIMLEDGER_PUBLISHER_NAME")
        );
    }
);

both_backends!(
    roles_and_reviews_are_kept_in_history_and_checked,
    |app| async move {
        let team = Team::new(&app).await;
        let claim = claim_with_appearance(&app, &team.editor, "A claim with an appearance.").await;
        let revision: Value = app
            .get_ok(
                &format!("/v1/claims/{}/revisions/1", id(&claim)),
                &team.editor,
            )
            .await;
        let citations = &revision["snapshot"]["citations"];
        assert_eq!(citations[0]["role"], "appearance");
        assert!(
            citations[1].get("role").is_none(),
            "evidence, the default, is left out: {citations}"
        );
        assert!(revision["snapshot"].get("published_review").is_none());

        let path = format!("/v1/claims/{}", id(&claim));
        let revision = etag(&app.get(&path, &team.reviewer).await);
        let bad = json!({"verdict": "false", "published_review": {"url": "ftp://x", "rating": {"value": 9, "best": 5, "worst": 1}, "headline": "h".repeat(301)}});
        let response = app
            .post_if_match(
                &format!("{path}/verdict"),
                &team.reviewer,
                Some(&revision),
                &bad,
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        let pointers = crate::fixtures::pointers(&problem);
        for expected in [
            "/published_review/url",
            "/published_review/rating",
            "/published_review/headline",
        ] {
            assert!(
                pointers.contains(&expected.to_owned()),
                "{expected} in {pointers:?}"
            );
        }
        let mut body = json!({"statement": "Bad role.", "confidence": 0.5, "citations": [{"source_id": claim["citations"][1]["source"]["id"], "role": "witness"}]});
        let response = app.post_json("/v1/claims", &team.editor, &body).await;
        assert!(response.status().is_client_error(), "{}", response.status());
        body["citations"][0]["role"] = json!("evidence");
        assert_eq!(
            app.post_json("/v1/claims", &team.editor, &body)
                .await
                .status(),
            201
        );
    }
);

both_backends!(
    the_export_streams_every_published_review,
    |app| async move {
        let team = Team::new(&app).await;
        let desk = with_publisher(&app).await;
        let t = &team.editor;
        let source = desk.source_id(t, "A report").await;
        // More than one batch (200) of the stream, and claims without a review in between.
        let mut reviewed = Vec::new();
        for i in 0..205 {
            let claim = desk
            .create_claim(t, &json!({"statement": format!("Claim number {i}."), "confidence": 0.5, "citations": [{"source_id": source}]}))
            .await;
            if i % 41 == 7 {
                continue;
            }
            set_verdict(&desk, &team.reviewer, &claim, json!({"verdict": "verified", "published_review": review(&format!("https://desk.example.org/{i}"))})).await;
            reviewed.push(id(&claim));
        }
        let response = desk.get("/v1/exports/claimreview", t).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/ld+json");
        let docs: Vec<Value> = response.json().await.unwrap();
        let ids: Vec<String> = docs
            .iter()
            .map(|d| {
                d["itemReviewed"]["claimledger:claim"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(ids, reviewed, "every reviewed claim, oldest change first");
        for doc in &docs {
            assert_claim_review(
                doc,
                doc["itemReviewed"]["claimledger:claim"]["statement"]
                    .as_str()
                    .unwrap(),
            );
            assert_eq!(doc["reviewRating"]["alternateName"], "True");
        }

        // Only what changed since a point.
        let last: Value = desk
            .get_ok(&format!("/v1/claims/{}", reviewed[199]), t)
            .await;
        let since = last["updated_at"].as_str().unwrap();
        let response = desk
            .get(
                &with_query("/v1/exports/claimreview", &[("updated_since", since)]),
                t,
            )
            .await;
        let recent: Vec<Value> = response.json().await.unwrap();
        assert_eq!(recent.len(), reviewed.len() - 199);
        let response = desk
            .get(
                &with_query("/v1/exports/claimreview", &[("updated_since", "yesterday")]),
                t,
            )
            .await;
        assert!(response.status().is_client_error());
        let none: Vec<Value> = desk
            .get(
                &with_query(
                    "/v1/exports/claimreview",
                    &[("updated_since", "2999-01-01T00:00:00Z")],
                ),
                t,
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(none.is_empty(), "an empty export is an empty array");
    }
);

both_backends!(
    a_long_statement_is_cut_short_for_claim_reviewed,
    |app| async move {
        let team = Team::new(&app).await;
        let desk = with_publisher(&app).await;
        let source = desk.source_id(&team.editor, "A report").await;
        let statement = format!("{} end.", "word ".repeat(100));
        let claim = desk
        .create_claim(&team.editor, &json!({"statement": statement, "confidence": 0.5, "citations": [{"source_id": source}]}))
        .await;
        set_verdict(&desk, &team.reviewer, &claim, json!({"verdict": "verified", "published_review": review("https://desk.example.org/long")})).await;
        let doc: Value = claim_review(&desk, &team.editor, &claim)
            .await
            .json()
            .await
            .unwrap();
        let reviewed = doc["claimReviewed"].as_str().unwrap();
        assert!(reviewed.ends_with("word…"), "{reviewed}");
        assert_claim_review(&doc, &statement);
        assert_eq!(
            doc["itemReviewed"]["claimledger:claim"]["statement"],
            statement.trim()
        );
    }
);
