//! The `isu` command line: `serve` (default), `migrate`, `openapi`, `seed`, `clients`, `demo`.

use std::fmt::Write as _;
use std::net::TcpListener;

use anyhow::{anyhow, Context};
use clap::{Args, Parser, Subcommand};

use crate::config::{DatabaseUrl, LogFormat, DEFAULT_DATABASE_URL};
use isu_store::{self as db, PoolOptions};
use std::path::PathBuf;
use std::time::Duration;

use isu_http::admin::ApiClient;
use isu_http::auth::keys::{self, KeySet};
use isu_http::auth::tokens::TokenSettings;
use isu_http::auth::{secrets, AuthState, RateLimits, Role, RoleScopes};
use isu_http::{self as http, AppState};
use isu_store::clients::NewClient;

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
    /// A demo on an empty database: synthetic records for three regions, releases, a client per
    /// role; prints a token per role and the links to try. Then `isu serve` on the same database.
    Demo(DemoArgs),
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
        /// First create the regions of an organisation that do not exist yet: `national` (the
        /// built-in one: 21 regions covering all 290 municipalities, the seeded regions kept) or a
        /// JSON file `[{"id", "name", "municipalities": ["0180", "county:03", …]}]`.
        #[arg(long)]
        organisation: Option<String>,
        /// How records spread over the units: `even`, or `population` (as the municipalities'
        /// populations, so a Stockholm-sized region sits next to a Gotland-sized one). Default:
        /// `population` with `--organisation`, else `even`.
        #[arg(long, value_enum)]
        spread: Option<SpreadArg>,
    },
}

/// `--spread` on the command line ([`Spread`](isu_core::stats::synthetic::Spread), which the use
/// case defines without knowing about command lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SpreadArg {
    /// The same number in every unit.
    Even,
    /// In proportion to the municipalities' populations.
    Population,
}

impl From<SpreadArg> for isu_core::stats::synthetic::Spread {
    fn from(arg: SpreadArg) -> Self {
        match arg {
            SpreadArg::Even => Self::Even,
            SpreadArg::Population => Self::Population,
        }
    }
}

/// `--release-method`: the names the API uses ([`ReleaseMethod::parse`]), which the use case
/// defines without knowing about command lines.
///
/// [`ReleaseMethod::parse`]: isu_core::stats::release::ReleaseMethod::parse
fn parse_release_method(raw: &str) -> Result<isu_core::stats::release::ReleaseMethod, String> {
    isu_core::stats::release::ReleaseMethod::parse(raw)
        .ok_or_else(|| format!("`{raw}` is not a release method; use suppression or cell_key"))
}

fn parse_years(raw: &str) -> Result<(i32, i32), String> {
    let (a, b) = raw.split_once('-').unwrap_or((raw, raw));
    let parse = |s: &str| s.trim().parse::<i32>().map_err(|_| format!("`{raw}` is not FIRST-LAST, e.g. 2020-2025"));
    Ok((parse(a)?, parse(b)?))
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Where the server will listen (for the printed links).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    /// Synthetic records per region and year.
    #[arg(long, default_value_t = 1_500)]
    pub cases: usize,
    /// Closing years, `FIRST-LAST`.
    #[arg(long, default_value = "2023-2024", value_parser = parse_years)]
    pub years: (i32, i32),
    /// Regions to fill (comma-separated ids; default the three seeded regions).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "fou-valfard-gavleborg,fou-nordvast,fou-socialtjanst-vasterbotten"
    )]
    pub regions: Vec<String>,
    /// Skip the national release (the slowest part).
    #[arg(long)]
    pub no_national: bool,
    /// Also write the clients, tokens and release ids as JSON to this file (for scripts).
    #[arg(long)]
    pub json: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Create a client; prints `{client_id, client_secret}` once (only a hash is stored).
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = parse_role)]
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
    /// Seconds an instance may go on honouring the tokens of a client revoked (through any
    /// instance) before it looks again.
    #[arg(long, env = "ISU_REVOCATION_CHECK_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=300))]
    pub revocation_check_secs: u64,
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
        let mut limits = RateLimits {
            requests_per_second: self.rate_limit_per_second,
            burst: self.rate_limit_burst,
            token_failures_per_minute: self.token_failures_per_minute,
            token_failures_per_address_per_minute: self.token_failures_per_address_per_minute,
            token_hashing_concurrency: self
                .token_hashing_concurrency
                .map_or_else(isu_http::auth::token_guard::default_hashing_concurrency, |n| {
                    usize::try_from(n).unwrap_or(1)
                }),
            token_hashing_queue: usize::try_from(self.token_hashing_queue).unwrap_or(32),
            trusted_proxies: self.trusted_proxies.clone(),
            ..RateLimits::default()
        };
        limits.revocation_check = Duration::from_secs(self.revocation_check_secs);
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
    /// Seconds to wait for the database at start-up, and for each new connection to open.
    #[arg(long, env = "ISU_DB_CONNECT_TIMEOUT", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub db_connect_timeout: u64,
}

