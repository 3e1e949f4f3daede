//! The command line: `serve` (the default), `migrate`, `user create`, `token issue`, `openapi`,
//! `verify`, `seed`, `export`, `import`.

use std::io::Read;

use anyhow::{Context, bail};
use chrono::Duration;
use clap::{Args, Parser, Subcommand};

use crate::auth::jwt::{AUDIENCE, Claims, ISSUER, JwtKeys, TokenUse};
use crate::auth::password;
use crate::config::Config;
use crate::db::Database;
use crate::domain::user::{NewPassword, Role, Username};
use crate::startup::{Application, jwt_secret, ledger_key};
use crate::store::engine::Finding;
use crate::store::ledger::Ledger;
use crate::{db, store};
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "claimledger",
    version,
    about = "A ledger of sourced factual claims, over HTTP"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage tool tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Print the OpenAPI document.
    Openapi,
    /// Recompute every hash chain and read every record and revision; exit 1 on any fault.
    /// With `--checkpoint FILE`: check the ledger against a saved checkpoint instead.
    Verify(VerifyArgs),
    /// Load data: `--demo` loads the example dataset (idempotent).
    Seed(SeedArgs),
    /// Write the whole ledger, with every revision, as JSON Lines (to standard output by
    /// default).
    Export(ExportArgs),
    /// Rebuild a ledger from an export, into a new database (`-` reads standard input).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file (created with mode 0600) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Include users' password hashes, so that everyone can log in after an import.
    #[arg(long)]
    pub include_credentials: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export (`claimledger export`), or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A checkpoint as `GET /v1/ledger/checkpoint` returned it (JSON): recompute the root
    /// from the chains as of its feed position and compare it with the signed one.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The demo dataset built from a news analysis of the 2022 Quetta attack.
    #[arg(long, required = true)]
    pub demo: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input.
    Create(UserCreateArgs),
}

#[derive(Debug, Args)]
pub struct UserCreateArgs {
    #[arg(long)]
    pub username: String,
    #[arg(long, default_value = "viewer", value_parser = parse_role)]
    pub role: Role,
    #[arg(long)]
    pub display_name: Option<String>,
    /// Read the password from standard input (the only way: never on the command line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a named long-lived token for a tool and print it.
    Issue(TokenIssueArgs),
}

#[derive(Debug, Args)]
pub struct TokenIssueArgs {
    /// The account the token acts for.
    #[arg(long)]
    pub username: String,
    /// What the token is for.
    #[arg(long)]
    pub name: String,
    /// The token's role (at most the account's; default the account's).
    #[arg(long, value_parser = parse_role)]
    pub role: Option<Role>,
    #[arg(long, default_value_t = 365)]
    pub expires_in_days: i64,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
}

pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(config).await?;
            app.run_until_stopped().await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Migrate => {
            db::connect_and_migrate(&config.database_url, Some(1), config.sqlite_synchronous)?;
            println!("migrations applied to {}", config.database_url.redacted());
            Ok(())
        }
        Command::User(UserCommand::Create(args)) => create_user(config, args).await,
        Command::Token(TokenCommand::Issue(args)) => issue_token(config, args).await,
        Command::Seed(_) => seed(config).await,
        Command::Export(args) => {
            blocking(move || crate::interchange::cli::export(&config, &args)).await
        }
        Command::Import(args) => {
            blocking(move || crate::interchange::cli::import(&config, &args)).await
        }
        Command::Verify(VerifyArgs { checkpoint: None }) => verify(config).await,
        Command::Verify(VerifyArgs {
            checkpoint: Some(file),
        }) => verify_checkpoint(config, &file).await,
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
    }
}

/// Runs a long synchronous command off the async runtime's thread.
async fn blocking(
    work: impl FnOnce() -> anyhow::Result<()> + Send + 'static,
) -> anyhow::Result<()> {
    tokio::task::spawn_blocking(work)
        .await
        .context("the command's thread failed")?
}

