//! How codes of an older form version are reported under the codes of a newer one, so that
//! statistics spanning versions are comparable and say where they are not.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::CodeListId;
use super::forms::Form;
use super::reference::data;
use super::LocalizedText;

/// The mapping from one form version's codes to the next version's.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = CodeMappingSet)]
pub struct CodeMappingSet {
    /// The older form version.
    #[schema(example = "su-x-2020")]
    pub from_form: String,
    /// The newer form version.
    #[schema(example = "su-x-2021")]
    pub to_form: String,
    /// The rule statistics follow when they span both versions.
    pub harmonisation_rule: LocalizedText,
    /// One entry per code list of the newer version.
    pub lists: Vec<CodeListMapping>,
}

impl CodeMappingSet {
    /// The mapping of one code list.
    pub fn list(&self, id: CodeListId) -> Option<&CodeListMapping> {
        self.lists.iter().find(|list| list.list == id)
    }

    /// How the older version's `code` in list `id` is reported.
    pub fn map_code(&self, id: CodeListId, code: &str) -> Option<&CodeMapping> {
        self.list(id)?.mappings.iter().find(|m| m.from == code)
    }
}

/// The mapping of one code list.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = CodeListMapping)]
pub struct CodeListMapping {
    /// The code list.
    pub list: CodeListId,
    /// Every code of the older version, with the newer code it is reported under.
    pub mappings: Vec<CodeMapping>,
    /// Codes of the newer version that no older code maps to directly.
    pub new_codes: Vec<String>,
    /// Remarks on the list as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = LocalizedText, required = false)]
    pub note: Option<LocalizedText>,
}

/// How one older code is reported in newer terms.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = CodeMapping, example = json!({
    "from": "parent_mental_health_or_disability",
    "to": "parent_mental_health",
    "relation": "superset",
    "flagged": true
}))]
pub struct CodeMapping {
    /// Code in the older version.
    pub from: String,
    /// Code in the newer version that the older code is reported under.
    pub to: String,
    /// How the meanings relate.
    pub relation: MappingRelation,
    /// Whether statistics must flag figures that combine the two versions under this code.
    pub flagged: bool,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = LocalizedText, required = false)]
    pub note: Option<LocalizedText>,
}

/// How the meaning of an older code relates to the newer code it is reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = MappingRelation)]
pub enum MappingRelation {
    /// Same meaning.
    Identical,
    /// The older code covers more than the newer one (flagged).
    Superset,
    /// The older code covers less than the newer one (flagged).
    Subset,
    /// The older code is divided among newer codes by a documented rule (see the note).
    Split,
}

/// All mappings (currently `su-x-2020` → `su-x-2021`).
pub fn all() -> &'static [CodeMappingSet] {
    &data().mappings
}

/// The mapping from form version `from_form` to `to_form`.
pub fn between(from_form: &str, to_form: &str) -> Option<&'static CodeMappingSet> {
    all().iter().find(|m| m.from_form == from_form && m.to_form == to_form)
}

