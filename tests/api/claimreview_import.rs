//! `POST /v1/imports/claimreview` and the external reviews it writes: ClaimReview documents,
//! arrays, `@graph`s, HTML pages and Fact Check Tools responses; idempotency, changed
//! reviews, dry runs, items that cannot be imported, roles and the size limit.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, pointers};
use crate::helpers::{TestApp, assert_problem};

const IMPORT: &str = "/v1/imports/claimreview";

impl TestApp {
    async fn import_raw(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    async fn import_ok(&self, token: &str, content_type: &str, body: &str) -> Value {
        let response = self
            .import_raw(IMPORT, token, content_type, body.as_bytes().to_vec())
            .await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 200, "import answered {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// How many claims, sources, entities and external reviews (of the claims) there are.
    async fn counts(&self, token: &str) -> (usize, usize, usize, usize) {
        let claims = self
            .all_pages("/v1/claims", token, &[("include_retracted", "true")], 500)
            .await;
        let mut reviews = 0;
        for claim in &claims {
            let path = format!(
                "/v1/claims/{}/external-reviews",
                claim["id"].as_str().unwrap()
            );
            reviews += self.all_pages(&path, token, &[], 500).await.len();
        }
        let sources = self.all_pages("/v1/sources", token, &[], 500).await.len();
        let entities = self.all_pages("/v1/entities", token, &[], 500).await.len();
        (claims.len(), sources, entities, reviews)
    }
}

fn review(url: &str, statement: &str, rating: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": statement,
        "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org", "logo": {"@type": "ImageObject", "url": "https://checks.example.org/logo.png"}},
        "datePublished": "2024-03-01",
        "headline": format!("Fact check: {statement}"),
        "inLanguage": "en",
        "reviewRating": {"@type": "Rating", "alternateName": rating, "ratingValue": 1, "bestRating": 5, "worstRating": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Politician", "jobTitle": "Senator"},
            "datePublished": "2024-02-20",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example.com/speech"}],
            "firstAppearance": {"@type": "CreativeWork", "url": "https://video.example.com/clip"}
        },
        "reviewBody": "The bridge opened in 1987."
    })
}

fn item_pointers(report: &Value) -> Vec<String> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["pointer"].as_str().unwrap().to_owned())
        .collect()
}

