//! Published statistics: protected releases of the report's tables per scope (a region or the
//! whole country) and year, comparable across regions by construction. Creating one needs case-
//! level rights over the scope; reading needs any valid token (every read is audited).

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::JsonObject;
use super::formats::{self, OutputFormat};
use super::problem::{ApiError, FieldError};
use super::stats::Harmonisation;
use super::AppState;
use crate::auth::{Authorized, ReferenceReader, ReleaseCreator, Role};
use isu_core::releases::ReleaseBuilder;
pub use isu_core::releases::{
    create_now, last_closed_year, PublishedAudience, Release, SuppressionSummary, METHOD, NATIONAL, RELEASE_OPENS,
};
use isu_core::stats::csv::Lang;
use isu_core::stats::cube::{self, Cube};
use isu_core::stats::jsonstat;
use isu_core::stats::release::{PublishedTable, ReleaseMethod};
use isu_core::stats::report::SU_X_TABLES;
use isu_core::stats::request::valid_list;
use isu_core::stats::snapshot::FIRST_YEAR;
use isu_core::stats::workbook::{self, Entry};
use isu_core::{self as usecases, clock};
use isu_store::releases::{self, StoredRelease};

/// A release to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewRelease, example = json!({"scope": "fou-valfard-gavleborg", "year": 2024, "method": "cell_key"}))]
pub struct NewReleaseBody {
    /// A region id, or `national` (admins only).
    #[schema(value_type = String, required = true, max_length = 64, pattern = "^[a-z0-9-]{1,64}$", example = "fou-valfard-gavleborg")]
    pub scope: Option<String>,
    /// The closing year.
    #[schema(value_type = i32, required = true, minimum = 2020, maximum = 2100, example = 2024)]
    pub year: Option<i32>,
    /// How to protect it: `suppression` (small counts hidden, others hidden to protect them) or
    /// `cell_key` (every count perturbed, as protected statistics). Default: the method of the
    /// scope-year's earlier versions, else the deployment's (`ISU_RELEASE_METHOD`, itself
    /// `suppression` unless set). A new version keeps its first version's method.
    #[schema(value_type = Option<ReleaseMethod>, required = false, example = "cell_key")]
    pub method: Option<String>,
}

/// A release without its tables.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ReleaseSummary)]
pub struct ReleaseSummary {
    pub id: String,
    pub scope: String,
    pub year: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Releases, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ReleaseList)]
pub struct ReleaseList {
    pub items: Vec<ReleaseSummary>,
}

fn valid_scope(scope: &str) -> bool {
    (1..=64).contains(&scope.len()) && scope.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_body(body: NewReleaseBody) -> Result<(String, i32, Option<ReleaseMethod>), ApiError> {
    let mut errors = Vec::new();
    let last = clock::this_year();
    let scope = match body.scope.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new("/scope", "required", "scope is a region id or national"));
            String::new()
        }
        Some(s) if !valid_scope(s) => {
            errors.push(FieldError::new(
                "/scope",
                "invalid_format",
                "a scope is a region id (a-z, 0-9, -) or national",
            ));
            String::new()
        }
        Some(s) => s.to_string(),
    };
    let year = match body.year {
        None => {
            errors.push(FieldError::new("/year", "required", "year is required"));
            0
        }
        Some(y) if !(FIRST_YEAR..=last).contains(&y) => {
            errors.push(FieldError::new("/year", "out_of_range", format!("year must be {FIRST_YEAR}–{last}")));
            0
        }
        Some(y) if y > last_closed_year(clock::today()) => {
            errors.push(FieldError::new(
                "/year",
                "year_not_closed",
                format!(
                    "the release of {y} can be created from {y_next}-{RELEASE_OPENS}: a release is a closed year's report, and a \
                     year still receiving records would need a new version for every few records that arrive",
                    y_next = y + 1
                ),
            ));
            0
        }
        Some(y) => y,
    };
    let method = match body.method.as_deref().map(str::trim) {
        None => None,
        Some(name) => {
            let method = ReleaseMethod::parse(name);
            if method.is_none() {
                errors.push(FieldError::new(
                    "/method",
                    "unknown_method",
                    format!("method is suppression or cell_key, not {name:?}"),
                ));
            }
            method
        }
    };
    isu_domain::validation::finish(errors)?;
    Ok((scope, year, method))
}

fn parse_document(stored: &StoredRelease) -> Result<Release, ApiError> {
    serde_json::from_str(&stored.document).map_err(ApiError::internal)
}

fn summary(id: String, scope: String, year: i32, version: i32, created_at: chrono::NaiveDateTime) -> ReleaseSummary {
    ReleaseSummary { id, scope, year, version, created_at: created_at.and_utc() }
}

