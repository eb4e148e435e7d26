//! Counting: one pass over the facts fills every grouping set of a query (the cells, the margin of
//! each group-by dimension, and the grand total) at once. Margins are counted, never summed from
//! cells, because multi-valued dimensions (problem areas, interventions, methods) make the sum of
//! cells exceed the number of children.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use utoipa::ToSchema;

use super::catalogue::{Catalogue, Dimension, Measure};
use super::facts::Fact;

/// At most this many group-by dimensions (the grid grows as the product of their values).
pub const MAX_GROUP_BY: usize = 3;

/// A checked statistics request, in catalogue positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub group_by: Vec<Dimension>,
    pub measures: Vec<Measure>,
    /// A child is counted when, for every filter, it has at least one of the listed values.
    pub filters: Vec<(Dimension, Vec<u16>)>,
}

impl Query {
    pub fn wants(&self, measure: Measure) -> bool {
        self.measures.contains(&measure)
    }

    pub(crate) fn admits(&self, fact: &Fact) -> bool {
        self.filters.iter().all(|(dim, allowed)| allowed.iter().any(|p| fact.has(*dim, *p)))
    }

    /// The values of `dim` rows are shown for: the catalogue's, narrowed by a filter on it.
    pub(crate) fn domain(&self, catalogue: &Catalogue, dim: Dimension) -> Vec<u16> {
        match self.filters.iter().find(|(d, _)| *d == dim) {
            Some((_, allowed)) => {
                let mut v = allowed.clone();
                v.sort_unstable();
                v.dedup();
                v
            }
            None => (0..catalogue.values(dim).len() as u16).collect(),
        }
    }

    /// The cells a share is taken of: the group-by without its last dimension.
    pub fn share_denominator(&self) -> Vec<Dimension> {
        self.group_by[..self.group_by.len().saturating_sub(1)].to_vec()
    }
}

/// Closed cases a unit reported for a year (for coverage), in catalogue positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportedClosures {
    pub unit: u16,
    pub municipality: u16,
    pub region: Option<u16>,
    pub year: u16,
    pub closed: u64,
}

/// n, mean, median, 10th and 90th percentiles, min and max of a set of day counts.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = DaysSummary)]
pub struct DaysSummary {
    /// Children with a value (never-started cases have no intervention days).
    pub n: u64,
    pub mean: Option<f64>,
    /// The middle value; the mean of the two middle values when n is even.
    pub median: Option<f64>,
    /// The 10th percentile by nearest rank (the value at rank ⌈0.1·n⌉ of the sorted values), as
    /// releases define it. Protected answers: with noise, only for groups of at least `min_group`,
    /// never at the first or last rank.
    #[schema(example = 12.0)]
    pub p10: Option<f64>,
    /// The 90th percentile by nearest rank (rank ⌈0.9·n⌉), as `p10`.
    #[schema(example = 154.0)]
    pub p90: Option<f64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl DaysSummary {
    pub fn of(values: &mut [i32]) -> Self {
        if values.is_empty() {
            return Self { n: 0, mean: None, median: None, p10: None, p90: None, min: None, max: None };
        }
        values.sort_unstable();
        let n = values.len();
        let sum: i64 = values.iter().map(|v| *v as i64).sum();
        let median =
            if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0 };
        Self {
            n: n as u64,
            mean: Some(sum as f64 / n as f64),
            median: Some(median),
            p10: Some(f64::from(values[nearest_rank(n, 0.1) - 1])),
            p90: Some(f64::from(values[nearest_rank(n, 0.9) - 1])),
            min: Some(values[0] as i64),
            max: Some(values[n - 1] as i64),
        }
    }
}

/// The nearest rank (1-based) of the q-quantile of `n` sorted values: ⌈q·n⌉, at least 1. The one
/// definition of a percentile: exact statistics, releases and protected answers use it.
pub(crate) fn nearest_rank(n: usize, q: f64) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n.max(1))
}

