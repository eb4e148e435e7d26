//! Releases: the report's table set for a scope (a region or the whole country) and a closed
//! year, protected (by suppression or the cell-key method) and stored as an immutable document;
//! a later release of the same scope-year is its next version, protected together with the
//! earlier ones. The national release by suppression is the aggregate of the current regional
//! releases, so building it first builds a new version of every region whose records changed.
//!
//! [`ReleaseBuilder::prepare`] only reads (it may run outside the write lock); [`store`] then
//! writes what it built in one transaction. HTTP maps [`ReleaseError`] to problem+json.

use chrono::{DateTime, Datelike, Utc};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::stats::catalogue::{Dimension, HARMONISED_FORM};
use crate::stats::harmonisation::{harmonisation, Harmonisation};
use crate::stats::loss::InformationLossSummary;
use crate::stats::protected::{CellKeyMethod, CellKeyProtection};
use crate::stats::release::{self, CountFigure, Protection, PublishedTable, ReleaseMethod, SuppressionPattern};
use crate::stats::snapshot;
use isu_domain::FieldError;
use isu_store::releases::{self, StoredRelease};
use isu_store::stats::ScopeRequest;
use isu_store::{DbConnection, StoreError};

/// Why a release was not built or stored, in the use case's words.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// Refused, naming the field that decides it (`/scope`: unknown, too few children, too few
    /// changes, not protectable, too large; `/year`; `/method`).
    #[error("{}: {} ({})", .0.pointer, .0.code, .0.message)]
    Refused(FieldError),
    /// Records arrived while it was built, or another version was stored at the same time:
    /// the same request may succeed when retried.
    #[error("{0}")]
    Conflict(String),
    /// Stored data this code cannot read, or a document it cannot write: a bug.
    #[error("{0}")]
    Internal(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ReleaseError {
    fn refused(pointer: &str, code: &str, message: impl Into<String>) -> Self {
        ReleaseError::Refused(FieldError::new(pointer, code, message))
    }

    fn internal(cause: impl std::fmt::Display) -> Self {
        ReleaseError::Internal(cause.to_string())
    }

    /// A refusal met while building `region`'s release on the way to the national one says
    /// which region refused (the national request names no region itself).
    fn in_region(self, region: &str) -> Self {
        match self {
            ReleaseError::Refused(mut field) => {
                field.message = format!("the release of region {region}: {}", field.message);
                ReleaseError::Refused(field)
            }
            other => other,
        }
    }
}

impl From<diesel::result::Error> for ReleaseError {
    fn from(err: diesel::result::Error) -> Self {
        ReleaseError::Store(err.into())
    }
}

/// The scope of the whole country.
pub const NATIONAL: &str = "national";

/// Who may see a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = PublishedAudience)]
pub enum PublishedAudience {
    /// Anyone with a token: every figure protected.
    Published,
}

/// How many cells the protection hid.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = SuppressionSummary)]
pub struct SuppressionSummary {
    /// Distinct count cells of the release (a figure shown in two tables is one cell).
    pub cells: usize,
    /// Classes of children the cells are sums of.
    pub atoms: usize,
    /// Hidden as small counts ("≤4"); 0 in a cell-key release (nothing hidden).
    pub primary: usize,
    /// Hidden to protect others, or kept hidden from an earlier version ("..").
    pub secondary: usize,
    /// Share of the non-zero counts hidden, per table and overall (absent in releases stored
    /// before it was measured).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = InformationLossSummary, required = false)]
    pub information_loss: Option<InformationLossSummary>,
}

/// A protected, immutable release.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = Release)]
pub struct Release {
    pub id: String,
    /// A region id or `national`.
    pub scope: String,
    pub year: i32,
    /// 1 for the first release of the scope-year; a correction is a new version.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub audience: PublishedAudience,
    /// Suppression parameters: `k` and `min_group` also rule a cell-key release's versions (a
    /// new version needs none or at least k changed children) and derived figures.
    pub protection: Protection,
    /// How the release is protected: `suppression` or `cell_key` (absent in releases stored
    /// before the choice existed: those are `suppression`).
    #[serde(default)]
    #[schema(example = "suppression")]
    pub protection_method: ReleaseMethod,
    /// Cell-key releases: the perturbation's parameters (D, V, js, the probability of an exact
    /// count, …), as protected statistics state them in `metadata.protection`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CellKeyMethod, required = false)]
    pub cell_key: Option<CellKeyMethod>,
    /// The method, in words.
    pub method: String,
    /// Children counted (protected like any count).
    pub records: CountFigure,
    /// Statistics are reported in the codes of this version.
    pub reported_as: String,
    pub harmonisation: Vec<Harmonisation>,
    pub suppression: SuppressionSummary,
    pub tables: Vec<PublishedTable>,
}

pub const METHOD: &str = "Counts 1..k-1 suppressed (primary); secondary suppression by Gaussian elimination over all \
    count cells of the release as sums of classes of children (after Statistics Norway's GaussSuppression), \
    each suppressed cell then certified by linear programmes to keep at least two values consistent with \
    everything published (more cells are suppressed where no certificate exists, and a small count whose \
    range would itself give a value away is shown as '..'); cells hidden in an earlier version stay hidden. \
    Shares, means, medians and percentiles only for groups of at least min_group children with published \
    counts; no minimum or maximum; percentiles rounded.";

const CELL_KEY_METHOD: &str = "The cell-key method, as protected statistics (GET /v1/stats): every count (cells, \
    margins and totals, each on its own key) is perturbed by the perturbation table on the sum of the secret keys \
    of the children it counts, so a cell has the same value here as in every protected query of the same \
    children; no count is published as 1..js, none is hidden, and counts need not add up. Shares are of the \
    perturbed counts; means, medians and percentiles only for groups of at least min_group children, with noise \
    from the cell key (percentiles never at the first or last rank, rounded); no minimum or maximum. A national release is computed the same way: a region's figure in it \
    is the region's own.";

const NATIONAL_METHOD: &str = "The aggregate of the current regional releases of the year (each built as they \
    describe; a region whose records changed gets a new version first): a region's figure is its own release's, \
    hidden where that release hides it; a figure of the whole country is the sum of the regions' and of the \
    municipalities outside every region (protected as one more part the same way, never published alone), \
    published only where every part is, so nothing here can be combined with the regional releases to reveal \
    what they hide. Every hidden figure is shown as '..'.";

/// A year's release opens on this day of the following year (month-day).
pub const RELEASE_OPENS: &str = "02-01";

/// The last year whose release may be created on `today`: a year is closed, and its release
/// open, from 1 February of the next year. The report is about the cases closed in a year; a
/// vendor sends a record when its case closes, so by then the year's records are in. Releasing
/// an open year would publish a first version from part of the year and then a revision for every
/// few records that arrive, and every revision is a difference a reader can study (decision
/// 0005, "Versions").
pub fn last_closed_year(today: chrono::NaiveDate) -> i32 {
    let opens = chrono::NaiveDate::parse_from_str(&format!("{}-{RELEASE_OPENS}", today.year()), "%Y-%m-%d")
        .expect("a valid month-day");
    if today >= opens {
        today.year() - 1
    } else {
        today.year() - 2
    }
}

/// Builds and stores a release of `scope` and `year` as `POST /v1/releases` does, outside a
/// request (for `isu demo`). Returns what was stored, the requested release last.
pub fn create_now(
    conn: &mut DbConnection,
    scope: &str,
    year: i32,
    protection: Protection,
    created_by: &str,
) -> Result<Vec<StoredRelease>, ReleaseError> {
    let context = ReleaseBuilder {
        protection,
        cellkey: std::sync::Arc::new(CellKeyProtection::default()),
        requested: None,
        default_method: ReleaseMethod::Suppression,
        cache: std::sync::Arc::new(crate::stats::cache::FactCache::new(crate::stats::cache::DEFAULT_CAPACITY)),
        created_by: created_by.to_string(),
        last_year: crate::clock::this_year(),
    };
    let prepared = context.prepare(conn, scope, year)?;
    store(conn, &prepared)?;
    Ok(prepared)
}

/// Stores what [`ReleaseBuilder::prepare`] built, all or nothing. A version of the same
/// scope-year stored meanwhile by another request makes this fail with a conflict (the unique
/// version per scope-year), never a second version of the same number.
pub fn store(conn: &mut DbConnection, prepared: &[StoredRelease]) -> Result<(), ReleaseError> {
    conn.transaction(|conn| prepared.iter().try_for_each(|release| releases::insert(conn, release))).map_err(|e| {
        match StoreError::from(e) {
            StoreError::Taken(_) | StoreError::Concurrent(_) => {
                ReleaseError::Conflict("another version of this release was created at the same time; retry".into())
            }
            other => ReleaseError::Store(other),
        }
    })
}

/// What building a release needs besides the database.
pub struct ReleaseBuilder {
    pub protection: Protection,
    pub cellkey: std::sync::Arc<CellKeyProtection>,
    /// The method the request asked for, if any.
    pub requested: Option<ReleaseMethod>,
    /// The deployment's method where neither the request nor earlier versions say.
    pub default_method: ReleaseMethod,
    pub cache: std::sync::Arc<crate::stats::cache::FactCache>,
    /// The client that asked (stored with the release).
    pub created_by: String,
    /// The last year statistics can ask for (this year, in Sweden).
    pub last_year: i32,
}

impl ReleaseBuilder {
    /// The releases to store, the requested one last. A region's is one release. The national
    /// one is the aggregate of the current regional releases, so it is preceded by a new version
    /// of every region's release whose records changed since (or that has none yet).
    pub fn prepare(&self, conn: &mut DbConnection, scope: &str, year: i32) -> Result<Vec<StoredRelease>, ReleaseError> {
        if scope != NATIONAL {
            let history = EarlierVersions::of(conn, scope, year)?;
            let method = self.method_of(&history)?;
            let snap = self.load(conn, &ScopeRequest::Region(scope.to_string()), scope, year)?;
            return Ok(vec![self.prepare_one(&snap, scope, year, &history, None, method)?.0]);
        }
        let national_history = EarlierVersions::of(conn, NATIONAL, year)?;
        let method = self.method_of(&national_history)?;
        let snap = self.load(conn, &ScopeRequest::National, scope, year)?;
        if method == ReleaseMethod::CellKey {
            // A region's figure is the region's own by construction (the same children, the same
            // keys): no regional release is needed first.
            return Ok(vec![self.prepare_one(&snap, NATIONAL, year, &national_history, None, method)?.0]);
        }
        let year_position = year_position(&snap, year)?;
        let regions: std::collections::BTreeSet<String> = snap
            .facts()
            .iter()
            .flat_map(|s| s.iter())
            .filter(|f| f.value(Dimension::Year) == Some(year_position))
            .filter_map(|f| release::region_of(&snap.catalogue, f))
            .map(|region| snap.catalogue.code(Dimension::Region, region).to_string())
            .collect();
        // The part outside every region is protected together with its earlier versions, kept
        // in the earlier national releases (it is never published on its own).
        let earlier_rest: Vec<SuppressionPattern> =
            national_history.patterns.iter().filter_map(|pattern| pattern.rest.as_deref().cloned()).collect();
        let mut stored = Vec::new();
        let request = release::ReleaseRequest {
            year_position,
            national: true,
            protection: &self.protection,
            earlier: &earlier_rest,
            regional: None,
        };
        // Nothing changed anywhere since the latest national release: its part outside every
        // region is still current (protecting it again would give the same pattern).
        let unchanged = national_history
            .patterns
            .last()
            .filter(|latest| latest.data_version.as_deref() == Some(snap.data_version.as_str()));
        let rest = match unchanged {
            Some(latest) => latest.rest.as_deref().cloned(),
            None => {
                release::protect_rest(&snap.catalogue, &snap.facts(), &snap.closures, &request).map_err(build_error)?
            }
        };
        let mut patterns = std::collections::BTreeMap::new();
        for region in regions {
            let history = EarlierVersions::of(conn, &region, year)?;
            if history.method == Some(ReleaseMethod::CellKey) {
                // Its pattern hides nothing: aggregating it would publish its exact counts.
                return Err(ReleaseError::refused(
                    "/method",
                    "regional_releases_by_cell_key",
                    format!(
                        "the national release by suppression aggregates the regions' releases by suppression, and \
                         {region}'s releases of {year} are by cell key; ask for method cell_key"
                    ),
                ));
            }
            let current =
                snapshot::data_version(conn, &ScopeRequest::Region(region.clone()), (year, year), self.last_year)?
                    .ok_or_else(|| ReleaseError::internal(format!("region {region} has children but no scope")))?;
            let reusable =
                history.patterns.last().filter(|pattern| pattern.data_version.as_deref() == Some(current.as_str()));
            let pattern = match reusable {
                Some(pattern) => pattern.clone(),
                None => {
                    let regional_snap = self.load(conn, &ScopeRequest::Region(region.clone()), &region, year)?;
                    let (release, pattern) = self
                        .prepare_one(&regional_snap, &region, year, &history, None, ReleaseMethod::Suppression)
                        .map_err(|e| e.in_region(&region))?;
                    stored.push(release);
                    pattern
                }
            };
            patterns.insert(region, pattern);
        }
        let regional = release::Regional { regions: patterns, rest };
        stored.push(self.prepare_one(&snap, NATIONAL, year, &national_history, Some(&regional), method)?.0);
        Ok(stored)
    }

    /// The method of a new version: the earlier versions' (a scope-year keeps one method: a reader
    /// of a suppression version and a perturbed one would hold noisy values of the hidden cells,
    /// which the certificates never allowed for), else the request's, else the deployment's.
    fn method_of(&self, history: &EarlierVersions) -> Result<ReleaseMethod, ReleaseError> {
        match (history.method, self.requested) {
            (Some(earlier), Some(asked)) if earlier != asked => Err(ReleaseError::refused(
                "/method",
                "method_differs_from_earlier_versions",
                format!(
                    "the earlier versions of this release are protected by {}; a new version keeps that method",
                    earlier.as_str()
                ),
            )),
            (Some(earlier), _) => Ok(earlier),
            (None, asked) => Ok(asked.unwrap_or(self.default_method)),
        }
    }

    fn load(
        &self,
        conn: &mut DbConnection,
        request: &ScopeRequest,
        scope: &str,
        year: i32,
    ) -> Result<snapshot::Snapshot, ReleaseError> {
        snapshot::load(conn, request, (year, year), self.last_year, &self.cache)?
            .ok_or_else(|| ReleaseError::refused("/scope", "unknown_scope", format!("no region has id {scope:?}")))
    }

    /// One release of `scope` built from `snap`, as stored, and its pattern.
    fn prepare_one(
        &self,
        snap: &snapshot::Snapshot,
        scope: &str,
        year: i32,
        history: &EarlierVersions,
        regional: Option<&release::Regional>,
        method: ReleaseMethod,
    ) -> Result<(StoredRelease, SuppressionPattern), ReleaseError> {
        let national = scope == NATIONAL;
        let year_position = year_position(snap, year)?;
        let request = release::ReleaseRequest {
            year_position,
            national,
            protection: &self.protection,
            earlier: &history.patterns,
            regional,
        };
        let mut built = match method {
            ReleaseMethod::Suppression => release::build(&snap.catalogue, &snap.facts(), &snap.closures, &request),
            ReleaseMethod::CellKey => crate::stats::cellkey_release::build(
                &snap.catalogue,
                &snap.protected_facts(),
                &snap.closures,
                &request,
                &self.cellkey,
            ),
        }
        .map_err(build_error)?;
        built.pattern.data_version = Some(snap.data_version.clone());
        built.pattern.rest = regional.and_then(|regional| regional.rest.clone()).map(Box::new);
        let facts = match method {
            ReleaseMethod::Suppression => snap.facts(),
            ReleaseMethod::CellKey => snap.protected_facts(),
        };
        let harmonised_facts = facts
            .iter()
            .flat_map(|s| s.iter())
            .filter(|f| f.value(Dimension::Year) == Some(year_position) && f.harmonised);
        let harmonised = match method {
            ReleaseMethod::Suppression => harmonised_facts.count() as u64,
            // A count like any other of a cell-key release: the admitted records, perturbed on
            // their keys (as protected statistics publish it).
            ReleaseMethod::CellKey => {
                let mut count = isu_disclosure::cellkey::KeyedCount::default();
                harmonised_facts.filter(|f| f.admitted).for_each(|f| count.add(f.record_key));
                count.published(&self.cellkey.table)
            }
        };
        let forms: Vec<String> = if harmonised > 0 { vec!["su-x-2020".into()] } else { Vec::new() };
        let version = history.latest_version.map_or(1, |latest| latest + 1);
        let created_at = isu_store::now();
        let records = built.tables.first().and_then(|t| t.total.children.clone()).unwrap_or(CountFigure {
            value: None,
            status: release::FigureStatus::Suppressed,
            display: "..".into(),
        });
        let document = Release {
            id: uuid::Uuid::now_v7().to_string(),
            scope: scope.to_string(),
            year,
            version,
            created_at: created_at.and_utc(),
            audience: PublishedAudience::Published,
            protection: self.protection,
            protection_method: method,
            cell_key: (method == ReleaseMethod::CellKey).then(|| self.cellkey.method()),
            method: match method {
                ReleaseMethod::CellKey => CELL_KEY_METHOD,
                ReleaseMethod::Suppression if national => NATIONAL_METHOD,
                ReleaseMethod::Suppression => METHOD,
            }
            .to_string(),
            records,
            reported_as: HARMONISED_FORM.to_string(),
            harmonisation: harmonisation(&forms, harmonised),
            suppression: SuppressionSummary {
                cells: built.cells,
                atoms: built.atoms,
                primary: built.suppressed_primary,
                secondary: built.suppressed_secondary,
                information_loss: Some(built.information_loss),
            },
            tables: built.tables,
        };
        let stored = StoredRelease {
            id: document.id.clone(),
            scope: scope.to_string(),
            year,
            version,
            created_at,
            created_by: self.created_by.clone(),
            document: serde_json::to_string(&document).map_err(ReleaseError::internal)?,
            pattern: serde_json::to_string(&built.pattern).map_err(ReleaseError::internal)?,
            method: method.as_str().to_string(),
        };
        Ok((stored, built.pattern))
    }
}

/// The earlier versions of a scope-year's release.
struct EarlierVersions {
    /// Their patterns, oldest first.
    patterns: Vec<SuppressionPattern>,
    latest_version: Option<i32>,
    /// Their method (the first version's; every version keeps it).
    method: Option<ReleaseMethod>,
}

impl EarlierVersions {
    fn of(conn: &mut DbConnection, scope: &str, year: i32) -> Result<Self, ReleaseError> {
        let stored = releases::history(conn, scope, year)?;
        let latest_version = stored.last().map(|(version, _, _)| *version);
        let patterns = stored
            .iter()
            .map(|(_, pattern, _)| serde_json::from_str(pattern).map_err(ReleaseError::internal))
            .collect::<Result<_, _>>()?;
        let method =
            match stored.first() {
                None => None,
                Some((_, _, name)) => Some(ReleaseMethod::parse(name).ok_or_else(|| {
                    ReleaseError::internal(format!("a stored release has the unknown method {name:?}"))
                })?),
            };
        Ok(Self { patterns, latest_version, method })
    }
}

fn build_error(error: release::BuildError) -> ReleaseError {
    match error {
        release::BuildError::Unprotectable(why) => ReleaseError::refused("/scope", "too_few_children", why),
        release::BuildError::TooFewChanges(why) => ReleaseError::refused("/scope", "too_few_changes", why),
        release::BuildError::RevisionUnprotectable(why) => {
            ReleaseError::refused("/scope", "revision_not_protectable", why)
        }
        release::BuildError::TooLarge(why) => ReleaseError::refused("/scope", "too_large", why),
        release::BuildError::Stale(why) => {
            ReleaseError::Conflict(format!("records arrived while the release was built; retry ({why})"))
        }
        release::BuildError::Internal(cause) => ReleaseError::internal(cause),
    }
}

fn year_position(snap: &snapshot::Snapshot, year: i32) -> Result<u16, ReleaseError> {
    snap.catalogue
        .position(Dimension::Year, &year.to_string())
        .ok_or_else(|| ReleaseError::refused("/year", "out_of_range", "no statistics for this year"))
}

#[cfg(test)]
mod tests {
    use super::last_closed_year;
    use chrono::NaiveDate;

    #[test]
    fn a_year_closes_on_the_first_of_february() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(last_closed_year(day(2026, 1, 31)), 2024);
        assert_eq!(last_closed_year(day(2026, 2, 1)), 2025);
        assert_eq!(last_closed_year(day(2026, 12, 31)), 2025);
    }

    #[test]
    fn a_regional_refusal_on_the_way_to_the_national_release_names_the_region() {
        let refused = super::ReleaseError::refused("/scope", "too_large", "protecting this release needs …")
            .in_region("fou-14-vastra-gotaland");
        let super::ReleaseError::Refused(field) = refused else { panic!("still a refusal") };
        assert_eq!((field.pointer.as_str(), field.code.as_str()), ("/scope", "too_large"));
        assert_eq!(field.message, "the release of region fou-14-vastra-gotaland: protecting this release needs …");
    }
}
