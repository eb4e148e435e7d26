//! Protected releases: the report's table set for one scope and year, every count a cell of one
//! linked protection problem ([`isu_disclosure`]), every derived figure computed only where its
//! group is large enough and its counts are published.
//!
//! The atoms of the problem are the children grouped by everything any table classifies them by
//! (geography, gender, the set of problem areas, intervention type, the set of methods, closing
//! reason, previously active, birth background). Each published count — children in a cell,
//! children with one problem area alone, children with intervention days, children naming a pair
//! of areas — is the sum of the atoms that satisfy it, so a figure shown in two tables is one cell
//! of the problem, and margins and totals link the tables as they link in the reader's head.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::catalogue::{Catalogue, Dimension, DimensionValue, Measure};
use super::engine::{compute, Cell, Computed, Query, ReportedClosures};
use super::facts::Fact;
use super::report::{TableSpec, SU_X_TABLES};
use super::revision;
use super::table::{unit_of, DimensionInfo};
use isu_disclosure::{self as disclosure, CellStatus, ProtectionProblem};
use isu_domain::LocalizedText;

/// Protection parameters (configuration; stated in every release).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = ProtectionParameters)]
pub struct Protection {
    /// Counts 1..k−1 are suppressed (shown as "≤k−1"). At least 3.
    pub k: u64,
    /// Shares, means, medians and percentiles only for groups of at least this many children.
    pub min_group: u64,
    /// Percentiles are rounded to this many days.
    pub percentile_rounding_days: u64,
}

impl Default for Protection {
    fn default() -> Self {
        Self { k: 5, min_group: 10, percentile_rounding_days: 10 }
    }
}

impl Protection {
    /// Refuses unsafe settings: k below 3 (a hidden small count would be known to be 1 or 2),
    /// derived figures over groups smaller than k.
    pub fn checked(k: u64, min_group: u64) -> Result<Self, String> {
        if k < 3 {
            return Err(format!("the suppression threshold k must be at least 3, got {k}"));
        }
        if min_group < k {
            return Err(format!("the minimum group for derived figures ({min_group}) must be at least k ({k})"));
        }
        Ok(Self { k, min_group, ..Self::default() })
    }
}

/// Whether a figure is shown, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FigureStatus)]
pub enum FigureStatus {
    /// Shown as it is (suppression releases).
    Published,
    /// Hidden: `value` is null, `display` its symbol.
    Suppressed,
    /// Shown, perturbed by the cell-key method (cell-key releases): a count within ±D of the
    /// true one, never 1..js; a share of perturbed counts; a mean or median with noise.
    Perturbed,
}

/// How a release is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ReleaseMethod, example = "cell_key")]
pub enum ReleaseMethod {
    /// Cell suppression: small counts hidden ("≤4"), others hidden to protect them (".."),
    /// every published count exact.
    #[default]
    Suppression,
    /// The cell-key method: every count perturbed on the keys of its children (as `GET
    /// /v1/stats` for protected callers), nothing hidden but derived figures of small groups.
    CellKey,
}

impl ReleaseMethod {
    /// The name as stored and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseMethod::Suppression => "suppression",
            ReleaseMethod::CellKey => "cell_key",
        }
    }

    /// The method of a stored name; `None` for a name this version does not know.
    pub fn parse(name: &str) -> Option<Self> {
        [ReleaseMethod::Suppression, ReleaseMethod::CellKey].into_iter().find(|m| m.as_str() == name)
    }
}

/// A protected count: `value` null exactly when suppressed; `display` is what a table prints
/// ("≤4" for a small count, ".." for a figure hidden to protect others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = CountFigure, example = json!({"value": null, "status": "suppressed", "display": "≤4"}))]
pub struct CountFigure {
    #[schema(value_type = Option<u64>)]
    pub value: Option<u64>,
    pub status: FigureStatus,
    pub display: String,
}

/// A protected derived figure (share 0–1, mean, median, percentile).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = DerivedFigure, example = json!({"value": 0.42, "status": "published", "display": "42.0 %"}))]
pub struct DerivedFigure {
    #[schema(value_type = Option<f64>)]
    pub value: Option<f64>,
    pub status: FigureStatus,
    pub display: String,
}

impl DerivedFigure {
    fn suppressed() -> Self {
        Self { value: None, status: FigureStatus::Suppressed, display: "..".into() }
    }

    fn published(value: f64, display: String) -> Self {
        Self { value: Some(value), status: FigureStatus::Published, display }
    }
}

/// Days in a cell, protected: no minimum or maximum (one child's value), percentiles rounded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedDays)]
pub struct PublishedDays {
    /// Children with a value.
    pub n: CountFigure,
    pub mean: DerivedFigure,
    pub median: DerivedFigure,
    /// 10th percentile, rounded.
    pub p10: DerivedFigure,
    /// 90th percentile, rounded.
    pub p90: DerivedFigure,
}

/// Age in a cell, protected: the mean only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedAge)]
pub struct PublishedAge {
    pub mean: DerivedFigure,
}

/// Children naming two problem areas, protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedCombination)]
pub struct PublishedCombination {
    #[schema(min_items = 2, max_items = 2)]
    pub problem_areas: Vec<String>,
    pub children: CountFigure,
}

