//! Input handling (issue 12): no input reaches the database in a form it cannot take. A NUL in
//! a path, a query value or a decoded cursor, or an over-long query value, is a 404/422 problem
//! document on every route, never a 5xx.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, etag, id};
use crate::helpers::{TestApp, assert_problem};

/// Every operation of the OpenAPI document: method, path template, its path and query
/// parameter names.
struct Operation {
    method: Method,
    path: String,
    path_params: Vec<String>,
    query_params: Vec<String>,
    /// The query parameters the operation requires (`GET /v1/estimates` has two).
    required_query: Vec<String>,
}

async fn operations(app: &TestApp) -> Vec<Operation> {
    let document: Value = app
        .client
        .get(app.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let names_where = |keep: &dyn Fn(&Value) -> bool| -> Vec<String> {
                operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|p| keep(p))
                    .map(|p| p["name"].as_str().unwrap().to_owned())
                    .collect()
            };
            let names = |place: &str| names_where(&|p| p["in"] == place);
            operations.push(Operation {
                method,
                path: path.clone(),
                path_params: names("path"),
                query_params: names("query"),
                required_query: names_where(&|p| p["in"] == "query" && p["required"] == true),
            });
        }
    }
    assert!(operations.len() > 40, "{} operations", operations.len());
    operations
}

/// Sends `method path` as the admin, with a JSON body and an `If-Match` so that writes get
/// as far as they can.
async fn send(app: &TestApp, token: &str, method: &Method, path: &str) -> reqwest::Response {
    let mut request = app
        .client
        .request(method.clone(), app.url(path))
        .bearer_auth(token)
        .header("if-match", "\"1\"");
    if [Method::POST, Method::PATCH, Method::PUT].contains(method) {
        request = request
            .header("content-type", "application/json")
            .body(json!({"reason": "x", "to_revision": 1}).to_string());
    }
    request.send().await.unwrap()
}

/// The path with every parameter set to `value`.
fn fill(op: &Operation, value: &str) -> String {
    op.path_params.iter().fold(op.path.clone(), |path, name| {
        path.replace(&format!("{{{name}}}"), value)
    })
}

/// A real id for every path parameter, so that only the query is wrong.
const SOME_ID: &str = "01a21633-8160-71bb-a52a-e6ab3fcbeb5a";

both_backends!(
    a_nul_anywhere_in_the_path_or_query_is_a_4xx_on_every_route,
    |app| async move {
        let token = app.admin_token().await;
        let operations = operations(&app).await;
        for op in &operations {
            // Every path parameter a NUL: no resource has that name.
            if !op.path_params.is_empty() {
                let path = fill(op, "%00");
                let response = send(&app, &token, &op.method, &path).await;
                assert_problem(response, 404, "not_found").await;
                let path = fill(op, "a%00b");
                let response = send(&app, &token, &op.method, &path).await;
                assert_problem(response, 404, "not_found").await;
            }
            // Every query value a NUL: 422 naming the parameter.
            for name in &op.query_params {
                let path = format!("{}?{name}=%00", fill(op, SOME_ID));
                let response = send(&app, &token, &op.method, &path).await;
                let status = response.status();
                assert_eq!(status, 422, "{} {path}", op.method);
                let problem = assert_problem(response, 422, "validation_failed").await;
                assert_eq!(
                    problem["errors"][0]["pointer"],
                    format!("/{name}"),
                    "{} {path}: {status} {problem}",
                    op.method
                );
            }
            // A cursor that decodes to a NUL ("AA" is one zero byte).
            for name in op
                .query_params
                .iter()
                .filter(|n| *n == "cursor" || *n == "after")
            {
                // The other parameters it requires, present, so that the cursor is what fails.
                let required: String = op
                    .required_query
                    .iter()
                    .map(|required| format!("{required}={SOME_ID}&"))
                    .collect();
                for cursor in ["AA", &URL_SAFE_NO_PAD.encode("a\0b")] {
                    let path = format!("{}?{required}{name}={cursor}", fill(op, SOME_ID));
                    let response = send(&app, &token, &op.method, &path).await;
                    // A list under a record that does not exist may say so first.
                    if !op.path_params.is_empty() && response.status() == 404 {
                        assert_problem(response, 404, "not_found").await;
                        continue;
                    }
                    let problem = assert_problem(response, 422, "validation_failed").await;
                    assert_eq!(
                        problem["errors"][0]["pointer"],
                        format!("/{name}"),
                        "{path}"
                    );
                }
            }
        }
        // The claims cursor is JSON, which can spell a NUL as an escape.
        for sort in ["-created_at", "occurred_at"] {
            let cursor = URL_SAFE_NO_PAD
                .encode(json!({"s": sort, "v": "2022\u{0}", "id": "a\u{0}"}).to_string());
            let path = format!("/v1/claims?sort={sort}&cursor={cursor}");
            let response = app.get(&path, &token).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(problem["errors"][0]["pointer"], "/cursor");
        }
        // Routes outside the document too.
        for path in ["/docs/%00", "/%00", "/healthz?x=%00", "/v1/claims/%00/x"] {
            let response = app.get(path, &token).await;
            assert!(response.status().is_client_error(), "{path}");
        }
    }
);

