//! Versions of a release protected together: the protection problem of a new version holds every
//! earlier version's figures as known, and the changes between them as a table of their own.
//!
//! # What a reader of several versions has
//! Every published figure of every version, the "≤4" ranges, and the size of the change between
//! two versions (the totals differ by it; a vendor may know it exactly). Before this module a new
//! version was protected knowing only those earlier figures whose value had not changed, so a
//! reader who subtracted two versions learnt what a single added, corrected or withdrawn record
//! looked like, and pinned hidden cells from "it was 6, one child was added, it is hidden now"
//! (issue 19).
//!
//! # The joint problem
//! Children are grouped into *classes*: the set of cell keys a child counts in (catalogue
//! positions change between versions, keys do not). Each version `v` has a count `x_v(c)` per
//! class. The atoms of the joint problem are, per class,
//! - `u(c) = min_v x_v(c)`: the children every version has in that class (the common core), and
//! - `e_v(c) = x_v(c) − u(c)` for each version: what that version has beyond the core (for two
//!   versions: the records removed since version 1 and the records added by version 2, a
//!   correction being one of each).
//!
//! A cell of version `v` is the sum of `u + e_v` over its classes. The problem holds:
//! - every earlier version's cells: published ones as known (`released`), hidden ones as hidden
//!   with their "≤4" range (`forced`, and primary where the range was shown);
//! - the new version's cells, to be decided (hidden-before cells forced hidden);
//! - the *change cells*: per version and key, `Σ e_v` over the key's classes — how many of the
//!   changed children are in that cell. A change cell of 1..k−1 is a small count of the table of
//!   changes and must be certified like any hidden small count: the reader may not learn that
//!   "one of the changed children has problem area crime";
//! - the size of each version's change (`Σ e_v` over all classes) as known.
//!
//! A certificate is then a move of these atoms: moving the core moves every version alike (the
//! change stays exactly what it was, so even a reader who knows the changed records cannot pin
//! the cell), moving an `e_v` moves the change to other classes while keeping its size (a
//! reader who knows only how many records changed cannot place them).
//!
//! # Limits
//! Classes are by cell keys: two versions whose table sets differ (a new form version) share no
//! classes and every child counts as changed, which is refused as too revealing rather than
//! protected badly. Days and ages are not in the classes; their figures are gated separately
//! (see [`DerivedGate`](super::release)).

use std::collections::HashMap;

use isu_disclosure::{self as disclosure, CellStatus, ProtectionProblem};

use super::release::SuppressionPattern;

/// The joint problem of a new version and its earlier versions.
pub(crate) struct JointProblem {
    pub problem: ProtectionProblem,
    /// Joint cells `0..current_cells` are the new version's cells, in the caller's order.
    pub current_cells: usize,
    /// Joint indices of earlier cells whose "≤4" range readers were shown: the joint solution
    /// may not give that range up (it is public), so these must come out `Primary`.
    pub shown_ranges: Vec<usize>,
    /// What each joint cell is, for messages and traces: `v<N>:<key>`, `added-in-v<N>:<key>`.
    pub labels: Vec<String>,
}

/// How the new version differs from the latest earlier one, counted over classes: children in
/// classes that grew and children missing from classes that shrank (a correction that moves a
/// child is one of each; one that changes only days or age is neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChangeSize {
    pub added: u64,
    pub removed: u64,
}

/// Why versions cannot be protected together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RevisionError {
    /// An earlier version was stored without its classes (before this module existed).
    NoClasses,
    /// An earlier version's stored figures do not add up from its stored classes (a defect).
    Inconsistent(String),
}

/// The current version's side of the joint problem: the cells it would publish on its own.
pub(crate) struct CurrentVersion<'a> {
    pub keys: &'a [String],
    pub problem: &'a ProtectionProblem,
}

