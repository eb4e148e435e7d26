//! A measurement, not a test: protects a problem written by the API's release bench
//! (`ISU_BENCH_RELEASE_DUMP=FILE cargo bench -p isu-api --bench release_scale`), so the crate can
//! be timed on a real region-year without a database. The format: `ProtectionProblem::to_text`.
//!
//! `ISU_DUMPED_PROBLEM=/work/vg.problem.rev5 cargo test --release -p isu-disclosure --test dumped
//! -- --ignored --nocapture`

use isu_disclosure::{protect_public_ranges_with_report, Params, ProtectionProblem};

#[test]
#[ignore = "a measurement: needs ISU_DUMPED_PROBLEM, a problem dumped by the API's release bench"]
fn protect_a_dumped_problem() {
    let path = std::env::var("ISU_DUMPED_PROBLEM").expect("ISU_DUMPED_PROBLEM");
    let text = std::fs::read_to_string(&path).expect("the dumped problem");
    let (problem, public) = ProtectionProblem::from_text(&text).expect("a problem as `to_text` writes it");
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
            println!("protected in {:.2} s ({})", started.elapsed().as_secs_f64(), report.summary());
            if let Ok(current) = std::env::var("ISU_DUMPED_CURRENT") {
                let current: usize = current.parse().expect("a number of cells");
                let hidden = report.statuses[..current].iter().filter(|s| s.is_suppressed()).count();
                println!("{hidden} of the new version's {current} cells hidden");
            }
        }
        Err(error) => println!("refused after {:.2} s: {error}", started.elapsed().as_secs_f64()),
    }
}
