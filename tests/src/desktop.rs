//! A desktop for a world: an Xvfb display, a dunst notification server and,
//! when asked, a StatusNotifierWatcher (a tray host), all on the world's
//! private bus; plus the clipboard and notification look-ups tests need.
//!
//! Every process started while a desktop lives (the app, WebKit's helpers,
//! tauri-driver, WebKitWebDriver) carries the desktop's marker variable in
//! its environment; dropping the desktop kills whatever still carries it.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use crate::process::run_command;
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::World;

/// One desktop at a time in a test binary: WebKit and Xvfb are heavy on a
/// 2-core machine, and notification timings get flaky when tests share it.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The environment variable that marks this desktop's processes.
const MARKER: &str = "ROLETRAY_TEST_DESKTOP";

#[derive(Clone, Copy, Debug, Default)]
pub struct DesktopOptions {
    /// Run a StatusNotifierWatcher (`tests/fixtures/sn_watcher.py`), so the
    /// app's tray icon registers and exports its menu over D-Bus.
    pub tray_host: bool,
    /// Leave out the notification server (dunst), as on a desktop without one.
    pub no_notification_server: bool,
}

impl DesktopOptions {
    /// A desktop that shows tray icons (a StatusNotifierWatcher on the bus).
    pub fn with_tray_host() -> DesktopOptions {
        DesktopOptions {
            tray_host: true,
            ..DesktopOptions::default()
        }
    }
}

pub struct Desktop {
    /// `:N`, also `$DISPLAY` of everything the world starts from now on.
    pub display: String,
    marker: String,
    dir: PathBuf,
    logs: PathBuf,
    /// Killed in reverse order of start.
    services: Vec<Service>,
    _one_at_a_time: MutexGuard<'static, ()>,
}

/// A running `roletray` started by [`Desktop::start_app`].
pub struct AppProcess {
    service: Service,
}

impl AppProcess {
    /// Whether the app has exited (it should not, until Quit).
    pub fn exited(&mut self) -> bool {
        self.service.exited()
    }

    /// What the app wrote to stdout and stderr so far.
    pub fn log(&self) -> String {
        self.service.log_text()
    }
}

/// A process of the desktop (it carries the desktop's marker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesktopProcess {
    pub pid: u32,
    /// The kernel's name for it (`comm`: 15 bytes at most).
    pub name: String,
    /// Its arguments, joined by spaces.
    pub cmdline: String,
}

/// One entry of the tray menu, as com.canonical.dbusmenu exports it.
#[derive(Clone, Debug)]
pub struct MenuEntry {
    /// The dbusmenu id to click; ids change whenever the app rebuilds its menu.
    pub id: i64,
    pub label: String,
    pub enabled: bool,
    pub children: Vec<MenuEntry>,
}

impl MenuEntry {
    fn from_json(v: &serde_json::Value) -> MenuEntry {
        MenuEntry {
            id: v["id"].as_i64().expect("menu entry id"),
            label: v["label"].as_str().unwrap_or_default().to_owned(),
            enabled: v["enabled"].as_bool().unwrap_or(true),
            children: v["children"]
                .as_array()
                .map(|c| c.iter().map(MenuEntry::from_json).collect())
                .unwrap_or_default(),
        }
    }
}

/// A notification dunst has closed, from `dunstctl history`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub appname: String,
    pub summary: String,
    pub body: String,
}

impl Desktop {
    /// Starts Xvfb (on a display it picks), then dunst, then the tray host
    /// if asked; sets `DISPLAY` in the world's environment. Waits for a
    /// desktop started by another test of this binary to be dropped first.
    pub fn start(world: &mut World, options: DesktopOptions) -> Desktop {
        let one_at_a_time = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = world.root().join("desktop");
        fs::create_dir_all(&dir).expect("creating the desktop dir");
        let marker = dir.display().to_string();
        world.set_env(MARKER, marker.clone());
        // No accessibility bus: the world's bus activates nothing.
        world.set_env("NO_AT_BRIDGE", "1");
        world.set_env("GDK_BACKEND", "x11");
        let mut desktop = Desktop {
            display: String::new(),
            marker,
            dir,
            logs: world.logs_dir().to_path_buf(),
            services: Vec::new(),
            _one_at_a_time: one_at_a_time,
        };
        desktop.start_xvfb(world);
        if !options.no_notification_server {
            desktop.start_dunst(world);
        }
        if options.tray_host {
            desktop.start_tray_host(world);
        }
        desktop
    }

    fn spawn(&mut self, name: &str, cmd: Command, pipes: Pipes) -> &mut Service {
        self.services
            .push(Service::spawn(name, cmd, &self.logs, pipes));
        self.services.last_mut().expect("just pushed")
    }

