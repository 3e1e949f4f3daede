//! [`Database`]: the one way the rest of the service reaches the database. Reads run on pooled
//! connections; every write runs through [`Database::write`] — on SQLite the group-commit
//! writer (`writer`), on PostgreSQL a pooled connection in a transaction of its own. Both wait
//! for a permit first, so no caller, housekeeping included, can take a connection the request
//! path is counting on.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::writer::{GroupCommit, WriteError};
use super::{Backend, ConnectionManager, DbConn, DbPool, Synchronous, WriteTx};
use crate::config::DatabaseUrl;

/// How long work waits for a database connection before it is told the database is busy.
pub const POOL_WAIT: Duration = Duration::from_secs(3);

/// Why database work did not run (or did not commit). The work's own errors are returned
/// inside [`Counted::value`], untouched.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database connection became free within {POOL_WAIT:?}")]
    Busy,
    #[error("no database connection: {0}")]
    Pool(#[from] r2d2::Error),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("the commit failed: {0}")]
    Commit(diesel::result::Error),
    #[error("the database task failed: {0}")]
    Task(String),
}

/// A result, with the number of SQL statements it cost (for the `X-Db-Queries` header).
pub struct Counted<T> {
    pub value: T,
    pub queries: u64,
    /// The SQL it ran, while a `db::record_statements` guard lives (otherwise empty).
    pub statements: Vec<String>,
}

/// The pool, its permits and (on SQLite) the writer. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: DbPool,
    /// One permit per pooled connection: work waits here, asynchronously, rather than on a
    /// blocking thread parked inside the pool (64 requests for 8 connections became a futex
    /// storm that cost more CPU than the queries).
    slots: Arc<Semaphore>,
    writer: Option<GroupCommit>,
    backend: Backend,
}

impl Database {
    /// Connects, checks and migrates the database (see [`super::connect_and_migrate`]), builds
    /// the pool and, on SQLite, starts the writer.
    pub fn open(
        url: &DatabaseUrl,
        pool_size: Option<u32>,
        synchronous: Synchronous,
    ) -> anyhow::Result<Self> {
        use anyhow::Context;
        let pool = super::connect_and_migrate(url, pool_size, synchronous)?;
        let manager = ConnectionManager::new(url.clone(), synchronous);
        let backend = manager.backend();
        let writer = match backend {
            Backend::Sqlite => Some(
                GroupCommit::start(&manager).context("cannot open the SQLite write connection")?,
            ),
            Backend::Postgres => None,
        };
        Ok(Self {
            slots: Arc::new(Semaphore::new(pool.max_size() as usize)),
            pool,
            writer,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool's connections: (open, idle, maximum), for metrics.
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let state = self.pool.state();
        (
            state.connections,
            state.idle_connections,
            self.pool.max_size(),
        )
    }

    /// Runs a read on a pooled connection on the blocking thread pool, so that no async
    /// worker ever waits on the database.
    pub async fn read<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> Result<Counted<Result<T, E>>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let permit = self.slot().await?;
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut conn = pool.get()?;
            Ok(counting(|| work(&mut conn)))
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }

    /// Runs a short read — one record by id, a handful of indexed lookups — on SQLite right
    /// here on the calling thread: it takes tens of microseconds, less than handing it to
    /// another thread and back, which cost a third of a read's time (`benches/load.sh`). On
    /// PostgreSQL, where a read waits on the network, it goes through [`Self::read`].
    /// Anything that can scan (lists, search) must use [`Self::read`].
    pub async fn read_now<T, E>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    ) -> Result<Counted<Result<T, E>>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        if self.backend == Backend::Postgres {
            return self.read(work).await;
        }
        // Holding a permit means a pooled connection is free: `get` does not wait.
        let _permit = self.slot().await?;
        let mut conn = self.pool.get()?;
        Ok(counting(|| work(&mut conn)))
    }

    /// Runs a write in a transaction: committed when `work` returns `Ok`, rolled back when it
    /// returns `Err` or panics. On SQLite it joins the group commit and is answered once its
    /// batch is durable; on PostgreSQL it runs on a pooled connection, in parallel with others.
    pub async fn write<T, E>(
        &self,
        work: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E> + Send + 'static,
    ) -> Result<Counted<Result<T, E>>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
    {
        let Some(writer) = &self.writer else {
            let permit = self.slot().await?;
            let pool = self.pool.clone();
            return tokio::task::spawn_blocking(move || {
                let _permit = permit;
                let mut conn = pool.get()?;
                let counted = counting(|| super::tx::run(&mut conn, work));
                Ok(Counted {
                    value: counted.value.map_err(DbError::Commit)?,
                    queries: counted.queries,
                    statements: counted.statements,
                })
            })
            .await
            .map_err(|e| DbError::Task(e.to_string()))?;
        };
        let (reply, answer) = tokio::sync::oneshot::channel();
        writer.submit(Box::new(move |tx| {
            let Counted {
                value,
                queries,
                statements,
            } = counting(|| work(tx));
            let keep = value.is_ok();
            (
                keep,
                Box::new(move |committed: Result<(), WriteError>| {
                    let _ = reply.send(committed.map(|()| Counted {
                        value,
                        queries,
                        statements,
                    }));
                }),
            )
        }))?;
        // A dropped reply means the job never ran to completion (it panicked, or its batch
        // broke before it): nothing of it was written.
        Ok(answer
            .await
            .map_err(|_| WriteError::CommitFailed("the write was abandoned".into()))??)
    }

    async fn slot(&self) -> Result<OwnedSemaphorePermit, DbError> {
        tokio::time::timeout(POOL_WAIT, Arc::clone(&self.slots).acquire_owned())
            .await
            .map_err(|_| DbError::Busy)?
            .map_err(|_| DbError::Busy)
    }
}

/// Runs `f` and counts the SQL statements it ran on this thread.
fn counting<T>(f: impl FnOnce() -> T) -> Counted<T> {
    let before = super::queries_on_this_thread();
    drop(super::take_statements());
    let value = f();
    Counted {
        value,
        queries: super::queries_on_this_thread() - before,
        statements: super::take_statements(),
    }
}
