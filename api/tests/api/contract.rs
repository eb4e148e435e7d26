//! The committed contract is exactly what the code generates; every operation is documented.

use std::path::Path;

fn committed_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[test]
fn committed_contract_matches_the_code() {
    let generated = isu_http::openapi::document_json();
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from what the code generates: run `make openapi` and commit the result"
    );
}

#[test]
fn every_operation_has_tag_summary_security_and_error_responses() {
    let doc: serde_json::Value = serde_json::from_str(&isu_http::openapi::document_json()).unwrap();
    let tags: Vec<&str> = doc["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    let mut problems = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{} {path}", method.to_uppercase());
            let op_tags = op["tags"].as_array().cloned().unwrap_or_default();
            if op_tags.is_empty() || op_tags.iter().any(|t| !tags.contains(&t.as_str().unwrap_or(""))) {
                problems.push(format!("{name}: needs a declared tag"));
            }
            if op["summary"].as_str().unwrap_or("").is_empty() {
                problems.push(format!("{name}: needs a summary"));
            }
            if op["operationId"].as_str().unwrap_or("").is_empty() {
                problems.push(format!("{name}: needs an operationId"));
            }
            if op.get("security").is_none() {
                problems.push(format!("{name}: must state its security (empty for public)"));
            }
            let responses = op["responses"].as_object().unwrap();
            if !responses.contains_key("500") {
                problems.push(format!("{name}: must document 500"));
            }
            if !responses.keys().any(|s| s.starts_with('2')) {
                problems.push(format!("{name}: must document a success response"));
            }
            for (status, response) in responses {
                if status.starts_with('2') {
                    let has_example = response["content"]
                        .as_object()
                        .map(|c| c.values().all(|m| m.get("example").is_some() || m.get("examples").is_some()))
                        .unwrap_or(true);
                    if !has_example {
                        problems.push(format!("{name}: {status} response needs an example"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "contract gaps:\n{}", problems.join("\n"));
}

/// Every `$ref` points at a schema the document defines (a parameter type missing from
/// `components` broke client generation once), and every array says what it holds.
#[test]
fn every_reference_resolves() {
    let doc: serde_json::Value = serde_json::from_str(&isu_http::openapi::document_json()).unwrap();
    fn walk(value: &serde_json::Value, doc: &serde_json::Value, at: &str, dangling: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                // An array without `items` (e.g. a type utoipa took for `serde_json::Value`) makes
                // openapi-python-client drop the whole schema.
                if map.get("type").and_then(|t| t.as_str()) == Some("array")
                    && map.get("items").is_none_or(|items| items.as_object().is_some_and(|o| o.is_empty()))
                {
                    dangling.push(format!("{at}: an array without items"));
                }
                if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                    let pointer = target.trim_start_matches('#');
                    if doc.pointer(pointer).is_none() {
                        dangling.push(format!("{at}: {target}"));
                    }
                }
                for (key, child) in map {
                    walk(child, doc, &format!("{at}/{key}"), dangling);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, doc, &format!("{at}/{i}"), dangling);
                }
            }
            _ => {}
        }
    }
    let mut dangling = Vec::new();
    walk(&doc, &doc, "", &mut dangling);
    assert!(dangling.is_empty(), "dangling references:\n{}", dangling.join("\n"));
}
