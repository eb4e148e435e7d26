//! The limits the server enforces on its inputs, stated in the contract: lengths, patterns, item
//! counts and ranges of request bodies and parameters, the role-dependent shape of a new API
//! client, and the rate-limit headers of authenticated responses.
//!
//! Kept in one table instead of on each field so that the rules sit next to each other and next
//! to the checks they describe (`isu_domain::validation`, `isu_store::organisation`, `isu_store::methods`,
//! `db::clients`): each entry names the schema or parameter it narrows. The contract tests
//! (Spectral's OWASP rules, Schemathesis' positive and negative data) fail when an entry is
//! missing or says more or less than the server does.

use serde_json::{json, Value};
use utoipa::openapi::schema::{ArrayItems, Schema};
use utoipa::openapi::{OpenApi as OpenApiDoc, RefOr};

use crate::auth::RATE_LIMIT_HEADERS;

/// Whitespace that the server trims from names and texts (Rust's `char::is_whitespace`).
const WS: &str = r"[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";
/// A character that may start or end a trimmed name: neither whitespace nor a control character.
const EDGE: &str = r"[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";
/// Inside a one-line name: anything but a control character (Unicode category Cc).
const INNER_LINE: &str = r"[^\u0000-\u001f\u007f-\u009f]";
/// Inside a text: anything but a control character other than tab, line feed and carriage return.
const INNER_TEXT: &str = r"[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]";

/// `isu_domain::validation::check_name`: not blank, no control characters (surrounding whitespace is
/// trimmed).
pub fn name_pattern() -> String {
    format!("^{WS}*{EDGE}(?:{INNER_LINE}*{EDGE})?{WS}*$")
}

/// A record's free text (`domain::record`, `check_free_text`): trimmed, may be empty, no control
/// characters other than line breaks and tabs.
pub fn free_text_pattern() -> String {
    format!("^{WS}*(?:{EDGE}(?:{INNER_TEXT}*{EDGE})?{WS}*)?$")
}

/// `isu_domain::validation::check_text` with line breaks and tabs allowed.
pub fn text_pattern() -> String {
    format!("^{WS}*{EDGE}(?:{INNER_TEXT}*{EDGE})?{WS}*$")
}

const SLUG: &str = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";
const MUNICIPALITY: &str = "^[0-9]{4}$";
/// The 21 counties of Sweden (SCB län codes; 02, 11, 15 and 16 are no longer in use).
const COUNTY: &str = "^(01|03|04|05|06|07|08|09|10|12|13|14|17|18|19|20|21|22|23|24|25)$";
const CLIENT_ID: &str = "^[A-Za-z0-9_-]{1,64}$";
/// Longest `If-None-Match` accepted by the reference reads (`caching::MAX_IF_NONE_MATCH`).
const MAX_IF_NONE_MATCH: u64 = super::caching::MAX_IF_NONE_MATCH as u64;

fn name(max: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": name_pattern()})
}

fn text(max: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": text_pattern()})
}

fn slug() -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": 64, "pattern": SLUG})
}

fn municipality() -> Value {
    json!({"type": "string", "minLength": 4, "maxLength": 4, "pattern": MUNICIPALITY})
}

fn uuid() -> Value {
    json!({"type": "string", "format": "uuid", "maxLength": 36})
}

/// Adds `constraints` to the schema at `pointer` (keeping its description, type, example …).
fn narrow(doc: &mut Value, pointer: &str, constraints: Value) {
    let target = doc.pointer_mut(pointer).unwrap_or_else(|| panic!("contract_limits: no schema at {pointer}"));
    let (Some(target), Value::Object(constraints)) = (target.as_object_mut(), constraints) else {
        panic!("contract_limits: {pointer} is not a schema object");
    };
    for (key, value) in constraints {
        // The declared type stays (e.g. `["string", "null"]` where `null` means "unchanged").
        if key == "type" && target.contains_key("type") {
            continue;
        }
        target.insert(key, value);
    }
}

