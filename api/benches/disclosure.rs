//! `make bench`, disclosure control (issue #16): the information loss of a realistic region-year
//! release (300 synthetic children in three municipalities of one region, the report's table
//! set), per table and overall, and how long protecting it takes. Quick: a few seconds. The
//! share of non-zero counts hidden is what protection costs a reader of the yearly report.

use std::time::Instant;

use isu_api::config::DatabaseUrl;
use isu_core::stats::cache::FactCache;
use isu_core::stats::catalogue::Dimension;
use isu_core::stats::release::{self, Protection, ReleaseRequest};
use isu_core::stats::snapshot;
use isu_core::stats::synthetic::{self, Plan};
use isu_store::stats::ScopeRequest;
use isu_store::{self as db, PoolOptions};

const YEAR: i32 = 2024;
const REGION: &str = "fou-nordvast";
const MUNICIPALITIES: [&str; 3] = ["0123", "0163", "0183"];
const CHILDREN: usize = 300;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url: DatabaseUrl = format!("sqlite:{}", dir.path().join("loss.db").display()).parse().expect("url");
    let pool = db::connect(&url, &PoolOptions::default()).expect("pool");
    let mut conn = pool.get().expect("connection");
    db::prepare(&mut conn).expect("prepare");
    let today = chrono::NaiveDate::from_ymd_opt(YEAR, 12, 31).expect("date");
    let plan = Plan { cases: CHILDREN, first_year: YEAR, last_year: YEAR, seed: 16, today };
    synthetic::seed_municipalities(&mut conn, &plan, &MUNICIPALITIES.map(String::from), synthetic::Spread::Even)
        .expect("seed");

    let scope = ScopeRequest::Region(REGION.into());
    let snap = snapshot::load(&mut conn, &scope, (YEAR, YEAR), YEAR, &FactCache::new(0)).expect("load").expect("data");
    let year_position = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).expect("year");
    let protection = Protection::default();
    let request =
        ReleaseRequest { year_position, national: false, protection: &protection, earlier: &[], regional: None };
    let started = Instant::now();
    let built = release::build(&snap.catalogue, &snap.facts(), &snap.closures, &request).expect("release");
    let elapsed = started.elapsed();

    let loss = &built.information_loss;
    println!("\nISU API disclosure benchmark: the release of a realistic region-year ({CHILDREN} children in three municipalities of {REGION}, {YEAR}).");
    println!(
        "Protected in {:.2} s: {} atoms, {} cells, {} primary and {} secondary suppressions.",
        elapsed.as_secs_f64(),
        built.atoms,
        built.cells,
        built.suppressed_primary,
        built.suppressed_secondary
    );
    println!(
        "\n## Information loss\nNon-zero counts hidden (\"≤4\" or \"..\"), and counts of at least k hidden to protect others \
         (what suppression costs beyond the \"≤4\" rule a person would apply by hand).\n\
         | table | non-zero counts | hidden | share | counts ≥ k | hidden | share |\n|---|---|---|---|---|---|---|"
    );
    let row = |name: &str, nonzero, hidden, share: f64, large, large_hidden, large_share: f64| {
        println!(
            "| {name} | {nonzero} | {hidden} | {:.1} % | {large} | {large_hidden} | {:.1} % |",
            100.0 * share,
            100.0 * large_share
        )
    };
    for t in &loss.tables {
        row(
            &t.table,
            t.nonzero_counts,
            t.hidden_nonzero_counts,
            t.share_hidden,
            t.large_counts,
            t.hidden_large_counts,
            t.share_of_large_hidden,
        );
    }
    row(
        "**release** (each count once)",
        loss.nonzero_counts,
        loss.hidden_nonzero_counts,
        loss.share_hidden,
        loss.large_counts,
        loss.hidden_large_counts,
        loss.share_of_large_hidden,
    );
}
