//! The `isu` command line: `serve` (default), `migrate`, `openapi`.

use std::net::TcpListener;

use anyhow::{anyhow, Context};
use clap::{Args, Parser, Subcommand};

use crate::config::{DatabaseUrl, LogFormat, DEFAULT_DATABASE_URL};
use crate::db::{self, PoolOptions};
use std::path::PathBuf;

use crate::auth::keys::{self, KeySet};
use crate::auth::tokens::TokenSettings;
use crate::auth::{AuthState, RateLimits, Role};
use crate::db::clients::NewClient;
use crate::http::admin::ApiClient;
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
    /// Load data: `isu seed synthetic --cases N --years 2020-2025 --seed S [--region ID]`.
    Seed {
        #[command(flatten)]
        db: DbArgs,
        #[command(subcommand)]
        what: SeedCommand,
    },
    /// Manage API clients (OAuth2 client credentials).
    Clients {
        #[command(flatten)]
        db: DbArgs,
        #[command(subcommand)]
        action: ClientsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// Fill units and cases with realistic, deterministic synthetic records (demos, benchmarks).
    Synthetic {
        /// How many records.
        #[arg(long, default_value_t = 10_000)]
        cases: usize,
        /// Closing years, `FIRST-LAST` (within 2020 and this year).
        #[arg(long, default_value = "2020-2025", value_parser = parse_years)]
        years: (i32, i32),
        /// Random seed; the same seed gives the same records. Use a new seed to add more.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only this region's municipalities (default: all 290).
        #[arg(long)]
        region: Option<String>,
    },
}

fn parse_years(raw: &str) -> Result<(i32, i32), String> {
    let (a, b) = raw.split_once('-').unwrap_or((raw, raw));
    let parse = |s: &str| s.trim().parse::<i32>().map_err(|_| format!("`{raw}` is not FIRST-LAST, e.g. 2020-2025"));
    Ok((parse(a)?, parse(b)?))
}

#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Create a client; prints `{client_id, client_secret}` once (only a hash is stored).
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: Role,
        /// A unit id (vendor, registrar); repeatable.
        #[arg(long = "unit")]
        units: Vec<String>,
        /// A municipality code: all its units (vendor, registrar); repeatable.
        #[arg(long = "municipality")]
        municipalities: Vec<String>,
        /// The region (region_analyst).
        #[arg(long)]
        region: Option<String>,
    },
    /// List clients as JSON.
    List,
    /// Revoke a client: its tokens stop working within the revocation-check interval.
    Revoke { client_id: String },
    /// Replace a client's secret; prints the new one once.
    RotateSecret { client_id: String },
}

