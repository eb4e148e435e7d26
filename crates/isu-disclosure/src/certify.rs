//! Second pass: prove each suppressed cell can take at least two values, and suppress more where
//! no proof exists.
//!
//! The attacker knows every published value exactly, that counts are non-negative, and that a
//! primary cell lies in its known range (see [`super::known_range`]). Linear independence from the
//! published cells (the first pass) is not enough against that attacker: a published total of 2
//! over two hidden primary cells, each known to be ≥ 1, pins both to 1.
//!
//! # Certificates
//! The proof for a suppressed cell is a *move*: a change `d` of the atom counts such that the new
//! counts agree with everything the attacker knows (published cells unchanged, counts ≥ 0, primary
//! cells inside their ranges) and the cell changes by at least 1. The true counts are one point the
//! attacker cannot exclude, the moved counts another, so the attacker's own linear programmes see
//! at least two integer values for the cell. Moves are bounded (every atom by at most 1) so each
//! programme is bounded and its optimal vertex is usually integral: a second *integer* table.
//!
//! # Search
//! All moves are found by linear programmes over the whole release (microlp), never trusted: each
//! point is re-checked here against every constraint.
//! 1. *Batch rounds*: maximise a random weighting (±, seeded, so the result is deterministic) of
//!    the uncertified cells. One optimal vertex moves many cells at once; every suppressed cell
//!    it moves by ≥ 1 is certified. Rounds repeat while they certify something.
//! 2. *Targeted repair*: for the first uncertified cell, a programme asks for a move of ≥ 1 (up,
//!    then down) in which published cells may change at a price (1 to 2, the cheapest cells
//!    least). At price zero the move is a certificate as it stands. Otherwise the published cells it had to change are the
//!    cheapest set whose suppression frees the cell; they are suppressed and the move certifies
//!    the cell under the new pattern. If no move exists even then, the release is unprotectable.
//!
//! Suppressing more only removes equations, so a certificate stays valid when later repairs
//! suppress further cells; nothing is re-checked.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::groups::CellGroup;
use super::lp::{Effort, Model, Relation, Sense, Terms};
use super::{known_range, Error};

const TOLERANCE: f64 = 1e-6;
/// The random weights of the batch rounds come from this seed: the same data, the same pattern.
const SEED: u64 = 0x15u64 << 32 | 2021;
/// The largest programme solved: beyond this microlp takes seconds per programme, and the release
/// is refused as too large rather than left running (see the limits in `mod.rs`).
pub(super) const MAX_VARIABLES: usize = 6_000;
/// The size of the first windows of batch rounds (movable atoms); a release with no more
/// movable atoms than this is certified as a whole from the start.
const WINDOW_VARIABLES: usize = 1_000;
/// The largest window (movable atoms): its batch programme takes about 2 s on a loaded two-core
/// machine, and a repair over it (two slacks per published cell besides) stays below
/// [`MAX_VARIABLES`].
const LARGEST_WINDOW: usize = 4_000;
/// The price of giving up a primary cell's "≤4" in a repair: dearer than hundreds of published
/// cells (each priced 1 to 2).
const MASK_PRICE: f64 = 1e3;
/// The price of a repair's move falling short of 1: dearer than anything else.
const SHORTFALL_PRICE: f64 = 1e6;
/// How far one atom may move in a certificate.
const MOVE_BOUND: f64 = 1.0;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CertificationStats {
    /// Cells suppressed because no certificate existed with the first pass's pattern.
    pub repairs: usize,
    pub linear_programmes: usize,
    /// Suppressed cells certified by an integral move (a second integer table).
    pub integer_certificates: usize,
    /// Suppressed cells certified only by a fractional move (defeats the linear attacker).
    pub fractional_certificates: usize,
    /// Primary cells shown as ".." instead of "≤4" because the range itself pinned a cell.
    pub masked: usize,
    /// Variables of the largest independent part of a programme solved.
    pub largest_programme: usize,
    /// Programmes that let only a window of the release move (see `Certifier::windowed_rounds`).
    pub windowed_programmes: usize,
}

