//! Synthetic SU-X records for demos and benchmarks: realistic, internally consistent, and
//! deterministic for a seed (ChaCha8). Distributions follow the 2020 report (chapter 5): about
//! 47 % girls, parenting in 57 % of cases, traditional family treatment for 59 %, a manual method
//! alone for 29 %, both for 12 %, goals met in 60 % of closures, 70 % not previously active.
//! Every record satisfies the form's rules (a test validates samples with `domain::record`).

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use isu_domain::record::{InterventionType, NamedMethod, ValidRecord};
use isu_domain::{geography, manual_methods};
use isu_store::StoreError;
use isu_store::{cases, organisation, DbConnection};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub cases: usize,
    pub first_year: i32,
    pub last_year: i32,
    pub seed: u64,
    /// The last day a record may close on (no future dates).
    pub today: NaiveDate,
}

/// Problem areas with weights from the report's diagram 1 (share of children with each area).
const PROBLEM_AREAS: &[(&str, u32)] = &[
    ("parenting", 57),
    ("family_relations", 30),
    ("parent_substance_abuse", 20),
    ("violence_victim", 18),
    ("domestic_violence", 16),
    ("child_mental_health", 15),
    ("parent_mental_health", 12),
    ("behaviour", 8),
    ("substance_abuse", 8),
    ("school", 6),
    ("crime", 3),
    ("honour_violence", 2),
    ("other", 5),
];
const CLOSING: &[(&str, u32)] = &[
    ("goals_met", 60),
    ("not_matching_needs", 10),
    ("ended_by_guardian", 12),
    ("ended_by_child", 5),
    ("never_started", 5),
    ("other", 8),
];
const BIRTH: &[(&str, u32)] = &[
    ("sweden_both_parents_sweden", 55),
    ("sweden_one_parent_abroad", 12),
    ("sweden_both_parents_abroad", 12),
    ("rest_of_europe", 6),
    ("outside_europe", 12),
    ("unknown", 3),
];
const PREVIOUSLY: &[(&str, u32)] = &[("no", 70), ("once", 15), ("several", 10), ("unknown", 5)];

fn pick<'a>(rng: &mut ChaCha8Rng, table: &'a [(&'a str, u32)]) -> &'a str {
    // Cumulative weights by linear scan: the tables are short, and nothing is allocated.
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total);
    for (value, weight) in table {
        if roll < *weight {
            return value;
        }
        roll -= weight;
    }
    table[table.len() - 1].0
}

/// The registry's named methods counted as `manual_method` (not crisis support), once.
fn named_methods() -> &'static [&'static manual_methods::ManualMethod] {
    static METHODS: std::sync::LazyLock<Vec<&'static manual_methods::ManualMethod>> = std::sync::LazyLock::new(|| {
        manual_methods::seed().iter().filter(|m| m.intervention_code == "manual_method").collect()
    });
    &METHODS
}