/// Opens the database as the server does (checked, migrated, writes through its one write
/// path) and the ledger with its key.
fn open(config: &Config) -> anyhow::Result<(Database, Arc<Ledger>)> {
    let db = Database::open(&config.database_url, Some(2), config.sqlite_synchronous)?;
    let key = ledger_key(config)?;
    Ok((db, Arc::new(Ledger::new(key))))
}

async fn create_user(config: Config, args: UserCreateArgs) -> anyhow::Result<()> {
    let username =
        Username::parse(&args.username).map_err(|e| anyhow::anyhow!("--username {e}"))?;
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the password from standard input")?;
    let password = input.strip_suffix('\n').unwrap_or(&input);
    let password = password.strip_suffix('\r').unwrap_or(password);
    let password = NewPassword::parse(password).map_err(|e| anyhow::anyhow!("the password {e}"))?;
    let hash = password::hash_password(password.expose())?;
    let (db, ledger) = open(&config)?;
    let (role, display_name) = (args.role, args.display_name);
    let user = db
        .write(move |tx| {
            store::users::create(
                tx,
                &ledger,
                store::users::NewUser {
                    username: username.as_str(),
                    display_name: display_name.as_deref(),
                    role,
                    password_hash: &hash,
                    created_by: None,
                },
            )
        })
        .await?
        .value?;
    println!(
        "created user {} ({}) with id {}",
        user.snapshot.username, user.snapshot.role, user.meta.id
    );
    Ok(())
}

async fn issue_token(config: Config, args: TokenIssueArgs) -> anyhow::Result<()> {
    if !(1..=3650).contains(&args.expires_in_days) {
        bail!("--expires-in-days must be between 1 and 3650");
    }
    let (db, _) = open(&config)?;
    let username =
        Username::parse(&args.username).map_err(|e| anyhow::anyhow!("--username {e}"))?;
    let lookup = username.as_str().to_owned();
    let user = db
        .read(move |conn| store::users::find_by_username(conn, &lookup))
        .await?
        .value?
        .with_context(|| format!("no user named {}", username.as_str()))?;
    let role = args.role.unwrap_or(user.role);
    if role > user.role {
        bail!("--role {role} exceeds the account's role ({})", user.role);
    }
    let secret = jwt_secret(&config)?;
    let keys = JwtKeys::new(&secret, &config.jwt_previous_secrets);
    let expires_at = store::now() + Duration::days(args.expires_in_days);
    let (user_id, name) = (user.id.clone(), args.name.clone());
    let session = db
        .write(move |tx| store::sessions::create_api_token(tx, &user_id, &name, role, expires_at))
        .await?
        .value?;
    let iat = chrono::Utc::now().timestamp();
    let token = keys.sign(&Claims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: user.id.clone(),
        role,
        exp: session.expires_at.and_utc().timestamp(),
        iat,
        jti: store::new_id(),
        sid: session.id.clone(),
        token_use: TokenUse::Api,
    })?;
    eprintln!(
        "issued token {} ({role}) for {}, expires {}",
        session.id,
        user.username,
        session.expires_at.and_utc()
    );
    println!("{token}");
    Ok(())
}

async fn seed(config: Config) -> anyhow::Result<()> {
    let (db, ledger) = open(&config)?;
    crate::startup::adopt_shipped_properties(&db, &ledger).await?;
    let seed_ledger = Arc::clone(&ledger);
    let report = db
        .write(move |tx| crate::seed::seed_demo(tx, &seed_ledger))
        .await?
        .value?;
    // The quote checks against the article's capture, done now rather than by a server.
    crate::store::quote_checks::drain(&db, &ledger).await?;
    println!(
        "demo data: {} source(s), {} capture(s), {} entities and {} claims added; {} claims were already there",
        report.sources_created,
        report.captures_created,
        report.entities_created,
        report.claims_created,
        report.claims_already_there
    );
    Ok(())
}

