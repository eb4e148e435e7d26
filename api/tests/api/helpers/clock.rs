//! The test clock: today's date where the server decides what "today" is (Europe/Stockholm;
//! closing dates in the future are refused and statistics stop at the current year).

use chrono::{NaiveDate, Utc};

/// Today in Sweden, as the server computes it.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}
