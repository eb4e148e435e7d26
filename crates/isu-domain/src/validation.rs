//! Field checks shared by every write: text lengths and characters, slug ids, and the ordering of
//! Swedish names. Each check appends to a list of field errors so a request reports every
//! violation at once; [`finish`] turns the list into an [`Invalid`], which HTTP answers with 422
//! and storage carries as its own error. Pure: nothing here knows HTTP or storage.

use std::cmp::Ordering;

pub use crate::FieldError;

/// Longest slug id (regions, manual methods).
pub const MAX_SLUG_CHARS: usize = 64;

/// Checks that failed, every one naming its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} fields failed validation", .0.len())]
pub struct Invalid(pub Vec<FieldError>);

/// `Ok` when no check failed, else every violation.
pub fn finish(errors: Vec<FieldError>) -> Result<(), Invalid> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Invalid(errors))
    }
}

/// A sort key that orders names as Swedish does: letters a–z, then å, ä, ö; case, accents and
/// punctuation do not count (é sorts as e, ü as y).
pub fn swedish_sort_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'å' => Some(u32::from('z') + 1),
            'ä' | 'æ' => Some(u32::from('z') + 2),
            'ö' | 'ø' => Some(u32::from('z') + 3),
            'é' | 'è' | 'ê' | 'ë' => Some(u32::from('e')),
            'á' | 'à' | 'â' => Some(u32::from('a')),
            'ü' => Some(u32::from('y')),
            c if c.is_alphanumeric() => Some(u32::from(c)),
            ' ' => Some(u32::from(' ')),
            _ => None,
        })
        .collect()
}

/// Orders by the Swedish key, then bytewise (so distinct strings never compare equal).
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    swedish_sort_key(a).cmp(&swedish_sort_key(b)).then_with(|| a.cmp(b))
}

/// A slug id derived from a name: lower case ASCII letters and digits, words joined by `-`,
/// Swedish letters folded (`FoU Välfärd Gävleborg` → `fou-valfard-gavleborg`). Empty when the
/// name has no letters or digits it can use.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for ch in crate::normalise_method_name(name).chars() {
        if ch.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(ch);
        } else {
            gap = true;
        }
    }
    if slug.len() > MAX_SLUG_CHARS {
        slug.truncate(MAX_SLUG_CHARS);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

/// Whether `id` is a valid slug: 1–64 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_SLUG_CHARS
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Checks a name: trimmed, 1–`max` characters, one line. Returns the trimmed name.
pub fn check_name(pointer: &str, name: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    check_text(pointer, name, max, false, errors)
}

/// Checks a text: at most `max` characters as sent, not blank, no control characters other than line breaks and
/// tabs where `multiline`. Returns the trimmed text.
pub fn check_text(pointer: &str, text: &str, max: usize, multiline: bool, errors: &mut Vec<FieldError>) -> String {
    let trimmed = text.trim();
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    // The limit counts what was sent (as the contract's `maxLength` does), surrounding whitespace
    // included; only a blank text is refused for being empty.
    if trimmed.is_empty() || text.chars().count() > max {
        errors.push(FieldError::new(pointer, "invalid_length", format!("must have 1 to {max} characters")));
    } else if !trimmed.chars().all(allowed) {
        errors.push(FieldError::new(pointer, "invalid_characters", "must not contain control characters"));
    }
    trimmed.to_string()
}

/// Checks a required name that may be missing (`required`); returns the trimmed name.
pub fn check_required_name(pointer: &str, name: Option<&str>, max: usize, errors: &mut Vec<FieldError>) -> String {
    match name {
        Some(name) => check_name(pointer, name, max, errors),
        None => {
            errors.push(FieldError::new(pointer, "required", format!("{} is required", &pointer[1..])));
            String::new()
        }
    }
}

/// The id of a new resource: the given one (checked), or the slug of its name.
pub fn resolve_id(id: Option<&str>, name: &str, errors: &mut Vec<FieldError>) -> String {
    match id {
        Some(id) => {
            if !is_slug(id) {
                errors.push(FieldError::new(
                    "/id",
                    "invalid_slug",
                    "id must be 1 to 64 of a-z, 0-9 and '-', not starting or ending with '-'",
                ));
            }
            id.to_string()
        }
        None => {
            let slug = slugify(name);
            if slug.is_empty() && !name.trim().is_empty() {
                errors.push(FieldError::new(
                    "/name",
                    "no_slug",
                    "no id can be derived from this name (no letters or digits a-z, 0-9); give an id",
                ));
            }
            slug
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_seed_ids() {
        assert_eq!(slugify("FoU Välfärd Gävleborg"), "fou-valfard-gavleborg");
        assert_eq!(slugify("FoU Socialtjänst Västerbotten"), "fou-socialtjanst-vasterbotten");
        assert_eq!(
            slugify("  Krisstöd vid orosanmälan om våld mot barn "),
            "krisstod-vid-orosanmalan-om-vald-mot-barn"
        );
        assert_eq!(slugify("A-CRA"), "a-cra");
        assert_eq!(slugify("---"), "");
        assert!(slugify(&"ab ".repeat(40)).len() <= MAX_SLUG_CHARS);
        assert!(is_slug("fou-nordvast") && !is_slug("-x") && !is_slug("X") && !is_slug(""));
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_last() {
        let mut names = vec!["Återfallsprevention", "Påverkansprogrammet", "PYC", "A-CRA", "Örebro", "Ängelholm"];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(names, ["A-CRA", "PYC", "Påverkansprogrammet", "Återfallsprevention", "Ängelholm", "Örebro"]);
    }
}
