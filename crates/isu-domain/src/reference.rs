//! Loading of the embedded reference data: parsed once, checked for internal consistency, and
//! kept for the life of the process.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::de::DeserializeOwned;

use super::forms::{self, Form};
use super::geography::{self, County, Municipality, SeedRegion};
use super::manual_methods::{self, ManualMethod};
use super::mapping::{self, CodeMappingSet};

/// The embedded reference data is malformed or inconsistent. Only possible if a file under
/// `crates/isu-domain/reference/` was edited without running the tests.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A file is not valid JSON or does not match its schema.
    #[error("crates/isu-domain/reference/{file}: {source}")]
    Parse {
        file: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// A file parsed but breaks a consistency rule (duplicate code, unknown reference, ...).
    #[error("crates/isu-domain/reference/{file}: {message}")]
    Invalid { file: &'static str, message: String },
}

pub(crate) struct ReferenceData {
    pub forms: Vec<Form>,
    pub mappings: Vec<CodeMappingSet>,
    pub methods: Vec<ManualMethod>,
    /// Normalised method name or alias → index into `methods`.
    pub method_names: HashMap<String, usize>,
    pub counties: Vec<County>,
    pub municipalities: Vec<Municipality>,
    /// Municipality code → index into `municipalities`.
    pub municipality_index: HashMap<String, usize>,
    pub regions: Vec<SeedRegion>,
}

pub(crate) const FORM_FILES: [(&str, &str); 2] = [
    ("forms/su-x-2020.json", include_str!("../reference/forms/su-x-2020.json")),
    ("forms/su-x-2021.json", include_str!("../reference/forms/su-x-2021.json")),
];
const MAPPINGS: (&str, &str) = ("code-mappings.json", include_str!("../reference/code-mappings.json"));
const METHODS: (&str, &str) = ("manual-methods.json", include_str!("../reference/manual-methods.json"));
const COUNTIES: (&str, &str) = ("counties.json", include_str!("../reference/counties.json"));
const MUNICIPALITIES: (&str, &str) = ("municipalities.json", include_str!("../reference/municipalities.json"));
const REGIONS: (&str, &str) = ("regions.json", include_str!("../reference/regions.json"));

static DATA: LazyLock<Result<ReferenceData, DataError>> = LazyLock::new(load);

/// Parses and checks all embedded reference data (once). Call at start-up to fail fast.
pub fn ensure_loaded() -> Result<(), &'static DataError> {
    DATA.as_ref().map(|_| ())
}

pub(crate) fn data() -> &'static ReferenceData {
    match &*DATA {
        Ok(data) => data,
        // Unreachable in a tested build: `ensure_loaded` is asserted by the unit tests.
        Err(err) => panic!("embedded reference data is invalid: {err}"),
    }
}

fn parse<T: DeserializeOwned>((file, text): (&'static str, &str)) -> Result<T, DataError> {
    serde_json::from_str(text).map_err(|source| DataError::Parse { file, source })
}

fn check(file: &'static str, result: Result<(), String>) -> Result<(), DataError> {
    result.map_err(|message| DataError::Invalid { file, message })
}

fn load() -> Result<ReferenceData, DataError> {
    let mut forms = Vec::with_capacity(FORM_FILES.len());
    for (file, text) in FORM_FILES {
        let form: Form = parse((file, text))?;
        check(file, forms::validate_form(&form))?;
        forms.push(form);
    }
    check("forms", forms::validate_versions(&forms))?;

    let mappings: Vec<CodeMappingSet> = parse(MAPPINGS)?;
    check(MAPPINGS.0, mapping::validate(&mappings, &forms))?;

    let methods: Vec<ManualMethod> = parse(METHODS)?;
    let method_names =
        manual_methods::index(&methods, &forms).map_err(|message| DataError::Invalid { file: METHODS.0, message })?;

    let counties: Vec<County> = parse(COUNTIES)?;
    let municipalities: Vec<Municipality> = parse(MUNICIPALITIES)?;
    check(COUNTIES.0, geography::validate_counties(&counties))?;
    let municipality_index = geography::index_municipalities(&municipalities, &counties)
        .map_err(|message| DataError::Invalid { file: MUNICIPALITIES.0, message })?;
    let regions: Vec<SeedRegion> = parse(REGIONS)?;
    check(REGIONS.0, geography::validate_regions(&regions, &municipality_index))?;

    Ok(ReferenceData { forms, mappings, methods, method_names, counties, municipalities, municipality_index, regions })
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::Value;

    use super::*;

    #[test]
    fn embedded_reference_data_loads_and_is_consistent() {
        if let Err(err) = ensure_loaded() {
            panic!("{err}");
        }
    }

    /// Every key of `source` must survive parsing and re-serialisation unchanged, so a misspelt
    /// or unknown key in a reference file fails here instead of being silently ignored.
    fn assert_preserved(source: &Value, output: &Value, path: &str) {
        match (source, output) {
            (Value::Object(src), Value::Object(out)) => {
                for (key, value) in src {
                    let Some(out_value) = out.get(key) else {
                        panic!("{path}/{key}: unknown key (dropped by the parser)");
                    };
                    assert_preserved(value, out_value, &format!("{path}/{key}"));
                }
            }
            (Value::Array(src), Value::Array(out)) => {
                assert_eq!(src.len(), out.len(), "{path}: array length");
                for (i, (s, o)) in src.iter().zip(out).enumerate() {
                    assert_preserved(s, o, &format!("{path}/{i}"));
                }
            }
            _ => assert_eq!(source, output, "{path}"),
        }
    }

    fn round_trip<T: DeserializeOwned + Serialize>((file, text): (&str, &str)) {
        let source: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let parsed: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_preserved(&source, &serde_json::to_value(parsed).unwrap(), file);
    }

    #[test]
    fn reference_files_have_no_unknown_keys() {
        for file in FORM_FILES {
            round_trip::<Form>(file);
        }
        round_trip::<Vec<CodeMappingSet>>(MAPPINGS);
        round_trip::<Vec<ManualMethod>>(METHODS);
        round_trip::<Vec<County>>(COUNTIES);
        round_trip::<Vec<Municipality>>(MUNICIPALITIES);
        round_trip::<Vec<SeedRegion>>(REGIONS);
    }

    #[test]
    fn the_preservation_check_catches_a_misspelt_key() {
        let text = r#"{"code": "21", "name": "Gävleborgs län", "county_name": "typo"}"#;
        let result = std::panic::catch_unwind(|| round_trip::<County>(("test.json", text)));
        assert!(result.is_err());
    }
}
