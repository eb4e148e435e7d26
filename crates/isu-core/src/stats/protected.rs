//! Protected statistics by the cell-key method (decision 0008): any query of the catalogue, for
//! callers without exact rights over its scope.
//!
//! - **Counts** (children, alone, mentions, children with days, pairs of problem areas): the
//!   published count of a set of children is the perturbation table's value for its true count and
//!   its cell key (the sum of the children's secret record keys, `isu_disclosure::cellkey`). Cells,
//!   margins and the total are each perturbed on their own key, so they need not add up.
//! - **Filters and years as sums.** A cell is counted separately for every closing year and every
//!   combination of the values of each single-valued filter naming several values, and the
//!   published count is the sum of those perturbed parts. So a filter shows nothing a breakdown by
//!   the filtered dimension does not (its cells, summed): two filters whose populations differ by
//!   one child do not give two tables that are equal except where that child is. A multi-valued
//!   dimension (problem area, intervention, method) may be filtered on one value at a time only,
//!   since a child with two of the values would be in two parts.
//! - **Shares** are of the published counts (at most 1).
//! - **Magnitudes** (mean age, mean, median, 10th and 90th percentiles of days) only for groups of
//!   at least `min_group` children, with noise from the cell key of up to
//!   `magnitude_share × largest ÷ n` (`cellkey::protected_magnitude`); percentiles never at the
//!   first or last rank; minimum and maximum never.
//! - Coverage (a ratio of the units' own reports) is not published, as in releases.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use isu_disclosure::cellkey::{protected_magnitude, CellKey, KeyedCount};
use isu_disclosure::ptable::{PerturbationTable, PtableError, PtableParams};
use serde::Serialize;
use utoipa::ToSchema;

use super::catalogue::{Catalogue, Dimension, Measure};
use super::engine::{for_each_key, problem_area_pairs, AgeSummary, DaysSummary, Query};
use super::facts::Fact;
use super::table::{unit_of, Combination, DimensionInfo, Margin, Row, Table};
use isu_domain::validation::FieldError;

/// The deployment's cell-key protection: the perturbation table and the magnitude rules.
#[derive(Debug, Clone)]
pub struct CellKeyProtection {
    pub table: PerturbationTable,
    /// Means and medians only over at least this many children.
    pub min_group: u64,
    /// Magnitude noise, as a share of the most one child can move a mean.
    pub magnitude_share: f64,
}

impl Default for CellKeyProtection {
    fn default() -> Self {
        Self::checked(PtableParams::default(), 10, 1.0).unwrap_or_else(|e| unreachable!("default parameters: {e}"))
    }
}

impl CellKeyProtection {
    /// The protection of these parameters, or why they are unsafe.
    pub fn checked(params: PtableParams, min_group: u64, magnitude_share: f64) -> Result<Self, String> {
        let table = PerturbationTable::new(params).map_err(|e: PtableError| format!("cell-key parameters: {e}"))?;
        if min_group < u64::from(params.js) + 1 {
            return Err(format!(
                "cell-key parameters: the minimum group for means and medians ({min_group}) must exceed js ({})",
                params.js
            ));
        }
        if !(1.0..=10.0).contains(&magnitude_share) {
            return Err(format!(
                "cell-key parameters: the magnitude noise share must be 1..=10 (at least what one child can move a \
                 mean), not {magnitude_share}"
            ));
        }
        Ok(Self { table, min_group, magnitude_share })
    }

    /// What every protected answer says about its method.
    pub fn method(&self) -> CellKeyMethod {
        let p = self.table.params();
        CellKeyMethod {
            method: "cell_key".into(),
            max_deviation: p.max_deviation,
            variance: p.variance,
            js: p.js,
            exact_probability: self.table.probability(self.table.last_row(), 0),
            min_group: self.min_group,
            magnitude_share: self.magnitude_share,
            admission_batch: isu_store::keys::ADMISSION_BATCH as u64,
            additivity: "Cells, margins and the total are perturbed each on its own key: they need not add up. A \
                         filter with several values, and every span of years, is the sum of its perturbed parts."
                .into(),
        }
    }
}

