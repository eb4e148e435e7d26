//! The HTTP layer: routing, the OpenAPI document, errors and cross-cutting middleware, and who
//! may call what ([`auth`]: keys, tokens, roles and scopes, the `Authorized<P>` policies).
//! Handlers are grouped by resource, one module each; each parses, authorises, calls a use case
//! of `isu_core` and renders. [`problem`] is the one place where errors become HTTP.
//!
//! Layer: `isu-domain`, `isu-disclosure` ← `isu-store` ← `isu-core` ← **`isu-http`** ← `isu-api`
//! (the binary: CLI, configuration, telemetry).

pub mod admin;
pub mod audit;
pub mod auth;
pub mod caching;
pub mod cases;
pub mod contract_limits;
pub mod coverage;
pub mod extract;
pub mod fallback;
pub mod formats;
pub mod forms;
pub mod health;
pub mod methods;
pub mod oauth;
pub mod openapi;
pub mod organisation;
pub mod problem;
pub mod releases;
pub mod request_id;
pub mod stats;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::AuthState;
use diesel::Connection as _;
use isu_store::watch::{CallWatch, Phase, WaitBounds};
use isu_store::{DbConnection, Pool};
use problem::ApiError;

/// Shared state of one server: the database pool, authentication, and the precomputed contract.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub auth: Arc<AuthState>,
    pub routes: Arc<fallback::RouteTable>,
    /// SQLite allows one writer; writers of this process queue here instead of meeting
    /// `SQLITE_BUSY` when two transactions try to upgrade from reading to writing at once.
    write_lock: Option<Arc<std::sync::Mutex<()>>>,
    /// How long a request may wait on the database before it is answered 503.
    wait_bounds: WaitBounds,
    /// The audit log's queue and writer: a request never waits for its audit row.
    pub audit: Arc<audit::AuditLog>,
    /// Statistics' facts per scope-year, checked against the database on every use.
    pub stats_cache: Arc<isu_core::stats::cache::FactCache>,
    /// Small-number protection of releases.
    pub protection: isu_core::stats::release::Protection,
    /// The cell-key protection of statistics for callers without exact rights.
    pub cellkey: Arc<isu_core::stats::protected::CellKeyProtection>,
    /// How a release is protected when neither the request nor its earlier versions say.
    pub release_method: isu_core::stats::release::ReleaseMethod,
    /// The manual-method registry record writes resolve names through, read again when it changed.
    pub methods: Arc<isu_store::cases::MethodRegistryCache>,
}

impl AppState {
    /// The state of a server on `pool`. Waits on the database are bounded by the pool's checkout
    /// timeout and (PostgreSQL) [`isu_store::DEFAULT_STATEMENT_TIMEOUT`]; a pool built with another
    /// statement timeout should say so with [`AppState::with_wait_bounds`].
    pub fn new(pool: Pool, auth: AuthState) -> Self {
        let routes = Arc::new(fallback::RouteTable::from_openapi(&openapi::document()));
        let is_sqlite = pool.get().is_ok_and(|conn| matches!(*conn, DbConnection::Sqlite(_)));
        let write_lock = is_sqlite.then(|| Arc::new(std::sync::Mutex::new(())));
        let wait_bounds = WaitBounds {
            checkout: pool.connection_timeout(),
            statement: (!is_sqlite).then_some(isu_store::DEFAULT_STATEMENT_TIMEOUT),
            grace: std::time::Duration::from_secs(1),
        };
        let audit = Arc::new(audit::AuditLog::start(pool.clone(), write_lock.clone()));
        let stats_cache = Arc::new(isu_core::stats::cache::FactCache::new(isu_core::stats::cache::DEFAULT_CAPACITY));
        let protection = isu_core::stats::release::Protection::default();
        let cellkey = Arc::new(isu_core::stats::protected::CellKeyProtection::default());
        Self {
            pool,
            auth: Arc::new(auth),
            routes,
            write_lock,
            wait_bounds,
            audit,
            stats_cache,
            protection,
            cellkey,
            release_method: isu_core::stats::release::ReleaseMethod::default(),
            methods: Arc::default(),
        }
    }

