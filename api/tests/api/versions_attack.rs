//! Issue 19's attack, in the project's suite: a reader holds two versions of a release (or of
//! the part of the country outside every region, inside the national release) and knows how
//! many records changed between them. Built independently of `isu_core::stats::revision`: the
//! attacker's unknowns are, per class of children (the cells a child counts in — the form's
//! structure, no counts), the children both versions have (`kept`), the ones only version 1
//! has (`removed`) and the ones only version 2 has (`added`); it knows every published figure of
//! both versions, the "≤4" ranges, and the numbers added and removed. For every cell version 2
//! hides, and for every cell of the table of changes with 1..k−1 children ("one of the added
//! children has problem area crime"), it solves min and max; at least two values must remain.
//!
//! A change of fewer than k children is refused (`TooFewChanges`): the attack (one
//! record added, corrected or withdrawn) then has nothing to read.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::helpers::{Backend, TestDb};
use crate::release_attack::{build_with, seed, YEAR};
use chrono::NaiveDate;
use diesel::prelude::*;
use isu_core::stats::release::{BuildError, Built, Protection, SuppressionPattern};
use isu_store::schema::cases;
use isu_store::stats::ScopeRequest;
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem as LinearProgramme, Variable};

const REGION: &str = "fou-nordvast";
const K: u64 = 5;

fn region() -> ScopeRequest {
    ScopeRequest::Region(REGION.into())
}

/// Withdraws `n` records of the year (the database holds only this region's).
fn withdraw(db: &TestDb, n: i64) {
    let mut conn = db.pool().get().unwrap();
    let first = NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap();
    let chosen: Vec<(String, String)> = cases::table
        .filter(cases::closed_on.ge(first))
        .order(cases::id.asc())
        .select((cases::unit_id, cases::case_ref))
        .limit(n)
        .load(&mut conn)
        .unwrap();
    for (unit, case_ref) in chosen {
        assert!(isu_store::cases::delete(&mut conn, &unit, &case_ref).unwrap());
    }
}

/// A class: the sorted keys of the cells a child of it counts in.
type Class = Vec<String>;

fn classes_of(pattern: &SuppressionPattern) -> Vec<(Class, u64)> {
    let keys: Vec<&String> = pattern.cells.keys().collect();
    pattern
        .classes
        .iter()
        .map(|class| {
            let mut membership: Vec<String> = class.cells.iter().map(|&c| keys[c as usize].clone()).collect();
            membership.sort();
            (membership, class.count)
        })
        .collect()
}

/// The reader's system over two versions.
struct Reader {
    classes: Vec<Class>,
    classes_of_key: HashMap<String, Vec<usize>>,
    /// Truth, for the assertions only: per class (version 1 count, version 2 count).
    truth: Vec<(u64, u64)>,
    first: SuppressionPattern,
    second: SuppressionPattern,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Kept,
    Removed,
    Added,
}

impl Reader {
    fn new(first: &SuppressionPattern, second: &SuppressionPattern) -> Self {
        let mut index: BTreeMap<Class, usize> = BTreeMap::new();
        let mut truth: Vec<(u64, u64)> = Vec::new();
        for (version, pattern) in [first, second].into_iter().enumerate() {
            for (class, count) in classes_of(pattern) {
                let next = index.len();
                let at = *index.entry(class).or_insert(next);
                if at == truth.len() {
                    truth.push((0, 0));
                }
                if version == 0 {
                    truth[at].0 += count;
                } else {
                    truth[at].1 += count;
                }
            }
        }
        let mut classes = vec![Vec::new(); index.len()];
        let mut classes_of_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (class, at) in index {
            for key in &class {
                classes_of_key.entry(key.clone()).or_default().push(at);
            }
            classes[at] = class;
        }
        Self { classes, classes_of_key, truth, first: first.clone(), second: second.clone() }
    }

    fn added(&self) -> u64 {
        self.truth.iter().map(|(before, after)| after.saturating_sub(*before)).sum()
    }

    fn removed(&self) -> u64 {
        self.truth.iter().map(|(before, after)| before.saturating_sub(*after)).sum()
    }

