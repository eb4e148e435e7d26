//! A linear attacker shared by the scale tests: every published cell exact, counts ≥ 0, a "≤4"
//! cell in 1..4. Only the atoms of `varies` move, each within `bounds` of its count (a narrower
//! set of tables than the attacker's, so two values seen here are two values the attacker sees).

// Each test binary that includes this module uses part of it.
#![allow(dead_code)]

use isu_disclosure::{CellStatus, ProtectionProblem};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};

/// The smallest k the tests use: a "≤4" cell is 1..4.
const K: u64 = 5;

/// How far an atom of count `count` may move: `(lowest, highest)`.
pub type Bounds = fn(f64) -> (f64, f64);

/// Any non-negative count.
pub fn any_count(_: f64) -> (f64, f64) {
    (0.0, f64::INFINITY)
}

/// At most one child more or less.
pub fn one_child(count: f64) -> (f64, f64) {
    ((count - 1.0).max(0.0), count + 1.0)
}

/// The extreme (in `direction`) of cell `target` over the tables the attacker cannot exclude.
pub fn extreme(
    problem: &ProtectionProblem,
    statuses: &[CellStatus],
    varies: &[bool],
    bounds: Bounds,
    target: usize,
    direction: OptimizationDirection,
) -> f64 {
    let mut lp = Problem::new(direction);
    let in_target: std::collections::HashSet<u32> = problem.cells[target].iter().copied().collect();
    let variables: Vec<Option<microlp::Variable>> = (0..problem.atom_counts.len())
        .map(|atom| {
            varies[atom].then(|| {
                let objective = if in_target.contains(&(atom as u32)) { 1.0 } else { 0.0 };
                lp.add_var(objective, bounds(problem.atom_counts[atom] as f64))
            })
        })
        .collect();
    let values = problem.cell_values();
    for (cell, atoms) in problem.cells.iter().enumerate() {
        let mut sum = LinearExpr::empty();
        let mut fixed = 0.0;
        for &atom in atoms {
            match variables[atom as usize] {
                Some(variable) => sum.add(variable, 1.0),
                None => fixed += problem.atom_counts[atom as usize] as f64,
            }
        }
        match statuses[cell] {
            CellStatus::Published => lp.add_constraint(sum, ComparisonOp::Eq, values[cell] as f64 - fixed),
            CellStatus::Primary => {
                lp.add_constraint(sum.clone(), ComparisonOp::Ge, 1.0 - fixed);
                lp.add_constraint(sum, ComparisonOp::Le, (K - 1) as f64 - fixed);
            }
            CellStatus::Secondary => {}
        }
    }
    let solution = lp.solve().expect("the true counts are feasible").into_solution().expect("solved");
    let target_fixed: f64 = problem.cells[target]
        .iter()
        .filter(|&&atom| variables[atom as usize].is_none())
        .map(|&atom| problem.atom_counts[atom as usize] as f64)
        .sum();
    solution.objective() + target_fixed
}

/// How far cell `target` can move from its true value in the direction that moves it (up first,
/// then down): at least 1 when the attacker sees two values.
pub fn spread(
    problem: &ProtectionProblem,
    statuses: &[CellStatus],
    varies: &[bool],
    bounds: Bounds,
    target: usize,
) -> f64 {
    let value = problem.cell_values()[target] as f64;
    let highest = extreme(problem, statuses, varies, bounds, target, OptimizationDirection::Maximize);
    if highest >= value + 1.0 - 1e-6 {
        highest - value
    } else {
        value - extreme(problem, statuses, varies, bounds, target, OptimizationDirection::Minimize)
    }
}
