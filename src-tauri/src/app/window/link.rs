//! The windows, as the tray process sees them: they live in a window host
//! (this executable run with `--window-host`), started when a window is
//! wanted and let go when its last window closes. The tray process itself
//! never creates a web view, so a closed window leaves no WebKit behind.

use super::protocol::{ToHost, ToTray, confirm_request, decode, encode, mfa_request};
use crate::app::gl_off;
use crate::app::state::AppCtx;
use roletray_core::environment::Colour;
use roletray_core::service::{AssumeQuestion, BoxFuture, MfaAsk};
use roletray_core::{Error, Result};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use tauri::{AppHandle, Manager, Runtime};

/// Where a page call from the host goes: (the app, the command, its
/// arguments) → the answer. The link is handed it (`page_calls::route`),
/// so it never reaches up to what answers.
pub type Router<R> =
    Arc<dyn Fn(AppHandle<R>, String, Value) -> BoxFuture<'static, Answered> + Send + Sync>;

/// A page call's answer: its value, or the error the page gets.
pub type Answered = std::result::Result<Value, Value>;

/// The tray's end of the link to the window host, when one runs.
pub struct WindowHost<R: Runtime> {
    router: Router<R>,
    link: Mutex<Option<Link>>,
    started: AtomicU64,
    /// Closing the main window minimises it (no tray icon to come back by).
    keep_open: AtomicBool,
}

struct Link {
    /// Which host this is (the n-th started).
    id: u64,
    lines: mpsc::Sender<String>,
    /// Messages sent to this host: it may go once it has read them all.
    sent: u64,
}

