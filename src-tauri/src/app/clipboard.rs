//! Copying secrets: done here, in the backend, never in the page. What was
//! copied is cleared after the configured delay if the clipboard still holds it.

use roletray_core::{Error, Result, Sensitive};
use sha2::{Digest, Sha256};
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

fn digest(text: &str) -> Vec<u8> {
    Sha256::digest(text.as_bytes()).to_vec()
}

/// Puts `text` on the clipboard; schedules clearing it after `clear_after` seconds (0 = never).
pub fn copy_secret<R: Runtime>(
    app: &AppHandle<R>,
    text: &Sensitive<String>,
    clear_after: u32,
) -> Result<()> {
    app.clipboard()
        .write_text(text.expose().as_str())
        .map_err(|e| {
            Error::io(
                "cannot write to the clipboard",
                std::io::Error::other(e.to_string()),
            )
        })?;
    // Only a digest is kept for the later comparison, never the text. A newer
    // copy simply makes the older timer find something else and do nothing.
    let hash = digest(text.expose());
    if clear_after > 0 {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(Duration::from_secs(u64::from(clear_after))).await;
            clear_if_ours(&app, &hash);
        });
    }
    Ok(())
}

fn clear_if_ours<R: Runtime>(app: &AppHandle<R>, hash: &[u8]) {
    let still_ours = app
        .clipboard()
        .read_text()
        .map(Sensitive::new)
        .is_ok_and(|t| digest(t.expose()) == hash);
    if still_ours && let Err(e) = app.clipboard().write_text("") {
        eprintln!("roletray: cannot clear the clipboard: {e}");
    }
}
