//! Building and running the server: connect and migrate, resolve the keys, create the first
//! admin, bind the listener (port 0 works, for tests), serve until SIGTERM/SIGINT.

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use anyhow::{Context, bail};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use utoipa_swagger_ui::SwaggerUi;

use crate::api::docs::RouteTable;
use crate::api::error::ApiError;
use crate::api::{self, AppState};
use crate::auth::cache::SessionCache;
use crate::auth::jwt::JwtKeys;
use crate::auth::workers::PasswordWorkers;
use crate::auth::{password, random_password};
use crate::config::{Config, DatabaseUrl, Secret};
use crate::db::{Counted, Database};
use crate::domain::user::Role;
use crate::store;
use crate::store::checkpoints::{self, CheckpointKey, Minted};
use crate::store::ledger::Ledger;

/// The password hashing threads: one per core unless configured, and a queue four times that.
fn password_workers(config: &Config) -> anyhow::Result<PasswordWorkers> {
    let threads = config
        .password_threads
        .unwrap_or_else(PasswordWorkers::default_threads);
    let queue = config.password_queue.unwrap_or(4 * threads);
    PasswordWorkers::start(threads, queue).context("cannot start the password threads")
}

pub struct Application {
    server: Server,
    port: u16,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let config = Arc::new(config);
        let db = {
            let config = Arc::clone(&config);
            web::block(move || {
                Database::open(
                    &config.database_url,
                    config.db_pool_size,
                    config.sqlite_synchronous,
                )
            })
            .await??
        };
        let jwt_secret = jwt_secret(&config)?;
        let ledger_key = ledger_key(&config)?;
        let keys = Arc::new(JwtKeys::new(&jwt_secret, &config.jwt_previous_secrets));
        let checkpoint_key = Arc::new(CheckpointKey::resolve(
            config.checkpoint_key.as_ref(),
            &ledger_key,
        ));
        let ledger = Arc::new(Ledger::new(ledger_key));
        adopt_shipped_properties(&db, &ledger).await?;
        bootstrap_admin(&db, &ledger, config.admin_password.clone()).await?;
        web::block(password::warm_up).await?;

        spawn_housekeeping(db.clone(), config.webhooks.log_retention);
        spawn_checkpoints(
            db.clone(),
            Arc::clone(&checkpoint_key),
            config.checkpoint_interval_secs,
        );
        crate::memory::spawn_release_free_memory();
        let webhooks = Arc::new(crate::webhooks::Webhooks::new(
            db.clone(),
            Arc::clone(&ledger),
            config.webhooks.clone(),
        )?);
        if config.webhooks.worker {
            crate::webhooks::worker::spawn(Arc::clone(&webhooks));
        }
        let rechecks = Arc::new(tokio::sync::Notify::new());
        crate::store::quote_checks::spawn(db.clone(), Arc::clone(&ledger), Arc::clone(&rechecks));

        let state = AppState {
            db,
            config: Arc::clone(&config),
            keys,
            sessions: Arc::new(SessionCache::default()),
            passwords: Arc::new(password_workers(&config)?),
            ledger,
            checkpoints: Arc::new(api::ledger::Checkpoints::new(checkpoint_key)),
            metrics: metrics_handle(),
            exports: Arc::new(tokio::sync::Semaphore::new(api::CONCURRENT_EXPORTS)),
            webhooks,
            rechecks,
        };
        // Built once: the route table reads it, then it becomes the served bytes, one shared
        // buffer (each worker used to keep its own copy as a serde_json::Value, ~4 MiB each).
        let document = crate::openapi::document();
        let routes = Arc::new(RouteTable::from_openapi(&document));
        let document = web::Bytes::from(crate::openapi::served_bytes(document));