/// Create a release
///
/// Roles: region analyst (its own region), admin (any region, or `national`). Protects the
/// report's table set for the scope and year (by municipality in a region, by region nationally)
/// and stores it as an immutable document. A release of a scope-year that has one already is
/// its next version: cells hidden before stay hidden. The national release is the aggregate of
/// the current regional releases; a region without one, or whose records changed since, gets a
/// new version first, stored with the national one.
///
/// `method` chooses the protection: `suppression` (above) or `cell_key`: every count perturbed
/// with the keys protected statistics use (a cell has the value `GET /v1/stats` shows for the
/// same children; status `perturbed`), no count 1..js, nothing hidden but means and medians of
/// groups under `min_group`; a national release by cell key is computed directly. Without it,
/// the earlier versions' method, else the deployment's (`suppression` unless configured).
#[utoipa::path(
    tag = "releases",
    operation_id = "create_release",
    request_body = NewReleaseBody,
    responses(
        (status = 201, description = "Created; `Location` is the release's URL", body = Release,
            headers(("Location" = String, description = "`/v1/releases/{release_id}`")),
            example = release_example),
        (status = 409, description = "Another version of this scope-year was created at the same time, or records arrived while it was built: retry",
            body = crate::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: `errors` names each (`/scope`: `unknown_scope`, `too_few_children` to publish safely, `too_few_changes` since the previous version (1..k−1 children added or removed), `revision_not_protectable`, `too_large`; `/year`: `out_of_range`, `year_not_closed` before 1 February of the next year; `/method`: `unknown_method`, `method_differs_from_earlier_versions` (a scope-year keeps its first version's method), `regional_releases_by_cell_key` (a national release by suppression needs the regions' releases by suppression))",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["stats:read"]))
)]
#[post("/releases")]
pub async fn create_release(
    caller: Authorized<ReleaseCreator>,
    state: web::Data<AppState>,
    body: Result<JsonObject<NewReleaseBody>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    // Input is looked at only now: the caller's authorization comes first.
    let (scope, year, requested) = check_body(body?.into_inner())?;
    let national = scope == NATIONAL;
    if caller.role != Role::Admin && (national || caller.region.as_deref() != Some(scope.as_str())) {
        return Err(ApiError::Forbidden(
            "a region analyst releases its own region; the national release is an admin's".into(),
        ));
    }
    let builder = ReleaseBuilder {
        protection: state.protection,
        cellkey: state.cellkey.clone(),
        requested,
        default_method: state.release_method,
        cache: state.stats_cache.clone(),
        created_by: caller.client_id.clone(),
        last_year: clock::this_year(),
    };
    // Build outside the write lock (it reads only); the insert then fails on a concurrent version.
    let prepared = state.db(move |conn| builder.prepare(conn, &scope, year)).await?;
    let stored = prepared.last().expect("the requested release").clone();
    let body = stored.document.clone();
    let id = stored.id.clone();
    state.db_write(move |conn| usecases::releases::store(conn, &prepared)).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/v1/releases/{id}")))
        .content_type("application/json")
        .body(body))
}

fn release_example() -> serde_json::Value {
    serde_json::json!({
        "id": "01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f",
        "scope": "fou-valfard-gavleborg",
        "year": 2024,
        "version": 1,
        "created_at": "2026-11-25T10:00:00Z",
        "audience": "published",
        "protection": {"k": 5, "min_group": 10, "percentile_rounding_days": 10},
        "protection_method": "suppression",
        "method": METHOD,
        "records": {"value": 1234, "status": "published", "display": "1234"},
        "reported_as": "su-x-2021",
        "harmonisation": [],
        "suppression": {"cells": 1800, "atoms": 1100, "primary": 140, "secondary": 95,
            "information_loss": {"nonzero_counts": 1200, "hidden_nonzero_counts": 180, "share_hidden": 0.15,
                "large_counts": 1080, "hidden_large_counts": 60, "share_of_large_hidden": 0.056,
                "tables": [{"table": "d6_closing_reasons", "nonzero_counts": 6, "hidden_nonzero_counts": 1,
                    "share_hidden": 0.167, "large_counts": 5, "hidden_large_counts": 0,
                    "share_of_large_hidden": 0.0}]}},
        "tables": [{
            "id": "d6_closing_reasons",
            "title": {"sv": "Diagram 6. Avslutsorsaker", "en": "Diagram 6. Closing reasons"},
            "group_by": ["closing_reason"],
            "measures": ["children", "share"],
            "share_denominator": [],
            "units": {"children": "children", "share": "ratio"},
            "dimensions": [],
            "rows": [
                {"dimensions": {"closing_reason": "goals_met"},
                 "children": {"value": 740, "status": "published", "display": "740"},
                 "share": {"value": 0.6, "status": "published", "display": "60.0 %"}},
                {"dimensions": {"closing_reason": "ended_by_child"},
                 "children": {"value": null, "status": "suppressed", "display": "≤4"},
                 "share": {"value": null, "status": "suppressed", "display": ".."}}
            ],
            "margins": [],
            "total": {"dimensions": {}, "children": {"value": 1234, "status": "published", "display": "1234"}}
        }]
    })
}

/// Filters of the release listing.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReleaseListQuery {
    /// A region id or `national`.
    #[param(max_length = 64, pattern = "^[a-z0-9-]{1,64}$")]
    pub scope: Option<String>,
    #[param(minimum = 2020, maximum = 2100)]
    pub year: Option<i32>,
}