    /// Sets the deployment's release method (the default stays suppression).
    pub fn with_release_method(mut self, method: isu_core::stats::release::ReleaseMethod) -> Self {
        self.release_method = method;
        self
    }

    /// Sets the cell-key protection of statistics (checked parameters).
    pub fn with_cellkey(mut self, cellkey: isu_core::stats::protected::CellKeyProtection) -> Self {
        self.cellkey = Arc::new(cellkey);
        self
    }

    /// Sets the bounds on waits for the database (from the pool's configuration).
    pub fn with_wait_bounds(mut self, bounds: WaitBounds) -> Self {
        self.wait_bounds = bounds;
        self
    }

    /// Sets the small-number protection of releases.
    pub fn with_protection(mut self, protection: isu_core::stats::release::Protection) -> Self {
        self.protection = protection;
        self
    }

    /// Bounds the statistics cache to `facts` facts (0 turns it off).
    pub fn with_stats_cache(mut self, facts: usize) -> Self {
        self.stats_cache = Arc::new(isu_core::stats::cache::FactCache::new(facts));
        self
    }

    /// The process's SQLite writer lock (`None` on PostgreSQL), for work that writes beside the
    /// server in the same process (test set-up, tools): holding it while writing keeps such a
    /// write from meeting the server's writers — the audit log's included — in `SQLITE_BUSY_SNAPSHOT`.
    pub fn write_lock(&self) -> Option<Arc<std::sync::Mutex<()>>> {
        self.write_lock.clone()
    }

    /// Like [`AppState::db`], for work that writes: serialised per process on SQLite. Every
    /// write goes through here: a SQLite transaction that read before writing fails at once
    /// (`SQLITE_BUSY_SNAPSHOT`, no busy wait) when another writer committed in between.
    pub async fn db_write<T, E, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        E: Into<ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_bounded(self.write_lock.clone(), |_| Ok::<_, E>(()), move |conn, ()| work(conn)).await
    }

    /// Like [`AppState::db_write`], with `prepare` run first on the same connection but before
    /// the SQLite writer lock is taken: reads that need not be serialised with the write
    /// (validating a record against the method registry) do not hold up the process's other
    /// writers. `work` gets what `prepare` returned.
    pub async fn db_write_prepared<P, T, E, G, F>(&self, prepare: G, work: F) -> Result<T, ApiError>
    where
        G: FnOnce(&mut DbConnection) -> Result<P, E> + Send + 'static,
        F: FnOnce(&mut DbConnection, P) -> Result<T, E> + Send + 'static,
        E: Into<ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_bounded(self.write_lock.clone(), prepare, work).await
    }

    /// Runs blocking diesel work on the blocking thread pool with a pooled connection.
    /// The work's error is storage's ([`isu_store::StoreError`]) or already an HTTP one.
    pub async fn db<T, E, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        E: Into<ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_bounded(None, |_| Ok::<_, E>(()), move |conn, ()| work(conn)).await
    }

    /// Runs `work` on the blocking pool and answers 503 as soon as a wait on the database (for a
    /// connection, or for one statement) outlives its bound, even when the database never answers
    /// (a frozen server cancels nothing). The abandoned work finishes or fails on its own thread;
    /// its transaction is atomic, so it either happened entirely or not at all.
    /// `prepare` runs before `lock` is taken, `work` under it.
    async fn run_bounded<P, T, E, G, F>(
        &self,
        lock: Option<Arc<std::sync::Mutex<()>>>,
        prepare: G,
        work: F,
    ) -> Result<T, ApiError>
    where
        G: FnOnce(&mut DbConnection) -> Result<P, E> + Send + 'static,
        F: FnOnce(&mut DbConnection, P) -> Result<T, E> + Send + 'static,
        E: Into<ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let watch = CallWatch::new();
        let worker_watch = Arc::clone(&watch);
        let call = web::block(move || {
            let mut conn = pool.get().map_err(ApiError::from)?;
            // Waiting for this process's own SQLite writer is queueing, not a database outage.
            worker_watch.enter(Phase::Working);
            conn.set_instrumentation(worker_watch.instrumentation());
            let result = prepare(&mut conn).and_then(|prepared| {
                let _guard = lock.as_ref().map(|l| l.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
                work(&mut conn, prepared)
            });
            conn.set_instrumentation(None::<Box<dyn diesel::connection::Instrumentation>>);
            result.map_err(Into::into)
        });
        tokio::pin!(call);
        loop {
            let wake = match watch.overdue(&self.wait_bounds) {
                Err(why) => return Err(ApiError::Unavailable(why)),
                Ok(Some(deadline)) => deadline,
                // Not waiting on the database now: look again soon, it may start to.
                Ok(None) => std::time::Instant::now() + std::time::Duration::from_millis(250),
            };
            tokio::select! {
                result = &mut call => return result?,
                () = tokio::time::sleep_until(wake.into()) => {}
            }
        }
    }
}

