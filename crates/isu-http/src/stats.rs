//! Statistics: `GET /v1/stats` (any catalogue query) for every role — exact for callers entitled
//! to case-level data of the whole scope, protected by the cell-key method for everyone else —
//! and `GET /v1/reports/su-x` (the yearly report's exact tables, JSON or CSV), region analysts
//! only, for their own region.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::formats::{self, OutputFormat};
use super::problem::{ApiError, FieldError};
use super::AppState;
use crate::auth::{Authorized, InternalStatsReader, Role, StatsReader};
use isu_core::clock;
use isu_core::stats::catalogue::{Catalogue, Dimension, HARMONISED_FORM};
use isu_core::stats::csv::Lang;
use isu_core::stats::cube::{self, Cube};
use isu_core::stats::engine::{compute, Query};
pub use isu_core::stats::harmonisation::{harmonisation, Harmonisation, HarmonisedCode};
use isu_core::stats::jsonstat;
use isu_core::stats::protected::{self, CellKeyMethod};
use isu_core::stats::report::{self, SU_X_TABLES};
use isu_core::stats::report_page;
use isu_core::stats::request::{self, valid_list, Params};
use isu_core::stats::snapshot::{self, Snapshot, FIRST_YEAR};
use isu_core::stats::table::{render, Table};
use isu_core::stats::workbook::{self, Entry};
use isu_domain::LocalizedText;
use isu_store::stats::ScopeRequest;

/// Who may see the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Audience)]
pub enum Audience {
    /// Exact figures for callers with case-level rights over the whole scope. Not for
    /// publication: small numbers are not suppressed.
    Internal,
    /// Protected figures (the cell-key method, see `protection`): for everyone, publishable.
    Protected,
}

/// The records a statistic covers.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsScope)]
pub struct ScopeInfo {
    /// The region (FoU) whose municipalities are covered, or `national` (the whole country).
    pub region: String,
    /// The municipalities covered (SCB kommunkod).
    pub municipalities: Vec<String>,
}

/// What a figure covers and how it was made.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsMetadata)]
pub struct Metadata {
    pub audience: Audience,
    pub scope: ScopeInfo,
    /// The filters applied: dimension id → value codes.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Records (children) counted: the grand total before any multi-valued breakdown.
    pub records: u64,
    /// Form versions of the records counted.
    pub form_versions: Vec<String>,
    /// Statistics are reported in the codes of this version.
    pub reported_as: String,
    /// Present when records of an older version are included (flagged codes are listed).
    pub harmonisation: Vec<Harmonisation>,
    pub computed_at: DateTime<Utc>,
    /// How protected figures were protected (audience `protected` only): the method and its
    /// parameters. `records` is then a published (perturbed) count too.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CellKeyMethod, required = false)]
    pub protection: Option<CellKeyMethod>,
}

/// A statistic with its metadata.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsResult)]
pub struct StatsResult {
    pub metadata: Metadata,
    pub table: Table,
}

/// One table of the yearly report.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ReportTable)]
pub struct ReportTable {
    /// Stable id, e.g. `d1_problem_areas`.
    pub id: String,
    pub title: LocalizedText,
    pub table: Table,
}

/// The yearly SU-X report of a region (optionally one municipality).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = SuXReport)]
pub struct Report {
    pub year: i32,
    pub metadata: Metadata,
    pub tables: Vec<ReportTable>,
}

fn metadata(
    snapshot: &Snapshot,
    region: &str,
    filters: &Query,
    computed_records: u64,
    forms: &[u16],
    harmonised: u64,
) -> Metadata {
    let catalogue = &snapshot.catalogue;
    let form_versions: Vec<String> = forms.iter().map(|p| catalogue.code(Dimension::Form, *p).to_string()).collect();
    let harmonisation = harmonisation(&form_versions, harmonised);
    Metadata {
        audience: Audience::Internal,
        scope: ScopeInfo {
            region: region.to_string(),
            municipalities: catalogue.values(Dimension::Municipality).iter().map(|v| v.code.clone()).collect(),
        },
        filters: filters
            .filters
            .iter()
            .map(|(d, positions)| {
                (d.id().to_string(), positions.iter().map(|p| catalogue.code(*d, *p).to_string()).collect())
            })
            .collect(),
        records: computed_records,
        form_versions,
        reported_as: HARMONISED_FORM.to_string(),
        harmonisation,
        computed_at: Utc::now(),
        protection: None,
    }
}

/// The caller's region, and a refusal of any other region asked for.
fn caller_region(caller: &crate::auth::Caller, asked: Option<&str>) -> Result<String, ApiError> {
    let region = caller.region.clone().ok_or_else(|| ApiError::Forbidden("the client has no region".into()))?;
    if let Some(asked) = asked {
        if asked.split(',').map(str::trim).any(|r| r != region) {
            return Err(ApiError::Forbidden(format!(
                "exact statistics cover only your region ({region}); other regions' figures are published in releases"
            )));
        }
    }
    Ok(region)
}

