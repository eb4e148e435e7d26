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
//! # Where candidates are looked for (a deliberate, conservative choice)
//!
//! Only ASCII digits count. The text is split into maximal runs of digits.
//! - **Every window of ten consecutive digits** inside a run of ten or more digits is a candidate.
//!   A run of exactly 10 digits is the plain form; a run of 12 digits is the form with century
//!   (its last ten digits are one of the windows); longer runs are checked too, so that a
//!   number glued to other digits (a municipality code in front, a counter behind:
//!   `2182199001011234`) is still refused. The century of a 12-digit number is therefore not
//!   required to be 18, 19 or 20: the 10-digit form inside it identifies the person anyway.
//! - **A separator** between two runs (`-`, `+`, or a dash look-alike: U+2010, U+2011, U+2013,
//!   U+2014, U+2212) joins the last six digits of the run before (at least six) with the first
//!   four digits of the run after (at least four) into a candidate: `900101-1234`,
//!   `19900101+1234`, `x19900101-1234y`.
//! - A space is not a separator, and a run of nine digits, or of eleven digits none of whose
//!   windows is a valid number, is not flagged.
//!
//! Refusing is the safe direction: a false positive costs the sender a reformulation (the
//! violation says why), a false negative stores a directly identifying number. About one random
//! 10-digit number in 100 passes (month, day and Luhn), so long digit runs in free text are
//! occasionally refused; Swedish mobile numbers written without spaces (`0701234567`) are
//! formally indistinguishable from a personal identity number and are refused when they pass.

/// Characters accepted between the date part and the last four digits.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '+' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// True when `text` contains a Swedish personal identity number or coordination number
/// anywhere, with or without century, with or without separator (see the module documentation
/// for exactly which candidates are checked).
pub fn contains_identity_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    // Maximal runs of ASCII digits as (start, end) char indices, end exclusive.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let digits = |from: usize, to: usize| -> Vec<u8> { chars[from..to].iter().map(|c| *c as u8 - b'0').collect() };
    for &(start, end) in &runs {
        if end - start >= 10 {
            let run = digits(start, end);
            if run.windows(10).any(is_valid_ten) {
                return true;
            }
        }
    }
    for pair in runs.windows(2) {
        let ((start, end), (next_start, next_end)) = (pair[0], pair[1]);
        if next_start == end + 1 && is_separator(chars[end]) && end - start >= 6 && next_end - next_start >= 4 {
            let mut candidate = digits(end - 6, end);
            candidate.extend(digits(next_start, next_start + 4));
            if is_valid_ten(&candidate) {
                return true;
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
        // A space is not a separator; nor are two separators.
        assert!(!contains_identity_number("811218 9876"));
        assert!(!contains_identity_number("811218--9876"));
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
}
