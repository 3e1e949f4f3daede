//! The database: one connection type over PostgreSQL and SQLite, its pool, the embedded
//! migrations, and the one write path (`Database::write`, handing out `WriteTx`). Store code is
//! written once against `DbConn`; where the SQL must differ per backend, the branch lives in
//! `sql`.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::{
    Instrumentation, InstrumentationEvent, SimpleConnection, TransactionManager,
};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;

use crate::config::DatabaseUrl;

mod handle;
mod migrate;
pub mod sql;
pub mod sqlite_tuning;
mod tx;
pub mod types;
pub mod writer;

pub use handle::{Counted, Database, DbError, POOL_WAIT};
pub use migrate::run_migrations;
pub use tx::WriteTx;

/// One connection to either backend. Queries written with the portable part of diesel run
/// unchanged on both.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgres(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }
}

pub type DbPool = Pool<ConnectionManager>;
pub type PooledConn = PooledConnection<ConnectionManager>;

/// Opens connections for the pool. The backend comes from the URL we were given, never from
/// trying one driver after another, so a failure reports its real cause.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    synchronous: Synchronous,
}

/// SQLite's `synchronous` setting: `Full` (the default) fsyncs the WAL at every commit, so an
/// acknowledged write survives a power loss; `Normal` fsyncs only at checkpoints, so the last
/// commits before a power loss (never before a crash of the process) can be lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    #[default]
    Full,
    Normal,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl, synchronous: Synchronous) -> Self {
        Self { url, synchronous }
    }

    pub fn backend(&self) -> Backend {
        match self.url {
            DatabaseUrl::Postgres(_) => Backend::Postgres,
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
        }
    }

    pub fn establish(&self) -> ConnectionResult<DbConn> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(url)?;
                conn.set_instrumentation(CountQueries);
                Ok(DbConn::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                sqlite_tuning::configure_once();
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers run beside the writer; the busy timeout makes a second
                // writer wait its turn instead of failing with "database is locked";
                // synchronous (FULL unless configured) decides what survives a power loss.
                // A 512 KiB page cache per connection instead of 2 MiB: reads of random claims
                // miss it either way (the OS caches the file), and nine connections' worth of
                // cache was a sixth of the server's memory under load.
                let synchronous = match self.synchronous {
                    Synchronous::Full => "FULL",
                    Synchronous::Normal => "NORMAL",
                };
                // The busy timeout first: switching to WAL needs the lock, and without a busy
                // handler a connection opening beside another fails at once ("database is
                // locked"; the writer's and the pool's first connections raced at start).
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = {synchronous};
                     PRAGMA foreign_keys = ON;
                     PRAGMA cache_size = -512;"
                ))
                .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
                conn.set_instrumentation(CountQueries);
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = ConnectionError;

    fn connect(&self) -> Result<DbConn, ConnectionError> {
        self.establish()
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ConnectionError> {
        conn.batch_execute("SELECT 1")
            .map_err(|e| ConnectionError::BadConnection(e.to_string()))
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        // A connection handed back by a panicking thread, one whose server went away, or one
        // with a transaction left open or broken, must not serve the next request.
        std::thread::panicking()
            || CONNECTION_LOST.with(|lost| lost.replace(false))
            || !matches!(
                <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn),
                diesel::connection::TransactionManagerStatus::Valid(status)
                    if status.transaction_depth().is_none()
            )
    }
}

/// Connects once (so that a bad URL or a down server is one clear error at start), runs the
/// migrations, and builds the pool.
pub fn connect_and_migrate(
    url: &DatabaseUrl,
    pool_size: Option<u32>,
    synchronous: Synchronous,
) -> anyhow::Result<DbPool> {
    if let DatabaseUrl::Sqlite(path) = url {
        create_parent_dir(path)?;
        create_private_file(path)?;
    }
    let manager = ConnectionManager::new(url.clone(), synchronous);
    // The driver's message may quote the URL's parts: it is scrubbed of the password too.
    let mut conn = manager.establish().map_err(|e| {
        anyhow::anyhow!(
            "cannot connect to the database at {}: {}",
            url.redacted(),
            url.scrub(&e.to_string())
        )
    })?;
    run_migrations(&mut conn, url).context("cannot migrate the database")?;
    drop(conn);

    let size = pool_size.unwrap_or(match manager.backend() {
        Backend::Postgres => 16,
        Backend::Sqlite => 8,
    });
    // The server keeps one connection open while idle. The one-shot commands' small pools
    // open connections only when asked: r2d2 opens the idle one on its worker thread in the
    // background, and a command that exited while that connect was under way crashed its
    // worker thread in libc (`r2d2-worker-0 segfault` in the kernel log, exit by signal).
    let min_idle = if size > 2 { 1 } else { 0 };
    let pool = Pool::builder()
        .max_size(size)
        .min_idle(Some(min_idle))
        // A lost connection shows itself on its first query (503, and `has_broken` drops
        // it); testing each one on checkout cost a round trip per request.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(3))
        .error_handler(Box::new(LogPoolErrors(url.clone())))
        .build_unchecked(manager);
    Ok(pool)
}

