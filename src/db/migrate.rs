//! Bringing a database up to this release: refuse one written by a newer release, keep a copy
//! of a SQLite ledger before changing its schema, then apply the pending migrations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use diesel::connection::SimpleConnection;
use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::sqlite::Sqlite;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConn;
use crate::config::DatabaseUrl;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Applies the pending migrations of the connection's backend (see the module doc). On
/// PostgreSQL an advisory lock keeps several instances starting at once from migrating the
/// same database together.
pub fn run_migrations(conn: &mut DbConn, url: &DatabaseUrl) -> anyhow::Result<()> {
    const MIGRATION_LOCK: i64 = 0x636c_6169_6d6c_6467; // "claimldg"
    match conn {
        DbConn::Postgres(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let known = known_versions::<Pg>(&POSTGRES_MIGRATIONS)?;
            let result = check_not_newer(pg, &known, url)
                .and_then(|()| pending(pg, &known))
                .and_then(|pending| {
                    if !pending.is_empty() {
                        pg.run_pending_migrations(POSTGRES_MIGRATIONS)
                            .map_err(|e| anyhow::anyhow!(e))?;
                    }
                    Ok(())
                });
            pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            result
        }
        DbConn::Sqlite(sqlite) => {
            let known = known_versions::<Sqlite>(&SQLITE_MIGRATIONS)?;
            check_not_newer(sqlite, &known, url)?;
            let pending = pending(sqlite, &known)?;
            let Some(first) = pending.first() else {
                return Ok(());
            };
            let applied = MigrationHarness::<Sqlite>::applied_migrations(sqlite)
                .map_err(|e| anyhow::anyhow!(e))?;
            if let (DatabaseUrl::Sqlite(path), false) = (url, applied.is_empty()) {
                let copy = backup_path(path, first);
                keep_a_copy(sqlite, &copy)?;
            }
            sqlite
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!(e))
        }
    }
}

/// The versions this binary's migrations know, e.g. `20261126000001`.
fn known_versions<DB: diesel::backend::Backend>(
    source: &EmbeddedMigrations,
) -> anyhow::Result<BTreeSet<String>> {
    Ok(MigrationSource::<DB>::migrations(source)
        .map_err(|e| anyhow::anyhow!(e))?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect())
}

/// A database migrated by a newer release holds versions this binary does not know: running
/// on it could misread what the newer release wrote, so refuse, saying why.
fn check_not_newer<C, DB>(
    conn: &mut C,
    known: &BTreeSet<String>,
    url: &DatabaseUrl,
) -> anyhow::Result<()>
where
    C: MigrationHarness<DB>,
    DB: diesel::backend::Backend,
{
    let applied = conn.applied_migrations().map_err(|e| anyhow::anyhow!(e))?;
    let unknown: Vec<String> = applied
        .iter()
        .map(ToString::to_string)
        .filter(|v| !known.contains(v))
        .collect();
    if !unknown.is_empty() {
        bail!(
            "the database at {} was written by a newer release of claimledger (it has migration(s) {} \
             that this release ({}) does not know); run that release or a newer one — this one \
             would misread what it stored",
            url.redacted(),
            unknown.join(", "),
            env!("CARGO_PKG_VERSION"),
        );
    }
    Ok(())
}

/// The versions not yet applied, oldest first.
fn pending<C, DB>(conn: &mut C, known: &BTreeSet<String>) -> anyhow::Result<Vec<String>>
where
    C: MigrationHarness<DB>,
    DB: diesel::backend::Backend,
{
    let applied: BTreeSet<String> = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!(e))?
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok(known.difference(&applied).cloned().collect())
}

/// `claimledger.db` → `claimledger.db.before-20261129000004.backup`, beside it.
fn backup_path(path: &Path, first_pending: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".before-{first_pending}.backup"));
    path.with_file_name(name)
}

/// Writes a consistent copy of the whole database (`VACUUM INTO`) before its schema changes. A
/// copy left by an earlier attempt at the same migration is kept as it is: it is the older one.
fn keep_a_copy(conn: &mut diesel::SqliteConnection, copy: &Path) -> anyhow::Result<()> {
    if copy.exists() {
        tracing::info!(copy = %copy.display(), "a copy from before this migration exists; keeping it");
        return Ok(());
    }
    let target = copy.to_string_lossy().replace('\'', "''");
    conn.batch_execute(&format!("VACUUM INTO '{target}'"))
        .with_context(|| format!("cannot keep a copy of the database at {}", copy.display()))?;
    restrict_to_owner(copy);
    tracing::info!(copy = %copy.display(), "kept a copy of the database before migrating it");
    Ok(())
}

#[cfg(unix)]
fn restrict_to_owner(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_to_owner(_: &Path) {}
