//! A synthetic region-year shaped like the API's release (`crates/isu-core/src/stats/release.rs`): children
//! in municipalities of very unequal size, classified by everything the report's tables use, and
//! the report's table set with every margin — by municipality only gender and intervention type,
//! everything else for the region as a whole. Atoms are the distinct classes of children, as in
//! the API. Shared by the size test and the size benchmark; deterministic for a seed.

use std::collections::{BTreeMap, HashMap};

use isu_disclosure::ProtectionProblem;
use rand::distributions::{Distribution, WeightedIndex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const AREAS: usize = 13;
const METHODS: usize = 8;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Child {
    municipality: u16,
    gender: u8,
    /// Problem areas, a bit each (one to three).
    areas: u16,
    intervention: u8,
    /// Named methods, a bit each (none for most).
    methods: u8,
    closing: u8,
    previously: u8,
    background: u8,
    /// Has intervention days (not closed as never started).
    days: bool,
}

/// `children` children over `municipalities` municipalities whose sizes fall as 1/rank (one city
/// holding about a third of the region's children when there are fifty, many small towns).
pub fn region(children: usize, municipalities: usize, seed: u64) -> ProtectionProblem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let size = WeightedIndex::new((1..=municipalities).map(|rank| 1.0 / rank as f64)).expect("weights");
    let gender = WeightedIndex::new([48, 48, 4]).expect("weights");
    let area = WeightedIndex::new([57, 30, 20, 18, 16, 15, 12, 8, 8, 6, 3, 2, 5]).expect("weights");
    let intervention = WeightedIndex::new([59, 29, 12, 5, 3]).expect("weights");
    let method = WeightedIndex::new([30, 20, 15, 10, 10, 8, 4, 3]).expect("weights");
    let closing = WeightedIndex::new([60, 10, 12, 5, 5, 8]).expect("weights");
    let previously = WeightedIndex::new([70, 15, 10, 5]).expect("weights");
    let background = WeightedIndex::new([55, 12, 12, 6, 12, 3]).expect("weights");
    let mut counts: BTreeMap<Child, u64> = BTreeMap::new();
    for _ in 0..children {
        let mut areas = 0u16;
        for _ in 0..rng.gen_range(1..=3) {
            areas |= 1 << area.sample(&mut rng);
        }
        let intervention = intervention.sample(&mut rng) as u8;
        let methods = if intervention == 1 { 1 << method.sample(&mut rng) } else { 0 };
        let closing = closing.sample(&mut rng) as u8;
        let child = Child {
            municipality: size.sample(&mut rng) as u16,
            gender: gender.sample(&mut rng) as u8,
            areas,
            intervention,
            methods,
            closing,
            previously: previously.sample(&mut rng) as u8,
            background: background.sample(&mut rng) as u8,
            days: closing != 4,
        };
        *counts.entry(child).or_default() += 1;
    }
    let atoms: Vec<(&Child, u64)> = counts.iter().map(|(child, &count)| (child, count)).collect();

    // Cell keys: a table's dimensions, each either a value or the margin (None).
    let mut cells: HashMap<String, Vec<u32>> = HashMap::new();
    for (index, (child, _)) in atoms.iter().enumerate() {
        let areas: Vec<usize> = (0..AREAS).filter(|a| child.areas & (1 << a) != 0).collect();
        let mut add = |key: String| cells.entry(key).or_default().push(index as u32);
        let options = |value: String| [Some(value), None];
        // By municipality: gender, intervention type (with margins).
        for m in options(child.municipality.to_string()) {
            for g in options(child.gender.to_string()) {
                add(format!("t1 m{m:?} g{g:?}"));
            }
            for i in options(child.intervention.to_string()) {
                add(format!("d4 m{m:?} i{i:?}"));
            }
        }
        // Region: by problem area (a child in each of its areas) with gender, intervention type,
        // closing reason; alone; with intervention days.
        for a in areas.iter().map(|a| Some(a.to_string())).chain([None]) {
            for g in options(child.gender.to_string()) {
                add(format!("d2 a{a:?} g{g:?}"));
            }
            for i in options(child.intervention.to_string()) {
                add(format!("d5 a{a:?} i{i:?}"));
            }
            for c in options(child.closing.to_string()) {
                add(format!("cp a{a:?} c{c:?}"));
            }
            if child.days {
                add(format!("tx2 a{a:?} days"));
            }
        }
        if areas.len() == 1 {
            add(format!("tx1 a{} alone", areas[0]));
        }
        for (x, &a) in areas.iter().enumerate() {
            for &b in &areas[x + 1..] {
                add(format!("pair {a}+{b}"));
            }
        }
        for method in (0..METHODS).filter(|m| child.methods & (1 << m) != 0) {
            add(format!("t2 method {method}"));
        }
        for i in options(child.intervention.to_string()) {
            for c in options(child.closing.to_string()) {
                add(format!("d7 i{i:?} c{c:?}"));
            }
            for b in options(child.background.to_string()) {
                add(format!("bb i{i:?} b{b:?}"));
            }
            if child.days {
                add(format!("d9 i{i:?} days"));
            }
        }
        add(format!("t3 previously {}", child.previously));
    }
    let mut cells: Vec<(String, Vec<u32>)> = cells.into_iter().collect();
    cells.sort();
    let counts: Vec<u64> = atoms.iter().map(|(_, count)| *count).collect();
    let cells: Vec<Vec<u32>> = cells.into_iter().map(|(_, atoms)| atoms).collect();
    let mut problem = ProtectionProblem::with_threshold(counts, cells, 5);
    // As the API: small figures first, totals (many atoms) last.
    let values = problem.cell_values();
    problem.cost = values.iter().zip(&problem.cells).map(|(v, atoms)| v * 1_000 + atoms.len() as u64).collect();
    problem
}
