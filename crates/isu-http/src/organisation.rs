//! Organisation reference data: municipalities, regions (FoU units and their municipalities) and
//! units (the outpatient units cases are registered for). Everyone with a token reads; admins
//! write.

use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::caching::{json_with_etag, CachePolicy};
use super::extract::JsonObject;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{AdminOnly, Authorized, ReferenceReader};
use isu_store::organisation::{self as org, MunicipalityInfo, MunicipalityRef, NewRegion, NewUnit, RegionChanges};

// ---------------------------------------------------------------------------------------------
// API types

/// A municipality (kommun) with its county and, if any, the region it belongs to.
#[derive(Serialize, ToSchema)]
#[schema(as = Municipality, example = json!({"code": "2182", "name": "Söderhamn", "county_code": "21",
    "county_name": "Gävleborgs län", "region": "fou-valfard-gavleborg"}))]
pub struct MunicipalityView {
    /// SCB municipality code (kommunkod), four digits.
    pub code: String,
    pub name: String,
    /// SCB county code, two digits (the first two of `code`).
    pub county_code: String,
    /// Name of the county (län).
    pub county_name: String,
    /// Id of the region the municipality belongs to (at most one), or `null`.
    pub region: Option<String>,
}

impl From<MunicipalityInfo> for MunicipalityView {
    fn from(m: MunicipalityInfo) -> Self {
        Self { code: m.code, name: m.name, county_code: m.county_code, county_name: m.county_name, region: m.region }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = MunicipalityList)]
pub struct MunicipalityList {
    /// By code.
    pub items: Vec<MunicipalityView>,
}

/// A member municipality of a region.
#[derive(Serialize, ToSchema)]
#[schema(as = RegionMunicipality)]
pub struct RegionMunicipalityView {
    #[schema(example = "2182")]
    pub code: String,
    #[schema(example = "Söderhamn")]
    pub name: String,
    #[schema(example = "21")]
    pub county_code: String,
}

impl From<MunicipalityRef> for RegionMunicipalityView {
    fn from(m: MunicipalityRef) -> Self {
        Self { code: m.code, name: m.name, county_code: m.county_code }
    }
}

/// A region: an FoU unit and the municipalities it covers. Region analysts read the cases of its
/// municipalities; statistics by region partition the country, since a municipality belongs to at
/// most one region.
#[derive(Serialize, ToSchema)]
#[schema(as = Region)]
pub struct RegionView {
    /// Stable slug id.
    #[schema(example = "fou-nordvast")]
    pub id: String,
    #[schema(example = "FoU Nordväst")]
    pub name: String,
    /// The member municipalities, by code.
    pub municipalities: Vec<RegionMunicipalityView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<org::Region> for RegionView {
    fn from(r: org::Region) -> Self {
        Self {
            id: r.id,
            name: r.name,
            municipalities: r.municipalities.into_iter().map(Into::into).collect(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = RegionList)]
pub struct RegionList {
    /// By id.
    pub items: Vec<RegionView>,
}

/// A new region.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewRegion, example = json!({"name": "FoU Sjuhärad", "municipalities": ["1490", "1491"]}))]
pub struct NewRegionBody {
    /// Slug id (1–64 of `a-z`, `0-9`, `-`). Default: derived from the name
    /// (`FoU Välfärd Gävleborg` → `fou-valfard-gavleborg`).
    #[schema(example = "fou-sjuharad")]
    pub id: Option<String>,
    /// Name (1–200 characters), unique ignoring case.
    #[schema(value_type = String, required = true, example = "FoU Sjuhärad")]
    pub name: Option<String>,
    /// Member municipality codes; none may already belong to another region. Default: none.
    #[serde(default)]
    pub municipalities: Vec<String>,
}

/// Changes to a region; absent (or `null`) fields stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RegionUpdate, example = json!({"municipalities": ["0123", "0125", "0139", "0160", "0163", "0183", "0184", "0191"]}))]
pub struct RegionUpdateBody {
    /// New name (1–200 characters), unique ignoring case.
    pub name: Option<String>,
    /// The complete new list of member municipalities (replaces the old one). A municipality of
    /// another region must first be removed there.
    pub municipalities: Option<Vec<String>>,
}

/// An outpatient unit: cases are registered for a unit.
#[derive(Serialize, ToSchema)]
#[schema(as = Unit, example = json!({"id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "name": "Familjeteamet",
    "municipality": "2182", "municipality_name": "Söderhamn", "region": "fou-valfard-gavleborg",
    "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"}))]
