//! The tray icon: its look follows the state, its menu is rebuilt from the
//! menu model (`menu`) whenever something changes, and clicks become
//! intents. `presence` and `host_watch` tell whether anyone can see it.

mod badge;
pub mod host_watch;
pub mod menu;
pub mod presence;

use crate::app::dispatch;
use crate::app::intent::Intent;
use crate::app::snapshot::snapshot;
use crate::app::state::AppCtx;
use menu::{Entry, menu_model};
use roletray_core::service::TrayState;
use roletray_core::views::{RoleView, Snapshot};
use std::sync::Mutex;
use tauri::image::Image;
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

const TRAY_ID: &str = "roletray";

/// The menu the tray shows now, so unchanged menus are not rebuilt.
#[derive(Default)]
pub struct ShownMenu(Mutex<Option<Vec<Entry>>>);

/// The icon for `state`, with the active role's environment colour as a
/// badge while it has a session.
fn icon(state: TrayState, snap: &Snapshot) -> tauri::Result<Image<'static>> {
    let bytes: &'static [u8] = match state {
        TrayState::Idle => include_bytes!("../../../../icons/tray-idle.png"),
        TrayState::Active => include_bytes!("../../../../icons/tray-active.png"),
        TrayState::Expiring => include_bytes!("../../../../icons/tray-expiring.png"),
        TrayState::Error => include_bytes!("../../../../icons/tray-error.png"),
    };
    let image = Image::from_bytes(bytes)?;
    let colour = match state {
        TrayState::Active | TrayState::Expiring => active(snap).and_then(|r| r.colour),
        TrayState::Idle | TrayState::Error => None,
    };
    let Some(colour) = colour else {
        return Ok(image);
    };
    let (width, height) = (image.width(), image.height());
    let mut rgba = image.rgba().to_vec();
    badge::paint(&mut rgba, width, height, colour.rgb());
    Ok(Image::new_owned(rgba, width, height))
}

/// The active role, as the snapshot shows it.
fn active(snap: &Snapshot) -> Option<&RoleView> {
    let name = snap.active_role.as_deref()?;
    snap.roles.iter().find(|r| r.name == name)
}

fn tooltip(state: TrayState, snap: &Snapshot) -> String {
    let label = active(snap).and_then(|r| r.environment.as_deref());
    let active = match (snap.active_role.as_deref(), label) {
        (Some(role), Some(label)) => format!("{role} ({label})"),
        (Some(role), None) => role.to_owned(),
        (None, _) => "no role".to_owned(),
    };
    match state {
        TrayState::Idle => "RoleTray: no session".into(),
        TrayState::Active => format!("RoleTray: {active}"),
        TrayState::Expiring => format!("RoleTray: {active} expires soon"),
        TrayState::Error => "RoleTray: the last action failed (open RoleTray for details)".into(),
    }
}

/// The text beside the icon while a labelled role is active (Linux panels
/// show no tooltips, only this label): "prod-admin · production".
fn title(state: TrayState, snap: &Snapshot) -> Option<String> {
    if !matches!(state, TrayState::Active | TrayState::Expiring) {
        return None;
    }
    let role = active(snap)?;
    let label = role.environment.as_deref()?;
    Some(format!("{} · {label}", role.name))
}

/// Creates the tray icon; false when it cannot be, said in the log. The
/// tray library is loaded at run time, and a missing one panics inside the
/// tray crate: that is caught here, so RoleTray runs in its window instead.
pub fn try_create<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) -> bool {
    let created = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| create(app, snap)));
    match created {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            tracing::error!("cannot create the tray icon: {e}");
            false
        }
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            tracing::error!("cannot create the tray icon (the tray library did not load): {why}");
            false
        }
    }
}

/// Creates the tray icon with its first menu.
fn create<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) -> tauri::Result<()> {
    let state = app.state::<AppCtx>().service.tray_state();
    let mut builder = TrayIconBuilder::with_id(TRAY_ID);
    if let Some(t) = title(state, snap) {
        builder = builder.title(t);
    }
    builder
        .icon(icon(state, snap)?)
        .tooltip(tooltip(state, snap))
        .menu(&build_menu(app, &menu_model(snap))?)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| {
            if let Some(intent) = Intent::from_id(event.id().as_ref()) {
                dispatch::spawn(app, intent);
            }
        })
        .build(app)?;
    Ok(())
}

/// Follows the service's changes for the life of the app.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<AppCtx>().service.subscribe();
    while changes.changed().await.is_ok() {
        render(&app);
    }
}

/// Brings the icon, tooltip and menu up to date; a failure is logged, not
/// hidden. The work runs on the main thread, one update at a time (GTK menus
/// are not to be touched from several threads at once), and the menu is
/// rebuilt only when what it shows has changed.
pub fn render<R: Runtime>(app: &AppHandle<R>) {
    let app2 = app.clone();
    let snap = snapshot(app);
    if let Err(e) = app.run_on_main_thread(move || update_now(&app2, &snap)) {
        tracing::warn!("cannot update the tray: {e}");
    }
}

fn update_now<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let state = app.state::<AppCtx>().service.tray_state();
    let model = menu_model(snap);
    let shown_menu = app.state::<ShownMenu>();
    let mut shown = shown_menu.0.lock().unwrap_or_else(|p| p.into_inner());
    let result = icon(state, snap)
        .and_then(|i| tray.set_icon(Some(i)))
        .and_then(|()| tray.set_tooltip(Some(tooltip(state, snap))))
        .and_then(|()| tray.set_title(title(state, snap)))
        .and_then(|()| {
            if shown.as_ref() == Some(&model) {
                return Ok(());
            }
            let menu = build_menu(app, &model)?;
            tray.set_menu(Some(menu))?;
            *shown = Some(model);
            Ok(())
        });
    if let Err(e) = result {
        tracing::warn!("cannot update the tray: {e}");
    }
}

fn build_menu<R: Runtime>(app: &AppHandle<R>, entries: &[Entry]) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    for e in entries {
        append(app, e, &|i| menu.append(i))?;
    }
    Ok(menu)
}

fn append<R: Runtime>(
    app: &AppHandle<R>,
    entry: &Entry,
    add: &dyn Fn(&dyn IsMenuItem<R>) -> tauri::Result<()>,
) -> tauri::Result<()> {
    match entry {
        Entry::Item { intent, label } => add(&MenuItem::with_id(
            app,
            intent.id(),
            label,
            true,
            None::<&str>,
        )?),
        Entry::Text(label) => add(&MenuItem::new(app, label, false, None::<&str>)?),
        Entry::Separator => add(&PredefinedMenuItem::separator(app)?),
        Entry::Submenu { label, entries } => {
            let sub = Submenu::new(app, label, true)?;
            for e in entries {
                append(app, e, &|i| sub.append(i))?;
            }
            add(&sub)
        }
    }
}