/// One protected row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedRow)]
pub struct PublishedRow {
    /// Dimension id → value code. Empty for the total.
    pub dimensions: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CountFigure, required = false)]
    pub children: Option<CountFigure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = DerivedFigure, required = false)]
    pub share: Option<DerivedFigure>,
    /// Per problem area: children naming it (equal to `children`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CountFigure, required = false)]
    pub mentions: Option<CountFigure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CountFigure, required = false)]
    pub alone: Option<CountFigure>,
    /// Every pair of problem areas, zeros included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Vec<PublishedCombination>, required = false)]
    pub combinations: Option<Vec<PublishedCombination>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = PublishedDays, required = false)]
    pub intervention_days: Option<PublishedDays>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = PublishedDays, required = false)]
    pub enrolment_days: Option<PublishedDays>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = PublishedAge, required = false)]
    pub age: Option<PublishedAge>,
}

/// The rows of one margin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedMargin)]
pub struct PublishedMargin {
    pub group_by: Vec<Dimension>,
    pub rows: Vec<PublishedRow>,
}

/// One protected table of a release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedTable)]
pub struct PublishedTable {
    /// Stable id, the same in every release (e.g. `d1_problem_areas`).
    pub id: String,
    pub title: LocalizedText,
    pub group_by: Vec<Dimension>,
    pub measures: Vec<Measure>,
    /// The cells a share is taken of (see the statistics endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Vec<Dimension>, required = false)]
    pub share_denominator: Option<Vec<Dimension>>,
    pub units: BTreeMap<String, String>,
    pub dimensions: Vec<PublishedDimension>,
    pub rows: Vec<PublishedRow>,
    pub margins: Vec<PublishedMargin>,
    pub total: PublishedRow,
}

/// A dimension of a published table (as in statistics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = PublishedDimension)]
pub struct PublishedDimension {
    pub id: Dimension,
    pub label: LocalizedText,
    pub multi_valued: bool,
    pub values: Vec<DimensionValue>,
}

impl From<DimensionInfo> for PublishedDimension {
    fn from(d: DimensionInfo) -> Self {
        Self { id: d.id, label: d.label, multi_valued: d.multi_valued, values: d.values }
    }
}

/// The status of every count cell, by key, kept with a release so that its next version can
/// keep hidden what this one hid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuppressionPattern {
    /// Cell key → (value, suppressed).
    pub cells: BTreeMap<String, (u64, bool)>,
    /// The data the release was built from ([`crate::stats::snapshot::Snapshot::data_version`]):
    /// the national release uses a regional release only while its data are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_version: Option<String>,
    /// The classes of children this version counted (see [`super::revision`]): its next versions
    /// are protected together with it. Kept on the server only, like the whole pattern.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<StoredClass>,
    /// Hidden small counts shown as ".." rather than "≤k−1" (their range would have pinned a
    /// cell): the only hidden small counts whose range readers were not told.
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub unranged: std::collections::BTreeSet<String>,
    /// Every derived figure this version published (mean, median, percentile, age), by
    /// `<count cell key>|<figure>`: a later version publishes a different value only where the
    /// difference is an aggregate of enough children ([`DerivedGate`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub derived: BTreeMap<String, f64>,
    /// National release only: the protected part of the country outside every region, so that its
    /// next version is protected together with this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<Box<SuppressionPattern>>,
}

/// One class of children of a stored version: how many, and the cells they count in (positions
/// in the pattern's `cells`, in key order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredClass {
    pub count: u64,
    pub cells: Vec<u32>,
}

/// What to build: the year (its catalogue position), the level, the protection, and what the
/// previous version published and hid.
#[derive(Debug, Clone, Copy)]
pub struct ReleaseRequest<'a> {
    pub year_position: u16,
    pub national: bool,
    pub protection: &'a Protection,
    /// The earlier versions of this release, oldest first (empty for a first version). The new
    /// version is protected together with all of them ([`super::revision`]).
    pub earlier: &'a [SuppressionPattern],
    /// National release only: the current release of every region with children that year, by
    /// region id. The national release is their aggregate (see [`aggregate_statuses`]).
    pub regional: Option<&'a Regional>,
}

/// Why a release could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// Too many classes of children to protect in reasonable time.
    TooLarge(String),
    /// The data are too few to publish anything safely at this level of detail.
    Unprotectable(String),
    /// A regional release does not match the data the national one is built from (records
    /// arrived in between): build again.
    Stale(String),
    /// Too few records changed since the previous version: the difference of two versions
    /// would be a table of fewer than k children.
    TooFewChanges(String),
    /// The changed records cannot be published as a new version without singling them out.
    RevisionUnprotectable(String),
    /// A defect (inconsistent input); the cause goes to the log.
    Internal(String),
}

/// A built release: its tables, the pattern, and how protection went.
#[derive(Debug, Clone)]
pub struct Built {
    pub tables: Vec<PublishedTable>,
    pub pattern: SuppressionPattern,
    pub cells: usize,
    pub atoms: usize,
    pub suppressed_primary: usize,
    pub suppressed_secondary: usize,
    /// Share of the non-zero counts hidden, per table and overall ([`super::loss`]).
    pub information_loss: super::loss::InformationLossSummary,
    /// The protection problem and its solution, for the attacker tests.
    pub problem: ProtectionProblem,
    pub statuses: Vec<CellStatus>,
}

/// The table set of a scope: the report's tables, by municipality in a region's release and by
/// region in the national one.
pub fn table_specs(year: i32, national: bool) -> Vec<(TableSpec, Vec<Dimension>)> {
    SU_X_TABLES
        .iter()
        .filter(|t| t.applies_to(year))
        .map(|t| {
            let dims = t
                .group_by
                .iter()
                .map(|d| if national && *d == Dimension::Municipality { Dimension::Region } else { *d })
                .collect();
            (*t, dims)
        })
        .collect()
}

