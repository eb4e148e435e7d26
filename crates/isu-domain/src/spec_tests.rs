//! Tests that hold the embedded data to the written specification: `docs/reference/SU-X.md`
//! (authoritative for codes and Swedish labels) and the seed report's form (Bilaga 1) and
//! Table 2 (`docs/reference/seed-report-004.txt`). Both are copies kept in the repository, so the
//! project builds and passes its tests from its own files; `docs/reference/README.md` says where
//! they come from.

use super::codes::CodeListId;
use super::forms::{self, Form};
use super::manual_methods;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/reference/SU-X.md");
const REPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/reference/seed-report-004.txt");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| {
        panic!(
            "cannot read {path}: {err}. The domain tests compare the embedded data with the SU-X \
             specification kept in `docs/reference/`."
        )
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraph (up to the next blank line) that starts with `start`.
fn paragraph<'a>(text: &'a str, start: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("SU-X.md has no paragraph starting `{start}`"));
    let rest = &text[from..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

/// `(number, code, label)` for every backticked code in a paragraph written as
/// "[n] `code` Label · [n] `code` Label …". English remarks in parentheses and the final full
/// stop are dropped; `number` is the integer written just before the code, if any.
fn coded_entries(paragraph: &str) -> Vec<(Option<u8>, String, String)> {
    let parts: Vec<&str> = paragraph.split('`').collect();
    let mut entries = Vec::new();
    for i in (1..parts.len()).step_by(2) {
        let before = parts[i - 1].rsplit('·').next().unwrap_or_default().trim();
        let number = before.rsplit(' ').next().and_then(|n| n.parse().ok());
        let mut label = collapse(parts[i + 1].split('·').next().unwrap_or_default());
        if let Some(cut) = label.find(" (") {
            label.truncate(cut);
        }
        let label = label.trim_end_matches(['.', ' ']);
        entries.push((number, parts[i].to_string(), label.to_string()));
    }
    entries
}

/// The backticked values in the type column of the record table row for `field`.
fn table_codes(spec: &str, field: &str) -> Vec<String> {
    let cell = format!("`{field}`");
    let row = spec
        .lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| line.split('|').map(str::trim).collect::<Vec<_>>())
        .find(|cells| cells.len() > 3 && cells[2] == cell)
        .unwrap_or_else(|| panic!("SU-X.md has no table row for `{field}`"));
    row[3].split('`').skip(1).step_by(2).map(String::from).collect()
}

fn v2021() -> &'static Form {
    forms::get("su-x-2021").unwrap()
}

fn labels(form: &Form, id: CodeListId) -> Vec<(u8, String, String)> {
    let list = form.code_list(id).unwrap_or_else(|| panic!("{} has no {id}", form.id));
    list.codes.iter().map(|c| (c.position, c.code.clone(), c.label.sv.clone())).collect()
}

fn assert_list_matches(id: CodeListId, spec_entries: Vec<(Option<u8>, String, String)>, numbered: bool) {
    assert!(!spec_entries.is_empty(), "no entries parsed for {id}");
    let expected: Vec<_> = spec_entries
        .into_iter()
        .enumerate()
        .map(|(i, (number, code, label))| {
            let position = if numbered { number.expect("numbered entry") } else { i as u8 + 1 };
            (position, code, label)
        })
        .collect();
    assert_eq!(labels(v2021(), id), expected, "{id} differs from SU-X.md");
}

#[test]
fn problem_areas_match_the_specification() {
    let spec = read(SPEC);
    let entries = coded_entries(paragraph(&spec, "Problem areas (Q7)"));
    assert_eq!(entries.len(), 13);
    assert_list_matches(CodeListId::ProblemAreas, entries, false);
}

#[test]
fn interventions_match_the_specification() {
    let spec = read(SPEC);
    let entries = coded_entries(paragraph(&spec, "Interventions (Q8)"));
    assert_eq!(entries.len(), 4);
    assert_list_matches(CodeListId::Interventions, entries, false);
}

#[test]
fn closing_reasons_match_the_specification_with_their_numbers() {
    let spec = read(SPEC);
    let entries = coded_entries(paragraph(&spec, "Closing reasons (Q10)"));
    assert_eq!(entries.len(), 6);
    assert_list_matches(CodeListId::ClosingReasons, entries, true);
}

