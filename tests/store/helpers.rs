//! A fresh database per test — a temp-file SQLite, or a new PostgreSQL database under
//! `TEST_DATABASE_URL` (dropped afterwards) — opened through `Database::open`, with the
//! shipped properties adopted, one user to write as and one source to cite.
//!
//! Every test is written once with `both_backends!` and runs on each backend.

use std::sync::Arc;

use claimledger::config::{DatabaseUrl, Secret};
use claimledger::db::{
    Backend, ConnectionManager, Counted, Database, DbConn, Synchronous, WriteTx,
};
use claimledger::domain::claim::ClaimDoc;
use claimledger::domain::entity::{EntityDoc, EntityKind};
use claimledger::domain::source::{SourceDoc, SourceKind};
use claimledger::domain::user::Role;
use claimledger::store::claims::Claim;
use claimledger::store::engine::{self, Change, Editable, Stored};
use claimledger::store::entities::Entity;
use claimledger::store::ledger::Action;
use claimledger::store::ledger::Ledger;
use claimledger::store::sources::Source;
use claimledger::store::{Author, StoreResult, users};
use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use serde_json::{Value, json};

pub const LEDGER_KEY: &str = "store-tests-ledger-key-at-least-32-bytes";

/// Why a PostgreSQL test built with `cfg(pg_tests)` finds no `TEST_DATABASE_URL` at run time
/// (the test binary was run by hand, outside `cargo test`).
pub const PG_URL_GONE: &str =
    "TEST_DATABASE_URL was set when the tests were built (cfg(pg_tests)) but is not set now";

/// A fresh, empty database that removes itself when dropped.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDatabase {
    /// None when the backend is PostgreSQL and `TEST_DATABASE_URL` is unset (outside CI).
    pub fn create(backend: Backend) -> Option<TestDatabase> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("claimledger.db");
                Some(TestDatabase {
                    url: DatabaseUrl::Sqlite(path),
                    _dir: Some(dir),
                    pg: None,
                })
            }
            Backend::Postgres => {
                let admin_url = match std::env::var("TEST_DATABASE_URL") {
                    Ok(url) if !url.is_empty() => url,
                    _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
                        panic!("CI=true but TEST_DATABASE_URL is not set")
                    }
                    _ => return None,
                };
                let name = format!("claimledger_store_{}", uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL: {e}"));
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create the test database");
                Some(TestDatabase {
                    url: DatabaseUrl::Postgres(replace_database(&admin_url, &name)),
                    _dir: None,
                    pg: Some((admin_url, name)),
                })
            }
        }
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

/// An opened database with what every test writes with.
pub struct Env {
    // Dropped before `test_db`: the pool and the writer let go of the database first.
    pub db: Database,
    pub ledger: Arc<Ledger>,
    pub author: Author,
    /// A source every claim may cite.
    pub source_id: String,
    pub backend: Backend,
    pub test_db: TestDatabase,
}

impl Env {
    /// A fresh database of `backend` with a pool of `pool_size`; None when PostgreSQL is not
    /// configured.
    pub async fn open(backend: Backend, pool_size: u32) -> Option<Env> {
        let test_db = TestDatabase::create(backend)?;
        let url = test_db.url.clone();
        let db = tokio::task::spawn_blocking(move || {
            Database::open(&url, Some(pool_size), Synchronous::Full)
        })
        .await
        .expect("open task")
        .expect("the database opens and migrates");
        assert_eq!(db.backend(), backend);
        let ledger = Arc::new(Ledger::new(Secret::new(LEDGER_KEY)));
        claimledger::startup::adopt_shipped_properties(&db, &ledger)
            .await
            .expect("adopt the shipped properties");
        let mut env = Env {
            db,
            ledger,
            author: Author::new(""),
            source_id: String::new(),
            backend,
            test_db,
        };
        let user = env
            .write(|tx, ledger, _| {
                users::create(
                    tx,
                    ledger,
                    users::NewUser {
                        username: "analyst",
                        display_name: Some("Analyst"),
                        role: Role::Editor,
                        password_hash: "not-a-real-hash",
                        created_by: None,
                    },
                )
            })
            .await;
        env.author = Author::new(user.meta.id);
        env.source_id = env.source("The source every claim cites").await;
        Some(env)
    }