/// Dimensions that make an atom (everything a release's tables classify by).
const ATOM_DIMENSIONS: [Dimension; 9] = [
    Dimension::Municipality,
    Dimension::Gender,
    Dimension::ProblemArea,
    Dimension::InterventionType,
    Dimension::ManualMethod,
    Dimension::ClosingReason,
    Dimension::PreviouslyActive,
    Dimension::BirthBackground,
    Dimension::Region,
];

pub(super) struct Atoms {
    /// A representative fact per atom (a made-up one for a zero-count atom).
    facts: Vec<Fact>,
    pub(super) counts: Vec<u64>,
    index: HashMap<Vec<u16>, usize>,
}

fn atom_key(fact: &Fact) -> Vec<u16> {
    let mut key = Vec::with_capacity(16);
    let mut buffer = Vec::new();
    for dim in ATOM_DIMENSIONS {
        fact.values_into(dim, &mut buffer);
        key.extend_from_slice(&buffer);
        key.push(u16::MAX);
    }
    // Intervention days exist unless never started; a made-up zero atom may differ.
    key.push(u16::from(fact.intervention_days.is_some()));
    key
}

impl Atoms {
    fn of(facts: &[&Fact]) -> Self {
        let mut atoms = Atoms { facts: Vec::new(), counts: Vec::new(), index: HashMap::new() };
        // Atoms are numbered in the order of their classes, not of the records as the database
        // returned them: the same data gives the same problem, and so the same pattern.
        let mut keyed: Vec<(Vec<u16>, &Fact)> = facts.iter().map(|fact| (atom_key(fact), *fact)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, fact) in keyed {
            let at = atoms.insert(fact);
            atoms.counts[at] += 1;
        }
        atoms
    }

    /// The atom of `fact`'s class, added with count 0 when new.
    fn insert(&mut self, fact: &Fact) -> usize {
        let key = atom_key(fact);
        let next = self.facts.len();
        let at = *self.index.entry(key).or_insert(next);
        if at == next {
            self.facts.push(fact.clone());
            self.counts.push(0);
        }
        at
    }
}

/// What a count cell counts, beyond its dimension values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    Children,
    Alone,
    WithInterventionDays,
    Pair(u16, u16),
}

impl Count {
    fn name(self, catalogue: &Catalogue) -> String {
        match self {
            Count::Children => "children".into(),
            Count::Alone => "alone".into(),
            Count::WithInterventionDays => "intervention_days.n".into(),
            Count::Pair(a, b) => format!(
                "pair:{}+{}",
                catalogue.code(Dimension::ProblemArea, a),
                catalogue.code(Dimension::ProblemArea, b)
            ),
        }
    }

    fn admits(self, fact: &Fact) -> bool {
        match self {
            Count::Children => true,
            Count::Alone => fact.problem_area_count() == 1,
            Count::WithInterventionDays => fact.intervention_days.is_some(),
            Count::Pair(a, b) => fact.has(Dimension::ProblemArea, a) && fact.has(Dimension::ProblemArea, b),
        }
    }
}

/// A count cell of the problem: where it is shown and what it counts.
pub(super) struct CountCell {
    pub(super) key: String,
    conditions: Vec<(Dimension, u16)>,
    count: Count,
    atoms: Vec<u32>,
    pub(super) value: u64,
}

/// Collects cells, merging those with the same key.
#[derive(Default)]
pub(super) struct Cells {
    pub(super) list: Vec<CountCell>,
    by_key: HashMap<String, usize>,
}

impl Cells {
    fn add(&mut self, key: String, conditions: &[(Dimension, u16)], count: Count) -> usize {
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.list.push(CountCell {
            key: key.clone(),
            conditions: conditions.to_vec(),
            count,
            atoms: Vec::new(),
            value: 0,
        });
        self.by_key.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }

    /// Gives every cell its atoms. A cell no child is in gets a zero-count atom of a class it
    /// could hold: an empty sum would be known to be zero by construction, while a class with no
    /// children here is, to a reader, as possible as any other.
    fn resolve(&mut self, atoms: &mut Atoms, catalogue: &Catalogue) {
        let matches = |cell: &CountCell, fact: &Fact| {
            cell.conditions.iter().all(|(d, p)| fact.has(*d, *p)) && cell.count.admits(fact)
        };
        if let Some(template) = atoms.facts.first().cloned() {
            for cell in &self.list {
                if atoms.facts.iter().any(|f| matches(cell, f)) {
                    continue;
                }
                let mut conditions = cell.conditions.clone();
                // A region's row: the made-up child lives in one of its municipalities.
                if let Some((_, region)) = conditions.iter().find(|(d, _)| *d == Dimension::Region).copied() {
                    if !conditions.iter().any(|(d, _)| *d == Dimension::Municipality) {
                        if let Some(m) =
                            catalogue.scope.municipalities.iter().position(|m| m.region == Some(region as usize))
                        {
                            conditions.push((Dimension::Municipality, m as u16));
                        }
                    }
                }
                let area = conditions.iter().find(|(d, _)| *d == Dimension::ProblemArea).map(|(_, p)| *p);
                let areas: Option<Vec<u16>> = match cell.count {
                    Count::Alone => Some(vec![area.unwrap_or(0)]),
                    Count::Pair(a, b) => Some(vec![a, b]),
                    _ => None,
                };
                let fact = template.moved_to(&conditions, areas.as_deref(), cell.count == Count::WithInterventionDays);
                if matches(cell, &fact) {
                    atoms.insert(&fact);
                }
            }
        }
        for cell in &mut self.list {
            cell.atoms.clear();
            cell.value = 0;
            for (i, fact) in atoms.facts.iter().enumerate() {
                if matches(cell, fact) {
                    cell.atoms.push(i as u32);
                    cell.value += atoms.counts[i];
                }
            }
        }
    }
}

