//! `make bench`, issue #16 part 4 and issue #18 goal 2: the release of the largest region-year at
//! national scale, alone. At 1,000,000 cases over six years, Västra Götaland has about 28,000
//! children in a year; its programme was the one refused as `too_large`. This seeds only that
//! region (the national organisation, volumes by population) for one year into a fresh SQLite
//! database, so the size case takes a minute instead of the whole national benchmark, and prints
//! the protection's figures: atoms, cells, suppressions, programmes, the largest part solved, and
//! the median time of `release::build` over a few runs.
//!
//! Knobs: `ISU_BENCH_RELEASE_CHILDREN` (default 28,000), `ISU_BENCH_RELEASE_REGION` (default
//! `fou-14-vastra-gotaland`), `ISU_BENCH_RELEASE_RUNS` (default 3). `ISU_DISCLOSURE_TRACE=1`
//! prints every programme; `ISU_BENCH_RELEASE_DUMP=FILE` writes the protection problem to FILE
//! (a line of atom counts, then a line per cell: primary, forced, released, cost, its atoms), to
//! time the pure crate on it without a database.

use std::time::{Duration, Instant};

use isu_api::config::DatabaseUrl;
use isu_core::stats::cache::FactCache;
use isu_core::stats::catalogue::Dimension;
use isu_core::stats::release::{self, Protection, ReleaseRequest};
use isu_core::stats::synthetic::{self, Plan, Spread};
use isu_core::stats::{organisation, snapshot};
use isu_disclosure::{self as disclosure, Params};
use isu_store::stats::ScopeRequest;
use isu_store::{self as db, PoolOptions};

const YEAR: i32 = 2024;

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let children = knob("ISU_BENCH_RELEASE_CHILDREN", 28_000);
    let runs = knob("ISU_BENCH_RELEASE_RUNS", 3).max(1);
    let region = std::env::var("ISU_BENCH_RELEASE_REGION").unwrap_or_else(|_| "fou-14-vastra-gotaland".into());

    let dir = tempfile::tempdir().expect("temp dir");
    let url: DatabaseUrl = format!("sqlite:{}", dir.path().join("scale.db").display()).parse().expect("url");
    let pool = db::connect(&url, &PoolOptions::default()).expect("pool");
    let mut conn = pool.get().expect("connection");
    db::prepare(&mut conn).expect("prepare");
    organisation::create(&mut conn, &organisation::national()).expect("organisation");
    let today = chrono::NaiveDate::from_ymd_opt(YEAR, 12, 31).expect("date");
    let plan = Plan { cases: children, first_year: YEAR, last_year: YEAR, seed: 1, today };
    let started = Instant::now();
    synthetic::seed_spread(&mut conn, &plan, Some(&region), Spread::Population).expect("seed");
    let seeded = started.elapsed();

    let scope = ScopeRequest::Region(region.clone());
    let snap = snapshot::load(&mut conn, &scope, (YEAR, YEAR), YEAR, &FactCache::new(0)).expect("load").expect("data");
    let year_position = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).expect("year");
    let protection = Protection::default();
    let request =
        ReleaseRequest { year_position, national: false, protection: &protection, earlier: &[], regional: None };
    let facts = snap.facts();

    println!("\nISU API release at scale: {region}, {children} synthetic children in {YEAR} (seeded in {seeded:.1?}).");
    let problem = release::protection_problem(&snap.catalogue, &facts, &snap.closures, &request);
    let primary = problem.primary.iter().filter(|&&p| p).count();
    println!(
        "| atoms | cells | primary |\n|---|---|---|\n| {} | {} | {primary} |",
        problem.atom_counts.len(),
        problem.cells.len()
    );

    if let Ok(path) = std::env::var("ISU_BENCH_RELEASE_DUMP") {
        dump(&problem, &path);
    }

    // The protection alone, with its report (programmes, largest part).
    let started = Instant::now();
    match disclosure::protect_with_report(&problem, &Params { k: protection.k }) {
        Ok(report) => {
            let c = report.certification;
            println!(
                "\nprotect: {:.2} s (elimination {:.2} s, certification {:.2} s); {} programmes, largest part {} variables; \
                 {} secondary by elimination, {} repairs, {} masked; certificates {} integer, {} fractional",
                started.elapsed().as_secs_f64(),
                report.elimination_time.as_secs_f64(),
                report.certification_time.as_secs_f64(),
                c.linear_programmes,
                c.largest_programme,
                report.secondary_by_elimination,
                c.repairs,
                c.masked,
                c.integer_certificates,
                c.fractional_certificates
            );
        }
        Err(error) => println!("\nprotect: refused after {:.2} s: {error}", started.elapsed().as_secs_f64()),
    }

    // The whole build (atoms, cells, protection, tables), as `POST /v1/releases` runs it.
    let mut times: Vec<Duration> = Vec::new();
    let mut outcome = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let built = release::build(&snap.catalogue, &facts, &snap.closures, &request);
        times.push(started.elapsed());
        outcome = match built {
            Ok(built) => format!(
                "built: {} primary and {} secondary suppressions; {} of {} non-zero counts hidden ({:.1} %)",
                built.suppressed_primary,
                built.suppressed_secondary,
                built.information_loss.hidden_nonzero_counts,
                built.information_loss.nonzero_counts,
                100.0 * built.information_loss.share_hidden
            ),
            Err(error) => format!("refused: {error:?}"),
        };
    }
    times.sort();
    println!(
        "release::build, {runs} runs: median {:.2} s (min {:.2} s, max {:.2} s); {outcome}",
        times[times.len() / 2].as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64()
    );
}

fn dump(problem: &disclosure::ProtectionProblem, path: &str) {
    use std::fmt::Write;
    let mut text = String::new();
    let counts: Vec<String> = problem.atom_counts.iter().map(u64::to_string).collect();
    writeln!(text, "{}", counts.join(" ")).expect("write");
    for (cell, atoms) in problem.cells.iter().enumerate() {
        let flag = |b: bool| u8::from(b);
        write!(
            text,
            "{} {} {} {}",
            flag(problem.primary[cell]),
            flag(problem.forced[cell]),
            flag(problem.released[cell]),
            problem.cost[cell]
        )
        .expect("write");
        for atom in atoms {
            write!(text, " {atom}").expect("write");
        }
        text.push('\n');
    }
    std::fs::write(path, text).expect("dump");
}