/// The span of years to read: those filtered on, else every year of the catalogue.
fn year_span(raw: Option<&str>, last_year: i32) -> Result<(i32, i32), ApiError> {
    let Some(raw) = raw else {
        return Ok((FIRST_YEAR, last_year));
    };
    let mut years = Vec::new();
    for part in raw.split(',').map(str::trim) {
        match part.parse::<i32>() {
            Ok(y) if (FIRST_YEAR..=last_year).contains(&y) => years.push(y),
            _ => {
                return Err(ApiError::validation(
                    "query:year",
                    "unknown_value",
                    format!("{part:?} is not a year with statistics; years: {FIRST_YEAR}–{last_year}"),
                ))
            }
        }
    }
    Ok((*years.iter().min().unwrap_or(&FIRST_YEAR), *years.iter().max().unwrap_or(&last_year)))
}

async fn load_snapshot(state: &AppState, region: &str, years: (i32, i32)) -> Result<Snapshot, ApiError> {
    let scope = ScopeRequest::Region(region.to_string());
    let last_year = clock::this_year();
    let cache = state.stats_cache.clone();
    state
        .db(move |conn| snapshot::load(conn, &scope, years, last_year, &cache))
        .await?
        .ok_or_else(|| ApiError::Forbidden("the client's region no longer exists".into()))
}

/// Query parameters of `GET /v1/stats`. Every filter takes comma-separated value codes of the
/// catalogue (`GET /v1/stats/catalogue` lists them); a child is counted when it has any of them.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsParams {
    /// Comma-separated measures (default `children`): children, share, mentions, alone,
    /// combinations, intervention_days, enrolment_days, age, coverage.
    #[param(
        max_length = 200,
        pattern = "^(children|share|mentions|alone|combinations|intervention_days|enrolment_days|age|coverage)(,(children|share|mentions|alone|combinations|intervention_days|enrolment_days|age|coverage))*$",
        example = "children,share"
    )]
    pub measure: Option<String>,
    /// Comma-separated dimensions, at most 3: year, region, municipality, unit, gender, age_band,
    /// birth_background, previously_active, problem_area, intervention_type, intervention,
    /// manual_method, closing_reason, form.
    #[param(
        max_length = 200,
        pattern = "^(year|region|municipality|unit|gender|age_band|birth_background|previously_active|problem_area|intervention_type|intervention|manual_method|closing_reason|form)(,(year|region|municipality|unit|gender|age_band|birth_background|previously_active|problem_area|intervention_type|intervention|manual_method|closing_reason|form))*$",
        example = "gender,problem_area"
    )]
    pub group_by: Option<String>,
    /// Closing years, e.g. `2024` or `2023,2024`.
    #[param(max_length = 200, example = "2024")]
    pub year: Option<String>,
    /// Region ids. One region: that region's scope; none or several: the whole country (exact
    /// figures exist only for your own region).
    #[param(max_length = 200)]
    pub region: Option<String>,
    #[param(max_length = 2000, example = "2180")]
    pub municipality: Option<String>,
    #[param(max_length = 4000)]
    pub unit: Option<String>,
    #[param(max_length = 200)]
    pub gender: Option<String>,
    #[param(max_length = 200)]
    pub age_band: Option<String>,
    #[param(max_length = 400)]
    pub birth_background: Option<String>,
    #[param(max_length = 200)]
    pub previously_active: Option<String>,
    #[param(max_length = 1000)]
    pub problem_area: Option<String>,
    #[param(max_length = 400)]
    pub intervention_type: Option<String>,
    #[param(max_length = 400)]
    pub intervention: Option<String>,
    #[param(max_length = 4000)]
    pub manual_method: Option<String>,
    #[param(max_length = 400)]
    pub closing_reason: Option<String>,
    #[param(max_length = 200)]
    pub form: Option<String>,
    /// `json` (default), `csv` or `json-stat` (a JSON-stat 2.0 dataset; `json-stat2` is the
    /// same). `Accept: text/csv` or `application/json-stat+json` does the same.
    #[param(value_type = Option<formats::TableFormat>, inline)]
    pub format: Option<String>,
    /// Language of CSV headers and of JSON-stat labels (default `sv`).
    #[param(inline)]
    pub lang: Option<Lang>,
    /// `exact` or `cell_key` (protected). Default: exact for a region analyst with `cases:read`
    /// about its own region, protected for everyone else.
    #[param(inline)]
    pub protection: Option<StatsProtection>,
}

impl StatsParams {
    fn filters(&self) -> Vec<(Dimension, String)> {
        let all = [
            (Dimension::Year, &self.year),
            (Dimension::Region, &self.region),
            (Dimension::Municipality, &self.municipality),
            (Dimension::Unit, &self.unit),
            (Dimension::Gender, &self.gender),
            (Dimension::AgeBand, &self.age_band),
            (Dimension::BirthBackground, &self.birth_background),
            (Dimension::PreviouslyActive, &self.previously_active),
            (Dimension::ProblemArea, &self.problem_area),
            (Dimension::InterventionType, &self.intervention_type),
            (Dimension::Intervention, &self.intervention),
            (Dimension::ManualMethod, &self.manual_method),
            (Dimension::ClosingReason, &self.closing_reason),
            (Dimension::Form, &self.form),
        ];
        all.into_iter().filter_map(|(d, v)| v.clone().map(|v| (d, v))).collect()
    }
}

