//! Releases protected by the cell-key method (issue 15 part 5, decision 0008): the report's table
//! set of a scope-year, every table computed as `GET /v1/stats` computes a protected answer
//! ([`protected::compute`]), so a cell of a release has the value the flexible query shows for the
//! same children, and is not a second, independent draw a reader could average with the first.
//!
//! - Every count is perturbed (status `perturbed`): cells, margins and totals each on their own
//!   key, never 1..js, zero stays zero. Nothing is hidden.
//! - Shares are of the perturbed counts; means, medians and p10/p90 (days, age) only over groups
//!   of at least `min_group` true children, with the magnitude noise of protected statistics
//!   (percentiles also never at the first or last rank, and rounded as in a suppression release);
//!   otherwise `suppressed` (null, ".."). Minimum and maximum are never published.
//! - The national release is computed directly: a region's cell in it is the region's own cell
//!   (the same children, so the same key and value), and a national total is its own perturbed
//!   count. No regional release is needed first.
//! - A new version is refused, as a suppression release's, when 1..k−1 children changed; the
//!   classes of children are stored for that purpose in the pattern, as for suppression.

use std::collections::BTreeMap;

use super::catalogue::{Catalogue, Dimension, Measure};
use super::engine::{DaysSummary, Query};
use super::facts::Fact;
use super::protected::{self, CellKeyProtection, DayPercentiles};
use super::release::{
    assemble, check_change, shown_cells, stored_classes, table_specs, Assembled, BuildError, Built, CountFigure,
    DerivedFigure, FigureStatus, PublishedAge, PublishedCombination, PublishedDays, PublishedDimension,
    PublishedMargin, PublishedRow, PublishedTable, ReleaseRequest, SuppressionPattern,
};
use super::table::{Row, Table};
use isu_disclosure::CellStatus;

/// Builds the cell-key release of `what`'s scope and year from its facts.
pub fn build(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    closures: &[super::engine::ReportedClosures],
    what: &ReleaseRequest,
    cellkey: &CellKeyProtection,
) -> Result<Built, BuildError> {
    let ReleaseRequest { year_position, national, protection, earlier, .. } = *what;
    // The cells and classes of the table set, as a suppression release has them: the classes are
    // what the next version's change is measured against. Over the admitted records only, the
    // ones the perturbed counts count: a change of waiting records changes no published figure,
    // so it must not make a change of one counted child look like a large one.
    let admitted: Vec<Fact> = facts
        .iter()
        .flat_map(|slice| slice.iter())
        .filter(|f| f.admitted && f.value(Dimension::Year) == Some(year_position))
        .cloned()
        .collect();
    let Assembled { atoms, cells, pending, values, problem } =
        assemble(catalogue, &[admitted.as_slice()], closures, what);
    let keys: Vec<String> = cells.list.iter().map(|c| c.key.clone()).collect();
    check_change(&keys, &problem, earlier, protection.k)?;

    let year = catalogue.code(Dimension::Year, year_position).parse::<i32>().unwrap_or_default();
    let tables = table_specs(year, national)
        .into_iter()
        .map(|(spec, group_by)| {
            let query = Query {
                group_by,
                measures: spec.measures.to_vec(),
                filters: vec![(Dimension::Year, vec![year_position])],
            };
            let answer = protected::compute(catalogue, facts, &query, cellkey);
            let rounding = protection.percentile_rounding_days as f64;
            published_table(catalogue, spec.id, spec.title(), &answer, rounding)
        })
        .collect();
    // Nothing is hidden: every count cell is published (perturbed).
    let statuses = vec![CellStatus::Published; values.len()];
    let information_loss = super::loss::summarise(&values, &statuses, protection.k, &shown_cells(&pending));
    let pattern = SuppressionPattern {
        cells: cells.list.iter().map(|c| (c.key.clone(), (c.value, false))).collect(),
        classes: stored_classes(&cells.list, &atoms.counts),
        ..SuppressionPattern::default()
    };
    Ok(Built {
        tables,
        pattern,
        cells: values.len(),
        atoms: atoms.counts.len(),
        suppressed_primary: 0,
        suppressed_secondary: 0,
        information_loss,
        problem,
        statuses,
    })
}

fn perturbed_count(value: u64) -> CountFigure {
    CountFigure { value: Some(value), status: FigureStatus::Perturbed, display: value.to_string() }
}

