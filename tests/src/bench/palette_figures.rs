//! The quick-switch palette on the release binary, under Xvfb with a tray
//! host: from the global shortcut (pressed with `xdotool key`, the same X
//! event a keyboard makes) to the palette on the screen, with the window
//! host already running (the main window open) and cold (only the tray);
//! a keystroke to its results in the palette with 5,000 roles; and the
//! tray's memory with the shortcut bound and with it turned off.
//!
//! "On the screen" is the first `xwd -root` capture that differs from the
//! screen before the press, "drawn with its first results" the last capture
//! that changed before the picture stayed the same for 300 ms (the desktop
//! figures' method: each capture takes about 30 ms, which is the
//! resolution). Esc closes the palette between presses, and the next press
//! waits for the screen to be as it was.

use std::thread;
use std::time::{Duration, Instant};

use super::desktop_figures::{
    App, Plan, capture, changed, has_process, pss_text, start_to_tray, tray_desktop,
};
use super::report::{Report, Row};
use super::stats::{Summary, mib_delta, ms};
use crate::services::STARTUP_TIMEOUT;
use crate::wait::poll;
use crate::world::{World, WorldOptions};

/// Presses of the shortcut timed in each case (after one untimed).
const PRESSES: usize = 10;

fn xdotool(world: &World, args: &[&str]) {
    let out = world
        .command("xdotool")
        .args(args)
        .output()
        .expect("running xdotool (Debian package xdotool)");
    assert!(out.status.success(), "xdotool {args:?} failed");
}

fn world_with_roles() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    for name in ["dev", "prod-admin", "stage"] {
        world.add_role(name, "dev", &["--source", "alice"]);
    }
    world
}

/// The screen as it is now, once it stayed so for half a second.
fn still_screen(world: &World) -> Vec<[u8; 3]> {
    let mut last = capture(world).pixels;
    let mut since = Instant::now();
    loop {
        thread::sleep(Duration::from_millis(100));
        let now = capture(world).pixels;
        if changed(&last, &now) {
            (last, since) = (now, Instant::now());
        } else if since.elapsed() >= Duration::from_millis(500) {
            return now;
        }
        assert!(
            since.elapsed() < STARTUP_TIMEOUT,
            "the screen never settled"
        );
    }
}

/// How long the picture must stay the same for the palette to count as
/// drawn with its first results.
const STILL_FOR: Duration = Duration::from_millis(300);

/// When a press showed what, in ms from the press.
struct Shown {
    /// The first capture that differs from the screen before.
    first: f64,
    /// The last capture that changed before the picture stayed the same for
    /// [`STILL_FOR`]: the palette with its first results.
    settled: f64,
}

/// Presses the shortcut and times the palette's showing; then closes it
/// with Esc and waits for the screen to be `before` again.
fn press_until_drawn(world: &World, app: &mut App, before: &[[u8; 3]]) -> Shown {
    let start = Instant::now();
    let elapsed = || start.elapsed().as_secs_f64() * 1e3;
    xdotool(world, &["key", "ctrl+alt+shift+a"]);
    let (first, mut picture) = loop {
        let at = elapsed();
        let frame = capture(world).pixels;
        if changed(before, &frame) {
            break (at, frame);
        }
        app.check_alive();
        assert!(
            start.elapsed() < STARTUP_TIMEOUT,
            "the palette never showed"
        );
    };
    let mut settled = first;
    while elapsed() - settled < STILL_FOR.as_secs_f64() * 1e3 {
        let at = elapsed();
        let frame = capture(world).pixels;
        if changed(&picture, &frame) {
            (picture, settled) = (frame, at);
        }
        assert!(
            start.elapsed() < STARTUP_TIMEOUT,
            "the palette never settled"
        );
    }
    xdotool(world, &["key", "Escape"]);
    poll("the palette closed", STARTUP_TIMEOUT, || {
        (!changed(before, &capture(world).pixels))
            .then_some(())
            .ok_or_else(|| "the palette is still on the screen".to_owned())
    });
    Shown { first, settled }
}

/// Waits until the window host (WebKit's processes) has gone.
fn wait_host_gone(app: &App) {
    poll("the window host to go", STARTUP_TIMEOUT, || {
        (!has_process(app.pid(), "WebKitWebProces"))
            .then_some(())
            .ok_or_else(|| "WebKit still runs".to_owned())
    });
}

/// From the shortcut to the palette drawn, warm and cold.
pub fn open_latency(report: &mut Report) {
    let mut world = world_with_roles();
    let _desktop = tray_desktop(&mut world);
    let (mut app, _) = start_to_tray(&world, &[]);
    // Bound once the app has started: wait for the first palette, untimed.
    let blank = still_screen(&world);
    poll("the shortcut bound", STARTUP_TIMEOUT, || {
        xdotool(&world, &["key", "ctrl+alt+shift+a"]);
        thread::sleep(Duration::from_millis(500));
        changed(&blank, &capture(&world).pixels)
            .then_some(())
            .ok_or_else(|| "no palette yet".to_owned())
    });
    thread::sleep(Duration::from_millis(400));
    xdotool(&world, &["key", "Escape"]);
    wait_host_gone(&app);

    let mut cold = Vec::new();
    for i in 0..=PRESSES {
        let before = still_screen(&world);
        let shown = press_until_drawn(&world, &mut app, &before);
        if i > 0 {
            cold.push(shown);
        }
        wait_host_gone(&app);
    }
    // The main window open: the window host runs.
    let _window = App::start(&world, &["--open-window"]);
    thread::sleep(Duration::from_secs(2));
    let mut warm = Vec::new();
    for i in 0..=PRESSES {
        let before = still_screen(&world);
        let shown = press_until_drawn(&world, &mut app, &before);
        if i > 0 {
            warm.push(shown);
        }
    }
    for (how, presses) in [
        ("the window host running (the main window open)", &warm),
        (
            "cold (only the tray running: the window host and WebKit start)",
            &cold,
        ),
    ] {
        let first: Vec<f64> = presses.iter().map(|s| s.first).collect();
        let settled: Vec<f64> = presses.iter().map(|s| s.settled).collect();
        let (first, settled) = (
            Summary::of(&first).expect("presses"),
            Summary::of(&settled).expect("presses"),
        );
        report.row(Row::new(
            "Quick switch",
            format!("the global shortcut to the palette on the screen, {how}"),
            format!(
                "{}; with its first results drawn (the picture then still for 300 ms): {}",
                first.ms(),
                settled.ms()
            ),
        ));
    }
}

