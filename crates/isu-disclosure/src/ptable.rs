//! The perturbation table of the cell-key method: for a true count `n` and a cell key in [0, 1),
//! the published count `n + v`. Built, as the `ptable` package (Enderle, Giessing, Tent; used by
//! the ABS, Destatis and SCB), by *maximum entropy* from three documented parameters:
//!
//! - `D` ([`PtableParams::max_deviation`]): |v| ≤ D;
//! - `V` ([`PtableParams::variance`]): the variance of v for every count whose row can reach it;
//! - `js` ([`PtableParams::js`]): published counts 1..js never occur.
//!
//! For each row `n` the deviations allowed are those with `n + v ≥ 0` (never negative) and
//! `n + v ∉ 1..=js`; among the distributions on them with mean 0 (unbiased) and variance `V`, the
//! one of maximum entropy, `p(v) ∝ exp(λ₁v + λ₂v²)`, found by Newton's method on the convex dual.
//! Rows whose allowed deviations cannot reach variance `V` (small counts: a true 1 with js = 4 can
//! only go to 0 or 5) take the variance nearest to `V` they can have, which is then a two-point
//! distribution; [`PerturbationTable::row_variance`] tells it. Row 0 is `v = 0`: zero stays zero
//! (an empty cell has no children whose keys could perturb it). From `n = js + D + 1` on every
//! deviation in `-D..=D` is allowed, so one row serves every larger count.
//!
//! The lookup is by the cell key's position in the row's cumulative distribution, at 32-bit
//! precision (the keys of `cellkey`).

use thiserror::Error;

/// The documented parameters of a perturbation table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PtableParams {
    /// `D`: no published count differs from the true one by more.
    pub max_deviation: u32,
    /// `V`: the variance of the perturbation of counts large enough to reach it.
    pub variance: f64,
    /// Published counts 1..=js never occur.
    pub js: u32,
}

impl Default for PtableParams {
    /// D = 4, V = 3, js = 4: no published count is 1..4 (the house's "≤4" floor, kept by noise
    /// instead of by hiding), a large count is published exactly with probability 0.22, and any
    /// count moves by at most 4.
    fn default() -> Self {
        Self { max_deviation: 4, variance: 3.0, js: 4 }
    }
}

/// Why parameters were refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PtableError {
    #[error("js must be at least 1 (a published 1 would show a single child), not {0}")]
    JsTooSmall(u32),
    #[error("the maximum deviation D ({d}) must be at least js ({js}): a true 1..js must be able to reach 0 and js+1 with mean 0")]
    DeviationBelowJs { d: u32, js: u32 },
    #[error("the maximum deviation D must be 2..=20, not {0}")]
    DeviationOutOfRange(u32),
    #[error("the variance V must be at least 1 (less leaves most counts exact), not {0}")]
    VarianceTooSmall(f64),
    #[error("the variance V ({v}) must be below D² ({max}), the largest a mean-zero deviation within ±D can have")]
    VarianceTooLarge { v: f64, max: f64 },
    #[error("the table publishes large counts exactly with probability {0:.2}: at most 0.5 is allowed")]
    TooOftenExact(f64),
}

/// One row: the deviations allowed for a true count and their probabilities.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    deviations: Vec<i64>,
    probabilities: Vec<f64>,
    /// Upper ends of each deviation's interval of 32-bit keys (the last is 2^32).
    thresholds: Vec<u64>,
}

/// A built perturbation table.
#[derive(Debug, Clone, PartialEq)]
pub struct PerturbationTable {
    params: PtableParams,
    /// Rows for n = 0..=js + D + 1; the last serves every larger count.
    rows: Vec<Row>,
}

const KEY_SPACE: u64 = 1 << 32;

impl PerturbationTable {
    /// Builds the table, refusing unsafe parameters.
    pub fn new(params: PtableParams) -> Result<Self, PtableError> {
        let PtableParams { max_deviation: d, variance: v, js } = params;
        if js < 1 {
            return Err(PtableError::JsTooSmall(js));
        }
        if !(2..=20).contains(&d) {
            return Err(PtableError::DeviationOutOfRange(d));
        }
        if d < js {
            return Err(PtableError::DeviationBelowJs { d, js });
        }
        if v.is_nan() || v < 1.0 {
            return Err(PtableError::VarianceTooSmall(v));
        }
        let max = f64::from(d * d);
        if v >= max {
            return Err(PtableError::VarianceTooLarge { v, max });
        }
        let last = js as u64 + d as u64 + 1;
        let rows: Vec<Row> = (0..=last).map(|n| row(n, d as i64, js as u64, v)).collect();
        let table = Self { params, rows };
        let exact = table.probability(last, 0);
        if exact > 0.5 {
            return Err(PtableError::TooOftenExact(exact));
        }
        Ok(table)
    }