/// How a protected answer was protected (the method and its parameters; the keys stay secret).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, ToSchema)]
#[schema(as = CellKeyMethod, example = json!({
    "method": "cell_key", "max_deviation": 4, "variance": 3.0, "js": 4, "exact_probability": 0.223,
    "min_group": 10, "magnitude_share": 1.0, "admission_batch": 10,
    "additivity": "Cells, margins and the total are perturbed each on its own key: they need not add up. A filter with several values, and every span of years, is the sum of its perturbed parts."
}))]
pub struct CellKeyMethod {
    /// Always `cell_key`: counts perturbed by a perturbation table on the key of their children.
    pub method: String,
    /// `D`: no published count differs from the true one by more.
    pub max_deviation: u32,
    /// `V`: the variance of the perturbation of counts above `js + D` (smaller counts have the
    /// variance their allowed values permit).
    pub variance: f64,
    /// Published counts 1..js never occur (a published 0 may be a true 1..js; zero stays zero).
    pub js: u32,
    /// The probability that a count above `js + D` is published exactly.
    pub exact_probability: f64,
    /// Means and medians are published only for groups of at least this many children.
    pub min_group: u64,
    /// Means and medians carry noise of up to this share of the most one child can move them.
    pub magnitude_share: f64,
    /// New records are counted once this many of their unit and closing year have arrived, all
    /// together, so that no answer differs from an earlier one by one new child.
    pub admission_batch: u64,
    pub additivity: String,
}

/// A hasher for the counting maps' keys (grid positions, which are small integers the caller
/// chose, not attacker-controlled strings): a multiply-xorshift mix instead of SipHash, which
/// made the protected national query twice as slow as the exact one.
#[derive(Default)]
struct PositionHasher(u64);

impl Hasher for PositionHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

type PositionMap<K, V> = HashMap<K, V, BuildHasherDefault<PositionHasher>>;

/// A mentions count carries one key per mention: each child's key once per problem area counted.
fn add_weighted(count: &mut KeyedCount, record_key: u32, weight: u64) {
    count.count += weight;
    count.key.0 = count.key.0.wrapping_add(record_key.wrapping_mul(weight as u32));
}

/// One part of a cell: one year and one combination of the split filters' values.
#[derive(Debug, Clone, Default)]
struct Part {
    children: KeyedCount,
    alone: KeyedCount,
    mentions: KeyedCount,
    with_days: KeyedCount,
    pairs: BTreeMap<(u16, u16), KeyedCount>,
}

/// The whole cell, for magnitudes.
#[derive(Debug, Clone, Default)]
struct Whole {
    children: KeyedCount,
    age_sum: u64,
    age_max: u8,
    days: Vec<i32>,
    days_key: CellKey,
    enrolment: Vec<i32>,
}

/// The refusals particular to protected answers (the rest is `request::parse`'s).
pub fn check(query: &Query) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if query.wants(Measure::Coverage) {
        errors.push(FieldError::new(
            "query:measure",
            "not_protected",
            "coverage is not published in protected answers (as in releases); remove it",
        ));
    }
    for (dim, values) in &query.filters {
        if dim.multi_valued() && values.len() > 1 {
            errors.push(FieldError::new(
                format!("query:{}", dim.id()),
                "one_value_protected",
                format!(
                    "protected answers filter {} on one value at a time (a child with several values would be counted \
                     in several parts); ask with group_by={} instead",
                    dim.id(),
                    dim.id()
                ),
            ));
        }
    }
    errors
}

/// Mixed-radix position of a key over the catalogue's value counts.
fn grid_index(catalogue: &Catalogue, dims: &[Dimension], key: &[u16]) -> usize {
    dims.iter().zip(key).fold(0usize, |index, (d, p)| index * catalogue.values(*d).len().max(1) + *p as usize)
}

/// A protected answer: the table, and what its metadata says of the records counted.
#[derive(Debug, Clone)]
pub struct ProtectedTable {
    pub table: Table,
    /// The published number of children counted (the total's published count).
    pub records: u64,
    /// Form versions among the counted records (catalogue positions of `form`).
    pub forms: Vec<u16>,
    /// The published number of records on an older form version, harmonised.
    pub harmonised_records: u64,
    /// Protected 10th and 90th percentiles of days, by a row's dimensions: (intervention days,
    /// enrolment days), unrounded. The table's rows show them to one decimal; releases by the
    /// cell-key method round them to their percentile step.
    pub percentiles: BTreeMap<BTreeMap<String, String>, (DayPercentiles, DayPercentiles)>,
}

/// A group's 10th and 90th percentiles of days, protected as its mean and median are: only over
/// at least `min_group` children, never at the first or last rank (one child's own extreme), with
/// the magnitude noise of the cell key.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DayPercentiles {
    pub p10: Option<f64>,
    pub p90: Option<f64>,
}