    /// min and max of `Σ parts` over the classes of `key`.
    fn bounds(&self, key: &str, parts: &[Part]) -> (f64, f64) {
        let bound = |direction| {
            let mut lp = LinearProgramme::new(direction);
            let target: BTreeSet<usize> = self.classes_of_key.get(key).into_iter().flatten().copied().collect();
            // Changed children only in classes some version has children in: a reader told that
            // much more than the API says is a stronger reader (the protection assumes no less).
            let variables: Vec<[Variable; 3]> = (0..self.classes.len())
                .map(|class| {
                    let weight = |part| if target.contains(&class) && parts.contains(&part) { 1.0 } else { 0.0 };
                    let changed_bound = if self.truth[class] == (0, 0) { 0.0 } else { f64::INFINITY };
                    [
                        lp.add_var(weight(Part::Kept), (0.0, f64::INFINITY)),
                        lp.add_var(weight(Part::Removed), (0.0, changed_bound)),
                        lp.add_var(weight(Part::Added), (0.0, changed_bound)),
                    ]
                })
                .collect();
            let sum = |key: &str, parts: &[usize]| {
                let mut expression = LinearExpr::empty();
                for &class in self.classes_of_key.get(key).into_iter().flatten() {
                    for &part in parts {
                        expression.add(variables[class][part], 1.0);
                    }
                }
                expression
            };
            for (pattern, parts) in [(&self.first, [0, 1]), (&self.second, [0, 2])] {
                for (key, &(value, hidden)) in &pattern.cells {
                    if !hidden {
                        lp.add_constraint(sum(key, &parts), ComparisonOp::Eq, value as f64);
                    } else if (1..K).contains(&value) && !pattern.unranged.contains(key) {
                        lp.add_constraint(sum(key, &parts), ComparisonOp::Ge, 1.0);
                        lp.add_constraint(sum(key, &parts), ComparisonOp::Le, (K - 1) as f64);
                    }
                }
            }
            for (part, size) in [(1, self.removed()), (2, self.added())] {
                let mut all = LinearExpr::empty();
                for class in &variables {
                    all.add(class[part], 1.0);
                }
                lp.add_constraint(all, ComparisonOp::Eq, size as f64);
            }
            match lp.solve() {
                Ok(outcome) => outcome.into_solution().expect("no time limit").objective(),
                Err(microlp::Error::Unbounded) => f64::INFINITY,
                Err(error) => panic!("the truth is feasible, the reader cannot fail: {error}"),
            }
        };
        (bound(OptimizationDirection::Minimize), bound(OptimizationDirection::Maximize))
    }

    fn true_value(&self, key: &str, part: Part) -> u64 {
        self.classes_of_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|&class| {
                let (before, after) = self.truth[class];
                match part {
                    Part::Kept => before.min(after),
                    Part::Removed => before.saturating_sub(after),
                    Part::Added => after.saturating_sub(before),
                }
            })
            .sum()
    }

    /// Every cell version 2 hides, and every small cell of the table of changes: not pinned.
    /// Returns how many were attacked.
    fn assert_nothing_pinned(&self, context: &str) -> usize {
        let mut attacked = 0;
        let mut check = |key: &str, parts: &[Part], truth: u64, what: &str| {
            let (min, max) = self.bounds(key, parts);
            let truth = truth as f64;
            assert!(
                min - 1e-6 <= truth && truth <= max + 1e-6,
                "{context}: {what} {key}: truth outside [{min}, {max}]"
            );
            assert!(
                (max + 1e-6).floor() - (min - 1e-6).ceil() >= 1.0,
                "{context}: {what} {key} (truth {truth}) is pinned to [{min}, {max}]"
            );
            attacked += 1;
        };
        for (key, &(value, hidden)) in &self.second.cells {
            if hidden {
                check(key, &[Part::Kept, Part::Added], value, "hidden cell of version 2");
            }
        }
        let keys: BTreeSet<&String> = self.classes_of_key.keys().collect();
        for key in keys {
            for (part, what) in [(Part::Added, "children added in"), (Part::Removed, "children removed from")] {
                let truth = self.true_value(key, part);
                if (1..K).contains(&truth) {
                    check(key, &[part], truth, what);
                }
            }
        }
        attacked
    }
}

fn build(db: &TestDb, earlier: &[SuppressionPattern]) -> Result<Built, BuildError> {
    build_with(db, &region(), earlier, None)
}

/// One record added, corrected (withdrawn and sent anew) or withdrawn: the new version is
/// refused, so the reader has one version only.
fn a_change_of_one_child_is_refused(backend: Backend) {
    let db = TestDb::new(backend);
    seed(&db, REGION, 120, 31);
    let first = build(&db, &[]).expect("version 1");
    let earlier = [first.pattern.clone()];
    seed(&db, REGION, 1, 32); // one record closed in the year: added
    match build(&db, &earlier) {
        Err(BuildError::TooFewChanges(why)) => assert!(why.contains("1 children were added"), "{why}"),
        other => panic!("one added record must be refused, got {:?}", other.map(|b| b.pattern.cells.len())),
    }
    withdraw(&db, 1); // now: one added and one withdrawn (a correction, as the reader sees it)
    assert!(matches!(build(&db, &earlier), Err(BuildError::TooFewChanges(_))), "a correction of one record");
    withdraw(&db, 1);
    assert!(matches!(build(&db, &earlier), Err(BuildError::TooFewChanges(_))), "a withdrawal");
}

