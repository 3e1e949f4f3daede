//! `claimledger export` / `claimledger import` and `GET /v1/exports/ledger` (issue 15 §3),
//! through the real binary and the HTTP API: a demo ledger with a history (edits, a verdict,
//! a retraction, a revert, flags, a checkpoint) is exported and imported into a fresh
//! database of each backend, SQLite → PostgreSQL and back included, and must read the same
//! record for record, revision for revision and `as_of` for `as_of`; `verify` must pass, the
//! changes feed must go on and a new edit must chain. What the import refuses, it refuses
//! before writing anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use claimledger::config::DatabaseUrl;
use serde_json::{Value, json};

use crate::demo::seed_demo;
use crate::fixtures::{Team, id, with_query};
use crate::helpers::{
    Backend, JWT_SECRET, LEDGER_KEY, PG_URL_GONE, TestApp, TestDatabase, assert_problem,
    eventually, spawn_app, spawn_app_with,
};

const BINARY: &str = env!("CARGO_BIN_EXE_claimledger");
const OTHER_LEDGER_KEY: &str = "another-ledger-key-that-is-at-least-32-bytes";

fn url_of(db: &TestDatabase) -> String {
    match &db.url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    }
}

/// Runs the binary against `db` with `ledger_key` and the test's JWT secret, and nothing
/// from the developer's environment.
async fn cli(db: &Arc<TestDatabase>, ledger_key: &'static str, args: &[&str]) -> Output {
    cli_with_input(db, ledger_key, args, None).await
}

/// [`cli`], with `input` on its standard input.
async fn cli_with_input(
    db: &Arc<TestDatabase>,
    ledger_key: &'static str,
    args: &[&str],
    input: Option<String>,
) -> Output {
    let url = url_of(db);
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let cwd = tempfile::tempdir().unwrap();
        let mut child = Command::new(BINARY)
            .args(&args)
            .env_clear()
            .env("DATABASE_URL", url)
            .env("CLAIMLEDGER_LEDGER_KEY", ledger_key)
            .env("CLAIMLEDGER_JWT_SECRET", JWT_SECRET)
            .env("RUST_LOG", "warn")
            .current_dir(cwd.path())
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        if let Some(input) = input {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        }
        child.wait_with_output().expect("the binary runs")
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn cli_ok(db: &Arc<TestDatabase>, args: &[&str]) -> Output {
    let output = cli(db, LEDGER_KEY, args).await;
    assert!(
        output.status.success(),
        "claimledger {args:?} failed ({}):\n{}",
        output.status,
        text(&output.stderr)
    );
    output
}

/// Runs `claimledger import FILE` and asserts that it was refused with `expected` in its
/// error.
async fn import_refused(db: &Arc<TestDatabase>, key: &'static str, file: &Path, expected: &str) {
    let output = cli(db, key, &["import", &file.display().to_string()]).await;
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "the import was refused: {stderr}");
    assert!(
        stderr.contains(expected),
        "the error says {expected:?}: {stderr}"
    );
    assert!(
        stderr.contains("nothing was imported"),
        "the error says nothing was imported: {stderr}"
    );
}

fn tag(n: i64) -> String {
    format!("\"{n}\"")
}

/// The current `ETag` of a record.
async fn etag_of(app: &TestApp, path: &str, token: &str) -> String {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.headers()["etag"].to_str().unwrap().to_owned()
}

/// `POST` (with the record's current `If-Match`) that must succeed.
async fn act(app: &TestApp, path: &str, action: &str, token: &str, body: Value) {
    let etag = etag_of(app, path, token).await;
    let response = app
        .post_if_match(&format!("{path}/{action}"), token, Some(&etag), &body)
        .await;
    let status = response.status();
    assert_eq!(
        status,
        200,
        "{path}/{action}: {}",
        response.text().await.unwrap()
    );
}

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) {
    let etag = etag_of(app, path, token).await;
    let response = app.patch_json(path, token, Some(&etag), &body).await;
    let status = response.status();
    assert_eq!(
        status,
        200,
        "PATCH {path}: {}",
        response.text().await.unwrap()
    );
}

