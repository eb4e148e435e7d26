//! Information loss of a protected release (issue #16): the share of its non-zero counts that
//! protection hides, per table and over the release. Zeros are left out (a hidden zero costs a
//! reader little), and a figure shown in several tables is one cell of the release: counted once
//! in the release's figure, and once in each table that shows it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use isu_disclosure::{CellStatus, InformationLoss};

/// How much of a release protection hides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = InformationLossSummary)]
pub struct InformationLossSummary {
    /// Distinct non-zero counts of the release (a figure shown in two tables is one count).
    pub nonzero_counts: usize,
    /// Of those, hidden ("≤4" or "..").
    pub hidden_nonzero_counts: usize,
    /// `hidden_nonzero_counts / nonzero_counts`, 0–1, to three decimals; 0 without counts.
    pub share_hidden: f64,
    /// Counts of at least k: what a person applying the "≤k−1" rule by hand would print.
    pub large_counts: usize,
    /// Of those, hidden to protect other figures (secondary suppression).
    pub hidden_large_counts: usize,
    /// `hidden_large_counts / large_counts`, 0–1, to three decimals.
    pub share_of_large_hidden: f64,
    /// The same per table, in the release's table order.
    pub tables: Vec<TableLoss>,
}

/// The information loss of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = TableInformationLoss)]
pub struct TableLoss {
    /// The table's id (as in `tables`).
    pub table: String,
    pub nonzero_counts: usize,
    pub hidden_nonzero_counts: usize,
    pub share_hidden: f64,
    pub large_counts: usize,
    pub hidden_large_counts: usize,
    pub share_of_large_hidden: f64,
}

/// The loss of a release whose count cells have `values` and `statuses` under threshold `k`;
/// `tables` lists each table's id with the cells it shows.
pub fn summarise(
    values: &[u64],
    statuses: &[CellStatus],
    k: u64,
    tables: &[(&str, Vec<usize>)],
) -> InformationLossSummary {
    let rounded = |share: f64| (share * 1000.0).round() / 1000.0;
    let all = InformationLoss::of(values, statuses, k, tables.iter().flat_map(|(_, cells)| cells.iter().copied()));
    InformationLossSummary {
        nonzero_counts: all.nonzero,
        hidden_nonzero_counts: all.hidden,
        share_hidden: rounded(all.share_hidden()),
        large_counts: all.large,
        hidden_large_counts: all.large_hidden,
        share_of_large_hidden: rounded(all.share_of_large_hidden()),
        tables: tables
            .iter()
            .map(|(table, cells)| {
                let loss = InformationLoss::of(values, statuses, k, cells.iter().copied());
                TableLoss {
                    table: (*table).to_string(),
                    nonzero_counts: loss.nonzero,
                    hidden_nonzero_counts: loss.hidden,
                    share_hidden: rounded(loss.share_hidden()),
                    large_counts: loss.large,
                    hidden_large_counts: loss.large_hidden,
                    share_of_large_hidden: rounded(loss.share_of_large_hidden()),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_in_two_tables_counts_once_in_the_release() {
        let values = [12, 3, 0, 9];
        let statuses = [CellStatus::Published, CellStatus::Primary, CellStatus::Secondary, CellStatus::Secondary];
        let loss = summarise(&values, &statuses, 5, &[("a", vec![0, 1, 2]), ("b", vec![0, 1, 3])]);
        assert_eq!((loss.nonzero_counts, loss.hidden_nonzero_counts, loss.share_hidden), (3, 2, 0.667));
        assert_eq!((loss.large_counts, loss.hidden_large_counts, loss.share_of_large_hidden), (2, 1, 0.5));
        assert_eq!((loss.tables[0].nonzero_counts, loss.tables[0].hidden_nonzero_counts), (2, 1));
        assert_eq!((loss.tables[1].nonzero_counts, loss.tables[1].hidden_nonzero_counts), (3, 2));
        assert_eq!(loss.tables[1].share_hidden, 0.667);
    }
}