impl DbArgs {
    fn connect_timeout(&self) -> Duration {
        Duration::from_secs(self.db_connect_timeout)
    }

    /// One-off commands: one connection, no statement timeout (migrations and loads run long).
    fn command_pool_options(&self) -> PoolOptions {
        PoolOptions::for_command(self.connect_timeout())
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
    /// Milliseconds a request waits for a pooled database connection before it is answered 503.
    #[arg(long, env = "ISU_DB_CHECKOUT_TIMEOUT_MS", default_value_t = 3_000, value_parser = clap::value_parser!(u64).range(100..=300_000))]
    pub db_checkout_timeout_ms: u64,
    /// PostgreSQL `statement_timeout` of the server's connections, in milliseconds (0: the
    /// server's own setting). A request waiting longer on one statement is answered 503.
    #[arg(long, env = "ISU_DB_STATEMENT_TIMEOUT_MS", default_value_t = 4_000, value_parser = clap::value_parser!(u64).range(0..=3_600_000))]
    pub db_statement_timeout_ms: u64,
    /// Statistics cache bound, in facts (one per record, about 100 bytes each); 0 turns it off.
    #[arg(long, env = "ISU_STATS_CACHE_FACTS", default_value_t = isu_core::stats::cache::DEFAULT_CAPACITY)]
    pub stats_cache_facts: usize,
    /// Releases: counts 1..k−1 are suppressed (at least 3).
    #[arg(long, env = "ISU_DISCLOSURE_K", default_value_t = 5)]
    pub disclosure_k: u64,
    /// Releases: shares, means, medians and percentiles only for groups of at least this size.
    #[arg(long, env = "ISU_DISCLOSURE_MIN_GROUP", default_value_t = 10)]
    pub disclosure_min_group: u64,
    /// Protected statistics (cell-key method): the largest deviation D of a published count.
    #[arg(long, env = "ISU_CELLKEY_MAX_DEVIATION", default_value_t = 4)]
    pub cellkey_max_deviation: u32,
    /// Protected statistics: the variance V of the perturbation of large counts.
    #[arg(long, env = "ISU_CELLKEY_VARIANCE", default_value_t = 3.0)]
    pub cellkey_variance: f64,
    /// Protected statistics: published counts 1..js never occur.
    #[arg(long, env = "ISU_CELLKEY_JS", default_value_t = 4)]
    pub cellkey_js: u32,
    /// Protected statistics: noise on means and medians, as a share of the most one child can
    /// move them (1..=10).
    #[arg(long, env = "ISU_CELLKEY_MAGNITUDE_SHARE", default_value_t = 1.0)]
    pub cellkey_magnitude_share: f64,
    /// Releases: how a release is protected when the request does not say (`suppression` or
    /// `cell_key`, with the ISU_CELLKEY_* parameters). A scope-year's versions keep their first
    /// version's method.
    #[arg(long, env = "ISU_RELEASE_METHOD", default_value = "suppression", value_parser = parse_release_method)]
    pub release_method: isu_core::stats::release::ReleaseMethod,
}

impl ServeArgs {
    fn pool_options(&self) -> PoolOptions {
        PoolOptions {
            max_size: self.db_pool_size,
            checkout_timeout: Duration::from_millis(self.db_checkout_timeout_ms),
            connect_timeout: self.db.connect_timeout(),
            statement_timeout: (self.db_statement_timeout_ms > 0)
                .then(|| Duration::from_millis(self.db_statement_timeout_ms)),
        }
    }
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
            let pool = db::connect(&args.database_url, &args.command_pool_options()).map_err(|e| anyhow!(e))?;
            let mut conn = pool.get().context("cannot get a database connection")?;
            let applied = db::migrate(&mut conn).map_err(|e| anyhow!(e))?;
            println!("{} migration(s) applied to {}", applied.len(), args.database_url.redacted());
            Ok(())
        }
        Some(Command::Clients { db: args, action }) => clients(args, action),
        Some(Command::Seed { db: args, what }) => seed(args, what),
        Some(Command::Demo(args)) => demo(args),
        Some(Command::Serve(args)) => serve(args),
        None => serve(cli.serve),
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    crate::telemetry::init(&args.db.log_level, args.db.log_format)?;
    let url = &args.db.database_url;
    let options = args.pool_options();
    {
        // Migrations may rightly run longer than a request's statement timeout.
        let setup = db::connect(url, &args.db.command_pool_options()).map_err(|e| anyhow!(e))?;
        let mut conn = setup.get().context("cannot get a database connection")?;
        let report = db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
        tracing::info!(backend = url.backend_name(), ?report, "database migrated and reference data loaded");
    }
    let pool = db::connect(url, &options).map_err(|e| anyhow!(e))?;
    let auth = args.auth.auth_state()?;
    let bootstrap = if args.auth.environment == Environment::Development { bootstrap_admin(&pool)? } else { None };
    let listener = TcpListener::bind(&args.bind).map_err(|e| anyhow!("cannot listen on {}: {e}", args.bind))?;
    let address = listener.local_addr().context("listener has no address")?;
    let protection = isu_core::stats::release::Protection::checked(args.disclosure_k, args.disclosure_min_group)
        .map_err(|e| anyhow!(e))?;
    // Unsafe cell-key parameters stop the start, like unsafe suppression parameters.
    let cellkey = isu_core::stats::protected::CellKeyProtection::checked(
        isu_disclosure::ptable::PtableParams {
            max_deviation: args.cellkey_max_deviation,
            variance: args.cellkey_variance,
            js: args.cellkey_js,
        },
        args.disclosure_min_group,
        args.cellkey_magnitude_share,
    )
    .map_err(|e| anyhow!(e))?;
    let state = AppState::new(pool, auth)
        .with_wait_bounds(options.wait_bounds(url))
        .with_stats_cache(args.stats_cache_facts)
        .with_protection(protection)
        .with_cellkey(cellkey)
        .with_release_method(args.release_method);
    let audit = state.audit.clone();

