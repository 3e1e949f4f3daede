//! Golden fixtures: databases written by an older release, opened with this build.
//!
//! `tests/golden/v1` was written by release 0.1.0 (commit 47b870e, before the record engine)
//! with `tests/golden/make_fixture.py`: a SQLite file, a PostgreSQL dump, and for each backend
//! every answer that release gave about its data (`expected-<backend>.json`). This build opens
//! the fixture (running whatever migrations it has) and must answer every recorded request the
//! same, verify every hash chain, and still revert and edit the old records.
//!
//! A fixture is never edited or regenerated: it stands for databases in the field. A release
//! that changes what the database holds writes new fixtures into `tests/golden/v2` (and a
//! module here for them) and keeps this one passing.

use std::path::Path;

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, TestDatabase, spawn_app_with};
use crate::history_fixtures::{patch_ok, post_ok, read, run_binary, status_and_body, tag};

/// Fields a newer release may ADD to a recorded answer (anywhere in its body) without failing
/// this test: every other difference — a field changed, missing or added — fails it. Add a
/// field here only when the release adds it on purpose, with the reason beside it.
const ADDED_FIELDS: &[&str] = &[
    // Contradiction flags (responses and revision snapshots, format 2): whether the service
    // resolved the flag itself. Release 0.1.0 kept that in the start of the resolution note;
    // `derived_fields_agree` checks the new field says what the old note did.
    "auto_resolved",
    // Tool tokens: when each was last used (issue 12); release 0.1.0 did not keep it.
    "last_used_at",
    // Claims (issue 15): each citation's role and the published review set with the verdict.
    // Release 0.1.0 had neither: every citation was evidence, no claim had a published review.
    "role",
    "published_review",
    // Sources (issue 17): what a source derives from; release 0.1.0 had no such thing, so
    // every source's list is empty (a snapshot without derivations leaves the field out).
    "derives_from",
    // Citations (issue 17): each quote's check against its source's latest capture. Release
    // 0.1.0 had no captures: every check is `no_capture`, or `no_quote` without a quote.
    "quote_check",
    // Claims (issue 18): derived from relations on every read; release 0.1.0 had none, so no
    // claim was a duplicate or superseded.
    "canonical_id",
    "superseded_by",
    // Provenance (issue 17 §2): who a citation attributes the statement to, and each claim's
    // independent origins. Release 0.1.0 had no speakers, derivations or relations: every
    // origin is a cited source that is not retracted, as `derived_fields_agree` checks.
    "attributed_to",
    "corroboration",
    // Claims (issue 17 §3): whether a claim needs review, derived on `GET /v1/claims/{id}`
    // from impacts. Release 0.1.0 recorded no impacts: every claim reads as not needing review,
    // as `derived_fields_agree` checks.
    "review_status",
];

