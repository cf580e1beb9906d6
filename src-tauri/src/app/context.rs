//! The app's shared state: the one service, the MFA prompts waiting for a
//! window, and the tray menu on show.

use super::mfa_window::MfaRequests;
use super::tray_menu::Entry;
use roletray_core::service::Service;
use roletray_core::views::Snapshot;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};

pub struct AppCtx {
    pub service: Arc<Service>,
    pub mfa: Arc<MfaRequests>,
    /// The menu the tray shows now, so unchanged menus are not rebuilt.
    pub tray_menu: Mutex<Option<Vec<Entry>>>,
}

impl AppCtx {
    pub fn new(service: Service) -> AppCtx {
        AppCtx {
            service: Arc::new(service),
            mfa: Arc::new(MfaRequests::default()),
            tray_menu: Mutex::new(None),
        }
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
    app.state::<AppCtx>().service.snapshot(start_at_login(app))
}
