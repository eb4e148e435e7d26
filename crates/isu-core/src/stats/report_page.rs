//! The yearly report as one self-contained HTML page: inline CSS, inline SVG charts, no script,
//! no external resource (a `Content-Security-Policy` meta tag refuses them), printable on A4.
//!
//! The page is drawn from the very tables the JSON serves — a release's [`PublishedTable`]s or
//! the exact report's [`Table`]s — through [`PageTable`], a view that only renames what those
//! tables hold (figure value, display string, hidden or not): nothing is computed a second time.
//! Every figure in the page, in a table cell or a bar, carries `data-table`, `data-row`,
//! `data-col` and either `data-value` (the JSON value) or `data-hidden` (its symbol), so a test
//! can check the page against the JSON number by number.
//!
//! Structure after the seed report's chapter 5, each diagram drawn from one table:
//! - Table 1 ← `t1_background` (table)
//! - Diagram 1 ← `d1_problem_areas`: share of children per problem area, sorted
//! - Diagram 2 ← `d2_problem_areas_by_gender`: the same per gender (bars grouped by area)
//! - Table X.1 ← `tx1_problem_areas_alone` (table)
//! - Combinations ← `problem_area_combinations` (a matrix of pairs)
//! - Diagram 4 ← `d4_intervention_type`: intervention type per municipality (or region)
//! - Table 2 ← `t2_manual_methods` (table)
//! - Diagram 5 ← `d5_intervention_by_problem`: intervention type per problem area
//! - Diagram 6 ← `d6_closing_reasons`: closing reasons
//! - Diagram 7 ← `d7_closing_by_intervention`: closing reason per intervention type
//! - Closing reason per problem area ← `closing_by_problem` (table)
//! - Table X.2 / Diagram 8 ← `tx2_days_by_problem`: median intervention days per area, sorted
//! - Diagram 9 ← `d9_days_by_intervention`: median intervention days per intervention type
//! - Table 3 ← `t3_previously_active` (table)
//! - Birth background (from 2021) ← `by_birth_background`: intervention type per background
//!
//! A table the report lacks (a year before 2021 has no birth background) is left out. Every
//! diagram is followed by its table, so each figure is readable as text as well as in the picture.
//! A hidden figure is never drawn as a zero-length bar: it is a hatched, dashed placeholder of
//! fixed width with its symbol ("≤4", "..") written next to it, as the table prints it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::catalogue::{Dimension, DimensionValue, Measure};
use super::release::{CountFigure, DerivedFigure, PublishedDays, PublishedRow, PublishedTable};
use super::table::{Row, Table};
use isu_domain::LocalizedText;

/// Escapes text for HTML and SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One figure as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFigure {
    /// The JSON value; `None` when hidden or undefined.
    pub value: Option<f64>,
    /// What the table prints.
    pub display: String,
    /// Hidden by the protection ("≤4", ".."), as opposed to undefined (an empty group).
    pub hidden: bool,
}

impl PageFigure {
    fn of_count(figure: &CountFigure) -> Self {
        Self { value: figure.value.map(|v| v as f64), display: figure.display.clone(), hidden: figure.value.is_none() }
    }

    fn of_derived(figure: &DerivedFigure) -> Self {
        Self { value: figure.value, display: figure.display.clone(), hidden: figure.value.is_none() }
    }

    fn exact_count(value: u64) -> Self {
        Self { value: Some(value as f64), display: value.to_string(), hidden: false }
    }

    /// An exact figure; `None` is undefined (no children to take it over), printed "–".
    fn exact(value: Option<f64>, display: impl Fn(f64) -> String) -> Self {
        match value {
            Some(v) => Self { value: Some(v), display: display(v), hidden: false },
            None => Self { value: None, display: "–".into(), hidden: false },
        }
    }
}

/// A column of figures: `key` is how the JSON names it (`children`, `share`,
/// `intervention_days.median`, …).
#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub label: LocalizedText,
    /// The measure a part belongs to (`Inskrivningstid (dagar)` over `antal`, `medel`, …).
    pub group: Option<LocalizedText>,
}

/// One row of a table: its dimension values (none for the total) and a figure per column.
#[derive(Debug, Clone)]
pub struct PageRow {
    pub dimensions: BTreeMap<String, String>,
    pub figures: Vec<PageFigure>,
    /// Pairs of problem areas (codes) with the children naming both.
    pub pairs: Vec<(String, String, PageFigure)>,
}

impl PageRow {
    /// How the page names the row in `data-row`: `dim=code` pairs in dimension-id order, joined
    /// by commas (the JSON row's `dimensions`), or `total`.
    pub fn key(&self) -> String {
        row_key(&self.dimensions)
    }

    fn figure(&self, columns: &[Column], key: &str) -> Option<&PageFigure> {
        columns.iter().position(|c| c.key == key).and_then(|i| self.figures.get(i))
    }

    fn code(&self, dim: Dimension) -> Option<&str> {
        self.dimensions.get(dim.id()).map(String::as_str)
    }
}

/// The `data-row` name of a row with these dimension values.
pub fn row_key(dimensions: &BTreeMap<String, String>) -> String {
    if dimensions.is_empty() {
        return "total".into();
    }
    dimensions.iter().map(|(d, c)| format!("{d}={c}")).collect::<Vec<_>>().join(",")
}

