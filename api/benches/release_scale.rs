//! `make bench`, issue #16 part 4 and issue #18 goal 2: the release of the largest region-year at
//! national scale, alone. At 1,000,000 cases over six years, Västra Götaland has about 28,000
//! children in a year; its programme was the one refused as `too_large`. This seeds only that
//! region (the national organisation, volumes by population) for one year into a fresh SQLite
//! database, so the size case takes a minute instead of the whole national benchmark, and prints
//! the protection's figures: atoms, cells, suppressions, programmes, the largest part solved, and
//! the median time of `release::build` over a few runs.
//!
//! Knobs: `ISU_BENCH_RELEASE_CHILDREN` (default 28,000; `national`: the region's share by
//! population of the national benchmark's 1,000,000 cases over six years, as `make bench` seeds
//! it), `ISU_BENCH_RELEASE_REGION` (default `fou-14-vastra-gotaland`; a comma-separated list, or
//! `all`, runs each region in turn, smallest first, each in a fresh database; `list` prints every
//! region with its children at national scale and stops), `ISU_BENCH_RELEASE_RUNS` (default 3).
//! `ISU_DISCLOSURE_TRACE=1` prints every programme; `ISU_BENCH_RELEASE_DUMP=FILE` writes the
//! protection problem to FILE (FILE.<region> with several regions; a line of atom counts, then a
//! line per cell: primary, forced, released, cost, its atoms), to time the pure crate on it
//! without a database. The regions seeded alone are not the national benchmark's data (another
//! draw of the same distribution), so a programme seen there is found here only by its kind.
//!
//! Revisions (issue #16 part 4 again: the national release first builds a new version of every
//! regional release that is out of date, protected together with the earlier one):
//! `ISU_BENCH_RELEASE_REVISION=5,20` builds the first version once, then adds 5 records to the
//! region (then 15 more, 20 in all) and builds each new version against the first, printing the
//! joint problem's size, the protection's figures (time, programmes, largest part, hidden cells of
//! the new version) or the refusal. With `ISU_BENCH_RELEASE_DUMP=FILE` each joint problem goes to
//! `FILE.rev<N>` (the format above, then a line `ranges` and the cells whose range is public);
//! `ISU_BENCH_RELEASE_REVISION_BUILD=1` also times `release::build` of each new version.

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

/// The national benchmark's volume (`make bench`): 1,000,000 cases over six years.
const NATIONAL_CASES: usize = 1_000_000;
const NATIONAL_YEARS: usize = 6;

fn main() {
    let runs = knob("ISU_BENCH_RELEASE_RUNS", 3).max(1);
    let asked = std::env::var("ISU_BENCH_RELEASE_REGION").unwrap_or_else(|_| "fou-14-vastra-gotaland".into());
    let sizes = national_sizes();
    let regions: Vec<String> = match asked.as_str() {
        "list" => {
            println!("\n| region | children a year at national scale |\n|---|---|");
            for (region, children) in &sizes {
                println!("| {region} | {children} |");
            }
            return;
        }
        "all" => sizes.iter().map(|(region, _)| region.clone()).collect(),
        list => list.split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect(),
    };
    let several = regions.len() > 1;
    for region in regions {
        // With several regions each writes its own problem: FILE.<region>(.rev<N>).
        let dump =
            std::env::var("ISU_BENCH_RELEASE_DUMP")
                .ok()
                .map(|path| if several { format!("{path}.{region}") } else { path });
        let children = match std::env::var("ISU_BENCH_RELEASE_CHILDREN").ok().as_deref() {
            Some("national") => sizes
                .iter()
                .find(|(r, _)| *r == region)
                .map(|&(_, children)| children)
                .unwrap_or_else(|| panic!("{region} is not a region of the national organisation")),
            Some(number) => number.parse().expect("ISU_BENCH_RELEASE_CHILDREN: a number or `national`"),
            None => 28_000,
        };
        run(&region, children, runs, dump.as_deref());
    }
}

/// A fresh SQLite database in a temporary directory (dropped with it) with the built-in national
/// organisation.
fn national_database() -> (tempfile::TempDir, db::Pool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url: DatabaseUrl = format!("sqlite:{}", dir.path().join("scale.db").display()).parse().expect("url");
    let pool = db::connect(&url, &PoolOptions::default()).expect("pool");
    let mut conn = pool.get().expect("connection");
    db::prepare(&mut conn).expect("prepare");
    organisation::create(&mut conn, &organisation::national()).expect("organisation");
    drop(conn);
    (dir, pool)
}

