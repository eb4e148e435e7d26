//! A table as a cube: classification dimensions (each with a total category), measure columns,
//! and one line per row of the table (cells, margins, total), each figure a number, a hidden
//! figure's symbol, or nothing. Built from the very structures the JSON serves
//! ([`PublishedTable`], [`Table`]), so JSON-stat ([`super::jsonstat`]) and the workbook
//! ([`super::workbook`]) show the JSON's figures and no second computation.
//!
//! Problem-area combinations become one more dimension, `problem_area_pair`, whose total
//! category is "no pair asked": at a pair, `children` counts the children naming both areas.

use super::catalogue::{Dimension, DimensionValue, Measure, HARMONISED_FORM};
use super::csv::measure_headers;
use super::release::{CountFigure, DerivedFigure, FigureStatus, PublishedDays, PublishedRow, PublishedTable};
use super::table::{Row, Table};
use isu_domain::{CodeListId, LocalizedText};

/// The code of a dimension's total category (SDMX's code for "total").
pub const TOTAL: &str = "_T";
/// The id of the dimension of problem-area pairs.
pub const PAIR_DIMENSION: &str = "problem_area_pair";

/// What a dimension is, in JSON-stat's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DimensionRole {
    Time,
    Geo,
}

/// A value of a dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub code: String,
    pub label: LocalizedText,
}

/// A classification dimension; its last category is the total ([`TOTAL`]), except in the
/// dimension a comparison stacks its parts along ([`stack`]), whose parts do not add up.
#[derive(Debug, Clone, PartialEq)]
pub struct CubeDimension {
    pub id: String,
    pub label: LocalizedText,
    pub role: Option<DimensionRole>,
    pub categories: Vec<Category>,
}

impl CubeDimension {
    pub fn total(&self) -> usize {
        self.categories.len() - 1
    }

    fn position(&self, code: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.code == code)
    }
}

/// What a measure column counts, for its unit and the number of decimals to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Children,
    Mentions,
    /// A share between 0 and 1.
    Ratio,
    Days,
    Years,
    /// Records or cases (coverage).
    Records,
}

impl Unit {
    pub fn label(self) -> LocalizedText {
        let (sv, en) = match self {
            Unit::Children => ("antal barn", "children"),
            Unit::Mentions => ("antal omnämnanden", "mentions"),
            Unit::Ratio => ("andel (0–1)", "ratio (0–1)"),
            Unit::Days => ("dagar", "days"),
            Unit::Years => ("år", "years"),
            Unit::Records => ("antal", "count"),
        };
        LocalizedText { sv: sv.into(), en: en.into() }
    }
}

/// One measure column: its id, heading (as the CSV prints it), unit and decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureColumn {
    pub id: String,
    pub label: LocalizedText,
    pub unit: Unit,
    pub decimals: u8,
}

/// One figure of a line.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Integer(u64),
    Decimal(f64),
    /// Hidden by the protection: the symbol a table prints ("≤4", "..").
    Hidden(String),
    /// A count perturbed by the cell-key method (shown, marked [`PERTURBED_SYMBOL`]).
    PerturbedCount(u64),
    /// A share, mean or median of a cell-key release: of perturbed counts, or with noise.
    PerturbedDecimal(f64),
    /// No figure: the measure is not defined here (a share of an empty group, a mean of no
    /// children, a measure the table does not publish at this level).
    Missing,
}

impl Figure {
    pub fn number(&self) -> Option<f64> {
        match self {
            Figure::Integer(v) | Figure::PerturbedCount(v) => Some(*v as f64),
            Figure::Decimal(v) | Figure::PerturbedDecimal(v) => Some(*v),
            _ => None,
        }
    }
}

/// One row of the table: a category per dimension and a figure per measure column.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub coordinates: Vec<usize>,
    pub figures: Vec<Figure>,
}

