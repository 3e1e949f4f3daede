//! The OpenAPI document: committed, complete, served, and browsable offline at `/docs`.

use serde_json::Value;

use crate::both_backends;

fn document() -> Value {
    serde_json::from_str(&claimledger::openapi::document_json()).unwrap()
}

/// Every operation of the document, as (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                all.push((method.clone(), path.clone(), operation.clone()));
            }
        }
    }
    all
}

/// Operations open without a token.
fn is_public(path: &str) -> bool {
    ["/healthz", "/readyz", "/metrics", "/v1/ledger/public-key"].contains(&path)
        || path.starts_with("/v1/auth/")
}

#[test]
fn the_committed_openapi_document_is_what_the_code_generates() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let committed = std::fs::read_to_string(path).expect("openapi/openapi.json is committed");
    let generated = claimledger::openapi::document_json();
    assert!(
        generated == committed,
        "openapi/openapi.json is out of date: run `cargo run -- openapi > openapi/openapi.json` \
         and commit it"
    );
}

#[test]
fn every_operation_has_an_id_a_summary_a_tag_and_its_error_responses() {
    let doc = document();
    let ops = operations(&doc);
    assert!(ops.len() >= 14, "only {} operations", ops.len());
    let mut ids = std::collections::HashSet::new();
    for (method, path, op) in &ops {
        let name = format!("{} {path}", method.to_uppercase());
        let id = op["operationId"].as_str().unwrap_or("");
        assert!(!id.is_empty(), "{name} has no operationId");
        assert!(ids.insert(id.to_owned()), "operationId {id} is used twice");
        assert!(
            op["summary"].as_str().is_some_and(|s| !s.trim().is_empty()),
            "{name} has no summary"
        );
        assert!(
            op["tags"].as_array().is_some_and(|t| !t.is_empty()),
            "{name} has no tag"
        );
        let responses = op["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|status| status.starts_with('2')),
            "{name} has no success response"
        );
        assert!(responses.contains_key("500"), "{name} lacks 500");
        // Only the liveness probe and the metrics never touch the database.
        if !["/healthz", "/metrics"].contains(&path.as_str()) {
            assert!(responses.contains_key("503"), "{name} lacks 503");
        }
        let takes_limit = op["parameters"]
            .as_array()
            .is_some_and(|params| params.iter().any(|p| p["name"] == "limit"));
        if takes_limit {
            for status in ["400", "422"] {
                assert!(responses.contains_key(status), "{name} lacks {status}");
            }
        }
        if is_public(path) {
            assert!(
                op["security"].as_array().is_none_or(|s| s.is_empty()),
                "{name} is public but asks for a token"
            );
        } else {
            let bearer = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|req| req.get("bearer").is_some()));
            assert!(bearer, "{name} has no bearer security requirement");
            for status in ["401", "403"] {
                assert!(responses.contains_key(status), "{name} lacks {status}");
            }
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(responses.contains_key(status), "{name} lacks {status}");
            }
        }
        // Every error response is a problem document.
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/Problem",
                    "{name} {status} is not a problem+json response"
                );
            }
        }
    }
}

#[test]
fn the_document_declares_the_bearer_scheme_and_every_endpoint_of_the_contract() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let ops: Vec<String> = operations(&doc)
        .into_iter()
        .map(|(method, path, _)| format!("{} {path}", method.to_uppercase()))
        .collect();
    for expected in [
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
        "POST /v1/auth/token",
        "POST /v1/auth/refresh",
        "POST /v1/auth/revoke",
        "GET /v1/me",
        "POST /v1/users",
        "GET /v1/users",
        "GET /v1/users/{id}",
        "PATCH /v1/users/{id}",
        "POST /v1/tokens",
        "GET /v1/tokens",
        "DELETE /v1/tokens/{id}",
    ] {
        assert!(ops.contains(&expected.to_owned()), "{expected} is missing");
    }
    // Login documents its throttling.
    let login = &doc["paths"]["/v1/auth/token"]["post"]["responses"];
    assert!(login["429"]["headers"].get("Retry-After").is_some());
}

both_backends!(
    the_server_serves_the_document_at_openapi_json,
    |app| async move {
        let response = app
            .client
            .get(app.url("/openapi.json"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        let served: Value = response.json().await.unwrap();
        assert_eq!(served, document());
    }
);

both_backends!(
    docs_redirects_to_a_page_that_needs_no_internet,
    |app| async move {
        let response = app.client.get(app.url("/docs")).send().await.unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        assert_eq!(response.headers()["location"], "/docs/");

        let response = app.client.get(app.url("/docs/")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let html = response.text().await.unwrap();
        assert!(html.contains("<html"), "{html}");

        // Every script and stylesheet the page loads comes from this server.
        let mut assets = Vec::new();
        for attribute in ["src=\"", "href=\""] {
            for piece in html.split(attribute).skip(1) {
                let target = piece.split('"').next().unwrap();
                assert!(
                    !target.contains("//"),
                    "the docs page loads {target} from elsewhere"
                );
                assets.push(target.trim_start_matches("./").to_owned());
            }
        }
        assert!(assets.iter().any(|a| a.ends_with(".js")), "{html}");
        for asset in assets {
            let response = app
                .client
                .get(app.url(&format!("/docs/{asset}")))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "/docs/{asset}");
            let body = response.text().await.unwrap();
            if asset.ends_with("initializer.js") {
                assert!(
                    body.contains("/openapi.json"),
                    "the page reads our document"
                );
            }
        }
    }
);