/// The fields of [`ADDED_FIELDS`] must say what release 0.1.0 expressed otherwise: a flag is
/// `auto_resolved` exactly when it is resolved with a note that begins "Automatically
/// resolved:"; a citation's role is `evidence`; no claim has a published review. Returns the
/// first object where they disagree.
fn derived_fields_agree(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::Object(map) => {
            if let Some(auto) = map.get("auto_resolved") {
                let by_note = map["status"] == "resolved"
                    && map["resolution_note"]
                        .as_str()
                        .is_some_and(|n| n.starts_with("Automatically resolved:"));
                if auto != &Value::Bool(by_note) {
                    return Some(format!(
                        "{at}: auto_resolved is {auto}, the note says {by_note}"
                    ));
                }
            }
            if let Some(role) = map.get("role")
                && map.contains_key("source")
                && role != "evidence"
            {
                return Some(format!("{at}: a citation of release 0.1.0 has role {role}"));
            }
            if let Some(list) = map.get("derives_from")
                && list != &Value::Array(vec![])
            {
                return Some(format!(
                    "{at}: a source of release 0.1.0 derives from {list}"
                ));
            }
            if let Some(check) = map.get("quote_check") {
                let expected = if map["quote"].as_str().is_some_and(|q| !q.trim().is_empty()) {
                    "no_capture"
                } else {
                    "no_quote"
                };
                if check["status"] != expected || !check["capture_id"].is_null() {
                    return Some(format!(
                        "{at}: a citation of release 0.1.0 has quote_check {check}, not {expected}"
                    ));
                }
            }
            if let Some(review) = map.get("published_review")
                && !review.is_null()
            {
                return Some(format!(
                    "{at}: a claim of release 0.1.0 has a published review"
                ));
            }
            if map.get("canonical_id").is_some_and(|c| !c.is_null())
                || map
                    .get("superseded_by")
                    .is_some_and(|s| s.as_array().is_some_and(|s| !s.is_empty()))
            {
                return Some(format!(
                    "{at}: a claim of release 0.1.0 is related (release 0.1.0 had no relations)"
                ));
            }
            if map.get("attributed_to").is_some_and(|a| !a.is_null()) {
                return Some(format!("{at}: a citation of release 0.1.0 names a speaker"));
            }
            if let (Some(corroboration), Some(Value::Array(citations))) =
                (map.get("corroboration"), map.get("citations"))
            {
                let supporting: std::collections::BTreeSet<&str> = citations
                    .iter()
                    .filter(|c| c["source"]["retracted"] == false)
                    .filter_map(|c| c["source"]["id"].as_str())
                    .collect();
                let n = supporting.len() as u64;
                let expected = serde_json::json!({
                    "cited_sources": n, "independent_origins": n, "single_origin": n == 1,
                    "corroborated_by": [], "complete": true,
                    "origins": supporting.iter().map(|id| serde_json::json!(
                        {"root_source_id": id, "speaker_id": null})).collect::<Vec<_>>(),
                });
                if corroboration != &expected {
                    return Some(format!(
                        "{at}: corroboration {corroboration}, release 0.1.0's sources give {expected}"
                    ));
                }
            }
            if let Some(status) = map.get("review_status") {
                let expected = serde_json::json!(
                    {"needed": false, "open": 0, "reasons": [], "complete": true});
                if status != &expected {
                    return Some(format!(
                        "{at}: review_status {status}, but release 0.1.0 recorded no impacts"
                    ));
                }
            }
            map.iter()
                .find_map(|(k, v)| derived_fields_agree(v, &format!("{at}/{k}")))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| derived_fields_agree(v, &format!("{at}/{i}"))),
        _ => None,
    }
}

/// Where `actual` differs from `expected`: a JSON pointer and both values. Objects in `actual`
/// may have the extra fields of [`ADDED_FIELDS`].
fn difference(expected: &Value, actual: &Value, at: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let here = format!("{at}/{key}");
                match actual.get(key) {
                    None => return Some(format!("{here} is missing (recorded: {value})")),
                    Some(now) => {
                        if let Some(d) = difference(value, now, &here) {
                            return Some(d);
                        }
                    }
                }
            }
            actual
                .keys()
                .find(|key| !expected.contains_key(*key) && !ADDED_FIELDS.contains(&key.as_str()))
                .map(|key| format!("{at}/{key} is new (not in ADDED_FIELDS)"))
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            expected
                .iter()
                .zip(actual)
                .enumerate()
                .find_map(|(i, (e, a))| difference(e, a, &format!("{at}/{i}")))
        }
        (Value::Array(expected), Value::Array(actual)) => Some(format!(
            "{at} has {} items, recorded {}",
            actual.len(),
            expected.len()
        )),
        _ if expected == actual => None,
        _ => Some(format!("{at} is {actual}, recorded {expected}")),
    }
}

/// The recorded answer to `GET path`.
fn recorded<'a>(expected: &'a Value, path: &str) -> &'a Value {
    requests(expected)
        .iter()
        .find(|r| r["path"] == path)
        .map(|r| &r["body"])
        .unwrap_or_else(|| panic!("the fixture recorded no GET {path}"))
}

fn requests(expected: &Value) -> &Vec<Value> {
    expected["requests"]
        .as_array()
        .expect("the fixture lists its requests")
}

