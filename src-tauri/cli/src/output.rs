//! How the CLI speaks: one line per error on stderr, stable JSON on stdout.

use roletray_core::{Error, Result};
use std::io::Write;
use std::process::ExitCode;
use time::OffsetDateTime;

pub fn print_error(e: &Error) {
    eprintln!("roletray: error[{}]: {e}", e.code());
}

/// A command line clap cannot parse: one line (`error[usage]`), exit code 2.
/// Help and version requests print as usual.
pub fn usage_error(e: &clap::Error) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return match e.print() {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(_) => std::process::ExitCode::FAILURE,
        };
    }
    let text = e.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("invalid command line")
        .trim_start_matches("error: ");
    eprintln!("roletray: error[usage]: {first} (see roletray --help)");
    std::process::ExitCode::from(2)
}

/// Prints a JSON value on one line (the documented, stable `--json` output).
/// Writes secrets (and what is made from them) to stdout in one go; a
/// closed pipe is an error, not a panic.
pub fn print_secret(text: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    Ok(ExitCode::SUCCESS)
}

pub fn print_json(value: &serde_json::Value) {
    println!("{value}");
}

/// "in 59 min", "in 2 h 5 min", "expired 3 min ago".
pub fn time_left(expiration: OffsetDateTime, now: OffsetDateTime) -> String {
    let secs = (expiration - now).whole_seconds();
    let minutes = secs.abs() / 60;
    let human = if minutes >= 60 {
        format!("{} h {} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    };
    if secs >= 0 {
        format!("in {human}")
    } else {
        format!("expired {human} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn time_left_reads_naturally() {
        let now = datetime!(2026-11-25 08:00:00 UTC);
        assert_eq!(
            time_left(datetime!(2026-11-25 08:59:30 UTC), now),
            "in 59 min"
        );
        assert_eq!(
            time_left(datetime!(2026-11-25 10:05:00 UTC), now),
            "in 2 h 5 min"
        );
        assert_eq!(
            time_left(datetime!(2026-11-25 07:57:00 UTC), now),
            "expired 3 min ago"
        );
    }
}
