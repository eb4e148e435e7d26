//! Authentication: the token endpoint, token verification (every forgery refused with 401),
//! roles and scopes (403), revocation, rate limits and the audit log.

use std::time::Duration;

use crate::helpers::{expect_problem, Backend, TestApp, AUDIENCE, ISSUER};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use ed25519_dalek::SigningKey;
use isu_http::auth::{RateLimits, Role};
use isu_store::clients::NewClient;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

const PROTECTED: &str = "/v1/admin/clients";

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn kid_of(key: &SigningKey) -> String {
    let x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    use sha2::Digest;
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(canonical.as_bytes()))
}

fn admin_claims(client_id: &str) -> Value {
    let now = now();
    json!({"iss": ISSUER, "aud": AUDIENCE, "sub": client_id, "client_id": client_id, "iat": now, "nbf": now,
           "exp": now + 600, "jti": "t", "scope": "admin reference:read stats:read", "role": "admin"})
}

fn sign(key: &SigningKey, header: Header, claims: &Value) -> String {
    let der = key.to_pkcs8_der().unwrap();
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(der.as_bytes())).unwrap()
}

fn good_header(key: &SigningKey) -> Header {
    let mut header = Header::new(Algorithm::EdDSA);
    header.typ = Some("at+jwt".into());
    header.kid = Some(kid_of(key));
    header
}

/// An admin client in the database, and a correctly signed token for it.
async fn admin_fixture(app: &TestApp) -> (String, String) {
    let (id, _) = app
        .create_client(NewClient {
            name: "admin".into(),
            role: Role::Admin,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let token = sign(&app.signing_key, good_header(&app.signing_key), &admin_claims(&id));
    (id, token)
}

async fn expect_invalid_token(app: &TestApp, token: &str, why: &str) {
    let response = app.client.get(app.url(PROTECTED)).bearer_auth(token).send().await.unwrap();
    let challenge = response.headers().get("www-authenticate").map(|v| v.to_str().unwrap().to_string());
    assert_eq!(response.status(), 401, "{why}: expected 401");
    let challenge = challenge.unwrap_or_else(|| panic!("{why}: no WWW-Authenticate"));
    assert!(challenge.starts_with("Bearer") && challenge.contains("invalid_token"), "{why}: {challenge}");
    expect_problem(response, 401).await;
}

async fn token_request(app: &TestApp, basic: Option<(&str, &str)>, form: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.post(app.url("/oauth/token")).form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    request.send().await.unwrap()
}

async fn oauth_error(response: reqwest::Response, status: u16, error: &str) {
    assert_eq!(response.status().as_u16(), status);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], error, "{body}");
    assert!(body["request_id"].is_string());
}

