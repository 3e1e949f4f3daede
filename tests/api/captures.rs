//! Captures and verified quotes (issue 17 §1): `POST`/`GET /v1/sources/{id}/captures`,
//! `GET /v1/captures/{id}` and its content, and `quote_check` on every citation — checked when
//! a claim is written, rechecked in the background when a new capture of its source arrives.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use claimledger::domain::capture_text::minimal_pdf;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::both_backends;
use crate::fixtures::{Team, etag, id, ids, pointers};
use crate::helpers::{TestApp, assert_problem, eventually};

const ARTICLE: &str = "Police said the blast killed three people. The TTP claimed it would \
“put pressure” on the government.\n\nA   second  paragraph, with    odd spacing.";

fn text_capture(content: &str) -> Value {
    json!({
        "media_type": "text/plain",
        "content": content,
        "retrieved_at": "2022-12-01T10:00:00Z",
    })
}

fn base64_capture(media_type: &str, bytes: &[u8]) -> Value {
    json!({
        "media_type": media_type,
        "content_base64": STANDARD.encode(bytes),
        "retrieved_at": "2022-12-01T10:00:00Z",
        "archive_url": "https://web.archive.org/web/2022/https://example.org/a",
    })
}

fn captures_path(source_id: &str) -> String {
    format!("/v1/sources/{source_id}/captures")
}

async fn capture(app: &TestApp, token: &str, source_id: &str, body: &Value) -> Value {
    let response = app.post_json(&captures_path(source_id), token, body).await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "{text}");
    let created: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(location, Some(format!("/v1/captures/{}", id(&created))));
    created
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The stored bytes of a capture, checked against its headers.
async fn content(app: &TestApp, token: &str, capture: &Value) -> (String, Vec<u8>) {
    let response = app
        .get(&format!("/v1/captures/{}/content", id(capture)), token)
        .await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let content_type = headers["content-type"].to_str().unwrap().to_owned();
    let bytes = response.bytes().await.unwrap().to_vec();
    let sha = sha256_hex(&bytes);
    assert_eq!(capture["sha256"], sha.as_str());
    assert_eq!(etag_of(&headers), format!("\"{sha}\""));
    assert_eq!(
        headers["repr-digest"].to_str().unwrap(),
        format!("sha-256=:{}:", STANDARD.encode(Sha256::digest(&bytes)))
    );
    assert_eq!(headers["content-security-policy"], "sandbox");
    (content_type, bytes)
}

fn etag_of(headers: &reqwest::header::HeaderMap) -> String {
    headers["etag"].to_str().unwrap().to_owned()
}

/// The number of stored capture blobs, from the ledger export's header.
async fn blob_count(app: &TestApp, admin: &str) -> u64 {
    let response = app.get("/v1/exports/ledger", admin).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    let header: Value = serde_json::from_str(body.lines().next().unwrap()).unwrap();
    header["counts"]["capture_blobs"].as_u64().unwrap()
}

