//! A table as a JSON-stat 2.0 `dataset` (https://json-stat.org/format/), the default output of
//! PxWebApi 2.0, read by `pyjstat`, `rjstat`, `pxweb` and the JSON-stat toolkits; several
//! tables (a release, the whole report) as a `collection` of datasets.
//!
//! The cube's dimensions come first in `id`, each with a total category `_T`, then the measures
//! as the dimension `measure` (role `metric`, with a unit per measure). `value` is row-major
//! (the last dimension varies fastest). A hidden figure is `null` with its symbol in `status`
//! (sparse: index → symbol); `null` without a status is no figure (not defined there).
//! `extension` says what the figures are: the table, the audience, the release or the exact
//! statistic's scope, the protection method and its parameters, and what every symbol means.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use utoipa::ToSchema;

use super::csv::Lang;
use super::cube::{Cube, DimensionRole, Figure};
use isu_domain::LocalizedText;

/// The id of the measure dimension (role `metric`).
pub const MEASURE_DIMENSION: &str = "measure";

fn pick(lang: Lang, text: &LocalizedText) -> String {
    match lang {
        Lang::Sv => text.sv.clone(),
        Lang::En => text.en.clone(),
    }
}

/// A JSON object whose members keep the order they were added in (JSON-stat readers that show
/// categories in object order see them as the table lists them).
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The unit of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatUnit)]
pub struct Unit {
    pub label: String,
    /// Decimals to show.
    pub decimals: u8,
}

/// The categories of a dimension, in order.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatCategory)]
pub struct Category {
    /// Category ids in order (`_T`: the total).
    pub index: Vec<String>,
    /// Category id → label.
    #[schema(value_type = HashMap<String, String>)]
    pub label: Ordered<String>,
    /// Measure dimension only: measure id → unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<HashMap<String, Unit>>, required = false)]
    pub unit: Option<Ordered<Unit>>,
}

/// A dimension of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatDimension)]
pub struct Dimension {
    pub label: String,
    pub category: Category,
}

/// Which dimensions are time, geography and measures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatRole)]
pub struct Role {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(required = false)]
    pub time: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(required = false)]
    pub geo: Vec<String>,
    pub metric: Vec<String>,
}

/// The release a dataset is from.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatRelease)]
pub struct ReleaseReference {
    pub id: String,
    /// A region id or `national`.
    pub scope: String,
    pub year: i32,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// How the release is protected: `suppression` or `cell_key`.
    #[schema(example = "suppression")]
    pub method: super::release::ReleaseMethod,
}

/// The protection of published figures.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatProtection)]
pub struct ProtectionDescription {
    /// The method's name.
    pub name: String,
    /// The method, in words (as in the release).
    pub description: String,
    /// Counts 1..k−1 are hidden.
    pub k: u64,
    /// Shares, means, medians and percentiles only over groups at least this large.
    pub min_group: u64,
    /// Percentiles are rounded to this many days.
    pub percentile_rounding_days: u64,
    /// `suppression` (hidden figures null with a symbol) or `cell_key` (every count perturbed,
    /// status `~`).
    #[schema(example = "suppression")]
    pub method: super::release::ReleaseMethod,
    /// Cell-key releases: the perturbation's parameters (D, V, js, …), as protected statistics
    /// state them in `metadata.protection`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = super::protected::CellKeyMethod, required = false)]
    pub cell_key: Option<super::protected::CellKeyMethod>,
}

/// What a dataset is: the `extension` of every dataset and collection this API serves.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatExtension)]
pub struct Extension {
    /// The table id (datasets), e.g. `d6_closing_reasons`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub table: Option<String>,
    /// `published` (protected) or `internal` (exact, not for publication).
    pub audience: String,
    /// The release the figures are from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub release: Option<ReleaseReference>,
    /// A comparison: the release of each scope, in the order of the `scope` dimension.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub releases: Option<Vec<ReleaseReference>>,
    /// A comparison: scopes asked for that have no release of the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub missing_scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub protection: Option<ProtectionDescription>,
    /// Every symbol `status` can carry → its meaning.
    pub symbols: BTreeMap<String, LocalizedText>,
    /// What `null` without a status means.
    pub no_figure: LocalizedText,
    /// Exact statistics: the metadata of the JSON answer (scope, filters, records, form
    /// versions, harmonisation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>, required = false)]
    pub metadata: Option<serde_json::Value>,
}

/// What a dataset needs besides its cube.
#[derive(Debug, Clone)]
pub struct Context {
    pub source: String,
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
    pub notes: Vec<LocalizedText>,
    pub extension: Extension,
}

