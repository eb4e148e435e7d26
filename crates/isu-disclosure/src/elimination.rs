//! Incremental Gaussian elimination over GF(p): a growing basis of published vectors and the
//! residuals of the vectors that must stay outside its span.
//!
//! Invariants (they make the residual of a vector canonical, so "derivable" is "residual is zero"):
//! - pivot row `i` is 1 at its pivot column and 0 at the pivot columns of rows `0..i`;
//! - every protected residual is 0 at every pivot column.
//!
//! Reducing a new vector in pivot insertion order then leaves it 0 at every pivot column: row `i`
//! can only fill columns of later pivots, which are eliminated afterwards. No back-substitution is
//! needed, and adding a pivot only touches the protected residuals that are nonzero at its column.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::field;

/// A sparse vector over GF(p): (column, nonzero value), sorted by column.
pub(super) type SparseRow = Vec<(u32, u64)>;

const NO_PIVOT: u32 = u32::MAX;

pub(super) struct Elimination {
    pivot_rows: Vec<SparseRow>,
    pivot_columns: Vec<u32>,
    /// Column → index of the pivot row owning it, or `NO_PIVOT`.
    pivot_of_column: Vec<u32>,
    protected: Vec<SparseRow>,
    /// Column → protected residuals that may be nonzero there. Lazy: entries are checked on use,
    /// so a residual that lost the column leaves a stale entry rather than forcing a removal.
    protected_at_column: Vec<Vec<u32>>,
    /// Dense scratch for reducing one vector; all zero between calls.
    scratch: Vec<u64>,
    scratch_touched: Vec<u32>,
    /// Per protected residual: the stamp of the last pivot that visited it (deduplicates the lazy index).
    visit_stamp: Vec<u64>,
    stamp: u64,
}

/// What a tentative publication changed, so that it can be undone.
struct UndoLog {
    first_new_pivot: usize,
    replaced_residuals: Vec<(u32, SparseRow)>,
}

impl Elimination {
    pub(super) fn new(columns: usize) -> Self {
        Self {
            pivot_rows: Vec::new(),
            pivot_columns: Vec::new(),
            pivot_of_column: vec![NO_PIVOT; columns],
            protected: Vec::new(),
            protected_at_column: vec![Vec::new(); columns],
            scratch: vec![0; columns],
            scratch_touched: Vec::new(),
            visit_stamp: Vec::new(),
            stamp: 0,
        }
    }

    /// Adds a vector that must stay underivable. Returns `false` (and adds nothing) when it is
    /// already in the span of the published vectors.
    pub(super) fn protect(&mut self, vector: &SparseRow) -> bool {
        let residual = self.reduce(vector);
        if residual.is_empty() {
            return false;
        }
        let id = self.protected.len() as u32;
        for &(column, _) in &residual {
            self.protected_at_column[column as usize].push(id);
        }
        self.protected.push(residual);
        self.visit_stamp.push(0);
        true
    }

    /// Publishes all `vectors` together if that leaves every protected vector underivable;
    /// otherwise changes nothing and returns `false`.
    pub(super) fn try_publish(&mut self, vectors: &[SparseRow]) -> bool {
        let mut log = UndoLog { first_new_pivot: self.pivot_rows.len(), replaced_residuals: Vec::new() };
        for vector in vectors {
            let residual = self.reduce(vector);
            if residual.is_empty() {
                continue; // already derivable from what is published: adds no information
            }
            if !self.add_pivot(residual, &mut log) {
                self.undo(log);
                return false;
            }
        }
        // Committed: no residual is nonzero at a pivot column any more, drop those index lists.
        for &column in &self.pivot_columns[log.first_new_pivot..] {
            self.protected_at_column[column as usize] = Vec::new();
        }
        true
    }

    /// Adds `residual` as a pivot row and eliminates its column from the protected residuals.
    /// Returns `false` as soon as one of them becomes zero (it would be derivable).
    fn add_pivot(&mut self, mut residual: SparseRow, log: &mut UndoLog) -> bool {
        let (position, column) = self.choose_pivot(&residual);
        let scale = field::inv(residual[position].1);
        for entry in &mut residual {
            entry.1 = field::mul(entry.1, scale);
        }
        let rank = self.pivot_rows.len() as u32;
        self.pivot_of_column[column as usize] = rank;
        self.pivot_columns.push(column);

        self.stamp += 1;
        let candidates = self.protected_at_column[column as usize].clone();
        for id in candidates {
            let slot = id as usize;
            if self.visit_stamp[slot] == self.stamp {
                continue;
            }
            self.visit_stamp[slot] = self.stamp;
            let Some(factor) = value_at(&self.protected[slot], column) else {
                continue; // stale index entry
            };
            let updated = subtract_multiple(&self.protected[slot], factor, &residual);
            for &(new_column, _) in &updated {
                if value_at(&self.protected[slot], new_column).is_none() {
                    self.protected_at_column[new_column as usize].push(id);
                }
            }
            let became_zero = updated.is_empty();
            let previous = std::mem::replace(&mut self.protected[slot], updated);
            log.replaced_residuals.push((id, previous));
            if became_zero {
                self.pivot_rows.push(residual);
                return false;
            }
        }
        self.pivot_rows.push(residual);
        true
    }

