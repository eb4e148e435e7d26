//! Small-number protection for linked count tables: which cells to suppress so that no child can
//! be singled out.
//!
//! # Model
//! A release is a set of cells computed from the same children. The children are partitioned into
//! *atoms* (the finest classification any table uses; a multi-valued variable such as problem
//! areas makes the whole set of areas part of the atom), and each cell is the sum of a set of atoms.
//! A cell with a small count (1..k−1, see [`primary_by_threshold`]) is a *primary* suppression; the
//! caller may also force cells to stay hidden (suppressed in an earlier version of the release) or
//! mark cells *released* (published in an earlier version and impossible to withdraw).
//!
//! # Attacker
//! The attacker knows every published cell exactly, that atom counts are non-negative integers,
//! and the range every primary cell is known to lie in ([`known_range`]: "≤4" means 1..4). The
//! attacker may solve any linear programme over that knowledge.
//!
//! # Method
//! 1. [`pattern`]: secondary suppression by Gaussian elimination, as Statistics Norway's
//!    `GaussSuppression`. Candidates are offered for publication in a fixed order (zeros first,
//!    then from the dearest to the cheapest to suppress) and published only if no primary or forced cell becomes a
//!    linear combination of the published cells; a published zero counts as publishing each of
//!    its atoms as zero. Elimination is exact, in GF(2^61 − 1) ([`field`]).
//! 2. [`certify`]: for every suppressed cell, an explicit move of the atom counts that matches
//!    all the attacker knows and changes that cell by at least 1, found by linear programmes over
//!    the whole release ([`lp`]) and re-checked here: random-weight programmes certify many cells
//!    at once, then a priced repair frees each remaining cell by suppressing the cheapest set of
//!    published cells its move needs (or, failing that, by showing a small count as ".." instead
//!    of "≤4"). This closes the gaps linear algebra leaves: bounds ("two hidden cells ≥ 1 under a
//!    published total of 2"), published zeros pinning atoms, a primary at the top of its range.
//!
//! # Guarantee
//! On success every suppressed cell has a checked certificate: at least two values of it are
//! consistent with everything published, so neither linear derivation nor the attacker's linear
//! programmes can pin it. Cells with equal atom sets share one status. The result is deterministic.
//!
//! # Limits
//! - Certificates are often fractional (counted in [`Report`]): they defeat the attacker's linear
//!   programmes, but in unusual structures might not correspond to a second *integer* table.
//!   [`protect_with_guarantee`] with [`Guarantee::Integer`] accepts only integer moves (whole
//!   children moved between atoms, checked in integer arithmetic), found by a search bounded in
//!   steps ([`moves`]); it is not the default because it hides far more on realistic releases
//!   (decision 0005, "Integer attacker"): most integer moves need more atoms than the search
//!   reaches, and atoms are only the classes present, so a move cannot use a class no child has.
//! - The protection is only against exact derivation and pinning. An interval of two values
//!   ("the cell is 1 or 2") is allowed; a wider protection interval would be a stronger parameter.
//! - Cost: elimination is fast (122k atoms and 14k cells: 1.6 s); certification is a few dozen
//!   programmes of a few hundred to a few thousand variables, solved by HiGHS (decision 0010;
//!   microlp before it took about 0.2 s each at 750 variables, the synthetic regional release of
//!   `api/tests/api/disclosure_scale.rs` — 2,000 children, 641 cells, 160 suppressed — 7 s). Simplex time grows much faster than size, so a release with
//!   more than 1,000 movable atoms (atoms of hidden cells) is first certified in *windows*: runs
//!   of hidden cells in the caller's order whose atoms alone may move, 1,000 then 2,000 then 4,000
//!   atoms (a window's move is a certificate of the whole: fixing atoms only removes moves).
//!   Programmes above [`certify`]'s 6,000 variables are refused ([`Error::TooLarge`]); with
//!   windows, only a repair that must search every atom of a large release can reach that.
//! - Suppression is not optimal (greedy, as GaussSuppression), and a cell is judged only with
//!   the cells in this one problem: a second query answered outside it is not covered. Versions of
//!   a release must be protected together (published cells of the earlier version as `released`
//!   cells over a union of atoms), see the revision test in `api/tests/api/disclosure.rs`.

pub mod cellkey;
mod certify;
mod elimination;
mod field;
mod groups;
mod lp;
mod moves;
mod pattern;
pub mod ptable;
mod text;

use std::time::{Duration, Instant};

pub use certify::{CertificationStats, Guarantee};

/// One protection problem: atoms with their counts, and cells as sets of atoms.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProtectionProblem {
    pub atom_counts: Vec<u64>,
    /// Per cell, the atom indices it sums: sorted and distinct. The order matters only for speed:
    /// a large release is certified in windows of consecutive hidden cells, so cells whose
    /// certificates move the same children (a municipality's cells) are best listed together.
    pub cells: Vec<Vec<u32>>,
    /// Must be suppressed: small counts, usually from [`primary_by_threshold`].
    pub primary: Vec<bool>,
    /// Must stay suppressed though not primary now: hidden in an earlier version of the release.
    pub forced: Vec<bool>,
    /// Published in an earlier version: stays published and is part of what the attacker knows.
    pub released: Vec<bool>,
    /// Candidates for secondary suppression are chosen cheapest first, ties by cell index.
    pub cost: Vec<u64>,
}

