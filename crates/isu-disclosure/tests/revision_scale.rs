//! A revision of a region-year of national scale (issue #16 part 4, #18 goal 2): the second
//! version of a release protected together with the first, shaped as the API's joint problem
//! (`crates/isu-core/src/stats/revision.rs`). Each class of children has a core atom (in both
//! versions) and an excess atom (the records the new version added); a *change cell* (the excess
//! atoms of every class with a key) of 1..k−1 is a hidden small count. A change cell such as
//! "one of the new children is a girl" sums the excess atoms of half the classes, thousands of
//! atoms nearly all zero: a window of it alone was a programme beyond the size limit, and the
//! revision was refused as `too_large`.

mod linear_attacker;

use isu_disclosure::{protect, protect_public_ranges_with_report, CellStatus, Params, ProtectionProblem};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const K: u64 = 5;

/// The joint problem of a first version `first` (protected as `statuses`) and a second with
/// `added` more children in the given classes (atoms of `first`), built as the API builds it for
/// two versions where records were only added: per class a core (the first version's count) and
/// an excess (what the second added); the second version's cells, the first's (published ones
/// released, hidden ones forced with their range where shown), the change cells of 1..k−1, and
/// the change's size (released). Returns the problem, the cells whose range is public, and the
/// number of the second version's cells (the first ones).
pub fn joint(
    first: &ProtectionProblem,
    statuses: &[CellStatus],
    added: &[u32],
) -> (ProtectionProblem, Vec<bool>, usize) {
    let classes = first.atom_counts.len();
    let mut excess = vec![0u64; classes];
    for &class in added {
        excess[class as usize] += 1;
    }
    // Atom 2c is class c's core, 2c + 1 its excess.
    let atom_counts: Vec<u64> = (0..classes).flat_map(|c| [first.atom_counts[c], excess[c]]).collect();
    let mut problem = ProtectionProblem { atom_counts, ..ProtectionProblem::default() };
    let mut public = Vec::new();
    let first_values = first.cell_values();
    // The second version's cells.
    for (cell, atoms) in first.cells.iter().enumerate() {
        let atoms: Vec<u32> = atoms.iter().flat_map(|&c| [2 * c, 2 * c + 1]).collect();
        let value: u64 = atoms.iter().map(|&a| problem.atom_counts[a as usize]).sum();
        problem.primary.push((1..K).contains(&value));
        problem.forced.push(statuses[cell].is_suppressed() && !(1..K).contains(&value));
        problem.released.push(false);
        problem.cost.push(value * 1_000 + atoms.len() as u64);
        problem.cells.push(atoms);
        public.push(false);
    }
    let current = problem.cells.len();
    // The first version's cells.
    for (cell, atoms) in first.cells.iter().enumerate() {
        let hidden = statuses[cell].is_suppressed();
        let ranged = hidden && statuses[cell] == CellStatus::Primary && (1..K).contains(&first_values[cell]);
        problem.cells.push(atoms.iter().map(|&c| 2 * c).collect());
        problem.primary.push(ranged);
        problem.forced.push(hidden);
        problem.released.push(!hidden);
        problem.cost.push(u64::MAX);
        public.push(ranged);
    }
    // The change cells of 1..k−1, then the size of the change.
    for atoms in &first.cells {
        let value: u64 = atoms.iter().map(|&c| excess[c as usize]).sum();
        if (1..K).contains(&value) {
            problem.cells.push(atoms.iter().map(|&c| 2 * c + 1).collect());
            problem.primary.push(true);
            problem.forced.push(true);
            problem.released.push(false);
            problem.cost.push(u64::MAX);
            public.push(false);
        }
    }
    problem.cells.push((0..classes as u32).map(|c| 2 * c + 1).collect());
    problem.primary.push(false);
    problem.forced.push(false);
    problem.released.push(true);
    problem.cost.push(u64::MAX);
    public.push(false);
    (problem, public, current)
}

/// `count` children added to classes drawn (by size) from `first`'s, deterministically.
pub fn additions(first: &ProtectionProblem, count: usize, seed: u64) -> Vec<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let total: u64 = first.atom_counts.iter().sum();
    (0..count)
        .map(|_| {
            let mut at = rng.gen_range(0..total);
            first
                .atom_counts
                .iter()
                .position(|&n| {
                    if at < n {
                        true
                    } else {
                        at -= n;
                        false
                    }
                })
                .expect("in range") as u32
        })
        .collect()
}

