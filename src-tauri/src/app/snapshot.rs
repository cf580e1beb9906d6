//! Everything the page and the tray show, now: the service's snapshot plus
//! what only the desktop knows (whether the tray icon is seen, start at
//! login, the log file).

use super::desktop::{autostart, palette_shortcut};
use super::logging;
use super::state::AppCtx;
use super::tray::presence;
use roletray_core::views::Snapshot;
use tauri::{AppHandle, Manager, Runtime};

/// Everything the page and the tray show, now.
pub fn snapshot<R: Runtime>(app: &AppHandle<R>) -> Snapshot {
    let ctx = app.state::<AppCtx>();
    let mut snap = ctx.service.snapshot(autostart::is_on(app));
    snap.desktop_notice = presence::notice(app);
    snap.settings.palette_note = palette_shortcut::note(app);
    snap.log_file = ctx
        .log_dir
        .as_deref()
        .map(|d| logging::current_file(d).display().to_string());
    snap
}
