//! The window host: `roletray-app --window-host`, started by the tray
//! process when a window is wanted. It owns every web view (the main window
//! and the MFA prompts) and nothing else: each page call is forwarded to
//! the tray process (after the capabilities have allowed it for that
//! window), and the tray's events are passed on to the pages. When its last
//! window closes the tray lets it go, and WebKit's memory goes with it: the
//! tray process never loads a web view.

mod tray_link;
mod webviews;

use super::protocol::{MAIN, confirm_request, mfa_request};
use crate::app::{frame, logging};
use roletray_core::service::BoxFuture;
use serde_json::{Value, json};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{AppHandle, Manager, RunEvent, Runtime};
use tray_link::TrayLink;
use webviews::KeepOpen;

/// Where a page's call goes: (the app, the calling window's label, the
/// command, its arguments) → the answer. The real host sends it to the
/// tray process; the single-process tests run it in place.
pub type Forward<R> = Arc<
    dyn Fn(&AppHandle<R>, String, String, Value) -> BoxFuture<'static, Result<Value, Value>>
        + Send
        + Sync,
>;

/// Registers the forwarding of page calls on a builder (the real one, or
/// the mock runtime's in tests).
pub fn build<R: Runtime>(
    builder: tauri::Builder<R>,
    forward: Forward<R>,
    data_dir: Option<std::path::PathBuf>,
) -> tauri::Builder<R> {
    let on_close = forward.clone();
    let builder = match data_dir {
        Some(dir) => builder.manage(webviews::DataDir(dir)),
        None => builder,
    };
    builder
        .manage(KeepOpen::default())
        .invoke_handler(move |invoke: Invoke<R>| {
            let webview = invoke.message.webview_ref();
            let window = webview.label().to_owned();
            let app = webview.app_handle().clone();
            let cmd = invoke.message.command().to_owned();
            let args = match invoke.message.payload() {
                InvokeBody::Json(v) => v.clone(),
                InvokeBody::Raw(_) => {
                    invoke.resolver.reject(json!({
                        "code": "invalid_input",
                        "message": format!("`{cmd}` takes JSON arguments"),
                    }));
                    return true;
                }
            };
            let answer = forward(&app, window, cmd, args);
            invoke.resolver.respond_async_serialized(async move {
                match answer.await {
                    Ok(v) => Ok(InvokeResponseBody::Json(v.to_string())),
                    Err(e) => Err(InvokeError(e)),
                }
            });
            true
        })
        .on_window_event(move |window, event| {
            // With no tray icon to come back by, closing the main window minimises it.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && window.label() == MAIN
                && window.state::<KeepOpen>().0.load(Ordering::SeqCst)
            {
                api.prevent_close();
                match window.minimize() {
                    Ok(()) => {
                        tracing::info!("minimised the main window: no tray icon to come back by")
                    }
                    Err(e) => tracing::warn!("cannot minimise the window: {e}"),
                }
            }
            // Closing a question's window is a no.
            if let tauri::WindowEvent::Destroyed = event
                && let Some(id) = confirm_request(window.label())
            {
                let call = on_close(
                    window.app_handle(),
                    window.label().to_owned(),
                    "answer_confirm".into(),
                    json!({ "request_id": id, "yes": false }),
                );
                tauri::async_runtime::spawn(call);
            }
            // Closing an MFA window is a cancel.
            if let tauri::WindowEvent::Destroyed = event
                && let Some(id) = mfa_request(window.label())
            {
                let call = on_close(
                    window.app_handle(),
                    window.label().to_owned(),
                    "cancel_mfa".into(),
                    json!({ "request_id": id }),
                );
                tauri::async_runtime::spawn(call);
            }
        })
}

/// The host process's main: runs until the tray closes its stdin.
pub fn run() -> ExitCode {
    let log_dir = roletray_core::paths::log_dir().ok();
    let _log = log_dir.as_deref().and_then(logging::to_file);
    tracing::info!("window host starting");
    let link = Arc::new(TrayLink::default());
    let forward: Forward<tauri::Wry> = {
        let link = link.clone();
        Arc::new(move |_, window, cmd, args| link.call(window, cmd, args))
    };
    let reader = link.clone();
    let data_dir = roletray_core::paths::Paths::from_env()
        .ok()
        .map(|p| p.webview_data_dir());
    let built = build(tauri::Builder::default(), forward, data_dir)
        .setup(move |app| {
            let app = app.handle().clone();
            std::thread::Builder::new()
                .name("tray-link".into())
                .spawn(move || reader.read_tray(&app))?;
            Ok(())
        })
        .build(frame::context());
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("the window host cannot start: {e}");
            eprintln!("roletray: error[app_failed]: the window cannot open: {e}");
            return ExitCode::FAILURE;
        }
    };
    app.run(move |_, event| {
        // The last window closed: ask the tray whether to go.
        if let RunEvent::ExitRequested {
            code: None, api, ..
        } = event
        {
            api.prevent_exit();
            link.idle();
        }
    });
    tracing::info!("window host exiting");
    ExitCode::SUCCESS
}
