//! History (issue 4): every change of every record kind is a revision with its author, action
//! and summary; revisions are read one by one, diffed (RFC 6902), reverted and read `as_of` a
//! past instant; reads carry `ETag` and every change needs `If-Match`; retracted records leave
//! the lists but stay readable; and the ledger is append-only and tamper-evident, through the
//! API and through `claimledger verify`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, ids, source_body, with_query};
use crate::helpers::{TestApp, assert_problem};
use crate::history_fixtures::{
    actions, by_path, diff, history, integrity, patch_ok, post_ok, read, run_binary, run_sql,
    sql_text, status_and_body, tag, unique,
};

fn claim_path(claim: &Value) -> String {
    format!("/v1/claims/{}", id(claim))
}

/// A claim by the editor with a statement of its own.
async fn new_claim(app: &TestApp, team: &Team, source: &str) -> Value {
    app.create_claim(&team.editor, &claim_body(&unique("Claim"), source))
        .await
}

fn usernames(revisions: &[Value]) -> Vec<String> {
    revisions
        .iter()
        .map(|r| {
            r["author"]["username"]
                .as_str()
                .unwrap_or("<none>")
                .to_owned()
        })
        .collect()
}

fn numbers(revisions: &[Value]) -> Vec<i64> {
    revisions
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect()
}