/// The demo ledger, then a history on top of it: edits, a verdict, a retraction, a revert, a
/// flag raised and settled, a checkpoint, and an edit after it.
async fn make_history(app: &TestApp, team: &Team) {
    seed_demo(app.db.clone()).await;
    let claims = app
        .all_pages("/v1/claims", &team.admin, &[("sort", "created_at")], 500)
        .await;
    assert!(claims.len() >= 3, "the demo has claims");
    let path = |claim: &Value| format!("/v1/claims/{}", id(claim));
    let (a, b, c) = (path(&claims[0]), path(&claims[1]), path(&claims[2]));
    patch(
        app,
        &a,
        &team.editor,
        json!({"confidence": 0.8, "edit_summary": "two more outlets agree"}),
    )
    .await;
    act(
        app,
        &a,
        "verdict",
        &team.reviewer,
        json!({"verdict": "verified", "note": "matches the police report"}),
    )
    .await;
    act(
        app,
        &b,
        "retract",
        &team.reviewer,
        json!({"reason": "the outlet withdrew it"}),
    )
    .await;
    act(app, &a, "revert", &team.reviewer, json!({"to_revision": 2})).await;
    let response = app
        .post_json(
            "/v1/contradictions",
            &team.editor,
            &json!({"claim_ids": [id(&claims[2]), id(&claims[3])], "note": "cannot both hold"}),
        )
        .await;
    assert_eq!(response.status(), 201, "raise a flag");
    let flag: Value = response.json().await.unwrap();
    let response = app
        .patch_json(
            &format!("/v1/contradictions/{}", id(&flag)),
            &team.reviewer,
            Some(&tag(1)),
            &json!({"status": "dismissed", "resolution_note": "different dates"}),
        )
        .await;
    assert_eq!(response.status(), 200, "settle the flag");
    let response = app
        .post_json("/v1/ledger/checkpoints", &team.admin, &json!({}))
        .await;
    assert_eq!(response.status(), 201, "take a checkpoint");
    let entities = app.all_pages("/v1/entities", &team.admin, &[], 500).await;
    patch(
        app,
        &format!("/v1/entities/{}", id(&entities[0])),
        &team.editor,
        json!({"description": "edited after the checkpoint"}),
    )
    .await;
    patch(
        app,
        &c,
        &team.editor,
        json!({"tags": ["exported", "history"], "edit_summary": "tagged"}),
    )
    .await;
    // An external review (issue 15), imported from a ClaimReview, and then rated anew.
    let review = |rating: &str| {
        json!({"@context": "https://schema.org", "@type": "ClaimReview",
               "url": "https://other-desk.example/review-1", "claimReviewed": "Exported reviews travel.",
               "author": {"@type": "Organization", "name": "Other desk"},
               "reviewRating": {"@type": "Rating", "alternateName": rating},
               "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A speaker"}}})
    };
    for rating in ["False", "Misleading"] {
        let response = app
            .post_json("/v1/imports/claimreview", &team.editor, &review(rating))
            .await;
        assert_eq!(response.status(), 200, "import a ClaimReview");
    }
    // The columns of issue 15: a citation's role and a published review.
    let citations: Vec<Value> = claims[2]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({"source_id": c["source"]["id"], "quote": c["quote"], "locator": c["locator"],
                   "url": c["url"], "role": if i == 0 { "appearance" } else { "evidence" }})
        })
        .collect();
    patch(app, &c, &team.editor, json!({"citations": citations})).await;
    act(
        app,
        &c,
        "verdict",
        &team.reviewer,
        json!({"verdict": "false", "published_review": {"url": "https://desk.example.org/c", "rating_text": "Wrong"}}),
    )
    .await;
}

/// A record list's path, the field that is its records' key, and whether it lists retracted
/// records only when asked.
const KINDS: [(&str, &str, bool); 6] = [
    ("/v1/users", "id", false),
    ("/v1/properties", "key", false),
    ("/v1/sources", "id", true),
    ("/v1/entities", "id", true),
    ("/v1/claims", "id", true),
    ("/v1/contradictions", "id", false),
];

