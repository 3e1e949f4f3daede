//! The write transaction as a type. Every function in `store` that writes takes a
//! [`WriteTx`], and only this module's write paths make one: the SQLite group-commit writer
//! (`writer`) and, on PostgreSQL, a pooled connection inside a transaction (`Database::write`).
//! A write through a read connection therefore does not compile.

use std::ops::{Deref, DerefMut};

use diesel::connection::{AnsiTransactionManager, TransactionManager, TransactionManagerStatus};
use diesel::prelude::*;

use super::{Backend, DbConn};

/// A connection inside a write transaction.
pub struct WriteTx<'c> {
    conn: &'c mut DbConn,
}

impl<'c> WriteTx<'c> {
    /// Only the write paths of `db` wrap a connection they have put in a transaction.
    pub(super) fn new(conn: &'c mut DbConn) -> Self {
        Self { conn }
    }

    /// The connection, for the queries of this transaction.
    pub fn conn(&mut self) -> &mut DbConn {
        self.conn
    }

    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// Runs `f` in a savepoint: when it fails, what it wrote is undone and the transaction
    /// stays usable (PostgreSQL otherwise refuses every statement after an error).
    pub fn savepoint<T, E>(
        &mut self,
        f: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        self.conn.transaction(|conn| f(&mut WriteTx { conn }))
    }
}

impl WriteTx<'_> {
    /// Serialises this transaction with every other one that locks the same `key`, until it
    /// ends. On PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the key. On
    /// SQLite nothing is needed: its one writer runs one transaction at a time.
    pub fn lock(&mut self, key: &str) -> QueryResult<()> {
        if self.backend() == Backend::Postgres {
            diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
                .bind::<diesel::sql_types::BigInt, _>(lock_id(key))
                .execute(self.conn())?;
        }
        Ok(())
    }

    /// Like [`Self::lock`], but shared: any number of transactions hold it together, and one
    /// taking it with [`Self::lock`] waits for them all (and they for it).
    pub fn lock_shared(&mut self, key: &str) -> QueryResult<()> {
        if self.backend() == Backend::Postgres {
            diesel::sql_query("SELECT pg_advisory_xact_lock_shared($1)")
                .bind::<diesel::sql_types::BigInt, _>(lock_id(key))
                .execute(self.conn())?;
        }
        Ok(())
    }

    /// Like [`Self::lock`], but gives up at once when another transaction holds the lock:
    /// `false` then.
    pub fn try_lock(&mut self, key: &str) -> QueryResult<bool> {
        #[derive(QueryableByName)]
        struct Locked {
            #[diesel(sql_type = diesel::sql_types::Bool)]
            locked: bool,
        }
        if self.backend() == Backend::Sqlite {
            return Ok(true);
        }
        let row: Locked = diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS locked")
            .bind::<diesel::sql_types::BigInt, _>(lock_id(key))
            .get_result(self.conn())?;
        Ok(row.locked)
    }
}

fn lock_id(key: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

impl Deref for WriteTx<'_> {
    type Target = DbConn;

    fn deref(&self) -> &DbConn {
        self.conn
    }
}

impl DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut DbConn {
        self.conn
    }
}

type Manager = <DbConn as Connection>::TransactionManager;

/// Runs `work` in a transaction of its own on `conn`: committed when it returns `Ok`, rolled
/// back otherwise. On SQLite it begins with `BEGIN IMMEDIATE`, taking the write lock up front:
/// a deferred transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT when
/// another writer commits in between, and the busy timeout does not retry that.
/// `Err(commit error)` when the commit itself failed (nothing was written).
pub(super) fn run<T, E>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E>,
) -> Result<Result<T, E>, diesel::result::Error> {
    match conn {
        DbConn::Sqlite(sqlite) => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?
        }
        DbConn::Postgres(pg) => AnsiTransactionManager::begin_transaction(pg)?,
    }
    let result = work(&mut WriteTx::new(conn));
    match &result {
        Ok(_) => Manager::commit_transaction(conn)?,
        Err(_) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => {}
            Err(rollback_error) => return Err(rollback_error),
        },
    }
    Ok(result)
}

/// How deep in transactions the connection is (`None`: none open, or diesel lost track).
pub(super) fn depth(conn: &mut DbConn) -> Option<u32> {
    match Manager::transaction_manager_status_mut(conn) {
        TransactionManagerStatus::Valid(status) => status.transaction_depth().map(|d| d.get()),
        TransactionManagerStatus::InError => None,
    }
}