/// A count's key: its conditions and what it counts, whichever table shows it (the same
/// children counted in two tables are one cell).
fn row_key(catalogue: &Catalogue, conditions: &[(Dimension, u16)], count: Count) -> String {
    let dims: Vec<String> = conditions.iter().map(|(d, p)| format!("{}={}", d.id(), catalogue.code(*d, *p))).collect();
    format!("{}|{}", dims.join(","), count.name(catalogue))
}

/// Where each figure of a row is, before protection is known.
struct PendingRow {
    mask: usize,
    key: Vec<u16>,
    children: Option<usize>,
    alone: Option<usize>,
    days_n: Option<usize>,
    pairs: Vec<((u16, u16), usize)>,
}

pub(super) struct PendingTable {
    pub(super) spec: TableSpec,
    computed: Computed,
    rows: Vec<PendingRow>,
}

/// Builds the protected tables of one scope and year from its facts. `earlier`: the patterns of
/// the release's earlier versions (their hidden cells stay hidden; the new version is protected
/// together with them, see [`revision`]).
pub fn build(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> Result<Built, BuildError> {
    let ReleaseRequest { national, protection, earlier, regional, .. } = *what;
    let Assembled { atoms, cells, pending, values, problem } = assemble(catalogue, facts, closures, what);
    let params = disclosure::Params { k: protection.k };
    let statuses = if let (true, Some(regional)) = (national, regional) {
        let keyed: Vec<(&str, u64)> = cells.list.iter().map(|c| (c.key.as_str(), c.value)).collect();
        aggregate_statuses(&keyed, regional)?
    } else if earlier.is_empty() {
        disclosure::protect(&problem, &params).map_err(|e| protection_error(e, &cells))?
    } else {
        let keys: Vec<String> = cells.list.iter().map(|c| c.key.clone()).collect();
        protect_revision(&keys, &problem, earlier, &params)?
    };
    let count_figure = |i: usize| -> CountFigure {
        match statuses[i] {
            CellStatus::Published => {
                CountFigure { value: Some(values[i]), status: FigureStatus::Published, display: values[i].to_string() }
            }
            CellStatus::Primary if problem.primary[i] => {
                CountFigure {
                    value: None, status: FigureStatus::Suppressed, display: format!("≤{}", protection.k - 1)
                }
            }
            _ => CountFigure { value: None, status: FigureStatus::Suppressed, display: "..".into() },
        }
    };
    let gate =
        DerivedGate { earlier, cells: &cells.list, min_group: protection.min_group, published: Default::default() };
    let mut tables = Vec::new();
    for table in &pending {
        tables.push(render_table(catalogue, table, &count_figure, &gate, protection));
    }
    let cells_of_tables = shown_cells(&pending);
    let information_loss = super::loss::summarise(&values, &statuses, protection.k, &cells_of_tables);
    let pattern = SuppressionPattern {
        cells: cells.list.iter().zip(&statuses).map(|(c, s)| (c.key.clone(), (c.value, s.is_suppressed()))).collect(),
        data_version: None,
        // The national release is an aggregate of its parts, which keep their own classes.
        classes: if regional.is_some() { Vec::new() } else { stored_classes(&cells.list, &atoms.counts) },
        derived: gate.published.into_inner(),
        unranged: cells
            .list
            .iter()
            .zip(&statuses)
            .enumerate()
            .filter(|(i, (_, status))| status.is_suppressed() && problem.primary[*i] && **status != CellStatus::Primary)
            .map(|(_, (cell, _))| cell.key.clone())
            .collect(),
        rest: None,
    };
    Ok(Built {
        tables,
        pattern,
        cells: values.len(),
        atoms: atoms.counts.len(),
        suppressed_primary: statuses.iter().filter(|s| **s == CellStatus::Primary).count(),
        suppressed_secondary: statuses.iter().filter(|s| **s == CellStatus::Secondary).count(),
        information_loss,
        problem,
        statuses,
    })
}

/// The counts each table prints, by table id: children where a measure shows them (as in
/// `render_table`), and every other count of its rows.
pub(super) fn shown_cells(pending: &[PendingTable]) -> Vec<(&'static str, Vec<usize>)> {
    pending
        .iter()
        .map(|table| {
            let wants = |m| table.spec.measures.contains(&m);
            let group_by = &table.computed.query.group_by;
            let shown = table.rows.iter().flat_map(|row| {
                let by_area =
                    (0..group_by.len()).any(|i| row.mask & (1 << i) != 0 && group_by[i] == Dimension::ProblemArea);
                let children_shown =
                    wants(Measure::Children) || wants(Measure::EnrolmentDays) || (wants(Measure::Mentions) && by_area);
                row.children
                    .filter(|_| children_shown)
                    .into_iter()
                    .chain(row.alone)
                    .chain(row.days_n)
                    .chain(row.pairs.iter().map(|(_, i)| *i))
            });
            (table.spec.id, shown.collect())
        })
        .collect()
}

/// The protection problem of a release, before it is solved: what [`build`] protects. For
/// benchmarks and tests that need the problem of a release too large to build.
pub fn protection_problem(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> ProtectionProblem {
    assemble(catalogue, facts, closures, what).problem
}

/// The joint protection problem of a new version with its earlier ones ([`revision`]), before it
/// is solved, with the cells whose "≤k−1" range readers were already shown and the number of the
/// new version's cells (the first ones): for benchmarks of revisions. `None` for a first version
/// or earlier versions stored without classes.
pub fn revision_problem(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> Option<(ProtectionProblem, Vec<bool>, usize)> {
    if what.earlier.is_empty() {
        return None;
    }
    let Assembled { cells, problem, .. } = assemble(catalogue, facts, closures, what);
    let keys: Vec<String> = cells.list.iter().map(|c| c.key.clone()).collect();
    let current = revision::CurrentVersion { keys: &keys, problem: &problem };
    let (joint, _) = revision::joint_problem(&current, what.earlier, what.protection.k).ok()?;
    let mut public_ranges = vec![false; joint.problem.cells.len()];
    for &cell in &joint.shown_ranges {
        public_ranges[cell] = true;
    }
    Some((joint.problem, public_ranges, joint.current_cells))
}

/// A release's cells and atoms, its tables before protection, and its protection problem.
pub(super) struct Assembled {
    pub(super) atoms: Atoms,
    pub(super) cells: Cells,
    pub(super) pending: Vec<PendingTable>,
    pub(super) values: Vec<u64>,
    pub(super) problem: ProtectionProblem,
}

pub(super) fn assemble(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> Assembled {
    let ReleaseRequest { year_position, national, protection, earlier, .. } = *what;
    let year = catalogue.code(Dimension::Year, year_position).parse::<i32>().unwrap_or_default();
    let all: Vec<&Fact> =
        facts.iter().flat_map(|s| s.iter()).filter(|f| f.value(Dimension::Year) == Some(year_position)).collect();
    let mut atoms = Atoms::of(&all);
    let mut cells = Cells::default();
    let mut pending = Vec::new();
    for (spec, group_by) in table_specs(year, national) {
        let query = Query {
            group_by: group_by.clone(),
            measures: spec.measures.to_vec(),
            filters: vec![(Dimension::Year, vec![year_position])],
        };
        let computed = compute(catalogue, facts, closures, &query);
        let mut rows = Vec::new();
        for mask in computed.masks() {
            for key in computed.keys(mask) {
                let dims: Vec<Dimension> =
                    (0..group_by.len()).filter(|i| mask & (1 << i) != 0).map(|i| group_by[i]).collect();
                let conditions: Vec<(Dimension, u16)> = dims.iter().copied().zip(key.iter().copied()).collect();
                let wants = |m| spec.measures.contains(&m);
                let mut add = |count: Count| {
                    let k = row_key(catalogue, &conditions, count);
                    cells.add(k, &conditions, count)
                };
                let children = add(Count::Children);
                let row = PendingRow {
                    mask,
                    key: key.clone(),
                    children: Some(children),
                    alone: wants(Measure::Alone).then(|| add(Count::Alone)),
                    days_n: wants(Measure::InterventionDays).then(|| add(Count::WithInterventionDays)),
                    pairs: if wants(Measure::Combinations) {
                        let n = catalogue.values(Dimension::ProblemArea).len() as u16;
                        (0..n)
                            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                            .map(|(a, b)| ((a, b), add(Count::Pair(a, b))))
                            .collect()
                    } else {
                        Vec::new()
                    },
                };
                rows.push(row);
            }
        }
        pending.push(PendingTable { spec, computed, rows });
    }

    cells.resolve(&mut atoms, catalogue);
    // The protection problem over every count of the release.
    let values: Vec<u64> = cells.list.iter().map(|c| c.value).collect();
    let mut problem = ProtectionProblem {
        atom_counts: atoms.counts.clone(),
        cells: cells.list.iter().map(|c| c.atoms.clone()).collect(),
        primary: disclosure::primary_by_threshold(&values, protection.k),
        forced: vec![false; values.len()],
        released: vec![false; values.len()],
        // Hide small figures first, keep totals (many atoms) longest.
        cost: cells.list.iter().map(|c| c.value * 1_000 + c.atoms.len() as u64).collect(),
    };
    // Hidden stays hidden: a figure any earlier version hid is hidden in every later one.
    for (i, cell) in cells.list.iter().enumerate() {
        let hidden_before =
            earlier.iter().any(|pattern| pattern.cells.get(&cell.key).is_some_and(|(_, hidden)| *hidden));
        problem.forced[i] = hidden_before && !problem.primary[i];
    }
    Assembled { atoms, cells, pending, values, problem }
}

/// The classes of a version as stored with it: per atom, its count and the cells it is in, as
/// positions in key order (the order of [`SuppressionPattern::cells`]).
pub(super) fn stored_classes(cells: &[CountCell], counts: &[u64]) -> Vec<StoredClass> {
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].key.cmp(&cells[b].key));
    let mut classes: Vec<StoredClass> = counts.iter().map(|&count| StoredClass { count, cells: Vec::new() }).collect();
    for (position, &cell) in order.iter().enumerate() {
        for &atom in &cells[cell].atoms {
            classes[atom as usize].cells.push(position as u32);
        }
    }
    classes
}

/// Derived figures (means, medians, percentiles, mean age) across versions. A figure is a
/// function of its children's values, so two versions' values of one figure tell the reader
/// about the children that changed between them: one child added to a group of 20 moves the
/// mean by its own days over 21. A version therefore publishes a derived figure only where every
/// earlier version that published it shows the same value (nothing new) or where the group's size
/// moved by at least the minimum group (the difference is then an aggregate of that many
/// children at least). Otherwise the figure is hidden ("..") and the earlier value stands.
struct DerivedGate<'a> {
    earlier: &'a [SuppressionPattern],
    cells: &'a [CountCell],
    min_group: u64,
    /// What this version publishes, stored with it for the next.
    published: std::cell::RefCell<BTreeMap<String, f64>>,
}

impl DerivedGate<'_> {
    /// `figure` of the group counted by cell `group`, named `name` (e.g. `intervention_days.mean`).
    fn check(&self, group: usize, name: &str, figure: DerivedFigure) -> DerivedFigure {
        let Some(value) = figure.value else {
            return figure;
        };
        let cell = &self.cells[group];
        let key = format!("{}|{name}", cell.key);
        for pattern in self.earlier {
            let Some(&before) = pattern.derived.get(&key) else {
                continue;
            };
            let size_before = pattern.cells.get(&cell.key).map(|(size, _)| *size);
            let moved_enough = size_before.is_some_and(|size| size.abs_diff(cell.value) >= self.min_group);
            if before != value && !moved_enough {
                return DerivedFigure::suppressed();
            }
        }
        self.published.borrow_mut().insert(key, value);
        figure
    }

    fn days(&self, group: usize, name: &str, days: PublishedDays) -> PublishedDays {
        let PublishedDays { n, mean, median, p10, p90 } = days;
        PublishedDays {
            n,
            mean: self.check(group, &format!("{name}.mean"), mean),
            median: self.check(group, &format!("{name}.median"), median),
            p10: self.check(group, &format!("{name}.p10"), p10),
            p90: self.check(group, &format!("{name}.p90"), p90),
        }
    }
}