fn stats_example() -> serde_json::Value {
    serde_json::json!({
        "metadata": {
            "audience": "internal",
            "scope": {"region": "gavleborg", "municipalities": ["2180", "2182"]},
            "filters": {"year": ["2024"]},
            "records": 1234,
            "form_versions": ["su-x-2021"],
            "reported_as": "su-x-2021",
            "harmonisation": [],
            "computed_at": "2026-11-25T10:00:00Z"
        },
        "table": {
            "group_by": ["gender"],
            "measures": ["children", "share"],
            "share_denominator": [],
            "units": {"children": "children", "share": "ratio"},
            "dimensions": [{"id": "gender", "label": {"sv": "Kön", "en": "Gender"}, "multi_valued": false,
                "values": [{"code": "girl", "label": {"sv": "Flicka", "en": "Girl"}}]}],
            "rows": [{"dimensions": {"gender": "girl"}, "children": 580, "share": 0.47}],
            "margins": [],
            "total": {"dimensions": {}, "children": 1234}
        }
    })
}

/// Statistics of any scope: exact for whoever may see every record, protected for everyone else
///
/// Roles: every role with `stats:read`. Any combination of up to three catalogue dimensions with
/// any measures, filtered on catalogue values: rows for every combination of values (zeros
/// included), the margins of every subset of the group-by dimensions, and the grand total.
///
/// **Exact** (audience `internal`, not for publication) for a region analyst with `cases:read`
/// asking about its own region — the default for such a caller when `region` is absent or names
/// only its region. **Protected** (audience `protected`, publishable) for everyone else, for any
/// region (`region` naming one region: that region's scope), several regions or the whole country
/// (`region` absent or naming several), by the cell-key method: every count is perturbed by a
/// perturbation table on the secret keys of the children it counts — cells, margins and the total
/// each on their own key, so they need not add up; the same children give the same figure in every
/// answer; published counts 1..js never occur; means, medians and the 10th and 90th percentiles
/// of days only for groups of at least `min_group` children, with noise (a percentile never at
/// the first or last rank); minimum and maximum never; coverage is not published. The method and
/// its parameters are in `metadata.protection`. `protection=cell_key` asks for the protected
/// answer where the exact one is allowed; `protection=exact` without the rights is 403. Day
/// percentiles (`p10`, `p90`) are by nearest rank, as in releases.
///
/// Also as CSV (`format=csv`; a protected answer's last column, "Skyddsmetod"/"Protection
/// method", names the method on every row) or as a JSON-stat 2.0 dataset (`format=json-stat`:
/// the group-by dimensions with a total category `_T`, then the measures).
#[utoipa::path(
    tag = "statistics",
    operation_id = "get_stats",
    params(StatsParams),
    responses(
        (status = 200, description = "The statistic", content(
            (StatsResult = "application/json", examples(
                ("exact" = (summary = "Exact figures of the caller's own region", value = json!(stats_example()))),
                ("protected" = (summary = "Protected figures (cell-key method)", value = json!(protected_example()))),
            )),
            (String = "text/csv", example = json!("Kön,Antal barn,Andel\nFlicka,580,0.47\nTotalt,1234,\n")),
            (jsonstat::Dataset = "application/json-stat+json", example = jsonstat::example),
        )),
    ),
    security(("oauth2" = ["stats:read"]))
)]
#[get("/stats")]
pub async fn get_stats(
    caller: Authorized<StatsReader>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: Result<web::Query<StatsParams>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let params = query?.into_inner();
    let format = formats::negotiate(
        &req,
        params.format.as_deref(),
        &[OutputFormat::Json, OutputFormat::Csv, OutputFormat::JsonStat],
    )?;
    let lang = params.lang.unwrap_or(Lang::Sv);
    if !wants_exact(&caller, &params)? {
        return protected_stats(&state, &params, format, lang).await;
    }
    let region = caller_region(&caller, params.region.as_deref())?;
    let years = year_span(params.year.as_deref(), clock::this_year())?;
    let snapshot = load_snapshot(&state, &region, years).await?;
    let request =
        Params { measure: params.measure.clone(), group_by: params.group_by.clone(), filters: params.filters() };
    let query = request::parse(&snapshot.catalogue, &request).map_err(ApiError::Validation)?;
    let computed = compute(&snapshot.catalogue, &snapshot.facts(), &snapshot.closures, &query);
    let table = render(&snapshot.catalogue, &computed);
    let metadata =
        metadata(&snapshot, &region, &query, computed.total().children, &computed.forms, computed.harmonised_records);
    match format {
        OutputFormat::Csv => {
            Ok(formats::csv(isu_core::stats::csv::render(&table, lang), &format!("isu-stats-{region}")))
        }
        OutputFormat::JsonStat => {
            let cube = cube::from_exact("stats", &stats_title(&table), &table);
            formats::json_stat(&jsonstat::dataset(&cube, lang, &exact_context(&metadata, Some("stats"))?))
        }
        _ => Ok(HttpResponse::Ok().json(StatsResult { metadata, table })),
    }
}

/// Which protection a statistics request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = StatsProtection)]
pub enum StatsProtection {
    /// Exact figures: only with case-level rights over the whole scope.
    Exact,
    /// Protected figures by the cell-key method.
    CellKey,
}

