//! The tray app under Xvfb, in the world's private D-Bus session with a
//! StatusNotifierWatcher (the harness's [`Desktop`]): start-up, memory and
//! idle CPU of the release binary.
//!
//! - "Tray registered": from spawning `roletray` to the watcher logging the
//!   app's RegisterStatusNotifierItem call (its log is polled every ms).
//! - Window: from spawning `roletray --open-window`, polling captures of the
//!   X screen (`xwd -root`): "first painted" is the first capture with the
//!   page's HTML drawn (at least [`FIRST_PAINT_COLOURS`] distinct colours: its
//!   tabs and "Loading…"; an empty window has one or two), "ready" the first
//!   capture of the picture that then stays unchanged for [`SETTLED_FOR`]:
//!   the first snapshot rendered (unchanged: fewer than 1 in 1,000 sampled
//!   pixels differ, so a re-render that moves a few antialiased pixels is
//!   the same picture).
//! - Memory: PSS from /proc/PID/smaps_rollup summed over the app and every
//!   process under it (WebKitWebProcess, WebKitNetworkProcess).
//! - CPU: utime + stime from /proc/PID/stat over the same tree.

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use super::procfs;
use super::report::{Report, Row};
use super::stats::{Summary, mib, mib_delta, ms, thousands};
use crate::desktop::{Desktop, DesktopOptions};
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::{World, WorldOptions};

/// Distinct colours (in a sample of the screen) from which the page counts as drawn.
pub const FIRST_PAINT_COLOURS: usize = 16;
/// How long the picture must stay the same to count as settled.
pub const SETTLED_FOR: Duration = Duration::from_millis(1_500);

/// The tray-click driver (see its docstring).
const TRAY_LOOP: &str = include_str!("tray_loop.py");

/// How long each part runs.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Start-ups timed to the tray (after one untimed).
    pub startup_runs: usize,
    /// Start-ups timed to the painted window (after one untimed).
    pub window_runs: usize,
    /// Each idle CPU measurement.
    pub idle: Duration,
    /// Renew clicks in the memory growth run.
    pub renew_cycles: usize,
    /// At most this long for the renew clicks.
    pub renew_budget: Duration,
    /// Quiet time before a memory or CPU reading.
    pub settle: Duration,
}

/// A `roletray` this benchmark started; killed with its children when dropped.
pub struct App {
    service: Service,
}

impl App {
    pub fn start(world: &World, args: &[&str]) -> App {
        App::spawn(world, world.roletray(args))
    }

    /// Runs `command` (a `roletray` command of `world`).
    pub fn spawn(world: &World, command: std::process::Command) -> App {
        App {
            service: Service::spawn("roletray", command, world.logs_dir(), Pipes::default()),
        }
    }

    pub fn pid(&self) -> u32 {
        self.service.child.id()
    }

    /// What the app wrote to stdout and stderr so far.
    pub fn log(&self) -> String {
        self.service.log_text()
    }

    pub fn check_alive(&mut self) {
        assert!(
            !self.service.exited(),
            "roletray exited:\n{}",
            self.service.log_text()
        );
    }
}

impl Drop for App {
    fn drop(&mut self) {
        procfs::kill_tree(self.pid());
    }
}