/// Checks that every older code is mapped exactly once to an existing newer code, that every
/// newer code is reached or listed as new, and that flags match relations.
pub(crate) fn validate(sets: &[CodeMappingSet], forms: &[Form]) -> Result<(), String> {
    let form = |id: &str| forms.iter().find(|f| f.id == id).ok_or_else(|| format!("unknown form `{id}`"));
    for set in sets {
        let (from, to) = (form(&set.from_form)?, form(&set.to_form)?);
        let tag = format!("{} → {}", from.id, to.id);
        let mut lists_seen = HashSet::new();
        for list in &set.lists {
            if !lists_seen.insert(list.list) {
                return Err(format!("{tag}: duplicate list {}", list.list));
            }
            let to_list =
                to.code_list(list.list).ok_or_else(|| format!("{tag}: {} is not a list of {}", list.list, to.id))?;
            let from_codes: Vec<&str> =
                from.code_list(list.list).map(|l| l.code_values().collect()).unwrap_or_default();
            let mapped_from: Vec<&str> = list.mappings.iter().map(|m| m.from.as_str()).collect();
            if mapped_from != from_codes {
                return Err(format!(
                    "{tag}: {} maps {mapped_from:?}, expected every older code once in order: {from_codes:?}",
                    list.list
                ));
            }
            let mut reached = HashSet::new();
            for m in &list.mappings {
                if !to_list.contains(&m.to) {
                    return Err(format!("{tag}: {} maps `{}` to unknown `{}`", list.list, m.from, m.to));
                }
                let must_flag = matches!(m.relation, MappingRelation::Superset | MappingRelation::Subset);
                if m.flagged != must_flag {
                    return Err(format!("{tag}: {} `{}`: flagged must be {must_flag}", list.list, m.from));
                }
                if m.relation != MappingRelation::Identical && m.note.is_none() {
                    return Err(format!("{tag}: {} `{}` needs a note", list.list, m.from));
                }
                reached.insert(m.to.as_str());
            }
            for code in &list.new_codes {
                if !to_list.contains(code) || reached.contains(code.as_str()) {
                    return Err(format!("{tag}: {} new code `{code}` is unknown or also mapped", list.list));
                }
                reached.insert(code);
            }
            if let Some(missing) = to_list.code_values().find(|c| !reached.contains(c)) {
                return Err(format!("{tag}: {} code `{missing}` is neither mapped nor new", list.list));
            }
        }
        if let Some(missing) = to.code_lists.iter().find(|l| !lists_seen.contains(&l.id)) {
            return Err(format!("{tag}: list {} is not covered", missing.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms;

    fn set() -> &'static CodeMappingSet {
        between("su-x-2020", "su-x-2021").expect("2020 → 2021 mapping")
    }

    #[test]
    fn every_2020_code_maps_to_a_2021_code() {
        let (v2020, v2021) = (forms::get("su-x-2020").unwrap(), forms::get("su-x-2021").unwrap());
        for list in &v2020.code_lists {
            for code in list.code_values() {
                let m =
                    set().map_code(list.id, code).unwrap_or_else(|| panic!("2020 {} `{code}` is not mapped", list.id));
                assert!(v2021.code_list(list.id).unwrap().contains(&m.to));
            }
        }
        assert_eq!(all().len(), 1);
    }

    #[test]
    fn the_named_differences_are_mapped_as_specified() {
        let pa = set().map_code(CodeListId::ProblemAreas, "parent_mental_health_or_disability").unwrap();
        assert_eq!(
            (pa.to.as_str(), pa.relation, pa.flagged),
            ("parent_mental_health", MappingRelation::Superset, true)
        );
        let tft = set().map_code(CodeListId::Interventions, "traditional_family_treatment").unwrap();
        assert_eq!((tft.relation, tft.flagged), (MappingRelation::Superset, true));
        let mm = set().map_code(CodeListId::Interventions, "manual_method").unwrap();
        assert_eq!((mm.to.as_str(), mm.relation), ("manual_method", MappingRelation::Split));
        let interventions = set().list(CodeListId::Interventions).unwrap();
        assert_eq!(interventions.new_codes, ["crisis_support", "other_non_manual"]);
        let births = set().list(CodeListId::BirthBackgrounds).unwrap();
        assert!(births.mappings.is_empty());
        assert_eq!(births.new_codes.len(), 6);
        for id in [CodeListId::Genders, CodeListId::PreviouslyActive, CodeListId::ClosingReasons] {
            assert!(set()
                .list(id)
                .unwrap()
                .mappings
                .iter()
                .all(|m| m.relation == MappingRelation::Identical && m.from == m.to));
        }
    }

    #[test]
    fn validation_catches_an_unmapped_code() {
        let mut sets = all().to_vec();
        sets[0].lists[0].mappings.pop();
        assert!(validate(&sets, forms::all()).is_err());
    }
}