fn unmapped_pointers(item: &Value) -> Vec<String> {
    item["unmapped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["pointer"].as_str().unwrap().to_owned())
        .collect()
}

fn claim_id(item: &Value) -> String {
    item["claim"]["id"].as_str().unwrap().to_owned()
}

both_backends!(
    a_single_claim_review_becomes_a_claim_with_an_external_review,
    |app| async move {
        let team = Team::new(&app).await;
        let body = review(
            "https://checks.example.org/2024/bridge",
            "The bridge was built in 1990.",
            "False",
        );
        let report = app
            .import_ok(&team.editor, "application/ld+json", &body.to_string())
            .await;
        assert_eq!(report["dry_run"], false);
        assert_eq!(
            report["counts"],
            json!({"reviews": 1, "created": 1, "matched": 0, "updated": 0})
        );
        let item = &report["items"][0];
        assert_eq!(item["pointer"], "");
        assert_eq!(item["outcome"], "created");
        for part in ["claim", "external_review", "review_source", "claimant"] {
            assert_eq!(item[part]["outcome"], "created", "{part} in {item}");
        }
        assert_eq!(item["appearances"].as_array().unwrap().len(), 2);
        assert_eq!(
            unmapped_pointers(item),
            [
                "/author/logo",
                "/itemReviewed/author/jobTitle",
                "/reviewBody"
            ]
        );

        let claim = app
            .get_ok(&format!("/v1/claims/{}", claim_id(item)), &team.editor)
            .await;
        assert_eq!(claim["statement"], "The bridge was built in 1990.");
        assert_eq!(claim["confidence"], 0.5);
        assert_eq!(claim["tags"], json!(["imported"]));
        assert_eq!(
            claim["verdict"], "unreviewed",
            "their rating is not our verdict"
        );
        assert_eq!(claim["claimed_at"], "2024-02-20T00:00:00Z");
        assert_eq!(claim["claimant"]["entity_id"], item["claimant"]["id"]);
        let roles: Vec<&str> = claim["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["role"].as_str().unwrap())
            .collect();
        assert_eq!(roles, ["evidence", "appearance", "appearance"]);
        let entity = app
            .get_ok(
                &format!("/v1/entities/{}", item["claimant"]["id"].as_str().unwrap()),
                &team.editor,
            )
            .await;
        assert_eq!(entity["name"], "A. Politician");
        assert_eq!(entity["kind"], "person");
        let source = app
            .get_ok(
                &format!(
                    "/v1/sources/{}",
                    item["review_source"]["id"].as_str().unwrap()
                ),
                &team.editor,
            )
            .await;
        assert_eq!(source["kind"], "fact_check");
        assert_eq!(source["url"], "https://checks.example.org/2024/bridge");
        assert_eq!(source["publisher"], "Example Checks");

        let viewer = app.user_with_role("viewer", "viewer").await;
        let reviews = app
            .get_ok(
                &format!("/v1/claims/{}/external-reviews", claim_id(item)),
                &viewer,
            )
            .await;
        let external = &reviews["items"][0];
        assert_eq!(external["id"], item["external_review"]["id"]);
        assert_eq!(external["url"], "https://checks.example.org/2024/bridge");
        assert_eq!(external["publisher"], "Example Checks");
        assert_eq!(external["publisher_url"], "https://checks.example.org");
        assert_eq!(external["textual_rating"], "False");
        assert_eq!(
            external["rating"],
            json!({"value": 1.0, "best": 5.0, "worst": 1.0})
        );
        assert_eq!(external["language"], "en");
        assert_eq!(external["reviewed_at"], "2024-03-01");
        assert_eq!(external["revision"], 1);
        let path = format!("/v1/external-reviews/{}", external["id"].as_str().unwrap());
        assert_eq!(app.get_ok(&path, &viewer).await["id"], external["id"]);
        let integrity = app.get_ok(&format!("{path}/integrity"), &viewer).await;
        assert_eq!(integrity["valid"], true);
    }
);

both_backends!(an_array_and_a_graph_import_each_review, |app| async move {
    let team = Team::new(&app).await;
    let array = json!([
        review("https://checks.example.org/a", "Claim A is true.", "False"),
        review(
            "https://checks.example.org/b",
            "Claim B is true.",
            "Misleading"
        ),
    ]);
    let report = app
        .import_ok(&team.editor, "application/json", &array.to_string())
        .await;
    assert_eq!(item_pointers(&report), ["/0", "/1"]);
    assert_eq!(report["counts"]["created"], 2);
    assert_eq!(
        report["items"][1]["claimant"]["outcome"], "matched",
        "the claimant made for the first review is found again for the second"
    );
    assert_eq!(
        report["items"][1]["claimant"]["id"],
        report["items"][0]["claimant"]["id"]
    );

    let graph = json!({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example Checks", "url": "https://checks.example.org"},
            review("https://checks.example.org/c", "Claim C is true.", "True"),
        ]
    });
    let report = app
        .import_ok(&team.editor, "application/ld+json", &graph.to_string())
        .await;
    assert_eq!(item_pointers(&report), ["/@graph/1"]);
    assert_eq!(report["ignored"][0]["pointer"], "/@graph/0");
    assert_eq!(report["ignored"][0]["type"], "WebSite");
});

both_backends!(
    an_html_page_imports_its_claim_review_blocks_and_reports_the_others,
    |app| async move {
        let team = Team::new(&app).await;
        let html = format!(
            r#"<!doctype html><html><head><title>Fact check</title>
            <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Organization", "name": "Example Checks"}}</script>
            <script type="application/ld+json">{}</script>
            <script src="/app.js"></script>
            </head><body><p>The bridge opened in 1987.</p></body></html>"#,
            review(
                "https://checks.example.org/html",
                "The bridge was built in 1990.",
                "False"
            )
        );
        let report = app
            .import_ok(&team.editor, "text/html; charset=utf-8", &html)
            .await;
        assert_eq!(item_pointers(&report), ["/scripts/1"]);
        assert_eq!(report["items"][0]["outcome"], "created");
        assert_eq!(report["ignored"][0]["pointer"], "/scripts/0");
        assert_eq!(report["ignored"][0]["type"], "Organization");

        // A page with no ClaimReview at all imports nothing: 422.
        let page =
            r#"<html><script type="application/ld+json">{"@type": "WebPage"}</script></html>"#;
        let response = app
            .import_raw(IMPORT, &team.editor, "text/html", page.as_bytes().to_vec())
            .await;
        assert_problem(response, 422, "validation_failed").await;
    }
);

both_backends!(
    a_fact_check_tools_response_names_what_did_not_map,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!({
            "claims": [{
                "text": "Unemployment doubled last year.",
                "claimant": "A. Minister",
                "claimDate": "2024-01-15T00:00:00Z",
                "claimReview": [{
                    "publisher": {"name": "Check Desk", "site": "checkdesk.example.org"},
                    "url": "https://checkdesk.example.org/unemployment",
                    "title": "No, unemployment did not double",
                    "reviewDate": "2024-01-20T10:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                    "imageUrl": "https://checkdesk.example.org/i.png"
                }, {
                    "publisher": {"name": "Other Desk"},
                    "url": "https://other.example.net/u",
                    "textualRating": "Mostly false",
                    "languageCode": "not a language!"
                }]
            }],
            "nextPageToken": "CAE"
        });
        let report = app
            .import_ok(&team.editor, "application/json", &body.to_string())
            .await;
        assert_eq!(
            item_pointers(&report),
            ["/claims/0/claimReview/0", "/claims/0/claimReview/1"]
        );
        assert_eq!(
            unmapped_pointers(&report["items"][0]),
            ["/claims/0/claimReview/0/imageUrl"]
        );
        let second = &report["items"][1];
        assert_eq!(
            unmapped_pointers(second),
            ["/claims/0/claimReview/1/languageCode"]
        );
        assert!(
            second["unmapped"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("BCP 47")
        );
        assert_eq!(report["unmapped"][0]["pointer"], "/nextPageToken");
        assert_eq!(
            claim_id(&report["items"][0]),
            claim_id(second),
            "two reviews of one claim rate the same claim"
        );
        assert_eq!(
            second["claim"]["outcome"], "updated",
            "the claim now cites the second review's page too"
        );
        let claim = app
            .get_ok(&format!("/v1/claims/{}", claim_id(second)), &team.editor)
            .await;
        assert_eq!(claim["citations"].as_array().unwrap().len(), 2);
        assert_eq!(claim["claimant"]["entity_id"], second["claimant"]["id"]);
        let reviews = app
            .get_ok(
                &format!("/v1/claims/{}/external-reviews", claim_id(second)),
                &team.editor,
            )
            .await;
        let reviews = reviews["items"].as_array().unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0]["publisher_url"], "https://checkdesk.example.org");
        assert_eq!(reviews[0]["reviewed_at"], "2024-01-20T10:00:00Z");
        assert_eq!(reviews[1]["language"], Value::Null);
    }
);

