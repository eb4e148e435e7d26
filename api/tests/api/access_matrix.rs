//! Who may call what: every operation of the contract × every kind of caller, as data.
//!
//! Adding an operation to the contract without a row here fails `matrix_covers_every_operation`.
//! Object-level rows (in-scope vs out-of-scope units and regions) join as case endpoints arrive.

use crate::helpers::{Backend, TestApp};
use serde_json::{json, Value};

/// The kinds of caller the matrix distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Admin,
    Vendor,
    Registrar,
    RegionAnalyst,
    Analyst,
}

const EVERYONE: [Who; 6] = [Who::Anonymous, Who::Admin, Who::Vendor, Who::Registrar, Who::RegionAnalyst, Who::Analyst];

/// Values the paths and bodies refer to, created before the matrix runs.
struct Fixtures {
    /// A unit in Söderhamn (region fou-valfard-gavleborg): vendor and registrar are scoped to it.
    unit: String,
    /// A unit in Sollentuna (region fou-nordvast): outside everyone's scope.
    other_unit: String,
    client_id: String,
}

/// A valid SU-X 2021 record.
fn case_body(case_ref: &str) -> Value {
    json!({"case_ref": case_ref, "age_at_referral": 9, "gender": "boy", "birth_background": "unknown",
           "referred_on": "2025-02-01", "started_on": "2025-02-10", "previously_active": "once",
           "problem_areas": ["behaviour"], "interventions": ["traditional_family_treatment"],
           "closed_on": "2025-05-01", "closing_reason": "goals_met"})
}

struct Row {
    operation: &'static str,
    method: &'static str,
    path: fn(&Fixtures) -> String,
    body: Option<fn(&Fixtures) -> Value>,
    /// Status per caller; callers not listed get `otherwise`.
    expect: &'static [(Who, u16)],
    otherwise: u16,
}

/// Public operations: the same answer for everyone, token or not.
fn public(operation: &'static str, path: fn(&Fixtures) -> String) -> Row {
    Row { operation, method: "GET", path, body: None, expect: &[], otherwise: 200 }
}

/// Admin-only operations: 401 without a token, 403 for every other role.
fn admin_only(
    operation: &'static str,
    method: &'static str,
    path: fn(&Fixtures) -> String,
    body: Option<fn(&Fixtures) -> Value>,
    admin_status: u16,
) -> Row {
    let expect: &'static [(Who, u16)] = Box::leak(Box::new([(Who::Anonymous, 401), (Who::Admin, admin_status)]));
    Row { operation, method, path, body, expect, otherwise: 403 }
}

/// Operations for every authenticated role: 401 without a token, 200 with any role's token.
fn any_role(operation: &'static str, path: fn(&Fixtures) -> String) -> Row {
    Row { operation, method: "GET", path, body: None, expect: &[(Who::Anonymous, 401)], otherwise: 200 }
}

const RA: Who = Who::RegionAnalyst;

