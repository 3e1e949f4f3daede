//! Configuration: environment variables and their defaults, parsed once into a typed `Config`.
//! Secrets are wrapped so that they never reach a log line through `Debug`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
        if is_conninfo(raw) {
            bail!(
                "DATABASE_URL looks like a key=value connection string ({}); write it as a \
                 postgres://user:password@host:port/database URL",
                redact_password(raw)
            );
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.contains("://") {
            bail!(
                "DATABASE_URL must be a SQLite path, sqlite://PATH or postgres://…, not {:?}",
                redact_password(raw)
            );
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

    /// `text` (say, a driver's error message) with every password of this URL, as written and
    /// percent-decoded, replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        let Self::Postgres(url) = self else {
            return text.to_owned();
        };
        let mut text = text.to_owned();
        for range in password_ranges(url) {
            let written = &url[range];
            let decoded = percent_encoding_decode(written);
            for secret in [written.to_owned(), decoded] {
                if !secret.is_empty() {
                    text = text.replace(&secret, "***");
                }
            }
        }
        text
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

/// The text with every password in it replaced by `***`: in a URL's userinfo
/// (`postgres://me:secret@host`), in its query (`?password=secret`, any case), and in a
/// key=value connection string (`password=secret`, `password = 'a b'`).
pub fn redact_password(text: &str) -> String {
    let mut redacted = text.to_owned();
    // From the end, so that earlier ranges stay where they are.
    for range in password_ranges(text).into_iter().rev() {
        redacted.replace_range(range, "***");
    }
    redacted
}

/// Where the passwords are in a database URL or connection string, in order.
fn password_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let Some(scheme_end) = text.find("://") else {
        return conninfo_password_ranges(text);
    };
    let rest_start = scheme_end + 3;
    let rest = &text[rest_start..];
    let query_start = rest.find('?').unwrap_or(rest.len());
    // The userinfo ends at the last `@` before the query: a password may hold `@` and `/`.
    if let Some(at) = rest[..query_start].rfind('@')
        && let Some(colon) = rest[..at].find(':')
    {
        ranges.push(rest_start + colon + 1..rest_start + at);
    }
    if query_start < rest.len() {
        let mut offset = rest_start + query_start + 1;
        for pair in text[offset..].split('&') {
            if let Some((key, _)) = pair.split_once('=')
                && percent_encoding_decode(key)
                    .trim()
                    .eq_ignore_ascii_case("password")
            {
                ranges.push(offset + key.len() + 1..offset + pair.len());
            }
            offset += pair.len() + 1;
        }
    }
    ranges
}

/// The passwords of a libpq key=value string: `password=x`, `password = 'a b\'c'`.
fn conninfo_password_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("password") {
        let key_start = from + found;
        let mut i = key_start + "password".len();
        from = i;
        let preceded_ok = key_start == 0
            || text[..key_start]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        let bytes = text.as_bytes();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if !preceded_ok || i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        if bytes.get(i) == Some(&b'\'') {
            i += 1;
            while i < bytes.len() && bytes[i] != b'\'' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
        } else {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
        }
        if i > start {
            ranges.push(start..i);
        }
        from = i;
    }
    ranges
}

/// A libpq key=value connection string (`host=db user=me password=x`), not a file path.
fn is_conninfo(raw: &str) -> bool {
    const KEYS: [&str; 6] = ["host", "hostaddr", "dbname", "user", "password", "port"];
    raw.split_whitespace().any(|token| {
        token
            .split_once('=')
            .is_some_and(|(key, _)| KEYS.contains(&key.to_ascii_lowercase().as_str()))
    }) && raw.contains(' ')
}

fn percent_encoding_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
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
    /// A login session's absolute lifetime, however often it is refreshed.
    pub session_max_age_secs: i64,
    /// Threads that hash passwords (default: one per core), and how many more may wait.
    pub password_threads: Option<usize>,
    pub password_queue: Option<usize>,
    pub db_pool_size: Option<u32>,
    pub workers: Option<usize>,
    pub sqlite_synchronous: crate::db::Synchronous,
    pub log_format: LogFormat,
    /// The organisation that publishes our fact-checks (ClaimReview's `author`).
    pub publisher: Option<Publisher>,
    pub webhooks: WebhookConfig,
}