/// A first version with many classes and no small count: `children` children over 30
/// municipalities of about equal size, classified by gender, problem area, intervention type,
/// closing reason and background, in the tables municipality × gender, municipality ×
/// intervention, gender × area, area × intervention, intervention × closing, closing ×
/// background, with every margin. Deterministic for a seed.
pub fn wide_region(children: usize, seed: u64) -> ProtectionProblem {
    use rand::distributions::{Distribution, WeightedIndex};
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let gender = WeightedIndex::new([48, 48, 4]).expect("weights");
    let area = WeightedIndex::new([57, 30, 20, 18, 16, 15, 12, 8, 8, 6, 3, 2, 5]).expect("weights");
    let intervention = WeightedIndex::new([59, 29, 12, 5, 3]).expect("weights");
    let closing = WeightedIndex::new([60, 10, 12, 5, 5, 8]).expect("weights");
    let background = WeightedIndex::new([55, 12, 12, 6, 12, 3]).expect("weights");
    let mut counts: std::collections::BTreeMap<[u8; 6], u64> = Default::default();
    for _ in 0..children {
        let child = [
            rng.gen_range(0..30u8),
            gender.sample(&mut rng) as u8,
            area.sample(&mut rng) as u8,
            intervention.sample(&mut rng) as u8,
            closing.sample(&mut rng) as u8,
            background.sample(&mut rng) as u8,
        ];
        *counts.entry(child).or_default() += 1;
    }
    let mut cells: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
    for (index, [m, g, a, i, c, b]) in counts.keys().enumerate() {
        let pairs = [
            ("mg", Some(*m), Some(*g)),
            ("mi", Some(*m), Some(*i)),
            ("ga", Some(*g), Some(*a)),
            ("ai", Some(*a), Some(*i)),
            ("ic", Some(*i), Some(*c)),
            ("cb", Some(*c), Some(*b)),
        ];
        for (table, x, y) in pairs {
            for x in [x, None] {
                for y in [y, None] {
                    cells.entry(format!("{table} {x:?} {y:?}")).or_default().push(index as u32);
                }
            }
        }
    }
    let counts: Vec<u64> = counts.values().copied().collect();
    let cells: Vec<Vec<u32>> = cells
        .into_values()
        .map(|mut atoms| {
            atoms.dedup();
            atoms
        })
        .collect();
    let mut problem = ProtectionProblem::with_threshold(counts, cells, K);
    let values = problem.cell_values();
    problem.cost = values.iter().zip(&problem.cells).map(|(v, atoms)| v * 1_000 + atoms.len() as u64).collect();
    problem
}

#[test]
fn a_revision_whose_change_cells_span_thousands_of_atoms_is_protected_and_nothing_hidden_is_pinned() {
    // 20,000 children in 12,496 classes, no small count in the first version; five children
    // added. The change cells of 1..4 include one over 5,939 excess atoms (half the classes):
    // refused as `too_large` before windows chose a large cell's atoms (a programme of 25,941
    // variables).
    let first = wide_region(20_000, 1);
    let statuses = protect(&first, &Params::default()).expect("the first version");
    let added = additions(&first, K as usize, 7);
    let (problem, public, current) = joint(&first, &statuses, &added);
    let largest = (current..problem.cells.len()).filter(|&c| problem.primary[c]).map(|c| problem.cells[c].len()).max();
    assert!(largest > Some(5_000), "the change cells are smaller than intended: {largest:?}");
    let report = protect_public_ranges_with_report(&problem, &Params::default(), &public).expect("protectable");
    let certification = report.certification;
    assert!(certification.largest_programme <= 6_000, "{certification:?}");
    for (cell, &shown) in public.iter().enumerate() {
        assert!(!shown || report.statuses[cell] == CellStatus::Primary, "a shown range was given up");
    }

    // The attacker (every published cell exact, counts ≥ 0, "≤4" ranges) varying the excess
    // atoms only: the first version is all published, so this is where a reader of both
    // versions looks. The change cells of 1..4 and the first hidden cells of the second version
    // each keep two values.
    let varies: Vec<bool> = (0..problem.atom_counts.len()).map(|atom| atom % 2 == 1).collect();
    let changes = (current..problem.cells.len()).filter(|&c| problem.primary[c] && report.statuses[c].is_suppressed());
    let second = (0..current).filter(|&c| report.statuses[c].is_suppressed());
    let values = problem.cell_values();
    let checked: Vec<usize> = changes.take(3).chain(second.take(3)).collect();
    assert_eq!(checked.len(), 6, "too few hidden cells to check");
    for cell in checked {
        let value = values[cell] as f64;
        let spread = linear_attacker::spread(&problem, &report.statuses, &varies, linear_attacker::one_child, cell);
        assert!(spread >= 1.0 - 1e-6, "cell {cell} ({value}) is pinned: the attacker sees a spread of {spread}");
    }
}

#[test]
#[ignore = "a measurement: prints the sizes of revision-shaped problems"]
fn sizes() {
    let sizes: Vec<usize> = std::env::var("ISU_REVISION_SIZES")
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|_| vec![20_000, 30_000]);
    for children in sizes {
        let first = wide_region(children, 1);
        let started = std::time::Instant::now();
        let statuses = protect(&first, &Params::default()).expect("the first version");
        let first_time = started.elapsed();
        let added = additions(&first, K as usize, 7);
        let (problem, public, current) = joint(&first, &statuses, &added);
        let largest = problem.cells[current..]
            .iter()
            .zip(&problem.primary[current..])
            .filter(|(_, &p)| p)
            .map(|(c, _)| c.len())
            .max();
        println!("{children} children: {} classes, {} cells, first version {first_time:.1?} ({} hidden), largest hidden change cell {largest:?} atoms", first.atom_counts.len(), first.cells.len(), statuses.iter().filter(|s| s.is_suppressed()).count());
        let started = std::time::Instant::now();
        match protect_public_ranges_with_report(&problem, &Params::default(), &public) {
            Ok(report) => println!(
                "  protected in {:.1?}: {} programmes, largest {}, {} of the second version's cells hidden",
                started.elapsed(),
                report.certification.linear_programmes,
                report.certification.largest_programme,
                report.statuses[..current].iter().filter(|s| s.is_suppressed()).count()
            ),
            Err(error) => println!("  refused after {:.1?}: {error}", started.elapsed()),
        }
    }
}
