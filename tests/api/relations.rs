//! Claim relations (issue 18 §1): the rules (self, missing and retracted claims, the same
//! relation twice, cycles of `duplicate_of` and `supersedes`, one canonical claim per
//! duplicate, symmetric `corroborates`), a cycle's two halves sent at once, and the effects:
//! `canonical_id`, lists without duplicates, `related_to`/`relation`, superseded claims leaving
//! detection and estimates, and all of it undone by a retraction.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, etag, id, pointers, with_query};
use crate::helpers::{TestApp, assert_problem, spawn_app_with};
use crate::history_fixtures::{actions, diff, history};

async fn relate(app: &TestApp, t: &str, kind: &str, from: &str, to: &str) -> reqwest::Response {
    app.post_json(
        "/v1/relations",
        t,
        &json!({"kind": kind, "from_claim_id": from, "to_claim_id": to, "note": "checked"}),
    )
    .await
}

async fn related(app: &TestApp, t: &str, kind: &str, from: &str, to: &str) -> Value {
    let response = relate(app, t, kind, from, to).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 201, "{kind} {from} → {to}: {body}");
    body
}

/// The message of a one-error validation problem, after checking its pointer.
async fn refused(response: reqwest::Response, pointer: &str) -> String {
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), vec![pointer.to_owned()], "{problem}");
    problem["errors"][0]["message"].as_str().unwrap().to_owned()
}

async fn claims(app: &TestApp, t: &str, n: usize) -> Vec<String> {
    let source = app.source_id(t, "Dawn").await;
    let mut ids = Vec::new();
    for i in 0..n {
        let body = json!({
            "statement": format!("Claim number {i} of the relations test"),
            "confidence": 0.5,
            "citations": [{"source_id": source}],
        });
        ids.push(id(&app.create_claim(t, &body).await));
    }
    ids
}

async fn retract(app: &TestApp, t: &str, path: &str) -> reqwest::Response {
    let current = app.get(path, t).await;
    let revision = etag(&current);
    app.post_if_match(
        &format!("{path}/retract"),
        t,
        Some(&revision),
        &json!({"reason": "wrong pair"}),
    )
    .await
}

