//! The output formats of statistics and releases, asked for the same way everywhere: the query
//! parameter `format` (as PxWebApi 2.0's `outputFormat`), or, without it, the `Accept` header.
//!
//! | `format` | media type | what |
//! |---|---|---|
//! | `json` (default) | `application/json` | the API's own JSON |
//! | `csv` | `text/csv` | one table, display strings ("≤4", "..") |
//! | `json-stat` (or `json-stat2`) | `application/json-stat+json` (also accepted in `Accept`: `application/json+stat`) | a JSON-stat 2.0 dataset (one table) or collection (several) |
//! | `xlsx` | `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` | a workbook |
//!
//! Each operation offers the formats that fit its answer; `format` naming another one is a 422 at
//! `query:format` that lists them. An `Accept` header that names none of them gets JSON.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::problem::ApiError;

pub const JSON: &str = "application/json";
pub const CSV: &str = "text/csv";
/// JSON-stat has no registered media type; this one says what it is and, by its `+json` suffix
/// (RFC 6839), that it is JSON.
pub const JSON_STAT: &str = "application/json-stat+json";
/// Also understood in `Accept`.
pub const JSON_STAT_ALIAS: &str = "application/json+stat";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    Csv,
    JsonStat,
    Xlsx,
}

impl OutputFormat {
    pub const fn name(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Csv => "csv",
            OutputFormat::JsonStat => "json-stat",
            OutputFormat::Xlsx => "xlsx",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        match name {
            "json" => Some(OutputFormat::Json),
            "csv" => Some(OutputFormat::Csv),
            // PxWebApi 2.0 spells it `json-stat2`.
            "json-stat" | "json-stat2" => Some(OutputFormat::JsonStat),
            "xlsx" => Some(OutputFormat::Xlsx),
            _ => None,
        }
    }

    fn of_media_type(media_type: &str) -> Option<Self> {
        match media_type {
            "application/json" | "*/*" | "application/*" => Some(OutputFormat::Json),
            "text/csv" => Some(OutputFormat::Csv),
            JSON_STAT | JSON_STAT_ALIAS => Some(OutputFormat::JsonStat),
            XLSX => Some(OutputFormat::Xlsx),
            _ => None,
        }
    }
}

/// Media ranges of an `Accept` header, most preferred first (by `q`, then by order).
fn accepted(req: &HttpRequest) -> Vec<String> {
    let Some(accept) = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                .next()
                .unwrap_or(1.0);
            (q > 0.0 && !media.is_empty()).then_some((q, i, media))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, m)| m).collect()
}

/// The format to answer in: `format` if given (refused unless `offered`), else the most preferred
/// offered media type of `Accept`, else JSON.
pub fn negotiate(req: &HttpRequest, format: Option<&str>, offered: &[OutputFormat]) -> Result<OutputFormat, ApiError> {
    let names = || offered.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
    if let Some(name) = format {
        return match OutputFormat::parse(name) {
            Some(f) if offered.contains(&f) => Ok(f),
            Some(f) => Err(ApiError::validation(
                "query:format",
                "not_offered",
                format!("{} is not offered here; formats: {}", f.name(), names()),
            )),
            None => Err(ApiError::validation("query:format", "unknown_value", format!("formats: {}", names()))),
        };
    }
    Ok(accepted(req)
        .iter()
        .filter_map(|m| OutputFormat::of_media_type(m))
        .find(|f| offered.contains(f))
        .unwrap_or(OutputFormat::Json))
}

/// A JSON-stat answer.
pub fn json_stat<T: Serialize>(body: &T) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_string(body).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().content_type(JSON_STAT).body(body))
}

/// A workbook as a download named `file_stem.xlsx`.
pub fn xlsx(bytes: Vec<u8>, file_stem: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_stem}.xlsx\"")))
        .body(bytes)
}

/// A CSV answer as a download named `file_stem.csv`.
pub fn csv(body: String, file_stem: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_stem}.csv\"")))
        .body(body)
}

// The types below only describe the contract; the handlers take `format` as text so that an
// unknown value is a 422 naming `query:format`.

/// An Excel workbook (`.xlsx`).
#[derive(ToSchema)]
#[schema(as = XlsxWorkbook, value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct XlsxWorkbook(Vec<u8>);

/// Formats of one table: `json`, `csv`, `json-stat` (`json-stat2` is the same).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum TableFormat {
    Json,
    Csv,
    JsonStat,
    JsonStat2,
}

/// Formats of a whole release: `json`, `json-stat` (`json-stat2` is the same), `xlsx`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum DocumentFormat {
    Json,
    JsonStat,
    JsonStat2,
    Xlsx,
}

/// Formats of the yearly report: `json`, `csv` (with `table`), `json-stat` (`json-stat2` is the
/// same), `xlsx`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum ReportFormat {
    Json,
    Csv,
    JsonStat,
    JsonStat2,
    Xlsx,
}

/// Formats of a comparison: `json`, `json-stat` (`json-stat2` is the same).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum ComparisonFormat {
    Json,
    JsonStat,
    JsonStat2,
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    const ALL: &[OutputFormat] = &[OutputFormat::Json, OutputFormat::Csv, OutputFormat::JsonStat, OutputFormat::Xlsx];

    #[test]
    fn the_parameter_wins_and_is_checked() {
        let req = TestRequest::default().insert_header((header::ACCEPT, CSV)).to_http_request();
        assert_eq!(negotiate(&req, Some("json-stat"), ALL).unwrap(), OutputFormat::JsonStat);
        assert_eq!(negotiate(&req, Some("json-stat2"), ALL).unwrap(), OutputFormat::JsonStat);
        assert!(negotiate(&req, Some("xml"), ALL).is_err());
        assert!(negotiate(&req, Some("xlsx"), &[OutputFormat::Json, OutputFormat::Csv]).is_err());
    }

    #[test]
    fn accept_picks_the_most_preferred_offered_type() {
        let with = |accept: &str| TestRequest::default().insert_header((header::ACCEPT, accept)).to_http_request();
        let offered = &[OutputFormat::Json, OutputFormat::Csv, OutputFormat::JsonStat];
        assert_eq!(negotiate(&with("text/csv"), None, offered).unwrap(), OutputFormat::Csv);
        assert_eq!(negotiate(&with(JSON_STAT_ALIAS), None, offered).unwrap(), OutputFormat::JsonStat);
        assert_eq!(
            negotiate(&with("application/json;q=0.5, application/json-stat+json"), None, offered).unwrap(),
            OutputFormat::JsonStat
        );
        assert_eq!(negotiate(&with(XLSX), None, offered).unwrap(), OutputFormat::Json, "not offered: JSON");
        assert_eq!(negotiate(&with("*/*"), None, offered).unwrap(), OutputFormat::Json);
        assert_eq!(negotiate(&TestRequest::default().to_http_request(), None, offered).unwrap(), OutputFormat::Json);
    }
}