    fn start_xvfb(&mut self, world: &mut World) {
        let mut cmd = world.command("Xvfb");
        // -displayfd: Xvfb picks a free display and prints it once it accepts clients.
        cmd.args(["-displayfd", "1", "-nolisten", "tcp", "-noreset"])
            .args(["-screen", "0", "1280x800x24"]);
        let xvfb = self.spawn(
            "xvfb",
            cmd,
            Pipes {
                stdin: false,
                stdout: true,
            },
        );
        let stdout = xvfb.child.stdout.take().expect("Xvfb stdout");
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let number = line.trim();
        assert!(
            !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
            "Xvfb did not print its display number:\n{}",
            xvfb.log_text()
        );
        self.display = format!(":{number}");
        world.set_env("DISPLAY", self.display.clone());
    }

    fn start_dunst(&mut self, world: &World) {
        let fixtures = crate::fixtures_dir();
        let dmenu = format!(
            "{} {} {}",
            fixtures.join("dunst_dmenu.sh").display(),
            self.dmenu_log().display(),
            self.dmenu_pick().display()
        );
        let template =
            fs::read_to_string(fixtures.join("dunstrc")).expect("reading fixtures/dunstrc");
        let config = self.dir.join("dunstrc");
        fs::write(&config, template.replace("@DMENU@", &dmenu)).expect("writing dunstrc");
        fs::write(self.dmenu_pick(), "").expect("writing the dmenu pick file");
        let mut cmd = world.command("dunst");
        cmd.arg("-config").arg(&config);
        self.spawn("dunst", cmd, Pipes::default());
        poll(
            "dunst to own org.freedesktop.Notifications",
            STARTUP_TIMEOUT,
            || {
                let out = run_command(dunstctl(world, &["count", "displayed"]), None);
                out.success().then_some(()).ok_or(out.stderr)
            },
        );
    }

    /// Starts a StatusNotifierWatcher that says a host is present (also
    /// later, as a person who turns on GNOME's AppIndicator extension).
    pub fn start_tray_host(&mut self, world: &World) {
        let mut cmd = world.command("/usr/bin/python3");
        cmd.arg(crate::fixtures_dir().join("sn_watcher.py"))
            .env("PYTHONUNBUFFERED", "1");
        let watcher = self.spawn("sn-watcher", cmd, Pipes::default());
        let log = watcher.log.clone();
        poll("the StatusNotifierWatcher", STARTUP_TIMEOUT, || {
            let text = fs::read_to_string(&log).unwrap_or_default();
            text.contains("watcher ready").then_some(()).ok_or(text)
        });
    }

    /// Starts a stand-in of the desktop portal's GlobalShortcuts interface
    /// (`tests/fixtures/portal_shortcuts.py`) on the world's bus, as a
    /// Wayland desktop offers it; returns the file it logs each call to.
    pub fn start_shortcut_portal(&mut self, world: &World) -> PathBuf {
        let mut cmd = world.command("/usr/bin/python3");
        cmd.arg(crate::fixtures_dir().join("portal_shortcuts.py"))
            .env("PYTHONUNBUFFERED", "1");
        let portal = self.spawn("portal-shortcuts", cmd, Pipes::default());
        let log = portal.log.clone();
        poll("the desktop portal stand-in", STARTUP_TIMEOUT, || {
            let text = fs::read_to_string(&log).unwrap_or_default();
            text.contains("portal ready").then_some(()).ok_or(text)
        });
        log
    }