/// Case operations in the caller's unit (first block) and in a unit outside every scope
/// (second block: 404 for those who could otherwise act, the role refusal for the rest).
fn case_rows() -> Vec<Row> {
    use Who::*;
    vec![
        Row {
            operation: "put_case",
            method: "PUT",
            path: |f| format!("/v1/units/{}/cases/M-1", f.unit),
            body: Some(|_| case_body("M-1")),
            expect: &[(Anonymous, 401), (Vendor, 201), (Registrar, 200)],
            otherwise: 403,
        },
        Row {
            operation: "create_case",
            method: "POST",
            path: |f| format!("/v1/units/{}/cases", f.unit),
            body: Some(|_| case_body("M-2")),
            expect: &[(Anonymous, 401), (Vendor, 201), (Registrar, 409)],
            otherwise: 403,
        },
        Row {
            operation: "batch_cases",
            method: "POST",
            path: |f| format!("/v1/units/{}/cases/batch", f.unit),
            body: Some(|_| json!([case_body("M-3")])),
            expect: &[(Anonymous, 401), (Vendor, 200), (Registrar, 200)],
            otherwise: 403,
        },
        Row {
            operation: "get_case",
            method: "GET",
            path: |f| format!("/v1/units/{}/cases/M-1", f.unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 200), (Registrar, 200), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "list_unit_cases",
            method: "GET",
            path: |f| format!("/v1/units/{}/cases", f.unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 200), (Registrar, 200), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "list_region_cases",
            method: "GET",
            path: |_| "/v1/cases".into(),
            body: None,
            expect: &[(Anonymous, 401), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "delete_case",
            method: "DELETE",
            path: |f| format!("/v1/units/{}/cases/M-2", f.unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 204), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "put_coverage",
            method: "PUT",
            path: |f| format!("/v1/units/{}/coverage/2025", f.unit),
            body: Some(|_| json!({"closed_cases": 3})),
            expect: &[(Anonymous, 401), (Vendor, 200), (Registrar, 200)],
            otherwise: 403,
        },
        Row {
            operation: "get_coverage",
            method: "GET",
            path: |f| format!("/v1/units/{}/coverage/2025", f.unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 200), (Registrar, 200), (RA, 200)],
            otherwise: 403,
        },
        // Statistics: every authenticated role (exact for a region analyst's own region,
        // protected by the cell-key method for everyone else and every other scope).
        Row {
            operation: "get_stats",
            method: "GET",
            path: |_| "/v1/stats?group_by=gender,problem_area&measure=children,share".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 200,
        },
        Row {
            operation: "get_stats",
            method: "GET",
            path: |_| "/v1/stats?region=fou-nordvast".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 200,
        },
        Row {
            operation: "get_stats",
            method: "GET",
            path: |_| "/v1/stats?protection=exact".into(),
            body: None,
            expect: &[(Anonymous, 401), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "get_su_x_report",
            method: "GET",
            path: |_| "/v1/reports/su-x?region=fou-valfard-gavleborg&year=2025".into(),
            body: None,
            expect: &[(Anonymous, 401), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "get_su_x_report",
            method: "GET",
            path: |_| "/v1/reports/su-x?region=fou-nordvast&year=2025&format=csv&table=d6_closing_reasons".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 403,
        },
        // The exact report as a page: as the JSON report, region analysts of the region only.
        Row {
            operation: "get_su_x_report_page",
            method: "GET",
            path: |_| "/v1/reports/su-x/page?region=fou-valfard-gavleborg&year=2025".into(),
            body: None,
            expect: &[(Anonymous, 401), (RA, 200)],
            otherwise: 403,
        },
        Row {
            operation: "get_su_x_report_page",
            method: "GET",
            path: |_| "/v1/reports/su-x/page?region=fou-nordvast&year=2025".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 403,
        },
        // Releases: created by region analysts (own region) and admins; read by everyone.
        Row {
            operation: "create_release",
            method: "POST",
            path: |_| "/v1/releases".into(),
            body: Some(|_| json!({"scope": "fou-valfard-gavleborg", "year": 2025})),
            expect: &[(Anonymous, 401), (RA, 201), (Admin, 201)],
            otherwise: 403,
        },
        Row {
            operation: "create_release",
            method: "POST",
            path: |_| "/v1/releases".into(),
            body: Some(|_| json!({"scope": "national", "year": 2025})),
            expect: &[(Anonymous, 401), (Admin, 201)],
            otherwise: 403,
        },
        Row {
            operation: "list_releases",
            method: "GET",
            path: |_| "/v1/releases".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 200,
        },
        Row {
            operation: "get_release",
            method: "GET",
            path: |_| "/v1/releases/no-such-release".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 404,
        },
        Row {
            operation: "get_release_table",
            method: "GET",
            path: |_| "/v1/releases/no-such-release/tables/t1_background".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 404,
        },
        Row {
            operation: "get_release_report_page",
            method: "GET",
            path: |_| "/v1/releases/no-such-release/report".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 404,
        },
        Row {
            operation: "compare_releases",
            method: "GET",
            path: |_| "/v1/compare?table=d6_closing_reasons&year=2025&scopes=national".into(),
            body: None,
            expect: &[(Anonymous, 401)],
            otherwise: 200,
        },
        // Out of scope: the unit in another region.
        Row {
            operation: "put_case",
            method: "PUT",
            path: |f| format!("/v1/units/{}/cases/OUT-1", f.other_unit),
            body: Some(|_| case_body("OUT-1")),
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "create_case",
            method: "POST",
            path: |f| format!("/v1/units/{}/cases", f.other_unit),
            body: Some(|_| case_body("OUT-3")),
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "batch_cases",
            method: "POST",
            path: |f| format!("/v1/units/{}/cases/batch", f.other_unit),
            body: Some(|_| json!([case_body("OUT-4")])),
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "get_case",
            method: "GET",
            path: |f| format!("/v1/units/{}/cases/OUT-1", f.other_unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404), (RA, 404)],
            otherwise: 403,
        },
        Row {
            operation: "list_unit_cases",
            method: "GET",
            path: |f| format!("/v1/units/{}/cases", f.other_unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404), (RA, 404)],
            otherwise: 403,
        },
        Row {
            operation: "delete_case",
            method: "DELETE",
            path: |f| format!("/v1/units/{}/cases/OUT-2", f.other_unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "put_coverage",
            method: "PUT",
            path: |f| format!("/v1/units/{}/coverage/2025", f.other_unit),
            body: Some(|_| json!({"closed_cases": 3})),
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404)],
            otherwise: 403,
        },
        Row {
            operation: "get_coverage",
            method: "GET",
            path: |f| format!("/v1/units/{}/coverage/2025", f.other_unit),
            body: None,
            expect: &[(Anonymous, 401), (Vendor, 404), (Registrar, 404), (RA, 404)],
            otherwise: 403,
        },
    ]
}

