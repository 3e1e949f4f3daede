//! A database that goes away while the service runs: `503 database_unavailable`, and recovery
//! without a restart once it is back. PostgreSQL only (a SQLite file does not go away).

use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;

use crate::helpers::{
    ADMIN_PASSWORD, Backend, PG_URL_GONE, TestApp, assert_problem, eventually, spawn_app,
};

/// Long enough for the pool to give up on a connection (3 s) a few times over.
const OUTAGE_PATIENCE: Duration = Duration::from_secs(30);

/// Closes a database to new connections and ends its current ones; opens it again on drop,
/// so a failing test does not leave it closed.
struct Outage {
    admin: PgConnection,
    name: String,
    open: bool,
}

impl Outage {
    fn begin(admin_url: &str, name: &str) -> Outage {
        let mut admin = PgConnection::establish(admin_url).expect("connect as the admin");
        admin
            .batch_execute(&format!(
                "ALTER DATABASE {name} ALLOW_CONNECTIONS false;
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = '{name}' AND pid <> pg_backend_pid();"
            ))
            .expect("close the database");
        Outage {
            admin,
            name: name.to_owned(),
            open: false,
        }
    }

    fn end(&mut self) {
        self.admin
            .batch_execute(&format!(
                "ALTER DATABASE {} ALLOW_CONNECTIONS true",
                self.name
            ))
            .expect("open the database again");
        self.open = true;
    }
}

impl Drop for Outage {
    fn drop(&mut self) {
        if !self.open {
            let _ = self.admin.batch_execute(&format!(
                "ALTER DATABASE {} ALLOW_CONNECTIONS true",
                self.name
            ));
        }
    }
}

async fn status_of(app: &TestApp, path: &str) -> u16 {
    app.client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Asserts a 503 that tells the client to retry and gives away nothing about the database.
async fn assert_unavailable(response: reqwest::Response) {
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap()),
        Some("1")
    );
    let problem = assert_problem(response, 503, "database_unavailable").await;
    let detail = problem["detail"].as_str().unwrap().to_ascii_lowercase();
    for internal in [
        "fatal",
        "terminat",
        "pg_",
        "postgres",
        "sql",
        "r2d2",
        "127.0.0.1",
    ] {
        assert!(!detail.contains(internal), "internal text in {problem}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
async fn a_database_outage_gives_503_and_the_service_recovers_by_itself() {
    let app = spawn_app(Backend::Postgres).await.expect(PG_URL_GONE);
    assert_eq!(app.backend, Backend::Postgres);
    let token = app.admin_token().await;
    assert_eq!(status_of(&app, "/readyz").await, 200);
    let (admin_url, name) = app.db.postgres_admin().expect("a PostgreSQL test database");

    let mut outage = Outage::begin(admin_url, name);

    eventually(OUTAGE_PATIENCE, "/readyz reports the outage", || async {
        status_of(&app, "/readyz").await == 503
    })
    .await;
    assert_unavailable(app.client.get(app.url("/readyz")).send().await.unwrap()).await;
    assert_unavailable(app.login("admin", ADMIN_PASSWORD).await).await;
    // Once the cached session state expires, authenticated requests need the database too.
    eventually(OUTAGE_PATIENCE, "/v1/me reports the outage", || async {
        app.me_status(&token).await == 503
    })
    .await;
    // The process itself is alive.
    assert_eq!(status_of(&app, "/healthz").await, 200);

    outage.end();

    eventually(OUTAGE_PATIENCE, "/readyz recovers", || async {
        status_of(&app, "/readyz").await == 200
    })
    .await;
    assert_eq!(
        app.me_status(&token).await,
        200,
        "tokens from before still work"
    );
    app.token_for("admin", ADMIN_PASSWORD).await;
}