/// How many items have registered with the world's watcher so far.
pub fn registrations(world: &World) -> usize {
    fs::read_to_string(world.logs_dir().join("sn-watcher.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("registered "))
        .count()
}

/// Starts `roletray ARGS` and returns it once its tray item registered, with
/// the time that took in ms.
pub fn start_to_tray(world: &World, args: &[&str]) -> (App, f64) {
    tray_started(world, world.roletray(args))
}

/// Starts `command` and returns it once its tray item registered, with the
/// time that took in ms.
fn tray_started(world: &World, command: std::process::Command) -> (App, f64) {
    let before = registrations(world);
    let start = Instant::now();
    let mut app = App::spawn(world, command);
    loop {
        if registrations(world) > before {
            return (app, start.elapsed().as_secs_f64() * 1e3);
        }
        app.check_alive();
        assert!(
            start.elapsed() < STARTUP_TIMEOUT,
            "the tray item never registered"
        );
        thread::sleep(Duration::from_millis(1));
    }
}

/// One capture of the screen (`xwd -root`, 24-bit colour), sampled at every
/// 4th pixel of every 4th row.
pub(super) struct Frame {
    /// Distinct colours in the sample.
    pub(super) colours: usize,
    /// The sampled pixels.
    pub(super) pixels: Vec<[u8; 3]>,
    /// How long the capture took, in ms.
    pub(super) took: f64,
}

/// A capture that fails (xwd can ask for the colormap of a window that is
/// just going away: BadColor) is taken again, a few times.
pub(super) fn capture(world: &World) -> Frame {
    let mut failures = Vec::new();
    let (out, took) = loop {
        let start = Instant::now();
        let out = world
            .command("xwd")
            .args(["-root", "-silent"])
            .output()
            .expect("running xwd (Debian package x11-apps)");
        let took = start.elapsed().as_secs_f64() * 1e3;
        if out.status.success() {
            break (out, took);
        }
        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
        assert!(failures.len() < 10, "xwd -root keeps failing: {failures:?}");
    };
    let data = out.stdout;
    let field = |i: usize| -> usize {
        data.get(i * 4..i * 4 + 4)
            .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let (header, width, height, bits, line, ncolors) = (
        field(0),
        field(4),
        field(5),
        field(11),
        field(12),
        field(19),
    );
    let mut seen = HashSet::new();
    let mut sample = Vec::new();
    // Xvfb's 24-bit visual: 4 bytes a pixel, whatever bits_per_pixel says.
    let step = line / width.max(1);
    if header > 0 && bits >= 24 && step >= 3 {
        let pixels = header + ncolors * 12;
        for y in (0..height).step_by(4) {
            for x in (0..width).step_by(4) {
                let at = pixels + y * line + x * step;
                if let Some(p) = data.get(at..at + 3) {
                    seen.insert([p[0], p[1], p[2]]);
                    sample.push([p[0], p[1], p[2]]);
                }
            }
        }
    }
    Frame {
        colours: seen.len(),
        pixels: sample,
        took,
    }
}

/// When the window showed what, in ms since the app was spawned; each is the
/// start of the capture that first showed it.
#[derive(Clone, Copy, Debug)]
struct Painted {
    /// Anything on the black root window.
    mapped: f64,
    /// The page's HTML drawn: at least [`FIRST_PAINT_COLOURS`] colours (the
    /// tabs and "Loading…"; an empty window has one or two).
    first_paint: f64,
    /// The first capture of the picture that then stayed unchanged for
    /// [`SETTLED_FOR`]: the first snapshot rendered.
    settled: f64,
}

/// Whether two samples show different pictures: more than 1 in 1,000
/// sampled pixels differ (a re-render that moves a few antialiased pixels
/// is the same picture).
pub(super) fn changed(a: &[[u8; 3]], b: &[[u8; 3]]) -> bool {
    a.len() != b.len() || a.iter().zip(b).filter(|(x, y)| x != y).count() * 1_000 > a.len()
}

/// Polls the screen until the window is painted and its picture settled.
fn wait_painted(world: &World, app: &mut App, start: Instant, captures: &mut Vec<f64>) -> Painted {
    let (mut mapped, mut first_paint) = (None, None);
    let (mut picture, mut since): (Vec<[u8; 3]>, f64) = (Vec::new(), 0.0);
    loop {
        let at = start.elapsed().as_secs_f64() * 1e3;
        let frame = capture(world);
        captures.push(frame.took);
        if frame.colours >= 2 && mapped.is_none() {
            mapped = Some(at);
        }
        if frame.colours >= FIRST_PAINT_COLOURS && first_paint.is_none() {
            first_paint = Some(at);
        }
        if changed(&picture, &frame.pixels) {
            (picture, since) = (frame.pixels, at);
        }
        let now = start.elapsed().as_secs_f64() * 1e3;
        if let Some(first_paint) = first_paint
            && since >= first_paint
            && now - since >= SETTLED_FOR.as_secs_f64() * 1e3
        {
            return Painted {
                mapped: mapped.unwrap_or(first_paint),
                first_paint,
                settled: since,
            };
        }
        app.check_alive();
        assert!(
            start.elapsed() < STARTUP_TIMEOUT,
            "the window never settled ({} colours)",
            frame.colours
        );
    }
}

/// Waits until the screen is back to the bare root window (one colour).
pub(super) fn wait_blank(world: &World) {
    poll("the screen to be blank", STARTUP_TIMEOUT, || {
        let colours = capture(world).colours;
        (colours <= 1)
            .then_some(())
            .ok_or(format!("{colours} colours"))
    });
}

/// A desktop (Xvfb, dunst) with a StatusNotifierWatcher.
pub fn tray_desktop(world: &mut World) -> Desktop {
    Desktop::start(
        world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    )
}

fn world_with_dev() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world
}

/// Start-up to the tray, and to the painted window. Returns the tray median.
pub fn startup(report: &mut Report, plan: Plan) -> f64 {
    let mut world = world_with_dev();
    let desktop = Desktop::start(
        &mut world,
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        },
    );
    let mut tray = Vec::new();
    for i in 0..=plan.startup_runs {
        let (app, took) = start_to_tray(&world, &[]);
        if i > 0 {
            tray.push(took);
        }
        drop(app);
        thread::sleep(Duration::from_millis(300));
    }
    let tray = Summary::of(&tray).expect("tray start-ups");
    report.row(Row::new(
        "Start-up",
        "`roletray` to its tray item registered (RegisterStatusNotifierItem seen by the watcher)",
        tray.ms(),
    ));

    wait_blank(&world);
    let (mut first_paint, mut settled, mut mapped, mut captures) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..=plan.window_runs {
        let start = Instant::now();
        let mut app = App::start(&world, &["--open-window"]);
        let painted = wait_painted(&world, &mut app, start, &mut captures);
        if i > 0 {
            mapped.push(painted.mapped);
            first_paint.push(painted.first_paint);
            settled.push(painted.settled);
        }
        drop(app);
        wait_blank(&world);
    }
    let first_paint = Summary::of(&first_paint).expect("window start-ups");
    let settled = Summary::of(&settled).expect("window start-ups");
    let mapped = Summary::of(&mapped).expect("window start-ups");
    let capture = Summary::of(&captures).expect("captures");
    report.row(Row::new(
        "Start-up",
        "`roletray --open-window` to the page first painted (first screen capture with its tabs and \"Loading…\" drawn)",
        first_paint.ms(),
    ));
    report.row(Row::new(
        "Start-up",
        "`roletray --open-window` to the window ready (first capture of the picture with the first snapshot, which stays the same for 1.5 s)",
        settled.ms(),
    ));
    report.note(format!(
        "Window start-up: the window was mapped (first non-black capture) after {} (median); \
         each `xwd -root` capture took {} (median), the resolution of these figures.",
        ms(mapped.median),
        ms(capture.median)
    ));
    drop(desktop);
    tray.median
}

/// CPU time (utime + stime) of the app's tree over `span`, written as
/// "120 ms CPU (0.200 % of a core)"; the kernel counts in clock ticks (10 ms
/// at 100 Hz), so nothing measured reads "0 clock ticks (< 10 ms)".
pub fn cpu_over(app: &App, span: Duration) -> String {
    let before = procfs::tree_ticks(app.pid());
    let start = Instant::now();
    thread::sleep(span);
    let after = procfs::tree_ticks(app.pid());
    let wall = start.elapsed().as_secs_f64();
    let ticks: u64 = after
        .iter()
        .map(|(pid, t)| t.saturating_sub(before.get(pid).copied().unwrap_or(0)))
        .sum();
    let hz = procfs::ticks_per_second();
    let tick_ms = 1e3 / hz as f64;
    if ticks == 0 {
        return format!("0 clock ticks (< {tick_ms:.0} ms CPU)");
    }
    let cpu_ms = ticks as f64 * tick_ms;
    format!(
        "{cpu_ms:.0} ms CPU ({:.3} % of a core)",
        cpu_ms / 10.0 / wall
    )
}

/// "83.4 MiB (roletray 40.1, WebKitWebProces 30.2, …; private 51.0 MiB)"
pub(super) fn pss_text(pid: u32) -> (u64, String) {
    let (total, parts) = procfs::tree_pss(pid);
    let parts: Vec<String> = parts
        .iter()
        .map(|(name, kib)| format!("{name} {:.1}", *kib as f64 / 1024.0))
        .collect();
    let private = procfs::tree_private(pid);
    (
        total,
        format!(
            "{} ({}; private {})",
            mib(total),
            parts.join(", "),
            mib(private)
        ),
    )
}

pub(super) fn has_process(pid: u32, name: &str) -> bool {
    procfs::tree(pid)
        .into_iter()
        .any(|p| procfs::comm(p).starts_with(name))
}

/// Runs `tray_loop.py ARGS` (`click LABEL`, `wait LABEL`) against the
/// newest tray item; panics when it fails.
pub fn tray_tool(world: &World, args: &[&str]) {
    let mut cmd = world.command("/usr/bin/python3");
    cmd.args(["-c", TRAY_LOOP]).args(args);
    let out = crate::process::run_command(cmd, None);
    assert!(out.success(), "tray_loop.py {args:?}: {}", out.stderr);
}

/// Clicks "Renew now" up to `cycles` times through the tray (see
/// `tray_loop.py`); calls `checkpoint(cycle)` as cycles complete. Returns
/// the per-click times in ms, how many clicks were lost (sent again), and
/// what went wrong if the run stopped early (the app crashing is a finding
/// to report, not a reason to lose the run).
pub fn renew_clicks(
    world: &World,
    app: &mut App,
    cycles: usize,
    budget: Duration,
    mut checkpoint: impl FnMut(usize),
) -> Clicks {
    let mut cmd = world.command("/usr/bin/python3");
    cmd.args(["-c", TRAY_LOOP, "loop", "Renew now"])
        .arg(cycles.to_string())
        .arg(budget.as_secs().to_string())
        .arg(world.logs_dir().join("moto.log"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("starting tray_loop.py");
    let stdout = child.stdout.take().expect("tray_loop stdout");
    let mut times = Vec::new();
    let mut lost = 0;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("done"), _) => break,
            (Some("lost"), Some(n)) => lost = n.parse().unwrap_or(lost + 1),
            (Some(n), Some(t)) => {
                if let (Ok(n), Ok(t)) = (n.parse::<usize>(), t.parse::<f64>()) {
                    times.push(t);
                    checkpoint(n);
                }
            }
            _ => {}
        }
    }
    let out = child.wait_with_output().expect("waiting for tray_loop.py");
    if out.status.success() {
        return Clicks {
            times,
            lost,
            failure: None,
        };
    }
    // Give a dying app a moment to be reaped, then say what happened.
    thread::sleep(Duration::from_millis(500));
    let failure = match app.service.child.try_wait() {
        Ok(Some(status)) => format!(
            "roletray died after {} clicks ({status}); its last words: {:?}",
            times.len(),
            app.service.log_text().lines().last().unwrap_or("(nothing)")
        ),
        _ => format!(
            "the click driver stopped after {} clicks: {}",
            times.len(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("(no message)")
        ),
    };
    Clicks {
        times,
        lost,
        failure: Some(failure),
    }
}

/// What [`renew_clicks`] saw.
pub struct Clicks {
    /// ms per click, click to both STS requests answered.
    pub times: Vec<f64>,
    /// Clicks that caused nothing and were sent again.
    pub lost: usize,
    pub failure: Option<String>,
}

impl Clicks {
    /// Notes for the report: lost clicks, an early stop.
    pub fn notes(&self, report: &mut Report, what: &str) {
        if self.lost > 0 {
            report.note(format!(
                "{what}: {} on \"Renew now\" did nothing (the menu took the click \
                 while its entries were being replaced; no STS request followed within 3 s) \
                 and {} sent again; such a cycle is timed from the second click.",
                if self.lost == 1 {
                    "1 click".to_owned()
                } else {
                    format!("{} clicks", self.lost)
                },
                if self.lost == 1 { "was" } else { "were" }
            ));
        }
        if let Some(failure) = &self.failure {
            report.note(format!("**{what} stopped early**: {failure}."));
        }
    }
}

/// The tray's PSS as a person first meets it: RoleTray started alone, once,
/// on a new X server (nothing of RoleTray or GTK ran there before), side by
/// side with the same start letting GTK probe GL as it did before the tray
/// process turned the probe off (`GDK_GL` set empty: RoleTray then leaves it
/// alone, and GTK reads an empty value as no flags).
fn fresh_desktop_memory(report: &mut Report, plan: Plan) {
    let reading = |gl_probe: bool| {
        let mut world = world_with_dev();
        let _desktop = tray_desktop(&mut world);
        let mut command = world.roletray(&[]);
        if gl_probe {
            command.env("GDK_GL", "");
        }
        let (app, _) = tray_started(&world, command);
        thread::sleep(plan.settle);
        pss_text(app.pid())
    };
    let (probed, _) = reading(true);
    let (fresh, fresh_text) = reading(false);
    report.row(
        Row::new(
            "Memory",
            "PSS, in the tray, first start on a fresh X server (alone, window never opened)",
            fresh_text,
        )
        .against(
            format!("GTK probing GL, as before: {}", mib(probed)),
            mib_delta(fresh as i64 - probed as i64),
        ),
    );
}

/// Memory (tray only on a fresh desktop and after a warm-up, window open,
/// window closed, 1,000 renewals) and idle CPU (no session; ten sessions).
/// Returns the median tray renew round trip and the tray-only PSS (KiB).
pub fn memory_and_idle(report: &mut Report, plan: Plan) -> (Option<f64>, u64) {
    fresh_desktop_memory(report, plan);
    let mut world = world_with_dev();
    let desktop = tray_desktop(&mut world);
    // One untimed run with the window first, as a user who has run RoleTray
    // before: the fresh HOME's caches (fontconfig, WebKit) are built, and
    // the X server has loaded its GL libraries (their pages are then shared).
    let mut warm_up = App::start(&world, &["--open-window"]);
    wait_painted(&world, &mut warm_up, Instant::now(), &mut Vec::new());
    drop(warm_up);
    wait_blank(&world);
    // A window manager, so the window can be closed as a person would.
    let _openbox = Service::spawn(
        "openbox",
        world.command("openbox"),
        world.logs_dir(),
        Pipes::default(),
    );

    let (mut app, _) = start_to_tray(&world, &[]);
    thread::sleep(plan.settle);
    let cpu = cpu_over(&app, plan.idle);
    report.row(Row::new(
        "Idle CPU",
        format!("tray only, no session, over {} s", plan.idle.as_secs()),
        cpu.clone(),
    ));
    let (idle, idle_text) = pss_text(app.pid());
    report.row(Row::new(
        "Memory",
        "PSS, in the tray, window never opened (after one run with the window)",
        idle_text,
    ));

    // Open the window from the tray menu, as a person would.
    tray_tool(&world, &["click", "Open RoleTray"]);
    let start = Instant::now();
    wait_painted(&world, &mut app, start, &mut Vec::new());
    thread::sleep(plan.settle);
    let (open, open_text) = pss_text(app.pid());
    report.row(
        Row::new("Memory", "PSS, window open (idle, page shown)", open_text).against(
            format!("never opened: {}", mib(idle)),
            mib_delta(open as i64 - idle as i64),
        ),
    );

    // Close it through the window manager (WM_DELETE_WINDOW, as its close button does).
    let out = crate::process::run_command(
        {
            let mut c = world.command("wmctrl");
            c.args(["-F", "-c", "RoleTray"]);
            c
        },
        None,
    );
    assert!(out.success(), "wmctrl -c RoleTray: {}", out.stderr);
    let closing = Instant::now();
    while has_process(app.pid(), "WebKitWebProces") && closing.elapsed() < Duration::from_secs(20) {
        thread::sleep(Duration::from_millis(50));
    }
    app.check_alive();
    thread::sleep(plan.settle);
    let (closed, closed_text) = pss_text(app.pid());
    report.row(
        Row::new(
            "Memory",
            "PSS, after closing the window (`wmctrl -c` under openbox)",
            closed_text,
        )
        .against(
            format!("never opened: {}", mib(idle)),
            mib_delta(closed as i64 - idle as i64),
        ),
    );

    // Renewals through the tray: make dev the active role, then click Renew now.
    tray_tool(&world, &["click", "dev"]);
    tray_tool(&world, &["wait", "Renew now"]);
    thread::sleep(plan.settle);
    let assume_before = world.sts_calls("AssumeRole");
    let pid = app.pid();
    let start_pss = procfs::tree_pss(pid).0;
    let mut marks: Vec<(usize, u64)> = vec![(0, start_pss)];
    let wanted = [100, 250, 500, 750, 1_000];
    let clicks = renew_clicks(
        &world,
        &mut app,
        plan.renew_cycles,
        plan.renew_budget,
        |n| {
            if wanted.contains(&n) || n == plan.renew_cycles {
                marks.push((n, procfs::tree_pss(pid).0));
            }
        },
    );
    clicks.notes(report, "Renewal run (1 role)");
    let times = clicks.times;
    thread::sleep(plan.settle);
    let done = times.len();
    let alive = matches!(app.service.child.try_wait(), Ok(None));
    let end_pss = if alive {
        procfs::tree_pss(pid).0
    } else {
        marks.last().map_or(start_pss, |m| m.1)
    };
    let assumed = world.sts_calls("AssumeRole") - assume_before;
    let clicks = Summary::of(&times);
    let trail: Vec<String> = marks
        .iter()
        .map(|(n, k)| format!("{}: {}", thousands(*n as u64), mib(*k)))
        .collect();
    let after_100 = marks.iter().find(|(n, _)| *n == 100).map(|(_, k)| *k);
    report.row(Row::new(
        "Memory",
        format!(
            "PSS growth over {} renewals clicked in the tray (window closed)",
            thousands(done as u64)
        ),
        format!(
            "{} → {} ({}); after the first 100: {}",
            mib(start_pss),
            mib(end_pss),
            mib_delta(end_pss as i64 - start_pss as i64),
            after_100.map_or("—".into(), |k| mib_delta(end_pss as i64 - k as i64)),
        ),
    ));
    report.note(format!(
        "Renewal run: {} clicks on \"Renew now\" made {} AssumeRole calls (moto's count); \
         PSS along the way: {}.",
        thousands(done as u64),
        thousands(assumed as u64),
        trail.join(", ")
    ));
    if let Some(clicks) = clicks {
        report.row(Row::new(
            "Tray",
            "a \"Renew now\" click, until STS answered it (dbusmenu Event → AssumeRole → GetCallerIdentity), 1 role",
            clicks.ms(),
        ));
    }
    drop(app);

    // Ten live sessions, cached before the app starts (it loads them).
    for i in 0..10 {
        let name = format!("s{i}");
        world.add_role(&name, "dev", &["--source", "alice"]);
        world.run_ok(&["assume", &name], None);
    }
    let (app, _) = start_to_tray(&world, &[]);
    thread::sleep(plan.settle);
    let cpu10 = cpu_over(&app, plan.idle);
    report.row(
        Row::new(
            "Idle CPU",
            format!(
                "tray only, ten live sessions, over {} s",
                plan.idle.as_secs()
            ),
            cpu10,
        )
        .against(format!("no session: {cpu}"), "—"),
    );
    let (_, ten_text) = pss_text(app.pid());
    report.row(Row::new(
        "Memory",
        "PSS, in the tray with ten live sessions",
        ten_text,
    ));
    drop(app);
    drop(desktop);
    (clicks.map(|c| c.median), idle)
}