        let listener = TcpListener::bind(&config.addr)
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let port = listener.local_addr()?.port();
        let mut server = HttpServer::new(move || {
            App::new()
                .wrap(api::middleware::RequestContext)
                .app_data(web::Data::new(state.clone()))
                .app_data(web::Data::new(Arc::clone(&routes)))
                .app_data(query_config())
                .app_data(path_config())
                .configure(|cfg| {
                    api::routes(&mut utoipa_actix_web::service_config::ServiceConfig::new(
                        cfg,
                    ))
                })
                .route("/docs", web::get().to(redirect_to_docs))
                .route("/openapi.json", web::get().to(serve_document))
                .app_data(web::Data::new(OpenApiDocument(document.clone())))
                .service(
                    SwaggerUi::new("/docs/{_:.*}")
                        .config(utoipa_swagger_ui::Config::from("/openapi.json")),
                )
                .default_service(web::to(api::docs::not_matched))
        })
        .listen(listener)?
        .shutdown_timeout(30);
        if let Some(workers) = config.workers {
            server = server.workers(workers);
        }
        tracing::info!(
            address = %config.addr,
            port,
            database = %config.database_url.redacted(),
            "claimledger is listening"
        );
        Ok(Self {
            server: server.run(),
            port,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server (tests use it; SIGTERM does the same).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped. SIGTERM or SIGINT stops accepting, lets in-flight requests
    /// finish (up to 30 s) and returns Ok.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The OpenAPI document, serialised once.
struct OpenApiDocument(web::Bytes);

async fn serve_document(document: web::Data<OpenApiDocument>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(document.0.clone())
}

async fn redirect_to_docs() -> actix_web::HttpResponse {
    actix_web::HttpResponse::PermanentRedirect()
        .insert_header(("Location", "/docs/"))
        .finish()
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| {
        ApiError::bad_request("invalid_query", format!("bad query string: {error}")).into()
    })
}

fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error, _| {
        ApiError::NotFound {
            detail: format!("no such resource: {error}"),
        }
        .into()
    })
}

/// The process-wide Prometheus recorder (installed once, even with several apps in a process).
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ];
            PrometheusBuilder::new()
                .set_buckets(&buckets)
                .expect("buckets are not empty")
                .install_recorder()
                .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder().handle())
        })
        .clone()
}

/// The key that chains the ledger's revisions (see [`resolve_secret`]).
pub fn ledger_key(config: &Config) -> anyhow::Result<Secret> {
    let configured = config.ledger_key.as_ref();
    resolve_secret(config, configured, "CLAIMLEDGER_LEDGER_KEY", "ledger-key")
}

/// The secret that signs access tokens (see [`resolve_secret`]).
pub fn jwt_secret(config: &Config) -> anyhow::Result<Secret> {
    let configured = config.jwt_secret.as_ref();
    resolve_secret(config, configured, "CLAIMLEDGER_JWT_SECRET", "jwt-secret")
}

