//! `/v1/sources`: create, read, list with filters, edit with If-Match, retract and restore, and
//! what a retracted source shows on the claims that cite it.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, etag, id, ids, pointers, source_body, with_query};
use crate::helpers::{TestApp, assert_problem};

fn source_path(source: &Value) -> String {
    format!("/v1/sources/{}", id(source))
}

async fn source_ids(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Vec<String> {
    let (items, _) = app.page("/v1/sources", token, params).await;
    ids(&items)
}

both_backends!(
    an_editor_creates_a_source_with_location_and_etag_1,
    |app| async move {
        let team = Team::new(&app).await;
        let me = app.get_ok("/v1/me", &team.editor).await;
        let body = json!({
            "kind": "report",
            "title": "  Afghan Taliban, TTP And Pakistan: The Undeniable Nexus  ",
            "url": "https://example.org/analysis/ttp-nexus",
            "publisher": "Example Review",
            "authors": ["Shemrez", "A. N. Other"],
            "published_at": "2022-12-01",
            "language": "en",
            "reliability": "C",
            "archived_url": "http://archive.example.net/2022/ttp-nexus",
        });
        let response = app.post_json("/v1/sources", &team.editor, &body).await;
        assert_eq!(response.status(), 201);
        assert_eq!(etag(&response), "\"1\"");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let created: Value = response.json().await.unwrap();
        assert_eq!(location, source_path(&created));
        assert_eq!(created["kind"], "report");
        assert_eq!(
            created["title"], "Afghan Taliban, TTP And Pakistan: The Undeniable Nexus",
            "the title is trimmed"
        );
        assert_eq!(created["url"], body["url"]);
        assert_eq!(created["publisher"], "Example Review");
        assert_eq!(created["authors"], json!(["Shemrez", "A. N. Other"]));
        assert_eq!(created["published_at"], "2022-12-01");
        assert_eq!(created["language"], "en");
        assert_eq!(created["reliability"], "C");
        assert_eq!(created["archived_url"], body["archived_url"]);
        assert_eq!(created["retracted"], Value::Null);
        assert_eq!(created["revision"], 1);
        assert_eq!(created["created_by"], me["id"]);

        let response = app.get(&location, &team.editor).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        let read: Value = response.json().await.unwrap();
        assert_eq!(read, created);
    }
);

both_backends!(a_viewer_cannot_create_a_source, |app| async move {
    let viewer = app.user_with_role("viewer", "viewer").await;
    let response = app
        .post_json("/v1/sources", &viewer, &source_body("Anything"))
        .await;
    assert_problem(response, 403, "forbidden").await;
});

both_backends!(
    reliability_defaults_to_f_and_published_at_is_a_date_or_an_rfc3339_time,
    |app| async move {
        let team = Team::new(&app).await;
        let plain = app
            .create_source(&team.editor, &source_body("Ungraded"))
            .await;
        assert_eq!(plain["reliability"], "F", "cannot be judged by default");
        assert_eq!(plain["published_at"], Value::Null);

        let timed = app
            .create_source(
                &team.editor,
                &json!({"kind": "social_post", "title": "A post", "published_at": "2022-11-30T08:15:00+05:00"}),
            )
            .await;
        assert_eq!(timed["published_at"], "2022-11-30T08:15:00+05:00");

        for grade in ["A", "B", "C", "D", "E", "F"] {
            let source = app
                .create_source(
                    &team.editor,
                    &json!({"kind": "other", "title": format!("Graded {grade}"), "reliability": grade}),
                )
                .await;
            assert_eq!(source["reliability"], grade);
        }

        for (published_at, why) in [
            ("yesterday", "words"),
            ("2022-13-01", "no month 13"),
            ("2022-11", "a month is not a date"),
            ("30/11/2022", "not ISO 8601"),
            ("2022-11-30T08:15:00", "a time needs an offset"),
        ] {
            let response = app
                .post_json(
                    "/v1/sources",
                    &team.editor,
                    &json!({"kind": "article", "title": "t", "published_at": published_at}),
                )
                .await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/published_at"], "{why}");
        }

        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "article", "title": "t", "reliability": "G"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/reliability"]);
    }
);

both_backends!(
    url_and_archived_url_must_be_absolute_http_urls,
    |app| async move {
        let team = Team::new(&app).await;
        for bad in [
            "ftp://example.org/file",
            "/relative/path",
            "example.org/no-scheme",
            "javascript:alert(1)",
            "mailto:desk@example.org",
            "http://",
        ] {
            for field in ["url", "archived_url"] {
                let mut body = source_body("Bad link");
                body[field] = json!(bad);
                let response = app.post_json("/v1/sources", &team.editor, &body).await;
                let problem = assert_problem(response, 422, "validation_failed").await;
                assert_eq!(pointers(&problem), [format!("/{field}")], "{field} = {bad}");
            }
        }

        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "article", "title": "Both bad", "url": "ftp://x.org/a", "archived_url": "archive"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/archived_url", "/url"]);

        for good in ["http://example.org", "https://example.org/a?b=c#d"] {
            let source = app
                .create_source(
                    &team.editor,
                    &json!({"kind": "article", "title": "Good", "url": good, "archived_url": good}),
                )
                .await;
            assert_eq!(source["url"], good);
            assert_eq!(source["archived_url"], good);
        }
    }
);

both_backends!(
    a_source_with_a_missing_title_or_an_unknown_field_names_it,
    |app| async move {
        let team = Team::new(&app).await;
        let response = app
            .post_json("/v1/sources", &team.editor, &json!({"kind": "article"}))
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/title"]);

        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "article", "title": "t", "reliabilty": "A"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/reliabilty"]);

        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "blog", "title": "t"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/kind"]);
    }
);

both_backends!(
    the_source_list_filters_by_q_kind_publisher_and_reliability,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let dawn = id(&app
            .create_source(
                t,
                &json!({"kind": "article", "title": "Quetta attack coverage", "publisher": "Dawn", "reliability": "B"}),
            )
            .await);
        let pips = id(&app
            .create_source(
                t,
                &json!({"kind": "report", "title": "Annual security review", "publisher": "Pak Institute for Peace Studies", "reliability": "A"}),
            )
            .await);
        let ispr = id(&app
            .create_source(
                t,
                &json!({"kind": "official_statement", "title": "Press release on QUETTA", "publisher": "ISPR", "reliability": "C"}),
            )
            .await);
        let diplomat = id(&app
            .create_source(
                t,
                &json!({"kind": "article", "title": "Kabul talks", "publisher": "The Diplomat"}),
            )
            .await);

        let all = [&dawn, &pips, &ispr, &diplomat].map(String::clone).to_vec();
        assert_eq!(source_ids(&app, t, &[]).await, all, "oldest first");
        type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a String>);
        let cases: Vec<Case> = vec![
            (vec![("q", "quetta")], vec![&dawn, &ispr]),
            (vec![("q", "QUETTA ATTACK")], vec![&dawn]),
            (vec![("q", "peace studies")], vec![&pips]),
            (vec![("q", "dawn")], vec![&dawn]),
            (vec![("q", "nothing like this")], vec![]),
            (vec![("kind", "article")], vec![&dawn, &diplomat]),
            (vec![("kind", "official_statement")], vec![&ispr]),
            (vec![("kind", "dataset")], vec![]),
            (vec![("publisher", "dawn")], vec![&dawn]),
            (vec![("publisher", "THE DIPLOMAT")], vec![&diplomat]),
            (vec![("publisher", "Diplomat")], vec![]),
            (vec![("reliability", "A")], vec![&pips]),
            (vec![("reliability", "F")], vec![&diplomat]),
            (vec![("reliability", "E")], vec![]),
            (vec![("kind", "article"), ("reliability", "B")], vec![&dawn]),
            (vec![("q", "quetta"), ("kind", "article")], vec![&dawn]),
        ];
        for (params, expected) in cases {
            let expected: Vec<String> = expected.into_iter().cloned().collect();
            assert_eq!(source_ids(&app, t, &params).await, expected, "{params:?}");
        }

        // Pages of two follow the same order.
        let paged = ids(&app.all_pages("/v1/sources", t, &[], 2).await);
        assert_eq!(paged, all);
    }
);