both_backends!(
    captures_of_text_html_and_pdf_give_back_their_bytes,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let source = app.source_id(&team.editor, "Captured").await;

        let text = capture(&app, &team.editor, &source, &text_capture(ARTICLE)).await;
        assert_eq!(text["source_id"], source.as_str());
        assert_eq!(text["media_type"], "text/plain");
        assert_eq!(text["size"], ARTICLE.len());
        assert_eq!(text["sha256"], sha256_hex(ARTICLE.as_bytes()).as_str());
        assert_eq!(text["retrieved_at"], "2022-12-01T10:00:00Z");
        assert_eq!(text["revision"], 1);
        let (media_type, bytes) = content(&app, &viewer, &text).await;
        assert_eq!(media_type, "text/plain");
        assert_eq!(bytes, ARTICLE.as_bytes());

        let html = "<html><body><p>Police said <b>three</b> died.</p></body></html>";
        let page = capture(
            &app,
            &team.editor,
            &source,
            &base64_capture("text/html; charset=utf-8", html.as_bytes()),
        )
        .await;
        assert_eq!(
            page["archive_url"],
            "https://web.archive.org/web/2022/https://example.org/a"
        );
        let (media_type, bytes) = content(&app, &viewer, &page).await;
        assert_eq!(media_type, "text/html; charset=utf-8");
        assert_eq!(bytes, html.as_bytes());

        let pdf_bytes = minimal_pdf("Police said 12 died");
        let pdf = capture(
            &app,
            &team.editor,
            &source,
            &base64_capture("application/pdf", &pdf_bytes),
        )
        .await;
        let (media_type, bytes) = content(&app, &viewer, &pdf).await;
        assert_eq!(media_type, "application/pdf");
        assert_eq!(bytes, pdf_bytes);

        // Read, listed oldest first, with history like every record.
        let read = app
            .get_ok(&format!("/v1/captures/{}", id(&pdf)), &viewer)
            .await;
        assert_eq!(read, pdf);
        let (listed, _) = app.page(&captures_path(&source), &viewer, &[]).await;
        assert_eq!(ids(&listed), vec![id(&text), id(&page), id(&pdf)]);
        let (page1, cursor) = app
            .page(&captures_path(&source), &viewer, &[("limit", "2")])
            .await;
        assert_eq!(ids(&page1), vec![id(&text), id(&page)]);
        assert!(cursor.is_some());
        let revisions = app
            .get_ok(&format!("/v1/captures/{}/revisions", id(&text)), &viewer)
            .await;
        assert_eq!(revisions["items"].as_array().unwrap().len(), 1);
        let integrity = app
            .get_ok(&format!("/v1/captures/{}/integrity", id(&text)), &viewer)
            .await;
        assert_eq!(integrity["valid"], true, "{integrity}");
        // The changes feed shows a revision once every transaction before it has ended.
        let (app_ref, admin) = (&app, team.admin.clone());
        eventually(Duration::from_secs(10), "the feed has the captures", || {
            let admin = admin.clone();
            async move {
                let (changes, _) = app_ref
                    .page("/v1/changes", &admin, &[("limit", "500")])
                    .await;
                changes.iter().filter(|c| c["kind"] == "captures").count() == 3
            }
        })
        .await;

        // The PDF's text is matched: a quote from it verifies.
        let claim = app
            .create_claim(
                &team.editor,
                &json!({"statement": "Twelve died", "confidence": 0.5,
                    "citations": [{"source_id": source, "quote": "Police said 12 died"}]}),
            )
            .await;
        let check = &claim["citations"][0]["quote_check"];
        assert_eq!(check["status"], "verified", "{check}");
        assert_eq!(check["capture_id"], pdf["id"]);
    }
);

both_backends!(the_same_bytes_twice_are_stored_once, |app| async move {
    let team = Team::new(&app).await;
    let a = app.source_id(&team.editor, "A").await;
    let b = app.source_id(&team.editor, "B").await;
    let before = blob_count(&app, &team.admin).await;
    let first = capture(&app, &team.editor, &a, &text_capture(ARTICLE)).await;
    let second = capture(
        &app,
        &team.editor,
        &b,
        &base64_capture("text/plain", ARTICLE.as_bytes()),
    )
    .await;
    assert_ne!(first["id"], second["id"], "two captures");
    assert_eq!(first["sha256"], second["sha256"]);
    assert_eq!(blob_count(&app, &team.admin).await, before + 1, "one blob");
    let (_, one) = content(&app, &team.editor, &first).await;
    let (_, two) = content(&app, &team.editor, &second).await;
    assert_eq!(one, two);
});

