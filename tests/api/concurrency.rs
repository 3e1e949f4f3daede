//! Safe concurrent edits (issue 4): writers that read the same revision race, exactly one
//! wins and the others get `412` (never a 5xx, never a lost update), also when the writers
//! talk to two instances on one database; and revision numbers stay 1, 2, 3, … with no gaps
//! and no duplicates however many writers there are.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id};
use crate::helpers::{TestApp, spawn_app_with};
use crate::history_fixtures::{history, integrity, read, status_and_body, tag, unique};

/// Sends `n` changes of one record at once, spread over `apps` in turn, all with the same
/// `If-Match`; returns each answer's status and body, in the order sent.
async fn race(
    apps: &[Arc<TestApp>],
    n: usize,
    method: reqwest::Method,
    path: &str,
    token: &str,
    if_match: &str,
    body: impl Fn(usize) -> Value,
) -> Vec<(u16, Value)> {
    let mut tasks = Vec::new();
    for i in 0..n {
        let app = apps[i % apps.len()].clone();
        let request = app
            .client
            .request(method.clone(), app.url(path))
            .bearer_auth(token)
            .header("if-match", if_match)
            .json(&body(i));
        tasks.push(tokio::spawn(async move {
            status_and_body(request.send().await.unwrap()).await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// How many answers had each status.
fn tally(answers: &[(u16, Value)]) -> BTreeMap<u16, usize> {
    let mut counts = BTreeMap::new();
    for (status, _) in answers {
        *counts.entry(*status).or_default() += 1;
    }
    counts
}

/// Exactly one winner and `n - 1` losers told the revision the winner made.
fn assert_one_winner(answers: &[(u16, Value)], what: &str) -> usize {
    let n = answers.len();
    assert_eq!(
        tally(answers),
        BTreeMap::from([(200, 1), (412, n - 1)]),
        "{what}: {answers:?}"
    );
    for (status, body) in answers {
        if *status == 412 {
            assert_eq!(body["code"], "stale_revision", "{what}: {body}");
            assert_eq!(body["current_revision"], 2, "{what}: {body}");
        }
    }
    answers.iter().position(|(s, _)| *s == 200).unwrap()
}

async fn ten_patches_one_winner(apps: &[Arc<TestApp>]) {
    let app = &apps[0];
    let team = Team::new(app).await;
    let source = app.source_id(&team.editor, "Initial reports").await;
    let claim = app
        .create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
        .await;
    let path = format!("/v1/claims/{}", id(&claim));
    // Never the 0.5 it was created with: a patch that changes nothing is a 200 (issue 12).
    let confidence = |i: usize| (i + 1) as f64 / 25.0;
    let answers = race(
        apps,
        10,
        reqwest::Method::PATCH,
        &path,
        &team.editor,
        &tag(1),
        |i| json!({"confidence": confidence(i), "edit_summary": format!("writer {i}")}),
    )
    .await;
    let winner = assert_one_winner(&answers, "10 PATCHes of a claim");
    assert_eq!(answers[winner].1["revision"], 2);

    // The winner's edit is the one that stands, and its revision is the only new one.
    let (now, etag) = read(app, &path, &team.editor).await;
    assert_eq!(etag, tag(2));
    assert_eq!(now["confidence"], confidence(winner));
    let revisions = history(app, &path, &team.editor).await;
    let numbers: Vec<i64> = revisions
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(revisions[0]["edit_summary"], format!("writer {winner}"));
    assert_eq!(
        integrity(app, &path, &team.editor).await["valid"],
        true,
        "the chain holds"
    );
}

both_backends!(
    ten_concurrent_patches_with_one_etag_give_one_200_and_nine_412,
    |app| async move {
        ten_patches_one_winner(&[Arc::new(app)]).await;
    }
);

both_backends!(
    ten_concurrent_patches_across_two_instances_give_one_200_and_nine_412,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        ten_patches_one_winner(&[Arc::new(app), Arc::new(second)]).await;
    }
);

both_backends!(
    concurrent_changes_of_every_kind_with_one_etag_have_one_winner,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        let team = Team::new(&app).await;
        let apps = [Arc::new(app), Arc::new(second)];
        let app = &apps[0];
        let source = app.source_id(&team.editor, "Initial reports").await;
        let entity = app.entity_id(&team.editor, "event", "An attack").await;
        let claim = app
            .create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
            .await;
        let claim = format!("/v1/claims/{}", id(&claim));
        let (patch, post) = (reqwest::Method::PATCH, reqwest::Method::POST);
        // What, how, the record, the URL, the body, and the revision the writers all read.
        let cases: [(&str, reqwest::Method, String, String, Value, i64); 5] = [
            (
                "PATCH a source",
                patch.clone(),
                format!("/v1/sources/{source}"),
                format!("/v1/sources/{source}"),
                json!({"title": "Renamed"}),
                1,
            ),
            (
                "PATCH an entity",
                patch.clone(),
                format!("/v1/entities/{entity}"),
                format!("/v1/entities/{entity}"),
                json!({"name": "Renamed"}),
                1,
            ),
            (
                "set a verdict",
                post.clone(),
                claim.clone(),
                format!("{claim}/verdict"),
                json!({"verdict": "verified"}),
                1,
            ),
            (
                "retract a claim",
                post.clone(),
                claim.clone(),
                format!("{claim}/retract"),
                json!({"reason": "withdrawn"}),
                // The verdict moved the claim on; the retraction races from there.
                2,
            ),
            (
                "PATCH a property",
                patch.clone(),
                "/v1/properties/weapon".into(),
                "/v1/properties/weapon".into(),
                json!({"label": "Arms"}),
                1,
            ),
        ];
        for (what, method, record, path, body, expected_revision) in cases {
            let token = if what == "PATCH a property" {
                &team.admin
            } else {
                &team.reviewer
            };
            let answers = race(
                &apps,
                6,
                method,
                &path,
                token,
                &tag(expected_revision),
                |_| body.clone(),
            )
            .await;
            assert_eq!(
                tally(&answers),
                BTreeMap::from([(200, 1), (412, 5)]),
                "{what}: {answers:?}"
            );
            for (status, body) in &answers {
                if *status == 412 {
                    assert_eq!(body["current_revision"], expected_revision + 1, "{what}");
                }
            }
            let (_, etag) = read(app, &record, &team.editor).await;
            assert_eq!(etag, tag(expected_revision + 1), "{what}");
            assert_eq!(
                history(app, &record, &team.editor).await.len() as i64,
                expected_revision + 1,
                "{what}: one new revision"
            );
        }
    }
);

/// One writer: `edits` successful edits of the claim, each after reading its ETag, retrying
/// when another writer got there first. Returns the revisions its edits made.
async fn writer(
    app: Arc<TestApp>,
    token: String,
    path: String,
    name: usize,
    edits: usize,
) -> Vec<i64> {
    let mut made = Vec::new();
    let mut attempts = 0;
    while made.len() < edits {
        attempts += 1;
        assert!(attempts < 1000, "writer {name} starved");
        let (_, etag) = read(&app, &path, &token).await;
        let edit = json!({"tags": [format!("writer-{name}"), format!("edit-{}", made.len())]});
        let response = app.patch_json(&path, &token, Some(&etag), &edit).await;
        let (status, body) = status_and_body(response).await;
        match status {
            200 => made.push(body["revision"].as_i64().unwrap()),
            412 => assert_eq!(body["code"], "stale_revision"),
            other => panic!("writer {name}: {other} {body}"),
        }
    }
    made
}

both_backends!(
    revision_numbers_have_no_gaps_or_duplicates_under_concurrent_writers_on_two_instances,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = app
            .create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
            .await;
        let path = format!("/v1/claims/{}", id(&claim));
        let apps = [Arc::new(app), Arc::new(second)];
        let (writers, edits) = (4, 5);
        let tasks: Vec<_> = (0..writers)
            .map(|w| {
                tokio::spawn(writer(
                    apps[w % 2].clone(),
                    team.editor.clone(),
                    path.clone(),
                    w,
                    edits,
                ))
            })
            .collect();
        let mut made = Vec::new();
        for task in tasks {
            made.extend(task.await.unwrap());
        }
        made.sort_unstable();
        let total = (writers * edits) as i64;
        assert_eq!(
            made,
            (2..=total + 1).collect::<Vec<i64>>(),
            "each successful edit made its own next revision"
        );

        let app = &apps[0];
        let revisions = history(app, &path, &team.editor).await;
        let numbers: Vec<i64> = revisions
            .iter()
            .map(|r| r["revision"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, (1..=total + 1).rev().collect::<Vec<i64>>());
        let (_, etag) = read(app, &path, &team.editor).await;
        assert_eq!(etag, tag(total + 1));
        assert_eq!(
            integrity(app, &path, &team.editor).await,
            json!({"valid": true, "revisions": total + 1, "first_bad_revision": null})
        );
    }
);

// Many creates at once (on SQLite they share group commits): every acknowledged one is
// there with its revision and a valid ledger, and the ones that fail inside the write (a
// source that does not exist is only found out by the database) leave the others alone.
both_backends!(
    concurrent_creates_each_stand_or_fall_alone,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let n = 30;
        let mut tasks = Vec::new();
        for i in 0..n {
            let cited = if i % 3 == 0 {
                "no-such-source".to_owned()
            } else {
                source.clone()
            };
            let request = app
                .client
                .post(app.url("/v1/claims"))
                .bearer_auth(&team.editor)
                .json(&claim_body(&unique(&format!("Claim {i}")), &cited));
            tasks.push(tokio::spawn(async move {
                status_and_body(request.send().await.unwrap()).await
            }));
        }
        let mut created = Vec::new();
        for (i, task) in tasks.into_iter().enumerate() {
            let (status, body) = task.await.unwrap();
            if i % 3 == 0 {
                assert_eq!(status, 422, "claim {i}: {body}");
                assert_eq!(body["code"], "validation_failed", "claim {i}: {body}");
            } else {
                assert_eq!(status, 201, "claim {i}: {body}");
                created.push(id(&body));
            }
        }
        for claim in &created {
            let path = format!("/v1/claims/{claim}");
            let (_, etag) = read(&app, &path, &team.editor).await;
            assert_eq!(etag, tag(1));
            assert_eq!(
                integrity(&app, &path, &team.editor).await,
                json!({"valid": true, "revisions": 1, "first_bad_revision": null})
            );
        }
        let listed = app
            .get_ok(
                &format!("/v1/claims?source_id={source}&limit=100"),
                &team.editor,
            )
            .await;
        let mut listed: Vec<String> = listed["items"].as_array().unwrap().iter().map(id).collect();
        listed.sort();
        created.sort();
        assert_eq!(listed, created, "exactly the acknowledged creates exist");
    }
);

both_backends!(
    identical_creates_sent_at_once_make_one_claim_and_name_it_to_the_others,
    |app| async move {
        // Two instances on one database, so the race is also across processes' pools.
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "One wire story").await;
        let body = claim_body(&unique("The same claim"), &source);
        let apps = [Arc::new(app), Arc::new(second)];
        let start = Arc::new(tokio::sync::Barrier::new(10));
        let mut tasks = Vec::new();
        for i in 0..10 {
            let (app, start) = (apps[i % 2].clone(), start.clone());
            let request = app
                .client
                .post(app.url("/v1/claims"))
                .bearer_auth(&team.editor)
                .json(&body);
            tasks.push(tokio::spawn(async move {
                start.wait().await;
                status_and_body(request.send().await.unwrap()).await
            }));
        }
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        assert_eq!(
            tally(&answers),
            BTreeMap::from([(201, 1), (409, 9)]),
            "{answers:?}"
        );
        let created = answers
            .iter()
            .find(|(s, _)| *s == 201)
            .map(|(_, b)| id(b))
            .unwrap();
        for (status, body) in &answers {
            if *status == 409 {
                assert_eq!(body["code"], "duplicate_claim", "{body}");
                assert_eq!(body["existing_id"], created.as_str(), "{body}");
            }
        }
    }
);