/// Mean, min and max age at referral.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = AgeSummary)]
pub struct AgeSummary {
    pub mean: Option<f64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// Coverage of a cell: what was registered against what the units say they closed.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = CoverageFigure)]
pub struct CoverageFigure {
    /// Records registered in the cell.
    pub registered: u64,
    /// Closed cases reported by the cell's units (only units that reported for the year).
    pub closed_reported: u64,
    /// Records of the units and years that reported closures.
    pub registered_of_reporting: u64,
    /// `registered_of_reporting` ÷ `closed_reported`; null when nothing was reported.
    pub ratio: Option<f64>,
}

/// Everything counted for one cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub children: u64,
    pub mentions: u64,
    pub alone: u64,
    age_sum: u64,
    age_min: Option<u8>,
    age_max: Option<u8>,
    intervention_days: Vec<i32>,
    enrolment_days: Vec<i32>,
    /// Children per unordered pair of problem-area positions (a < b).
    pairs: BTreeMap<(u16, u16), u64>,
    closed_reported: u64,
    registered_of_reporting: u64,
}

impl Cell {
    pub fn age(&self) -> AgeSummary {
        AgeSummary {
            mean: (self.children > 0).then(|| self.age_sum as f64 / self.children as f64),
            min: self.age_min.map(i64::from),
            max: self.age_max.map(i64::from),
        }
    }

    pub fn intervention_days(&self) -> DaysSummary {
        DaysSummary::of(&mut self.intervention_days.clone())
    }

    pub fn enrolment_days(&self) -> DaysSummary {
        DaysSummary::of(&mut self.enrolment_days.clone())
    }

    /// The intervention days counted (when the query asked for them), unsorted.
    pub fn intervention_day_values(&self) -> &[i32] {
        &self.intervention_days
    }

    /// The enrolment days counted (when the query asked for them), unsorted.
    pub fn enrolment_day_values(&self) -> &[i32] {
        &self.enrolment_days
    }

    pub fn pairs(&self) -> &BTreeMap<(u16, u16), u64> {
        &self.pairs
    }

    pub fn coverage(&self) -> CoverageFigure {
        CoverageFigure {
            registered: self.children,
            closed_reported: self.closed_reported,
            registered_of_reporting: self.registered_of_reporting,
            ratio: (self.closed_reported > 0)
                .then(|| self.registered_of_reporting as f64 / self.closed_reported as f64),
        }
    }
}

/// The cells of one grouping set (a subset of the group-by dimensions), as a dense grid over the
/// catalogue's values.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub dims: Vec<Dimension>,
    strides: Vec<usize>,
    cells: Vec<Cell>,
}

impl Grouping {
    fn new(catalogue: &Catalogue, dims: Vec<Dimension>) -> Self {
        let mut strides = Vec::with_capacity(dims.len());
        let mut size = 1usize;
        for dim in dims.iter().rev() {
            strides.push(size);
            size *= catalogue.values(*dim).len().max(1);
        }
        strides.reverse();
        Self { dims, strides, cells: vec![Cell::default(); size] }
    }

    fn index(&self, key: &[u16]) -> usize {
        key.iter().zip(&self.strides).map(|(p, s)| *p as usize * s).sum()
    }

    pub fn cell(&self, key: &[u16]) -> &Cell {
        &self.cells[self.index(key)]
    }
}

/// A computed query: the full cross-classification, every margin, and the total.
#[derive(Debug, Clone)]
pub struct Computed {
    pub query: Query,
    /// Grouping sets by the bit set of group-by positions they keep (`full` = all bits).
    groupings: Vec<Grouping>,
    /// Each dimension's values shown in rows, in catalogue order.
    pub domains: Vec<Vec<u16>>,
    /// Form versions among the counted records (catalogue positions of `form`).
    pub forms: Vec<u16>,
    /// Records on an older form version, harmonised.
    pub harmonised_records: u64,
}

impl Computed {
    fn full_mask(&self) -> usize {
        (1 << self.query.group_by.len()) - 1
    }

    pub fn grouping(&self, mask: usize) -> &Grouping {
        &self.groupings[mask]
    }

    pub fn total(&self) -> &Cell {
        self.groupings[0].cell(&[])
    }

    /// The grouping sets to publish, finest first: the cells, then each margin, the total last.
    pub fn masks(&self) -> Vec<usize> {
        let mut masks: Vec<usize> = (0..=self.full_mask()).collect();
        masks.sort_by_key(|m| (std::cmp::Reverse(m.count_ones()), *m));
        masks
    }

