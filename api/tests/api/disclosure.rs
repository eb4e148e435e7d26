//! The attacker test for `isu_disclosure`: for every table set built here, an attacker who
//! knows every published cell, that counts are non-negative, and the range of every "≤4" cell
//! solves min and max of each suppressed cell as linear programmes; at least two integer values
//! must remain possible, and the truth must lie between them.
//!
//! The attacker is written independently of the module (its own linear programmes over all atoms,
//! its own reading of what a primary mark reveals), so a shared mistake is unlikely.

use std::collections::BTreeMap;

use isu_disclosure::{protect, CellStatus, Error, Params, ProtectionProblem};
use proptest::prelude::*;

const K: u64 = 5;

// ---------------------------------------------------------------------------------------------
// The attacker

use crate::helpers::attacker::{assert_nothing_pinned, attack};

/// Protects and attacks; `None` when the module refused as unprotectable, which is checked.
fn protect_and_attack(problem: &ProtectionProblem) -> Option<Vec<CellStatus>> {
    match protect(problem, &Params { k: K }) {
        Ok(statuses) => {
            check_invariants(problem, &statuses);
            assert_nothing_pinned(problem, &statuses, K);
            Some(statuses)
        }
        Err(Error::Unprotectable { .. } | Error::ReleasedDisclosesSuppressed { .. }) => {
            assert_no_pattern_protects(problem);
            None
        }
        // The same figure was published before and must now be hidden: check that claim.
        Err(Error::ReleasedButSuppressed { cell }) => {
            assert!(problem.released[cell]);
            assert!((0..problem.cells.len())
                .any(|twin| problem.cells[twin] == problem.cells[cell]
                    && (problem.primary[twin] || problem.forced[twin])));
            None
        }
        Err(error) => panic!("{error}"),
    }
}

/// A refusal is right only if even hiding every cell (but the released ones) leaves one pinned;
/// any other pattern publishes more, so the attacker would know at least as much. Example: four
/// children in four "≤4" cells under a grand total that is itself "≤4": each cell is ≥ 1 and they
/// sum to at most 4, so all are 1.
fn assert_no_pattern_protects(problem: &ProtectionProblem) {
    let everything_hidden: Vec<CellStatus> = (0..problem.cells.len())
        .map(|cell| match (problem.released[cell], problem.primary[cell]) {
            (true, _) => CellStatus::Published,
            (false, true) => CellStatus::Primary,
            (false, false) => CellStatus::Secondary,
        })
        .collect();
    let pinned = (0..problem.cells.len()).any(|cell| {
        everything_hidden[cell].is_suppressed() && {
            let (min, max) = attack(problem, &everything_hidden, K, cell);
            (max + 1e-6).floor() - (min - 1e-6).ceil() < 1.0
        }
    });
    assert!(pinned, "refused as unprotectable, but hiding everything protects: {problem:?}");
}

/// Properties every result must have, whatever the attacker finds.
fn check_invariants(problem: &ProtectionProblem, statuses: &[CellStatus]) {
    let mut status_of_atoms: BTreeMap<&[u32], CellStatus> = BTreeMap::new();
    for (cell, status) in statuses.iter().enumerate() {
        if problem.primary[cell] {
            // A small count is shown as "≤4", or as ".." where that mark itself would pin a cell.
            assert!(status.is_suppressed(), "cell {cell} is primary");
        }
        if problem.forced[cell] {
            assert!(status.is_suppressed(), "forced cell {cell} was published");
        }
        if problem.released[cell] {
            assert_eq!(*status, CellStatus::Published, "released cell {cell}");
        }
        let first = *status_of_atoms.entry(problem.cells[cell].as_slice()).or_insert(*status);
        assert_eq!(first, *status, "cell {cell} differs from its identical twin");
    }
    let again = protect(problem, &Params { k: K }).expect("protectable");
    assert_eq!(again, statuses, "same input, same pattern");
}

// ---------------------------------------------------------------------------------------------
// Table sets built from children

/// One child's classification: municipality, gender, problem areas (bit set, 1–3 areas), and
/// intervention type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Child {
    municipality: u8,
    gender: u8,
    areas: u8,
    intervention: u8,
}

/// Which tables a release shows.
#[derive(Debug, Clone, Copy)]
struct Tables {
    municipality_by_gender: bool,
    area_by_gender: bool,
    municipality_by_intervention: bool,
    area_by_municipality: bool,
}

const ALL_TABLES: Tables = Tables {
    municipality_by_gender: true,
    area_by_gender: true,
    municipality_by_intervention: true,
    area_by_municipality: true,
};

