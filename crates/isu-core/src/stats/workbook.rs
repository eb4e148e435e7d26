//! Tables as one Excel workbook (`.xlsx`, written with `rust_xlsxwriter`): a first sheet that
//! says what the figures are, then a sheet per table named by its id, laid out as the report
//! prints it: the title in the first row, the headings in the second, then a row per line of
//! the table (cells, margins with "Totalt", the total). Figures are numbers (shares as
//! percentages of the stored ratio), a hidden figure is its symbol as text ("≤4", ".."), and a
//! cell without a figure is left empty.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::csv::Lang;
use super::cube::{Cube, Figure, Unit};
use isu_domain::LocalizedText;

/// The first row of a table sheet holds its title, the second its headings.
pub const TITLE_ROW: u32 = 0;
pub const HEADING_ROW: u32 = 1;
pub const FIRST_DATA_ROW: u32 = 2;

/// A value on the description sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Text(String),
    Number(f64),
}

/// The first sheet: a title, then label–value rows, then the symbols and their meanings.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    pub title: LocalizedText,
    pub entries: Vec<(LocalizedText, Entry)>,
    pub symbols: Vec<(String, LocalizedText)>,
}

fn pick(lang: Lang, text: &LocalizedText) -> &str {
    match lang {
        Lang::Sv => &text.sv,
        Lang::En => &text.en,
    }
}

/// The name of the description sheet.
pub fn description_sheet_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Om statistiken",
        Lang::En => "About",
    }
}

/// A table's sheet name: its id, cut to Excel's 31 characters.
pub fn sheet_name(cube: &Cube) -> String {
    cube.id.chars().take(31).collect()
}

fn describe(sheet: &mut Worksheet, description: &Description, cubes: &[Cube], lang: Lang) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_name(description_sheet_name(lang))?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 100)?;
    sheet.write_string_with_format(0, 0, pick(lang, &description.title), &title)?;
    let mut row = 2;
    for (label, entry) in &description.entries {
        sheet.write_string_with_format(row, 0, pick(lang, label), &bold)?;
        match entry {
            Entry::Text(text) => sheet.write_string_with_format(row, 1, text, &wrap)?,
            Entry::Number(n) => {
                sheet.write_number_with_format(row, 1, *n, &Format::new().set_align(FormatAlign::Left))?
            }
        };
        row += 1;
    }
    if !description.symbols.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, if lang == Lang::Sv { "Symboler" } else { "Symbols" }, &title)?;
        row += 1;
        for (symbol, meaning) in &description.symbols {
            sheet.write_string_with_format(row, 0, symbol, &bold)?;
            sheet.write_string_with_format(row, 1, pick(lang, meaning), &wrap)?;
            row += 1;
        }
    }
    row += 1;
    sheet.write_string_with_format(row, 0, if lang == Lang::Sv { "Tabeller" } else { "Tables" }, &title)?;
    row += 1;
    for cube in cubes {
        sheet.write_string_with_format(row, 0, sheet_name(cube), &bold)?;
        sheet.write_string(row, 1, pick(lang, &cube.title))?;
        row += 1;
    }
    Ok(())
}

fn number_format(unit: Unit, decimals: u8) -> Format {
    match (unit, decimals) {
        (Unit::Ratio, _) => Format::new().set_num_format("0.0%"),
        (_, 0) => Format::new().set_num_format("0"),
        (_, 1) => Format::new().set_num_format("0.0"),
        _ => Format::new().set_num_format("0.00"),
    }
}

fn table_sheet(sheet: &mut Worksheet, cube: &Cube, lang: Lang) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let heading = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let symbol = Format::new().set_align(FormatAlign::Right);
    sheet.set_name(sheet_name(cube))?;
    sheet.write_string_with_format(TITLE_ROW, 0, pick(lang, &cube.title), &bold.clone().set_font_size(13))?;
    let dims = cube.dimensions.len() as u16;
    for (i, d) in cube.dimensions.iter().enumerate() {
        sheet.write_string_with_format(HEADING_ROW, i as u16, pick(lang, &d.label), &heading)?;
        sheet.set_column_width(i as u16, 36)?;
    }
    let formats: Vec<Format> = cube.measures.iter().map(|m| number_format(m.unit, m.decimals)).collect();
    for (i, m) in cube.measures.iter().enumerate() {
        sheet.write_string_with_format(HEADING_ROW, dims + i as u16, pick(lang, &m.label), &heading)?;
        sheet.set_column_width(dims + i as u16, 14)?;
    }
    for (n, line) in cube.lines.iter().enumerate() {
        let row = FIRST_DATA_ROW + n as u32;
        for (i, (d, c)) in cube.dimensions.iter().zip(&line.coordinates).enumerate() {
            sheet.write_string(row, i as u16, pick(lang, &d.categories[*c].label))?;
        }
        for (i, figure) in line.figures.iter().enumerate() {
            let col = dims + i as u16;
            match figure {
                // A perturbed figure is a number too; the first sheet says every count is perturbed.
                Figure::Integer(_) | Figure::Decimal(_) | Figure::PerturbedCount(_) | Figure::PerturbedDecimal(_) => {
                    let value = figure.number().unwrap_or_default();
                    sheet.write_number_with_format(row, col, value, &formats[i])?;
                }
                Figure::Hidden(s) => {
                    sheet.write_string_with_format(row, col, s, &symbol)?;
                }
                Figure::Missing => {}
            }
        }
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, dims)?;
    Ok(())
}

/// The workbook: the description, then one sheet per cube, as `.xlsx` bytes.
pub fn render(description: &Description, cubes: &[Cube], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    describe(workbook.add_worksheet(), description, cubes, lang)?;
    for cube in cubes {
        table_sheet(workbook.add_worksheet(), cube, lang)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_a_zip_with_a_sheet_per_table() {
        let cube = super::super::cube::from_published(&super::super::cube::tests::gender_table());
        let description = Description {
            title: LocalizedText { sv: "Titel".into(), en: "Title".into() },
            entries: vec![(LocalizedText { sv: "År".into(), en: "Year".into() }, Entry::Number(2024.0))],
            symbols: vec![],
        };
        let bytes = render(&description, &[cube], Lang::Sv).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "xlsx is a ZIP archive");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet2.xml"), "the description and one table sheet");
    }
}