    pub fn params(&self) -> PtableParams {
        self.params
    }

    fn row_of(&self, n: u64) -> &Row {
        let last = self.rows.len() - 1;
        &self.rows[(n.min(last as u64)) as usize]
    }

    /// The published count of a cell with true count `n` and cell key `key` (a fraction of 2^32).
    pub fn perturb(&self, n: u64, key: u32) -> u64 {
        let row = self.row_of(n);
        let position = row.thresholds.partition_point(|t| *t <= u64::from(key));
        let v = row.deviations[position.min(row.deviations.len() - 1)];
        (n as i64 + v).max(0) as u64
    }

    /// The probability that a true `n` is published as `n + deviation` (over uniform keys).
    pub fn probability(&self, n: u64, deviation: i64) -> f64 {
        let row = self.row_of(n);
        row.deviations.iter().position(|d| *d == deviation).map_or(0.0, |i| row.probabilities[i])
    }

    /// The probability that a true `n` is published as `n + deviation` with 32-bit keys (what
    /// [`perturb`](Self::perturb) does: the row's intervals of keys, divided by 2^32).
    pub fn key_probability(&self, n: u64, deviation: i64) -> f64 {
        let row = self.row_of(n);
        row.deviations.iter().position(|d| *d == deviation).map_or(0.0, |i| {
            let low = if i == 0 { 0 } else { row.thresholds[i - 1] };
            (row.thresholds[i] - low) as f64 / KEY_SPACE as f64
        })
    }

    /// The deviations a true `n` can be published with.
    pub fn deviations(&self, n: u64) -> &[i64] {
        &self.row_of(n).deviations
    }

    /// The variance of the perturbation of a true `n` (V where the row can reach it).
    pub fn row_variance(&self, n: u64) -> f64 {
        let row = self.row_of(n);
        row.deviations.iter().zip(&row.probabilities).map(|(v, p)| p * (*v as f64).powi(2)).sum()
    }

    /// The counts from which on every row is the same (`js + D + 1`).
    pub fn last_row(&self) -> u64 {
        self.rows.len() as u64 - 1
    }
}

/// The row of a true count `n`.
fn row(n: u64, d: i64, js: u64, variance: f64) -> Row {
    if n == 0 {
        return finish(vec![0], vec![1.0]);
    }
    let allowed: Vec<i64> = (-d..=d)
        .filter(|v| {
            let target = n as i64 + v;
            target >= 0 && !(1..=js as i64).contains(&target)
        })
        .collect();
    let (lowest, highest) = (allowed[0], allowed[allowed.len() - 1]);
    // The variances a mean-zero distribution on `allowed` can have: from the two points nearest
    // zero on either side (or 0 when 0 is allowed) to the two extremes.
    let below = allowed.iter().copied().filter(|v| *v < 0).max();
    let above = allowed.iter().copied().filter(|v| *v > 0).min();
    let (min_var, two_near) = if allowed.contains(&0) {
        (0.0, None)
    } else {
        let (a, b) = (below.unwrap_or(lowest), above.unwrap_or(highest));
        (-(a * b) as f64, Some((a, b)))
    };
    let max_var = -(lowest * highest) as f64;
    if below.is_none() || above.is_none() {
        // Only possible for parameters `new` refuses; a row that cannot be unbiased stays exact.
        return finish(vec![0], vec![1.0]);
    }
    const EDGE: f64 = 1e-9;
    if let Some((a, b)) = two_near.filter(|_| variance <= min_var + EDGE) {
        return two_point(a, b);
    }
    if variance >= max_var - EDGE {
        return two_point(lowest, highest);
    }
    let probabilities = maximum_entropy(&allowed, variance);
    finish(allowed, probabilities)
}

/// The mean-zero distribution on two points `a < 0 < b`.
fn two_point(a: i64, b: i64) -> Row {
    let (a_f, b_f) = (a as f64, b as f64);
    finish(vec![a, b], vec![b_f / (b_f - a_f), -a_f / (b_f - a_f)])
}

