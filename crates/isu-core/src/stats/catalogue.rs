//! The fixed catalogue of statistics: the dimensions a figure can be broken down by, the measures
//! it can show, and — for one scope — every value each dimension takes. Nothing outside this
//! catalogue can be asked for: no free SQL, no free-text values.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use isu_domain::{self as domain, CodeListId, LocalizedText};
pub use isu_store::stats::{ScopeData, ScopeMunicipality};

/// A variable figures are broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = StatsDimension)]
pub enum Dimension {
    /// The year the case closed.
    Year,
    /// The region (FoU) of the unit's municipality.
    Region,
    /// The unit's municipality (SCB kommunkod).
    Municipality,
    /// The outpatient unit (its id).
    Unit,
    /// Q2, gender.
    Gender,
    /// Q1 in bands: 0–5, 6–12, 13–17, 18–20.
    AgeBand,
    /// Q3 (from 2021; 2020 records are `not_asked`).
    BirthBackground,
    /// Q6, earlier cases at the same unit.
    PreviouslyActive,
    /// Q7, multi-valued: a child counts once in each of its areas (harmonised to 2021 codes).
    ProblemArea,
    /// Derived from Q8 and Q10.
    InterventionType,
    /// Q8, multi-valued (harmonised to 2021 codes).
    Intervention,
    /// Named manual-based methods, multi-valued: registry ids (free text resolved through the
    /// registry's names and aliases), else `unlisted`.
    ManualMethod,
    /// Q10.
    ClosingReason,
    /// The form version of the record.
    Form,
}

impl Dimension {
    pub const ALL: [Dimension; 14] = [
        Dimension::Year,
        Dimension::Region,
        Dimension::Municipality,
        Dimension::Unit,
        Dimension::Gender,
        Dimension::AgeBand,
        Dimension::BirthBackground,
        Dimension::PreviouslyActive,
        Dimension::ProblemArea,
        Dimension::InterventionType,
        Dimension::Intervention,
        Dimension::ManualMethod,
        Dimension::ClosingReason,
        Dimension::Form,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Dimension::Year => "year",
            Dimension::Region => "region",
            Dimension::Municipality => "municipality",
            Dimension::Unit => "unit",
            Dimension::Gender => "gender",
            Dimension::AgeBand => "age_band",
            Dimension::BirthBackground => "birth_background",
            Dimension::PreviouslyActive => "previously_active",
            Dimension::ProblemArea => "problem_area",
            Dimension::InterventionType => "intervention_type",
            Dimension::Intervention => "intervention",
            Dimension::ManualMethod => "manual_method",
            Dimension::ClosingReason => "closing_reason",
            Dimension::Form => "form",
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == id)
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// A child may have several values (counts then sum past the number of children).
    pub const fn multi_valued(self) -> bool {
        matches!(self, Dimension::ProblemArea | Dimension::Intervention | Dimension::ManualMethod)
    }

    /// Whether unit-reported closures (coverage) exist at this level.
    pub const fn organisational(self) -> bool {
        matches!(self, Dimension::Year | Dimension::Region | Dimension::Municipality | Dimension::Unit)
    }

    pub fn label(self) -> LocalizedText {
        let (sv, en) = match self {
            Dimension::Year => ("År", "Year"),
            Dimension::Region => ("Region", "Region"),
            Dimension::Municipality => ("Kommun", "Municipality"),
            Dimension::Unit => ("Verksamhet", "Unit"),
            Dimension::Gender => ("Kön", "Gender"),
            Dimension::AgeBand => ("Åldersgrupp", "Age band"),
            Dimension::BirthBackground => ("Födelsebakgrund", "Birth background"),
            Dimension::PreviouslyActive => ("Tidigare aktuell", "Previously active"),
            Dimension::ProblemArea => ("Problemområde", "Problem area"),
            Dimension::InterventionType => ("Insatstyp", "Intervention type"),
            Dimension::Intervention => ("Insats", "Intervention"),
            Dimension::ManualMethod => ("Manualbaserad metod", "Manual-based method"),
            Dimension::ClosingReason => ("Avslutsorsak", "Closing reason"),
            Dimension::Form => ("Formulärversion", "Form version"),
        };
        text(sv, en)
    }
}