/// Where this deployment runs. `production` never generates keys or bootstrap clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// `development` (generates a signing key and a first admin client) or `production`.
    #[arg(long = "env", env = "ISU_ENV", value_enum, default_value = "development")]
    pub environment: Environment,
    /// Ed25519 PKCS#8 PEM key files, comma-separated, newest (signing) first. Required in
    /// production; in development a key is generated at `--dev-key` when unset.
    #[arg(long, env = "ISU_JWT_KEYS", value_delimiter = ',')]
    pub jwt_keys: Vec<PathBuf>,
    /// Where the development signing key lives.
    #[arg(long, env = "ISU_DEV_KEY", default_value = "data/keys/dev-signing-key.pem")]
    pub dev_key: PathBuf,
    /// `iss` of issued tokens (and required of presented ones).
    #[arg(long, env = "ISU_TOKEN_ISSUER", default_value = "isu")]
    pub token_issuer: String,
    /// `aud` of issued tokens (and required of presented ones).
    #[arg(long, env = "ISU_TOKEN_AUDIENCE", default_value = "isu-api")]
    pub token_audience: String,
    /// Access-token lifetime in seconds.
    #[arg(long, env = "ISU_TOKEN_TTL", default_value_t = 900, value_parser = clap::value_parser!(u64).range(60..=86_400))]
    pub token_ttl: u64,
    /// Requests per second per client (token bucket).
    #[arg(long, env = "ISU_RATE_LIMIT_PER_SECOND", default_value_t = 100)]
    pub rate_limit_per_second: u32,
    /// Burst size per client.
    #[arg(long, env = "ISU_RATE_LIMIT_BURST", default_value_t = 200)]
    pub rate_limit_burst: u32,
    /// Failed token requests per client id per minute before 429.
    #[arg(long, env = "ISU_TOKEN_FAILURES_PER_MINUTE", default_value_t = 5)]
    pub token_failures_per_minute: u32,
    /// Failed token requests per source address per minute before 429.
    #[arg(long, env = "ISU_TOKEN_FAILURES_PER_ADDRESS_PER_MINUTE", default_value_t = 30)]
    pub token_failures_per_address_per_minute: u32,
    /// Client-secret verifications (Argon2id, about 19 MiB each) running at once (default: half
    /// the cores, at least one).
    #[arg(long, env = "ISU_TOKEN_HASHING_CONCURRENCY", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub token_hashing_concurrency: Option<u64>,
    /// Token requests that may wait for a verification; more are answered 429 at once.
    #[arg(long, env = "ISU_TOKEN_HASHING_QUEUE", default_value_t = 32, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub token_hashing_queue: u64,
    /// Reverse proxies (IP addresses, comma-separated) whose `X-Forwarded-For` names the client's
    /// address for the token endpoint's per-address limit. Default: none (the TCP peer counts).
    #[arg(long, env = "ISU_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl AuthArgs {
    fn key_set(&self) -> anyhow::Result<KeySet> {
        if !self.jwt_keys.is_empty() {
            return KeySet::from_files(&self.jwt_keys).map_err(|e| anyhow!("ISU_JWT_KEYS: {e}"));
        }
        if self.environment == Environment::Production {
            return Err(anyhow!("ISU_JWT_KEYS is required in production (Ed25519 PKCS#8 PEM files)"));
        }
        let key = if self.dev_key.exists() {
            keys::read_key(&self.dev_key).map_err(|e| anyhow!(e))?
        } else {
            tracing::warn!(path = %self.dev_key.display(), "generating a development signing key");
            keys::write_new_key(&self.dev_key).map_err(|e| anyhow!(e))?
        };
        KeySet::from_keys(&[key]).map_err(|e| anyhow!(e))
    }

    pub fn auth_state(&self) -> anyhow::Result<AuthState> {
        let settings = TokenSettings {
            issuer: self.token_issuer.clone(),
            audience: self.token_audience.clone(),
            lifetime_secs: self.token_ttl,
        };
        let limits = RateLimits {
            requests_per_second: self.rate_limit_per_second,
            burst: self.rate_limit_burst,
            token_failures_per_minute: self.token_failures_per_minute,
            token_failures_per_address_per_minute: self.token_failures_per_address_per_minute,
            token_hashing_concurrency: self
                .token_hashing_concurrency
                .map_or_else(crate::auth::token_guard::default_hashing_concurrency, |n| {
                    usize::try_from(n).unwrap_or(1)
                }),
            token_hashing_queue: usize::try_from(self.token_hashing_queue).unwrap_or(32),
            trusted_proxies: self.trusted_proxies.clone(),
            ..RateLimits::default()
        };
        Ok(AuthState::new(self.key_set()?, settings, &limits))
    }
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
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Largest number of pooled database connections.
    #[arg(long, env = "ISU_DB_POOL_SIZE", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub db_pool_size: u32,
    /// Statistics cache bound, in facts (one per record, about 100 bytes each); 0 turns it off.
    #[arg(long, env = "ISU_STATS_CACHE_FACTS", default_value_t = crate::stats::cache::DEFAULT_CAPACITY)]
    pub stats_cache_facts: usize,
    /// Releases: counts 1..k−1 are suppressed (at least 3).
    #[arg(long, env = "ISU_DISCLOSURE_K", default_value_t = 5)]
    pub disclosure_k: u64,
    /// Releases: shares, means, medians and percentiles only for groups of at least this size.
    #[arg(long, env = "ISU_DISCLOSURE_MIN_GROUP", default_value_t = 10)]
    pub disclosure_min_group: u64,
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
        Some(Command::Clients { db: args, action }) => clients(args, action),
        Some(Command::Seed { db: args, what }) => seed(args, what),
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
        let report = db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
        tracing::info!(backend = url.backend_name(), ?report, "database migrated and reference data loaded");
    }
    let auth = args.auth.auth_state()?;
    let bootstrap = if args.auth.environment == Environment::Development { bootstrap_admin(&pool)? } else { None };
    let listener = TcpListener::bind(&args.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", args.bind))?;
    let address = listener.local_addr().context("listener has no address")?;
    let protection = crate::stats::release::Protection::checked(args.disclosure_k, args.disclosure_min_group)
        .map_err(|e| anyhow!(e))?;
    let state = AppState::new(pool, auth).with_stats_cache(args.stats_cache_facts).with_protection(protection);

    actix_web::rt::System::new().block_on(async move {
        let server = http::server(state, listener, args.workers)?;
        print_banner(&address.to_string(), url, bootstrap.as_ref());
        server.await
    })?;
    tracing::info!("server stopped");
    Ok(())
}