both_backends!(every_rule_of_a_relation_is_a_clear_4xx, |app| async move {
    let team = Team::new(&app).await;
    let t = &team.editor;
    let c = claims(&app, t, 6).await;

    // A claim related to itself; a claim that does not exist; a blank note; a bad kind.
    let message = refused(
        relate(&app, t, "refines", &c[0], &c[0]).await,
        "/to_claim_id",
    )
    .await;
    assert!(message.contains("itself"), "{message}");
    let message = refused(
        relate(&app, t, "refines", &c[0], "nope").await,
        "/to_claim_id",
    )
    .await;
    assert!(message.contains("no claim"), "{message}");
    let response = app
        .post_json(
            "/v1/relations",
            t,
            &json!({"kind": "refines", "from_claim_id": c[0], "to_claim_id": c[1], "note": " "}),
        )
        .await;
    refused(response, "/note").await;
    let response = app
        .post_json(
            "/v1/relations",
            t,
            &json!({"kind": "contradicts", "from_claim_id": c[0], "to_claim_id": c[1], "note": "x"}),
        )
        .await;
    assert_eq!(response.status(), 422);

    // A retracted claim cannot be related.
    let gone = format!("/v1/claims/{}", c[5]);
    assert_eq!(retract(&app, &team.reviewer, &gone).await.status(), 200);
    let message = refused(
        relate(&app, t, "refines", &c[0], &c[5]).await,
        "/to_claim_id",
    )
    .await;
    assert!(message.contains("retracted"), "{message}");

    // The same relation twice is 409 naming the first; corroborates is symmetric.
    let first = related(&app, t, "corroborates", &c[0], &c[1]).await;
    for (from, to) in [(&c[0], &c[1]), (&c[1], &c[0])] {
        let problem = assert_problem(
            relate(&app, t, "corroborates", from, to).await,
            409,
            "duplicate_relation",
        )
        .await;
        assert_eq!(problem["existing_id"], first["id"], "{problem}");
    }
    // Listed from both sides, stored once.
    for claim in [&c[0], &c[1]] {
        let listed = app
            .get_ok(&format!("/v1/claims/{claim}/relations"), t)
            .await;
        assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");
        assert_eq!(listed["items"][0]["id"], first["id"]);
    }
    // refines is not symmetric: the reverse is another relation.
    related(&app, t, "refines", &c[0], &c[1]).await;
    related(&app, t, "refines", &c[1], &c[0]).await;

    // supersedes: no cycle, of two or of three claims; the 422 names the path.
    related(&app, t, "supersedes", &c[0], &c[1]).await;
    let message = refused(
        relate(&app, t, "supersedes", &c[1], &c[0]).await,
        "/to_claim_id",
    )
    .await;
    assert!(
        message.contains(&format!("{} → {} → {}", c[1], c[0], c[1])),
        "{message}"
    );
    related(&app, t, "supersedes", &c[1], &c[2]).await;
    let message = refused(
        relate(&app, t, "supersedes", &c[2], &c[0]).await,
        "/to_claim_id",
    )
    .await;
    assert!(
        message.contains(&format!("{} → {} → {} → {}", c[2], c[0], c[1], c[2])),
        "{message}"
    );

    // duplicate_of points at the canonical claim: c3 → c4, then c2 → c3 stores c2 → c4.
    related(&app, t, "duplicate_of", &c[3], &c[4]).await;
    let repointed = related(&app, t, "duplicate_of", &c[2], &c[3]).await;
    assert_eq!(repointed["to_claim_id"], c[4].as_str(), "{repointed}");
    // One duplicate_of per claim.
    let message = refused(
        relate(&app, t, "duplicate_of", &c[2], &c[0]).await,
        "/from_claim_id",
    )
    .await;
    assert!(message.contains("already a duplicate"), "{message}");
    // A canonical claim with duplicates cannot become a duplicate itself.
    let message = refused(
        relate(&app, t, "duplicate_of", &c[4], &c[0]).await,
        "/from_claim_id",
    )
    .await;
    assert!(
        message.contains("canonical claim of other duplicates"),
        "{message}"
    );
    // Nor point at its own duplicate: that would be a cycle, named.
    let message = refused(
        relate(&app, t, "duplicate_of", &c[4], &c[3]).await,
        "/to_claim_id",
    )
    .await;
    assert!(
        message.contains(&format!("{} → {} → {}", c[4], c[3], c[4])),
        "{message}"
    );

    // Roles: viewers read, editors create, reviewers retract.
    let viewer = app.user_with_role("viewer", "viewer").await;
    assert_eq!(
        relate(&app, &viewer, "refines", &c[2], &c[3])
            .await
            .status(),
        403
    );
    let path = format!("/v1/relations/{}", id(&first));
    app.get_ok(&path, &viewer).await;
    assert_eq!(retract(&app, t, &path).await.status(), 403);
    assert_eq!(retract(&app, &team.reviewer, &path).await.status(), 200);
    // Retracted, the same relation may be made again; restoring the old one then is 409.
    let again = related(&app, t, "corroborates", &c[1], &c[0]).await;
    let current = app.get(&path, t).await;
    let response = app
        .post_if_match(
            &format!("{path}/restore"),
            &team.reviewer,
            Some(&etag(&current)),
            &json!({"reason": "it was right"}),
        )
        .await;
    let problem = assert_problem(response, 409, "duplicate_relation").await;
    assert_eq!(problem["existing_id"], again["id"]);
});

