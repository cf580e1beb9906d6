//! The tray app: a thin Tauri shell over `roletray-core`. Nothing here decides
//! anything about sessions; it wires the core to a tray, a window and
//! notifications.
//!
//! Two processes run this code, and the folders say which:
//!
//! - the tray process (this file's `run`) holds the service and everything
//!   in `tray/` (the icon, its menu, whether anyone sees it), `background/`
//!   (expiry watcher, Identity Center keeper, credential endpoint),
//!   `desktop/` (clipboard, notifications, start at login) and the tray's
//!   end of `window/`; it never creates a web view;
//! - the window host (`window/host/`, `roletray-app --window-host`) owns the
//!   web views while any window is open and forwards each page call to the
//!   tray process over `window/protocol`.
//!
//! Dependencies run one way, and `tests/tests/shape.rs` fails on any import
//! cycle: the faces (`tray`, `window`'s page calls, notification buttons in
//! `background`) make an `Intent` → `dispatch` → the service in
//! `roletray-core`. Below `dispatch` are only leaves: `state` (plain data),
//! `desktop`, `window::link` (handed its router, so it never reaches back
//! up), `window::mfa_prompt`, `sso_sign_in`. `snapshot` builds what is shown
//! from the service and the desktop's facts.

mod background;
mod confirmations;
mod desktop;
mod dispatch;
pub mod frame;
mod gl_off;
pub mod intent;
mod logging;
mod mfa_requests;
mod sign_in_waits;
mod signin_sign_in;
mod snapshot;
mod sso_sign_in;
pub mod state;
pub mod tray;
pub mod window;

use background::{credential_endpoint, expiry_watcher, key_keeper, sso_keeper};
use desktop::{clipboard, palette_shortcut};
use roletray_core::keychain::Keychain;
use roletray_core::paths::Paths;
use roletray_core::service::Service;
use state::AppCtx;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tauri::{Manager, RunEvent, Runtime};
use tray::host_watch;
use tray::presence::TrayPresence;
use window::host::Forward;
use window::link::{self, Router, WindowHost};
use window::{events, page_calls};

/// Registers the tray process's state on a builder.
pub fn manage<R: Runtime>(builder: tauri::Builder<R>, ctx: AppCtx) -> tauri::Builder<R> {
    builder
        .manage(ctx)
        .manage(Arc::new(clipboard::SecretClipboard::default()))
        .manage(WindowHost::new(router::<R>()))
        .manage(tray::ShownMenu::default())
        .manage(sign_in_waits::SignIns::default())
        .manage(palette_shortcut::Bound::default())
}

/// Where the window host's page calls go in the tray process.
fn router<R: Runtime>() -> Router<R> {
    Arc::new(|app, cmd, args| Box::pin(page_calls::route(app, cmd, args)))
}

/// The tray's state and the window host's page handling in one process,
/// each call run in place: what the command tests drive on the mock
/// runtime (the app itself keeps the two apart, see `window_host`).
pub fn in_one_process<R: Runtime>(builder: tauri::Builder<R>, ctx: AppCtx) -> tauri::Builder<R> {
    let forward: Forward<R> =
        Arc::new(|app, _window, cmd, args| Box::pin(page_calls::route(app.clone(), cmd, args)));
    let data_dir = ctx.service.paths().webview_data_dir();
    window::host::build(manage(builder, ctx), forward, Some(data_dir))
}

/// The window host's main: runs until the tray process closes the link.
pub fn run_window_host() -> ExitCode {
    window::host::run()
}

/// What the app shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// Only the tray icon (the window too on a first run, or with no tray).
    Tray,
    /// The main window (`--open-window`).
    Window,
    /// The quick-switch palette (`--open-palette`, `roletray palette`).
    Palette,
}

impl Opening {
    /// What a second start asks of the running app, by its arguments.
    fn of_args(argv: &[String]) -> Opening {
        if argv.iter().any(|a| a == "--open-palette") {
            Opening::Palette
        } else {
            Opening::Window
        }
    }
}