/// A figure shown for every cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = StatsMeasure)]
pub enum Measure {
    /// Children (= closed cases) in the cell.
    Children,
    /// Children in the cell ÷ children in its group (see `share_denominator` in the metadata).
    Share,
    /// Problem areas named by the cell's children (each child once per area in the cell).
    Mentions,
    /// Children in the cell with exactly one problem area.
    Alone,
    /// Pairs of problem areas named together, with the number of children naming both.
    Combinations,
    /// Days from first meeting to closing (n, mean, median, p10, p90, min, max); never-started
    /// excluded.
    InterventionDays,
    /// Days from referral to closing (n, mean, median, p10, p90, min, max).
    EnrolmentDays,
    /// Age at referral (mean, min, max).
    Age,
    /// Registered records ÷ closed cases reported by the units (organisational dimensions only).
    Coverage,
}

impl Measure {
    pub const ALL: [Measure; 9] = [
        Measure::Children,
        Measure::Share,
        Measure::Mentions,
        Measure::Alone,
        Measure::Combinations,
        Measure::InterventionDays,
        Measure::EnrolmentDays,
        Measure::Age,
        Measure::Coverage,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Measure::Children => "children",
            Measure::Share => "share",
            Measure::Mentions => "mentions",
            Measure::Alone => "alone",
            Measure::Combinations => "combinations",
            Measure::InterventionDays => "intervention_days",
            Measure::EnrolmentDays => "enrolment_days",
            Measure::Age => "age",
            Measure::Coverage => "coverage",
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn label(self) -> LocalizedText {
        let (sv, en) = match self {
            Measure::Children => ("Antal barn", "Children"),
            Measure::Share => ("Andel", "Share"),
            Measure::Mentions => ("Antal omnämnanden", "Mentions"),
            Measure::Alone => ("Enda problemområde", "Only problem area"),
            Measure::Combinations => ("Kombinationer", "Combinations"),
            Measure::InterventionDays => ("Insatsens längd (dagar)", "Intervention days"),
            Measure::EnrolmentDays => ("Inskrivningstid (dagar)", "Enrolment days"),
            Measure::Age => ("Ålder", "Age"),
            Measure::Coverage => ("Täckningsgrad", "Coverage"),
        };
        text(sv, en)
    }
}

fn text(sv: &str, en: &str) -> LocalizedText {
    LocalizedText { sv: sv.to_string(), en: en.to_string() }
}

/// One value of a dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = StatsDimensionValue)]
pub struct DimensionValue {
    /// The code used in rows and filters.
    #[schema(example = "girl")]
    pub code: String,
    pub label: LocalizedText,
}

/// Age bands of the `age_band` dimension: (code, lowest age, highest age).
pub const AGE_BANDS: [(&str, u8, u8); 4] = [("0-5", 0, 5), ("6-12", 6, 12), ("13-17", 13, 17), ("18-20", 18, 20)];

/// Birth background of records on a form that did not ask (SU-X 2020).
pub const NOT_ASKED: &str = "not_asked";
/// A named method that neither the registry nor its aliases know.
pub const UNLISTED: &str = "unlisted";
/// The form version statistics harmonise to.
pub const HARMONISED_FORM: &str = "su-x-2021";

/// Every value of every dimension within one scope, in a fixed order (rows come in this order).
#[derive(Debug, Clone)]
pub struct Catalogue {
    values: Vec<Vec<DimensionValue>>,
    positions: Vec<HashMap<String, u16>>,
    pub scope: ScopeData,
}

fn code_list_values(list: CodeListId) -> Vec<DimensionValue> {
    let form = domain::forms::get(HARMONISED_FORM).expect("the harmonised form is embedded");
    form.code_list(list)
        .map(|l| l.codes.iter().map(|c| DimensionValue { code: c.code.clone(), label: c.label.clone() }).collect())
        .unwrap_or_default()
}

/// Labels of the derived intervention types.
pub fn intervention_type_values() -> Vec<DimensionValue> {
    [
        ("traditional_only", "Enbart traditionell familjebehandling", "Traditional family treatment only"),
        ("manual_only", "Enbart manualbaserad insats", "Manual-based only"),
        ("traditional_and_manual", "Både traditionell och manualbaserad", "Both traditional and manual-based"),
        ("other_only", "Enbart annan ej manualbaserad insats", "Other non-manual-based only"),
        ("none", "Insatsen påbörjades aldrig", "Never started"),
    ]
    .into_iter()
    .map(|(code, sv, en)| DimensionValue { code: code.into(), label: text(sv, en) })
    .collect()
}

impl Catalogue {
    pub fn new(scope: ScopeData) -> Self {
        let mut values: Vec<Vec<DimensionValue>> = vec![Vec::new(); Dimension::ALL.len()];
        for dim in Dimension::ALL {
            values[dim.index()] = match dim {
                Dimension::Year => (scope.first_year..=scope.last_year)
                    .map(|y| DimensionValue { code: y.to_string(), label: text(&y.to_string(), &y.to_string()) })
                    .collect(),
                Dimension::Region => scope
                    .regions
                    .iter()
                    .map(|(id, name)| DimensionValue { code: id.clone(), label: text(name, name) })
                    .collect(),
                Dimension::Municipality => scope
                    .municipalities
                    .iter()
                    .map(|m| DimensionValue { code: m.code.clone(), label: text(&m.name, &m.name) })
                    .collect(),
                Dimension::Unit => scope
                    .units
                    .iter()
                    .map(|(id, name)| DimensionValue { code: id.clone(), label: text(name, name) })
                    .collect(),
                Dimension::Gender => code_list_values(CodeListId::Genders),
                Dimension::AgeBand => AGE_BANDS
                    .iter()
                    .map(|(code, low, high)| DimensionValue {
                        code: code.to_string(),
                        label: text(&format!("{low}–{high} år"), &format!("{low}–{high} years")),
                    })
                    .collect(),
                Dimension::BirthBackground => {
                    let mut v = code_list_values(CodeListId::BirthBackgrounds);
                    v.push(DimensionValue {
                        code: NOT_ASKED.into(),
                        label: text("Efterfrågades inte (SU-X 2020)", "Not asked (SU-X 2020)"),
                    });
                    v
                }
                Dimension::PreviouslyActive => code_list_values(CodeListId::PreviouslyActive),
                Dimension::ProblemArea => code_list_values(CodeListId::ProblemAreas),
                Dimension::InterventionType => intervention_type_values(),
                Dimension::Intervention => code_list_values(CodeListId::Interventions),
                Dimension::ManualMethod => {
                    let mut v: Vec<DimensionValue> = scope
                        .methods
                        .iter()
                        .map(|(id, name, _)| DimensionValue { code: id.clone(), label: text(name, name) })
                        .collect();
                    v.push(DimensionValue {
                        code: UNLISTED.into(),
                        label: text("Metod som inte finns i registret", "Method not in the registry"),
                    });
                    v
                }
                Dimension::ClosingReason => code_list_values(CodeListId::ClosingReasons),
                Dimension::Form => domain::forms::all()
                    .iter()
                    .map(|f| DimensionValue { code: f.id.clone(), label: f.title.clone() })
                    .collect(),
            };
        }
        let positions = values
            .iter()
            .map(|list| list.iter().enumerate().map(|(i, v)| (v.code.clone(), i as u16)).collect())
            .collect();
        Self { values, positions, scope }
    }

    pub fn values(&self, dim: Dimension) -> &[DimensionValue] {
        &self.values[dim.index()]
    }

    pub fn position(&self, dim: Dimension, code: &str) -> Option<u16> {
        self.positions[dim.index()].get(code).copied()
    }

    pub fn code(&self, dim: Dimension, position: u16) -> &str {
        &self.values[dim.index()][position as usize].code
    }
}
