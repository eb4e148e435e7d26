//! HTTP basics every endpoint inherits: probes, problem+json errors, request ids.

mod common;

use common::{expect_problem, Backend, TestApp};

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

both_backends!(
    liveness_answers_ok,
    readiness_checks_the_database,
    unknown_route_is_a_404_problem,
    wrong_method_is_a_405_problem_with_allow,
    request_id_is_echoed_or_generated,
    problem_carries_the_callers_request_id,
    docs_and_contract_are_served,
);
