//! The tray icon: its look follows the state, its menu is rebuilt from the
//! menu model whenever something changes, and clicks become actions.

use super::actions;
use super::context::AppCtx;
use super::tray_menu::{Entry, TrayItem, menu_model};
use roletray_core::app_service::TrayState;
use roletray_core::views::Snapshot;
use tauri::image::Image;
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

const TRAY_ID: &str = "roletray";

fn icon(state: TrayState) -> tauri::Result<Image<'static>> {
    let bytes: &'static [u8] = match state {
        TrayState::Idle => include_bytes!("../../../icons/tray-idle.png"),
        TrayState::Active => include_bytes!("../../../icons/tray-active.png"),
        TrayState::Expiring => include_bytes!("../../../icons/tray-expiring.png"),
        TrayState::Error => include_bytes!("../../../icons/tray-error.png"),
    };
    Image::from_bytes(bytes)
}

fn tooltip(state: TrayState, snap: &Snapshot) -> String {
    let active = snap.active_role.as_deref().unwrap_or("no role");
    match state {
        TrayState::Idle => "RoleTray: no session".into(),
        TrayState::Active => format!("RoleTray: {active}"),
        TrayState::Expiring => format!("RoleTray: {active} expires soon"),
        TrayState::Error => "RoleTray: the last action failed (open RoleTray for details)".into(),
    }
}

/// Creates the tray icon with its first menu.
pub fn create<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) -> tauri::Result<()> {
    let state = app.state::<AppCtx>().service.tray_state();
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon(state)?)
        .tooltip(tooltip(state, snap))
        .menu(&build_menu(app, &menu_model(snap))?)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| {
            if let Some(item) = TrayItem::from_id(event.id().as_ref()) {
                actions::on_tray_item(app, item);
            }
        })
        .build(app)?;
    Ok(())
}

/// Brings the icon, tooltip and menu up to date; a failure is logged, not
/// hidden. The work runs on the main thread, one update at a time (GTK menus
/// are not to be touched from several threads at once), and the menu is
/// rebuilt only when what it shows has changed.
pub fn update<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) {
    let (app2, snap) = (app.clone(), snap.clone());
    if let Err(e) = app.run_on_main_thread(move || update_now(&app2, &snap)) {
        eprintln!("roletray: cannot update the tray: {e}");
    }
}

fn update_now<R: Runtime>(app: &AppHandle<R>, snap: &Snapshot) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let ctx = app.state::<AppCtx>();
    let state = ctx.service.tray_state();
    let model = menu_model(snap);
    let mut shown = ctx.tray_menu.lock().unwrap_or_else(|p| p.into_inner());
    let result = icon(state)
        .and_then(|i| tray.set_icon(Some(i)))
        .and_then(|()| tray.set_tooltip(Some(tooltip(state, snap))))
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
        eprintln!("roletray: cannot update the tray: {e}");
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
        Entry::Item { item, label } => add(&MenuItem::with_id(
            app,
            item.id(),
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