/// Everything the API shows of the ledger, as one document: every record of every kind
/// (retracted ones too), every revision of each (listed and read one by one), each record
/// `as_of` each of its revisions, and the whole changes feed (once it serves `revisions`).
async fn observe(app: &TestApp, token: &str, revisions: usize) -> Value {
    let mut seen = serde_json::Map::new();
    for (list, key, retractable) in KINDS {
        let params: &[(&str, &str)] = if retractable {
            &[("include_retracted", "true")]
        } else {
            &[]
        };
        let records = app.all_pages(list, token, params, 100).await;
        let mut kind = Vec::new();
        for record in &records {
            let path = format!("{list}/{}", record[key].as_str().unwrap());
            let revisions = app
                .all_pages(&format!("{path}/revisions"), token, &[], 100)
                .await;
            let mut each = Vec::new();
            for revision in &revisions {
                let n = revision["revision"].as_i64().unwrap();
                let read = app.get_ok(&format!("{path}/revisions/{n}"), token).await;
                let as_of = if list == "/v1/users" {
                    Value::Null
                } else {
                    let at = revision["created_at"].as_str().unwrap();
                    app.get_ok(&with_query(&path, &[("as_of", at)]), token)
                        .await
                };
                each.push(json!({"listed": revision, "read": read, "as_of": as_of}));
            }
            kind.push(json!({"record": record, "revisions": each}));
        }
        seen.insert(list.to_owned(), Value::Array(kind));
    }
    // External reviews are listed by claim, each with its revisions.
    let mut reviews = Vec::new();
    for claim in seen["/v1/claims"].as_array().unwrap().clone() {
        let claim_id = claim["record"]["id"].as_str().unwrap();
        let list = format!("/v1/claims/{claim_id}/external-reviews");
        for review in app.all_pages(&list, token, &[], 100).await {
            let path = format!("/v1/external-reviews/{}", review["id"].as_str().unwrap());
            let revisions = app
                .all_pages(&format!("{path}/revisions"), token, &[], 100)
                .await;
            reviews.push(json!({"record": review, "revisions": revisions}));
        }
    }
    assert!(!reviews.is_empty(), "the ledger holds an external review");
    seen.insert("external_reviews".into(), Value::Array(reviews));
    let feed = drain_feed_of(app, token, revisions).await;
    seen.insert("feed".into(), Value::Array(feed));
    Value::Object(seen)
}

/// The whole changes feed, once it serves `revisions` items. On PostgreSQL the feed serves a
/// revision once every transaction of the cluster older than it has ended, so a transaction of
/// a test running beside this one can hold the end of the feed back for a while (never for
/// good): one pass of `drain_feed` may stop early.
async fn drain_feed_of(app: &TestApp, token: &str, revisions: usize) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let (items, _) = drain_feed(app, token, None).await;
        if items.len() >= revisions || std::time::Instant::now() > deadline {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// How many revisions an export file holds.
fn exported_revisions(file: &std::path::Path) -> usize {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("{\"revision\""))
        .count()
}

/// The changes feed from `after` to its end, and the cursor to continue from.
async fn drain_feed(app: &TestApp, token: &str, after: Option<String>) -> (Vec<Value>, String) {
    let mut items = Vec::new();
    let mut cursor = after;
    loop {
        let mut params = vec![("limit", "100".to_owned())];
        if let Some(after) = &cursor {
            params.push(("after", after.clone()));
        }
        let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let body = app.get_ok(&with_query("/v1/changes", &params), token).await;
        let page = body["items"].as_array().unwrap().clone();
        let next = body["next_cursor"].as_str().unwrap().to_owned();
        if page.is_empty() {
            return (items, next);
        }
        items.extend(page);
        cursor = Some(next);
    }
}

/// Compares two observations kind by kind, so that a failure names what differs.
fn assert_same(before: &Value, after: &Value) {
    for (kind, records) in before.as_object().unwrap() {
        let imported = &after[kind];
        assert_eq!(
            records.as_array().map(Vec::len),
            imported.as_array().map(Vec::len),
            "the number of {kind}"
        );
        for (a, b) in records
            .as_array()
            .unwrap()
            .iter()
            .zip(imported.as_array().unwrap())
        {
            assert_eq!(a, b, "{kind} differs after the import");
        }
    }
}

/// A source ledger on `from` with a history, exported with credentials; returns the app and
/// the file (in a folder kept alive by the returned guard).
async fn exported(from: Backend) -> (TestApp, Team, tempfile::TempDir, PathBuf) {
    let source = spawn_app(from).await.expect(PG_URL_GONE);
    let team = Team::new(&source).await;
    make_history(&source, &team).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ledger.jsonl");
    let output = cli_ok(
        &source.db,
        &[
            "export",
            "--include-credentials",
            "--output",
            &file.display().to_string(),
        ],
    )
    .await;
    assert!(
        text(&output.stderr).contains("exported to"),
        "{}",
        text(&output.stderr)
    );
    (source, team, dir, file)
}