/// A JSON-stat 2.0 dataset.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatDataset, example = example)]
pub struct Dataset {
    /// Always `2.0`.
    pub version: String,
    /// Always `dataset`.
    pub class: String,
    pub label: String,
    pub source: String,
    /// When the figures were made (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub updated: Option<String>,
    /// Dimension ids, in the order of `value`.
    pub id: Vec<String>,
    /// Categories per dimension (same order as `id`); their product is the length of `value`.
    pub size: Vec<usize>,
    pub role: Role,
    /// Dimension id → dimension.
    #[schema(value_type = HashMap<String, Dimension>)]
    pub dimension: Ordered<Dimension>,
    /// Row-major (the last dimension varies fastest); `null` where hidden or not defined.
    #[schema(value_type = Vec<Option<f64>>)]
    pub value: Vec<serde_json::Value>,
    /// Index into `value` → the symbol of a hidden figure ("≤4", "..") or of a perturbed one
    /// (`~`, cell-key releases: the value is shown).
    #[schema(value_type = HashMap<String, String>)]
    pub status: Ordered<String>,
    pub note: Vec<String>,
    pub extension: Extension,
}

/// The datasets of a collection.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatLink)]
pub struct Link {
    pub item: Vec<Dataset>,
}

/// A JSON-stat 2.0 collection of datasets (a release, the whole report).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = JsonStatCollection)]
pub struct Collection {
    /// Always `2.0`.
    pub version: String,
    /// Always `collection`.
    pub class: String,
    pub label: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(required = false)]
    pub updated: Option<String>,
    pub note: Vec<String>,
    pub extension: Extension,
    pub link: Link,
}