/// Why a protection was refused as too large: a programme above the size this version solves,
/// or one within it that the solver did not finish within its safety time limit (a stalled
/// simplex, or a machine too busy), which a retry at a quieter moment may pass.
fn too_large(what: &str, variables: usize, limit: usize) -> String {
    if variables > limit {
        format!("{what} needs a linear programme of {variables} variables; this version solves up to {limit}")
    } else {
        format!(
            "{what} needs a linear programme of {variables} variables, which the solver did not finish within its \
             safety time limit; retry later"
        )
    }
}

fn protection_error(error: disclosure::Error, cells: &Cells) -> BuildError {
    match error {
        disclosure::Error::Unprotectable { cell } => BuildError::Unprotectable(format!(
            "the figure {} cannot be protected: the scope-year has too few children to publish this table set",
            cells.list.get(cell).map_or("?", |c| c.key.as_str())
        )),
        disclosure::Error::TooLarge { variables, limit } => {
            BuildError::TooLarge(too_large("protecting this release", variables, limit))
        }
        e => BuildError::Internal(e.to_string()),
    }
}

/// Protects a new version together with the earlier ones ([`revision`]). Refuses a change of
/// 1..k−1 children (added, or removed) since the latest version: the two versions' totals alone
/// would then publish a small count, the number of changed children, whose records the joint
/// problem would have to hide in every table.
fn protect_revision(
    keys: &[String],
    problem: &ProtectionProblem,
    earlier: &[SuppressionPattern],
    params: &disclosure::Params,
) -> Result<Vec<CellStatus>, BuildError> {
    let current = revision::CurrentVersion { keys, problem };
    let (joint, change) = match revision::joint_problem(&current, earlier, params.k) {
        Ok(built) => built,
        // A version stored before versions were protected together: protect this one on its
        // own, hidden cells staying hidden (the protection those versions had).
        Err(revision::RevisionError::NoClasses) => {
            return disclosure::protect(problem, params).map_err(|e| BuildError::Internal(e.to_string()));
        }
        Err(revision::RevisionError::Inconsistent(why)) => return Err(BuildError::Internal(why)),
    };
    refuse_too_few_changes(change, earlier.len(), params.k)?;
    revision::protect(&joint, params).map_err(|error| match error {
        disclosure::Error::TooLarge { variables, limit } => {
            BuildError::TooLarge(too_large("protecting this version together with the earlier ones", variables, limit))
        }
        disclosure::Error::Unprotectable { .. }
        | disclosure::Error::ReleasedDisclosesSuppressed { .. }
        | disclosure::Error::ReleasedButSuppressed { .. } => BuildError::RevisionUnprotectable(format!(
            "the {} children added and {} removed since version {} cannot be published as a new version without \
             singling them out; a new version becomes possible when more records have changed",
            change.added,
            change.removed,
            earlier.len()
        )),
        e => BuildError::Internal(e.to_string()),
    })
}