/// A dimension of a table with its values' labels.
#[derive(Debug, Clone)]
pub struct PageDimension {
    pub id: Dimension,
    pub label: LocalizedText,
    pub values: Vec<DimensionValue>,
}

/// A table of the report as the page draws it.
#[derive(Debug, Clone)]
pub struct PageTable {
    pub id: String,
    pub title: LocalizedText,
    pub dimensions: Vec<PageDimension>,
    pub columns: Vec<Column>,
    /// Every combination of the dimensions' values.
    pub rows: Vec<PageRow>,
    /// The margins, finest first, each a list of rows.
    pub margins: Vec<Vec<PageRow>>,
    pub total: PageRow,
}

fn text(sv: &str, en: &str) -> LocalizedText {
    LocalizedText { sv: sv.into(), en: en.into() }
}

/// A column of one part of a measure (`intervention_days.median`), headed by the measure.
fn part(measure: Measure, key: &str, sv: &str, en: &str) -> Column {
    Column { key: format!("{}.{key}", measure.id()), label: text(sv, en), group: Some(measure.label()) }
}

fn whole(measure: Measure) -> Column {
    Column { key: measure.id().into(), label: measure.label(), group: None }
}

fn percent(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

fn plain(value: f64) -> String {
    format!("{value}")
}

const DAYS_PUBLISHED: [(&str, &str, &str); 5] = [
    ("n", "antal", "n"),
    ("mean", "medel", "mean"),
    ("median", "median", "median"),
    ("p10", "p10", "p10"),
    ("p90", "p90", "p90"),
];
const DAYS_EXACT: [(&str, &str, &str); 5] = [
    ("n", "antal", "n"),
    ("mean", "medel", "mean"),
    ("median", "median", "median"),
    ("min", "min", "min"),
    ("max", "max", "max"),
];

fn published_columns(measures: &[Measure]) -> Vec<Column> {
    let mut columns = Vec::new();
    for m in measures {
        match m {
            Measure::Combinations | Measure::Coverage => {}
            Measure::InterventionDays | Measure::EnrolmentDays => {
                for (key, sv, en) in DAYS_PUBLISHED {
                    columns.push(part(*m, key, sv, en));
                }
            }
            Measure::Age => columns.push(part(*m, "mean", "medel", "mean")),
            _ => columns.push(whole(*m)),
        }
    }
    columns
}

fn published_days(days: Option<&PublishedDays>, key: &str) -> Option<PageFigure> {
    let days = days?;
    Some(match key {
        "n" => PageFigure::of_count(&days.n),
        "mean" => PageFigure::of_derived(&days.mean),
        "median" => PageFigure::of_derived(&days.median),
        "p10" => PageFigure::of_derived(&days.p10),
        _ => PageFigure::of_derived(&days.p90),
    })
}

fn published_row(row: &PublishedRow, columns: &[Column]) -> PageRow {
    let absent = || PageFigure { value: None, display: String::new(), hidden: false };
    let figures = columns
        .iter()
        .map(|c| {
            let figure = match c.key.split_once('.') {
                Some(("intervention_days", key)) => published_days(row.intervention_days.as_ref(), key),
                Some(("enrolment_days", key)) => published_days(row.enrolment_days.as_ref(), key),
                Some(("age", _)) => row.age.as_ref().map(|a| PageFigure::of_derived(&a.mean)),
                _ => match c.key.as_str() {
                    "children" => row.children.as_ref().map(PageFigure::of_count),
                    "share" => row.share.as_ref().map(PageFigure::of_derived),
                    "mentions" => row.mentions.as_ref().map(PageFigure::of_count),
                    "alone" => row.alone.as_ref().map(PageFigure::of_count),
                    _ => None,
                },
            };
            figure.unwrap_or_else(absent)
        })
        .collect();
    let pairs = row
        .combinations
        .iter()
        .flatten()
        .map(|c| (c.problem_areas[0].clone(), c.problem_areas[1].clone(), PageFigure::of_count(&c.children)))
        .collect();
    PageRow { dimensions: row.dimensions.clone(), figures, pairs }
}

impl PageTable {
    /// The view of a release's table.
    pub fn from_published(table: &PublishedTable) -> Self {
        let columns = published_columns(&table.measures);
        let rows_of = |rows: &[PublishedRow]| rows.iter().map(|r| published_row(r, &columns)).collect::<Vec<_>>();
        Self {
            id: table.id.clone(),
            title: table.title.clone(),
            dimensions: table
                .dimensions
                .iter()
                .map(|d| PageDimension { id: d.id, label: d.label.clone(), values: d.values.clone() })
                .collect(),
            rows: rows_of(&table.rows),
            margins: table.margins.iter().map(|m| rows_of(&m.rows)).collect(),
            total: published_row(&table.total, &columns),
            columns,
        }
    }

    /// The view of an exact report table (nothing hidden; undefined figures print "–").
    pub fn from_exact(id: &str, title: &LocalizedText, table: &Table) -> Self {
        let mut columns = Vec::new();
        for m in &table.measures {
            match m {
                Measure::Combinations | Measure::Coverage => {}
                Measure::InterventionDays | Measure::EnrolmentDays => {
                    for (key, sv, en) in DAYS_EXACT {
                        columns.push(part(*m, key, sv, en));
                    }
                }
                Measure::Age => {
                    for (key, sv, en) in [("mean", "medel", "mean"), ("min", "min", "min"), ("max", "max", "max")] {
                        columns.push(part(*m, key, sv, en));
                    }
                }
                _ => columns.push(whole(*m)),
            }
        }
        let exact_row = |row: &Row| -> PageRow {
            let figures = columns
                .iter()
                .map(|c| {
                    let int = |v: Option<i64>| PageFigure::exact(v.map(|v| v as f64), plain);
                    let days = |d: Option<&super::engine::DaysSummary>, key: &str| {
                        d.map(|d| match key {
                            "n" => PageFigure::exact_count(d.n),
                            "mean" => PageFigure::exact(d.mean, one_decimal),
                            "median" => PageFigure::exact(d.median, plain),
                            "min" => int(d.min),
                            _ => int(d.max),
                        })
                    };
                    let figure = match c.key.split_once('.') {
                        Some(("intervention_days", key)) => days(row.intervention_days.as_ref(), key),
                        Some(("enrolment_days", key)) => days(row.enrolment_days.as_ref(), key),
                        Some(("age", key)) => row.age.as_ref().map(|a| match key {
                            "mean" => PageFigure::exact(a.mean, one_decimal),
                            "min" => int(a.min),
                            _ => int(a.max),
                        }),
                        _ => match c.key.as_str() {
                            "children" => row.children.map(PageFigure::exact_count),
                            "share" => Some(PageFigure::exact(row.share, percent)),
                            "mentions" => row.mentions.map(PageFigure::exact_count),
                            "alone" => row.alone.map(PageFigure::exact_count),
                            _ => None,
                        },
                    };
                    figure.unwrap_or_else(|| PageFigure::exact(None, plain))
                })
                .collect();
            let pairs = row
                .combinations
                .iter()
                .flatten()
                .map(|c| (c.problem_areas[0].clone(), c.problem_areas[1].clone(), PageFigure::exact_count(c.children)))
                .collect();
            PageRow { dimensions: row.dimensions.clone(), figures, pairs }
        };
        Self {
            id: id.to_string(),
            title: title.clone(),
            dimensions: table
                .dimensions
                .iter()
                .map(|d| PageDimension { id: d.id, label: d.label.clone(), values: d.values.clone() })
                .collect(),
            rows: table.rows.iter().map(exact_row).collect(),
            margins: table.margins.iter().map(|m| m.rows.iter().map(exact_row).collect()).collect(),
            total: exact_row(&table.total),
            columns,
        }
    }

    fn dimension(&self, dim: Dimension) -> Option<&PageDimension> {
        self.dimensions.iter().find(|d| d.id == dim)
    }

    /// The Swedish label of a value (the code when unknown).
    fn value_label(&self, dim: Dimension, code: &str) -> String {
        self.dimension(dim)
            .and_then(|d| d.values.iter().find(|v| v.code == code))
            .map_or_else(|| code.to_string(), |v| v.label.sv.clone())
    }
}

/// Who the page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAudience {
    /// A protected release: may be published.
    Published,
    /// The exact report of a region analyst: not for publication.
    Internal,
}