fn created_at(revision: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(revision["created_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

both_backends!(
    every_change_of_a_claim_is_a_revision_with_its_author_action_and_summary,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = new_claim(&app, &team, &source).await;
        let path = claim_path(&claim);
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.8, "edit_summary": "two more outlets agree"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/verdict"),
            &team.reviewer,
            &tag(2),
            &json!({"verdict": "verified", "note": "matches the police report"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/retract"),
            &team.reviewer,
            &tag(3),
            &json!({"reason": "the outlet withdrew it"}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/restore"),
            &team.reviewer,
            &tag(4),
            &json!({"reason": "the outlet reinstated it"}),
        )
        .await;
        let (reverted, etag) = post_ok(
            &app,
            &format!("{path}/revert"),
            &team.reviewer,
            &tag(5),
            &json!({"to_revision": 2}),
        )
        .await;
        assert_eq!(etag, tag(6));
        assert_eq!(
            reverted["verdict"], "unreviewed",
            "revision 2 had no verdict"
        );

        let revisions = history(&app, &path, &team.editor).await;
        assert_eq!(numbers(&revisions), [6, 5, 4, 3, 2, 1], "newest first");
        assert_eq!(
            actions(&app, &path, &team.editor).await,
            [
                "revert", "restore", "retract", "verdict", "update", "create"
            ]
        );
        assert_eq!(
            usernames(&revisions),
            [
                "reviewer", "reviewer", "reviewer", "reviewer", "editor", "editor"
            ]
        );
        let editor = app.get_ok("/v1/me", &team.editor).await;
        assert_eq!(revisions[5]["author"]["id"], editor["id"]);
        let summaries: Vec<&Value> = revisions.iter().map(|r| &r["edit_summary"]).collect();
        assert_eq!(
            summaries,
            [
                &json!("revert to revision 2"),
                &json!("the outlet reinstated it"),
                &json!("the outlet withdrew it"),
                &json!("matches the police report"),
                &json!("two more outlets agree"),
                &Value::Null,
            ]
        );
        for revision in &revisions {
            assert!(revision["created_at"].is_string(), "{revision}");
        }

        // One at a time, following the cursor: the same history, and a last page that says so.
        // Viewers read history too.
        let viewer = app.user_with_role("viewer", "viewer").await;
        let first = app
            .get_ok(&format!("{path}/revisions?limit=1"), &viewer)
            .await;
        assert_eq!(numbers(first["items"].as_array().unwrap()), [6]);
        assert!(first["next_cursor"].is_string());
        let paged = app
            .all_pages(&format!("{path}/revisions"), &viewer, &[], 1)
            .await;
        assert_eq!(paged, revisions);
        let last = app
            .get_ok(
                &with_query(&format!("{path}/revisions"), &[("limit", "6")]),
                &team.editor,
            )
            .await;
        assert_eq!(last["next_cursor"], Value::Null);

        // The claim itself is at the last revision.
        let (_, etag) = read(&app, &path, &team.editor).await;
        assert_eq!(etag, tag(6));
    }
);

both_backends!(
    every_change_of_a_source_and_an_entity_is_a_revision,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app
            .create_source(&team.editor, &source_body("First report"))
            .await;
        let entity = app
            .create_entity(
                &team.editor,
                &json!({"kind": "person", "name": "Mufti Muzahim"}),
            )
            .await;
        for (path, edit) in [
            (
                format!("/v1/sources/{}", id(&source)),
                json!({"title": "First report (updated)", "edit_summary": "the outlet retitled it"}),
            ),
            (
                format!("/v1/entities/{}", id(&entity)),
                json!({"aliases": ["Muzahim"], "edit_summary": "alias from the article"}),
            ),
        ] {
            patch_ok(&app, &path, &team.editor, &tag(1), &edit).await;
            post_ok(
                &app,
                &format!("{path}/retract"),
                &team.reviewer,
                &tag(2),
                &json!({"reason": "a hoax"}),
            )
            .await;
            post_ok(
                &app,
                &format!("{path}/restore"),
                &team.reviewer,
                &tag(3),
                &json!({"reason": "not a hoax after all"}),
            )
            .await;
            let (reverted, _) = post_ok(
                &app,
                &format!("{path}/revert"),
                &team.editor,
                &tag(4),
                &json!({"to_revision": 1, "edit_summary": "back to the original"}),
            )
            .await;
            assert_eq!(reverted["revision"], 5);
            let revisions = history(&app, &path, &team.editor).await;
            assert_eq!(numbers(&revisions), [5, 4, 3, 2, 1], "{path}");
            assert_eq!(
                actions(&app, &path, &team.editor).await,
                ["revert", "restore", "retract", "update", "create"],
                "{path}"
            );
            assert_eq!(
                usernames(&revisions),
                ["editor", "reviewer", "reviewer", "editor", "editor"]
            );
            assert_eq!(revisions[0]["edit_summary"], "back to the original");
            assert_eq!(revisions[3]["edit_summary"], edit["edit_summary"]);
            assert_eq!(revisions[2]["edit_summary"], "a hoax");
        }
        let source = app
            .get_ok(&format!("/v1/sources/{}", id(&source)), &team.editor)
            .await;
        assert_eq!(source["title"], "First report");
        let entity = app
            .get_ok(&format!("/v1/entities/{}", id(&entity)), &team.editor)
            .await;
        assert_eq!(entity["aliases"], json!([]));
    }
);

both_backends!(
    every_change_of_a_property_and_a_user_is_a_revision,
    |app| async move {
        let team = Team::new(&app).await;

        // A property: created, edited, reverted by the admin.
        let response = app
            .post_json(
                "/v1/properties",
                &team.admin,
                &json!({"key": "hostages", "label": "Hostages", "value_type": "quantity", "unit": "people"}),
            )
            .await;
        assert_eq!(response.status(), 201);
        let path = "/v1/properties/hostages";
        patch_ok(
            &app,
            path,
            &team.admin,
            &tag(1),
            &json!({"label": "Hostages taken", "edit_summary": "clearer label"}),
        )
        .await;
        let (property, _) = post_ok(
            &app,
            &format!("{path}/revert"),
            &team.admin,
            &tag(2),
            &json!({"to_revision": 1}),
        )
        .await;
        assert_eq!(property["label"], "Hostages");
        let revisions = history(&app, path, &team.editor).await;
        assert_eq!(numbers(&revisions), [3, 2, 1]);
        assert_eq!(
            actions(&app, path, &team.editor).await,
            ["revert", "update", "create"]
        );
        assert_eq!(usernames(&revisions), ["admin", "admin", "admin"]);
        assert_eq!(revisions[1]["edit_summary"], "clearer label");

        // The vocabulary that ships has its first revision too, written by the service.
        let shipped = history(&app, "/v1/properties/vehicle", &team.editor).await;
        assert_eq!(numbers(&shipped), [1]);
        assert_eq!(shipped[0]["action"], "create");

        // A user: created, then promoted; only admins read an account's history.
        let user = app.create_user(&team.admin, "analyst", "viewer").await;
        let user_path = format!("/v1/users/{}", id(&user));
        patch_ok(
            &app,
            &user_path,
            &team.admin,
            &tag(1),
            &json!({"role": "editor", "edit_summary": "joined the desk"}),
        )
        .await;
        let revisions = history(&app, &user_path, &team.admin).await;
        assert_eq!(numbers(&revisions), [2, 1]);
        assert_eq!(
            revisions
                .iter()
                .map(|r| r["action"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["update", "create"]
        );
        assert_eq!(usernames(&revisions), ["admin", "admin"]);
        assert_eq!(revisions[0]["edit_summary"], "joined the desk");
        let snapshot = app
            .get_ok(&format!("{user_path}/revisions/2"), &team.admin)
            .await;
        assert_eq!(snapshot["snapshot"]["role"], "editor");
        assert!(
            !snapshot.to_string().contains("argon2"),
            "a revision never holds a password hash: {snapshot}"
        );
        let response = app
            .get(&format!("{user_path}/revisions"), &team.editor)
            .await;
        assert_problem(response, 403, "forbidden").await;
    }
);

both_backends!(a_revision_is_the_record_as_it_was_then, |app| async move {
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "Initial reports").await;
    let claim = app
        .create_claim(
            &team.editor,
            &claim_body("Twelve people were injured.", &source),
        )
        .await;
    let path = claim_path(&claim);
    patch_ok(
        &app,
        &path,
        &team.editor,
        &tag(1),
        &json!({"statement": "Fifteen people were injured.", "edit_summary": "new count"}),
    )
    .await;
    let viewer = app.user_with_role("viewer", "viewer").await;
    let first = app.get_ok(&format!("{path}/revisions/1"), &viewer).await;
    assert_eq!(first["revision"], 1);
    assert_eq!(first["action"], "create");
    assert_eq!(first["author"]["username"], "editor");
    assert_eq!(first["edit_summary"], Value::Null);
    assert_eq!(
        first["snapshot"]["statement"],
        "Twelve people were injured."
    );
    assert_eq!(first["snapshot"]["confidence"], 0.5);
    assert_eq!(first["snapshot"]["citations"][0]["source_id"], source);
    let second = app.get_ok(&format!("{path}/revisions/2"), &viewer).await;
    assert_eq!(second["action"], "update");
    assert_eq!(second["edit_summary"], "new count");
    assert_eq!(
        second["snapshot"]["statement"],
        "Fifteen people were injured."
    );

    let response = app.get(&format!("{path}/revisions/3"), &viewer).await;
    assert_problem(response, 404, "not_found").await;
    let response = app
        .get("/v1/claims/no-such-claim/revisions/1", &viewer)
        .await;
    assert_problem(response, 404, "not_found").await;
    let response = app.get("/v1/claims/no-such-claim/revisions", &viewer).await;
    assert_problem(response, 404, "not_found").await;
});

both_backends!(
    a_diff_lists_the_json_patch_operations_between_two_revisions,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = app
            .create_claim(
                &team.editor,
                &claim_body("Twelve people were injured.", &source),
            )
            .await;
        let path = claim_path(&claim);
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.9}),
        )
        .await;
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(2),
            &json!({"statement": "Fifteen people were injured."}),
        )
        .await;
        let token = &team.editor;

        // Revision n against n - 1 by default.
        assert_eq!(
            diff(&app, &path, token, 2, None).await,
            json!([{"op": "replace", "path": "/confidence", "value": 0.9}])
        );
        assert_eq!(
            diff(&app, &path, token, 2, Some(1)).await,
            diff(&app, &path, token, 2, None).await
        );
        assert_eq!(
            diff(&app, &path, token, 3, None).await,
            json!([{"op": "replace", "path": "/statement", "value": "Fifteen people were injured."}])
        );
        let body = app
            .get_ok(&format!("{path}/revisions/3/diff?from=1"), token)
            .await;
        assert_eq!(
            (body["from"].as_i64(), body["to"].as_i64()),
            (Some(1), Some(3))
        );
        assert_eq!(
            by_path(&body["operations"]),
            [
                json!({"op": "replace", "path": "/confidence", "value": 0.9}),
                json!({"op": "replace", "path": "/statement", "value": "Fifteen people were injured."}),
            ]
        );
        // Backwards works too.
        assert_eq!(
            diff(&app, &path, token, 2, Some(3)).await,
            json!([{"op": "replace", "path": "/statement", "value": "Twelve people were injured."}])
        );

        // From 0, "nothing yet": the create adds every field of the first snapshot.
        let first = app.get_ok(&format!("{path}/revisions/1"), token).await;
        let mut expected: Vec<Value> = first["snapshot"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| json!({"op": "add", "path": format!("/{k}"), "value": v}))
            .collect();
        expected.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
        assert!(expected.len() >= 5, "{expected:?}");
        assert_eq!(
            by_path(&diff(&app, &path, token, 1, Some(0)).await),
            expected
        );
        assert_eq!(by_path(&diff(&app, &path, token, 1, None).await), expected);

        // Applying the operations to revision 1 gives revision 3.
        let mut patched = first["snapshot"].clone();
        let ops = diff(&app, &path, token, 3, Some(1)).await;
        let patch: json_patch::Patch = serde_json::from_value(ops).unwrap();
        json_patch::patch(&mut patched, &patch).unwrap();
        let third = app.get_ok(&format!("{path}/revisions/3"), token).await;
        assert_eq!(patched, third["snapshot"]);

        let response = app
            .get(&format!("{path}/revisions/3/diff?from=7"), token)
            .await;
        assert_problem(response, 422, "validation_failed").await;
        let response = app
            .get(&format!("{path}/revisions/3/diff?from=-1"), token)
            .await;
        assert_problem(response, 422, "validation_failed").await;
        let response = app.get(&format!("{path}/revisions/9/diff"), token).await;
        assert_problem(response, 404, "not_found").await;
        let response = app.get(&format!("{path}/revisions/0/diff"), token).await;
        assert_problem(response, 404, "not_found").await;
    }
);

