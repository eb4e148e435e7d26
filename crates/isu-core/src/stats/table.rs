//! The wire shape of a computed statistic: rows of dimension codes with the requested measures,
//! the margins of every subset of the group-by dimensions, and the grand total.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::catalogue::{Catalogue, Dimension, DimensionValue, Measure};
use super::engine::{AgeSummary, Cell, Computed, CoverageFigure, DaysSummary};
use isu_domain::LocalizedText;

/// A dimension of the table with the values its rows use, in row order.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsDimensionInfo)]
pub struct DimensionInfo {
    pub id: Dimension,
    pub label: LocalizedText,
    /// Whether a child can have several values (then counts sum past the number of children).
    pub multi_valued: bool,
    pub values: Vec<DimensionValue>,
}

/// Two problem areas named together.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = ProblemAreaCombination)]
pub struct Combination {
    /// The two problem-area codes, in form order.
    #[schema(min_items = 2, max_items = 2)]
    pub problem_areas: Vec<String>,
    /// Children naming both.
    pub children: u64,
}

impl Combination {
    /// The pair of problem areas at catalogue positions `a` and `b`, named by their codes.
    pub fn of(catalogue: &Catalogue, a: u16, b: u16, children: u64) -> Self {
        Combination {
            problem_areas: vec![
                catalogue.code(Dimension::ProblemArea, a).to_string(),
                catalogue.code(Dimension::ProblemArea, b).to_string(),
            ],
            children,
        }
    }
}

/// One cell: its dimension values and the requested measures (absent when not requested, or
/// when undefined: a share whose group is empty).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = StatsRow, example = json!({"dimensions": {"gender": "girl"}, "children": 412, "share": 0.47}))]
pub struct Row {
    /// Dimension id → value code. Empty for the grand total.
    pub dimensions: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub children: Option<u64>,
    /// Between 0 and 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub mentions: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub alone: Option<u64>,
    /// Pairs named together by at least one child.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Vec<Combination>, required = false)]
    pub combinations: Option<Vec<Combination>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = DaysSummary, required = false)]
    pub intervention_days: Option<DaysSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = DaysSummary, required = false)]
    pub enrolment_days: Option<DaysSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = AgeSummary, required = false)]
    pub age: Option<AgeSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CoverageFigure, required = false)]
    pub coverage: Option<CoverageFigure>,
}

/// The rows of one margin: the table summed over the dimensions not listed (counted, not
/// summed, so a child with several values of a collapsed dimension counts once).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsMargin)]
pub struct Margin {
    pub group_by: Vec<Dimension>,
    pub rows: Vec<Row>,
}

/// A statistic: cells, margins and total, with what its numbers mean.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StatsTable)]
pub struct Table {
    pub group_by: Vec<Dimension>,
    pub measures: Vec<Measure>,
    /// The cells a `share` is taken of: the group-by without its last dimension (empty: of all
    /// children). Present when `share` is requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Vec<Dimension>, required = false)]
    pub share_denominator: Option<Vec<Dimension>>,
    /// Measure id → unit (`children`, `mentions`, `ratio` 0–1, `days`, `years`).
    pub units: BTreeMap<String, String>,
    pub dimensions: Vec<DimensionInfo>,
    /// Every combination of the group-by dimensions' values, zeros included, in value order.
    pub rows: Vec<Row>,
    /// Every proper subset of the group-by dimensions except the empty one, finest first.
    pub margins: Vec<Margin>,
    pub total: Row,
}

pub fn unit_of(measure: Measure) -> &'static str {
    match measure {
        Measure::Children | Measure::Alone | Measure::Combinations => "children",
        Measure::Mentions => "mentions",
        Measure::Share | Measure::Coverage => "ratio",
        Measure::InterventionDays | Measure::EnrolmentDays => "days",
        Measure::Age => "years",
    }
}

fn row(catalogue: &Catalogue, computed: &Computed, mask: usize, key: &[u16], cell: &Cell) -> Row {
    let wants = |m| computed.query.wants(m);
    let dims: Vec<Dimension> = (0..computed.query.group_by.len())
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| computed.query.group_by[i])
        .collect();
    Row {
        dimensions: dims
            .iter()
            .zip(key)
            .map(|(d, p)| (d.id().to_string(), catalogue.code(*d, *p).to_string()))
            .collect(),
        children: wants(Measure::Children).then_some(cell.children),
        share: if wants(Measure::Share) { computed.share(mask, key) } else { None },
        mentions: wants(Measure::Mentions).then_some(cell.mentions),
        alone: wants(Measure::Alone).then_some(cell.alone),
        combinations: wants(Measure::Combinations)
            .then(|| cell.pairs().iter().map(|((a, b), n)| Combination::of(catalogue, *a, *b, *n)).collect()),
        intervention_days: wants(Measure::InterventionDays).then(|| cell.intervention_days()),
        enrolment_days: wants(Measure::EnrolmentDays).then(|| cell.enrolment_days()),
        age: wants(Measure::Age).then(|| cell.age()),
        coverage: wants(Measure::Coverage).then(|| cell.coverage()),
    }
}

/// The wire table of a computed query.
pub fn render(catalogue: &Catalogue, computed: &Computed) -> Table {
    let query = &computed.query;
    let full = (1usize << query.group_by.len()) - 1;
    let rows_of = |mask: usize| -> Vec<Row> {
        computed
            .keys(mask)
            .iter()
            .map(|key| row(catalogue, computed, mask, key, computed.grouping(mask).cell(key)))
            .collect()
    };
    let margins = computed
        .masks()
        .into_iter()
        .filter(|m| *m != full && *m != 0)
        .map(|mask| Margin { group_by: computed.grouping(mask).dims.clone(), rows: rows_of(mask) })
        .collect();
    Table {
        group_by: query.group_by.clone(),
        measures: query.measures.clone(),
        share_denominator: query.wants(Measure::Share).then(|| query.share_denominator()),
        units: query.measures.iter().map(|m| (m.id().to_string(), unit_of(*m).to_string())).collect(),
        dimensions: query
            .group_by
            .iter()
            .zip(&computed.domains)
            .map(|(d, domain)| DimensionInfo {
                id: *d,
                label: d.label(),
                multi_valued: d.multi_valued(),
                values: domain.iter().map(|p| catalogue.values(*d)[*p as usize].clone()).collect(),
            })
            .collect(),
        rows: if query.group_by.is_empty() { Vec::new() } else { rows_of(full) },
        margins,
        total: row(catalogue, computed, 0, &[], computed.total()),
    }
}