/// Narrows every parameter called `name` (in `location`) of every operation under a path that
/// starts with `prefix`.
fn narrow_param(doc: &mut Value, prefix: &str, location: &str, name: &str, constraints: &Value) {
    let mut found = false;
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for (path, item) in paths.iter_mut() {
        if !path.starts_with(prefix) {
            continue;
        }
        let Some(item) = item.as_object_mut() else { continue };
        for op in item.values_mut() {
            let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else { continue };
            for param in params {
                if param["in"] == location && param["name"].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)) {
                    let schema = param["schema"].as_object_mut().expect("parameter schema");
                    // A header or query value is text: `null` is not something a client can send.
                    if schema.get("type").is_some_and(Value::is_array) {
                        schema
                            .insert("type".into(), json!(constraints.get("type").cloned().unwrap_or(json!("string"))));
                    }
                    for (key, value) in constraints.as_object().expect("constraints") {
                        schema.insert(key.clone(), value.clone());
                    }
                    found = true;
                }
            }
        }
    }
    assert!(found, "contract_limits: no {location} parameter {name} under {prefix}");
}

/// Applies every limit below to the document (called by `openapi::document`).
pub fn apply(doc: &mut OpenApiDoc) {
    let mut value = serde_json::to_value(&*doc).expect("the OpenAPI document serialises");
    request_limits(&mut value);
    rate_limit_headers(&mut value);
    let mut narrowed: OpenApiDoc = serde_json::from_value(value).expect("the narrowed OpenAPI document deserialises");
    // serde_json's maps are sorted; keep the order of paths and properties the code declares.
    let order: Vec<String> = doc.paths.paths.keys().cloned().collect();
    narrowed.paths.paths.sort_by_key(|path, _| order.iter().position(|p| p == path).unwrap_or(usize::MAX));
    if let (Some(new), Some(old)) = (narrowed.components.as_mut(), doc.components.as_ref()) {
        for (name, schema) in new.schemas.iter_mut() {
            if let Some(original) = old.schemas.get(name) {
                keep_property_order(schema, original);
            }
        }
    }
    *doc = narrowed;
}

fn keep_property_order(new: &mut RefOr<Schema>, old: &RefOr<Schema>) {
    let (RefOr::T(new), RefOr::T(old)) = (new, old) else { return };
    match (new, old) {
        (Schema::Object(new), Schema::Object(old)) => {
            let order: Vec<String> = old.properties.keys().cloned().collect();
            new.properties.sort_by_key(|name, _| order.iter().position(|p| p == name).unwrap_or(usize::MAX));
            for (name, property) in new.properties.iter_mut() {
                if let Some(original) = old.properties.get(name) {
                    keep_property_order(property, original);
                }
            }
        }
        (Schema::Array(new), Schema::Array(old)) => {
            if let (ArrayItems::RefOrSchema(new), ArrayItems::RefOrSchema(old)) = (&mut new.items, &old.items) {
                keep_property_order(new, old);
            }
        }
        (Schema::OneOf(new), Schema::OneOf(old)) => {
            for (new, old) in new.items.iter_mut().zip(&old.items) {
                keep_property_order(new, old);
            }
        }
        (Schema::AllOf(new), Schema::AllOf(old)) => {
            for (new, old) in new.items.iter_mut().zip(&old.items) {
                keep_property_order(new, old);
            }
        }
        _ => {}
    }
}