pub(super) fn certify_and_repair(
    groups: &[CellGroup],
    atom_counts: &[u64],
    k: u64,
    suppressed: &mut [bool],
    masked: &mut [bool],
) -> Result<CertificationStats, Error> {
    let mut certifier = Certifier::new(groups, atom_counts, k, suppressed);
    certifier.windowed_rounds();
    while let Some(first) = (0..groups.len()).find(|&g| certifier.suppressed[g] && !certifier.certified[g]) {
        certifier.movable = certifier.leading_window();
        let progress = certifier.batch_round();
        if progress == 0 && certifier.too_large.is_none() {
            certifier.targeted(first)?;
        }
        if let Some(variables) = certifier.too_large {
            return Err(Error::TooLarge { variables, limit: MAX_VARIABLES });
        }
    }
    suppressed.copy_from_slice(&certifier.suppressed);
    masked.copy_from_slice(&certifier.masked);
    Ok(certifier.stats)
}

struct Certifier<'a> {
    groups: &'a [CellGroup],
    atom_counts: &'a [u64],
    k: u64,
    suppressed: Vec<bool>,
    /// Primary cells whose range the attacker is not told (shown as "..").
    masked: Vec<bool>,
    certified: Vec<bool>,
    /// Targeted searches per cell whose move failed the check; the third falls back.
    attempts: Vec<u8>,
    /// The dearest cell's cost (at least 1), to scale repair prices.
    max_cost: f64,
    groups_of_atom: Vec<Vec<u32>>,
    rng: ChaCha8Rng,
    stats: CertificationStats,
    /// Set when a programme exceeded [`MAX_VARIABLES`]: the search stops with an error.
    too_large: Option<usize>,
    /// When set, only these atoms may move (a window of the release, see [`Self::windowed_rounds`]).
    movable: Option<Vec<bool>>,
}

/// What a programme asks for besides the attacker's constraints.
enum Goal {
    /// Maximise `Σ weight × cell change` over the suppressed cells.
    Batch(Vec<f64>),
    /// Move `target` by at least one in the given direction (+1 or −1), changing published cells
    /// (except released ones) at a price.
    Repair { target: usize, sign: f64, all_atoms: bool },
}

/// A programme's variables: one per atom that may move, and in repairs two slacks per published
/// cell that may be given up.
struct Built {
    programme: Model,
    atom_variables: Vec<Option<usize>>,
    slacks: Vec<(usize, usize, usize)>,
    /// Repairs: how far the target's move falls short of 1 (priced out of reach, so it is
    /// positive only when no move exists). It keeps the programme feasible: simplex proves
    /// infeasibility slowly, seconds on a regional release.
    shortfall: Option<usize>,
}

impl<'a> Certifier<'a> {
    fn new(groups: &'a [CellGroup], atom_counts: &'a [u64], k: u64, suppressed: &[bool]) -> Self {
        let mut groups_of_atom = vec![Vec::new(); atom_counts.len()];
        for (index, group) in groups.iter().enumerate() {
            for &atom in &group.atoms {
                groups_of_atom[atom as usize].push(index as u32);
            }
        }
        Self {
            groups,
            atom_counts,
            k,
            suppressed: suppressed.to_vec(),
            masked: vec![false; groups.len()],
            attempts: vec![0; groups.len()],
            max_cost: groups.iter().map(|g| g.cost).max().unwrap_or(1).max(1) as f64,
            certified: vec![false; groups.len()],
            groups_of_atom,
            rng: ChaCha8Rng::seed_from_u64(SEED),
            stats: CertificationStats::default(),
            too_large: None,
            movable: None,
        }
    }

    fn may_move(&self, atom: usize) -> bool {
        self.movable.as_ref().is_none_or(|movable| movable[atom])
    }

