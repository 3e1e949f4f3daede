//! PostgreSQL over TLS: libpq and OpenSSL are compiled into the binary (pq-sys `bundled`,
//! OpenSSL `vendored`), so `sslmode=require` must work with no system library. PostgreSQL only.

use diesel::Connection;
use diesel::RunQueryDsl;
use diesel::dsl::sql;
use diesel::pg::PgConnection;
use diesel::sql_types::BigInt;
use serde_json::json;

use claimledger::config::DatabaseUrl;

use crate::fixtures::{claim_body, id};
use crate::helpers::{Backend, PG_URL_GONE, TestDatabase, spawn_app_with};

/// `url` with `sslmode=require` added to its query string.
fn requiring_tls(url: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}sslmode=require")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
async fn postgres_with_sslmode_require_serves_claims_over_tls() {
    let db = TestDatabase::create(Backend::Postgres).expect(PG_URL_GONE);
    let DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!("a PostgreSQL database")
    };
    let tls_url = requiring_tls(url);
    let app = spawn_app_with(db.clone(), move |config| {
        config.database_url = DatabaseUrl::Postgres(tls_url);
    })
    .await;
    assert_eq!(app.backend, Backend::Postgres);

    // Real work through the API: a user, a source, a claim written and read back.
    let editor = app.user_with_role("editor", "editor").await;
    let source = app.source_id(&editor, "A report read over TLS").await;
    let claim = app
        .create_claim(
            &editor,
            &claim_body("The connection to the database was encrypted.", &source),
        )
        .await;
    let read = app
        .get_ok(&format!("/v1/claims/{}", id(&claim)), &editor)
        .await;
    assert_eq!(
        read["statement"],
        json!("The connection to the database was encrypted.")
    );
    assert_eq!(read["citations"][0]["source"]["id"], json!(source));

    // The server's view: every connection the app holds to its database is encrypted.
    let (admin_url, name) = app.db.postgres_admin().expect("a PostgreSQL test database");
    let mut admin = PgConnection::establish(admin_url).expect("connect as the admin");
    let count = |admin: &mut PgConnection, filter: &str| -> i64 {
        diesel::select(sql::<BigInt>(&format!(
            "(SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
               WHERE a.datname = '{name}' {filter})"
        )))
        .get_result(admin)
        .expect("read pg_stat_ssl")
    };
    let connections = count(&mut admin, "");
    let encrypted = count(&mut admin, "AND s.ssl");
    assert!(connections > 0, "the app holds no connection to {name}");
    assert_eq!(
        encrypted, connections,
        "{connections} connections to {name}, {encrypted} of them over TLS"
    );
}