both_backends!(
    bad_captures_are_refused_naming_the_field,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let source = app.source_id(&team.editor, "Refusals").await;
        let path = captures_path(&source);
        let refused = |body: Value, pointer: &'static str| {
            let (app, path, editor) = (&app, &path, &team.editor);
            async move {
                let response = app.post_json(path, editor, &body).await;
                let problem = assert_problem(response, 422, "validation_failed").await;
                assert_eq!(pointers(&problem), vec![pointer.to_owned()], "{body}");
            }
        };
        let mut body = text_capture("x");
        body["media_type"] = json!("image/png");
        refused(body, "/media_type").await;
        refused(
            json!({"media_type": "text/plain", "content_base64": "not base64!",
                "retrieved_at": "2022-12-01T10:00:00Z"}),
            "/content_base64",
        )
        .await;
        refused(
            json!({"media_type": "text/plain", "content": "a", "content_base64": "YQ==",
                "retrieved_at": "2022-12-01T10:00:00Z"}),
            "/content",
        )
        .await;
        refused(
            json!({"media_type": "text/plain", "retrieved_at": "2022-12-01T10:00:00Z"}),
            "/content",
        )
        .await;
        refused(base64_capture("text/plain", b"caf\xe9"), "/content_base64").await;
        refused(
            base64_capture("application/pdf", b"%PDF-1.7\n1 0 obj << /Type"),
            "/content_base64",
        )
        .await;
        let mut body = text_capture("x");
        body["archive_url"] = json!("http://archive.example.org/a");
        refused(body, "/archive_url").await;
        let mut body = text_capture("x");
        body["retrieved_at"] = json!("yesterday");
        refused(body, "/retrieved_at").await;

        // Over 10 MiB of content: 413, whether the body says so or the decoding does.
        let big = vec![b'a'; 10 * 1024 * 1024 + 1];
        let response = app
            .post_json(&path, &team.editor, &base64_capture("text/plain", &big))
            .await;
        assert_problem(response, 413, "payload_too_large").await;
        let huge = "a".repeat(15 * 1024 * 1024);
        let response = app
            .post_json(&path, &team.editor, &text_capture(&huge))
            .await;
        assert_problem(response, 413, "payload_too_large").await;
        // Exactly 10 MiB is fine.
        let limit = vec![b'a'; 10 * 1024 * 1024];
        capture(
            &app,
            &team.editor,
            &source,
            &base64_capture("text/plain", &limit),
        )
        .await;

        // Roles and missing records.
        let response = app.post_json(&path, &viewer, &text_capture("x")).await;
        assert_problem(response, 403, "forbidden").await;
        let response = app
            .post_json(&captures_path("nope"), &team.editor, &text_capture("x"))
            .await;
        assert_problem(response, 404, "not_found").await;
        let response = app.get("/v1/captures/nope/content", &viewer).await;
        assert_problem(response, 404, "not_found").await;
        let response = app.get(&captures_path("nope"), &viewer).await;
        assert_problem(response, 404, "not_found").await;
    }
);

fn citation(source_id: &str, quote: Option<&str>) -> Value {
    match quote {
        Some(quote) => json!({"source_id": source_id, "quote": quote}),
        None => json!({"source_id": source_id}),
    }
}

