//! Forms, code lists, code mappings and the manual-method registry over real HTTP, on both
//! backends. Responses are compared with `isu_domain`, never with hand copies.

use crate::helpers::{expect_problem, Backend, TestApp};
use isu_domain::{self as domain, forms, CodeListId};
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

fn pointers(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect()
}

fn has(problem: &Value, pointer: &str, code: &str) -> bool {
    pointers(problem).iter().any(|(p, c)| p == pointer && c == code)
}

fn detail(problem: &Value) -> &str {
    problem["detail"].as_str().unwrap_or_default()
}

/// A vendor token (vendors need a unit) and an analyst token: two non-admin roles.
async fn reader_tokens(app: &TestApp) -> (String, String) {
    let unit = app.create_unit("2182", "Familjeteamet").await;
    (app.vendor_token(&[&unit]).await, app.analyst_token().await)
}

// ---------------------------------------------------------------------------------------------
// Forms

async fn forms_list_summarises_each_version(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (vendor, analyst) = reader_tokens(&app).await;
    for token in [&vendor, &analyst] {
        let body = get_json(&app, token, "/v1/forms").await;
        let items = body["items"].as_array().unwrap();
        let ids: Vec<&str> = items.iter().map(|f| f["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["su-x-2020", "su-x-2021"]);
        for (item, form) in items.iter().zip(forms::all()) {
            assert_eq!(item["version"], form.version);
            assert_eq!(item["title"], serde_json::to_value(&form.title).unwrap());
            assert_eq!(item["validity"], serde_json::to_value(form.validity).unwrap());
            assert_eq!(item["current"], form.id == "su-x-2021");
        }
        assert_eq!(items[0]["question_count"], 9);
        assert_eq!(items[1]["question_count"], 10);
    }
}

async fn form_definition_is_the_domain_form(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (vendor, _) = reader_tokens(&app).await;
    for form in forms::all() {
        let body = get_json(&app, &vendor, &format!("/v1/forms/{}", form.id)).await;
        assert_eq!(body, serde_json::to_value(form).unwrap(), "{} differs from the domain", form.id);
    }

    // What a vendor needs to render and validate, read from the response alone.
    let v2021 = get_json(&app, &vendor, "/v1/forms/su-x-2021").await;
    let fields = v2021["fields"].as_array().unwrap();
    let questions: Vec<(u64, &str)> = fields
        .iter()
        .filter_map(|f| f.get("number").map(|n| (n.as_u64().unwrap(), f["name"].as_str().unwrap())))
        .collect();
    assert_eq!(
        questions,
        [
            (1, "age_at_referral"),
            (2, "gender"),
            (3, "birth_background"),
            (4, "referred_on"),
            (5, "started_on"),
            (6, "previously_active"),
            (7, "problem_areas"),
            (8, "interventions"),
            (9, "closed_on"),
            (10, "closing_reason"),
        ]
    );
    let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
    let pa = field("problem_areas");
    assert_eq!(
        (&pa["type"], &pa["code_list"], &pa["min_items"], &pa["max_items"]),
        (&json!("code_set"), &json!("problem-areas"), &json!(1), &json!(3))
    );
    assert_eq!(pa["unique_items"], true);
    assert_eq!(field("age_at_referral")["maximum"], 20);
    assert!(v2021["rules"].as_array().unwrap().iter().any(|r| r["check"]["kind"] == "requires_detail"
        && r["check"]["field"] == "problem_areas"
        && r["check"]["detail_field"] == "problem_area_other"));
    for list in v2021["code_lists"].as_array().unwrap() {
        for code in list["codes"].as_array().unwrap() {
            for text in ["label", "definition"] {
                for lang in ["sv", "en"] {
                    assert!(code[text][lang].as_str().is_some_and(|s| !s.is_empty()), "{list}: {code}");
                }
            }
        }
    }

    let v2020 = get_json(&app, &vendor, "/v1/forms/su-x-2020").await;
    let names: Vec<&str> = v2020["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(!names.contains(&"birth_background"));
    assert!(v2020["code_lists"].as_array().unwrap().iter().all(|l| l["id"] != "birth-backgrounds"));
}

async fn unknown_form_is_a_404_naming_the_versions(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let problem = expect_problem(app.get_as(&token, "/v1/forms/su-x-2019").await, 404).await;
    assert!(detail(&problem).contains("su-x-2020") && detail(&problem).contains("su-x-2021"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// Code lists and mappings

async fn code_lists_are_the_domain_lists_of_each_form(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    for form in forms::all() {
        for id in CodeListId::ALL {
            let path = format!("/v1/code-lists/{id}?form={}", form.id);
            match form.code_list(id) {
                Some(list) => {
                    let body = get_json(&app, &token, &path).await;
                    let expected = json!({
                        "form": form.id, "list": id.as_str(), "field": list.field,
                        "name": serde_json::to_value(&list.name).unwrap(),
                        "codes": serde_json::to_value(&list.codes).unwrap(),
                    });
                    assert_eq!(body, expected, "{path}");
                    let positions: Vec<u64> =
                        body["codes"].as_array().unwrap().iter().map(|c| c["position"].as_u64().unwrap()).collect();
                    assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>(), "{path}: form order");
                }
                None => {
                    let problem = expect_problem(app.get_as(&token, &path).await, 404).await;
                    assert!(detail(&problem).contains(&form.id) && detail(&problem).contains(id.as_str()), "{problem}");
                }
            }
        }
    }
    // birth-backgrounds is the one list absent in 2020.
    assert!(forms::get("su-x-2020").unwrap().code_list(CodeListId::BirthBackgrounds).is_none());
    let problem =
        expect_problem(app.get_as(&token, "/v1/code-lists/birth-backgrounds?form=su-x-2020").await, 404).await;
    assert!(detail(&problem).contains("su-x-2021"), "says where the list exists: {problem}");

    // Without `form`: the current version.
    for id in CodeListId::ALL {
        let default = get_json(&app, &token, &format!("/v1/code-lists/{id}")).await;
        let current = get_json(&app, &token, &format!("/v1/code-lists/{id}?form={}", forms::current().id)).await;
        assert_eq!(default, current);
        assert_eq!(default["form"], "su-x-2021");
    }
}

async fn code_list_errors_name_what_exists(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let problem = expect_problem(app.get_as(&token, "/v1/code-lists/problem_areas").await, 404).await;
    for id in CodeListId::ALL {
        assert!(detail(&problem).contains(id.as_str()), "names {id}: {problem}");
    }
    let problem = expect_problem(app.get_as(&token, "/v1/code-lists/genders?form=su-x-2019").await, 422).await;
    assert!(has(&problem, "query:form", "unknown_form"), "{problem}");
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("su-x-2020") && message.contains("su-x-2021"), "{problem}");
    expect_problem(app.get_as(&token, "/v1/code-lists/genders?version=2021").await, 422).await;
}

async fn code_mappings_are_the_domain_mappings(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let body = get_json(&app, &token, "/v1/code-mappings").await;
    assert_eq!(body, json!({"items": serde_json::to_value(domain::mapping::all()).unwrap()}));
}

// ---------------------------------------------------------------------------------------------
// Caching, authentication

async fn reference_reads_answer_304_for_a_current_etag(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let paths = [
        ("/v1/forms", "private, max-age=300"),
        ("/v1/forms/su-x-2021", "private, max-age=300"),
        ("/v1/code-lists/problem-areas", "private, max-age=300"),
        ("/v1/code-lists/problem-areas?form=su-x-2020", "private, max-age=300"),
        ("/v1/code-mappings", "private, max-age=300"),
        ("/v1/manual-methods", "private, no-cache"),
        ("/v1/manual-methods/trygghetscirkeln", "private, no-cache"),
    ];
    let mut tags = Vec::new();
    for (path, cache_control) in paths {
        let response = app.get_as(&token, path).await;
        assert_eq!(response.status(), 200, "{path}");
        let etag = response.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() == 66, "strong ETag on {path}: {etag}");
        assert_eq!(response.headers()["cache-control"], cache_control, "{path}");
        let body = response.bytes().await.unwrap();
        assert!(!body.is_empty());

        for candidate in [etag.clone(), format!("W/{etag}"), format!("\"nope\", {etag}"), "*".to_string()] {
            let response = app
                .client
                .get(app.url(path))
                .bearer_auth(&token)
                .header("if-none-match", &candidate)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 304, "{path} with If-None-Match: {candidate}");
            assert_eq!(response.headers()["etag"].to_str().unwrap(), etag);
            assert_eq!(response.headers()["cache-control"], cache_control);
            assert!(response.bytes().await.unwrap().is_empty(), "304 has no body");
        }
        let response = app
            .client
            .get(app.url(path))
            .bearer_auth(&token)
            .header("if-none-match", "\"stale\"")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path} with a stale tag");
        assert_eq!(response.bytes().await.unwrap(), body, "same body each time");
        tags.push(etag);
    }
    let distinct: std::collections::HashSet<_> = tags.iter().collect();
    assert_eq!(distinct.len(), tags.len(), "each representation has its own tag");
}

async fn reference_endpoints_need_a_token(backend: Backend) {
    let app = TestApp::start(backend).await;
    for path in [
        "/v1/forms",
        "/v1/forms/su-x-2021",
        "/v1/code-lists/genders",
        "/v1/code-mappings",
        "/v1/manual-methods",
        "/v1/manual-methods/trygghetscirkeln",
    ] {
        expect_problem(app.get(path).await, 401).await;
    }
    let body = json!({"name": "Komet", "description": {"sv": "x", "en": "x"}, "intervention_code": "manual_method"});
    expect_problem(send(&app, Method::POST, None, "/v1/manual-methods", Some(body)).await, 401).await;
    let patch = json!({"name": "Trygghetscirkeln 2"});
    expect_problem(send(&app, Method::PATCH, None, "/v1/manual-methods/trygghetscirkeln", Some(patch)).await, 401)
        .await;
    let garbage = "not a token";
    expect_problem(app.get_as(garbage, "/v1/forms").await, 401).await;
}

// ---------------------------------------------------------------------------------------------
// Manual-method registry

fn komet() -> Value {
    json!({
        "name": "Komet",
        "description": {"sv": "Föräldrastödsprogram för föräldrar till barn med utagerande beteende.",
                        "en": "A parenting programme for parents of children with externalising behaviour."},
        "aliases": ["KOMET för föräldrar"],
        "intervention_code": "manual_method"
    })
}

async fn method_ids(app: &TestApp, token: &str) -> Vec<String> {
    let body = get_json(app, token, "/v1/manual-methods").await;
    body["items"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect()
}

async fn manual_methods_list_the_seeded_registry(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.analyst_token().await;
    let body = get_json(&app, &token, "/v1/manual-methods").await;
    let items = body["items"].as_array().unwrap();
    let seed = domain::manual_methods::seed();
    // Swedish alphabetical order by name is the order of the report's Table 2.
    let ids: Vec<&str> = items.iter().map(|m| m["id"].as_str().unwrap()).collect();
    let seed_ids: Vec<&str> = seed.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, seed_ids);
    for (item, method) in items.iter().zip(seed) {
        let mut expected = method.clone();
        expected.aliases.sort_by(|a, b| isu_domain::validation::swedish_cmp(a, b));
        assert_eq!(item, &serde_json::to_value(&expected).unwrap());
    }
    let one = get_json(&app, &token, "/v1/manual-methods/trygghetscirkeln").await;
    assert_eq!(&one, items.iter().find(|m| m["id"] == "trygghetscirkeln").unwrap());
    let problem = expect_problem(app.get_as(&token, "/v1/manual-methods/komet").await, 404).await;
    assert!(detail(&problem).contains("komet"), "{problem}");
}

async fn admin_adds_a_method(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let reader = app.analyst_token().await;
    let before = app.get_as(&reader, "/v1/manual-methods").await.headers()["etag"].clone();

    let response = send(&app, Method::POST, Some(&admin), "/v1/manual-methods", Some(komet())).await;
    assert_eq!(response.headers()["location"], "/v1/manual-methods/komet");
    let created = expect_json(response, 201).await;
    let mut expected = komet();
    expected["id"] = json!("komet");
    assert_eq!(created, expected);
    assert_eq!(get_json(&app, &reader, "/v1/manual-methods/komet").await, created);
    assert!(method_ids(&app, &reader).await.contains(&"komet".to_string()));
    let after = app.get_as(&reader, "/v1/manual-methods").await.headers()["etag"].clone();
    assert_ne!(before, after, "the list's ETag follows the change");

    // An explicit id, crisis support, no aliases.
    let body = json!({"id": "i-stunden-2", "name": "Krisstöd i skolan", "description": {"sv": "Krisstöd.", "en": "Crisis support."},
        "intervention_code": "crisis_support"});
    let created =
        expect_json(send(&app, Method::POST, Some(&admin), "/v1/manual-methods", Some(body)).await, 201).await;
    assert_eq!(
        (&created["id"], &created["aliases"], &created["intervention_code"]),
        (&json!("i-stunden-2"), &json!([]), &json!("crisis_support"))
    );
}

async fn method_conflicts_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let count = method_ids(&app, &admin).await.len();
    let post = |body: Value| send(&app, Method::POST, Some(&admin), "/v1/manual-methods", Some(body));

    // Duplicate id.
    let mut body = komet();
    body["id"] = json!("trygghetscirkeln");
    let problem = expect_problem(post(body).await, 409).await;
    assert!(detail(&problem).contains("trygghetscirkeln"), "{problem}");
    // A name that normalises to another method's name or alias.
    for name in ["TRYGGHETSCIRKELN", "Cos P", "Marte Meo"] {
        let mut body = komet();
        body["name"] = json!(name);
        let problem = expect_problem(post(body).await, 409).await;
        assert!(detail(&problem).contains("already identifies the method"), "{name}: {problem}");
    }
    // An alias that belongs to another method: 422 naming the alias.
    let mut body = komet();
    body["aliases"] = json!(["Komet-programmet", "circle of security", "A CRA"]);
    let problem = expect_problem(post(body).await, 422).await;
    assert!(has(&problem, "/aliases/1", "alias_taken") && has(&problem, "/aliases/2", "alias_taken"), "{problem}");
    assert!(!has(&problem, "/aliases/0", "alias_taken"));
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("trygghetscirkeln"), "{problem}");

    assert_eq!(method_ids(&app, &admin).await.len(), count, "nothing written");
}