/// How webhooks are sent (`CLAIMLEDGER_WEBHOOK_…`; see the README's "Webhooks").
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// Whether this instance sends webhooks at all (`CLAIMLEDGER_WEBHOOK_WORKER`).
    pub worker: bool,
    /// Allow `http://` targets (default: https only).
    pub allow_http: bool,
    /// Allow targets on loopback, private, link-local and other non-public addresses.
    pub allow_private: bool,
    /// How often an idle subscription looks for new events.
    pub poll_interval: Duration,
    /// The first retry's delay; each next one doubles it, up to `retry_max`.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// How long a delivery is retried before its subscription is disabled.
    pub retry_window: Duration,
    pub connect_timeout: Duration,
    /// The whole attempt: connecting, sending, and reading the answer.
    pub timeout: Duration,
    /// How long the old secret still signs after a rotation.
    pub secret_grace: Duration,
    /// The service's public base URL, for links in events (`slack` messages).
    pub public_url: Option<String>,
    /// How long the delivery log keeps acknowledged deliveries (pending and failed ones stay).
    pub log_retention: Duration,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            worker: true,
            allow_http: false,
            allow_private: false,
            poll_interval: Duration::from_secs(1),
            retry_base: Duration::from_secs(10),
            retry_max: Duration::from_secs(2 * 3600),
            retry_window: Duration::from_secs(26 * 3600),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            secret_grace: Duration::from_secs(24 * 3600),
            public_url: None,
            log_retention: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

impl WebhookConfig {
    fn from_env() -> anyhow::Result<Self> {
        let mut c = Self::default();
        let flag = |name: &str, default: bool| -> anyhow::Result<bool> {
            match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => Ok(default),
                Some("1" | "true" | "yes" | "on") => Ok(true),
                Some("0" | "false" | "no" | "off") => Ok(false),
                Some(other) => bail!("{name} must be true or false, not {other:?}"),
            }
        };
        let secs = |name: &str, default: Duration| -> anyhow::Result<Duration> {
            var(name)
                .map(|v| parse_positive(name, &v).map(|n| Duration::from_secs(n as u64)))
                .transpose()
                .map(|d| d.unwrap_or(default))
        };
        c.worker = flag("CLAIMLEDGER_WEBHOOK_WORKER", c.worker)?;
        c.allow_http = flag("CLAIMLEDGER_WEBHOOK_ALLOW_HTTP", c.allow_http)?;
        c.allow_private = flag("CLAIMLEDGER_WEBHOOK_ALLOW_PRIVATE", c.allow_private)?;
        if let Some(ms) = var("CLAIMLEDGER_WEBHOOK_POLL_MS") {
            c.poll_interval =
                Duration::from_millis(parse_positive("CLAIMLEDGER_WEBHOOK_POLL_MS", &ms)? as u64);
        }
        c.retry_base = secs("CLAIMLEDGER_WEBHOOK_RETRY_BASE", c.retry_base)?;
        c.retry_max = secs("CLAIMLEDGER_WEBHOOK_RETRY_MAX", c.retry_max)?;
        c.retry_window = secs("CLAIMLEDGER_WEBHOOK_RETRY_WINDOW", c.retry_window)?;
        c.connect_timeout = secs("CLAIMLEDGER_WEBHOOK_CONNECT_TIMEOUT", c.connect_timeout)?;
        c.timeout = secs("CLAIMLEDGER_WEBHOOK_TIMEOUT", c.timeout)?;
        c.secret_grace = secs("CLAIMLEDGER_WEBHOOK_SECRET_GRACE", c.secret_grace)?;
        c.log_retention = secs("CLAIMLEDGER_WEBHOOK_LOG_RETENTION", c.log_retention)?;
        c.public_url = var("CLAIMLEDGER_PUBLIC_URL")
            .map(|u| {
                crate::domain::parse_http_url(&u)
                    .map(|u| u.trim_end_matches('/').to_owned())
                    .map_err(|e| anyhow::anyhow!("CLAIMLEDGER_PUBLIC_URL {e}"))
            })
            .transpose()?;
        Ok(c)
    }
}

