//! The write path (`Database::write`): on SQLite the group-commit writer, which runs a batch of
//! jobs in one transaction, each in a savepoint, and commits once; on PostgreSQL one
//! transaction per write on a pooled connection.
//!
//! To make a batch deterministic, a *gate* write holds the writer (on PostgreSQL: one pooled
//! connection) while the burst is submitted; each phase of the burst is spawned at once behind
//! a barrier, and every write is polled once (which, on SQLite, queues its job) before the
//! next phase or the gate's release. On SQLite the whole burst is then one batch, in phase
//! order. What a job saw is recorded from inside its transaction and from a connection of its
//! own outside, so a test can tell "visible inside but not committed" (a shared transaction)
//! from "committed".

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use claimledger::db::writer::WriteError;
use claimledger::db::{Backend, Counted, Database, DbConn, DbError, WriteTx};
use claimledger::domain::source::{Reliability, SourceDoc, SourceKind};
use claimledger::schema::{claim_tags, revisions, sources};
use claimledger::store::engine::{self, Editable};
use claimledger::store::ledger::{Ledger, RecordKind};
use claimledger::store::sources::Source;
use claimledger::store::{Author, StoreError, StoreResult};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::both_backends;
use crate::helpers::Env;

/// What a job of a burst does. Every job first writes a source titled `burst <n>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    /// Returns `Ok`: its writes are to stand.
    Commit,
    /// Returns `Err` after writing.
    Fail,
    /// Panics after writing.
    Panic,
    /// Writes a second source in a savepoint of its own, and panics inside it.
    PanicInSavepoint,
    /// Writes a row that breaks a foreign key whose check is deferred to COMMIT (SQLite:
    /// `PRAGMA defer_foreign_keys`; PostgreSQL: the scratch table's `DEFERRABLE INITIALLY
    /// DEFERRED` key), and returns `Ok`.
    DeferredFkViolation,
    /// Writes a row that breaks an ordinary foreign key: the statement fails at once.
    ImmediateFkViolation,
}

/// What a job saw of the burst's sources before it returned.
#[derive(Debug)]
struct Seen {
    /// Inside its transaction.
    inside: BTreeSet<String>,
    /// From a connection outside the write path, at the same moment: what was committed.
    outside: BTreeSet<String>,
}

#[derive(Debug)]
enum Failure {
    /// A `Job::Fail`.
    Deliberate(Seen),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<DieselError> for Failure {
    fn from(e: DieselError) -> Self {
        Failure::Store(e.into())
    }
}

/// A write's answer (without its query count).
type Outcome = Result<Result<Seen, Failure>, DbError>;

/// One job of a burst, after the burst.
#[derive(Debug)]
struct Ran {
    job: Job,
    phase: usize,
    /// The order in which the job started running (meaningful on SQLite, where jobs run one
    /// after another).
    seq: usize,
    /// The ids of the sources it wrote (before it failed or panicked).
    written: Vec<String>,
    outcome: Outcome,
}

impl Ran {
    /// The write answered, and the job's own result was `Ok`.
    fn committed_ok(&self) -> bool {
        matches!(self.outcome, Ok(Ok(_)))
    }