/// Every API route, registered once: used by the server and by `isu openapi` alike, so the
/// contract is exactly what the server serves.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(oauth::issue_token)
        .service(oauth::jwks)
        // One scope per prefix: utoipa-actix-web does not merge scopes sharing a prefix.
        .service(scope("/v1").configure(v1_routes));
}

/// Everything under `/v1`, by resource.
fn v1_routes(cfg: &mut ServiceConfig) {
    cfg
        // Cases: `batch` before `{case_ref}` so it is not taken for a case reference.
        .service(cases::batch_cases)
        .service(cases::put_case)
        .service(cases::create_case)
        .service(cases::get_case)
        .service(cases::delete_case)
        .service(cases::list_unit_cases)
        .service(cases::list_region_cases)
        .service(coverage::put_coverage)
        .service(coverage::get_coverage)
        .service(admin::list_clients)
        .service(admin::create_client)
        .service(admin::get_client)
        .service(admin::revoke_client)
        .service(admin::rotate_client_secret)
        .service(admin::list_audit_events)
        .service(forms::list_forms)
        .service(forms::get_form)
        .service(forms::get_code_list)
        .service(forms::list_code_mappings)
        .service(organisation::list_municipalities)
        .service(organisation::list_regions)
        .service(organisation::create_region)
        .service(organisation::get_region)
        .service(organisation::update_region)
        .service(organisation::list_units)
        .service(organisation::create_unit)
        .service(organisation::get_unit)
        .service(organisation::update_unit)
        .service(methods::list_manual_methods)
        .service(methods::create_manual_method)
        .service(methods::get_manual_method)
        .service(methods::update_manual_method)
        .service(stats::get_stats)
        .service(stats::get_su_x_report)
        .service(stats::get_su_x_report_page)
        .service(releases::create_release)
        .service(releases::list_releases)
        .service(releases::get_release)
        .service(releases::get_release_table)
        .service(releases::get_release_report_page)
        .service(releases::compare_releases);
}

/// Builds the server on an already bound listener (tests bind port 0).
pub fn server(state: AppState, listener: TcpListener, workers: Option<usize>) -> std::io::Result<Server> {
    let document = openapi::document();
    let mut server = HttpServer::new(move || {
        let (app, _) = App::new()
            .app_data(web::Data::new(state.clone()))
            .app_data(extract::json_config())
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .app_data(web::PayloadConfig::new(extract::JSON_BODY_LIMIT))
            // Outermost last: the audit sees the final status; compression the final body.
            .wrap(from_fn(audit::middleware))
            .wrap(from_fn(request_id::middleware))
            .wrap(Compress::default())
            .into_utoipa_app()
            .openapi(openapi::base())
            .configure(routes)
            .split_for_parts();
        app.service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document.clone()))
            .service(web::redirect("/docs", "/docs/"))
            .default_service(web::to(fallback::not_found_or_method_not_allowed))
    })
    .listen(listener)?
    .shutdown_timeout(30);
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}