/// List releases
///
/// Roles: any. Newest year first, then by scope, then newest version first.
#[utoipa::path(
    tag = "releases",
    operation_id = "list_releases",
    params(ReleaseListQuery),
    responses((status = 200, description = "Releases", body = ReleaseList,
        example = json!({"items": [{"id": "01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f", "scope": "fou-valfard-gavleborg",
            "year": 2024, "version": 1, "created_at": "2026-11-25T10:00:00Z"}]}))),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/releases")]
pub async fn list_releases(
    _caller: Authorized<ReferenceReader>,
    state: web::Data<AppState>,
    query: Result<web::Query<ReleaseListQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let query = query?.into_inner();
    let mut errors = Vec::new();
    if query.scope.as_deref().is_some_and(|s| !valid_scope(s)) {
        errors.push(FieldError::new(
            "query:scope",
            "invalid_format",
            "a scope is a region id (a-z, 0-9, -) or national",
        ));
    }
    if query.year.is_some_and(|y| !(FIRST_YEAR..=2100).contains(&y)) {
        errors.push(FieldError::new("query:year", "out_of_range", format!("year must be {FIRST_YEAR}–2100")));
    }
    isu_domain::validation::finish(errors)?;
    let items = state.db(move |conn| releases::list(conn, query.scope.as_deref(), query.year)).await?;
    Ok(HttpResponse::Ok().json(ReleaseList {
        items: items.into_iter().map(|r| summary(r.id, r.scope, r.year, r.version, r.created_at)).collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReleasePath {
    /// The release id.
    #[param(max_length = 64)]
    pub release_id: String,
}

/// Options of a whole release.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReleaseFormatQuery {
    /// `json` (default), `json-stat` (a JSON-stat 2.0 collection: a dataset per table;
    /// `json-stat2` is the same) or `xlsx` (a workbook: what the release is, then a sheet per
    /// table). `Accept: application/json-stat+json` or
    /// `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` does the same.
    #[param(value_type = Option<formats::DocumentFormat>, inline)]
    pub format: Option<String>,
    /// Language of JSON-stat and workbook labels (default `sv`).
    #[param(inline)]
    pub lang: Option<Lang>,
}

/// Read a release
///
/// Roles: any. The whole published report of a scope-year: every table, protected. As stored
/// (JSON), as a JSON-stat 2.0 collection (`format=json-stat`), or as an Excel workbook
/// (`format=xlsx`): a first sheet saying what the release is (scope, year, version, created,
/// protection method and parameters, the meaning of each symbol, the source), then a sheet per
/// table with the report's Swedish headings, numbers as numbers and hidden figures as their
/// symbols.
#[utoipa::path(
    tag = "releases",
    operation_id = "get_release",
    params(ReleasePath, ReleaseFormatQuery),
    responses(
        (status = 200, description = "The release", content(
            (Release = "application/json", example = release_example),
            (jsonstat::Collection = "application/json-stat+json", example = json_stat_collection_example),
            (formats::XlsxWorkbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                example = json!("(the bytes of an .xlsx workbook: a ZIP archive)")),
        )),
        (status = 422, description = "Unknown `format` (`query:format`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/releases/{release_id}")]
pub async fn get_release(
    _caller: Authorized<ReferenceReader>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<ReleasePath>,
    query: Result<web::Query<ReleaseFormatQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let query = query?.into_inner();
    let format = formats::negotiate(
        &req,
        query.format.as_deref(),
        &[OutputFormat::Json, OutputFormat::JsonStat, OutputFormat::Xlsx],
    )?;
    let id = path.into_inner().release_id;
    let stored = state
        .db(move |conn| releases::get(conn, &id))
        .await?
        .ok_or_else(|| ApiError::NotFound("no release has this id".into()))?;
    let lang = query.lang.unwrap_or(Lang::Sv);
    match format {
        OutputFormat::JsonStat => {
            let document = parse_document(&stored)?;
            let context = release_context(&document, None);
            let items = document
                .tables
                .iter()
                .map(|t| {
                    let mut context = context.clone();
                    context.extension.table = Some(t.id.clone());
                    jsonstat::dataset(&cube::from_published(t), lang, &context)
                })
                .collect();
            formats::json_stat(&jsonstat::collection(&release_label(&document), lang, &context, items))
        }
        OutputFormat::Xlsx => {
            let document = parse_document(&stored)?;
            let cubes: Vec<Cube> = document.tables.iter().map(cube::from_published).collect();
            let bytes = workbook::render(&release_description(&document), &cubes, lang).map_err(ApiError::internal)?;
            Ok(formats::xlsx(bytes, &file_stem(&stored)))
        }
        // Stored as served: no re-serialisation.
        _ => Ok(HttpResponse::Ok().content_type("application/json").body(stored.document)),
    }
}

/// The download's name; a cell-key release says so in it (its CSV also in its method column).
fn file_stem(stored: &StoredRelease) -> String {
    let method = if stored.method == ReleaseMethod::CellKey.as_str() { "-cell-key" } else { "" };
    format!("su-x-{}-{}-v{}{method}", stored.scope, stored.year, stored.version)
}

fn scope_label(scope: &str) -> isu_domain::LocalizedText {
    if scope == NATIONAL {
        isu_domain::LocalizedText { sv: "Riket".into(), en: "Sweden (national)".into() }
    } else {
        isu_domain::LocalizedText { sv: scope.to_string(), en: scope.to_string() }
    }
}

fn release_label(release: &Release) -> isu_domain::LocalizedText {
    let scope = scope_label(&release.scope);
    isu_domain::LocalizedText {
        sv: format!("SU-X {} – {}, version {}", release.year, scope.sv, release.version),
        en: format!("SU-X {} – {}, version {}", release.year, scope.en, release.version),
    }
}

fn protection_name(release: &Release) -> &'static str {
    if release.protection_method == ReleaseMethod::CellKey {
        "Cell-key method: every count perturbed on the keys of its children (as protected statistics)"
    } else if release.scope == NATIONAL {
        "Aggregate of the regional releases (cell suppression)"
    } else {
        "Cell suppression: primary (small counts) and secondary (Gaussian elimination, certified by linear programmes)"
    }
}

fn source(release: &Release) -> String {
    format!(
        "ISU – individbaserad systematisk uppföljning (SU-X), release {} ({} {}, version {})",
        release.id, release.scope, release.year, release.version
    )
}

fn release_reference(release: &Release) -> jsonstat::ReleaseReference {
    jsonstat::ReleaseReference {
        id: release.id.clone(),
        scope: release.scope.clone(),
        year: release.year,
        version: release.version,
        created_at: release.created_at,
        method: release.protection_method,
    }
}

fn protection_description(release: &Release) -> jsonstat::ProtectionDescription {
    jsonstat::ProtectionDescription {
        name: protection_name(release).into(),
        description: release.method.clone(),
        k: release.protection.k,
        min_group: release.protection.min_group,
        percentile_rounding_days: release.protection.percentile_rounding_days,
        method: release.protection_method,
        cell_key: release.cell_key.clone(),
    }
}

/// What the symbols of `release` mean (`≤4` and `..` by suppression; `~` and `..` by cell key).
fn symbols_of(release: &Release) -> Vec<(String, isu_domain::LocalizedText)> {
    match &release.cell_key {
        Some(method) if release.protection_method == ReleaseMethod::CellKey => cube::cell_key_symbols(method),
        _ => cube::protection_symbols(&release.protection),
    }
}

fn published_note(release: &Release) -> isu_domain::LocalizedText {
    if let Some(method) = release.cell_key.as_ref().filter(|_| release.protection_method == ReleaseMethod::CellKey) {
        let (d, js, min_group) = (method.max_deviation, method.js, method.min_group);
        return isu_domain::LocalizedText {
            sv: format!(
                "Publicerad statistik ur release {} ({} {}, version {}), skyddad med cellnyckelmetoden: varje antal är \
                 slumpmässigt förändrat med högst {d} (status ~), antal 1–{js} förekommer aldrig, inget antal är dolt, \
                 och celler, marginaler och totaler behöver inte summera. Medelvärden, medianer och percentiler bara för \
                 grupper om minst {min_group} barn (annars null med status ..). null utan status: ingen uppgift.",
                release.id, release.scope, release.year, release.version
            ),
            en: format!(
                "Published statistics from release {} ({} {}, version {}), protected by the cell-key method: every \
                 count is perturbed by at most {d} (status ~), counts 1–{js} never occur, no count is hidden, and \
                 cells, margins and totals need not add up. Means, medians and percentiles only for groups of at least \
                 {min_group} children (otherwise null with status ..). null without a status: no figure.",
                release.id, release.scope, release.year, release.version
            ),
        };
    }
    let (k, min_group) = (release.protection.k, release.protection.min_group);
    let small = k - 1;
    isu_domain::LocalizedText {
        sv: format!(
            "Publicerad statistik ur release {} ({} {}, version {}), skyddad mot röjande. En dold uppgift har värdet \
             null och sin symbol i status: ≤{small} är ett litet antal (1–{small}); .. är dold för att skydda andra \
             uppgifter, eller en andel, ett medelvärde, en median eller en percentil över färre än {min_group} barn. \
             null utan status: ingen uppgift.",
            release.id, release.scope, release.year, release.version
        ),
        en: format!(
            "Published statistics from release {} ({} {}, version {}), protected against disclosure. A hidden figure \
             is null with its symbol in status: ≤{small} is a small count (1–{small}); .. is hidden to protect other \
             figures, or a share, mean, median or percentile over fewer than {min_group} children. null without a \
             status: no figure.",
            release.id, release.scope, release.year, release.version
        ),
    }
}

fn harmonisation_notes(harmonisation: &[Harmonisation]) -> Vec<isu_domain::LocalizedText> {
    harmonisation.iter().map(|h| h.rule.clone()).collect()
}

/// What every JSON-stat answer from `release` says about itself.
fn release_context(release: &Release, table: Option<&str>) -> jsonstat::Context {
    let mut notes = vec![published_note(release)];
    notes.extend(harmonisation_notes(&release.harmonisation));
    jsonstat::Context {
        source: source(release),
        updated: Some(release.created_at),
        notes,
        extension: jsonstat::Extension {
            table: table.map(str::to_string),
            audience: "published".into(),
            release: Some(release_reference(release)),
            releases: None,
            missing_scopes: None,
            protection: Some(protection_description(release)),
            symbols: symbols_of(release).into_iter().collect(),
            no_figure: cube::no_figure_meaning(),
            metadata: None,
        },
    }
}

fn text(sv: &str, en: &str) -> isu_domain::LocalizedText {
    isu_domain::LocalizedText { sv: sv.into(), en: en.into() }
}

/// The first sheet of a release's workbook.
fn release_description(release: &Release) -> workbook::Description {
    let scope = scope_label(&release.scope);
    let mut entries = vec![
        (text("Release", "Release"), Entry::Text(release.id.clone())),
        (text("Omfattning", "Scope"), Entry::Text(format!("{} ({})", scope.sv, release.scope))),
        (text("År (avslutade ärenden)", "Year (closed cases)"), Entry::Number(release.year as f64)),
        (text("Version", "Version"), Entry::Number(release.version as f64)),
        (text("Skapad", "Created"), Entry::Text(release.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))),
        (
            text("Målgrupp", "Audience"),
            Entry::Text("Publicerad: alla uppgifter skyddade mot röjande / published: every figure protected".into()),
        ),
        (
            text("Antal barn", "Children"),
            match release.records.value {
                Some(v) => Entry::Number(v as f64),
                None => Entry::Text(release.records.display.clone()),
            },
        ),
        (text("Skyddsmetod", "Protection method"), Entry::Text(protection_name(release).into())),
        (text("Metodbeskrivning", "Method"), Entry::Text(release.method.clone())),
    ];
    let by_suppression = release.protection_method == ReleaseMethod::Suppression;
    if by_suppression {
        entries.push((
            text("k (antal 1–k−1 döljs)", "k (counts 1–k−1 hidden)"),
            Entry::Number(release.protection.k as f64),
        ));
    }
    entries.push((
        text("Minsta grupp för andelar och medelvärden", "Minimum group for shares and means"),
        Entry::Number(release.protection.min_group as f64),
    ));
    entries.push((
        text("Avrundning av percentiler (dagar)", "Percentiles rounded to (days)"),
        Entry::Number(release.protection.percentile_rounding_days as f64),
    ));
    if by_suppression {
        entries.push((
            text("Dolda små antal (celler)", "Small counts hidden (cells)"),
            Entry::Number(release.suppression.primary as f64),
        ));
        entries.push((
            text("Dolda för att skydda andra (celler)", "Hidden to protect others (cells)"),
            Entry::Number(release.suppression.secondary as f64),
        ));
    }
    if let Some(method) = &release.cell_key {
        entries
            .push((text("Största avvikelse D", "Largest deviation D"), Entry::Number(f64::from(method.max_deviation))));
        entries.push((text("Varians V", "Variance V"), Entry::Number(method.variance)));
        entries.push((
            text("js (antal 1–js förekommer aldrig)", "js (counts 1–js never occur)"),
            Entry::Number(f64::from(method.js)),
        ));
        entries.push((
            text("Sannolikhet för exakt antal", "Probability of an exact count"),
            Entry::Number(method.exact_probability),
        ));
    }
    entries
        .push((text("Redovisas i koderna för", "Reported in the codes of"), Entry::Text(release.reported_as.clone())));
    for h in &release.harmonisation {
        entries.push((text("Harmonisering", "Harmonisation"), Entry::Text(h.rule.sv.clone())));
    }
    entries.push((text("Källa", "Source"), Entry::Text(source(release))));
    let mut symbols = symbols_of(release);
    symbols.push((String::from("(tom cell)"), cube::no_figure_meaning()));
    workbook::Description { title: release_label(release), entries, symbols }
}

fn json_stat_collection_example() -> serde_json::Value {
    serde_json::json!({
        "version": "2.0",
        "class": "collection",
        "label": "SU-X 2024 – fou-valfard-gavleborg, version 1",
        "source": "ISU – individbaserad systematisk uppföljning (SU-X), release 01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f (fou-valfard-gavleborg 2024, version 1)",
        "updated": "2026-11-25T10:00:00Z",
        "note": ["Publicerad statistik ur release …"],
        "extension": json_stat_example()["extension"],
        "link": {"item": [json_stat_example()]}
    })
}

fn json_stat_example() -> serde_json::Value {
    jsonstat::example()
}

/// Read a release as its report page
///
/// Roles: any (as reading the release). The release's published report as one self-contained
/// HTML document: inline CSS and SVG diagrams, no script and no external resource, printable on
/// A4; the structure of the seed report's chapter 5 (Table 1, Diagrams 1–9, Tables X.1, 2, X.2
/// and 3, the combinations of problem areas, and from 2021 birth background). Every figure is
/// the release's own (the same numbers as `GET /v1/releases/{release_id}/tables/{table_id}`);
/// hidden figures show their symbol ("≤4", "..") in tables and diagrams alike.
#[utoipa::path(
    tag = "releases",
    operation_id = "get_release_report_page",
    params(ReleasePath),
    responses((status = 200, description = "The report page (HTML)",
        content((String = "text/html", example = json!(super::stats::page_example(false)))))),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/releases/{release_id}/report")]
pub async fn get_release_report_page(
    _caller: Authorized<ReferenceReader>,
    state: web::Data<AppState>,
    path: web::Path<ReleasePath>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().release_id;
    let (stored, region) = state
        .db(move |conn| -> Result<_, ApiError> {
            let Some(stored) = releases::get(conn, &id)? else { return Ok(None) };
            let region =
                if stored.scope == NATIONAL { None } else { isu_store::organisation::get_region(conn, &stored.scope)? };
            Ok(Some((stored, region)))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound("no release has this id".into()))?;
    let document = parse_document(&stored)?;
    let scope_name = match region {
        Some(region) => region.name,
        None if document.scope == NATIONAL => "Hela landet".to_string(),
        None => document.scope.clone(),
    };
    let (body, _) = isu_core::stats::report_page::render(&release_page(&document, scope_name));
    Ok(super::stats::html_page(body))
}

/// The page of a release.
pub fn release_page(document: &Release, scope_name: String) -> isu_core::stats::report_page::PageReport {
    use isu_core::stats::report_page::{PageAudience, PageFigure, PageReport, PageTable};
    let p = document.protection;
    let s = &document.suppression;
    let mut facts = match &document.cell_key {
        Some(c) if document.protection_method == ReleaseMethod::CellKey => vec![
            (
                "Skydd".to_string(),
                format!(
                    "cellnyckelmetoden: varje antal slumpmässigt förändrat med högst {} (varians {}, exakt med \
                     sannolikheten {:.3}); antal 1–{} förekommer aldrig; samma barn ger samma värde som i skyddad \
                     statistik; andelar av förändrade antal; medelvärden, medianer och percentiler med brus, bara för \
                     grupper om minst {} barn; inga min- eller maxvärden",
                    c.max_deviation, c.variance, c.exact_probability, c.js, c.min_group
                ),
            ),
            ("Dolda celler".to_string(), format!("inga: alla {} antal visas, förändrade", s.cells)),
        ],
        _ => vec![
            (
                "Skydd".to_string(),
                format!(
                    "antal 1–{} visas som ≤{}; andelar, medelvärden och medianer bara för grupper om minst {} barn; \
                     percentiler avrundade till {} dagar; inga min- eller maxvärden",
                    p.k - 1,
                    p.k - 1,
                    p.min_group,
                    p.percentile_rounding_days
                ),
            ),
            (
                "Dolda celler".to_string(),
                format!(
                    "{} små antal (≤{}) och {} för att skydda andra (..) av {} celler",
                    s.primary,
                    p.k - 1,
                    s.secondary,
                    s.cells
                ),
            ),
        ],
    };
    facts.push(("Redovisat enligt".to_string(), document.reported_as.clone()));
    for h in &document.harmonisation {
        facts.push((format!("Harmonisering {} → {}", h.from_form, h.to_form), h.rule.sv.clone()));
    }
    PageReport {
        audience: PageAudience::Published,
        release_id: Some(document.id.clone()),
        scope_name,
        scope: document.scope.clone(),
        year: document.year,
        version: Some(document.version),
        created_at: document.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        records: PageFigure {
            value: document.records.value.map(|v| v as f64),
            display: document.records.display.clone(),
            hidden: document.records.value.is_none(),
        },
        facts,
        national: document.scope == NATIONAL,
        method: Some(document.method.clone()),
        tables: document.tables.iter().map(PageTable::from_published).collect(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReleaseTablePath {
    /// The release id.
    #[param(max_length = 64)]
    pub release_id: String,
    /// A table id, e.g. `d1_problem_areas`.
    #[param(max_length = 64)]
    pub table_id: String,
}

/// Options of a single table.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TableFormatQuery {
    /// `json` (default), `csv` (with the display strings: "≤4", "..") or `json-stat` (a JSON-stat
    /// 2.0 dataset: hidden figures null with their symbol in `status`; `json-stat2` is the same).
    /// `Accept: text/csv` or `application/json-stat+json` does the same.
    #[param(value_type = Option<formats::TableFormat>, inline)]
    pub format: Option<String>,
    /// Language of CSV headers and of JSON-stat labels (default `sv`).
    #[param(inline)]
    pub lang: Option<Lang>,
}

/// Read one table of a release
///
/// Roles: any. JSON, CSV with `format=csv` / `Accept: text/csv` (suppressed figures as their
/// display strings, "≤4" and ".."), or a JSON-stat 2.0 dataset with `format=json-stat` /
/// `Accept: application/json-stat+json` (dimensions with a total category `_T`, then the
/// measures; a hidden figure is null with its symbol in `status`; `extension` names the release,
/// the protection method and its parameters, and what every symbol means).
#[utoipa::path(
    tag = "releases",
    operation_id = "get_release_table",
    params(ReleaseTablePath, TableFormatQuery),
    responses(
        (status = 200, description = "The table", content(
            (PublishedTable = "application/json", example = json!(release_example()["tables"][0])),
            (String = "text/csv", example = json!("Avslutsorsak,Antal barn,Andel\nMålet/målen med insatsen har uppnåtts helt eller delvis,740,60.0 %\n")),
            (jsonstat::Dataset = "application/json-stat+json", example = json_stat_example),
        )),
        (status = 422, description = "Unknown `format` (`query:format`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/releases/{release_id}/tables/{table_id}")]
pub async fn get_release_table(
    _caller: Authorized<ReferenceReader>,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<ReleaseTablePath>,
    query: Result<web::Query<TableFormatQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let query = query?.into_inner();
    let format = formats::negotiate(
        &req,
        query.format.as_deref(),
        &[OutputFormat::Json, OutputFormat::Csv, OutputFormat::JsonStat],
    )?;
    let ReleaseTablePath { release_id, table_id } = path.into_inner();
    let stored = state
        .db(move |conn| releases::get(conn, &release_id))
        .await?
        .ok_or_else(|| ApiError::NotFound("no release has this id".into()))?;
    let document = parse_document(&stored)?;
    let Some(table) = document.tables.iter().find(|t| t.id == table_id) else {
        return Err(ApiError::NotFound(format!(
            "the release has no table {table_id:?}; tables: {}",
            valid_list(SU_X_TABLES.iter().filter(|t| t.applies_to(stored.year)).map(|t| t.id))
        )));
    };
    let lang = query.lang.unwrap_or(Lang::Sv);
    match format {
        OutputFormat::Csv => Ok(formats::csv(
            isu_core::stats::csv::render_published(table, lang, document.protection_method),
            &format!("{}-{}", file_stem(&stored), table.id),
        )),
        OutputFormat::JsonStat => formats::json_stat(&jsonstat::dataset(
            &cube::from_published(table),
            lang,
            &release_context(&document, Some(&table.id)),
        )),
        _ => Ok(HttpResponse::Ok().json(table)),
    }
}

/// The same table from several scopes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CompareQuery {
    /// A table id, e.g. `d6_closing_reasons`.
    #[param(
        max_length = 64,
        pattern = "^(t1_background|d1_problem_areas|d2_problem_areas_by_gender|tx1_problem_areas_alone|problem_area_combinations|d4_intervention_type|t2_manual_methods|d5_intervention_by_problem|d6_closing_reasons|d7_closing_by_intervention|closing_by_problem|tx2_days_by_problem|d9_days_by_intervention|t3_previously_active|by_birth_background)$",
        example = "d6_closing_reasons"
    )]
    pub table: String,
    #[param(minimum = 2020, maximum = 2100, example = 2024)]
    pub year: i32,
    /// Comma-separated scopes (region ids or `national`), at most 20.
    #[param(
        max_length = 1400,
        pattern = "^[a-z0-9-]{1,64}(,[a-z0-9-]{1,64}){0,19}$",
        example = "fou-valfard-gavleborg,fou-nordvast"
    )]
    pub scopes: String,
    /// `json` (default) or `json-stat` (one JSON-stat 2.0 dataset with the scopes as its first
    /// dimension, `scope`; `json-stat2` is the same). `Accept: application/json-stat+json` does
    /// the same.
    #[param(value_type = Option<formats::ComparisonFormat>, inline)]
    pub format: Option<String>,
    /// Language of JSON-stat labels (default `sv`).
    #[param(inline)]
    pub lang: Option<Lang>,
}