    fn seen(&self) -> Option<&Seen> {
        match &self.outcome {
            Ok(Ok(seen)) | Ok(Err(Failure::Deliberate(seen))) => Some(seen),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Log {
    seq: BTreeMap<usize, usize>,
    written: BTreeMap<usize, Vec<String>>,
}

/// A write that holds the writer (SQLite) or a pooled connection (PostgreSQL) until opened.
struct Gate {
    release: std::sync::mpsc::Sender<()>,
    held: tokio::task::JoinHandle<Result<Counted<Result<(), &'static str>>, DbError>>,
}

impl Gate {
    /// Returns once the gate's write is running (so its batch holds nothing else).
    async fn hold(db: &Database) -> Gate {
        let (running, started) = tokio::sync::oneshot::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let db = db.clone();
        let held = tokio::spawn(async move {
            db.write(move |_tx| {
                let _ = running.send(());
                // A bound only for a test that fails before opening the gate (dropping the
                // sender ends the wait at once anyway).
                released
                    .recv_timeout(Duration::from_secs(60))
                    .map_err(|_| "the gate was never opened")
            })
            .await
        });
        started.await.expect("the gate's write runs");
        Gate { release, held }
    }

    async fn open(self) {
        self.release.send(()).expect("the gate is waiting");
        let answer = self.held.await.expect("the gate's task");
        let Counted { value, .. } = answer.expect("the gate's write commits");
        value.expect("the gate was opened in time");
    }
}

fn source_snapshot(title: String) -> <Source as engine::Record>::Snapshot {
    Source::compose(
        SourceDoc {
            kind: SourceKind::Report,
            title,
            url: None,
            publisher: None,
            authors: vec![],
            published_at: None,
            language: None,
            reliability: Reliability::C,
            archived_url: None,
            derives_from: vec![],
        },
        None,
    )
}

fn write_source(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    author: &Author,
    title: String,
) -> StoreResult<String> {
    Ok(
        engine::create::<Source>(tx, ledger, source_snapshot(title), Some(author))?
            .meta
            .id,
    )
}

/// The burst's sources (titled `burst …`) visible on `conn`.
fn burst_sources(conn: &mut DbConn) -> QueryResult<BTreeSet<String>> {
    Ok(sources::table
        .filter(sources::title.like("burst %"))
        .select(sources::id)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

/// A row whose foreign key points nowhere: a claim tag of no claim (an ordinary key on both
/// backends), or, deferred, a child of the scratch table (PostgreSQL).
fn break_foreign_key(tx: &mut WriteTx<'_>, deferred: bool) -> QueryResult<()> {
    if deferred && tx.backend() == Backend::Postgres {
        return tx
            .conn()
            .batch_execute("INSERT INTO scratch_child (parent_id) VALUES (-1)");
    }
    diesel::insert_into(claim_tags::table)
        .values((
            claim_tags::claim_id.eq("no-such-claim"),
            claim_tags::tag.eq("poison"),
        ))
        .execute(tx.conn())
        .map(|_| ())
}

struct Shared {
    ledger: Arc<Ledger>,
    author: Author,
    outside: Arc<Mutex<DbConn>>,
    order: Arc<AtomicUsize>,
    log: Arc<Mutex<Log>>,
}

fn work(
    i: usize,
    job: Job,
    shared: &Shared,
) -> impl FnOnce(&mut WriteTx<'_>) -> Result<Seen, Failure> + Send + 'static {
    let ledger = Arc::clone(&shared.ledger);
    let author = shared.author.clone();
    let outside = Arc::clone(&shared.outside);
    let order = Arc::clone(&shared.order);
    let log = Arc::clone(&shared.log);
    move |tx| {
        let seq = order.fetch_add(1, Ordering::SeqCst);
        log.lock().unwrap().seq.insert(i, seq);
        if job == Job::DeferredFkViolation && tx.backend() == Backend::Sqlite {
            tx.conn().batch_execute("PRAGMA defer_foreign_keys = ON")?;
        }
        let id = write_source(tx, &ledger, &author, format!("burst {i}"))?;
        log.lock().unwrap().written.entry(i).or_default().push(id);
        match job {
            Job::Commit | Job::Fail => {}
            Job::Panic => panic!("job {i} panics after writing (deliberately)"),
            Job::PanicInSavepoint => {
                let _: StoreResult<()> = tx.savepoint(|tx| {
                    let id = write_source(tx, &ledger, &author, format!("burst {i}, nested"))?;
                    log.lock().unwrap().written.entry(i).or_default().push(id);
                    panic!("job {i} panics inside a savepoint (deliberately)")
                });
            }
            Job::DeferredFkViolation => break_foreign_key(tx, true)?,
            Job::ImmediateFkViolation => break_foreign_key(tx, false)?,
        }
        let seen = Seen {
            inside: burst_sources(tx.conn())?,
            outside: burst_sources(&mut outside.lock().unwrap())?,
        };
        if job == Job::Fail {
            Err(Failure::Deliberate(seen))
        } else {
            Ok(seen)
        }
    }
}

/// Runs `phases` of jobs as one burst behind a gate (see the module doc); returns every job's
/// outcome, in submission order of phases.
async fn burst(env: &Env, phases: &[&[Job]]) -> Vec<Ran> {
    let shared = Shared {
        ledger: Arc::clone(&env.ledger),
        author: env.author.clone(),
        outside: Arc::new(Mutex::new(env.outside_connection())),
        order: Arc::new(AtomicUsize::new(0)),
        log: Arc::new(Mutex::new(Log::default())),
    };
    let gate = Gate::hold(&env.db).await;
    let mut tasks = Vec::new();
    for (phase, jobs) in phases.iter().enumerate() {
        let barrier = Arc::new(tokio::sync::Barrier::new(jobs.len()));
        let (submitted, mut submissions) = tokio::sync::mpsc::unbounded_channel();
        for &job in *jobs {
            let i = tasks.len();
            let work = work(i, job, &shared);
            let db = env.db.clone();
            let barrier = Arc::clone(&barrier);
            let submitted = submitted.clone();
            let task = tokio::spawn(async move {
                barrier.wait().await;
                let mut write = std::pin::pin!(db.write(work));
                // Poll once: on SQLite that queues the job behind the gate.
                let first = std::future::poll_fn(|cx| Poll::Ready(write.as_mut().poll(cx))).await;
                let _ = submitted.send(());
                match first {
                    Poll::Ready(answer) => answer,
                    Poll::Pending => write.await,
                }
            });
            tasks.push((job, phase, task));
        }
        drop(submitted);
        for _ in 0..jobs.len() {
            submissions.recv().await.expect("every job is submitted");
        }
    }
    gate.open().await;
    let mut ran = Vec::new();
    for (i, (job, phase, task)) in tasks.into_iter().enumerate() {
        let outcome = task
            .await
            .expect("the burst's task")
            .map(|counted| counted.value);
        let log = shared.log.lock().unwrap();
        ran.push(Ran {
            job,
            phase,
            seq: *log.seq.get(&i).expect("every job ran"),
            written: log.written.get(&i).cloned().unwrap_or_default(),
            outcome,
        });
    }
    ran
}

/// The burst's sources that were committed.
async fn committed(env: &Env) -> BTreeSet<String> {
    env.read(burst_sources).await
}

/// Asserts that every source `ran` wrote stands with its one revision (and a valid chain),
/// or is gone without a trace, as `stands` says.
async fn assert_writes(env: &Env, ran: &Ran, stands: bool) {
    assert!(!ran.written.is_empty(), "{ran:?} wrote nothing");
    for id in ran.written.clone() {
        let ledger = Arc::clone(&env.ledger);
        let (found, revision_rows, integrity) = env
            .read(move |conn| -> StoreResult<_> {
                let found = engine::get::<Source>(conn, &id)
                    .ok()
                    .map(|s| s.meta.revision);
                let revision_rows: i64 = revisions::table
                    .filter(revisions::record_kind.eq(RecordKind::Sources))
                    .filter(revisions::record_id.eq(&id))
                    .count()
                    .get_result(conn)?;
                let integrity = match found {
                    Some(_) => Some(engine::integrity::<Source>(conn, &ledger, &id)?),
                    None => None,
                };
                Ok((found, revision_rows, integrity))
            })
            .await;
        if stands {
            assert_eq!(found, Some(1), "{:?} job's source is there", ran.job);
            assert_eq!(
                revision_rows, 1,
                "{:?} job's source has its revision",
                ran.job
            );
            let integrity = integrity.expect("checked");
            assert_eq!(
                (integrity.revisions, integrity.first_bad_revision),
                (1, None)
            );
        } else {
            assert_eq!(found, None, "{:?} job's source is gone: {ran:?}", ran.job);
            assert_eq!(
                revision_rows, 0,
                "{:?} job's revision is gone: {ran:?}",
                ran.job
            );
        }
    }
}

/// What each job saw of the others. On SQLite (one batch): every job saw, uncommitted, exactly
/// the writes of the jobs before it that kept theirs — never those of a job that failed or
/// panicked — and nothing of the burst was committed yet. On PostgreSQL a write sees nothing
/// of another's uncommitted transaction.
fn assert_visibility(backend: Backend, ran: &[Ran]) {
    let failed: BTreeSet<&String> = ran
        .iter()
        .filter(|r| !r.committed_ok())
        .flat_map(|r| &r.written)
        .collect();
    let mut most_seen = 0;
    for r in ran {
        let Some(seen) = r.seen() else { continue };
        let own: BTreeSet<String> = r.written.iter().cloned().collect();
        let uncommitted: BTreeSet<String> = seen
            .inside
            .difference(&seen.outside)
            .filter(|id| !own.contains(*id))
            .cloned()
            .collect();
        assert!(
            seen.outside.iter().all(|id| !failed.contains(id)),
            "a failed job's write was committed: {r:?}"
        );
        match backend {
            Backend::Sqlite => {
                let earlier: BTreeSet<String> = ran
                    .iter()
                    .filter(|other| other.committed_ok() && other.seq < r.seq)
                    .flat_map(|other| other.written.iter().cloned())
                    .collect();
                assert_eq!(
                    uncommitted, earlier,
                    "job #{} ({:?}) sees, uncommitted, exactly the kept writes of the jobs before it",
                    r.seq, r.job
                );
                assert!(
                    seen.outside.is_empty(),
                    "nothing of the batch is committed while it runs: {r:?}"
                );
                most_seen = most_seen.max(uncommitted.len());
            }
            Backend::Postgres => assert!(
                uncommitted.is_empty(),
                "a PostgreSQL write sees another's uncommitted writes: {r:?}"
            ),
        }
    }
    if backend == Backend::Sqlite {
        let kept = ran.iter().filter(|r| r.committed_ok()).count();
        assert!(
            most_seen + 1 >= kept && kept >= 2,
            "the burst ran as one batch: a job saw {most_seen} uncommitted writes of others, \
             {kept} jobs kept theirs"
        );
    }
}

/// After a burst: writes on every pooled connection still commit, and reads work.
async fn assert_still_working(env: &Env, pool_size: usize) {
    let before = committed(env).await.len();
    let mut tasks = Vec::new();
    for i in 0..2 * pool_size {
        let db = env.db.clone();
        let ledger = Arc::clone(&env.ledger);
        let author = env.author.clone();
        tasks.push(tokio::spawn(async move {
            db.write(move |tx| write_source(tx, &ledger, &author, format!("burst after {i}")))
                .await
        }));
    }
    let mut ids = BTreeSet::new();
    for task in tasks {
        let Counted { value, .. } = task.await.unwrap().expect("a later write commits");
        ids.insert(value.expect("a later write succeeds"));
    }
    let now = committed(env).await;
    assert_eq!(now.len(), before + 2 * pool_size);
    assert!(ids.is_subset(&now), "every later write is there");
}

both_backends!(burst_keeps_what_succeeded_and_only_that, |env| async move {
    use Job::{Commit, Fail};
    let first: Vec<Job> = (0..20)
        .map(|i| if i % 4 == 1 { Fail } else { Commit })
        .collect();
    let second: Vec<Job> = (0..20)
        .map(|i| if i % 3 == 0 { Fail } else { Commit })
        .collect();
    let ran = burst(&env, &[&first, &second]).await;

    for r in &ran {
        match (r.job, &r.outcome) {
            (Commit, Ok(Ok(_))) => {}
            (Fail, Ok(Err(Failure::Deliberate(_)))) => {}
            (job, outcome) => panic!("{job:?} answered {outcome:?}"),
        }
        assert_writes(&env, r, r.job == Commit).await;
    }
    let kept: BTreeSet<String> = ran
        .iter()
        .filter(|r| r.job == Commit)
        .flat_map(|r| r.written.iter().cloned())
        .collect();
    assert_eq!(kept.len(), 28);
    assert_eq!(
        committed(&env).await,
        kept,
        "exactly the Ok jobs' writes stand"
    );
    assert_visibility(env.backend, &ran);
});

both_backends!(panicking_job_is_undone_alone, |env| async move {
    use Job::{Commit, Fail, Panic, PanicInSavepoint};
    let before: Vec<Job> = (0..12)
        .map(|i| if i % 5 == 3 { Fail } else { Commit })
        .collect();
    let after: Vec<Job> = (0..12)
        .map(|i| if i % 5 == 1 { Fail } else { Commit })
        .collect();
    let ran = burst(&env, &[&before, &[Panic, PanicInSavepoint], &after]).await;

    for r in &ran {
        match (r.job, &r.outcome, env.backend) {
            (Commit, Ok(Ok(_)), _) => {}
            (Fail, Ok(Err(Failure::Deliberate(_))), _) => {}
            // The job never handed back its answer: the writer drops its reply channel.
            (
                Panic | PanicInSavepoint,
                Err(DbError::Write(WriteError::CommitFailed(why))),
                Backend::Sqlite,
            ) if why == "the write was abandoned" => {}
            (Panic | PanicInSavepoint, Err(DbError::Task(why)), Backend::Postgres)
                if why.contains("panic") => {}
            (job, outcome, _) => panic!("{job:?} answered {outcome:?}"),
        }
        assert_writes(&env, r, r.job == Commit).await;
    }
    let panicked: Vec<&Ran> = ran.iter().filter(|r| r.phase == 1).collect();
    assert_eq!(panicked[0].written.len(), 1);
    assert_eq!(
        panicked[1].written.len(),
        2,
        "it wrote a second source, nested"
    );
    if env.backend == Backend::Sqlite {
        // One batch, in phase order: jobs ran after the panics in the same transaction.
        let panics_at = panicked.iter().map(|r| r.seq).max().unwrap();
        assert!(
            ran.iter()
                .filter(|r| r.phase == 2)
                .all(|r| r.seq > panics_at && r.committed_ok() == (r.job == Commit))
        );
    }
    let kept: BTreeSet<String> = ran
        .iter()
        .filter(|r| r.job == Commit)
        .flat_map(|r| r.written.iter().cloned())
        .collect();
    assert_eq!(
        committed(&env).await,
        kept,
        "exactly the Ok jobs' writes stand"
    );
    assert_visibility(env.backend, &ran);
    assert_still_working(&env, 4).await;
});

// A pool of one connection: on PostgreSQL, the write after the failed commit reuses the very
// connection it failed on.
both_backends!(
    failed_commit_is_answered_and_leaves_nothing,
    pool = 1,
    |env| async move {
        use Job::{Commit, DeferredFkViolation, Fail, ImmediateFkViolation};
        if env.backend == Backend::Postgres {
            env.outside_connection()
                .batch_execute(
                    "CREATE TABLE scratch_parent (id BIGINT PRIMARY KEY);
                 CREATE TABLE scratch_child (
                     id BIGSERIAL PRIMARY KEY,
                     parent_id BIGINT NOT NULL
                         REFERENCES scratch_parent (id) DEFERRABLE INITIALLY DEFERRED
                 );",
                )
                .expect("create the scratch tables");
        }
        let before = [Commit, Fail, Commit, Commit, Fail, Commit];
        let after = [Commit, Commit, Fail, Commit, Commit];
        let ran = burst(&env, &[&before, &[DeferredFkViolation], &after]).await;

        match env.backend {
            // The shared COMMIT fails: every job of the batch hears so, whatever its own result.
            Backend::Sqlite => {
                for r in &ran {
                    match &r.outcome {
                        Err(DbError::Write(WriteError::CommitFailed(why)))
                            if why.contains("FOREIGN KEY constraint failed") => {}
                        other => panic!("{:?} answered {other:?}", r.job),
                    }
                    assert_writes(&env, r, false).await;
                }
                assert!(committed(&env).await.is_empty());
            }
            // Only the write that broke the key fails, at its own COMMIT.
            Backend::Postgres => {
                for r in &ran {
                    match (r.job, &r.outcome) {
                        (Commit, Ok(Ok(_))) => {}
                        (Fail, Ok(Err(Failure::Deliberate(_)))) => {}
                        (
                            DeferredFkViolation,
                            Err(DbError::Commit(DieselError::DatabaseError(
                                DatabaseErrorKind::ForeignKeyViolation,
                                _,
                            ))),
                        ) => {}
                        (job, outcome) => panic!("{job:?} answered {outcome:?}"),
                    }
                    assert_writes(&env, r, r.job == Commit).await;
                }
                let children: i64 = env
                    .read(|conn| {
                        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                            "(SELECT count(*) FROM scratch_child)",
                        ))
                        .get_result(conn)
                    })
                    .await;
                assert_eq!(children, 0, "the deferred row is gone with its transaction");
            }
        }
        let poison: i64 = env
            .read(|conn| {
                claim_tags::table
                    .filter(claim_tags::tag.eq("poison"))
                    .count()
                    .get_result(conn)
            })
            .await;
        assert_eq!(poison, 0);

        // The next batch (on PostgreSQL: the same connection) commits, and the deferral did not
        // outlive the failed transaction: a broken key fails its own statement, and only its job.
        let ran = burst(
            &env,
            &[
                &[Commit, Commit, Fail],
                &[ImmediateFkViolation],
                &[Commit, Commit],
            ],
        )
        .await;
        for r in &ran {
            match (r.job, &r.outcome) {
                (Commit, Ok(Ok(_))) => {}
                (Fail, Ok(Err(Failure::Deliberate(_)))) => {}
                (
                    ImmediateFkViolation,
                    Ok(Err(Failure::Store(StoreError::Db(DieselError::DatabaseError(
                        DatabaseErrorKind::ForeignKeyViolation,
                        _,
                    ))))),
                ) => {}
                (job, outcome) => panic!("{job:?} answered {outcome:?}"),
            }
            assert_writes(&env, r, r.job == Commit).await;
        }
        assert_visibility(env.backend, &ran);
        assert_still_working(&env, 1).await;
    }
);