/// Shows what `opening` asks for (nothing for the tray alone).
fn show<R: Runtime>(app: &tauri::AppHandle<R>, opening: Opening) -> roletray_core::Result<()> {
    match opening {
        Opening::Tray => Ok(()),
        Opening::Window => link::open_main(app),
        Opening::Palette => link::open_palette(app),
    }
}

/// Starts the tray app and blocks until the user quits.
pub fn run(opening: Opening) -> ExitCode {
    // Before any thread starts (the log writer is the first).
    gl_off::for_this_process();
    let log_dir = roletray_core::paths::log_dir().ok();
    // Kept to the end: it writes out what is still queued.
    let _log = log_dir.as_deref().and_then(logging::to_file);
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        "RoleTray starting; this log is in {}",
        log_dir
            .as_deref()
            .map_or("(none)".into(), |d| d.display().to_string())
    );
    match start(opening, log_dir) {
        Ok(()) => {
            tracing::info!("RoleTray quit");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("cannot start: {e}");
            eprintln!("roletray: error[app_failed]: {e}");
            ExitCode::FAILURE
        }
    }
}

fn start(opening: Opening, log_dir: Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    let paths = Paths::from_env()?;
    // A missing keychain is not fatal: the window says so and it is retried.
    let keychain = Keychain::platform().ok();
    let service = Service::for_app(paths, keychain);
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            if let Err(e) = show(app, Opening::of_args(&argv)) {
                tracing::error!("cannot open the window: {e}");
            }
        }))
        .plugin(palette_shortcut::plugin())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                // The entry keeps its name (RoleTray.desktop) whatever the
                // platform's product name is (roletray on Linux, for apt).
                .app_name("RoleTray")
                .build(),
        )
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let handle = app.handle().clone();
            let first = snapshot::snapshot(&handle);
            let icon = tray::try_create(&handle, &first);
            let presence = TrayPresence::new(icon, host_watch::present());
            let window_mode = presence.window_mode();
            app.manage(presence);
            link::set_keep_open(&handle, window_mode);
            host_watch::follow(&handle);
            // The first run opens the start page; a desktop that shows no
            // tray icon gets the window, or it would see nothing at all.
            let first_run =
                first.sources.is_empty() && first.sso_sources.is_empty() && first.roles.is_empty();
            if window_mode {
                tracing::warn!("no tray icon can be seen: RoleTray opens its window");
            }
            if opening == Opening::Window || window_mode || first_run {
                link::open_main(&handle)?;
            }
            if opening == Opening::Palette {
                link::open_palette(&handle)?;
            }
            palette_shortcut::bind_from_settings(&handle);
            // The faces follow the service's changes from here on.
            tauri::async_runtime::spawn(tray::follow(handle.clone()));
            tauri::async_runtime::spawn(events::follow(handle.clone()));
            tauri::async_runtime::spawn(palette_shortcut::follow(handle.clone()));
            tauri::async_runtime::spawn(expiry_watcher::run(handle.clone()));
            tauri::async_runtime::spawn(credential_endpoint::run(handle.clone()));
            tauri::async_runtime::spawn(sso_keeper::keep(handle.clone()));
            tauri::async_runtime::spawn(key_keeper::keep(handle.clone()));
            tauri::async_runtime::spawn(async move {
                let service = handle.state::<AppCtx>().service.clone();
                if let Err(e) = service.load_cached_sessions().await {
                    service.report_failure("read cached sessions", &e);
                }
            });
            Ok(())
        });
    let ctx = AppCtx::new(service).logging_to(log_dir);
    let app = manage(builder, ctx).build(frame::context())?;
    app.run(|app, event| match event {
        // Only Quit exits (the tray process has no window of its own).
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => app
            .state::<Arc<clipboard::SecretClipboard>>()
            .clear_on_quit(),
        _ => {}
    });
    Ok(())
}