/// Generates record `n` of the plan: the same `(seed, n)` always gives the same record.
pub fn record(plan: &Plan, n: usize) -> ValidRecord {
    let mut rng = ChaCha8Rng::seed_from_u64(plan.seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let year = rng.gen_range(plan.first_year..=plan.last_year);
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date").min(plan.today);
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date");
    let span = (year_end - year_start).num_days().max(0);
    let closed_on = year_start + Duration::days(rng.gen_range(0..=span));
    let form = if closed_on.year() >= 2021 { "su-x-2021" } else { "su-x-2020" };

    let closing_reason = pick(&mut rng, CLOSING).to_string();
    let never_started = closing_reason == "never_started";
    let enrolment_days = if never_started { rng.gen_range(5..=120) } else { rng.gen_range(40..=540) };
    let referred_on = closed_on - Duration::days(enrolment_days);
    let started_on = (!never_started).then(|| referred_on + Duration::days(rng.gen_range(0..=enrolment_days.min(45))));

    let area_count = *[1usize, 1, 1, 2, 2, 3].choose(&mut rng).expect("non-empty");
    let mut problem_areas: Vec<String> = Vec::new();
    while problem_areas.len() < area_count {
        let mut code = pick(&mut rng, PROBLEM_AREAS).to_string();
        if form == "su-x-2020" && code == "parent_mental_health" {
            code = "parent_mental_health_or_disability".into();
        }
        if !problem_areas.contains(&code) {
            problem_areas.push(code);
        }
    }
    let problem_area_other = problem_areas.iter().any(|c| c == "other").then(|| "Annan problematik".to_string());

    let mut interventions: Vec<String> = Vec::new();
    let mut named = Vec::new();
    if !never_started {
        let kind = rng.gen_range(0..100);
        let traditional = !(59..88).contains(&kind);
        let manual = kind >= 59;
        if traditional {
            interventions.push("traditional_family_treatment".into());
        }
        if manual {
            if form == "su-x-2021" && rng.gen_bool(0.15) {
                interventions.push("crisis_support".into());
            } else {
                interventions.push("manual_method".into());
                // A method of the seed registry, as vendors name them.
                let registry = named_methods();
                let method = registry[rng.gen_range(0..registry.len())];
                named.push(NamedMethod {
                    name: method.name.clone(),
                    method_id: Some(method.id.clone()),
                    intervention_code: Some(method.intervention_code.clone()),
                });
            }
        }
        if form == "su-x-2021" && rng.gen_bool(0.05) {
            interventions.push("other_non_manual".into());
        }
    }
    // Form order, as validation stores it.
    let order = ["traditional_family_treatment", "crisis_support", "manual_method", "other_non_manual"];
    interventions.sort_by_key(|c| order.iter().position(|o| o == c));
    let other_intervention_text =
        interventions.iter().any(|c| c == "other_non_manual").then(|| "Praktiskt stöd i hemmet".to_string());
    let closing_reason_text = matches!(closing_reason.as_str(), "not_matching_needs" | "other")
        .then(|| "Behovet bedömdes annorlunda".to_string());

    let has_traditional = interventions.iter().any(|c| c == "traditional_family_treatment");
    let has_manual = interventions.iter().any(|c| c == "manual_method" || c == "crisis_support");
    let intervention_type = match (never_started, has_traditional, has_manual) {
        (true, _, _) => InterventionType::None,
        (_, true, true) => InterventionType::TraditionalAndManual,
        (_, true, false) => InterventionType::TraditionalOnly,
        (_, false, true) => InterventionType::ManualOnly,
        _ => InterventionType::OtherOnly,
    };
    let age: i32 = *[0, 2, 4, 6, 8, 9, 10, 11, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 18, 20]
        .choose(&mut rng)
        .expect("non-empty");
    let gender = match rng.gen_range(0..100) {
        0..=46 => "girl",
        47..=98 => "boy",
        _ => "other_identity",
    };
    ValidRecord {
        case_ref: format!("SYN-{}-{n:08}", plan.seed),
        form: form.into(),
        age_at_referral: age,
        gender: gender.into(),
        birth_background: (form == "su-x-2021").then(|| pick(&mut rng, BIRTH).to_string()),
        referred_on,
        started_on,
        previously_active: pick(&mut rng, PREVIOUSLY).into(),
        problem_areas,
        problem_area_other,
        interventions,
        manual_methods: named,
        other_intervention_text,
        closed_on,
        closing_reason,
        closing_reason_text,
        comment: None,
        intervention_days: started_on.map(|s| (closed_on - s).num_days() as i32),
        enrolment_days: enrolment_days as i32,
        intervention_type,
    }
}

/// What a seeding run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub cases: usize,
    pub units_created: usize,
    pub units_used: usize,
}

/// How a seeding run spreads records over the units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spread {
    /// The same number in every unit.
    #[default]
    Even,
    /// In proportion to the municipalities' populations ([`super::organisation::population`]),
    /// shared equally by a municipality's units.
    Population,
}

