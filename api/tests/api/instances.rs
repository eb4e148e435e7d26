//! Two server instances on one PostgreSQL database, as a deployment runs them: what one does, the
//! other honours. Revocations within the revocation-check interval, idempotency keys and
//! `If-Match` at once, statistics at once (their caches are checked against the database's write
//! counters on every use). Rate limits and token lockouts are per instance (README, Reliability).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::helpers::{self, Backend, TestApp, TestDb};
use isu_http::auth::{RateLimits, Role};
use isu_store::clients::NewClient;
use serde_json::{json, Value};

const REGION: &str = "fou-valfard-gavleborg";

/// A valid record of a child of the given gender.
fn record(case_ref: &str, gender: &str) -> Value {
    let mut record = helpers::valid_record(case_ref);
    record["gender"] = json!(gender);
    record
}

/// Two instances on one fresh PostgreSQL database, or `None` when the PostgreSQL half is skipped.
async fn two_instances(limits: RateLimits) -> Option<(TestApp, TestApp)> {
    if !helpers::postgres_enabled() {
        return None;
    }
    let first = TestApp::start_on(Arc::new(TestDb::new(Backend::Postgres)), limits.clone(), None).await;
    let second = first.another_instance(limits).await;
    Some((first, second))
}

#[actix_web::test]
async fn a_revocation_through_one_instance_is_honoured_by_the_other_within_the_check_interval() {
    let check = Duration::from_secs(2);
    let Some((a, b)) = two_instances(RateLimits { revocation_check: check, ..RateLimits::default() }).await else {
        return;
    };
    let admin = a.admin_token().await;
    let new =
        NewClient { name: "Treserva".into(), role: Role::Analyst, units: vec![], municipalities: vec![], region: None };
    let (id, secret) = a.create_client(new).await;
    let token = b.token(&id, &secret).await;
    // Instance B has seen the client active (and may keep that for one interval).
    assert_eq!(b.get_as(&token, "/v1/forms").await.status(), 200);

    let revoked = a.client.post(a.url(&format!("/v1/admin/clients/{id}/revoke"))).bearer_auth(&admin).send().await;
    assert_eq!(revoked.unwrap().status(), 200);
    let revoked_at = Instant::now();
    loop {
        let status = b.get_as(&token, "/v1/forms").await.status();
        if status == 401 {
            break;
        }
        assert_eq!(status, 200);
        assert!(
            revoked_at.elapsed() <= check + Duration::from_secs(1),
            "instance B still honours a token revoked through A {:?} later",
            revoked_at.elapsed()
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    // And B issues it no new token.
    let grant = b
        .client
        .post(b.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(grant.status(), 401);
}

#[actix_web::test]
async fn idempotency_keys_hold_across_instances() {
    let Some((a, b)) = two_instances(RateLimits::default()).await else { return };
    let unit = a.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = a.vendor_token(&[&unit]).await;
    let post = |app: &TestApp, key: &str, body: &Value| {
        app.client
            .post(app.url(&format!("/v1/units/{unit}/cases")))
            .bearer_auth(&vendor)
            .header("idempotency-key", key)
            .json(body)
            .send()
    };

    let first = post(&a, "key-1", &record("I-1", "girl")).await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let replay = post(&b, "key-1", &record("I-1", "girl")).await.unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(replay.json::<Value>().await.unwrap(), first);
    assert_eq!(post(&b, "key-1", &record("I-2", "girl")).await.unwrap().status(), 422, "another body, same key");

    // The same new key sent to both instances at once, many times: one record, one first answer,
    // the rest replays or "still being processed".
    let body = record("I-3", "boy");
    let racing: Vec<_> = (0..16).map(|i| post(if i % 2 == 0 { &a } else { &b }, "key-2", &body)).collect();
    let mut originals = 0;
    for response in futures_util::future::join_all(racing).await {
        let response = response.unwrap();
        match response.status().as_u16() {
            201 if response.headers().get("idempotent-replayed").is_none() => originals += 1,
            201 | 409 => {}
            other => panic!("racing keyed POSTs: {other} {}", response.text().await.unwrap_or_default()),
        }
    }
    assert_eq!(originals, 1, "exactly one request did the work");
    let listed: Value = b.get_as(&vendor, &format!("/v1/units/{unit}/cases")).await.json().await.unwrap();
    let refs: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|c| c["case_ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["I-1", "I-3"]);
}

#[actix_web::test]
async fn if_match_holds_across_instances() {
    let Some((a, b)) = two_instances(RateLimits::default()).await else { return };
    let unit = a.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = a.vendor_token(&[&unit]).await;
    let url = |app: &TestApp| app.url(&format!("/v1/units/{unit}/cases/M-1"));
    let created = a.client.put(url(&a)).bearer_auth(&vendor).json(&record("M-1", "girl")).send().await.unwrap();
    assert_eq!(created.status(), 201);
    let r1 = created.headers()["etag"].to_str().unwrap().to_string();

    let changed = b
        .client
        .put(url(&b))
        .bearer_auth(&vendor)
        .header("if-match", &r1)
        .json(&record("M-1", "boy"))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let r2 = changed.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(r1, r2);

    // A's writer still holds r1: refused, whichever instance it asks.
    for app in [&a, &b] {
        let stale =
            app.client.put(url(app)).bearer_auth(&vendor).header("if-match", &r1).json(&record("M-1", "girl")).send();
        assert_eq!(stale.await.unwrap().status(), 412);
    }
    let read = a.get_as(&vendor, &format!("/v1/units/{unit}/cases/M-1")).await;
    assert_eq!(read.headers()["etag"].to_str().unwrap(), r2);
    assert_eq!(read.json::<Value>().await.unwrap()["gender"], "boy");
}

#[actix_web::test]
async fn statistics_follow_writes_made_through_the_other_instance() {
    let Some((a, b)) = two_instances(RateLimits::default()).await else { return };
    let unit = a.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = a.vendor_token(&[&unit]).await;
    let analyst = a.region_analyst_token(REGION).await;
    async fn children(app: &TestApp, analyst: &str) -> u64 {
        let body: Value = app.get_as(analyst, "/v1/stats?measure=children&year=2025").await.json().await.unwrap();
        body["table"]["total"]["children"].as_u64().unwrap_or_else(|| panic!("no total: {body}"))
    }
    let put = |app: &TestApp, case_ref: &str| {
        app.client
            .put(app.url(&format!("/v1/units/{unit}/cases/{case_ref}")))
            .bearer_auth(&vendor)
            .json(&record(case_ref, "girl"))
            .send()
    };

    assert_eq!(put(&a, "S-1").await.unwrap().status(), 201);
    // Both instances compute (and cache) the figures.
    assert_eq!(children(&a, &analyst).await, 1);
    assert_eq!(children(&b, &analyst).await, 1);
    // A write through B is seen by A's cache at once, and the other way round.
    assert_eq!(put(&b, "S-2").await.unwrap().status(), 201);
    assert_eq!(children(&a, &analyst).await, 2);
    assert_eq!(put(&a, "S-3").await.unwrap().status(), 201);
    assert_eq!(children(&b, &analyst).await, 3);
    let erased = b.client.delete(b.url(&format!("/v1/units/{unit}/cases/S-1"))).bearer_auth(&vendor).send().await;
    assert!(erased.unwrap().status().is_success());
    assert_eq!(children(&a, &analyst).await, 2);
}

/// Each instance keeps the manual-method registry it read last and resolves the method names of
/// the records it writes through it; a change of the registry made through the other instance is
/// used by the next write at once (the registry's counter, read on every write, moved).
#[actix_web::test]
async fn method_registry_changes_through_one_instance_resolve_at_once_on_the_other() {
    let Some((a, b)) = two_instances(RateLimits::default()).await else { return };
    let unit = a.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = a.vendor_token(&[&unit]).await;
    let admin = a.admin_token().await;
    // The method id the record stored for the name it sent, as the record's answer shows it.
    let put = |app: &TestApp, case_ref: &str, method: &str| {
        let mut body = record(case_ref, "girl");
        body["manual_methods"] = json!([method]);
        let request = app
            .client
            .put(app.url(&format!("/v1/units/{unit}/cases/{case_ref}")))
            .bearer_auth(&vendor)
            .json(&body)
            .send();
        async move {
            let response = request.await.unwrap();
            assert_eq!(response.status(), 201);
            let body: Value = response.json().await.unwrap();
            body["named_methods"][0]["method_id"].clone()
        }
    };

    // B reads (and keeps) the registry: the name is not one of its methods yet.
    assert_eq!(put(&b, "M-1", "KOMET för föräldrar").await, Value::Null);
    assert_eq!(put(&b, "M-2", "COS-P").await, json!("trygghetscirkeln"));
    let method = json!({"name": "Komet", "description": {"sv": "Föräldrastöd.", "en": "Parenting support."},
        "aliases": ["KOMET för föräldrar"], "intervention_code": "manual_method"});
    let created = a.client.post(a.url("/v1/manual-methods")).bearer_auth(&admin).json(&method).send().await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(put(&b, "M-3", "KOMET för föräldrar").await, json!("komet"), "B still used the registry it kept");

    // A changed alias, the same way.
    let patched = a
        .client
        .patch(a.url("/v1/manual-methods/komet"))
        .bearer_auth(&admin)
        .json(&json!({"aliases": ["Kometprogrammet"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 200);
    assert_eq!(put(&b, "M-4", "Kometprogrammet").await, json!("komet"));
    assert_eq!(put(&b, "M-5", "KOMET för föräldrar").await, Value::Null, "the old alias no longer resolves");
}

/// A keyed POST whose connection dies on instance A (its backend terminated while it waits inside
/// its transaction) is answered 503, and its retry through instance B is written at once: a
/// request that did not complete holds its key on no instance.
#[actix_web::test]
async fn a_keyed_write_cut_off_on_one_instance_is_retried_on_the_other_at_once() {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let Some((a, b)) = two_instances(RateLimits::default()).await else { return };
    let unit = a.create_unit("2182", "Familjeteamet Söderhamn").await;
    let vendor = a.vendor_token(&[&unit]).await;
    let isu_api::config::DatabaseUrl::Postgres(url) = a.database_url() else { unreachable!("PostgreSQL") };
    let body = record("K-1", "girl");
    let post = |app: &TestApp| {
        app.client
            .post(app.url(&format!("/v1/units/{unit}/cases")))
            .bearer_auth(&vendor)
            .header("idempotency-key", "cut-off")
            .json(&body)
            .send()
    };

    let mut blocker = diesel::PgConnection::establish(&url).expect("connect");
    blocker.batch_execute("BEGIN; LOCK TABLE cases IN ACCESS EXCLUSIVE MODE").expect("lock");
    let (cut_off, ()) = futures_util::join!(post(&a), async {
        helpers::terminate_backends_waiting_for_locks(url.clone()).await;
        blocker.batch_execute("ROLLBACK").expect("unlock");
    });
    let cut_off = cut_off.unwrap();
    assert_eq!(cut_off.status(), 503, "{}", cut_off.text().await.unwrap_or_default());

    let retried = post(&b).await.unwrap();
    assert_eq!(retried.status(), 201, "{}", retried.text().await.unwrap_or_default());
    assert!(retried.headers().get("idempotent-replayed").is_none());
    let replayed = post(&a).await.unwrap();
    assert_eq!(replayed.status(), 201);
    assert_eq!(replayed.headers()["idempotent-replayed"], "true");
}