/// The maximum-entropy distribution on `support` with mean 0 and variance `variance`:
/// `p(v) ∝ exp(λ₁v + λ₂v²)`, with λ minimising the convex dual `log Z(λ) − λ₂·variance` (its
/// gradient is (E v, E v² − variance), its Hessian the covariance of (v, v²)), by damped Newton.
fn maximum_entropy(support: &[i64], variance: f64) -> Vec<f64> {
    let xs: Vec<f64> = support.iter().map(|v| *v as f64).collect();
    let distribution = |l1: f64, l2: f64| -> Vec<f64> {
        let exponents: Vec<f64> = xs.iter().map(|x| l1 * x + l2 * x * x).collect();
        let top = exponents.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let weights: Vec<f64> = exponents.iter().map(|e| (e - top).exp()).collect();
        let total: f64 = weights.iter().sum();
        weights.iter().map(|w| w / total).collect()
    };
    let dual = |l1: f64, l2: f64| -> f64 {
        let exponents: Vec<f64> = xs.iter().map(|x| l1 * x + l2 * x * x).collect();
        let top = exponents.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        top + exponents.iter().map(|e| (e - top).exp()).sum::<f64>().ln() - l2 * variance
    };
    let (mut l1, mut l2) = (0.0f64, 0.0f64);
    for _ in 0..200 {
        let p = distribution(l1, l2);
        let m1: f64 = p.iter().zip(&xs).map(|(p, x)| p * x).sum();
        let m2: f64 = p.iter().zip(&xs).map(|(p, x)| p * x * x).sum();
        let m3: f64 = p.iter().zip(&xs).map(|(p, x)| p * x * x * x).sum();
        let m4: f64 = p.iter().zip(&xs).map(|(p, x)| p * x.powi(4)).sum();
        let (g1, g2) = (m1, m2 - variance);
        if g1.abs() < 1e-13 && g2.abs() < 1e-12 {
            break;
        }
        let (h11, h12, h22) = (m2 - m1 * m1, m3 - m1 * m2, m4 - m2 * m2);
        let det = h11 * h22 - h12 * h12;
        let (s1, s2) =
            if det.abs() > 1e-300 { ((h22 * g1 - h12 * g2) / det, (h11 * g2 - h12 * g1) / det) } else { (g1, g2) };
        // Backtracking: the dual must decrease.
        let current = dual(l1, l2);
        let mut step = 1.0;
        while step > 1e-12 && dual(l1 - step * s1, l2 - step * s2) > current - 1e-4 * step * (g1 * s1 + g2 * s2) {
            step /= 2.0;
        }
        l1 -= step * s1;
        l2 -= step * s2;
    }
    distribution(l1, l2)
}

