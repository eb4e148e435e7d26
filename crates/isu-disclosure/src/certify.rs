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
//! All moves are found by linear programmes over the whole release (HiGHS, [`super::lp`]), never
//! trusted: each
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
use super::lp::{Effort, Model, Relation, Sense, Terms, SIMPLEX_ITERATION_LIMIT};
use super::moves::MoveSpace;
use super::{known_range, Error};

const TOLERANCE: f64 = 1e-6;
/// The random weights of the batch rounds come from this seed: the same data, the same pattern.
const SEED: u64 = 0x15u64 << 32 | 2021;
/// The largest programme solved: sized for microlp, the solver before HiGHS, which took seconds
/// per programme beyond it (decision 0010 keeps it until a larger limit is measured); the release
/// is refused as too large rather than left running (see the limits in `mod.rs`).
pub(super) const MAX_VARIABLES: usize = 6_000;
/// The size of the first windows of batch rounds (movable atoms); a release with no more
/// movable atoms than this is certified as a whole from the start.
const WINDOW_VARIABLES: usize = 1_000;
/// The largest window (movable atoms): its batch programme takes about 2 s on a loaded two-core
/// machine, and a repair over it (two slacks per published cell besides) stays below
/// [`MAX_VARIABLES`].
const LARGEST_WINDOW: usize = 4_000;
/// The simplex iterations one programme over a window may take (only some atoms may move, see
/// [`Certifier::windowed_rounds`]); programmes over every movable atom keep
/// [`SIMPLEX_ITERATION_LIMIT`]. A window is optional work: its moves are re-checked against the
/// whole release and nothing is concluded from a window that finds none, so a window programme
/// that reaches this limit counts as a window that found nothing (the search falls through to the
/// next window, and in the end to a programme over every atom), never as a release too large.
/// About 25 times the most any window programme needed with HiGHS on the national benchmark's
/// largest regions and revisions (2,111); with microlp, a window repair of Stockholm's revision
/// needed 74,245 and one of its national-scale revisions ran past the 600 s safety net. Counted in
/// iterations, not seconds, so the same input gets the same pattern on every machine.
const WINDOW_ITERATION_LIMIT: i32 = 50_000;
/// The price of giving up a primary cell's "≤4" in a repair: dearer than hundreds of published
/// cells (each priced 1 to 2).
const MASK_PRICE: f64 = 1e3;
/// The price of a repair's move falling short of 1: dearer than anything else.
const SHORTFALL_PRICE: f64 = 1e6;
/// How far one atom may move in a linear programme's certificate.
const MOVE_BOUND: f64 = 1.0;
/// How far one atom may move in an integer search: a fractional move of ±½ on two atoms often
/// needs ±1 on one and ±2 on another to become integral.
const INTEGER_MOVE_BOUND: u64 = 2;
/// Programmes one feasibility pump may solve ([`Certifier::integer_pump`]).
const PUMP_ROUNDS: usize = 6;
/// The most published cells an integer repair may give up for one cell.
const MAX_BROKEN: usize = 3;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CertificationStats {
    /// Cells suppressed because no certificate existed with the first pass's pattern.
    pub repairs: usize,
    pub linear_programmes: usize,
    /// Suppressed cells certified by an integer move (a second integer table): all of them under
    /// [`Guarantee::Integer`].
    pub integer_certificates: usize,
    /// Suppressed cells certified only by a fractional move (defeats the linear attacker; only
    /// under [`Guarantee::Linear`]).
    pub fractional_certificates: usize,
    /// Bounded searches for an integer move ([`super::moves`]): where a linear programme's move
    /// was fractional, and in integer repairs.
    pub integer_searches: usize,
    /// Integer searches that found no integer move within their bounds (more was suppressed).
    pub integer_searches_failed: usize,
    /// Primary cells shown as ".." instead of "≤4" because the range itself pinned a cell.
    pub masked: usize,
    /// Variables of the largest independent part of a programme solved.
    pub largest_programme: usize,
    /// Programmes that let only a window of the release move (see `Certifier::windowed_rounds`).
    pub windowed_programmes: usize,
    /// Window programmes given up at their iteration limit (`WINDOW_ITERATION_LIMIT`): windows
    /// that found nothing.
    pub windowed_timeouts: usize,
}

