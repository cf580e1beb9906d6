//! What RoleTray logs, and how loud. RoleTray's own events follow the level
//! asked for; every other library stays at `warn` whatever is asked,
//! because HTTP and SDK libraries log request and response bodies at debug
//! and trace, and an STS answer holds a secret key. RoleTray's own events
//! never carry a secret: names, ARNs, codes and counts only.

use tracing_subscriber::filter::{LevelFilter, Targets};

/// The crates whose events follow the asked level.
const OURS: [&str; 3] = ["roletray_core", "roletray_app", "roletray"];

/// The level a `RUST_LOG`-style value asks of RoleTray: a bare level
/// (`debug`), or one given to a RoleTray crate (`roletray_core=trace`); the
/// most verbose one mentioned wins. Directives for other crates are ignored.
pub fn requested_level(value: &str) -> Option<LevelFilter> {
    value
        .split(',')
        .filter_map(|d| {
            let d = d.trim();
            let level = match d.split_once('=') {
                Some((target, level)) if OURS.iter().any(|o| target.trim() == *o) => level,
                Some(_) => return None,
                None => d,
            };
            level.trim().parse::<LevelFilter>().ok()
        })
        .max()
}

/// RoleTray's crates at `level`, the rest at `warn` at most.
pub fn filter(level: LevelFilter) -> Targets {
    OURS.iter().fold(
        Targets::new().with_default(level.min(LevelFilter::WARN)),
        |t, crate_name| t.with_target(*crate_name, level),
    )
}

/// The CLI's logging: to stderr, and only when asked (`-v` is debug, `-vv`
/// trace, or `RUST_LOG`); otherwise nothing is set up and nothing is
/// printed but the command's own output.
pub fn to_stderr(verbose: u8) {
    let from_env = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| requested_level(&v));
    let from_flag = match verbose {
        0 => None,
        1 => Some(LevelFilter::DEBUG),
        _ => Some(LevelFilter::TRACE),
    };
    let Some(level) = from_env.max(from_flag) else {
        return;
    };
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(true);
    // A second initialisation (tests) is not an error worth stopping for.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(filter(level))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;

    #[test]
    fn only_roletray_follows_the_asked_level() {
        assert_eq!(requested_level("debug"), Some(LevelFilter::DEBUG));
        assert_eq!(
            requested_level("hyper=trace,roletray_core=trace,info"),
            Some(LevelFilter::TRACE)
        );
        assert_eq!(requested_level("aws_smithy_runtime=trace"), None);
        assert_eq!(requested_level("nonsense"), None);

        let f = filter(LevelFilter::TRACE);
        assert!(f.would_enable("roletray_core::sts", &Level::TRACE));
        assert!(f.would_enable("roletray_app::app::dispatch", &Level::TRACE));
        assert!(!f.would_enable("aws_smithy_runtime::client", &Level::DEBUG));
        assert!(!f.would_enable("hyper_util", &Level::INFO));
        assert!(f.would_enable("hyper_util", &Level::WARN));
        let quiet = filter(LevelFilter::ERROR);
        assert!(!quiet.would_enable("roletray_core", &Level::WARN));
        assert!(!quiet.would_enable("zbus", &Level::WARN));
    }
}
