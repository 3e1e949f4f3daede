//! The changes feed (issue 4): `GET /v1/changes` lists every revision of every record; its
//! `next_cursor` is never null (with nothing new it is the cursor sent); a follower that keeps
//! passing it back sees every revision exactly once, also while many writers on two instances
//! commit at once; and only admins see changes of accounts.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, with_query};
use crate::helpers::{TestApp, assert_problem, spawn_app_with};
use crate::history_fixtures::{patch_ok, post_ok, tag, unique};

/// How long a follower waits for revisions it knows were committed before giving up. The
/// feed promises about a second; this only bounds a failing test.
const PATIENCE: Duration = Duration::from_secs(30);

/// One page of the feed after `after` (from the start when None).
async fn feed(
    app: &TestApp,
    token: &str,
    after: Option<&str>,
    limit: usize,
) -> (Vec<Value>, String) {
    let limit = limit.to_string();
    let mut params = vec![("limit", limit.as_str())];
    if let Some(after) = after {
        params.push(("after", after));
    }
    let body = app.get_ok(&with_query("/v1/changes", &params), token).await;
    let items = body["items"].as_array().expect("items").clone();
    let next = body["next_cursor"]
        .as_str()
        .unwrap_or_else(|| panic!("next_cursor is never null: {body}"))
        .to_owned();
    (items, next)
}

