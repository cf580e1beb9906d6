//! The palette's global shortcut: bound from the `palette-shortcut`
//! setting when the app starts and again whenever it changes, through the
//! desktop's own service (X11's key grabs, Windows' hot keys, macOS's event
//! taps; `tauri-plugin-global-shortcut`). A Wayland desktop lets no program
//! grab keys: there the desktop portal binds it when the desktop offers
//! that (`portal_shortcut`); otherwise it is not bound, and Settings says to
//! bind `roletray palette` in the desktop's keyboard settings instead.

use super::portal_shortcut;
use crate::app::state::AppCtx;
use crate::app::window::link;
use roletray_core::shortcut;
use std::str::FromStr;
use std::sync::Mutex;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

/// The shortcut as last bound, and why it does not work when it does not.
#[derive(Default)]
pub struct Bound(Mutex<Binding>);

#[derive(Default, Clone)]
struct Binding {
    /// The setting's text it was bound from (`None`: not yet).
    text: Option<String>,
    note: Option<String>,
}

/// The plugin, its presses opening the palette.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed
                && let Err(e) = link::open_palette(app)
            {
                tracing::error!("cannot open the palette: {e}");
            }
        })
        .build()
}

/// Why the shortcut does not work here, for Settings (`None` when it does,
/// or is turned off).
pub fn note<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    app.try_state::<Bound>()?
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .note
        .clone()
}

/// Binds the setting's shortcut, unless it is the one bound already.
pub fn bind_from_settings<R: Runtime>(app: &AppHandle<R>) {
    let wanted = app.state::<AppCtx>().service.settings().palette_shortcut;
    let bound = app.state::<Bound>();
    let mut binding = bound.0.lock().unwrap_or_else(|p| p.into_inner());
    if binding.text.as_deref() == Some(wanted.as_str()) {
        return;
    }
    let shortcuts = app.global_shortcut();
    if let Err(e) = shortcuts.unregister_all() {
        tracing::warn!("cannot let go of the palette's shortcut: {e}");
    }
    let note = bind(app, &wanted);
    match &note {
        Some(why) => tracing::warn!("palette shortcut {wanted}: {why}"),
        None if !shortcut::is_off(&wanted) => tracing::info!("palette shortcut: {wanted}"),
        None => {}
    }
    *binding = Binding {
        text: Some(wanted),
        note,
    };
}

/// Binds `text`; why it could not be, if it could not.
fn bind<R: Runtime>(app: &AppHandle<R>, text: &str) -> Option<String> {
    if shortcut::is_off(text) {
        return None;
    }
    if wayland_only() {
        if portal_shortcut::bind(app, text) {
            return Some(format!(
                "On this desktop (Wayland) the desktop keeps global shortcuts: RoleTray asked it \
                 for {text}, and its keyboard settings show and change the one it gave. The \
                 command `{}` opens the palette too.",
                palette_command()
            ));
        }
        return Some(format!(
            "This desktop (Wayland) lets no program set a global shortcut, and offers no \
             shortcut service (the desktop portal's GlobalShortcuts), so {text} is not bound. \
             Bind the command `{}` to a key in the desktop's keyboard settings instead.",
            palette_command()
        ));
    }
    let refused = |why: String| {
        Some(format!(
            "The desktop refused {text} ({why}): another program may use it. Choose another, \
             or bind the command `{}` in the desktop's keyboard settings.",
            palette_command()
        ))
    };
    let parsed = match Shortcut::from_str(text) {
        Ok(s) => s,
        Err(e) => return refused(e.to_string()),
    };
    match app.global_shortcut().register(parsed) {
        Ok(()) => None,
        Err(e) => refused(e.to_string()),
    }
}

/// Whether the session is Wayland's, where key grabs reach no further than
/// X11 programs' own windows.
fn wayland_only() -> bool {
    std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var("XDG_SESSION_TYPE").is_ok_and(|v| v == "wayland")
}

/// The command a desktop's own shortcut can run.
fn palette_command() -> String {
    format!("{} palette", roletray_core::paths::cli_command())
}

/// Binds the shortcut again whenever the setting changes.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<AppCtx>().service.subscribe();
    while changes.changed().await.is_ok() {
        bind_from_settings(&app);
    }
}