async fn client_credentials_grant_issues_tokens(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let (id, secret) = app
        .create_client(NewClient {
            name: "Treserva".into(),
            role: Role::Vendor,
            units: vec![unit.clone()],
            municipalities: vec![],
            region: None,
        })
        .await;

    // HTTP Basic.
    let response = token_request(&app, Some((&id, &secret)), &[("grant_type", "client_credentials")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["scope"], "cases:write cases:read reference:read stats:read");

    // The token is an RFC 9068 JWT with the client's tenancy.
    let token = body["access_token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
    assert_eq!(header.kid.as_deref(), Some(kid_of(&app.signing_key).as_str()));
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert_eq!(payload["iss"], ISSUER);
    assert_eq!(payload["aud"], AUDIENCE);
    assert_eq!(payload["sub"], id.as_str());
    assert_eq!(payload["client_id"], id.as_str());
    assert_eq!(payload["role"], "vendor");
    assert_eq!(payload["units"], json!([unit]));
    assert!(payload["jti"].is_string());
    assert_eq!(payload["exp"].as_u64().unwrap() - payload["iat"].as_u64().unwrap(), 900);

    // Form fields, with a narrowed scope.
    let response = token_request(
        &app,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
            ("scope", "cases:read"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["scope"], "cases:read");

    // The published key set verifies what was issued.
    let jwks: Value = app.get("/.well-known/jwks.json").await.json().await.unwrap();
    assert_eq!(jwks["keys"][0]["kid"], kid_of(&app.signing_key));
    assert_eq!(jwks["keys"][0]["x"], URL_SAFE_NO_PAD.encode(app.signing_key.verifying_key().as_bytes()));
}

async fn token_endpoint_refuses_bad_requests(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (id, secret) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Analyst,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let grant = [("grant_type", "client_credentials")];

    oauth_error(token_request(&app, Some((&id, "wrong")), &grant).await, 401, "invalid_client").await;
    oauth_error(token_request(&app, Some(("isu_nobody", &secret)), &grant).await, 401, "invalid_client").await;
    oauth_error(token_request(&app, None, &grant).await, 401, "invalid_client").await;
    oauth_error(token_request(&app, Some((&id, &secret)), &[]).await, 400, "invalid_request").await;
    oauth_error(
        token_request(&app, Some((&id, &secret)), &[("grant_type", "password")]).await,
        400,
        "unsupported_grant_type",
    )
    .await;
    oauth_error(
        token_request(&app, Some((&id, &secret)), &[("grant_type", "client_credentials"), ("scope", "cases:write")])
            .await,
        400,
        "invalid_scope",
    )
    .await;
    oauth_error(
        token_request(&app, Some((&id, &secret)), &[("grant_type", "client_credentials"), ("client_id", &id)]).await,
        400,
        "invalid_request",
    )
    .await;
    let json_body = app
        .client
        .post(app.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .json(&json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    oauth_error(json_body, 400, "invalid_request").await;
    let unauthorized = token_request(&app, Some((&id, "wrong")), &grant).await;
    assert_eq!(unauthorized.headers()["www-authenticate"], r#"Basic realm="isu""#);
}

async fn repeated_failures_are_throttled(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (id, secret) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Analyst,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let grant = [("grant_type", "client_credentials")];
    for _ in 0..5 {
        oauth_error(token_request(&app, Some((&id, "guess")), &grant).await, 401, "invalid_client").await;
    }
    // Even the right secret is refused now: stuffing gains nothing.
    let throttled = token_request(&app, Some((&id, &secret)), &grant).await;
    let retry_after: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    expect_problem(throttled, 429).await;
}

/// A client id no server issued (random, so the per-client limit never applies).
fn random_client_id() -> String {
    format!("isu_{}", uuid::Uuid::new_v4().simple())
}

async fn failures_are_throttled_per_source_address(backend: Backend) {
    let limits = RateLimits { token_failures_per_address_per_minute: 3, ..RateLimits::default() };
    let app = TestApp::start_with(backend, limits).await;
    let grant = [("grant_type", "client_credentials")];
    // Each id is new, so no per-client limit is reached; the address's limit is.
    for _ in 0..3 {
        oauth_error(token_request(&app, Some((&random_client_id(), "guess")), &grant).await, 401, "invalid_client")
            .await;
    }
    for _ in 0..3 {
        let throttled = token_request(&app, Some((&random_client_id(), "guess")), &grant).await;
        let retry_after: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry_after));
        expect_problem(throttled, 429).await;
    }
    assert!(app.state.auth.token_guard.per_client.tracked_keys() <= 3, "throttled requests are not even tracked");
}

async fn a_flood_of_token_requests_stays_within_the_hashing_bound(backend: Backend) {
    let limits = RateLimits {
        token_hashing_concurrency: 1,
        token_hashing_queue: 2,
        token_failures_per_address_per_minute: 1_000_000,
        ..RateLimits::default()
    };
    let app = std::sync::Arc::new(TestApp::start_with(backend, limits).await);
    let (id, secret) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Analyst,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let flood: Vec<_> = (0..30)
        .map(|_| {
            let app = app.clone();
            actix_web::rt::spawn(async move {
                let grant = [("grant_type", "client_credentials")];
                token_request(&app, Some((&random_client_id(), "guess")), &grant).await.status().as_u16()
            })
        })
        .collect();
    // A valid client gets its token while the flood runs (retrying when the gate is full, as the
    // 429's Retry-After asks).
    let mut issued = false;
    for _ in 0..200 {
        let response = token_request(&app, Some((&id, &secret)), &[("grant_type", "client_credentials")]).await;
        match response.status().as_u16() {
            200 => {
                issued = true;
                break;
            }
            429 => actix_web::rt::time::sleep(Duration::from_millis(50)).await,
            other => panic!("unexpected status {other}"),
        }
    }
    let mut statuses = Vec::new();
    for request in flood {
        statuses.push(request.await.unwrap());
    }
    assert!(issued, "the valid client got no token during the flood");
    assert!(statuses.iter().all(|s| *s == 401 || *s == 429), "{statuses:?}");
    assert!(statuses.contains(&429), "a full gate answers 429 at once: {statuses:?}");
    assert_eq!(app.state.auth.token_guard.hashing.peak_concurrency(), 1, "never more than one verification at once");
}

async fn unknown_client_and_wrong_secret_get_the_same_answer(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (id, _) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Analyst,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let grant = [("grant_type", "client_credentials")];
    let known = token_request(&app, Some((&id, "wrong")), &grant).await;
    let unknown = token_request(&app, Some((&random_client_id(), "wrong")), &grant).await;
    assert_eq!(known.status(), unknown.status());
    for name in ["content-type", "www-authenticate", "cache-control"] {
        assert_eq!(known.headers().get(name), unknown.headers().get(name), "{name}");
    }
    let without_id = |mut body: Value| {
        body.as_object_mut().unwrap().remove("request_id");
        body
    };
    assert_eq!(
        without_id(known.json().await.unwrap()),
        without_id(unknown.json().await.unwrap()),
        "an answer must not tell whether the id exists"
    );
    // Both count as failures (of the client id and of the address).
    assert_eq!(app.state.auth.token_guard.per_client.tracked_keys(), 2);
}

async fn forged_and_malformed_tokens_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (id, good) = admin_fixture(&app).await;
    let key = &app.signing_key;
    assert_eq!(app.get_as(&good, PROTECTED).await.status(), 200, "the baseline token works");

    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    let claims = admin_claims(&id);

    // alg none.
    let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "at+jwt", "kid": kid_of(key)})), b64(&claims));
    expect_invalid_token(&app, &none, "alg none").await;

    // HS256 keyed with the public key (algorithm confusion).
    let mut hs = Header::new(Algorithm::HS256);
    hs.typ = Some("at+jwt".into());
    hs.kid = Some(kid_of(key));
    let public_x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
    for secret in [public_x.as_bytes(), key.verifying_key().as_bytes().as_slice()] {
        let confused = jsonwebtoken::encode(&hs, &claims, &EncodingKey::from_secret(secret)).unwrap();
        expect_invalid_token(&app, &confused, "HS256 with the public key").await;
    }

    // Another key claiming our kid.
    let other = SigningKey::generate(&mut rand_core::OsRng);
    expect_invalid_token(&app, &sign(&other, good_header(key), &claims), "wrong key").await;
    // Another key with its own kid.
    expect_invalid_token(&app, &sign(&other, good_header(&other), &claims), "unknown kid").await;

    let with = |patch: Value| {
        let mut c = claims.clone();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        sign(key, good_header(key), &c)
    };
    expect_invalid_token(&app, &with(json!({"aud": "someone-else"})), "wrong aud").await;
    expect_invalid_token(&app, &with(json!({"aud": null})), "missing aud").await;
    expect_invalid_token(&app, &with(json!({"iss": "https://evil.example"})), "wrong iss").await;
    expect_invalid_token(&app, &with(json!({"iss": null})), "missing iss").await;
    expect_invalid_token(&app, &with(json!({"exp": null})), "missing exp").await;
    expect_invalid_token(&app, &with(json!({"sub": null})), "missing sub").await;
    expect_invalid_token(&app, &with(json!({"exp": now() - 60, "iat": now() - 1000, "nbf": now() - 1000})), "expired")
        .await;
    expect_invalid_token(&app, &with(json!({"nbf": now() + 600})), "not yet valid").await;
    expect_invalid_token(&app, &with(json!({"iat": now() + 600})), "issued in the future").await;
    expect_invalid_token(&app, &with(json!({"sub": "isu_someone_else"})), "sub differs from client_id").await;

    let header_with = |f: &dyn Fn(&mut Header)| {
        let mut h = good_header(key);
        f(&mut h);
        sign(key, h, &claims)
    };
    expect_invalid_token(&app, &header_with(&|h| h.typ = Some("JWT".into())), "typ JWT").await;
    expect_invalid_token(&app, &header_with(&|h| h.typ = None), "no typ").await;
    expect_invalid_token(&app, &header_with(&|h| h.kid = None), "no kid").await;
    expect_invalid_token(&app, &header_with(&|h| h.kid = Some("../../../../etc/passwd".into())), "kid with a path")
        .await;
    expect_invalid_token(&app, &header_with(&|h| h.kid = Some("x' OR '1'='1".into())), "kid with SQL").await;
    expect_invalid_token(&app, &header_with(&|h| h.jku = Some("https://evil.example/jwks.json".into())), "jku header")
        .await;
    expect_invalid_token(&app, &header_with(&|h| h.x5u = Some("https://evil.example/cert.pem".into())), "x5u header")
        .await;

    // Tampered payload with the original signature.
    let mut parts: Vec<String> = good.split('.').map(str::to_string).collect();
    parts[1] = b64(&json!({"role": "admin", "scope": "admin", "sub": "x", "client_id": "x"}));
    expect_invalid_token(&app, &parts.join("."), "tampered payload").await;
    expect_invalid_token(&app, "not-a-jwt", "garbage").await;
    expect_invalid_token(&app, "a.b.c", "three garbage parts").await;

    // Token in the query string: refused even though it is valid.
    let in_query = app.client.get(app.url(&format!("{PROTECTED}?access_token={good}"))).send().await.unwrap();
    expect_problem(in_query, 401).await;
    let both =
        app.client.get(app.url(&format!("{PROTECTED}?access_token={good}"))).bearer_auth(&good).send().await.unwrap();
    expect_problem(both, 401).await;

    // Malformed Authorization headers.
    for value in ["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", &good, &format!("Token {good}")] {
        let response = app.client.get(app.url(PROTECTED)).header("authorization", value).send().await.unwrap();
        expect_problem(response, 401).await;
    }
    expect_problem(app.get(PROTECTED).await, 401).await;
}

