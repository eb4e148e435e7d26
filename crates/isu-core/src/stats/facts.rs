//! One compact fact per record, harmonised to the current form version's codes, with every
//! dimension resolved to a position in the scope's [`Catalogue`]. The engine counts facts; it
//! never looks at codes again.

use chrono::Datelike;

use super::catalogue::{Catalogue, Dimension, AGE_BANDS, NOT_ASKED, UNLISTED};
use isu_domain::{mapping, normalise_method_name, CodeListId};
pub use isu_store::stats::RawCase;

/// One child, ready to count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Position in the catalogue of each single-valued dimension (by `Dimension::index`).
    single: [u16; Dimension::ALL.len()],
    /// Problem areas as a bit set over the catalogue's positions.
    problem_areas: u32,
    /// Interventions as a bit set over the catalogue's positions.
    interventions: u32,
    /// Named methods' positions.
    methods: MethodSet,
    pub age: u8,
    pub intervention_days: Option<i32>,
    pub enrolment_days: i32,
    /// Whether the record is on an older form version, its codes translated to the current one.
    pub harmonised: bool,
    /// The record's secret cell key (protected statistics sum them into cell keys).
    pub record_key: u32,
    /// Whether protected statistics count it yet (`db::keys::ADMISSION_BATCH`).
    pub admitted: bool,
}

impl Fact {
    /// The positions of `dim`'s values for this child (one, or any number for multi-valued
    /// dimensions), appended to `out` after clearing it.
    pub fn values_into(&self, dim: Dimension, out: &mut Vec<u16>) {
        out.clear();
        match dim {
            Dimension::ProblemArea => push_bits(self.problem_areas, out),
            Dimension::Intervention => push_bits(self.interventions, out),
            Dimension::ManualMethod => self.methods.push_into(out),
            single => out.push(self.single[single.index()]),
        }
    }

    pub fn value(&self, dim: Dimension) -> Option<u16> {
        (!dim.multi_valued()).then_some(self.single[dim.index()])
    }

    pub fn has(&self, dim: Dimension, position: u16) -> bool {
        match dim {
            Dimension::ProblemArea => self.problem_areas & (1 << position) != 0,
            Dimension::Intervention => self.interventions & (1 << position) != 0,
            Dimension::ManualMethod => self.methods.contains(position),
            single => self.single[single.index()] == position,
        }
    }

    /// A copy of this fact moved into a class that has no children here, so that the class can
    /// be a zero-count atom of a protection problem: `conditions` set single dimensions or add a
    /// value of a multi-valued one; `problem_areas` (when given) replace the areas;
    /// `with_days` gives it intervention days.
    pub fn moved_to(&self, conditions: &[(Dimension, u16)], problem_areas: Option<&[u16]>, with_days: bool) -> Fact {
        let mut fact = self.clone();
        for (dim, position) in conditions {
            match dim {
                Dimension::ProblemArea => fact.problem_areas |= 1 << position,
                Dimension::Intervention => fact.interventions |= 1 << position,
                Dimension::ManualMethod => fact.methods.insert(*position),
                single => fact.single[single.index()] = *position,
            }
        }
        if let Some(areas) = problem_areas {
            fact.problem_areas = areas.iter().fold(0, |mask, p| mask | (1 << p));
        }
        if with_days && fact.intervention_days.is_none() {
            fact.intervention_days = Some(0);
        }
        fact
    }

    pub fn problem_area_count(&self) -> u32 {
        self.problem_areas.count_ones()
    }

    /// The problem areas' positions, ascending.
    pub fn problem_area_positions(&self) -> Vec<u16> {
        let mut out = Vec::new();
        push_bits(self.problem_areas, &mut out);
        out
    }
}

#[cfg(test)]
impl Fact {
    /// A fact with every position 0.
    pub fn for_tests() -> Self {
        Fact {
            single: [0; Dimension::ALL.len()],
            problem_areas: 1,
            interventions: 0,
            methods: MethodSet::default(),
            age: 0,
            intervention_days: None,
            enrolment_days: 0,
            harmonised: false,
            record_key: 0,
            admitted: true,
        }
    }
}

/// A fact's named methods: a bit set while every position is below 64 (a registry of up to 63
/// methods and "unlisted"; no allocation, 8 bytes), else the positions themselves. A million facts
/// are held in memory, so this matters: a `Vec<u16>` was 24 bytes and an allocation each.
#[derive(Debug, Clone, PartialEq, Eq)]
enum MethodSet {
    Bits(u64),
    /// Distinct, ascending; used only when some position is 64 or more.
    Positions(Box<[u16]>),
}

impl Default for MethodSet {
    fn default() -> Self {
        MethodSet::Bits(0)
    }
}

