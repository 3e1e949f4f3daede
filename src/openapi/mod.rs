//! The OpenAPI document: built from the same handler annotations the router uses, then given
//! the responses every operation shares (so no handler can forget them), then refined
//! (`refine`: what annotations cannot say; `sdk`: the shapes code generators want).

mod refine;
mod sdk;

use actix_web::App;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr, ResponseBuilder};
use utoipa_actix_web::AppExt;

use serde_json::Value;

use crate::api::claims::ClaimSortParam;
use crate::api::error::{PROBLEM_JSON, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "claimledger",
        description = "An authenticated REST API over a ledger of sourced factual claims: \
each claim carries its sources, the dates it concerns and an analyst's confidence; claims that \
cannot both be true are flagged; every change is kept as a revision.\n\n\
Log in with `POST /v1/auth/token`, then send `Authorization: Bearer <access_token>`. \
Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.",
        license(name = "MIT", identifier = "MIT"),
    ),
    servers(
        (url = "http://127.0.0.1:8080", description = "The default local address: what `cargo run` serves (set `CLAIMLEDGER_ADDR` to change it); a generated client works against it unchanged. Point the client at your deployment's URL otherwise."),
        (url = "/", description = "The server that serves this document (first in the copy it serves at `/openapi.json`)"),
    ),
    components(schemas(Problem, ClaimSortParam)),
    // Routes `api::routes` registers as plain actix resources (so that their other methods
    // are 405s), whose operations the route configuration cannot add itself.
    paths(crate::api::webhooks::list_webhook_event_types),
    tags(
        (name = "auth", description = "Logging in, refreshing and revoking tokens"),
        (name = "users", description = "Accounts and roles (viewer < editor < reviewer < admin)"),
        (name = "tokens", description = "Named long-lived tokens for tools"),
        (name = "sessions", description = "Login sessions: list and end your own, or (admins) anyone's"),
        (name = "sources", description = "Where claims come from, graded A–F for reliability"),
        (name = "entities", description = "The people, organisations, events and places claims are about"),
        (name = "properties", description = "The vocabulary of structured claims"),
        (name = "claims", description = "Sourced factual claims: create, edit, verdicts, retraction, search"),
        (name = "contradictions", description = "Flags that two claims cannot both be true: detected on write or raised by people, settled by reviewers"),
        (name = "captures", description = "What a source said when it was retrieved: stored bytes, content-addressed, that citations' quotes are checked against"),
        (name = "external_reviews", description = "Other organisations' published reviews of our claims (ClaimReview), kept beside our verdict"),
        (name = "relations", description = "Typed relations between claims: duplicate_of, supersedes, corroborates, refines"),
        (name = "review", description = "What needs review after a source or claim is retracted or corrected (impacts, derived affected claims), and reviewers' decisions"),
        (name = "estimates", description = "The range the evidence supports for a quantity, reconciled from the claims about it"),
        (name = "imports", description = "Bringing published fact-checks in: ClaimReview JSON-LD, HTML pages carrying it, Fact Check Tools responses"),
        (name = "changes", description = "The feed of every revision of every record"),
        (name = "webhooks", description = "Signed, retried, ordered event deliveries to other systems (admin): subscriptions, their secrets and their delivery log"),
        (name = "ledger", description = "Signed checkpoints of the ledger, their leaves and public keys, and their verification"),
        (name = "exports", description = "The whole ledger as JSON Lines, to archive it or move it to another instance or backend"),
        (name = "operations", description = "Health, readiness and metrics"),
    ),
)]
struct ApiDoc;

/// The operations anyone may call; every other one needs a bearer token (the handlers'
/// `Auth<…>` extractors enforce it; the document says so here, once).
const PUBLIC_OPERATIONS: [&str; 7] = [
    "get_health",
    "get_public_key",
    "get_readiness",
    "get_metrics",
    "create_token",
    "refresh_token",
    "revoke_token",
];