/// A table as a cube. `lines` come in the JSON's order (cells, margins, total; a row's pairs
/// right after it); a cell of the cube without a line has no figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Cube {
    /// The table id, e.g. `d6_closing_reasons`.
    pub id: String,
    pub title: LocalizedText,
    pub dimensions: Vec<CubeDimension>,
    pub measures: Vec<MeasureColumn>,
    pub lines: Vec<Line>,
}

fn text(sv: &str, en: &str) -> LocalizedText {
    LocalizedText { sv: sv.into(), en: en.into() }
}

pub fn total_label() -> LocalizedText {
    text("Totalt", "Total")
}

fn role_of(dimension: Dimension) -> Option<DimensionRole> {
    match dimension {
        Dimension::Year => Some(DimensionRole::Time),
        Dimension::Region | Dimension::Municipality => Some(DimensionRole::Geo),
        _ => None,
    }
}

fn classification(id: Dimension, label: &LocalizedText, values: &[DimensionValue]) -> CubeDimension {
    let mut categories: Vec<Category> =
        values.iter().map(|v| Category { code: v.code.clone(), label: v.label.clone() }).collect();
    categories.push(Category { code: TOTAL.into(), label: total_label() });
    CubeDimension { id: id.id().to_string(), label: label.clone(), role: role_of(id), categories }
}

/// Every pair of problem areas in form order, as the pair dimension's categories.
fn pair_dimension() -> CubeDimension {
    let areas: Vec<(String, LocalizedText)> = isu_domain::forms::get(HARMONISED_FORM)
        .and_then(|f| f.code_list(CodeListId::ProblemAreas))
        .map(|l| l.codes.iter().map(|c| (c.code.clone(), c.label.clone())).collect())
        .unwrap_or_default();
    let mut categories = Vec::new();
    for (i, (a, label_a)) in areas.iter().enumerate() {
        for (b, label_b) in &areas[i + 1..] {
            categories.push(Category {
                code: pair_code(a, b),
                label: LocalizedText {
                    sv: format!("{} + {}", label_a.sv, label_b.sv),
                    en: format!("{} + {}", label_a.en, label_b.en),
                },
            });
        }
    }
    categories.push(Category { code: TOTAL.into(), label: text("Alla barn", "All children") });
    CubeDimension {
        id: PAIR_DIMENSION.into(),
        label: text("Kombination av problemområden", "Combination of problem areas"),
        role: None,
        categories,
    }
}

/// The code of a pair category: the two area codes joined by `+`.
pub fn pair_code(a: &str, b: &str) -> String {
    format!("{a}+{b}")
}

/// The coordinates of a row: its value of each dimension, the total where it has none. A code
/// the dimension does not list (none should occur) is added to it.
fn coordinates(dimensions: &mut [CubeDimension], row: &std::collections::BTreeMap<String, String>) -> Vec<usize> {
    dimensions
        .iter_mut()
        .map(|d| match row.get(&d.id) {
            None => d.total(),
            Some(code) => d.position(code).unwrap_or_else(|| {
                let at = d.total();
                d.categories.insert(at, Category { code: code.clone(), label: text(code, code) });
                at
            }),
        })
        .collect()
}

fn column(id: &str, headers: (String, String), unit: Unit, decimals: u8) -> MeasureColumn {
    MeasureColumn { id: id.to_string(), label: LocalizedText { sv: headers.0, en: headers.1 }, unit, decimals }
}