/// Checks the ledger against a saved checkpoint: its signature (with this instance's key or
/// one a stored checkpoint was signed with), then the root recomputed from the chains as of
/// its feed position. Prints the first record that differs and fails if any does.
async fn verify_checkpoint(config: Config, file: &std::path::Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let checkpoint: store::checkpoints::Checkpoint = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a checkpoint", file.display()))?;
    let key = checkpoint_key(&config)?;
    let (db, ledger) = open(&config)?;
    let id = checkpoint.id;
    if !check_checkpoint(&db, ledger, key, checkpoint).await? {
        bail!("the ledger does not match checkpoint {id}");
    }
    Ok(())
}

/// The key that signs checkpoints: configured, or derived from the ledger key.
fn checkpoint_key(config: &Config) -> anyhow::Result<store::checkpoints::CheckpointKey> {
    let ledger_key = ledger_key(config)?;
    Ok(store::checkpoints::CheckpointKey::resolve(
        config.checkpoint_key.as_ref(),
        &ledger_key,
    ))
}

/// Verifies one checkpoint and prints the outcome: true when the ledger still gives its root.
/// A checkpoint whose signature does not verify is an error.
async fn check_checkpoint(
    db: &Database,
    ledger: Arc<Ledger>,
    key: store::checkpoints::CheckpointKey,
    checkpoint: store::checkpoints::Checkpoint,
) -> anyhow::Result<bool> {
    let id = checkpoint.id;
    let outcome = db
        .read(move |conn| {
            let position = store::checkpoints::authenticate(conn, &key, &checkpoint)?;
            store::checkpoints::verify(conn, &ledger, &checkpoint, position)
        })
        .await?
        .value;
    let verification = match outcome {
        Ok(verification) => verification,
        Err(store::StoreError::Invalid(errors)) => {
            let reasons: Vec<String> = errors
                .iter()
                .map(|e| format!("{} {}", e.pointer, e.message))
                .collect();
            bail!("checkpoint {id} is refused: {}", reasons.join("; "))
        }
        Err(e) => return Err(e.into()),
    };
    match &verification.detail {
        Some(detail) => println!("CHECKPOINT {id} BROKEN {detail}"),
        None => println!(
            "checkpoint {id} holds: {} records and {} revisions give its signed root {}",
            verification.records, verification.revisions, verification.root
        ),
    }
    Ok(verification.valid)
}

/// Recomputes every record's chain and reads every record and revision through its format:
/// prints each record that is tampered with or cannot be read, and fails if any is; then
/// checks the newest stored checkpoint, when there is one.
async fn verify(config: Config) -> anyhow::Result<()> {
    let (db, ledger) = open(&config)?;
    let ledger_for_checkpoint = Arc::clone(&ledger);
    let report = db
        .read(move |conn| crate::store::audit::audit_all(conn, &ledger))
        .await?
        .value?;
    for (record, finding) in &report.findings {
        match finding {
            Finding::Tampered { first_bad_revision } => {
                println!("TAMPERED {record}: first bad revision {first_bad_revision}")
            }
            Finding::Unreadable { detail } => println!("UNREADABLE {record}: {detail}"),
            Finding::RowMismatch { detail } => println!("MISMATCH {record}: {detail}"),
        }
    }
    // The newest checkpoint, when there is one: a dropped tail or record shows only there.
    let key = checkpoint_key(&config)?;
    let latest = db.read(store::checkpoints::latest).await?.value?;
    let checkpoint_holds = match latest {
        Some(checkpoint) => {
            check_checkpoint(&db, Arc::clone(&ledger_for_checkpoint), key, checkpoint).await?
        }
        None => true,
    };
    let bad = report.bad_records();
    let unreadable = match report.unreadable() {
        0 => String::new(),
        n => format!("; {n} unreadable record(s)"),
    };
    let mismatched = match report.mismatched() {
        0 => String::new(),
        n => format!("; {n} live record(s) differ from their head revision"),
    };
    println!(
        "checked {} revisions of {} records: {} broken chain(s){unreadable}{mismatched}",
        report.revisions,
        report.records,
        report.tampered(),
    );
    if bad > 0 {
        bail!("{bad} record(s) failed verification");
    }
    if !checkpoint_holds {
        bail!("the ledger does not match its newest checkpoint");
    }
    Ok(())
}
