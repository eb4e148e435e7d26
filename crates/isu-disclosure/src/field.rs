//! Arithmetic in the prime field of order p = 2^61 − 1 (a Mersenne prime: reduction is a shift and
//! an add, and products of two residues fit in a `u128`).
//!
//! Why a finite field and not floating point: elimination must decide "is this residual exactly
//! zero?", which floating point cannot answer reliably. Why not exact rationals: entries grow
//! during elimination and the national release would pay for big integers everywhere.
//!
//! Soundness. Whether a cell lies in the span of the published cells is decided by whether certain
//! integer minors of the 0/1 incidence matrix vanish. A minor that is zero over the rationals is
//! zero mod p, so rank mod p never exceeds the rational rank, and the field can err only when p
//! divides a nonzero minor. That can go two ways: a dependency seen that the rationals lack (safe:
//! one cell suppressed needlessly), or the published cells losing rank so that a derivable cell
//! looks underivable (unsafe). Both need p ≈ 2.3·10^18 to divide a minor of a 0/1 matrix; the minors
//! of table structures are tiny (those of a two-way table with margins are 0 or ±1), so in practice
//! this does not happen, but it is not excluded by construction. The guarantee therefore does not
//! rest on this module: every suppressed cell is afterwards certified by an explicit alternative
//! solution (see `certify`), checked in exact integer arithmetic, which proves non-derivability.

/// The field's order.
pub(super) const P: u64 = (1 << 61) - 1;

pub(super) fn add(a: u64, b: u64) -> u64 {
    let s = a + b; // both < 2^61, no overflow
    if s >= P {
        s - P
    } else {
        s
    }
}

pub(super) fn sub(a: u64, b: u64) -> u64 {
    if a >= b {
        a - b
    } else {
        a + P - b
    }
}

pub(super) fn mul(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    // x mod (2^61 − 1) = (x >> 61) + (x & P), reduced once more.
    let folded = (product >> 61) as u64 + (product as u64 & P);
    if folded >= P {
        folded - P
    } else {
        folded
    }
}

pub(super) fn neg(a: u64) -> u64 {
    if a == 0 {
        0
    } else {
        P - a
    }
}

/// Multiplicative inverse by Fermat's little theorem; `a` must be nonzero.
pub(super) fn inv(a: u64) -> u64 {
    debug_assert!(a != 0 && a < P);
    let mut result = 1;
    let mut base = a;
    let mut exponent = P - 2;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = mul(result, base);
        }
        base = mul(base, base);
        exponent >>= 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_times_value_is_one() {
        for a in [1, 2, 3, 12345, P - 1, P / 2] {
            assert_eq!(mul(a, inv(a)), 1);
        }
    }

    #[test]
    fn subtraction_wraps() {
        assert_eq!(sub(1, 2), P - 1);
        assert_eq!(add(P - 1, 2), 1);
        assert_eq!(neg(5), P - 5);
    }
}