fn checks(claim: &Value) -> Vec<Value> {
    claim["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["quote_check"].clone())
        .collect()
}

both_backends!(
    claim_writes_check_their_quotes_against_the_latest_capture,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Article").await;
        let uncaptured = app.source_id(&team.editor, "Never captured").await;
        let captured = capture(&app, &team.editor, &source, &text_capture(ARTICLE)).await;
        let claim = app
            .create_claim(
                &team.editor,
                &json!({
                    "statement": "Three people died in the blast",
                    "confidence": 0.7,
                    "citations": [
                        citation(&source, Some("the blast killed three people")),
                        citation(&source, Some("would \"put pressure\" on the government")),
                        citation(&source, Some("A second paragraph, with odd spacing")),
                        citation(&source, Some("the blast killed four people")),
                        citation(&source, None),
                        citation(&uncaptured, Some("anything")),
                    ],
                }),
            )
            .await;
        let capture_id = captured["id"].clone();
        let found = checks(&claim);
        let start = ARTICLE
            .find("the blast")
            .map(|b| ARTICLE[..b].chars().count())
            .unwrap();
        assert_eq!(
            found[0],
            json!({"status": "verified", "capture_id": capture_id, "start": start,
                "end": start + "the blast killed three people".chars().count()})
        );
        assert_eq!(found[1]["status"], "normalized", "curly quotes");
        let (s, e) = (
            found[1]["start"].as_u64().unwrap() as usize,
            found[1]["end"].as_u64().unwrap() as usize,
        );
        let span: String = ARTICLE.chars().skip(s).take(e - s).collect();
        assert_eq!(span, "would “put pressure” on the government");
        assert_eq!(found[2]["status"], "normalized", "white space");
        assert_eq!(
            found[3],
            json!({"status": "not_found", "capture_id": capture_id, "start": null, "end": null})
        );
        assert_eq!(
            found[4],
            json!({"status": "no_quote", "capture_id": null, "start": null, "end": null})
        );
        assert_eq!(found[5]["status"], "no_capture");

        // Reads and lists show the same.
        let read = app
            .get_ok(&format!("/v1/claims/{}", id(&claim)), &team.editor)
            .await;
        assert_eq!(checks(&read), found);
        let (listed, _) = app.page("/v1/claims", &team.editor, &[]).await;
        assert_eq!(checks(&listed[0]), found);

        // An edit of a quote is checked again before it is answered.
        let other = app
            .create_claim(
                &team.editor,
                &json!({"statement": "The TTP claimed it", "confidence": 0.5,
                    "citations": [citation(&source, Some("The TTP claimed it"))]}),
            )
            .await;
        assert_eq!(checks(&other)[0]["status"], "verified");
        let response = app
            .patch_json(
                &format!("/v1/claims/{}", id(&other)),
                &team.editor,
                Some(&etag_value(&other)),
                &json!({"citations": [citation(&source, Some("The TTP denied it"))]}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let edited: Value = response.json().await.unwrap();
        assert_eq!(checks(&edited)[0]["status"], "not_found");

        // The filter: claims with at least one citation in that status.
        let ids_with = |status: &'static str| {
            let (app, token) = (&app, &team.editor);
            async move {
                let mut found = app.claim_ids(token, &[("quote_check", status)]).await;
                found.sort();
                found
            }
        };
        let mut both = vec![id(&claim), id(&other)];
        both.sort();
        assert_eq!(ids_with("not_found").await, both);
        assert_eq!(ids_with("verified").await, vec![id(&claim)]);
        assert_eq!(ids_with("no_capture").await, vec![id(&claim)]);
        let sorted = app
            .claim_ids(
                &team.editor,
                &[("quote_check", "no_quote"), ("sort", "confidence")],
            )
            .await;
        assert_eq!(sorted, vec![id(&claim)]);
        let response = app.get("/v1/claims?quote_check=maybe", &team.editor).await;
        assert_eq!(response.status().as_u16() / 100, 4);

        // A revert is checked too: back to the verified quote.
        let response = app
            .post_if_match(
                &format!("/v1/claims/{}/revert", id(&other)),
                &team.editor,
                Some(&etag_value(&edited)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let reverted: Value = response.json().await.unwrap();
        assert_eq!(checks(&reverted)[0]["status"], "verified");
    }
);

fn etag_value(record: &Value) -> String {
    format!("\"{}\"", record["revision"])
}

both_backends!(
    a_new_capture_rechecks_its_citations_without_a_new_revision,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Changing page").await;
        let first = capture(&app, &team.editor, &source, &text_capture("Early text.")).await;
        let claim = app
            .create_claim(
                &team.editor,
                &json!({"statement": "Later news", "confidence": 0.5,
                    "citations": [citation(&source, Some("the updated figure is 40"))]}),
            )
            .await;
        assert_eq!(checks(&claim)[0]["status"], "not_found");
        assert_eq!(checks(&claim)[0]["capture_id"], first["id"]);
        let path = format!("/v1/claims/{}", id(&claim));
        let response = app.get(&path, &team.editor).await;
        let before_etag = etag(&response);

        let second = capture(
            &app,
            &team.editor,
            &source,
            &text_capture("Update: the updated figure is 40, police said."),
        )
        .await;
        let (app_ref, token, second_id) = (&app, team.editor.clone(), second["id"].clone());
        eventually(
            Duration::from_secs(20),
            "the claim is rechecked against the new capture",
            || {
                let (path, token, second_id) = (path.clone(), token.clone(), second_id.clone());
                async move {
                    let read = app_ref.get_ok(&path, &token).await;
                    checks(&read)[0]["capture_id"] == second_id
                }
            },
        )
        .await;
        let response = app.get(&path, &team.editor).await;
        assert_eq!(etag(&response), before_etag, "a recheck is no revision");
        let read: Value = response.json().await.unwrap();
        assert_eq!(read["revision"], claim["revision"]);
        assert_eq!(checks(&read)[0]["status"], "verified");
        let history = app.get_ok(&format!("{path}/revisions"), &team.editor).await;
        assert_eq!(history["items"].as_array().unwrap().len(), 1);
        let integrity = app.get_ok(&format!("{path}/integrity"), &team.editor).await;
        assert_eq!(integrity["valid"], true, "{integrity}");
    }
);

both_backends!(
    the_demo_article_is_captured_and_every_demo_quote_verifies,
    |app| async move {
        let token = app.admin_token().await;
        crate::demo::seed_demo(app.db.clone()).await;
        let claims = app.all_pages("/v1/claims", &token, &[], 500).await;
        assert!(claims.len() >= 15);
        for claim in &claims {
            for check in checks(claim) {
                assert_eq!(check["status"], "verified", "{} in {claim}", check);
            }
        }
        let (sources, _) = app.page("/v1/sources", &token, &[]).await;
        let (captures, _) = app
            .page(&captures_path(&id(&sources[0])), &token, &[])
            .await;
        assert_eq!(captures.len(), 1);
        let (_, bytes) = content(&app, &token, &captures[0]).await;
        assert_eq!(bytes, claimledger::seed::ARTICLE.as_bytes());
        assert!(
            app.claim_ids(&token, &[("quote_check", "not_found")])
                .await
                .is_empty()
        );
    }
);
