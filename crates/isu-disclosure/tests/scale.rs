//! A region-year of national scale (issue #16 part 4, #18 goal 2): more movable atoms than one
//! programme solves in reasonable time, certified in windows, and no hidden cell pinned by a
//! linear attacker. The figures of the real largest region come from the API's
//! `cargo bench -p isu-api --bench release_scale`.

mod region_model;

use isu_disclosure::{protect_with_report, CellStatus, Params, ProtectionProblem};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};

#[test]
fn a_region_of_national_scale_is_certified_in_windows_and_nothing_hidden_is_pinned() {
    // 28,000 children (the largest region's year at a million cases) over 90 municipalities:
    // about 3,500 atoms in hidden cells, above the first window of 1,000.
    let problem = region_model::region(28_000, 90, 1);
    let report = protect_with_report(&problem, &Params::default()).expect("protectable");
    let certification = report.certification;
    assert!(certification.windowed_programmes > 0, "windows were not used: {certification:?}");
    let hidden: Vec<usize> = (0..problem.cells.len()).filter(|&c| report.statuses[c].is_suppressed()).collect();
    assert!(hidden.len() > 100, "a region this size hides more than {} cells", hidden.len());

    // The attacker: every published cell exact, counts ≥ 0, "≤4" ranges; what it can say about
    // a hidden cell is its minimum and maximum over that. Only the atoms of hidden cells may vary
    // (the others fixed at their counts): a narrower set than the attacker's, so two values seen
    // here are two values the attacker sees. The first three primary and secondary cells (by
    // municipality: certified in windows) are checked; each check is a programme over all
    // hidden atoms, about 2 s.
    let primary = hidden.iter().filter(|&&c| problem.primary[c]).take(3);
    let secondary = hidden.iter().filter(|&&c| !problem.primary[c]).take(3);
    for &cell in primary.chain(secondary) {
        let value = problem.cell_values()[cell] as f64;
        let highest = attacker_extreme(&problem, &report.statuses, cell, OptimizationDirection::Maximize);
        let spread = if highest >= value + 1.0 - 1e-6 {
            highest - value
        } else {
            value - attacker_extreme(&problem, &report.statuses, cell, OptimizationDirection::Minimize)
        };
        assert!(spread >= 1.0 - 1e-6, "cell {cell} ({value}) is pinned: the attacker sees a spread of {spread}");
    }
}

fn attacker_extreme(
    problem: &ProtectionProblem,
    statuses: &[CellStatus],
    target: usize,
    direction: OptimizationDirection,
) -> f64 {
    let mut varies = vec![false; problem.atom_counts.len()];
    for (cell, atoms) in problem.cells.iter().enumerate() {
        if statuses[cell].is_suppressed() {
            for &atom in atoms {
                varies[atom as usize] = true;
            }
        }
    }
    let mut lp = Problem::new(direction);
    let in_target: std::collections::HashSet<u32> = problem.cells[target].iter().copied().collect();
    let variables: Vec<Option<microlp::Variable>> = (0..problem.atom_counts.len())
        .map(|atom| {
            varies[atom].then(|| {
                let objective = if in_target.contains(&(atom as u32)) { 1.0 } else { 0.0 };
                lp.add_var(objective, (0.0, f64::INFINITY))
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
            // A primary cell shown as "≤4": 1..4.
            CellStatus::Primary => {
                lp.add_constraint(sum.clone(), ComparisonOp::Ge, 1.0 - fixed);
                lp.add_constraint(sum, ComparisonOp::Le, 4.0 - fixed);
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
