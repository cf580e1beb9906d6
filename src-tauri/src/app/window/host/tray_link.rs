//! The window host's end of the link to the tray process: page calls go
//! out on stdout and wait for their answers; the tray's messages come in on
//! stdin and are handled on the main thread, in order.

use super::webviews::{KeepOpen, MfaNotes, open_confirm, open_main, open_mfa, open_palette};
use crate::app::window::protocol::{
    Answer, MAIN, PALETTE, ToHost, ToTray, confirm_label, decode, encode, mfa_label,
};
use roletray_core::service::BoxFuture;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::oneshot;

/// The host's end of the link: what it has read, and the calls waiting for
/// the tray's answer.
#[derive(Default)]
pub(super) struct TrayLink {
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

    pub(super) fn call(
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
    pub(super) fn idle(&self) {
        self.send(&ToTray::Idle {
            seen: self.seen.load(Ordering::SeqCst),
        });
    }

    /// Reads the tray's messages until it closes the link, then exits. Each
    /// is handled on the main thread, in order, so that `seen` (counted
    /// there) never runs ahead of a window still to be opened.
    pub(super) fn read_tray<R: Runtime>(self: Arc<Self>, app: &AppHandle<R>) {
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
            ToHost::OpenPalette => (PALETTE.to_owned(), open_palette(app)),
            ToHost::OpenMfa {
                request_id,
                role,
                serial,
                waiting,
                why,
            } => {
                let notes = MfaNotes {
                    waiting: waiting.as_deref(),
                    why: why.as_deref(),
                };
                let opened = open_mfa(app, request_id, &role, &serial, notes);
                (mfa_label(request_id), opened)
            }
            ToHost::OpenConfirm {
                request_id,
                role,
                account_id,
                environment,
                colour,
            } => {
                let params = [
                    ("role", Some(role.as_str())),
                    ("account", Some(account_id.as_str())),
                    ("environment", environment.as_deref()),
                    ("colour", colour.as_deref()),
                ];
                let opened = open_confirm(app, request_id, &params);
                (confirm_label(request_id), opened)
            }
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