both_backends!(
    duplicates_resolve_to_their_canonical_claim_and_leave_lists,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let c = claims(&app, t, 4).await;
        let duplicate = related(&app, t, "duplicate_of", &c[1], &c[0]).await;
        related(&app, t, "refines", &c[2], &c[0]).await;
        related(&app, t, "corroborates", &c[3], &c[2]).await;

        let read = app.get_ok(&format!("/v1/claims/{}", c[1]), t).await;
        assert_eq!(read["canonical_id"], c[0].as_str());
        let canonical = app.get_ok(&format!("/v1/claims/{}", c[0]), t).await;
        assert_eq!(canonical["canonical_id"], Value::Null);
        assert_eq!(canonical["superseded_by"], json!([]));

        let listed = app.claim_ids(t, &[]).await;
        assert!(!listed.contains(&c[1]), "a duplicate is hidden");
        assert!(listed.contains(&c[0]));
        let all = app.claim_ids(t, &[("include_duplicates", "true")]).await;
        assert!(all.contains(&c[1]));

        // related_to: both sides, duplicates shown; relation narrows it.
        let mut rel = app.claim_ids(t, &[("related_to", &c[0])]).await;
        rel.sort();
        assert_eq!(rel, vec![c[1].clone(), c[2].clone()]);
        let dup = app
            .claim_ids(t, &[("related_to", &c[0]), ("relation", "duplicate_of")])
            .await;
        assert_eq!(dup, vec![c[1].clone()]);
        let from_other_side = app
            .claim_ids(t, &[("related_to", &c[2]), ("relation", "corroborates")])
            .await;
        assert_eq!(from_other_side, vec![c[3].clone()]);
        // In creation order too, one claim a page, and oldest first.
        let paged = app
            .all_pages(
                "/v1/claims",
                t,
                &[("related_to", &c[0]), ("sort", "created_at")],
                1,
            )
            .await;
        assert_eq!(
            crate::fixtures::ids(&paged),
            vec![c[1].clone(), c[2].clone()]
        );
        let problem = assert_problem(
            app.get(&with_query("/v1/claims", &[("relation", "refines")]), t)
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/relation"]);

        // GET /v1/relations filters by claim and kind.
        let (items, _) = app.page("/v1/relations", t, &[("claim_id", &c[0])]).await;
        assert_eq!(items.len(), 2);
        let (items, _) = app
            .page(
                "/v1/relations",
                t,
                &[("claim_id", &c[0]), ("kind", "duplicate_of")],
            )
            .await;
        assert_eq!(crate::fixtures::ids(&items), vec![id(&duplicate)]);

        // The changes feed carries relations' revisions (to viewers too), the ledger export
        // their rows.
        let viewer = app.user_with_role("viewer", "viewer").await;
        // On PostgreSQL the feed shows revisions only up to the oldest transaction still in
        // flight on the server (transaction ids are the cluster's, so other tests' databases
        // count): it may end a page early with a cursor. Follow it until the relation shows.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut cursor: Option<String> = None;
        loop {
            let mut params = vec![("limit", "500")];
            if let Some(c) = &cursor {
                params.push(("cursor", c.as_str()));
            }
            let (items, next) = app.page("/v1/changes", &viewer, &params).await;
            if items
                .iter()
                .any(|c| c["kind"] == "relations" && c["record_id"] == duplicate["id"])
            {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the relation's revision is not in the changes feed"
            );
            if next.is_some() {
                cursor = next;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let export = app.get("/v1/exports/ledger", &team.admin).await;
        assert_eq!(export.status(), 200);
        let export = export.text().await.unwrap();
        let relation_lines = export
            .lines()
            .filter(|l| l.starts_with("{\"relation\":"))
            .count();
        assert_eq!(relation_lines, 3, "three relations exported");

        // Retracting the relation undoes it.
        let path = format!("/v1/relations/{}", id(&duplicate));
        assert_eq!(retract(&app, &team.reviewer, &path).await.status(), 200);
        let read = app.get_ok(&format!("/v1/claims/{}", c[1]), t).await;
        assert_eq!(read["canonical_id"], Value::Null);
        assert!(app.claim_ids(t, &[]).await.contains(&c[1]));
        let (items, _) = app
            .page("/v1/relations", t, &[("kind", "duplicate_of")])
            .await;
        assert!(items.is_empty());
        let (items, _) = app
            .page(
                "/v1/relations",
                t,
                &[("kind", "duplicate_of"), ("include_retracted", "true")],
            )
            .await;
        assert_eq!(items.len(), 1);
    }
);

/// An "injured" claim about the demo's attack.
fn injured(subject: &str, source: &str, statement: &str, lower: u32, upper: Option<u32>) -> Value {
    json!({
        "statement": statement,
        "subject_id": subject,
        "property": "injured",
        "value": {"type": "quantity", "lower": lower, "upper": upper, "unit": "people"},
        "occurred_at": {"value": "2022-11-30", "precision": "day"},
        "confidence": 0.8,
        "citations": [{"source_id": source}],
    })
}

both_backends!(
    a_superseded_claim_leaves_detection_and_estimates_until_the_relation_is_retracted,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let source = app.source_id(t, "Dawn").await;
        let early = id(&app
            .create_claim(t, &injured(&attack, &source, "15 injured", 15, Some(15)))
            .await);
        let later = id(&app
            .create_claim(
                t,
                &injured(&attack, &source, "At least 20 injured", 20, None),
            )
            .await);
        let estimate_path = with_query(
            "/v1/estimates",
            &[("subject_id", &attack), ("property", "injured")],
        );
        let early_path = format!("/v1/claims/{early}");
        let before = app.get_ok(&early_path, t).await;
        let [flag] = before["open_contradiction_ids"]
            .as_array()
            .unwrap()
            .as_slice()
        else {
            panic!("one detected flag: {before}");
        };
        let flag = flag.as_str().unwrap().to_owned();
        let estimate = app.get_ok(&estimate_path, t).await;
        assert!(estimate["ranges"][0]["conflict"].is_object(), "{estimate}");

        let relation = related(&app, t, "supersedes", &later, &early).await;
        let relation_path = format!("/v1/relations/{}", id(&relation));

        // The superseded claim: shown so, its detected flag resolved with a revision saying why.
        let after = app.get_ok(&early_path, t).await;
        assert_eq!(after["superseded_by"], json!([later]));
        assert_eq!(after["open_contradiction_ids"], json!([]));
        let flag_path = format!("/v1/contradictions/{flag}");
        let resolved = app.get_ok(&flag_path, t).await;
        assert_eq!(resolved["status"], "resolved");
        assert!(
            resolved["resolution_note"]
                .as_str()
                .unwrap()
                .contains("superseded"),
            "{resolved}"
        );
        let revisions = history(&app, &flag_path, t).await;
        let summary = revisions[0]["edit_summary"].as_str().unwrap_or_default();
        assert!(
            summary.contains("superseded") && summary.contains(&id(&relation)),
            "{}",
            revisions[0]
        );
        // Left out of the estimate, with the reason.
        let estimate = app.get_ok(&estimate_path, t).await;
        let range = &estimate["ranges"][0];
        assert!(range["conflict"].is_null(), "{estimate}");
        assert_eq!(range["counted_claims"], 1, "{estimate}");
        let early_item = estimate["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["claim"]["id"] == early.as_str())
            .unwrap_or_else(|| panic!("the superseded claim is listed: {estimate}"))
            .clone();
        assert_eq!(early_item["counted"], false);
        assert_eq!(early_item["not_counted_because"], "superseded");
        // Detection leaves it out: a new conflicting claim flags the later claim only.
        let third = id(&app
            .create_claim(t, &injured(&attack, &source, "Only 2 injured", 2, Some(2)))
            .await);
        let flagged = app.get_ok(&format!("/v1/claims/{third}"), t).await;
        assert_eq!(
            flagged["open_contradiction_ids"].as_array().unwrap().len(),
            1,
            "{flagged}"
        );
        // The claim's relations, with its open flags beside them.
        let beside = app
            .get_ok(&format!("/v1/claims/{later}/relations"), t)
            .await;
        assert_eq!(beside["items"][0]["id"], relation["id"]);
        assert_eq!(
            beside["open_contradictions"].as_array().unwrap().len(),
            1,
            "{beside}"
        );

        // History, diff, If-Match on the relation.
        let stale = app
            .post_if_match(
                &format!("{relation_path}/retract"),
                &team.reviewer,
                Some("\"7\""),
                &json!({"reason": "no"}),
            )
            .await;
        assert_eq!(stale.status(), 412);
        assert_eq!(
            retract(&app, &team.reviewer, &relation_path).await.status(),
            200
        );
        assert_eq!(
            actions(&app, &relation_path, t).await,
            vec!["retract", "create"]
        );
        let ops = diff(&app, &relation_path, t, 2, None).await;
        assert_eq!(ops[0]["path"], "/retracted", "{ops}");

        // Retracted: the claim counts and conflicts again.
        let back = app.get_ok(&early_path, t).await;
        assert_eq!(back["superseded_by"], json!([]));
        assert_eq!(
            app.get_ok(&flag_path, t).await["status"],
            "open",
            "the flag the relation closed opens again"
        );
        let estimate = app.get_ok(&estimate_path, t).await;
        assert!(estimate["ranges"][0]["conflict"].is_object(), "{estimate}");

        // A revert to revision 1 restores it (a reviewer's), and its effects with it.
        let current = app.get(&relation_path, t).await;
        let response = app
            .post_if_match(
                &format!("{relation_path}/revert"),
                &team.reviewer,
                Some(&etag(&current)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            app.get_ok(&flag_path, t).await["status"],
            "resolved",
            "superseded again"
        );
    }
);

both_backends!(
    the_two_halves_of_a_cycle_sent_at_once_one_wins,
    |app| async move {
        // Two instances on one database, so the race is also across processes' pools.
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        let team = Team::new(&app).await;
        let c = claims(&app, &team.editor, 12).await;
        let apps = [Arc::new(app), Arc::new(second)];
        let start = Arc::new(tokio::sync::Barrier::new(12));
        let mut tasks = Vec::new();
        // Six pairs, each sent both ways at once; duplicate_of for half of them.
        for pair in 0..6 {
            let kind = if pair % 2 == 0 {
                "supersedes"
            } else {
                "duplicate_of"
            };
            let (a, b) = (c[2 * pair].clone(), c[2 * pair + 1].clone());
            for (i, (from, to)) in [(a.clone(), b.clone()), (b, a)].into_iter().enumerate() {
                let (app, start) = (apps[i % 2].clone(), start.clone());
                let request = app
                    .client
                    .post(app.url("/v1/relations"))
                    .bearer_auth(&team.editor)
                    .json(&json!({"kind": kind, "from_claim_id": from, "to_claim_id": to, "note": "race"}));
                tasks.push(tokio::spawn(async move {
                    start.wait().await;
                    let response = request.send().await.unwrap();
                    (pair, response.status().as_u16())
                }));
            }
        }
        let mut by_pair: BTreeMap<usize, Vec<u16>> = BTreeMap::new();
        for task in tasks {
            let (pair, status) = task.await.unwrap();
            by_pair.entry(pair).or_default().push(status);
        }
        for (pair, mut statuses) in by_pair {
            statuses.sort();
            assert_eq!(statuses, vec![201, 422], "pair {pair}");
        }
        let (items, _) = apps[0]
            .page("/v1/relations", &team.editor, &[("limit", "100")])
            .await;
        assert_eq!(items.len(), 6);
    }
);
