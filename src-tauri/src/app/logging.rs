//! The tray app's log: a tray app's stderr goes nowhere, so it writes a
//! daily file in the state directory (seven days kept), at `info` unless
//! `RUST_LOG` asks for more (see `roletray_core::logging` for what other
//! libraries may say).

use roletray_core::logging;
use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Lines waiting for the writer thread before new ones are dropped.
const QUEUED_LINES: usize = 1_024;

/// The file name's start: `roletray-app.YYYY-MM-DD.log`.
pub const PREFIX: &str = "roletray-app";

/// Starts logging to `dir`; keep the guard for the life of the app (it
/// writes what is still queued when dropped). `None`, with the reason on
/// stderr, when the directory cannot be used.
pub fn to_file(dir: &Path) -> Option<WorkerGuard> {
    let appender = match open(dir) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("roletray: no log file in {}: {e}", dir.display());
            return None;
        }
    };
    let level = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| logging::requested_level(&v))
        .unwrap_or(LevelFilter::INFO);
    // The writer's queue is allocated in full up front (128,000 lines by
    // default: about 5 MiB resident); a tray app writes a few lines a minute.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(QUEUED_LINES)
        .finish(appender);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true);
    tracing_subscriber::registry()
        .with(layer)
        .with(logging::filter(level))
        .try_init()
        .ok()?;
    Some(guard)
}

/// The directory, private to the user (role names and ARNs are nobody
/// else's business), and the day's file.
fn open(dir: &Path) -> Result<RollingFileAppender, String> {
    roletray_core::platform::private::create_dir(dir).map_err(|e| e.to_string())?;
    roletray_core::platform::private::make_dir_private(dir).map_err(|e| e.to_string())?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix("log")
        .max_log_files(7)
        .build(dir)
        .map_err(|e| e.to_string())
}

/// Today's log file (what the window's Activity view opens).
pub fn current_file(dir: &Path) -> PathBuf {
    let today = time::OffsetDateTime::now_utc().date();
    dir.join(format!("{PREFIX}.{today}.log"))
}
