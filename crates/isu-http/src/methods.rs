//! The registry of named manual-based methods: the names a record's `manual_methods` entries are
//! matched against. Everyone with a token reads; admins add methods and edit names, descriptions
//! and aliases.

use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::caching::{json_with_etag, CachePolicy};
use super::extract::JsonObject;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{AdminOnly, Authorized, ReferenceReader};
use isu_domain::ManualMethod;
use isu_store::methods::{self, DescriptionInput, MethodChanges, NewMethod};

#[derive(Serialize, ToSchema)]
#[schema(as = ManualMethodList)]
pub struct ManualMethodList {
    /// By name, in Swedish alphabetical order.
    pub items: Vec<ManualMethod>,
}

/// A description in Swedish and English.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = LocalizedTextInput, example = json!({"sv": "Föräldrastödsprogram i grupp …", "en": "A group parenting programme …"}))]
pub struct LocalizedTextInput {
    /// Swedish, 1–1000 characters. Required when creating.
    #[schema(value_type = String, required = false)]
    pub sv: Option<String>,
    /// English, 1–1000 characters. Required when creating.
    #[schema(value_type = String, required = false)]
    pub en: Option<String>,
}

/// A description only as a JSON object (`null` or absent: none); serde would otherwise also
/// take an array `[sv, en]` for a struct.
fn object_only<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<LocalizedTextInput>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Map<String, serde_json::Value>>::deserialize(d)? {
        None => Ok(None),
        Some(map) => serde_json::from_value(serde_json::Value::Object(map)).map(Some).map_err(D::Error::custom),
    }
}

impl From<LocalizedTextInput> for DescriptionInput {
    fn from(t: LocalizedTextInput) -> Self {
        Self { sv: t.sv, en: t.en }
    }
}

/// A new method for the registry.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewManualMethod, example = json!({"name": "Komet", "description": {"sv": "Föräldrastödsprogram för föräldrar till barn med utagerande beteende.",
    "en": "A parenting programme for parents of children with externalising behaviour."}, "aliases": ["KOMET för föräldrar"],
    "intervention_code": "manual_method"}))]
pub struct NewManualMethodBody {
    /// Slug id (1–64 of `a-z`, `0-9`, `-`). Default: derived from the name (`Komet` → `komet`).
    #[schema(example = "komet")]
    pub id: Option<String>,
    /// Name (1–100 characters). No other method may have it as name or alias (compared after
    /// name normalisation: case, accents and punctuation do not count).
    #[schema(value_type = String, required = true, example = "Komet")]
    pub name: Option<String>,
    /// Description; both languages required.
    #[schema(value_type = LocalizedTextInput, required = true)]
    #[serde(default, deserialize_with = "object_only")]
    pub description: Option<LocalizedTextInput>,
    /// Other spellings (each 1–100 characters, at most 50), distinct from each other and from the
    /// name after normalisation, and not a name or alias of another method. Default: none.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The Q8 code the method counts under: `manual_method`, or `crisis_support` for crisis
    /// support models.
    #[schema(value_type = String, required = true, example = "manual_method", pattern = "^(manual_method|crisis_support)$")]
    pub intervention_code: Option<String>,
}

/// Changes to a method; absent (or `null`) fields stay as they are. The id and the intervention
/// code never change.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ManualMethodUpdate, example = json!({"aliases": ["COS-P", "Circle of Security", "Circle of Security Parenting"]}))]
pub struct ManualMethodUpdateBody {
    /// New name (1–100 characters). To keep matching the old name in free text, list it among the
    /// aliases.
    pub name: Option<String>,
    /// New description; a language left out keeps its text.
    #[schema(value_type = LocalizedTextInput, required = false)]
    #[serde(default, deserialize_with = "object_only")]
    pub description: Option<LocalizedTextInput>,
    /// The complete new alias list (replaces the old one).
    pub aliases: Option<Vec<String>>,
}

