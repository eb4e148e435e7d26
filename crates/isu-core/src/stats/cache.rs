//! Facts kept in memory per scope, closing year and unit, so that repeated statistics skip reading
//! and converting the rows — the bulk of a query's time — and a query after a write re-reads only
//! the unit-years the write touched.
//!
//! Correct across instances: a unit's facts are used only when its counter in
//! `stats_generations` (raised by every write, in the write's transaction, on any instance) and
//! the fingerprint of the catalogue (units, regions, methods) are what they were when it was
//! filled. Counters only grow, so an equal counter means unchanged data. The counters are read
//! before the rows, so an entry is never tagged newer than its content.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::engine::ReportedClosures;
use super::facts::Fact;
use isu_store::stats::ScopeRequest;

/// The default bound on facts held (about 70 bytes each, see `Fact`).
pub const DEFAULT_CAPACITY: usize = 2_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    scope: ScopeRequest,
    year: i32,
}

/// One unit-year's facts and the counter they were read at.
#[derive(Debug, Clone)]
pub struct UnitFacts {
    pub generation: i64,
    pub facts: Arc<Vec<Fact>>,
    /// The earlier contents of replaced records that protected answers still count
    /// (`isu_store::keys::hold`): for protected answers only, never for exact ones.
    pub held: Arc<Vec<Fact>>,
}

/// One scope-year's facts by unit, and its reported closures with the sum of the counters they
/// were read at.
#[derive(Debug, Clone, Default)]
pub struct YearFacts {
    pub units: Arc<HashMap<String, UnitFacts>>,
    pub closures: Arc<Vec<ReportedClosures>>,
    pub closures_generation: i64,
}

impl YearFacts {
    /// Facts held.
    pub fn len(&self) -> usize {
        self.units.values().map(|u| u.facts.len() + u.held.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

struct Entry {
    fingerprint: u64,
    content: YearFacts,
    facts: usize,
    last_used: u64,
}

/// A bounded least-recently-used cache of [`YearFacts`]; capacity 0 turns it off.
pub struct FactCache {
    capacity: usize,
    inner: Mutex<(HashMap<Key, Entry>, u64)>,
}

impl FactCache {
    pub fn new(capacity: usize) -> Self {
        Self { capacity, inner: Mutex::new((HashMap::new(), 0)) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (HashMap<Key, Entry>, u64)> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What is held for `scope` and `year` with catalogue `fingerprint`, whatever its counters:
    /// the caller compares them unit by unit. An entry of another catalogue is dropped.
    pub fn get(&self, scope: &ScopeRequest, year: i32, fingerprint: u64) -> Option<YearFacts> {
        let mut guard = self.lock();
        let (entries, clock) = &mut *guard;
        *clock += 1;
        let key = Key { scope: scope.clone(), year };
        match entries.get_mut(&key) {
            Some(e) if e.fingerprint == fingerprint => {
                e.last_used = *clock;
                Some(e.content.clone())
            }
            Some(_) => {
                entries.remove(&key);
                None
            }
            None => None,
        }
    }

    pub fn put(&self, scope: &ScopeRequest, year: i32, fingerprint: u64, content: YearFacts) {
        let facts = content.len();
        let mut guard = self.lock();
        let (entries, clock) = &mut *guard;
        *clock += 1;
        let key = Key { scope: scope.clone(), year };
        if facts > self.capacity {
            entries.remove(&key);
            return;
        }
        entries.insert(key, Entry { fingerprint, content, facts, last_used: *clock });
        // Evict the least recently used until the facts held fit the bound.
        while entries.values().map(|e| e.facts).sum::<usize>() > self.capacity {
            let Some(oldest) = entries.iter().min_by_key(|(_, e)| e.last_used).map(|(k, _)| k.clone()) else {
                break;
            };
            entries.remove(&oldest);
        }
    }

    /// Facts held (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.lock().0.values().map(|e| e.facts).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(n: usize) -> YearFacts {
        let fact = crate::stats::facts::Fact::for_tests();
        let unit = UnitFacts { generation: 7, facts: Arc::new(vec![fact; n]), held: Arc::default() };
        YearFacts { units: Arc::new(HashMap::from([("u".to_string(), unit)])), ..YearFacts::default() }
    }

    #[test]
    fn entries_are_used_only_with_the_same_catalogue_and_scope() {
        let cache = FactCache::new(100);
        let scope = ScopeRequest::National;
        cache.put(&scope, 2024, 1, content(10));
        assert_eq!(cache.get(&scope, 2024, 1).map(|c| c.units["u"].generation), Some(7));
        assert!(cache.get(&scope, 2024, 2).is_none(), "another catalogue");
        assert!(cache.get(&scope, 2024, 1).is_none(), "an entry of another catalogue is dropped");
        cache.put(&scope, 2024, 1, content(10));
        assert!(cache.get(&ScopeRequest::Region("r".into()), 2024, 1).is_none(), "another scope");
        assert!(cache.get(&scope, 2023, 1).is_none(), "another year");
    }

    #[test]
    fn the_least_recently_used_go_first_and_capacity_zero_keeps_nothing() {
        let cache = FactCache::new(25);
        let scope = ScopeRequest::National;
        cache.put(&scope, 2021, 1, content(10));
        cache.put(&scope, 2022, 1, content(10));
        assert!(cache.get(&scope, 2021, 1).is_some());
        cache.put(&scope, 2023, 1, content(10));
        assert!(cache.get(&scope, 2022, 1).is_none(), "2022 was least recently used");
        assert!(cache.get(&scope, 2021, 1).is_some());
        assert_eq!(cache.len(), 20);
        cache.put(&scope, 2021, 1, content(30));
        assert!(cache.get(&scope, 2021, 1).is_none(), "too large for the bound: the old entry goes too");
        let off = FactCache::new(0);
        off.put(&scope, 2021, 1, content(1));
        assert!(off.is_empty());
    }

    #[test]
    fn many_scopes_stay_within_the_bound() {
        let cache = FactCache::new(1_000);
        for region in 0..100 {
            for year in 2020..2026 {
                cache.put(&ScopeRequest::Region(format!("r{region}")), year, 1, content(37));
                assert!(cache.len() <= 1_000);
            }
        }
        assert!(cache.len() > 900, "the bound is used, not undershot: {}", cache.len());
    }
}