fn request_limits(doc: &mut Value) {
    use isu_store::{clients::MAX_CLIENT_NAME_CHARS, methods, organisation};
    let s = "/components/schemas";

    // --- organisation (db::organisation: names 1–200, slug ids, SCB codes) ---
    let municipalities = json!({"maxItems": 290, "uniqueItems": true, "items": municipality()});
    narrow(doc, &format!("{s}/NewRegion/properties/id"), slug());
    narrow(doc, &format!("{s}/NewRegion/properties/name"), name(organisation::MAX_NAME_CHARS));
    narrow(doc, &format!("{s}/NewRegion/properties/municipalities"), municipalities.clone());
    narrow(doc, &format!("{s}/RegionUpdate/properties/name"), name(organisation::MAX_NAME_CHARS));
    narrow(doc, &format!("{s}/RegionUpdate/properties/municipalities"), municipalities);
    narrow(doc, &format!("{s}/NewUnit/properties/municipality"), municipality());
    narrow(doc, &format!("{s}/NewUnit/properties/name"), name(organisation::MAX_NAME_CHARS));
    narrow(doc, &format!("{s}/UnitUpdate/properties/name"), name(organisation::MAX_NAME_CHARS));
    narrow_param(doc, "/v1/municipalities", "query", "county", &json!({"maxLength": 2, "pattern": COUNTY}));
    narrow_param(doc, "/v1/municipalities", "query", "region", &slug());
    narrow_param(doc, "/v1/units", "query", "municipality", &municipality());
    narrow_param(doc, "/v1/units", "query", "region", &slug());
    narrow_param(doc, "/v1/regions/", "path", "region_id", &slug());
    narrow_param(doc, "/v1/units/", "path", "unit_id", &uuid());

    // --- manual methods (db::methods: names and aliases 1–100, at most 50 aliases, descriptions
    // 1–1000 with line breaks; both languages on creation, null keeps a language on a change) ---
    let aliases = json!({"maxItems": methods::MAX_ALIASES, "items": name(methods::MAX_NAME_CHARS)});
    narrow(doc, &format!("{s}/NewManualMethod/properties/id"), slug());
    narrow(doc, &format!("{s}/NewManualMethod/properties/name"), name(methods::MAX_NAME_CHARS));
    narrow(doc, &format!("{s}/NewManualMethod/properties/aliases"), aliases.clone());
    narrow(doc, &format!("{s}/NewManualMethod/properties/intervention_code"), json!({"maxLength": 14}));
    narrow(doc, &format!("{s}/ManualMethodUpdate/properties/name"), name(methods::MAX_NAME_CHARS));
    narrow(doc, &format!("{s}/ManualMethodUpdate/properties/aliases"), aliases);
    narrow(doc, &format!("{s}/LocalizedTextInput/properties/sv"), text(methods::MAX_DESCRIPTION_CHARS));
    narrow(doc, &format!("{s}/LocalizedTextInput/properties/en"), text(methods::MAX_DESCRIPTION_CHARS));
    doc.pointer_mut(&format!("{s}/LocalizedTextInput")).expect("LocalizedTextInput")["required"] = json!(["sv", "en"]);
    let mut update = doc.pointer(&format!("{s}/LocalizedTextInput")).cloned().expect("LocalizedTextInput");
    update["description"] =
        json!("A description in Swedish and English; a language left out (or `null`) keeps its text.");
    update.as_object_mut().expect("schema").remove("required");
    for lang in ["sv", "en"] {
        update["properties"][lang]["type"] = json!(["string", "null"]);
    }
    doc.pointer_mut(s).expect("schemas")["LocalizedTextUpdate"] = update;
    // Absent or `null`: the description stays as it is.
    let description = doc.pointer_mut(&format!("{s}/ManualMethodUpdate/properties/description")).expect("description");
    *description =
        json!({"oneOf": [replace_ref(description, "LocalizedTextInput", "LocalizedTextUpdate"), {"type": "null"}]});
    narrow_param(doc, "/v1/manual-methods/", "path", "method_id", &slug());

    // --- API clients (db::clients) and the audit log ---
    new_api_client(doc, MAX_CLIENT_NAME_CHARS);
    narrow_param(doc, "/v1/admin/clients/", "path", "client_id", &json!({"maxLength": 64, "pattern": CLIENT_ID}));
    narrow_param(doc, "/v1/admin/audit", "query", "client_id", &json!({"maxLength": 64, "pattern": CLIENT_ID}));
    narrow_param(doc, "/v1/admin/audit", "query", "unit_id", &uuid());
    narrow_param(
        doc,
        "/v1/admin/audit",
        "query",
        "operation",
        &json!({"maxLength": super::admin::MAX_OPERATION_FILTER, "pattern": "^/[!-~]*$"}),
    );
    narrow_param(doc, "/v1/admin/audit", "query", "from", &json!({"maxLength": 64}));
    narrow_param(doc, "/v1/admin/audit", "query", "to", &json!({"maxLength": 64}));
    narrow_param(doc, "/v1/admin/audit", "query", "limit", &json!({"minimum": 1, "maximum": 500}));
    narrow_param(doc, "/v1/admin/audit", "query", "cursor", &uuid());

    // --- OAuth token request (form-encoded) ---
    let token = format!("{s}/TokenRequest/properties");
    narrow(doc, &format!("{token}/grant_type"), json!({"enum": ["client_credentials"]}));
    narrow(doc, &format!("{token}/client_id"), json!({"maxLength": super::oauth::MAX_CLIENT_ID_LEN}));
    narrow(doc, &format!("{token}/client_secret"), json!({"maxLength": super::oauth::MAX_CLIENT_SECRET_LEN}));
    narrow(doc, &format!("{token}/scope"), json!({"maxLength": 256}));

    // --- forms and code lists ---
    narrow_param(doc, "/v1/forms/", "path", "form_id", &json!({"maxLength": 64, "pattern": SLUG}));
    narrow_param(doc, "/v1/code-lists/", "query", "form", &json!({"maxLength": 9, "pattern": "^su-x-(2020|2021)$"}));

    // --- cases: SU-X record (domain::record; code lists of both versions) ---
    let record = format!("{s}/CaseRecordInput/properties");
    for date in ["referred_on", "started_on", "closed_on"] {
        narrow(doc, &format!("{record}/{date}"), json!({"maxLength": 10}));
    }
    // The plausible dates (`domain::record::check_plausible_dates` and the form's rules); JSON
    // Schema has no bounds for date strings, so they are stated in words.
    let (earliest, years) = (isu_domain::record::earliest_case_date(), isu_domain::record::max_case_years());
    let today = "not after today (Europe/Stockholm)";
    narrow(
        doc,
        &format!("{record}/referred_on"),
        json!({"description": format!(
            "Q4: when the case reached the outpatient unit. Not before {earliest}, at most {years} years before \
             `closed_on`, {today}."
        )}),
    );
    narrow(
        doc,
        &format!("{record}/started_on"),
        json!({"description": format!(
            "Q5: first meeting with the family; null exactly when `closing_reason` is `never_started`. Not before \
             {earliest} nor before `referred_on`, {today}."
        )}),
    );
    narrow(
        doc,
        &format!("{record}/closed_on"),
        json!({"description": format!(
            "Q9: when the case closed; selects the form version. From {} (the first version's first closing \
             date), not before `started_on`, {today}.",
            isu_domain::forms::all().iter().map(|f| f.validity.closed_from).min().expect("a form version")
        )}),
    );
    narrow(doc, &format!("{record}/problem_areas"), json!({"uniqueItems": true}));
    narrow(doc, &format!("{record}/problem_areas/items"), codes_of_all_versions("problem_areas"));
    narrow(doc, &format!("{record}/interventions"), json!({"uniqueItems": true}));
    narrow(doc, &format!("{record}/interventions/items"), codes_of_all_versions("interventions"));
    narrow(doc, &format!("{record}/manual_methods/items"), name(100));
    for field in ["problem_area_other", "other_intervention_text", "closing_reason_text", "comment"] {
        narrow(doc, &format!("{record}/{field}"), json!({"pattern": free_text_pattern()}));
    }
    narrow_param(doc, "/v1/units/", "header", "Idempotency-Key", &json!({"pattern": "^[!-~]{1,255}$"}));
    narrow(doc, &format!("{s}/CoverageInput/properties/quarters/items"), json!({"minimum": 0, "maximum": 1_000_000}));
    narrow_param(doc, "/v1/units/", "path", "case_ref", &json!({"maxLength": 64, "pattern": "^[A-Za-z0-9._-]{1,64}$"}));
    narrow_param(doc, "/v1/units/", "path", "year", &json!({"minimum": 2020, "maximum": 9999}));
    narrow_param(doc, "/v1/units/", "header", "If-None-Match", &json!({"maxLength": 1, "enum": ["*"]}));
    for prefix in ["/v1/units/", "/v1/cases"] {
        narrow_param(doc, prefix, "query", "closed_from", &json!({"maxLength": 10}));
        narrow_param(doc, prefix, "query", "closed_to", &json!({"maxLength": 10}));
        narrow_param(doc, prefix, "query", "updated_since", &json!({"maxLength": 64}));
        narrow_param(doc, prefix, "query", "form", &json!({"maxLength": 9}));
    }
    if let Some(batch) =
        doc.pointer_mut("/paths/~1v1~1units~1{unit_id}~1cases~1batch/post/requestBody/content/application~1json/schema")
    {
        batch["maxItems"] = json!(super::cases::MAX_BATCH_ITEMS);
    }

    // --- If-None-Match on the reference reads (caching::json_with_etag) ---
    for prefix in ["/v1/forms", "/v1/code-", "/v1/municipalities", "/v1/regions", "/v1/units", "/v1/manual-methods"] {
        let paths: Vec<String> =
            doc["paths"].as_object().expect("paths").keys().filter(|p| p.starts_with(prefix)).cloned().collect();
        for path in paths {
            let ops = doc["paths"][&path].as_object_mut().expect("path item");
            for (method, op) in ops.iter_mut() {
                if method != "get" || path.contains("/cases") || path.contains("/coverage") {
                    continue;
                }
                let mut has_header = false;
                for param in op["parameters"].as_array_mut().into_iter().flatten() {
                    if param["in"] == "header" && param["name"] == "If-None-Match" {
                        param["schema"] = json!({"type": "string", "maxLength": MAX_IF_NONE_MATCH});
                        has_header = true;
                    }
                }
                // A longer one is refused with a 422 naming `header:If-None-Match`.
                if has_header && op["responses"].get("422").is_none() {
                    op["responses"]["422"] = json!({"$ref": "#/components/responses/ValidationFailed"});
                }
            }
        }
    }
}