    /// The pivot column: the one touching the fewest protected residuals, so that each publication
    /// rewrites as few of them as possible; ties go to the lowest column for determinism.
    fn choose_pivot(&self, residual: &SparseRow) -> (usize, u32) {
        residual
            .iter()
            .enumerate()
            .min_by_key(|(_, &(column, _))| (self.protected_at_column[column as usize].len(), column))
            .map(|(position, &(column, _))| (position, column))
            .expect("a pivot is only chosen from a nonzero residual")
    }

    fn undo(&mut self, log: UndoLog) {
        for (id, previous) in log.replaced_residuals.into_iter().rev() {
            self.protected[id as usize] = previous;
        }
        for column in self.pivot_columns.drain(log.first_new_pivot..) {
            self.pivot_of_column[column as usize] = NO_PIVOT;
        }
        self.pivot_rows.truncate(log.first_new_pivot);
    }

    /// The canonical residual of `vector` modulo the published span (0 at every pivot column).
    fn reduce(&mut self, vector: &SparseRow) -> SparseRow {
        let mut pending: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
        for &(column, value) in vector {
            self.accumulate(column, value);
            let rank = self.pivot_of_column[column as usize];
            if rank != NO_PIVOT {
                pending.push(Reverse(rank));
            }
        }
        // Pivot rows are applied in insertion order; a row fills only later pivots' columns.
        while let Some(Reverse(rank)) = pending.pop() {
            let column = self.pivot_columns[rank as usize];
            let factor = self.scratch[column as usize];
            if factor == 0 {
                continue; // already eliminated (a rank can be queued more than once)
            }
            let minus_factor = field::neg(factor);
            for index in 0..self.pivot_rows[rank as usize].len() {
                let (other, value) = self.pivot_rows[rank as usize][index];
                self.accumulate(other, field::mul(minus_factor, value));
                let other_rank = self.pivot_of_column[other as usize];
                if other_rank != NO_PIVOT && other_rank > rank {
                    pending.push(Reverse(other_rank));
                }
            }
        }
        let mut residual = SparseRow::new();
        for &column in &self.scratch_touched {
            let value = std::mem::take(&mut self.scratch[column as usize]);
            if value != 0 {
                residual.push((column, value));
            }
        }
        self.scratch_touched.clear();
        residual.sort_unstable_by_key(|&(column, _)| column);
        residual
    }

    fn accumulate(&mut self, column: u32, value: u64) {
        let slot = &mut self.scratch[column as usize];
        if *slot == 0 {
            // May record a column twice if it cancels to zero and refills; harmless, read once.
            self.scratch_touched.push(column);
        }
        *slot = field::add(*slot, value);
    }
}

fn value_at(row: &SparseRow, column: u32) -> Option<u64> {
    row.binary_search_by_key(&column, |&(c, _)| c).ok().map(|index| row[index].1)
}

/// `row − factor · pivot`, dropping zeros.
fn subtract_multiple(row: &SparseRow, factor: u64, pivot: &SparseRow) -> SparseRow {
    let mut out = SparseRow::with_capacity(row.len() + pivot.len());
    let (mut i, mut j) = (0, 0);
    while i < row.len() || j < pivot.len() {
        let take_row = j == pivot.len() || (i < row.len() && row[i].0 < pivot[j].0);
        let take_pivot = i == row.len() || (j < pivot.len() && pivot[j].0 < row[i].0);
        let (column, value) = if take_row {
            i += 1;
            row[i - 1]
        } else if take_pivot {
            j += 1;
            (pivot[j - 1].0, field::neg(field::mul(factor, pivot[j - 1].1)))
        } else {
            i += 1;
            j += 1;
            (row[i - 1].0, field::sub(row[i - 1].1, field::mul(factor, pivot[j - 1].1)))
        };
        if value != 0 {
            out.push((column, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones(columns: &[u32]) -> SparseRow {
        columns.iter().map(|&c| (c, 1)).collect()
    }

    #[test]
    fn publishing_a_total_and_one_part_discloses_the_other_part() {
        let mut elimination = Elimination::new(2);
        assert!(elimination.protect(&ones(&[0])));
        assert!(elimination.try_publish(&[ones(&[0, 1])]));
        assert!(!elimination.try_publish(&[ones(&[1])]), "total − part = protected part");
    }

    #[test]
    fn a_refused_publication_leaves_no_trace() {
        let mut elimination = Elimination::new(3);
        assert!(elimination.protect(&ones(&[0])));
        assert!(!elimination.try_publish(&[ones(&[1, 2]), ones(&[0, 1, 2])]));
        // Had the refused batch left its first pivot behind, this would now disclose cell 0.
        assert!(elimination.try_publish(&[ones(&[0, 1, 2])]));
    }

    #[test]
    fn a_two_way_table_needs_a_rectangle() {
        // 2×2 inner cells a b / c d (columns 0..4), margins published; protecting a alone fails.
        let mut elimination = Elimination::new(4);
        assert!(elimination.protect(&ones(&[0])));
        for margin in [[0, 1], [2, 3], [0, 2], [1, 3]] {
            assert!(elimination.try_publish(&[ones(&margin)]));
        }
        for inner in 1..4 {
            assert!(!elimination.try_publish(&[ones(&[inner])]));
        }
    }
}
