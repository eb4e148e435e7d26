//! Cell keys: the consistent randomness of the cell-key method.
//!
//! Every record has a secret key, uniform in [0, 1) and held as a 32-bit fraction (`k / 2^32`).
//! A cell's key is the sum of its children's keys modulo 1 (the ABS's and the `cellKey`
//! package's rule): wrapping addition of the 32-bit fractions. The same children give the same
//! key whatever query or table shows them (consistency: asking again, or through another
//! breakdown, gives the same published value), and a cell with one more child gets a key
//! independent of the old one (the new child's key is uniform and unknown).
//!
//! Magnitudes (means, medians) are protected with noise drawn from the cell key too
//! ([`magnitude_noise`]), so the same children again give the same published figure.

use crate::ptable::PerturbationTable;

/// A cell's key: the sum modulo 2^32 of its children's record keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CellKey(pub u32);

impl CellKey {
    /// Adds one child's record key.
    pub fn add(&mut self, record_key: u32) {
        self.0 = self.0.wrapping_add(record_key);
    }

    /// The key of the union of two disjoint sets of children.
    pub fn merged(self, other: CellKey) -> CellKey {
        CellKey(self.0.wrapping_add(other.0))
    }

    /// The key as the fraction in [0, 1) it stands for.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 4_294_967_296.0
    }
}

/// The key of a set of children.
pub fn cell_key(record_keys: impl IntoIterator<Item = u32>) -> CellKey {
    let mut key = CellKey::default();
    for k in record_keys {
        key.add(k);
    }
    key
}

/// A count and the key of its children: what the perturbation table needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyedCount {
    pub count: u64,
    pub key: CellKey,
}

impl KeyedCount {
    pub fn add(&mut self, record_key: u32) {
        self.count += 1;
        self.key.add(record_key);
    }

    /// The published count.
    pub fn published(&self, table: &PerturbationTable) -> u64 {
        table.perturb(self.count, self.key.0)
    }
}

/// A value in [-1, 1) drawn from a cell key and a `purpose` (which figure of the cell: the mean
/// and the median of one cell get independent draws). A bijective 64-bit mixer (SplitMix64's
/// finaliser) of key and purpose, so that neighbouring keys give unrelated draws; deterministic,
/// so the same children give the same draw in every answer.
pub fn magnitude_noise(key: CellKey, purpose: u32) -> f64 {
    let mut z = (u64::from(key.0) << 32 | u64::from(purpose)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

/// A protected magnitude (a mean or a median of a group of `n` children, each value at most
/// `largest`): the exact figure plus noise of up to `share × largest ÷ n` either way — the most
/// one child can move a mean, times `share`. Comparing the figures of two groups that differ by one
/// child then leaves that child's value uncertain by about `share × largest` (two independent
/// draws), instead of telling it. `share` ≥ 1 is the deployment's parameter.
pub fn protected_magnitude(exact: f64, n: u64, largest: f64, share: f64, key: CellKey, purpose: u32) -> f64 {
    if n == 0 {
        return exact;
    }
    exact + magnitude_noise(key, purpose) * share * largest.abs() / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_key_is_the_sum_of_its_record_keys_modulo_one() {
        let keys = [u32::MAX, 5, 1 << 31, (1 << 31) + 7];
        let key = cell_key(keys);
        let sum: u64 = keys.iter().map(|k| u64::from(*k)).sum();
        assert_eq!(u64::from(key.0), sum % (1 << 32));
        let fraction_sum: f64 = keys.iter().map(|k| f64::from(*k) / 4_294_967_296.0).sum();
        assert!((key.fraction() - fraction_sum.fract()).abs() < 1e-9);
        // Order does not matter, and a union of disjoint sets has the sum of their keys.
        assert_eq!(cell_key(keys.iter().rev().copied()), key);
        assert_eq!(cell_key(keys[..2].iter().copied()).merged(cell_key(keys[2..].iter().copied())), key);
    }

    #[test]
    fn magnitude_noise_is_deterministic_spread_and_differs_by_purpose() {
        let mut below = 0;
        let draws = 20_000u32;
        for i in 0..draws {
            let key = CellKey(i.wrapping_mul(2_654_435_761));
            let noise = magnitude_noise(key, 1);
            assert!((-1.0..1.0).contains(&noise));
            assert_eq!(noise, magnitude_noise(key, 1));
            below += u32::from(noise < 0.0);
        }
        assert!((below as f64 / draws as f64 - 0.5).abs() < 0.02, "{below} of {draws} below zero");
        assert_ne!(magnitude_noise(CellKey(9), 1), magnitude_noise(CellKey(9), 2));
        assert_ne!(magnitude_noise(CellKey(9), 1), magnitude_noise(CellKey(10), 1));
    }

    #[test]
    fn protected_magnitudes_move_at_most_share_times_the_largest_over_n() {
        for i in 0..1000u32 {
            let key = CellKey(i.wrapping_mul(747_796_405));
            let published = protected_magnitude(50.0, 20, 300.0, 1.0, key, 3);
            assert!((published - 50.0).abs() <= 300.0 / 20.0);
        }
        assert_eq!(protected_magnitude(7.0, 0, 10.0, 1.0, CellKey(1), 1), 7.0);
    }
}
