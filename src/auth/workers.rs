//! Bounded password hashing. Argon2 costs each hash 7 MiB and tens of milliseconds of CPU, and
//! anyone may ask for one by logging in: so hashes run on a few threads of their own (about one
//! per core) behind a short queue, never on the blocking threads the database work runs on.
//! When every thread is busy and the queue is full, [`PasswordWorkers::try_enter`] says so at
//! once, and the caller answers `429` rather than piling up memory and latency.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::password;

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads and their queue. Dropping it ends the threads.
pub struct PasswordWorkers {
    /// One permit per thread and per queue place.
    slots: Arc<Semaphore>,
    jobs: Sender<Job>,
}

/// Every thread is busy and the queue is full.
#[derive(Debug, Clone, Copy)]
pub struct Busy;

/// A place among the workers, held from before the attempt is counted until its hash is done.
pub struct Entry<'w> {
    workers: &'w PasswordWorkers,
    _slot: OwnedSemaphorePermit,
}

impl PasswordWorkers {
    /// `threads` hashing threads (at least one) and room for `queue` more waiting.
    pub fn start(threads: usize, queue: usize) -> std::io::Result<Self> {
        let threads = threads.max(1);
        let (jobs, receiver) = channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || run(&receiver))?;
        }
        Ok(Self {
            slots: Arc::new(Semaphore::new(threads + queue)),
            jobs,
        })
    }

    /// The default size: one thread per available core, and a queue four times that.
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    }

    /// A place for one password operation, or `Busy` when there is none right now.
    pub fn try_enter(&self) -> Result<Entry<'_>, Busy> {
        let slot = Arc::clone(&self.slots)
            .try_acquire_owned()
            .map_err(|_| Busy)?;
        Ok(Entry {
            workers: self,
            _slot: slot,
        })
    }

    /// Runs `work` on a worker thread; None if it panicked.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = reply.send(work());
        });
        self.jobs.send(job).ok()?;
        answer.await.ok()
    }
}

impl Entry<'_> {
    /// `password::verify_password` on a worker thread.
    pub async fn verify(self, presented: String, stored_hash: Option<String>) -> bool {
        self.workers
            .run(move || password::verify_password(&presented, stored_hash.as_deref()))
            .await
            .unwrap_or(false)
    }

    /// `password::hash_password` on a worker thread.
    pub async fn hash(self, password: String) -> anyhow::Result<String> {
        self.workers
            .run(move || password::hash_password(&password))
            .await
            .unwrap_or_else(|| Err(anyhow::anyhow!("the password hash failed")))
    }
}

fn run(receiver: &Mutex<Receiver<Job>>) {
    loop {
        // Hold the lock only to take a job, not while running it.
        let job = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
        match job {
            // A panicking hash must not take the thread with it (its caller's reply is
            // dropped, and it sees a closed channel).
            Ok(job) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_is_refused_at_once_and_places_come_back() {
        let workers = PasswordWorkers::start(1, 1).unwrap();
        let first = workers.try_enter().unwrap();
        let second = workers.try_enter().unwrap();
        assert!(workers.try_enter().is_err());
        drop(second);
        let hash = first.hash("correct horse battery".into()).await.unwrap();
        let entry = workers.try_enter().unwrap();
        assert!(
            entry
                .verify("correct horse battery".into(), Some(hash))
                .await
        );
    }
}