both_backends!(
    patching_a_source_needs_the_current_revision_in_if_match,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app
            .create_source(
                &team.editor,
                &json!({"kind": "article", "title": "Draft title", "publisher": "Dawn", "reliability": "D"}),
            )
            .await;
        let path = source_path(&source);
        let patch = json!({"title": "Final title", "edit_summary": "fix the title"});

        let response = app.patch_json(&path, &team.editor, None, &patch).await;
        assert_problem(response, 428, "if_match_required").await;

        let response = app
            .patch_json(&path, &team.editor, Some("\"7\""), &patch)
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 1);

        let response = app
            .patch_json(&path, &team.editor, Some("\"1\""), &patch)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let patched: Value = response.json().await.unwrap();
        assert_eq!(patched["title"], "Final title");
        assert_eq!(patched["publisher"], "Dawn", "fields not in the patch stay");
        assert_eq!(patched["reliability"], "D");
        assert_eq!(patched["revision"], 2);

        // The old ETag is now stale.
        let response = app
            .patch_json(
                &path,
                &team.editor,
                Some("\"1\""),
                &json!({"reliability": "A"}),
            )
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 2);

        // `null` clears a field (JSON Merge Patch); the rules of a create apply to the result.
        let response = app
            .patch_json(
                &path,
                &team.editor,
                Some("\"2\""),
                &json!({"publisher": null}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let cleared: Value = response.json().await.unwrap();
        assert_eq!(cleared["publisher"], Value::Null);
        assert_eq!(cleared["revision"], 3);

        let response = app
            .patch_json(
                &path,
                &team.editor,
                Some("\"3\""),
                &json!({"url": "ftp://x.org/a"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/url"]);

        let response = app.get(&path, &team.editor).await;
        assert_eq!(etag(&response), "\"3\"", "a rejected patch changes nothing");
        let read: Value = response.json().await.unwrap();
        assert_eq!(read["title"], "Final title");
        assert_eq!(read["url"], Value::Null);
    }
);

both_backends!(
    only_a_reviewer_retracts_and_restores_a_source_with_a_reason,
    |app| async move {
        let team = Team::new(&app).await;
        let kept = app.source_id(&team.editor, "Kept").await;
        let source = app
            .create_source(&team.editor, &source_body("Withdrawn by its outlet"))
            .await;
        let path = source_path(&source);
        let retract = format!("{path}/retract");
        let restore = format!("{path}/restore");
        let reason = json!({"reason": "The outlet withdrew the article."});

        let response = app
            .post_if_match(&retract, &team.editor, Some("\"1\""), &reason)
            .await;
        assert_problem(response, 403, "forbidden").await;

        let response = app
            .post_if_match(&retract, &team.reviewer, None, &reason)
            .await;
        assert_problem(response, 428, "if_match_required").await;

        for body in [json!({}), json!({"reason": "   "})] {
            let response = app
                .post_if_match(&retract, &team.reviewer, Some("\"1\""), &body)
                .await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/reason"], "{body}");
        }

        let response = app
            .post_if_match(&retract, &team.reviewer, Some("\"1\""), &reason)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let retracted: Value = response.json().await.unwrap();
        assert_eq!(
            retracted["retracted"]["reason"],
            "The outlet withdrew the article."
        );
        assert!(retracted["retracted"]["at"].is_string());

        // Hidden from the list, unless asked for; still readable by id.
        assert_eq!(source_ids(&app, &team.editor, &[]).await, [kept.as_str()]);
        assert_eq!(
            source_ids(&app, &team.editor, &[("include_retracted", "true")]).await,
            [kept.clone(), id(&source)]
        );
        let read = app.get_ok(&path, &team.editor).await;
        assert_eq!(read["retracted"], retracted["retracted"]);

        let response = app
            .post_if_match(&retract, &team.reviewer, Some("\"2\""), &reason)
            .await;
        assert_problem(response, 409, "already_retracted").await;

        let response = app
            .post_if_match(
                &restore,
                &team.editor,
                Some("\"2\""),
                &json!({"reason": "ok"}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;

        let response = app
            .post_if_match(
                &restore,
                &team.reviewer,
                Some("\"2\""),
                &json!({"reason": "Republished with a correction."}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"3\"");
        let restored: Value = response.json().await.unwrap();
        assert_eq!(restored["retracted"], Value::Null);
        assert_eq!(
            source_ids(&app, &team.editor, &[]).await,
            [kept, id(&source)]
        );
    }
);

both_backends!(
    a_claim_citing_a_retracted_source_shows_the_retraction,
    |app| async move {
        let team = Team::new(&app).await;
        let solid = app.source_id(&team.editor, "Solid source").await;
        let shaky = app
            .create_source(&team.editor, &source_body("Shaky source"))
            .await;
        let mut body = claim_body("Two sources say so.", &solid);
        body["citations"] = json!([{"source_id": solid}, {"source_id": id(&shaky)}]);
        let claim = app.create_claim(&team.editor, &body).await;
        assert_eq!(claim["cites_retracted_source"], false);
        assert_eq!(claim["citations"][1]["source"]["retracted"], false);
        let claim_path = format!("/v1/claims/{}", id(&claim));

        let response = app
            .post_if_match(
                &format!("{}/retract", source_path(&shaky)),
                &team.reviewer,
                Some("\"1\""),
                &json!({"reason": "fabricated"}),
            )
            .await;
        assert_eq!(response.status(), 200);

        let read = app.get_ok(&claim_path, &team.editor).await;
        assert_eq!(read["citations"][0]["source"]["id"], json!(solid));
        assert_eq!(read["citations"][0]["source"]["retracted"], false);
        assert_eq!(read["citations"][1]["source"]["id"], shaky["id"]);
        assert_eq!(read["citations"][1]["source"]["retracted"], true);
        assert_eq!(read["cites_retracted_source"], true);
        assert_eq!(read["revision"], 1, "the claim itself did not change");

        // Lists show it too.
        let listed = app
            .get_ok(
                &with_query("/v1/claims", &[("source_id", &id(&shaky))]),
                &team.editor,
            )
            .await;
        assert_eq!(listed["items"][0]["id"], claim["id"]);
        assert_eq!(listed["items"][0]["cites_retracted_source"], true);

        let response = app
            .post_if_match(
                &format!("{}/restore", source_path(&shaky)),
                &team.reviewer,
                Some("\"2\""),
                &json!({"reason": "verified after all"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let read = app.get_ok(&claim_path, &team.editor).await;
        assert_eq!(read["citations"][1]["source"]["retracted"], false);
        assert_eq!(read["cites_retracted_source"], false);
    }
);
