//! A measurement, not a test: protects a problem written by the API's release bench
//! (`ISU_BENCH_RELEASE_DUMP=FILE cargo bench -p isu-api --bench release_scale`), so the crate can
//! be timed on a real region-year without a database. The file: a line of atom counts, then a
//! line per cell (primary, forced, released, cost, its atoms), then for a revision's joint
//! problem a line `ranges` with the cells whose range is public.
//!
//! `ISU_DUMPED_PROBLEM=/work/vg.problem.rev5 cargo test --release -p isu-disclosure --test dumped
//! -- --ignored --nocapture`

use isu_disclosure::{protect_public_ranges_with_report, Params, ProtectionProblem};

fn load(path: &str) -> (ProtectionProblem, Vec<bool>) {
    let text = std::fs::read_to_string(path).expect("the dumped problem");
    let mut lines = text.lines();
    let atom_counts: Vec<u64> =
        lines.next().expect("atom counts").split_whitespace().map(|n| n.parse().expect("a count")).collect();
    let mut problem = ProtectionProblem {
        atom_counts,
        cells: Vec::new(),
        primary: Vec::new(),
        forced: Vec::new(),
        released: Vec::new(),
        cost: Vec::new(),
    };
    let mut ranges: Vec<usize> = Vec::new();
    for line in lines {
        if let Some(list) = line.strip_prefix("ranges") {
            ranges = list.split_whitespace().map(|n| n.parse().expect("a cell")).collect();
            continue;
        }
        let fields: Vec<u64> = line.split_whitespace().map(|n| n.parse().expect("a number")).collect();
        problem.primary.push(fields[0] == 1);
        problem.forced.push(fields[1] == 1);
        problem.released.push(fields[2] == 1);
        problem.cost.push(fields[3]);
        problem.cells.push(fields[4..].iter().map(|&atom| atom as u32).collect());
    }
    let mut public = vec![false; problem.cells.len()];
    for cell in ranges {
        public[cell] = true;
    }
    (problem, public)
}

#[test]
#[ignore = "a measurement: needs ISU_DUMPED_PROBLEM, a problem dumped by the API's release bench"]
fn protect_a_dumped_problem() {
    let path = std::env::var("ISU_DUMPED_PROBLEM").expect("ISU_DUMPED_PROBLEM");
    let (problem, public) = load(&path);
    let movable = problem.cells.iter().filter(|c| c.len() > 1).count();
    println!(
        "{path}: {} atoms, {} cells ({movable} with more than one atom), {} public ranges",
        problem.atom_counts.len(),
        problem.cells.len(),
        public.iter().filter(|&&p| p).count()
    );
    let started = std::time::Instant::now();
    match protect_public_ranges_with_report(&problem, &Params::default(), &public) {
        Ok(report) => {
            let c = report.certification;
            let hidden = report.statuses.iter().filter(|s| s.is_suppressed()).count();
            println!(
                "protected in {:.2} s (elimination {:.2} s, certification {:.2} s): {} programmes ({} in windows), \
                 largest part {} variables; {} by elimination, {} repairs, {} masked; {hidden} of {} cells hidden",
                started.elapsed().as_secs_f64(),
                report.elimination_time.as_secs_f64(),
                report.certification_time.as_secs_f64(),
                c.linear_programmes,
                c.windowed_programmes,
                c.largest_programme,
                report.secondary_by_elimination,
                c.repairs,
                c.masked,
                problem.cells.len()
            );
            if let Ok(current) = std::env::var("ISU_DUMPED_CURRENT") {
                let current: usize = current.parse().expect("a number of cells");
                let hidden = report.statuses[..current].iter().filter(|s| s.is_suppressed()).count();
                println!("{hidden} of the new version's {current} cells hidden");
            }
        }
        Err(error) => println!("refused after {:.2} s: {error}", started.elapsed().as_secs_f64()),
    }
}
