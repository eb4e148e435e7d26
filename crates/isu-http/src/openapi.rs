//! The OpenAPI 3.1 contract: fixed `info`, servers and tags here; paths and schemas come from the
//! handlers. `openapi/openapi.json` is the committed copy, checked by a test.

use actix_web::App;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{ClientCredentials, Flow, OAuth2, Scopes, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as OpenApiDoc, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use super::problem::{FieldError, Problem, PROBLEM_JSON};
use crate::auth::scope;

/// The version of the contract (not of the server build); bumped on every contract change that
/// clients can see. Breaking changes bump the major.
pub const CONTRACT_VERSION: &str = "0.8.0";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ISU API",
        description = include_str!("openapi_description.md"),
        contact(name = "ISU API maintainers", url = "https://isu.example/contact", email = "isu-api@isu.example"),
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    servers(
        (url = "/", description = "This deployment (production, test or local development: the same contract everywhere)"),
    ),
    tags(
        (name = "operations", description = "Liveness and readiness probes for load balancers; no authentication."),
        (name = "auth", description = "OAuth 2.0 client credentials: tokens and the keys that verify them."),
        (name = "cases", description = "SU-X records of closed cases: vendors and registrars write their units' records; region analysts read their region's. Objects outside the caller's scope answer 404."),
        (name = "admin", description = "API clients and the audit log. Role `admin`, scope `admin`."),
        (name = "forms", description = "The SU-X form versions: questions, field rules and code lists with labels and definitions in Swedish and English, and the code mappings between versions. Read by every role; conditional requests with `ETag`/`If-None-Match`."),
        (name = "organisation", description = "Municipalities, regions (FoU units and the municipalities they cover) and units. Read by every role; admins create and change regions and units."),
        (name = "statistics", description = "Exact statistics and the yearly SU-X report for region analysts, over their own region: a fixed catalogue of dimensions and measures, harmonised across form versions. Not for publication (audience `internal`)."),
        (name = "releases", description = "Published statistics: immutable, versioned releases of the report's tables per region or for the country, every figure protected against disclosure (small counts suppressed, secondary suppression so no hidden figure can be derived). Read with any valid token; reads are audited."),
        (name = "methods", description = "The registry of named manual-based methods that free-text method names are matched against. Read by every role; admins add methods and edit names, descriptions and aliases."),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&CommonResponses),
)]
struct ApiDoc;

/// The document skeleton before routes are registered.
pub fn base() -> OpenApiDoc {
    let mut doc = ApiDoc::openapi();
    doc.info.version = CONTRACT_VERSION.to_string();
    // The API is public (not an internal service), for the inventory of API security linters.
    for server in doc.servers.iter_mut().flatten() {
        let mut extensions = utoipa::openapi::extensions::Extensions::default();
        extensions.insert("x-internal".to_string(), serde_json::Value::Bool(false));
        server.extensions = Some(extensions);
    }
    doc
}

/// The complete contract, exactly as the server registers its routes.
pub fn document() -> OpenApiDoc {
    let (_, mut doc) = App::new().into_utoipa_app().openapi(base()).configure(super::routes).split_for_parts();
    add_error_responses(&mut doc);
    super::contract_limits::apply(&mut doc);
    doc
}

/// The contract as committed: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

/// Registers the shared error responses under `components/responses`.
struct CommonResponses;

const COMMON_ERRORS: &[(&str, &str, &str)] = &[
    ("BadRequest", "400", "The request is malformed (e.g. the body is not JSON); the problem says where."),
    ("Unauthorized", "401", "No valid access token (`WWW-Authenticate: Bearer error=\"invalid_token\"`)."),
    ("Forbidden", "403", "The token lacks the role or scope this operation needs."),
    ("NotFound", "404", "No such resource, or not visible to the caller."),
    ("PayloadTooLarge", "413", "The body exceeds the documented limit; the problem states the limit."),
    ("UnsupportedMediaType", "415", "The body's media type is not accepted; send application/json."),
    (
        "ValidationFailed",
        "422",
        "The request is well-formed but breaks a rule; `errors` names each field by JSON pointer.",
    ),
    ("TooManyRequests", "429", "The client's rate limit is exhausted; retry after `Retry-After` seconds."),
    ("InternalError", "500", "Unexpected error. The body is generic; quote its `request_id` when reporting."),
    ("ServiceUnavailable", "503", "The database is unreachable; retry after `Retry-After` seconds."),
];

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("oauth2", oauth2_scheme());
        for (name, _, description) in COMMON_ERRORS {
            let mut response = problem_response(description);
            if matches!(*name, "TooManyRequests" | "ServiceUnavailable") {
                let seconds = utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::Integer)
                    .minimum(Some(1))
                    .maximum(Some(3600))
                    .build();
                let mut header = utoipa::openapi::header::Header::new(seconds);
                header.description = Some("Seconds to wait before retrying".into());
                response.headers.insert("Retry-After".into(), header);
            }
            components.responses.insert((*name).to_string(), RefOr::T(response));
        }
    }
}