/// PATCHes `body` onto `path` at revision `if_match`; returns the status, ETag and body.
async fn patch(
    app: &TestApp,
    token: &str,
    path: &str,
    if_match: &str,
    body: Value,
) -> (u16, Option<String>, Value) {
    let response = app.patch_json(path, token, Some(if_match), &body).await;
    let status = response.status().as_u16();
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, etag, response.json().await.unwrap())
}

both_backends!(
    unknown_null_fields_are_refused_and_a_patch_that_changes_nothing_writes_nothing,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app
            .create_source(
                &team.editor,
                &json!({"kind": "article", "title": "Same title"}),
            )
            .await;
        let claim = app
            .create_claim(
                &team.editor,
                &json!({
                    "statement": "At least 20 people were injured.",
                    "confidence": 0.5,
                    "citations": [{"source_id": id(&source)}],
                    "tags": ["quetta"],
                }),
            )
            .await;
        let entity = app
            .create_entity(&team.editor, &json!({"kind": "person", "name": "Amina"}))
            .await;
        let records = [
            (
                format!("/v1/sources/{}", id(&source)),
                json!({"title": "  Same title  "}),
            ),
            (
                format!("/v1/claims/{}", id(&claim)),
                json!({"statement": " At least 20 people were injured. ", "tags": ["quetta"]}),
            ),
            (
                format!("/v1/entities/{}", id(&entity)),
                json!({"name": "Amina "}),
            ),
            ("/v1/properties/injured".to_owned(), json!({})),
        ];
        for (path, same) in &records {
            let before = app.get(path, &team.admin).await;
            let etag_before = etag(&before);
            let before: Value = before.json().await.unwrap();
            let revisions = app.get_ok(&format!("{path}/revisions"), &team.admin).await;

            // An unknown field is refused even as null, at the top and nested.
            for unknown in [
                json!({"no_such_field": null}),
                json!({"title_x": null, "edit_summary": "x"}),
            ] {
                let (status, _, problem) =
                    patch(&app, &team.admin, path, &etag_before, unknown.clone()).await;
                assert_eq!(status, 422, "{path} {unknown}: {problem}");
                let pointer = unknown
                    .as_object()
                    .unwrap()
                    .keys()
                    .find(|k| *k != "edit_summary")
                    .unwrap();
                assert_eq!(
                    problem["errors"][0]["pointer"],
                    format!("/{pointer}"),
                    "{problem}"
                );
            }

            // Nothing changes once normalised, an edit summary alone, an empty patch: 200 with
            // the record as it is, the same ETag, and no revision.
            for nothing in [
                same.clone(),
                json!({"edit_summary": "only a summary"}),
                json!({}),
            ] {
                let (status, etag_after, body) =
                    patch(&app, &team.admin, path, &etag_before, nothing.clone()).await;
                assert_eq!(status, 200, "{path} {nothing}: {body}");
                assert_eq!(
                    etag_after.as_deref(),
                    Some(etag_before.as_str()),
                    "{path} {nothing}"
                );
                assert_eq!(body["revision"], before["revision"], "{path}");
                assert_eq!(body["updated_at"], before["updated_at"], "{path}");
            }
            let after = app.get_ok(&format!("{path}/revisions"), &team.admin).await;
            assert_eq!(after, revisions, "{path}: no revision was written");
            // A stale If-Match is still a 412.
            let (status, _, _) = patch(&app, &team.admin, path, "\"99\"", json!({})).await;
            assert_eq!(status, 412, "{path}");
        }

        // A nested unknown field set to null.
        let path = format!("/v1/claims/{}", id(&claim));
        let (status, _, problem) = patch(
            &app,
            &team.admin,
            &path,
            "\"1\"",
            json!({"claimant": {"bogus": null}}),
        )
        .await;
        assert_eq!(status, 422, "{problem}");
        assert_eq!(
            problem["errors"][0]["pointer"], "/claimant/bogus",
            "{problem}"
        );
        // A real change still makes a revision.
        let (status, etag_after, _) = patch(
            &app,
            &team.admin,
            &path,
            "\"1\"",
            json!({"confidence": 0.6}),
        )
        .await;
        assert_eq!((status, etag_after.as_deref()), (200, Some("\"2\"")));

        // Accounts: the same role again changes nothing.
        let me = app.get_ok("/v1/me", &team.editor).await;
        let path = format!("/v1/users/{}", id(&me));
        for nothing in [json!({"role": "editor"}), json!({"edit_summary": "x"})] {
            let (status, etag_after, body) =
                patch(&app, &team.admin, &path, "\"1\"", nothing).await;
            assert_eq!(
                (status, etag_after.as_deref()),
                (200, Some("\"1\"")),
                "{body}"
            );
        }
    }
);

