//! Named small cases. The attacker-based property tests live in `api/tests/api/disclosure.rs`.

use super::*;

fn statuses(problem: &ProtectionProblem) -> Vec<CellStatus> {
    protect(problem, &Params::default()).expect("protectable")
}

/// A 2×2 table with row, column and grand totals over atoms a b / c d.
fn two_by_two(counts: [u64; 4]) -> ProtectionProblem {
    let cells =
        vec![vec![0], vec![1], vec![2], vec![3], vec![0, 1], vec![2, 3], vec![0, 2], vec![1, 3], vec![0, 1, 2, 3]];
    ProtectionProblem::with_threshold(counts.to_vec(), cells, 5)
}

#[test]
fn threshold_marks_one_to_k_minus_one() {
    assert_eq!(primary_by_threshold(&[0, 1, 4, 5, 9], 5), vec![false, true, true, false, false]);
}

#[test]
fn k_below_three_is_refused() {
    let problem = two_by_two([1, 10, 10, 10]);
    assert_eq!(protect(&problem, &Params { k: 2 }), Err(Error::ThresholdTooSmall(2)));
}

#[test]
fn a_lone_small_cell_takes_a_rectangle_with_it() {
    // Cost = value: the margins are dear and offered first; each small inner cell then closes a
    // row or a column, so all four inner cells go and every margin stays.
    let result = statuses(&two_by_two([2, 10, 10, 10]));
    assert_eq!(result[0], CellStatus::Primary);
    assert!(result[..4].iter().all(|s| s.is_suppressed()));
    assert!(result[4..].iter().all(|s| !s.is_suppressed()));
}

#[test]
fn cheap_margins_are_hidden_instead() {
    // Margins cheaper than the inner cells: the row, column and grand totals containing the small
    // cell go, and the inner cells stay.
    let mut problem = two_by_two([2, 10, 10, 10]);
    problem.cost[4..].fill(1);
    let result = statuses(&problem);
    assert_eq!(result[0], CellStatus::Primary);
    assert!(result[1..4].iter().all(|s| !s.is_suppressed()));
    assert!(result[4].is_suppressed() && result[6].is_suppressed() && result[8].is_suppressed());
}

#[test]
fn a_total_of_two_over_two_small_cells_is_hidden_too() {
    // Row 0 is 1 + 1 = 2: linear algebra is satisfied by hiding both, but each is ≥ 1, so a
    // published row total of 2 pins both to 1.
    let result = statuses(&two_by_two([1, 1, 10, 10]));
    assert!(result[0].is_suppressed() && result[1].is_suppressed());
    assert!(result[4].is_suppressed(), "the row total would pin both cells: {result:?}");
}

#[test]
fn identical_cells_share_one_status() {
    let mut problem = two_by_two([2, 10, 10, 10]);
    problem.cells.push(vec![0, 1]); // row 0 again, as another table's margin
    problem.primary.push(false);
    problem.forced.push(false);
    problem.released.push(false);
    problem.cost.push(0); // cheaper than its twin
    let result = statuses(&problem);
    assert_eq!(result[4], result[9]);
}

#[test]
fn forced_cells_stay_suppressed() {
    let mut problem = two_by_two([10, 10, 10, 10]);
    problem.forced[8] = true;
    let result = statuses(&problem);
    assert_eq!(result[8], CellStatus::Secondary);
    assert!(result.iter().filter(|s| s.is_suppressed()).count() >= 2);
}

#[test]
fn a_published_zero_row_is_no_cover() {
    // Row 0: 3 + 0. The zero is published, so atom b is known to be 0 and the row total 3 would
    // equal a; the total must go.
    let result = statuses(&two_by_two([3, 0, 10, 10]));
    assert_eq!(result[0], CellStatus::Primary);
    assert!(result[4].is_suppressed());
}

#[test]
fn a_released_cell_cannot_be_suppressed() {
    let mut problem = two_by_two([2, 10, 10, 10]);
    problem.released[0] = true;
    assert_eq!(protect(&problem, &Params::default()), Err(Error::ReleasedButSuppressed { cell: 0 }));
}

#[test]
fn an_empty_primary_cell_is_refused() {
    let mut problem = two_by_two([2, 10, 10, 10]);
    problem.cells.push(Vec::new());
    problem.primary.push(true);
    problem.forced.push(false);
    problem.released.push(false);
    problem.cost.push(0);
    assert_eq!(protect(&problem, &Params::default()), Err(Error::Unprotectable { cell: 9 }));
}

#[test]
fn malformed_cells_are_refused() {
    let mut problem = two_by_two([2, 10, 10, 10]);
    problem.cells[8] = vec![0, 2, 1, 3];
    assert_eq!(protect(&problem, &Params::default()), Err(Error::AtomsNotSorted { cell: 8 }));
    problem.cells[8] = vec![0, 7];
    assert!(matches!(protect(&problem, &Params::default()), Err(Error::AtomOutOfRange { cell: 8, .. })));
}