/// What a certificate must be.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Guarantee {
    /// A move of the atom counts, possibly fractional: no linear programme over what is published
    /// pins a hidden cell.
    #[default]
    Linear,
    /// A move by whole children, checked in integer arithmetic: a second integer table, so no
    /// integer reasoning over what is published pins a hidden cell either.
    Integer,
}

pub(super) fn certify_and_repair(
    groups: &[CellGroup],
    atom_counts: &[u64],
    k: u64,
    guarantee: Guarantee,
    suppressed: &mut [bool],
    masked: &mut [bool],
) -> Result<CertificationStats, Error> {
    let mut certifier = Certifier::new(groups, atom_counts, k, suppressed);
    certifier.guarantee = guarantee;
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
    guarantee: Guarantee,
    /// [`Self::published_distance`] by reference atom.
    distances: std::collections::HashMap<usize, Vec<u32>>,
    /// Set while a repair searches [`Self::window_around`] its cell.
    around_tried: bool,
    /// The iteration limit of a window's programme ([`WINDOW_ITERATION_LIMIT`]; tests lower it).
    window_iteration_limit: i32,
    /// Set when a window's programme reached its limit; cleared by whoever acts on it.
    window_timed_out: bool,
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
            guarantee: Guarantee::Linear,
            distances: std::collections::HashMap::new(),
            around_tried: false,
            window_iteration_limit: WINDOW_ITERATION_LIMIT,
            window_timed_out: false,
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
    fn leading_window(&mut self) -> Option<Vec<bool>> {
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

    /// Runs of suppressed cells (in index order) whose movable atoms number at most `budget`,
    /// as atom lists. A cell with more movable atoms than a quarter of the budget brings only
    /// some of them ([`Self::trimmed`]): a cell moves by one when one of its atoms does, so a
    /// window needs only those atoms of a large cell that can trade children with the rest of
    /// the window. Where small counts (below k) spread over more atoms than that (*sparse*
    /// cells, nearly all their atoms empty: the table of changes between two versions), the
    /// atoms of large cells are chosen by how alike they are to the children's atoms of the
    /// sparse cells, and every window that takes a large cell takes those atoms too (few: at
    /// most k−1 per sparse cell), since the children a move takes out of one of them must go
    /// somewhere.
    fn windows(&mut self, budget: usize) -> Vec<Vec<usize>> {
        // Uncertified cells first: each one left over from smaller windows needed a partner
        // outside its window, and is most likely to find it among the other left-over cells.
        let order: Vec<usize> = (0..self.groups.len())
            .filter(|&g| self.suppressed[g] && !self.certified[g])
            .chain((0..self.groups.len()).filter(|&g| self.suppressed[g] && self.certified[g]))
            .collect();
        self.windows_in_order(order, budget, false)
    }

    /// A window of [`LARGEST_WINDOW`] led by `target` and the suppressed cells that share an
    /// atom with it, smallest first, then its *partners* ([`Self::partners`]: the suppressed
    /// cells that share the most published cells with it, which a move of the target can trade
    /// with without changing those), then the other uncertified cells: where a repair in the
    /// leading window found nothing, before a repair over every atom. A cell that does not fit
    /// in what is left of the budget is passed over, so one large cell cannot crowd the
    /// partners out.
    fn window_around(&mut self, target: usize) -> Vec<bool> {
        let mut neighbours: Vec<usize> = self.groups[target]
            .atoms
            .iter()
            .flat_map(|&atom| self.groups_of_atom[atom as usize].iter().map(|&g| g as usize))
            .filter(|&g| g != target && self.suppressed[g])
            .collect();
        neighbours.sort_unstable();
        neighbours.dedup();
        neighbours.sort_by_key(|&g| self.groups[g].atoms.len());
        let partners = self.partners(target);
        let mut seen = vec![false; self.groups.len()];
        let order: Vec<usize> = std::iter::once(target)
            .chain(neighbours)
            .chain(partners)
            .chain((0..self.groups.len()).filter(|&g| self.suppressed[g] && !self.certified[g]))
            .filter(|&g| !std::mem::replace(&mut seen[g], true))
            .collect();
        let mut movable = vec![false; self.atom_counts.len()];
        for atom in self.windows_in_order(order, LARGEST_WINDOW, true).into_iter().next().unwrap_or_default() {
            movable[atom] = true;
        }
        movable
    }

    /// The suppressed cells other than `target` that share a published cell with it (a
    /// published cell holding atoms of both), most shared published cells first, then fewer
    /// atoms: a move of the target changes published cells, and another suppressed cell under
    /// the same published cells can change them back. In a revision these are the earlier
    /// version's hidden cells its own certificate moved, found from atoms and cells alone.
    fn partners(&self, target: usize) -> Vec<usize> {
        let mut over_target = vec![false; self.groups.len()];
        for &atom in &self.groups[target].atoms {
            for &g in &self.groups_of_atom[atom as usize] {
                over_target[g as usize] |= !self.suppressed[g as usize];
            }
        }
        let mut shared = vec![0u32; self.groups.len()];
        let mut counted_for = vec![usize::MAX; self.groups.len()];
        for g in (0..self.groups.len()).filter(|&g| g != target && self.suppressed[g]) {
            for &atom in &self.groups[g].atoms {
                for &p in &self.groups_of_atom[atom as usize] {
                    let p = p as usize;
                    if over_target[p] && counted_for[p] != g {
                        counted_for[p] = g;
                        shared[g] += 1;
                    }
                }
            }
        }
        let mut partners: Vec<usize> = (0..self.groups.len()).filter(|&g| shared[g] > 0).collect();
        partners.sort_by_key(|&g| (std::cmp::Reverse(shared[g]), self.groups[g].atoms.len(), g));
        partners
    }

    /// [`Self::windows`] over the suppressed cells in `order`. With `one`, a single window: a
    /// cell that does not fit in what is left of the budget is passed over.
    fn windows_in_order(&mut self, order: Vec<usize>, budget: usize, one: bool) -> Vec<Vec<usize>> {
        let movable: std::collections::BTreeSet<usize> = self.batch_atoms().into_iter().collect();
        let cap = (budget / 4).max(1);
        let sparse_positive: std::collections::BTreeSet<usize> = {
            let mut atoms = std::collections::BTreeSet::new();
            for &index in &order {
                let cell: Vec<usize> =
                    self.groups[index].atoms.iter().map(|&a| a as usize).filter(|a| movable.contains(a)).collect();
                if cell.len() > cap && self.groups[index].value < self.k {
                    atoms.extend(cell.into_iter().filter(|&a| self.atom_counts[a] > 0));
                }
            }
            if atoms.len() > cap {
                atoms.clear();
            }
            atoms
        };
        let references: Vec<usize> = sparse_positive.iter().copied().collect();
        let mut windows: Vec<Vec<usize>> = Vec::new();
        let mut current: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        for index in order {
            let atoms: Vec<usize> = self.groups[index]
                .atoms
                .iter()
                .map(|&a| a as usize)
                .filter(|a| movable.contains(a) && !current.contains(a))
                .collect();
            let (atoms, sparse) = self.trimmed(atoms, cap, budget, &references);
            let mut atoms = atoms;
            if sparse {
                atoms.extend(sparse_positive.iter().filter(|a| !current.contains(a)));
            }
            if !current.is_empty() && current.len() + atoms.len() > budget {
                if one {
                    continue;
                }
                windows.push(std::mem::take(&mut current).into_iter().collect());
            }
            current.extend(atoms);
        }
        if !current.is_empty() {
            windows.push(current.into_iter().collect());
        }
        windows
    }

    /// The atoms of one cell a window of `budget` takes, and whether they were chosen by
    /// `references`. At most `cap` (a quarter of the budget) where there are references (the
    /// children's atoms of sparse cells): the atoms most alike one of them — the fewest
    /// published cells that hold one and not the other, so moving a child between the two
    /// changes the fewest published cells. Without references, the atoms with children first,
    /// up to the budget. Which atoms may move decides only how fast a move is found, never
    /// whether it is a certificate: every move is checked against every constraint.
    fn trimmed(&mut self, atoms: Vec<usize>, cap: usize, budget: usize, references: &[usize]) -> (Vec<usize>, bool) {
        if atoms.len() <= cap {
            return (atoms, false);
        }
        if references.is_empty() {
            let (mut positive, empty): (Vec<usize>, Vec<usize>) =
                atoms.into_iter().partition(|&atom| self.atom_counts[atom] > 0);
            positive.extend(empty);
            positive.truncate(budget);
            return (positive, false);
        }
        let mut distance: Vec<(u32, usize)> = atoms
            .into_iter()
            .map(|atom| {
                let nearest = references.iter().map(|&reference| self.published_distance(reference)[atom]).min();
                (nearest.unwrap_or(0), atom)
            })
            .collect();
        distance.sort_unstable();
        (distance.into_iter().take(cap).map(|(_, atom)| atom).collect(), true)
    }

    /// Per atom, how many published cells hold exactly one of it and `reference` (cached: the
    /// ranking it feeds only orders the search, so a stale one after a repair is harmless).
    fn published_distance(&mut self, reference: usize) -> &[u32] {
        if !self.distances.contains_key(&reference) {
            let published = |g: &u32| !self.suppressed[*g as usize];
            let published_cells: Vec<u32> = self
                .groups_of_atom
                .iter()
                .map(|groups| groups.iter().filter(|g| published(g)).count() as u32)
                .collect();
            let mut shared = vec![0u32; self.atom_counts.len()];
            for &group in self.groups_of_atom[reference].iter().filter(|g| published(g)) {
                for &atom in &self.groups[group as usize].atoms {
                    shared[atom as usize] += 1;
                }
            }
            let own = published_cells[reference];
            let distance: Vec<u32> =
                (0..self.atom_counts.len()).map(|atom| published_cells[atom] + own - 2 * shared[atom]).collect();
            self.distances.insert(reference, distance);
        }
        &self.distances[&reference]
    }

    /// One random-weight programme; returns how many cells it certified.
    fn batch_round(&mut self) -> usize {
        let weights = self.random_weights();
        let built = self.build(&Goal::Batch(weights));
        let Some(moves) = self.solve(&built) else {
            return 0;
        };
        self.certify_moved(&moves)
    }

    /// A seeded random weight (±0.5..1.5) per uncertified suppressed cell that may move.
    fn random_weights(&mut self) -> Vec<f64> {
        (0..self.groups.len())
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
            .collect()
    }

    /// Finds a move of `target` by ≥ 1, suppressing the cheapest published cells it needs.
    fn targeted(&mut self, target: usize) -> Result<(), Error> {
        let mut best: Option<(f64, Vec<f64>, Vec<usize>)> = None;
        // First among the atoms of suppressed cells (small), then, only if that finds nothing,
        // among all atoms (the programme of last resort, which decides unprotectable).
        self.window_timed_out = false;
        'search: for all_atoms in [false, true] {
            for sign in [1.0, -1.0] {
                let built = self.build(&Goal::Repair { target, sign, all_atoms });
                let Some(solution) = self.solve_raw(&built) else {
                    if self.window_timed_out {
                        // The window's simplex stalled: the other programmes over the same
                        // window would likely stall too, and a window is optional work.
                        break 'search;
                    }
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
                if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
                    let group = &self.groups[target];
                    let inside = group.atoms.iter().filter(|&&a| self.may_move(a as usize)).count();
                    let positive = group.atoms.iter().filter(|&&a| self.atom_counts[a as usize] > 0).count();
                    eprintln!(
                        "repair of group {target} (cell {}, value {}, primary {}, released {}, {} atoms, {positive} with children, {inside} in the window of {}) found nothing in the window",
                        group.first_cell, group.value, group.primary, group.released, group.atoms.len(),
                        self.movable.as_ref().map_or(0, |m| m.iter().filter(|&&x| x).count())
                    );
                }
                if !self.around_tried {
                    self.around_tried = true;
                    self.movable = Some(self.window_around(target));
                    let result = self.targeted(target);
                    self.around_tried = false;
                    return result;
                }
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
        let linear = self.satisfies(&moves);
        let mut checked = linear && self.certify_moved(&moves) > 0 && self.certified[target];
        if linear && !checked && self.guarantee == Guarantee::Integer {
            // A linear move exists under the new pattern, but no integer move was found near
            // it: search for an integer repair. If that fails too, the same searches would fail
            // again (they are deterministic), so fall back now rather than after two more tries.
            checked = self.integer_repair(target, Some(&moves));
            if !checked {
                self.attempts[target] = 2;
            }
        }
        self.attempts[target] = self.attempts[target].saturating_add(1);
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

    /// An integer move of `target` by at least one that changes as few published cells as it
    /// can (at most [`MAX_BROKEN`]; never a released one): the cells it changes are suppressed
    /// and the move certifies. False when the bounded search finds none.
    fn integer_repair(&mut self, target: usize, hint: Option<&[f64]>) -> bool {
        // Giving up a "≤4" (showing the cell as "..") only where giving up published cells
        // cannot help, as in the linear repair's prices.
        for masks in [false, true] {
            for max_broken in 1..=MAX_BROKEN {
                for sign in [1, -1] {
                    let Some(moves) = self.integer_move(target, sign, max_broken, masks, hint) else {
                        continue;
                    };
                    for (index, group) in self.groups.iter().enumerate() {
                        let change: i64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
                        if change != 0 && !self.suppressed[index] {
                            self.suppressed[index] = true;
                            self.stats.repairs += 1;
                        } else if group.primary && !self.masked[index] && !in_range(group.value, change, self.k) {
                            self.masked[index] = true;
                            self.stats.masked += 1;
                        }
                    }
                    return self.check_integer(&moves) && self.certify_integer(&moves) > 0 && self.certified[target];
                }
            }
        }
        self.stats.integer_searches_failed += 1;
        false
    }

    /// An integer move of `target` by at least one under the current pattern, in the direction
    /// `sign` first. `None` if the bounded search finds none.
    fn integer_search(&mut self, target: usize, sign: f64, hint: &[f64]) -> Option<Vec<i64>> {
        let sign = if sign < 0.0 { -1 } else { 1 };
        let mut found =
            [sign, -sign].into_iter().find_map(|sign| self.integer_move(target, sign, 0, false, Some(hint)));
        if found.is_none() && self.too_large.is_none() {
            found = self.integer_pump(target, sign, hint);
        }
        if found.is_none() {
            self.stats.integer_searches_failed += 1;
        }
        found
    }

    /// A feasibility pump from a linear move of `target` in direction `sign`: round it, and
    /// while the rounding is no valid integer move, solve for the linear move (still moving
    /// `target` by ≥ 1) nearest to the rounding in L1 distance, and round that. An integer move
    /// with many atoms is found this way where the step search gives up; at most
    /// [`PUMP_ROUNDS`] programmes.
    fn integer_pump(&mut self, target: usize, sign: i64, start: &[f64]) -> Option<Vec<i64>> {
        let mut point = start.to_vec();
        let mut previous: Option<Vec<i64>> = None;
        for _ in 0..PUMP_ROUNDS {
            let rounded: Vec<i64> = point.iter().map(|change| change.round() as i64).collect();
            let change: i64 = self.groups[target].atoms.iter().map(|&atom| rounded[atom as usize]).sum();
            if change * sign > 0 && self.check_integer(&rounded) {
                return Some(rounded);
            }
            if previous.as_ref() == Some(&rounded) {
                return None; // the pump cycles
            }
            let mut built = self.build(&Goal::Batch(vec![0.0; self.groups.len()]));
            let target_terms: Terms = self.groups[target]
                .atoms
                .iter()
                .filter_map(|&atom| built.atom_variables[atom as usize])
                .map(|variable| (variable, sign as f64))
                .collect();
            if target_terms.is_empty() {
                return None;
            }
            built.programme.add_constraint(target_terms, Relation::AtLeast, 1.0);
            // |d − r|: linear at a bound (r = ±1 is one), through an auxiliary variable at 0.
            let mut distance: Terms = Vec::new();
            for (atom, variable) in built.atom_variables.clone().into_iter().enumerate() {
                let Some(variable) = variable else { continue };
                match rounded[atom] {
                    0 => {
                        let bound = built.programme.add_var(0.0, (0.0, f64::INFINITY));
                        built.programme.add_constraint(vec![(bound, 1.0), (variable, -1.0)], Relation::AtLeast, 0.0);
                        built.programme.add_constraint(vec![(bound, 1.0), (variable, 1.0)], Relation::AtLeast, 0.0);
                        distance.push((bound, 1.0));
                    }
                    r if r > 0 => distance.push((variable, -1.0)),
                    _ => distance.push((variable, 1.0)),
                }
            }
            built.programme.minimise(&distance);
            previous = Some(rounded);
            point = self.solve(&built)?;
        }
        None
    }

    /// A bounded search for balanced unit steps ([`MoveSpace`]) among the atoms of suppressed
    /// cells, changing at most `max_broken` published cells (not released ones), which the
    /// caller then suppresses. With `max_broken` 0 the move satisfies [`Self::check_integer`].
    fn integer_move(
        &mut self,
        target: usize,
        sign: i64,
        max_broken: usize,
        masks: bool,
        hint: Option<&[f64]>,
    ) -> Option<Vec<i64>> {
        self.stats.integer_searches += 1;
        let repair = max_broken > 0;
        // Outside repairs, atoms of published zeros are known to be zero and cannot move; a
        // repair may give the zero up.
        let movable: Vec<bool> = (0..self.atom_counts.len())
            .map(|atom| self.in_suppressed_cell(atom) && (repair || !self.pinned_zero(atom)) && self.may_move(atom))
            .collect();
        let published: Vec<bool> = self.suppressed.iter().map(|&hidden| !hidden).collect();
        let breakable: Vec<bool> = (0..self.groups.len())
            .map(|index| {
                let group = &self.groups[index];
                let maskable = masks && group.primary && !self.masked[index] && !group.range_public;
                (published[index] && !group.released) || maskable
            })
            .collect();
        let allowed: Vec<Option<(i64, i64)>> = (0..self.groups.len())
            .map(|index| {
                let group = &self.groups[index];
                if published[index] {
                    Some((0, 0))
                } else if group.primary && !self.masked[index] {
                    let (lower, upper) = known_range(group.value, self.k);
                    let value = group.value as i64;
                    Some((lower as i64 - value, upper.map_or(i64::MAX, |upper| upper as i64 - value)))
                } else {
                    None
                }
            })
            .collect();
        let space = MoveSpace {
            atom_counts: self.atom_counts,
            group_atoms: self.groups.iter().map(|group| group.atoms.as_slice()).collect(),
            groups_of_atom: &self.groups_of_atom,
            allowed: &allowed,
            breakable: &breakable,
            max_broken,
            movable: &movable,
            bound: INTEGER_MOVE_BOUND as i64,
            hint,
        };
        let dense = |moves: &std::collections::BTreeMap<u32, i64>| {
            let mut dense = vec![0i64; self.atom_counts.len()];
            for (&atom, &change) in moves {
                dense[atom as usize] = change;
            }
            dense
        };
        // The move must hold once the published cells it changes are suppressed.
        let holds = |moves: &std::collections::BTreeMap<u32, i64>| {
            let moves = dense(moves);
            self.check_integer_with(&moves, |index| published[index] && !breakable[index], |index| !breakable[index])
                && (repair || self.check_integer(&moves))
        };
        space.search(target, sign, holds).map(|moves| dense(&moves))
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
        let windowed = self.movable.is_some();
        let limit = if windowed { self.window_iteration_limit } else { SIMPLEX_ITERATION_LIMIT };
        let point = built.programme.solve(&mut effort, limit);
        if effort.timed_out && windowed {
            // Optional work that did not finish: the window found nothing (see
            // [`WINDOW_ITERATION_LIMIT`]); the search goes on without it.
            self.window_timed_out = true;
            self.stats.windowed_timeouts += 1;
        } else if effort.timed_out {
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
                match (point.is_some(), effort.timed_out) {
                    (true, _) => "solved",
                    (false, true) if windowed => "window's iteration limit reached: found nothing",
                    (false, true) => "past the iteration or safety limit",
                    (false, false) => "infeasible",
                }
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

    /// Certifies with a (checked) linear move: where its rounding is a valid integer move, every
    /// suppressed cell that changes; otherwise, for each cell the linear move changes by ≥ 1 (it
    /// is free linearly), an integer move sought by [`Self::integer_search`]. Returns how many
    /// cells were certified.
    fn certify_moved(&mut self, moves: &[f64]) -> usize {
        let rounded: Vec<i64> = moves.iter().map(|change| change.round() as i64).collect();
        if self.guarantee == Guarantee::Linear {
            return self.certify_linear(moves, &rounded);
        }
        if self.check_integer(&rounded) {
            let newly = self.certify_integer(&rounded);
            if newly > 0 {
                return newly;
            }
        }
        let free: Vec<(usize, f64)> = (0..self.groups.len())
            .filter(|&index| self.suppressed[index] && !self.certified[index])
            .filter_map(|index| {
                let change: f64 = self.groups[index].atoms.iter().map(|&atom| moves[atom as usize]).sum();
                (change.abs() >= 1.0 - TOLERANCE).then_some((index, change.signum()))
            })
            .collect();
        if std::env::var_os("ISU_DISCLOSURE_TRACE").is_some() {
            let support = moves.iter().filter(|m| m.abs() > TOLERANCE).count();
            let halves = moves.iter().filter(|m| (m.abs() - m.abs().round()).abs() > TOLERANCE).count();
            eprintln!("fractional move: support {support}, {halves} fractional, {} cells free", free.len());
        }
        let mut newly = 0;
        for (index, sign) in free {
            if self.certified[index] || self.too_large.is_some() {
                continue;
            }
            if let Some(integer) = self.integer_search(index, sign, moves) {
                newly += self.certify_integer(&integer);
            }
        }
        newly
    }

    /// Marks every suppressed cell the (checked) linear move changes by ≥ 1; returns how many were
    /// new. Its rounding, where that is a valid integer move too, tells whether the certificate is
    /// a second integer table (for the report only).
    fn certify_linear(&mut self, moves: &[f64], rounded: &[i64]) -> usize {
        let integral = self.check_integer(rounded);
        let mut newly = 0;
        for (index, group) in self.groups.iter().enumerate() {
            if !self.suppressed[index] || self.certified[index] {
                continue;
            }
            let change: f64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
            let rounded_change: i64 = group.atoms.iter().map(|&atom| rounded[atom as usize]).sum();
            if change.abs() >= 1.0 - TOLERANCE {
                self.certified[index] = true;
                newly += 1;
                if integral && rounded_change != 0 {
                    self.stats.integer_certificates += 1;
                } else {
                    self.stats.fractional_certificates += 1;
                }
            }
        }
        newly
    }

    /// Marks every suppressed cell an integer move (checked exactly) changes; returns how many
    /// were new. The true table and the moved one are two integer tables that agree on everything
    /// published and differ in each such cell.
    fn certify_integer(&mut self, moves: &[i64]) -> usize {
        debug_assert!(self.check_integer(moves));
        let mut newly = 0;
        for (index, group) in self.groups.iter().enumerate() {
            if !self.suppressed[index] || self.certified[index] {
                continue;
            }
            let change: i64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
            if change != 0 {
                self.certified[index] = true;
                self.stats.integer_certificates += 1;
                newly += 1;
            }
        }
        newly
    }

    /// Exact check of an integer move against everything the attacker knows under the current
    /// pattern: atoms stay ≥ 0, published cells unchanged, primary cells inside their ranges.
    fn check_integer(&self, moves: &[i64]) -> bool {
        self.check_integer_with(moves, |index| !self.suppressed[index], |_| true)
    }

    /// [`Self::check_integer`] where `fixed` says which cells may not change and `ranged` which
    /// primary cells must stay in their range.
    fn check_integer_with(&self, moves: &[i64], fixed: impl Fn(usize) -> bool, ranged: impl Fn(usize) -> bool) -> bool {
        let atoms_ok = moves.iter().zip(self.atom_counts).all(|(&change, &count)| count as i64 + change >= 0);
        atoms_ok
            && self.groups.iter().enumerate().all(|(index, group)| {
                let change: i64 = group.atoms.iter().map(|&atom| moves[atom as usize]).sum();
                if fixed(index) {
                    change == 0
                } else if !self.suppressed[index] {
                    true
                } else if group.primary && !self.masked[index] && ranged(index) {
                    in_range(group.value, change, self.k)
                } else {
                    true
                }
            })
    }
}

/// Whether a primary cell of `value`, changed by `change`, stays inside its known range.
fn in_range(value: u64, change: i64, k: u64) -> bool {
    let (lower, upper) = known_range(value, k);
    let moved = value as i64 + change;
    moved >= lower as i64 && upper.is_none_or(|upper| moved <= upper as i64)
}

fn atom_moves(built: &Built, solution: &[f64]) -> Vec<f64> {
    built.atom_variables.iter().map(|variable| variable.map_or(0.0, |v| solution[v])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(atoms: Vec<u32>, atom_counts: &[u64], first_cell: usize) -> CellGroup {
        let value = atoms.iter().map(|&atom| atom_counts[atom as usize]).sum();
        CellGroup {
            atoms,
            value,
            primary: false,
            forced: false,
            released: false,
            range_public: false,
            cost: value,
            first_cell,
        }
    }

    /// A 2×2 table of 3 children per cell with its interior hidden and its margins published:
    /// the move +1 −1 −1 +1 certifies every hidden cell.
    fn two_by_two() -> (Vec<CellGroup>, Vec<u64>, Vec<bool>) {
        let atom_counts = vec![3u64; 4];
        let cells: Vec<Vec<u32>> =
            vec![vec![0], vec![1], vec![2], vec![3], vec![0, 1], vec![2, 3], vec![0, 2], vec![1, 3], vec![0, 1, 2, 3]];
        let groups: Vec<CellGroup> =
            cells.into_iter().enumerate().map(|(index, atoms)| group(atoms, &atom_counts, index)).collect();
        let suppressed = (0..groups.len()).map(|g| g < 4).collect();
        (groups, atom_counts, suppressed)
    }

    #[test]
    fn a_window_programme_at_its_iteration_limit_found_nothing_and_the_programme_over_every_atom_certifies() {
        let (groups, atom_counts, suppressed) = two_by_two();

        // The window's programme finishes within its limit: the window certifies.
        let mut certifier = Certifier::new(&groups, &atom_counts, 5, &suppressed);
        certifier.movable = Some(vec![true; 4]);
        assert_eq!(certifier.batch_round(), 4);

        // At its limit (no iteration at all): the window found nothing, which is no refusal, and
        // the repair falls through the windows to the programme over every atom.
        let mut certifier = Certifier::new(&groups, &atom_counts, 5, &suppressed);
        certifier.window_iteration_limit = 0;
        certifier.movable = Some(vec![true; 4]);
        assert_eq!(certifier.batch_round(), 0);
        assert_eq!(certifier.too_large, None, "a window at its limit is not a release too large");
        certifier.targeted(0).expect("protectable");
        assert_eq!(certifier.too_large, None);
        assert!(certifier.certified[0], "certified by the repair over every atom");
        assert_eq!(certifier.movable, None, "the certificate came from outside any window");
        assert_eq!(certifier.stats.repairs, 0, "the move changes no published cell");
        // The batch programme, the first repair programme in the leading window and in the
        // window around the cell: each window's search stops at its first programme at its limit.
        assert_eq!(certifier.stats.windowed_timeouts, 3);
    }

    #[test]
    fn the_window_around_a_failed_repair_takes_the_cells_partners_under_shared_published_cells() {
        // Three municipalities × gender × type; by municipality the gender and the type, for
        // the region gender × type. Municipalities 0 and 1 hide their "gender 1" and "type 1"
        // cells; municipality 1's are certified, 0's "gender 1" is not. A move of that cell
        // changes the region's gender × type cells, which only municipality 1's hidden cells
        // can change back: the window around it must take them though they share no atom with
        // it (before, it took the cell's own municipality and nothing else).
        let atom = |m: u32, g: u32, t: u32| m * 4 + g * 2 + t;
        let atom_counts = vec![3u64; 12];
        let mut groups = Vec::new();
        let add = |atoms: Vec<u32>, groups: &mut Vec<CellGroup>| {
            let index = groups.len();
            groups.push(group(atoms, &atom_counts, index));
            index
        };
        let mut hidden = Vec::new();
        for m in 0..3 {
            for g in 0..2 {
                let cell = add(vec![atom(m, g, 0), atom(m, g, 1)], &mut groups);
                if m < 2 && g == 1 {
                    hidden.push(cell);
                }
            }
            for t in 0..2 {
                let cell = add(vec![atom(m, 0, t), atom(m, 1, t)], &mut groups);
                if m < 2 && t == 1 {
                    hidden.push(cell);
                }
            }
        }
        for g in 0..2 {
            for t in 0..2 {
                add((0..3).map(|m| atom(m, g, t)).collect(), &mut groups);
            }
        }
        let mut suppressed = vec![false; groups.len()];
        for &cell in &hidden {
            suppressed[cell] = true;
        }
        let mut certifier = Certifier::new(&groups, &atom_counts, 5, &suppressed);
        let target = hidden[0];
        certifier.certified[hidden[2]] = true;
        certifier.certified[hidden[3]] = true;

        let partners = certifier.partners(target);
        assert_eq!(partners[0], hidden[2], "two published cells shared, the most");
        assert!(partners.contains(&hidden[3]), "{partners:?}");
        let window = certifier.window_around(target);
        for &cell in &hidden[2..] {
            for &a in &groups[cell].atoms {
                assert!(window[a as usize], "atom {a} of the partner cell {cell} is outside the window");
            }
        }
        assert!((0..4).all(|a| !window[atom(2, a / 2, a % 2) as usize]), "municipality 2 hides nothing");
    }
}
