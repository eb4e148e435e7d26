//! The calendar the rules are judged by. Swedish municipalities report, so "today" (no future
//! dates, a year closed on 1 February of the next) is the date in Sweden, not on the server's
//! clock; one function instead of a copy per handler.

use chrono::{Datelike, NaiveDate, Utc};

/// Today's date in Sweden (Europe/Stockholm).
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

/// The current year in Sweden.
pub fn this_year() -> i32 {
    today().year()
}