/// The fact-checking organisation, as ClaimReview names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
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
            session_max_age_secs: 90 * 24 * 3600,
            password_threads: None,
            password_queue: None,
            db_pool_size: None,
            workers: None,
            sqlite_synchronous: crate::db::Synchronous::Full,
            log_format: LogFormat::Pretty,
            publisher: None,
            webhooks: WebhookConfig::default(),
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
        if let Some(age) = var("CLAIMLEDGER_SESSION_MAX_AGE") {
            config.session_max_age_secs = parse_positive("CLAIMLEDGER_SESSION_MAX_AGE", &age)?;
        }
        if let Some(threads) = var("CLAIMLEDGER_PASSWORD_THREADS") {
            config.password_threads =
                Some(parse_positive("CLAIMLEDGER_PASSWORD_THREADS", &threads)?.try_into()?);
        }
        if let Some(queue) = var("CLAIMLEDGER_PASSWORD_QUEUE") {
            config.password_queue =
                Some(parse_positive("CLAIMLEDGER_PASSWORD_QUEUE", &queue)?.try_into()?);
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
        config.publisher = publisher_from_env()?;
        config.webhooks = WebhookConfig::from_env()?;
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

fn publisher_from_env() -> anyhow::Result<Option<Publisher>> {
    let url = |name: &str| {
        var(name)
            .map(|u| crate::domain::parse_http_url(&u).map_err(|e| anyhow::anyhow!("{name} {e}")))
            .transpose()
    };
    let (url, logo) = (
        url("CLAIMLEDGER_PUBLISHER_URL")?,
        url("CLAIMLEDGER_PUBLISHER_LOGO")?,
    );
    match var("CLAIMLEDGER_PUBLISHER_NAME") {
        Some(name) => Ok(Some(Publisher {
            name: name.trim().to_owned(),
            url,
            logo,
        })),
        None if url.is_some() || logo.is_some() => {
            bail!("CLAIMLEDGER_PUBLISHER_URL and _LOGO need CLAIMLEDGER_PUBLISHER_NAME")
        }
        None => Ok(None),
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

    #[test]
    fn every_form_of_a_password_is_redacted() {
        for (raw, redacted) in [
            (
                "postgresql://me:hun@ter/2@db/x?sslmode=require",
                "postgresql://me:***@db/x?sslmode=require",
            ),
            (
                "postgres://me@db/x?sslmode=require&password=hunter2&application_name=a",
                "postgres://me@db/x?sslmode=require&password=***&application_name=a",
            ),
            (
                "postgres://db/x?PassWord=hunter2",
                "postgres://db/x?PassWord=***",
            ),
            (
                "postgres://me:p1@db/x?pass%77ord=hunter2",
                "postgres://me:***@db/x?pass%77ord=***",
            ),
            (
                "host=db password=hunter2 dbname=x",
                "host=db password=*** dbname=x",
            ),
            (
                "host=db password = 'hunter 2\\' x' dbname=x",
                "host=db password = *** dbname=x",
            ),
            ("postgres://me@db/x", "postgres://me@db/x"),
        ] {
            assert_eq!(redact_password(raw), redacted, "{raw}");
        }
        let url = DatabaseUrl::parse("postgres://me:hunter%232@db/x?password=other").unwrap();
        let scrubbed = url.scrub("FATAL: password hunter#2 (or hunter%232, other) refused");
        assert!(
            !scrubbed.contains("hunter") && !scrubbed.contains("other"),
            "{scrubbed}"
        );
        let error = DatabaseUrl::parse("host=db password=hunter2").unwrap_err();
        assert!(!format!("{error:#}").contains("hunter2"), "{error:#}");
        let error = DatabaseUrl::parse("mysql://me:hunter2@db/x").unwrap_err();
        assert!(!format!("{error:#}").contains("hunter2"), "{error:#}");
    }
}