impl ProtectionProblem {
    /// A problem with primaries by threshold `k`, nothing forced or released, and each cell's
    /// value as its cost (suppress the smallest figures first).
    pub fn with_threshold(atom_counts: Vec<u64>, cells: Vec<Vec<u32>>, k: u64) -> Self {
        let values = cell_values(&atom_counts, &cells);
        Self {
            primary: primary_by_threshold(&values, k),
            forced: vec![false; cells.len()],
            released: vec![false; cells.len()],
            cost: values,
            atom_counts,
            cells,
        }
    }

    pub fn cell_values(&self) -> Vec<u64> {
        cell_values(&self.atom_counts, &self.cells)
    }
}

fn cell_values(atom_counts: &[u64], cells: &[Vec<u32>]) -> Vec<u64> {
    cells.iter().map(|atoms| atoms.iter().map(|&atom| atom_counts[atom as usize]).sum()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Counts 1..k−1 are small. At least 3: with k = 2 a hidden small cell is known to be 1.
    pub k: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self { k: 5 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellStatus {
    Published,
    /// Suppressed for its own sake (shown as "≤4" when k = 5).
    Primary,
    /// Suppressed to protect other cells, or forced by an earlier version; also a small count
    /// whose "≤k−1" mark would itself pin a cell (its range is then not shown).
    Secondary,
}

impl CellStatus {
    pub fn is_suppressed(self) -> bool {
        self != CellStatus::Published
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub statuses: Vec<CellStatus>,
    /// Secondary suppressions chosen by elimination (groups of identical cells count once).
    pub secondary_by_elimination: usize,
    pub certification: CertificationStats,
    pub elimination_time: Duration,
    pub certification_time: Duration,
}

/// Information loss: of the cells with a non-zero count, how many a pattern hides. Zeros are left
/// out (a hidden zero costs a reader little, and a table set has many), and each cell counts once
/// however many tables show it.
///
/// The counts of at least `k` are the figures a person applying the "≤k−1" rule by hand would
/// print; of those, the hidden ones are what secondary suppression costs on top of that rule.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct InformationLoss {
    pub nonzero: usize,
    pub hidden: usize,
    /// Counts of at least k.
    pub large: usize,
    pub large_hidden: usize,
}

impl InformationLoss {
    /// The loss over `cells` (indices into `values` and `statuses`; repeats count once).
    pub fn of(values: &[u64], statuses: &[CellStatus], k: u64, cells: impl IntoIterator<Item = usize>) -> Self {
        let mut seen = std::collections::BTreeSet::new();
        let mut loss = Self::default();
        for cell in cells {
            if values[cell] == 0 || !seen.insert(cell) {
                continue;
            }
            let hidden = usize::from(statuses[cell].is_suppressed());
            loss.nonzero += 1;
            loss.hidden += hidden;
            if values[cell] >= k {
                loss.large += 1;
                loss.large_hidden += hidden;
            }
        }
        loss
    }

    /// Hidden share of the counts of at least k, 0 when there are none.
    pub fn share_of_large_hidden(&self) -> f64 {
        if self.large == 0 {
            0.0
        } else {
            self.large_hidden as f64 / self.large as f64
        }
    }

    /// Hidden share of the non-zero counts, 0 when there are none.
    pub fn share_hidden(&self) -> f64 {
        if self.nonzero == 0 {
            0.0
        } else {
            self.hidden as f64 / self.nonzero as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("k must be at least 3, got {0}: with k = 2 every suppressed small cell is known to be 1")]
    ThresholdTooSmall(u64),
    #[error("the problem's per-cell vectors must all have one entry per cell ({0})")]
    LengthMismatch(&'static str),
    #[error("cell {cell} names atom {atom}, but there are {atoms} atoms")]
    AtomOutOfRange { cell: usize, atom: u32, atoms: usize },
    #[error("cell {cell}: atom indices must be sorted and distinct")]
    AtomsNotSorted { cell: usize },
    #[error("cell {cell} was released earlier but must now be suppressed")]
    ReleasedButSuppressed { cell: usize },
    #[error("the released cell {cell} reveals a cell that must be suppressed")]
    ReleasedDisclosesSuppressed { cell: usize },
    /// Even hiding every cell not released would leave this one pinned (for example four "≤4"
    /// cells under a "≤4" total), or the cell has no atoms: an empty sum is zero by construction,
    /// so a category with no children must be given the zero-count atom of a class it could hold.
    /// A certification programme would have more variables than this version solves in
    /// reasonable time.
    #[error("certification needs a linear programme of {variables} variables, more than the {limit} allowed or more than it solves within its time limit")]
    TooLarge { variables: usize, limit: usize },
    #[error("cell {cell} cannot be protected (a cell without atoms, or the release as a whole is too small)")]
    Unprotectable { cell: usize },
}

/// Primary suppression by threshold: counts 1..=k−1 are small. Zero is not: a zero is published
/// unless the caller decides otherwise (a zero can disclose that a whole group shares a trait).
pub fn primary_by_threshold(values: &[u64], k: u64) -> Vec<bool> {
    values.iter().map(|&value| (1..k).contains(&value)).collect()
}

/// What the attacker knows about a primary cell with the given true value: `(lower, upper)`.
/// A small count is shown as "≤ k−1" and zeros are shown unless the caller hides them, so a hidden
/// small count is 1..k−1 and a hidden zero 0..k−1. A primary at or above `k` (the caller's own
/// rule) reveals only non-negativity.
pub(crate) fn known_range(value: u64, k: u64) -> (u64, Option<u64>) {
    match value {
        0 => (0, Some(k - 1)),
        v if v < k => (1, Some(k - 1)),
        _ => (0, None),
    }
}

/// Chooses the secondary suppressions. See the module documentation for the guarantee.
pub fn protect(problem: &ProtectionProblem, params: &Params) -> Result<Vec<CellStatus>, Error> {
    protect_with_report(problem, params).map(|report| report.statuses)
}

/// [`protect`], where some primary cells' ranges are already public: cells an earlier version of
/// the release showed as "≤k−1" (`public_ranges[cell]`). Their ranges are never given up (shown
/// as ".."), since readers have them already; a problem that would need that is unprotectable.
pub fn protect_with_public_ranges(
    problem: &ProtectionProblem,
    params: &Params,
    public_ranges: &[bool],
) -> Result<Vec<CellStatus>, Error> {
    protect_public_ranges_with_report(problem, params, public_ranges).map(|report| report.statuses)
}

/// [`protect_with_public_ranges`], with counts of how the pattern was reached.
pub fn protect_public_ranges_with_report(
    problem: &ProtectionProblem,
    params: &Params,
    public_ranges: &[bool],
) -> Result<Report, Error> {
    if public_ranges.len() != problem.cells.len() {
        return Err(Error::LengthMismatch("public_ranges"));
    }
    protect_report(problem, params, public_ranges, Guarantee::Linear)
}

/// [`protect`], with counts of how the pattern was reached.
pub fn protect_with_report(problem: &ProtectionProblem, params: &Params) -> Result<Report, Error> {
    protect_report(problem, params, &[], Guarantee::Linear)
}

/// [`protect_with_report`] with the given [`Guarantee`]: under [`Guarantee::Integer`] every
/// certificate is a second integer table, found by a bounded search and checked exactly, and a
/// cell without one within the bound is treated as unprotected (more is suppressed).
pub fn protect_with_guarantee(
    problem: &ProtectionProblem,
    params: &Params,
    guarantee: Guarantee,
) -> Result<Report, Error> {
    protect_report(problem, params, &[], guarantee)
}

fn protect_report(
    problem: &ProtectionProblem,
    params: &Params,
    public_ranges: &[bool],
    guarantee: Guarantee,
) -> Result<Report, Error> {
    validate(problem, params)?;
    let mut grouping = groups::group_identical_cells(problem);
    for (cell, &public) in public_ranges.iter().enumerate() {
        if public {
            grouping.groups[grouping.group_of_cell[cell]].range_public = true;
        }
    }
    let groups = &grouping.groups;

    let started = Instant::now();
    let mut suppressed = pattern::propose(groups, problem.atom_counts.len())?;
    let elimination_time = started.elapsed();
    let secondary_by_elimination =
        groups.iter().zip(&suppressed).filter(|(group, &hidden)| hidden && !group.primary && !group.forced).count();
    let started = Instant::now();
    let mut masked = vec![false; groups.len()];
    let certification =
        certify::certify_and_repair(groups, &problem.atom_counts, params.k, guarantee, &mut suppressed, &mut masked)?;
    let certification_time = started.elapsed();

    let statuses = grouping
        .group_of_cell
        .iter()
        .map(|&group| match (groups[group].primary && !masked[group], suppressed[group]) {
            (true, _) => CellStatus::Primary,
            (false, true) => CellStatus::Secondary,
            (false, false) => CellStatus::Published,
        })
        .collect();
    Ok(Report { statuses, secondary_by_elimination, certification, elimination_time, certification_time })
}

fn validate(problem: &ProtectionProblem, params: &Params) -> Result<(), Error> {
    if params.k < 3 {
        return Err(Error::ThresholdTooSmall(params.k));
    }
    let cells = problem.cells.len();
    for (name, length) in [
        ("primary", problem.primary.len()),
        ("forced", problem.forced.len()),
        ("released", problem.released.len()),
        ("cost", problem.cost.len()),
    ] {
        if length != cells {
            return Err(Error::LengthMismatch(name));
        }
    }
    let atoms = problem.atom_counts.len();
    for (cell, members) in problem.cells.iter().enumerate() {
        if let Some(&atom) = members.iter().find(|&&atom| atom as usize >= atoms) {
            return Err(Error::AtomOutOfRange { cell, atom, atoms });
        }
        if members.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(Error::AtomsNotSorted { cell });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
