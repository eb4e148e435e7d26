//! The SU-X domain: form versions with their questions, code lists and rules, the 2020 → 2021
//! code mappings, the manual-method registry, and Swedish geography (counties, municipalities and
//! the seed FoU regions).
//!
//! Pure: no I/O, and a crate of its own so that it cannot import storage or HTTP (it depends on
//! serde, utoipa and chrono only). The data lives in this crate's `reference/` (one source of
//! truth, versioned with the code), is embedded with `include_str!`, and is parsed and
//! cross-checked once, on first use.
//! Call [`ensure_loaded`] at start-up to fail fast; the unit tests call it too, so invalid data
//! never reaches a build that passed `cargo test`.
//!
//! Submodules:
//! - [`forms`]: the form versions (`su-x-2020`, `su-x-2021`), their fields and rules.
//! - [`codes`]: code lists ([`CodeListId`], [`CodeList`], [`Code`]).
//! - [`mapping`]: how 2020 codes are reported under 2021 codes in statistics.
//! - [`manual_methods`]: the registry of named manual-based methods and name normalisation.
//! - [`geography`]: counties, municipalities and the seed regions.
//! - [`record`]: validation of one SU-X record against its form version, and its wire form.
//! - [`personnummer`]: detection of Swedish personal identity and coordination numbers in text.
//! - [`role`]: the roles of the scheme's actors (what each may do is the server's `auth`).

pub mod codes;
pub mod forms;
pub mod geography;
pub mod manual_methods;
pub mod mapping;
pub mod personnummer;
pub mod record;
mod reference;
pub mod role;
pub mod validation;

#[cfg(test)]
mod spec_tests;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use codes::{Code, CodeList, CodeListId, UnknownCodeList};
pub use forms::{FieldType, Form, FormField, FormRule, RuleCheck, ValidityPeriod};
pub use geography::{County, Municipality, SeedRegion};
pub use manual_methods::{normalise_method_name, ManualMethod};
pub use mapping::{CodeListMapping, CodeMapping, CodeMappingSet, MappingRelation};
pub use personnummer::contains_identity_number;
pub use record::{InterventionType, MethodRegistry, NamedMethod, ResolvedMethod, ValidRecord, Violation};
pub use reference::{ensure_loaded, DataError};
pub use role::Role;

/// A text in Swedish and English. The Swedish text is authoritative; for form labels it is
/// exactly the wording of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = LocalizedText, example = json!({"sv": "Våld i familjen", "en": "Violence in the family"}))]
pub struct LocalizedText {
    /// Swedish (authoritative).
    pub sv: String,
    /// English translation.
    pub en: String,
}

/// One field-level error: which field (RFC 6901 JSON pointer into the request, or the name of a
/// query/path/header parameter), a stable machine-readable code, and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = FieldError)]
pub struct FieldError {
    /// JSON pointer to the offending field (`/problem_areas/3`), or `query:name`, `path:name`,
    /// `header:name` for parameters.
    pub pointer: String,
    /// Stable machine-readable error code, e.g. `required`, `unknown_code`, `out_of_range`.
    pub code: String,
    /// Human-readable explanation. Never echoes personal data from the request.
    pub message: String,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), code: code.into(), message: message.into() }
    }
}

impl From<Violation> for FieldError {
    fn from(v: Violation) -> Self {
        FieldError { pointer: v.pointer, code: v.code, message: v.message }
    }
}