/// Client credentials at `/oauth/token`; tokens are JWTs (RFC 9068) sent as `Bearer`.
fn oauth2_scheme() -> SecurityScheme {
    let scopes = Scopes::from_iter([
        (scope::ADMIN, "Administer clients, reference data, units and regions; read the audit log"),
        (scope::REFERENCE_READ, "Read forms, code lists and organisation reference data"),
        (scope::CASES_READ, "Read cases within the caller's units or region"),
        (scope::CASES_WRITE, "Create, correct and withdraw cases of the caller's units"),
        (scope::STATS_READ, "Read statistics: exact within the caller's own region, published elsewhere"),
    ]);
    let mut scheme = OAuth2::new([Flow::ClientCredentials(ClientCredentials::new("/oauth/token", scopes))]);
    scheme.description = Some(
        "OAuth 2.0 client credentials. Roles: `admin` (reference data, clients, audit; no case data), \
         `vendor` and `registrar` (cases of their units), `region_analyst` (its region's cases and exact \
         statistics), `analyst` (published statistics only). Each operation's description names the roles \
         it admits; objects outside the caller's scope answer 404. Tokens are JWTs issued and verified \
         after RFC8725 (JWT best current practices) and RFC 9068: EdDSA only, `typ: at+jwt`, \
         required `exp`/`iss`/`aud`/`sub`, keys only from this server's JWKS."
            .into(),
    );
    SecurityScheme::OAuth2(scheme)
}

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, Content::new(Some(utoipa::openapi::Ref::from_schema_name("Problem"))))
        .build()
}

/// Every operation documents the errors every operation can produce: 500 and 503 always (503 only
/// where the database is touched, which is every operation but liveness); 400/413/415/422 where
/// a body is accepted; 404 where the path has parameters.
fn add_error_responses(doc: &mut OpenApiDoc) {
    let reference = |name: &str| RefOr::Ref(utoipa::openapi::Ref::new(format!("#/components/responses/{name}")));
    for (path, item) in doc.paths.paths.iter_mut() {
        let has_params = path.contains('{');
        let operations =
            [item.get.as_mut(), item.put.as_mut(), item.post.as_mut(), item.delete.as_mut(), item.patch.as_mut()];
        for op in operations.into_iter().flatten() {
            let mut wanted = vec![("500", "InternalError")];
            if path != "/healthz" {
                wanted.push(("503", "ServiceUnavailable"));
            }
            // JSON bodies only: the form-encoded token endpoint answers in the OAuth shape.
            let json_body = op.request_body.as_ref().is_some_and(|b| b.content.contains_key("application/json"));
            if json_body {
                wanted.extend([
                    ("400", "BadRequest"),
                    ("413", "PayloadTooLarge"),
                    ("415", "UnsupportedMediaType"),
                    ("422", "ValidationFailed"),
                ]);
            }
            if has_params {
                wanted.push(("404", "NotFound"));
            }
            // Query parameters are checked too: a bad filter value is a 422 naming it.
            let has_query = op.parameters.as_ref().is_some_and(|params| {
                params.iter().any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
            });
            if has_query {
                wanted.push(("422", "ValidationFailed"));
            }
            let authenticated = op.security.as_ref().is_some_and(|reqs| {
                serde_json::to_value(reqs).is_ok_and(|v| {
                    v.as_array().is_some_and(|a| a.iter().any(|r| r.as_object().is_some_and(|o| !o.is_empty())))
                })
            });
            if authenticated {
                wanted.extend([("401", "Unauthorized"), ("403", "Forbidden"), ("429", "TooManyRequests")]);
            }
            for (status, name) in wanted {
                op.responses.responses.entry(status.to_string()).or_insert_with(|| reference(name));
            }
        }
    }
}