/// Creates the data folder when missing, private to its owner (`0700`, each folder made);
/// a folder that exists keeps its mode: it is the user's.
fn create_parent_dir(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
    }
    Ok(())
}

/// Creates an empty database file (a valid empty SQLite database) with mode `0600` when there
/// is none, before SQLite opens it: SQLite gives its `-wal` and `-shm` files the database
/// file's mode, so they are private too. An existing file keeps its mode.
fn create_private_file(path: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// Logs the pool's failed connections, scrubbed of the URL's password.
#[derive(Debug)]
struct LogPoolErrors(DatabaseUrl);

impl r2d2::HandleError<ConnectionError> for LogPoolErrors {
    fn handle_error(&self, error: ConnectionError) {
        let error = self.0.scrub(&error.to_string());
        tracing::warn!(%error, "database connection failed");
    }
}

/// True when a diesel error means "the database is not there" rather than "this query is
/// wrong": those become 503 so clients retry, and the pool reconnects by itself.
pub fn is_unavailable(error: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    is_connection_lost(error)
        || matches!(error, Error::DatabaseError(DatabaseErrorKind::Unknown, info)
            if info.message().contains("database is locked"))
}

/// True when the error means this connection is gone (PostgreSQL restarted, the backend was
/// terminated, the network dropped): the pool must not hand it out again.
fn is_connection_lost(error: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match error {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => true,
        Error::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            message.contains("server closed the connection")
                || message.contains("terminating connection")
                || message.contains("connection to server")
                || message.contains("no connection to the server")
                || message.contains("SSL connection has been closed")
                || message.contains("the database system is")
        }
        _ => false,
    }
}

thread_local! {
    static QUERIES: Cell<u64> = const { Cell::new(0) };
    /// Set when a query on this thread found its connection gone; read (and cleared) when
    /// the connection goes back to the pool, which then drops it. A connection is used and
    /// returned on one thread, so the flag belongs to the connection just used.
    static CONNECTION_LOST: Cell<bool> = const { Cell::new(false) };
    /// The SQL run on this thread while a [`record_statements`] guard lives.
    static STATEMENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// How many [`RecordingStatements`] guards are alive: while any is, each statement's SQL is
/// kept (for [`Counted::statements`]). None in the service.
///
/// A count, not a switch: tests run in parallel in one process, and one test ending its
/// recording must not stop another's midway (that once failed the query-plan test with "no
/// statements were recorded").
static RECORDERS: AtomicUsize = AtomicUsize::new(0);

/// Keeps the SQL of every statement while the guard lives, so that a caller of `Database` can
/// see what a piece of work ran — the query-plan tests explain each one on a loaded database.
#[must_use = "statements are recorded only while the guard lives"]
pub fn record_statements() -> RecordingStatements {
    RECORDERS.fetch_add(1, Ordering::Relaxed);
    RecordingStatements(())
}

/// See [`record_statements`].
pub struct RecordingStatements(());

impl Drop for RecordingStatements {
    fn drop(&mut self) {
        RECORDERS.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The statements recorded on this thread since the last call.
pub(crate) fn take_statements() -> Vec<String> {
    STATEMENTS.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Counts the SQL statements run on this thread (transaction control not included), so that a
/// request can report how many queries it cost (the `X-Db-Queries` response header).
struct CountQueries;

impl Instrumentation for CountQueries {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                QUERIES.with(|q| q.set(q.get() + 1));
                if RECORDERS.load(Ordering::Relaxed) > 0 {
                    STATEMENTS.with(|s| s.borrow_mut().push(query.to_string()));
                }
            }
            InstrumentationEvent::FinishQuery {
                error: Some(error), ..
            } if is_connection_lost(error) => CONNECTION_LOST.with(|lost| lost.set(true)),
            _ => {}
        }
    }
}

/// The number of statements run on this thread so far.
pub fn queries_on_this_thread() -> u64 {
    QUERIES.with(Cell::get)
}
