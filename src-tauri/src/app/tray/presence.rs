//! Whether the desktop shows RoleTray's tray icon. Two things must hold: the
//! tray library (libayatana-appindicator3, loaded at run time) loaded, and a
//! StatusNotifierItem host is on the session bus (stock GNOME has none
//! without an extension). When either fails RoleTray lives in its window:
//! the window opens at start with a notice, and closing it minimises it, so
//! the app is never an invisible process. This is what was last seen;
//! `host_watch` follows hosts coming and going.

use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Manager, Runtime};

/// What the desktop offers the tray, as last seen.
pub struct TrayPresence {
    /// The tray icon exists (the tray library loaded).
    icon: bool,
    /// A StatusNotifierItem host is registered on the session bus.
    host: AtomicBool,
}

impl TrayPresence {
    pub fn new(icon: bool, host: bool) -> TrayPresence {
        TrayPresence {
            icon,
            host: AtomicBool::new(host),
        }
    }

    /// Nobody can see the tray icon: RoleTray lives in its window.
    pub fn window_mode(&self) -> bool {
        !self.icon || !self.host.load(Ordering::SeqCst)
    }

    /// Records whether a host is registered; true when that changed.
    pub fn set_host(&self, present: bool) -> bool {
        self.host.swap(present, Ordering::SeqCst) != present
    }

    /// The one line the window shows while it is the only way in.
    pub fn notice(&self) -> Option<String> {
        if !self.icon {
            Some(
                "RoleTray could not load the tray library (libayatana-appindicator3), so it \
                 lives in this window: closing it minimises it. Install libayatana-appindicator3-1 \
                 to get the tray icon."
                    .into(),
            )
        } else if !self.host.load(Ordering::SeqCst) {
            Some(
                "This desktop shows no tray icons, so RoleTray lives in this window: closing it \
                 minimises it. On GNOME, the \"AppIndicator and KStatusNotifierItem Support\" \
                 extension shows tray icons."
                    .into(),
            )
        } else {
            None
        }
    }
}

/// The notice for the page, when the tray is not seen.
pub fn notice<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    app.try_state::<TrayPresence>().and_then(|p| p.notice())
}