async fn method_validation_reports_every_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let count = method_ids(&app, &admin).await.len();
    let post = |body: Value| send(&app, Method::POST, Some(&admin), "/v1/manual-methods", Some(body));

    let problem = expect_problem(post(json!({})).await, 422).await;
    for pointer in ["/name", "/description", "/intervention_code"] {
        assert!(has(&problem, pointer, "required"), "{pointer}: {problem}");
    }

    let body = json!({
        "id": "Bad Id",
        "name": "Komet",
        "description": {"sv": "   "},
        "aliases": ["KOMET", "x y", "X-Y", "---", "a".repeat(101)],
        "intervention_code": "other_non_manual"
    });
    let problem = expect_problem(post(body).await, 422).await;
    let expected = [
        ("/id", "invalid_slug"),
        ("/description/sv", "invalid_length"),
        ("/description/en", "required"),
        ("/aliases/0", "duplicate_alias"),
        ("/aliases/2", "duplicate_alias"),
        ("/aliases/3", "no_letters"),
        ("/aliases/4", "invalid_length"),
        ("/intervention_code", "unknown_code"),
    ];
    for (pointer, code) in expected {
        assert!(has(&problem, pointer, code), "{pointer} {code}: {problem}");
    }
    assert_eq!(pointers(&problem).len(), expected.len(), "{problem}");

    // A name with nothing to derive an id from, and unknown fields.
    let mut body = komet();
    body["name"] = json!("!!!");
    let problem = expect_problem(post(body).await, 422).await;
    assert!(has(&problem, "/name", "no_letters"), "{problem}");
    let mut body = komet();
    body["colour"] = json!("blue");
    expect_problem(post(body).await, 422).await;
    let mut body = komet();
    body["description"]["de"] = json!("Elternprogramm");
    expect_problem(post(body).await, 422).await;

    assert_eq!(method_ids(&app, &admin).await.len(), count, "nothing written");
}

