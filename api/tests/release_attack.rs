//! The attacker test on releases built from stored records: for every release produced from
//! random and adversarial data (tiny municipalities, one-child categories, a dominating
//! category), the attacker solves min and max of every suppressed count; at least two integer
//! values must remain possible and the truth must lie between them. Also a revision against the
//! hidden cells of its previous version. Both backends: the records go through the real storage.

#[path = "support/attacker.rs"]
mod attacker;
mod common;

use chrono::NaiveDate;
use common::{Backend, TestDb};
use isu_api::db::stats::ScopeRequest;
use isu_api::disclosure::CellStatus;
use isu_api::stats::cache::FactCache;
use isu_api::stats::catalogue::Dimension;
use isu_api::stats::release::{self, Protection, ReleaseRequest};
use isu_api::stats::snapshot;
use isu_api::stats::synthetic::{self, Plan};

const YEAR: i32 = 2024;

fn build(db: &TestDb, scope: &ScopeRequest, previous: Option<&release::Pattern>) -> release::Built {
    let mut conn = db.pool().get().unwrap();
    let snap = snapshot::load(&mut conn, scope, (YEAR, YEAR), YEAR, &FactCache::new(0)).unwrap().unwrap();
    let year_position = snap.catalogue.position(Dimension::Year, &YEAR.to_string()).unwrap();
    let request = ReleaseRequest {
        year_position,
        national: *scope == ScopeRequest::National,
        protection: &Protection::default(),
        previous,
    };
    release::build(&snap.catalogue, &snap.facts(), &snap.closures, &request).unwrap()
}

fn seed(db: &TestDb, region: &str, cases: usize, seed: u64) {
    let today = NaiveDate::from_ymd_opt(YEAR, 12, 31).unwrap();
    let plan = Plan { cases, first_year: YEAR, last_year: YEAR, seed, today };
    synthetic::seed(&mut db.pool().get().unwrap(), &plan, Some(region)).unwrap();
}

fn attack_all(built: &release::Built, context: &str) {
    let hidden = built.statuses.iter().filter(|s| **s != CellStatus::Published).count();
    assert!(hidden > 0, "{context}: small data must hide something");
    attacker::assert_nothing_pinned(&built.problem, &built.statuses, Protection::default().k);
    // The representation agrees with the problem: hidden counts are never 1..k−1 published.
    for (value, status) in built.problem.cell_values().iter().zip(&built.statuses) {
        if *status == CellStatus::Published {
            assert!(*value == 0 || *value >= 5, "{context}: a small count {value} is published");
        }
    }
}

/// Random small regions: many municipalities with a handful of children each, one-child
/// categories everywhere.
fn tiny_regions(backend: Backend) {
    for (n, seed_value) in [(40, 1), (90, 2)] {
        let db = TestDb::new(backend);
        seed(&db, "fou-valfard-gavleborg", n, seed_value);
        let built = build(&db, &ScopeRequest::Region("fou-valfard-gavleborg".into()), None);
        attack_all(&built, &format!("{n} children"));
    }
}

/// A revision: more records arrive; every cell hidden in version 1 is hidden in version 2, and
/// version 2 withstands the attacker too.
fn a_revision(backend: Backend) {
    let db = TestDb::new(backend);
    let region = ScopeRequest::Region("fou-nordvast".into());
    seed(&db, "fou-nordvast", 60, 5);
    let first = build(&db, &region, None);
    seed(&db, "fou-nordvast", 12, 6);
    let second = build(&db, &region, Some(&first.pattern));
    for (key, (_, hidden)) in &first.pattern.cells {
        if *hidden {
            assert!(second.pattern.cells.get(key).is_some_and(|(_, h)| *h), "{key} was hidden in version 1");
        }
    }
    attack_all(&second, "revision");
}

#[test]
fn sqlite_tiny_regions() {
    tiny_regions(Backend::Sqlite);
}

#[test]
fn sqlite_a_revision() {
    a_revision(Backend::Sqlite);
}

#[test]
fn postgres_tiny_regions() {
    if common::postgres_enabled() {
        tiny_regions(Backend::Postgres);
    }
}

#[test]
fn postgres_a_revision() {
    if common::postgres_enabled() {
        a_revision(Backend::Postgres);
    }
}
