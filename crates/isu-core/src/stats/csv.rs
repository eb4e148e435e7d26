//! A table as CSV (RFC 4180: comma-separated, `.` as decimal point, UTF-8, one header row), with
//! Swedish or English headers and value labels. Margin rows and the total follow the cells; a
//! collapsed dimension reads "Totalt"/"Total". A protected table (a release, or protected
//! statistics) states its method in a last column, "Skyddsmetod"/"Protection method", the same
//! on every row (decision 0006); exact tables have no such column.

use super::release::ReleaseMethod;

use super::catalogue::{Dimension, Measure};
use super::table::{Row, Table};

/// Header and label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = Language)]
pub enum Lang {
    Sv,
    En,
}

fn pick(lang: Lang, text: &isu_domain::LocalizedText) -> String {
    match lang {
        Lang::Sv => text.sv.clone(),
        Lang::En => text.en.clone(),
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{}", (v * 10_000.0).round() / 10_000.0)).unwrap_or_default()
}

fn integer(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The measure columns: (Swedish header, English header) per column.
pub(crate) fn measure_headers(measure: Measure) -> Vec<(String, String)> {
    let label = measure.label();
    let with =
        |suffix_sv: &str, suffix_en: &str| (format!("{} {suffix_sv}", label.sv), format!("{} {suffix_en}", label.en));
    match measure {
        Measure::InterventionDays | Measure::EnrolmentDays => vec![
            with("antal", "n"),
            with("medel", "mean"),
            with("median", "median"),
            with("p10", "p10"),
            with("p90", "p90"),
            with("min", "min"),
            with("max", "max"),
        ],
        Measure::Age => vec![with("medel", "mean"), with("min", "min"), with("max", "max")],
        Measure::Coverage => vec![
            with("registrerade", "registered"),
            with("avslutade enligt verksamheterna", "closed as reported"),
            with("registrerade hos rapporterande", "registered of reporting"),
            with("kvot", "ratio"),
        ],
        Measure::Combinations => vec![
            ("Problemområde 1".into(), "Problem area 1".into()),
            ("Problemområde 2".into(), "Problem area 2".into()),
            ("Antal barn med båda".into(), "Children with both".into()),
        ],
        _ => vec![(label.sv, label.en)],
    }
}

fn measure_cells(measure: Measure, row: &Row) -> Vec<String> {
    match measure {
        Measure::Children => vec![integer(row.children.map(|v| v as i64))],
        Measure::Share => vec![number(row.share)],
        Measure::Mentions => vec![integer(row.mentions.map(|v| v as i64))],
        Measure::Alone => vec![integer(row.alone.map(|v| v as i64))],
        Measure::InterventionDays | Measure::EnrolmentDays => {
            let days = if measure == Measure::InterventionDays { &row.intervention_days } else { &row.enrolment_days };
            match days {
                Some(d) => vec![
                    d.n.to_string(),
                    number(d.mean),
                    number(d.median),
                    number(d.p10),
                    number(d.p90),
                    integer(d.min),
                    integer(d.max),
                ],
                None => vec![String::new(); 7],
            }
        }
        Measure::Age => match &row.age {
            Some(a) => vec![number(a.mean), integer(a.min), integer(a.max)],
            None => vec![String::new(); 3],
        },
        Measure::Coverage => match &row.coverage {
            Some(c) => vec![
                c.registered.to_string(),
                c.closed_reported.to_string(),
                c.registered_of_reporting.to_string(),
                number(c.ratio),
            ],
            None => vec![String::new(); 4],
        },
        // Written as rows of their own (one per pair).
        Measure::Combinations => Vec::new(),
    }
}

/// The header of the method column.
fn method_header(lang: Lang) -> String {
    match lang {
        Lang::Sv => "Skyddsmetod".into(),
        Lang::En => "Protection method".into(),
    }
}

/// The method column's value: the protection's name in `lang`.
pub fn method_label(method: ReleaseMethod, lang: Lang) -> &'static str {
    match (method, lang) {
        (ReleaseMethod::CellKey, Lang::Sv) => "cellnyckelmetoden",
        (ReleaseMethod::CellKey, Lang::En) => "cell-key method",
        (ReleaseMethod::Suppression, Lang::Sv) => "cellundertryckning",
        (ReleaseMethod::Suppression, Lang::En) => "cell suppression",
    }
}

/// The exact table as CSV text (no method column).
pub fn render(table: &Table, lang: Lang) -> String {
    write(table, lang, None)
}

/// A protected answer of `GET /v1/stats` (cell-key method) as CSV text: the columns of `render`
/// and the method column last.
pub fn render_protected(table: &Table, lang: Lang) -> String {
    write(table, lang, Some(ReleaseMethod::CellKey))
}

fn write(table: &Table, lang: Lang, method: Option<ReleaseMethod>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let method = method.map(|m| method_label(m, lang).to_string());
    let total_label = match lang {
        Lang::Sv => "Totalt",
        Lang::En => "Total",
    };
    let pairs = table.measures.contains(&Measure::Combinations);
    let scalar_measures: Vec<Measure> =
        table.measures.iter().copied().filter(|m| *m != Measure::Combinations).collect();
    let mut header: Vec<String> = table.dimensions.iter().map(|d| pick(lang, &d.label)).collect();
    for m in &scalar_measures {
        header.extend(measure_headers(*m).into_iter().map(|(sv, en)| if lang == Lang::Sv { sv } else { en }));
    }
    if pairs {
        header.extend(
            measure_headers(Measure::Combinations).into_iter().map(|(sv, en)| if lang == Lang::Sv { sv } else { en }),
        );
    }
    if method.is_some() {
        header.push(method_header(lang));
    }
    let label_of = |dim: Dimension, code: &str| -> String {
        value_label(table.dimensions.iter().find(|d| d.id == dim).map(|d| d.values.as_slice()), code, lang)
    };
    // A write into a Vec cannot fail; errors would be programming errors caught by the tests.
    let _ = out.write_record(&header);
    let mut write_line = |mut line: Vec<String>| {
        line.extend(method.clone());
        let _ = out.write_record(&line);
    };
    let all_rows = table.rows.iter().chain(table.margins.iter().flat_map(|m| m.rows.iter())).chain([&table.total]);
    for row in all_rows {
        let mut record: Vec<String> = table
            .dimensions
            .iter()
            .map(|d| match row.dimensions.get(d.id.id()) {
                Some(code) => label_of(d.id, code),
                None => total_label.to_string(),
            })
            .collect();
        for m in &scalar_measures {
            record.extend(measure_cells(*m, row));
        }
        match (&row.combinations, pairs) {
            (Some(combinations), true) => {
                for c in combinations {
                    let mut line = record.clone();
                    line.push(label_of_area(lang, &c.problem_areas[0]));
                    line.push(label_of_area(lang, &c.problem_areas[1]));
                    line.push(c.children.to_string());
                    write_line(line);
                }
            }
            _ => {
                if pairs {
                    record.extend([String::new(), String::new(), String::new()]);
                }
                write_line(record);
            }
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A published (protected) table as CSV: every figure as its display string ("≤4", ".." when
/// hidden; a perturbed figure is a plain number), and the release's `method` in the last column.
pub fn render_published(table: &super::release::PublishedTable, lang: Lang, method: ReleaseMethod) -> String {
    use super::release::{PublishedDays, PublishedRow};
    let mut out = csv::Writer::from_writer(Vec::new());
    let text = |sv: &str, en: &str| if lang == Lang::Sv { sv.to_string() } else { en.to_string() };
    let total_label = text("Totalt", "Total");
    let pairs = table.measures.contains(&Measure::Combinations);
    let scalar: Vec<Measure> = table.measures.iter().copied().filter(|m| *m != Measure::Combinations).collect();
    let mut header: Vec<String> = table.dimensions.iter().map(|d| pick(lang, &d.label)).collect();
    for m in &scalar {
        let label = pick(lang, &m.label());
        match m {
            Measure::InterventionDays | Measure::EnrolmentDays => {
                for (sv, en) in
                    [("antal", "n"), ("medel", "mean"), ("median", "median"), ("p10", "p10"), ("p90", "p90")]
                {
                    header.push(format!("{label} {}", text(sv, en)));
                }
            }
            Measure::Age => header.push(format!("{label} {}", text("medel", "mean"))),
            _ => header.push(label),
        }
    }
    if pairs {
        header.extend(
            measure_headers(Measure::Combinations).into_iter().map(|(sv, en)| if lang == Lang::Sv { sv } else { en }),
        );
    }
    header.push(method_header(lang));
    let method = method_label(method, lang).to_string();
    let _ = out.write_record(&header);
    let label_of = |dim: Dimension, code: &str| -> String {
        value_label(table.dimensions.iter().find(|d| d.id == dim).map(|d| d.values.as_slice()), code, lang)
    };
    let display = |f: &Option<super::release::CountFigure>| f.as_ref().map(|f| f.display.clone()).unwrap_or_default();
    let days = |d: &Option<PublishedDays>| -> Vec<String> {
        match d {
            Some(d) => vec![
                d.n.display.clone(),
                d.mean.display.clone(),
                d.median.display.clone(),
                d.p10.display.clone(),
                d.p90.display.clone(),
            ],
            None => vec![String::new(); 5],
        }
    };
    let rows: Vec<&PublishedRow> =
        table.rows.iter().chain(table.margins.iter().flat_map(|m| m.rows.iter())).chain([&table.total]).collect();
    for row in rows {
        let mut record: Vec<String> = table
            .dimensions
            .iter()
            .map(|d| row.dimensions.get(d.id.id()).map_or_else(|| total_label.clone(), |code| label_of(d.id, code)))
            .collect();
        for m in &scalar {
            match m {
                Measure::Children => record.push(display(&row.children)),
                Measure::Share => record.push(row.share.as_ref().map(|f| f.display.clone()).unwrap_or_default()),
                Measure::Mentions => record.push(display(&row.mentions)),
                Measure::Alone => record.push(display(&row.alone)),
                Measure::InterventionDays => record.extend(days(&row.intervention_days)),
                Measure::EnrolmentDays => record.extend(days(&row.enrolment_days)),
                Measure::Age => record.push(row.age.as_ref().map(|a| a.mean.display.clone()).unwrap_or_default()),
                Measure::Coverage | Measure::Combinations => record.push(String::new()),
            }
        }
        match (&row.combinations, pairs) {
            (Some(combinations), true) => {
                for c in combinations {
                    let mut line = record.clone();
                    line.push(label_of_area(lang, &c.problem_areas[0]));
                    line.push(label_of_area(lang, &c.problem_areas[1]));
                    line.push(c.children.display.clone());
                    line.push(method.clone());
                    let _ = out.write_record(&line);
                }
            }
            _ => {
                if pairs {
                    record.extend([String::new(), String::new(), String::new()]);
                }
                record.push(method.clone());
                let _ = out.write_record(&record);
            }
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn label_of_area(lang: Lang, code: &str) -> String {
    isu_domain::forms::get(super::catalogue::HARMONISED_FORM)
        .and_then(|f| f.code_list(isu_domain::CodeListId::ProblemAreas))
        .and_then(|l| l.get(code))
        .map(|c| pick(lang, &c.label))
        .unwrap_or_else(|| code.to_string())
}

/// The label of a dimension value in `lang` (the code itself when unknown).
fn value_label(values: Option<&[super::catalogue::DimensionValue]>, code: &str, lang: Lang) -> String {
    values
        .and_then(|values| values.iter().find(|v| v.code == code))
        .map(|v| pick(lang, &v.label))
        .unwrap_or_else(|| code.to_string())
}