async fn admin_changes_a_method(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.admin_token().await;
    let patch =
        |id: &str, body: Value| send(&app, Method::PATCH, Some(&admin), format!("/v1/manual-methods/{id}"), Some(body));
    let original = get_json(&app, &admin, "/v1/manual-methods/marte-meo").await;

    // Aliases replaced, sorted in the answer; one language of the description changed.
    let body = json!({"aliases": ["Marte Meo-metoden", "Marte Meo-terapi"], "description": {"en": "Video-based interaction guidance."}});
    let changed = expect_json(patch("marte-meo", body).await, 200).await;
    assert_eq!(changed["aliases"], json!(["Marte Meo-metoden", "Marte Meo-terapi"]));
    assert_eq!(changed["description"]["en"], "Video-based interaction guidance.");
    assert_eq!(changed["description"]["sv"], original["description"]["sv"]);
    assert_eq!(get_json(&app, &admin, "/v1/manual-methods/marte-meo").await, changed);

    // Renaming to an existing alias of the same method drops that alias.
    let changed = expect_json(patch("marte-meo", json!({"name": "Marte Meo-terapi"})).await, 200).await;
    assert_eq!((&changed["name"], &changed["aliases"]), (&json!("Marte Meo-terapi"), &json!(["Marte Meo-metoden"])));

    // Conflicts and errors change nothing.
    let before = get_json(&app, &admin, "/v1/manual-methods/marte-meo").await;
    let problem = expect_problem(patch("marte-meo", json!({"name": "Trygghetscirkel"})).await, 409).await;
    assert!(detail(&problem).contains("trygghetscirkeln"), "{problem}");
    let problem =
        expect_problem(patch("marte-meo", json!({"aliases": ["MarteMeo", "COSP"], "name": ""})).await, 422).await;
    assert!(has(&problem, "/aliases/1", "alias_taken") && has(&problem, "/name", "invalid_length"), "{problem}");
    expect_problem(patch("marte-meo", json!({"intervention_code": "crisis_support"})).await, 422).await;
    assert_eq!(get_json(&app, &admin, "/v1/manual-methods/marte-meo").await, before);

    let problem = expect_problem(patch("no-such-method", json!({"name": "X"})).await, 404).await;
    assert!(detail(&problem).contains("no-such-method"), "{problem}");
}