#[test]
fn table_code_lists_match_the_specification() {
    let spec = read(SPEC);
    for (field, id) in [
        ("gender", CodeListId::Genders),
        ("birth_background", CodeListId::BirthBackgrounds),
        ("previously_active", CodeListId::PreviouslyActive),
    ] {
        let codes: Vec<String> = labels(v2021(), id).into_iter().map(|(_, code, _)| code).collect();
        assert_eq!(codes, table_codes(&spec, field), "{id} differs from SU-X.md");
    }
    // SU-X.md gives only codes for these lists; the Swedish labels are the form's (Bilaga 1).
    let sv = |id| labels(v2021(), id).into_iter().map(|(_, _, label)| label).collect::<Vec<_>>();
    assert_eq!(sv(CodeListId::Genders), ["Flicka", "Pojke", "Annan könsidentitet"]);
    assert_eq!(
        sv(CodeListId::BirthBackgrounds),
        [
            "Född i Sverige med båda föräldrar födda i Sverige",
            "Född i Sverige med en förälder född utomlands",
            "Född i Sverige med båda föräldrar födda utomlands",
            "Född i övriga Europa",
            "Född utanför Europa",
            "Vet inte",
        ]
    );
    assert_eq!(
        sv(CodeListId::PreviouslyActive),
        ["Nej", "Ja, en gång tidigare", "Ja, flera gånger tidigare", "Vet ej"]
    );
}

#[test]
fn record_fields_match_the_specification_table() {
    let spec = read(SPEC);
    let rows: Vec<(Option<u8>, String)> = spec
        .lines()
        .filter(|line| line.starts_with("| "))
        .map(|line| line.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells.len() > 3 && cells[2].starts_with('`'))
        .map(|cells| (cells[1].parse().ok(), cells[2].split('`').nth(1).unwrap().to_string()))
        .collect();
    assert_eq!(rows.len(), 12, "record table rows: {rows:?}");
    for (number, name) in rows {
        let field = v2021().field(&name).unwrap_or_else(|| panic!("su-x-2021 has no field `{name}`"));
        assert_eq!(field.number, number, "question number of `{name}`");
    }
}

#[test]
fn the_2020_differences_match_the_specification() {
    let spec = read(SPEC);
    let section = &spec[spec.find("## SU-X 2020").expect("SU-X.md has a SU-X 2020 section")..];
    let after = &section[section.find("`parent_mental_health_or_disability`").expect("2020 code")..];
    let quoted = &after[after.find("(\"…").expect("quoted 2020 label") + "(\"…".len()..];
    let suffix = collapse(&quoted[..quoted.find("\")").expect("end of quoted label")]);
    let v2020 = forms::get("su-x-2020").unwrap();
    let list = v2020.code_list(CodeListId::ProblemAreas).unwrap();
    let label = &list.get("parent_mental_health_or_disability").expect("2020 code").label.sv;
    assert!(label.ends_with(&suffix), "2020 label `{label}` does not end with `{suffix}`");
    for id in CodeListId::ALL {
        if let Some(list) = v2020.code_list(id) {
            assert!(!list.contains("other_non_manual") && !list.contains("parent_mental_health"));
        }
    }
}

#[test]
fn manual_method_registry_matches_the_specification() {
    let spec = read(SPEC);
    let para = collapse(paragraph(&spec, "Named manual methods seen in the 2020 data"));
    let list = &para[para.find("):").expect("list after the colon") + 2..];
    let list = &list[..list.find('.').expect("list ends with a full stop")];
    let spec_names: Vec<String> = list.split(',').map(|s| s.trim().to_string()).collect();
    let names: Vec<String> = manual_methods::seed().iter().map(|m| m.name.clone()).collect();
    assert_eq!(names, spec_names);
}

#[test]
fn swedish_texts_are_the_wording_of_the_report() {
    let report = read(REPORT);
    let bilaga1 = {
        let from = report.find("### BILAGA 1").expect("report has Bilaga 1");
        let to = report.find("## BILAGA 2").expect("report has Bilaga 2");
        collapse(&report[from..to])
    };
    let form = v2021();
    for field in &form.fields {
        for part in field.text.sv.split(" // ") {
            assert!(bilaga1.contains(part), "field `{}`: `{part}` is not on the form", field.name);
        }
    }
    for list in &form.code_lists {
        for code in &list.codes {
            for text in std::iter::once(&code.label.sv).chain(code.form_wording_sv.as_ref()) {
                assert!(bilaga1.contains(text.as_str()), "{} `{}`: `{text}` is not on the form", list.id, code.code);
            }
        }
    }
    let report = collapse(&report);
    let v2020 = forms::get("su-x-2020").unwrap();
    let label = &v2020.code_list(CodeListId::ProblemAreas).unwrap().codes[5].label.sv;
    assert!(report.contains(label.as_str()), "2020 label `{label}` is not in the report");
    for method in manual_methods::seed() {
        assert!(report.contains(&method.name), "method `{}` is not in the report", method.name);
    }
}