/// The columns of a measure: (suffix, heading, unit, decimals) for every figure it has.
fn columns_of(measure: Measure, published: bool) -> Vec<MeasureColumn> {
    let label = measure.label();
    let with =
        |suffix_sv: &str, suffix_en: &str| (format!("{} {suffix_sv}", label.sv), format!("{} {suffix_en}", label.en));
    let id = measure.id();
    match measure {
        Measure::Children | Measure::Alone => vec![column(id, (label.sv, label.en), Unit::Children, 0)],
        Measure::Mentions => vec![column(id, (label.sv, label.en), Unit::Mentions, 0)],
        Measure::Share => vec![column(id, (label.sv, label.en), Unit::Ratio, if published { 3 } else { 4 })],
        Measure::InterventionDays | Measure::EnrolmentDays if published => vec![
            column(&format!("{id}_n"), with("antal", "n"), Unit::Children, 0),
            column(&format!("{id}_mean"), with("medel", "mean"), Unit::Days, 1),
            column(&format!("{id}_median"), with("median", "median"), Unit::Days, 1),
            column(&format!("{id}_p10"), with("p10", "p10"), Unit::Days, 0),
            column(&format!("{id}_p90"), with("p90", "p90"), Unit::Days, 0),
        ],
        Measure::Age if published => vec![column(&format!("{id}_mean"), with("medel", "mean"), Unit::Years, 1)],
        Measure::InterventionDays | Measure::EnrolmentDays | Measure::Age | Measure::Coverage => {
            let suffixes: &[(&str, Unit, u8)] = match measure {
                Measure::Age => &[("mean", Unit::Years, 2), ("min", Unit::Years, 0), ("max", Unit::Years, 0)],
                Measure::Coverage => &[
                    ("registered", Unit::Records, 0),
                    ("closed_reported", Unit::Records, 0),
                    ("registered_of_reporting", Unit::Records, 0),
                    ("ratio", Unit::Ratio, 4),
                ],
                _ => &[
                    ("n", Unit::Children, 0),
                    ("mean", Unit::Days, 1),
                    ("median", Unit::Days, 1),
                    ("p10", Unit::Days, 1),
                    ("p90", Unit::Days, 1),
                    ("min", Unit::Days, 0),
                    ("max", Unit::Days, 0),
                ],
            };
            measure_headers(measure)
                .into_iter()
                .zip(suffixes)
                .map(|(headers, (suffix, unit, decimals))| column(&format!("{id}_{suffix}"), headers, *unit, *decimals))
                .collect()
        }
        // Counted per pair in the `children` column (see the module documentation).
        Measure::Combinations => Vec::new(),
    }
}

fn measure_columns(measures: &[Measure], published: bool) -> Vec<MeasureColumn> {
    let mut columns: Vec<MeasureColumn> = measures.iter().flat_map(|m| columns_of(*m, published)).collect();
    if measures.contains(&Measure::Combinations) && !measures.contains(&Measure::Children) {
        columns.splice(0..0, columns_of(Measure::Children, published));
    }
    columns
}

fn count(figure: &Option<CountFigure>) -> Figure {
    match figure {
        None => Figure::Missing,
        Some(f) => match (f.status, f.value) {
            (FigureStatus::Published, Some(v)) => Figure::Integer(v),
            (FigureStatus::Perturbed, Some(v)) => Figure::PerturbedCount(v),
            (FigureStatus::Published | FigureStatus::Perturbed, None) => Figure::Missing,
            (FigureStatus::Suppressed, _) => Figure::Hidden(f.display.clone()),
        },
    }
}

fn derived(figure: Option<&DerivedFigure>) -> Figure {
    match figure {
        None => Figure::Missing,
        Some(f) => match (f.status, f.value) {
            (FigureStatus::Published, Some(v)) => Figure::Decimal(v),
            (FigureStatus::Perturbed, Some(v)) => Figure::PerturbedDecimal(v),
            (FigureStatus::Published | FigureStatus::Perturbed, None) => Figure::Missing,
            (FigureStatus::Suppressed, _) => Figure::Hidden(f.display.clone()),
        },
    }
}

fn published_days(days: &Option<PublishedDays>) -> Vec<Figure> {
    match days {
        None => vec![Figure::Missing; 5],
        Some(d) => vec![
            count(&Some(d.n.clone())),
            derived(Some(&d.mean)),
            derived(Some(&d.median)),
            derived(Some(&d.p10)),
            derived(Some(&d.p90)),
        ],
    }
}