    actix_web::rt::System::new().block_on(async move {
        let server = http::server(state, listener, args.workers)?;
        print_banner(&address.to_string(), url, bootstrap.as_ref());
        server.await
    })?;
    // In-flight requests have finished: their audit rows are queued. Write them before leaving.
    audit.close(Duration::from_secs(10));
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
    let issued = secrets::issue(None).map_err(|e| anyhow!(e))?;
    let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash)
        .map_err(|e| anyhow!("cannot create the first admin client: {}", store_error_text(e)))?;
    Ok(Some((client.id, issued.secret)))
}

fn seed(args: DbArgs, what: SeedCommand) -> anyhow::Result<()> {
    crate::telemetry::init(&args.log_level, args.log_format)?;
    let SeedCommand::Synthetic { cases, years, seed, region, organisation, spread } = what;
    let pool = db::connect(&args.database_url, &args.command_pool_options()).map_err(|e| anyhow!(e))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
    db::backend::bulk_load_mode(&mut conn).context("cannot switch to bulk-load mode")?;
    let today = isu_core::clock::today();
    let plan = isu_core::stats::synthetic::Plan { cases, first_year: years.0, last_year: years.1, seed, today };
    let spread = spread.map(isu_core::stats::synthetic::Spread::from).unwrap_or(if organisation.is_some() {
        isu_core::stats::synthetic::Spread::Population
    } else {
        isu_core::stats::synthetic::Spread::Even
    });
    if let Some(organisation) = organisation {
        let regions = match organisation.as_str() {
            "national" => isu_core::stats::organisation::national(),
            path => isu_core::stats::organisation::from_file(std::path::Path::new(path)).map_err(|e| anyhow!(e))?,
        };
        let created = isu_core::stats::organisation::create(&mut conn, &regions)
            .map_err(|e| anyhow!("cannot create the organisation: {}", store_error_text(e)))?;
        let total = db::organisation::list_regions(&mut conn)?.len();
        println!("organisation: {created} regions created, {total} in all");
    }
    let started = std::time::Instant::now();
    let report =
        isu_core::stats::synthetic::seed_spread(&mut conn, &plan, region.as_deref(), spread).map_err(|e| match e {
            db::StoreError::Concurrent(_) | db::StoreError::Taken(_) => {
                anyhow!("records of seed {seed} exist already; use another --seed to add more")
            }
            other => anyhow!("{}", store_error_text(other)),
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

/// How long the demo's printed tokens live: long enough to try things, never in production.
const DEMO_TOKEN_SECONDS: u64 = 12 * 3600;

/// `isu demo`: see [`Command::Demo`].
fn demo(args: DemoArgs) -> anyhow::Result<()> {
    crate::telemetry::init(&args.db.log_level, args.db.log_format)?;
    if args.auth.environment == Environment::Production {
        return Err(anyhow!("isu demo makes synthetic data and long-lived tokens: not in production"));
    }
    let started = std::time::Instant::now();
    let pool = db::connect(&args.db.database_url, &args.db.command_pool_options()).map_err(|e| anyhow!(e))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
    if db::clients::count(&mut conn)? > 0 {
        return Err(anyhow!(
            "isu demo wants an empty database and {} has clients already; `make demo` starts from a fresh data/demo.db",
            args.db.database_url.redacted()
        ));
    }
    db::backend::bulk_load_mode(&mut conn).context("cannot switch to bulk-load mode")?;
    let today = isu_core::clock::today();
    let years = (args.years.0, args.years.1);
    let per_region = args.cases * usize::try_from(years.1 - years.0 + 1).unwrap_or(1);
    let mut records = 0;
    for (i, region) in args.regions.iter().enumerate() {
        let plan = isu_core::stats::synthetic::Plan {
            cases: per_region,
            first_year: years.0,
            last_year: years.1,
            seed: 1000 + i as u64,
            today,
        };
        let report = isu_core::stats::synthetic::seed(&mut conn, &plan, Some(region))
            .map_err(|e| anyhow!("cannot seed {region}: {}", store_error_text(e)))?;
        records += report.cases;
        eprintln!("  seeded {} records in {region}", report.cases);
    }
    let protection = isu_core::stats::release::Protection::default();
    let mut releases: Vec<(String, i32, String)> = Vec::new();
    for year in years.0..=years.1 {
        for region in &args.regions {
            let stored = http::releases::create_now(&mut conn, region, year, protection, "isu-demo")
                .map_err(|e| anyhow!("cannot release {region} {year}: {e}"))?;
            for s in stored {
                eprintln!("  released {} {} (version {})", s.scope, s.year, s.version);
                releases.push((s.scope, s.year, s.id));
            }
        }
    }
    if !args.no_national {
        let stored = http::releases::create_now(&mut conn, http::releases::NATIONAL, years.1, protection, "isu-demo")
            .map_err(|e| anyhow!("cannot release the country {}: {e}", years.1))?;
        for s in stored {
            eprintln!("  released {} {} (version {})", s.scope, s.year, s.version);
            releases.push((s.scope, s.year, s.id));
        }
    }

    // One client per role, and a token for each signed with the key `isu serve` will verify.
    let region = args.regions.first().cloned().unwrap_or_default();
    let home_municipality = isu_domain::geography::seed_region(&region)
        .and_then(|r| r.municipalities.first().cloned())
        .unwrap_or_else(|| "2180".to_string());
    let roles = [
        (Role::Admin, vec![], None),
        (Role::Vendor, vec![home_municipality.clone()], None),
        (Role::Registrar, vec![home_municipality.clone()], None),
        (Role::RegionAnalyst, vec![], Some(region.clone())),
        (Role::Analyst, vec![], None),
    ];
    let auth = args.auth.auth_state()?;
    let settings = TokenSettings { lifetime_secs: DEMO_TOKEN_SECONDS, ..auth.tokens.clone() };
    let mut clients = Vec::new();
    for (role, municipalities, region) in roles {
        let new = NewClient { name: format!("demo {}", role.as_str()), role, units: vec![], municipalities, region };
        let issued = secrets::issue(None).map_err(|e| anyhow!(e))?;
        let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash)
            .map_err(|e| anyhow!("cannot create a demo client: {}", store_error_text(e)))?;
        let secret = issued.secret;
        let scopes: Vec<String> = role.scopes().iter().map(|s| s.to_string()).collect();
        let subject = isu_http::auth::tokens::Subject {
            client_id: &client.id,
            role,
            scopes: &scopes,
            units: &client.units,
            municipalities: &client.municipalities,
            region: client.region.as_deref(),
        };
        let (token, _) = isu_http::auth::tokens::issue(&auth.keys, &settings, &subject).map_err(|e| anyhow!(e))?;
        clients.push((role, client.id, secret, token));
    }
    let seconds = started.elapsed().as_secs_f64();
    print_demo(&args, records, &releases, &clients, &region, seconds);
    if let Some(path) = &args.json {
        let json = serde_json::json!({
            "base_url": args.base_url,
            "clients": clients.iter().map(|(role, id, secret, token)| serde_json::json!({
                "role": role.as_str(), "client_id": id, "client_secret": secret, "access_token": token
            })).collect::<Vec<_>>(),
            "releases": releases.iter().map(|(scope, year, id)| serde_json::json!({
                "scope": scope, "year": year, "id": id
            })).collect::<Vec<_>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// `--role admin|vendor|registrar|region_analyst|analyst`.
fn parse_role(raw: &str) -> Result<Role, String> {
    Role::parse(raw).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|role| role.as_str()).collect();
        format!("one of {}", names.join(", "))
    })
}

/// A storage error as one line for a terminal: field errors by name (`units/0: no unit has id …`).
fn store_error_text(error: db::StoreError) -> String {
    match error {
        db::StoreError::Invalid(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.pointer.trim_start_matches('/'), e.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn print_demo(
    args: &DemoArgs,
    records: usize,
    releases: &[(String, i32, String)],
    clients: &[(Role, String, String, String)],
    region: &str,
    seconds: f64,
) {
    let base = args.base_url.trim_end_matches('/');
    let (first, last) = args.years;
    let var = |role: Role| format!("ISU_{}_TOKEN", role.as_str().to_uppercase());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nISU demo: {records} synthetic records in {} regions, closed {first}–{last}; {} releases; {seconds:.1} s.\n\
         Database: {db}   (serve it: isu serve --database-url {db}; `make demo` does)\n",
        args.regions.len(),
        releases.len(),
        db = args.db.database_url.redacted()
    );
    let _ = writeln!(out, "Tokens, one per role (valid {} h; paste into your shell):", DEMO_TOKEN_SECONDS / 3600);
    for (role, _, _, token) in clients {
        let _ = writeln!(out, "  export {}={token}", var(*role));
    }
    let _ = writeln!(out, "\nClients, for fresh tokens (secrets are shown only here):");
    for (role, id, secret, _) in clients {
        let _ = writeln!(
            out,
            "  {:<15} curl -s -u '{id}:{secret}' -d grant_type=client_credentials {base}/oauth/token",
            role.as_str()
        );
    }
    let latest = releases.iter().rev().find(|(scope, year, _)| scope == region && *year == last);
    let analyst = format!("-H \"Authorization: Bearer ${}\"", var(Role::Analyst));
    let _ = writeln!(out, "\nThings to try, once the server runs (`make demo` starts it):");
    if let Some((scope, year, id)) = latest {
        let _ = writeln!(
            out,
            "  The report page of {scope} {year} (one HTML file: open it in a browser, print it to PDF):\n    \
             curl -s {analyst} {base}/v1/releases/{id}/report -o report-{scope}-{year}.html\n  \
             The release as JSON:\n    curl -s {analyst} {base}/v1/releases/{id}\n  \
             One table as CSV:\n    curl -s {analyst} '{base}/v1/releases/{id}/tables/d6_closing_reasons?format=csv'\n  \
             One table as JSON-stat 2.0, and the release as an Excel workbook:\n    \
             curl -s {analyst} '{base}/v1/releases/{id}/tables/d6_closing_reasons?format=json-stat'\n    \
             curl -s {analyst} '{base}/v1/releases/{id}?format=xlsx' -o release-{scope}-{year}.xlsx"
        );
    }
    let scopes: Vec<&str> = args
        .regions
        .iter()
        .map(String::as_str)
        .chain((!args.no_national).then_some(http::releases::NATIONAL))
        .collect();
    let _ = writeln!(
        out,
        "  Compare a table across scopes:\n    curl -s {analyst} '{base}/v1/compare?table=d6_closing_reasons&year={last}&scopes={}'\n  \
         All releases:\n    curl -s {analyst} {base}/v1/releases\n  \
         The exact (internal) report page of {region}, as its region analyst:\n    \
         curl -s -H \"Authorization: Bearer ${}\" '{base}/v1/reports/su-x/page?region={region}&year={last}' -o internal-{region}-{last}.html\n  \
         The contract and its docs: {base}/docs/",
        scopes.join(","),
        var(Role::RegionAnalyst)
    );
    print!("{out}");
}

fn clients(args: DbArgs, action: ClientsCommand) -> anyhow::Result<()> {
    crate::telemetry::init(&args.log_level, args.log_format)?;
    let pool = db::connect(&args.database_url, &args.command_pool_options()).map_err(|e| anyhow!(e))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    db::prepare(&mut conn).map_err(|e| anyhow!(e))?;
    let fail = |e: db::StoreError| anyhow!("{}", store_error_text(e));
    let output = match action {
        ClientsCommand::Create { name, role, units, municipalities, region } => {
            let new = NewClient { name, role, units, municipalities, region };
            let issued = secrets::issue(None).map_err(|e| anyhow!(e))?;
            let client = db::clients::create(&mut conn, &issued.client_id, &new, &issued.secret_hash).map_err(fail)?;
            serde_json::json!({"client_id": client.id, "client_secret": issued.secret})
        }
        ClientsCommand::List => {
            let clients = db::clients::list(&mut conn).map_err(fail)?;
            serde_json::to_value(clients.into_iter().map(ApiClient::from).collect::<Vec<_>>())?
        }
        ClientsCommand::Revoke { client_id } => {
            serde_json::to_value(ApiClient::from(db::clients::revoke(&mut conn, &client_id).map_err(fail)?))?
        }
        ClientsCommand::RotateSecret { client_id } => {
            let issued = secrets::issue(Some(client_id)).map_err(|e| anyhow!(e))?;
            let client = db::clients::rotate_secret(&mut conn, &issued.client_id, &issued.secret_hash).map_err(fail)?;
            serde_json::json!({"client_id": client.id, "client_secret": issued.secret})
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
