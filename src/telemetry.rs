//! Logging: one tracing subscriber for the whole process, `RUST_LOG` to filter (default
//! `info`), `LOG_FORMAT=json` for log shippers. A failed request is one log line; its
//! backtrace is added only with `CLAIMLEDGER_LOG_BACKTRACES=1`.

use std::sync::atomic::{AtomicBool, Ordering};

use tracing_subscriber::EnvFilter;

static LOG_BACKTRACES: AtomicBool = AtomicBool::new(false);

/// Whether a 500's log line carries its backtrace (`CLAIMLEDGER_LOG_BACKTRACES=1`).
pub fn log_backtraces() -> bool {
    LOG_BACKTRACES.load(Ordering::Relaxed)
}

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let backtraces =
        std::env::var("CLAIMLEDGER_LOG_BACKTRACES").is_ok_and(|v| matches!(v.trim(), "1" | "true"));
    LOG_BACKTRACES.store(backtraces, Ordering::Relaxed);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour only for people at a terminal, not in files or `docker logs`.
        .with_ansi(std::io::stderr().is_terminal());
    // A second init (several apps in one test process) keeps the first subscriber.
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
}
