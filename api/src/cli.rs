//! The `isu` command line: `serve` (default), `migrate`, `openapi`.

use std::net::TcpListener;

use anyhow::{anyhow, Context};
use clap::{Args, Parser, Subcommand};

use crate::config::{DatabaseUrl, LogFormat, DEFAULT_DATABASE_URL};
use crate::db::{self, PoolOptions};
use crate::http::{self, AppState};

#[derive(Debug, Parser)]
#[command(name = "isu", version, about = "ISU API server: SU-X follow-up of children in outpatient care")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default when no command is given).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Print the OpenAPI contract (JSON) to stdout.
    Openapi,
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database: `sqlite:PATH` (embedded default) or `postgres://USER:PASSWORD@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, value_parser = parse_database_url)]
    pub database_url: DatabaseUrl,
    /// Log filter (`info`, `debug`, `isu_api=debug,actix_web=warn`, …).
    #[arg(long, env = "ISU_LOG", default_value = "info")]
    pub log_level: String,
    /// Log format.
    #[arg(long, env = "ISU_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,
    /// Seconds to wait for a database connection at start-up and per request.
    #[arg(long, env = "ISU_DB_CONNECT_TIMEOUT", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub db_connect_timeout: u64,
}

impl DbArgs {
    fn pool_options(&self, max_size: u32) -> PoolOptions {
        PoolOptions { max_size, connect_timeout: std::time::Duration::from_secs(self.db_connect_timeout) }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "ISU_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "ISU_WORKERS")]
    pub workers: Option<usize>,
    /// Largest number of pooled database connections.
    #[arg(long, env = "ISU_DB_POOL_SIZE", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub db_pool_size: u32,
}

fn parse_database_url(raw: &str) -> Result<DatabaseUrl, String> {
    raw.parse()
}

/// Runs the parsed command. Errors are returned (and printed by `main` without a panic trace).
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Openapi) => {
            print!("{}", http::openapi::document_json());
            Ok(())
        }
        Some(Command::Migrate(args)) => {
            crate::telemetry::init(&args.log_level, args.log_format)?;
            let pool = db::connect(&args.database_url, &args.pool_options(1)).map_err(|e| anyhow!(e))?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            let applied = db::migrate(&mut conn).map_err(|e| anyhow!(e))?;
            println!("{} migration(s) applied to {}", applied.len(), args.database_url.redacted());
            Ok(())
        }
        Some(Command::Serve(args)) => serve(args),
        None => serve(cli.serve),
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    crate::telemetry::init(&args.db.log_level, args.db.log_format)?;
    let url = &args.db.database_url;
    let options = args.db.pool_options(args.db_pool_size);
    let pool = db::connect(url, &options).map_err(|e| anyhow!(e))?;
    {
        let mut conn = pool.get().context("cannot get a database connection")?;
        let applied = db::migrate(&mut conn).map_err(|e| anyhow!(e))?;
        tracing::info!(applied = applied.len(), backend = url.backend_name(), "database migrated");
    }
    let listener = TcpListener::bind(&args.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", args.bind))?;
    let address = listener.local_addr().context("listener has no address")?;
    let state = AppState::new(pool);

    actix_web::rt::System::new().block_on(async move {
        let server = http::server(state, listener, args.workers)?;
        print_banner(&address.to_string(), url);
        server.await
    })?;
    tracing::info!("server stopped");
    Ok(())
}

fn print_banner(address: &str, url: &DatabaseUrl) {
    let base = format!("http://{address}");
    eprintln!(
        "\nISU API listening on {base}\n  database:  {}\n  docs:      {base}/docs/\n  contract:  {base}/openapi.json\n  health:    {base}/healthz, {base}/readyz\n  tokens:    authentication is not configured yet; all endpoints are open\n",
        url.redacted()
    );
    tracing::info!(%address, database = %url.redacted(), "listening");
}
