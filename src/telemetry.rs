//! Logging: one tracing subscriber for the whole process, `RUST_LOG` to filter (default
//! `info`), `LOG_FORMAT=json` for log shippers.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
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
