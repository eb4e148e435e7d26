//! Code lists: the closed answer sets of the form (problem areas, interventions, closing reasons,
//! genders, birth backgrounds, previously active). Each form version carries its own lists; see
//! [`crate::forms::Form::code_list`].

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::LocalizedText;

/// Identifies a code list; the value is also its URL slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(as = CodeListId, example = "problem-areas")]
pub enum CodeListId {
    /// Q7 `problem_areas`: the main problems in the assignment (1–3).
    ProblemAreas,
    /// Q8 `interventions`: the interventions given.
    Interventions,
    /// Q10 `closing_reason`: why the case closed.
    ClosingReasons,
    /// Q2 `gender`.
    Genders,
    /// Q3 `birth_background` (from SU-X 2021).
    BirthBackgrounds,
    /// Q6 `previously_active`: earlier cases at the same unit.
    PreviouslyActive,
}

impl CodeListId {
    /// Every code list, in form order.
    pub const ALL: [CodeListId; 6] = [
        CodeListId::Genders,
        CodeListId::BirthBackgrounds,
        CodeListId::PreviouslyActive,
        CodeListId::ProblemAreas,
        CodeListId::Interventions,
        CodeListId::ClosingReasons,
    ];

    /// The URL slug, e.g. `problem-areas`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CodeListId::ProblemAreas => "problem-areas",
            CodeListId::Interventions => "interventions",
            CodeListId::ClosingReasons => "closing-reasons",
            CodeListId::Genders => "genders",
            CodeListId::BirthBackgrounds => "birth-backgrounds",
            CodeListId::PreviouslyActive => "previously-active",
        }
    }

    /// The wire name of the record field whose values come from this list.
    pub const fn field(self) -> &'static str {
        match self {
            CodeListId::ProblemAreas => "problem_areas",
            CodeListId::Interventions => "interventions",
            CodeListId::ClosingReasons => "closing_reason",
            CodeListId::Genders => "gender",
            CodeListId::BirthBackgrounds => "birth_background",
            CodeListId::PreviouslyActive => "previously_active",
        }
    }
}

impl fmt::Display for CodeListId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string is not the slug of a code list.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown code list `{0}`")]
pub struct UnknownCodeList(pub String);

impl FromStr for CodeListId {
    type Err = UnknownCodeList;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CodeListId::ALL.into_iter().find(|id| id.as_str() == s).ok_or_else(|| UnknownCodeList(s.to_owned()))
    }
}

/// A code list of one form version, codes in form order.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = CodeList)]
pub struct CodeList {
    /// The list's id and URL slug.
    pub id: CodeListId,
    /// Wire name of the record field that takes codes from this list.
    #[schema(example = "problem_areas")]
    pub field: String,
    /// Name of the list.
    pub name: LocalizedText,
    /// The codes, in form order (`position` 1, 2, …).
    pub codes: Vec<Code>,
}

impl CodeList {
    /// The entry for `code`, if it belongs to this list.
    pub fn get(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// Whether `code` belongs to this list.
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The codes, in form order.
    pub fn code_values(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(|c| c.code.as_str())
    }
}

/// One answer option of a code list.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = Code, example = json!({
    "code": "domestic_violence",
    "position": 2,
    "label": {"sv": "Våld i familjen", "en": "Violence in the family"},
    "definition": {
        "sv": "Våld mellan familjemedlemmar som barnet bevittnar (ser eller hör) …",
        "en": "Violence between family members that the child witnesses (sees or hears) …"
    }
}))]
pub struct Code {
    /// Stable wire code (snake_case); never reused with another meaning.
    #[schema(example = "domestic_violence")]
    pub code: String,
    /// Position on the form, 1-based (closing reasons: the number printed on the form).
    #[schema(example = 2)]
    pub position: u8,
    /// Label; Swedish exactly as in the SU-X specification.
    pub label: LocalizedText,
    /// What counts under this code and what does not (after the report's user guide, Bilaga 2).
    pub definition: LocalizedText,
    /// The option's full wording on the printed form, where it differs from `label.sv`
    /// (typically with an instruction such as ", ange vilken").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_wording_sv: Option<String>,
    /// Version-specific remark, e.g. how the option was used in 2020.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = LocalizedText, required = false)]
    pub note: Option<LocalizedText>,
}

/// Checks one list: codes are snake_case and unique, positions are 1..=n in order.
pub(crate) fn validate_list(list: &CodeList) -> Result<(), String> {
    let id = list.id;
    if list.field != id.field() {
        return Err(format!("code list {id}: field is `{}`, expected `{}`", list.field, id.field()));
    }
    if list.codes.is_empty() {
        return Err(format!("code list {id} is empty"));
    }
    let mut seen = HashSet::new();
    for (i, code) in list.codes.iter().enumerate() {
        if usize::from(code.position) != i + 1 {
            return Err(format!("code list {id}: `{}` has position {}, expected {}", code.code, code.position, i + 1));
        }
        let well_formed = code.code.starts_with(|c: char| c.is_ascii_lowercase())
            && code.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            return Err(format!("code list {id}: `{}` is not a snake_case code", code.code));
        }
        if !seen.insert(code.code.as_str()) {
            return Err(format!("code list {id}: duplicate code `{}`", code.code));
        }
        for text in [&code.label, &code.definition] {
            if text.sv.trim().is_empty() || text.en.trim().is_empty() {
                return Err(format!("code list {id}: `{}` has an empty label or definition", code.code));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_list_ids_round_trip_through_slugs_and_serde() {
        assert_eq!(CodeListId::ALL.len(), 6);
        for id in CodeListId::ALL {
            assert_eq!(id.as_str().parse::<CodeListId>(), Ok(id));
            assert_eq!(id.to_string(), id.as_str());
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.as_str()));
            assert_eq!(serde_json::from_str::<CodeListId>(&json).unwrap(), id);
        }
        assert_eq!("problem_areas".parse::<CodeListId>(), Err(UnknownCodeList("problem_areas".into())));
    }
}