    /// The keys of a grouping set's rows, in catalogue order of its dimensions.
    pub fn keys(&self, mask: usize) -> Vec<Vec<u16>> {
        let dims: Vec<usize> = (0..self.query.group_by.len()).filter(|i| mask & (1 << i) != 0).collect();
        let mut keys = vec![Vec::new()];
        for i in dims {
            keys = keys
                .into_iter()
                .flat_map(|key| {
                    self.domains[i].iter().map(move |p| {
                        let mut k = key.clone();
                        k.push(*p);
                        k
                    })
                })
                .collect();
        }
        keys
    }

    /// The share of a cell: its children ÷ those of its denominator cell (the same key without
    /// the last group-by dimension). None when the grouping set lacks that dimension or the
    /// denominator is empty.
    pub fn share(&self, mask: usize, key: &[u16]) -> Option<f64> {
        let last = self.query.group_by.len().checked_sub(1)?;
        if mask & (1 << last) == 0 {
            return None;
        }
        let numerator = self.groupings[mask].cell(key).children;
        let denominator = self.groupings[mask & !(1 << last)].cell(&key[..key.len() - 1]).children;
        (denominator > 0).then(|| numerator as f64 / denominator as f64)
    }
}

/// Counts `facts` (in slices, e.g. one per year) for `query`. `closures`: reported closed cases, used only for coverage.
pub fn compute(catalogue: &Catalogue, facts: &[&[Fact]], closures: &[ReportedClosures], query: &Query) -> Computed {
    let n = query.group_by.len();
    let groupings: Vec<Grouping> = (0..(1usize << n))
        .map(|mask| {
            let dims = (0..n).filter(|i| mask & (1 << i) != 0).map(|i| query.group_by[i]).collect();
            Grouping::new(catalogue, dims)
        })
        .collect();
    let mut computed = Computed {
        query: query.clone(),
        groupings,
        domains: query.group_by.iter().map(|d| query.domain(catalogue, *d)).collect(),
        forms: Vec::new(),
        harmonised_records: 0,
    };
    let wants_days = query.wants(Measure::InterventionDays);
    let wants_enrolment = query.wants(Measure::EnrolmentDays);
    let wants_pairs = query.wants(Measure::Combinations);
    let wants_coverage = query.wants(Measure::Coverage);
    let reported: HashSet<(u16, u16)> = closures.iter().map(|c| (c.unit, c.year)).collect();
    let problem_area_kept: Vec<bool> = (0..(1usize << n))
        .map(|mask| (0..n).any(|i| mask & (1 << i) != 0 && query.group_by[i] == Dimension::ProblemArea))
        .collect();

    let mut values: Vec<Vec<u16>> = vec![Vec::new(); n];
    let mut forms = HashSet::new();
    let mut key = Vec::with_capacity(n);
    for fact in facts.iter().flat_map(|slice| slice.iter()).filter(|f| query.admits(f)) {
        forms.insert(fact.value(Dimension::Form).unwrap_or_default());
        computed.harmonised_records += u64::from(fact.harmonised);
        for (i, dim) in query.group_by.iter().enumerate() {
            fact.values_into(*dim, &mut values[i]);
            // Rows outside the shown values (a filter on the same dimension) are not counted.
            values[i].retain(|p| computed.domains[i].binary_search(p).is_ok());
        }
        let of_reporting = wants_coverage
            && reported.contains(&(
                fact.value(Dimension::Unit).unwrap_or_default(),
                fact.value(Dimension::Year).unwrap_or_default(),
            ));
        let pairs = if wants_pairs { problem_area_pairs(fact) } else { Vec::new() };
        for (mask, grouping) in computed.groupings.iter_mut().enumerate() {
            let kept: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
            for_each_key(&kept, &values, &mut key, &mut |key| {
                let index = grouping.index(key);
                let cell = &mut grouping.cells[index];
                cell.children += 1;
                cell.mentions += if problem_area_kept[mask] { 1 } else { u64::from(fact.problem_area_count()) };
                cell.alone += u64::from(fact.problem_area_count() == 1);
                cell.age_sum += u64::from(fact.age);
                cell.age_min = Some(cell.age_min.map_or(fact.age, |m| m.min(fact.age)));
                cell.age_max = Some(cell.age_max.map_or(fact.age, |m| m.max(fact.age)));
                if wants_days {
                    cell.intervention_days.extend(fact.intervention_days);
                }
                if wants_enrolment {
                    cell.enrolment_days.push(fact.enrolment_days);
                }
                for pair in &pairs {
                    *cell.pairs.entry(*pair).or_default() += 1;
                }
                cell.registered_of_reporting += u64::from(of_reporting);
            });
        }
    }
    if wants_coverage {
        add_closures(&mut computed, closures);
    }
    let mut forms: Vec<u16> = forms.into_iter().collect();
    forms.sort_unstable();
    computed.forms = forms;
    computed
}