/// Whether the caller gets exact figures: only a region analyst with `cases:read` about its own
/// region, by default or when asked; asking for exact figures without those rights is 403.
fn wants_exact(caller: &crate::auth::Caller, params: &StatsParams) -> Result<bool, ApiError> {
    let rights = caller.role == Role::RegionAnalyst
        && caller.scopes.contains(crate::auth::scope::CASES_READ)
        && caller.region.is_some();
    let own_scope = match (&caller.region, params.region.as_deref()) {
        (Some(_), None) => true,
        (Some(own), Some(asked)) => asked.split(',').map(str::trim).all(|r| r == own),
        (None, _) => false,
    };
    match params.protection {
        Some(StatsProtection::CellKey) => Ok(false),
        Some(StatsProtection::Exact) if !rights => Err(ApiError::Forbidden(
            "exact statistics need case-level rights over the whole scope (a region analyst with cases:read, its \
             own region); leave out protection= for protected figures"
                .into(),
        )),
        Some(StatsProtection::Exact) => Ok(true),
        None => Ok(rights && own_scope),
    }
}

/// The protected answer of `GET /v1/stats` (cell-key method).
async fn protected_stats(
    state: &AppState,
    params: &StatsParams,
    format: OutputFormat,
    lang: Lang,
) -> Result<HttpResponse, ApiError> {
    let regions: Vec<String> =
        params.region.as_deref().map(|r| r.split(',').map(|r| r.trim().to_string()).collect()).unwrap_or_default();
    let (scope, scope_name) = match regions.as_slice() {
        [one] => (ScopeRequest::Region(one.clone()), one.clone()),
        _ => (ScopeRequest::National, "national".to_string()),
    };
    let years = year_span(params.year.as_deref(), clock::this_year())?;
    let last_year = clock::this_year();
    let cache = state.stats_cache.clone();
    let lookup = scope.clone();
    let snapshot =
        state.db(move |conn| snapshot::load(conn, &lookup, years, last_year, &cache)).await?.ok_or_else(|| {
            ApiError::validation("query:region", "unknown_value", format!("{scope_name:?} is not a region"))
        })?;
    let request =
        Params { measure: params.measure.clone(), group_by: params.group_by.clone(), filters: params.filters() };
    let query = request::parse(&snapshot.catalogue, &request).map_err(ApiError::Validation)?;
    isu_domain::validation::finish(protected::check(&query))?;
    let protection = state.cellkey.clone();
    let computed = protected::compute(&snapshot.catalogue, &snapshot.protected_facts(), &query, &protection);
    let mut metadata =
        metadata(&snapshot, &scope_name, &query, computed.records, &computed.forms, computed.harmonised_records);
    metadata.audience = Audience::Protected;
    metadata.protection = Some(protection.method());
    let table = computed.table;
    match format {
        OutputFormat::Csv => {
            let body = isu_core::stats::csv::render_protected(&table, lang);
            Ok(formats::csv(body, &format!("isu-stats-{scope_name}-protected")))
        }
        OutputFormat::JsonStat => {
            let cube = cube::from_exact("stats", &stats_title(&table), &table);
            formats::json_stat(&jsonstat::dataset(&cube, lang, &protected_context(&metadata)?))
        }
        _ => Ok(HttpResponse::Ok().json(StatsResult { metadata, table })),
    }
}

fn protected_example() -> serde_json::Value {
    serde_json::json!({
        "metadata": {
            "audience": "protected",
            "scope": {"region": "national", "municipalities": ["0114", "2180", "2182"]},
            "filters": {"year": ["2024"]},
            "records": 5431,
            "form_versions": ["su-x-2021"],
            "reported_as": "su-x-2021",
            "harmonisation": [],
            "computed_at": "2026-11-25T10:00:00Z",
            "protection": {
                "method": "cell_key", "max_deviation": 4, "variance": 3.0, "js": 4, "exact_probability": 0.223,
                "min_group": 10, "magnitude_share": 1.0, "admission_batch": 10,
                "additivity": "Cells, margins and the total are perturbed each on its own key: they need not add up. A filter with several values, and every span of years, is the sum of its perturbed parts."
            }
        },
        "table": {
            "group_by": ["gender"],
            "measures": ["children", "share", "age", "intervention_days"],
            "share_denominator": [],
            "units": {"age": "years", "children": "children", "intervention_days": "days", "share": "ratio"},
            "dimensions": [{"id": "gender", "label": {"sv": "Kön", "en": "Gender"}, "multi_valued": false,
                "values": [{"code": "girl", "label": {"sv": "Flicka", "en": "Girl"}},
                           {"code": "other_identity", "label": {"sv": "Annan könsidentitet", "en": "Other gender identity"}}]}],
            "rows": [
                {"dimensions": {"gender": "girl"}, "children": 2583, "share": 0.4756, "age": {"mean": 14.2, "min": null, "max": null},
                 "intervention_days": {"n": 2101, "mean": 96.4, "median": 81.0, "p10": 14.3, "p90": 201.7, "min": null, "max": null}},
                {"dimensions": {"gender": "other_identity"}, "children": 0, "share": 0.0, "age": {"mean": null, "min": null, "max": null},
                 "intervention_days": {"n": 0, "mean": null, "median": null, "p10": null, "p90": null, "min": null, "max": null}}
            ],
            "margins": [],
            "total": {"dimensions": {}, "children": 5431, "age": {"mean": 14.6, "min": null, "max": null},
                "intervention_days": {"n": 4410, "mean": 99.1, "median": 84.0, "p10": 15.2, "p90": 208.9, "min": null, "max": null}}
        }
    })
}

