//! A protection problem as plain text, to measure the crate alone on a problem an application
//! built (the API's release bench writes one with `ISU_BENCH_RELEASE_DUMP`; the crate's ignored
//! test `tests/dumped.rs` protects it). Never used by a release.
//!
//! The format: a line of atom counts; a line per cell — primary, forced, released (0 or 1), its
//! cost, then its atoms; and, for a problem whose cells' "≤k−1" ranges are public (a revision's
//! joint problem), a last line `ranges` followed by those cells.

use super::{CertificationStats, ProtectionProblem, Report};

impl ProtectionProblem {
    /// The problem as text, with the cells whose ranges are public (`public_ranges`, one flag per
    /// cell; empty for none).
    pub fn to_text(&self, public_ranges: &[bool]) -> String {
        let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(" ");
        let mut text = join(&mut self.atom_counts.iter().map(u64::to_string));
        text.push('\n');
        for (cell, atoms) in self.cells.iter().enumerate() {
            let flags = [self.primary[cell], self.forced[cell], self.released[cell]].map(|b| u8::from(b).to_string());
            let fields = flags.into_iter().chain([self.cost[cell].to_string()]).chain(atoms.iter().map(u32::to_string));
            text.push_str(&join(&mut fields.into_iter()));
            text.push('\n');
        }
        if public_ranges.contains(&true) {
            let cells = (0..public_ranges.len()).filter(|&c| public_ranges[c]).map(|c| c.to_string());
            text.push_str(&format!("ranges {}\n", cells.collect::<Vec<_>>().join(" ")));
        }
        text
    }

    /// Reads what [`ProtectionProblem::to_text`] wrote: the problem and its public ranges (one
    /// flag per cell).
    pub fn from_text(text: &str) -> Result<(Self, Vec<bool>), String> {
        let numbers = |line: &str| -> Result<Vec<u64>, String> {
            line.split_whitespace().map(|n| n.parse().map_err(|_| format!("not a number: {n:?}"))).collect()
        };
        let mut lines = text.lines();
        let atom_counts = numbers(lines.next().ok_or("no line of atom counts")?)?;
        let mut problem = ProtectionProblem { atom_counts, ..ProtectionProblem::default() };
        let mut ranges = Vec::new();
        for line in lines {
            if let Some(cells) = line.strip_prefix("ranges") {
                ranges = numbers(cells)?;
                continue;
            }
            let fields = numbers(line)?;
            if fields.len() < 4 {
                return Err(format!("a cell's line needs its three flags and its cost: {line:?}"));
            }
            problem.primary.push(fields[0] == 1);
            problem.forced.push(fields[1] == 1);
            problem.released.push(fields[2] == 1);
            problem.cost.push(fields[3]);
            let atoms =
                fields[4..].iter().map(|&atom| u32::try_from(atom).map_err(|_| format!("atom {atom} too large")));
            problem.cells.push(atoms.collect::<Result<_, _>>()?);
        }
        let mut public = vec![false; problem.cells.len()];
        for cell in ranges {
            *public.get_mut(cell as usize).ok_or(format!("ranges name cell {cell}, which does not exist"))? = true;
        }
        Ok((problem, public))
    }
}

impl Report {
    /// One line for a measurement: times, programmes, repairs, and how many cells are hidden.
    pub fn summary(&self) -> String {
        let CertificationStats {
            linear_programmes,
            windowed_programmes,
            windowed_timeouts,
            largest_programme,
            repairs,
            masked,
            integer_certificates,
            fractional_certificates,
            ..
        } = self.certification;
        let hidden = self.statuses.iter().filter(|s| s.is_suppressed()).count();
        format!(
            "elimination {:.2} s, certification {:.2} s; {linear_programmes} programmes ({windowed_programmes} in \
             windows, {windowed_timeouts} of them at their iteration limit), largest part {largest_programme} \
             variables; {} secondary by elimination, {repairs} repairs, {masked} masked; certificates {integer_certificates} integer, {fractional_certificates} fractional; \
             {hidden} of {} cells hidden",
            self.elimination_time.as_secs_f64(),
            self.certification_time.as_secs_f64(),
            self.secondary_by_elimination,
            self.statuses.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ProtectionProblem;

    #[test]
    fn a_problem_reads_back_as_written() {
        let mut problem =
            ProtectionProblem::with_threshold(vec![3, 0, 7, 12], vec![vec![0, 1], vec![2, 3], vec![0, 1, 2, 3]], 5);
        problem.forced[1] = true;
        problem.released[2] = true;
        let public = vec![true, false, false];
        assert_eq!(ProtectionProblem::from_text(&problem.to_text(&public)), Ok((problem.clone(), public)));
        let none = vec![false; 3];
        assert_eq!(ProtectionProblem::from_text(&problem.to_text(&[])), Ok((problem, none)));
    }

    #[test]
    fn a_malformed_problem_is_an_error_not_a_panic() {
        assert!(ProtectionProblem::from_text("").is_err());
        assert!(ProtectionProblem::from_text("1 2\n1 0 0\n").is_err());
        assert!(ProtectionProblem::from_text("1 2\n1 0 0 1 0 x\n").is_err());
        assert!(ProtectionProblem::from_text("1 2\n1 0 0 1 0 1\nranges 4\n").is_err());
    }
}