fn number(figure: &Figure) -> serde_json::Value {
    match figure {
        Figure::Integer(v) | Figure::PerturbedCount(v) => serde_json::Value::from(*v),
        Figure::Decimal(v) | Figure::PerturbedDecimal(v) => {
            serde_json::Number::from_f64(*v).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        Figure::Hidden(_) | Figure::Missing => serde_json::Value::Null,
    }
}

/// The dataset of a cube, labels in `lang`.
pub fn dataset(cube: &Cube, lang: Lang, context: &Context) -> Dataset {
    let mut id: Vec<String> = cube.dimensions.iter().map(|d| d.id.clone()).collect();
    id.push(MEASURE_DIMENSION.into());
    let mut size: Vec<usize> = cube.dimensions.iter().map(|d| d.categories.len()).collect();
    size.push(cube.measures.len());
    let mut role = Role { metric: vec![MEASURE_DIMENSION.into()], ..Role::default() };
    let mut dimension = Vec::new();
    for d in &cube.dimensions {
        match d.role {
            Some(DimensionRole::Time) => role.time.push(d.id.clone()),
            Some(DimensionRole::Geo) => role.geo.push(d.id.clone()),
            None => {}
        }
        dimension.push((
            d.id.clone(),
            Dimension {
                label: pick(lang, &d.label),
                category: Category {
                    index: d.categories.iter().map(|c| c.code.clone()).collect(),
                    label: Ordered(d.categories.iter().map(|c| (c.code.clone(), pick(lang, &c.label))).collect()),
                    unit: None,
                },
            },
        ));
    }
    dimension.push((
        MEASURE_DIMENSION.into(),
        Dimension {
            label: pick(lang, &LocalizedText { sv: "Mått".into(), en: "Measure".into() }),
            category: Category {
                index: cube.measures.iter().map(|m| m.id.clone()).collect(),
                label: Ordered(cube.measures.iter().map(|m| (m.id.clone(), pick(lang, &m.label))).collect()),
                unit: Some(Ordered(
                    cube.measures
                        .iter()
                        .map(|m| (m.id.clone(), Unit { label: pick(lang, &m.unit.label()), decimals: m.decimals }))
                        .collect(),
                )),
            },
        },
    ));
    // Row-major strides: the measure dimension (last) varies fastest.
    let mut strides = vec![1usize; size.len()];
    for i in (0..size.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * size[i + 1];
    }
    let cells: usize = size.iter().product();
    let mut value = vec![serde_json::Value::Null; cells];
    let mut status = BTreeMap::new();
    for line in &cube.lines {
        let base: usize = line.coordinates.iter().zip(&strides).map(|(c, s)| c * s).sum();
        for (m, figure) in line.figures.iter().enumerate() {
            let at = base + m;
            value[at] = number(figure);
            match figure {
                Figure::Hidden(symbol) => {
                    status.insert(at, symbol.clone());
                }
                Figure::PerturbedCount(_) | Figure::PerturbedDecimal(_) => {
                    status.insert(at, super::cube::PERTURBED_SYMBOL.to_string());
                }
                _ => {
                    status.remove(&at);
                }
            }
        }
    }
    Dataset {
        version: "2.0".into(),
        class: "dataset".into(),
        label: pick(lang, &cube.title),
        source: context.source.clone(),
        updated: context.updated.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        id,
        size,
        role,
        dimension: Ordered(dimension),
        value,
        status: Ordered(status.into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
        note: context.notes.iter().map(|n| pick(lang, n)).collect(),
        extension: context.extension.clone(),
    }
}

/// A collection of datasets.
pub fn collection(label: &LocalizedText, lang: Lang, context: &Context, items: Vec<Dataset>) -> Collection {
    Collection {
        version: "2.0".into(),
        class: "collection".into(),
        label: pick(lang, label),
        source: context.source.clone(),
        updated: context.updated.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        note: context.notes.iter().map(|n| pick(lang, n)).collect(),
        extension: context.extension.clone(),
        link: Link { item: items },
    }
}

/// An example dataset (for the contract).
pub fn example() -> serde_json::Value {
    serde_json::json!({
        "version": "2.0",
        "class": "dataset",
        "label": "Diagram 6. Avslutsorsaker",
        "source": "ISU – individbaserad systematisk uppföljning (SU-X), release 01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f",
        "updated": "2026-11-25T10:00:00Z",
        "id": ["closing_reason", "measure"],
        "size": [3, 2],
        "role": {"metric": ["measure"]},
        "dimension": {
            "closing_reason": {"label": "Avslutsorsak", "category": {
                "index": ["goals_met", "ended_by_child", "_T"],
                "label": {"goals_met": "Målet/målen med insatsen har uppnåtts helt eller delvis",
                    "ended_by_child": "Barnet/familjen har avbrutit insatsen", "_T": "Totalt"}}},
            "measure": {"label": "Mått", "category": {
                "index": ["children", "share"],
                "label": {"children": "Antal barn", "share": "Andel"},
                "unit": {"children": {"label": "antal barn", "decimals": 0},
                    "share": {"label": "andel (0–1)", "decimals": 3}}}}
        },
        "value": [740, 0.6, null, null, 1234, null],
        "status": {"2": "≤4", "3": "..", "5": ".."},
        "note": ["Skyddade uppgifter: små antal (1–4) visas som ≤4, …"],
        "extension": {
            "table": "d6_closing_reasons",
            "audience": "published",
            "release": {"id": "01936f3e-8a4b-7c3d-9e2f-1a2b3c4d5e6f", "scope": "fou-valfard-gavleborg",
                "year": 2024, "version": 1, "created_at": "2026-11-25T10:00:00Z", "method": "suppression"},
            "protection": {"name": "Cell suppression (primary and secondary)", "description": "Counts 1..k-1 suppressed (primary); …",
                "k": 5, "min_group": 10, "percentile_rounding_days": 10, "method": "suppression"},
            "symbols": {"≤4": {"sv": "Litet antal (1–4), dolt för att skydda enskilda", "en": "A small count (1–4), hidden to protect individuals"},
                "..": {"sv": "Dolt för att skydda andra uppgifter, eller för få barn för andelar och medelvärden", "en": "Hidden to protect other figures, or too few children for shares and means"}},
            "no_figure": {"sv": "Ingen uppgift: inte definierad här", "en": "No figure: not defined here"}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::cube::{self, Category as CubeCategory, CubeDimension, Figure, Line, MeasureColumn, Unit as U};

    fn text(sv: &str, en: &str) -> LocalizedText {
        LocalizedText { sv: sv.into(), en: en.into() }
    }

    fn context() -> Context {
        Context {
            source: "test".into(),
            updated: None,
            notes: vec![text("not", "note")],
            extension: Extension {
                table: Some("t".into()),
                audience: "published".into(),
                release: None,
                releases: None,
                missing_scopes: None,
                protection: None,
                symbols: BTreeMap::new(),
                no_figure: text("-", "-"),
                metadata: None,
            },
        }
    }

    /// Year (time) × municipality (geo) × gender, two measures, every cell a distinct number
    /// except two hidden ones and one missing.
    fn cube() -> Cube {
        let dim = |id: &str, role, codes: &[&str]| CubeDimension {
            id: id.into(),
            label: text(&format!("{id} sv"), &format!("{id} en")),
            role,
            categories: codes.iter().map(|c| CubeCategory { code: c.to_string(), label: text(c, c) }).collect(),
        };
        let dimensions = vec![
            dim("year", Some(DimensionRole::Time), &["2024", cube::TOTAL]),
            dim("municipality", Some(DimensionRole::Geo), &["2180", "2182", cube::TOTAL]),
            dim("gender", None, &["girl", "boy", "other", cube::TOTAL]),
        ];
        let measures = vec![
            MeasureColumn {
                id: "children".into(),
                label: text("Antal barn", "Children"),
                unit: U::Children,
                decimals: 0,
            },
            MeasureColumn { id: "share".into(), label: text("Andel", "Share"), unit: U::Ratio, decimals: 3 },
        ];
        let mut lines = Vec::new();
        for y in 0..2 {
            for m in 0..3 {
                for g in 0..4 {
                    let n = (y * 100 + m * 10 + g) as u64;
                    let figures = match (y, m, g) {
                        (0, 1, 2) => vec![Figure::Hidden("≤4".into()), Figure::Hidden("..".into())],
                        (0, 0, 3) => vec![Figure::Integer(n), Figure::Missing],
                        _ => vec![Figure::Integer(n), Figure::Decimal(n as f64 / 1000.0)],
                    };
                    lines.push(Line { coordinates: vec![y, m, g], figures });
                }
            }
        }
        Cube { id: "t".into(), title: text("Tabell", "Table"), dimensions, measures, lines }
    }

    fn index(d: &Dataset, coordinates: &[usize]) -> usize {
        coordinates.iter().enumerate().map(|(i, c)| c * d.size[i + 1..].iter().product::<usize>()).sum()
    }

    #[test]
    fn size_id_and_value_agree() {
        let d = dataset(&cube(), Lang::Sv, &context());
        assert_eq!(d.id, ["year", "municipality", "gender", "measure"]);
        assert_eq!(d.size, [2, 3, 4, 2]);
        assert_eq!(d.value.len(), d.size.iter().product::<usize>());
        for (id, size) in d.id.iter().zip(&d.size) {
            let dim = &d.dimension.0.iter().find(|(k, _)| k == id).unwrap().1;
            assert_eq!(dim.category.index.len(), *size, "{id}");
            assert_eq!(dim.category.label.0.len(), *size, "{id}");
        }
    }

    #[test]
    fn values_are_row_major_with_the_last_dimension_fastest() {
        let d = dataset(&cube(), Lang::Sv, &context());
        for y in 0..2 {
            for m in 0..3 {
                for g in 0..4 {
                    let n = (y * 100 + m * 10 + g) as u64;
                    let at = index(&d, &[y, m, g, 0]);
                    if (y, m, g) != (0, 1, 2) {
                        assert_eq!(d.value[at], serde_json::json!(n), "{y} {m} {g}");
                    }
                }
            }
        }
        assert_eq!(index(&d, &[0, 0, 0, 1]), 1, "the measure varies fastest");
    }

    #[test]
    fn hidden_figures_are_null_with_their_symbol_and_missing_ones_plain_null() {
        let d = dataset(&cube(), Lang::Sv, &context());
        let hidden = index(&d, &[0, 1, 2, 0]);
        let status: BTreeMap<String, String> = d.status.0.iter().cloned().collect();
        assert_eq!(status.len(), 2);
        assert!(d.value[hidden].is_null() && d.value[hidden + 1].is_null());
        assert_eq!(status[&hidden.to_string()], "≤4");
        assert_eq!(status[&(hidden + 1).to_string()], "..");
        let missing = index(&d, &[0, 0, 3, 1]);
        assert!(d.value[missing].is_null() && !status.contains_key(&missing.to_string()));
    }

    #[test]
    fn roles_and_labels_follow_the_language() {
        let sv = dataset(&cube(), Lang::Sv, &context());
        assert_eq!(sv.role.time, ["year"]);
        assert_eq!(sv.role.geo, ["municipality"]);
        assert_eq!(sv.role.metric, ["measure"]);
        assert_eq!(sv.label, "Tabell");
        assert_eq!(sv.note, ["not"]);
        let en = dataset(&cube(), Lang::En, &context());
        assert_eq!(en.label, "Table");
        let measure = &en.dimension.0.last().unwrap().1;
        assert_eq!(measure.category.label.0[0], ("children".to_string(), "Children".to_string()));
        let json = serde_json::to_value(&en).unwrap();
        assert_eq!(json["dimension"]["gender"]["label"], "gender en");
        assert_eq!(json["dimension"]["measure"]["category"]["unit"]["share"]["decimals"], 3);
        assert_eq!(json["version"], "2.0");
        assert_eq!(json["class"], "dataset");
        // Object members keep the table's order.
        let text = json.to_string();
        assert!(text.find("\"2180\"").unwrap() < text.find("\"2182\"").unwrap());
    }

    #[test]
    fn a_published_table_round_trips_through_its_cube() {
        let table = crate::stats::cube::tests::gender_table();
        let d = dataset(&cube::from_published(&table), Lang::Sv, &context());
        assert_eq!(d.size, [3, 1]);
        assert_eq!(d.value, [serde_json::json!(12), serde_json::Value::Null, serde_json::Value::Null]);
        assert_eq!(d.status.0, [("1".to_string(), "≤4".to_string()), ("2".to_string(), "..".to_string())]);
    }
}
