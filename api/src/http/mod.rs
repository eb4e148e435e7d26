//! The HTTP layer: routing, the OpenAPI document, errors and cross-cutting middleware.
//! Handlers are grouped by resource, one module each.

pub mod extract;
pub mod fallback;
pub mod health;
pub mod openapi;
pub mod problem;
pub mod request_id;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::db::{DbConnection, Pool};
use problem::ApiError;

/// Shared state of one server: the database pool and the precomputed contract.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub routes: Arc<fallback::RouteTable>,
}

impl AppState {
    pub fn new(pool: Pool) -> Self {
        let routes = Arc::new(fallback::RouteTable::from_openapi(&openapi::document()));
        Self { pool, routes }
    }

    /// Runs blocking diesel work on the blocking thread pool with a pooled connection.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
    }
}

/// Every API route, registered once: used by the server and by `isu openapi` alike, so the
/// contract is exactly what the server serves.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz);
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
            .wrap(Compress::default())
            .wrap(from_fn(request_id::middleware))
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
