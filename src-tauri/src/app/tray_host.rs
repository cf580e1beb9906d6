//! Whether the desktop shows RoleTray's tray icon. Two things must hold: the
//! tray library (libayatana-appindicator3, loaded at run time) loaded, and a
//! StatusNotifierItem host is on the session bus (stock GNOME has none
//! without an extension). When either fails RoleTray lives in its window:
//! the window opens at start with a notice, and closing it minimises it, so
//! the app is never an invisible process. A host that appears later (or
//! goes) is followed.

use super::events::FrontendEvent;
use super::windows;
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

/// A host appeared or went: the window's close button and notice follow.
fn host_changed<R: Runtime>(app: &AppHandle<R>, present: bool) {
    let presence = app.state::<TrayPresence>();
    if presence.host.swap(present, Ordering::SeqCst) == present {
        return;
    }
    tracing::info!(present, "a tray host on the session bus");
    windows::set_keep_open(app, presence.window_mode());
    if presence.window_mode() {
        // The icon is gone from sight: the window is the way in now.
        if let Err(e) = windows::open_main(app) {
            tracing::warn!("cannot open the window: {e}");
        }
    }
    FrontendEvent::State(&super::context::snapshot(app)).send(app);
}

#[cfg(target_os = "linux")]
mod bus {
    use gio::glib;
    use gio::prelude::*;
    use gio::{BusType, DBusCallFlags, DBusConnection, DBusSignalFlags};
    use tauri::{AppHandle, Runtime};

    const WATCHER: &str = "org.kde.StatusNotifierWatcher";

    fn session() -> Option<DBusConnection> {
        gio::bus_get_sync(BusType::Session, None::<&gio::Cancellable>)
            .inspect_err(|e| tracing::warn!("no session bus: {e}"))
            .ok()
    }

    /// Whether a watcher runs and says a host is registered with it.
    fn host_registered(bus: &DBusConnection) -> bool {
        let args = (WATCHER, "IsStatusNotifierHostRegistered").to_variant();
        let reply = bus.call_sync(
            Some(WATCHER),
            "/StatusNotifierWatcher",
            "org.freedesktop.DBus.Properties",
            "Get",
            Some(&args),
            Some(glib::VariantTy::new("(v)").unwrap_or(glib::VariantTy::ANY)),
            DBusCallFlags::NONE,
            1_000,
            None::<&gio::Cancellable>,
        );
        reply
            .ok()
            .and_then(|v| v.child_value(0).as_variant())
            .and_then(|v| v.get::<bool>())
            .unwrap_or(false)
    }

    pub fn present() -> bool {
        session().is_some_and(|bus| host_registered(&bus))
    }

    /// Follows the watcher coming, going, and its hosts registering. Runs
    /// on the main thread: the callbacks come through GTK's main loop.
    pub fn follow<R: Runtime>(app: &AppHandle<R>) {
        let Some(bus) = session() else { return };
        let on_change = {
            let app = app.clone();
            move |bus: &DBusConnection| super::host_changed(&app, host_registered(bus))
        };
        let owner = on_change.clone();
        bus.signal_subscribe(
            Some("org.freedesktop.DBus"),
            Some("org.freedesktop.DBus"),
            Some("NameOwnerChanged"),
            Some("/org/freedesktop/DBus"),
            Some(WATCHER),
            DBusSignalFlags::NONE,
            move |bus, _, _, _, _, _| owner(bus),
        );
        bus.signal_subscribe(
            None,
            Some(WATCHER),
            None,
            Some("/StatusNotifierWatcher"),
            None,
            DBusSignalFlags::NONE,
            move |bus, _, _, _, member, _| {
                if member.starts_with("StatusNotifierHost") {
                    on_change(bus);
                }
            },
        );
        // The subscriptions live as long as the connection, which gio keeps
        // for the life of the process (the shared session bus).
        std::mem::forget(bus);
    }
}

#[cfg(not(target_os = "linux"))]
mod bus {
    use tauri::{AppHandle, Runtime};

    /// macOS and Windows always show tray icons.
    pub fn present() -> bool {
        true
    }

    pub fn follow<R: Runtime>(_app: &AppHandle<R>) {}
}

/// Whether a tray host is there now.
pub fn present() -> bool {
    bus::present()
}

/// Follows tray hosts coming and going (call on the main thread).
pub fn follow<R: Runtime>(app: &AppHandle<R>) {
    bus::follow(app);
}