pub struct UnitView {
    /// The unit id (UUID), used in case URLs and in vendor clients' tenancy.
    pub id: String,
    /// Name, unique within the municipality (ignoring case).
    pub name: String,
    /// SCB code of the municipality the unit belongs to.
    pub municipality: String,
    pub municipality_name: String,
    /// The region of the unit's municipality, or `null`.
    pub region: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<org::Unit> for UnitView {
    fn from(u: org::Unit) -> Self {
        Self {
            id: u.id,
            name: u.name,
            municipality: u.municipality_code,
            municipality_name: u.municipality_name,
            region: u.region,
            created_at: u.created_at.and_utc(),
            updated_at: u.updated_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(as = UnitList)]
pub struct UnitList {
    /// By municipality code, then name.
    pub items: Vec<UnitView>,
}

/// A new unit.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewUnit, example = json!({"municipality": "2182", "name": "Familjeteamet"}))]
pub struct NewUnitBody {
    /// SCB code of the municipality (four digits). Fixed once the unit exists.
    #[schema(value_type = String, required = true, example = "2182")]
    pub municipality: Option<String>,
    /// Name (1–200 characters), unique within the municipality ignoring case.
    #[schema(value_type = String, required = true, example = "Familjeteamet")]
    pub name: Option<String>,
}

/// Changes to a unit; absent (or `null`) fields stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = UnitUpdate, example = json!({"name": "Familjeteamet Söderhamn"}))]
pub struct UnitUpdateBody {
    /// New name (1–200 characters), unique within the municipality ignoring case.
    pub name: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityQuery {
    /// Only municipalities of this county (SCB code, two digits).
    #[param(example = "21")]
    pub county: Option<String>,
    /// Only municipalities of this region (region id).
    #[param(example = "fou-nordvast")]
    pub region: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UnitQuery {
    /// Only units of this municipality (SCB code, four digits).
    #[param(example = "2182")]
    pub municipality: Option<String>,
    /// Only units in the municipalities of this region (region id).
    #[param(example = "fou-valfard-gavleborg")]
    pub region: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Municipalities

/// List municipalities
///
/// Roles: any authenticated client. All 290 municipalities by code (SCB), each with its county
/// and region; optionally only those of a county and/or a region. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "organisation",
    operation_id = "list_municipalities",
    params(MunicipalityQuery, ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "Municipalities by code", body = MunicipalityList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`: revalidate (region membership is edited by admins)")),
            example = json!({"items": [
                {"code": "2180", "name": "Gävle", "county_code": "21", "county_name": "Gävleborgs län", "region": "fou-valfard-gavleborg"},
                {"code": "2182", "name": "Söderhamn", "county_code": "21", "county_name": "Gävleborgs län", "region": "fou-valfard-gavleborg"}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 422, description = "Unknown county or region; `errors` names `query:county` or `query:region`",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/municipalities")]
pub async fn list_municipalities(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Result<web::Query<MunicipalityQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let MunicipalityQuery { county, region } = query.into_inner();
    let items = state.db(move |conn| org::list_municipalities(conn, county.as_deref(), region.as_deref())).await?;
    let body = MunicipalityList { items: items.into_iter().map(Into::into).collect() };
    json_with_etag(&req, &body, CachePolicy::Editable)
}

// ---------------------------------------------------------------------------------------------
// Regions

/// List regions
///
/// Roles: any authenticated client. Every region by id, with its municipalities. Supports
/// `If-None-Match` (304).
#[utoipa::path(
    tag = "organisation",
    operation_id = "list_regions",
    params(("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "Regions by id", body = RegionList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"items": [{"id": "fou-nordvast", "name": "FoU Nordväst",
                "municipalities": [{"code": "0123", "name": "Järfälla", "county_code": "01"}, {"code": "0125", "name": "Ekerö", "county_code": "01"}],
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/regions")]
pub async fn list_regions(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let regions = state.db(org::list_regions).await?;
    json_with_etag(&req, &RegionList { items: regions.into_iter().map(Into::into).collect() }, CachePolicy::Editable)
}

/// Get a region
///
/// Roles: any authenticated client. The region with its municipalities. Supports `If-None-Match`
/// (304).
#[utoipa::path(
    tag = "organisation",
    operation_id = "get_region",
    params(
        ("region_id" = String, Path, description = "The region id", example = "fou-nordvast"),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The region", body = RegionView,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"id": "fou-nordvast", "name": "FoU Nordväst",
                "municipalities": [{"code": "0123", "name": "Järfälla", "county_code": "01"}, {"code": "0125", "name": "Ekerö", "county_code": "01"}],
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 404, description = "No such region; the problem names the regions that exist",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/regions/{region_id}")]
pub async fn get_region(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let region = state
        .db(move |conn| {
            org::get_region(conn, &id)?.ok_or_else(|| {
                let ids: Vec<String> =
                    org::list_regions(conn).map(|r| r.into_iter().map(|r| r.id).collect()).unwrap_or_default();
                ApiError::NotFound(format!("no region has id {id:?}; regions: {}", ids.join(", ")))
            })
        })
        .await?;
    json_with_etag(&req, &RegionView::from(region), CachePolicy::Editable)
}

/// Create a region
///
/// Roles: admin. The id defaults to a slug of the name. Every field is checked and all violations
/// are reported at once; nothing is written unless all pass. A municipality belongs to at most one
/// region: listing one that belongs to another region is refused (422, naming it and the region).
#[utoipa::path(
    tag = "organisation",
    operation_id = "create_region",
    request_body = NewRegionBody,
    responses(
        (status = 201, description = "Created; `Location` is the region's URL", body = RegionView,
            headers(("Location" = String, description = "`/v1/regions/{region_id}`")),
            example = json!({"id": "fou-sjuharad", "name": "FoU Sjuhärad",
                "municipalities": [{"code": "1490", "name": "Borås", "county_code": "14"}, {"code": "1491", "name": "Ulricehamn", "county_code": "14"}],
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"})),
        (status = 409, description = "A region with this id or name exists",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/name`, `/id`, `/municipalities/N` unknown, repeated or in another region)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[post("/regions")]
pub async fn create_region(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    body: Result<JsonObject<NewRegionBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let body = body.into_inner();
    let new = NewRegion { id: body.id, name: body.name, municipalities: body.municipalities };
    let region = state.db_write(move |conn| org::create_region(conn, &new)).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/v1/regions/{}", region.id)))
        .json(RegionView::from(region)))
}

/// Change a region
///
/// Roles: admin. Rename it and/or replace its municipality list. The id never changes. Every
/// field is checked and all violations are reported at once; nothing is written unless all pass.
#[utoipa::path(
    tag = "organisation",
    operation_id = "update_region",
    params(("region_id" = String, Path, description = "The region id", example = "fou-nordvast")),
    request_body = RegionUpdateBody,
    responses(
        (status = 200, description = "The changed region", body = RegionView,
            example = json!({"id": "fou-nordvast", "name": "FoU Nordväst",
                "municipalities": [{"code": "0123", "name": "Järfälla", "county_code": "01"}, {"code": "0125", "name": "Ekerö", "county_code": "01"}],
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-26T09:00:00Z"})),
        (status = 404, description = "No such region", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another region has this name", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/name`, `/municipalities/N` unknown, repeated or in another region)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[patch("/regions/{region_id}")]
pub async fn update_region(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Result<JsonObject<RegionUpdateBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let id = path.into_inner();
    let body = body.into_inner();
    let changes = RegionChanges { name: body.name, municipalities: body.municipalities };
    let region = state.db_write(move |conn| org::update_region(conn, &id, &changes)).await?;
    Ok(HttpResponse::Ok().json(RegionView::from(region)))
}

// ---------------------------------------------------------------------------------------------
// Units

/// List units
///
/// Roles: any authenticated client. Units by municipality code, then name; optionally only those
/// of a municipality and/or of a region's municipalities. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "organisation",
    operation_id = "list_units",
    params(UnitQuery, ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "Units by municipality, then name", body = UnitList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"items": [{"id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "name": "Familjeteamet",
                "municipality": "2182", "municipality_name": "Söderhamn", "region": "fou-valfard-gavleborg",
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 422, description = "Unknown municipality or region; `errors` names `query:municipality` or `query:region`",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/units")]
pub async fn list_units(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Result<web::Query<UnitQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let UnitQuery { municipality, region } = query.into_inner();
    let units = state.db(move |conn| org::list_units(conn, municipality.as_deref(), region.as_deref())).await?;
    json_with_etag(&req, &UnitList { items: units.into_iter().map(Into::into).collect() }, CachePolicy::Editable)
}

/// Get a unit
///
/// Roles: any authenticated client. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "organisation",
    operation_id = "get_unit",
    params(
        ("unit_id" = String, Path, description = "The unit id (UUID)", example = "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10"),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The unit", body = UnitView,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, no-cache`")),
            example = json!({"id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "name": "Familjeteamet",
                "municipality": "2182", "municipality_name": "Söderhamn", "region": "fou-valfard-gavleborg",
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 404, description = "No such unit", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/units/{unit_id}")]
pub async fn get_unit(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let unit = state
        .db(move |conn| {
            org::get_unit(conn, &id)?
                .ok_or_else(|| ApiError::NotFound(format!("no unit has id {id:?}; GET /v1/units lists them")))
        })
        .await?;
    json_with_etag(&req, &UnitView::from(unit), CachePolicy::Editable)
}

/// Create a unit
///
/// Roles: admin. Answers the unit with its new id (UUID). The municipality is fixed once the unit
/// exists. Every field is checked and all violations are reported at once; nothing is written
/// unless all pass.
#[utoipa::path(
    tag = "organisation",
    operation_id = "create_unit",
    request_body = NewUnitBody,
    responses(
        (status = 201, description = "Created; `Location` is the unit's URL", body = UnitView,
            headers(("Location" = String, description = "`/v1/units/{unit_id}`")),
            example = json!({"id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "name": "Familjeteamet",
                "municipality": "2182", "municipality_name": "Söderhamn", "region": "fou-valfard-gavleborg",
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"})),
        (status = 409, description = "The municipality already has a unit of this name",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/municipality` unknown or missing, `/name`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[post("/units")]
pub async fn create_unit(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    body: Result<JsonObject<NewUnitBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let body = body.into_inner();
    let new = NewUnit { municipality: body.municipality, name: body.name };
    let unit = state.db_write(move |conn| org::create_unit(conn, &new)).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/v1/units/{}", unit.id)))
        .json(UnitView::from(unit)))
}

/// Rename a unit
///
/// Roles: admin. Only the name can change.
#[utoipa::path(
    tag = "organisation",
    operation_id = "update_unit",
    params(("unit_id" = String, Path, description = "The unit id (UUID)", example = "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10")),
    request_body = UnitUpdateBody,
    responses(
        (status = 200, description = "The changed unit", body = UnitView,
            example = json!({"id": "0b6f3c1e-4a55-4f0e-9a57-0f9f1c2b7d10", "name": "Familjeteamet Söderhamn",
                "municipality": "2182", "municipality_name": "Söderhamn", "region": "fou-valfard-gavleborg",
                "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-26T09:00:00Z"})),
        (status = 404, description = "No such unit", body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The municipality already has a unit of this name",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["admin"]))
)]
#[patch("/units/{unit_id}")]
pub async fn update_unit(
    _caller: Authorized<AdminOnly>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: Result<JsonObject<UnitUpdateBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let body = body?;
    let id = path.into_inner();
    let name = body.into_inner().name;
    let unit = state.db_write(move |conn| org::rename_unit(conn, &id, name.as_deref())).await?;
    Ok(HttpResponse::Ok().json(UnitView::from(unit)))
}
