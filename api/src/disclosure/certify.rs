//! Second pass: prove each suppressed cell can take at least two integer values, and suppress more
//! where no proof is found.
//!
//! The attacker knows every published value exactly, that counts are non-negative, and that a
//! primary cell lies in its known range (see [`super::known_range`]). Linear independence from the
//! published cells (the first pass) is not enough against that attacker: a published total of 2
//! over two hidden primary cells, each known to be ≥ 1, pins both to 1.
//!
//! The proof for a suppressed cell is a certificate: a second assignment of atom counts that agrees
//! with everything the attacker knows and moves the cell by at least 1. The true counts are one
//! point the attacker cannot exclude, the certificate another, so the cell's value is not
//! determined. To keep each search small the certificate changes only a neighbourhood of the
//! cell's atoms and keeps every other atom at its true count; fixing atoms only shrinks the set of
//! assignments, so a certificate found locally is valid globally. The neighbourhood grows in steps
//! until a linear programme finds a certificate; if none is found, the cheapest published cell
//! sharing an atom with the stuck cell is suppressed and both are queued again.
//!
//! Certificates are checked here, not taken from the solver: the solver's point is rounded and the
//! constraints re-checked in integers (an integer certificate: two integer values are possible).
//! When rounding breaks a constraint the unrounded point is re-checked with a tolerance of 1e-6 (a
//! fractional certificate: the attacker's linear programme cannot pin the cell, which is the
//! attack the tests model). Suppressing more only removes equations, so a certificate stays valid
//! when later repairs suppress further cells; nothing is re-checked.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem as LinearProgramme};

use super::groups::CellGroup;
use super::{known_range, Error};

/// Neighbourhood sizes (atoms) tried in turn before giving up and suppressing more. Larger ones
/// cost seconds per programme with microlp (≈0.3 s at 1,024 atoms); see the limits in `mod.rs`.
const NEIGHBOURHOOD_CAPS: [usize; 3] = [16, 64, 256];
const TOLERANCE: f64 = 1e-6;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CertificationStats {
    /// Cells suppressed because no certificate was found with the first pass's pattern.
    pub repairs: usize,
    pub linear_programmes: usize,
    pub integer_certificates: usize,
    pub fractional_certificates: usize,
}

pub(super) fn certify_and_repair(
    groups: &[CellGroup],
    atom_counts: &[u64],
    k: u64,
    suppressed: &mut [bool],
) -> Result<CertificationStats, Error> {
    let mut certifier = Certifier::new(groups, atom_counts, k, suppressed);
    let mut worklist: BTreeSet<usize> = (0..groups.len()).filter(|&g| suppressed[g]).collect();
    while let Some(group) = worklist.pop_first() {
        if certifier.certified[group] || certifier.find_certificate(group) {
            continue;
        }
        let extra = certifier.repair_for(group)?;
        worklist.insert(extra);
        worklist.insert(group);
    }
    suppressed.copy_from_slice(&certifier.suppressed);
    Ok(certifier.stats)
}

struct Certifier<'a> {
    groups: &'a [CellGroup],
    atom_counts: &'a [u64],
    k: u64,
    suppressed: Vec<bool>,
    certified: Vec<bool>,
    groups_of_atom: Vec<Vec<u32>>,
    /// Per atom: how many published zero cells contain it. Such an atom is known to be 0.
    published_zeros_containing: Vec<u32>,
    /// The atoms of the last (largest) neighbourhood searched, for repairs.
    last_neighbourhood: Vec<u32>,
    stats: CertificationStats,
}

fn moved_by_one(cell: &LocalCell, point: &[f64]) -> bool {
    let local_sum: f64 = cell.variables.iter().map(|&variable| point[variable]).sum();
    (local_sum - cell.true_local_sum as f64).abs() >= 1.0 - TOLERANCE
}

/// A local linear programme: the neighbourhood's atoms are variables, every other atom is fixed at
/// its true count, so each cell touching the neighbourhood constrains the sum of its local atoms.
struct LocalProgramme {
    atoms: Vec<u32>,
    /// Per cell touching the neighbourhood: its local variables and their true sum.
    touching: Vec<LocalCell>,
}

struct LocalCell {
    group: usize,
    variables: Vec<usize>,
    true_local_sum: i64,
    /// Bounds on the local sum implied by what the attacker knows of the whole cell.
    lower: i64,
    upper: Option<i64>,
}

#[derive(Clone, Copy)]
enum Shift {
    Up,
    Down,
}

