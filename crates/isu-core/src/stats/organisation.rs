//! A synthetic national organisation for benchmarks and demos: every one of the 290
//! municipalities in one of 21 regions, and record volumes in proportion to population, so that a
//! Stockholm-sized region sits next to a Gotland-sized one.
//!
//! The seeded reference regions (FoU Välfärd Gävleborg, FoU Nordväst, FoU Socialtjänst
//! Västerbotten) stay as they are; the other 18 regions take what is left, one per county, except
//! that the rest of Stockholm county is one region and Västernorrland and Jämtland share one (so
//! that the count is 21, as many as the counties). Regions are created through the same admin
//! write as `POST /v1/admin/regions` (all its checks).
//!
//! Populations are approximate (SCB, end of 2023, rounded to thousands) and serve only to skew
//! synthetic volumes like the country's: every county's total, and the larger municipalities'
//! own figures; a county's other municipalities share the rest of its total equally.

use isu_domain::geography;
use isu_store::StoreError;
use isu_store::{organisation, DbConnection};

/// A region of a synthetic organisation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct SyntheticRegion {
    pub id: String,
    pub name: String,
    /// Municipality codes; `county:NN` stands for every municipality of county NN that no other
    /// region (seeded or listed before) holds.
    pub municipalities: Vec<String>,
}

/// County populations in thousands (SCB, end of 2023, rounded).
const COUNTY_POPULATION: &[(&str, u32)] = &[
    ("01", 2_454),
    ("03", 404),
    ("04", 301),
    ("05", 471),
    ("06", 368),
    ("07", 203),
    ("08", 246),
    ("09", 61),
    ("10", 157),
    ("12", 1_415),
    ("13", 340),
    ("14", 1_749),
    ("17", 283),
    ("18", 306),
    ("19", 280),
    ("20", 288),
    ("21", 287),
    ("22", 243),
    ("23", 132),
    ("24", 276),
    ("25", 249),
];

/// The larger municipalities' populations in thousands (SCB, end of 2023, rounded).
const MUNICIPALITY_POPULATION: &[(&str, u32)] = &[
    ("0114", 48),
    ("0123", 85),
    ("0125", 29),
    ("0126", 115),
    ("0127", 95),
    ("0136", 97),
    ("0139", 31),
    ("0160", 75),
    ("0163", 76),
    ("0180", 984),
    ("0181", 101),
    ("0182", 108),
    ("0183", 55),
    ("0184", 85),
    ("0191", 50),
    ("0380", 245),
    ("0480", 107),
    ("0580", 166),
    ("0581", 145),
    ("0680", 144),
    ("0780", 97),
    ("0880", 71),
    ("0980", 61),
    ("1082", 66),
    ("1280", 362),
    ("1281", 128),
    ("1283", 151),
    ("1380", 105),
    ("1384", 85),
    ("1480", 597),
    ("1485", 57),
    ("1488", 59),
    ("1490", 115),
    ("1780", 96),
    ("1880", 158),
    ("1980", 158),
    ("2080", 59),
    ("2081", 52),
    ("2180", 103),
    ("2281", 99),
    ("2380", 64),
    ("2480", 131),
    ("2580", 79),
];

/// A municipality's weight for synthetic volumes: its approximate population in thousands.
pub fn population(code: &str) -> u32 {
    if let Some((_, p)) = MUNICIPALITY_POPULATION.iter().find(|(c, _)| *c == code) {
        return *p;
    }
    let county = &code[..2.min(code.len())];
    let total = COUNTY_POPULATION.iter().find(|(c, _)| *c == county).map_or(0, |(_, p)| *p);
    let named: u32 = MUNICIPALITY_POPULATION.iter().filter(|(c, _)| c.starts_with(county)).map(|(_, p)| p).sum();
    let others = geography::municipalities_in_county(county)
        .filter(|m| !MUNICIPALITY_POPULATION.iter().any(|(c, _)| *c == m.code))
        .count() as u32;
    (total.saturating_sub(named) / others.max(1)).max(1)
}

/// The built-in national organisation (see the module documentation).
pub fn national() -> Vec<SyntheticRegion> {
    let county_region = |code: &str| {
        let county = geography::county(code).map_or(code.to_string(), |c| c.name.clone());
        let short = county.trim_end_matches(" län").trim_end_matches('s').to_string();
        SyntheticRegion {
            id: format!("fou-{code}-{}", slug(&short)),
            name: format!("FoU {county}"),
            municipalities: vec![format!("county:{code}")],
        }
    };
    let mut regions: Vec<SyntheticRegion> = geography::counties()
        .iter()
        .filter(|c| !matches!(c.code.as_str(), "21" | "22" | "23" | "24"))
        .map(|c| county_region(&c.code))
        .collect();
    regions.push(SyntheticRegion {
        id: "fou-22-23-mittnorrland".into(),
        name: "FoU Västernorrland och Jämtland".into(),
        municipalities: vec!["county:22".into(), "county:23".into()],
    });
    regions
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect()
}

/// Reads an organisation from a JSON file: `[{"id", "name", "municipalities": [...]}]`.
pub fn from_file(path: &std::path::Path) -> Result<Vec<SyntheticRegion>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Creates the regions of `organisation` that do not exist yet (by id), with the municipalities
/// they name that no region holds yet. Returns how many regions were created.
pub fn create(conn: &mut DbConnection, organisation: &[SyntheticRegion]) -> Result<usize, StoreError> {
    let existing = organisation::list_regions(conn)?;
    let mut taken: std::collections::HashSet<String> =
        existing.iter().flat_map(|r| r.municipalities.iter().map(|m| m.code.clone())).collect();
    let mut created = 0;
    for region in organisation {
        if existing.iter().any(|r| r.id == region.id) {
            continue;
        }
        let mut codes = Vec::new();
        for entry in &region.municipalities {
            match entry.strip_prefix("county:") {
                Some(county) => codes.extend(
                    geography::municipalities_in_county(county).map(|m| m.code.clone()).filter(|c| !taken.contains(c)),
                ),
                None => codes.push(entry.clone()),
            }
        }
        taken.extend(codes.iter().cloned());
        let new = organisation::NewRegion {
            id: Some(region.id.clone()),
            name: Some(region.name.clone()),
            municipalities: codes,
        };
        organisation::create_region(conn, &new)?;
        created += 1;
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_organisation_covers_every_municipality_in_21_regions_with_skewed_sizes() {
        let mut taken: std::collections::HashSet<String> =
            geography::seed_regions().iter().flat_map(|r| r.municipalities.iter().cloned()).collect();
        let mut sizes = Vec::new();
        for region in national() {
            let mut codes = Vec::new();
            for entry in &region.municipalities {
                let county = entry.strip_prefix("county:").expect("counties only");
                codes.extend(
                    geography::municipalities_in_county(county).map(|m| m.code.clone()).filter(|c| !taken.contains(c)),
                );
            }
            assert!(!codes.is_empty(), "{} is empty", region.id);
            taken.extend(codes.iter().cloned());
            sizes.push(codes.iter().map(|c| population(c)).sum::<u32>());
        }
        assert_eq!(national().len() + geography::seed_regions().len(), 21);
        assert_eq!(taken.len(), geography::municipalities().len());
        let (smallest, largest) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert_eq!(*smallest, 61, "Gotland");
        assert!(*largest > 25 * smallest, "a Stockholm-sized region: {largest}");
        let total: u32 = geography::municipalities().iter().map(|m| population(&m.code)).sum();
        assert!((10_000..11_000).contains(&total), "about Sweden's population: {total}");
    }
}