/// `{"$ref": ".../from"}` (possibly inside `oneOf`/`allOf` with null) pointed at `to`.
fn replace_ref(schema: &Value, from: &str, to: &str) -> Value {
    let text = serde_json::to_string(schema).expect("schema");
    serde_json::from_str(&text.replace(&format!("/{from}\""), &format!("/{to}\""))).expect("schema")
}

/// The codes of a code-set field in every SU-X version (which of them a record may use depends
/// on the version its closing date selects; the server says `unknown_code` for the others).
fn codes_of_all_versions(field: &str) -> Value {
    let mut codes: Vec<String> = Vec::new();
    for form in isu_domain::forms::all() {
        if let Some(list) = form.code_lists.iter().find(|l| l.field == field) {
            for code in list.codes.iter().map(|c| c.code.clone()) {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
    }
    assert!(!codes.is_empty(), "contract_limits: no codes for {field}");
    let max = codes.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    json!({"maxLength": max, "pattern": format!("^({})$", codes.join("|"))})
}

/// `NewApiClient` as the server checks it (`db::clients::validate_tenancy`): which of `units`,
/// `municipalities` and `region` a client takes depends on its role, so the schema is one
/// alternative per kind of tenancy (exactly one matches any body).
fn new_api_client(doc: &mut Value, max_name: usize) {
    let s = "/components/schemas";
    let old = doc.pointer(&format!("{s}/NewApiClient")).cloned().expect("NewApiClient");
    let prop = |name: &str| old["properties"][name].clone();
    let described = |mut schema: Value, description: &str| {
        schema["description"] = json!(description);
        schema
    };
    let name_schema = {
        let mut n = name(max_name);
        n["description"] = prop("name")["description"].clone();
        n
    };
    let units = |min: u64, max: u64| json!({"type": "array", "items": uuid(), "minItems": min, "maxItems": max});
    let codes =
        |min: u64, max: u64| json!({"type": "array", "items": municipality(), "minItems": min, "maxItems": max});
    // Vendors and registrars need at least one unit or municipality: by units (municipalities
    // optional) or, with no units, by municipalities. The two never both match.
    let unit_scoped = json!({
        "type": "object",
        "description": "A vendor or registrar scoped to units (and optionally to all units of municipalities).",
        "required": ["name", "role", "units"],
        "properties": {
            "name": name_schema,
            "role": {"type": "string", "enum": ["vendor", "registrar"]},
            "units": described(units(1, 1000), "Unit ids (UUIDs) whose cases the client may write and read."),
            "municipalities": described(codes(0, 290), "Municipality codes (SCB, four digits): all their units."),
            "region": {"type": "null", "description": "Not for this role."}
        },
        "additionalProperties": false
    });
    let municipality_scoped = json!({
        "type": "object",
        "description": "A vendor or registrar scoped to all units of municipalities.",
        "required": ["name", "role", "municipalities"],
        "properties": {
            "name": name_schema,
            "role": {"type": "string", "enum": ["vendor", "registrar"]},
            "units": described(units(0, 0), "Empty if given (see NewUnitScopedClient)."),
            "municipalities": described(codes(1, 290), "Municipality codes (SCB, four digits): all their units."),
            "region": {"type": "null", "description": "Not for this role."}
        },
        "additionalProperties": false
    });
    let region_analyst = json!({
        "type": "object",
        "description": "A region analyst: reads its region's cases.",
        "required": ["name", "role", "region"],
        "properties": {
            "name": name_schema,
            "role": {"type": "string", "enum": ["region_analyst"]},
            "units": described(units(0, 0), "Not for this role: empty if given."),
            "municipalities": described(codes(0, 0), "Not for this role: empty if given."),
            "region": described(slug(), "The region id.")
        },
        "additionalProperties": false
    });
    let unscoped = json!({
        "type": "object",
        "description": "An admin or an analyst: no tenancy.",
        "required": ["name", "role"],
        "properties": {
            "name": name_schema,
            "role": {"type": "string", "enum": ["admin", "analyst"]},
            "units": described(units(0, 0), "Not for this role: empty if given."),
            "municipalities": described(codes(0, 0), "Not for this role: empty if given."),
            "region": {"type": "null", "description": "Not for this role."}
        },
        "additionalProperties": false
    });
    let schemas = doc.pointer_mut(s).and_then(Value::as_object_mut).expect("schemas");
    schemas.insert("NewUnitScopedClient".into(), unit_scoped);
    schemas.insert("NewMunicipalityScopedClient".into(), municipality_scoped);
    schemas.insert("NewRegionAnalystClient".into(), region_analyst);
    schemas.insert("NewUnscopedClient".into(), unscoped);
    let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    schemas.insert(
        "NewApiClient".into(),
        json!({
            "description": old["description"],
            "oneOf": [
                reference("NewUnitScopedClient"),
                reference("NewMunicipalityScopedClient"),
                reference("NewRegionAnalystClient"),
                reference("NewUnscopedClient")
            ],
            "example": old["example"]
        }),
    );
}

/// Every 2xx and 4xx answer of an authenticated operation may carry the caller's rate-limit
/// state (`auth::RATE_LIMIT_HEADERS`): sent whenever the request was counted against a client's
/// quota, i.e. it carried a valid token (not on a 401 for a missing or broken token).
fn rate_limit_headers(doc: &mut Value) {
    let headers = json!({
        "RateLimit-Limit": {
            "description": "The client's quota: requests in a burst (token bucket size). Sent when the request carried a valid token.",
            "schema": {"type": "integer", "format": "int64", "minimum": 1}
        },
        "RateLimit-Remaining": {
            "description": "Requests left in the client's bucket after this one.",
            "schema": {"type": "integer", "format": "int64", "minimum": 0}
        },
        "RateLimit-Reset": {
            "description": "Seconds until the bucket is full again (0: it is full).",
            "schema": {"type": "integer", "format": "int64", "minimum": 0}
        }
    });
    debug_assert_eq!(headers.as_object().map(|h| h.len()), Some(RATE_LIMIT_HEADERS.len()));
    let add = |response: &mut Value| {
        if response.get("$ref").is_some() {
            return;
        }
        let map = response.as_object_mut().expect("response").entry("headers").or_insert_with(|| json!({}));
        for (name, header) in headers.as_object().expect("headers") {
            map.as_object_mut().expect("headers").entry(name.clone()).or_insert_with(|| header.clone());
        }
    };
    let mut shared: Vec<String> = Vec::new();
    for item in doc["paths"].as_object_mut().expect("paths").values_mut() {
        for op in item.as_object_mut().expect("path item").values_mut() {
            let authenticated = op["security"]
                .as_array()
                .is_some_and(|reqs| reqs.iter().any(|r| r.as_object().is_some_and(|o| !o.is_empty())));
            if !authenticated {
                continue;
            }
            for (status, response) in op["responses"].as_object_mut().expect("responses") {
                if !(status.starts_with('2') || status.starts_with('4')) {
                    continue;
                }
                match response.get("$ref").and_then(Value::as_str) {
                    Some(r) => shared.push(r.rsplit('/').next().unwrap_or_default().to_string()),
                    None => add(response),
                }
            }
        }
    }
    for name in shared {
        if let Some(response) = doc.pointer_mut(&format!("/components/responses/{name}")) {
            add(response);
        }
    }
}
