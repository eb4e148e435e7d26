//! First pass: a suppression pattern in which no suppressed cell is a linear combination of the
//! published ones (GaussSuppression's rule, Langsrud 2024).
//!
//! Cells are offered for publication in a fixed order and each is published only if that leaves
//! every primary and forced cell outside the span of what is published; otherwise it becomes a
//! secondary suppression. Secondary cells need no protection of their own here: one was suppressed
//! because publishing it would have revealed a protected cell, so if the later published cells
//! derived it, they would reveal that protected cell too, which the rule excludes. (Zeros are the
//! exception this argument misses, see below; certification covers them.)
//!
//! Order: released cells first (they are out already), then zero-valued candidates, then the rest
//! from the dearest to the cheapest to suppress. A published zero tells more than its value: with counts non-negative, every
//! atom in it is zero. So a zero cell is published as the unit vectors of its atoms, which is what
//! an attacker learns. Offering zeros first lets them be published while few cells constrain them.

use std::cmp::Reverse;

use super::elimination::{Elimination, SparseRow};
use super::groups::CellGroup;
use super::Error;

pub(super) fn propose(groups: &[CellGroup], atoms: usize) -> Result<Vec<bool>, Error> {
    let mut elimination = Elimination::new(atoms);
    let mut suppressed = vec![false; groups.len()];

    for (index, group) in groups.iter().enumerate() {
        if group.primary || group.forced {
            if group.released {
                return Err(Error::ReleasedButSuppressed { cell: group.first_cell });
            }
            if !elimination.protect(&cell_vector(group)) {
                return Err(Error::Unprotectable { cell: group.first_cell });
            }
            suppressed[index] = true;
        }
    }

    for group in groups.iter().filter(|group| group.released) {
        if !elimination.try_publish(&published_knowledge(group)) {
            return Err(Error::ReleasedDisclosesSuppressed { cell: group.first_cell });
        }
    }

    let mut candidates: Vec<usize> =
        (0..groups.len()).filter(|&index| !suppressed[index] && !groups[index].released).collect();
    // The first offered is the most likely to be published, so the cheapest go last: they are
    // the ones left to suppress when a dependency closes. Among equal costs the lower index is
    // suppressed first.
    candidates.sort_by_key(|&index| {
        let group = &groups[index];
        (group.value != 0, Reverse(group.cost), Reverse(group.first_cell))
    });
    for index in candidates {
        if !elimination.try_publish(&published_knowledge(&groups[index])) {
            suppressed[index] = true;
        }
    }
    Ok(suppressed)
}

fn cell_vector(group: &CellGroup) -> SparseRow {
    group.atoms.iter().map(|&atom| (atom, 1)).collect()
}

/// The vectors an attacker learns exactly when the cell is published.
fn published_knowledge(group: &CellGroup) -> Vec<SparseRow> {
    if group.value == 0 {
        group.atoms.iter().map(|&atom| vec![(atom, 1)]).collect()
    } else {
        vec![cell_vector(group)]
    }
}