async fn method_writes_are_for_admins_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (vendor, analyst) = reader_tokens(&app).await;
    let count = method_ids(&app, &analyst).await.len();
    for token in [&vendor, &analyst] {
        expect_problem(send(&app, Method::POST, Some(token), "/v1/manual-methods", Some(komet())).await, 403).await;
        let body = json!({"name": "Hijacked"});
        expect_problem(send(&app, Method::PATCH, Some(token), "/v1/manual-methods/pyc", Some(body)).await, 403).await;
    }
    assert_eq!(method_ids(&app, &analyst).await.len(), count);
    assert_eq!(get_json(&app, &analyst, "/v1/manual-methods/pyc").await["name"], "PYC (Parenting young children)");
}

both_backends!(
    forms_list_summarises_each_version,
    form_definition_is_the_domain_form,
    unknown_form_is_a_404_naming_the_versions,
    code_lists_are_the_domain_lists_of_each_form,
    code_list_errors_name_what_exists,
    code_mappings_are_the_domain_mappings,
    reference_reads_answer_304_for_a_current_etag,
    reference_endpoints_need_a_token,
    manual_methods_list_the_seeded_registry,
    admin_adds_a_method,
    method_conflicts_are_refused,
    method_validation_reports_every_field,
    admin_changes_a_method,
    method_writes_are_for_admins_only,
);
