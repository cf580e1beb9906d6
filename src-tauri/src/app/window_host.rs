//! The window host: `roletray-app --window-host`, started by the tray
//! process when a window is wanted. It owns every web view (the main window
//! and the MFA prompts) and nothing else: each page call is forwarded to
//! the tray process (after the capabilities have allowed it for that
//! window), and the tray's events are passed on to the pages. When its last
//! window closes the tray lets it go, and WebKit's memory goes with it: the
//! tray process never loads a web view.

use super::window_link::{Answer, ToHost, ToTray, decode, encode};
use roletray_core::service::BoxFuture;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{AppHandle, Emitter, Manager, RunEvent, Runtime, WebviewUrl, WebviewWindowBuilder};
use tokio::sync::oneshot;

pub const MAIN: &str = "main";

/// Where a page's call goes: (the app, the calling window's label, the
/// command, its arguments) → the answer. The real host sends it to the
/// tray process; the single-process tests run it in place.
pub type Forward<R> = Arc<
    dyn Fn(&AppHandle<R>, String, String, Value) -> BoxFuture<'static, Result<Value, Value>>
        + Send
        + Sync,
>;

/// Registers the forwarding of page calls on a builder (the real one, or
/// the mock runtime's in tests).
pub fn build<R: Runtime>(builder: tauri::Builder<R>, forward: Forward<R>) -> tauri::Builder<R> {
    let on_close = forward.clone();
    builder
        .manage(KeepOpen::default())
        .invoke_handler(move |invoke: Invoke<R>| {
            let webview = invoke.message.webview_ref();
            let window = webview.label().to_owned();
            let app = webview.app_handle().clone();
            let cmd = invoke.message.command().to_owned();
            let args = match invoke.message.payload() {
                InvokeBody::Json(v) => v.clone(),
                InvokeBody::Raw(_) => {
                    invoke.resolver.reject(json!({
                        "code": "invalid_input",
                        "message": format!("`{cmd}` takes JSON arguments"),
                    }));
                    return true;
                }
            };
            let answer = forward(&app, window, cmd, args);
            invoke.resolver.respond_async_serialized(async move {
                match answer.await {
                    Ok(v) => Ok(InvokeResponseBody::Json(v.to_string())),
                    Err(e) => Err(InvokeError(e)),
                }
            });
            true
        })
        .on_window_event(move |window, event| {
            // With no tray icon to come back by, closing the main window minimises it.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.label() == MAIN
                && window.state::<KeepOpen>().0.load(Ordering::SeqCst)
            {
                api.prevent_close();
                match window.minimize() {
                    Ok(()) => {
                        tracing::info!("minimised the main window: no tray icon to come back by")
                    }
                    Err(e) => tracing::warn!("cannot minimise the window: {e}"),
                }
            }
            // Closing an MFA window is a cancel.
            if let tauri::WindowEvent::Destroyed = event
                && let Some(id) = mfa_request(window.label())
            {
                let call = on_close(
                    window.app_handle(),
                    window.label().to_owned(),
                    "cancel_mfa".into(),
                    json!({ "request_id": id }),
                );
                tauri::async_runtime::spawn(call);
            }
        })
}

/// Whether closing the main window minimises it (set by the tray).
#[derive(Default)]
struct KeepOpen(AtomicBool);

/// The MFA prompt a window label belongs to.
fn mfa_request(label: &str) -> Option<u64> {
    label.strip_prefix("mfa-").and_then(|i| i.parse().ok())
}

/// The label of the MFA window for request `id`.
pub fn mfa_label(id: u64) -> String {
    format!("mfa-{id}")
}

/// The host process's main: runs until the tray closes its stdin.
pub fn run() -> ExitCode {
    let log_dir = roletray_core::paths::log_dir().ok();
    let _log = log_dir.as_deref().and_then(super::logging::to_file);
    tracing::info!("window host starting");
    let link = Arc::new(TrayLink::default());
    let forward: Forward<tauri::Wry> = {
        let link = link.clone();
        Arc::new(move |_, window, cmd, args| link.call(window, cmd, args))
    };
    let reader = link.clone();
    let built = build(tauri::Builder::default(), forward)
        .setup(move |app| {
            let app = app.handle().clone();
            std::thread::Builder::new()
                .name("tray-link".into())
                .spawn(move || reader.read_tray(&app))?;
            Ok(())
        })
        .build(super::context());
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("the window host cannot start: {e}");
            eprintln!("roletray: error[app_failed]: the window cannot open: {e}");
            return ExitCode::FAILURE;
        }
    };
    app.run(move |_, event| {
        // The last window closed: ask the tray whether to go.
        if let RunEvent::ExitRequested {
            code: None, api, ..
        } = event
        {
            api.prevent_exit();
            link.idle();
        }
    });
    tracing::info!("window host exiting");
    ExitCode::SUCCESS
}

/// The host's end of the link: what it has read, and the calls waiting for
/// the tray's answer.
#[derive(Default)]
struct TrayLink {
    seen: AtomicU64,
    next_call: AtomicU64,
    waiting: Mutex<HashMap<u64, oneshot::Sender<Answer>>>,
    out: Mutex<()>,
}