/// A configured secret; on SQLite, when none is configured, the one kept in the data folder
/// (generated on first start). PostgreSQL deployments run several instances, which must
/// share their keys, so there the variable is required.
pub fn resolve_secret(
    config: &Config,
    configured: Option<&Secret>,
    variable: &str,
    file_name: &str,
) -> anyhow::Result<Secret> {
    if let Some(secret) = configured {
        return Ok(secret.clone());
    }
    let DatabaseUrl::Sqlite(_) = config.database_url else {
        bail!(
            "{variable} is required with PostgreSQL (every instance must share it); \
             set it to a random string of at least {} bytes, e.g. `openssl rand -hex 32`",
            Secret::MIN_LEN
        );
    };
    let dir = config.database_url.data_dir().unwrap_or(Path::new("."));
    let path = dir.join(file_name);
    match std::fs::read_to_string(&path) {
        Ok(existing) if existing.trim().len() >= Secret::MIN_LEN => {
            return Ok(Secret::new(existing.trim().as_bytes()));
        }
        Ok(_) => bail!(
            "{} is too short to be a key; delete it to generate a new one",
            path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    let secret = crate::auth::random_token("", 32);
    write_private_file(&path, &secret)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated {variable} and kept it in the data folder");
    Ok(Secret::new(secret.as_bytes()))
}

pub(crate) fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// The default properties the migrations shipped get their first revision (the migrations
/// cannot write it: they never see the ledger key).
pub async fn adopt_shipped_properties(db: &Database, ledger: &Arc<Ledger>) -> anyhow::Result<()> {
    let ledger = Arc::clone(ledger);
    db.write(move |tx| store::properties::adopt_shipped(tx, &ledger))
        .await?
        .value?;
    Ok(())
}

/// With no users at all, creates `admin` with the configured password or a random one that
/// is printed once.
async fn bootstrap_admin(
    db: &Database,
    ledger: &Arc<Ledger>,
    configured_password: Option<String>,
) -> anyhow::Result<()> {
    if db.read(store::users::count).await?.value? > 0 {
        return Ok(());
    }
    let (password, generated) = match configured_password {
        Some(password) => (password, false),
        None => (random_password(), true),
    };
    let hash = {
        let password = password.clone();
        web::block(move || password::hash_password(&password)).await??
    };
    let ledger = Arc::clone(ledger);
    let created = db
        .write(move |tx| {
            let new = store::users::NewUser {
                username: "admin",
                display_name: Some("Administrator"),
                role: Role::Admin,
                password_hash: &hash,
                created_by: None,
            };
            store::users::create(tx, &ledger, new)
        })
        .await?
        .value;
    match created {
        Ok(_) => {}
        // Another instance starting at the same moment created it first.
        Err(store::StoreError::Conflict { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    if generated {
        // Printed, not only logged, so that a RUST_LOG filter cannot hide it.
        println!(
            "\nclaimledger: created the first user `admin` with password: {password}\n\
             claimledger: it is shown only this once; keep it, or set CLAIMLEDGER_ADMIN_PASSWORD before the first start.\n"
        );
    } else {
        tracing::info!(
            "created the first user `admin` with the password from CLAIMLEDGER_ADMIN_PASSWORD"
        );
    }
    Ok(())
}

/// Hourly, on every instance (harmless twice): forget idempotency keys past their retention,
/// and acknowledged webhook deliveries older than the delivery log keeps them. Writes like any
/// other: each waits for its permit (and, on SQLite, joins the group commit); deliveries go
/// in batches, so no one write holds the writer long.
fn spawn_housekeeping(db: Database, log_retention: std::time::Duration) {
    const PRUNE_BATCH: i64 = 1000;
    let log_retention =
        chrono::TimeDelta::from_std(log_retention).unwrap_or(chrono::TimeDelta::MAX);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match db.write(crate::api::idempotency::prune).await {
                Ok(Counted { value: Ok(n), .. }) if n > 0 => {
                    tracing::info!(keys = n, "pruned old idempotency keys")
                }
                Ok(Counted { value: Err(e), .. }) => {
                    tracing::warn!(error = %e, "pruning idempotency keys failed")
                }
                Err(e) => tracing::warn!(error = %e, "pruning idempotency keys failed"),
                _ => {}
            }
            let cutoff = crate::store::now() - log_retention;
            loop {
                let pruned = db
                    .write(move |tx| {
                        crate::store::webhooks::queue::prune_delivered(tx, cutoff, PRUNE_BATCH)
                    })
                    .await;
                match pruned {
                    Ok(Counted { value: Ok(n), .. }) => {
                        if n > 0 {
                            tracing::info!(deliveries = n, "pruned old webhook deliveries");
                        }
                        if (n as i64) < PRUNE_BATCH {
                            break;
                        }
                    }
                    Ok(Counted { value: Err(e), .. }) => {
                        tracing::warn!(error = %e, "pruning webhook deliveries failed");
                        break;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "pruning webhook deliveries failed");
                        break;
                    }
                }
            }
        }
    });
}

/// Every `interval_secs` (the first time one interval after start), on every instance: takes a
/// checkpoint when the ledger changed since the newest one. Reading the ledger is a plain read
/// (it blocks no writer); only the checkpoint's insert is a write. Instances that tick
/// together take one checkpoint between them (the write re-checks under a lock).
fn spawn_checkpoints(db: Database, key: Arc<CheckpointKey>, interval_secs: i64) {
    tokio::spawn(async move {
        let period = std::time::Duration::from_secs(interval_secs.max(1) as u64);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            every.tick().await;
            let state = match db.read(checkpoints::read_state).await {
                Ok(Counted {
                    value: Ok(state), ..
                }) => state,
                Ok(Counted { value: Err(e), .. }) => {
                    tracing::warn!(error = %e, "reading the ledger for a checkpoint failed");
                    continue;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "reading the ledger for a checkpoint failed");
                    continue;
                }
            };
            let key = Arc::clone(&key);
            match db
                .write(move |tx| checkpoints::mint(tx, &key, &state, 0, true))
                .await
            {
                Ok(Counted {
                    value: Ok(Minted::New(checkpoint)),
                    ..
                }) => tracing::info!(
                    id = checkpoint.id,
                    records = checkpoint.records,
                    revisions = checkpoint.revisions,
                    "took a checkpoint"
                ),
                Ok(Counted { value: Err(e), .. }) => {
                    tracing::warn!(error = %e, "taking a checkpoint failed")
                }
                Err(e) => tracing::warn!(error = %e, "taking a checkpoint failed"),
                _ => {}
            }
        }
    });
}