/// What every JSON-stat answer of protected figures says about itself.
fn protected_context(metadata: &Metadata) -> Result<jsonstat::Context, ApiError> {
    let mut notes = vec![text(
        "Skyddade uppgifter (cellnyckelmetoden): varje antal är slumpmässigt förändrat med högst D enligt \
         metadata.protection, och celler, marginaler och totaler förändras var för sig, så de behöver inte summera. \
         Antal 1..js förekommer aldrig. Medelvärden, medianer och percentiler bara för grupper om minst min_group \
         barn.",
        "Protected figures (cell-key method): every count is perturbed by at most D as metadata.protection says, and \
         cells, margins and totals each on their own, so they need not add up. Counts 1..js never occur. Means, \
         medians and percentiles only for groups of at least min_group children.",
    )];
    notes.extend(metadata.harmonisation.iter().map(|h| h.rule.clone()));
    Ok(jsonstat::Context {
        source: format!(
            "ISU – individbaserad systematisk uppföljning (SU-X), skyddade uppgifter för {}",
            metadata.scope.region
        ),
        updated: Some(metadata.computed_at),
        notes,
        extension: jsonstat::Extension {
            table: Some("stats".into()),
            audience: "protected".into(),
            release: None,
            releases: None,
            missing_scopes: None,
            protection: None,
            symbols: std::collections::BTreeMap::new(),
            no_figure: cube::no_figure_meaning(),
            metadata: Some(serde_json::to_value(metadata).map_err(ApiError::internal)?),
        },
    })
}

/// A statistic's title: its measures by its dimensions.
fn stats_title(table: &Table) -> LocalizedText {
    let join = |texts: Vec<String>| texts.join(", ");
    let measures =
        |sv: bool| join(table.measures.iter().map(|m| if sv { m.label().sv } else { m.label().en }).collect());
    let dims = |sv: bool| {
        join(table.dimensions.iter().map(|d| if sv { d.label.sv.clone() } else { d.label.en.clone() }).collect())
    };
    if table.dimensions.is_empty() {
        return LocalizedText { sv: measures(true), en: measures(false) };
    }
    LocalizedText {
        sv: format!("{} efter {}", measures(true), dims(true)),
        en: format!("{} by {}", measures(false), dims(false)),
    }
}

fn text(sv: &str, en: &str) -> LocalizedText {
    LocalizedText { sv: sv.into(), en: en.into() }
}

fn exact_source(metadata: &Metadata) -> String {
    format!(
        "ISU – individbaserad systematisk uppföljning (SU-X), exakta uppgifter för {} (internt)",
        metadata.scope.region
    )
}

/// What every JSON-stat answer of exact figures says about itself.
fn exact_context(metadata: &Metadata, table: Option<&str>) -> Result<jsonstat::Context, ApiError> {
    let mut notes = vec![text(
        &format!(
            "Exakta uppgifter för {}: för internt bruk, inte för publicering (små antal är inte dolda). null: ingen \
             uppgift (inte definierad här).",
            metadata.scope.region
        ),
        &format!(
            "Exact figures for {}: internal, not for publication (small counts are not hidden). null: no figure (not \
             defined here).",
            metadata.scope.region
        ),
    )];
    notes.extend(metadata.harmonisation.iter().map(|h| h.rule.clone()));
    Ok(jsonstat::Context {
        source: exact_source(metadata),
        updated: Some(metadata.computed_at),
        notes,
        extension: jsonstat::Extension {
            table: table.map(str::to_string),
            audience: "internal".into(),
            release: None,
            releases: None,
            missing_scopes: None,
            protection: None,
            symbols: std::collections::BTreeMap::new(),
            no_figure: cube::no_figure_meaning(),
            metadata: Some(serde_json::to_value(metadata).map_err(ApiError::internal)?),
        },
    })
}

