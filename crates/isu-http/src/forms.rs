//! The SU-X form versions, their code lists and the code mappings between versions: embedded
//! reference data, served from [`isu_domain`] with `ETag`s for conditional requests.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::caching::{json_with_etag, CachePolicy};
use super::problem::{ApiError, FieldError};
use crate::auth::{Authorized, ReferenceReader};
use isu_domain::{forms, mapping, Code, CodeListId, CodeMappingSet, LocalizedText, ValidityPeriod};

/// A form version without its fields, rules and code lists (see `GET /v1/forms/{form_id}`).
#[derive(Serialize, ToSchema)]
#[schema(as = FormSummary)]
pub struct FormSummary {
    /// Stable id; the `form_id` of `GET /v1/forms/{form_id}`.
    #[schema(example = "su-x-2021")]
    pub id: String,
    /// The year the version was introduced.
    #[schema(example = 2021)]
    pub version: u16,
    pub title: LocalizedText,
    pub description: LocalizedText,
    /// Which closing dates the version applies to.
    pub validity: ValidityPeriod,
    /// Whether this is the current version (the default of `?form=` on code lists).
    pub current: bool,
    /// Number of numbered questions on the form.
    #[schema(example = 10)]
    pub question_count: usize,
}

#[derive(Serialize, ToSchema)]
#[schema(as = FormList)]
pub struct FormList {
    /// Oldest first.
    pub items: Vec<FormSummary>,
}

/// One code list of one form version, codes in form order.
#[derive(Serialize, ToSchema)]
#[schema(as = FormCodeList)]
pub struct FormCodeList {
    /// The form version the list belongs to.
    #[schema(example = "su-x-2021")]
    pub form: String,
    /// The list.
    pub list: CodeListId,
    /// Wire name of the record field that takes codes from this list.
    #[schema(example = "problem_areas")]
    pub field: String,
    /// Name of the list.
    pub name: LocalizedText,
    /// The codes in form order (`position` 1, 2, …), with labels and definitions in Swedish and
    /// English.
    pub codes: Vec<Code>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = CodeMappingSetList)]
