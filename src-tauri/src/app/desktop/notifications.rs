//! Desktop notifications, and what happens when there is no notification
//! server: the same text goes to the window's activity list.

use crate::app::state::AppCtx;
use roletray_core::Error;
use roletray_core::views::Level;
use tauri::{AppHandle, Manager, Runtime};

/// A notification with Renew and Dismiss; `on_renew` runs when Renew is
/// clicked.
pub fn with_renew<R: Runtime>(
    app: &AppHandle<R>,
    summary: &str,
    body: &str,
    on_renew: impl FnOnce() + Send + 'static,
) {
    with_action(app, summary, body, "Renew", on_renew);
}

/// A notification with one action (labelled `label`) and Dismiss; `on_act`
/// runs when the action is clicked.
pub fn with_action<R: Runtime>(
    app: &AppHandle<R>,
    summary: &str,
    body: &str,
    label: &str,
    on_act: impl FnOnce() + Send + 'static,
) {
    let mut n = base(summary, body);
    n.action("act", label).action("dismiss", "Dismiss");
    let shown = match n.show() {
        Ok(handle) => handle,
        Err(e) => return not_shown(app, &e),
    };
    // Waiting for a click blocks, so it gets its own thread.
    std::thread::spawn(move || wait_for_action(shown, on_act));
}

#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_action(shown: notify_rust::NotificationHandle, on_act: impl FnOnce()) {
    let mut on_act = Some(on_act);
    shown.wait_for_action(|action| {
        if action == "act"
            && let Some(f) = on_act.take()
        {
            f();
        }
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_action(_shown: notify_rust::NotificationHandle, _on_act: impl FnOnce()) {}

/// A notification shown until the guard is dropped (what a prompt waits
/// for): it goes when the wait ends. The handle lives on its own thread.
pub struct UntilDropped(Option<std::sync::mpsc::Sender<()>>);

impl Drop for UntilDropped {
    fn drop(&mut self) {
        if let Some(tx) = self.0.take() {
            tx.send(()).ok();
        }
    }
}

pub fn until_dropped<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str) -> UntilDropped {
    let mut n = base(summary, body);
    n.timeout(notify_rust::Timeout::Never);
    let shown = match n.show() {
        Ok(handle) => handle,
        Err(e) => {
            not_shown(app, &e);
            return UntilDropped(None);
        }
    };
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        // Ends when the guard sends or is dropped.
        rx.recv().ok();
        close(shown);
    });
    UntilDropped(Some(tx))
}

#[cfg(all(unix, not(target_os = "macos")))]
fn close(shown: notify_rust::NotificationHandle) {
    shown.close();
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn close(_shown: notify_rust::NotificationHandle) {}

fn base(summary: &str, body: &str) -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    n.appname("RoleTray").summary(summary).body(body);
    n
}

/// Tells the user an action failed (and puts it in the activity list).
pub fn failure<R: Runtime>(app: &AppHandle<R>, what: &str, e: &Error) {
    app.state::<AppCtx>().service.report_failure(what, e);
    if let Err(n) = base(&format!("RoleTray: {what} failed"), &e.to_string()).show() {
        not_shown(app, &n);
    }
}

pub fn info<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str) {
    if let Err(e) = base(summary, body).show() {
        not_shown(app, &e);
    }
}

fn not_shown<R: Runtime>(app: &AppHandle<R>, e: &notify_rust::error::Error) {
    tracing::warn!(error = %e, "no notification server");
    app.state::<AppCtx>().service.record(
        Level::Warning,
        &format!("notifications are not available ({e}); warnings are shown here instead"),
        "notifications_unavailable",
    );
}