/// The first sheet of the exact report's workbook.
fn report_description(year: i32, metadata: &Metadata) -> workbook::Description {
    let mut entries = vec![
        (text("Region", "Region"), Entry::Text(metadata.scope.region.clone())),
        (text("Kommuner", "Municipalities"), Entry::Text(metadata.scope.municipalities.join(", "))),
        (text("År (avslutade ärenden)", "Year (closed cases)"), Entry::Number(year as f64)),
        (
            text("Målgrupp", "Audience"),
            Entry::Text(
                "Internt: exakta uppgifter, inte för publicering (små antal är inte dolda) / internal: exact figures, \
                 not for publication"
                    .into(),
            ),
        ),
        (text("Antal barn", "Children"), Entry::Number(metadata.records as f64)),
        (text("Formulärversioner", "Form versions"), Entry::Text(metadata.form_versions.join(", "))),
        (text("Redovisas i koderna för", "Reported in the codes of"), Entry::Text(metadata.reported_as.clone())),
        (
            text("Beräknad", "Computed"),
            Entry::Text(metadata.computed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ),
    ];
    for (dimension, values) in &metadata.filters {
        entries.push((
            text(&format!("Urval: {dimension}"), &format!("Filter: {dimension}")),
            Entry::Text(values.join(", ")),
        ));
    }
    for h in &metadata.harmonisation {
        entries.push((text("Harmonisering", "Harmonisation"), Entry::Text(h.rule.sv.clone())));
    }
    entries.push((text("Källa", "Source"), Entry::Text(exact_source(metadata))));
    workbook::Description {
        title: LocalizedText {
            sv: format!("SU-X {year} – {} (internt, exakta uppgifter)", metadata.scope.region),
            en: format!("SU-X {year} – {} (internal, exact figures)", metadata.scope.region),
        },
        entries,
        symbols: vec![(String::from("(tom cell)"), cube::no_figure_meaning())],
    }
}

/// The report's table ids as a contract pattern (a test keeps it equal to `SU_X_TABLES`).
pub const TABLE_ID_PATTERN: &str = "^(t1_background|d1_problem_areas|d2_problem_areas_by_gender|tx1_problem_areas_alone|problem_area_combinations|d4_intervention_type|t2_manual_methods|d5_intervention_by_problem|d6_closing_reasons|d7_closing_by_intervention|closing_by_problem|tx2_days_by_problem|d9_days_by_intervention|t3_previously_active|by_birth_background)$";

/// Query parameters of `GET /v1/reports/su-x`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    /// Your own region's id.
    #[param(max_length = 64, example = "gavleborg")]
    pub region: String,
    /// The closing year.
    #[param(minimum = 2020, maximum = 2100, example = 2024)]
    pub year: i32,
    /// Only this municipality of the region (SCB kommunkod).
    #[param(max_length = 4, pattern = "^[0-9]{4}$", example = "2180")]
    pub municipality: Option<String>,
    /// `json` (default); `csv` for one table (with `table`); `json-stat` for a JSON-stat 2.0
    /// dataset (with `table`) or collection (every table; `json-stat2` is the same); `xlsx` for a
    /// workbook (what the figures are, then a sheet per table). `Accept: text/csv`,
    /// `application/json-stat+json` or
    /// `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` does the same.
    #[param(value_type = Option<formats::ReportFormat>, inline)]
    pub format: Option<String>,
    /// The id of one table (e.g. `d1_problem_areas`): only that table.
    #[param(
        max_length = 64,
        pattern = "^(t1_background|d1_problem_areas|d2_problem_areas_by_gender|tx1_problem_areas_alone|problem_area_combinations|d4_intervention_type|t2_manual_methods|d5_intervention_by_problem|d6_closing_reasons|d7_closing_by_intervention|closing_by_problem|tx2_days_by_problem|d9_days_by_intervention|t3_previously_active|by_birth_background)$",
        example = "d1_problem_areas"
    )]
    pub table: Option<String>,
    /// Language of CSV headers and of JSON-stat and workbook labels (default `sv`).
    #[param(inline)]
    pub lang: Option<Lang>,
}

fn report_example() -> serde_json::Value {
    serde_json::json!({
        "year": 2024,
        "metadata": stats_example()["metadata"],
        "tables": [{
            "id": "d6_closing_reasons",
            "title": {"sv": "Diagram 6. Avslutsorsaker", "en": "Diagram 6. Closing reasons"},
            "table": stats_example()["table"]
        }]
    })
}

