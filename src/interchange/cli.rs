//! `claimledger export` and `claimledger import`: files, keys and progress around
//! [`super::export`] and [`super::import`].

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use diesel::connection::SimpleConnection;

use super::progress::Progress;
use super::{Counts, export, import};
use crate::cli::{ExportArgs, ImportArgs};
use crate::config::{Config, Secret};
use crate::db::{self, Backend, PooledConn};
use crate::startup::{ledger_key, write_private_file};
use crate::store::ledger::Ledger;

const IO_BUFFER: usize = 256 * 1024;

/// One connection to the (migrated) database.
fn connect(config: &Config) -> anyhow::Result<PooledConn> {
    let pool = db::connect_and_migrate(&config.database_url, Some(1), config.sqlite_synchronous)?;
    pool.get().context("cannot connect to the database")
}

pub fn export(config: &Config, args: &ExportArgs) -> anyhow::Result<()> {
    let key = ledger_key(config)?;
    let ledger = Ledger::new(key);
    let mut conn = connect(config)?;
    let (mut out, name): (Box<dyn Write>, String) = match &args.output {
        Some(path) => (
            Box::new(BufWriter::with_capacity(IO_BUFFER, create_private(path)?)),
            path.display().to_string(),
        ),
        None => (
            Box::new(BufWriter::with_capacity(
                IO_BUFFER,
                std::io::stdout().lock(),
            )),
            "standard output".into(),
        ),
    };
    let mut progress: Option<Progress> = None;
    let options = export::Options {
        include_credentials: args.include_credentials,
    };
    let counts = export::export(
        &mut conn,
        &ledger,
        options,
        &mut out,
        &mut |counts, done| {
            progress
                .get_or_insert_with(|| Progress::new("exported", counts.lines()))
                .update(done)
        },
    )?;
    drop(out);
    if let Some(progress) = &mut progress {
        progress.finish();
    }
    eprintln!("exported to {name}: {}", summary(&counts));
    if !args.include_credentials && counts.users > 0 {
        eprintln!(
            "without --include-credentials: the {} account(s) will have no password after an import",
            counts.users
        );
    }
    Ok(())
}

/// A new file only its owner can read (an export is the whole ledger, maybe with password
/// hashes); an existing one is replaced.
fn create_private(path: &Path) -> anyhow::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

pub fn import(config: &Config, args: &ImportArgs) -> anyhow::Result<()> {
    let input: Box<dyn BufRead> = if args.file.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(IO_BUFFER, std::io::stdin().lock()))
    } else {
        let file = File::open(&args.file)
            .with_context(|| format!("cannot open {}", args.file.display()))?;
        Box::new(BufReader::with_capacity(IO_BUFFER, file))
    };
    let mut reader = import::Reader::new(input);
    // The file and the key are checked before the database is even opened.
    let header = reader.header()?;
    let (key, keep_key_in) = import_ledger_key(config)?;
    let ledger = Ledger::new(key.clone());
    import::check_key(&header, &ledger)?;

    let mut conn = connect(config)?;
    import::check_empty(&mut conn)?;
    if conn.backend() == Backend::Sqlite {
        // A larger page cache for one long transaction (the server's connections keep 512 KiB).
        conn.batch_execute("PRAGMA cache_size = -16384")?;
    }
    let mut progress = Progress::new("imported", header.counts.lines());
    let counts = import::import(&mut conn, &header, &mut reader, &mut |done| {
        progress.update(done)
    })?;
    progress.finish();
    if let Some(path) = keep_key_in {
        write_private_file(&path, std::str::from_utf8(key.expose()).unwrap_or_default())
            .with_context(|| format!("imported, but cannot keep the key in {}", path.display()))?;
        eprintln!("kept CLAIMLEDGER_LEDGER_KEY in {}", path.display());
    }
    eprintln!(
        "imported into {}: {}",
        config.database_url.redacted(),
        summary(&counts)
    );
    if !header.credentials && counts.users > 0 {
        eprintln!(
            "the export held no password hashes: no account can log in until it is given a password \
             (create an admin with `claimledger user create --role admin`)"
        );
    }
    Ok(())
}

/// The ledger key an import checks the export against: configured, or on SQLite the one kept
/// beside the database. It is never generated here (a new key could not verify the import).
/// On SQLite, a configured key is also kept beside the new database when no key file is
/// there yet, as a first start would keep a generated one.
fn import_ledger_key(config: &Config) -> anyhow::Result<(Secret, Option<PathBuf>)> {
    let kept = config
        .database_url
        .data_dir()
        .map(|dir| dir.join("ledger-key"));
    if let Some(key) = &config.ledger_key {
        return Ok((key.clone(), kept.filter(|path| !path.exists())));
    }
    match kept {
        Some(path) if path.exists() => Ok((ledger_key(config)?, None)),
        _ => bail!(
            "CLAIMLEDGER_LEDGER_KEY is required to import: set it to the ledger key of the instance \
             that exported (on SQLite, the `ledger-key` file beside its database)"
        ),
    }
}

fn summary(c: &Counts) -> String {
    format!(
        "{} users, {} properties, {} sources, {} entities, {} claims ({} citations, {} tags), \
         {} contradictions, {} external reviews, {} revisions, {} checkpoints",
        c.users,
        c.properties,
        c.sources,
        c.entities,
        c.claims,
        c.citations,
        c.claim_tags,
        c.contradictions,
        c.external_reviews,
        c.revisions,
        c.checkpoints
    )
}