    /// The atoms that can move in a batch round: in a suppressed cell and not a published zero.
    fn batch_atoms(&self) -> Vec<usize> {
        (0..self.atom_counts.len()).filter(|&atom| self.in_suppressed_cell(atom) && !self.pinned_zero(atom)).collect()
    }

    /// Above [`LARGEST_WINDOW`] movable atoms, the programmes after the windowed rounds (batch
    /// rounds and repairs for the cells still uncertified) let only the first window move, which
    /// leads with those cells; `None` (the whole release) below that.
    fn leading_window(&self) -> Option<Vec<bool>> {
        if self.batch_atoms().len() <= LARGEST_WINDOW {
            return None;
        }
        let window = self.windows(LARGEST_WINDOW).into_iter().next()?;
        let mut movable = vec![false; self.atom_counts.len()];
        for atom in window {
            movable[atom] = true;
        }
        Some(movable)
    }

    /// Batch rounds over windows of the release before any round over the whole: simplex time
    /// grows much faster than a programme's size (a regional release of 28,000 children: 5,145
    /// variables, 16 s for the first programme), while most certificates need only a few cells'
    /// atoms. A window is a run of suppressed cells in the caller's order (the API lists a
    /// municipality's cells together), and its programme lets only their atoms move: fixing atoms
    /// only shrinks the set of moves, so whatever a window finds is a certificate of the whole.
    /// Windows double in size while cells stay uncertified, up to [`LARGEST_WINDOW`].
    fn windowed_rounds(&mut self) {
        let total = self.batch_atoms().len();
        let mut budget = WINDOW_VARIABLES;
        while budget < total && budget <= LARGEST_WINDOW {
            for window in self.windows(budget) {
                let waiting = window.iter().any(|&atom| {
                    self.groups_of_atom[atom]
                        .iter()
                        .any(|&g| self.suppressed[g as usize] && !self.certified[g as usize])
                });
                if !waiting {
                    continue;
                }
                let mut movable = vec![false; self.atom_counts.len()];
                for &atom in &window {
                    movable[atom] = true;
                }
                self.movable = Some(movable);
                while self.batch_round() > 0 && self.too_large.is_none() {}
            }
            self.movable = None;
            if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
                let left: Vec<usize> =
                    (0..self.groups.len()).filter(|&g| self.suppressed[g] && !self.certified[g]).collect();
                eprintln!("windows of {budget}: {} left uncertified {:?}", left.len(), left);
            }
            if (0..self.groups.len()).all(|g| !self.suppressed[g] || self.certified[g]) {
                break;
            }
            budget *= 2;
        }
        self.movable = None;
        self.too_large = None;
    }

    /// Runs of suppressed cells (in index order) whose movable atoms number at most `budget`
    /// (a cell larger than that on its own), as atom lists.
    fn windows(&self, budget: usize) -> Vec<Vec<usize>> {
        let movable: std::collections::BTreeSet<usize> = self.batch_atoms().into_iter().collect();
        let mut windows: Vec<Vec<usize>> = Vec::new();
        let mut current: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        // Uncertified cells first: each one left over from smaller windows needed a partner
        // outside its window, and is most likely to find it among the other left-over cells.
        let order = (0..self.groups.len())
            .filter(|&g| self.suppressed[g] && !self.certified[g])
            .chain((0..self.groups.len()).filter(|&g| self.suppressed[g] && self.certified[g]));
        for index in order {
            let group = &self.groups[index];
            let atoms: Vec<usize> = group
                .atoms
                .iter()
                .map(|&a| a as usize)
                .filter(|a| movable.contains(a) && !current.contains(a))
                .collect();
            if !current.is_empty() && current.len() + atoms.len() > budget {
                windows.push(std::mem::take(&mut current).into_iter().collect());
            }
            current.extend(atoms);
        }
        if !current.is_empty() {
            windows.push(current.into_iter().collect());
        }
        windows
    }

    /// One random-weight programme; returns how many cells it certified.
    fn batch_round(&mut self) -> usize {
        let weights: Vec<f64> = (0..self.groups.len())
            .map(|g| {
                let in_window = self.groups[g].atoms.iter().any(|&atom| self.may_move(atom as usize));
                if self.suppressed[g] && !self.certified[g] && in_window {
                    let magnitude = self.rng.gen_range(0.5..1.5);
                    if self.rng.gen_bool(0.5) {
                        magnitude
                    } else {
                        -magnitude
                    }
                } else {
                    0.0
                }
            })
            .collect();
        let built = self.build(&Goal::Batch(weights));
        let Some(moves) = self.solve(&built) else {
            return 0;
        };
        self.certify_moved(&moves)
    }

    /// Finds a move of `target` by ≥ 1, suppressing the cheapest published cells it needs.
    fn targeted(&mut self, target: usize) -> Result<(), Error> {
        let mut best: Option<(f64, Vec<f64>, Vec<usize>)> = None;
        // First among the atoms of suppressed cells (small), then, only if that finds nothing,
        // among all atoms (the programme of last resort, which decides unprotectable).
        for all_atoms in [false, true] {
            for sign in [1.0, -1.0] {
                let built = self.build(&Goal::Repair { target, sign, all_atoms });
                let Some(solution) = self.solve_raw(&built) else {
                    continue;
                };
                if built.shortfall.is_some_and(|short| solution[short] > TOLERANCE) {
                    continue; // no move of at least 1 exists here
                }
                let moves = atom_moves(&built, &solution);
                let mut given_up = Vec::new();
                let mut price = 0.0;
                for &(group, up, down) in &built.slacks {
                    let change = solution[up] + solution[down];
                    if change > TOLERANCE {
                        given_up.push(group);
                        let unit = if self.suppressed[group] { MASK_PRICE } else { self.slack_price(group) };
                        price += change * unit;
                    }
                }
                if best.as_ref().is_none_or(|(best_price, _, _)| price < *best_price - TOLERANCE) {
                    best = Some((price, moves, given_up));
                }
            }
            if best.is_some() || self.too_large.is_some() {
                break;
            }
        }
        if self.too_large.is_some() {
            return Ok(());
        }
        let Some((_, moves, given_up)) = best else {
            if self.movable.is_some() {
                // Nothing moves the cell inside the window, which proves nothing about the whole
                // release: only a search over every atom may call it unprotectable.
                self.movable = None;
                return self.targeted(target);
            }
            return Err(Error::Unprotectable { cell: self.groups[target].first_cell });
        };
        for group in given_up {
            if self.suppressed[group] {
                self.masked[group] = true;
                self.stats.masked += 1;
            } else {
                self.suppressed[group] = true;
                self.stats.repairs += 1;
            }
        }
        let checked = self.satisfies(&moves) && self.certify_moved(&moves) > 0 && self.certified[target];
        self.attempts[target] += 1;
        if !checked && self.attempts[target] > 2 {
            // The solver's point failed the check again (numerics): fall back to the safe answer
            // for this cell's sake, hiding every published cell that shares an atom with it.
            let neighbours: Vec<usize> = self.groups[target]
                .atoms
                .iter()
                .flat_map(|&atom| self.groups_of_atom[atom as usize].iter().map(|&g| g as usize))
                .filter(|&g| !self.suppressed[g] && !self.groups[g].released)
                .collect();
            if neighbours.is_empty() {
                return Err(Error::Unprotectable { cell: self.groups[target].first_cell });
            }
            for group in neighbours {
                self.suppressed[group] = true;
                self.stats.repairs += 1;
            }
        }
        Ok(())
    }

    /// What giving up a published cell costs in a repair: 1 to 2, from the cheapest to the
    /// dearest cell. Fewer cells first, then cheaper ones; the scale stays small beside the
    /// prices of masks and of falling short, which keeps the simplex accurate.
    fn slack_price(&self, group: usize) -> f64 {
        1.0 + self.groups[group].cost as f64 / self.max_cost
    }

    /// Atoms in a published zero cell are known to be zero and cannot move (outside repairs, where
    /// the zero cell itself may be given up).
    fn pinned_zero(&self, atom: usize) -> bool {
        self.atom_counts[atom] == 0
            && self.groups_of_atom[atom]
                .iter()
                .any(|&g| !self.suppressed[g as usize] && self.groups[g as usize].value == 0)
    }

    /// Moves are sought among the atoms of suppressed cells only. That keeps the programmes small
    /// (a release hides far fewer children than it publishes) and is safe: fixing atoms only
    /// shrinks the set of moves, so whatever is found is still a certificate.
    fn in_suppressed_cell(&self, atom: usize) -> bool {
        self.groups_of_atom[atom].iter().any(|&g| self.suppressed[g as usize])
    }

    fn build(&self, goal: &Goal) -> Built {
        let repair = matches!(goal, Goal::Repair { .. });
        let mut objective = vec![0.0; self.atom_counts.len()];
        if let Goal::Batch(weights) = goal {
            for (group, &weight) in weights.iter().enumerate() {
                if weight != 0.0 {
                    for &atom in &self.groups[group].atoms {
                        objective[atom as usize] += weight;
                    }
                }
            }
        }
        let mut programme = Model::new(match goal {
            Goal::Batch(_) => Sense::Maximise,
            Goal::Repair { .. } => Sense::Minimise,
        });
        let atom_variables: Vec<Option<usize>> = (0..self.atom_counts.len())
            .map(|atom| {
                if let Goal::Repair { all_atoms, .. } = *goal {
                    // A repair may give up any published cell, so an atom may move by any amount.
                    if (!all_atoms && !self.in_suppressed_cell(atom)) || !self.may_move(atom) {
                        return None;
                    }
                    return Some(programme.add_var(0.0, (-(self.atom_counts[atom] as f64), f64::INFINITY)));
                }
                if !self.in_suppressed_cell(atom) || self.pinned_zero(atom) || !self.may_move(atom) {
                    return None;
                }
                let lower = -(self.atom_counts[atom] as f64).min(MOVE_BOUND);
                Some(programme.add_var(objective[atom], (lower, MOVE_BOUND)))
            })
            .collect();

        let mut slacks = Vec::new();
        let mut shortfall = None;
        for (index, group) in self.groups.iter().enumerate() {
            let sum: Terms =
                group.atoms.iter().filter_map(|&atom| atom_variables[atom as usize]).map(|v| (v, 1.0)).collect();
            if sum.is_empty() {
                continue;
            }
            if let Goal::Repair { target, sign, .. } = *goal {
                if index == target {
                    let mut moved: Terms = sum.iter().map(|&(variable, _)| (variable, sign)).collect();
                    let short = programme.add_var(SHORTFALL_PRICE, (0.0, 1.0));
                    moved.push((short, 1.0));
                    shortfall = Some(short);
                    programme.add_constraint(moved, Relation::AtLeast, 1.0);
                }
            }
            if !self.suppressed[index] {
                let mut sum = sum;
                if repair && !group.released {
                    let price = self.slack_price(index);
                    let up = programme.add_var(price, (0.0, f64::INFINITY));
                    let down = programme.add_var(price, (0.0, f64::INFINITY));
                    sum.push((up, -1.0));
                    sum.push((down, 1.0));
                    slacks.push((index, up, down));
                }
                programme.add_constraint(sum, Relation::Equal, 0.0);
            } else if group.primary && !self.masked[index] {
                let (lower, upper) = known_range(group.value, self.k);
                let value = group.value as f64;
                let mut sum = sum;
                if repair && !group.range_public {
                    // Showing "≤4" tells the attacker the range. Where that alone pins a cell
                    // (four "≤4" cells under a total of 4), the mark can be given up at a price
                    // above hundreds of published cells': the cell is then shown as "..".
                    let loosen = programme.add_var(MASK_PRICE, (0.0, f64::INFINITY));
                    let tighten = programme.add_var(MASK_PRICE, (0.0, f64::INFINITY));
                    sum.push((loosen, -1.0));
                    sum.push((tighten, 1.0));
                    slacks.push((index, loosen, tighten));
                }
                if let Some(upper) = upper {
                    programme.add_constraint(sum.clone(), Relation::AtMost, upper as f64 - value);
                }
                programme.add_constraint(sum, Relation::AtLeast, lower as f64 - value);
            }
        }
        Built { programme, atom_variables, slacks, shortfall }
    }

    fn solve_raw(&mut self, built: &Built) -> Option<Vec<f64>> {
        self.stats.linear_programmes += 1;
        self.stats.windowed_programmes += usize::from(self.movable.is_some());
        if built.programme.variables() > MAX_VARIABLES {
            self.too_large = Some(built.programme.variables());
            return None;
        }
        let mut effort = Effort::default();
        let started = std::time::Instant::now();
        let point = built.programme.solve(&mut effort);
        if effort.timed_out {
            self.too_large = Some(built.programme.variables());
        }
        if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
            eprintln!(
                "programme: {} variables, largest part {}, {} slacks, {:.2?}, {} iterations, {}",
                built.programme.variables(),
                effort.largest_part,
                built.slacks.len(),
                started.elapsed(),
                effort.iterations,
                if point.is_some() { "solved" } else { "infeasible" }
            );
        }
        self.stats.largest_programme = self.stats.largest_programme.max(effort.largest_part);
        point
    }

    fn solve(&mut self, built: &Built) -> Option<Vec<f64>> {
        let solution = self.solve_raw(built)?;
        let moves = atom_moves(built, &solution);
        self.satisfies(&moves).then_some(moves)
    }

    /// Checks a move against everything the attacker knows under the current pattern, within the
    /// solver's tolerance.
    fn satisfies(&self, moves: &[f64]) -> bool {
        self.check(moves, TOLERANCE)
    }

    fn check(&self, moves: &[f64], tolerance: f64) -> bool {
        let atoms_ok = moves.iter().zip(self.atom_counts).all(|(&change, &count)| count as f64 + change >= -tolerance);
        atoms_ok
            && self.groups.iter().enumerate().all(|(index, group)| {
                let change: f64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
                if !self.suppressed[index] {
                    change.abs() <= tolerance
                } else if group.primary && !self.masked[index] {
                    let (lower, upper) = known_range(group.value, self.k);
                    let moved = group.value as f64 + change;
                    moved >= lower as f64 - tolerance && upper.is_none_or(|upper| moved <= upper as f64 + tolerance)
                } else {
                    true
                }
            })
    }

    /// Marks every suppressed cell the (checked) move changes by ≥ 1; returns how many were new.
    fn certify_moved(&mut self, moves: &[f64]) -> usize {
        // The checked point certifies; its rounding, where that is a valid point too, tells
        // whether the certificate is a second integer table (for the report only).
        let rounded: Vec<f64> = moves.iter().map(|change| change.round()).collect();
        let integral = self.check(&rounded, 0.0);
        let mut newly = 0;
        for (index, group) in self.groups.iter().enumerate() {
            if !self.suppressed[index] || self.certified[index] {
                continue;
            }
            let change: f64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
            let rounded_change: f64 = group.atoms.iter().map(|&atom| rounded[atom as usize]).sum();
            let integral = integral && rounded_change.abs() >= 1.0;
            if change.abs() >= 1.0 - TOLERANCE {
                self.certified[index] = true;
                newly += 1;
                if integral {
                    self.stats.integer_certificates += 1;
                } else {
                    self.stats.fractional_certificates += 1;
                }
            }
        }
        newly
    }
}

fn atom_moves(built: &Built, solution: &[f64]) -> Vec<f64> {
    built.atom_variables.iter().map(|variable| variable.map_or(0.0, |v| solution[v])).collect()
}