impl<'a> Certifier<'a> {
    fn new(groups: &'a [CellGroup], atom_counts: &'a [u64], k: u64, suppressed: &[bool]) -> Self {
        let mut groups_of_atom = vec![Vec::new(); atom_counts.len()];
        let mut published_zeros_containing = vec![0; atom_counts.len()];
        for (index, group) in groups.iter().enumerate() {
            for &atom in &group.atoms {
                groups_of_atom[atom as usize].push(index as u32);
                if !suppressed[index] && group.value == 0 {
                    published_zeros_containing[atom as usize] += 1;
                }
            }
        }
        Self {
            groups,
            atom_counts,
            k,
            suppressed: suppressed.to_vec(),
            certified: vec![false; groups.len()],
            groups_of_atom,
            published_zeros_containing,
            last_neighbourhood: Vec::new(),
            stats: CertificationStats::default(),
        }
    }

    fn known_zero(&self, atom: u32) -> bool {
        self.published_zeros_containing[atom as usize] > 0
    }

    /// Searches growing neighbourhoods; on success marks the target and every other suppressed
    /// cell the same certificate moves by at least 1.
    fn find_certificate(&mut self, target: usize) -> bool {
        for cap in NEIGHBOURHOOD_CAPS {
            let (atoms, complete) = self.neighbourhood(target, cap);
            let programme = self.local_programme(atoms);
            for shift in [Shift::Up, Shift::Down] {
                let Some(point) = self.solve(&programme, target, shift) else {
                    continue;
                };
                if let Some(integral) = self.checked_certificate(&programme, target, point) {
                    if integral {
                        self.stats.integer_certificates += 1;
                    } else {
                        self.stats.fractional_certificates += 1;
                    }
                    return true;
                }
            }
            self.last_neighbourhood = programme.atoms;
            if complete {
                break;
            }
        }
        false
    }

