//! Detection of Swedish personal identity numbers (personnummer) and coordination numbers
//! (samordningsnummer) in free text, so that case references and free-text fields never carry a
//! directly identifying number.
//!
//! # What is recognised
//!
//! The 10-digit form is `YYMMDDNNNC`: a date of birth, a three-digit serial number and a check
//! digit `C` computed with the Luhn algorithm over the ten digits. The 12-digit form puts the
//! century in front (`YYYYMMDDNNNC`), and either form may carry a separator before the last four
//! digits (`YYMMDD-NNNC`, `YYYYMMDD-NNNC`; `+` for people aged 100 or more). A coordination number
//! is a personal identity number whose day is increased by 60 (`701063-2391`: 3 October 1970).
//!
//! A candidate counts when
//! - its month is 01–12,
//! - its day is valid for that month (29 February in years `YY` divisible by four, because the
//!   century of a 10-digit number is unknown), either as such or minus 60 (coordination number),
//! - and the Luhn sum over its ten digits is divisible by ten.
//!
//! # Normalisation (before anything is looked for)
//!
//! People and systems write the same number in many shapes, and a few shapes are made to slip
//! past a filter. The text is therefore first
//! 1. normalised to Unicode NFKC, so that full-width digits (`６４０８２３`) and other
//!    compatibility forms become ASCII digits,
//! 2. stripped of format characters (Unicode category Cf: zero-width space, zero-width joiners,
//!    soft hyphen, direction marks, byte-order mark, …), which are invisible and can be inserted
//!    anywhere,
//! 3. read as *digit groups* (maximal runs of ASCII digits) joined by *short separator runs*: one
//!    to three characters that are each whitespace, a dash of any kind (hyphen-minus, the Unicode
//!    dashes and hyphens, the minus sign), `+`, `.`, `/` or `_`. A run of separators counts as one
//!    separator (`19640823 - 3234`); anything else (a letter, a comma, a longer gap) ends a chain
//!    of groups.
//!
//! # Where candidates are looked for (a deliberate, conservative choice)
//!
//! Within one chain of digit groups:
//! - **Every window of ten consecutive digits** inside a group of ten or more digits. A group of
//!   exactly 10 digits is the plain form; a group of 12 digits is the form with century (its last
//!   ten digits are one of the windows); longer groups are checked too, so that a number glued to
//!   other digits (a municipality code in front, a counter behind: `2182199001011234`) is still
//!   refused. The century of a 12-digit number is therefore not required to be 18, 19 or 20: the
//!   10-digit form inside it identifies the person anyway.
//! - **Date, separator, serial**: the last six digits of a group (of at least six) followed by
//!   the first four digits of the next group (of at least four): `900101-1234`, `19900101+1234`,
//!   `640823 – 3234`, `640823/3234`, `640823_3234`.
//! - **A date written in parts**: groups `YY` (the last two digits of a group of at least two),
//!   `MM` and `DD` (exactly two digits each), then the first four digits of the next group (of at
//!   least four): `64.08.23-3234`, `1964-08-23 3234`.
//!
//! In the last two shapes, a four-digit serial group followed by two groups of exactly two digits
//! is read as a year in a date (`2021-03-04 – 2021-06-30`) and not as a serial number.
//!
//! Refusing is the safe direction: a false positive costs the sender a reformulation (the
//! violation says why), a false negative stores a directly identifying number. About one random
//! 10-digit candidate in 100 passes (month, day and Luhn), so long digit runs in free text are
//! occasionally refused; Swedish mobile numbers written without spaces (`0701234567`) are
//! formally indistinguishable from a personal identity number and are refused when they pass.
//! Phone numbers written in the usual groups (`070-123 45 67`, `08-123 456 78`) and dates are
//! not candidates.

use unicode_normalization::UnicodeNormalization;

/// Longest run of separator characters that still joins two digit groups.
const MAX_SEPARATOR_RUN: usize = 3;