/// The complete document, as served at `/openapi.json` and committed in `openapi/openapi.json`.
pub fn document() -> Document {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::api::routes)
        .split_for_parts();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            Http::builder()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .description(Some("An access token from `POST /v1/auth/token`, or a tool token from `POST /v1/tokens`"))
                .build(),
        ),
    );
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let public =
                PUBLIC_OPERATIONS.contains(&operation.operation_id.as_deref().unwrap_or(""));
            if !public {
                operation.security = Some(vec![SecurityRequirement::new(
                    "bearer",
                    Vec::<String>::new(),
                )]);
            }
            add_shared_responses(operation);
        }
    }
    doc
}

/// The document as served at `/openapi.json`: [`document`] refined with what utoipa's types
/// cannot express (header constraints, required response headers, links, flat response
/// schemas; see [`refine`]).
pub fn document_value() -> Value {
    refined(document())
}

/// `doc` refined (see [`document_value`]). It takes the document and drops it as soon as it is
/// a `Value`: the server builds this once at start-up, and two copies of either form at once
/// were its memory's high-water mark.
fn refined(doc: Document) -> Value {
    let mut value = serde_json::to_value(&doc).expect("the document serialises");
    drop(doc);
    refine::refine(&mut value);
    sdk::refine(&mut value);
    value
}

/// `doc` (a [`document`]) as this server serves it at `/openapi.json`, as JSON bytes: itself as
/// the first server, so the browsable docs at `/docs` call the server they came from.
pub fn served_bytes(doc: Document) -> Vec<u8> {
    let mut value = refined(doc);
    if let Some(servers) = value["servers"].as_array_mut() {
        servers.reverse();
    }
    serde_json::to_vec(&value).expect("the document serialises")
}

/// The document as pretty JSON with a final newline: the form committed to the repository.
pub fn document_json() -> String {
    let mut json =
        serde_json::to_string_pretty(&document_value()).expect("the document serialises");
    json.push('\n');
    json
}

fn add_shared_responses(operation: &mut Operation) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = operation.request_body.is_some();
    let mut shared: Vec<(&str, &str)> = Vec::new();
    if has_body {
        shared.push(("400", "Malformed JSON, or a bad query parameter"));
        shared.push(("413", "The body is larger than 1 MiB"));
        shared.push(("415", "The body is not JSON"));
        shared.push((
            "422",
            "A field is invalid; `errors` names each by JSON pointer",
        ));
    } else if operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query))
    {
        shared.push((
            "400",
            "A query parameter of the wrong type, or an unknown one",
        ));
        shared.push((
            "422",
            "A query parameter out of range (e.g. `limit` over 500); `errors` names it",
        ));
    }
    if secured {
        shared.push(("401", "No token, or an invalid, expired or revoked one"));
        shared.push(("403", "Your role is too low for this"));
    }
    let parameter = |location: ParameterIn, name: Option<&str>| {
        operation.parameters.iter().flatten().any(|p| {
            matches!(p, RefOr::T(p) if p.parameter_in == location
                && name.is_none_or(|name| p.name == name))
        })
    };
    if parameter(ParameterIn::Path, None) {
        shared.push(("404", "No such record"));
    }
    if parameter(ParameterIn::Header, Some("If-Match")) {
        shared.push((
            "412",
            "The record changed since you read it: `current_revision` says where it is now",
        ));
        shared.push(("428", "If-Match is missing"));
    }
    let uses_database = !matches!(
        operation.operation_id.as_deref(),
        Some("get_health" | "get_metrics")
    );
    if uses_database {
        shared.push(("503", "The database is unavailable; retry shortly"));
    }
    shared.push((
        "500",
        "A bug: the problem's `request_id` helps find it in the log",
    ));
    // An error an operation declares itself (with its own description) gets the problem body.
    for (status, response) in operation.responses.responses.iter_mut() {
        if let RefOr::T(response) = response
            && status.starts_with(['4', '5'])
            && response.content.is_empty()
        {
            response.content.insert(
                PROBLEM_JSON.to_owned(),
                RefOr::T(Content::new(Some(Ref::from_schema_name("Problem")))),
            );
        }
    }
    for (status, description) in shared {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| {
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        PROBLEM_JSON,
                        Content::new(Some(Ref::from_schema_name("Problem"))),
                    )
                    .into()
            });
    }
}
