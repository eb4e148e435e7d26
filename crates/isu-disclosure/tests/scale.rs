//! A region-year of national scale (issue #16 part 4, #18 goal 2): more movable atoms than one
//! programme solves in reasonable time, certified in windows, and no hidden cell pinned by a
//! linear attacker. The figures of the real largest region come from the API's
//! `cargo bench -p isu-api --bench release_scale`.

mod linear_attacker;
mod region_model;

use isu_disclosure::{protect_with_report, Params};

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
    let mut varies = vec![false; problem.atom_counts.len()];
    for &cell in &hidden {
        for &atom in &problem.cells[cell] {
            varies[atom as usize] = true;
        }
    }
    let primary = hidden.iter().filter(|&&c| problem.primary[c]).take(3);
    let secondary = hidden.iter().filter(|&&c| !problem.primary[c]).take(3);
    for &cell in primary.chain(secondary) {
        let value = problem.cell_values()[cell] as f64;
        let spread = linear_attacker::spread(&problem, &report.statuses, &varies, linear_attacker::any_count, cell);
        assert!(spread >= 1.0 - 1e-6, "cell {cell} ({value}) is pinned: the attacker sees a spread of {spread}");
    }
}