/// List the manual-method registry
///
/// Roles: any authenticated client. The named manual-based methods with their aliases, by name
/// in Swedish alphabetical order. A record's `manual_methods` entry matches a method when it is
/// the method's id, or equals its name or an alias after normalisation (lower case, accents
/// folded, punctuation and spacing ignored). Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "methods",
    operation_id = "list_manual_methods",
    params(("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "The registry", body = ManualMethodList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"items": [{"id": "trygghetscirkeln", "name": "Trygghetscirkeln",
                "description": {"sv": "Circle of Security Parenting (COS-P): anknytningsbaserat föräldrastödsprogram …",
                    "en": "Circle of Security Parenting (COS-P): an attachment-based parenting programme …"},
                "aliases": ["Circle of Security", "COS-P"], "intervention_code": "manual_method"}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/manual-methods")]
pub async fn list_manual_methods(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let items = state.db(methods::list).await?;
    json_with_etag(&req, &ManualMethodList { items }, CachePolicy::Editable)
}

/// Add a method to the registry
///
/// Roles: admin. The id defaults to a slug of the name. Every field is checked and all
/// violations are reported at once (an alias that already identifies another method is named by
/// `/aliases/N`); nothing is written unless all pass.
#[utoipa::path(
    tag = "methods",
    operation_id = "create_manual_method",
    request_body = NewManualMethodBody,
    responses(
        (status = 201, description = "Created; `Location` is the method's URL", body = ManualMethod,
            headers(("Location" = String, description = "`/v1/manual-methods/{method_id}`")),
            example = json!({"id": "komet", "name": "Komet",
                "description": {"sv": "Föräldrastödsprogram för föräldrar till barn med utagerande beteende.",
                    "en": "A parenting programme for parents of children with externalising behaviour."},
                "aliases": ["KOMET för föräldrar"], "intervention_code": "manual_method"})),
        (status = 409, description = "The id is taken, or the name already identifies another method (as its id, name or an alias)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/name`, `/id`, `/description/sv`, `/aliases/N`, `/intervention_code`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[post("/manual-methods")]
pub async fn create_manual_method(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    body: Result<JsonObject<NewManualMethodBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let body = body.into_inner();
    let new = NewMethod {
        id: body.id,
        name: body.name,
        description: body.description.map(Into::into),
        aliases: body.aliases,
        intervention_code: body.intervention_code,
    };
    let method = state.db_write(move |conn| methods::create(conn, &new)).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/v1/manual-methods/{}", method.id)))
        .json(method))
}

/// Change a method in the registry
///
/// Roles: admin. Rename it, change its description and/or replace its aliases, with the same
/// checks as on creation. When only the name changes, an alias equal to the new name is dropped
/// (it is the name now).
#[utoipa::path(
    tag = "methods",
    operation_id = "update_manual_method",
    params(("method_id" = String, Path, description = "The method id", example = "trygghetscirkeln")),
    request_body = ManualMethodUpdateBody,
    responses(
        (status = 200, description = "The changed method", body = ManualMethod,
            example = json!({"id": "trygghetscirkeln", "name": "Trygghetscirkeln",
                "description": {"sv": "Circle of Security Parenting (COS-P): anknytningsbaserat föräldrastödsprogram …",
                    "en": "Circle of Security Parenting (COS-P): an attachment-based parenting programme …"},
                "aliases": ["Circle of Security", "Circle of Security Parenting", "COS-P"], "intervention_code": "manual_method"})),
        (status = 404, description = "No such method", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new name already identifies another method",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/name`, `/description/sv`, `/aliases/N`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[patch("/manual-methods/{method_id}")]
pub async fn update_manual_method(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Result<JsonObject<ManualMethodUpdateBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let id = path.into_inner();
    let body = body.into_inner();
    let changes =
        MethodChanges { name: body.name, description: body.description.map(Into::into), aliases: body.aliases };
    let method = state.db_write(move |conn| methods::update(conn, &id, &changes)).await?;
    Ok(HttpResponse::Ok().json(method))
}

/// Get a method of the registry
///
/// Roles: any authenticated client. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "methods",
    operation_id = "get_manual_method",
    params(
        ("method_id" = String, Path, description = "The method id", example = "trygghetscirkeln"),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The method", body = ManualMethod,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"id": "trygghetscirkeln", "name": "Trygghetscirkeln",
                "description": {"sv": "Circle of Security Parenting (COS-P): anknytningsbaserat föräldrastödsprogram …",
                    "en": "Circle of Security Parenting (COS-P): an attachment-based parenting programme …"},
                "aliases": ["Circle of Security", "COS-P"], "intervention_code": "manual_method"})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 404, description = "No such method", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/manual-methods/{method_id}")]
pub async fn get_manual_method(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let method = state
        .db(move |conn| {
            methods::get(conn, &id)?.ok_or_else(|| {
                ApiError::NotFound(format!("no manual method has id {id:?}; GET /v1/manual-methods lists them"))
            })
        })
        .await?;
    json_with_etag(&req, &method, CachePolicy::Editable)
}
