//! Swedish geography as public reference data: the 21 counties (län) and 290 municipalities
//! (kommuner) with their SCB codes, and the seed regions (FoU units and the municipalities they
//! cover).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::reference::data;

/// A county (län).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = County)]
pub struct County {
    /// SCB county code, two digits.
    #[schema(example = "21")]
    pub code: String,
    /// Official name.
    #[schema(example = "Gävleborgs län")]
    pub name: String,
}

/// A municipality (kommun).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = Municipality)]
pub struct Municipality {
    /// SCB municipality code (kommunkod), four digits; the first two are the county code.
    #[schema(example = "2182")]
    pub code: String,
    /// Name.
    #[schema(example = "Söderhamn")]
    pub name: String,
    /// SCB code of the county the municipality lies in.
    #[schema(example = "21")]
    pub county_code: String,
}

/// A region as seeded: a named FoU unit covering a set of municipalities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = SeedRegion)]
pub struct SeedRegion {
    /// Stable slug id.
    #[schema(example = "fou-valfard-gavleborg")]
    pub id: String,
    /// Name of the FoU unit.
    #[schema(example = "FoU Välfärd Gävleborg")]
    pub name: String,
    /// The organisation that hosts the unit.
    #[schema(example = "Region Gävleborg")]
    pub host: String,
    /// Codes of the member municipalities, ascending.
    #[schema(example = json!(["2101", "2104", "2121"]))]
    pub municipalities: Vec<String>,
}

impl SeedRegion {
    /// Whether municipality `code` is a member.
    pub fn contains(&self, code: &str) -> bool {
        self.municipalities.iter().any(|c| c == code)
    }

    /// Codes of the counties the member municipalities lie in, ascending, without duplicates.
    pub fn county_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.municipalities.iter().map(|c| &c[..2]).collect();
        codes.dedup();
        codes
    }
}

/// All 21 counties, by code.
pub fn counties() -> &'static [County] {
    &data().counties
}

/// The county with code `code` (two digits, e.g. `"01"`).
pub fn county(code: &str) -> Option<&'static County> {
    counties().iter().find(|c| c.code == code)
}

/// All 290 municipalities, by code.
pub fn municipalities() -> &'static [Municipality] {
    &data().municipalities
}

/// The municipality with kommunkod `code` (four digits, e.g. `"0114"`).
pub fn municipality(code: &str) -> Option<&'static Municipality> {
    let data = data();
    data.municipality_index.get(code).map(|&i| &data.municipalities[i])
}

/// The municipalities of county `county_code`, by code.
pub fn municipalities_in_county(county_code: &str) -> impl Iterator<Item = &'static Municipality> + '_ {
    municipalities().iter().filter(move |m| m.county_code == county_code)
}

/// The seed regions.
pub fn seed_regions() -> &'static [SeedRegion] {
    &data().regions
}

/// The seed region with id `id`.
pub fn seed_region(id: &str) -> Option<&'static SeedRegion> {
    seed_regions().iter().find(|r| r.id == id)
}

fn is_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn validate_counties(counties: &[County]) -> Result<(), String> {
    for pair in counties.windows(2) {
        if pair[0].code >= pair[1].code {
            return Err(format!("county codes not strictly ascending at {}", pair[1].code));
        }
    }
    match counties.iter().find(|c| !is_digits(&c.code, 2) || c.name.trim().is_empty()) {
        Some(bad) => Err(format!("bad county {bad:?}")),
        None => Ok(()),
    }
}

/// Checks the municipalities (4-digit codes, strictly ascending, county = code prefix, county
/// exists) and returns the code index.
pub(crate) fn index_municipalities(
    municipalities: &[Municipality],
    counties: &[County],
) -> Result<HashMap<String, usize>, String> {
    let county_codes: HashSet<&str> = counties.iter().map(|c| c.code.as_str()).collect();
    for pair in municipalities.windows(2) {
        if pair[0].code >= pair[1].code {
            return Err(format!("municipality codes not strictly ascending at {}", pair[1].code));
        }
    }
    let mut index = HashMap::with_capacity(municipalities.len());
    for (i, m) in municipalities.iter().enumerate() {
        if !is_digits(&m.code, 4) || m.name.trim().is_empty() {
            return Err(format!("bad municipality {m:?}"));
        }
        if m.code[..2] != m.county_code || !county_codes.contains(m.county_code.as_str()) {
            return Err(format!("municipality {} has county {}", m.code, m.county_code));
        }
        index.insert(m.code.clone(), i);
    }
    Ok(index)
}