/// Refuses a change of 1..k−1 children (added, or removed) since version `latest`: the two
/// versions' totals alone would publish that small count.
fn refuse_too_few_changes(change: revision::ChangeSize, latest: usize, k: u64) -> Result<(), BuildError> {
    let small = |n: u64| (1..k).contains(&n);
    if small(change.added) || small(change.removed) {
        return Err(BuildError::TooFewChanges(format!(
            "since version {latest} of this release, {} children were added to and {} removed from its classes (a \
             correction that moves a child counts as both); a new version needs none or at least {k} of each, or the \
             difference of the two versions would single them out",
            change.added, change.removed,
        )));
    }
    Ok(())
}

/// The change since the latest of `earlier` of a version whose cells are `keys` over `problem`,
/// refused when 1..k−1 children were added or removed ([`refuse_too_few_changes`]). Versions
/// stored without classes give no change to measure.
pub(super) fn check_change(
    keys: &[String],
    problem: &ProtectionProblem,
    earlier: &[SuppressionPattern],
    k: u64,
) -> Result<(), BuildError> {
    if earlier.is_empty() {
        return Ok(());
    }
    let current = revision::CurrentVersion { keys, problem };
    match revision::joint_problem(&current, earlier, k) {
        Ok((_, change)) => refuse_too_few_changes(change, earlier.len(), k),
        Err(revision::RevisionError::NoClasses) => Ok(()),
        Err(revision::RevisionError::Inconsistent(why)) => Err(BuildError::Internal(why)),
    }
}

/// What the national release aggregates.
#[derive(Debug, Clone, Default)]
pub struct Regional {
    /// The current release of every region with children that year, by region id.
    pub regions: BTreeMap<String, SuppressionPattern>,
    /// The children of municipalities outside every region, protected as one more part with the
    /// national table set (see [`protect_rest`]); never published on its own.
    pub rest: Option<SuppressionPattern>,
}

