//! Cells with the same atom set are one figure shown in several places (a margin repeated in two
//! tables): they must share one fate, or the published copy would give the hidden one away. The
//! engine therefore works on groups of identical cells and maps the result back.

use std::collections::HashMap;

use super::ProtectionProblem;

pub(super) struct CellGroup {
    pub atoms: Vec<u32>,
    pub value: u64,
    pub primary: bool,
    pub forced: bool,
    pub released: bool,
    /// Hidden earlier with its "≤k−1" range shown: the range is public and cannot be given up.
    pub range_public: bool,
    /// The cheapest member's cost: suppressing the group costs at least that much.
    pub cost: u64,
    /// The lowest member index, the deterministic tie-breaker.
    pub first_cell: usize,
}

pub(super) struct Grouping {
    pub groups: Vec<CellGroup>,
    /// Cell index → group index.
    pub group_of_cell: Vec<usize>,
}

pub(super) fn group_identical_cells(problem: &ProtectionProblem) -> Grouping {
    let mut index_of_atoms: HashMap<&[u32], usize> = HashMap::new();
    let mut groups: Vec<CellGroup> = Vec::new();
    let mut group_of_cell = Vec::with_capacity(problem.cells.len());
    for (cell, atoms) in problem.cells.iter().enumerate() {
        let group = *index_of_atoms.entry(atoms.as_slice()).or_insert_with(|| {
            groups.push(CellGroup {
                atoms: atoms.clone(),
                value: atoms.iter().map(|&atom| problem.atom_counts[atom as usize]).sum(),
                primary: false,
                forced: false,
                released: false,
                range_public: false,
                cost: u64::MAX,
                first_cell: cell,
            });
            groups.len() - 1
        });
        let entry = &mut groups[group];
        entry.primary |= problem.primary[cell];
        entry.forced |= problem.forced[cell];
        entry.released |= problem.released[cell];
        entry.cost = entry.cost.min(problem.cost[cell]);
        group_of_cell.push(group);
    }
    Grouping { groups, group_of_cell }
}
