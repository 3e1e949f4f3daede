use clap::Parser;

use claimledger::cli::{self, Cli, Command};
use claimledger::config::{Config, log_format_from_env};
use claimledger::telemetry;

fn main() -> std::process::ExitCode {
    claimledger::memory::tune_malloc();
    let cli = Cli::parse();
    // `openapi` prints a document and needs no configuration.
    let needs_config = !matches!(cli.command, Some(Command::Openapi));
    let format = log_format_from_env().unwrap_or(claimledger::config::LogFormat::Pretty);
    telemetry::init(format);
    let result = (|| {
        let config = if needs_config {
            Config::from_env()?
        } else {
            Config::with_database(claimledger::config::DatabaseUrl::Sqlite("unused".into()))
        };
        actix_web::rt::System::new().block_on(cli::run(cli, config))
    })();
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // One line, also when a cause spans several (libpq's connection errors do).
            let message = format!("{error:#}");
            let message: Vec<&str> = message
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect();
            eprintln!("error: {}", message.join(" "));
            std::process::ExitCode::FAILURE
        }
    }
}