pub(crate) fn problem_area_pairs(fact: &Fact) -> Vec<(u16, u16)> {
    let areas = fact.problem_area_positions();
    let mut pairs = Vec::new();
    for (i, a) in areas.iter().enumerate() {
        for b in &areas[i + 1..] {
            pairs.push((*a, *b));
        }
    }
    pairs
}

/// Calls `f` with every combination of the kept dimensions' values (none when a kept
/// multi-valued dimension has no value for this child).
pub(crate) fn for_each_key(kept: &[usize], values: &[Vec<u16>], key: &mut Vec<u16>, f: &mut dyn FnMut(&[u16])) {
    match kept.split_first() {
        None => f(key),
        Some((first, rest)) => {
            for p in &values[*first] {
                key.push(*p);
                for_each_key(rest, values, key, f);
                key.pop();
            }
        }
    }
}

fn add_closures(computed: &mut Computed, closures: &[ReportedClosures]) {
    let n = computed.query.group_by.len();
    let filters: HashMap<Dimension, Vec<u16>> = computed.query.filters.iter().cloned().collect();
    let position = |c: &ReportedClosures, dim: Dimension| match dim {
        Dimension::Unit => Some(c.unit),
        Dimension::Municipality => Some(c.municipality),
        Dimension::Region => c.region,
        Dimension::Year => Some(c.year),
        _ => None,
    };
    for closure in closures {
        let admitted =
            filters.iter().all(|(dim, allowed)| position(closure, *dim).is_some_and(|p| allowed.contains(&p)));
        if !admitted {
            continue;
        }
        for (mask, grouping) in computed.groupings.iter_mut().enumerate() {
            let key: Option<Vec<u16>> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| position(closure, computed.query.group_by[i]))
                .collect();
            if let Some(key) = key {
                let index = grouping.index(&key);
                grouping.cells[index].closed_reported += closure.closed;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DaysSummary;

    #[test]
    fn medians_of_odd_and_even_counts() {
        let odd = DaysSummary::of(&mut [9, 1, 5]);
        assert_eq!((odd.n, odd.median, odd.min, odd.max), (3, Some(5.0), Some(1), Some(9)));
        let even = DaysSummary::of(&mut [10, 1, 4, 7]);
        assert_eq!((even.median, even.mean), (Some(5.5), Some(5.5)));
        let none = DaysSummary::of(&mut []);
        assert_eq!((none.n, none.mean, none.median, none.min), (0, None, None, None));
        assert_eq!((none.p10, none.p90), (None, None));
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        // Rank ⌈q·n⌉: of 20 values the 2nd and the 18th; of 6 the 1st and the 6th; of one, it.
        let mut twenty: Vec<i32> = (1..=20).rev().map(|v| v * 10).collect();
        let s = DaysSummary::of(&mut twenty);
        assert_eq!((s.p10, s.p90), (Some(20.0), Some(180.0)));
        let s = DaysSummary::of(&mut [60, 10, 50, 20, 40, 30]);
        assert_eq!((s.p10, s.p90), (Some(10.0), Some(60.0)));
        let s = DaysSummary::of(&mut [7]);
        assert_eq!((s.p10, s.p90), (Some(7.0), Some(7.0)));
        // 11 values: ranks 2 and 10.
        let mut eleven: Vec<i32> = (1..=11).collect();
        let s = DaysSummary::of(&mut eleven);
        assert_eq!((s.p10, s.p90), (Some(2.0), Some(10.0)));
    }
}