both_backends!(
    reverting_to_revision_one_writes_a_new_revision_with_its_content,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let other = app.source_id(&team.editor, "Second report").await;
        let claim = app
            .create_claim(
                &team.editor,
                &json!({
                    "statement": "Twelve people were injured.",
                    "confidence": 0.5,
                    "tags": ["quetta"],
                    "citations": [{"source_id": source, "quote": "twelve injured"}],
                }),
            )
            .await;
        let path = claim_path(&claim);
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.9}),
        )
        .await;
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(2),
            &json!({
                "statement": "Fifteen people were injured.",
                "tags": ["quetta", "casualties"],
                "citations": [{"source_id": other}],
            }),
        )
        .await;

        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                Some(&tag(3)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["etag"], tag(4).as_str());
        let reverted: Value = response.json().await.unwrap();
        assert_eq!(reverted["revision"], 4);
        assert_eq!(reverted["statement"], "Twelve people were injured.");
        assert_eq!(reverted["confidence"], 0.5);
        assert_eq!(reverted["tags"], json!(["quetta"]));
        assert_eq!(reverted["citations"][0]["source"]["id"], source);
        assert_eq!(reverted["citations"][0]["quote"], "twelve injured");
        assert_eq!(reverted["citations"].as_array().unwrap().len(), 1);

        let (now, etag) = read(&app, &path, &team.editor).await;
        assert_eq!(etag, tag(4));
        assert_eq!(now["statement"], "Twelve people were injured.");
        let revisions = history(&app, &path, &team.editor).await;
        assert_eq!(numbers(&revisions), [4, 3, 2, 1]);
        assert_eq!(revisions[0]["action"], "revert");
        assert_eq!(revisions[0]["edit_summary"], "revert to revision 1");
        assert_eq!(revisions[0]["author"]["username"], "editor");
        let first = app
            .get_ok(&format!("{path}/revisions/1"), &team.editor)
            .await;
        let fourth = app
            .get_ok(&format!("{path}/revisions/4"), &team.editor)
            .await;
        assert_eq!(fourth["snapshot"], first["snapshot"]);
        assert_eq!(diff(&app, &path, &team.editor, 4, Some(1)).await, json!([]));

        // A revert needs If-Match like any change, names a revision that exists, and is
        // refused on a stale ETag.
        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                None,
                &json!({"to_revision": 2}),
            )
            .await;
        assert_problem(response, 428, "if_match_required").await;
        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                Some(&tag(4)),
                &json!({"to_revision": 9}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/to_revision");
        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                Some(&tag(3)),
                &json!({"to_revision": 2}),
            )
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 4);
        assert_eq!(integrity(&app, &path, &team.editor).await["valid"], true);
    }
);