/// One scope's table in a comparison.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = ComparisonEntry)]
pub struct ComparisonEntry {
    pub scope: String,
    pub release_id: String,
    pub version: i32,
    /// How this scope's release is protected: `suppression` (hidden figures null) or `cell_key`
    /// (every count perturbed). A comparison may mix them.
    #[schema(example = "suppression")]
    pub protection_method: ReleaseMethod,
    pub table: PublishedTable,
}

/// Tables side by side.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Comparison)]
pub struct Comparison {
    pub table: String,
    pub year: i32,
    /// From the latest release of each scope that has one, in the order asked.
    pub entries: Vec<ComparisonEntry>,
    /// Scopes asked for without a release of the year.
    pub missing: Vec<String>,
}

/// Compare a table across scopes
///
/// Roles: any. The same table of the same year from the latest release of each scope. Every
/// release protects the same table set, so the figures are comparable. As JSON, or as one
/// JSON-stat 2.0 dataset (`format=json-stat`) whose first dimension is the scope (a scope whose
/// table lacks a dimension, as the national release has regions where a region's has
/// municipalities, is at that dimension's total).
#[utoipa::path(
    tag = "releases",
    operation_id = "compare_releases",
    params(CompareQuery),
    responses(
        (status = 200, description = "The tables side by side", content(
            (Comparison = "application/json",
                example = json!({"table": "d6_closing_reasons", "year": 2024, "missing": ["fou-nordvast"], "entries": [{
                    "scope": "fou-valfard-gavleborg", "release_id": "01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f", "version": 1,
                    "protection_method": "suppression", "table": release_example()["tables"][0]}]})),
            (jsonstat::Dataset = "application/json-stat+json", example = json_stat_example),
        )),
        (status = 422, description = "Invalid parameters: `errors` names each (`query:table`, `query:year`, `query:scopes`, `query:format`)",
            body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("oauth2" = ["reference:read"]))
)]
#[get("/compare")]
pub async fn compare_releases(
    _caller: Authorized<ReferenceReader>,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: Result<web::Query<CompareQuery>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let CompareQuery { table, year, scopes, format, lang } = query?.into_inner();
    let format = formats::negotiate(&req, format.as_deref(), &[OutputFormat::Json, OutputFormat::JsonStat])?;
    let mut errors = Vec::new();
    if !SU_X_TABLES.iter().any(|t| t.id == table) {
        errors.push(FieldError::new(
            "query:table",
            "unknown_table",
            format!("unknown table {table:?}; tables: {}", valid_list(SU_X_TABLES.iter().map(|t| t.id))),
        ));
    }
    let mut scopes: Vec<String> = scopes.split(',').map(|s| s.trim().to_string()).collect();
    scopes.dedup();
    if scopes.is_empty() || scopes.len() > 20 || scopes.iter().any(|s| !valid_scope(s)) {
        errors.push(FieldError::new(
            "query:scopes",
            "invalid_format",
            "name 1 to 20 scopes, comma-separated: region ids (a-z, 0-9, -) or national",
        ));
    }
    if !(FIRST_YEAR..=2100).contains(&year) {
        errors.push(FieldError::new("query:year", "out_of_range", format!("year must be {FIRST_YEAR}–2100")));
    }
    isu_domain::validation::finish(errors)?;
    let found = state
        .db(move |conn| -> Result<_, ApiError> {
            let mut found = Vec::new();
            for scope in scopes {
                let latest = releases::latest(conn, &scope, year)?;
                found.push((scope, latest));
            }
            Ok(found)
        })
        .await?;
    let mut comparison = Comparison { table: table.clone(), year, entries: Vec::new(), missing: Vec::new() };
    let mut documents = Vec::new();
    for (scope, stored) in found {
        match stored {
            Some(stored) => {
                let mut document = parse_document(&stored)?;
                if let Some(at) = document.tables.iter().position(|t| t.id == table) {
                    comparison.entries.push(ComparisonEntry {
                        scope,
                        release_id: stored.id,
                        version: stored.version,
                        protection_method: document.protection_method,
                        table: document.tables.swap_remove(at),
                    });
                    documents.push(document);
                } else {
                    comparison.missing.push(scope);
                }
            }
            None => comparison.missing.push(scope),
        }
    }
    if format == OutputFormat::JsonStat {
        return formats::json_stat(&comparison_dataset(&comparison, &documents, lang.unwrap_or(Lang::Sv)));
    }
    Ok(HttpResponse::Ok().json(comparison))
}

