//! Timings of `isu_disclosure::protect` on synthetic releases of regional and national size.
//! Ignored by default; run with
//! `cargo test --release -p isu-api --test api disclosure_scale:: -- --ignored --nocapture`
//! (add `DISCLOSURE_NATIONAL=1` for a synthetic national problem by municipality: about 20,000
//! variables in its first programme, refused as too large; the real national release is the
//! aggregate of regional ones and never solves such a problem, see `docs/decisions/0005-releases.md`).

use std::collections::HashMap;
use std::time::Instant;

use isu_disclosure::{protect_with_report, Params, ProtectionProblem};
use rand::distributions::WeightedIndex;
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;

const AREAS: usize = 13;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Class {
    municipality: u16,
    gender: u8,
    background: u8,
    areas: u16,
    intervention: u8,
    closing: u8,
}

/// Children spread over municipalities of very unequal size (a few cities, many small towns),
/// with skewed categories, as in the seed report.
fn children(count: usize, municipalities: usize, seed: u64) -> Vec<Class> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let size = WeightedIndex::new((1..=municipalities).map(|rank| 1.0 / rank as f64)).unwrap();
    let gender = WeightedIndex::new([48, 48, 4]).unwrap();
    let background = WeightedIndex::new([70, 10, 6, 5, 7, 2]).unwrap();
    let area = WeightedIndex::new([9, 8, 2, 20, 15, 10, 6, 14, 10, 6, 3, 3, 4]).unwrap();
    let intervention = WeightedIndex::new([50, 25, 15, 5, 5]).unwrap();
    let closing = WeightedIndex::new([60, 8, 12, 8, 7, 5]).unwrap();
    (0..count)
        .map(|_| {
            let mut areas = 0u16;
            for _ in 0..rng.gen_range(1..=3) {
                areas |= 1 << area.sample(&mut rng);
            }
            Class {
                municipality: size.sample(&mut rng) as u16,
                gender: gender.sample(&mut rng) as u8,
                background: background.sample(&mut rng) as u8,
                areas,
                intervention: intervention.sample(&mut rng) as u8,
                closing: closing.sample(&mut rng) as u8,
            }
        })
        .collect()
}

/// Per municipality: total, by gender, background, problem area (multi-valued), intervention
/// type, closing reason, and gender × intervention type. Nationally: area × gender, area ×
/// intervention, intervention × closing reason, background × gender.
fn release(children: &[Class]) -> ProtectionProblem {
    let mut counts: HashMap<Class, u64> = HashMap::new();
    for child in children {
        *counts.entry(*child).or_default() += 1;
    }
    let mut classes: Vec<Class> = counts.keys().copied().collect();
    classes.sort_by_key(|c| (c.municipality, c.gender, c.background, c.areas, c.intervention, c.closing));
    let mut cells: HashMap<String, Vec<u32>> = HashMap::new();
    for (atom, c) in classes.iter().enumerate() {
        let m = c.municipality;
        let mut keys = vec![
            format!("m{m}"),
            format!("m{m}g{}", c.gender),
            format!("m{m}b{}", c.background),
            format!("m{m}i{}", c.intervention),
            format!("m{m}c{}", c.closing),
            format!("m{m}g{}i{}", c.gender, c.intervention),
            "all".to_string(),
            format!("g{}", c.gender),
            format!("i{}", c.intervention),
            format!("i{}c{}", c.intervention, c.closing),
            format!("b{}g{}", c.background, c.gender),
            format!("b{}", c.background),
        ];
        for a in (0..AREAS).filter(|a| c.areas & (1 << a) != 0) {
            keys.extend([
                format!("m{m}a{a}"),
                format!("a{a}"),
                format!("a{a}g{}", c.gender),
                format!("a{a}i{}", c.intervention),
            ]);
        }
        for key in keys {
            cells.entry(key).or_default().push(atom as u32);
        }
    }
    let mut cells: Vec<(String, Vec<u32>)> = cells.into_iter().collect();
    cells.sort();
    ProtectionProblem::with_threshold(
        classes.iter().map(|class| counts[class]).collect(),
        cells.into_iter().map(|(_, atoms)| atoms).collect(),
        5,
    )
}

fn time(label: &str, children_count: usize, municipalities: usize) {
    let problem = release(&children(children_count, municipalities, 7));
    let started = Instant::now();
    let report = match protect_with_report(&problem, &Params::default()) {
        Ok(report) => report,
        Err(error) => {
            println!(
                "{label}: {children_count} children, {} atoms: refused after {:.2?}: {error}",
                problem.atom_counts.len(),
                started.elapsed()
            );
            return;
        }
    };
    let elapsed = started.elapsed();
    let primary = problem.primary.iter().filter(|&&p| p).count();
    let suppressed = report.statuses.iter().filter(|s| s.is_suppressed()).count();
    println!(
        "{label}: {children_count} children, {} atoms, {} cells ({primary} primary) → {suppressed} \
         suppressed ({} secondary by elimination, {} by repair); elimination {:.2?}, \
         certification {:.2?} ({} linear programmes, {} integer / {} fractional certificates); \
         total {elapsed:.2?}",
        problem.atom_counts.len(),
        problem.cells.len(),
        report.secondary_by_elimination,
        report.certification.repairs,
        report.elimination_time,
        report.certification_time,
        report.certification.linear_programmes,
        report.certification.integer_certificates,
        report.certification.fractional_certificates,
    );
}

#[test]
#[ignore = "timing run; see the module doc for the command"]
fn regional_and_national_timings() {
    time("regional", 2_000, 10);
    if std::env::var_os("DISCLOSURE_NATIONAL").is_some() {
        time("national", 170_000, 290);
    }
}