both_backends!(
    an_editor_cannot_revert_away_a_verdict_but_a_reviewer_can,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = new_claim(&app, &team, &source).await;
        let path = claim_path(&claim);
        post_ok(
            &app,
            &format!("{path}/verdict"),
            &team.reviewer,
            &tag(1),
            &json!({"verdict": "false", "note": "contradicted by the hospital"}),
        )
        .await;
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(2),
            &json!({"confidence": 0.1}),
        )
        .await;

        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                Some(&tag(3)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;
        let (unchanged, etag) = read(&app, &path, &team.editor).await;
        assert_eq!(etag, tag(3), "nothing was written");
        assert_eq!(unchanged["verdict"], "false");

        // Reverting the editor's own change keeps the verdict: an editor may.
        let (kept, _) = post_ok(
            &app,
            &format!("{path}/revert"),
            &team.editor,
            &tag(3),
            &json!({"to_revision": 2}),
        )
        .await;
        assert_eq!(kept["verdict"], "false");
        assert_eq!(kept["confidence"], 0.5);

        let (undone, etag) = post_ok(
            &app,
            &format!("{path}/revert"),
            &team.reviewer,
            &tag(4),
            &json!({"to_revision": 1}),
        )
        .await;
        assert_eq!(etag, tag(5));
        assert_eq!(undone["verdict"], "unreviewed");
        assert_eq!(undone["verdict_note"], Value::Null);

        // The same for a retraction: an editor cannot revert a source back to before it.
        let source_path = format!("/v1/sources/{source}");
        post_ok(
            &app,
            &format!("{source_path}/retract"),
            &team.reviewer,
            &tag(1),
            &json!({"reason": "fabricated"}),
        )
        .await;
        let response = app
            .post_if_match(
                &format!("{source_path}/revert"),
                &team.editor,
                Some(&tag(2)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;
        let (restored, _) = post_ok(
            &app,
            &format!("{source_path}/revert"),
            &team.reviewer,
            &tag(2),
            &json!({"to_revision": 1}),
        )
        .await;
        assert_eq!(restored["retracted"], Value::Null);
    }
);

both_backends!(
    as_of_reads_a_claim_a_source_and_an_entity_as_they_stood,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app
            .create_source(&team.editor, &source_body("Old title"))
            .await;
        let entity = app
            .create_entity(&team.editor, &json!({"kind": "event", "name": "Old name"}))
            .await;
        let claim = app
            .create_claim(&team.editor, &claim_body("Old statement.", &id(&source)))
            .await;
        let records = [
            (
                format!("/v1/sources/{}", id(&source)),
                "title",
                json!({"title": "New title"}),
            ),
            (
                format!("/v1/entities/{}", id(&entity)),
                "name",
                json!({"name": "New name"}),
            ),
            (
                claim_path(&claim),
                "statement",
                json!({"statement": "New statement."}),
            ),
        ];
        // Two edits with time between them, so that there is an instant between each pair.
        tokio::time::sleep(Duration::from_millis(20)).await;
        for (path, _, edit) in &records {
            patch_ok(&app, path, &team.editor, &tag(1), edit).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        for (path, field, _) in &records {
            let newest = format!("Newest {field}.");
            patch_ok(
                &app,
                path,
                &team.editor,
                &tag(2),
                &json!({ *field: newest }),
            )
            .await;
        }

        for (path, field, edit) in &records {
            let revisions = history(&app, path, &team.editor).await;
            let (t1, t2, t3) = (
                created_at(&revisions[2]),
                created_at(&revisions[1]),
                created_at(&revisions[0]),
            );
            assert!(t1 < t2 && t2 < t3, "{path}: {t1} {t2} {t3}");
            let old = if *field == "title" {
                "Old title"
            } else if *field == "name" {
                "Old name"
            } else {
                "Old statement."
            };
            let as_of = |at: DateTime<Utc>| with_query(path, &[("as_of", &rfc3339(at))]);

            // Between the create and the first edit: the original.
            let (then, etag) = read(&app, &as_of(t1 + (t2 - t1) / 2), &team.editor).await;
            assert_eq!(then[*field], old, "{path}");
            assert_eq!(etag, tag(1));
            // Between the two edits: the older content, not the newest.
            let (then, etag) = read(&app, &as_of(t2 + (t3 - t2) / 2), &team.editor).await;
            assert_eq!(then[*field], edit[*field], "{path}");
            assert_eq!(etag, tag(2));
            // At the instant of a revision: that revision.
            let (then, _) = read(&app, &as_of(t3), &team.editor).await;
            assert_eq!(then[*field], format!("Newest {field}."));
            // Before the record existed: 404.
            let response = app
                .get(&as_of(t1 - chrono::Duration::seconds(1)), &team.editor)
                .await;
            assert_problem(response, 404, "not_found").await;
            // Now: the newest.
            let (now, etag) = read(&app, path, &team.editor).await;
            assert_eq!(now[*field], format!("Newest {field}."));
            assert_eq!(etag, tag(3));
            // A time that is not RFC 3339 is a bad query.
            let response = app
                .get(&with_query(path, &[("as_of", "yesterday")]), &team.editor)
                .await;
            assert_eq!(response.status(), 400, "{path}?as_of=yesterday");
        }
        // A claim as of its first revision shows that revision's citations and confidence.
        let revisions = history(&app, &claim_path(&claim), &team.editor).await;
        let (then, _) = read(
            &app,
            &with_query(
                &claim_path(&claim),
                &[("as_of", &rfc3339(created_at(&revisions[2])))],
            ),
            &team.editor,
        )
        .await;
        assert_eq!(then["citations"][0]["source"]["id"], id(&source));
        assert_eq!(then["confidence"], 0.5);
    }
);

both_backends!(
    as_of_at_a_clients_precision_covers_the_whole_of_its_last_digit,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = new_claim(&app, &team, &source).await;
        let path = claim_path(&claim);
        let (edited, _) = patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.7}),
        )
        .await;
        let updated_at: DateTime<Utc> = edited["updated_at"].as_str().unwrap().parse().unwrap();
        let at = |format: chrono::SecondsFormat| {
            with_query(
                &path,
                &[("as_of", &updated_at.to_rfc3339_opts(format, true))],
            )
        };
        // A JavaScript `Date` keeps milliseconds: `updated_at` read into one and sent back
        // (truncated, so before the write's microsecond) still reads the edit.
        let (then, etag) = read(&app, &at(chrono::SecondsFormat::Millis), &team.editor).await;
        assert_eq!(
            (then["confidence"].clone(), etag.clone()),
            (json!(0.7), tag(2)),
            "{path}"
        );
        // So do whole seconds, and the server's own microseconds.
        for format in [chrono::SecondsFormat::Secs, chrono::SecondsFormat::Micros] {
            let (then, etag) = read(&app, &at(format), &team.editor).await;
            assert_eq!(etag, tag(2), "{format:?}");
            assert_eq!(then["confidence"], 0.7);
        }
        // A microsecond before the write, exact, is the revision before.
        let before = (updated_at - chrono::Duration::microseconds(1))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let (then, etag) = read(
            &app,
            &with_query(&path, &[("as_of", &before)]),
            &team.editor,
        )
        .await;
        assert_eq!((then["confidence"].clone(), etag), (json!(0.5), tag(1)));
        // The same for the generic kinds (a source).
        let source_path = format!("/v1/sources/{source}");
        let (edited, _) = patch_ok(
            &app,
            &source_path,
            &team.editor,
            &tag(1),
            &json!({"title": "Later"}),
        )
        .await;
        let updated_at: DateTime<Utc> = edited["updated_at"].as_str().unwrap().parse().unwrap();
        let millis = updated_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let (then, etag) = read(
            &app,
            &with_query(&source_path, &[("as_of", &millis)]),
            &team.editor,
        )
        .await;
        assert_eq!((then["title"].clone(), etag), (json!("Later"), tag(2)));
    }
);

