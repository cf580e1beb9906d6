//! RoleTray's benchmarks: `scripts/bench.sh` builds everything and runs this.
//! Prints a Markdown table (the machine and the date above it) on stdout;
//! progress goes to stderr.
//!
//!     bench [--sections latency,startup,memory,scale,ui,sso,palette] [--menu-bench FILE] [--quick]
//!
//! `--quick` runs every part with few repetitions (to try the script, not to
//! quote). The roletray binary is `$ROLETRAY_BIN` (scripts/bench.sh points it
//! at the release build).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use roletray_tests::bench::desktop_figures::{self, Plan};
use roletray_tests::bench::latency::{self, Runs};
use roletray_tests::bench::palette_figures;
use roletray_tests::bench::report::Report;
use roletray_tests::bench::scale::{self, Small};

const SECTIONS: [&str; 7] = [
    "latency", "startup", "memory", "scale", "ui", "sso", "palette",
];

struct Options {
    sections: Vec<String>,
    menu_bench: Option<PathBuf>,
    quick: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        sections: SECTIONS.iter().map(|s| (*s).to_owned()).collect(),
        menu_bench: None,
        quick: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sections" => {
                let list = args.next().ok_or("--sections needs a list")?;
                options.sections = list.split(',').map(str::to_owned).collect();
                if let Some(bad) = options
                    .sections
                    .iter()
                    .find(|s| !SECTIONS.contains(&s.as_str()))
                {
                    return Err(format!(
                        "unknown section {bad:?} (known: {})",
                        SECTIONS.join(",")
                    ));
                }
            }
            "--menu-bench" => {
                options.menu_bench = Some(args.next().ok_or("--menu-bench needs a file")?.into())
            }
            "--quick" => options.quick = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench: {e}");
            return ExitCode::from(2);
        }
    };
    let quick = options.quick;
    let runs = if quick {
        Runs {
            cached: 10,
            python: 3,
            assume: 5,
        }
    } else {
        Runs {
            cached: 50,
            python: 30,
            assume: 30,
        }
    };
    let plan = if quick {
        Plan {
            startup_runs: 3,
            window_runs: 2,
            idle: Duration::from_secs(10),
            renew_cycles: 50,
            renew_budget: Duration::from_secs(60),
            settle: Duration::from_secs(2),
        }
    } else {
        Plan {
            startup_runs: 10,
            window_runs: 5,
            idle: Duration::from_secs(60),
            renew_cycles: 1_000,
            renew_budget: Duration::from_secs(360),
            settle: Duration::from_secs(5),
        }
    };
    let on = |s: &str| options.sections.iter().any(|x| x == s);
    let began = Instant::now();
    let mut report = Report::default();
    let mut small = Small::default();
    if on("latency") {
        eprintln!(
            "bench: latency ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        latency::run(&mut report, runs);
    }
    if on("startup") {
        eprintln!(
            "bench: start-up ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        small.tray_startup_ms = Some(desktop_figures::startup(&mut report, plan));
    }
    if on("memory") {
        eprintln!(
            "bench: memory and idle CPU ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        let (renew_click_ms, tray_pss_kib) = desktop_figures::memory_and_idle(&mut report, plan);
        small.renew_click_ms = renew_click_ms;
        small.tray_pss_kib = Some(tray_pss_kib);
    }
    if on("scale") {
        eprintln!(
            "bench: scale ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        scale::roles(&mut report, plan, small);
        if let Some(path) = &options.menu_bench {
            scale::menu_bench(&mut report, path);
        }
    }
    if on("ui") {
        eprintln!(
            "bench: UI filter ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        scale::ui_filter(&mut report);
    }
    if on("sso") {
        eprintln!(
            "bench: IAM Identity Center listing ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        scale::sso_listing(&mut report);
    }
    if on("palette") {
        eprintln!(
            "bench: the quick-switch palette ({:.0} s so far)",
            began.elapsed().as_secs_f64()
        );
        palette_figures::open_latency(&mut report);
        palette_figures::keystrokes(&mut report);
        palette_figures::shortcut_memory(&mut report, plan);
    }
    if quick {
        report.note(
            "`--quick`: few repetitions; these figures are for trying the script, not for quoting.",
        );
    }
    report.note(format!(
        "The measurements took {:.0} s.",
        began.elapsed().as_secs_f64()
    ));
    print!("{}", report.markdown());
    ExitCode::SUCCESS
}
