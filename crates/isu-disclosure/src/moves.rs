//! Integer moves by a bounded depth-first search: the combinatorial counterpart of the linear
//! programmes' moves, for cells whose linear move is fractional.
//!
//! A move takes whole children from one class (atom) to another. Starting with one child added
//! to, or taken from, an atom of the target cell, every published cell that changes (and every
//! "≤4" cell pushed out of its range) must be brought back by a unit step of another atom in it,
//! the cell with the fewest candidates first (a cross-classified table's alternating cycle, a two-way table's rectangle, is found
//! this way); a step that balances more cells than it unbalances is tried first. The search is
//! bounded by a number of steps (nodes), never by time, so the same problem always gets the same
//! answer. What it returns is checked exactly by the caller.

use std::collections::BTreeMap;

/// What the search needs to know about the problem under the current pattern.
pub(super) struct MoveSpace<'a> {
    pub atom_counts: &'a [u64],
    /// Per group, its atoms.
    pub group_atoms: Vec<&'a [u32]>,
    pub groups_of_atom: &'a [Vec<u32>],
    /// Per group, how far its value may change: `(0, 0)` when published, a primary's known range
    /// minus its value, `None` when anything goes (a hidden cell without a known range).
    pub allowed: &'a [Option<(i64, i64)>],
    /// Groups a repair may give up (published cells it then suppresses) when a move needs them
    /// outside their allowed change.
    pub breakable: &'a [bool],
    /// How many published groups a move may change (all breakable); 0 outside repairs.
    pub max_broken: usize,
    /// Atoms that may move (in a suppressed cell, not a published zero, inside the window).
    pub movable: &'a [bool],
    /// How far one atom may move either way.
    pub bound: i64,
    /// A linear programme's (fractional) move, if any: steps in its direction are tried first,
    /// since an integer move is most often found along the same children.
    pub hint: Option<&'a [f64]>,
}

/// Search effort: unit steps tried, and the deepest move (atoms changed).
pub(super) const NODE_BUDGET: u32 = 4_000;
/// The most atoms one move changes, and the most unit steps it takes (the search's depth).
const MAX_ATOMS: usize = 12;
const MAX_STEPS: usize = 24;