pub struct CodeMappingSetList {
    pub items: Vec<CodeMappingSet>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CodeListQuery {
    /// Form version (`su-x-2020`, `su-x-2021`). Default: the current version, `su-x-2021`.
    #[param(example = "su-x-2020")]
    pub form: Option<String>,
}

fn form_ids() -> String {
    forms::all().iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ")
}

fn summary(form: &forms::Form) -> FormSummary {
    FormSummary {
        id: form.id.clone(),
        version: form.version,
        title: form.title.clone(),
        description: form.description.clone(),
        validity: form.validity,
        current: form.id == forms::current().id,
        question_count: form.fields.iter().filter(|f| f.number.is_some()).count(),
    }
}

/// List the form versions
///
/// Roles: any authenticated client. Summaries of the SU-X versions, oldest first; the complete
/// definition of each is at `GET /v1/forms/{form_id}`. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "forms",
    operation_id = "list_forms",
    params(("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "The form versions, oldest first", body = FormList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, max-age=300`")),
            example = json!({"items": [
                {"id": "su-x-2020", "version": 2020, "title": {"sv": "SU-X 2020", "en": "SU-X 2020"},
                 "description": {"sv": "…", "en": "…"}, "validity": {"closed_from": "2020-01-01", "closed_to": "2020-12-31"},
                 "current": false, "question_count": 9},
                {"id": "su-x-2021", "version": 2021, "title": {"sv": "SU-X 2021", "en": "SU-X 2021"},
                 "description": {"sv": "…", "en": "…"}, "validity": {"closed_from": "2021-01-01", "closed_to": null},
                 "current": true, "question_count": 10}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/forms")]
pub async fn list_forms(_caller: Authorized<ReferenceReader>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let items = forms::all().iter().map(summary).collect();
    json_with_etag(&req, &FormList { items }, CachePolicy::Embedded)
}

/// Get a form version's complete definition
///
/// Roles: any authenticated client. Everything a case-management system needs to render the form
/// and validate a record before sending it: the fields in form order (wire name, question number,
/// question text and help in Swedish and English, type, whether required and nullable, code list,
/// bounds, cardinality, length and pattern), the conditional and cross-field rules as data, and
/// the code lists with labels and definitions. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "forms",
    operation_id = "get_form",
    params(
        ("form_id" = String, Path, description = "The form version", example = "su-x-2021"),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The form definition (abbreviated in this example)", body = isu_domain::Form,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, max-age=300`")),
            example = json!({
                "id": "su-x-2021", "version": 2021,
                "title": {"sv": "SU-X 2021", "en": "SU-X 2021: follow-up of closed outpatient cases for children and young people"},
                "description": {"sv": "Formuläret i FoU Rapport 2021:2 …", "en": "The form in FoU Rapport 2021:2 …"},
                "validity": {"closed_from": "2021-01-01", "closed_to": null},
                "fields": [{"name": "problem_areas", "number": 7,
                    "text": {"sv": "Ange den huvudsakliga problematiken utifrån beskrivningen i uppdraget.", "en": "State the main problems as described in the assignment to the outpatient unit."},
                    "help": {"sv": "På denna fråga kan du välja högst tre alternativ. …", "en": "Choose at most three options. …"},
                    "type": "code_set", "required": true, "nullable": false, "code_list": "problem-areas",
                    "min_items": 1, "max_items": 3, "unique_items": true}],
                "rules": [{"id": "problem_area_other_text",
                    "description": {"sv": "Annan huvudsaklig problematik kräver problem_area_other; …", "en": "Problem area other requires problem_area_other; …"},
                    "check": {"kind": "requires_detail", "field": "problem_areas", "codes": ["other"], "detail_field": "problem_area_other"}}],
                "code_lists": [{"id": "genders", "field": "gender", "name": {"sv": "Barnets kön", "en": "Gender"},
                    "codes": [{"code": "girl", "position": 1, "label": {"sv": "Flicka", "en": "Girl"},
                        "definition": {"sv": "Barnet uppger sig vara flicka, …", "en": "The child states she is a girl …"}}]}]
            })),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 404, description = "No such form version; the problem names the versions that exist",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/forms/{form_id}")]
pub async fn get_form(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let form = forms::get(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no form version {id:?}; the versions are {}", form_ids())))?;
    json_with_etag(&req, form, CachePolicy::Embedded)
}

/// Get a code list of a form version
///
/// Roles: any authenticated client. The codes of one list in form order, each with its position,
/// label and definition in Swedish and English (Swedish exactly as on the form). `form` defaults
/// to the current version, `su-x-2021`. `birth-backgrounds` exists from `su-x-2021`; asking for it
/// in `su-x-2020` answers 404. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "forms",
    operation_id = "get_code_list",
    params(
        ("list" = CodeListId, Path, description = "The code list"),
        CodeListQuery,
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The code list (abbreviated in this example)", body = FormCodeList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, max-age=300`")),
            example = json!({"form": "su-x-2021", "list": "problem-areas", "field": "problem_areas",
                "name": {"sv": "Huvudsaklig problematik", "en": "Main problem areas"},
                "codes": [
                    {"code": "violence_victim", "position": 1, "label": {"sv": "Utsatt för våld/övergrepp", "en": "Subjected to violence/abuse"},
                     "definition": {"sv": "Barnet är självt utsatt för fysiskt eller psykiskt våld, …", "en": "The child is personally subjected to physical or psychological violence, …"}},
                    {"code": "domestic_violence", "position": 2, "label": {"sv": "Våld i familjen", "en": "Violence in the family"},
                     "definition": {"sv": "Våld mellan familjemedlemmar som barnet bevittnar (ser eller hör), …", "en": "Violence between family members that the child witnesses (sees or hears), …"}}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
        (status = 404, description = "No such code list (the problem names the lists), or the list is not part of the form version",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`form` is not a form version (`errors` names `query:form` and lists the versions)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/code-lists/{list}")]
pub async fn get_code_list(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
    path: web::Path<String>,
    query: Result<web::Query<CodeListQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let query = query?;
    let slug = path.into_inner();
    let id: CodeListId = slug.parse().map_err(|_| {
        let lists: Vec<&str> = CodeListId::ALL.iter().map(|l| l.as_str()).collect();
        ApiError::NotFound(format!("no code list {slug:?}; the lists are {}", lists.join(", ")))
    })?;
    let form = match &query.form {
        None => forms::current(),
        Some(id) => forms::get(id).ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "query:form",
                "unknown_form",
                format!("no form version {id:?}; the versions are {}", form_ids()),
            )])
        })?,
    };
    let list = form.code_list(id).ok_or_else(|| {
        let has: Vec<&str> = forms::all().iter().filter(|f| f.code_list(id).is_some()).map(|f| f.id.as_str()).collect();
        ApiError::NotFound(format!(
            "form version {} has no code list {id} (the question is not on that form); it is in {}",
            form.id,
            has.join(", ")
        ))
    })?;
    let body = FormCodeList {
        form: form.id.clone(),
        list: id,
        field: list.field.clone(),
        name: list.name.clone(),
        codes: list.codes.clone(),
    };
    json_with_etag(&req, &body, CachePolicy::Embedded)
}

/// List the code mappings between form versions
///
/// Roles: any authenticated client. How every code of an older version is reported under the
/// codes of the newer one in statistics that span both, which mappings must be flagged, and which
/// codes are new. Supports `If-None-Match` (304).
#[utoipa::path(
    tag = "forms",
    operation_id = "list_code_mappings",
    params(("If-None-Match" = Option<String>, Header, description = "An `ETag` from an earlier response; answered 304 when unchanged")),
    responses(
        (status = 200, description = "The mappings (abbreviated in this example)", body = CodeMappingSetList,
            headers(("ETag" = String, description = "Strong entity tag of the body"), ("Cache-Control" = String, description = "`private, max-age=300`")),
            example = json!({"items": [{"from_form": "su-x-2020", "to_form": "su-x-2021",
                "harmonisation_rule": {"sv": "Statistik som spänner över båda versionerna redovisar varje värde från 2020 under den kod i 2021 som det mappas till. …",
                    "en": "Statistics spanning both versions report each 2020 value under the 2021 code it maps to. …"},
                "lists": [{"list": "problem-areas",
                    "mappings": [{"from": "parent_mental_health_or_disability", "to": "parent_mental_health", "relation": "superset", "flagged": true,
                        "note": {"sv": "…", "en": "…"}}],
                    "new_codes": []}]}]})),
        (status = 304, description = "Not modified: the `If-None-Match` tag is current; no body"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/code-mappings")]
pub async fn list_code_mappings(
    _caller: Authorized<ReferenceReader>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    json_with_etag(&req, &CodeMappingSetList { items: mapping::all().to_vec() }, CachePolicy::Embedded)
}
