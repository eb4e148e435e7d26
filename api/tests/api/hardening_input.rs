//! Input hardening (issue 13, points 6–10) over real HTTP on both backends: personal identity
//! numbers in every shape (refused, never logged), implausible dates, duplicate JSON keys, case
//! references that are not plain path segments, and coverage errors that name their field.

use std::io::{Read, Write};
use std::sync::{Mutex, OnceLock};

use crate::helpers::{expect_problem, Backend, TestApp};
use serde_json::{json, Value};

/// Everything the server logs in this test process (info and above), to look for leaks.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .with_writer(|| LogWriter)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one log subscriber per test process");
    });
}

fn logged() -> String {
    String::from_utf8_lossy(&LOG.lock().unwrap()).into_owned()
}

use crate::helpers::valid_record as record;

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

struct Setup {
    app: TestApp,
    unit: String,
    vendor: String,
}

async fn setup(backend: Backend) -> Setup {
    capture_logs();
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = app.vendor_token(&[&unit]).await;
    Setup { app, unit, vendor }
}

impl Setup {
    async fn post(&self, body: &Value) -> reqwest::Response {
        self.post_raw(&body.to_string()).await
    }

    async fn post_raw(&self, body: &str) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(&format!("/v1/units/{}/cases", self.unit)))
            .bearer_auth(&self.vendor)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    async fn put(&self, case_ref_in_path: &str, body: &Value) -> reqwest::Response {
        self.app
            .client
            .put(self.app.url(&format!("/v1/units/{}/cases/{case_ref_in_path}", self.unit)))
            .bearer_auth(&self.vendor)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn batch(&self, items: &Value) -> Value {
        let response = self
            .app
            .client
            .post(self.app.url(&format!("/v1/units/{}/cases/batch", self.unit)))
            .bearer_auth(&self.vendor)
            .json(items)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Sends a request line exactly as written (no client-side path normalisation).
    fn raw_put(&self, path: &str, body: &Value) -> (u16, Value) {
        let address = self.app.base_url.trim_start_matches("http://").to_string();
        let body = body.to_string();
        let request = format!(
            "PUT {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.vendor,
            body.len()
        );
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap().parse().unwrap();
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        // A chunked body would need decoding; problem bodies have a length.
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    async fn count_cases(&self) -> usize {
        let listed: Value =
            self.app.get_as(&self.vendor, &format!("/v1/units/{}/cases", self.unit)).await.json().await.unwrap();
        listed["items"].as_array().unwrap().len()
    }
}

fn errors(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect()
}

/// The shapes of issue 13 (1964-08-23, serial 323, check digit 4), in free text and as case_ref.
const FREE_TEXT_SHAPES: [&str; 9] = [
    "19640823 - 3234",
    "640823 \u{2013} 3234",
    "640823 3234",
    "19640823 3234",
    "\u{FF16}\u{FF14}\u{FF10}\u{FF18}\u{FF12}\u{FF13}-\u{FF13}\u{FF12}\u{FF13}\u{FF14}",
    "640823\u{200B}-3234",
    "64.08.23-3234",
    "640823/3234",
    "640823_3234",
];
const CASE_REF_SHAPES: [&str; 3] = ["640823_3234", "640823.3234", "19640823.3234"];

async fn identity_numbers_in_any_shape_are_refused_and_never_logged(backend: Backend) {
    let s = setup(backend).await;
    for (n, shape) in FREE_TEXT_SHAPES.iter().enumerate() {
        let text = format!("Barnet {shape} flyttade");
        let body = with(record(&format!("PNR-C{n}")), "comment", json!(text));
        let problem = expect_problem(s.post(&body).await, 422).await;
        assert_eq!(errors(&problem), [("/comment".to_string(), "personal_identity_number".to_string())], "{shape:?}");
        assert!(!problem.to_string().contains(shape), "the problem repeats the value: {problem}");

        let body = with(record(&format!("PNR-M{n}")), "manual_methods", json!(["COS-P", text]));
        let problem = expect_problem(s.post(&body).await, 422).await;
        assert!(
            errors(&problem).contains(&("/manual_methods/1".to_string(), "personal_identity_number".to_string())),
            "{shape:?}: {problem}"
        );
    }
    for shape in CASE_REF_SHAPES {
        let problem = expect_problem(s.post(&record(shape)).await, 422).await;
        assert!(errors(&problem).contains(&("/case_ref".to_string(), "personal_identity_number".to_string())));
        assert!(!problem.to_string().contains(shape), "{problem}");

        let mut without_ref = record(shape);
        without_ref.as_object_mut().unwrap().remove("case_ref");
        let problem = expect_problem(s.put(shape, &without_ref).await, 422).await;
        assert!(
            errors(&problem).contains(&("path:case_ref".to_string(), "personal_identity_number".to_string())),
            "{problem}"
        );
        assert!(!problem.to_string().contains(shape), "{problem}");
    }
    assert_eq!(s.count_cases().await, 0, "nothing was stored");
    let log = logged();
    assert!(log.contains("request finished"), "logs are captured");
    for shape in FREE_TEXT_SHAPES.iter().chain(&CASE_REF_SHAPES) {
        assert!(!log.contains(shape), "the log holds {shape:?}");
    }
    // Look-alikes pass: a date range, a phone number, a bad check digit.
    let fine = with(record("FINE-1"), "comment", json!("2025-01-10 – 2025-06-01, tel 070-123 45 67, 640823 3235"));
    assert_eq!(s.post(&fine).await.status(), 201);
    assert_eq!(s.post(&record("640823.3235")).await.status(), 201);
}

async fn implausible_dates_are_refused(backend: Backend) {
    let s = setup(backend).await;
    for (n, referred_on) in ["0000-01-01", "0001-01-01", "1900-01-01", "1998-12-31"].into_iter().enumerate() {
        let body = with(record(&format!("D{n}")), "referred_on", json!(referred_on));
        let problem = expect_problem(s.post(&body).await, 422).await;
        assert_eq!(errors(&problem), [("/referred_on".to_string(), "too_early".to_string())], "{referred_on}");
    }
    // More than 21 years before closing (the oldest age at referral, 20, plus one).
    let long = with(record("D-LONG"), "referred_on", json!("2004-05-31"));
    let problem = expect_problem(s.post(&long).await, 422).await;
    assert_eq!(errors(&problem), [("/referred_on".to_string(), "too_early".to_string())]);
    let started = with(with(record("D-START"), "referred_on", json!("1900-01-01")), "started_on", json!("1900-01-02"));
    let problem = expect_problem(s.post(&started).await, 422).await;
    assert!(errors(&problem).contains(&("/started_on".to_string(), "too_early".to_string())), "{problem}");
    assert_eq!(s.count_cases().await, 0);
    // Exactly 21 years is plausible.
    let longest = with(record("D-OK"), "referred_on", json!("2004-06-01"));
    assert_eq!(s.post(&longest).await.status(), 201);
}

async fn duplicate_json_keys_are_refused(backend: Backend) {
    let s = setup(backend).await;
    let body = record("DUP-1").to_string();
    let twice = body.replacen("\"age_at_referral\":11", "\"age_at_referral\":9,\"age_at_referral\":10", 1);
    assert_ne!(twice, body);
    let problem = expect_problem(s.post_raw(&twice).await, 422).await;
    assert_eq!(errors(&problem), [("/age_at_referral".to_string(), "duplicate_key".to_string())]);

    // At depth, in a PUT, a batch (named within the batch body) and another resource's body.
    let nested = format!(
        "[{body},{}]",
        body.replacen("\"case_ref\":\"DUP-1\"", "\"case_ref\":\"DUP-2\",\"case_ref\":\"DUP-3\"", 1)
    );
    let response = s
        .app
        .client
        .post(s.app.url(&format!("/v1/units/{}/cases/batch", s.unit)))
        .bearer_auth(&s.vendor)
        .header("content-type", "application/json")
        .body(nested)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, 422).await;
    assert_eq!(errors(&problem), [("/1/case_ref".to_string(), "duplicate_key".to_string())]);

    let response = s
        .app
        .client
        .put(s.app.url(&format!("/v1/units/{}/coverage/2025", s.unit)))
        .bearer_auth(&s.vendor)
        .header("content-type", "application/json")
        .body(r#"{"closed_cases": 4, "quarters": [1, 1, 1, 1], "closed_cases": 5}"#)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, 422).await;
    assert_eq!(errors(&problem), [("/closed_cases".to_string(), "duplicate_key".to_string())]);

    let put = s
        .app
        .client
        .put(s.app.url(&format!("/v1/units/{}/cases/DUP-1", s.unit)))
        .bearer_auth(&s.vendor)
        .header("content-type", "application/json")
        .body(body.replacen("\"gender\":\"girl\"", "\"gender\":\"girl\",\"gender\":\"boy\"", 1))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(put, 422).await;
    assert_eq!(errors(&problem), [("/gender".to_string(), "duplicate_key".to_string())]);
    assert_eq!(s.count_cases().await, 0, "nothing was stored");
}

async fn case_refs_must_be_plain_path_segments(backend: Backend) {
    let s = setup(backend).await;
    for dots in [".", ".."] {
        let problem = expect_problem(s.post(&record(dots)).await, 422).await;
        assert_eq!(errors(&problem), [("/case_ref".to_string(), "reserved".to_string())], "{dots}");
        let result = s.batch(&json!([record(dots)])).await;
        assert_eq!(result["results"][0]["status"], 422, "{result}");
        assert_eq!(result["results"][0]["errors"][0]["pointer"], "/case_ref", "{result}");
    }
    let mut without_ref = record("x");
    without_ref.as_object_mut().unwrap().remove("case_ref");
    for segment in ["..", ".", "a%2Fb", "a%00b", "%2E%2E"] {
        let (status, problem) = s.raw_put(&format!("/v1/units/{}/cases/{segment}", s.unit), &without_ref);
        assert_eq!(status, 422, "{segment}: {problem}");
        assert_eq!(problem["errors"][0]["pointer"], "path:case_ref", "{segment}: {problem}");
    }
    assert_eq!(s.count_cases().await, 0);
}

async fn coverage_errors_name_the_field(backend: Backend) {
    let s = setup(backend).await;
    let put = |body: &'static str| {
        s.app
            .client
            .put(s.app.url(&format!("/v1/units/{}/coverage/2025", s.unit)))
            .bearer_auth(&s.vendor)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for (body, pointer) in [
        (r#"{"closed_cases": 2147483648}"#, "/closed_cases"),
        (r#"{"closed_cases": 3.5}"#, "/closed_cases"),
        (r#"{"closed_cases": "12"}"#, "/closed_cases"),
        (r#"{"closed_cases": 12, "quarters": [1, 2, "3", 6]}"#, "/quarters/2"),
        (r#"{"closed_cases": 12, "unknown_field": 1}"#, "/unknown_field"),
        (r#"{"quarters": [3, 3, 3, 3]}"#, "/closed_cases"),
    ] {
        let problem = expect_problem(put(body).await.unwrap(), 422).await;
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}: {problem}");
    }
    assert_eq!(put(r#"{"closed_cases": 12}"#).await.unwrap().status(), 200);
}

both_backends!(
    identity_numbers_in_any_shape_are_refused_and_never_logged,
    implausible_dates_are_refused,
    duplicate_json_keys_are_refused,
    case_refs_must_be_plain_path_segments,
    coverage_errors_name_the_field,
);