impl MoveSpace<'_> {
    /// Integer moves of `target` in direction `sign` (±1) that leave every published group
    /// unchanged, offered to `accept` (which checks the rest: ranges) until it accepts one; at
    /// most [`NODE_BUDGET`] steps. Returns the accepted move as (atom, change) pairs.
    pub fn search(
        &self,
        target: usize,
        sign: i64,
        mut accept: impl FnMut(&BTreeMap<u32, i64>) -> bool,
    ) -> Option<BTreeMap<u32, i64>> {
        let mut state =
            State { moves: BTreeMap::new(), change: BTreeMap::new(), imbalance: BTreeMap::new(), nodes: 0, depth: 0 };
        let mut first: Vec<u32> = self.group_atoms[target].to_vec();
        first.sort_by_key(|&atom| (self.against_hint(atom, sign), atom));
        for atom in first {
            if state.nodes >= NODE_BUDGET {
                break;
            }
            if !self.can_step(&state, atom, sign) {
                continue;
            }
            self.step(&mut state, atom, sign);
            let target_change = |moves: &BTreeMap<u32, i64>| -> i64 {
                self.group_atoms[target].iter().map(|a| moves.get(a).copied().unwrap_or(0)).sum()
            };
            if self.extend(&mut state, &mut |moves| target_change(moves) * sign > 0 && accept(moves)) {
                return Some(state.moves);
            }
            self.step(&mut state, atom, -sign);
        }
        None
    }

    /// 0 for a step the hint takes too, 1 otherwise.
    fn against_hint(&self, atom: u32, change: i64) -> u8 {
        u8::from(self.hint.is_none_or(|hint| hint[atom as usize] * change as f64 <= 1e-9))
    }

    fn can_step(&self, state: &State, atom: u32, change: i64) -> bool {
        if !self.movable[atom as usize] {
            return false;
        }
        let moved = state.moves.get(&atom).copied().unwrap_or(0) + change;
        moved.abs() <= self.bound && self.atom_counts[atom as usize] as i64 + moved >= 0
    }

    fn step(&self, state: &mut State, atom: u32, change: i64) {
        state.nodes += 1;
        let moved = state.moves.entry(atom).or_insert(0);
        *moved += change;
        if *moved == 0 {
            state.moves.remove(&atom);
        }
        for &group in &self.groups_of_atom[atom as usize] {
            let Some((lowest, highest)) = self.allowed[group as usize] else {
                continue;
            };
            let entry = state.change.entry(group).or_insert(0);
            *entry += change;
            let excess = if *entry > highest {
                *entry - highest
            } else if *entry < lowest {
                *entry - lowest
            } else {
                0
            };
            if *entry == 0 {
                state.change.remove(&group);
            }
            if excess == 0 {
                state.imbalance.remove(&group);
            } else {
                state.imbalance.insert(group, excess);
            }
        }
    }

    /// Balances the published groups still changed, depth first.
    fn extend(&self, state: &mut State, accept: &mut dyn FnMut(&BTreeMap<u32, i64>) -> bool) -> bool {
        let may_stop = state.imbalance.len() <= self.max_broken
            && state.imbalance.keys().all(|&group| self.breakable[group as usize]);
        if may_stop && accept(&state.moves) {
            return true;
        }
        if state.moves.len() > MAX_ATOMS || state.depth > MAX_STEPS || state.nodes >= NODE_BUDGET {
            return false;
        }
        // The unbalanced group with the fewest ways to balance it.
        let mut best: Option<(usize, u32, Vec<u32>)> = None;
        let mut stuck = 0;
        for (&group, &imbalance) in &state.imbalance {
            let change = -imbalance.signum();
            let candidates: Vec<u32> = self.group_atoms[group as usize]
                .iter()
                .copied()
                .filter(|&atom| self.can_step(state, atom, change))
                .collect();
            if candidates.is_empty() {
                // Only a repair may leave a group changed, and only so many.
                stuck += 1;
                if !self.breakable[group as usize] || stuck > self.max_broken {
                    return false;
                }
                continue;
            }
            if best.as_ref().is_none_or(|(fewest, _, _)| candidates.len() < *fewest) {
                best = Some((candidates.len(), group, candidates));
            }
        }
        let Some((_, group, mut candidates)) = best else {
            return false;
        };
        let change = -state.imbalance[&group].signum();
        // Steps that balance more groups than they unbalance first.
        let score = |atom: u32| -> i64 {
            self.groups_of_atom[atom as usize]
                .iter()
                .filter_map(|&g| self.allowed[g as usize].map(|range| (g, range)))
                .map(|(g, (lowest, highest))| {
                    let now = state.change.get(&g).copied().unwrap_or(0);
                    let outside = |value: i64| (lowest - value).max(value - highest).max(0);
                    outside(now + change) - outside(now)
                })
                .sum()
        };
        candidates.sort_by_key(|&atom| (self.against_hint(atom, change), score(atom), atom));
        for atom in candidates {
            self.step(state, atom, change);
            state.depth += 1;
            let found = self.extend(state, accept);
            state.depth -= 1;
            if found {
                return true;
            }
            self.step(state, atom, -change);
            if state.nodes >= NODE_BUDGET {
                return false;
            }
        }
        false
    }
}

struct State {
    moves: BTreeMap<u32, i64>,
    /// Per constrained group touched, its change.
    change: BTreeMap<u32, i64>,
    /// Per group outside its allowed change, by how much (signed).
    imbalance: BTreeMap<u32, i64>,
    nodes: u32,
    depth: usize,
}
