//! The registry of named manual-based methods (seeded from Table 2 of the report), and the name
//! normalisation used to match free-text method names against it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::CodeListId;
use super::forms::Form;
use super::reference::data;
use super::LocalizedText;

/// A named manual-based method.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = ManualMethod, example = json!({
    "id": "trygghetscirkeln",
    "name": "Trygghetscirkeln",
    "description": {
        "sv": "Circle of Security Parenting (COS-P): anknytningsbaserat föräldrastödsprogram …",
        "en": "Circle of Security Parenting (COS-P): an attachment-based parenting programme …"
    },
    "aliases": ["COS-P", "Circle of Security"],
    "intervention_code": "manual_method"
}))]
pub struct ManualMethod {
    /// Stable slug; may be posted in `manual_methods` instead of a name.
    #[schema(example = "trygghetscirkeln")]
    pub id: String,
    /// Name as used in the reports.
    #[schema(example = "Trygghetscirkeln")]
    pub name: String,
    /// Short description.
    pub description: LocalizedText,
    /// Other spellings seen in free text. Matching is on [`normalise_method_name`], so aliases
    /// that differ from the name only in case, spacing or punctuation are not listed.
    pub aliases: Vec<String>,
    /// The Q8 intervention code the method is counted under: `manual_method`, or
    /// `crisis_support` for crisis support (a named method on the 2020 form).
    #[schema(example = "manual_method")]
    pub intervention_code: String,
}

impl ManualMethod {
    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The seed registry, in the order of the report's Table 2.
pub fn seed() -> &'static [ManualMethod] {
    &data().methods
}

/// The method with slug `id`.
pub fn get(id: &str) -> Option<&'static ManualMethod> {
    seed().iter().find(|m| m.id == id)
}

/// The method a posted entry refers to: an exact registry id, or a name or alias equal to the
/// entry after [`normalise_method_name`]. `None` means free text not (yet) in the registry.
pub fn find(name_or_id: &str) -> Option<&'static ManualMethod> {
    get(name_or_id.trim()).or_else(|| {
        let key = normalise_method_name(name_or_id);
        let data = data();
        data.method_names.get(&key).map(|&i| &data.methods[i])
    })
}

/// The key free-text method names are matched on: lower case; common Latin diacritics folded
/// (å ä → a, ö ø → o, é → e, ü → u …); every run of characters that are not letters or digits
/// (spaces, hyphens, punctuation, parentheses) becomes one space; trimmed.
///
/// `"Circle of Security – Parenting"` → `"circle of security parenting"`,
/// `"A-CRA"` → `"a cra"`, `"Påverkansprogrammet"` → `"paverkansprogrammet"`.
pub fn normalise_method_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        let ch = fold_diacritic(ch);
        if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch);
        } else {
            gap = true;
        }
    }
    out
}

