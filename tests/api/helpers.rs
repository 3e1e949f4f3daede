//! `spawn_app`: the real server on port 0 against a fresh database — a temp-file SQLite, or a
//! new PostgreSQL database under `TEST_DATABASE_URL` (dropped afterwards) — and a client.
//!
//! Every test is written once with `both_backends!` and runs on each backend.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimledger::config::{Config, DatabaseUrl, Secret};
use claimledger::startup::Application;
use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use serde_json::{Value, json};

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";
pub const JWT_SECRET: &str = "test-jwt-secret-that-is-at-least-32-bytes";
pub const LEDGER_KEY: &str = "test-ledger-key-that-is-at-least-32-bytes";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database that removes itself when dropped.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDatabase {
    /// None when the backend is PostgreSQL and `TEST_DATABASE_URL` is unset (outside CI).
    pub fn create(backend: Backend) -> Option<Arc<TestDatabase>> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("data").join("claimledger.db");
                Some(Arc::new(TestDatabase {
                    url: DatabaseUrl::Sqlite(path),
                    _dir: Some(dir),
                    pg: None,
                }))
            }
            Backend::Postgres => {
                let admin_url = match std::env::var("TEST_DATABASE_URL") {
                    Ok(url) if !url.is_empty() => url,
                    _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
                        panic!(
                            "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI"
                        )
                    }
                    _ => return None,
                };
                let name = format!("claimledger_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL: {e}"));
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let url = replace_database(&admin_url, &name);
                Some(Arc::new(TestDatabase {
                    url: DatabaseUrl::Postgres(url),
                    _dir: None,
                    pg: Some((admin_url, name)),
                }))
            }
        }
    }
}

impl TestDatabase {
    /// For PostgreSQL: the administrative URL (`TEST_DATABASE_URL`) and this database's name.
    pub fn postgres_admin(&self) -> Option<(&str, &str)> {
        self.pg
            .as_ref()
            .map(|(admin_url, name)| (admin_url.as_str(), name.as_str()))
    }

    /// For SQLite: the database file.
    pub fn sqlite_path(&self) -> Option<&std::path::Path> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => Some(path),
            DatabaseUrl::Postgres(_) => None,
        }
    }

    /// A fresh SQLite database that starts as a copy of `fixture` (a golden file, tests/golden).
    pub fn from_sqlite_fixture(fixture: &std::path::Path) -> Arc<TestDatabase> {
        let db = TestDatabase::create(Backend::Sqlite).expect("SQLite needs no configuration");
        let path = db.sqlite_path().expect("a SQLite database");
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
        std::fs::copy(fixture, path)
            .unwrap_or_else(|e| panic!("copy {} to {}: {e}", fixture.display(), path.display()));
        db
    }

    /// A fresh PostgreSQL database (as `create` makes one; None when it would skip) into which
    /// `sql`, a plain-SQL dump of INSERT statements (tests/golden), is replayed.
    pub fn from_postgres_dump(sql: &str) -> Option<Arc<TestDatabase>> {
        let db = TestDatabase::create(Backend::Postgres)?;
        let DatabaseUrl::Postgres(url) = &db.url else {
            unreachable!("a PostgreSQL database")
        };
        let mut conn = PgConnection::establish(url).expect("connect to the new database");
        conn.batch_execute(sql).expect("replay the dump");
        Some(db)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.pg
            && let Ok(mut conn) = PgConnection::establish(admin_url)
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Why a PostgreSQL test built with `cfg(pg_tests)` finds no `TEST_DATABASE_URL` at run time
/// (the test binary was run by hand, outside `cargo test`).
pub const PG_URL_GONE: &str =
    "TEST_DATABASE_URL was set when the tests were built (cfg(pg_tests)) but is not set now";

/// Without `TEST_DATABASE_URL` the PostgreSQL tests are ignored; in CI that must fail loudly
/// (CI=true), not pass with half the suite ignored.
#[cfg(not(pg_tests))]
#[test]
fn ci_sets_test_database_url() {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI"
    );
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let base = match base.rfind('/') {
        Some(slash) if slash > base.find("://").map(|i| i + 2).unwrap_or(0) => &base[..slash],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

pub fn test_config(db: &TestDatabase) -> Config {
    let mut config = Config::with_database(db.url.clone());
    config.addr = "127.0.0.1:0".into();
    config.jwt_secret = Some(Secret::new(JWT_SECRET));
    config.ledger_key = Some(Secret::new(LEDGER_KEY));
    config.admin_password = Some(ADMIN_PASSWORD.into());
    config.workers = Some(2);
    config.db_pool_size = Some(4);
    config
}

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub backend: Backend,
    pub db: Arc<TestDatabase>,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting; the database is dropped when its last app is gone.
        let handle = self.handle.clone();
        std::mem::drop(handle.stop(false));
    }
}

/// Starts the app on a fresh database; None when that backend is not configured.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    let db = TestDatabase::create(backend)?;
    Some(spawn_app_with(db, |_| {}).await)
}

/// Starts another instance on an existing database (to test several instances together),
/// with a chance to adjust its configuration.
pub async fn spawn_app_with(db: Arc<TestDatabase>, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = test_config(&db);
    adjust(&mut config);
    let app = Application::build(config).await.expect("the app starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        backend: db_backend(&db),
        db,
        handle,
    }
}