both_backends!(
    every_query_value_and_body_string_has_a_limit_checked_before_any_work,
    |app| async move {
        let team = Team::new(&app).await;
        let token = &team.editor;
        for list in ["/v1/claims", "/v1/sources", "/v1/entities"] {
            // At the limit, in the letter whose case-folded NFKC form is longest (four words
            // each, over the 32 words a claim search takes): served.
            let letter = if list == "/v1/claims" {
                "x"
            } else {
                "\u{FDFA}"
            };
            let q = letter.repeat(1000);
            let response = app.get(&format!("{list}?q={q}"), token).await;
            assert_eq!(response.status(), 200, "{list}");
            // Over it, up to the 50,000 characters that broke SQLite's LIKE: 422 naming `q`.
            for length in [1001, 50_001] {
                let response = app
                    .get(&format!("{list}?q={}", "x".repeat(length)), token)
                    .await;
                let problem = assert_problem(response, 422, "validation_failed").await;
                assert_eq!(problem["errors"][0]["pointer"], "/q", "{list}");
                assert!(
                    problem["errors"][0]["message"]
                        .as_str()
                        .unwrap()
                        .contains("at most 1000"),
                    "{problem}"
                );
            }
        }
        let response = app
            .get(&format!("/v1/claims?tag={}", "t".repeat(1001)), token)
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/tag");

        // Bodies: no string over 4000 characters anywhere, ids included; units have theirs.
        let source = app.source_id(token, "A source").await;
        let subject = app.entity_id(token, "event", "An attack").await;
        let long_id = json!({
            "statement": "Some were injured.",
            "confidence": 0.5,
            "citations": [{"source_id": "x".repeat(4001)}],
        });
        let response = app.post_json("/v1/claims", token, &long_id).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/citations/0/source_id");
        let long_unit = json!({
            "statement": "Some were injured.",
            "confidence": 0.5,
            "subject_id": subject,
            "property": "injured",
            "value": {"type": "quantity", "lower": 1, "unit": "u".repeat(51)},
            "citations": [{"source_id": source}],
        });
        let response = app.post_json("/v1/claims", token, &long_unit).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/value/unit", "{problem}");

        // Headers we read are not echoed back at any length.
        let long_etag = format!("\"{}\"", "9".repeat(10_000));
        let response = app
            .patch_json(
                &format!("/v1/sources/{source}"),
                token,
                Some(&long_etag),
                &json!({}),
            )
            .await;
        let problem = assert_problem(response, 400, "invalid_if_match").await;
        assert!(
            problem.to_string().len() < 1000,
            "{:.300}",
            problem.to_string()
        );
        let response = app.get(&format!("/{}", "a".repeat(60_000)), token).await;
        let problem = assert_problem(response, 404, "not_found").await;
        assert!(
            problem.to_string().len() < 1000,
            "{:.300}",
            problem.to_string()
        );

        // The limits are in the OpenAPI document.
        let document: Value = app
            .client
            .get(app.url("/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for list in ["/v1/claims", "/v1/sources", "/v1/entities"] {
            let q = document["paths"][list]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "q")
                .unwrap();
            assert_eq!(q["schema"]["maxLength"], 1000, "{list}");
        }
        let statement = &document["components"]["schemas"]["ClaimDoc"]["properties"]["statement"];
        assert_eq!(statement["maxLength"], 4000);
    }
);