impl MethodSet {
    fn from_positions(mut positions: Vec<u16>) -> Self {
        positions.sort_unstable();
        positions.dedup();
        if positions.last().is_none_or(|&p| p < 64) {
            MethodSet::Bits(positions.iter().fold(0, |bits, p| bits | (1 << p)))
        } else {
            MethodSet::Positions(positions.into_boxed_slice())
        }
    }

    fn contains(&self, position: u16) -> bool {
        match self {
            MethodSet::Bits(bits) => position < 64 && bits & (1 << position) != 0,
            MethodSet::Positions(p) => p.binary_search(&position).is_ok(),
        }
    }

    fn insert(&mut self, position: u16) {
        match self {
            MethodSet::Bits(bits) if position < 64 => *bits |= 1 << position,
            _ => {
                let mut positions = Vec::new();
                self.push_into(&mut positions);
                positions.push(position);
                *self = MethodSet::from_positions(positions);
            }
        }
    }

    /// Appends the positions, ascending.
    fn push_into(&self, out: &mut Vec<u16>) {
        match self {
            MethodSet::Bits(mut bits) => {
                while bits != 0 {
                    out.push(bits.trailing_zeros() as u16);
                    bits &= bits - 1;
                }
            }
            MethodSet::Positions(p) => out.extend_from_slice(p),
        }
    }
}

fn push_bits(mut bits: u32, out: &mut Vec<u16>) {
    while bits != 0 {
        let position = bits.trailing_zeros();
        out.push(position as u16);
        bits &= bits - 1;
    }
}

/// Why a stored record could not become a fact (data written outside this API's rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactError(pub String);

/// Turns stored records into facts for one catalogue. Records outside the scope's units are
/// skipped (the loader only reads the scope, so this is a second line of defence).
pub struct FactBuilder<'a> {
    catalogue: &'a Catalogue,
    /// unit id → (unit position, municipality position, region position)
    units: std::collections::HashMap<&'a str, (u16, u16, Option<u16>)>,
    older: Vec<&'static mapping::CodeMappingSet>,
    crisis_method: Option<u16>,
    crisis_code: Option<u16>,
    manual_code: Option<u16>,
}

impl<'a> FactBuilder<'a> {
    /// `unit_municipalities`: every unit in scope with its municipality code.
    pub fn new(catalogue: &'a Catalogue, unit_municipalities: &'a [(String, String)]) -> Self {
        let mut units = std::collections::HashMap::new();
        for (unit, municipality) in unit_municipalities {
            let (Some(u), Some(m)) =
                (catalogue.position(Dimension::Unit, unit), catalogue.position(Dimension::Municipality, municipality))
            else {
                continue;
            };
            let region = catalogue.scope.municipalities[m as usize].region.map(|r| r as u16);
            units.insert(unit.as_str(), (u, m, region));
        }
        let older = mapping::all().iter().filter(|set| set.to_form == super::catalogue::HARMONISED_FORM).collect();
        let crisis_method = catalogue
            .scope
            .methods
            .iter()
            .find(|(_, _, code)| code == "crisis_support")
            .and_then(|(id, _, _)| catalogue.position(Dimension::ManualMethod, id));
        Self {
            catalogue,
            units,
            older,
            crisis_method,
            crisis_code: catalogue.position(Dimension::Intervention, "crisis_support"),
            manual_code: catalogue.position(Dimension::Intervention, "manual_method"),
        }
    }

    /// The code an older version's `code` is reported under (itself when no mapping names it).
    fn harmonise(&self, form: &str, list: CodeListId, code: &str) -> String {
        match self.older.iter().find(|set| set.from_form == form).and_then(|set| set.map_code(list, code)) {
            Some(m) => m.to.clone(),
            None => code.to_string(),
        }
    }

    fn position(&self, dim: Dimension, code: &str) -> Result<u16, FactError> {
        self.catalogue
            .position(dim, code)
            .ok_or_else(|| FactError(format!("stored {} value {code:?} is not in the catalogue", dim.id())))
    }

    fn method_position(&self, name: &str, method_id: Option<&str>) -> Option<u16> {
        let id = match method_id {
            Some(id) => Some(id.to_string()),
            None => self.catalogue.scope.method_names.get(&normalise_method_name(name)).cloned(),
        };
        id.and_then(|id| self.catalogue.position(Dimension::ManualMethod, &id))
    }