fn matrix() -> Vec<Row> {
    let mut rows = case_rows();
    rows.extend(vec![
        public("get_health", |_| "/healthz".into()),
        public("get_readiness", |_| "/readyz".into()),
        public("get_jwks", |_| "/.well-known/jwks.json".into()),
        // The token endpoint authenticates by client credentials, not by a token: a bearer token
        // without a form body is an invalid request for everyone (auth.rs covers the rest).
        Row {
            operation: "issue_token",
            method: "POST",
            path: |_| "/oauth/token".into(),
            body: None,
            expect: &[],
            otherwise: 400,
        },
        admin_only("list_clients", "GET", |_| "/v1/admin/clients".into(), None, 200),
        admin_only(
            "create_client",
            "POST",
            |_| "/v1/admin/clients".into(),
            Some(|f| json!({"name": "matrix vendor", "role": "vendor", "units": [f.unit]})),
            201,
        ),
        admin_only("get_client", "GET", |f| format!("/v1/admin/clients/{}", f.client_id), None, 200),
        admin_only(
            "rotate_client_secret",
            "POST",
            |f| format!("/v1/admin/clients/{}/rotate-secret", f.client_id),
            None,
            200,
        ),
        admin_only("revoke_client", "POST", |f| format!("/v1/admin/clients/{}/revoke", f.client_id), None, 200),
        admin_only("list_audit_events", "GET", |_| "/v1/admin/audit".into(), None, 200),
        // Reference data: every role reads (scope `reference:read`); admins write.
        any_role("list_forms", |_| "/v1/forms".into()),
        any_role("get_form", |_| "/v1/forms/su-x-2021".into()),
        any_role("get_code_list", |_| "/v1/code-lists/problem-areas?form=su-x-2020".into()),
        any_role("list_code_mappings", |_| "/v1/code-mappings".into()),
        any_role("list_municipalities", |_| "/v1/municipalities?county=21".into()),
        any_role("list_regions", |_| "/v1/regions".into()),
        any_role("get_region", |_| "/v1/regions/fou-nordvast".into()),
        any_role("list_units", |_| "/v1/units?municipality=2182".into()),
        any_role("get_unit", |f| format!("/v1/units/{}", f.unit)),
        any_role("list_manual_methods", |_| "/v1/manual-methods".into()),
        any_role("get_manual_method", |_| "/v1/manual-methods/pyc".into()),
        admin_only("create_region", "POST", |_| "/v1/regions".into(), Some(|_| json!({"name": "FoU Matrix"})), 201),
        admin_only(
            "update_region",
            "PATCH",
            |_| "/v1/regions/fou-nordvast".into(),
            Some(|_| json!({"name": "FoU Nordväst"})),
            200,
        ),
        admin_only(
            "create_unit",
            "POST",
            |_| "/v1/units".into(),
            Some(|_| json!({"municipality": "2182", "name": "Matrix unit 2"})),
            201,
        ),
        admin_only(
            "update_unit",
            "PATCH",
            |f| format!("/v1/units/{}", f.unit),
            Some(|_| json!({"name": "Matrix unit"})),
            200,
        ),
        admin_only(
            "create_manual_method",
            "POST",
            |_| "/v1/manual-methods".into(),
            Some(|_| {
                json!({"name": "Matrix method", "description": {"sv": "Test.", "en": "Test."},
                    "intervention_code": "manual_method"})
            }),
            201,
        ),
        admin_only(
            "update_manual_method",
            "PATCH",
            |_| "/v1/manual-methods/pyc".into(),
            Some(|_| json!({"aliases": ["PYC", "Parenting Young Children"]})),
            200,
        ),
    ]);
    rows
}