/// Whether a child of this classification is counted in the cell.
type CellDefinition = Box<dyn Fn(&Child) -> bool>;

/// The cell definitions of a release: each a predicate over a child's classification. Margins
/// recur across tables (children per municipality, per gender, all children): identical cells.
fn cell_definitions(tables: Tables, shape: Shape) -> Vec<CellDefinition> {
    let mut cells: Vec<CellDefinition> = vec![Box::new(|_| true)];
    let municipalities = 0..shape.municipalities;
    let genders = 0..shape.genders;
    let areas = 0..shape.areas;
    let interventions = 0..shape.interventions;
    let every_municipality = || municipalities.clone().map(Some).chain([None]);
    let every_gender = || genders.clone().map(Some).chain([None]);
    let is = |wanted: Option<u8>, actual: u8| wanted.is_none_or(|w| w == actual);
    if tables.municipality_by_gender {
        for m in every_municipality() {
            for g in every_gender() {
                cells.push(Box::new(move |c| is(m, c.municipality) && is(g, c.gender)));
            }
        }
    }
    if tables.area_by_gender {
        for a in areas.clone() {
            for g in every_gender() {
                cells.push(Box::new(move |c| c.areas & (1 << a) != 0 && is(g, c.gender)));
            }
        }
        for g in genders.clone() {
            cells.push(Box::new(move |c| c.gender == g));
        }
    }
    if tables.municipality_by_intervention {
        for m in every_municipality() {
            for i in interventions.clone().map(Some).chain([None]) {
                cells.push(Box::new(move |c| is(m, c.municipality) && is(i, c.intervention)));
            }
        }
    }
    if tables.area_by_municipality {
        for a in areas.clone() {
            for m in every_municipality() {
                cells.push(Box::new(move |c| c.areas & (1 << a) != 0 && is(m, c.municipality)));
            }
        }
    }
    cells
}

#[derive(Debug, Clone, Copy)]
struct Shape {
    municipalities: u8,
    genders: u8,
    areas: u8,
    interventions: u8,
}

/// Atoms are the distinct classifications (children with identical ones collapse), plus any
/// `empty_classes` nobody has, as zero-count atoms.
fn release(children: &[Child], empty_classes: &[Child], tables: Tables, shape: Shape) -> ProtectionProblem {
    let mut counts: BTreeMap<Child, u64> = BTreeMap::new();
    for child in children {
        *counts.entry(*child).or_default() += 1;
    }
    for class in empty_classes {
        counts.entry(*class).or_default();
    }
    let classes: Vec<Child> = counts.keys().copied().collect();
    let cells = cell_definitions(tables, shape)
        .iter()
        .map(|belongs| (0..classes.len() as u32).filter(|&atom| belongs(&classes[atom as usize])).collect())
        .collect();
    ProtectionProblem::with_threshold(counts.values().copied().collect(), cells, K)
}

fn child_strategy(shape: Shape) -> impl Strategy<Value = Child> {
    let areas = prop::collection::btree_set(0..shape.areas, 1..=3.min(shape.areas as usize))
        .prop_map(|set| set.into_iter().fold(0u8, |bits, area| bits | (1 << area)));
    (0..shape.municipalities, 0..shape.genders, areas, 0..shape.interventions)
        .prop_map(|(municipality, gender, areas, intervention)| Child { municipality, gender, areas, intervention })
}

fn shape_strategy() -> impl Strategy<Value = Shape> {
    (1u8..=3, 1u8..=3, 1u8..=4, 1u8..=3).prop_map(|(m, g, a, i)| Shape {
        municipalities: m,
        genders: g,
        areas: a,
        interventions: i,
    })
}

fn tables_strategy() -> impl Strategy<Value = Tables> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c, d)| Tables {
        municipality_by_gender: a,
        area_by_gender: b,
        municipality_by_intervention: c,
        area_by_municipality: d,
    })
}