both_backends!(
    importing_twice_changes_nothing_and_a_changed_rating_is_a_new_revision,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!([
            review("https://checks.example.org/1", "Claim one.", "False"),
            review("https://checks.example.org/2", "Claim two.", "True"),
        ])
        .to_string();
        let first = app
            .import_ok(&team.editor, "application/ld+json", &body)
            .await;
        let before = app.counts(&team.editor).await;
        let second = app
            .import_ok(&team.editor, "application/ld+json", &body)
            .await;
        assert_eq!(
            second["counts"],
            json!({"reviews": 2, "created": 0, "matched": 2, "updated": 0})
        );
        for item in second["items"].as_array().unwrap() {
            for part in ["claim", "external_review", "review_source", "claimant"] {
                assert_eq!(item[part]["outcome"], "matched", "{part} in {item}");
            }
        }
        assert_eq!(app.counts(&team.editor).await, before);
        for (a, b) in first["items"]
            .as_array()
            .unwrap()
            .iter()
            .zip(second["items"].as_array().unwrap())
        {
            assert_eq!(a["claim"]["id"], b["claim"]["id"]);
            assert_eq!(a["external_review"]["id"], b["external_review"]["id"]);
            let revisions = app
                .get_ok(
                    &format!("/v1/claims/{}/revisions", claim_id(b)),
                    &team.editor,
                )
                .await;
            assert_eq!(
                revisions["items"].as_array().unwrap().len(),
                1,
                "no new claim revision"
            );
        }

        let changed = json!([
            review("https://checks.example.org/1", "Claim one.", "Mostly false"),
            review("https://checks.example.org/2", "Claim two.", "True"),
        ])
        .to_string();
        let third = app
            .import_ok(&team.editor, "application/ld+json", &changed)
            .await;
        assert_eq!(
            third["counts"],
            json!({"reviews": 2, "created": 0, "matched": 1, "updated": 1})
        );
        let item = &third["items"][0];
        assert_eq!(item["outcome"], "updated");
        assert_eq!(item["external_review"]["outcome"], "updated");
        assert_eq!(item["claim"]["outcome"], "matched");
        let id = item["external_review"]["id"].as_str().unwrap();
        let external = app
            .get_ok(&format!("/v1/external-reviews/{id}"), &team.editor)
            .await;
        assert_eq!(external["revision"], 2);
        assert_eq!(external["textual_rating"], "Mostly false");
        let revisions = app
            .get_ok(
                &format!("/v1/external-reviews/{id}/revisions"),
                &team.editor,
            )
            .await;
        assert_eq!(revisions["items"][0]["revision"], 2);
        assert_eq!(revisions["items"][0]["edit_summary"], "ClaimReview import");
        let diff = app
            .get_ok(
                &format!("/v1/external-reviews/{id}/revisions/2/diff"),
                &team.editor,
            )
            .await;
        assert_eq!(diff["operations"][0]["path"], "/textual_rating");
        let revisions = app
            .get_ok(
                &format!("/v1/claims/{}/revisions", claim_id(item)),
                &team.editor,
            )
            .await;
        assert_eq!(
            revisions["items"].as_array().unwrap().len(),
            1,
            "the claim is untouched"
        );
    }
);