impl DayPercentiles {
    /// The percentiles of `values`, the days of the children counted by `count`; `purpose` and
    /// `purpose + 1` draw their noise (distinct from the mean's and the median's).
    fn of(values: &[i32], count: &KeyedCount, purpose: u32, protection: &CellKeyProtection) -> Self {
        if count.count < protection.min_group || values.is_empty() {
            return Self::default();
        }
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let largest = f64::from(*sorted.last().unwrap_or(&0));
        let at = |q: f64, purpose: u32| {
            let rank = super::engine::nearest_rank(sorted.len(), q);
            (rank > 1 && rank < sorted.len()).then(|| {
                let exact = f64::from(sorted[rank - 1]);
                protected_magnitude(exact, count.count, largest, protection.magnitude_share, count.key, purpose)
                    .max(0.0)
            })
        };
        Self { p10: at(0.1, purpose), p90: at(0.9, purpose + 1) }
    }
}

/// The protected table of `query` over `facts`.
pub fn compute(
    catalogue: &Catalogue,
    facts: &[&[Fact]],
    query: &Query,
    protection: &CellKeyProtection,
) -> ProtectedTable {
    let n = query.group_by.len();
    let masks = 1usize << n;
    let dims_of = |mask: usize| -> Vec<Dimension> {
        (0..n).filter(|i| mask & (1 << i) != 0).map(|i| query.group_by[i]).collect()
    };
    let mask_dims: Vec<Vec<Dimension>> = (0..masks).map(dims_of).collect();
    let domains: Vec<Vec<u16>> = query.group_by.iter().map(|d| query.domain(catalogue, *d)).collect();
    // The split: the year, and each single-valued filter with several values.
    let split_filters: Vec<Dimension> = query
        .filters
        .iter()
        .filter(|(d, values)| !d.multi_valued() && values.len() > 1 && *d != Dimension::Year)
        .map(|(d, _)| *d)
        .collect();
    let mut split_dims = vec![Dimension::Year];
    split_dims.extend(split_filters);

    let wants_pairs = query.wants(Measure::Combinations);
    let wants_days = query.wants(Measure::InterventionDays);
    let wants_enrolment = query.wants(Measure::EnrolmentDays);
    let problem_area_kept: Vec<bool> =
        (0..masks).map(|mask| mask_dims[mask].contains(&Dimension::ProblemArea)).collect();

    let mut parts: Vec<PositionMap<(usize, usize), Part>> = vec![PositionMap::default(); masks];
    let mut wholes: Vec<PositionMap<usize, Whole>> = vec![PositionMap::default(); masks];
    // The whole cell is needed only for means and medians.
    let wants_whole = query.wants(Measure::Age) || wants_days || wants_enrolment;
    let mut values: Vec<Vec<u16>> = vec![Vec::new(); n];
    let mut key = Vec::with_capacity(n);
    let mut forms = std::collections::BTreeSet::new();
    let mut harmonised = KeyedCount::default();
    // Only admitted records: new ones wait for a batch of their unit-year (`db::keys`).
    for fact in facts.iter().flat_map(|slice| slice.iter()).filter(|f| f.admitted && query.admits(f)) {
        forms.insert(fact.value(Dimension::Form).unwrap_or_default());
        if fact.harmonised {
            harmonised.add(fact.record_key);
        }
        for (i, dim) in query.group_by.iter().enumerate() {
            fact.values_into(*dim, &mut values[i]);
            values[i].retain(|p| domains[i].binary_search(p).is_ok());
        }
        let split_key: Vec<u16> = split_dims.iter().map(|d| fact.value(*d).unwrap_or_default()).collect();
        let split = grid_index(catalogue, &split_dims, &split_key);
        let pairs = if wants_pairs { problem_area_pairs(fact) } else { Vec::new() };
        let areas = u64::from(fact.problem_area_count());
        for mask in 0..masks {
            let kept: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
            let dims = &mask_dims[mask];
            let (parts, wholes) = (&mut parts[mask], &mut wholes[mask]);
            for_each_key(&kept, &values, &mut key, &mut |key| {
                let index = grid_index(catalogue, dims, key);
                let part = parts.entry((index, split)).or_default();
                part.children.add(fact.record_key);
                if areas == 1 {
                    part.alone.add(fact.record_key);
                }
                add_weighted(&mut part.mentions, fact.record_key, if problem_area_kept[mask] { 1 } else { areas });
                if fact.intervention_days.is_some() {
                    part.with_days.add(fact.record_key);
                }
                for pair in &pairs {
                    part.pairs.entry(*pair).or_default().add(fact.record_key);
                }
                if !wants_whole {
                    return;
                }
                let whole = wholes.entry(index).or_default();
                whole.children.add(fact.record_key);
                whole.age_sum += u64::from(fact.age);
                whole.age_max = whole.age_max.max(fact.age);
                if wants_days {
                    if let Some(days) = fact.intervention_days {
                        whole.days.push(days);
                        whole.days_key.add(fact.record_key);
                    }
                }
                if wants_enrolment {
                    whole.enrolment.push(fact.enrolment_days);
                }
            });
        }
    }

    // Published counts of every cell: the sums of its perturbed parts.
    let ptable = &protection.table;
    let mut published: Vec<PositionMap<usize, Published>> = vec![PositionMap::default(); masks];
    for (mask, mask_parts) in parts.iter().enumerate() {
        for ((index, _), part) in mask_parts {
            let cell = published[mask].entry(*index).or_default();
            cell.children += part.children.published(ptable);
            cell.alone += part.alone.published(ptable);
            cell.mentions += part.mentions.published(ptable);
            cell.with_days += part.with_days.published(ptable);
            for (pair, count) in &part.pairs {
                *cell.pairs.entry(*pair).or_default() += count.published(ptable);
            }
        }
    }

    let keys_of = |mask: usize| -> Vec<Vec<u16>> {
        let mut keys = vec![Vec::new()];
        for i in (0..n).filter(|i| mask & (1 << i) != 0) {
            keys = keys
                .into_iter()
                .flat_map(|key: Vec<u16>| {
                    domains[i].iter().map(move |p| {
                        let mut k = key.clone();
                        k.push(*p);
                        k
                    })
                })
                .collect();
        }
        keys
    };
    // Percentiles only where days are asked for: (intervention days, enrolment days) per group,
    // unrounded; a row shows them to one decimal, a release rounds them to its step.
    let day_percentiles: Vec<PositionMap<usize, (DayPercentiles, DayPercentiles)>> = wholes
        .iter()
        .map(|groups| {
            if !(wants_days || wants_enrolment) {
                return PositionMap::default();
            }
            groups
                .iter()
                .map(|(index, whole)| {
                    let with_days = KeyedCount { count: whole.days.len() as u64, key: whole.days_key };
                    let days = DayPercentiles::of(&whole.days, &with_days, 7, protection);
                    let enrolment = DayPercentiles::of(&whole.enrolment, &whole.children, 9, protection);
                    (*index, (days, enrolment))
                })
                .collect()
        })
        .collect();
    let empty = Published::default();
    let children_of = |mask: usize, key: &[u16]| -> u64 {
        published[mask].get(&grid_index(catalogue, &mask_dims[mask], key)).map_or(0, |c| c.children)
    };
    let row = |mask: usize, key: &[u16]| -> Row {
        let index = grid_index(catalogue, &mask_dims[mask], key);
        let cell = published[mask].get(&index).unwrap_or(&empty);
        let whole = wholes[mask].get(&index);
        let wants = |m| query.wants(m);
        let share = if wants(Measure::Share) && n > 0 && mask & (1 << (n - 1)) != 0 {
            let denominator = children_of(mask & !(1 << (n - 1)), &key[..key.len() - 1]);
            (denominator > 0).then(|| (cell.children as f64 / denominator as f64).min(1.0))
        } else {
            None
        };
        let large = |count: u64| count >= protection.min_group;
        let magnitude = |exact: f64, count: &KeyedCount, largest: f64, purpose: u32| {
            let value =
                protected_magnitude(exact, count.count, largest, protection.magnitude_share, count.key, purpose);
            (value.max(0.0) * 10.0).round() / 10.0
        };
        let percentiles = day_percentiles[mask].get(&index).copied().unwrap_or_default();
        let days = |values: Option<&Vec<i32>>,
                    count: Option<KeyedCount>,
                    published_n: u64,
                    purpose: u32,
                    percentiles: DayPercentiles| {
            let mut values = values.cloned().unwrap_or_default();
            let exact = DaysSummary::of(&mut values);
            let count = count.unwrap_or_default();
            let (mean, median) = match (exact.mean, exact.median, exact.max) {
                (Some(mean), Some(median), Some(max)) if large(count.count) => (
                    Some(magnitude(mean, &count, max as f64, purpose)),
                    Some(magnitude(median, &count, max as f64, purpose + 1)),
                ),
                _ => (None, None),
            };
            // Already noisy (`DayPercentiles::of`, purposes 7–10); shown to one decimal as the mean.
            let tenth = |v: Option<f64>| v.map(|v| (v * 10.0).round() / 10.0);
            DaysSummary {
                n: published_n,
                mean,
                median,
                p10: tenth(percentiles.p10),
                p90: tenth(percentiles.p90),
                min: None,
                max: None,
            }
        };
        Row {
            dimensions: mask_dims[mask]
                .iter()
                .zip(key)
                .map(|(d, p)| (d.id().to_string(), catalogue.code(*d, *p).to_string()))
                .collect(),
            children: wants(Measure::Children).then_some(cell.children),
            share,
            mentions: wants(Measure::Mentions).then_some(cell.mentions),
            alone: wants(Measure::Alone).then_some(cell.alone),
            combinations: wants(Measure::Combinations).then(|| {
                cell.pairs
                    .iter()
                    .filter(|(_, count)| **count > 0)
                    .map(|((a, b), count)| Combination::of(catalogue, *a, *b, *count))
                    .collect()
            }),
            intervention_days: wants(Measure::InterventionDays).then(|| {
                let count = whole.map(|w| KeyedCount { count: w.days.len() as u64, key: w.days_key });
                days(whole.map(|w| &w.days), count, cell.with_days, 1, percentiles.0)
            }),
            enrolment_days: wants(Measure::EnrolmentDays)
                .then(|| days(whole.map(|w| &w.enrolment), whole.map(|w| w.children), cell.children, 3, percentiles.1)),
            age: wants(Measure::Age).then(|| AgeSummary {
                mean: whole.filter(|w| large(w.children.count)).map(|w| {
                    magnitude(w.age_sum as f64 / w.children.count as f64, &w.children, f64::from(w.age_max), 5)
                }),
                min: None,
                max: None,
            }),
            coverage: None,
        }
    };

    let full = masks - 1;
    let mut margin_masks: Vec<usize> = (1..full).collect();
    margin_masks.sort_by_key(|m| (std::cmp::Reverse(m.count_ones()), *m));
    let table = Table {
        group_by: query.group_by.clone(),
        measures: query.measures.clone(),
        share_denominator: query.wants(Measure::Share).then(|| query.share_denominator()),
        units: query.measures.iter().map(|m| (m.id().to_string(), unit_of(*m).to_string())).collect(),
        dimensions: query
            .group_by
            .iter()
            .zip(&domains)
            .map(|(d, domain)| DimensionInfo {
                id: *d,
                label: d.label(),
                multi_valued: d.multi_valued(),
                values: domain.iter().map(|p| catalogue.values(*d)[*p as usize].clone()).collect(),
            })
            .collect(),
        rows: if n == 0 { Vec::new() } else { keys_of(full).iter().map(|k| row(full, k)).collect() },
        margins: margin_masks
            .into_iter()
            .map(|mask| Margin {
                group_by: mask_dims[mask].clone(),
                rows: keys_of(mask).iter().map(|k| row(mask, k)).collect(),
            })
            .collect(),
        total: row(0, &[]),
    };
    // The percentiles of every group, keyed by a row's dimensions (releases round them their way).
    let mut percentiles = BTreeMap::new();
    for (mask, groups) in day_percentiles.iter().enumerate() {
        for key in keys_of(mask) {
            if let Some(both) = groups.get(&grid_index(catalogue, &mask_dims[mask], &key)) {
                let dimensions = mask_dims[mask]
                    .iter()
                    .zip(&key)
                    .map(|(d, p)| (d.id().to_string(), catalogue.code(*d, *p).to_string()))
                    .collect();
                percentiles.insert(dimensions, *both);
            }
        }
    }
    ProtectedTable {
        table,
        percentiles,
        records: children_of(0, &[]),
        forms: forms.into_iter().collect(),
        harmonised_records: harmonised.published(ptable),
    }
}

/// A cell's published counts.
#[derive(Debug, Clone, Default)]
struct Published {
    children: u64,
    alone: u64,
    mentions: u64,
    with_days: u64,
    pairs: BTreeMap<(u16, u16), u64>,
}