/// The yearly SU-X report of your region
///
/// Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region. Every
/// table and diagram of the yearly report (seed report chapter 5, Bilaga 3) as named tables
/// with rows, margins and units; from 2021 also by birth background. One table as CSV with
/// `Accept: text/csv` or `format=csv`, and `table=` (headers and labels in `lang`); as JSON-stat
/// 2.0 with `format=json-stat` (a dataset with `table=`, else a collection of every table); as
/// an Excel workbook with `format=xlsx`. Exact figures (audience `internal`): refused to every
/// role without exact rights, in every format.
#[utoipa::path(
    tag = "statistics",
    operation_id = "get_su_x_report",
    params(ReportParams),
    responses(
        (status = 200, description = "The report (JSON), one table as CSV or JSON-stat, every table as a JSON-stat collection, or the workbook",
            content(
                (Report = "application/json", example = report_example),
                (String = "text/csv", example = json!("Avslutsorsak,Antal barn,Andel\nMålet/målen med insatsen har uppnåtts helt eller delvis,120,0.6\n")),
                (jsonstat::Dataset = "application/json-stat+json", example = jsonstat::example),
                (formats::XlsxWorkbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                example = json!("(the bytes of an .xlsx workbook: a ZIP archive)")),
            )),
    ),
    security(("oauth2" = ["stats:read", "cases:read"]))
)]
#[get("/reports/su-x")]
pub async fn get_su_x_report(
    caller: Authorized<InternalStatsReader>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: Result<web::Query<ReportParams>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let params = query?.into_inner();
    let region = caller_region(&caller, Some(&params.region))?;
    let mut errors = report_year_errors(params.year);
    let specs: Vec<&report::TableSpec> = match params.table.as_deref() {
        Some(id) => match report::table(id) {
            Some(spec) if spec.applies_to(params.year) => vec![spec],
            Some(_) => {
                errors.push(FieldError::new(
                    "query:table",
                    "not_in_year",
                    format!("table {id} exists from 2021 (the question was not asked before)"),
                ));
                Vec::new()
            }
            None => {
                errors.push(FieldError::new(
                    "query:table",
                    "unknown_table",
                    format!("unknown table {id:?}; tables: {}", valid_list(SU_X_TABLES.iter().map(|t| t.id))),
                ));
                Vec::new()
            }
        },
        None => SU_X_TABLES.iter().filter(|t| t.applies_to(params.year)).collect(),
    };
    let format = match formats::negotiate(
        &req,
        params.format.as_deref(),
        &[OutputFormat::Json, OutputFormat::Csv, OutputFormat::JsonStat, OutputFormat::Xlsx],
    ) {
        Ok(format) => format,
        Err(ApiError::Validation(mut format_errors)) => {
            errors.append(&mut format_errors);
            OutputFormat::Json
        }
        Err(other) => return Err(other),
    };
    if format == OutputFormat::Csv && params.table.is_none() {
        errors.push(FieldError::new(
            "query:table",
            "required",
            format!(
                "CSV holds one table: name it with table=; tables: {}",
                valid_list(SU_X_TABLES.iter().map(|t| t.id))
            ),
        ));
    }
    isu_domain::validation::finish(errors)?;

    let report = exact_report(&state, &region, params.year, params.municipality.as_deref(), &specs).await?;
    let Report { metadata, tables, .. } = report;
    let lang = params.lang.unwrap_or(Lang::Sv);
    let stem = match &params.municipality {
        Some(m) => format!("su-x-{region}-{m}-{}", params.year),
        None => format!("su-x-{region}-{}", params.year),
    };
    let cubes = || -> Vec<Cube> { tables.iter().map(|t| cube::from_exact(&t.id, &t.title, &t.table)).collect() };
    match format {
        OutputFormat::Csv => {
            let body = tables.first().map(|t| isu_core::stats::csv::render(&t.table, lang)).unwrap_or_default();
            let name = tables.first().map(|t| t.id.clone()).unwrap_or_default();
            Ok(formats::csv(body, &format!("{stem}-{name}")))
        }
        OutputFormat::JsonStat => {
            let context = exact_context(&metadata, None)?;
            let mut datasets: Vec<jsonstat::Dataset> = cubes()
                .iter()
                .map(|c| {
                    let mut context = context.clone();
                    context.extension.table = Some(c.id.clone());
                    jsonstat::dataset(c, lang, &context)
                })
                .collect();
            if params.table.is_some() && datasets.len() == 1 {
                return formats::json_stat(&datasets.remove(0));
            }
            let label = text(
                &format!("SU-X {} – {} (internt, exakta uppgifter)", params.year, region),
                &format!("SU-X {} – {} (internal, exact figures)", params.year, region),
            );
            formats::json_stat(&jsonstat::collection(&label, lang, &context, datasets))
        }
        OutputFormat::Xlsx => {
            let bytes = workbook::render(&report_description(params.year, &metadata), &cubes(), lang)
                .map_err(ApiError::internal)?;
            Ok(formats::xlsx(bytes, &stem))
        }
        OutputFormat::Json => Ok(HttpResponse::Ok().json(Report { year: params.year, metadata, tables })),
    }
}

/// The report's year must have statistics: from the first year of the scheme to this year.
fn report_year_errors(year: i32) -> Vec<FieldError> {
    let last_year = clock::this_year();
    if (FIRST_YEAR..=last_year).contains(&year) {
        return Vec::new();
    }
    vec![FieldError::new(
        "query:year",
        "unknown_value",
        format!("no statistics for {year}; years: {FIRST_YEAR}–{last_year}"),
    )]
}

/// Query parameters of `GET /v1/reports/su-x/page`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportPageParams {
    /// Your own region's id.
    #[param(max_length = 64, example = "fou-valfard-gavleborg")]
    pub region: String,
    /// The closing year.
    #[param(minimum = 2020, maximum = 2100, example = 2024)]
    pub year: i32,
    /// Only this municipality of the region (SCB kommunkod).
    #[param(max_length = 4, pattern = "^[0-9]{4}$", example = "2180")]
    pub municipality: Option<String>,
}

/// The HTML page's security headers: nothing but its own inline styles may load or run.
pub(crate) const PAGE_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// An HTML page response (no caching of figures in shared caches).
pub(crate) fn html_page(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_CSP))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

/// A short example of the report page (the contract's `text/html` example).
pub(crate) fn page_example(internal: bool) -> serde_json::Value {
    let title = if internal {
        "SU-X årsrapport 2024: FoU Välfärd Gävleborg (internt underlag)"
    } else {
        "SU-X årsrapport 2024: FoU Välfärd Gävleborg, version 1"
    };
    serde_json::Value::String(format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>…</style>\n</head>\n\
         <body data-audience=\"{}\">\n<main>\n<h1>{title}</h1>\n…\n<svg class=\"chart\" role=\"img\" aria-labelledby=\"d1_problem_areas-title d1_problem_areas-desc\">\
         <title id=\"d1_problem_areas-title\">Diagram 1. Andel barn med respektive problemområde (n = 1234)</title>…</svg>\n…\n</main>\n</body>\n</html>\n",
        if internal { "internal" } else { "published" }
    ))
}

