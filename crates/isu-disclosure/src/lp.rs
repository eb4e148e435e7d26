//! The linear programmes of certification, solved by HiGHS (dual simplex, C++, built from the
//! sources bundled with the `highs-sys` crate; decision 0010). Before HiGHS sees a programme it
//! is made small, since simplex time grows much faster than its size:
//! - a zero-sum row with a single free variable pins that variable to 0, which may leave another
//!   row with a single free variable, and so on;
//! - the rest splits into independent parts (variables linked by rows), each solved on its own;
//! - a part with nothing to optimise, feasible at 0 (every row holds at the true counts), is left
//!   at 0 without a solve.
//!
//! Effort is bounded deterministically, by the size of a programme (the caller's limit on
//! variables) and by simplex iterations ([`SIMPLEX_ITERATION_LIMIT`]), HiGHS runs on one thread,
//! so the same input always gets the same answer however loaded the machine is; the wall clock
//! is only a safety net ([`SAFETY_TIME_LIMIT`]) far above any programme measured.
//!
//! The caller never trusts the answer as it stands: it re-checks every point.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sense {
    Minimise,
    Maximise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    Equal,
    AtMost,
    AtLeast,
}

pub(super) type Terms = Vec<(usize, f64)>;

/// A linear programme in the shape certification needs: bounded variables (0 within bounds) and
/// sparse rows.
pub(super) struct Model {
    sense: Sense,
    objective: Vec<f64>,
    bounds: Vec<(f64, f64)>,
    rows: Vec<(Terms, Relation, f64)>,
}

/// Size of what was solved, for reports.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Effort {
    pub largest_part: usize,
    /// Simplex iterations over every part solved.
    pub iterations: u64,
    /// A part hit its iteration limit or [`SAFETY_TIME_LIMIT`]: no answer, which is not
    /// "infeasible".
    pub timed_out: bool,
}

/// The deterministic bound on one part's work for a programme over every movable atom: far above
/// what any programme the variable limit admits has needed (HiGHS: at most about 2,100 on the
/// national benchmark's largest regions and revisions; microlp, the solver before it, needed up
/// to 168,755), so reaching it means a stalled simplex, and the release is refused as too large
/// rather than left running. The same input reaches it on every machine. Programmes over a window
/// of the release get a smaller limit from their caller (`certify.rs`).
pub(super) const SIMPLEX_ITERATION_LIMIT: i32 = 1_000_000;

/// A safety net behind [`SIMPLEX_ITERATION_LIMIT`], not a bound the certification relies on: a
/// part reaching it is a solver fault, not a large input.
pub(super) const SAFETY_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

impl Model {
    pub(super) fn new(sense: Sense) -> Self {
        Self { sense, objective: Vec::new(), bounds: Vec::new(), rows: Vec::new() }
    }

    /// A variable with its objective coefficient and bounds `lower ≤ 0 ≤ upper`.
    pub(super) fn add_var(&mut self, objective: f64, (lower, upper): (f64, f64)) -> usize {
        debug_assert!(lower <= 0.0 && 0.0 <= upper);
        self.objective.push(objective);
        self.bounds.push((lower, upper));
        self.objective.len() - 1
    }

    pub(super) fn variables(&self) -> usize {
        self.objective.len()
    }

    /// Replaces the objective: minimise `terms` (variables not named get 0).
    pub(super) fn minimise(&mut self, terms: &[(usize, f64)]) {
        self.sense = Sense::Minimise;
        self.objective.iter_mut().for_each(|coefficient| *coefficient = 0.0);
        for &(variable, coefficient) in terms {
            self.objective[variable] += coefficient;
        }
    }

    pub(super) fn add_constraint(&mut self, terms: Terms, relation: Relation, rhs: f64) {
        self.rows.push((terms, relation, rhs));
    }