both_backends!(
    a_dry_run_reports_everything_and_writes_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!([
            review("https://checks.example.org/d1", "Dry claim one.", "False"),
            review("https://checks.example.org/d2", "Dry claim two.", "False"),
        ])
        .to_string();
        let before = app.counts(&team.editor).await;
        let response = app
            .import_raw(
                &format!("{IMPORT}?dry_run=true"),
                &team.editor,
                "application/ld+json",
                body.clone().into_bytes(),
            )
            .await;
        assert_eq!(response.status(), 200);
        let report: Value = response.json().await.unwrap();
        assert_eq!(report["dry_run"], true);
        assert_eq!(report["counts"]["created"], 2);
        assert_eq!(report["items"][0]["claim"]["outcome"], "created");
        assert_eq!(
            report["items"][0]["claim"]["id"],
            Value::Null,
            "nothing was kept to name"
        );
        assert_eq!(
            report["items"][1]["claimant"]["outcome"], "matched",
            "the dry run sees its own earlier items"
        );
        assert_eq!(report["items"][1]["claimant"]["id"], Value::Null);
        assert_eq!(app.counts(&team.editor).await, before, "nothing written");

        // The real import does what the dry run said.
        let real = app
            .import_ok(&team.editor, "application/ld+json", &body)
            .await;
        assert_eq!(real["counts"], report["counts"]);
        assert_ne!(app.counts(&team.editor).await, before);
    }
);