both_backends!(
    every_read_of_one_record_carries_an_etag_naming_its_revision,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let entity = app.entity_id(&team.editor, "event", "An attack").await;
        let claim = new_claim(&app, &team, &source).await;
        patch_ok(
            &app,
            &claim_path(&claim),
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.7}),
        )
        .await;
        let user = app.create_user(&team.admin, "analyst", "viewer").await;
        for (path, token, revision) in [
            (claim_path(&claim), &team.editor, 2),
            (format!("/v1/sources/{source}"), &team.editor, 1),
            (format!("/v1/entities/{entity}"), &team.editor, 1),
            ("/v1/properties/injured".to_owned(), &team.editor, 1),
            (format!("/v1/users/{}", id(&user)), &team.admin, 1),
            ("/v1/me".to_owned(), &team.editor, 1),
        ] {
            let (_, etag) = read(&app, &path, token).await;
            assert_eq!(etag, tag(revision), "{path}");
        }
    }
);

/// One change request of the If-Match table: method, path, token, body.
struct Change {
    what: &'static str,
    /// The record the change is made to.
    record: String,
    method: reqwest::Method,
    path: String,
    token: String,
    body: Value,
}

impl Change {
    async fn send(&self, app: &TestApp, if_match: Option<&str>) -> reqwest::Response {
        let mut request = app
            .client
            .request(self.method.clone(), app.url(&self.path))
            .bearer_auth(&self.token)
            .header(
                "content-type",
                if self.method == reqwest::Method::PATCH {
                    "application/merge-patch+json"
                } else {
                    "application/json"
                },
            )
            .body(self.body.to_string());
        if let Some(value) = if_match {
            request = request.header("if-match", value);
        }
        request.send().await.unwrap()
    }
}