async fn revoked_clients_lose_access(backend: Backend) {
    let limits = RateLimits { revocation_check: Duration::ZERO, ..RateLimits::default() };
    let app = TestApp::start_with(backend, limits).await;
    let admin = app.admin_token().await;
    let (id, secret) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Admin,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let token = app.token(&id, &secret).await;
    assert_eq!(app.get_as(&token, PROTECTED).await.status(), 200);

    let revoked =
        app.client.post(app.url(&format!("/v1/admin/clients/{id}/revoke"))).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(revoked.status(), 200);
    let body: Value = revoked.json().await.unwrap();
    assert!(body["revoked_at"].is_string());

    expect_invalid_token(&app, &token, "revoked client").await;
    let grant = [("grant_type", "client_credentials")];
    oauth_error(token_request(&app, Some((&id, &secret)), &grant).await, 401, "invalid_client").await;
}

async fn roles_and_scopes_are_enforced(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let analyst = app.analyst_token().await;
    let region = app.region_analyst_token("fou-valfard-gavleborg").await;
    for token in [&vendor, &analyst, &region] {
        let body = expect_problem(app.get_as(token, PROTECTED).await, 403).await;
        assert!(body["detail"].as_str().unwrap().contains("admin"), "{body}");
    }
    // An admin token narrowed to reference:read cannot administer.
    let (id, secret) = app
        .create_client(NewClient {
            name: "a".into(),
            role: Role::Admin,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let narrowed =
        token_request(&app, Some((&id, &secret)), &[("grant_type", "client_credentials"), ("scope", "reference:read")])
            .await;
    let narrowed: Value = narrowed.json().await.unwrap();
    let narrowed = narrowed["access_token"].as_str().unwrap();
    expect_problem(app.get_as(narrowed, PROTECTED).await, 403).await;
}

async fn per_client_rate_limit_answers_429(backend: Backend) {
    let limits = RateLimits { requests_per_second: 1, burst: 2, ..RateLimits::default() };
    let app = TestApp::start_with(backend, limits).await;
    let admin = app.admin_token().await;
    let statuses =
        [app.get_as(&admin, PROTECTED).await.status().as_u16(), app.get_as(&admin, PROTECTED).await.status().as_u16()];
    assert_eq!(statuses, [200, 200]);
    let limited = app.get_as(&admin, PROTECTED).await;
    assert!(limited.headers().contains_key("retry-after"));
    expect_problem(limited, 429).await;
    // Another client has a bucket of its own.
    let other = app.admin_token().await;
    assert_eq!(app.get_as(&other, PROTECTED).await.status(), 200);
}

async fn admin_manages_clients_over_http(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let unit = app.create_unit("2121", "Öppenvården Ovanåker").await;
    let post = |body: Value| app.client.post(app.url("/v1/admin/clients")).bearer_auth(&admin).json(&body).send();

    let body =
        expect_problem(post(json!({"name": "x", "role": "vendor", "units": ["no-such-unit"]})).await.unwrap(), 422)
            .await;
    assert_eq!(body["errors"][0]["pointer"], "/units/0");
    let body = expect_problem(post(json!({"name": "x", "role": "region_analyst"})).await.unwrap(), 422).await;
    assert_eq!(body["errors"][0]["pointer"], "/region");
    let body = expect_problem(post(json!({"name": "", "role": "analyst", "units": [unit]})).await.unwrap(), 422).await;
    let pointers: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/name", "/units"], "every violation at once");
    let body = expect_problem(
        post(json!({"name": "x", "role": "vendor", "units": [unit], "colour": "red"})).await.unwrap(),
        422,
    )
    .await;
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("colour"), "{body}");
    let body =
        expect_problem(post(json!({"name": "x", "role": "vendor", "municipalities": ["9999"]})).await.unwrap(), 422)
            .await;
    assert_eq!(body["errors"][0]["pointer"], "/municipalities/0");
    assert_eq!(body["errors"][0]["code"], "unknown_municipality");
    let body =
        expect_problem(post(json!({"name": "x", "role": "region_analyst", "region": "nowhere"})).await.unwrap(), 422)
            .await;
    assert_eq!(body["errors"][0]["code"], "unknown_region");
    let body =
        expect_problem(post(json!({"name": "x", "role": "analyst", "region": "fou-nordvast"})).await.unwrap(), 422)
            .await;
    assert_eq!(body["errors"][0]["pointer"], "/region");
    expect_problem(post(json!({"name": "x", "role": "superuser"})).await.unwrap(), 422).await;
    expect_problem(post(json!({"role": "analyst"})).await.unwrap(), 422).await;
    let listed: Value = app.get_as(&admin, PROTECTED).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "nothing written by refused requests");

    let created = post(json!({"name": "Treserva", "role": "vendor", "units": [unit]})).await.unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let id = created["client"]["client_id"].as_str().unwrap().to_string();
    let secret = created["client_secret"].as_str().unwrap().to_string();
    assert_eq!(created["client"]["units"], json!([unit]));
    app.token(&id, &secret).await;

    let fetched: Value = app.get_as(&admin, &format!("/v1/admin/clients/{id}")).await.json().await.unwrap();
    assert_eq!(fetched["name"], "Treserva");
    assert!(fetched.get("client_secret").is_none() && fetched.get("secret_hash").is_none());
    expect_problem(app.get_as(&admin, "/v1/admin/clients/isu_nobody").await, 404).await;

    let rotated: Value = app
        .client
        .post(app.url(&format!("/v1/admin/clients/{id}/rotate-secret")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new_secret = rotated["client_secret"].as_str().unwrap();
    assert_ne!(new_secret, secret);
    let grant = [("grant_type", "client_credentials")];
    oauth_error(token_request(&app, Some((&id, &secret)), &grant).await, 401, "invalid_client").await;
    app.token(&id, new_secret).await;
}

async fn audit_log_records_who_did_what(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    app.get_as(&admin, PROTECTED).await;
    app.get_as(&admin, "/v1/admin/clients/isu_nobody").await;

    let page: Value = app.get_as(&admin, "/v1/admin/audit?limit=500").await.json().await.unwrap();
    let events = page["items"].as_array().unwrap();
    let token_event = events.iter().find(|e| e["operation"] == "/oauth/token").expect("token request audited");
    assert_eq!(token_event["status"], 200);
    let list_event = events.iter().find(|e| e["operation"] == "/v1/admin/clients").expect("list audited");
    assert_eq!(list_event["status"], 200);
    assert_eq!(list_event["method"], "GET");
    assert_eq!(list_event["client_id"], token_event["client_id"]);
    let missing = events.iter().find(|e| e["operation"] == "/v1/admin/clients/{client_id}").expect("404 audited");
    assert_eq!(missing["status"], 404);

    // Pagination walks every event once, in order. (Reading the log is audited too, so the walk
    // filters out its own events.)
    app.get_as(&admin, PROTECTED).await;
    app.get_as(&admin, PROTECTED).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/admin/audit?limit=1&operation=/v1/admin/clients&cursor={c}"),
            None => "/v1/admin/audit?limit=1&operation=/v1/admin/clients".to_string(),
        };
        let page: Value = app.get_as(&admin, &path).await.json().await.unwrap();
        seen.extend(page["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
        assert!(seen.len() < 100, "pagination does not end");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted);
    assert!(seen.len() >= 3);

    let filtered: Value = app.get_as(&admin, "/v1/admin/audit?operation=/oauth/token").await.json().await.unwrap();
    assert!(filtered["items"].as_array().unwrap().iter().all(|e| e["operation"] == "/oauth/token"));
    expect_problem(app.get_as(&admin, "/v1/admin/audit?limit=0").await, 422).await;
    expect_problem(app.get_as(&admin, "/v1/admin/audit?cursor=nonsense").await, 422).await;
    expect_problem(app.get_as(&admin, "/v1/admin/audit?colour=red").await, 422).await;
    expect_problem(app.get_as(&admin, "/v1/admin/audit?from=yesterday").await, 422).await;
    expect_problem(app.get_as(&admin, "/v1/admin/audit?limit=501").await, 422).await;
    let utc: Value = app
        .get_as(&admin, "/v1/admin/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(utc["items"], json!([]), "time filters apply");

    // The database refuses to rewrite history.
    let tampered = app
        .with_db(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("UPDATE audit_events SET status = 200").is_err()
                && conn.batch_execute("DELETE FROM audit_events").is_err()
        })
        .await;
    assert!(tampered, "audit_events must be append-only");
}

async fn role_is_checked_before_any_input(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let analyst = app.analyst_token().await;
    // Malformed input from a caller without the role: 403, never the field details of a 422.
    let units =
        app.client.post(app.url("/v1/units")).bearer_auth(&analyst).json(&json!({"x": 1})).send().await.unwrap();
    expect_problem(units, 403).await;
    expect_problem(app.get_as(&analyst, "/v1/cases?x=1").await, 403).await;
    let coverage = app
        .client
        .put(app.url(&format!("/v1/units/{unit}/coverage/2025")))
        .bearer_auth(&analyst)
        .json(&json!({"closed_cases": 1.5}))
        .send()
        .await
        .unwrap();
    expect_problem(coverage, 403).await;
    expect_problem(app.get_as(&analyst, "/v1/admin/audit?limit=0").await, 403).await;
}

async fn bodies_must_be_json_objects(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let array =
        app.client.post(app.url("/v1/units")).bearer_auth(&admin).json(&json!(["2182", "Arr"])).send().await.unwrap();
    let problem = expect_problem(array, 422).await;
    assert_eq!(problem["errors"][0]["code"], "invalid_type");
    let coverage = app
        .client
        .put(app.url(&format!("/v1/units/{unit}/coverage/2025")))
        .bearer_auth(&vendor)
        .json(&json!([5, [1, 1, 1, 2]]))
        .send()
        .await
        .unwrap();
    expect_problem(coverage, 422).await;
    let region = app
        .client
        .patch(app.url("/v1/regions/fou-nordvast"))
        .bearer_auth(&admin)
        .json(&json!([null, null]))
        .send()
        .await
        .unwrap();
    expect_problem(region, 422).await;
    let listed: Value = app.get_as(&admin, "/v1/units").await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "nothing was created");
}

both_backends!(
    role_is_checked_before_any_input,
    bodies_must_be_json_objects,
    client_credentials_grant_issues_tokens,
    token_endpoint_refuses_bad_requests,
    repeated_failures_are_throttled,
    failures_are_throttled_per_source_address,
    a_flood_of_token_requests_stays_within_the_hashing_bound,
    unknown_client_and_wrong_secret_get_the_same_answer,
    forged_and_malformed_tokens_are_refused,
    revoked_clients_lose_access,
    roles_and_scopes_are_enforced,
    per_client_rate_limit_answers_429,
    admin_manages_clients_over_http,
    audit_log_records_who_did_what,
);
