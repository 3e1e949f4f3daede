//! Building blocks for the tests of history, safe edits, idempotency, the changes feed and
//! contradiction flags: reads with their `ETag`, writes with `If-Match`, a record's history,
//! structured claims, SQL run behind the API's back, and the `claimledger` binary.

use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use claimledger::config::DatabaseUrl;
use diesel::Connection;
use diesel::connection::SimpleConnection;
use serde_json::{Value, json};

use crate::fixtures::{Team, id, with_query};
use crate::helpers::{JWT_SECRET, LEDGER_KEY, TestApp, TestDatabase};

pub const BINARY: &str = env!("CARGO_BIN_EXE_claimledger");

/// A name no other record of the test has.
pub fn unique(prefix: &str) -> String {
    format!("{prefix} {}", uuid::Uuid::now_v7().simple())
}

/// `"<n>"`: the ETag of revision `n`.
pub fn tag(n: i64) -> String {
    format!("\"{n}\"")
}

/// A response's status and JSON body (the body is `Null` when it is not JSON).
pub async fn status_and_body(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// `GET` that must answer 200: the body and the `ETag`, which must name the body's revision.
pub async fn read(app: &TestApp, path: &str, token: &str) -> (Value, String) {
    let response = app.get(path, token).await;
    let status = response.status();
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "GET {path} answered {text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let etag = etag.unwrap_or_else(|| panic!("GET {path} has no ETag"));
    assert_eq!(
        etag,
        tag(body["revision"].as_i64().expect("a revision")),
        "the ETag of {path} names its revision"
    );
    (body, etag)
}

/// Asserts a 200 with an `ETag` naming the body's revision; returns both.
pub async fn ok_with_etag(response: reqwest::Response, what: &str) -> (Value, String) {
    let status = response.status();
    let etag = response
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{what} answered {text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        etag.as_deref(),
        Some(tag(body["revision"].as_i64().expect("a revision")).as_str()),
        "{what}: the ETag names the new revision"
    );
    (body, etag.unwrap())
}

/// `PATCH` (merge patch) with `If-Match` that must succeed; returns the record and its ETag.
pub async fn patch_ok(
    app: &TestApp,
    path: &str,
    token: &str,
    if_match: &str,
    body: &Value,
) -> (Value, String) {
    let response = app.patch_json(path, token, Some(if_match), body).await;
    ok_with_etag(response, &format!("PATCH {path} {body}")).await
}

/// `POST` with `If-Match` (a state change of an existing record) that must succeed.
pub async fn post_ok(
    app: &TestApp,
    path: &str,
    token: &str,
    if_match: &str,
    body: &Value,
) -> (Value, String) {
    let response = app.post_if_match(path, token, Some(if_match), body).await;
    ok_with_etag(response, &format!("POST {path} {body}")).await
}

/// `POST` with an `Idempotency-Key`.
pub async fn post_with_key(
    app: &TestApp,
    path: &str,
    token: &str,
    key: &str,
    body: &Value,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Every revision of a record (`path` is the record's URL), newest first, in pages of 100.
pub async fn history(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    app.all_pages(&format!("{path}/revisions"), token, &[], 100)
        .await
}

/// The actions of a record's history, newest first.
pub async fn actions(app: &TestApp, path: &str, token: &str) -> Vec<String> {
    history(app, path, token)
        .await
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect()
}

/// `GET …/integrity`.
pub async fn integrity(app: &TestApp, path: &str, token: &str) -> Value {
    app.get_ok(&format!("{path}/integrity"), token).await
}

/// `GET …/revisions/{n}/diff` with `from` when given: the operations.
pub async fn diff(app: &TestApp, path: &str, token: &str, n: i64, from: Option<i64>) -> Value {
    let from = from.map(|f| f.to_string());
    let params: Vec<(&str, &str)> = from.iter().map(|f| ("from", f.as_str())).collect();
    let body = app
        .get_ok(
            &with_query(&format!("{path}/revisions/{n}/diff"), &params),
            token,
        )
        .await;
    body["operations"].clone()
}

/// JSON Patch operations sorted by path (the order of operations on distinct fields is not
/// part of the contract).
pub fn by_path(operations: &Value) -> Vec<Value> {
    let mut ops = operations
        .as_array()
        .unwrap_or_else(|| panic!("operations are a list: {operations}"))
        .clone();
    ops.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    ops
}

/// A quantity in people; `upper: None` is open-ended.
pub fn people(lower: f64, upper: Option<f64>) -> Value {
    json!({"type": "quantity", "lower": lower, "upper": upper, "unit": "people"})
}

pub fn text_value(text: &str) -> Value {
    json!({"type": "text", "text": text})
}

pub fn entity_value(entity_id: &str) -> Value {
    json!({"type": "entity", "entity_id": entity_id})
}

/// An event time: `"2022"`, `"2022-11"`, `"2022-11-30"` or RFC 3339, with its precision.
pub fn when(value: &str) -> Value {
    let precision = match value.len() {
        4 => "year",
        7 => "month",
        10 => "day",
        _ => "minute",
    };
    json!({"value": value, "precision": precision})
}

/// A team, a source to cite and the subjects claims are about.
pub struct Desk {
    pub team: Team,
    pub source: String,
}

impl Desk {
    pub async fn new(app: &TestApp) -> Desk {
        let team = Team::new(app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        Desk { team, source }
    }

    /// A new event to make claims about.
    pub async fn subject(&self, app: &TestApp) -> String {
        app.entity_id(&self.team.editor, "event", &unique("Attack"))
            .await
    }

    /// The body of a structured claim with a statement of its own.
    pub fn body(
        &self,
        subject: &str,
        property: &str,
        value: Value,
        occurred: Option<&str>,
    ) -> Value {
        let mut body = json!({
            "statement": unique(&format!("The {property} of the attack was {value}.")),
            "subject_id": subject,
            "property": property,
            "value": value,
            "confidence": 0.5,
            "citations": [{"source_id": self.source}],
        });
        if let Some(occurred) = occurred {
            body["occurred_at"] = when(occurred);
        }
        body
    }

    /// Creates a structured claim as the editor.
    pub async fn claim(
        &self,
        app: &TestApp,
        subject: &str,
        property: &str,
        value: Value,
        occurred: Option<&str>,
    ) -> Value {
        app.create_claim(
            &self.team.editor,
            &self.body(subject, property, value, occurred),
        )
        .await
    }

    /// An unstructured claim as the editor.
    pub async fn plain_claim(&self, app: &TestApp) -> Value {
        app.create_claim(
            &self.team.editor,
            &json!({
                "statement": unique("Something happened"),
                "confidence": 0.5,
                "citations": [{"source_id": self.source}],
            }),
        )
        .await
    }
}

/// The claim's open flags, as the claim shows them now.
pub async fn open_flags(app: &TestApp, token: &str, claim: &Value) -> Vec<String> {
    let claim = app
        .get_ok(&format!("/v1/claims/{}", id(claim)), token)
        .await;
    claim["open_contradiction_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Every flag that involves a claim, of any status.
pub async fn flags_of(app: &TestApp, token: &str, claim: &Value) -> Vec<Value> {
    app.all_pages(
        &format!("/v1/claims/{}/contradictions", id(claim)),
        token,
        &[],
        100,
    )
    .await
}

/// The two ids of a pair, as a flag names them: in id order.
pub fn pair(a: &Value, b: &Value) -> Value {
    let (a, b) = (id(a), id(b));
    if a <= b { json!([a, b]) } else { json!([b, a]) }
}

/// The database URL the `claimledger` binary is given.
fn database_url(db: &TestDatabase) -> String {
    match &db.url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    }
}

/// Runs SQL on the test's database directly, as someone with database access but without the
/// service's keys would; the database's error message on failure.
pub async fn run_sql(db: Arc<TestDatabase>, sql: String) -> Result<(), String> {
    tokio::task::spawn_blocking(move || match &db.url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                .expect("open the SQLite file");
            conn.batch_execute("PRAGMA busy_timeout = 10000;").unwrap();
            conn.batch_execute(&sql).map_err(|e| e.to_string())
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = diesel::PgConnection::establish(url).expect("connect to PostgreSQL");
            conn.batch_execute(&sql).map_err(|e| e.to_string())
        }
    })
    .await
    .unwrap()
}

/// A SQL string literal.
pub fn sql_text(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Runs the `claimledger` binary on the test's database, with the test's keys and nothing
/// from the developer's environment.
pub async fn run_binary(db: Arc<TestDatabase>, args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let cwd = tempfile::tempdir().unwrap();
        Command::new(BINARY)
            .args(&args)
            .env_clear()
            .env("DATABASE_URL", database_url(&db))
            .env("CLAIMLEDGER_LEDGER_KEY", LEDGER_KEY)
            .env("CLAIMLEDGER_JWT_SECRET", JWT_SECRET)
            .env("RUST_LOG", "warn")
            .current_dir(cwd.path())
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs")
    })
    .await
    .unwrap()
}