/// Everything the page says about the report besides its tables.
#[derive(Debug, Clone)]
pub struct PageReport {
    pub audience: PageAudience,
    /// The release id (published pages only).
    pub release_id: Option<String>,
    /// The scope's name (region name, or "Hela landet").
    pub scope_name: String,
    /// The scope's id (region id or `national`).
    pub scope: String,
    pub year: i32,
    pub version: Option<i32>,
    /// When the release was created, or the exact figures computed (ISO 8601, UTC).
    pub created_at: String,
    pub records: PageFigure,
    /// (label, value) lines about protection, method and form versions.
    pub facts: Vec<(String, String)>,
    /// Whether regions (national) or municipalities (region) are the geography.
    pub national: bool,
    /// How the figures were protected, in words (printed after the tables).
    pub method: Option<String>,
    pub tables: Vec<PageTable>,
}

impl PageReport {
    /// The page's title (also its `<title>` and `<h1>`).
    pub fn title(&self) -> String {
        let version = self.version.map(|v| format!(", version {v}")).unwrap_or_default();
        let internal = if self.audience == PageAudience::Internal { " (internt underlag)" } else { "" };
        format!("SU-X årsrapport {}: {}{version}{internal}", self.year, self.scope_name)
    }

    fn table(&self, id: &str) -> Option<&PageTable> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// Counts of what a rendered page holds (for the report of a run, and tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageFigures {
    pub tables: usize,
    pub diagrams: usize,
    pub hidden_cells: usize,
    pub hidden_bars: usize,
}

/// Renders the page; also says how many tables, diagrams and hidden cells it drew.
pub fn render(report: &PageReport) -> (String, PageFigures) {
    let mut page = Page { out: String::with_capacity(256 * 1024), figures: PageFigures::default() };
    page.document(report);
    (page.out, page.figures)
}