fn published_figures(measures: &[MeasureColumn], row: &PublishedRow) -> Vec<Figure> {
    let mut out = Vec::with_capacity(measures.len());
    let mut columns = measures.iter().peekable();
    while let Some(column) = columns.next() {
        let figures = match column.id.as_str() {
            "children" => vec![count(&row.children)],
            "share" => vec![derived(row.share.as_ref())],
            "mentions" => vec![count(&row.mentions)],
            "alone" => vec![count(&row.alone)],
            "intervention_days_n" => published_days(&row.intervention_days),
            "enrolment_days_n" => published_days(&row.enrolment_days),
            "age_mean" => vec![derived(row.age.as_ref().map(|a| &a.mean))],
            _ => vec![Figure::Missing],
        };
        // A measure of several columns fills them at once.
        for _ in 1..figures.len() {
            columns.next();
        }
        out.extend(figures);
    }
    out
}

fn figure_position(measures: &[MeasureColumn], id: &str) -> Option<usize> {
    measures.iter().position(|m| m.id == id)
}

/// A published table of a release as a cube: suppressed figures become their symbols.
pub fn from_published(table: &PublishedTable) -> Cube {
    let mut dimensions: Vec<CubeDimension> =
        table.dimensions.iter().map(|d| classification(d.id, &d.label, &d.values)).collect();
    let pairs = table.measures.contains(&Measure::Combinations);
    if pairs {
        dimensions.push(pair_dimension());
    }
    let measures = measure_columns(&table.measures, true);
    let children_at = figure_position(&measures, "children");
    let mut lines = Vec::new();
    let rows = table.rows.iter().chain(table.margins.iter().flat_map(|m| m.rows.iter())).chain([&table.total]);
    for row in rows {
        let coordinates = coordinates(&mut dimensions, &row.dimensions);
        lines.push(Line { coordinates: coordinates.clone(), figures: published_figures(&measures, row) });
        if let (true, Some(combinations), Some(children_at)) = (pairs, &row.combinations, children_at) {
            // In the pair dimension's order, as the exact tables.
            let pair_dim = dimensions.len() - 1;
            let named: std::collections::HashMap<String, &CountFigure> = combinations
                .iter()
                .map(|c| (pair_code(&c.problem_areas[0], &c.problem_areas[1]), &c.children))
                .collect();
            for (at, category) in dimensions[pair_dim].categories.iter().enumerate() {
                let Some(figure) = named.get(&category.code) else { continue };
                let mut figures = vec![Figure::Missing; measures.len()];
                figures[children_at] = count(&Some((*figure).clone()));
                let mut coordinates = coordinates.clone();
                coordinates[pair_dim] = at;
                lines.push(Line { coordinates, figures });
            }
        }
    }
    Cube { id: table.id.clone(), title: table.title.clone(), dimensions, measures, lines }
}

fn integer(value: Option<i64>) -> Figure {
    value.map_or(Figure::Missing, |v| if v >= 0 { Figure::Integer(v as u64) } else { Figure::Decimal(v as f64) })
}

fn decimal(value: Option<f64>) -> Figure {
    value.map_or(Figure::Missing, Figure::Decimal)
}

fn exact_figures(measures: &[MeasureColumn], row: &Row) -> Vec<Figure> {
    measures
        .iter()
        .map(|column| match column.id.as_str() {
            "children" => row.children.map_or(Figure::Missing, Figure::Integer),
            "share" => decimal(row.share),
            "mentions" => row.mentions.map_or(Figure::Missing, Figure::Integer),
            "alone" => row.alone.map_or(Figure::Missing, Figure::Integer),
            id => {
                let days = |d: &Option<super::engine::DaysSummary>, part: &str| match d {
                    None => Figure::Missing,
                    Some(d) => match part {
                        "n" => Figure::Integer(d.n),
                        "mean" => decimal(d.mean),
                        "median" => decimal(d.median),
                        "p10" => decimal(d.p10),
                        "p90" => decimal(d.p90),
                        "min" => integer(d.min),
                        _ => integer(d.max),
                    },
                };
                if let Some(part) = id.strip_prefix("intervention_days_") {
                    days(&row.intervention_days, part)
                } else if let Some(part) = id.strip_prefix("enrolment_days_") {
                    days(&row.enrolment_days, part)
                } else if let Some(part) = id.strip_prefix("age_") {
                    match &row.age {
                        None => Figure::Missing,
                        Some(a) => match part {
                            "mean" => decimal(a.mean),
                            "min" => integer(a.min),
                            _ => integer(a.max),
                        },
                    }
                } else if let Some(part) = id.strip_prefix("coverage_") {
                    match &row.coverage {
                        None => Figure::Missing,
                        Some(c) => match part {
                            "registered" => Figure::Integer(c.registered),
                            "closed_reported" => Figure::Integer(c.closed_reported),
                            "registered_of_reporting" => Figure::Integer(c.registered_of_reporting),
                            _ => decimal(c.ratio),
                        },
                    }
                } else {
                    Figure::Missing
                }
            }
        })
        .collect()
}