both_backends!(
    every_change_needs_if_match_and_a_missing_stale_or_malformed_one_writes_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let entity = app.entity_id(&team.editor, "event", "An attack").await;
        let claim = new_claim(&app, &team, &source).await;
        let other = new_claim(&app, &team, &source).await;
        let user = app.create_user(&team.admin, "analyst", "viewer").await;
        let flag = app
            .post_json(
                "/v1/contradictions",
                &team.editor,
                &json!({"claim_ids": [id(&claim), id(&other)], "note": "cannot both be true"}),
            )
            .await;
        assert_eq!(flag.status(), 201);
        let flag: Value = flag.json().await.unwrap();

        let claim = claim_path(&claim);
        let source = format!("/v1/sources/{source}");
        let entity = format!("/v1/entities/{entity}");
        let flag = format!("/v1/contradictions/{}", id(&flag));
        let user = format!("/v1/users/{}", id(&user));
        let property = "/v1/properties/weapon".to_owned();
        let (patch, post) = (reqwest::Method::PATCH, reqwest::Method::POST);
        let reason = json!({"reason": "checking"});
        let revert = json!({"to_revision": 1});
        let reviewer = team.reviewer.clone();
        let admin = team.admin.clone();
        let changes = [
            Change {
                record: claim.clone(),
                what: "edit a claim",
                method: patch.clone(),
                path: claim.clone(),
                token: reviewer.clone(),
                body: json!({"confidence": 0.9}),
            },
            Change {
                record: claim.clone(),
                what: "set a verdict",
                method: post.clone(),
                path: format!("{claim}/verdict"),
                token: reviewer.clone(),
                body: json!({"verdict": "verified"}),
            },
            Change {
                record: claim.clone(),
                what: "retract a claim",
                method: post.clone(),
                path: format!("{claim}/retract"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: claim.clone(),
                what: "restore a claim",
                method: post.clone(),
                path: format!("{claim}/restore"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: claim.clone(),
                what: "revert a claim",
                method: post.clone(),
                path: format!("{claim}/revert"),
                token: reviewer.clone(),
                body: revert.clone(),
            },
            Change {
                record: source.clone(),
                what: "edit a source",
                method: patch.clone(),
                path: source.clone(),
                token: reviewer.clone(),
                body: json!({"title": "Changed"}),
            },
            Change {
                record: source.clone(),
                what: "retract a source",
                method: post.clone(),
                path: format!("{source}/retract"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: source.clone(),
                what: "restore a source",
                method: post.clone(),
                path: format!("{source}/restore"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: source.clone(),
                what: "revert a source",
                method: post.clone(),
                path: format!("{source}/revert"),
                token: reviewer.clone(),
                body: revert.clone(),
            },
            Change {
                record: entity.clone(),
                what: "edit an entity",
                method: patch.clone(),
                path: entity.clone(),
                token: reviewer.clone(),
                body: json!({"name": "Changed"}),
            },
            Change {
                record: entity.clone(),
                what: "retract an entity",
                method: post.clone(),
                path: format!("{entity}/retract"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: entity.clone(),
                what: "restore an entity",
                method: post.clone(),
                path: format!("{entity}/restore"),
                token: reviewer.clone(),
                body: reason.clone(),
            },
            Change {
                record: entity.clone(),
                what: "revert an entity",
                method: post.clone(),
                path: format!("{entity}/revert"),
                token: reviewer.clone(),
                body: revert.clone(),
            },
            Change {
                record: flag.clone(),
                what: "decide on a flag",
                method: patch.clone(),
                path: flag.clone(),
                token: reviewer.clone(),
                body: json!({"status": "confirmed"}),
            },
            Change {
                record: flag.clone(),
                what: "revert a flag",
                method: post.clone(),
                path: format!("{flag}/revert"),
                token: reviewer.clone(),
                body: revert.clone(),
            },
            Change {
                record: property.clone(),
                what: "edit a property",
                method: patch.clone(),
                path: property.clone(),
                token: admin.clone(),
                body: json!({"label": "Arms"}),
            },
            Change {
                record: property.clone(),
                what: "revert a property",
                method: post.clone(),
                path: format!("{property}/revert"),
                token: admin.clone(),
                body: revert.clone(),
            },
            Change {
                record: user.clone(),
                what: "edit a user",
                method: patch.clone(),
                path: user.clone(),
                token: admin.clone(),
                body: json!({"display_name": "Changed"}),
            },
        ];
        for change in &changes {
            let record = change.record.as_str();
            let token = if record.starts_with("/v1/users") {
                &admin
            } else {
                &team.editor
            };
            let before = read(&app, record, token).await;

            let response = change.send(&app, None).await;
            let problem = assert_problem(response, 428, "if_match_required").await;
            assert!(
                problem["detail"].as_str().unwrap().contains("If-Match"),
                "{}",
                change.what
            );

            let response = change.send(&app, Some("\"99\"")).await;
            let problem = assert_problem(response, 412, "stale_revision").await;
            assert_eq!(problem["current_revision"], 1, "{}", change.what);

            for malformed in ["1", "\"one\"", "\"\"", "\"1"] {
                let response = change.send(&app, Some(malformed)).await;
                let (status, body) = status_and_body(response).await;
                assert_eq!(
                    (status, body["code"].as_str()),
                    (400, Some("invalid_if_match")),
                    "{} with If-Match {malformed}: {body}",
                    change.what
                );
            }

            let after = read(&app, record, token).await;
            assert_eq!(after, before, "{}: nothing was written", change.what);
            assert_eq!(
                history(&app, record, token).await.len(),
                1,
                "{}: no revision was written",
                change.what
            );
        }
    }
);

both_backends!(
    retracted_records_leave_the_lists_unless_asked_for_and_stay_readable_by_id,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let kept_source = app.source_id(&team.editor, "Kept report").await;
        let entity = app
            .entity_id(&team.editor, "event", "A retracted event")
            .await;
        let kept_entity = app.entity_id(&team.editor, "event", "A kept event").await;
        let claim = new_claim(&app, &team, &kept_source).await;
        let kept_claim = new_claim(&app, &team, &kept_source).await;
        for (path, kind, gone, kept) in [
            (
                format!("/v1/sources/{source}"),
                "/v1/sources",
                source.clone(),
                kept_source.clone(),
            ),
            (
                format!("/v1/entities/{entity}"),
                "/v1/entities",
                entity.clone(),
                kept_entity.clone(),
            ),
            (
                claim_path(&claim),
                "/v1/claims",
                id(&claim),
                id(&kept_claim),
            ),
        ] {
            let (retracted, _) = post_ok(
                &app,
                &format!("{path}/retract"),
                &team.reviewer,
                &tag(1),
                &json!({"reason": "  fabricated by a hoaxer  "}),
            )
            .await;
            assert_eq!(retracted["retracted"]["reason"], "fabricated by a hoaxer");

            let listed = ids(&app.all_pages(kind, &team.editor, &[], 500).await);
            assert!(!listed.contains(&gone), "{kind} hides the retracted record");
            assert!(listed.contains(&kept), "{kind} lists the live one");
            let all = ids(&app
                .all_pages(kind, &team.editor, &[("include_retracted", "true")], 500)
                .await);
            assert!(
                all.contains(&gone) && all.contains(&kept),
                "{kind}: {all:?}"
            );

            let (record, etag) = read(&app, &path, &team.editor).await;
            assert_eq!(etag, tag(2));
            assert_eq!(record["retracted"]["reason"], "fabricated by a hoaxer");
            assert!(record["retracted"]["at"].is_string());

            // Retracting twice is a conflict, not a second revision.
            let response = app
                .post_if_match(
                    &format!("{path}/retract"),
                    &team.reviewer,
                    Some(&tag(2)),
                    &json!({"reason": "again"}),
                )
                .await;
            assert_problem(response, 409, "already_retracted").await;
            assert_eq!(history(&app, &path, &team.editor).await.len(), 2);
        }
    }
);

/// `UPDATE … WHERE` one revision of one record.
fn where_revision(record_id: &str, revision: i64) -> String {
    format!(
        "record_kind = 'claims' AND record_id = {} AND revision = {revision}",
        sql_text(record_id)
    )
}

/// SQL that turns the append-only triggers off (as the table's owner could).
fn bypass(app: &TestApp, trigger: &str) -> String {
    match app.backend {
        crate::helpers::Backend::Sqlite => format!("DROP TRIGGER {trigger};"),
        crate::helpers::Backend::Postgres => {
            format!("ALTER TABLE revisions DISABLE TRIGGER {trigger};")
        }
    }
}

/// A claim with three revisions.
async fn claim_with_three_revisions(app: &TestApp, team: &Team, source: &str) -> Value {
    let claim = new_claim(app, team, source).await;
    let path = claim_path(&claim);
    patch_ok(
        app,
        &path,
        &team.editor,
        &tag(1),
        &json!({"confidence": 0.6}),
    )
    .await;
    patch_ok(
        app,
        &path,
        &team.editor,
        &tag(2),
        &json!({"confidence": 0.7}),
    )
    .await;
    claim
}

both_backends!(
    the_database_itself_refuses_to_update_or_delete_a_revision,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = claim_with_three_revisions(&app, &team, &source).await;
        let before = history(&app, &claim_path(&claim), &team.editor).await;
        for sql in [
            format!(
                "UPDATE revisions SET edit_summary = 'forged' WHERE {}",
                where_revision(&id(&claim), 2)
            ),
            format!(
                "UPDATE revisions SET snapshot = '{{}}' WHERE {}",
                where_revision(&id(&claim), 1)
            ),
            format!(
                "DELETE FROM revisions WHERE {}",
                where_revision(&id(&claim), 3)
            ),
            "DELETE FROM revisions".to_owned(),
        ] {
            let error = run_sql(app.db.clone(), sql.clone())
                .await
                .expect_err(&format!("the database refuses {sql}"));
            assert!(error.contains("append-only"), "{sql}: {error}");
        }
        if app.backend == crate::helpers::Backend::Postgres {
            let error = run_sql(app.db.clone(), "TRUNCATE revisions CASCADE".into())
                .await
                .expect_err("TRUNCATE is refused");
            assert!(error.contains("append-only"), "{error}");
        }
        assert_eq!(
            history(&app, &claim_path(&claim), &team.editor).await,
            before
        );
        let check = integrity(&app, &claim_path(&claim), &team.editor).await;
        assert_eq!(
            check,
            json!({"valid": true, "revisions": 3, "first_bad_revision": null})
        );
    }
);

both_backends!(
    a_revision_changed_behind_the_apis_back_is_named_by_the_integrity_check_and_by_verify,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = claim_with_three_revisions(&app, &team, &source).await;
        let untouched = claim_with_three_revisions(&app, &team, &source).await;
        patch_ok(
            &app,
            &claim_path(&untouched),
            &team.editor,
            &tag(3),
            &json!({"confidence": 0.2}),
        )
        .await;

        let viewer = app.user_with_role("viewer", "viewer").await;
        assert_eq!(
            integrity(&app, &claim_path(&claim), &viewer).await,
            json!({"valid": true, "revisions": 3, "first_bad_revision": null})
        );
        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "verify passes an untouched ledger\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("0 broken"), "{stdout}");

        // Someone with write access to the database but not the ledger key turns the
        // trigger off and rewrites revision 2.
        run_sql(app.db.clone(), bypass(&app, "revisions_no_update"))
            .await
            .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE revisions SET snapshot = replace(snapshot, '0.6', '0.9') WHERE {}",
                where_revision(&id(&claim), 2)
            ),
        )
        .await
        .unwrap();
        let forged = app
            .get_ok(&format!("{}/revisions/2", claim_path(&claim)), &viewer)
            .await;
        assert_eq!(forged["snapshot"]["confidence"], 0.9, "the row was changed");

        assert_eq!(
            integrity(&app, &claim_path(&claim), &viewer).await,
            json!({"valid": false, "revisions": 3, "first_bad_revision": 2})
        );
        assert_eq!(
            integrity(&app, &claim_path(&untouched), &viewer).await,
            json!({"valid": true, "revisions": 4, "first_bad_revision": null})
        );
        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "verify fails\n{stdout}");
        assert!(
            stdout.contains(&format!("claims/{}: first bad revision 2", id(&claim))),
            "verify names the tampered record and revision: {stdout}"
        );
        assert!(!stdout.contains(&id(&untouched)), "{stdout}");
        assert!(stdout.contains("1 broken"), "{stdout}");
    }
);