/// A row from its deviations and probabilities, with the key thresholds.
fn finish(deviations: Vec<i64>, probabilities: Vec<f64>) -> Row {
    let mut thresholds = Vec::with_capacity(probabilities.len());
    let mut cumulative = 0.0;
    for (i, p) in probabilities.iter().enumerate() {
        cumulative += p;
        let t = if i + 1 == probabilities.len() { KEY_SPACE } else { (cumulative * KEY_SPACE as f64).round() as u64 };
        thresholds.push(t.min(KEY_SPACE));
    }
    Row { deviations, probabilities, thresholds }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Vec<PerturbationTable> {
        [
            PtableParams::default(),
            PtableParams { max_deviation: 3, variance: 2.0, js: 2 },
            PtableParams { max_deviation: 5, variance: 4.5, js: 3 },
            PtableParams { max_deviation: 2, variance: 1.0, js: 1 },
        ]
        .into_iter()
        .map(|p| PerturbationTable::new(p).unwrap())
        .collect()
    }

    #[test]
    fn every_row_is_a_distribution_unbiased_within_d_and_never_negative() {
        for table in tables() {
            let d = table.params().max_deviation as i64;
            for n in 0..=table.last_row() + 3 {
                let deviations = table.deviations(n);
                let total: f64 = deviations.iter().map(|v| table.probability(n, *v)).sum();
                assert!((total - 1.0).abs() < 1e-12, "{:?} row {n}: sums to {total}", table.params());
                let mean: f64 = deviations.iter().map(|v| table.probability(n, *v) * *v as f64).sum();
                assert!(mean.abs() < 1e-10, "{:?} row {n}: mean {mean}", table.params());
                let key_mean: f64 = deviations.iter().map(|v| table.key_probability(n, *v) * *v as f64).sum();
                assert!(key_mean.abs() < 1e-8, "{:?} row {n}: mean over 32-bit keys {key_mean}", table.params());
                for v in deviations {
                    assert!(v.abs() <= d && n as i64 + v >= 0);
                }
            }
        }
    }

    #[test]
    fn zero_stays_zero_and_no_published_count_is_1_to_js() {
        for table in tables() {
            let js = table.params().js as u64;
            for key in (0..u32::MAX).step_by(9_973_211).chain([0, u32::MAX]) {
                assert_eq!(table.perturb(0, key), 0);
                for n in 1..=table.last_row() + 5 {
                    let published = table.perturb(n, key);
                    assert!(published == 0 || published > js, "{:?}: {n} published as {published}", table.params());
                    assert!(published.abs_diff(n) <= table.params().max_deviation as u64);
                }
            }
        }
    }

    #[test]
    fn large_counts_have_the_variance_v_and_maximum_entropy() {
        for table in tables() {
            let params = table.params();
            let last = table.last_row();
            assert!((table.row_variance(last) - params.variance).abs() < 1e-9, "{params:?}");
            assert!((table.row_variance(last + 1000) - params.variance).abs() < 1e-9);
            // Symmetric, and log-probabilities quadratic in v (the maximum-entropy form).
            let p = |v: i64| table.probability(last, v);
            for v in 1..=params.max_deviation as i64 {
                assert!((p(v) - p(-v)).abs() < 1e-9, "{params:?}: asymmetric at {v}");
            }
            let second = |v: i64| p(v + 1).ln() - 2.0 * p(v).ln() + p(v - 1).ln();
            let curvature = second(0);
            for v in 1..params.max_deviation as i64 {
                assert!((second(v) - curvature).abs() < 1e-6, "{params:?}: not exp(quadratic) at {v}");
            }
        }
    }

    #[test]
    fn a_perturbed_count_is_spread_over_keys_as_its_row_says() {
        let table = PerturbationTable::new(PtableParams::default()).unwrap();
        let n = 40;
        let mut seen = std::collections::BTreeMap::<i64, u64>::new();
        let draws = 200_000u64;
        for i in 0..draws {
            let key = (i.wrapping_mul(2_654_435_761) % (1 << 32)) as u32;
            *seen.entry(table.perturb(n, key) as i64 - n as i64).or_default() += 1;
        }
        for (v, count) in seen {
            let expected = table.probability(n, v);
            assert!((count as f64 / draws as f64 - expected).abs() < 0.005, "deviation {v}");
        }
    }

    #[test]
    fn the_default_table_rows() {
        // Printed for the decision record (`cargo test -p isu-disclosure default_table -- --nocapture`).
        let table = PerturbationTable::new(PtableParams::default()).unwrap();
        for n in 0..=table.last_row() {
            let row: Vec<String> =
                table.deviations(n).iter().map(|v| format!("{v:+}: {:.3}", table.probability(n, *v))).collect();
            println!(
                "n = {n}{}: variance {:.2}; {}",
                if n == table.last_row() { "+" } else { "" },
                table.row_variance(n),
                row.join(", ")
            );
        }
        assert!((table.probability(table.last_row(), 0) - 0.223).abs() < 0.001);
    }

    #[test]
    fn unsafe_parameters_are_refused() {
        let refuse = |d, v, js| PerturbationTable::new(PtableParams { max_deviation: d, variance: v, js }).unwrap_err();
        assert!(matches!(refuse(4, 3.0, 0), PtableError::JsTooSmall(0)));
        assert!(matches!(refuse(3, 3.0, 4), PtableError::DeviationBelowJs { .. }));
        assert!(matches!(refuse(1, 0.5, 1), PtableError::DeviationOutOfRange(1)));
        assert!(matches!(refuse(4, 0.2, 2), PtableError::VarianceTooSmall(_)));
        assert!(matches!(refuse(4, f64::NAN, 2), PtableError::VarianceTooSmall(_)));
        assert!(matches!(refuse(3, 9.0, 2), PtableError::VarianceTooLarge { .. }));
    }
}