/// An exact table (statistics, the region analyst's report) as a cube. A pair no child names
/// is not listed by the statistic, and counts 0 here.
pub fn from_exact(id: &str, title: &LocalizedText, table: &Table) -> Cube {
    let mut dimensions: Vec<CubeDimension> =
        table.dimensions.iter().map(|d| classification(d.id, &d.label, &d.values)).collect();
    let pairs = table.measures.contains(&Measure::Combinations);
    if pairs {
        dimensions.push(pair_dimension());
    }
    let measures = measure_columns(&table.measures, false);
    let children_at = figure_position(&measures, "children");
    let mut lines = Vec::new();
    let rows = table.rows.iter().chain(table.margins.iter().flat_map(|m| m.rows.iter())).chain([&table.total]);
    for row in rows {
        let coordinates = coordinates(&mut dimensions, &row.dimensions);
        lines.push(Line { coordinates: coordinates.clone(), figures: exact_figures(&measures, row) });
        if let (true, Some(combinations), Some(children_at)) = (pairs, &row.combinations, children_at) {
            let pair_dim = dimensions.len() - 1;
            let named: std::collections::HashMap<String, u64> = combinations
                .iter()
                .map(|c| (pair_code(&c.problem_areas[0], &c.problem_areas[1]), c.children))
                .collect();
            let all: Vec<String> =
                dimensions[pair_dim].categories.iter().map(|c| c.code.clone()).filter(|c| c != TOTAL).collect();
            for (at, code) in all.iter().enumerate() {
                let mut figures = vec![Figure::Missing; measures.len()];
                figures[children_at] = Figure::Integer(named.get(code).copied().unwrap_or(0));
                let mut coordinates = coordinates.clone();
                coordinates[pair_dim] = at;
                lines.push(Line { coordinates, figures });
            }
        }
    }
    Cube { id: id.to_string(), title: title.clone(), dimensions, measures, lines }
}

/// Cubes of the same table side by side along a new first dimension (the scopes of a
/// comparison). Dimensions and their categories are the union of the parts' (in order of first
/// appearance); a part without a dimension sits at its total; measure columns are the first
/// part's, the others' figures matched by column id.
pub fn stack(dimension: CubeDimension, parts: Vec<(usize, Cube)>, id: &str, title: LocalizedText) -> Cube {
    let mut dimensions: Vec<CubeDimension> = vec![dimension];
    let mut measures: Vec<MeasureColumn> = Vec::new();
    for (_, part) in &parts {
        for m in &part.measures {
            if !measures.iter().any(|c| c.id == m.id) {
                measures.push(m.clone());
            }
        }
        for d in &part.dimensions {
            match dimensions.iter_mut().find(|x| x.id == d.id) {
                None => dimensions.push(d.clone()),
                Some(existing) => {
                    for c in &d.categories {
                        if existing.position(&c.code).is_none() {
                            let at = existing.total();
                            existing.categories.insert(at, c.clone());
                        }
                    }
                }
            }
        }
    }
    let mut lines = Vec::new();
    for (at, part) in parts {
        let measure_map: Vec<Option<usize>> =
            measures.iter().map(|m| part.measures.iter().position(|p| p.id == m.id)).collect();
        for line in &part.lines {
            let coordinates = dimensions
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    if i == 0 {
                        return at;
                    }
                    match part.dimensions.iter().position(|p| p.id == d.id) {
                        Some(p) => d.position(&part.dimensions[p].categories[line.coordinates[p]].code).unwrap_or(0),
                        None => d.total(),
                    }
                })
                .collect();
            let figures = measure_map.iter().map(|m| m.map_or(Figure::Missing, |m| line.figures[m].clone())).collect();
            lines.push(Line { coordinates, figures });
        }
    }
    Cube { id: id.to_string(), title, dimensions, measures, lines }
}