/// On a database without clients, in development: an admin client for local use.
fn bootstrap_admin(pool: &db::Pool) -> anyhow::Result<Option<(String, String)>> {
    let mut conn = pool.get().context("cannot get a database connection")?;
    if db::clients::count(&mut conn)? > 0 {
        return Ok(None);
    }
    let new = NewClient {
        name: "local-admin".into(),
        role: Role::Admin,
        units: vec![],
        municipalities: vec![],
        region: None,
    };
    let (client, secret) =
        db::clients::create(&mut conn, &new).map_err(|e| anyhow!("cannot create the first admin client: {e}"))?;
    Ok(Some((client.id, secret)))
}

fn seed(args: DbArgs, what: SeedCommand) -> anyhow::Result<()> {
    crate::telemetry::init(&args.log_level, args.log_format)?;
    let SeedCommand::Synthetic { cases, years, seed, region } = what;
    let pool = db::connect(&args.database_url, &args.pool_options(1)).map_err(|e| anyhow!(e))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
    db::backend::bulk_load_mode(&mut conn).context("cannot switch to bulk-load mode")?;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive();
    let plan = crate::stats::synthetic::Plan { cases, first_year: years.0, last_year: years.1, seed, today };
    let started = std::time::Instant::now();
    let report = crate::stats::synthetic::seed(&mut conn, &plan, region.as_deref()).map_err(|e| match e {
        crate::http::problem::ApiError::Validation(errors) => {
            anyhow!("{}", errors.iter().map(|e| format!("{}: {}", e.pointer, e.message)).collect::<Vec<_>>().join("; "))
        }
        crate::http::problem::ApiError::Conflict(_) => {
            anyhow!("records of seed {seed} exist already; use another --seed to add more")
        }
        other => anyhow!("{other}"),
    })?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} synthetic records in {} units ({} new) in {seconds:.2} s ({:.0} records/s)",
        report.cases,
        report.units_used,
        report.units_created,
        report.cases as f64 / seconds.max(1e-9)
    );
    Ok(())
}

fn clients(args: DbArgs, action: ClientsCommand) -> anyhow::Result<()> {
    crate::telemetry::init(&args.log_level, args.log_format)?;
    let pool = db::connect(&args.database_url, &args.pool_options(1)).map_err(|e| anyhow!(e))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
    let fail = |e: crate::http::problem::ApiError| match e {
        crate::http::problem::ApiError::Validation(errors) => anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.pointer.trim_start_matches('/'), e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow!("{other}"),
    };
    let output = match action {
        ClientsCommand::Create { name, role, units, municipalities, region } => {
            let new = NewClient { name, role, units, municipalities, region };
            let (client, secret) = db::clients::create(&mut conn, &new).map_err(fail)?;
            serde_json::json!({"client_id": client.id, "client_secret": secret})
        }
        ClientsCommand::List => {
            let clients = db::clients::list(&mut conn).map_err(fail)?;
            serde_json::to_value(clients.into_iter().map(ApiClient::from).collect::<Vec<_>>())?
        }
        ClientsCommand::Revoke { client_id } => {
            serde_json::to_value(ApiClient::from(db::clients::revoke(&mut conn, &client_id).map_err(fail)?))?
        }
        ClientsCommand::RotateSecret { client_id } => {
            let (client, secret) = db::clients::rotate_secret(&mut conn, &client_id).map_err(fail)?;
            serde_json::json!({"client_id": client.id, "client_secret": secret})
        }
    };
    println!("{}", serde_json::to_string_pretty(&output)?);
    Ok(())
}

fn print_banner(address: &str, url: &DatabaseUrl, bootstrap: Option<&(String, String)>) {
    let base = format!("http://{address}");
    let tokens = match bootstrap {
        Some((id, secret)) => format!(
            "a first admin client was created (shown once):\n    client_id:     {id}\n    client_secret: {secret}\n  get a token:\n    curl -s -u '{id}:{secret}' -d grant_type=client_credentials {base}/oauth/token"
        ),
        None => format!(
            "POST {base}/oauth/token (client credentials); create clients with `isu clients create --name NAME --role ROLE …`"
        ),
    };
    eprintln!(
        "\nISU API listening on {base}\n  database:  {}\n  docs:      {base}/docs/\n  contract:  {base}/openapi.json\n  health:    {base}/healthz, {base}/readyz\n  tokens:    {tokens}\n",
        url.redacted()
    );
    tracing::info!(%address, database = %url.redacted(), "listening");
}