impl TrayLink {
    fn send(&self, message: &ToTray) {
        let _one_at_a_time = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = std::io::stdout().lock();
        let sent = out
            .write_all(encode(message).as_bytes())
            .and_then(|()| out.flush());
        if let Err(e) = sent {
            tracing::warn!("cannot write to the tray: {e}");
        }
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<Answer>>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn call(
        &self,
        window: String,
        cmd: String,
        args: Value,
    ) -> BoxFuture<'static, Result<Value, Value>> {
        let call = self.next_call.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, rx) = oneshot::channel();
        self.waiting().insert(call, tx);
        self.send(&ToTray::Call {
            call,
            window,
            cmd,
            args,
        });
        Box::pin(async move {
            match rx.await {
                Ok(Answer::Ok(v)) => Ok(v),
                Ok(Answer::Err(e)) => Err(e),
                Err(_) => Err(json!({
                    "code": "app_gone",
                    "message": "RoleTray quit before it answered",
                })),
            }
        })
    }

    /// Tells the tray this host has no window (it may then let it go).
    fn idle(&self) {
        self.send(&ToTray::Idle {
            seen: self.seen.load(Ordering::SeqCst),
        });
    }

    /// Reads the tray's messages until it closes the link, then exits. Each
    /// is handled on the main thread, in order, so that `seen` (counted
    /// there) never runs ahead of a window still to be opened.
    fn read_tray<R: Runtime>(self: Arc<Self>, app: &AppHandle<R>) {
        let stdin = std::io::stdin().lock();
        for line in stdin.lines() {
            let Ok(line) = line else { break };
            let Some(message) = decode::<ToHost>(&line) else {
                continue;
            };
            let link = self.clone();
            let handle = app.clone();
            let queued = app.run_on_main_thread(move || {
                link.handle(&handle, message);
                link.seen.fetch_add(1, Ordering::SeqCst);
                if handle.webview_windows().is_empty() {
                    link.idle();
                }
            });
            if queued.is_err() {
                break;
            }
        }
        tracing::info!("the tray closed the link");
        // Whatever still waits gets "app gone".
        self.waiting().clear();
        app.exit(0);
    }

    /// One message from the tray, on the main thread.
    fn handle<R: Runtime>(&self, app: &AppHandle<R>, message: ToHost) {
        let (label, opened) = match message {
            ToHost::Mode { keep_open } => {
                app.state::<KeepOpen>().0.store(keep_open, Ordering::SeqCst);
                return;
            }
            ToHost::OpenMain => (MAIN.to_owned(), open_main(app)),
            ToHost::OpenMfa {
                request_id,
                role,
                serial,
            } => (
                mfa_label(request_id),
                open_mfa(app, request_id, &role, &serial),
            ),
            ToHost::Close { label } => {
                if let Some(w) = app.get_webview_window(&label)
                    && let Err(e) = w.close()
                {
                    tracing::warn!("cannot close window {label}: {e}");
                }
                return;
            }
            ToHost::Event { name, payload } => {
                if let Err(e) = app.emit(&name, payload) {
                    tracing::warn!(event = name, "cannot send to the window: {e}");
                }
                return;
            }
            ToHost::Reply { call, answer } => {
                if let Some(tx) = self.waiting().remove(&call) {
                    tx.send(answer).ok();
                }
                return;
            }
        };
        if let Err(e) = opened {
            tracing::warn!("cannot open window {label}: {e}");
            self.send(&ToTray::OpenFailed {
                label,
                message: e.to_string(),
            });
        }
    }
}

/// Shows the main window, creating it if needed.
fn open_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(MAIN) {
        w.unminimize()?;
        w.show()?;
        return w.set_focus();
    }
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title("RoleTray")
        .inner_size(760.0, 600.0)
        .min_inner_size(520.0, 420.0)
        .build()?;
    Ok(())
}

/// Opens the small window that asks for an MFA code.
fn open_mfa<R: Runtime>(
    app: &AppHandle<R>,
    id: u64,
    role: &str,
    serial: &str,
) -> tauri::Result<()> {
    let url = format!(
        "mfa.html?request={id}&role={}&serial={}",
        query_escape(role),
        query_escape(serial)
    );
    WebviewWindowBuilder::new(app, mfa_label(id), WebviewUrl::App(url.into()))
        .title("RoleTray: MFA code")
        .inner_size(400.0, 240.0)
        .resizable(false)
        .always_on_top(true)
        .center()
        .focused(true)
        .build()?;
    Ok(())
}

/// Percent-encodes everything but unreserved characters.
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_escaped() {
        assert_eq!(
            super::query_escape("arn:aws:iam::1:mfa/me x"),
            "arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme%20x"
        );
    }

    #[test]
    fn mfa_labels_name_their_request() {
        assert_eq!(super::mfa_request(&super::mfa_label(42)), Some(42));
        assert_eq!(super::mfa_request("main"), None);
    }
}