both_backends!(
    a_trailing_slash_is_404_and_a_405_never_allows_the_method_it_refused,
    |app| async move {
        let token = app.admin_token().await;
        let operations = operations(&app).await;
        let mut allowed: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for op in &operations {
            allowed
                .entry(fill(op, SOME_ID))
                .or_default()
                .push(op.method.to_string());
        }
        for (path, methods) in &mut allowed {
            methods.sort();
            let response = send(&app, &token, &Method::GET, &format!("{path}/")).await;
            assert_problem(response, 404, "not_found").await;
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] {
                if methods.iter().any(|m| m == method) {
                    continue;
                }
                let method: Method = method.parse().unwrap();
                let response = send(&app, &token, &method, path).await;
                assert_eq!(response.status(), 405, "{method} {path}");
                let allow = response.headers()["allow"].to_str().unwrap().to_owned();
                assert_eq!(allow, methods.join(", "), "{method} {path}");
                assert!(!allow.contains(method.as_str()), "{method} {path}: {allow}");
            }
        }
    }
);

#[cfg(unix)]
fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// SQLite: the folder we create is 0700, the database and its `-wal` and `-shm` 0600; a folder
/// the user made keeps its mode.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_folder_and_files_we_create_are_private() {
    use crate::helpers::{Backend, TestDatabase, spawn_app_with};
    use std::os::unix::fs::PermissionsExt;

    let db = TestDatabase::create(Backend::Sqlite).unwrap();
    let path = db.sqlite_path().unwrap().to_owned();
    let app = spawn_app_with(db.clone(), |_| {}).await;
    // A write, so that the WAL and its index exist.
    app.user_with_role("someone", "viewer").await;
    let folder = path.parent().unwrap();
    assert_eq!(mode_of(folder), 0o700, "{}", folder.display());
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        assert_eq!(mode_of(&file), 0o600, "{}", file.display());
    }
    drop(app);

    // A folder that exists is the user's: its mode stays.
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o750)).unwrap();
    let mut config = claimledger::config::Config::with_database(
        claimledger::config::DatabaseUrl::Sqlite(shared.join("claimledger.db")),
    );
    config.admin_password = Some("admin-password-for-tests".into());
    let database =
        claimledger::db::Database::open(&config.database_url, Some(1), config.sqlite_synchronous)
            .unwrap();
    drop(database);
    assert_eq!(mode_of(&shared), 0o750);
    assert_eq!(mode_of(&shared.join("claimledger.db")), 0o600);
}

/// Sends a raw HTTP/1.1 request head; returns the status code and the body.
fn raw_request(address: &str, head: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let host = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {:.200}", response));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

// actix-http answers these before any of our code runs, with an empty body (README,
// "Inputs and limits"): a URI of 64 KiB or more is a 400; more than 96 headers, or a request
// head over 128 KiB, is a 431.
both_backends!(the_http_layer_limits_are_as_documented, |app| async move {
    let address = app.address.clone();
    tokio::task::spawn_blocking(move || {
        let get = |target: &str, headers: &str| {
            let head =
                format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n");
            raw_request(&address, &head)
        };
        let (status, _) = get(&format!("/{}", "a".repeat(65_000)), "");
        assert_eq!(status, 404, "under 64 KiB it reaches the app");
        let (status, body) = get(&format!("/{}", "a".repeat(65_536)), "");
        assert_eq!((status, body.as_str()), (400, ""));

        let many: String = (0..100).map(|i| format!("x-header-{i}: y\r\n")).collect();
        let (status, body) = get("/healthz", &many);
        assert_eq!((status, body.as_str()), (431, ""));
        let (status, _) = get("/healthz", &format!("x-big: {}\r\n", "a".repeat(130_000)));
        assert_eq!(status, 200, "a head under 128 KiB is read");
        let (status, body) = get("/healthz", &format!("x-big: {}\r\n", "a".repeat(132_000)));
        assert_eq!((status, body.as_str()), (431, ""));
    })
    .await
    .unwrap();
});
