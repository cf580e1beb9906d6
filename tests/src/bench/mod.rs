//! RoleTray's benchmarks (`scripts/bench.sh`, binary `bench`): the release
//! binary measured side by side with the tools it replaces, in the same run,
//! against the same private moto on loopback, reported as a Markdown table.
//!
//! Nothing here asserts a timing: a benchmark reports what it saw. It does
//! check that each run did what it claims (exit status 0, STS call counts),
//! so a figure never stands for a run that failed.

pub mod desktop_figures;
pub mod latency;
pub mod palette_figures;
pub mod procfs;
pub mod report;
pub mod scale;
pub mod stats;

use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs `make()`'s command `warm_up + runs` times (output captured, never
/// shown), panicking on a failed run; returns the `runs` wall times in ms,
/// from just before spawn to the reaped exit.
pub fn time_command(
    what: &str,
    warm_up: usize,
    runs: usize,
    make: impl Fn() -> Command,
) -> Vec<f64> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..warm_up + runs {
        let mut cmd = make();
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let start = Instant::now();
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
        let ms = start.elapsed().as_secs_f64() * 1e3;
        assert!(
            out.status.success(),
            "{what} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        if i >= warm_up {
            times.push(ms);
        }
    }
    times
}