#[test]
fn matrix_covers_every_operation() {
    let doc: Value = serde_json::from_str(&isu_http::openapi::document_json()).unwrap();
    let mut in_contract: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values().map(|op| op["operationId"].as_str().unwrap().to_string()))
        .collect();
    in_contract.sort();
    let mut in_matrix: Vec<String> = matrix().iter().map(|r| r.operation.to_string()).collect();
    in_matrix.sort();
    in_matrix.dedup();
    let missing: Vec<&String> = in_contract.iter().filter(|op| !in_matrix.contains(op)).collect();
    let stale: Vec<&String> = in_matrix.iter().filter(|op| !in_contract.contains(op)).collect();
    assert!(missing.is_empty(), "operations without a row in the access matrix: {missing:?}");
    assert!(stale.is_empty(), "matrix rows for operations not in the contract: {stale:?}");
}

async fn every_caller_gets_the_expected_status(backend: Backend) {
    let app = TestApp::start(backend).await;
    let unit = app.create_unit("2182", "Matrix unit").await;
    let other_unit = app.create_unit("0163", "Elsewhere").await;
    let (client_id, _) = app
        .create_client(isu_store::clients::NewClient {
            name: "matrix target".into(),
            role: isu_http::auth::Role::Analyst,
            units: vec![],
            municipalities: vec![],
            region: None,
        })
        .await;
    let fixtures = Fixtures { unit: unit.clone(), other_unit: other_unit.clone(), client_id };
    // Records to read and erase in the unit outside everyone's scope.
    let outsider = app.vendor_token(&[&other_unit]).await;
    for case_ref in ["OUT-1", "OUT-2"] {
        let url = app.url(&format!("/v1/units/{other_unit}/cases/{case_ref}"));
        let created = app.client.put(url).bearer_auth(&outsider).json(&case_body(case_ref)).send().await.unwrap();
        assert_eq!(created.status(), 201);
    }

    let mut tokens = Vec::new();
    for who in EVERYONE {
        let token = match who {
            Who::Anonymous => None,
            Who::Admin => Some(app.admin_token().await),
            Who::Vendor => Some(app.vendor_token(&[&unit]).await),
            Who::Registrar => Some(app.token_for(isu_http::auth::Role::Registrar, &[&unit], &[], None).await),
            Who::RegionAnalyst => Some(app.region_analyst_token("fou-valfard-gavleborg").await),
            Who::Analyst => Some(app.analyst_token().await),
        };
        tokens.push((who, token));
    }

    let mut failures = Vec::new();
    for row in matrix() {
        // Admin last, so state-changing calls (revoke) run after everyone else was refused.
        let mut order: Vec<&(Who, Option<String>)> = tokens.iter().filter(|(w, _)| *w != Who::Admin).collect();
        order.extend(tokens.iter().filter(|(w, _)| *w == Who::Admin));
        for (who, token) in order {
            let expected = row.expect.iter().find(|(w, _)| w == who).map_or(row.otherwise, |(_, s)| *s);
            let url = app.url(&(row.path)(&fixtures));
            let mut request = match row.method {
                "GET" => app.client.get(&url),
                "POST" => app.client.post(&url),
                "PUT" => app.client.put(&url),
                "PATCH" => app.client.patch(&url),
                "DELETE" => app.client.delete(&url),
                other => panic!("method {other}"),
            };
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = row.body {
                request = request.json(&body(&fixtures));
            }
            let status = request.send().await.unwrap().status().as_u16();
            if status != expected {
                failures.push(format!("{} as {who:?}: expected {expected}, got {status}", row.operation));
            }
        }
    }
    assert!(failures.is_empty(), "access matrix violations:\n{}", failures.join("\n"));
}

both_backends!(every_caller_gets_the_expected_status);
