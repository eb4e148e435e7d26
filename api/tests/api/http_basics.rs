//! HTTP basics every endpoint inherits: probes, problem+json errors, request ids.

use crate::helpers::{self, expect_problem, Backend, TestApp};

async fn liveness_answers_ok(backend: Backend) {
    let app = TestApp::start(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ok"}));
}

async fn readiness_checks_the_database(backend: Backend) {
    let app = TestApp::start(backend).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ready"}));
}

async fn unknown_route_is_a_404_problem(backend: Backend) {
    let app = TestApp::start(backend).await;
    let body = expect_problem(app.get("/v1/does-not-exist").await, 404).await;
    assert_eq!(body["instance"], "/v1/does-not-exist");
    assert_eq!(body["type"], "https://isu.example/problems/not-found");
}

async fn wrong_method_is_a_405_problem_with_allow(backend: Backend) {
    let app = TestApp::start(backend).await;
    let response = app.client.delete(app.url("/healthz")).send().await.unwrap();
    let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
    expect_problem(response, 405).await;
    let allow = allow.expect("Allow header");
    assert!(allow.contains("GET"), "Allow: {allow}");
    // A literal segment wins over a parameter: `batch` is not a case reference.
    let response =
        app.client.request(reqwest::Method::OPTIONS, app.url("/v1/units/any-unit/cases/batch")).send().await.unwrap();
    let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
    expect_problem(response, 405).await;
    assert_eq!(allow.as_deref(), Some("POST"));
}

async fn request_id_is_echoed_or_generated(backend: Backend) {
    let app = TestApp::start(backend).await;
    let echoed = app.client.get(app.url("/healthz")).header("x-request-id", "vendor-abc.123").send().await.unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "vendor-abc.123");

    let generated = app.get("/healthz").await;
    let id = generated.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "generated id is a UUID: {id}");

    // An id with spaces or of absurd length is replaced, not echoed into logs and headers.
    let unsafe_id = app.client.get(app.url("/healthz")).header("x-request-id", "a b").send().await.unwrap();
    assert_ne!(unsafe_id.headers()["x-request-id"], "a b");
    let long = "x".repeat(129);
    let too_long = app.client.get(app.url("/healthz")).header("x-request-id", &long).send().await.unwrap();
    assert_ne!(too_long.headers()["x-request-id"].to_str().unwrap(), long);
}

async fn problem_carries_the_callers_request_id(backend: Backend) {
    let app = TestApp::start(backend).await;
    let response = app.client.get(app.url("/nope")).header("x-request-id", "trace-42").send().await.unwrap();
    let body = expect_problem(response, 404).await;
    assert_eq!(body["request_id"], "trace-42");
}

async fn docs_and_contract_are_served(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contract = app.get("/openapi.json").await;
    assert_eq!(contract.status(), 200);
    let contract: serde_json::Value = contract.json().await.unwrap();
    assert_eq!(contract["openapi"], "3.1.0");
    assert_eq!(contract["info"]["title"], "ISU API");

    let docs = app.get("/docs/").await;
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "Swagger UI page");
    // Assets come from the binary, not a CDN: municipal networks are often offline.
    assert!(!html.contains("https://"), "no external assets referenced: {html}");
    let bundle = app.get("/docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), 200);
}

async fn body_errors_are_precise_problems(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let post = || app.client.post(app.url("/v1/admin/clients")).bearer_auth(&admin);

    let wrong_type =
        post().header("content-type", "text/plain").body(r#"{"name":"x","role":"analyst"}"#).send().await.unwrap();
    expect_problem(wrong_type, 415).await;

    let malformed =
        post().header("content-type", "application/json").body("{\"name\": \"x\",\n \"role\": }").send().await.unwrap();
    let body = expect_problem(malformed, 400).await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("line 2"), "says where: {detail}");

    let wrong_shape = post().json(&serde_json::json!({"name": 5, "role": "analyst"})).send().await.unwrap();
    let body = expect_problem(wrong_shape, 422).await;
    assert_eq!(body["errors"][0]["code"], "invalid_type");
    assert_eq!(body["errors"][0]["pointer"], "/name", "names the field: {body}");

    let huge = format!(r#"{{"name": "{}", "role": "analyst"}}"#, "x".repeat(isu_http::extract::JSON_BODY_LIMIT + 1));
    let too_large = post().header("content-type", "application/json").body(huge).send().await.unwrap();
    let body = expect_problem(too_large, 413).await;
    let limit = isu_http::extract::JSON_BODY_LIMIT.to_string();
    assert!(body["detail"].as_str().unwrap().contains(&limit), "states the limit: {body}");

    let listed: serde_json::Value = app.get_as(&admin, "/v1/admin/clients").await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "nothing was written");
}

both_backends!(
    body_errors_are_precise_problems,
    liveness_answers_ok,
    readiness_checks_the_database,
    unknown_route_is_a_404_problem,
    wrong_method_is_a_405_problem_with_allow,
    request_id_is_echoed_or_generated,
    problem_carries_the_callers_request_id,
    docs_and_contract_are_served,
);

/// PostgreSQL only: the database goes away and comes back; readiness follows by itself.
#[actix_web::test]
async fn readiness_recovers_after_a_database_outage() {
    if !helpers::postgres_enabled() {
        return;
    }
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let app = TestApp::start(Backend::Postgres).await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    let isu_api::config::DatabaseUrl::Postgres(url) = app.database_url() else { unreachable!() };
    let name = url::Url::parse(&url).unwrap().path().trim_start_matches('/').to_string();
    let admin_url = std::env::var("TEST_DATABASE_URL").unwrap();
    let mut admin = diesel::PgConnection::establish(&admin_url).unwrap();
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {name} ALLOW_CONNECTIONS false; \
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';"
        ))
        .unwrap();
    let down = app.get("/readyz").await;
    assert!(down.headers().contains_key("retry-after"));
    let body = expect_problem(down, 503).await;
    assert!(!body["detail"].as_str().unwrap().contains(&name), "no internals in the body: {body}");

    admin.batch_execute(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).unwrap();
    let mut status = 0;
    for _ in 0..50 {
        status = app.get("/readyz").await.status().as_u16();
        if status == 200 {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "readiness recovers without a restart");
}