/// Asks every recorded GET again: the same status, and the same body (for an error, the same
/// `code`: the rest of a problem names the request).
async fn same_answers(app: &TestApp, token: &str, expected: &Value) {
    let mut asked = 0;
    let mut differences = Vec::new();
    for request in requests(expected) {
        assert_eq!(request["method"], "GET", "only reads are recorded");
        let path = request["path"].as_str().expect("a path");
        // On PostgreSQL the feed's order, cursors and horizon come from transaction ids
        // (`revisions.txid`) of the cluster that wrote the dump. Replayed into another cluster
        // they mean nothing there (on a fresh cluster, whose transaction ids are still lower,
        // the feed hides every old revision), so the feed is compared on SQLite only.
        if app.backend == Backend::Postgres && path.starts_with("/v1/changes") {
            continue;
        }
        asked += 1;
        let (status, mut body) = status_and_body(app.get(path, token).await).await;
        if let Some(operations) = body.get_mut("operations").and_then(Value::as_array_mut) {
            // A diff also shows the added fields changing between revisions (at the top of a
            // snapshot: a citation's `role` never is, and a user's `role` is not new).
            operations.retain(|op| {
                !ADDED_FIELDS
                    .iter()
                    .filter(|field| **field != "role")
                    .any(|field| op["path"].as_str() == Some(&format!("/{field}")))
            });
        }
        let recorded_status = request["status"].as_u64().expect("a status");
        let problem = if u64::from(status) != recorded_status {
            Some(format!(
                "status {status}, recorded {recorded_status}: {body}"
            ))
        } else if status >= 400 {
            (body["code"] != request["body"]["code"]).then(|| {
                format!(
                    "code {}, recorded {}",
                    body["code"], request["body"]["code"]
                )
            })
        } else {
            difference(&request["body"], &body, "").or_else(|| derived_fields_agree(&body, ""))
        };
        if let Some(problem) = problem {
            differences.push(format!("GET {path}: {problem}"));
        }
        if path.ends_with("/integrity") {
            assert_eq!(body["valid"], true, "GET {path}: {body}");
        }
    }
    assert!(
        asked > 500,
        "only {asked} recorded requests: is the fixture whole?"
    );
    assert!(
        differences.is_empty(),
        "{} of {asked} answers differ from what release 0.1.0 recorded; the first ones:\n{}",
        differences.len(),
        differences
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `claimledger verify` (this build's binary) on the test's database: its standard output.
async fn verify(app: &TestApp) -> String {
    let output = run_binary(app.db.clone(), &["verify"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "claimledger verify failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// For one old record of each kind: a revert to revision 1 brings back revision 1's content,
/// an edit after it works, and the chain still verifies.
async fn revert_and_edit(app: &TestApp, token: &str, expected: &Value) {
    let edits = [
        (
            "claims",
            json!({"confidence": 0.55, "edit_summary": "edited by the golden test"}),
        ),
        (
            "sources",
            json!({"reliability": "A", "edit_summary": "edited by the golden test"}),
        ),
        (
            "entities",
            json!({"description": "Edited by the golden test.", "edit_summary": "edited by the golden test"}),
        ),
        (
            "properties",
            json!({"label": "Edited by the golden test", "edit_summary": "edited by the golden test"}),
        ),
        (
            "contradictions",
            json!({"resolution_note": "Edited by the golden test.", "edit_summary": "edited by the golden test"}),
        ),
    ];
    for (kind, edit) in edits {
        let id = expected["revert_targets"][kind]
            .as_str()
            .unwrap_or_else(|| panic!("the fixture names no {kind} to revert"));
        let path = format!("/v1/{kind}/{id}");
        let (before, etag) = read(app, &path, token).await;
        let old = before["revision"].as_i64().unwrap();
        assert!(old > 1, "{path} has more than one revision");

        let (reverted, etag) = post_ok(
            app,
            &format!("{path}/revert"),
            token,
            &etag,
            &json!({"to_revision": 1}),
        )
        .await;
        assert_eq!(
            reverted["revision"],
            old + 1,
            "{path}: the revert is a revision"
        );
        let first = &recorded(expected, &format!("{path}/revisions/1"))["snapshot"];
        let revision = app
            .get_ok(&format!("{path}/revisions/{}", old + 1), token)
            .await;
        assert_eq!(revision["action"], "revert", "{path}: {revision}");
        assert_eq!(
            difference(first, &revision["snapshot"], ""),
            None,
            "{path}: the revert's snapshot is revision 1's"
        );
        let (now, _) = read(app, &path, token).await;
        match recorded_as_of_first(expected, &path) {
            // The record reads as it did at revision 1, but for its revision and update time,
            // and its citations' ids: `as_of` shows made-up ones (`<claim>@<revision>#<index>`).
            Some(then) => {
                let mut then = then.clone();
                then["revision"] = now["revision"].clone();
                then["updated_at"] = now["updated_at"].clone();
                if let (Some(old), Some(new)) = (
                    then.get_mut("citations").and_then(Value::as_array_mut),
                    now["citations"].as_array(),
                ) {
                    for (old, new) in old.iter_mut().zip(new) {
                        old["id"] = new["id"].clone();
                    }
                }
                if let Some(d) = difference(&then, &now, "") {
                    panic!("{path} after the revert differs from its revision 1 (as_of): {d}");
                }
            }
            // Without `as_of`: every field of the snapshot reads as it was.
            None => {
                for (key, value) in first.as_object().unwrap() {
                    assert_eq!(&now[key], value, "{path}: {key} after the revert");
                }
            }
        }

        let (edited, etag) = patch_ok(app, &path, token, &etag, &edit).await;
        assert_eq!(
            edited["revision"],
            old + 2,
            "{path}: the edit is a revision"
        );
        assert_eq!(etag, tag(old + 2));
        let integrity = app.get_ok(&format!("{path}/integrity"), token).await;
        assert_eq!(
            integrity,
            json!({"valid": true, "revisions": old + 2, "first_bad_revision": null}),
            "{path}"
        );
    }
}

/// The recorded `GET path?as_of=…` that answered revision 1, for kinds that have `as_of`.
fn recorded_as_of_first<'a>(expected: &'a Value, path: &str) -> Option<&'a Value> {
    let prefix = format!("{path}?as_of=");
    requests(expected)
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with(&prefix)))
        .map(|r| &r["body"])
        .find(|body| body["revision"] == 1)
}

/// The whole check, on an app started on a copy of the fixture.
async fn check_fixture(app: TestApp, expected: Value) {
    let token = app.admin_token().await;
    same_answers(&app, &token, &expected).await;
    assert_eq!(
        verify(&app).await,
        expected["verify_stdout"].as_str().unwrap(),
        "claimledger verify on the fixture as written"
    );
    revert_and_edit(&app, &token, &expected).await;
    verify(&app).await;
}

fn fixture_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/v1")
        .join(name)
}

fn expected(backend: &str) -> Value {
    let path = fixture_file(&format!("expected-{backend}.json"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Written like `both_backends!`, but each backend starts from its fixture.
mod v1 {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let db = TestDatabase::from_sqlite_fixture(&fixture_file("claimledger.sqlite.golden"));
        let app = spawn_app_with(db, |_| {}).await;
        a_copy_was_kept_before_migrating(&app);
        check_fixture(app, expected("sqlite")).await;
    }

    /// Before its first migration, the SQLite ledger was copied beside itself, whole and as
    /// release 0.1.0 left it.
    fn a_copy_was_kept_before_migrating(app: &TestApp) {
        use diesel::{Connection, RunQueryDsl};
        let path = app.db.sqlite_path().expect("SQLite");
        let copy = path.with_file_name("claimledger.db.before-20261129000004.backup");
        let mut conn = diesel::SqliteConnection::establish(&copy.to_string_lossy())
            .unwrap_or_else(|e| panic!("open {}: {e}", copy.display()));
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let count = |conn: &mut diesel::SqliteConnection, sql: &str| {
            diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
        };
        assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM revisions"), 127);
        assert_eq!(
            count(
                &mut conn,
                "SELECT count(*) AS n FROM __diesel_schema_migrations WHERE version > '20261126999999'"
            ),
            0,
            "the copy is from before the migration"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only its owner reads the copy");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres() {
        let dump = std::fs::read_to_string(fixture_file("postgres.sql")).expect("the dump");
        let db = TestDatabase::from_postgres_dump(&dump).expect(crate::helpers::PG_URL_GONE);
        let app = spawn_app_with(db, |_| {}).await;
        check_fixture(app, expected("postgres")).await;
    }
}
