//! Turning a statistics request's parameters (comma-separated codes) into a checked [`Query`],
//! reporting every unknown dimension, measure or value at once, each with the valid ones.

use super::catalogue::{Catalogue, Dimension, Measure};
use super::engine::{Query, MAX_GROUP_BY};
use isu_domain::validation::FieldError;

/// The parameters as sent: `measure`, `group_by`, and one filter per dimension.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub measure: Option<String>,
    pub group_by: Option<String>,
    pub filters: Vec<(Dimension, String)>,
}

fn list(raw: &str) -> Vec<&str> {
    raw.split(',').map(str::trim).collect()
}

/// "a, b, c" for messages, shortened after 40 values.
pub fn valid_list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = values.collect();
    if all.len() > 40 {
        format!("{}, … ({} in all)", all[..40].join(", "), all.len())
    } else {
        all.join(", ")
    }
}

pub fn parse(catalogue: &Catalogue, params: &Params) -> Result<Query, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut measures = Vec::new();
    for id in list(params.measure.as_deref().unwrap_or("children")) {
        match Measure::parse(id) {
            Some(m) if !measures.contains(&m) => measures.push(m),
            Some(_) => {}
            None => errors.push(FieldError::new(
                "query:measure",
                "unknown_measure",
                format!("unknown measure {id:?}; measures: {}", valid_list(Measure::ALL.iter().map(|m| m.id()))),
            )),
        }
    }
    let mut group_by = Vec::new();
    if params.group_by.as_deref().is_some_and(|s| s.trim().is_empty()) {
        errors.push(FieldError::new(
            "query:group_by",
            "empty",
            "group_by names at least one dimension; leave it out for the total only",
        ));
    }
    if let Some(raw) = params.group_by.as_deref().filter(|s| !s.trim().is_empty()) {
        for id in list(raw) {
            match Dimension::parse(id) {
                Some(d) if group_by.contains(&d) => errors.push(FieldError::new(
                    "query:group_by",
                    "duplicate_dimension",
                    format!("dimension {id} is named twice"),
                )),
                Some(d) => group_by.push(d),
                None => errors.push(FieldError::new(
                    "query:group_by",
                    "unknown_dimension",
                    format!(
                        "unknown dimension {id:?}; dimensions: {}",
                        valid_list(Dimension::ALL.iter().map(|d| d.id()))
                    ),
                )),
            }
        }
        if group_by.len() > MAX_GROUP_BY {
            errors.push(FieldError::new(
                "query:group_by",
                "too_many_dimensions",
                format!("at most {MAX_GROUP_BY} dimensions can be grouped by"),
            ));
        }
    }
    let mut filters: Vec<(Dimension, Vec<u16>)> = Vec::new();
    for (dim, raw) in &params.filters {
        let mut positions = Vec::new();
        for code in list(raw) {
            match catalogue.position(*dim, code) {
                Some(p) => positions.push(p),
                None => errors.push(FieldError::new(
                    format!("query:{}", dim.id()),
                    "unknown_value",
                    format!(
                        "{code:?} is not a {} value of this scope; values: {}",
                        dim.id(),
                        valid_list(catalogue.values(*dim).iter().map(|v| v.code.as_str()))
                    ),
                )),
            }
        }
        filters.push((*dim, positions));
    }
    if measures.contains(&Measure::Coverage) {
        for dim in group_by.iter().chain(filters.iter().map(|(d, _)| d)).filter(|d| !d.organisational()) {
            errors.push(FieldError::new(
                format!("query:{}", if group_by.contains(dim) { "group_by" } else { dim.id() }),
                "coverage_dimension",
                format!(
                    "coverage exists only by year, region, municipality and unit (units report closed cases, not \
                     their content); remove {}",
                    dim.id()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(Query { group_by, measures, filters })
    } else {
        Err(errors)
    }
}
