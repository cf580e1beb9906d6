//! Desktop notifications: the warning before a session expires (with Renew),
//! the notice once it has expired, auto-renewal, and failures. With no
//! notification server the same text goes to the window's activity list.

use super::actions::window_mfa;
use super::context::{AppCtx, refresh};
use roletray_core::Error;
use roletray_core::clock::{Clock, SystemClock};
use roletray_core::deadlines::{Deadlines, Due};
use roletray_core::sessions::NoPrompt;
use roletray_core::views::Level;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// The longest the loop sleeps while sessions exist: monotonic timers stop
/// during suspend, so this bounds how late a warning can be after a wake,
/// and keeps the tray's "minutes left" current.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// Runs for the life of the app: sleeps until the next deadline (or a change).
pub async fn run<R: Runtime>(app: AppHandle<R>) {
    let mut deadlines = Deadlines::default();
    let clock = SystemClock;
    loop {
        let ctx = app.state::<AppCtx>();
        let (service, wake) = (ctx.service.clone(), ctx.wake.clone());
        let settings = service.settings();
        let lead = time::Duration::seconds(i64::from(settings.notify_before_seconds));
        let tracked = service.tracked();
        let now = clock.now();
        let due = deadlines.due(&tracked, lead, settings.auto_renew, now);
        let any_due = !due.is_empty();
        for d in due {
            handle(&app, d);
        }
        if any_due {
            // The window's Activity list and the tray show what was said.
            refresh(&app);
        }
        let live = tracked.iter().any(|t| t.expiration > now);
        if live {
            super::tray::update(&app, &super::context::snapshot(&app));
        }
        let sleep = match deadlines.next(&tracked, lead) {
            Some(at) => {
                let secs = (at - now).whole_milliseconds().max(0);
                Duration::from_millis(u64::try_from(secs).unwrap_or(0)).min(MAX_SLEEP)
            }
            None if live => MAX_SLEEP,
            // Nothing to watch: sleep until something changes.
            None => Duration::MAX,
        };
        tokio::select! {
            () = tokio::time::sleep(sleep.min(Duration::from_secs(86_400))) => {}
            () = wake.notified() => {}
        }
    }
}

fn handle<R: Runtime>(app: &AppHandle<R>, due: Due) {
    let service = app.state::<AppCtx>().service.clone();
    match due {
        Due::Warn { role, expiration } => {
            let left = (expiration - SystemClock.now()).whole_minutes().max(0);
            let body = format!("The session of {role} expires in {left} min.");
            service.record(Level::Warning, &body, "expiring");
            notify_with_renew(app, &format!("{role} expires soon"), &body, role);
        }
        Due::Expired { role, .. } => {
            let body = format!("The session of {role} has expired and was not renewed.");
            service.record(Level::Warning, &body, "expired");
            notify_with_renew(app, &format!("{role} expired"), &body, role);
        }
        Due::Renew { role, .. } => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                // Auto-renew never asks: a role that needs a code gets a notification.
                match service.renew(&role, &NoPrompt).await {
                    Ok(_) => service.record(Level::Info, &format!("renewed {role}"), "renewed"),
                    Err(e @ Error::MfaRequired { .. }) => {
                        let body = format!("{role} needs an MFA code to renew: {e}");
                        notify_with_renew(&app, &format!("{role} expires soon"), &body, role);
                    }
                    Err(e) => notify_failure(&app, &format!("renew {role}"), &e),
                }
                refresh(&app);
            });
        }
    }
}

/// A notification with Renew and Dismiss; Renew assumes again (asking for an
/// MFA code in a window if needed).
fn notify_with_renew<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str, role: String) {
    let mut n = base(summary, body);
    n.action("renew", "Renew").action("dismiss", "Dismiss");
    let shown = match n.show() {
        Ok(handle) => handle,
        Err(e) => return not_shown(app, &e),
    };
    let app = app.clone();
    // Waiting for a click blocks, so it gets its own thread.
    std::thread::spawn(move || {
        handle_action(shown, app, role);
    });
}

#[cfg(all(unix, not(target_os = "macos")))]
fn handle_action<R: Runtime>(
    shown: notify_rust::NotificationHandle,
    app: AppHandle<R>,
    role: String,
) {
    shown.wait_for_action(|action| {
        if action == "renew" {
            let app = app.clone();
            let role = role.clone();
            tauri::async_runtime::spawn(async move {
                let service = app.state::<AppCtx>().service.clone();
                if let Err(e) = service.renew(&role, &window_mfa(&app)).await {
                    notify_failure(&app, &format!("renew {role}"), &e);
                }
                refresh(&app);
            });
        }
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn handle_action<R: Runtime>(
    _shown: notify_rust::NotificationHandle,
    _app: AppHandle<R>,
    _role: String,
) {
}

fn base(summary: &str, body: &str) -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    n.appname("RoleTray").summary(summary).body(body);
    n
}

/// Tells the user an action failed (it is already in the activity list).
pub fn notify_failure<R: Runtime>(app: &AppHandle<R>, what: &str, e: &Error) {
    app.state::<AppCtx>().service.report_failure(what, e);
    if let Err(n) = base(&format!("RoleTray: {what} failed"), &e.to_string()).show() {
        not_shown(app, &n);
    }
}

pub fn notify_info<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str) {
    if let Err(e) = base(summary, body).show() {
        not_shown(app, &e);
    }
}

fn not_shown<R: Runtime>(app: &AppHandle<R>, e: &notify_rust::error::Error) {
    app.state::<AppCtx>().service.record(
        Level::Warning,
        &format!("notifications are not available ({e}); warnings are shown here instead"),
        "notifications_unavailable",
    );
}