both_backends!(
    an_item_that_cannot_be_imported_fails_the_whole_import_by_pointer,
    |app| async move {
        let team = Team::new(&app).await;
        let mut no_claim = review("https://checks.example.org/x", "x", "False");
        no_claim.as_object_mut().unwrap().remove("claimReviewed");
        let body = json!([
            review("https://checks.example.org/ok", "A fine claim.", "False"),
            no_claim,
            {"@type": "NewsArticle", "headline": "Not a review"},
        ]);
        let before = app.counts(&team.editor).await;
        let response = app
            .import_raw(
                IMPORT,
                &team.editor,
                "application/ld+json",
                body.to_string().into_bytes(),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/1", "/2"]);
        assert!(
            problem["errors"].to_string().contains("NewsArticle"),
            "{problem}"
        );
        assert_eq!(app.counts(&team.editor).await, before, "nothing written");

        // A Fact Check Tools claim without text, named by its pointer.
        let body = json!({"claims": [{"claimReview": [{"url": "https://a.example.org/r", "textualRating": "False"}]}]});
        let response = app
            .import_raw(
                IMPORT,
                &team.editor,
                "application/json",
                body.to_string().into_bytes(),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/claims/0"]);

        // Not JSON at all: 400; not a supported type: 415.
        let response = app
            .import_raw(
                IMPORT,
                &team.editor,
                "application/json",
                b"{not json".to_vec(),
            )
            .await;
        assert_problem(response, 400, "malformed_json").await;
        let response = app
            .import_raw(IMPORT, &team.editor, "text/plain", b"hello".to_vec())
            .await;
        assert_problem(response, 415, "unsupported_media_type").await;
        // An empty HTML page is a page without a review: 422, like any other; empty JSON: 400.
        let response = app
            .import_raw(IMPORT, &team.editor, "text/html", Vec::new())
            .await;
        assert_problem(response, 422, "validation_failed").await;
        let response = app
            .import_raw(IMPORT, &team.editor, "application/json", b" ".to_vec())
            .await;
        assert_problem(response, 400, "malformed_json").await;
        assert_eq!(app.counts(&team.editor).await, before, "nothing written");
    }
);

both_backends!(
    importing_needs_an_editor_and_a_body_within_the_limit,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let body = review("https://checks.example.org/v", "Viewer claim.", "False").to_string();
        let response = app
            .import_raw(IMPORT, &viewer, "application/ld+json", body.into_bytes())
            .await;
        assert_problem(response, 403, "forbidden").await;

        // Over 10 MiB (well over the 1 MiB of other bodies): 413 before anything is parsed.
        let huge = vec![b' '; 10 * 1024 * 1024 + 1];
        let response = app
            .import_raw(IMPORT, &team.editor, "application/ld+json", huge)
            .await;
        assert_problem(response, 413, "payload_too_large").await;

        // Between 1 MiB and 10 MiB is accepted: a review padded with white space.
        let padded = format!(
            "{}{}",
            review("https://checks.example.org/big", "A big claim.", "False"),
            " ".repeat(2 * 1024 * 1024)
        );
        let report = app
            .import_ok(&team.editor, "application/ld+json", &padded)
            .await;
        assert_eq!(report["counts"]["created"], 1);

        // More than 1,000 reviews: 422.
        let many: Vec<Value> = (0..1001)
            .map(|i| {
                review(
                    &format!("https://checks.example.org/m{i}"),
                    &format!("Claim {i}."),
                    "False",
                )
            })
            .collect();
        let response = app
            .import_raw(
                IMPORT,
                &team.editor,
                "application/ld+json",
                Value::from(many).to_string().into_bytes(),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert!(
            problem["detail"].as_str().unwrap().contains("1000"),
            "{problem}"
        );
    }
);

both_backends!(
    our_own_extension_brings_the_structured_part_and_contradictions_are_flagged,
    |app| async move {
        let team = Team::new(&app).await;
        let with_value = |url: &str, statement: &str, count: u32| {
            let mut doc = review(url, statement, "Unverified");
            doc["itemReviewed"]["claimledger:claim"] = json!({
                "id": "01a2-from-another-ledger",
                "statement": statement,
                "subject": {"id": "01a2-unknown-here", "name": "Quetta constabulary attack", "kind": "event"},
                "property": "fatalities.police",
                "value": {"type": "quantity", "lower": count, "upper": count},
                "confidence": 0.8,
                "credibility": 2,
                "tags": ["quetta"],
                "grading": {"label": "likely"}
            });
            doc["claimledger:verdict"] = json!("false");
            doc
        };
        let body = json!([
            with_value(
                "https://ledger-a.example.org/c/1",
                "Two police officers were killed.",
                2
            ),
            with_value(
                "https://ledger-a.example.org/c/2",
                "Five police officers were killed.",
                5
            ),
        ]);
        let report = app
            .import_ok(&team.editor, "application/ld+json", &body.to_string())
            .await;
        let first = &report["items"][0];
        assert_eq!(first["structured"]["subject"]["outcome"], "created");
        assert_eq!(
            report["items"][1]["structured"]["subject"]["outcome"],
            "matched"
        );
        let unmapped = unmapped_pointers(first);
        for pointer in [
            "/0/itemReviewed/claimledger:claim/grading",
            "/0/claimledger:verdict",
        ] {
            assert!(
                unmapped.contains(&pointer.to_owned()),
                "{pointer} in {first}"
            );
        }
        let claim = app
            .get_ok(&format!("/v1/claims/{}", claim_id(first)), &team.editor)
            .await;
        assert_eq!(claim["property"], "fatalities.police");
        assert_eq!(
            claim["value"],
            json!({"type": "quantity", "lower": 2, "upper": 2, "unit": null})
        );
        assert_eq!(claim["subject"]["id"], first["structured"]["subject"]["id"]);
        assert_eq!(claim["confidence"], 0.8);
        assert_eq!(claim["credibility"], 2);
        assert_eq!(claim["tags"], json!(["imported", "quetta"]));
        let flags = app
            .get_ok(
                &format!("/v1/claims/{}/contradictions", claim_id(first)),
                &team.editor,
            )
            .await;
        assert_eq!(flags["items"].as_array().unwrap().len(), 1, "{flags}");

        // Imported again: matched, nothing new.
        let again = app
            .import_ok(&team.editor, "application/ld+json", &body.to_string())
            .await;
        assert_eq!(again["counts"]["matched"], 2);
    }
);

both_backends!(
    external_reviews_are_in_the_changes_feed_checkpoints_and_verify,
    |app| async move {
        use crate::history_fixtures::{run_binary, run_sql, sql_text};
        let team = Team::new(&app).await;
        let body = review(
            "https://checks.example.org/audit",
            "An audited claim.",
            "False",
        );
        let report = app
            .import_ok(&team.editor, "application/ld+json", &body.to_string())
            .await;
        let id = report["items"][0]["external_review"]["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // The feed lists every kind alike (tests/api/changes.rs covers it on both backends). On
        // PostgreSQL a revision shows only once every older transaction on the whole server has
        // ended, which a long transaction of another database on a shared test server can hold
        // back for minutes; so it is checked here on SQLite only.
        if app.backend == crate::helpers::Backend::Sqlite {
            let (changes, _) = app
                .page("/v1/changes", &team.editor, &[("limit", "500")])
                .await;
            assert!(
                changes
                    .iter()
                    .any(|c| c["kind"] == "external_reviews" && c["record_id"] == id.as_str()),
                "the feed lists the review"
            );
        }
        let response = app
            .client
            .post(app.url("/v1/ledger/checkpoints"))
            .bearer_auth(&team.admin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let heads = app
            .all_pages("/v1/ledger/checkpoints/1/heads", &team.editor, &[], 500)
            .await;
        assert!(
            heads
                .iter()
                .any(|h| h["kind"] == "external_reviews" && h["record_id"] == id.as_str()),
            "the checkpoint holds the review"
        );
        let output = run_binary(app.db.clone(), &["verify"]).await;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );

        // A reviewer retracts it: a new revision; an editor may not.
        let path = format!("/v1/external-reviews/{id}");
        let retract = |token: String| {
            let app = &app;
            let path = path.clone();
            async move {
                app.client
                    .post(app.url(&format!("{path}/retract")))
                    .bearer_auth(token)
                    .header("if-match", "\"1\"")
                    .json(&json!({"reason": "attached to the wrong claim"}))
                    .send()
                    .await
                    .unwrap()
            }
        };
        assert_problem(retract(team.editor.clone()).await, 403, "forbidden").await;
        assert_eq!(retract(team.reviewer.clone()).await.status(), 200);
        let retracted = app.get_ok(&path, &team.editor).await;
        assert_eq!(retracted["revision"], 2);
        assert_eq!(
            retracted["retracted"]["reason"],
            "attached to the wrong claim"
        );

        // Changed behind the API's back: integrity and verify say so.
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE external_reviews SET textual_rating = 'True' WHERE id = {}",
                sql_text(&id)
            ),
        )
        .await
        .unwrap();
        let integrity = app.get_ok(&format!("{path}/integrity"), &team.editor).await;
        assert_eq!(integrity["valid"], false, "{integrity}");
        let output = run_binary(app.db.clone(), &["verify"]).await;
        assert_ne!(output.status.code(), Some(0));
    }
);

both_backends!(
    two_imports_of_one_file_at_once_write_it_once,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!([
            review(
                "https://checks.example.org/p1",
                "Parallel claim one.",
                "False"
            ),
            review(
                "https://checks.example.org/p2",
                "Parallel claim two.",
                "True"
            ),
        ])
        .to_string();
        let (a, b) = tokio::join!(
            app.import_ok(&team.editor, "application/ld+json", &body),
            app.import_ok(&team.editor, "application/ld+json", &body),
        );
        let mut created: Vec<u64> = [&a, &b]
            .iter()
            .map(|r| r["counts"]["created"].as_u64().unwrap())
            .collect();
        created.sort();
        assert_eq!(created, [0, 2], "one wrote, the other found it: {a} {b}");
        // Two claims, two review pages and the two appearances they share, one claimant, two reviews.
        assert_eq!(app.counts(&team.editor).await, (2, 4, 1, 2));
    }
);