async fn round_trip(from: Backend, to: Backend) {
    let (source, team, _dir, file) = exported(from).await;
    let revisions = exported_revisions(&file);
    let before = observe(&source, &team.admin, revisions).await;

    let target_db = TestDatabase::create(to).expect(PG_URL_GONE);
    cli_ok(&target_db, &["import", &file.display().to_string()]).await;
    let verified = cli_ok(&target_db, &["verify"]).await;
    let report = text(&verified.stdout);
    assert!(report.contains(" 0 broken chain(s)"), "{report}");
    assert!(report.contains("checkpoint 1 holds"), "{report}");

    let target = spawn_app_with(target_db.clone(), |_| {}).await;
    // Credentials came along: the same admin logs in with the same password.
    let admin = target.admin_token().await;
    let after = observe(&target, &admin, revisions).await;
    assert_same(&before, &after);

    // The changes feed goes on after the import, and a new edit chains onto the old history.
    let (_, cursor) = drain_feed(&target, &admin, None).await;
    let claims = target
        .all_pages("/v1/claims", &admin, &[("sort", "created_at")], 500)
        .await;
    let path = format!("/v1/claims/{}", id(&claims[0]));
    let old_revision = claims[0]["revision"].as_i64().unwrap();
    patch(
        &target,
        &path,
        &admin,
        json!({"confidence": 0.3, "edit_summary": "after the move"}),
    )
    .await;
    let revision = target
        .get_ok(&format!("{path}/revisions/{}", old_revision + 1), &admin)
        .await;
    assert_eq!(revision["edit_summary"], "after the move");
    eventually(
        std::time::Duration::from_secs(10),
        "the new revision shows in the feed",
        || {
            let (target, admin, cursor, path) = (&target, &admin, cursor.clone(), &path);
            async move {
                let (items, _) = drain_feed(target, admin, Some(cursor)).await;
                items.len() == 1
                    && path.ends_with(items[0]["record_id"].as_str().unwrap())
                    && items[0]["revision"] == old_revision + 1
            }
        },
    )
    .await;
    let integrity = target.get_ok(&format!("{path}/integrity"), &admin).await;
    assert_eq!(integrity["valid"], true, "{integrity}");
    let verified = cli_ok(&target_db, &["verify"]).await;
    assert!(
        text(&verified.stdout).contains(" 0 broken chain(s)"),
        "{}",
        text(&verified.stdout)
    );
}

