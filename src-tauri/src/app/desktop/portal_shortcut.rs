//! The palette's shortcut on Wayland, through the desktop portal's
//! GlobalShortcuts interface (xdg-desktop-portal, version 1): a Wayland
//! desktop lets no program grab keys, but one that offers this interface
//! binds a shortcut for it, asking the person first if it wants to, and says
//! when it is pressed. RoleTray asks for its `palette-shortcut` setting as
//! the preferred trigger; the desktop has the last word.

use tauri::{AppHandle, Runtime};

/// `Ctrl+Alt+Shift+A` as the shortcuts specification writes a trigger:
/// `CTRL+ALT+SHIFT+a` (Super and Cmd are `LOGO`; keys are keysym names).
pub fn trigger(text: &str) -> String {
    text.split('+')
        .map(|part| match part {
            "Ctrl" | "CmdOrCtrl" => "CTRL".to_owned(),
            "Alt" => "ALT".to_owned(),
            "Shift" => "SHIFT".to_owned(),
            "Super" | "Cmd" => "LOGO".to_owned(),
            "Space" => "space".to_owned(),
            key if key.len() == 1 => key.to_ascii_lowercase(),
            key => key.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("+")
}

/// Asks the desktop portal to bind the palette's shortcut (`text`, as the
/// setting writes it); `false` when no portal offers GlobalShortcuts.
pub fn bind<R: Runtime>(app: &AppHandle<R>, text: &str) -> bool {
    bus::bind(app, &trigger(text))
}

#[cfg(target_os = "linux")]
mod bus {
    use crate::app::window::link;
    use gio::glib::{self, Variant, VariantDict, VariantTy};
    use gio::prelude::*;
    use gio::{BusType, DBusCallFlags, DBusConnection, DBusSignalFlags};
    use tauri::{AppHandle, Runtime};

    /// The shortcut's id with the portal.
    const SHORTCUT_ID: &str = "palette";
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    const PATH: &str = "/org/freedesktop/portal/desktop";
    const IFACE: &str = "org.freedesktop.portal.GlobalShortcuts";

    fn session() -> Option<DBusConnection> {
        gio::bus_get_sync(BusType::Session, None::<&gio::Cancellable>).ok()
    }

    fn call(bus: &DBusConnection, method: &str, args: Variant, reply: &str) -> Option<Variant> {
        bus.call_sync(
            Some(PORTAL),
            PATH,
            if method == "Get" {
                "org.freedesktop.DBus.Properties"
            } else {
                IFACE
            },
            method,
            Some(&args),
            VariantTy::new(reply).ok(),
            DBusCallFlags::NONE,
            2_000,
            None::<&gio::Cancellable>,
        )
        .inspect_err(|e| tracing::info!("the desktop portal's {method}: {e}"))
        .ok()
    }

    /// Options with a `handle_token` (and more, as given).
    fn options(pairs: &[(&str, Variant)]) -> Variant {
        let dict = VariantDict::new(None);
        for (key, value) in pairs {
            dict.insert_value(key, value);
        }
        dict.end()
    }

    /// Waits for the Response of the request `token` of this connection,
    /// then hands its results to `then` (response 0 only: 1 is the person
    /// saying no, 2 the desktop giving up).
    fn on_response(
        bus: &DBusConnection,
        token: &str,
        then: impl Fn(&DBusConnection, Variant) + 'static,
    ) {
        let sender = bus.unique_name().map(|n| n.to_string()).unwrap_or_default();
        let request = format!(
            "{PATH}/request/{}/{token}",
            sender.trim_start_matches(':').replace('.', "_")
        );
        let id = std::rc::Rc::new(std::cell::Cell::new(None));
        let own = id.clone();
        let subscription = bus.signal_subscribe(
            Some(PORTAL),
            Some("org.freedesktop.portal.Request"),
            Some("Response"),
            Some(&request),
            None,
            DBusSignalFlags::NONE,
            move |bus, _, _, _, _, params| {
                if let Some(id) = own.take() {
                    bus.signal_unsubscribe(id);
                }
                match params.child_value(0).get::<u32>() {
                    Some(0) => then(bus, params.child_value(1)),
                    other => tracing::warn!(
                        "the desktop did not bind the palette's shortcut (portal response {other:?})"
                    ),
                }
            },
        );
        id.set(Some(subscription));
    }

    pub fn bind<R: Runtime>(app: &AppHandle<R>, trigger: &str) -> bool {
        let Some(bus) = session() else { return false };
        let version = call(&bus, "Get", (IFACE, "version").to_variant(), "(v)");
        if version.is_none() {
            return false;
        }
        let app = app.clone();
        bus.signal_subscribe(
            Some(PORTAL),
            Some(IFACE),
            Some("Activated"),
            Some(PATH),
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| {
                if params.child_value(1).str() == Some(SHORTCUT_ID)
                    && let Err(e) = link::open_palette(&app)
                {
                    tracing::error!("cannot open the palette: {e}");
                }
            },
        );
        let unique = std::process::id();
        let trigger = trigger.to_owned();
        on_response(
            &bus,
            &format!("roletray_session_{unique}"),
            move |bus, results| {
                let session = VariantDict::new(Some(&results))
                    .lookup_value("session_handle", None)
                    .and_then(|v| v.str().map(str::to_owned));
                let Some(session) =
                    session.and_then(|s| glib::variant::ObjectPath::try_from(s).ok())
                else {
                    tracing::warn!("the desktop portal gave no session for the palette's shortcut");
                    return;
                };
                let shortcut = Variant::tuple_from_iter([
                    SHORTCUT_ID.to_variant(),
                    options(&[
                        (
                            "description",
                            "Open RoleTray's switch-role palette".to_variant(),
                        ),
                        ("preferred_trigger", trigger.to_variant()),
                    ]),
                ]);
                let token = format!("roletray_bind_{unique}");
                on_response(bus, &token, |_, _| {
                    tracing::info!("the desktop portal bound the palette's shortcut")
                });
                let shortcuts = Variant::array_from_iter_with_type(
                    VariantTy::new("(sa{sv})").unwrap_or(VariantTy::ANY),
                    [shortcut],
                );
                let args = Variant::tuple_from_iter([
                    session.to_variant(),
                    shortcuts,
                    "".to_variant(),
                    options(&[("handle_token", token.to_variant())]),
                ]);
                call(bus, "BindShortcuts", args, "(o)");
            },
        );
        let args = Variant::tuple_from_iter([options(&[
            (
                "handle_token",
                format!("roletray_session_{unique}").to_variant(),
            ),
            ("session_handle_token", "roletray".to_variant()),
        ])]);
        let asked = call(&bus, "CreateSession", args, "(o)").is_some();
        // The subscriptions live as long as the connection, which gio keeps
        // for the life of the process (the shared session bus).
        std::mem::forget(bus);
        asked
    }
}

#[cfg(not(target_os = "linux"))]
mod bus {
    use tauri::{AppHandle, Runtime};

    /// Only Linux desktops have the portal; the others let programs bind keys.
    pub fn bind<R: Runtime>(_app: &AppHandle<R>, _trigger: &str) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn triggers_are_written_as_the_shortcuts_specification_says() {
        assert_eq!(super::trigger("Ctrl+Alt+Shift+A"), "CTRL+ALT+SHIFT+a");
        assert_eq!(super::trigger("Super+Space"), "LOGO+space");
        assert_eq!(super::trigger("Ctrl+F12"), "CTRL+F12");
    }
}