fn db_backend(db: &TestDatabase) -> Backend {
    match db.url {
        DatabaseUrl::Sqlite(_) => Backend::Sqlite,
        DatabaseUrl::Postgres(_) => Backend::Postgres,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Logs in and returns the whole token response.
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/v1/auth/token"))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// An access token for the first admin.
    pub async fn admin_token(&self) -> String {
        self.token_for("admin", ADMIN_PASSWORD).await
    }

    pub async fn token_for(&self, username: &str, password: &str) -> String {
        let response = self.login(username, password).await;
        assert_eq!(response.status(), 200, "login as {username} failed");
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// Creates a user with `role` (as the admin) and returns an access token for them.
    pub async fn user_with_role(&self, username: &str, role: &str) -> String {
        let admin = self.admin_token().await;
        let password = password_of(username);
        let response = self
            .client
            .post(self.url("/v1/users"))
            .bearer_auth(&admin)
            .json(&json!({"username": username, "password": password, "role": role}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "create user {username}");
        self.token_for(username, &password).await
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }
    pub async fn patch_json(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .header("content-type", "application/merge-patch+json")
            .body(body.to_string());
        if let Some(etag) = if_match {
            request = request.header("if-match", etag);
        }
        request.send().await.unwrap()
    }

    pub async fn delete(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Creates a user as `admin_token` and returns the created record.
    pub async fn create_user(&self, admin_token: &str, username: &str, role: &str) -> Value {
        let response = self
            .post_json(
                "/v1/users",
                admin_token,
                &json!({"username": username, "password": password_of(username), "role": role}),
            )
            .await;
        assert_eq!(response.status(), 201, "create user {username}");
        response.json().await.unwrap()
    }

    /// The whole token response of a login, asserting that it succeeded.
    pub async fn login_ok(&self, username: &str, password: &str) -> Value {
        let response = self.login(username, password).await;
        assert_eq!(response.status(), 200, "login as {username} failed");
        response.json().await.unwrap()
    }

    pub async fn refresh(&self, refresh_token: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/v1/auth/refresh"))
            .json(&json!({"refresh_token": refresh_token}))
            .send()
            .await
            .unwrap()
    }

    /// Creates a tool token as `token` and returns the created record (with its secret).
    pub async fn create_tool_token(&self, token: &str, body: &Value) -> Value {
        let response = self.post_json("/v1/tokens", token, body).await;
        assert_eq!(response.status(), 201, "create tool token {body}");
        response.json().await.unwrap()
    }

    /// The status of `GET /v1/me` with `token`.
    pub async fn me_status(&self, token: &str) -> u16 {
        self.get("/v1/me", token).await.status().as_u16()
    }
}

/// The password `user_with_role` and `create_user` give a user.
pub fn password_of(username: &str) -> String {
    format!("{username}-password")
}

/// How long a revocation, a disabled account or a demotion may take to reach every instance.
pub const PROPAGATION: Duration = Duration::from_secs(5);

/// Polls `check` until it holds, failing with `what` once `within` has passed.
pub async fn eventually<F, Fut>(within: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + within;
    loop {
        if check().await {
            return;
        }
        assert!(Instant::now() < deadline, "not within {within:?}: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Asserts a problem+json response and returns its body.
pub async fn assert_problem(response: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status");
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "content type {content_type}"
    );
    let request_id = response
        .headers()
        .get("x-request-id")
        .expect("x-request-id")
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "problem code in {body}");
    assert_eq!(body["status"], status);
    assert_eq!(
        body["request_id"],
        request_id.as_str(),
        "request id in body matches the header"
    );
    body
}

/// Writes one async test that runs on SQLite and, when configured, on PostgreSQL:
/// `both_backends!(name, |app| async move { ... });` makes `name::sqlite` and `name::postgres`.
///
/// The PostgreSQL variant is `#[ignore]`d unless `TEST_DATABASE_URL` was set for the build
/// (build.rs sets `cfg(pg_tests)`), so `cargo test` reports it as ignored, never as passed.
/// Single-backend tests take the same attribute when they need PostgreSQL, and are not named
/// `sqlite` or `postgres` (.ci/run counts those names per backend).
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) {
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite)
                    .await
                    .unwrap();
                run(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
            async fn postgres() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres)
                    .await
                    .expect($crate::helpers::PG_URL_GONE);
                run(app).await;
            }
        }
    };
}

/// Forging tokens: the pieces of a JWT, read and re-signed as an attacker (or a test) would.
pub mod jwt {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    use serde_json::Value;
    use sha2::{Digest, Sha256};

    /// The `kid` the service gives a key: the first 8 bytes of its SHA-256, in hex.
    pub fn kid_for(secret: &str) -> String {
        hex::encode(&Sha256::digest(secret.as_bytes())[..8])
    }

    fn decode_part(token: &str, index: usize) -> Value {
        let part = token.split('.').nth(index).expect("a JWT has three parts");
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
    }

    /// The header of a token, unverified.
    pub fn header(token: &str) -> Value {
        decode_part(token, 0)
    }

    /// The claims of a token, unverified.
    pub fn claims(token: &str) -> Value {
        decode_part(token, 1)
    }

    /// Signs `claims` with `alg` and `secret`, naming `kid`.
    pub fn sign(alg: Algorithm, kid: Option<&str>, claims: &Value, secret: &str) -> String {
        let mut header = Header::new(alg);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(
            &header,
            claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .expect("sign")
    }

    /// An unsigned token (`alg: none`), built by hand: no library will make one.
    pub fn unsigned(header: &Value, claims: &Value) -> String {
        format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        )
    }
}