    /// Presses every shortcut bound with the portal stand-in, as the
    /// desktop says it does (its Activated signal).
    pub fn press_portal_shortcuts(&self) {
        let portal = self
            .services
            .iter()
            .find(|s| s.log.ends_with("portal-shortcuts.log"))
            .expect("the portal stand-in runs");
        let status = Command::new("kill")
            .args(["-USR1", &portal.child.id().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -USR1 the portal stand-in");
    }

    /// Starts `roletray ARGS` (no arguments: the tray app with no window),
    /// logging at trace level, so the secret tests read the most it can say.
    pub fn start_app(&self, world: &World, args: &[&str]) -> AppProcess {
        let mut cmd = world.roletray(args);
        cmd.env("RUST_LOG", "trace");
        AppProcess {
            service: Service::spawn("roletray", cmd, &self.logs, Pipes::default()),
        }
    }

    // --- windows and processes ---------------------------------------------

    /// Asks every window titled `title` to close, as a window manager's
    /// close button does (WM_DELETE_WINDOW); how many it asked.
    pub fn close_windows(&self, world: &World, title: &str) -> usize {
        let mut cmd = world.command("/usr/bin/python3");
        cmd.arg(crate::fixtures_dir().join("close_window.py"))
            .arg(title);
        let out = run_command(cmd, None);
        assert!(out.success(), "close_window.py: {}", out.stderr);
        out.stdout
            .trim()
            .parse()
            .expect("close_window.py prints a count")
    }

    /// This desktop's processes now (the app, its window host, WebKit's
    /// helpers, the desktop's own services).
    pub fn processes(&self) -> Vec<DesktopProcess> {
        let read = |pid: &str, file: &str| fs::read(Path::new("/proc").join(pid).join(file));
        marked_pids(&format!("{MARKER}={}", self.marker))
            .into_iter()
            .filter_map(|pid| {
                let name = String::from_utf8_lossy(&read(&pid, "comm").ok()?)
                    .trim_end()
                    .to_owned();
                let cmdline = read(&pid, "cmdline")
                    .ok()?
                    .split(|b| *b == 0)
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ");
                Some(DesktopProcess {
                    pid: pid.parse().ok()?,
                    name,
                    cmdline: cmdline.trim_end().to_owned(),
                })
            })
            .collect()
    }

    /// The app's window hosts running now (`roletray-app --window-host`).
    pub fn window_hosts(&self) -> Vec<DesktopProcess> {
        self.processes()
            .into_iter()
            .filter(|p| p.cmdline.contains("--window-host"))
            .collect()
    }

    // --- clipboard ---------------------------------------------------------

    /// Puts `text` on the X11 clipboard (an `xclip` process serves it until
    /// something else takes the clipboard, or the desktop ends).
    pub fn set_clipboard(&self, world: &World, text: &str) {
        use std::io::Write;
        let mut cmd = world.command("xclip");
        // xclip forks a child that keeps serving: no pipes it could hold open.
        cmd.args(["-selection", "clipboard", "-i"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut xclip = cmd.spawn().expect("starting xclip");
        if let Some(mut stdin) = xclip.stdin.take() {
            stdin.write_all(text.as_bytes()).expect("writing to xclip");
        }
        let status = xclip.wait().expect("xclip");
        assert!(status.success(), "xclip -i: {status}");
    }

    /// The X11 clipboard's text (empty when nothing owns it).
    pub fn clipboard(&self, world: &World) -> String {
        let mut cmd = world.command("xclip");
        cmd.args(["-selection", "clipboard", "-o"]);
        run_command(cmd, None).stdout
    }

    // --- notifications -----------------------------------------------------

    /// How many notifications dunst shows right now.
    pub fn notifications_displayed(&self, world: &World) -> usize {
        let out = run_command(dunstctl(world, &["count", "displayed"]), None);
        assert!(out.success(), "dunstctl count: {}", out.stderr);
        out.stdout
            .trim()
            .parse()
            .expect("dunstctl count prints a number")
    }

    /// Opens dunst's context menu (`dunstctl context`); the dmenu script
    /// picks the first action line containing `text`, e.g. "Renew (dev expires soon)".
    pub fn pick_notification_action(&self, world: &World, text: &str) {
        fs::write(self.dmenu_pick(), format!("{text}\n")).expect("writing the dmenu pick");
        let out = run_command(dunstctl(world, &["context"]), None);
        assert!(out.success(), "dunstctl context: {}", out.stderr);
    }

    /// Every action line dunst's context menu offered so far, e.g.
    /// "#Renew (dev expires soon) [3,renew]".
    pub fn offered_actions(&self) -> String {
        fs::read_to_string(self.dmenu_log()).unwrap_or_default()
    }

    /// Closes every notification shown (they move to the history).
    pub fn close_notifications(&self, world: &World) {
        let out = run_command(dunstctl(world, &["close-all"]), None);
        assert!(out.success(), "dunstctl close-all: {}", out.stderr);
    }

    /// Closed notifications, newest first (`dunstctl history`).
    pub fn notification_history(&self, world: &World) -> Vec<Notification> {
        let out = run_command(dunstctl(world, &["history"]), None);
        assert!(out.success(), "dunstctl history: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("dunstctl history is not JSON ({e}): {}", out.stdout));
        let text = |n: &serde_json::Value, key: &str| {
            n[key]["data"].as_str().unwrap_or_default().to_owned()
        };
        json["data"][0]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|n| Notification {
                        appname: text(n, "appname"),
                        summary: text(n, "summary"),
                        body: text(n, "body"),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn dmenu_log(&self) -> PathBuf {
        self.dir.join("dmenu-offered.txt")
    }

    fn dmenu_pick(&self) -> PathBuf {
        self.dir.join("dmenu-pick.txt")
    }

    // --- tray --------------------------------------------------------------

    /// The menu of the first tray item registered with the tray host, `None`
    /// while none has registered. Needs [`DesktopOptions::tray_host`].
    pub fn tray_menu(&self, world: &World) -> Option<Vec<MenuEntry>> {
        let out = run_command(tray_tool(world, &["layout"]), None);
        assert!(out.success(), "tray_menu.py layout: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("tray_menu.py printed no JSON ({e}): {}", out.stdout));
        json["item"].as_str()?;
        Some(
            json["menu"]
                .as_array()
                .map(|m| m.iter().map(MenuEntry::from_json).collect())
                .unwrap_or_default(),
        )
    }

    /// The first tray item's own properties (`IconName`, `IconThemePath`,
    /// `XAyatanaLabel`, `Title`, …) as the tray host reads them; `None`
    /// while none has registered.
    pub fn tray_item(&self, world: &World) -> Option<serde_json::Value> {
        let out = run_command(tray_tool(world, &["item"]), None);
        assert!(out.success(), "tray_menu.py item: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("tray_menu.py printed no JSON ({e}): {}", out.stdout));
        json["item"].as_str()?;
        Some(json)
    }

    /// Clicks tray menu entry `id` (dbusmenu `Event id "clicked"`); an error
    /// when the menu no longer has that id.
    pub fn tray_click(&self, world: &World, id: i64) -> Result<(), String> {
        let out = run_command(tray_tool(world, &["click", &id.to_string()]), None);
        out.success().then_some(()).ok_or(out.stderr)
    }

    /// Clicks the top-level tray entry labelled `label`. The app rebuilds
    /// its menu (new ids) whenever its state changes and while a session
    /// counts down, so a click on an id that just went away is retried on a
    /// fresh read of the menu.
    /// The tray menu once `ok` holds for it (within 30 s).
    pub fn menu_until(
        &self,
        world: &World,
        what: &str,
        ok: impl Fn(&[MenuEntry]) -> bool,
    ) -> Vec<MenuEntry> {
        poll(what, STARTUP_TIMEOUT, || match self.tray_menu(world) {
            Some(menu) if ok(&menu) => Ok(menu),
            Some(menu) => Err(format!(
                "{:?}",
                menu.iter().map(|e| e.label.clone()).collect::<Vec<_>>()
            )),
            None => Err("no tray item registered".into()),
        })
    }

    pub fn tray_click_label(&self, world: &World, label: &str) {
        poll(
            &format!("a click on tray entry {label:?}"),
            STARTUP_TIMEOUT,
            || {
                let menu = self.tray_menu(world).ok_or("no tray item")?;
                let entry = menu.iter().find(|e| e.label == label).ok_or_else(|| {
                    format!(
                        "not in {:?}",
                        menu.iter().map(|e| &e.label).collect::<Vec<_>>()
                    )
                })?;
                self.tray_click(world, entry.id)
            },
        );
    }
}

fn dunstctl(world: &World, args: &[&str]) -> Command {
    let mut cmd = world.command("dunstctl");
    cmd.args(args);
    cmd
}

fn tray_tool(world: &World, args: &[&str]) -> Command {
    let mut cmd = world.command("/usr/bin/python3");
    cmd.arg(crate::fixtures_dir().join("tray_menu.py"))
        .args(args);
    cmd
}

/// Processes (other than this one) whose environment holds `entry` exactly.
fn marked_pids(entry: &str) -> Vec<String> {
    let me = std::process::id().to_string();
    let Ok(proc_dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    proc_dir
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()) && *pid != me)
        .filter(|pid| {
            fs::read(Path::new("/proc").join(pid).join("environ"))
                .is_ok_and(|env| env.split(|b| *b == 0).any(|v| v == entry.as_bytes()))
        })
        .collect()
}

/// Kills every process carrying this desktop's marker, until none is left.
fn kill_marked(entry: &str) {
    for _ in 0..20 {
        let pids = marked_pids(entry);
        if pids.is_empty() {
            return;
        }
        let _ = Command::new("kill")
            .arg("-KILL")
            .args(&pids)
            .stderr(Stdio::null())
            .status();
        thread::sleep(Duration::from_millis(50));
    }
}

/// The last `lines` lines of a log in `logs`, for a failing test's output.
pub(crate) fn print_log_tail(logs: &Path, name: &str, lines: usize) {
    let Ok(text) = fs::read_to_string(logs.join(format!("{name}.log"))) else {
        return;
    };
    let tail: Vec<&str> = text.lines().rev().take(lines).collect();
    eprintln!("--- last lines of the desktop's {name} log:");
    for line in tail.iter().rev() {
        eprintln!("{line}");
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if thread::panicking() {
            for name in ["roletray", "tauri-driver", "dunst", "sn-watcher", "xvfb"] {
                print_log_tail(&self.logs, name, 40);
            }
        }
        kill_marked(&format!("{MARKER}={}", self.marker));
        while let Some(service) = self.services.pop() {
            drop(service);
        }
    }
}