/// Enough records changed to publish: additions, corrections (as withdrawals plus additions) and
/// withdrawals. The reader of both versions pins nothing.
fn two_versions_pin_nothing(backend: Backend, changes: &[(&str, u64)]) {
    for &(change, seed_value) in changes {
        let db = TestDb::new(backend);
        seed(&db, REGION, 60, seed_value);
        let first = build(&db, &[]).expect("version 1");
        match change {
            "added" => seed(&db, REGION, 12, seed_value + 100),
            "corrected" => {
                withdraw(&db, 6);
                seed(&db, REGION, 12, seed_value + 100);
            }
            _ => withdraw(&db, 6),
        }
        let earlier = [first.pattern.clone()];
        let second = match build(&db, &earlier) {
            Ok(second) => second,
            // Refusing is safe (nothing new is published); the test needs a published version.
            Err(error) => panic!("{change}: version 2 refused: {error:?}"),
        };
        let reader = Reader::new(&first.pattern, &second.pattern);
        assert!(reader.added() + reader.removed() >= K, "{change}: the change is large enough to publish");
        let attacked = reader.assert_nothing_pinned(change);
        assert!(attacked > 0, "{change}: version 2 hides something");
        // Hidden stays hidden.
        for (key, (_, hidden)) in &first.pattern.cells {
            if *hidden {
                assert!(
                    second.pattern.cells.get(key).is_none_or(|(_, h)| *h),
                    "{change}: {key} was hidden in version 1"
                );
            }
        }
    }
}

/// The part of the country outside every region (inside the national release) rebuilt after
/// records outside every region changed: protected together with its earlier version too.
fn the_rest_of_the_country_across_national_versions(backend: Backend) {
    let db = TestDb::new(backend);
    let rest = |earlier: &[SuppressionPattern]| crate::release_attack::rest_part_with(&db, earlier);
    let today = NaiveDate::from_ymd_opt(YEAR, 12, 31).unwrap();
    let plan = |cases, seed| isu_core::stats::synthetic::Plan { cases, first_year: YEAR, last_year: YEAR, seed, today };
    isu_core::stats::synthetic::seed(&mut db.pool().get().unwrap(), &plan(80, 51), None).unwrap();
    let first = rest(&[]).expect("version 1").expect("children outside every region");
    let earlier = [first.pattern.clone()];
    // One more child outside every region: refused (the national release cannot be rebuilt yet).
    let before = first.pattern.cells.values().map(|(v, _)| *v).max().unwrap();
    isu_core::stats::synthetic::seed(&mut db.pool().get().unwrap(), &plan(3, 52), None).unwrap();
    let grown = rest(&[]).unwrap().unwrap().pattern.cells.values().map(|(v, _)| *v).max().unwrap();
    if (1..K).contains(&(grown - before)) {
        assert!(matches!(rest(&earlier), Err(BuildError::TooFewChanges(_))), "a small change outside the regions");
    }
    isu_core::stats::synthetic::seed(&mut db.pool().get().unwrap(), &plan(25, 53), None).unwrap();
    let second = rest(&earlier).expect("version 2").expect("children outside every region");
    let reader = Reader::new(&first.pattern, &second.pattern);
    assert!(reader.assert_nothing_pinned("the rest of the country") > 0);
}

#[test]
fn the_attacker_uses_the_default_threshold() {
    assert_eq!(Protection::default().k, K);
}

#[test]
fn sqlite_a_change_of_one_child_is_refused() {
    a_change_of_one_child_is_refused(Backend::Sqlite);
}

#[test]
fn postgres_a_change_of_one_child_is_refused() {
    if crate::helpers::postgres_enabled() {
        a_change_of_one_child_is_refused(Backend::Postgres);
    }
}

#[test]
fn sqlite_two_versions_pin_nothing() {
    two_versions_pin_nothing(Backend::Sqlite, &[("added", 41), ("withdrawn", 43)]);
}

/// The solver does not depend on the backend; each backend runs different changes (the storage
/// path is what differs), which keeps `make test` short.

#[test]
fn postgres_two_versions_pin_nothing() {
    if crate::helpers::postgres_enabled() {
        two_versions_pin_nothing(Backend::Postgres, &[("corrected", 42)]);
    }
}

#[test]
fn sqlite_the_rest_of_the_country_across_national_versions() {
    the_rest_of_the_country_across_national_versions(Backend::Sqlite);
}
