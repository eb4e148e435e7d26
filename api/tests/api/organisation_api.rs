//! Municipalities, regions and units over real HTTP, on both backends.

use crate::helpers::{expect_problem, Backend, TestApp};
use isu_domain::geography;
use reqwest::Method;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Helpers

async fn send(
    app: &TestApp,
    method: Method,
    token: Option<&str>,
    path: impl AsRef<str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path.as_ref()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("request")
}

async fn expect_json(response: reqwest::Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let text = response.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).expect("JSON body")
}

async fn get_json(app: &TestApp, token: &str, path: &str) -> Value {
    expect_json(app.get_as(token, path).await, 200).await
}

async fn items(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    get_json(app, token, path).await["items"].as_array().expect("items").clone()
}

fn codes(items: &[Value], key: &str) -> Vec<String> {
    items.iter().map(|i| i[key].as_str().unwrap().to_string()).collect()
}

fn has(problem: &Value, pointer: &str, code: &str) -> bool {
    problem["errors"]
        .as_array()
        .is_some_and(|errors| errors.iter().any(|e| e["pointer"] == pointer && e["code"] == code))
}

fn message(problem: &Value, pointer: &str) -> String {
    problem["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["pointer"] == pointer))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

fn detail(problem: &Value) -> &str {
    problem["detail"].as_str().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Municipalities

async fn municipalities_all_and_filtered(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;

    let all = items(&app, &token, "/v1/municipalities").await;
    assert_eq!(all.len(), 290);
    let expected: Vec<(String, String, String)> =
        geography::municipalities().iter().map(|m| (m.code.clone(), m.name.clone(), m.county_code.clone())).collect();
    let got: Vec<(String, String, String)> = all
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().into(),
                m["name"].as_str().unwrap().into(),
                m["county_code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got, expected, "the SCB list, by code");
    let soderhamn = all.iter().find(|m| m["code"] == "2182").unwrap();
    assert_eq!(
        soderhamn,
        &json!({"code": "2182", "name": "Söderhamn", "county_code": "21", "county_name": "Gävleborgs län", "region": "fou-valfard-gavleborg"})
    );
    assert_eq!(all.iter().find(|m| m["code"] == "0180").unwrap()["region"], Value::Null);

    let gavleborg = items(&app, &token, "/v1/municipalities?county=21").await;
    assert_eq!(gavleborg.len(), 10);
    assert!(gavleborg.iter().all(|m| m["county_code"] == "21" && m["county_name"] == "Gävleborgs län"));

    let nordvast = items(&app, &token, "/v1/municipalities?region=fou-nordvast").await;
    assert_eq!(nordvast.len(), 8);
    assert_eq!(codes(&nordvast, "code"), geography::seed_region("fou-nordvast").unwrap().municipalities);
    assert!(nordvast.iter().all(|m| m["region"] == "fou-nordvast"));

    assert_eq!(items(&app, &token, "/v1/municipalities?county=01&region=fou-nordvast").await.len(), 8);
    assert_eq!(items(&app, &token, "/v1/municipalities?county=21&region=fou-nordvast").await.len(), 0);
}

async fn municipality_filters_are_checked(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let problem = expect_problem(app.get_as(&token, "/v1/municipalities?county=99").await, 422).await;
    assert!(has(&problem, "query:county", "unknown_county"), "{problem}");
    let problem = expect_problem(app.get_as(&token, "/v1/municipalities?region=fou-nowhere").await, 422).await;
    assert!(has(&problem, "query:region", "unknown_region"), "{problem}");
    assert!(message(&problem, "query:region").contains("fou-nordvast"), "names the regions: {problem}");
    let problem = expect_problem(app.get_as(&token, "/v1/municipalities?county=2&region=x").await, 422).await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2, "both at once: {problem}");
    expect_problem(app.get_as(&token, "/v1/municipalities?kommun=2182").await, 422).await;
}

// ---------------------------------------------------------------------------------------------
// Regions

async fn regions_are_listed_with_their_municipalities(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let regions = items(&app, &token, "/v1/regions").await;
    assert_eq!(codes(&regions, "id"), ["fou-nordvast", "fou-socialtjanst-vasterbotten", "fou-valfard-gavleborg"]);
    for region in &regions {
        let seed = geography::seed_region(region["id"].as_str().unwrap()).unwrap();
        assert_eq!(region["name"], seed.name.as_str());
        let members = region["municipalities"].as_array().unwrap();
        assert_eq!(codes(members, "code"), seed.municipalities);
        for m in members {
            let known = geography::municipality(m["code"].as_str().unwrap()).unwrap();
            assert_eq!(
                (m["name"].as_str().unwrap(), m["county_code"].as_str().unwrap()),
                (known.name.as_str(), known.county_code.as_str())
            );
        }
    }
    let one = get_json(&app, &token, "/v1/regions/fou-nordvast").await;
    assert_eq!(&one, regions.iter().find(|r| r["id"] == "fou-nordvast").unwrap());
    assert_eq!(one["municipalities"].as_array().unwrap().len(), 8);

    let problem = expect_problem(app.get_as(&token, "/v1/regions/fou-nowhere").await, 404).await;
    for id in ["fou-nordvast", "fou-socialtjanst-vasterbotten", "fou-valfard-gavleborg"] {
        assert!(detail(&problem).contains(id), "names {id}: {problem}");
    }
}

async fn admin_creates_a_region(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let reader = app.analyst_token().await;
    let body = json!({"name": "FoU Sjuhärad", "municipalities": ["1491", "1490"]});
    let response = send(&app, Method::POST, Some(&admin), "/v1/regions", Some(body)).await;
    assert_eq!(response.headers()["location"], "/v1/regions/fou-sjuharad");
    let created = expect_json(response, 201).await;
    assert_eq!(created["id"], "fou-sjuharad");
    assert_eq!(created["name"], "FoU Sjuhärad");
    assert_eq!(
        created["municipalities"],
        json!([{"code": "1490", "name": "Borås", "county_code": "14"}, {"code": "1491", "name": "Ulricehamn", "county_code": "14"}])
    );
    assert_eq!(get_json(&app, &reader, "/v1/regions/fou-sjuharad").await, created);
    assert_eq!(items(&app, &reader, "/v1/regions").await.len(), 4);
    let members = items(&app, &reader, "/v1/municipalities?region=fou-sjuharad").await;
    assert_eq!(codes(&members, "code"), ["1490", "1491"]);

    // Explicit id, no municipalities.
    let body = json!({"id": "fou-test", "name": "FoU Test"});
    let created = expect_json(send(&app, Method::POST, Some(&admin), "/v1/regions", Some(body)).await, 201).await;
    assert_eq!((&created["id"], &created["municipalities"]), (&json!("fou-test"), &json!([])));
}

async fn region_writes_are_validated(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let post = |body: Value| send(&app, Method::POST, Some(&admin), "/v1/regions", Some(body));

    let body = json!({"id": "Bad Id", "name": " ", "municipalities": ["9999", "2182", "1490", "1490", "0180"]});
    let problem = expect_problem(post(body).await, 422).await;
    let expected = [
        ("/id", "invalid_slug"),
        ("/name", "invalid_length"),
        ("/municipalities/0", "unknown_municipality"),
        ("/municipalities/1", "in_other_region"),
        ("/municipalities/3", "duplicate"),
    ];
    for (pointer, code) in expected {
        assert!(has(&problem, pointer, code), "{pointer} {code}: {problem}");
    }
    assert_eq!(problem["errors"].as_array().unwrap().len(), expected.len(), "{problem}");
    let taken = message(&problem, "/municipalities/1");
    assert!(
        taken.contains("2182") && taken.contains("Söderhamn") && taken.contains("fou-valfard-gavleborg"),
        "{taken}"
    );

    let problem = expect_problem(post(json!({})).await, 422).await;
    assert!(has(&problem, "/name", "required"), "{problem}");
    expect_problem(post(json!({"name": "FoU X", "host": "Region X"})).await, 422).await;
    expect_problem(post(json!({"name": "FoU X", "municipalities": "1490"})).await, 422).await;

    // Duplicates: id, and name ignoring case.
    let problem = expect_problem(post(json!({"id": "fou-nordvast", "name": "Another"})).await, 409).await;
    assert!(detail(&problem).contains("fou-nordvast"), "{problem}");
    let problem = expect_problem(post(json!({"id": "fou-other", "name": "fou nordväst"})).await, 409).await;
    assert!(detail(&problem).contains("fou-nordvast"), "{problem}");
    expect_problem(post(json!({"name": "FoU Nordväst"})).await, 409).await;

    // Nothing was written.
    assert_eq!(items(&app, &admin, "/v1/regions").await.len(), 3);
    let problem = expect_problem(app.get_as(&admin, "/v1/regions/fou-other").await, 404).await;
    assert!(detail(&problem).contains("fou-nordvast"));
    let all = items(&app, &admin, "/v1/municipalities?county=14").await;
    assert!(all.iter().all(|m| m["region"].is_null()), "1490 not assigned");
}

async fn admin_changes_a_region(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let patch =
        |id: &str, body: Value| send(&app, Method::PATCH, Some(&admin), format!("/v1/regions/{id}"), Some(body));
    let original = get_json(&app, &admin, "/v1/regions/fou-nordvast").await;

    let renamed = expect_json(patch("fou-nordvast", json!({"name": "FoU Nordväst Stockholm"})).await, 200).await;
    assert_eq!(renamed["name"], "FoU Nordväst Stockholm");
    assert_eq!(renamed["municipalities"], original["municipalities"]);
    assert_eq!(renamed["created_at"], original["created_at"]);

    // Replace the members: drop Sigtuna (0191), add Vallentuna (0115).
    let members = json!(["0114", "0115", "0123", "0125", "0139", "0163", "0183", "0184"]);
    let changed = expect_json(patch("fou-nordvast", json!({"municipalities": members})).await, 200).await;
    assert_eq!(
        codes(changed["municipalities"].as_array().unwrap(), "code"),
        members.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect::<Vec<_>>()
    );
    let sigtuna =
        items(&app, &admin, "/v1/municipalities?county=01").await.into_iter().find(|m| m["code"] == "0191").unwrap();
    assert!(sigtuna["region"].is_null(), "Sigtuna is free again");
    assert_eq!(get_json(&app, &admin, "/v1/regions/fou-nordvast").await, changed);

    // Taking another region's municipality, unknown codes, a clashing name: refused, unchanged.
    let problem = expect_problem(
        patch("fou-nordvast", json!({"municipalities": ["0114", "2182", "0000"], "name": ""})).await,
        422,
    )
    .await;
    assert!(has(&problem, "/municipalities/1", "in_other_region"), "{problem}");
    assert!(has(&problem, "/municipalities/2", "unknown_municipality"), "{problem}");
    assert!(has(&problem, "/name", "invalid_length"), "{problem}");
    let problem = expect_problem(patch("fou-nordvast", json!({"name": "FoU VÄLFÄRD Gävleborg"})).await, 409).await;
    assert!(detail(&problem).contains("fou-valfard-gavleborg"), "{problem}");
    expect_problem(patch("fou-nordvast", json!({"id": "fou-nv"})).await, 422).await;
    assert_eq!(get_json(&app, &admin, "/v1/regions/fou-nordvast").await, changed);

    // An unchanged PATCH is a no-op.
    let same = expect_json(patch("fou-nordvast", json!({})).await, 200).await;
    assert_eq!(same, changed);

    let problem = expect_problem(patch("fou-nowhere", json!({"name": "X"})).await, 404).await;
    assert!(detail(&problem).contains("fou-nordvast"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// Units

async fn admin_creates_reads_and_renames_units(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let reader = app.analyst_token().await;
    let post = |body: Value| send(&app, Method::POST, Some(&admin), "/v1/units", Some(body));

    assert!(items(&app, &reader, "/v1/units").await.is_empty());
    let response = post(json!({"municipality": "2182", "name": "  Familjeteamet "})).await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let unit = expect_json(response, 201).await;
    let id = unit["id"].as_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "UUID id: {id}");
    assert_eq!(location, format!("/v1/units/{id}"));
    assert_eq!(
        (&unit["name"], &unit["municipality"], &unit["municipality_name"], &unit["region"]),
        (&json!("Familjeteamet"), &json!("2182"), &json!("Söderhamn"), &json!("fou-valfard-gavleborg"))
    );
    assert_eq!(get_json(&app, &reader, &location).await, unit);

    // The same name elsewhere is fine; in the same municipality (any case) it is not.
    let stockholm = expect_json(post(json!({"municipality": "0180", "name": "Familjeteamet"})).await, 201).await;
    assert!(stockholm["region"].is_null());
    let problem = expect_problem(post(json!({"municipality": "2182", "name": "FAMILJETEAMET"})).await, 409).await;
    assert!(detail(&problem).contains("2182") && detail(&problem).contains(&id), "{problem}");
    let other = expect_json(post(json!({"municipality": "2182", "name": "Öppenvården"})).await, 201).await;

    // Filters.
    assert_eq!(items(&app, &reader, "/v1/units").await.len(), 3);
    let in_2182 = items(&app, &reader, "/v1/units?municipality=2182").await;
    assert_eq!(codes(&in_2182, "name"), ["Familjeteamet", "Öppenvården"]);
    assert_eq!(items(&app, &reader, "/v1/units?region=fou-valfard-gavleborg").await.len(), 2);
    assert!(items(&app, &reader, "/v1/units?region=fou-nordvast").await.is_empty());
    assert_eq!(items(&app, &reader, "/v1/units?municipality=0180&region=fou-valfard-gavleborg").await.len(), 0);

    // Rename.
    let patch = |id: &str, body: Value| send(&app, Method::PATCH, Some(&admin), format!("/v1/units/{id}"), Some(body));
    let renamed = expect_json(patch(&id, json!({"name": "Familjeteamet Söderhamn"})).await, 200).await;
    assert_eq!(renamed["name"], "Familjeteamet Söderhamn");
    assert_eq!((&renamed["id"], &renamed["created_at"]), (&unit["id"], &unit["created_at"]));
    assert_eq!(get_json(&app, &reader, &location).await, renamed);
    let problem = expect_problem(patch(&id, json!({"name": "öppenvården"})).await, 409).await;
    assert!(detail(&problem).contains(other["id"].as_str().unwrap()), "{problem}");
    let problem = expect_problem(patch(&id, json!({"name": ""})).await, 422).await;
    assert!(has(&problem, "/name", "invalid_length"), "{problem}");
    // The municipality of a unit is fixed: an unknown field for PATCH.
    let problem = expect_problem(patch(&id, json!({"municipality": "0180"})).await, 422).await;
    assert!(has(&problem, "/municipality", "unknown_field"), "{problem}");
    assert_eq!(get_json(&app, &reader, &location).await, renamed, "unchanged");

    let missing = uuid::Uuid::new_v4();
    expect_problem(app.get_as(&reader, &format!("/v1/units/{missing}")).await, 404).await;
    expect_problem(app.get_as(&reader, "/v1/units/not-a-uuid").await, 404).await;
    expect_problem(patch(&missing.to_string(), json!({"name": "X"})).await, 404).await;
}

async fn unit_writes_and_filters_are_validated(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let post = |body: Value| send(&app, Method::POST, Some(&admin), "/v1/units", Some(body));

    let problem = expect_problem(post(json!({"municipality": "9999", "name": ""})).await, 422).await;
    assert!(
        has(&problem, "/municipality", "unknown_municipality") && has(&problem, "/name", "invalid_length"),
        "{problem}"
    );
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
    let problem = expect_problem(post(json!({})).await, 422).await;
    assert!(has(&problem, "/municipality", "required") && has(&problem, "/name", "required"), "{problem}");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
    let problem = expect_problem(post(json!({"municipality": "2182", "name": "X".repeat(201)})).await, 422).await;
    assert!(has(&problem, "/name", "invalid_length"), "{problem}");
    expect_problem(post(json!({"municipality": "2182", "name": "A", "region": "x"})).await, 422).await;
    expect_problem(post(json!({"municipality": 2182, "name": "A"})).await, 422).await;
    assert!(items(&app, &admin, "/v1/units").await.is_empty(), "nothing written");

    let problem = expect_problem(app.get_as(&admin, "/v1/units?municipality=9999").await, 422).await;
    assert!(has(&problem, "query:municipality", "unknown_municipality"), "{problem}");
    let problem = expect_problem(app.get_as(&admin, "/v1/units?region=fou-nowhere").await, 422).await;
    assert!(has(&problem, "query:region", "unknown_region"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// Roles, tokens, caching

async fn organisation_writes_are_for_admins_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let vendor = app.vendor_token(&[&unit]).await;
    let analyst = app.analyst_token().await;
    let region_analyst = app.region_analyst_token("fou-nordvast").await;
    let writes = [
        (Method::POST, "/v1/regions".to_string(), json!({"name": "FoU X"})),
        (Method::PATCH, "/v1/regions/fou-nordvast".to_string(), json!({"name": "Hijacked"})),
        (Method::POST, "/v1/units".to_string(), json!({"municipality": "2182", "name": "Y"})),
        (Method::PATCH, format!("/v1/units/{unit}"), json!({"name": "Hijacked"})),
    ];
    for (method, path, body) in &writes {
        for token in [&vendor, &analyst, &region_analyst] {
            expect_problem(send(&app, method.clone(), Some(token), path, Some(body.clone())).await, 403).await;
        }
        expect_problem(send(&app, method.clone(), None, path, Some(body.clone())).await, 401).await;
    }
    let unit_path = format!("/v1/units/{unit}");
    for path in ["/v1/municipalities", "/v1/regions", "/v1/regions/fou-nordvast", "/v1/units", unit_path.as_str()] {
        expect_problem(app.get(path).await, 401).await;
        for token in [&vendor, &analyst, &region_analyst] {
            assert_eq!(app.get_as(token, path).await.status(), 200, "{path} is readable by every role");
        }
    }
    assert_eq!(get_json(&app, &vendor, "/v1/regions/fou-nordvast").await["name"], "FoU Nordväst");
    assert_eq!(items(&app, &vendor, "/v1/units").await.len(), 1);
    assert_eq!(items(&app, &vendor, "/v1/regions").await.len(), 3);
}

async fn organisation_reads_support_conditional_requests(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let unit = app.create_unit("2182", "Familjeteamet").await;
    let paths = [
        "/v1/municipalities".to_string(),
        "/v1/municipalities?county=21".to_string(),
        "/v1/regions".to_string(),
        "/v1/regions/fou-nordvast".to_string(),
        "/v1/units".to_string(),
        format!("/v1/units/{unit}"),
    ];
    let mut tags = Vec::new();
    for path in &paths {
        let response = app.get_as(&admin, path).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "private, no-cache", "{path}");
        let etag = response.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.len() == 66, "{path}: {etag}");
        let again =
            app.client.get(app.url(path)).bearer_auth(&admin).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        tags.push(etag);
    }

    // An admin change makes the old tags stale at once.
    let body = json!({"municipalities": ["0114", "0123"]});
    expect_json(send(&app, Method::PATCH, Some(&admin), "/v1/regions/fou-nordvast", Some(body)).await, 200).await;
    let body = json!({"name": "Familjeteamet Söderhamn"});
    expect_json(send(&app, Method::PATCH, Some(&admin), &format!("/v1/units/{unit}"), Some(body)).await, 200).await;
    for (path, etag) in paths.iter().zip(&tags) {
        let unchanged = path.contains("county=21");
        let response =
            app.client.get(app.url(path)).bearer_auth(&admin).header("if-none-match", etag).send().await.unwrap();
        assert_eq!(response.status(), if unchanged { 304 } else { 200 }, "{path}");
    }
}

both_backends!(
    municipalities_all_and_filtered,
    municipality_filters_are_checked,
    regions_are_listed_with_their_municipalities,
    admin_creates_a_region,
    region_writes_are_validated,
    admin_changes_a_region,
    admin_creates_reads_and_renames_units,
    unit_writes_and_filters_are_validated,
    organisation_writes_are_for_admins_only,
    organisation_reads_support_conditional_requests,
);
