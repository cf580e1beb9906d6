//! The app's shared state, and `refresh`: after anything changes, the page,
//! the tray and the notifier all catch up from the one `AppService`.

use super::events::FrontendEvent;
use super::mfa_window::MfaRequests;
use super::tray;
use super::tray_menu::Entry;
use roletray_core::app_service::AppService;
use roletray_core::views::Snapshot;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};

pub struct AppCtx {
    pub service: Arc<AppService>,
    pub mfa: Arc<MfaRequests>,
    /// Wakes the notifier when sessions or settings change.
    pub wake: Arc<tokio::sync::Notify>,
    /// The menu the tray shows now, so unchanged menus are not rebuilt.
    pub tray_menu: Mutex<Option<Vec<Entry>>>,
}

impl AppCtx {
    pub fn new(service: AppService) -> AppCtx {
        AppCtx {
            service: Arc::new(service),
            mfa: Arc::new(MfaRequests::default()),
            wake: Arc::new(tokio::sync::Notify::new()),
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

pub fn snapshot<R: Runtime>(app: &AppHandle<R>) -> Snapshot {
    app.state::<AppCtx>().service.snapshot(start_at_login(app))
}

/// Tells the page, the tray and the notifier that something changed, and
/// returns the new snapshot.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) -> Snapshot {
    let snap = snapshot(app);
    FrontendEvent::State(&snap).emit(app);
    tray::update(app, &snap);
    app.state::<AppCtx>().wake.notify_one();
    snap
}