fn fold_diacritic(ch: char) -> char {
    match ch {
        'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// Checks the registry and builds the name index: slug ids unique, every name and alias
/// normalises to a key no other entry (of any method) has, intervention codes exist in the
/// current form.
pub(crate) fn index(methods: &[ManualMethod], forms: &[Form]) -> Result<HashMap<String, usize>, String> {
    let interventions = forms
        .last()
        .and_then(|f| f.code_list(CodeListId::Interventions))
        .ok_or("the current form has no interventions list")?;
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut ids = HashMap::new();
    for (i, method) in methods.iter().enumerate() {
        let slug_ok = !method.id.is_empty()
            && method.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !method.id.starts_with('-')
            && !method.id.ends_with('-');
        if !slug_ok {
            return Err(format!("`{}` is not a slug id", method.id));
        }
        if ids.insert(method.id.as_str(), i).is_some() {
            return Err(format!("duplicate id `{}`", method.id));
        }
        if !matches!(method.intervention_code.as_str(), "manual_method" | "crisis_support")
            || !interventions.contains(&method.intervention_code)
        {
            return Err(format!("{}: unsupported intervention_code `{}`", method.id, method.intervention_code));
        }
        for name in method.names() {
            let key = normalise_method_name(name);
            if key.is_empty() {
                return Err(format!("{}: name `{name}` normalises to nothing", method.id));
            }
            if let Some(&other) = names.get(&key) {
                return Err(format!(
                    "`{name}` of {} normalises to `{key}`, already taken by {}",
                    method.id, methods[other].id
                ));
            }
            names.insert(key, i);
        }
    }
    // A slug must not read as a name of a different method.
    for (i, method) in methods.iter().enumerate() {
        if let Some(&other) = names.get(&normalise_method_name(&method.id)) {
            if other != i {
                return Err(format!("id `{}` matches a name of {}", method.id, methods[other].id));
            }
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms;

    #[test]
    fn normalisation() {
        assert_eq!(normalise_method_name("  A-CRA "), "a cra");
        assert_eq!(normalise_method_name("A CRA"), "a cra");
        assert_eq!(normalise_method_name("COS-P"), "cos p");
        assert_eq!(normalise_method_name("Circle of Security – Parenting"), "circle of security parenting");
        assert_eq!(normalise_method_name("PYC (Parenting young children)."), "pyc parenting young children");
        assert_eq!(normalise_method_name("Påverkansprogrammet"), "paverkansprogrammet");
        assert_eq!(normalise_method_name("ÅTERFALLSPREVENTION"), "aterfallsprevention");
        assert_eq!(normalise_method_name("Jag & min familj"), "jag min familj");
        assert_eq!(normalise_method_name("--"), "");
    }

    #[test]
    fn seed_is_table_2_with_stable_ids() {
        let ids: Vec<_> = seed().iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "a-cra",
                "bassamtal",
                "foraldraplan",
                "hemflyttssamtal-efter-placering",
                "ihf",
                "jag-och-min-familj",
                "kibb",
                "krisstod-vid-orosanmalan-om-vald-mot-barn",
                "marte-meo",
                "placeringssamtal",
                "pyc",
                "paverkansprogrammet",
                "samarbetssamtal",
                "tryggare-barn",
                "trygghetscirkeln",
                "aterfallsprevention",
            ]
        );
        let crisis: Vec<_> = seed().iter().filter(|m| m.intervention_code == "crisis_support").collect();
        assert_eq!(crisis.len(), 1);
        assert_eq!(crisis[0].name, "Krisstöd vid orosanmälan om våld mot barn");
    }

    #[test]
    fn no_alias_collides_across_or_within_methods() {
        // `index` refuses any two names (name or alias, same or different method) with equal keys.
        let names = index(seed(), forms::all()).expect("registry is consistent");
        let total: usize = seed().iter().map(|m| m.names().count()).sum();
        assert_eq!(names.len(), total);

        let mut broken = seed().to_vec();
        broken[0].aliases.push("Trygghets-cirkeln".into()); // not a collision: different key
        assert!(index(&broken, forms::all()).is_ok());
        broken[0].aliases.push("TRYGGHETSCIRKELN".into());
        assert!(index(&broken, forms::all()).unwrap_err().contains("trygghetscirkeln"));
        let mut broken = seed().to_vec();
        broken[1].aliases.push("Bas samtal".into()); // same key as its own alias "Bas-samtal"
        assert!(index(&broken, forms::all()).is_err());
    }

    #[test]
    fn free_text_resolves_to_the_registry() {
        let id = |s: &str| find(s).map(|m| m.id.as_str());
        assert_eq!(id("trygghetscirkeln"), Some("trygghetscirkeln"));
        assert_eq!(id("Circle of Security"), Some("trygghetscirkeln"));
        assert_eq!(id("circle-of-security parenting"), Some("trygghetscirkeln"));
        assert_eq!(id("COS P"), Some("trygghetscirkeln"));
        assert_eq!(id("Marte Meo"), Some("marte-meo"));
        assert_eq!(id("PYC"), Some("pyc"));
        assert_eq!(id("Parenting Young Children"), Some("pyc"));
        assert_eq!(id("PYC (Parenting young children)."), Some("pyc"));
        assert_eq!(id("ACRA"), Some("a-cra"));
        assert_eq!(id("a cra"), Some("a-cra"));
        assert_eq!(id("Krisstöd"), Some("krisstod-vid-orosanmalan-om-vald-mot-barn"));
        assert_eq!(id("Efter barnförhöret"), Some("krisstod-vid-orosanmalan-om-vald-mot-barn"));
        assert_eq!(id("placeringsamtal"), Some("placeringssamtal"));
        assert_eq!(id("Trappan"), None);
        assert_eq!(get("ihf").unwrap().name, "IHF");
    }
}