    /// Runs `work` in a write transaction; panics unless the write committed and succeeded.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut WriteTx<'_>, &Ledger, &Author) -> StoreResult<T> + Send + 'static,
    ) -> T {
        let ledger = Arc::clone(&self.ledger);
        let author = self.author.clone();
        let Counted { value, .. } = self
            .db
            .write(move |tx| work(tx, &ledger, &author))
            .await
            .expect("the write commits");
        value.expect("the write succeeds")
    }

    /// Like [`Self::write`], with the SQL statements the write ran (recorded only while
    /// a `db::record_statements` guard lives).
    pub async fn write_recorded<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut WriteTx<'_>, &Ledger, &Author) -> StoreResult<T> + Send + 'static,
    ) -> (T, Vec<String>) {
        let ledger = Arc::clone(&self.ledger);
        let author = self.author.clone();
        let Counted {
            value, statements, ..
        } = self
            .db
            .write(move |tx| work(tx, &ledger, &author))
            .await
            .expect("the write commits");
        (value.expect("the write succeeds"), statements)
    }

    /// Like [`Self::read`], with the SQL statements the read ran.
    pub async fn read_recorded<T: Send + 'static, E: std::fmt::Debug + Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> (T, Vec<String>) {
        let Counted {
            value, statements, ..
        } = self.db.read(work).await.expect("a connection");
        (value.expect("the read succeeds"), statements)
    }

    /// Runs `work` on a pooled read connection; panics unless it succeeds.
    pub async fn read<T: Send + 'static, E: std::fmt::Debug + Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> T {
        self.db
            .read(work)
            .await
            .expect("a connection")
            .value
            .expect("the read succeeds")
    }

    /// A connection of its own, outside the pool and the writer (it sees only what is
    /// committed).
    pub fn outside_connection(&self) -> DbConn {
        ConnectionManager::new(self.test_db.url.clone(), Synchronous::Full)
            .establish()
            .expect("a connection of its own")
    }

    /// Creates a source; its id.
    pub async fn source(&self, title: &str) -> String {
        let doc = SourceDoc {
            kind: SourceKind::Article,
            title: title.to_owned(),
            url: None,
            publisher: Some("Test Wire".into()),
            authors: vec![],
            published_at: None,
            language: Some("en".into()),
            reliability: claimledger::domain::source::Reliability::B,
            archived_url: None,
            derives_from: vec![],
        };
        self.write(move |tx, ledger, author| {
            engine::create::<Source>(tx, ledger, Source::compose(doc, None), Some(author))
        })
        .await
        .meta
        .id
    }

    /// Creates an entity; its id.
    pub async fn entity(&self, kind: EntityKind, name: &str) -> String {
        let doc = EntityDoc {
            kind,
            name: name.to_owned(),
            aliases: vec![],
            description: None,
        };
        self.write(move |tx, ledger, author| {
            engine::create::<Entity>(tx, ledger, Entity::compose(doc, None), Some(author))
        })
        .await
        .meta
        .id
    }

    /// Edits a claim: `change` applied to its document, written as its next revision (as a
    /// PATCH would write it).
    pub async fn edit(
        &self,
        claim: &str,
        change: impl FnOnce(&mut ClaimDoc) + Send + 'static,
    ) -> Stored<Claim> {
        let claim = claim.to_owned();
        self.write(move |tx, ledger, author| {
            let current = engine::get::<Claim>(tx.conn(), &claim)?;
            let mut doc = Claim::doc(&current.snapshot);
            change(&mut doc);
            let snapshot = Claim::compose(doc, Some(&current.snapshot));
            engine::change(
                tx,
                ledger,
                &current,
                snapshot,
                Change::now(Action::Update, Some(author)),
            )
        })
        .await
    }

    /// Retracts (`Some(reason)`) or restores (`None`) a claim.
    pub async fn retract(&self, claim: &str, reason: Option<&str>) -> Stored<Claim> {
        let claim = claim.to_owned();
        let reason = reason.map(str::to_owned);
        self.write(move |tx, ledger, author| {
            let current = engine::get::<Claim>(tx.conn(), &claim)?;
            engine::set_retracted(tx, ledger, &current, reason, author)
        })
        .await
    }

    /// Creates a claim from `doc` (see [`claim_doc`]).
    pub async fn claim(&self, doc: ClaimDoc) -> Stored<Claim> {
        self.write(move |tx, ledger, author| {
            claimledger::store::claims::create(tx, ledger, doc, author)
        })
        .await
    }
}

/// A claim document citing `source_id`, with `extra` (JSON of the other fields) merged in,
/// validated as the API would.
pub fn claim_doc(source_id: &str, statement: &str, extra: Value) -> ClaimDoc {
    let mut body = json!({
        "statement": statement,
        "confidence": 0.5,
        "citations": [{"source_id": source_id}],
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    let doc: ClaimDoc = serde_json::from_value(body).expect("a claim document");
    doc.validate()
        .unwrap_or_else(|e| panic!("an invalid claim document: {e:?}"))
}

/// Writes one async test that runs on SQLite and, when configured, on PostgreSQL:
/// `both_backends!(name, |env| async move { ... });` makes `name::sqlite` and
/// `name::postgres` (`pool = n,` before the closure sets the pool size; 4 otherwise).
///
/// The PostgreSQL variant is `#[ignore]`d unless `TEST_DATABASE_URL` was set for the build
/// (build.rs sets `cfg(pg_tests)`), so `cargo test` reports it as ignored, never as passed.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$env:ident| $body:expr) => {
        $crate::both_backends!($name, pool = 4, |$env| $body);
    };
    ($name:ident, pool = $pool:expr, |$env:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($env: $crate::helpers::Env) {
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let env = $crate::helpers::Env::open(claimledger::db::Backend::Sqlite, $pool)
                    .await
                    .expect("SQLite needs no configuration");
                run(env).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
            async fn postgres() {
                let env = $crate::helpers::Env::open(claimledger::db::Backend::Postgres, $pool)
                    .await
                    .expect($crate::helpers::PG_URL_GONE);
                run(env).await;
            }
        }
    };
}