/// A release: random children, or tiny groups, or one category dominating the rest.
fn release_strategy() -> impl Strategy<Value = (Vec<Child>, Vec<Child>, Tables, Shape)> {
    shape_strategy().prop_flat_map(|shape| {
        let children = prop_oneof![
            prop::collection::vec(child_strategy(shape), 1..40),
            prop::collection::vec(child_strategy(shape), 1..6),
            (child_strategy(shape), 10usize..30, prop::collection::vec(child_strategy(shape), 0..6))
                .prop_map(|(dominant, copies, rest)| { std::iter::repeat_n(dominant, copies).chain(rest).collect() }),
        ];
        (children, prop::collection::vec(child_strategy(shape), 0..4), tables_strategy(), Just(shape))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn no_suppressed_cell_is_pinned((children, empty, tables, shape) in release_strategy()) {
        protect_and_attack(&release(&children, &empty, tables, shape));
    }

    #[test]
    fn a_revision_pins_nothing_in_either_version(
        (children, empty, tables, shape) in release_strategy(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..5),
    ) {
        let mut revised: Vec<Option<Child>> = children.iter().copied().map(Some).collect();
        for (index, kind, value) in edits {
            let slot = index.index(revised.len());
            match kind {
                0 => revised[slot] = None, // a record withdrawn
                1 => revised.push(Some(Child {
                    gender: value % shape.genders,
                    ..children[slot % children.len()]
                })),
                _ => if let Some(child) = &mut revised[slot] { // a record corrected
                    child.municipality = value % shape.municipalities;
                }
            }
        }
        let first: Vec<Option<Child>> = children.iter().copied().map(Some).chain(
            std::iter::repeat_n(None, revised.len() - children.len())).collect();
        check_revision(&first, &revised, &empty, tables, shape);
    }
}

// ---------------------------------------------------------------------------------------------
// Revisions

/// Version 1 is protected alone and published. Version 2 is then protected together with it: the
/// attacker holds both releases, and most children are in both, so the two sets of equations are
/// one linear system over the same children. Atoms are therefore pairs (class in version 1, class
/// in version 2), each version's cells sums of these; version 1's published cells are `released`
/// (they are out and stay out), its suppressed cells stay suppressed (`forced`, or primary), and a
/// version 2 cell is `forced` when the same cell was suppressed in version 1.
///
/// `first[i]` and `second[i]` are child i in each version (`None`: not in that version).
fn check_revision(first: &[Option<Child>], second: &[Option<Child>], empty: &[Child], tables: Tables, shape: Shape) {
    let definitions = cell_definitions(tables, shape);
    let first_children: Vec<Child> = first.iter().flatten().copied().collect();
    let first_problem = release(&first_children, empty, tables, shape);
    let Some(first_statuses) = protect_and_attack(&first_problem) else {
        return; // version 1 was rightly refused: there is nothing to revise
    };

    let mut pairs: BTreeMap<(Option<Child>, Option<Child>), u64> = BTreeMap::new();
    for (before, after) in first.iter().zip(second) {
        *pairs.entry((*before, *after)).or_default() += 1;
    }
    for class in empty {
        pairs.entry((Some(*class), Some(*class))).or_default();
    }
    // A version 2 cell nobody is in any more would be an empty sum, zero by construction and
    // impossible to hide; as the statistics engine must, give it the zero-count atom of a class it
    // could contain (here a class that exists only in version 2).
    for belongs in &definitions {
        if !pairs.keys().any(|(_, after)| after.is_some_and(|class| belongs(&class))) {
            if let Some(class) = some_class_in(belongs.as_ref(), shape) {
                pairs.entry((None, Some(class))).or_default();
            }
        }
    }
    let atoms: Vec<(Option<Child>, Option<Child>)> = pairs.keys().copied().collect();
    let cells_of = |version: usize| -> Vec<Vec<u32>> {
        definitions
            .iter()
            .map(|belongs| {
                (0..atoms.len() as u32)
                    .filter(|&atom| {
                        let class = if version == 1 { atoms[atom as usize].0 } else { atoms[atom as usize].1 };
                        class.is_some_and(|class| belongs(&class))
                    })
                    .collect()
            })
            .collect()
    };
    let mut cells = cells_of(1);
    cells.extend(cells_of(2));
    let mut union = ProtectionProblem::with_threshold(pairs.values().copied().collect(), cells, K);
    let n = definitions.len();
    for (cell, status) in first_statuses.iter().enumerate() {
        union.primary[cell] = *status == CellStatus::Primary;
        union.forced[cell] = *status == CellStatus::Secondary;
        union.released[cell] = *status == CellStatus::Published;
        union.forced[n + cell] = status.is_suppressed();
    }
    let Some(statuses) = protect_and_attack(&union) else {
        return;
    };
    for cell in 0..n {
        assert_eq!(statuses[cell].is_suppressed(), first_statuses[cell].is_suppressed());
    }
}

fn some_class_in(belongs: &dyn Fn(&Child) -> bool, shape: Shape) -> Option<Child> {
    let area_sets = (1u8..1 << shape.areas).filter(|set| set.count_ones() <= 3);
    area_sets
        .flat_map(|areas| {
            (0..shape.municipalities).flat_map(move |m| {
                (0..shape.genders).flat_map(move |g| (0..shape.interventions).map(move |i| child(m, g, areas, i)))
            })
        })
        .find(|class| belongs(class))
}

// ---------------------------------------------------------------------------------------------
// Named cases

fn child(municipality: u8, gender: u8, areas: u8, intervention: u8) -> Child {
    Child { municipality, gender, areas, intervention }
}

const SHAPE: Shape = Shape { municipalities: 3, genders: 3, areas: 4, interventions: 3 };

#[test]
fn a_single_child() {
    protect_and_attack(&release(&[child(0, 0, 1, 0)], &[], ALL_TABLES, SHAPE));
}

#[test]
fn one_child_per_municipality() {
    let children = [child(0, 0, 1, 0), child(1, 1, 2, 1), child(2, 2, 4, 2)];
    protect_and_attack(&release(&children, &[], ALL_TABLES, SHAPE));
}

#[test]
fn one_dominating_category_and_a_few_others() {
    let mut children = vec![child(0, 0, 1, 0); 40];
    children.extend([child(1, 1, 3, 1), child(2, 0, 1, 0), child(0, 1, 8, 2)]);
    protect_and_attack(&release(&children, &[], ALL_TABLES, SHAPE));
}

#[test]
fn a_child_in_every_problem_area_of_a_small_municipality() {
    let mut children = vec![child(0, 0, 1, 0); 12];
    children.extend(vec![child(1, 0, 2, 1); 9]);
    children.push(child(2, 1, 0b1110, 2)); // three areas: in three cells of one table
    protect_and_attack(&release(&children, &[], ALL_TABLES, SHAPE));
}

#[test]
fn two_small_cells_under_a_total_of_two() {
    let mut children = vec![child(0, 0, 1, 0), child(0, 1, 1, 0)];
    children.extend(vec![child(1, 0, 1, 0); 10]);
    children.extend(vec![child(1, 1, 1, 0); 10]);
    let shape = Shape { municipalities: 2, genders: 2, areas: 1, interventions: 1 };
    protect_and_attack(&release(&children, &[], ALL_TABLES, shape));
}

#[test]
fn two_cells_at_the_top_of_the_range() {
    let mut children = vec![child(0, 0, 1, 0); 4];
    children.extend(vec![child(0, 1, 1, 0); 4]);
    children.extend(vec![child(1, 0, 1, 0); 10]);
    children.extend(vec![child(1, 1, 1, 0); 10]);
    let shape = Shape { municipalities: 2, genders: 2, areas: 1, interventions: 1 };
    protect_and_attack(&release(&children, &[], ALL_TABLES, shape));
}

#[test]
fn empty_classes_published_as_zeros() {
    let children = vec![child(0, 0, 1, 0), child(0, 0, 1, 0), child(1, 1, 2, 1)];
    let empty = [child(2, 2, 4, 2), child(0, 1, 1, 1), child(1, 0, 2, 0)];
    protect_and_attack(&release(&children, &empty, ALL_TABLES, SHAPE));
}

#[test]
fn a_revision_with_a_withdrawn_and_a_corrected_record() {
    let mut children: Vec<Option<Child>> = vec![Some(child(0, 0, 1, 0)); 7];
    children.extend(vec![Some(child(1, 1, 2, 1)); 8]);
    children.push(Some(child(2, 0, 1, 2)));
    let mut revised = children.clone();
    revised[0] = None; // withdrawn
    revised[8] = Some(child(2, 1, 2, 1)); // corrected municipality and gender
    revised.push(Some(child(1, 0, 1, 0))); // a late record
    children.push(None);
    check_revision(&children, &revised, &[], ALL_TABLES, SHAPE);
}

#[test]
fn forced_cells_stay_suppressed_and_are_protected() {
    let children: Vec<Child> = (0..30).map(|i| child(i % 3, i % 2, 1 << (i % 4), i % 3)).collect();
    let mut problem = release(&children, &[], ALL_TABLES, SHAPE);
    for cell in [1, 5, 9] {
        problem.forced[cell] = true;
    }
    let statuses = protect_and_attack(&problem).expect("protectable");
    assert!([1, 5, 9].iter().all(|&cell| statuses[cell].is_suppressed()));
}

#[test]
fn threshold_below_three_is_refused() {
    let problem = release(&[child(0, 0, 1, 0)], &[], ALL_TABLES, SHAPE);
    assert_eq!(protect(&problem, &Params { k: 2 }), Err(Error::ThresholdTooSmall(2)));
}