/// The tray alone, settled, with the shortcut bound and with it off.
pub fn shortcut_memory(report: &mut Report, plan: Plan) {
    let mut world = world_with_roles();
    let _desktop = tray_desktop(&mut world);
    let reading = |setting: &str| -> (u64, String) {
        world.run_ok(&["config", "set", "palette-shortcut", setting], None);
        let (app, _) = start_to_tray(&world, &[]);
        thread::sleep(plan.settle);
        let pss = pss_text(app.pid());
        drop(app);
        thread::sleep(Duration::from_millis(500));
        pss
    };
    // Alternated, twice each: the lower of each is what is kept.
    let mut on = Vec::new();
    let mut off = Vec::new();
    for _ in 0..2 {
        on.push(reading("Ctrl+Alt+Shift+A"));
        off.push(reading("off"));
    }
    let least = |r: &[(u64, String)]| r.iter().min_by_key(|x| x.0).cloned().expect("readings");
    let (on, off) = (least(&on), least(&off));
    report.row(Row::new(
        "Quick switch",
        "the tray alone (PSS, settled) with the palette's shortcut bound",
        on.1,
    ));
    report.row(Row::new(
        "Quick switch",
        "the same with `palette-shortcut off`; the difference is what the shortcut costs",
        format!(
            "{} (difference {})",
            off.1,
            mib_delta(on.0 as i64 - off.0 as i64)
        ),
    ));
    report.note(format!(
        "Quick switch: each shortcut time is the first `xwd -root` capture that differs from the \
         screen before the press ({PRESSES} presses after one untimed; captures take about 30 ms). \
         Memory: lower of two readings each, after {} of quiet.",
        ms(plan.settle.as_secs_f64() * 1e3)
    ));
}

/// Roles in the keystroke run.
const MANY_ROLES: usize = 5_000;
/// What is typed, a letter at a time.
const TYPED: [&str; 4] = ["prd adm", "4444-5555", "team 4321", "developr"];

/// From a keystroke to the frame with its results, in the real palette
/// with 5,000 roles: WebDriver types each letter (WebKitWebDriver's key
/// events), and the page measures from the input event's time stamp to the
/// next animation frame after the new rows are in place (`keystrokeMs`).
pub fn keystrokes(report: &mut Report) {
    use crate::desktop::{Desktop, DesktopOptions};
    use crate::webdriver::AppWindow;
    use serde_json::json;

    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    let config = world.config_dir.join("roletray/config.toml");
    let mut text = std::fs::read_to_string(&config).expect("reading config.toml");
    let labels = ["production", "staging", "dev", "sandbox"];
    for i in 0..MANY_ROLES {
        let kind = ["admin", "readonly", "deploy", "developer"][i % 4];
        text.push_str(&format!(
            "\n[roles.\"{}-{kind}-{i:04}\"]\nrole_arn = \"arn:aws:iam::{}:role/team-{i}\"\nsource = \"alice\"\nenvironment = \"{}\"\n",
            &labels[i % 4][..3],
            444_455_550_000_u64 + (i % 500) as u64,
            labels[i % 4],
        ));
    }
    std::fs::write(&config, text).expect("writing config.toml");
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let palette = AppWindow::launch_palette(&world, &desktop);
    let input = "[data-testid=\"palette-input\"]";
    let mut times = Vec::new();
    for query in TYPED {
        palette.execute(
            "const i = document.querySelector(arguments[0]); i.value = ''; i.dispatchEvent(new Event('input'));",
            json!([input]),
        );
        let mut typed = String::new();
        for ch in query.chars() {
            typed.push(ch);
            palette.type_keys(input, &ch.to_string());
            let took = palette.wait_until("the results of the keystroke", |w| {
                let shown = w.execute(
                    "return [document.body.dataset.shownQuery ?? '', document.body.dataset.keystrokeMs ?? '']",
                    json!([]),
                );
                match (shown[0].as_str(), shown[1].as_str()) {
                    (Some(q), Some(t)) if q == typed => t.parse::<f64>().map_err(|e| e.to_string()),
                    _ => Err(format!("{shown}")),
                }
            });
            times.push(took);
        }
    }
    let summary = Summary::of(&times).expect("keystrokes");
    let worst = times.iter().copied().fold(0.0, f64::max);
    report.row(Row::new(
        "Quick switch",
        format!(
            "a keystroke to the frame with its results, in the palette, 5,000 roles ({} keystrokes: \"prd adm\", \"4444-5555\", \"team 4321\", \"developr\")",
            times.len()
        ),
        format!("{}; worst {}", summary.ms(), ms(worst)),
    ));
}
