//! Where the data lives: the `DATABASE_URL` of either backend, parsed once.

use std::path::PathBuf;
use std::str::FromStr;

/// Where the data lives. Parsed from `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite:PATH` or `sqlite://PATH`: the embedded default, one file.
    Sqlite(PathBuf),
    /// `postgres://…` or `postgresql://…`: the production engine.
    Postgres(String),
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite:data/isu.db";

impl FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let raw = raw.trim();
        if let Some(path) = raw.strip_prefix("sqlite://").or_else(|| raw.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err("DATABASE_URL: `sqlite:` needs a file path, e.g. sqlite:data/isu.db".into());
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            url::Url::parse(raw).map_err(|e| format!("DATABASE_URL: not a valid PostgreSQL URL ({e})"))?;
            return Ok(DatabaseUrl::Postgres(raw.to_string()));
        }
        Err(format!(
            "DATABASE_URL: unsupported scheme in `{}`; use sqlite:PATH or postgres://USER@HOST/DB",
            redact(raw)
        ))
    }
}

impl DatabaseUrl {
    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }

    /// A form safe for logs: passwords removed.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite:{}", path.display()),
            DatabaseUrl::Postgres(url) => redact(url),
        }
    }
}

fn redact(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => raw.split('@').next_back().unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_urls() {
        assert_eq!("sqlite:data/isu.db".parse(), Ok(DatabaseUrl::Sqlite("data/isu.db".into())));
        assert_eq!("sqlite:///tmp/x.db".parse(), Ok(DatabaseUrl::Sqlite("/tmp/x.db".into())));
        assert!(matches!("postgres://u@localhost/isu".parse(), Ok(DatabaseUrl::Postgres(_))));
        assert!(matches!("postgresql://u:p@localhost:5433/isu".parse(), Ok(DatabaseUrl::Postgres(_))));
    }

    #[test]
    fn refuses_other_urls_without_leaking_passwords() {
        let err = "mysql://root:hunter2@db/isu".parse::<DatabaseUrl>().unwrap_err();
        assert!(err.contains("unsupported scheme"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        assert!("sqlite:".parse::<DatabaseUrl>().is_err());
        assert!("postgres://[bad".parse::<DatabaseUrl>().is_err());
    }

    #[test]
    fn redacts_passwords() {
        let url: DatabaseUrl = "postgres://isu:secret@db:5432/isu".parse().unwrap();
        assert!(!url.redacted().contains("secret"));
    }
}
