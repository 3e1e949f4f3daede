//! The OpenAPI document: committed, complete, served, and browsable offline at `/docs`.

use serde_json::{Value, json};

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

/// A response as a client reads it: a `$ref` to `components/responses` followed, with the
/// operation's own description where it gives one.
fn resolve(doc: &Value, response: &Value) -> Value {
    let Some(reference) = response["$ref"].as_str() else {
        return response.clone();
    };
    let name = reference
        .strip_prefix("#/components/responses/")
        .unwrap_or_else(|| panic!("{reference} is not a shared response"));
    let mut resolved = doc["components"]["responses"][name].clone();
    assert!(resolved.is_object(), "{reference} is not defined");
    if let Some(description) = response.get("description") {
        resolved["description"] = description.clone();
    }
    resolved
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
        // Every error response is a shared one, a problem document typed by its status.
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                assert!(
                    response.get("$ref").is_some(),
                    "{name} {status} is not shared"
                );
                let response = resolve(&doc, response);
                let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                let expected = match status.as_str() {
                    "409" => "ConflictProblem",
                    "412" => "PreconditionFailedProblem",
                    "422" => "ValidationProblem",
                    _ => "Problem",
                };
                assert_eq!(
                    *schema,
                    format!("#/components/schemas/{expected}"),
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
    let throttled = resolve(&doc, &login["429"]);
    assert_eq!(throttled["headers"]["Retry-After"]["required"], true);
    assert!(
        throttled["description"]
            .as_str()
            .unwrap()
            .contains("failed logins")
    );
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
        // The same document, naming the server that serves it first (for `/docs`).
        let mut expected = document();
        expected["servers"].as_array_mut().unwrap().reverse();
        assert_eq!(served["servers"][0]["url"], "/");
        assert_eq!(served, expected);
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

/// What code generators need of the document (issue 14): named, typed, small.
mod for_code_generators {
    use super::*;

    fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
        let schema = &doc["components"]["schemas"][name];
        assert!(schema.is_object(), "no schema {name}");
        schema
    }

    #[test]
    fn every_edit_body_is_a_named_patch_schema_that_refuses_unknown_fields() {
        let doc = document();
        let mut patches = 0;
        for (method, path, op) in operations(&doc) {
            if method != "patch" {
                continue;
            }
            patches += 1;
            let body = &op["requestBody"]["content"]["application/merge-patch+json"]["schema"];
            let reference = body["$ref"]
                .as_str()
                .unwrap_or_else(|| panic!("PATCH {path} has an untyped body: {body}"));
            let name = reference.trim_start_matches("#/components/schemas/");
            assert!(name.ends_with("PatchRequest"), "PATCH {path}: {name}");
            let patch = schema(&doc, name);
            assert_eq!(patch["additionalProperties"], false, "{name}");
            assert!(
                patch
                    .get("required")
                    .is_none_or(|r| r.as_array().unwrap().is_empty())
            );
            assert!(patch["properties"].get("edit_summary").is_some(), "{name}");
        }
        assert_eq!(
            patches, 7,
            "claims, sources, entities, properties, users, flags, webhooks"
        );
        // A field the create requires can be changed, not cleared; an optional one can be.
        let claim = &schema(&doc, "ClaimPatchRequest")["properties"];
        assert_eq!(claim["statement"]["type"], "string");
        assert_eq!(claim["confidence"]["type"], "number");
        assert_eq!(claim["place"]["type"], json!(["string", "null"]));
        assert!(
            claim["claimant"]["oneOf"]
                .as_array()
                .unwrap()
                .contains(&json!({"type": "null"}))
        );
        assert!(
            claim["tags"].get("default").is_none(),
            "an absent field is unchanged"
        );
        let source = &schema(&doc, "SourcePatchRequest")["properties"];
        assert_eq!(source["title"]["type"], "string");
        assert_eq!(source["url"]["type"], json!(["string", "null"]));
    }

    #[test]
    fn no_integer_is_int64_and_ledger_wide_counts_have_no_format() {
        let text = claimledger::openapi::document_json();
        assert!(!text.contains("\"int64\""), "an int64 is left");
        let doc = document();
        assert_eq!(
            schema(&doc, "RevertRequest")["properties"]["to_revision"]["format"],
            "int32"
        );
        let checkpoint = &schema(&doc, "Checkpoint")["properties"];
        assert_eq!(checkpoint["revisions"]["type"], "integer");
        assert!(checkpoint["revisions"].get("format").is_none());
    }

    #[test]
    fn lists_reference_their_item_schema_by_name() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let pages: Vec<&String> = schemas.keys().filter(|k| k.starts_with("Page_")).collect();
        assert!(pages.len() >= 10, "{pages:?}");
        for page in pages {
            let item = page.trim_start_matches("Page_");
            assert_eq!(
                schemas[page]["properties"]["items"]["items"],
                json!({"$ref": format!("#/components/schemas/{item}")}),
                "{page}"
            );
            assert!(schemas.contains_key(item), "{item} is not a named schema");
        }
    }

    #[test]
    fn a_claim_value_is_a_discriminated_union_of_named_variants() {
        let doc = document();
        let value = schema(&doc, "ClaimValue");
        assert_eq!(value["discriminator"]["propertyName"], "type");
        let mapping = value["discriminator"]["mapping"].as_object().unwrap();
        for (tag, name) in [
            ("quantity", "QuantityValue"),
            ("entity", "EntityValue"),
            ("text", "TextValue"),
            ("time", "TimeClaimValue"),
            ("boolean", "BooleanValue"),
        ] {
            let reference = format!("#/components/schemas/{name}");
            assert_eq!(mapping[tag], reference);
            assert!(
                value["oneOf"]
                    .as_array()
                    .unwrap()
                    .contains(&json!({"$ref": reference}))
            );
            assert_eq!(
                schema(&doc, name)["properties"]["type"]["enum"],
                json!([tag])
            );
        }
    }

    #[test]
    fn diffs_and_revisions_are_typed_per_record_kind() {
        let doc = document();
        let diff = schema(&doc, "DiffResponse");
        assert_eq!(
            diff["properties"]["operations"]["items"]["$ref"],
            "#/components/schemas/PatchOperation"
        );
        for (path, snapshot) in [
            ("/v1/claims/{id}/revisions/{n}", "ClaimSnapshot"),
            ("/v1/sources/{id}/revisions/{n}", "SourceSnapshot"),
            ("/v1/entities/{id}/revisions/{n}", "EntitySnapshot"),
            ("/v1/properties/{id}/revisions/{n}", "PropertySnapshot"),
            (
                "/v1/contradictions/{id}/revisions/{n}",
                "ContradictionSnapshot",
            ),
            ("/v1/users/{id}/revisions/{n}", "UserSnapshot"),
        ] {
            let body = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
                ["schema"]["$ref"]
                .as_str()
                .unwrap();
            let revision = schema(&doc, body.trim_start_matches("#/components/schemas/"));
            assert_eq!(
                revision["properties"]["snapshot"]["$ref"],
                format!("#/components/schemas/{snapshot}"),
                "{path}"
            );
            assert!(revision["properties"].get("revision").is_some());
        }
    }

    #[test]
    fn the_first_server_is_the_default_local_address() {
        let doc = document();
        assert_eq!(doc["servers"][0]["url"], "http://127.0.0.1:8080");
        assert_eq!(doc["servers"][1]["url"], "/");
    }

    #[test]
    fn errors_are_shared_responses_and_the_document_stays_small() {
        let text = claimledger::openapi::document_json();
        // 714,315 bytes before errors were shared and list items referenced (issue 14); the
        // 17 operations of webhooks (issue 16) added about 60,000; the 8 of captures and
        // `quote_check` on citations (issue 17) about 6% more; the 12 of claim relations
        // (issue 18) about 46,000: 585,138 bytes with all three (each operation's shared
        // errors are references; the growth is their own schemas and descriptions); the 2 of
        // the review queue (issue 17 §3) about 14,900 (its items, impacts, paths and
        // decisions, and the two new record kinds named in the changes feed): 600,012 bytes;
        // provenance (issue 17 §2: `corroboration` on every claim, `attributed_to`, the
        // provenance graph) about 13,900: 613,947 bytes; estimates `as_of` and their series
        // (issue 18 §2, JSON and CSV) about 9,100: 623,086 bytes; a claim's origins as a
        // schema of their own (`IndependentOrigin`): 623,931 bytes; the 10 operations of
        // impacts' and review decisions' reads and history, `review_status` on a claim's read
        // (`ClaimReviewStatus`) and the queue's `claim_id` (issue 17 §3) about 34,100; a series
        // in pages, the relations as of an instant and a property's `best` rule (`BestRule`,
        // `BestEstimate`; issue 18) about 4,750; every list's `limit` with its example and
        // `cursor` bounded alike (`list_query!`) about 900: 663,684 bytes.
        assert!(text.len() < 664_200, "the document is {} bytes", text.len());
        let doc = document();
        let shared = doc["components"]["responses"].as_object().unwrap();
        assert_eq!(
            shared["ValidationFailed"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/ValidationProblem"
        );
        let validation = schema(&doc, "ValidationProblem");
        assert!(
            validation["required"]
                .as_array()
                .unwrap()
                .contains(&json!("errors"))
        );
        let stale = schema(&doc, "PreconditionFailedProblem");
        assert!(
            stale["required"]
                .as_array()
                .unwrap()
                .contains(&json!("current_revision"))
        );
        assert!(
            schema(&doc, "ConflictProblem")["properties"]
                .get("existing_id")
                .is_some()
        );
        assert!(
            schema(&doc, "Problem")["properties"]
                .get("errors")
                .is_none()
        );
    }
}