/// A comparison as one dataset: the scopes stacked along a first dimension `scope`.
/// `documents` are the entries' releases (tables taken out), in the same order.
fn comparison_dataset(comparison: &Comparison, documents: &[Release], lang: Lang) -> jsonstat::Dataset {
    let scope = cube::CubeDimension {
        id: "scope".into(),
        label: text("Område", "Scope"),
        role: Some(cube::DimensionRole::Geo),
        categories: comparison
            .entries
            .iter()
            .map(|e| cube::Category { code: e.scope.clone(), label: scope_label(&e.scope) })
            .collect(),
    };
    let parts = comparison.entries.iter().enumerate().map(|(i, e)| (i, cube::from_published(&e.table))).collect();
    let title = isu_core::stats::report::table(&comparison.table).map(|t| t.title()).unwrap_or_else(|| text("", ""));
    let title = isu_domain::LocalizedText {
        sv: format!("{} – jämförelse {}", title.sv, comparison.year),
        en: format!("{} – comparison {}", title.en, comparison.year),
    };
    let stacked = cube::stack(scope, parts, &comparison.table, title);
    let mut symbols = std::collections::BTreeMap::new();
    for d in documents {
        symbols.extend(symbols_of(d));
    }
    let mut notes: Vec<isu_domain::LocalizedText> = documents.iter().map(published_note).collect();
    notes.push(text(
        "Varje område ur sin senaste release av året; en dimension som ett områdes tabell saknar står på Totalt.",
        "Each scope from its latest release of the year; a dimension a scope's table lacks is at Total.",
    ));
    let context = jsonstat::Context {
        source: "ISU – individbaserad systematisk uppföljning (SU-X), releases".into(),
        updated: documents.iter().map(|d| d.created_at).max(),
        notes,
        extension: jsonstat::Extension {
            table: Some(comparison.table.clone()),
            audience: "published".into(),
            release: None,
            releases: Some(documents.iter().map(release_reference).collect()),
            missing_scopes: Some(comparison.missing.clone()),
            protection: documents.first().map(protection_description),
            symbols,
            no_figure: cube::no_figure_meaning(),
            metadata: None,
        },
    };
    jsonstat::dataset(&stacked, lang, &context)
}