/// Builds the joint problem of `current` with `earlier` (oldest first, at least one).
pub(crate) fn joint_problem(
    current: &CurrentVersion,
    earlier: &[SuppressionPattern],
    k: u64,
) -> Result<(JointProblem, ChangeSize), RevisionError> {
    if earlier.iter().any(|pattern| pattern.classes.is_empty() && !pattern.cells.is_empty()) {
        return Err(RevisionError::NoClasses);
    }
    let versions = earlier.len() + 1;
    let current_version = earlier.len();

    // Every key any version has, the current version's first (in its order).
    let mut key_index: HashMap<&str, u32> = HashMap::new();
    let mut keys: Vec<&str> = Vec::new();
    fn index_of<'k>(key: &'k str, keys: &mut Vec<&'k str>, key_index: &mut HashMap<&'k str, u32>) -> u32 {
        *key_index.entry(key).or_insert_with(|| {
            keys.push(key);
            (keys.len() - 1) as u32
        })
    }
    let current_keys: Vec<u32> =
        current.keys.iter().map(|key| index_of(key.as_str(), &mut keys, &mut key_index)).collect();
    let earlier_keys: Vec<Vec<u32>> = earlier
        .iter()
        .map(|pattern| pattern.cells.keys().map(|key| index_of(key.as_str(), &mut keys, &mut key_index)).collect())
        .collect();

    // Classes: the sorted keys a child counts in. Counts per class and version.
    let mut class_of: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut counts: Vec<Vec<u64>> = Vec::new();
    let mut add_class = |membership: Vec<u32>, version: usize, count: u64, counts: &mut Vec<Vec<u64>>| {
        let next = counts.len();
        let class = *class_of.entry(membership).or_insert(next);
        if class == next {
            counts.push(vec![0; versions]);
        }
        counts[class][version] += count;
    };
    for (version, pattern) in earlier.iter().enumerate() {
        for atom in &pattern.classes {
            let mut membership: Vec<u32> =
                atom.cells.iter().map(|&cell| earlier_keys[version][cell as usize]).collect();
            membership.sort_unstable();
            add_class(membership, version, atom.count, &mut counts);
        }
    }
    let mut membership_of_atom = vec![Vec::new(); current.problem.atom_counts.len()];
    for (cell, atoms) in current.problem.cells.iter().enumerate() {
        for &atom in atoms {
            membership_of_atom[atom as usize].push(current_keys[cell]);
        }
    }
    for (atom, mut membership) in membership_of_atom.into_iter().enumerate() {
        membership.sort_unstable();
        add_class(membership, current_version, current.problem.atom_counts[atom], &mut counts);
    }
    // Deterministic class numbering: by membership, not by insertion.
    let mut ordered: Vec<(Vec<u32>, usize)> = class_of.into_iter().collect();
    ordered.sort();
    let classes: Vec<(Vec<u32>, Vec<u64>)> =
        ordered.into_iter().map(|(membership, class)| (membership, counts[class].clone())).collect();

    // Joint atoms: per class the core, then one excess per version that has any (a version with
    // nothing beyond the core, such as the first when records were only added, has no excess
    // atoms: its excess is known to be zero everywhere).
    let excess_total: Vec<u64> = (0..versions)
        .map(|version| {
            classes.iter().map(|(_, per_version)| per_version[version] - per_version.iter().min().unwrap_or(&0)).sum()
        })
        .collect();
    let excess_slot: Vec<Option<usize>> = {
        let mut next = 0;
        excess_total
            .iter()
            .map(|&total| {
                (total > 0).then(|| {
                    next += 1;
                    next
                })
            })
            .collect()
    };
    // Excess atoms only for classes some version has children in: the made-up empty classes that
    // keep empty cells from being zero by construction need only a core. Fewer atoms only shrink
    // the set of alternative worlds a certificate may use, so this is safe, and it keeps the
    // joint programmes near the size of one version's.
    let real: Vec<bool> = classes.iter().map(|(_, per_version)| per_version.iter().any(|&n| n > 0)).collect();
    let mut first_atom = Vec::with_capacity(classes.len() + 1);
    let mut next_atom = 0usize;
    for &real in &real {
        first_atom.push(next_atom);
        next_atom += if real { 1 + excess_slot.iter().flatten().count() } else { 1 };
    }
    let core = |class: usize| first_atom[class] as u32;
    let excess = |class: usize, version: usize| {
        excess_slot[version].filter(|_| real[class]).map(|slot| (first_atom[class] + slot) as u32)
    };
    let mut atom_counts = vec![0u64; next_atom];
    let mut classes_of_key: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (class, (membership, per_version)) in classes.iter().enumerate() {
        let common = per_version.iter().copied().min().unwrap_or(0);
        atom_counts[core(class) as usize] = common;
        for (version, &count) in per_version.iter().enumerate() {
            if let Some(atom) = excess(class, version) {
                atom_counts[atom as usize] = count - common;
            }
        }
        for &key in membership {
            classes_of_key[key as usize].push(class);
        }
    }
    let version_cell = |key: u32, version: usize| -> Vec<u32> {
        classes_of_key[key as usize]
            .iter()
            .flat_map(|&class| std::iter::once(core(class)).chain(excess(class, version)))
            .collect()
    };
    let sum = |atoms: &[u32]| atoms.iter().map(|&atom| atom_counts[atom as usize]).sum::<u64>();

    let current_problem = current.problem;
    let current_values = current_problem.cell_values();
    let mut problem = ProtectionProblem {
        atom_counts: atom_counts.clone(),
        cells: Vec::new(),
        primary: Vec::new(),
        forced: Vec::new(),
        released: Vec::new(),
        cost: Vec::new(),
    };
    let mut labels = Vec::new();
    let mut push =
        |problem: &mut ProtectionProblem, label: String, atoms: Vec<u32>, primary, forced, released, cost| {
            labels.push(label);
            problem.cells.push(atoms);
            problem.primary.push(primary);
            problem.forced.push(forced);
            problem.released.push(released);
            problem.cost.push(cost);
            problem.cells.len() - 1
        };
    for (cell, &key) in current_keys.iter().enumerate() {
        let atoms = version_cell(key, current_version);
        if sum(&atoms) != current_values[cell] {
            return Err(RevisionError::Inconsistent(format!(
                "the new version's cell {} does not add up",
                keys[key as usize]
            )));
        }
        push(
            &mut problem,
            format!("v{}:{}", versions, keys[key as usize]),
            atoms,
            current_problem.primary[cell],
            current_problem.forced[cell],
            false,
            current_problem.cost[cell],
        );
    }
    let mut shown_ranges = Vec::new();
    for (version, pattern) in earlier.iter().enumerate() {
        for (position, (key, &(value, hidden))) in pattern.cells.iter().enumerate() {
            let atoms = version_cell(earlier_keys[version][position], version);
            if sum(&atoms) != value {
                return Err(RevisionError::Inconsistent(format!(
                    "version {} of cell {key} does not add up",
                    version + 1
                )));
            }
            let ranged = hidden && (1..k).contains(&value) && !pattern.unranged.contains(key);
            let index = push(&mut problem, format!("v{}:{key}", version + 1), atoms, ranged, hidden, !hidden, u64::MAX);
            if ranged {
                shown_ranges.push(index);
            }
        }
    }
    // The table of changes: its small counts are hidden like any small count.
    for version in (0..versions).filter(|&version| excess_total[version] > 0) {
        for key in 0..keys.len() as u32 {
            let atoms: Vec<u32> =
                classes_of_key[key as usize].iter().filter_map(|&class| excess(class, version)).collect();
            if (1..k).contains(&sum(&atoms)) {
                let label = format!("beyond-core-in-v{}:{}", version + 1, keys[key as usize]);
                push(&mut problem, label, atoms, true, true, false, u64::MAX);
            }
        }
        // How many records each version has beyond the core: known (the totals tell it).
        let all: Vec<u32> = (0..classes.len()).filter_map(|class| excess(class, version)).collect();
        push(&mut problem, format!("beyond-core-in-v{}:all", version + 1), all, false, false, true, u64::MAX);
    }

    if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
        eprintln!(
            "revision: {} classes ({} with children), {} atoms, {} cells",
            classes.len(),
            real.iter().filter(|r| **r).count(),
            problem.atom_counts.len(),
            problem.cells.len()
        );
    }
    let latest = earlier.len() - 1;
    let change = classes.iter().fold(ChangeSize::default(), |change, (_, per_version)| {
        let (now, before) = (per_version[current_version], per_version[latest]);
        ChangeSize {
            added: change.added + now.saturating_sub(before),
            removed: change.removed + before.saturating_sub(now),
        }
    });
    Ok((JointProblem { problem, current_cells: current_keys.len(), shown_ranges, labels }, change))
}

/// Protects the joint problem; returns the new version's statuses. An earlier "≤4" the solution
/// would have to give up counts as unprotectable: readers were shown that range.
pub(crate) fn protect(joint: &JointProblem, params: &disclosure::Params) -> Result<Vec<CellStatus>, disclosure::Error> {
    let mut public_ranges = vec![false; joint.problem.cells.len()];
    for &cell in &joint.shown_ranges {
        public_ranges[cell] = true;
    }
    let statuses =
        disclosure::protect_with_public_ranges(&joint.problem, params, &public_ranges).inspect_err(|error| {
            if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
                if let disclosure::Error::Unprotectable { cell } = error {
                    eprintln!("revision: cannot protect {}", joint.labels[*cell]);
                }
            }
        })?;
    if let Some(&cell) = joint.shown_ranges.iter().find(|&&cell| statuses[cell] != CellStatus::Primary) {
        if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
            eprintln!("revision: the range of {} would have to be given up", joint.labels[cell]);
        }
        return Err(disclosure::Error::Unprotectable { cell });
    }
    Ok(statuses[..joint.current_cells].to_vec())
}