/// Writes the plan's records into the units of `region` (or of the whole country), creating one
/// unit per municipality that has none. Records spread evenly over the units.
pub fn seed(conn: &mut DbConnection, plan: &Plan, region: Option<&str>) -> Result<SeedReport, StoreError> {
    seed_spread(conn, plan, region, Spread::Even)
}

/// [`seed`], with records spread over the units as `spread` says.
pub fn seed_spread(
    conn: &mut DbConnection,
    plan: &Plan,
    region: Option<&str>,
    spread: Spread,
) -> Result<SeedReport, StoreError> {
    check_years(plan)?;
    let municipalities: Vec<String> = match region {
        Some(region) => organisation::get_region(conn, region)?
            .ok_or_else(|| {
                StoreError::Invalid(vec![isu_domain::validation::FieldError::new(
                    "region",
                    "unknown_region",
                    format!("no region has id {region}"),
                )])
            })?
            .municipalities
            .into_iter()
            .map(|m| m.code)
            .collect(),
        None => geography::municipalities().iter().map(|m| m.code.clone()).collect(),
    };
    seed_municipalities(conn, plan, &municipalities, spread)
}

fn check_years(plan: &Plan) -> Result<(), StoreError> {
    if plan.first_year < 2020 || plan.first_year > plan.last_year || plan.last_year > plan.today.year() {
        return Err(StoreError::Invalid(vec![isu_domain::validation::FieldError::new(
            "years",
            "out_of_range",
            format!("years must lie within 2020-{} and be in order", plan.today.year()),
        )]));
    }
    Ok(())
}

/// [`seed`] into the units of the given municipalities only (a region-year whose children live in
/// a few of its municipalities, as in the disclosure tests' realistic region).
pub fn seed_municipalities(
    conn: &mut DbConnection,
    plan: &Plan,
    municipalities: &[String],
    spread: Spread,
) -> Result<SeedReport, StoreError> {
    check_years(plan)?;
    let existing = organisation::list_units(conn, None, None)?;
    let mut units = Vec::new();
    let mut unit_municipality = Vec::new();
    let mut units_created = 0;
    for code in municipalities {
        let here: Vec<String> =
            existing.iter().filter(|u| &u.municipality_code == code).map(|u| u.id.clone()).collect();
        if here.is_empty() {
            let name = geography::municipality(code).map_or(code.clone(), |m| m.name.clone());
            let unit = organisation::create_unit(
                conn,
                &organisation::NewUnit {
                    municipality: Some(code.clone()), name: Some(format!("Öppenvården {name}"))
                },
            )?;
            units.push(unit.id);
            unit_municipality.push(code.as_str());
            units_created += 1;
        } else {
            unit_municipality.extend(std::iter::repeat_n(code.as_str(), here.len()));
            units.extend(here);
        }
    }
    let pick_unit = UnitPicker::new(&unit_municipality, spread);
    // Records are generated (and their ids and content hashes computed) on a thread of their
    // own while this one writes the previous chunk, one transaction per chunk.
    const CHUNK: usize = 10_000;
    let units = &units;
    let pick_unit = &pick_unit;
    let written = std::thread::scope(|scope| -> Result<usize, StoreError> {
        let (sender, chunks) = std::sync::mpsc::sync_channel::<Vec<cases::NewCase>>(2);
        scope.spawn(move || {
            for start in (0..plan.cases).step_by(CHUNK) {
                let end = (start + CHUNK).min(plan.cases);
                // Written unit by unit (the order does not change what is stored): the indexes
                // that lead with the unit then take each unit's rows in one place.
                let mut records: Vec<(&String, ValidRecord)> =
                    (start..end).map(|n| (&units[pick_unit.pick(plan.seed, n)], record(plan, n))).collect();
                records.sort_unstable_by(|(a, x), (b, y)| (a, &x.case_ref).cmp(&(b, &y.case_ref)));
                let chunk =
                    records.into_iter().map(|(unit, record)| cases::NewCase::new(unit.clone(), record)).collect();
                if sender.send(chunk).is_err() {
                    return; // the writer stopped on an error
                }
            }
        });
        let mut written = 0;
        for chunk in chunks {
            written += cases::insert_new(conn, &chunk)?;
        }
        Ok(written)
    })?;
    Ok(SeedReport { cases: written, units_created, units_used: units.len() })
}

