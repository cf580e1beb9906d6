//! Follows StatusNotifierItem hosts coming and going on the session bus: when
//! the tray icon can no longer be seen the window becomes the way in (it
//! opens, and closing it minimises it), and the page's notice follows.

use super::presence::TrayPresence;
use crate::app::snapshot::snapshot;
use crate::app::window::events::FrontendEvent;
use crate::app::window::link;
use tauri::{AppHandle, Manager, Runtime};

/// A host appeared or went: the window's close button and notice follow.
fn host_changed<R: Runtime>(app: &AppHandle<R>, present: bool) {
    let presence = app.state::<TrayPresence>();
    if !presence.set_host(present) {
        return;
    }
    tracing::info!(present, "a tray host on the session bus");
    link::set_keep_open(app, presence.window_mode());
    if presence.window_mode() {
        // The icon is gone from sight: the window is the way in now.
        if let Err(e) = link::open_main(app) {
            tracing::warn!("cannot open the window: {e}");
        }
    }
    FrontendEvent::State(&snapshot(app)).send(app);
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

    /// The system's tray is there for the app's whole life: said once.
    pub fn follow<R: Runtime>(app: &AppHandle<R>) {
        super::host_changed(app, present());
    }
}

/// Whether a tray host is there now.
pub fn present() -> bool {
    bus::present()
}

/// Follows tray hosts coming and going (call on the main thread).
pub fn follow<R: Runtime>(app: &AppHandle<R>) {
    bus::follow(app);
}