/// Another instance's published review, as its export writes it.
async fn exported_ledger(app: &TestApp) -> Vec<Value> {
    use crate::fixtures::etag;
    let desk = crate::helpers::spawn_app_with(std::sync::Arc::clone(&app.db), |config| {
        config.publisher = Some(claimledger::config::Publisher {
            name: "Quetta Desk".into(),
            url: Some("https://desk.example.org/".into()),
            logo: None,
        })
    })
    .await;
    let team = Team::new(&desk).await;
    let t = &team.editor;
    let post = desk
        .create_source(
            t,
            &json!({"kind": "social_post", "title": "A post", "url": "https://social.example/p/1"}),
        )
        .await;
    let paper = desk.source_id(t, "Dawn").await;
    let speaker = desk.entity_id(t, "person", "Muzahim").await;
    let event = desk
        .entity_id(t, "event", "Quetta constabulary attack")
        .await;
    let structured = desk
        .create_claim(t, &json!({
            "statement": "At least 20 people were injured in the Quetta attack.",
            "subject_id": event, "property": "injured",
            "value": {"type": "quantity", "lower": 20, "upper": null},
            "claimed_at": "2022-11-30T09:00:00Z", "claimant": {"entity_id": speaker},
            "confidence": 0.7, "credibility": 2, "tags": ["quetta"],
            "citations": [{"source_id": crate::fixtures::id(&post), "role": "appearance"}, {"source_id": paper}],
        }))
        .await;
    let plain = desk
        .create_claim(
            t,
            &json!({"statement": "The attack was claimed within an hour.", "confidence": 0.4,
            "citations": [{"source_id": paper}]}),
        )
        .await;
    let ttp = desk
        .entity_id(t, "organization", "Tehreek-e-Taliban Pakistan")
        .await;
    let by_entity = desk
        .create_claim(
            t,
            &json!({"statement": "The TTP carried out the Quetta attack.", "subject_id": event,
            "property": "perpetrator", "value": {"type": "entity", "entity_id": ttp},
            "confidence": 0.9, "citations": [{"source_id": paper}]}),
        )
        .await;
    for (claim, url, verdict) in [
        (&structured, "https://desk.example.org/injured", "verified"),
        (&plain, "https://desk.example.org/claimed", "false"),
        (
            &by_entity,
            "https://desk.example.org/perpetrator",
            "verified",
        ),
    ] {
        let path = format!("/v1/claims/{}", crate::fixtures::id(claim));
        let revision = etag(&desk.get(&path, t).await);
        let response = desk
            .client
            .post(desk.url(&format!("{path}/verdict")))
            .bearer_auth(&team.reviewer)
            .header("if-match", revision)
            .json(&json!({"verdict": verdict, "published_review": {"url": url, "headline": "Checked", "date_published": "2022-12-02"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let response = desk.get("/v1/exports/claimreview", t).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

both_backends!(
    our_own_export_imported_into_a_fresh_instance_gives_the_same_claims_with_external_reviews,
    |app| async move {
        let docs = exported_ledger(&app).await;
        assert_eq!(docs.len(), 3);
        let fresh = crate::helpers::spawn_app(app.backend).await.unwrap();
        let team = Team::new(&fresh).await;
        let body = Value::from(docs.clone()).to_string();
        let report = fresh
            .import_ok(&team.editor, "application/ld+json", &body)
            .await;
        assert_eq!(report["counts"]["created"], 3, "{report}");
        let first = &report["items"][0];
        let claim = fresh
            .get_ok(&format!("/v1/claims/{}", claim_id(first)), &team.editor)
            .await;
        assert_eq!(
            claim["statement"],
            "At least 20 people were injured in the Quetta attack."
        );
        assert_eq!(claim["subject"]["name"], "Quetta constabulary attack");
        assert_eq!(claim["property"], "injured");
        assert_eq!(
            claim["value"],
            json!({"type": "quantity", "lower": 20, "upper": null, "unit": null})
        );
        assert_eq!(claim["claimed_at"], "2022-11-30T09:00:00Z");
        assert_eq!(claim["confidence"], 0.7);
        assert_eq!(claim["credibility"], 2);
        assert_eq!(claim["tags"], json!(["imported", "quetta"]));
        assert_eq!(
            claim["verdict"], "unreviewed",
            "their verdict is their external review"
        );
        let entity = fresh
            .get_ok(
                &format!(
                    "/v1/entities/{}",
                    claim["claimant"]["entity_id"].as_str().unwrap()
                ),
                &team.editor,
            )
            .await;
        assert_eq!(
            (entity["name"].as_str(), entity["kind"].as_str()),
            (Some("Muzahim"), Some("person"))
        );
        let appearance = claim["citations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["role"] == "appearance")
            .expect("the post is cited as where the claim was made");
        assert_eq!(appearance["source"]["url"], "https://social.example/p/1");
        let reviews = fresh
            .get_ok(
                &format!("/v1/claims/{}/external-reviews", claim_id(first)),
                &team.editor,
            )
            .await;
        assert_eq!(reviews["items"][0]["publisher"], "Quetta Desk");
        assert_eq!(
            reviews["items"][0]["url"],
            "https://desk.example.org/injured"
        );
        assert_eq!(reviews["items"][0]["reviewed_at"], "2022-12-02");
        let plain = fresh
            .get_ok(
                &format!("/v1/claims/{}", claim_id(&report["items"][1])),
                &team.editor,
            )
            .await;
        assert_eq!(plain["statement"], "The attack was claimed within an hour.");
        assert_eq!(plain["subject"], Value::Null);

        // An entity value travels by its entity's name and kind.
        let by_entity = fresh
            .get_ok(
                &format!("/v1/claims/{}", claim_id(&report["items"][2])),
                &team.editor,
            )
            .await;
        assert_eq!(by_entity["property"], "perpetrator");
        let perpetrator = fresh
            .get_ok(
                &format!(
                    "/v1/entities/{}",
                    by_entity["value"]["entity_id"].as_str().unwrap()
                ),
                &team.editor,
            )
            .await;
        assert_eq!(
            (perpetrator["name"].as_str(), perpetrator["kind"].as_str()),
            (Some("Tehreek-e-Taliban Pakistan"), Some("organization"))
        );

        let again = fresh
            .import_ok(&team.editor, "application/ld+json", &body)
            .await;
        assert_eq!(again["counts"]["matched"], 3, "{again}");
    }
);
