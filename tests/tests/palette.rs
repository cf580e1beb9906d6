//! The quick switch as a person uses it: the global shortcut opens the
//! palette on the desktop (pressed with xdotool on Xvfb), typed words find
//! the role, Enter asks a production role's question in the palette and
//! Enter again assumes it and copies its export lines; the order follows
//! use, and the tray lists the roles used last; `roletray pick` in a real
//! terminal (tmux).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{AppWindow, Desktop, DesktopOptions, World, WorldOptions, poll};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// A team's roles: two production ones, a development one, a staging one.
fn team_world() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    let prod = ["--source", "alice", "--environment", "production"];
    world.add_role("prod-admin", "dev", &prod);
    world.add_role("prod-readonly", "ops", &prod);
    world.add_role("dev-admin", "dev", &["--source", "alice"]);
    world.add_role(
        "stage",
        "ops",
        &["--source", "alice", "--environment", "staging"],
    );
    world
}

/// The team's roles and a dozen more: enough for the tray to group them
/// (its recent roles and "Switch role…" are for menus too long to scan).
fn big_team_world() -> World {
    let world = team_world();
    for i in 0..12 {
        world.add_role(&format!("team-{i:02}"), "dev", &["--source", "alice"]);
    }
    world
}

/// Runs xdotool on the desktop (the world's `DISPLAY`).
fn xdotool(world: &World, args: &[&str]) {
    let out = world
        .command("xdotool")
        .args(args)
        .output()
        .expect("running xdotool");
    assert!(
        out.status.success(),
        "xdotool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The names of the palette's rows, in order.
fn rows(app: &AppWindow) -> Vec<String> {
    let names = app.execute(
        "return [...document.querySelectorAll(arguments[0])].map((r) => r.dataset.role)",
        serde_json::json!([testid("palette-row")]),
    );
    names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

// The shortcut opens the palette from anywhere; "prd adm" puts prod-admin
// first; Enter asks the production question in the palette; Enter again
// assumes it and the clipboard holds its export lines; the palette goes.
#[test]
fn the_shortcut_opens_the_palette_and_two_enters_assume_a_production_role() {
    roletray_tests::linux_only!("the desktop is Xvfb, driven through WebKitWebDriver");
    let mut world = team_world();
    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();
    desktop.set_clipboard(&world, "nothing yet");

    let shortcut = roletray_core::platform::DEFAULT_PALETTE_SHORTCUT;
    assert_eq!(shortcut, "Ctrl+Alt+Shift+A");
    // Bound once the app has started: pressed until the palette shows.
    app.wait_until("the palette, opened by the shortcut", |w| {
        xdotool(&world, &["key", "ctrl+alt+shift+a"]);
        std::thread::sleep(Duration::from_millis(300));
        let handles = w
            .command("GET", "/window/handles", &serde_json::Value::Null)
            .map_err(|e| e.to_string())?;
        let count = handles.as_array().map_or(0, Vec::len);
        (count > 1).then_some(()).ok_or(format!("{count} windows"))
    });
    app.switch_to_new_window(&main, "the palette");
    app.wait_for(&testid("palette-row"));
    // Typed as a person types, into the focused palette.
    xdotool(&world, &["type", "--delay", "40", "prd adm"]);
    let found = app.wait_until("prod-admin first for \"prd adm\"", |w| {
        let shown = w.execute(
            "return document.body.dataset.shownQuery ?? ''",
            serde_json::json!([]),
        );
        let r = rows(w);
        (shown == "prd adm" && !r.is_empty())
            .then(|| r.clone())
            .ok_or(format!("{shown} {r:?}"))
    });
    assert_eq!(found[0], "prod-admin", "{found:?}");
    assert!(!found.contains(&"stage".to_owned()), "{found:?}");
    if std::env::var_os("ROLETRAY_SCREENSHOTS").is_some_and(|v| !v.is_empty()) {
        let dir = roletray_tests::workspace_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("palette.png"), app.screenshot_png()).unwrap();
    }

    xdotool(&world, &["key", "Return"]);
    let question = app.wait_until("the production question", |w| {
        let q = w.text(&testid("palette-question"));
        (!q.is_empty()).then(|| q.clone()).ok_or(q)
    });
    assert!(question.contains("Assume prod-admin in"), "{question}");
    assert!(question.to_lowercase().contains("production"), "{question}");
    assert_eq!(
        world.sts_calls("AssumeRole"),
        0,
        "assumed before the answer"
    );

    xdotool(&world, &["key", "Return"]);
    let lines = poll(
        "the export lines on the clipboard",
        Duration::from_secs(20),
        || {
            let c = desktop.clipboard(&world);
            c.contains("AWS_SECRET_ACCESS_KEY")
                .then(|| c.clone())
                .ok_or(c)
        },
    );
    assert!(lines.contains("export AWS_ACCESS_KEY_ID="), "{lines}");
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    app.switch_to(&main);
    app.wait_until("the palette closed", |w| {
        let handles = w
            .command("GET", "/window/handles", &serde_json::Value::Null)
            .map_err(|e| e.to_string())?;
        let count = handles.as_array().map_or(0, Vec::len);
        (count == 1).then_some(()).ok_or(format!("{count} windows"))
    });
    let sessions = world.run_ok(&["sessions", "--json"], None).stdout;
    assert!(sessions.contains("prod-admin"), "{sessions}");
}

// What is used rises: two roles that match a query alike swap places once
// one of them is used a few times, from the CLI; the tray's top lists the
// roles used last under the active one; the history survives the app.
#[test]
fn the_order_follows_use_and_the_tray_lists_the_roles_used_last() {
    roletray_tests::linux_only!("the tray is a Linux desktop's StatusNotifierItem");
    let mut world = big_team_world();
    let list = |world: &World| -> Vec<String> {
        let out = world.run_ok(&["pick", "--list", "prod"], None).stdout;
        out.lines().map(str::to_owned).collect()
    };
    assert_eq!(list(&world)[..2], ["prod-admin", "prod-readonly"]);
    for _ in 0..3 {
        world.run_ok(&["assume", "prod-readonly"], None);
    }
    world.run_ok(&["export", "stage"], None);
    assert_eq!(list(&world)[..2], ["prod-readonly", "prod-admin"]);
    let json = world
        .run_ok(&["pick", "--list", "--json", "--limit", "1"], None)
        .stdout;
    let first: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(
        first["name"], "prod-readonly",
        "no query: the most used first"
    );

    let desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let _app = desktop.start_app(&world, &[]);
    // The app reads the cached sessions (checking each) after it starts:
    // the marks of live sessions follow.
    let menu = desktop.menu_until(
        &world,
        "the recent roles on top, with their sessions",
        |m| {
            m.first().is_some_and(|e| e.label == "Recent")
                && m.iter().filter(|e| e.label.starts_with("● ")).count() >= 2
        },
    );
    let labels: Vec<&str> = menu.iter().map(|e| e.label.as_str()).collect();
    // Both have a live session (the ● and the time left), the latest first.
    assert!(labels[1].starts_with("● stage [staging] — "), "{labels:?}");
    assert!(
        labels[2].starts_with("● prod-readonly [production] — "),
        "{labels:?}"
    );
    assert_eq!(labels[3], "", "then a separator: {labels:?}");
    assert!(
        labels.iter().any(|l| l.starts_with("Switch role…")),
        "{labels:?}"
    );
}

// On Wayland no program may grab keys: RoleTray asks the desktop portal's
// GlobalShortcuts to bind the shortcut (its setting as the preferred
// trigger), the desktop's press opens the palette, and Settings says whose
// shortcut it is. The portal is a stand-in on the world's bus; the app still
// draws on Xvfb (GDK_BACKEND=x11), so WebDriver can follow it.
#[test]
fn on_wayland_the_desktop_portal_binds_the_shortcut() {
    roletray_tests::linux_only!("the desktop portal is a Linux desktop's");
    let mut world = team_world();
    world.set_env("WAYLAND_DISPLAY", "wayland-roletray-test");
    world.set_env("XDG_SESSION_TYPE", "wayland");
    let mut desktop = Desktop::start(&mut world, DesktopOptions::with_tray_host());
    let portal_log = desktop.start_shortcut_portal(&world);
    let app = AppWindow::launch(&world, &desktop);
    let main = app.current_window();
    let bound = poll(
        "the shortcut bound with the portal",
        Duration::from_secs(20),
        || {
            let log = std::fs::read_to_string(&portal_log).unwrap_or_default();
            log.lines()
                .find(|l| l.contains("\"BindShortcuts\""))
                .map(str::to_owned)
                .ok_or(log)
        },
    );
    let call: serde_json::Value = serde_json::from_str(&bound).unwrap();
    assert_eq!(call["shortcuts"][0]["id"], "palette", "{call}");
    assert_eq!(
        call["shortcuts"][0]["preferred_trigger"], "CTRL+ALT+SHIFT+a",
        "{call}"
    );

    app.click(&testid("tab-settings"));
    let note = app.wait_until("the note on the shortcut", |w| {
        let t = w.text(&testid("palette-note"));
        (!t.is_empty()).then(|| t.clone()).ok_or(t)
    });
    assert!(
        note.contains("Wayland") && note.contains("Ctrl+Alt+Shift+A"),
        "{note}"
    );

    desktop.press_portal_shortcuts();
    app.switch_to_new_window(&main, "the palette, opened by the desktop's press");
    app.wait_for(&testid("palette-row"));
    assert!(rows(&app).len() >= 4, "{:?}", rows(&app));

    // Esc closes it; `roletray palette`, the command to bind where no
    // shortcut can be had, opens it in the running app.
    // From the page a moment later: the window goes before a script that
    // closed it could return.
    app.execute(
        "setTimeout(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })), 50)",
        serde_json::json!([]),
    );
    app.switch_to(&main);
    let windows = |w: &AppWindow| {
        w.command("GET", "/window/handles", &serde_json::Value::Null)
            .map(|h| h.as_array().map_or(0, Vec::len))
            .map_err(|e| e.to_string())
    };
    app.wait_until("the palette closed by Esc", |w| {
        let n = windows(w)?;
        (n == 1).then_some(()).ok_or(format!("{n} windows"))
    });
    world.run_ok(&["palette"], None);
    app.wait_until("the palette, opened by `roletray palette`", |w| {
        let n = windows(w)?;
        (n == 2).then_some(()).ok_or(format!("{n} windows"))
    });
}

/// A terminal in a private tmux server, in the world's environment.
struct Terminal<'w> {
    world: &'w World,
    socket: std::path::PathBuf,
}

impl<'w> Terminal<'w> {
    fn open(world: &'w World) -> Terminal<'w> {
        let socket = world.root().join("tmux.sock");
        let term = Terminal { world, socket };
        term.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "20",
            "bash --norc --noprofile",
        ]);
        term
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = self
            .world
            .command("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env("TERM", "xterm-256color")
            .output()
            .expect("running tmux");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    fn until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        poll(what, Duration::from_secs(20), || {
            let s = self.screen();
            check(&s).then(|| s.clone()).ok_or(s)
        })
    }
}

impl Drop for Terminal<'_> {
    fn drop(&mut self) {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output()
            .ok();
    }
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

// `roletray pick` in a terminal: words narrow the list as they are typed,
// Enter prints the name; with --export, `eval "$(roletray pick --export)"`
// sets the role's credentials in the shell; Esc picks nothing.
#[test]
fn roletray_pick_picks_in_a_terminal_and_exports_into_the_shell() {
    roletray_tests::linux_only!("the terminal is tmux");
    let world = team_world();
    let term = Terminal::open(&world);
    let bin = quoted(&roletray_tests::roletray_bin());
    term.keys(&[
        &format!("picked=$({bin} pick); echo \"picked:$picked:$?\""),
        "Enter",
    ]);
    term.until("the picker", |s| s.contains("Pick a role"));
    term.keys(&["-l", "prd adm"]);
    let screen = term.until("prod-admin alone", |s| {
        s.contains("> prd adm") && s.contains("prod-admin") && !s.contains("dev-admin")
    });
    assert!(screen.contains("production"), "{screen}");
    term.keys(&["Enter"]);
    term.until("the name printed", |s| s.contains("picked:prod-admin:0"));

    term.keys(&[
        &format!("eval \"$({bin} pick --export stage)\"; echo \"key:${{AWS_ACCESS_KEY_ID:0:4}}\""),
        "Enter",
    ]);
    term.until("the picker, searching", |s| s.contains("> stage"));
    term.keys(&["Enter"]);
    let screen = term.until("the credentials in the shell", |s| {
        s.lines().any(|l| l.starts_with("key:"))
    });
    assert!(
        screen.lines().any(|l| l.starts_with("key:") && l.len() > 4),
        "{screen}"
    );
    assert_eq!(world.sts_calls("AssumeRole"), 1);

    term.keys(&[&format!("{bin} pick; echo \"left:$?\""), "Enter"]);
    term.until("the picker, again", |s| s.contains("Pick a role"));
    term.keys(&["Escape"]);
    let screen = term.until("left with Esc", |s| s.contains("left:1"));
    assert!(screen.contains("error[cancelled]"), "{screen}");
}

// Without a terminal, `roletray pick` says what to use instead.
#[test]
fn roletray_pick_without_a_terminal_says_to_use_list() {
    let world = team_world();
    let (code, out) = world.run_err(&["pick"], None);
    assert_eq!(code, "not_a_terminal");
    assert!(
        out.stderr.contains("roletray pick --list"),
        "{}",
        out.stderr
    );
    // The account as the console shows it finds every role in it.
    let account = world
        .run_ok(&["pick", "--list", "--json", "--limit", "1"], None)
        .stdout;
    let account: serde_json::Value = serde_json::from_str(account.trim()).unwrap();
    let digits = account["account_id"].as_str().unwrap().to_owned();
    let dashed = format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..]);
    let out = world.run_ok(&["pick", "--list", &dashed], None);
    assert_eq!(out.stdout.lines().count(), 4, "{}", out.stdout);
    let out = world.run_ok(&["pick", "--list", "stagign"], None);
    assert_eq!(
        out.stdout.trim(),
        "stage",
        "a typo forgiven: {}",
        out.stdout
    );
}