/// Format characters (Unicode category Cf) that may occur in text: invisible, so they are
/// dropped before detection.
fn is_format_character(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Dashes of every kind (Unicode category Pd) and the minus sign.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{058A}' | '\u{05BE}' | '\u{1400}' | '\u{1806}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2043}'
                | '\u{2212}'
                | '\u{2E17}'
                | '\u{2E1A}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{2E40}'
                | '\u{2E5D}'
                | '\u{301C}'
                | '\u{3030}'
                | '\u{30A0}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

/// Characters that may stand between the parts of a number.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || is_dash(c) || matches!(c, '+' | '.' | '/' | '_' | '\u{2044}' | '\u{2215}')
}

/// The text as detection sees it: NFKC, without format characters.
pub fn normalise(text: &str) -> String {
    text.nfkc().filter(|c| !is_format_character(*c)).collect()
}

/// Chains of digit groups joined by short separator runs (see the module documentation).
fn digit_chains(text: &str) -> Vec<Vec<Vec<u8>>> {
    let mut chains: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut chain: Vec<Vec<u8>> = Vec::new();
    let mut group: Vec<u8> = Vec::new();
    // Separator characters seen since the last digit (None: something else broke the chain).
    let mut gap: Option<usize> = Some(0);
    for c in text.chars() {
        if c.is_ascii_digit() {
            if group.is_empty() && !chain.is_empty() && !gap.is_some_and(|n| (1..=MAX_SEPARATOR_RUN).contains(&n)) {
                chains.push(std::mem::take(&mut chain));
            }
            group.push(c as u8 - b'0');
            gap = Some(0);
            continue;
        }
        if !group.is_empty() {
            chain.push(std::mem::take(&mut group));
        }
        gap = match gap {
            Some(n) if is_separator(c) => Some(n + 1),
            _ => None,
        };
    }
    if !group.is_empty() {
        chain.push(group);
    }
    if !chain.is_empty() {
        chains.push(chain);
    }
    chains
}

/// True when `text` contains a Swedish personal identity number or coordination number
/// anywhere, in any of the shapes described in the module documentation (after normalisation).
pub fn contains_identity_number(text: &str) -> bool {
    digit_chains(&normalise(text)).iter().any(|chain| chain_contains_identity_number(chain))
}