impl<R: Runtime> WindowHost<R> {
    /// The tray's end, sending each page call to `router`.
    pub fn new(router: Router<R>) -> WindowHost<R> {
        WindowHost {
            router,
            link: Mutex::new(None),
            started: AtomicU64::new(0),
            keep_open: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Link>> {
        self.link.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends `message` to host `id` if it is still the one running.
    fn send_to(&self, id: u64, message: &ToHost) {
        if let Some(link) = self.lock().as_mut().filter(|l| l.id == id) {
            link.push(message);
        }
    }
}

impl Link {
    /// Queues `message` for the host, counted (see `ToTray::Idle`).
    fn push(&mut self, message: &ToHost) {
        self.sent += 1;
        self.lines.send(encode(message)).ok();
    }
}

/// Whether a window host runs (a window is open, or about to be).
pub fn is_open<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.state::<WindowHost<R>>().lock().is_some()
}

/// Shows the main window, starting the window host if needed.
pub fn open_main<R: Runtime>(app: &AppHandle<R>) -> Result<()> {
    send_starting(app, &ToHost::OpenMain)
}

/// Shows the quick-switch palette, starting the window host if needed.
pub fn open_palette<R: Runtime>(app: &AppHandle<R>) -> Result<()> {
    send_starting(app, &ToHost::OpenPalette)
}

/// Opens the window asking for the MFA code of prompt `request_id`, saying
/// what the device's code command waits for (`waiting`) or why it gave no
/// code (`ask.why`).
pub fn open_mfa<R: Runtime>(
    app: &AppHandle<R>,
    request_id: u64,
    ask: &MfaAsk<'_>,
    waiting: Option<&str>,
) -> Result<()> {
    send_starting(
        app,
        &ToHost::OpenMfa {
            request_id,
            role: ask.role.to_owned(),
            serial: ask.serial.to_owned(),
            waiting: waiting.map(str::to_owned),
            why: ask.why.map(str::to_owned),
        },
    )
}

/// Opens the window asking `question` before a role is assumed.
pub fn open_confirm<R: Runtime>(
    app: &AppHandle<R>,
    request_id: u64,
    question: &AssumeQuestion,
    colour: Option<Colour>,
) -> Result<()> {
    send_starting(
        app,
        &ToHost::OpenConfirm {
            request_id,
            role: question.role.clone(),
            account_id: question.account_id.clone(),
            environment: question.environment.clone(),
            colour: colour.map(|c| c.as_str().to_owned()),
        },
    )
}

/// Whether closing the main window minimises it from now on.
pub fn set_keep_open<R: Runtime>(app: &AppHandle<R>, keep_open: bool) {
    app.state::<WindowHost<R>>()
        .keep_open
        .store(keep_open, Ordering::SeqCst);
    send_if_open(app, &ToHost::Mode { keep_open });
}

/// Closes the window labelled `label` (nothing to do when no host runs).
pub fn close<R: Runtime>(app: &AppHandle<R>, label: &str) {
    send_if_open(
        app,
        &ToHost::Close {
            label: label.to_owned(),
        },
    );
}

/// Sends the open pages an event (nothing to do when no host runs).
pub fn send_event<R: Runtime>(app: &AppHandle<R>, name: &str, payload: Value) {
    send_if_open(
        app,
        &ToHost::Event {
            name: name.to_owned(),
            payload,
        },
    );
}

fn send_if_open<R: Runtime>(app: &AppHandle<R>, message: &ToHost) {
    if let Some(link) = app.state::<WindowHost<R>>().lock().as_mut() {
        link.push(message);
    }
}

fn send_starting<R: Runtime>(app: &AppHandle<R>, message: &ToHost) -> Result<()> {
    let host = app.state::<WindowHost<R>>();
    let mut link = host.lock();
    let link = match link.as_mut() {
        Some(link) => link,
        None => {
            let keep_open = host.keep_open.load(Ordering::SeqCst);
            let started = link.insert(start(app, &host)?);
            started.push(&ToHost::Mode { keep_open });
            started
        }
    };
    link.push(message);
    Ok(())
}

/// This executable, to run as the window host: the running build, even if
/// the file was replaced since (an upgrade while RoleTray runs).
fn own_executable() -> PathBuf {
    match std::env::current_exe() {
        Ok(p) if p.exists() => p,
        _ => PathBuf::from("/proc/self/exe"),
    }
}

/// Starts a window host, with a thread writing to it and one reading it.
fn start<R: Runtime>(app: &AppHandle<R>, host: &WindowHost<R>) -> Result<Link> {
    let exe = own_executable();
    let failed = |e: std::io::Error| Error::CommandFailed {
        program: format!("{} --window-host", exe.display()),
        message: e.to_string(),
    };
    let mut command = Command::new(&exe);
    if gl_off::set_here() {
        // Its web views may draw with GL: it chooses its visuals as usual.
        command.env_remove(gl_off::VARIABLE);
    }
    let mut child = command
        .arg("--window-host")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(failed)?;
    let id = host.started.fetch_add(1, Ordering::Relaxed) + 1;
    tracing::info!(host = id, pid = child.id(), "window host started");
    let (lines, queued) = mpsc::channel::<String>();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        child.kill().ok();
        child.wait().ok();
        return Err(failed(std::io::Error::other("no pipes to the window host")));
    };
    let spawned = std::thread::Builder::new()
        .name("window-host-writer".into())
        .spawn(move || {
            // Ends when the link is dropped: the host then reads end-of-file and exits.
            for line in queued {
                if stdin
                    .write_all(line.as_bytes())
                    .and_then(|()| stdin.flush())
                    .is_err()
                {
                    break;
                }
            }
        })
        .and_then(|_| {
            let app = app.clone();
            std::thread::Builder::new()
                .name("window-host-reader".into())
                .spawn(move || read_host(&app, id, BufReader::new(stdout), child))
        });
    spawned.map_err(failed)?;
    Ok(Link { id, lines, sent: 0 })
}

/// Reads host `id` until it exits, then lets it go.
fn read_host<R: Runtime>(app: &AppHandle<R>, id: u64, stdout: impl BufRead, mut child: Child) {
    for line in stdout.lines() {
        let Ok(line) = line else { break };
        match decode::<ToTray>(&line) {
            Some(message) => on_message(app, id, message),
            None if line.trim().is_empty() => {}
            None => tracing::debug!(bytes = line.len(), "window host: a line that is not ours"),
        }
    }
    let host = app.state::<WindowHost<R>>();
    let was_current = {
        let mut link = host.lock();
        let current = link.as_ref().is_some_and(|l| l.id == id);
        if current {
            *link = None;
        }
        current
    };
    if was_current {
        // It went while it still had windows (a crash, a kill): their MFA
        // prompts cannot be answered there.
        tracing::warn!(host = id, "the window host closed unexpectedly");
        app.state::<AppCtx>()
            .mfa
            .fail_all("the MFA window closed unexpectedly");
    }
    match child.wait() {
        Ok(status) if status.success() => tracing::info!(host = id, "window host exited"),
        Ok(status) => tracing::warn!(host = id, "window host ended: {status}"),
        Err(e) => tracing::warn!(host = id, "window host: {e}"),
    }
}

fn on_message<R: Runtime>(app: &AppHandle<R>, id: u64, message: ToTray) {
    match message {
        ToTray::Call {
            call,
            window,
            cmd,
            args,
        } => {
            tracing::debug!(window, cmd, "page call");
            let app = app.clone();
            let answering = (app.state::<WindowHost<R>>().router)(app.clone(), cmd, args);
            tauri::async_runtime::spawn(async move {
                let answer = answering.await;
                app.state::<WindowHost<R>>().send_to(
                    id,
                    &ToHost::Reply {
                        call,
                        answer: answer.into(),
                    },
                );
            });
        }
        ToTray::OpenFailed { label, message } => {
            tracing::warn!(label, "the window host could not open a window: {message}");
            if let Some(request) = mfa_request(&label) {
                app.state::<AppCtx>().mfa.fail(
                    request,
                    &format!("the MFA window could not open: {message}"),
                );
            }
            if let Some(request) = confirm_request(&label) {
                app.state::<AppCtx>().confirmations.answer(request, false);
            }
        }
        ToTray::Idle { seen } => {
            let host = app.state::<WindowHost<R>>();
            let mut link = host.lock();
            // Retired only when it has read everything sent to it: an open
            // request on its way would otherwise be lost.
            if link.as_ref().is_some_and(|l| l.id == id && l.sent == seen) {
                tracing::debug!(host = id, "window host idle: letting it go");
                *link = None;
            }
        }
    }
}