    /// `Ok(None)`: the record lies outside the scope (unit unknown, or a year outside it).
    pub fn build(&self, raw: &RawCase) -> Result<Option<Fact>, FactError> {
        let Some(&(unit, municipality, region)) = self.units.get(raw.unit_id.as_str()) else {
            return Ok(None);
        };
        let Some(year) = self.catalogue.position(Dimension::Year, &raw.content.closed_on.year().to_string()) else {
            return Ok(None);
        };
        let older_form = raw.content.form != super::catalogue::HARMONISED_FORM;
        let mut single = [0u16; Dimension::ALL.len()];
        single[Dimension::Year.index()] = year;
        // Municipalities outside any region never reach a region-scoped catalogue; nationally
        // they are counted under no region only when the catalogue has such a value.
        single[Dimension::Region.index()] = region.unwrap_or(u16::MAX);
        single[Dimension::Municipality.index()] = municipality;
        single[Dimension::Unit.index()] = unit;
        single[Dimension::Gender.index()] = self.position(Dimension::Gender, &raw.content.gender)?;
        let age = u8::try_from(raw.content.age_at_referral).map_err(|_| FactError("age out of range".into()))?;
        let band = AGE_BANDS
            .iter()
            .position(|(_, low, high)| (*low..=*high).contains(&age))
            .ok_or_else(|| FactError(format!("age {age} is in no age band")))?;
        single[Dimension::AgeBand.index()] = band as u16;
        single[Dimension::BirthBackground.index()] =
            self.position(Dimension::BirthBackground, raw.content.birth_background.as_deref().unwrap_or(NOT_ASKED))?;
        single[Dimension::PreviouslyActive.index()] =
            self.position(Dimension::PreviouslyActive, &raw.content.previously_active)?;
        single[Dimension::InterventionType.index()] =
            self.position(Dimension::InterventionType, &raw.content.intervention_type)?;
        single[Dimension::ClosingReason.index()] =
            self.position(Dimension::ClosingReason, &raw.content.closing_reason)?;
        single[Dimension::Form.index()] = self.position(Dimension::Form, &raw.content.form)?;

        let mut problem_areas = 0u32;
        for code in raw.content.problem_area_codes.split(',').filter(|c| !c.is_empty()) {
            let code = if older_form {
                self.harmonise(&raw.content.form, CodeListId::ProblemAreas, code)
            } else {
                code.to_string()
            };
            problem_areas |= 1 << self.position(Dimension::ProblemArea, &code)?;
        }
        let mut interventions = 0u32;
        for code in raw.content.intervention_codes.split(',').filter(|c| !c.is_empty()) {
            let code = if older_form {
                self.harmonise(&raw.content.form, CodeListId::Interventions, code)
            } else {
                code.to_string()
            };
            interventions |= 1 << self.position(Dimension::Intervention, &code)?;
        }
        let mut methods: Vec<u16> = Vec::new();
        let mut crisis_named = false;
        let mut other_named = false;
        for (name, method_id) in &raw.content.methods {
            let position = self.method_position(name, method_id.as_deref());
            let is_crisis = position.is_some() && position == self.crisis_method;
            crisis_named |= is_crisis;
            other_named |= !is_crisis;
            methods.push(match position {
                Some(p) => p,
                None => self.position(Dimension::ManualMethod, UNLISTED)?,
            });
        }
        if let Some(crisis_code) = self.crisis_code {
            if interventions & (1 << crisis_code) != 0 {
                // Ticked (2021): counted as the registry's crisis-support method too.
                methods.extend(self.crisis_method);
            } else if crisis_named {
                // Named (2020): reported under the 2021 code, and not as another method.
                interventions |= 1 << crisis_code;
                if !other_named {
                    if let Some(manual) = self.manual_code {
                        interventions &= !(1 << manual);
                    }
                }
            }
        }
        let methods = MethodSet::from_positions(methods);
        Ok(Some(Fact {
            single,
            problem_areas,
            interventions,
            methods,
            age,
            intervention_days: raw.content.intervention_days,
            enrolment_days: raw.content.enrolment_days,
            harmonised: older_form,
            record_key: raw.record_key,
            admitted: raw.admitted,
        }))
    }
}

#[cfg(test)]
mod method_set_tests {
    use super::*;

    #[test]
    fn method_sets_keep_positions_distinct_and_ascending_in_both_forms() {
        for positions in [vec![3u16, 1, 3, 0], vec![70, 2, 70, 5]] {
            let mut set = MethodSet::from_positions(positions.clone());
            let mut out = Vec::new();
            set.push_into(&mut out);
            let mut expected = positions.clone();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(out, expected);
            assert!(set.contains(expected[1]) && !set.contains(4));
            set.insert(100);
            set.insert(4);
            assert!(set.contains(100) && set.contains(4) && matches!(set, MethodSet::Positions(_)));
        }
        assert_eq!(MethodSet::from_positions(vec![63]), MethodSet::Bits(1 << 63));
    }

    #[test]
    fn a_fact_stays_small() {
        // A million of them are cached: keep an eye on the size.
        assert!(std::mem::size_of::<Fact>() <= 72, "{}", std::mem::size_of::<Fact>());
    }
}
