//! Start at login, through tauri-plugin-autostart (an XDG autostart entry on Linux).

use roletray_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// Whether RoleTray starts at login (false when the plugin is not loaded).
pub fn is_on<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<AutoLaunchManager>()
        .and_then(|m| m.is_enabled().ok())
        .unwrap_or(false)
}

/// Turns starting at login on or off; a no-op when it already is.
pub fn set<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> Result<()> {
    let Some(manager) = app.try_state::<AutoLaunchManager>() else {
        return Ok(());
    };
    let failed = |e: tauri_plugin_autostart::Error| {
        Error::io(
            "cannot change start at login",
            std::io::Error::other(e.to_string()),
        )
    };
    if manager.is_enabled().map_err(failed)? == enabled {
        return Ok(());
    }
    if enabled {
        manager.enable().map_err(failed)
    } else {
        manager.disable().map_err(failed)
    }
}