/// What `≤k−1` and `..` mean in a protected table (both levels: a national release shows every
/// hidden figure as `..`).
pub fn protection_symbols(protection: &super::release::Protection) -> Vec<(String, LocalizedText)> {
    let small = protection.k - 1;
    vec![
        (
            format!("≤{small}"),
            LocalizedText {
                sv: format!("Litet antal (1–{small}), dolt för att skydda enskilda barn"),
                en: format!("A small count (1–{small}), hidden to protect individual children"),
            },
        ),
        (
            "..".into(),
            LocalizedText {
                sv: format!(
                    "Dold uppgift: döljs för att skydda andra uppgifter (sekundär röjandekontroll), eller en andel, ett \
                     medelvärde, en median eller en percentil över färre än {} barn eller över ett dolt antal",
                    protection.min_group
                ),
                en: format!(
                    "Hidden: to protect other figures (secondary suppression), or a share, mean, median or \
                     percentile over fewer than {} children or over a hidden count",
                    protection.min_group
                ),
            },
        ),
    ]
}

/// The JSON-stat status (and workbook note) of a perturbed figure: its value is shown.
pub const PERTURBED_SYMBOL: &str = "~";

/// What the symbols of a cell-key release mean: `~` on every perturbed figure, `..` on a derived
/// figure not published (a group under the minimum size, a percentile at an extreme rank).
pub fn cell_key_symbols(method: &super::protected::CellKeyMethod) -> Vec<(String, LocalizedText)> {
    vec![
        (
            PERTURBED_SYMBOL.into(),
            LocalizedText {
                sv: format!(
                    "Slumpmässigt förändrad uppgift (cellnyckelmetoden): ett antal avviker högst {} från det sanna, antal \
                     1–{} förekommer aldrig, och samma barn ger alltid samma värde; andelar är av förändrade antal, \
                     medelvärden och medianer har brus",
                    method.max_deviation, method.js
                ),
                en: format!(
                    "Perturbed figure (cell-key method): a count is within {} of the true one, counts 1–{} never \
                     occur, and the same children always give the same value; shares are of perturbed counts, means \
                     and medians carry noise",
                    method.max_deviation, method.js
                ),
            },
        ),
        (
            "..".into(),
            LocalizedText {
                sv: format!(
                    "Ingen uppgift publiceras: ett medelvärde, en median eller en percentil över färre än {} barn, eller \
                     en percentil vid första eller sista rangen (ett enskilt barns värde)",
                    method.min_group
                ),
                en: format!(
                    "Not published: a mean, median or percentile over fewer than {} children, or a percentile at the \
                     first or last rank (one child's own value)",
                    method.min_group
                ),
            },
        ),
    ]
}