both_backends!(
    a_forger_who_also_fixes_the_snapshot_digest_is_still_caught_without_the_key,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = claim_with_three_revisions(&app, &team, &source).await;
        let path = claim_path(&claim);
        let mut snapshot = app
            .get_ok(&format!("{path}/revisions/2"), &team.editor)
            .await["snapshot"]
            .clone();
        snapshot["statement"] = json!("A statement nobody made.");
        let forged = serde_json_canonicalizer::to_string(&snapshot).unwrap();
        let digest = hex::encode(Sha256::digest(forged.as_bytes()));
        run_sql(app.db.clone(), bypass(&app, "revisions_no_update"))
            .await
            .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE revisions SET snapshot = {}, snapshot_hash = {} WHERE {}",
                sql_text(&forged),
                sql_text(&digest),
                where_revision(&id(&claim), 2)
            ),
        )
        .await
        .unwrap();
        let read_back = app
            .get_ok(&format!("{path}/revisions/2"), &team.editor)
            .await;
        assert_eq!(
            read_back["snapshot"]["statement"],
            "A statement nobody made."
        );
        assert_eq!(
            integrity(&app, &path, &team.editor).await,
            json!({"valid": false, "revisions": 3, "first_bad_revision": 2})
        );
    }
);

both_backends!(
    dropping_a_revision_behind_the_apis_back_is_caught,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let last = claim_with_three_revisions(&app, &team, &source).await;
        let middle = claim_with_three_revisions(&app, &team, &source).await;
        run_sql(app.db.clone(), bypass(&app, "revisions_no_delete"))
            .await
            .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "DELETE FROM revisions WHERE {}",
                where_revision(&id(&last), 3)
            ),
        )
        .await
        .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "DELETE FROM revisions WHERE {}",
                where_revision(&id(&middle), 2)
            ),
        )
        .await
        .unwrap();
        assert_eq!(
            numbers(&history(&app, &claim_path(&last), &team.editor).await),
            [2, 1],
            "the last revision is gone"
        );
        assert_eq!(
            integrity(&app, &claim_path(&last), &team.editor).await,
            json!({"valid": false, "revisions": 2, "first_bad_revision": 3})
        );
        assert_eq!(
            integrity(&app, &claim_path(&middle), &team.editor).await,
            json!({"valid": false, "revisions": 2, "first_bad_revision": 2})
        );
        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("claims/{}: first bad revision 3", id(&last))),
            "{stdout}"
        );
        assert!(
            stdout.contains(&format!("claims/{}: first bad revision 2", id(&middle))),
            "{stdout}"
        );
    }
);

