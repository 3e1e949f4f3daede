//! Group commit for SQLite: one thread owns the write connection and commits the writes of
//! many requests together.
//!
//! SQLite has one writer at a time, and with `synchronous=FULL` every commit waits for an
//! fsync of the WAL. One commit per request capped creates at ~500/s on this machine however
//! fast the SQL was. Here each request's work becomes a job; the writer takes every job
//! waiting, runs them one after another inside one `BEGIN IMMEDIATE` transaction — each in a
//! savepoint of its own, so a job that fails or panics undoes only itself — and commits once.
//! Only then does each request get its answer: an acknowledged write has been fsynced.
//!
//! A job that fails (or panics) is rolled back to its savepoint, exactly as if it had run
//! alone. If the batch cannot commit, no job in it is acknowledged: each is answered
//! [`WriteError::CommitFailed`] (a 503, so the client retries).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use diesel::connection::{
    AnsiTransactionManager, SimpleConnection, TransactionManager, TransactionManagerStatus,
};
use diesel::prelude::*;

use super::tx::{WriteTx, depth};
use super::{ConnectionManager, DbConn};

/// The most jobs one commit takes; the rest wait for the next.
const MAX_BATCH: usize = 256;

/// What a job hands back after running: called once the batch's fate is known.
pub type Deliver = Box<dyn FnOnce(Result<(), WriteError>) + Send>;
/// A request's write, run on the writer's connection inside the shared transaction. It answers
/// whether its writes stand (`true`) or are to be rolled back, and how to deliver its result.
pub type Job = Box<dyn FnOnce(&mut WriteTx<'_>) -> (bool, Deliver) + Send>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum WriteError {
    #[error("the shared commit failed: {0}")]
    CommitFailed(String),
    #[error("the writer has stopped")]
    Stopped,
}

/// The handle requests submit jobs through. Cheap to clone; the writer thread ends when the
/// last handle is dropped.
#[derive(Clone)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Opens the writer's own connection and starts its thread.
    pub fn start(manager: &ConnectionManager) -> ConnectionResult<Self> {
        let mut conn = manager.establish()?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut batch = vec![first];
                    batch.extend(queue.try_iter().take(MAX_BATCH - 1));
                    run_batch(&mut conn, batch);
                }
            })
            .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
        Ok(Self { jobs })
    }

    /// Queues a job. `Err` gives it back when the writer is gone.
    pub fn submit(&self, job: Job) -> Result<(), WriteError> {
        self.jobs.send(job).map_err(|_| WriteError::Stopped)
    }
}

type Manager = <DbConn as Connection>::TransactionManager;

fn run_batch(conn: &mut DbConn, batch: Vec<Job>) {
    let DbConn::Sqlite(sqlite) = conn else {
        unreachable!("group commit is for SQLite");
    };
    if let Err(error) = AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE") {
        // No shared transaction (the lock stayed busy past the timeout): run each job on its
        // own, as it would run without group commit; its own transactions decide.
        tracing::warn!(%error, "group commit could not begin; running the batch one by one");
        for job in batch {
            run_alone(conn, job);
        }
        return;
    }
    let mut delivers = Vec::with_capacity(batch.len());
    let mut intact = true;
    for job in batch {
        if !intact {
            // Dropping the job drops its reply channel: the request hears "not written".
            continue;
        }
        if Manager::begin_transaction(conn).is_err() {
            intact = false;
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| job(&mut WriteTx::new(conn)))) {
            Ok((keep, deliver)) if depth(conn) == Some(2) => {
                intact = if keep {
                    Manager::commit_transaction(conn).is_ok()
                } else {
                    Manager::rollback_transaction(conn).is_ok()
                };
                delivers.push(deliver);
            }
            // Panicked, or left a transaction of its own open: undo this job alone.
            _ => intact = unwind_to_batch(conn),
        }
    }
    let outcome = if intact {
        Manager::commit_transaction(conn).map_err(|e| WriteError::CommitFailed(e.to_string()))
    } else {
        Err(WriteError::CommitFailed(
            "a job left the transaction broken".into(),
        ))
    };
    if let Err(error) = &outcome {
        tracing::error!(%error, jobs = delivers.len(), "group commit failed; nothing in it was written");
        roll_back_everything(conn);
    }
    for deliver in delivers {
        deliver(outcome.clone());
    }
}

/// Runs one job in a transaction of its own (when no batch could begin).
fn run_alone(conn: &mut DbConn, job: Job) {
    let mut deliver = None;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        super::tx::run(conn, |tx| {
            let (keep, d) = job(tx);
            deliver = Some(d);
            if keep { Ok(()) } else { Err(()) }
        })
    }));
    let Some(deliver) = deliver else {
        // The job panicked: dropping it told its request "not written".
        roll_back_everything(conn);
        return;
    };
    match outcome {
        // The job's own answer stands, whether it kept its writes or rolled them back.
        Ok(Ok(_)) => deliver(Ok(())),
        Ok(Err(error)) => deliver(Err(WriteError::CommitFailed(error.to_string()))),
        Err(_) => {
            roll_back_everything(conn);
            deliver(Err(WriteError::CommitFailed("the write panicked".into())));
        }
    }
}

/// Rolls back to the batch transaction (depth 1), whatever the job left open.
fn unwind_to_batch(conn: &mut DbConn) -> bool {
    while let Some(d) = depth(conn) {
        if d <= 1 {
            return true;
        }
        if Manager::rollback_transaction(conn).is_err() {
            return false;
        }
    }
    false
}

fn roll_back_everything(conn: &mut DbConn) {
    loop {
        match Manager::transaction_manager_status_mut(conn) {
            TransactionManagerStatus::Valid(status) if status.transaction_depth().is_none() => {
                return;
            }
            TransactionManagerStatus::Valid(_) => {
                if Manager::rollback_transaction(conn).is_err() {
                    break;
                }
            }
            TransactionManagerStatus::InError => break,
        }
    }
    // diesel lost track: end whatever SQLite has open and start its bookkeeping afresh.
    let _ = conn.batch_execute("ROLLBACK");
    *Manager::transaction_manager_status_mut(conn) = TransactionManagerStatus::default();
}