/// What an empty cell (JSON-stat: `null` without a status) means.
pub fn no_figure_meaning() -> LocalizedText {
    text(
        "Ingen uppgift: måttet är inte definierat här (t.ex. en andel av en tom grupp) eller redovisas inte på denna nivå",
        "No figure: the measure is not defined here (e.g. a share of an empty group) or not published at this level",
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::stats::release::{PublishedCombination, PublishedDimension};
    use std::collections::BTreeMap;

    fn published(value: u64) -> Option<CountFigure> {
        Some(CountFigure { value: Some(value), status: FigureStatus::Published, display: value.to_string() })
    }

    fn hidden(display: &str) -> Option<CountFigure> {
        Some(CountFigure { value: None, status: FigureStatus::Suppressed, display: display.into() })
    }

    fn row(dims: &[(&str, &str)], children: Option<CountFigure>) -> PublishedRow {
        PublishedRow {
            dimensions: dims.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            children,
            share: None,
            mentions: None,
            alone: None,
            combinations: None,
            intervention_days: None,
            enrolment_days: None,
            age: None,
        }
    }

    pub(crate) fn gender_table() -> PublishedTable {
        let values = vec![
            DimensionValue { code: "girl".into(), label: text("Flicka", "Girl") },
            DimensionValue { code: "boy".into(), label: text("Pojke", "Boy") },
        ];
        PublishedTable {
            id: "t_gender".into(),
            title: text("Kön", "Gender"),
            group_by: vec![Dimension::Gender],
            measures: vec![Measure::Children],
            share_denominator: None,
            units: BTreeMap::new(),
            dimensions: vec![PublishedDimension {
                id: Dimension::Gender,
                label: Dimension::Gender.label(),
                multi_valued: false,
                values,
            }],
            rows: vec![row(&[("gender", "girl")], published(12)), row(&[("gender", "boy")], hidden("≤4"))],
            margins: vec![],
            total: row(&[], hidden("..")),
        }
    }

    #[test]
    fn a_published_table_keeps_its_figures_and_symbols() {
        let cube = from_published(&gender_table());
        assert_eq!(cube.dimensions.len(), 1);
        let codes: Vec<&str> = cube.dimensions[0].categories.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["girl", "boy", TOTAL]);
        assert_eq!(cube.measures.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["children"]);
        let figures: Vec<(Vec<usize>, Figure)> =
            cube.lines.iter().map(|l| (l.coordinates.clone(), l.figures[0].clone())).collect();
        assert_eq!(
            figures,
            [
                (vec![0], Figure::Integer(12)),
                (vec![1], Figure::Hidden("≤4".into())),
                (vec![2], Figure::Hidden("..".into()))
            ]
        );
    }

    #[test]
    fn combinations_become_a_pair_dimension() {
        let mut table = gender_table();
        table.measures = vec![Measure::Children, Measure::Combinations];
        table.dimensions.clear();
        table.rows.clear();
        table.total.combinations = Some(vec![PublishedCombination {
            problem_areas: vec!["a".into(), "b".into()],
            children: published(7).unwrap(),
        }]);
        let pair = pair_dimension();
        // The code list's first two areas, so that the pair exists.
        let (first, second) = {
            let code = &pair.categories[0].code;
            let (a, b) = code.split_once('+').unwrap();
            (a.to_string(), b.to_string())
        };
        table.total.combinations.as_mut().unwrap()[0].problem_areas = vec![first, second];
        let cube = from_published(&table);
        assert_eq!(cube.dimensions.len(), 1);
        assert_eq!(cube.dimensions[0].id, PAIR_DIMENSION);
        assert_eq!(cube.lines.len(), 2);
        assert_eq!(cube.lines[0].coordinates, [cube.dimensions[0].total()]);
        assert_eq!(cube.lines[1].coordinates, [0]);
        assert_eq!(cube.lines[1].figures, [Figure::Integer(7)]);
    }

    #[test]
    fn stacking_puts_a_part_without_a_dimension_at_its_total() {
        let a = from_published(&gender_table());
        let mut national = gender_table();
        national.dimensions.clear();
        national.rows.clear();
        national.total = row(&[], published(40));
        let b = from_published(&national);
        let scope = CubeDimension {
            id: "scope".into(),
            label: text("Område", "Scope"),
            role: Some(DimensionRole::Geo),
            categories: vec![
                Category { code: "r".into(), label: text("r", "r") },
                Category { code: "national".into(), label: text("Riket", "National") },
            ],
        };
        let cube = stack(scope, vec![(0, a), (1, b)], "t_gender", text("Kön", "Gender"));
        assert_eq!(cube.dimensions.len(), 2);
        let last = cube.lines.last().unwrap();
        assert_eq!(last.coordinates, [1, 2]);
        assert_eq!(last.figures, [Figure::Integer(40)]);
    }
}