struct Page {
    out: String,
    figures: PageFigures,
}

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 8mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p.lead { margin: 0 0 4mm; color: #333; }
.en { color: #555; font-style: italic; font-weight: normal; }
dl.facts { display: grid; grid-template-columns: 42mm 1fr; gap: 1mm 4mm; margin: 0 0 4mm; font-size: 9.5pt; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.banner { border: 2px solid #b00020; color: #b00020; background: #fff4f4; padding: 2mm 4mm; font-weight: bold; margin: 0 0 4mm; }
.legend { font-size: 9pt; border: 1px solid #999; padding: 2mm 3mm; margin: 0 0 4mm; }
section.figure { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; }
section.long { break-inside: auto; page-break-inside: auto; }
.caption { font-weight: bold; margin: 0 0 1mm; }
.caption .n { font-weight: normal; }
table caption { text-align: left; }
svg.chart { width: 100%; height: auto; display: block; margin: 1mm 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
th.group { text-align: center; border-bottom: 1px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.margin td { background: #f7f7f7; }
tr.total td { font-weight: bold; border-top: 1.5px solid #333; }
td.hidden { color: #7a3b00; }
.matrix td.num, .matrix th.num { min-width: 7mm; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #444; border-top: 1px solid #999; padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; }
  /* A diagram is one picture: a tall one is scaled to fit a sheet rather than cut. */
  svg.chart { max-height: 240mm; } }
"#;

const INTERNAL_PRINT_STYLE: &str = r#"
@page { @top-center { content: "INTERNT – EJ FÖR PUBLICERING"; color: #b00020; font: bold 9pt sans-serif; } }
"#;

/// Colours of the series: the Okabe–Ito palette (distinguishable with the common colour vision
/// deficiencies), each bar also labelled with its series' name in text.
const PALETTE: [&str; 7] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#6b6b6b"];

/// Which diagram a table is drawn as.
#[derive(Debug, Clone, Copy)]
enum Chart {
    /// One bar per value of the dimension, sorted by size, from `column`.
    Sorted(Dimension, &'static str),
    /// One bar per value in catalogue order.
    Plain(Dimension, &'static str),
    /// Bars grouped by the first dimension, one per value of the second.
    Grouped(Dimension, Dimension, &'static str),
}

/// The report's order: each table with the diagram drawn from it, if any.
const LAYOUT: &[(&str, Option<Chart>)] = &[
    ("t1_background", None),
    ("d1_problem_areas", Some(Chart::Sorted(Dimension::ProblemArea, "share"))),
    ("d2_problem_areas_by_gender", Some(Chart::Grouped(Dimension::ProblemArea, Dimension::Gender, "share"))),
    ("tx1_problem_areas_alone", None),
    ("problem_area_combinations", None),
    ("d4_intervention_type", Some(Chart::Grouped(Dimension::Municipality, Dimension::InterventionType, "share"))),
    ("t2_manual_methods", None),
    ("d5_intervention_by_problem", Some(Chart::Grouped(Dimension::ProblemArea, Dimension::InterventionType, "share"))),
    ("d6_closing_reasons", Some(Chart::Plain(Dimension::ClosingReason, "share"))),
    (
        "d7_closing_by_intervention",
        Some(Chart::Grouped(Dimension::InterventionType, Dimension::ClosingReason, "share")),
    ),
    ("closing_by_problem", None),
    ("tx2_days_by_problem", Some(Chart::Sorted(Dimension::ProblemArea, "intervention_days.median"))),
    ("d9_days_by_intervention", Some(Chart::Plain(Dimension::InterventionType, "intervention_days.median"))),
    ("t3_previously_active", None),
    ("by_birth_background", Some(Chart::Grouped(Dimension::BirthBackground, Dimension::InterventionType, "share"))),
];

impl Page {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn document(&mut self, report: &PageReport) {
        let title = escape(&report.title());
        let internal = report.audience == PageAudience::Internal;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"robots\" content=\"{}\">\n<title>{title}</title>\n<style>{STYLE}{}</style>\n</head>\n",
            if internal { "noindex, nofollow" } else { "index" },
            // Printed pages of the internal report say so on every sheet.
            if internal { INTERNAL_PRINT_STYLE } else { "" }
        );
        let _ = write!(
            self.out,
            "<body data-audience=\"{}\" data-scope=\"{}\" data-year=\"{}\"{}>\n<main>\n",
            if internal { "internal" } else { "published" },
            escape(&report.scope),
            report.year,
            report.release_id.as_ref().map(|id| format!(" data-release=\"{}\"", escape(id))).unwrap_or_default()
        );
        if internal {
            self.push(
                "<div class=\"banner\" role=\"note\" id=\"internal-banner\">INTERNT UNDERLAG – EJ FÖR PUBLICERING. \
                 Exakta siffror: små antal är inte dolda. <span class=\"en\">Internal – not for publication: \
                 exact figures, small counts are not suppressed.</span></div>\n",
            );
        }
        let _ = write!(
            self.out,
            "<h1>{title}</h1>\n<p class=\"lead\">Uppföljning av barn och unga i socialtjänstens öppenvård (SU-X), \
             ärenden avslutade {year}. <span class=\"en\">Follow-up of children in outpatient care, cases closed in {year}.</span></p>\n",
            year = report.year
        );
        self.facts(report);
        self.legend(report);
        for (id, chart) in LAYOUT {
            let Some(table) = report.table(id) else { continue };
            if *id == "problem_area_combinations" {
                self.combinations(table);
                continue;
            }
            self.section(report, table, *chart);
        }
        if let Some(method) = &report.method {
            let _ = writeln!(
                self.out,
                "<section class=\"figure\" id=\"method\"><h2>Om skyddet av siffrorna <span class=\"en\">How the figures \
                 are protected</span></h2>\n<p lang=\"en\">{}</p></section>",
                escape(method)
            );
        }
        let _ = write!(
            self.out,
            "<footer>Källa: SU-X-registreringar i ISU. Skapad {}. Siffrorna på denna sida är desamma som i API:ets JSON \
             för {}. <span class=\"en\">Source: SU-X records in ISU; the figures are those of the API's JSON.</span></footer>\n\
             </main>\n</body>\n</html>\n",
            escape(&report.created_at),
            match &report.release_id {
                Some(id) => format!("GET /v1/releases/{}", escape(id)),
                None => "GET /v1/reports/su-x".into(),
            }
        );
    }

    fn facts(&mut self, report: &PageReport) {
        self.push("<dl class=\"facts\">\n");
        let line = |out: &mut String, dt: &str, dd: &str| {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(dt), escape(dd));
        };
        line(&mut self.out, "Omfattning", &format!("{} ({})", report.scope_name, report.scope));
        line(&mut self.out, "År", &report.year.to_string());
        if let Some(v) = report.version {
            line(&mut self.out, "Version", &v.to_string());
        }
        line(&mut self.out, "Antal barn", &report.records.display);
        line(&mut self.out, if report.release_id.is_some() { "Skapad" } else { "Beräknad" }, &report.created_at);
        for (dt, dd) in &report.facts {
            line(&mut self.out, dt, dd);
        }
        self.push("</dl>\n");
    }

    fn legend(&mut self, report: &PageReport) {
        if report.audience == PageAudience::Internal {
            self.push(
                "<div class=\"legend\">– = inget värde (ingen i gruppen). Andelar är av barnen i gruppen; ett barn kan ha \
                 flera problemområden, så andelarna kan summera till mer än 100 %.</div>\n",
            );
            return;
        }
        self.push(
            "<div class=\"legend\"><strong>Teckenförklaring.</strong> ≤4 = färre än fem barn (dolt så att ingen kan pekas ut). \
             .. = dolt för att skydda andra uppgifter, eller för få barn för att beräkna andelar, medelvärden och medianer. \
             I diagrammen ritas ett dolt värde som en streckad ruta med sitt tecken, aldrig som noll. \
             Andelar är av barnen i gruppen; ett barn kan ha flera problemområden. \
             <span class=\"en\">≤4: fewer than five children; ..: hidden to protect other figures or too few \
             children; hidden values are drawn as dashed boxes with their symbol, never as zero.</span></div>\n",
        );
    }

    fn section(&mut self, report: &PageReport, table: &PageTable, chart: Option<Chart>) {
        let long = table.rows.len() > 30;
        let _ = write!(
            self.out,
            "<section class=\"figure{}\" id=\"{}\" data-table-section=\"{}\">\n<h2>{} <span class=\"en\">{}</span></h2>\n",
            if long { " long" } else { "" },
            escape(&table.id),
            escape(&table.id),
            escape(&table.title.sv),
            escape(&table.title.en)
        );
        let n = table.total.figure(&table.columns, "children").or_else(|| {
            table
                .total
                .figure(&table.columns, "intervention_days.n")
                .or_else(|| table.total.figure(&table.columns, "mentions"))
        });
        let n_text = n.map(|f| f.display.clone()).unwrap_or_else(|| report.records.display.clone());
        if let Some(chart) = chart {
            self.chart(report, table, chart, &n_text);
        }
        self.table(table, &n_text, chart.is_some());
        self.push("</section>\n");
    }

    /// The table: cells, then margins, then the total.
    fn table(&mut self, table: &PageTable, n: &str, under_chart: bool) {
        // The heading names the table; the caption adds what it counts.
        self.figures.tables += 1;
        let caption = if under_chart { "Tabell till diagrammet " } else { "" };
        let _ = write!(
            self.out,
            "<table data-table=\"{}\">\n<caption class=\"caption\">{caption}<span class=\"n\">(n = {})</span></caption>\n<thead><tr>",
            escape(&table.id),
            escape(n)
        );
        // Parts of a measure (n, mean, median, …) sit under one heading: a second header row.
        let parts = table.columns.iter().any(|c| c.group.is_some());
        let span = if parts { " rowspan=\"2\"" } else { "" };
        for d in &table.dimensions {
            let _ = write!(self.out, "<th scope=\"col\"{span}>{}</th>", escape(&d.label.sv));
        }
        let mut i = 0;
        while i < table.columns.len() {
            let column = &table.columns[i];
            match &column.group {
                Some(group) => {
                    let n = table.columns[i..].iter().take_while(|c| c.group.as_ref() == Some(group)).count();
                    let _ = write!(
                        self.out,
                        "<th scope=\"colgroup\" colspan=\"{n}\" class=\"group\">{}</th>",
                        escape(&group.sv)
                    );
                    i += n;
                }
                None => {
                    let _ = write!(self.out, "<th scope=\"col\" class=\"num\"{span}>{}</th>", escape(&column.label.sv));
                    i += 1;
                }
            }
        }
        if parts {
            self.push("</tr>\n<tr>");
            for c in table.columns.iter().filter(|c| c.group.is_some()) {
                let _ = write!(self.out, "<th scope=\"col\" class=\"num\">{}</th>", escape(&c.label.sv));
            }
        }
        self.push("</tr></thead>\n<tbody>\n");
        let rows = table.rows.iter().map(|r| (r, "cell")).chain(table.margins.iter().flatten().map(|r| (r, "margin")));
        let rows: Vec<(&PageRow, &str)> = rows.chain([(&table.total, "total")]).collect();
        for (row, class) in rows {
            let _ = write!(self.out, "<tr class=\"{class}\">");
            for d in &table.dimensions {
                let label = row.code(d.id).map_or_else(|| "Totalt".to_string(), |c| table.value_label(d.id, c));
                let _ = write!(self.out, "<td>{}</td>", escape(&label));
            }
            for (c, figure) in table.columns.iter().zip(&row.figures) {
                self.cell(&table.id, &row.key(), &c.key, figure);
            }
            self.push("</tr>\n");
        }
        self.push("</tbody>\n</table>\n");
    }

    fn figure_attributes(&mut self, table: &str, row: &str, col: &str, figure: &PageFigure) {
        let _ = write!(
            self.out,
            " data-table=\"{}\" data-row=\"{}\" data-col=\"{}\"",
            escape(table),
            escape(row),
            escape(col)
        );
        match figure.value {
            Some(v) => {
                let _ = write!(self.out, " data-value=\"{v}\"");
            }
            None if figure.hidden => {
                let _ = write!(self.out, " data-hidden=\"{}\"", escape(&figure.display));
            }
            None => self.push(" data-undefined=\"\""),
        }
    }

    fn cell(&mut self, table: &str, row: &str, col: &str, figure: &PageFigure) {
        // A figure the JSON does not have (e.g. the total of mentions): an empty, unmarked cell.
        if figure.value.is_none() && !figure.hidden && figure.display.is_empty() {
            self.push("<td class=\"num\"></td>");
            return;
        }
        if figure.hidden {
            self.figures.hidden_cells += 1;
        }
        self.push(if figure.hidden { "<td class=\"num hidden\"" } else { "<td class=\"num\"" });
        self.figure_attributes(table, row, col, figure);
        let _ = write!(self.out, ">{}</td>", escape(&figure.display));
    }

    /// The pairs of problem areas as a matrix: row i, column j is the children naming both.
    fn combinations(&mut self, table: &PageTable) {
        self.figures.tables += 1;
        let mut areas: Vec<String> = Vec::new();
        for (a, b, _) in &table.total.pairs {
            for code in [a, b] {
                if !areas.contains(code) {
                    areas.push(code.clone());
                }
            }
        }
        let n = table.total.figure(&table.columns, "children").map(|f| f.display.clone()).unwrap_or_default();
        let _ = write!(
            self.out,
            "<section class=\"figure\" id=\"{id}\" data-table-section=\"{id}\">\n<h2>{} <span class=\"en\">{}</span></h2>\n\
             <table class=\"matrix\" data-table=\"{id}\">\n<caption class=\"caption\">Antal barn med båda problemområdena \
             (rad och kolumn) <span class=\"n\">(n = {})</span></caption>\n<thead><tr><th scope=\"col\">Problemområde</th>",
            escape(&table.title.sv),
            escape(&table.title.en),
            escape(&n),
            id = escape(&table.id)
        );
        for i in 1..areas.len() {
            let _ = write!(self.out, "<th scope=\"col\" class=\"num\">{i}</th>");
        }
        self.push("</tr></thead>\n<tbody>\n");
        for (i, a) in areas.iter().enumerate().take(areas.len().saturating_sub(1)) {
            let _ = write!(self.out, "<tr><th scope=\"row\">{}. {}</th>", i + 1, escape(&area_label(a)));
            for (j, b) in areas.iter().enumerate().skip(1) {
                if j <= i {
                    self.push("<td></td>");
                    continue;
                }
                let pair = table.total.pairs.iter().find(|(x, y, _)| (x == a && y == b) || (x == b && y == a));
                match pair {
                    Some((x, y, figure)) => {
                        let figure = figure.clone();
                        self.cell(&table.id, "total", &format!("pair:{x}+{y}"), &figure);
                    }
                    None => self.push("<td></td>"),
                }
            }
            self.push("</tr>\n");
        }
        if let Some(last) = areas.last() {
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}. {}</th><td colspan=\"{}\"></td></tr>",
                areas.len(),
                escape(&area_label(last)),
                areas.len().saturating_sub(1)
            );
        }
        self.push("</tbody>\n</table>\n");
        if let Some(children) = table.total.figure(&table.columns, "children") {
            let figure = children.clone();
            self.push("<p>Antal barn: <span");
            self.figure_attributes(&table.id, "total", "children", &figure);
            let _ = writeln!(self.out, ">{}</span></p>", escape(&figure.display));
        }
        self.push("</section>\n");
    }

    fn chart(&mut self, report: &PageReport, table: &PageTable, chart: Chart, n: &str) {
        let geography = |d: Dimension| {
            if d == Dimension::Municipality && report.national {
                Dimension::Region
            } else {
                d
            }
        };
        let (groups, column) = match chart {
            Chart::Sorted(dim, column) | Chart::Plain(dim, column) => {
                let dim = geography(dim);
                let mut bars: Vec<Bar> = table
                    .rows
                    .iter()
                    .filter_map(|row| {
                        let code = row.code(dim)?;
                        Some(Bar {
                            label: table.value_label(dim, code),
                            series: None,
                            row: row.key(),
                            figure: row.figure(&table.columns, column)?.clone(),
                        })
                    })
                    .collect();
                if matches!(chart, Chart::Sorted(..)) {
                    // Largest first; hidden and undefined values last, in catalogue order.
                    bars.sort_by(|a, b| {
                        let key = |bar: &Bar| bar.figure.value.map_or(f64::INFINITY, |v| -v);
                        key(a).total_cmp(&key(b))
                    });
                }
                (vec![Group { label: None, bars }], column)
            }
            Chart::Grouped(outer, inner, column) => {
                let outer = geography(outer);
                let Some(outer_dim) = table.dimension(outer) else { return };
                let Some(inner_dim) = table.dimension(inner) else { return };
                let mut groups = Vec::new();
                for value in &outer_dim.values {
                    let mut bars = Vec::new();
                    for (s, series) in inner_dim.values.iter().enumerate() {
                        let Some(row) = table.rows.iter().find(|r| {
                            r.code(outer) == Some(value.code.as_str()) && r.code(inner) == Some(series.code.as_str())
                        }) else {
                            continue;
                        };
                        let Some(figure) = row.figure(&table.columns, column) else { continue };
                        bars.push(Bar {
                            label: series.label.sv.clone(),
                            series: Some(s),
                            row: row.key(),
                            figure: figure.clone(),
                        });
                    }
                    groups.push(Group { label: Some(value.label.sv.clone()), bars });
                }
                (groups, column)
            }
        };
        let days = column.starts_with("intervention_days");
        let what = if days { "mediantid i dagar" } else { "andel barn" };
        let caption = format!("{} (n = {n})", table.title.sv);
        let shown = if days { "Mediantid i dagar" } else { "Andel barn i gruppen" };
        let desc = format!(
            "Liggande stapeldiagram: {what}{}. Varje stapel har sitt värde utskrivet; dolda värden (≤4, ..) ritas som \
             streckade rutor med sitt tecken, aldrig som noll. Samma siffror står i tabellen under diagrammet.",
            match chart {
                Chart::Grouped(outer, inner, _) => format!(
                    " per {} och {}",
                    geography(outer).label().sv.to_lowercase(),
                    inner.label().sv.to_lowercase()
                ),
                Chart::Sorted(dim, _) => format!(" per {}, sorterat efter storlek", dim.label().sv.to_lowercase()),
                Chart::Plain(dim, _) => format!(" per {}", geography(dim).label().sv.to_lowercase()),
            }
        );
        self.figures.diagrams += 1;
        let _ = writeln!(self.out, "<p class=\"caption\">{shown} <span class=\"n\">(n = {})</span></p>", escape(n));
        let svg = bar_chart(&table.id, &caption, &desc, &groups, column, days, &mut self.figures);
        self.push(&svg);
    }
}

fn area_label(code: &str) -> String {
    isu_domain::forms::get(super::catalogue::HARMONISED_FORM)
        .and_then(|f| f.code_list(isu_domain::CodeListId::ProblemAreas))
        .and_then(|l| l.get(code))
        .map_or_else(|| code.to_string(), |c| c.label.sv.clone())
}

struct Bar {
    label: String,
    /// The series' position (grouped charts): its colour.
    series: Option<usize>,
    row: String,
    figure: PageFigure,
}

struct Group {
    label: Option<String>,
    bars: Vec<Bar>,
}

/// Breaks a label into lines of at most `width` characters at spaces (a word longer than the
/// line stands alone).
fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A round step for the axis and its upper bound: at most five steps up to the largest value.
fn axis(max: f64, days: bool) -> (f64, f64) {
    let steps: &[f64] = if days { &[25.0, 50.0, 100.0, 200.0, 500.0] } else { &[0.05, 0.1, 0.2, 0.25] };
    let step = steps.iter().copied().find(|step| max / step <= 5.0).unwrap_or(steps[steps.len() - 1]);
    let top = ((max / step).ceil() * step).max(step);
    (step, if days { top } else { top.min(1.0) })
}

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 270.0;
const BAR_AREA: f64 = 340.0;
const LINE: f64 = 12.5;
const HIDDEN_WIDTH: f64 = 26.0;

/// A horizontal bar chart in SVG. Each bar is a `<g>` with the figure's data attributes; a
/// hidden figure is a hatched, dashed box of fixed width with its symbol as text.
fn bar_chart(
    id: &str,
    title: &str,
    desc: &str,
    groups: &[Group],
    column: &str,
    days: bool,
    figures: &mut PageFigures,
) -> String {
    let max = groups.iter().flat_map(|g| &g.bars).filter_map(|b| b.figure.value).fold(0.0, f64::max);
    let (step, top) = axis(max, days);
    let x0 = LABEL_WIDTH + 8.0;
    let scale = |v: f64| (v / top).clamp(0.0, 1.0) * BAR_AREA;
    let mut body = String::new();
    let mut y = 22.0;
    let hatch = format!("hatch-{id}");
    for group in groups {
        if let Some(label) = &group.label {
            for (i, line) in wrap(label, 62).iter().enumerate() {
                let _ = writeln!(
                    body,
                    "<text x=\"4\" y=\"{:.1}\" class=\"group\" font-weight=\"bold\">{}</text>",
                    y + 10.0 + i as f64 * LINE,
                    escape(line)
                );
            }
            y += wrap(label, 62).len() as f64 * LINE + 3.0;
        }
        for bar in &group.bars {
            let indent = if group.label.is_some() { 14.0 } else { 4.0 };
            let lines = wrap(&bar.label, if group.label.is_some() { 44 } else { 46 });
            let height = (lines.len() as f64 * LINE).max(16.0);
            for (i, line) in lines.iter().enumerate() {
                let _ = writeln!(
                    body,
                    "<text x=\"{indent}\" y=\"{:.1}\">{}</text>",
                    y + 11.0 + i as f64 * LINE,
                    escape(line)
                );
            }
            let colour = PALETTE[bar.series.unwrap_or(0) % PALETTE.len()];
            let bar_y = y + 2.0;
            let bar_h = 12.0;
            let _ = write!(
                body,
                "<g class=\"bar{}\" data-table=\"{}\" data-row=\"{}\" data-col=\"{}\"",
                if bar.figure.hidden { " hidden" } else { "" },
                escape(id),
                escape(&bar.row),
                escape(column)
            );
            match bar.figure.value {
                Some(v) => {
                    let w = scale(v);
                    let _ = writeln!(
                        body,
                        " data-value=\"{v}\"><rect x=\"{x0}\" y=\"{bar_y:.1}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{colour}\"/>\
                         <text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                        x0 + w + 4.0,
                        bar_y + 10.0,
                        escape(&bar.figure.display)
                    );
                }
                None if bar.figure.hidden => {
                    figures.hidden_bars += 1;
                    let _ = writeln!(
                        body,
                        " data-hidden=\"{symbol}\"><rect x=\"{x0}\" y=\"{bar_y:.1}\" width=\"{HIDDEN_WIDTH}\" height=\"{bar_h}\" \
                         fill=\"url(#{hatch})\" stroke=\"#444\" stroke-dasharray=\"3 2\"/>\
                         <text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"bold\">{symbol}</text></g>",
                        x0 + HIDDEN_WIDTH + 4.0,
                        bar_y + 10.0,
                        symbol = escape(&bar.figure.display)
                    );
                }
                None => {
                    let _ = writeln!(
                        body,
                        " data-undefined=\"\"><text x=\"{x0}\" y=\"{:.1}\">{}</text></g>",
                        bar_y + 10.0,
                        escape(&bar.figure.display)
                    );
                }
            }
            y += height + 2.0;
        }
        if group.label.is_some() {
            y += 4.0;
        }
    }
    let height = y + 8.0;
    // Axis: ticks at quarters of the range, labelled in the unit.
    let mut axis = String::new();
    let ticks = (top / step).round() as usize;
    for i in 0..=ticks {
        let v = step * i as f64;
        let x = x0 + scale(v);
        let label = if days { format!("{v:.0}") } else { format!("{:.0} %", v * 100.0) };
        let _ = writeln!(
            axis,
            "<line x1=\"{x:.1}\" y1=\"16\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#d0d0d0\"/><text x=\"{x:.1}\" y=\"11\" \
             text-anchor=\"middle\" fill=\"#444\">{label}</text>",
            height - 6.0
        );
    }
    let unit = if days { "Dagar (median)" } else { "Andel" };
    format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         preserveAspectRatio=\"xMinYMin meet\" viewBox=\"0 0 {WIDTH} {height:.0}\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"10.5\" fill=\"#1a1a1a\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n\
         <defs><pattern id=\"{hatch}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#888\" stroke-width=\"2\"/></pattern></defs>\n\
         <text x=\"4\" y=\"11\" fill=\"#444\">{unit}</text>\n{axis}{body}</svg>\n",
        escape(title),
        escape(desc),
        id = escape(id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_in_text_and_attributes() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn wraps_long_labels_at_spaces() {
        let lines =
            wrap("Brister i hemmiljö p.g.a. psykisk ohälsa/intellektuell funktionsnedsättning hos förälder", 30);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
    }

    #[test]
    fn a_hidden_bar_is_a_placeholder_with_its_symbol_never_a_zero_bar() {
        let hidden = PageFigure { value: None, display: "≤4".into(), hidden: true };
        let shown = PageFigure { value: Some(0.5), display: "50.0 %".into(), hidden: false };
        let groups = vec![Group {
            label: None,
            bars: vec![
                Bar { label: "A".into(), series: None, row: "x=a".into(), figure: hidden },
                Bar { label: "B".into(), series: None, row: "x=b".into(), figure: shown },
            ],
        }];
        let mut figures = PageFigures::default();
        let svg = bar_chart("t", "T", "D", &groups, "share", false, &mut figures);
        assert_eq!(figures.hidden_bars, 1);
        assert!(svg.contains("data-row=\"x=a\" data-col=\"share\" data-hidden=\"≤4\"><rect"), "{svg}");
        assert!(svg.contains(&format!("width=\"{HIDDEN_WIDTH}\"")), "{svg}");
        assert!(svg.contains(">≤4</text>"), "{svg}");
        assert!(svg.contains("<title id=\"t-title\">T</title>") && svg.contains("role=\"img\""), "{svg}");
    }
}