/// Every region of the national organisation with its children in a year at national scale
/// ([`NATIONAL_CASES`] over [`NATIONAL_YEARS`], split by population as the seeding splits them),
/// smallest first.
fn national_sizes() -> Vec<(String, usize)> {
    let (_dir, pool) = national_database();
    let mut conn = pool.get().expect("connection");
    let regions = isu_store::organisation::list_regions(&mut conn).expect("regions");
    let population =
        |codes: &mut dyn Iterator<Item = &str>| codes.map(|c| u64::from(organisation::population(c))).sum::<u64>();
    let total = population(&mut regions.iter().flat_map(|r| r.municipalities.iter().map(|m| m.code.as_str())));
    let per_year = (NATIONAL_CASES / NATIONAL_YEARS) as u64;
    let mut sizes: Vec<(String, usize)> = regions
        .iter()
        .map(|r| {
            let own = population(&mut r.municipalities.iter().map(|m| m.code.as_str()));
            (r.id.clone(), ((per_year * own + total / 2) / total.max(1)) as usize)
        })
        .collect();
    sizes.sort_by_key(|(region, children)| (*children, region.clone()));
    sizes
}

/// Seeds `children` into `region` alone (a fresh database) and measures its release (or, with
/// `ISU_BENCH_RELEASE_REVISION`, its first version and revisions).
fn run(region: &str, children: usize, runs: usize, dump: Option<&str>) {
    let region = region.to_string();

    let (_dir, pool) = national_database();
    let mut conn = pool.get().expect("connection");
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

    if let Some(path) = dump {
        std::fs::write(path, problem.to_text(&[])).expect("dump");
    }

    let revisions: Vec<usize> = std::env::var("ISU_BENCH_RELEASE_REVISION")
        .map(|list| list.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default();
    if !revisions.is_empty() {
        let started = Instant::now();
        let first = release::build(&snap.catalogue, &facts, &snap.closures, &request).expect("the first version");
        println!(
            "first version: {:.2} s; {} primary and {} secondary suppressions",
            started.elapsed().as_secs_f64(),
            first.suppressed_primary,
            first.suppressed_secondary
        );
        drop(facts);
        revise(&mut conn, &region, &first.pattern, &revisions, &protection, dump);
        return;
    }

    // The protection alone, with its report (programmes, largest part).
    let started = Instant::now();
    match disclosure::protect_with_report(&problem, &Params { k: protection.k }) {
        Ok(report) => println!("\nprotect: {:.2} s ({})", started.elapsed().as_secs_f64(), report.summary()),
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

/// Adds records to the region up to each of `added` in turn (a new seed per step, so the records
/// are new) and builds the next version against `first`, printing what its protection did.
fn revise(
    conn: &mut isu_store::DbConnection,
    region: &str,
    first: &release::SuppressionPattern,
    added: &[usize],
    protection: &Protection,
    dump: Option<&str>,
) {
    let today = chrono::NaiveDate::from_ymd_opt(YEAR, 12, 31).expect("date");
    let mut so_far = 0;
    for (step, &total) in added.iter().enumerate() {
        let more = total.saturating_sub(so_far);
        let plan = Plan { cases: more, first_year: YEAR, last_year: YEAR, seed: 1_000 + step as u64, today };
        synthetic::seed_spread(conn, &plan, Some(region), Spread::Population).expect("seed the change");
        so_far += more;

        let scope = ScopeRequest::Region(region.to_string());
        let snap = snapshot::load(conn, &scope, (YEAR, YEAR), YEAR, &FactCache::new(0)).expect("load").expect("data");
        let year_position = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).expect("year");
        let earlier = [first.clone()];
        let request = ReleaseRequest { year_position, national: false, protection, earlier: &earlier, regional: None };
        let facts = snap.facts();
        let Some((joint, public_ranges, current_cells)) =
            release::revision_problem(&snap.catalogue, &facts, &snap.closures, &request)
        else {
            println!("\nrevision with {so_far} records added: no joint problem");
            continue;
        };
        let movable = joint.cells.iter().filter(|c| c.len() > 1).count();
        println!(
            "\nrevision with {so_far} records added: joint problem of {} atoms and {} cells ({} of the new version, {movable} with more than one atom)",
            joint.atom_counts.len(),
            joint.cells.len(),
            current_cells
        );
        if let Some(path) = dump {
            std::fs::write(format!("{path}.rev{so_far}"), joint.to_text(&public_ranges)).expect("dump");
        }
        let started = Instant::now();
        match disclosure::protect_public_ranges_with_report(&joint, &Params { k: protection.k }, &public_ranges) {
            Ok(report) => {
                let hidden = report.statuses[..current_cells].iter().filter(|s| s.is_suppressed()).count();
                println!(
                    "protect: {:.2} s ({}); {hidden} of the new version's {current_cells} cells hidden",
                    started.elapsed().as_secs_f64(),
                    report.summary()
                );
            }
            Err(error) => println!("protect: refused after {:.2} s: {error}", started.elapsed().as_secs_f64()),
        }
        if std::env::var_os("ISU_BENCH_RELEASE_REVISION_BUILD").is_none() {
            continue;
        }
        let started = Instant::now();
        match release::build(&snap.catalogue, &facts, &snap.closures, &request) {
            Ok(built) => println!(
                "release::build of the new version: {:.2} s; {} primary and {} secondary suppressions",
                started.elapsed().as_secs_f64(),
                built.suppressed_primary,
                built.suppressed_secondary
            ),
            Err(error) => println!(
                "release::build of the new version: refused after {:.2} s: {error:?}",
                started.elapsed().as_secs_f64()
            ),
        }
    }
}