/// Chooses record `n`'s unit: round robin when even, else by weight, deterministically.
struct UnitPicker {
    /// Cumulative weights (empty: round robin over `units`).
    cumulative: Vec<u64>,
    units: usize,
}

impl UnitPicker {
    fn new(unit_municipality: &[&str], spread: Spread) -> Self {
        let units = unit_municipality.len();
        if spread == Spread::Even {
            return Self { cumulative: Vec::new(), units };
        }
        let mut per_municipality: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
        for code in unit_municipality {
            *per_municipality.entry(code).or_default() += 1;
        }
        let mut total = 0u64;
        let cumulative = unit_municipality
            .iter()
            .map(|code| {
                // Thousands of people, in millionths, shared by the municipality's units.
                total += u64::from(super::organisation::population(code)) * 1_000_000 / per_municipality[code];
                total
            })
            .collect();
        Self { cumulative, units }
    }

    fn pick(&self, seed: u64, n: usize) -> usize {
        let Some(&total) = self.cumulative.last() else {
            return n % self.units.max(1);
        };
        // SplitMix64 of (seed, n): independent of the record's own random stream.
        let mut z =
            seed.wrapping_add((n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x2545_F491_4F6C_DD1D);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let roll = z % total;
        self.cumulative.partition_point(|&c| c <= roll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isu_domain::record::{to_wire, validate, SeedMethods};

    fn plan() -> Plan {
        Plan {
            cases: 0,
            first_year: 2020,
            last_year: 2025,
            seed: 7,
            today: NaiveDate::from_ymd_opt(2025, 11, 25).unwrap(),
        }
    }

    #[test]
    fn records_satisfy_every_rule_of_their_form() {
        let plan = plan();
        for n in 0..2_000 {
            let generated = record(&plan, n);
            let validated = validate(&to_wire(&generated), None, plan.today, &SeedMethods)
                .unwrap_or_else(|v| panic!("record {n} is invalid: {v:?}"));
            assert_eq!(validated, generated, "record {n}: derived values agree with validation");
        }
    }

    #[test]
    fn a_population_spread_follows_the_municipalities_sizes() {
        let municipalities = ["0180", "0980", "0980"];
        let picker = UnitPicker::new(&municipalities, Spread::Population);
        let mut counts = [0usize; 3];
        for n in 0..100_000 {
            counts[picker.pick(1, n)] += 1;
        }
        // Stockholm 984, Gotland 61 shared by two units: about 94 %, 3 %, 3 %.
        assert!((93_000..95_000).contains(&counts[0]), "{counts:?}");
        assert!(counts[1].abs_diff(counts[2]) < 600, "{counts:?}");
        let even = UnitPicker::new(&municipalities, Spread::Even);
        assert_eq!((0..6).map(|n| even.pick(1, n)).collect::<Vec<_>>(), [0, 1, 2, 0, 1, 2]);
    }

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let plan = plan();
        assert_eq!(record(&plan, 42), record(&plan, 42));
        let other = Plan { seed: 8, ..plan.clone() };
        assert_ne!(record(&plan, 42), record(&other, 42));
    }

    #[test]
    fn distributions_are_roughly_the_reports() {
        let plan = plan();
        let records: Vec<ValidRecord> = (0..5_000).map(|n| record(&plan, n)).collect();
        let share = |f: &dyn Fn(&ValidRecord) -> bool| records.iter().filter(|r| f(r)).count() as f64 / 5_000.0;
        assert!((0.42..0.52).contains(&share(&|r| r.gender == "girl")));
        assert!((0.55..0.65).contains(&share(&|r| r.closing_reason == "goals_met")));
        assert!((0.65..0.75).contains(&share(&|r| r.previously_active == "no")));
        assert!(share(&|r| r.problem_areas.iter().any(|a| a == "parenting")) > 0.3);
    }
}