/// The yearly SU-X report of your region as a page
///
/// Roles: region analyst (scopes `stats:read` and `cases:read`), for its own region, as
/// `GET /v1/reports/su-x`. The exact report rendered as one self-contained HTML document (inline
/// CSS and SVG diagrams, no script, no external resource; prints on A4), in the structure of
/// the seed report's chapter 5. Marked as internal, not for publication: small counts are exact.
#[utoipa::path(
    tag = "statistics",
    operation_id = "get_su_x_report_page",
    params(ReportPageParams),
    responses(
        (status = 200, description = "The report as an HTML page (internal)",
            content((String = "text/html", example = json!(page_example(true))))),
    ),
    security(("oauth2" = ["stats:read", "cases:read"]))
)]
#[get("/reports/su-x/page")]
pub async fn get_su_x_report_page(
    caller: Authorized<InternalStatsReader>,
    state: web::Data<AppState>,
    query: Result<web::Query<ReportPageParams>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let params = query?.into_inner();
    let region = caller_region(&caller, Some(&params.region))?;
    let mut errors = report_year_errors(params.year);
    if params.municipality.as_deref().is_some_and(|m| m.len() != 4 || !m.bytes().all(|b| b.is_ascii_digit())) {
        errors.push(FieldError::new("query:municipality", "invalid_format", "a municipality is a 4-digit kommunkod"));
    }
    isu_domain::validation::finish(errors)?;
    let specs: Vec<&report::TableSpec> = SU_X_TABLES.iter().filter(|t| t.applies_to(params.year)).collect();
    let report = exact_report(&state, &region, params.year, params.municipality.as_deref(), &specs).await?;
    let lookup = region.clone();
    let name = state
        .db(move |conn| isu_store::organisation::get_region(conn, &lookup))
        .await?
        .map_or_else(|| region.clone(), |r| r.name);
    let scope_name = match &params.municipality {
        Some(m) => format!("{name}, kommun {m}"),
        None => name,
    };
    let (body, _) = report_page::render(&exact_page(&report, &region, scope_name));
    Ok(html_page(body))
}

/// The page of an exact report.
fn exact_page(report: &Report, region: &str, scope_name: String) -> report_page::PageReport {
    let metadata = &report.metadata;
    let mut facts = vec![
        ("Formulärversioner".to_string(), metadata.form_versions.join(", ")),
        ("Redovisat enligt".to_string(), metadata.reported_as.clone()),
    ];
    for h in &metadata.harmonisation {
        facts.push((format!("Harmonisering {} → {}", h.from_form, h.to_form), h.rule.sv.clone()));
    }
    report_page::PageReport {
        audience: report_page::PageAudience::Internal,
        release_id: None,
        scope_name,
        scope: region.to_string(),
        year: report.year,
        version: None,
        created_at: metadata.computed_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        records: report_page::PageFigure {
            value: Some(metadata.records as f64),
            display: metadata.records.to_string(),
            hidden: false,
        },
        facts,
        national: false,
        method: None,
        tables: report.tables.iter().map(|t| report_page::PageTable::from_exact(&t.id, &t.title, &t.table)).collect(),
    }
}

/// The exact report's tables `specs` for a region and year (optionally one municipality).
async fn exact_report(
    state: &AppState,
    region: &str,
    year: i32,
    municipality: Option<&str>,
    specs: &[&report::TableSpec],
) -> Result<Report, ApiError> {
    let snapshot = load_snapshot(state, region, (year, year)).await?;
    let catalogue: &Catalogue = &snapshot.catalogue;
    let facts = snapshot.facts();
    let mut filters = vec![(Dimension::Year, year.to_string())];
    if let Some(m) = municipality {
        filters.push((Dimension::Municipality, m.to_string()));
    }
    let mut tables = Vec::new();
    let mut base: Option<Query> = None;
    let mut summary = None;
    for spec in specs {
        let request = Params {
            measure: Some(spec.measures.iter().map(|m| m.id()).collect::<Vec<_>>().join(",")),
            group_by: (!spec.group_by.is_empty())
                .then(|| spec.group_by.iter().map(|d| d.id()).collect::<Vec<_>>().join(",")),
            filters: filters.clone(),
        };
        let query = request::parse(catalogue, &request).map_err(ApiError::Validation)?;
        let computed = compute(catalogue, &facts, &snapshot.closures, &query);
        if summary.is_none() {
            summary = Some((computed.total().children, computed.forms.clone(), computed.harmonised_records));
        }
        base.get_or_insert_with(|| query.clone());
        tables.push(ReportTable { id: spec.id.to_string(), title: spec.title(), table: render(catalogue, &computed) });
    }
    let (records, forms, harmonised) = summary.unwrap_or_default();
    let query = base.unwrap_or(Query { group_by: Vec::new(), measures: Vec::new(), filters: Vec::new() });
    let metadata = metadata(&snapshot, region, &query, records, &forms, harmonised);
    Ok(Report { year, metadata, tables })
}

#[cfg(test)]
mod tests {
    use super::TABLE_ID_PATTERN;
    use isu_core::stats::report::SU_X_TABLES;

    #[test]
    fn the_table_pattern_lists_every_table() {
        let ids: Vec<&str> = SU_X_TABLES.iter().map(|t| t.id).collect();
        assert_eq!(TABLE_ID_PATTERN, format!("^({})$", ids.join("|")));
    }
}