    /// An optimal point, or `None` if the programme is infeasible or a part ran past
    /// `iteration_limit` simplex iterations (then `effort.timed_out`). The limit holds per part.
    pub(super) fn solve(&self, effort: &mut Effort, iteration_limit: i32) -> Option<Vec<f64>> {
        let n = self.objective.len();
        let pinned = self.pinned_at_zero();
        let mut part = UnionFind::new(n);
        for (terms, _, _) in &self.rows {
            let mut free = terms.iter().map(|&(v, _)| v).filter(|&v| !pinned[v]);
            if let Some(first) = free.next() {
                for other in free {
                    part.union(first, other);
                }
            }
        }
        let mut members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
        for variable in (0..n).filter(|&v| !pinned[v]) {
            members.entry(part.find(variable)).or_default().push(variable);
        }
        let mut rows_of_part: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
        for (index, (terms, relation, rhs)) in self.rows.iter().enumerate() {
            match terms.iter().map(|&(v, _)| v).find(|&v| !pinned[v]) {
                Some(variable) => rows_of_part.entry(part.find(variable)).or_default().push(index),
                None if !holds(*relation, 0.0, *rhs) => return None,
                None => {}
            }
        }

        let mut point = vec![0.0; n];
        for (root, variables) in &members {
            let rows = rows_of_part.get(root).map(Vec::as_slice).unwrap_or_default();
            let idle = variables.iter().all(|&v| self.objective[v] == 0.0)
                && rows.iter().all(|&r| holds(self.rows[r].1, 0.0, self.rows[r].2));
            if idle {
                continue;
            }
            effort.largest_part = effort.largest_part.max(variables.len());
            let mut problem = highs::RowProblem::default();
            let columns: std::collections::HashMap<usize, highs::Col> = variables
                .iter()
                .map(|&v| {
                    let (lower, upper) = self.bounds[v];
                    (v, problem.add_column(self.objective[v], lower..=upper))
                })
                .collect();
            for &r in rows {
                let (terms, relation, rhs) = &self.rows[r];
                let row: Vec<(highs::Col, f64)> = terms
                    .iter()
                    .filter_map(|&(v, coefficient)| columns.get(&v).map(|&col| (col, coefficient)))
                    .collect();
                match relation {
                    Relation::Equal => problem.add_row(*rhs..=*rhs, &row),
                    Relation::AtMost => problem.add_row(..=*rhs, &row),
                    Relation::AtLeast => problem.add_row(*rhs.., &row),
                }
            }
            let mut model = problem.optimise(match self.sense {
                Sense::Minimise => highs::Sense::Minimise,
                Sense::Maximise => highs::Sense::Maximise,
            });
            model.make_quiet();
            // One thread and iterations, not the wall clock, as the bound: the same programme
            // always takes the same path, so the same release gets the same answer however loaded
            // the machine is. No presolve: the programme was reduced above, HiGHS measured faster
            // without it (decision 0010), and the iteration limit then bounds all of its work.
            model.set_option("threads", 1);
            model.set_option("presolve", "off");
            model.set_option("simplex_iteration_limit", iteration_limit);
            model.set_option("time_limit", SAFETY_TIME_LIMIT.as_secs_f64());
            let solved = model.solve();
            effort.iterations += u64::try_from(solved.simplex_iteration_count()).unwrap_or_default();
            match solved.status() {
                highs::HighsModelStatus::Optimal => {}
                highs::HighsModelStatus::Infeasible
                | highs::HighsModelStatus::UnboundedOrInfeasible
                | highs::HighsModelStatus::Unbounded => return None,
                _ => {
                    effort.timed_out = true;
                    return None;
                }
            }
            let solution = solved.get_solution();
            for (&v, &col) in &columns {
                point[v] = solution[col];
            }
        }
        Some(point)
    }

    /// Variables a zero-sum equality pins to 0 because every other variable in it is pinned.
    fn pinned_at_zero(&self) -> Vec<bool> {
        let n = self.objective.len();
        let mut pinned = vec![false; n];
        let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut free_count: Vec<usize> = Vec::with_capacity(self.rows.len());
        for (index, (terms, _, _)) in self.rows.iter().enumerate() {
            for &(v, _) in terms {
                rows_of[v].push(index);
            }
            free_count.push(terms.len());
        }
        let is_zero_sum = |index: usize| self.rows[index].1 == Relation::Equal && self.rows[index].2 == 0.0;
        let mut queue: Vec<usize> = (0..self.rows.len()).filter(|&r| is_zero_sum(r) && free_count[r] == 1).collect();
        while let Some(row) = queue.pop() {
            let Some(&(variable, _)) = self.rows[row].0.iter().find(|&&(v, _)| !pinned[v]) else {
                continue;
            };
            pinned[variable] = true;
            for &other in &rows_of[variable] {
                free_count[other] -= 1;
                if free_count[other] == 1 && is_zero_sum(other) {
                    queue.push(other);
                }
            }
        }
        pinned
    }
}

fn holds(relation: Relation, value: f64, rhs: f64) -> bool {
    match relation {
        Relation::Equal => value == rhs,
        Relation::AtMost => value <= rhs,
        Relation::AtLeast => value >= rhs,
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        Self { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}