fn perturbed(value: f64, display: String) -> DerivedFigure {
    DerivedFigure { value: Some(value), status: FigureStatus::Perturbed, display }
}

/// Not published: a group under the minimum size, a share of an empty group, a percentile at
/// the first or last rank.
fn not_published() -> DerivedFigure {
    DerivedFigure { value: None, status: FigureStatus::Suppressed, display: "..".into() }
}

fn one_decimal(value: Option<f64>) -> DerivedFigure {
    value.map_or_else(not_published, |v| perturbed(v, format!("{v:.1}")))
}

fn days(summary: &DaysSummary, percentiles: DayPercentiles, rounding: f64) -> PublishedDays {
    // Rounded after the noise, as a suppression release rounds its exact percentiles.
    let percentile = |value: Option<f64>| {
        value.map_or_else(not_published, |v| {
            let rounded = (v / rounding).round() * rounding;
            perturbed(rounded, format!("{rounded}"))
        })
    };
    PublishedDays {
        n: perturbed_count(summary.n),
        mean: one_decimal(summary.mean),
        median: summary.median.map_or_else(not_published, |v| perturbed(v, format!("{v}"))),
        p10: percentile(percentiles.p10),
        p90: percentile(percentiles.p90),
    }
}

/// A protected answer in the shape of a release's table.
fn published_table(
    catalogue: &Catalogue,
    id: &str,
    title: isu_domain::LocalizedText,
    answer: &protected::ProtectedTable,
    rounding: f64,
) -> PublishedTable {
    let table: &Table = &answer.table;
    let wants = |m| table.measures.contains(&m);
    let areas = catalogue.values(Dimension::ProblemArea).len() as u16;
    let row = |row: &Row| -> PublishedRow {
        let by_area = row.dimensions.contains_key(Dimension::ProblemArea.id());
        let percentiles = answer.percentiles.get(&row.dimensions).copied();
        PublishedRow {
            dimensions: row.dimensions.clone(),
            children: row.children.map(perturbed_count),
            share: wants(Measure::Share).then(|| match row.share {
                Some(share) => perturbed((share * 1000.0).round() / 1000.0, format!("{:.1} %", share * 100.0)),
                None => not_published(),
            }),
            // As in a suppression release: per problem area only (there it counts each child once).
            mentions: row.mentions.filter(|_| by_area).map(perturbed_count),
            alone: row.alone.map(perturbed_count),
            // Every pair, zeros included (the protected answer lists the non-zero ones).
            combinations: row.combinations.as_ref().map(|named| {
                let published: BTreeMap<(&str, &str), u64> = named
                    .iter()
                    .map(|c| ((c.problem_areas[0].as_str(), c.problem_areas[1].as_str()), c.children))
                    .collect();
                (0..areas)
                    .flat_map(|a| (a + 1..areas).map(move |b| (a, b)))
                    .map(|(a, b)| {
                        let (a, b) =
                            (catalogue.code(Dimension::ProblemArea, a), catalogue.code(Dimension::ProblemArea, b));
                        PublishedCombination {
                            problem_areas: vec![a.to_string(), b.to_string()],
                            children: perturbed_count(published.get(&(a, b)).copied().unwrap_or(0)),
                        }
                    })
                    .collect()
            }),
            intervention_days: row
                .intervention_days
                .as_ref()
                .map(|d| days(d, percentiles.map(|p| p.0).unwrap_or_default(), rounding)),
            enrolment_days: row
                .enrolment_days
                .as_ref()
                .map(|d| days(d, percentiles.map(|p| p.1).unwrap_or_default(), rounding)),
            age: row.age.as_ref().map(|age| PublishedAge { mean: one_decimal(age.mean) }),
        }
    };
    PublishedTable {
        id: id.to_string(),
        title,
        group_by: table.group_by.clone(),
        measures: table.measures.clone(),
        share_denominator: table.share_denominator.clone(),
        units: table.units.clone(),
        dimensions: table.dimensions.iter().cloned().map(PublishedDimension::from).collect(),
        rows: table.rows.iter().map(row).collect(),
        margins: table
            .margins
            .iter()
            .map(|m| PublishedMargin { group_by: m.group_by.clone(), rows: m.rows.iter().map(row).collect() })
            .collect(),
        total: row(&table.total),
    }
}
