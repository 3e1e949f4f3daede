//! Input handling (issue 12): no input reaches the database in a form it cannot take. A NUL in
//! a path, a query value or a decoded cursor, or an over-long query value, is a 404/422 problem
//! document on every route, never a 5xx.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{TestApp, assert_problem};

/// Every operation of the OpenAPI document: method, path template, its path and query
/// parameter names.
struct Operation {
    method: Method,
    path: String,
    path_params: Vec<String>,
    query_params: Vec<String>,
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
            let names = |place: &str| -> Vec<String> {
                operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|p| p["in"] == place)
                    .map(|p| p["name"].as_str().unwrap().to_owned())
                    .collect()
            };
            operations.push(Operation {
                method,
                path: path.clone(),
                path_params: names("path"),
                query_params: names("query"),
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
                for cursor in ["AA", &URL_SAFE_NO_PAD.encode("a\0b")] {
                    let path = format!("{}?{name}={cursor}", fill(op, SOME_ID));
                    let response = send(&app, &token, &op.method, &path).await;
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
