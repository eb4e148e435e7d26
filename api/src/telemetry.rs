//! Structured logs (text or JSON) via `tracing`. Request bodies are never logged.

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// Installs the global subscriber. `level` is an `EnvFilter` directive such as `info` or
/// `isu_api=debug,actix_web=info`. Logs go to stderr so `isu openapi` output stays clean.
pub fn init(level: &str, format: LogFormat) -> anyhow::Result<()> {
    let filter =
        EnvFilter::try_new(level).map_err(|e| anyhow::anyhow!("ISU_LOG: invalid log filter `{level}`: {e}"))?;
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("could not install the logger: {e}"))
}