mod round_trip {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_to_sqlite() {
        round_trip(Backend::Sqlite, Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres_to_postgres() {
        round_trip(Backend::Postgres, Backend::Postgres).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn sqlite_to_postgres() {
        round_trip(Backend::Sqlite, Backend::Postgres).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres_to_sqlite() {
        round_trip(Backend::Postgres, Backend::Sqlite).await;
    }
}

/// What the import refuses, it refuses with nothing written: after each refusal, the right
/// import into the same database succeeds (a database with anything in it would be refused).
async fn refusals(backend: Backend) {
    let (_source, _team, dir, file) = exported(backend).await;
    let target = TestDatabase::create(backend).expect(PG_URL_GONE);

    // Another ledger key: refused before the database is touched.
    import_refused(&target, OTHER_LEDGER_KEY, &file, "another ledger key").await;

    // A corrupt line is named by its number.
    let lines: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let corrupt_at = lines.len() - 5;
    let mut corrupt = lines.clone();
    corrupt[corrupt_at - 1] = r#"{"revision": {"seq": "not a number"}}"#.into();
    let corrupt_file = dir.path().join("corrupt.jsonl");
    std::fs::write(&corrupt_file, corrupt.join("\n") + "\n").unwrap();
    import_refused(
        &target,
        LEDGER_KEY,
        &corrupt_file,
        &format!("line {corrupt_at} is not a valid export line"),
    )
    .await;

    // A file cut short (no end line) is refused.
    let truncated = dir.path().join("truncated.jsonl");
    std::fs::write(&truncated, lines[..lines.len() - 1].join("\n") + "\n").unwrap();
    import_refused(&target, LEDGER_KEY, &truncated, "without its end line").await;

    // Nothing of the above was written: the import goes through.
    cli_ok(&target, &["import", &file.display().to_string()]).await;
    cli_ok(&target, &["verify"]).await;

    // Now it is not empty.
    import_refused(
        &target,
        LEDGER_KEY,
        &file,
        "the target database is not empty",
    )
    .await;

    // Nor is a database a server started on (it made the first admin).
    let started = spawn_app(backend).await.expect(PG_URL_GONE);
    import_refused(&started.db, LEDGER_KEY, &file, "not empty").await;
}

mod import_refuses {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        refusals(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres() {
        refusals(Backend::Postgres).await;
    }
}

/// `GET /v1/exports/ledger`: admins only; no password hashes; what it streams imports into a
/// fresh database and verifies (its accounts then have no password).
async fn http_export(app: TestApp) {
    let team = Team::new(&app).await;
    make_history(&app, &team).await;
    let response = app.get("/v1/exports/ledger", &team.editor).await;
    assert_problem(response, 403, "forbidden").await;

    let response = app.get("/v1/exports/ledger", &team.admin).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/x-ndjson"
    );
    let body = response.text().await.unwrap();
    let lines: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let header = &lines[0];
    assert_eq!(header["format"], "claimledger-export");
    assert_eq!(header["version"], 1);
    assert_eq!(header["credentials"], false);
    assert!(!body.contains("$argon2"), "no password hash anywhere");
    let users: Vec<&Value> = lines.iter().filter_map(|l| l.get("user")).collect();
    assert_eq!(users.len(), 3, "admin, editor, reviewer");
    assert!(users.iter().all(|u| u["password_hash"].is_null()));
    let end = lines.last().unwrap();
    assert_eq!(end["end"]["lines"], lines.len() as u64 - 2);

    // Imported from standard input.
    let target_db = TestDatabase::create(app.backend).expect(PG_URL_GONE);
    let output = cli_with_input(&target_db, LEDGER_KEY, &["import", "-"], Some(body)).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("no account can log in"),
        "{}",
        text(&output.stderr)
    );
    cli_ok(&target_db, &["verify"]).await;
    let target = spawn_app_with(target_db, |_| {}).await;
    let response = target.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    assert_eq!(response.status(), 401, "imported without its password");
}

crate::both_backends!(
    the_ledger_export_endpoint_is_for_admins_and_holds_no_password_hashes,
    |app| http_export(app)
);

/// PostgreSQL keeps each revision's transaction id, which orders the changes feed. An export
/// from a server whose ids are ahead of the target's (here: made so by hand) must still leave
/// a feed in which new revisions come after the imported ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
async fn a_postgresql_import_moves_transaction_ids_past_the_imported_ones() {
    let (_source, _team, dir, file) = exported(Backend::Postgres).await;
    let ahead = 50_000;
    let lines: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|line| {
            let mut value: Value = serde_json::from_str(line).unwrap();
            if let Some(revision) = value.get_mut("revision") {
                let txid = revision["txid"].as_i64().unwrap();
                revision["txid"] = json!(txid + ahead);
            }
            value.to_string()
        })
        .collect();
    let moved = dir.path().join("ahead.jsonl");
    std::fs::write(&moved, lines.join("\n") + "\n").unwrap();

    let target_db = TestDatabase::create(Backend::Postgres).expect(PG_URL_GONE);
    // (Not verified: the checkpoint's signed feed position names the original ids.)
    cli_ok(&target_db, &["import", &moved.display().to_string()]).await;
    let target = spawn_app_with(target_db, |_| {}).await;
    let admin = target.admin_token().await;
    let revisions = lines
        .iter()
        .filter(|l| l.starts_with("{\"revision\""))
        .count();
    // The feed serves a revision once every transaction of the cluster older than it has
    // ended: a transaction of a test running beside this one can hold the imported ones back
    // for a while (they were made 50,000 ids ahead), never for good.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let (before, cursor) = loop {
        let (items, cursor) = drain_feed(&target, &admin, None).await;
        if items.len() >= revisions || std::time::Instant::now() > deadline {
            break (items, cursor);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(
        before.len(),
        revisions,
        "the feed serves every imported revision"
    );
    let claims = target.all_pages("/v1/claims", &admin, &[], 500).await;
    let path = format!("/v1/claims/{}", id(&claims[0]));
    patch(&target, &path, &admin, json!({"confidence": 0.25})).await;
    eventually(
        std::time::Duration::from_secs(10),
        "the new revision follows the imported ones in the feed",
        || {
            let (target, admin, cursor) = (&target, &admin, cursor.clone());
            async move { drain_feed(target, admin, Some(cursor)).await.0.len() == 1 }
        },
    )
    .await;
}
