//! The attacker of the disclosure tests, written independently of `isu_disclosure`: it knows
//! every published cell exactly, that counts are non-negative, and that a "≤4" cell is 1..k−1;
//! for a suppressed cell it solves min and max of its value as linear programmes over all atoms.
//! Shared by `disclosure.rs` (synthetic table sets) and `release_attack.rs` (releases
//! built from stored records).

use isu_disclosure::{CellStatus, ProtectionProblem};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem as LinearProgramme};

/// What the attacker can say about one cell: `(min, max)` of its value; `f64::INFINITY` if unbounded.
pub fn attack(problem: &ProtectionProblem, statuses: &[CellStatus], k: u64, cell: usize) -> (f64, f64) {
    let bound = |direction| {
        let mut lp = LinearProgramme::new(direction);
        let objective: Vec<bool> = {
            let mut in_cell = vec![false; problem.atom_counts.len()];
            for &atom in &problem.cells[cell] {
                in_cell[atom as usize] = true;
            }
            in_cell
        };
        let atoms: Vec<_> = objective
            .iter()
            .map(|&in_cell| lp.add_var(if in_cell { 1.0 } else { 0.0 }, (0.0, f64::INFINITY)))
            .collect();
        let values = problem.cell_values();
        for (other, status) in statuses.iter().enumerate() {
            let sum = || {
                let mut expression = LinearExpr::empty();
                for &atom in &problem.cells[other] {
                    expression.add(atoms[atom as usize], 1.0);
                }
                expression
            };
            match status {
                CellStatus::Published => lp.add_constraint(sum(), ComparisonOp::Eq, values[other] as f64),
                // "≤4": a small count is 1..k−1; a zero the caller chose to hide is 0..k−1.
                CellStatus::Primary if values[other] < k => {
                    lp.add_constraint(sum(), ComparisonOp::Le, (k - 1) as f64);
                    if values[other] > 0 {
                        lp.add_constraint(sum(), ComparisonOp::Ge, 1.0);
                    }
                }
                _ => {}
            }
        }
        match lp.solve() {
            Ok(outcome) => outcome.into_solution().expect("no time limit").objective(),
            Err(microlp::Error::Unbounded) => f64::INFINITY,
            Err(error) => panic!("the truth is feasible, the attacker cannot fail: {error}"),
        }
    };
    (bound(OptimizationDirection::Minimize), bound(OptimizationDirection::Maximize))
}

/// Asserts that no suppressed cell is pinned; returns a description of the first failure.
pub fn assert_nothing_pinned(problem: &ProtectionProblem, statuses: &[CellStatus], k: u64) {
    let values = problem.cell_values();
    for cell in 0..statuses.len() {
        if !statuses[cell].is_suppressed() {
            continue;
        }
        let (min, max) = attack(problem, statuses, k, cell);
        let truth = values[cell] as f64;
        assert!(min - 1e-6 <= truth && truth <= max + 1e-6, "cell {cell}: truth {truth} outside [{min}, {max}]");
        let lowest = (min - 1e-6).ceil();
        let highest = (max + 1e-6).floor();
        assert!(
            highest - lowest >= 1.0,
            "cell {cell} ({:?}, value {truth}, atoms {:?}) is pinned to [{min}, {max}]\n\
             problem: {problem:?}\nstatuses: {statuses:?}",
            statuses[cell],
            problem.cells[cell]
        );
    }
}
