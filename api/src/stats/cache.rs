//! Facts kept in memory per scope and closing year, so that repeated statistics skip reading and
//! converting the rows — the bulk of a query's time.
//!
//! Correct across instances: an entry is used only when the sum of the scope-year's counters in
//! `stats_generations` (raised by every write, in the write's transaction, on any instance) and
//! the fingerprint of the catalogue (units, regions, methods) are what they were when it was
//! filled. Counters only grow, so equal sums mean unchanged data. The counters are read before
//! the rows, so an entry is never tagged newer than its content.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::engine::ReportedClosures;
use super::facts::Fact;
use crate::db::stats::ScopeRequest;

/// The default bound on facts held (about 100 bytes each).
pub const DEFAULT_CAPACITY: usize = 2_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    scope: ScopeRequest,
    year: i32,
}

/// One scope-year's facts and reported closures.
#[derive(Debug, Clone)]
pub struct YearFacts {
    pub facts: Arc<Vec<Fact>>,
    pub closures: Arc<Vec<ReportedClosures>>,
}

struct Entry {
    generation: i64,
    fingerprint: u64,
    content: YearFacts,
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

    pub fn get(&self, scope: &ScopeRequest, year: i32, generation: i64, fingerprint: u64) -> Option<YearFacts> {
        let mut guard = self.lock();
        let (entries, clock) = &mut *guard;
        *clock += 1;
        let key = Key { scope: scope.clone(), year };
        match entries.get_mut(&key) {
            Some(e) if e.generation == generation && e.fingerprint == fingerprint => {
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

    pub fn put(&self, scope: &ScopeRequest, year: i32, generation: i64, fingerprint: u64, content: YearFacts) {
        if content.facts.len() > self.capacity {
            return;
        }
        let mut guard = self.lock();
        let (entries, clock) = &mut *guard;
        *clock += 1;
        let key = Key { scope: scope.clone(), year };
        entries.insert(key, Entry { generation, fingerprint, content, last_used: *clock });
        // Evict the least recently used until the facts held fit the bound.
        while entries.values().map(|e| e.content.facts.len()).sum::<usize>() > self.capacity {
            let Some(oldest) = entries.iter().min_by_key(|(_, e)| e.last_used).map(|(k, _)| k.clone()) else {
                break;
            };
            entries.remove(&oldest);
        }
    }

    /// Facts held (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.lock().0.values().map(|e| e.content.facts.len()).sum()
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
        YearFacts { facts: Arc::new(vec![fact; n]), closures: Arc::new(Vec::new()) }
    }

    #[test]
    fn entries_are_used_only_with_the_same_counters_and_catalogue() {
        let cache = FactCache::new(100);
        let scope = ScopeRequest::National;
        cache.put(&scope, 2024, 7, 1, content(10));
        assert!(cache.get(&scope, 2024, 7, 1).is_some());
        assert!(cache.get(&scope, 2024, 7, 2).is_none(), "another catalogue");
        assert!(cache.get(&scope, 2024, 7, 1).is_none(), "a stale entry is dropped");
        cache.put(&scope, 2024, 8, 1, content(10));
        assert!(cache.get(&scope, 2024, 7, 1).is_none(), "older counters");
        assert!(cache.get(&ScopeRequest::Region("r".into()), 2024, 8, 1).is_none(), "another scope");
    }

    #[test]
    fn the_least_recently_used_go_first_and_capacity_zero_keeps_nothing() {
        let cache = FactCache::new(25);
        let scope = ScopeRequest::National;
        cache.put(&scope, 2021, 1, 1, content(10));
        cache.put(&scope, 2022, 1, 1, content(10));
        assert!(cache.get(&scope, 2021, 1, 1).is_some());
        cache.put(&scope, 2023, 1, 1, content(10));
        assert!(cache.get(&scope, 2022, 1, 1).is_none(), "2022 was least recently used");
        assert!(cache.get(&scope, 2021, 1, 1).is_some());
        assert_eq!(cache.len(), 20);
        let off = FactCache::new(0);
        off.put(&scope, 2021, 1, 1, content(1));
        assert!(off.is_empty());
    }
}
