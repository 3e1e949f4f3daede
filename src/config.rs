//! Configuration: environment variables and their defaults, parsed once into a typed `Config`.
//! Secrets are wrapped so that they never reach a log line through `Debug`.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Where the data lives. The backend is chosen explicitly from the URL's scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        if raw.is_empty() {
            bail!("DATABASE_URL is empty");
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_owned()));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.contains("://") {
            bail!("DATABASE_URL must be a SQLite path, sqlite://PATH or postgres://…, not {raw:?}");
        }
        if path.is_empty() {
            bail!("DATABASE_URL names no SQLite file");
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres(url) => redact_password(url),
        }
    }

    /// The folder that keeps the generated secrets next to a SQLite database.
    pub fn data_dir(&self) -> Option<&Path> {
        match self {
            Self::Sqlite(path) => Some(
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new(".")),
            ),
            Self::Postgres(_) => None,
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Key material; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub const MIN_LEN: usize = 32;

    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub addr: String,
    pub jwt_secret: Option<Secret>,
    pub jwt_previous_secrets: Vec<Secret>,
    pub ledger_key: Option<Secret>,
    /// The Ed25519 seed that signs checkpoints; `None`: derived from the ledger key.
    pub checkpoint_key: Option<Secret>,
    /// Seconds between scheduled checkpoints (taken only when the ledger changed).
    pub checkpoint_interval_secs: i64,
    pub admin_password: Option<String>,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_secs: i64,
    pub db_pool_size: Option<u32>,
    pub workers: Option<usize>,
    pub sqlite_synchronous: crate::db::Synchronous,
    pub log_format: LogFormat,
}

impl Config {
    /// A configuration with every default, for `DATABASE_URL`.
    pub fn with_database(database_url: DatabaseUrl) -> Self {
        Self {
            database_url,
            addr: "127.0.0.1:8080".into(),
            jwt_secret: None,
            jwt_previous_secrets: Vec::new(),
            ledger_key: None,
            checkpoint_key: None,
            checkpoint_interval_secs: 3600,
            admin_password: None,
            access_token_ttl_secs: 3600,
            refresh_token_ttl_secs: 30 * 24 * 3600,
            db_pool_size: None,
            workers: None,
            sqlite_synchronous: crate::db::Synchronous::Full,
            log_format: LogFormat::Pretty,
        }
    }

    /// Reads the environment (see the configuration table in the README).
    pub fn from_env() -> anyhow::Result<Self> {
        let database_url = DatabaseUrl::parse(
            &var("DATABASE_URL").unwrap_or_else(|| "./data/claimledger.db".into()),
        )?;
        let mut config = Self::with_database(database_url);
        if let Some(addr) = var("CLAIMLEDGER_ADDR") {
            config.addr = addr;
        }
        config.jwt_secret = var("CLAIMLEDGER_JWT_SECRET")
            .map(|s| parse_secret("CLAIMLEDGER_JWT_SECRET", &s))
            .transpose()?;
        config.jwt_previous_secrets = var("CLAIMLEDGER_JWT_PREVIOUS_SECRETS")
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| parse_secret("CLAIMLEDGER_JWT_PREVIOUS_SECRETS", s))
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .transpose()?
            .unwrap_or_default();
        config.ledger_key = var("CLAIMLEDGER_LEDGER_KEY")
            .map(|s| parse_secret("CLAIMLEDGER_LEDGER_KEY", &s))
            .transpose()?;
        config.checkpoint_key = var("CLAIMLEDGER_CHECKPOINT_KEY")
            .map(|s| {
                crate::store::checkpoints::signing::parse_seed(&s)
                    .map(|seed| Secret::new(seed.to_vec()))
                    .map_err(|e| anyhow::anyhow!("CLAIMLEDGER_CHECKPOINT_KEY {e}"))
            })
            .transpose()?;
        if let Some(interval) = var("CLAIMLEDGER_CHECKPOINT_INTERVAL") {
            config.checkpoint_interval_secs =
                parse_positive("CLAIMLEDGER_CHECKPOINT_INTERVAL", &interval)?;
        }
        config.admin_password = var("CLAIMLEDGER_ADMIN_PASSWORD");
        if let Some(password) = &config.admin_password {
            crate::domain::user::NewPassword::parse(password)
                .map_err(|e| anyhow::anyhow!("CLAIMLEDGER_ADMIN_PASSWORD {e}"))?;
        }
        if let Some(ttl) = var("CLAIMLEDGER_ACCESS_TOKEN_TTL") {
            config.access_token_ttl_secs = parse_positive("CLAIMLEDGER_ACCESS_TOKEN_TTL", &ttl)?;
        }
        if let Some(ttl) = var("CLAIMLEDGER_REFRESH_TOKEN_TTL") {
            config.refresh_token_ttl_secs = parse_positive("CLAIMLEDGER_REFRESH_TOKEN_TTL", &ttl)?;
        }
        if let Some(size) = var("CLAIMLEDGER_DB_POOL_SIZE") {
            config.db_pool_size =
                Some(parse_positive("CLAIMLEDGER_DB_POOL_SIZE", &size)?.try_into()?);
        }
        if let Some(workers) = var("CLAIMLEDGER_WORKERS") {
            config.workers = Some(parse_positive("CLAIMLEDGER_WORKERS", &workers)?.try_into()?);
        }
        config.sqlite_synchronous = match var("CLAIMLEDGER_SQLITE_SYNCHRONOUS").as_deref() {
            None | Some("full") => crate::db::Synchronous::Full,
            Some("normal") => crate::db::Synchronous::Normal,
            Some(other) => bail!(
                "CLAIMLEDGER_SQLITE_SYNCHRONOUS must be `full` (every acknowledged write survives \
                 a power loss) or `normal` (faster; the last writes before a power loss can be \
                 lost), not {other:?}"
            ),
        };
        config.log_format = log_format_from_env()?;
        Ok(config)
    }
}

pub fn log_format_from_env() -> anyhow::Result<LogFormat> {
    match var("LOG_FORMAT").as_deref() {
        None | Some("pretty") => Ok(LogFormat::Pretty),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => bail!("LOG_FORMAT must be `pretty` or `json`, not {other:?}"),
    }
}

/// A set, non-empty environment variable.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_secret(name: &str, value: &str) -> anyhow::Result<Secret> {
    if value.len() < Secret::MIN_LEN {
        bail!(
            "{name} must be at least {} bytes long (it has {})",
            Secret::MIN_LEN,
            value.len()
        );
    }
    Ok(Secret::new(value.as_bytes()))
}

fn parse_positive(name: &str, value: &str) -> anyhow::Result<i64> {
    let n: i64 = value
        .trim()
        .parse()
        .with_context(|| format!("{name} must be a whole number, not {value:?}"))?;
    if n <= 0 {
        bail!("{name} must be greater than zero, not {n}");
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_choose_their_backend() {
        assert_eq!(
            DatabaseUrl::parse("./data/x.db").unwrap(),
            DatabaseUrl::Sqlite("./data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        let url = DatabaseUrl::parse("postgres://me:hunter2@db:5432/x").unwrap();
        assert_eq!(url.redacted(), "postgres://me:***@db:5432/x");
        assert!(!format!("{url:?}").contains("hunter2"));
    }
}
