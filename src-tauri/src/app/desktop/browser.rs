//! The person's browser, for sign-ins: the desktop's opener (xdg-open on
//! Linux). False when none could be opened.

use tauri::{AppHandle, Runtime};

pub fn open<R: Runtime>(app: &AppHandle<R>, url: &str) -> bool {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(url, None::<&str>)
        .inspect_err(|e| tracing::info!("no browser opened for the sign-in: {e}"))
        .is_ok()
}