both_backends!(
    a_revision_appended_behind_the_apis_back_is_caught,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = claim_with_three_revisions(&app, &team, &source).await;
        // Inserting is allowed (the ledger grows), but without the key the new row cannot
        // carry a hash that chains, and the record's own head hash does not name it.
        run_sql(
            app.db.clone(),
            format!(
                "INSERT INTO revisions (record_kind, record_id, revision, action, author_id, \
                 created_at, edit_summary, snapshot, snapshot_hash, prev_hash, hash) \
                 SELECT record_kind, record_id, 4, 'update', author_id, created_at, 'forged', \
                 snapshot, snapshot_hash, hash, hash FROM revisions WHERE {}",
                where_revision(&id(&claim), 3)
            ),
        )
        .await
        .unwrap();
        assert_eq!(
            numbers(&history(&app, &claim_path(&claim), &team.editor).await),
            [4, 3, 2, 1]
        );
        assert_eq!(
            integrity(&app, &claim_path(&claim), &team.editor).await,
            json!({"valid": false, "revisions": 4, "first_bad_revision": 4})
        );
        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("claims/{}: first bad revision 4", id(&claim))),
            "{stdout}"
        );
    }
);

both_backends!(
    a_revert_that_would_duplicate_another_claim_is_a_conflict_naming_it,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = app
            .create_claim(
                &team.editor,
                &claim_body("Twelve people were injured.", &source),
            )
            .await;
        let path = claim_path(&claim);
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"statement": "Fifteen people were injured."}),
        )
        .await;
        // Someone else now makes the original statement, citing the same source.
        let other = app
            .create_claim(
                &team.editor,
                &claim_body("Twelve people were injured.", &source),
            )
            .await;
        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                &team.editor,
                Some(&tag(2)),
                &json!({"to_revision": 1}),
            )
            .await;
        let problem = assert_problem(response, 409, "duplicate_claim").await;
        assert_eq!(problem["existing_id"], other["id"]);
        let (_, etag) = read(&app, &path, &team.editor).await;
        assert_eq!(etag, tag(2), "nothing was written");
    }
);
