//! How figures spanning form versions were made comparable: the notes a statistic or a
//! release carries when it counted records of an older form version in the codes of the newer
//! one (`isu_domain::mapping`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::catalogue::HARMONISED_FORM;
use isu_domain::{mapping, LocalizedText};

/// A code of an older form version counted under a newer one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = HarmonisedCode)]
pub struct HarmonisedCode {
    /// `problem-areas`, `interventions`, ….
    pub list: String,
    pub from: String,
    pub to: String,
    /// `same`, `superset`, `subset`, `split`.
    pub relation: String,
}

/// How figures spanning form versions were made comparable.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = Harmonisation)]
pub struct Harmonisation {
    pub from_form: String,
    pub to_form: String,
    /// Records of `from_form` among those counted.
    pub records: u64,
    pub rule: LocalizedText,
    /// The flagged codes: those whose meaning differs between the versions.
    pub codes: Vec<HarmonisedCode>,
}

/// The harmonisation notes for figures that counted `harmonised` records of older versions
/// among `form_versions` (none when nothing was harmonised).
pub fn harmonisation(form_versions: &[String], harmonised: u64) -> Vec<Harmonisation> {
    if harmonised == 0 {
        return Vec::new();
    }
    mapping::all()
        .iter()
        .filter(|set| set.to_form == HARMONISED_FORM && form_versions.contains(&set.from_form))
        .map(|set| Harmonisation {
            from_form: set.from_form.clone(),
            to_form: set.to_form.clone(),
            records: harmonised,
            rule: set.harmonisation_rule.clone(),
            codes: set
                .lists
                .iter()
                .flat_map(|list| {
                    list.mappings.iter().filter(|m| m.flagged).map(move |m| HarmonisedCode {
                        list: list.list.as_str().to_string(),
                        from: m.from.clone(),
                        to: m.to.clone(),
                        relation: serde_json::to_value(m.relation)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                    })
                })
                .collect(),
        })
        .collect()
}
