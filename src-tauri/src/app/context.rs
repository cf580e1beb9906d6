//! The app's shared state: the one service, the MFA prompts waiting for a
//! window, and the tray menu on show.

use super::mfa_window::MfaRequests;
use super::tray_menu::Entry;
use roletray_core::service::Service;
use roletray_core::views::Snapshot;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};

pub struct AppCtx {
    pub service: Arc<Service>,
    pub mfa: Arc<MfaRequests>,
    /// The menu the tray shows now, so unchanged menus are not rebuilt.
    pub tray_menu: Mutex<Option<Vec<Entry>>>,
    /// Where the app's log files are, when it writes them.
    pub log_dir: Option<PathBuf>,
}

impl AppCtx {
    pub fn new(service: Service) -> AppCtx {
        AppCtx {
            service: Arc::new(service),
            mfa: Arc::new(MfaRequests::default()),
            tray_menu: Mutex::new(None),
            log_dir: None,
        }
    }

    /// The same, writing its log to files in `dir`.
    pub fn logging_to(mut self, dir: Option<PathBuf>) -> AppCtx {
        self.log_dir = dir;
        self
    }
}

/// Whether RoleTray starts at login (false when the plugin is not loaded).
pub fn start_at_login<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .and_then(|m| m.is_enabled().ok())
        .unwrap_or(false)
}

/// Everything the page and the tray show, now.
pub fn snapshot<R: Runtime>(app: &AppHandle<R>) -> Snapshot {
    let ctx = app.state::<AppCtx>();
    let mut snap = ctx.service.snapshot(start_at_login(app));
    snap.desktop_notice = super::tray_host::notice(app);
    snap.log_file = ctx
        .log_dir
        .as_deref()
        .map(|d| super::logging::current_file(d).display().to_string());
    snap
}