fn chain_contains_identity_number(groups: &[Vec<u8>]) -> bool {
    // A four-digit group followed by two two-digit groups is the year of a date, not a serial.
    let is_date_year = |i: usize| {
        groups[i].len() == 4
            && groups.get(i + 1).is_some_and(|g| g.len() == 2)
            && groups.get(i + 2).is_some_and(|g| g.len() == 2)
    };
    for (i, group) in groups.iter().enumerate() {
        if group.len() >= 10 && group.windows(10).any(is_valid_ten) {
            return true;
        }
        if let Some(next) = groups.get(i + 1) {
            if group.len() >= 6 && next.len() >= 4 && !is_date_year(i + 1) {
                let mut candidate = group[group.len() - 6..].to_vec();
                candidate.extend_from_slice(&next[..4]);
                if is_valid_ten(&candidate) {
                    return true;
                }
            }
        }
        if let (Some(month), Some(day), Some(serial)) = (groups.get(i + 1), groups.get(i + 2), groups.get(i + 3)) {
            if group.len() >= 2 && month.len() == 2 && day.len() == 2 && serial.len() >= 4 && !is_date_year(i + 3) {
                let mut candidate = group[group.len() - 2..].to_vec();
                candidate.extend_from_slice(month);
                candidate.extend_from_slice(day);
                candidate.extend_from_slice(&serial[..4]);
                if is_valid_ten(&candidate) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether ten digits `YYMMDDNNNC` form a plausible personal identity or coordination number.
fn is_valid_ten(d: &[u8]) -> bool {
    debug_assert_eq!(d.len(), 10);
    let pair = |i: usize| u32::from(d[i]) * 10 + u32::from(d[i + 1]);
    let (year, month, mut day) = (pair(0), pair(2), pair(4));
    if day > 60 {
        day -= 60;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return false;
    }
    luhn_sum(d) % 10 == 0
}

/// Days in `month` of a year whose last two digits are `yy` (leap when divisible by four: the
/// lenient choice, since the century is unknown).
fn days_in_month(yy: u32, month: u32) -> u32 {
    match month {
        2 if yy % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Luhn sum: digits at even positions (0, 2, …) doubled, digit sums added.
fn luhn_sum(d: &[u8]) -> u32 {
    d.iter()
        .enumerate()
        .map(|(i, &digit)| {
            let v = u32::from(digit) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 {
                v - 9
            } else {
                v
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completes nine digits with their Luhn check digit.
    fn with_check_digit(nine: &str) -> String {
        let mut d: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
        d.push(0);
        let check = (10 - luhn_sum(&d) % 10) % 10;
        format!("{nine}{check}")
    }

    #[test]
    fn check_digit_helper_agrees_with_published_examples() {
        // Skatteverket's test numbers.
        assert_eq!(with_check_digit("811218987"), "8112189876");
        assert_eq!(with_check_digit("701063239"), "7010632391");
    }

    #[test]
    fn ten_digits_with_and_without_separator() {
        assert!(contains_identity_number("8112189876"));
        assert!(contains_identity_number("811218-9876"));
        assert!(contains_identity_number("811218+9876"));
        assert!(contains_identity_number("811218\u{2013}9876"));
    }

    #[test]
    fn twelve_digits_with_and_without_separator() {
        assert!(contains_identity_number("198112189876"));
        assert!(contains_identity_number("19811218-9876"));
        assert!(contains_identity_number("19811218+9876"));
        assert_eq!(with_check_digit("000229000"), "0002290005");
        assert!(contains_identity_number("20000229-0005"));
    }

    #[test]
    fn coordination_numbers() {
        assert!(contains_identity_number("7010632391"));
        assert!(contains_identity_number("701063-2391"));
        assert!(contains_identity_number("19701063-2391"));
        // Day 91 = 31 + 60 in January.
        assert!(contains_identity_number(&with_check_digit("900191123")));
        // Day 92 does not exist, nor day 60 (= day 0).
        assert!(!contains_identity_number(&with_check_digit("900192123")));
        assert!(!contains_identity_number(&with_check_digit("900160123")));
    }

    #[test]
    fn embedded_in_text() {
        assert!(contains_identity_number("Barnet (811218-9876) flyttade"));
        assert!(contains_identity_number("x198112189876y"));
        assert!(contains_identity_number("case.8112189876.a"));
        assert!(contains_identity_number("ref_19811218-9876_2021"));
        assert!(contains_identity_number("pnr:8112189876, tel 08-123 45"));
        // Glued to other digits: every 10-digit window is checked.
        assert!(contains_identity_number("2182198112189876"));
        assert!(contains_identity_number("81121898760001"));
        // Long run before the separator: its last six digits are the date.
        assert!(contains_identity_number("A123811218-9876"));
    }

    #[test]
    fn near_misses_are_not_flagged() {
        // Bad check digit.
        assert!(!contains_identity_number("8112189875"));
        assert!(!contains_identity_number("811218-9877"));
        assert!(!contains_identity_number("19811218-9870"));
        // Month 13 and day 32 (check digits made valid so only the date fails).
        assert!(!contains_identity_number(&with_check_digit("811318987")));
        assert!(!contains_identity_number(&with_check_digit("811232987")));
        assert!(!contains_identity_number(&with_check_digit("810230987")));
        assert!(!contains_identity_number(&with_check_digit("810229987"))); // 1981 is no leap year
        assert!(contains_identity_number(&with_check_digit("800229987"))); // 1980 is
        assert!(!contains_identity_number(&with_check_digit("811200987"))); // day 0
        assert!(!contains_identity_number(&with_check_digit("810018987"))); // month 0
                                                                            // Nine and eleven digits.
        assert!(!contains_identity_number("811218987"));
        assert!(!contains_identity_number("811218-987"));
        assert!(!contains_identity_number("81121809876")); // a digit inserted
        assert!(!contains_identity_number("8112180-9876"));
        // A separator run longer than three characters, or a letter, breaks the number.
        assert!(!contains_identity_number("811218 -- 9876"));
        assert!(!contains_identity_number("811218 x 9876"));
        // Ordinary texts and numbers.
        assert!(!contains_identity_number(""));
        assert!(!contains_identity_number("2021-03-04 till 2021-06-30"));
        assert!(!contains_identity_number("ÄRENDE-2021-000123"));
        assert!(!contains_identity_number("2021000123456"));
        assert!(!contains_identity_number("Trappan, 12 samtal, 3 uppföljningar"));
    }

    #[test]
    fn every_windowed_eleven_digit_near_miss_is_checked_by_its_windows() {
        // An eleven-digit run is flagged exactly when one of its two windows is valid.
        for text in ["81121809876", "08112189876", "81121898761", "11121898761"] {
            let d: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
            let expected = is_valid_ten(&d[..10]) || is_valid_ten(&d[1..]);
            assert_eq!(contains_identity_number(text), expected, "{text}");
        }
        assert!(contains_identity_number("08112189876"));
        assert!(!contains_identity_number("81121809876"));
    }

    /// The shapes of issue 13 (all of 1964-08-23, serial 323, check digit 4) and more: every one
    /// must be found.
    #[test]
    fn every_written_shape_is_found() {
        let shapes = [
            "6408233234",
            "640823-3234",
            "19640823 - 3234",
            "640823 \u{2013} 3234",
            "640823 \u{2014} 3234",
            "640823\u{2212}3234",
            "640823 3234",
            "19640823 3234",
            "\u{FF16}\u{FF14}\u{FF10}\u{FF18}\u{FF12}\u{FF13}-\u{FF13}\u{FF12}\u{FF13}\u{FF14}",
            "\u{FF11}\u{FF19}\u{FF16}\u{FF14}\u{FF10}\u{FF18}\u{FF12}\u{FF13}\u{FF13}\u{FF12}\u{FF13}\u{FF14}",
            "640823\u{200B}3234",
            "6408\u{200B}23-32\u{200D}34",
            "640823\u{00AD}-3234",
            "640823\u{00A0}3234",
            "64.08.23-3234",
            "64 08 23-3234",
            "1964-08-23-3234",
            "1964.08.23 3234",
            "640823/3234",
            "640823_3234",
            "640823.3234",
            "19640823.3234",
            "19640823_3234",
            "640823 / 3234",
            "Barnet, 640823 3234, flyttade",
        ];
        for shape in shapes {
            assert!(contains_identity_number(shape), "not found: {shape:?}");
        }
    }

    /// Look-alikes that must still pass: dates, date ranges, phone numbers in their usual
    /// groups, numbers with a wrong check digit, short counts.
    #[test]
    fn look_alikes_pass() {
        let look_alikes = [
            "2021-03-04",
            "2021-03-04 \u{2013} 2021-06-30",
            "2021-03-04 - 2021-06-30",
            "från 2021.03.04 till 2021.06.30",
            "2021-06-30 12:00",
            "070-123 45 67",
            "08-123 456 78",
            "+46 70 123 45 67",
            "0701-23 45 67",
            "031-12 34 56",
            "640823-3235",
            "640823 3235",
            "64.08.23-3235",
            "19640823 - 3235",
            "640823_3235",
            "\u{FF16}\u{FF14}\u{FF10}\u{FF18}\u{FF12}\u{FF13}-\u{FF13}\u{FF12}\u{FF13}\u{FF15}",
            "640823 -- - 3234",
            "HUD-2026-0042",
            "GVL-2021.0042_a",
            "12 samtal under 2021, 3 uppföljningar",
        ];
        for text in look_alikes {
            assert!(!contains_identity_number(text), "refused: {text:?}");
        }
    }

    #[test]
    fn normalisation_folds_compatibility_forms_and_drops_invisible_characters() {
        assert_eq!(normalise("\u{FF16}\u{FF14}"), "64");
        assert_eq!(normalise("6\u{200B}4\u{FEFF}0\u{2060}8"), "6408");
        assert_eq!(normalise("a\u{00A0}b"), "a b");
    }
}