    /// The target's atoms, then atoms of the cells around them, hidden cells before published
    /// ones and small before large, until `cap` atoms. Atoms known to be zero are left out: they
    /// are fixed whatever the attacker assumes. Returns whether nothing reachable was left out.
    fn neighbourhood(&self, target: usize, cap: usize) -> (Vec<u32>, bool) {
        let mut atoms: Vec<u32> = Vec::new();
        let mut in_neighbourhood: HashMap<u32, ()> = HashMap::new();
        let mut queued_groups: HashMap<u32, ()> = HashMap::new();
        let mut queue: BinaryHeap<Reverse<(bool, usize, u32)>> = BinaryHeap::new();
        let mut truncated = false;

        let mut admit = |atom: u32, atoms: &mut Vec<u32>, queue: &mut BinaryHeap<Reverse<(bool, usize, u32)>>| {
            if self.known_zero(atom) || in_neighbourhood.insert(atom, ()).is_some() {
                return;
            }
            atoms.push(atom);
            for &group in &self.groups_of_atom[atom as usize] {
                if queued_groups.insert(group, ()).is_none() {
                    let published = !self.suppressed[group as usize];
                    let size = self.groups[group as usize].atoms.len();
                    queue.push(Reverse((published, size, group)));
                }
            }
        };

        for &atom in &self.groups[target].atoms {
            admit(atom, &mut atoms, &mut queue);
        }
        'grow: while let Some(Reverse((_, _, group))) = queue.pop() {
            for &atom in &self.groups[group as usize].atoms {
                if atoms.len() >= cap {
                    truncated = true;
                    break 'grow;
                }
                admit(atom, &mut atoms, &mut queue);
            }
        }
        (atoms, !truncated && queue.is_empty())
    }

    fn local_programme(&self, atoms: Vec<u32>) -> LocalProgramme {
        let mut index_of_group: HashMap<usize, usize> = HashMap::new();
        let mut touching: Vec<LocalCell> = Vec::new();
        for (variable, &atom) in atoms.iter().enumerate() {
            for &group in &self.groups_of_atom[atom as usize] {
                let group = group as usize;
                let slot = *index_of_group.entry(group).or_insert_with(|| {
                    touching.push(LocalCell { group, variables: Vec::new(), true_local_sum: 0, lower: 0, upper: None });
                    touching.len() - 1
                });
                touching[slot].variables.push(variable);
                touching[slot].true_local_sum += self.atom_counts[atom as usize] as i64;
            }
        }
        for cell in &mut touching {
            let group = &self.groups[cell.group];
            let fixed_outside = group.value as i64 - cell.true_local_sum;
            if !self.suppressed[cell.group] {
                cell.lower = cell.true_local_sum;
                cell.upper = Some(cell.true_local_sum);
            } else if group.primary {
                let (lower, upper) = known_range(group.value, self.k);
                cell.lower = lower as i64 - fixed_outside;
                cell.upper = upper.map(|upper| upper as i64 - fixed_outside);
            }
        }
        LocalProgramme { atoms, touching }
    }

    /// Moves the target by exactly one (up or down) if the local constraints allow it.
    fn solve(&mut self, programme: &LocalProgramme, target: usize, shift: Shift) -> Option<Vec<f64>> {
        let direction = match shift {
            Shift::Up => OptimizationDirection::Maximize,
            Shift::Down => OptimizationDirection::Minimize,
        };
        let target_cell = programme.touching.iter().find(|cell| cell.group == target)?;
        let mut is_target = vec![false; programme.atoms.len()];
        for &variable in &target_cell.variables {
            is_target[variable] = true;
        }
        let mut lp = LinearProgramme::new(direction);
        let variables: Vec<_> = is_target
            .iter()
            .map(|&in_target| lp.add_var(if in_target { 1.0 } else { 0.0 }, (0.0, f64::INFINITY)))
            .collect();
        for cell in &programme.touching {
            let is_bounded = cell.upper.is_some() || cell.lower > 0;
            if !is_bounded && cell.group != target {
                continue;
            }
            let expression = || {
                let mut expression = LinearExpr::empty();
                for &variable in &cell.variables {
                    expression.add(variables[variable], 1.0);
                }
                expression
            };
            match cell.upper {
                Some(upper) if upper == cell.lower => lp.add_constraint(expression(), ComparisonOp::Eq, upper as f64),
                Some(upper) => lp.add_constraint(expression(), ComparisonOp::Le, upper as f64),
                None => {}
            }
            if cell.lower > 0 && cell.upper != Some(cell.lower) {
                lp.add_constraint(expression(), ComparisonOp::Ge, cell.lower as f64);
            }
            if cell.group == target {
                // Asking for a move of exactly one keeps the programme bounded and the point integral
                // wherever the constraint matrix allows.
                let goal = target_cell.true_local_sum as f64;
                match shift {
                    Shift::Up => lp.add_constraint(expression(), ComparisonOp::Le, goal + 1.0),
                    Shift::Down => lp.add_constraint(expression(), ComparisonOp::Ge, goal - 1.0),
                }
            }
        }
        self.stats.linear_programmes += 1;
        let solution = lp.solve().ok()?.into_solution().ok()?;
        Some(variables.iter().map(|&variable| solution.var_value_raw(variable)).collect())
    }

    /// Checks `point` against every local constraint (integers first, then with a tolerance); if
    /// it is a certificate for `target`, marks every suppressed cell it moves by ≥ 1 as certified.
    /// Returns whether the certificate is integral, or `None` if `point` is no certificate.
    fn checked_certificate(&mut self, programme: &LocalProgramme, target: usize, point: Vec<f64>) -> Option<bool> {
        let target_cell = programme.touching.iter().find(|cell| cell.group == target)?;
        let moves_target = |point: &[f64]| moved_by_one(target_cell, point);
        // Rounding can undo the move (0.5 + 0.5 → 1 + 1), so the rounded point must do both.
        let rounded: Vec<f64> = point.iter().map(|value| value.round()).collect();
        let (point, integral) = if moves_target(&rounded) && self.satisfies(programme, &rounded, 0.0) {
            (rounded, true)
        } else if moves_target(&point) && self.satisfies(programme, &point, TOLERANCE) {
            (point, false)
        } else {
            return None;
        };
        for cell in &programme.touching {
            if self.suppressed[cell.group] && moved_by_one(cell, &point) {
                self.certified[cell.group] = true;
            }
        }
        Some(integral)
    }

    fn satisfies(&self, programme: &LocalProgramme, point: &[f64], tolerance: f64) -> bool {
        if point.iter().any(|&value| value < -tolerance) {
            return false;
        }
        programme.touching.iter().all(|cell| {
            let sum: f64 = cell.variables.iter().map(|&variable| point[variable]).sum();
            // Integral points sum exactly in f64 (all values far below 2^53).
            sum >= cell.lower as f64 - tolerance && cell.upper.is_none_or(|upper| sum <= upper as f64 + tolerance)
        })
    }

    /// Suppresses the cheapest published cell sharing an atom with `stuck` or, failing that, with
    /// a cell around its last neighbourhood, and returns it.
    fn repair_for(&mut self, stuck: usize) -> Result<usize, Error> {
        let cheapest = |atoms: &mut dyn Iterator<Item = u32>| {
            atoms
                .flat_map(|atom| self.groups_of_atom[atom as usize].iter())
                .map(|&group| group as usize)
                .filter(|&group| !self.suppressed[group] && !self.groups[group].released)
                .min_by_key(|&group| (self.groups[group].cost, self.groups[group].first_cell))
        };
        let around_neighbourhood = self
            .last_neighbourhood
            .iter()
            .flat_map(|&atom| self.groups_of_atom[atom as usize].iter())
            .flat_map(|&group| self.groups[group as usize].atoms.iter().copied());
        let chosen = cheapest(&mut self.groups[stuck].atoms.iter().copied())
            .or_else(|| cheapest(&mut around_neighbourhood.into_iter()))
            .ok_or(Error::Unprotectable { cell: self.groups[stuck].first_cell })?;
        self.suppressed[chosen] = true;
        if self.groups[chosen].value == 0 {
            for &atom in &self.groups[chosen].atoms {
                self.published_zeros_containing[atom as usize] -= 1;
            }
        }
        self.stats.repairs += 1;
        Ok(chosen)
    }
}
