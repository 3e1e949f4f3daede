//! Building blocks for the claims-database tests: a team of users by role, and sources,
//! entities and claims made through the API, plus small readers of responses.

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// Tokens for one user of each role that writes.
pub struct Team {
    pub admin: String,
    pub editor: String,
    pub reviewer: String,
}

impl Team {
    /// The first admin, plus an `editor` and a `reviewer`.
    pub async fn new(app: &TestApp) -> Team {
        Team {
            admin: app.admin_token().await,
            editor: app.user_with_role("editor", "editor").await,
            reviewer: app.user_with_role("reviewer", "reviewer").await,
        }
    }
}

/// A record's `id`.
pub fn id(record: &Value) -> String {
    record["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {record}"))
        .to_owned()
}

/// The ids of a list of records, in order.
pub fn ids(records: &[Value]) -> Vec<String> {
    records.iter().map(id).collect()
}

pub fn etag(response: &reqwest::Response) -> String {
    response.headers()["etag"].to_str().unwrap().to_owned()
}

/// How many SQL statements the request ran, from its `X-Db-Queries` header.
pub fn db_queries(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get("x-db-queries")
        .expect("every response says how many queries it ran")
        .to_str()
        .unwrap()
        .parse()
        .expect("x-db-queries is a number")
}

/// The pointers a validation problem names, sorted.
pub fn pointers(problem: &Value) -> Vec<String> {
    let mut pointers: Vec<String> = problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("a validation problem lists its errors: {problem}"))
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect();
    pointers.sort_unstable();
    pointers
}

/// `value` with every number as a float, so that `1` and `1.0` (the same JSON number) compare
/// equal: quantity bounds are floats on the wire.
pub fn numbers_as_floats(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().expect("a finite number")),
        Value::Array(items) => Value::Array(items.iter().map(numbers_as_floats).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), numbers_as_floats(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `path?key=value&…`, percent-encoded.
pub fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    if params.is_empty() {
        return path.to_owned();
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    format!("{path}?{query}")
}

/// The smallest valid source.
pub fn source_body(title: &str) -> Value {
    json!({"kind": "article", "title": title})
}

/// The smallest valid claim: a statement, a confidence and one citation.
pub fn claim_body(statement: &str, source_id: &str) -> Value {
    json!({
        "statement": statement,
        "confidence": 0.5,
        "citations": [{"source_id": source_id}],
    })
}

impl TestApp {
    /// `POST` with an `If-Match` header (when given).
    pub async fn post_if_match(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(etag) = if_match {
            request = request.header("if-match", etag);
        }
        request.send().await.unwrap()
    }

    pub async fn create(&self, path: &str, token: &str, body: &Value) -> Value {
        let response = self.post_json(path, token, body).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 201, "POST {path} {body} answered {text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn create_source(&self, token: &str, body: &Value) -> Value {
        self.create("/v1/sources", token, body).await
    }

    pub async fn create_entity(&self, token: &str, body: &Value) -> Value {
        self.create("/v1/entities", token, body).await
    }

    pub async fn create_claim(&self, token: &str, body: &Value) -> Value {
        self.create("/v1/claims", token, body).await
    }

    /// A source with just a title; returns its id.
    pub async fn source_id(&self, token: &str, title: &str) -> String {
        id(&self.create_source(token, &source_body(title)).await)
    }

    /// An entity of `kind`; returns its id.
    pub async fn entity_id(&self, token: &str, kind: &str, name: &str) -> String {
        id(&self
            .create_entity(token, &json!({"kind": kind, "name": name}))
            .await)
    }

    /// `GET` that must answer 200; returns the body.
    pub async fn get_ok(&self, path: &str, token: &str) -> Value {
        let response = self.get(path, token).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 200, "GET {path} answered {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// One page of a list: its items and its `next_cursor`.
    pub async fn page(
        &self,
        path: &str,
        token: &str,
        params: &[(&str, &str)],
    ) -> (Vec<Value>, Option<String>) {
        let body = self.get_ok(&with_query(path, params), token).await;
        let items = body["items"].as_array().expect("a list has items").clone();
        let next = body["next_cursor"].as_str().map(str::to_owned);
        (items, next)
    }

    /// Every item of a list, following `next_cursor` with pages of `limit`.
    pub async fn all_pages(
        &self,
        path: &str,
        token: &str,
        params: &[(&str, &str)],
        limit: usize,
    ) -> Vec<Value> {
        let limit = limit.to_string();
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..1000 {
            let mut query: Vec<(&str, &str)> = params.to_vec();
            query.push(("limit", &limit));
            if let Some(c) = &cursor {
                query.push(("cursor", c));
            }
            let (page, next) = self.page(path, token, &query).await;
            items.extend(page);
            match next {
                Some(next) => cursor = Some(next),
                None => return items,
            }
        }
        panic!("{path} did not end within 1000 pages");
    }

    /// The ids of the claims a list query returns (one page of up to 500).
    pub async fn claim_ids(&self, token: &str, params: &[(&str, &str)]) -> Vec<String> {
        let mut query = params.to_vec();
        query.push(("limit", "500"));
        let (items, next) = self.page("/v1/claims", token, &query).await;
        assert!(next.is_none(), "more than one page");
        ids(&items)
    }
}

/// Sets a claim's verdict (with or without a published review) at its current revision, as
/// `t`; returns the claim.
pub async fn set_verdict(app: &TestApp, t: &str, claim: &Value, body: Value) -> Value {
    let path = format!("/v1/claims/{}", id(claim));
    let current = app.get(&path, t).await;
    let revision = etag(&current);
    let response = app
        .client
        .post(app.url(&format!("{path}/verdict")))
        .bearer_auth(t)
        .header("if-match", revision)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}