pub(crate) fn validate_regions(
    regions: &[SeedRegion],
    municipality_index: &HashMap<String, usize>,
) -> Result<(), String> {
    let mut ids = HashSet::new();
    for region in regions {
        if !ids.insert(region.id.as_str()) {
            return Err(format!("duplicate region `{}`", region.id));
        }
        if region.municipalities.is_empty() {
            return Err(format!("region `{}` has no municipalities", region.id));
        }
        for pair in region.municipalities.windows(2) {
            if pair[0] >= pair[1] {
                return Err(format!("region `{}`: municipalities not strictly ascending", region.id));
            }
        }
        if let Some(unknown) = region.municipalities.iter().find(|c| !municipality_index.contains_key(*c)) {
            return Err(format!("region `{}`: unknown municipality {unknown}", region.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(codes: &[String]) -> Vec<&'static str> {
        codes.iter().map(|c| municipality(c).unwrap().name.as_str()).collect()
    }

    #[test]
    fn all_290_municipalities_and_21_counties() {
        assert_eq!(counties().len(), 21);
        assert_eq!(municipalities().len(), 290);
        let codes: HashSet<_> = municipalities().iter().map(|m| &m.code).collect();
        assert_eq!(codes.len(), 290);
        for m in municipalities() {
            assert_eq!(&m.code[..2], m.county_code);
            assert!(county(&m.county_code).is_some(), "{m:?}");
        }
        // Every county has municipalities; the counts per county are SCB's.
        let per_county: Vec<(&str, usize)> =
            counties().iter().map(|c| (c.code.as_str(), municipalities_in_county(&c.code).count())).collect();
        assert_eq!(
            per_county,
            [
                ("01", 26),
                ("03", 8),
                ("04", 9),
                ("05", 13),
                ("06", 13),
                ("07", 8),
                ("08", 12),
                ("09", 1),
                ("10", 5),
                ("12", 33),
                ("13", 6),
                ("14", 49),
                ("17", 16),
                ("18", 12),
                ("19", 10),
                ("20", 15),
                ("21", 10),
                ("22", 7),
                ("23", 8),
                ("24", 15),
                ("25", 14),
            ]
        );
    }

    #[test]
    fn spot_checks() {
        let m = |code: &str| {
            let m = municipality(code).unwrap_or_else(|| panic!("no municipality {code}"));
            (m.name.as_str(), m.county_code.as_str())
        };
        assert_eq!(m("2182"), ("Söderhamn", "21"));
        assert_eq!(m("0180"), ("Stockholm", "01"));
        assert_eq!(m("2480"), ("Umeå", "24"));
        assert_eq!(m("0163"), ("Sollentuna", "01"));
        assert_eq!(m("0114"), ("Upplands Väsby", "01"));
        assert_eq!(m("0139"), ("Upplands-Bro", "01"));
        assert_eq!(m("1480"), ("Göteborg", "14"));
        assert_eq!(m("1280"), ("Malmö", "12"));
        assert_eq!(m("0980"), ("Gotland", "09"));
        assert_eq!(m("2584"), ("Kiruna", "25"));
        assert_eq!(county("01").unwrap().name, "Stockholms län");
        assert_eq!(county("21").unwrap().name, "Gävleborgs län");
        assert_eq!(county("25").unwrap().name, "Norrbottens län");
        assert!(municipality("114").is_none() && municipality("9999").is_none() && county("02").is_none());
        let gavleborg: Vec<_> = municipalities_in_county("21").map(|m| (m.code.as_str(), m.name.as_str())).collect();
        assert_eq!(
            gavleborg,
            [
                ("2101", "Ockelbo"),
                ("2104", "Hofors"),
                ("2121", "Ovanåker"),
                ("2132", "Nordanstig"),
                ("2161", "Ljusdal"),
                ("2180", "Gävle"),
                ("2181", "Sandviken"),
                ("2182", "Söderhamn"),
                ("2183", "Bollnäs"),
                ("2184", "Hudiksvall"),
            ]
        );
    }

    #[test]
    fn seed_regions_cover_their_municipalities() {
        let ids: Vec<_> = seed_regions().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["fou-valfard-gavleborg", "fou-nordvast", "fou-socialtjanst-vasterbotten"]);

        let gavleborg = seed_region("fou-valfard-gavleborg").unwrap();
        assert_eq!(gavleborg.name, "FoU Välfärd Gävleborg");
        assert_eq!(gavleborg.municipalities.len(), 10);
        assert_eq!(gavleborg.county_codes(), ["21"]);
        assert!(municipalities_in_county("21").all(|m| gavleborg.contains(&m.code)));

        let nordvast = seed_region("fou-nordvast").unwrap();
        assert_eq!(nordvast.name, "FoU Nordväst");
        let mut got = names(&nordvast.municipalities);
        got.sort_unstable();
        assert_eq!(
            got,
            ["Ekerö", "Järfälla", "Sigtuna", "Sollentuna", "Solna", "Sundbyberg", "Upplands Väsby", "Upplands-Bro"]
        );
        assert_eq!(nordvast.county_codes(), ["01"]);

        let vasterbotten = seed_region("fou-socialtjanst-vasterbotten").unwrap();
        assert_eq!(vasterbotten.name, "FoU Socialtjänst Västerbotten");
        assert_eq!(vasterbotten.municipalities.len(), 15);
        assert_eq!(vasterbotten.county_codes(), ["24"]);
        assert!(municipalities_in_county("24").all(|m| vasterbotten.contains(&m.code)));
    }

    #[test]
    fn validation_catches_inconsistent_geography() {
        let mut ms = municipalities().to_vec();
        ms[0].county_code = "03".into();
        assert!(index_municipalities(&ms, counties()).is_err());
        let mut regions = seed_regions().to_vec();
        regions[0].municipalities.push("9999".into());
        assert!(validate_regions(&regions, &data().municipality_index).is_err());
    }
}