/// The catalogue position of the region `fact`'s municipality belongs to; `None` outside every
/// region.
pub fn region_of(catalogue: &Catalogue, fact: &Fact) -> Option<u16> {
    fact.value(Dimension::Region).filter(|&p| (p as usize) < catalogue.values(Dimension::Region).len())
}

/// Protects the part of the country outside every region: the national table set over the
/// children of those municipalities alone. Its figures reach readers only inside national sums
/// (a national figure less the regions' published parts), so they must be safe to publish by
/// themselves. `None` when every child is in a region.
pub fn protect_rest(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> Result<Option<SuppressionPattern>, BuildError> {
    Ok(build_rest(catalogue, facts, closures, what)?.map(|built| built.pattern))
}

/// [`protect_rest`], with the protection problem (for the attacker tests).
pub fn build_rest(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[ReportedClosures],
    what: &ReleaseRequest,
) -> Result<Option<Built>, BuildError> {
    let outside = |f: &&Fact| region_of(catalogue, f).is_none();
    let rest: Vec<Fact> = facts.iter().flat_map(|s| s.iter()).filter(outside).cloned().collect();
    if !rest.iter().any(|f| f.value(Dimension::Year) == Some(what.year_position)) {
        return Ok(None);
    }
    let closures: Vec<ReportedClosures> = closures.iter().filter(|c| c.region.is_none()).copied().collect();
    let request = ReleaseRequest { national: true, regional: None, ..*what };
    Ok(Some(build(catalogue, &[rest.as_slice()], &closures, &request)?))
}

/// The national release as the aggregate of the regional ones: it publishes nothing a reader
/// could not already add up from them, so it cannot pin what they hide, alone or together.
/// - A cell of one region (`region=R,…`) is that region's cell (`…`): the same value, and hidden
///   where the regional release hides it.
/// - A cell of the whole country is the sum of the regions' cells and the rest of the country's:
///   published only where every part is published.
///
/// Every hidden national cell is shown as ".." (a "≤4" over a sum of hidden parts would tell
/// the reader their range). A value that differs from the regional release means records
/// arrived since it was built: [`BuildError::Stale`].
pub fn aggregate_statuses(cells: &[(&str, u64)], regional: &Regional) -> Result<Vec<CellStatus>, BuildError> {
    let Regional { regions: regional, rest: outside_regions } = regional;
    let status = |hidden: bool| if hidden { CellStatus::Secondary } else { CellStatus::Published };
    cells
        .iter()
        .map(|&(key, value)| {
            let (conditions, count) = key.split_once('|').unwrap_or((key, ""));
            let mut region = None;
            let rest: Vec<&str> = conditions
                .split(',')
                .filter(|c| !c.is_empty())
                .filter(|c| match c.strip_prefix("region=") {
                    Some(id) => {
                        region = Some(id);
                        false
                    }
                    None => true,
                })
                .collect();
            let regional_key = format!("{}|{count}", rest.join(","));
            match region {
                // A region without children that year has no release, and a regional release
                // has no cell for a value its own catalogue lacks: both are zeros no child is in.
                Some(id) => {
                    match regional.get(id).and_then(|p| p.cells.get(&regional_key)).copied().unwrap_or((0, false)) {
                        (v, hidden) if v == value => Ok(status(hidden)),
                        _ => Err(BuildError::Stale(format!("the release of {id} does not match its records ({key})"))),
                    }
                }
                None => {
                    let mut sum = 0;
                    let mut hidden = false;
                    for pattern in regional.values().chain(outside_regions.iter()) {
                        let (v, h) = pattern.cells.get(&regional_key).copied().unwrap_or((0, false));
                        sum += v;
                        hidden |= h;
                    }
                    if sum == value {
                        Ok(status(hidden))
                    } else {
                        Err(BuildError::Stale(format!("the regional releases do not add up to {key}")))
                    }
                }
            }
        })
        .collect()
}

fn percent(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

fn days_figures(values: &[i32], n: CountFigure, protection: &Protection) -> PublishedDays {
    let large = n.value.is_some_and(|n| n >= protection.min_group);
    if !large {
        return PublishedDays {
            n,
            mean: DerivedFigure::suppressed(),
            median: DerivedFigure::suppressed(),
            p10: DerivedFigure::suppressed(),
            p90: DerivedFigure::suppressed(),
        };
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mean = sorted.iter().map(|v| *v as f64).sum::<f64>() / sorted.len() as f64;
    let median = super::engine::DaysSummary::of(&mut sorted.clone()).median.unwrap_or_default();
    let step = protection.percentile_rounding_days as f64;
    let rounded = |v: f64| (v / step).round() * step;
    // A percentile whose nearest rank is the first or the last value would be the minimum or the
    // maximum: one child's own value (p10 over exactly 10 children). Those are not shown.
    let percentile = |q: f64| {
        let rank = super::engine::nearest_rank(sorted.len(), q);
        if rank <= 1 || rank >= sorted.len() {
            return DerivedFigure::suppressed();
        }
        let value = rounded(sorted[rank - 1] as f64);
        DerivedFigure::published(value, format!("{value}"))
    };
    let mean = (mean * 10.0).round() / 10.0;
    PublishedDays {
        n,
        mean: DerivedFigure::published(mean, format!("{mean:.1}")),
        median: DerivedFigure::published(median, format!("{median}")),
        p10: percentile(0.1),
        p90: percentile(0.9),
    }
}

fn render_table(
    catalogue: &Catalogue,
    table: &PendingTable,
    count_figure: &dyn Fn(usize) -> CountFigure,
    gate: &DerivedGate,
    protection: &Protection,
) -> PublishedTable {
    let computed = &table.computed;
    let group_by = &computed.query.group_by;
    let full = (1usize << group_by.len()) - 1;
    let last = group_by.len().checked_sub(1);
    let wants = |m| table.spec.measures.contains(&m);
    let children_of: HashMap<(usize, Vec<u16>), usize> =
        table.rows.iter().filter_map(|r| r.children.map(|c| ((r.mask, r.key.clone()), c))).collect();
    let render_row = |row: &PendingRow| -> PublishedRow {
        let cell: &Cell = computed.grouping(row.mask).cell(&row.key);
        let dims: Vec<Dimension> =
            (0..group_by.len()).filter(|i| row.mask & (1 << i) != 0).map(|i| group_by[i]).collect();
        let children = row.children.map(count_figure);
        let share = wants(Measure::Share).then(|| {
            let Some(last) = last.filter(|l| row.mask & (1 << l) != 0) else {
                return DerivedFigure::suppressed();
            };
            let group_key = (row.mask & !(1 << last), row.key[..row.key.len() - 1].to_vec());
            let denominator = children_of.get(&group_key).map(|i| count_figure(*i));
            match (children.as_ref().and_then(|c| c.value), denominator.and_then(|d| d.value)) {
                (Some(n), Some(d)) if d >= protection.min_group => {
                    let share = n as f64 / d as f64;
                    DerivedFigure::published((share * 1000.0).round() / 1000.0, percent(share))
                }
                _ => DerivedFigure::suppressed(),
            }
        });
        let by_area = dims.contains(&Dimension::ProblemArea);
        PublishedRow {
            dimensions: dims
                .iter()
                .zip(&row.key)
                .map(|(d, p)| (d.id().to_string(), catalogue.code(*d, *p).to_string()))
                .collect(),
            children: if wants(Measure::Children) { children.clone() } else { None },
            share,
            // Mentions are published per area only (there they equal the children count); the
            // total of mentions would weigh children by their number of areas.
            mentions: (wants(Measure::Mentions) && by_area).then(|| children.clone()).flatten(),
            alone: row.alone.map(count_figure),
            combinations: wants(Measure::Combinations).then(|| {
                row.pairs
                    .iter()
                    .map(|((a, b), i)| PublishedCombination {
                        problem_areas: vec![
                            catalogue.code(Dimension::ProblemArea, *a).to_string(),
                            catalogue.code(Dimension::ProblemArea, *b).to_string(),
                        ],
                        children: count_figure(*i),
                    })
                    .collect()
            }),
            intervention_days: row.days_n.map(|i| {
                gate.days(
                    i,
                    "intervention_days",
                    days_figures(cell.intervention_day_values(), count_figure(i), protection),
                )
            }),
            enrolment_days: wants(Measure::EnrolmentDays).then(|| {
                let days = days_figures(
                    cell.enrolment_day_values(),
                    children.clone().unwrap_or_else(suppressed_count),
                    protection,
                );
                match row.children {
                    Some(group) => gate.days(group, "enrolment_days", days),
                    None => days,
                }
            }),
            age: wants(Measure::Age).then(|| {
                let large = children.as_ref().and_then(|c| c.value).is_some_and(|n| n >= protection.min_group);
                let mean = match cell.age().mean {
                    Some(mean) if large => {
                        let mean = (mean * 10.0).round() / 10.0;
                        DerivedFigure::published(mean, format!("{mean:.1}"))
                    }
                    _ => DerivedFigure::suppressed(),
                };
                PublishedAge {
                    mean: match row.children {
                        Some(group) => gate.check(group, "age.mean", mean),
                        None => mean,
                    },
                }
            }),
        }
    };
    let rows_of =
        |mask: usize| -> Vec<PublishedRow> { table.rows.iter().filter(|r| r.mask == mask).map(render_row).collect() };
    PublishedTable {
        id: table.spec.id.to_string(),
        title: table.spec.title(),
        group_by: group_by.clone(),
        measures: table.spec.measures.to_vec(),
        share_denominator: wants(Measure::Share).then(|| computed.query.share_denominator()),
        units: table.spec.measures.iter().map(|m| (m.id().to_string(), unit_of(*m).to_string())).collect(),
        dimensions: group_by
            .iter()
            .zip(&computed.domains)
            .map(|(d, domain)| PublishedDimension {
                id: *d,
                label: d.label(),
                multi_valued: d.multi_valued(),
                values: domain.iter().map(|p| catalogue.values(*d)[*p as usize].clone()).collect(),
            })
            .collect(),
        rows: if group_by.is_empty() { Vec::new() } else { rows_of(full) },
        margins: computed
            .masks()
            .into_iter()
            .filter(|m| *m != full && *m != 0)
            .map(|mask| PublishedMargin { group_by: computed.grouping(mask).dims.clone(), rows: rows_of(mask) })
            .collect(),
        total: rows_of(0).into_iter().next().unwrap_or_else(|| render_row(&table.rows[0])),
    }
}

fn suppressed_count() -> CountFigure {
    CountFigure { value: None, status: FigureStatus::Suppressed, display: "..".into() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_too_large_refusal_says_whether_size_or_the_solver_time_limit_refused() {
        let by_size = super::too_large("protecting this release", 6_456, 6_000);
        assert!(by_size.contains("6456 variables; this version solves up to 6000"), "{by_size}");
        let by_time = super::too_large("protecting this release", 4_207, 6_000);
        assert!(by_time.contains("did not finish within its safety time limit; retry later"), "{by_time}");
    }
}