/// Follows the feed from `cursor` until `done` holds for what was seen (or PATIENCE runs
/// out); returns everything seen and the cursor to continue from.
async fn follow_until(
    app: &TestApp,
    token: &str,
    mut cursor: Option<String>,
    limit: usize,
    done: impl Fn(&[Value]) -> bool,
) -> (Vec<Value>, String) {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    loop {
        let (items, next) = feed(app, token, cursor.as_deref(), limit).await;
        let empty = items.is_empty();
        if empty && let Some(sent) = &cursor {
            assert_eq!(
                &next, sent,
                "with nothing new, the cursor comes back unchanged"
            );
        }
        seen.extend(items);
        cursor = Some(next);
        if done(&seen) {
            return (seen, cursor.unwrap());
        }
        assert!(
            Instant::now() < deadline,
            "the feed did not deliver within {PATIENCE:?}; saw {seen:?}"
        );
        if empty {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Follows the feed to its current end.
async fn drain(app: &TestApp, token: &str, cursor: Option<String>) -> (Vec<Value>, String) {
    let mut cursor = cursor;
    let mut seen = Vec::new();
    loop {
        let (items, next) = feed(app, token, cursor.as_deref(), 100).await;
        if items.is_empty() {
            return (seen, next);
        }
        seen.extend(items);
        cursor = Some(next);
    }
}

fn key(item: &Value) -> (String, String, i64) {
    (
        item["kind"].as_str().unwrap().to_owned(),
        item["record_id"].as_str().unwrap().to_owned(),
        item["revision"].as_i64().unwrap(),
    )
}

fn mentions(items: &[Value], kind: &str, record_id: &str, revision: i64) -> bool {
    items
        .iter()
        .any(|i| i["kind"] == kind && i["record_id"] == record_id && i["revision"] == revision)
}

both_backends!(
    the_feed_lists_each_change_in_order_and_its_cursor_is_never_null,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let editor = app.get_ok("/v1/me", &team.editor).await;
        let reviewer = app.get_ok("/v1/me", &team.reviewer).await;

        // From the start: the vocabulary that ships, written by the service itself. (On
        // PostgreSQL the feed holds back what any transaction of the cluster still running
        // might precede — another test's, here — so it is followed, not read once.)
        let (first, cursor) = follow_until(&app, &viewer, None, 3, |seen| seen.len() >= 3).await;
        let first = &first[..3];
        assert!(
            first.iter().all(|i| i["kind"] == "properties"
                && i["action"] == "create"
                && i["author"].is_null()),
            "{first:?}"
        );
        for item in first {
            assert!(item["created_at"].is_string(), "{item}");
        }

        // To the end (up to a marker, the last change so far); then nothing new returns the
        // same cursor, again and again.
        let marker = app.entity_id(&team.editor, "event", "Marker").await;
        let (_, end) = follow_until(&app, &viewer, Some(cursor), 100, |seen| {
            mentions(seen, "entities", &marker, 1)
        })
        .await;
        for _ in 0..3 {
            let (items, next) = feed(&app, &viewer, Some(&end), 50).await;
            assert_eq!(items, Vec::<Value>::new());
            assert_eq!(next, end);
        }

        // A claim created, edited and judged: three items, in order, with their authors.
        let source = app.source_id(&team.editor, "Initial reports").await;
        let claim = app
            .create_claim(
                &team.editor,
                &claim_body("Twelve people were injured.", &source),
            )
            .await;
        let path = format!("/v1/claims/{}", id(&claim));
        patch_ok(
            &app,
            &path,
            &team.editor,
            &tag(1),
            &json!({"confidence": 0.9}),
        )
        .await;
        post_ok(
            &app,
            &format!("{path}/verdict"),
            &team.reviewer,
            &tag(2),
            &json!({"verdict": "verified"}),
        )
        .await;
        let claim_id = id(&claim);
        let (seen, _) = follow_until(&app, &viewer, Some(end.clone()), 2, |seen| {
            mentions(seen, "claims", &claim_id, 3)
        })
        .await;
        let expected = [
            json!({"kind": "sources", "record_id": source, "revision": 1, "action": "create", "author": editor["id"]}),
            json!({"kind": "claims", "record_id": claim_id, "revision": 1, "action": "create", "author": editor["id"]}),
            json!({"kind": "claims", "record_id": claim_id, "revision": 2, "action": "update", "author": editor["id"]}),
            json!({"kind": "claims", "record_id": claim_id, "revision": 3, "action": "verdict", "author": reviewer["id"]}),
        ];
        let shown: Vec<Value> = seen
            .iter()
            .map(|i| {
                let mut i = i.clone();
                i.as_object_mut().unwrap().remove("created_at");
                i
            })
            .collect();
        assert_eq!(shown, expected);
    }
);

both_backends!(
    a_cursor_the_feed_did_not_issue_and_a_bad_limit_are_refused,
    |app| async move {
        let token = app.admin_token().await;
        for query in ["after=not-a-cursor", "after=MTIz", "limit=0", "limit=501"] {
            let response = app.get(&format!("/v1/changes?{query}"), &token).await;
            assert_problem(response, 422, "validation_failed").await;
        }
    }
);

both_backends!(
    viewers_do_not_see_changes_of_accounts_but_admins_do,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let user = app.create_user(&team.admin, "analyst", "viewer").await;
        patch_ok(
            &app,
            &format!("/v1/users/{}", id(&user)),
            &team.admin,
            &tag(1),
            &json!({"role": "editor"}),
        )
        .await;
        // A later change to wait for: once it shows, every earlier one has.
        let marker = app.source_id(&team.editor, "Marker").await;
        let reached = |seen: &[Value]| mentions(seen, "sources", &marker, 1);

        let (as_admin, _) = follow_until(&app, &team.admin, None, 100, reached).await;
        assert!(mentions(&as_admin, "users", &id(&user), 1), "{as_admin:?}");
        assert!(mentions(&as_admin, "users", &id(&user), 2), "{as_admin:?}");

        for token in [&viewer, &team.editor, &team.reviewer] {
            let (seen, _) = follow_until(&app, token, None, 100, reached).await;
            assert!(
                seen.iter().all(|i| i["kind"] != "users"),
                "no account changes below admin: {seen:?}"
            );
            let others: Vec<&Value> = as_admin.iter().filter(|i| i["kind"] != "users").collect();
            assert_eq!(
                seen.iter().collect::<Vec<_>>(),
                others,
                "everything else is the same"
            );
        }
    }
);

/// Four writers (spread over `apps`) create 100 claims while a follower polls the feed; the
/// follower sees each create exactly once and nothing twice.
async fn follower_sees_every_create_once(apps: Vec<Arc<TestApp>>) {
    let app = apps[0].clone();
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "Initial reports").await;
    // Start after the last change made before the writers begin (on PostgreSQL it shows
    // once every transaction older than it has ended, which may take a moment).
    let (_, start) = follow_until(&app, &team.editor, None, 100, |seen| {
        mentions(seen, "sources", &source, 1)
    })
    .await;

    let stop = Arc::new(AtomicBool::new(false));
    let follower = {
        let (app, token, stop) = (app.clone(), team.editor.clone(), stop.clone());
        tokio::spawn(async move {
            let mut cursor = start;
            let mut seen = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let (items, next) = feed(&app, &token, Some(&cursor), 7).await;
                if items.is_empty() {
                    assert_eq!(next, cursor);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                seen.extend(items);
                cursor = next;
            }
            (seen, cursor)
        })
    };

    let (writers, each) = (4, 25);
    let tasks: Vec<_> = (0..writers)
        .map(|w| {
            let app = apps[w % apps.len()].clone();
            let (token, source) = (team.editor.clone(), source.clone());
            tokio::spawn(async move {
                let mut ids = Vec::new();
                for i in 0..each {
                    let body = claim_body(&unique(&format!("Writer {w} claim {i}")), &source);
                    let response = app.post_json("/v1/claims", &token, &body).await;
                    assert_eq!(response.status(), 201, "writer {w}");
                    ids.push(id(&response.json::<Value>().await.unwrap()));
                }
                ids
            })
        })
        .collect();
    let mut created = BTreeSet::new();
    for task in tasks {
        created.extend(task.await.unwrap());
    }
    assert_eq!(created.len(), writers * each);
    stop.store(true, Ordering::SeqCst);
    let (mut seen, cursor) = follower.await.unwrap();

    // Whatever the follower had not seen yet must still come, after its own cursor.
    let creates_seen = |seen: &[Value]| {
        seen.iter()
            .filter(|i| i["kind"] == "claims" && i["action"] == "create")
            .count()
    };
    let missing = writers * each - creates_seen(&seen).min(writers * each);
    let (rest, cursor) = follow_until(&app, &team.editor, Some(cursor), 7, |more| {
        creates_seen(more) >= missing
    })
    .await;
    seen.extend(rest);
    // And nothing more turns up later.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (late, _) = drain(&app, &team.editor, Some(cursor)).await;
    assert_eq!(
        late,
        Vec::<Value>::new(),
        "nothing arrives after the writers finished"
    );

    let mut times: BTreeMap<(String, String, i64), usize> = BTreeMap::new();
    for item in &seen {
        *times.entry(key(item)).or_default() += 1;
    }
    let twice: Vec<_> = times.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "seen more than once: {twice:?}");
    let creates: BTreeSet<String> = seen
        .iter()
        .filter(|i| i["kind"] == "claims")
        .map(|i| {
            assert_eq!(
                (i["revision"].as_i64(), i["action"].as_str()),
                (Some(1), Some("create"))
            );
            i["record_id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(creates, created, "every claim's create, and no other");
    assert_eq!(
        seen.len(),
        writers * each,
        "nothing but the creates: {seen:?}"
    );
}

both_backends!(
    a_follower_polling_while_four_writers_create_100_claims_sees_each_exactly_once,
    |app| async move {
        follower_sees_every_create_once(vec![Arc::new(app)]).await;
    }
);

both_backends!(
    a_follower_sees_each_of_100_claims_written_through_two_instances_exactly_once,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        follower_sees_every_create_once(vec![Arc::new(app), Arc::new(second)]).await;
    }
);

both_backends!(
    contradiction_flags_and_their_decisions_are_in_the_feed_too,
    |app| async move {
        let team = Team::new(&app).await;
        let reviewer = app.get_ok("/v1/me", &team.reviewer).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let subject = app.entity_id(&team.editor, "event", "An attack").await;
        let claim = |statement: &str, lower: f64, upper: Option<f64>| {
            let mut body = claim_body(statement, &source);
            body["subject_id"] = json!(subject);
            body["property"] = json!("injured");
            body["value"] = json!({"type": "quantity", "lower": lower, "upper": upper});
            body
        };
        app.create_claim(&team.editor, &claim("At least 20 injured.", 20.0, None))
            .await;
        let second = app
            .create_claim(&team.editor, &claim("15 injured.", 15.0, Some(15.0)))
            .await;
        let flag = second["open_contradiction_ids"][0]
            .as_str()
            .unwrap()
            .to_owned();
        patch_ok(
            &app,
            &format!("/v1/contradictions/{flag}"),
            &team.reviewer,
            &tag(1),
            &json!({"status": "confirmed"}),
        )
        .await;
        let (seen, _) = follow_until(&app, &team.editor, None, 100, |seen| {
            mentions(seen, "contradictions", &flag, 2)
        })
        .await;
        let flag_items: Vec<&Value> = seen
            .iter()
            .filter(|i| i["kind"] == "contradictions")
            .collect();
        assert_eq!(flag_items.len(), 2, "{flag_items:?}");
        assert_eq!(flag_items[0]["action"], "create");
        assert_eq!(flag_items[1]["action"], "status");
        assert_eq!(flag_items[1]["author"], reviewer["id"]);
        // The flag was opened in the same transaction as the claim that caused it.
        let position = |kind: &str, record: &str| {
            seen.iter()
                .position(|i| i["kind"] == kind && i["record_id"] == record)
                .unwrap()
        };
        assert_eq!(
            position("contradictions", &flag),
            position("claims", &id(&second)) + 1
        );
    }
);
