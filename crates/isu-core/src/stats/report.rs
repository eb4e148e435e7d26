//! The yearly SU-X report (seed report chapter 5 and Bilaga 3) as a fixed list of named tables,
//! each an ordinary statistics query. The same list is what releases publish, so the report is
//! comparable across regions by construction.

use super::catalogue::{Dimension as D, Measure as M};
use isu_domain::LocalizedText;

/// One table of the report.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// Stable id, e.g. `d1_problem_areas` (after the report's numbering where it has one).
    pub id: &'static str,
    pub title_sv: &'static str,
    pub title_en: &'static str,
    pub group_by: &'static [D],
    pub measures: &'static [M],
    /// Only for years from this one (birth background is asked from 2021).
    pub from_year: Option<i32>,
}

impl TableSpec {
    pub fn title(&self) -> LocalizedText {
        LocalizedText { sv: self.title_sv.to_string(), en: self.title_en.to_string() }
    }

    pub fn applies_to(&self, year: i32) -> bool {
        self.from_year.is_none_or(|from| year >= from)
    }
}

const fn spec(
    id: &'static str,
    title_sv: &'static str,
    title_en: &'static str,
    group_by: &'static [D],
    measures: &'static [M],
) -> TableSpec {
    TableSpec { id, title_sv, title_en, group_by, measures, from_year: None }
}

/// Every table, in the report's order.
pub const SU_X_TABLES: &[TableSpec] = &[
    spec(
        "t1_background",
        "Tabell 1. Antal barn per kommun och kön, ålder och genomsnittlig inskrivningstid",
        "Table 1. Children per municipality and gender, age and mean enrolment time",
        &[D::Municipality, D::Gender],
        &[M::Children, M::Share, M::Age, M::EnrolmentDays],
    ),
    spec(
        "d1_problem_areas",
        "Diagram 1. Andel barn med respektive problemområde",
        "Diagram 1. Share of children with each problem area",
        &[D::ProblemArea],
        &[M::Children, M::Share],
    ),
    spec(
        "d2_problem_areas_by_gender",
        "Diagram 2. Problemområden per kön",
        "Diagram 2. Problem areas by gender",
        &[D::Gender, D::ProblemArea],
        &[M::Children, M::Share],
    ),
    spec(
        "tx1_problem_areas_alone",
        "Tabell X.1. Problemområden: antal omnämnanden och hur ofta området är det enda",
        "Table X.1. Problem areas: mentions and how often each is the only one",
        &[D::ProblemArea],
        &[M::Mentions, M::Alone],
    ),
    spec(
        "problem_area_combinations",
        "Kombinationer av problemområden",
        "Combinations of problem areas",
        &[],
        &[M::Children, M::Combinations],
    ),
    spec(
        "d4_intervention_type",
        "Diagram 4. Insatstyp per kommun",
        "Diagram 4. Intervention type per municipality",
        &[D::Municipality, D::InterventionType],
        &[M::Children, M::Share],
    ),
    spec(
        "t2_manual_methods",
        "Tabell 2. Namngivna manualbaserade metoder",
        "Table 2. Named manual-based methods",
        &[D::ManualMethod],
        &[M::Children],
    ),
    spec(
        "d5_intervention_by_problem",
        "Diagram 5. Insatstyp per problemområde",
        "Diagram 5. Intervention type per problem area",
        &[D::ProblemArea, D::InterventionType],
        &[M::Children, M::Share],
    ),
    spec(
        "d6_closing_reasons",
        "Diagram 6. Avslutsorsaker",
        "Diagram 6. Closing reasons",
        &[D::ClosingReason],
        &[M::Children, M::Share],
    ),
    spec(
        "d7_closing_by_intervention",
        "Diagram 7. Avslutsorsak per insatstyp",
        "Diagram 7. Closing reason per intervention type",
        &[D::InterventionType, D::ClosingReason],
        &[M::Children, M::Share],
    ),
    spec(
        "closing_by_problem",
        "Avslutsorsak per problemområde",
        "Closing reason per problem area",
        &[D::ProblemArea, D::ClosingReason],
        &[M::Children, M::Share],
    ),
    spec(
        "tx2_days_by_problem",
        "Tabell X.2 / Diagram 8. Insatsens längd i dagar per problemområde",
        "Table X.2 / Diagram 8. Intervention days per problem area",
        &[D::ProblemArea],
        &[M::InterventionDays],
    ),
    spec(
        "d9_days_by_intervention",
        "Diagram 9. Insatsens längd i dagar per insatstyp",
        "Diagram 9. Intervention days per intervention type",
        &[D::InterventionType],
        &[M::InterventionDays],
    ),
    spec(
        "t3_previously_active",
        "Tabell 3. Tidigare aktuell: antal, genomsnittlig inskrivningstid och ålder",
        "Table 3. Previously active: children, mean enrolment time and age",
        &[D::PreviouslyActive],
        &[M::Children, M::EnrolmentDays, M::Age],
    ),
    TableSpec {
        from_year: Some(2021),
        ..spec(
            "by_birth_background",
            "Födelsebakgrund och insatstyp (lika tillgång)",
            "Birth background and intervention type (equal access)",
            &[D::BirthBackground, D::InterventionType],
            &[M::Children, M::Share],
        )
    },
];

pub fn table(id: &str) -> Option<&'static TableSpec> {
    SU_X_TABLES.iter().find(|t| t.id == id)
}
