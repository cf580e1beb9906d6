//! The web views the window host opens: the main window and the small MFA
//! prompts.

use crate::app::window::protocol::{MAIN, mfa_label};
use std::sync::atomic::AtomicBool;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// Whether closing the main window minimises it (set by the tray).
#[derive(Default)]
pub(super) struct KeepOpen(pub(super) AtomicBool);

/// Shows the main window, creating it if needed.
pub(super) fn open_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(MAIN) {
        w.unminimize()?;
        w.show()?;
        return w.set_focus();
    }
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title("RoleTray")
        .inner_size(760.0, 600.0)
        .min_inner_size(520.0, 420.0)
        .build()?;
    Ok(())
}

/// Opens the small window that asks for an MFA code.
pub(super) fn open_mfa<R: Runtime>(
    app: &AppHandle<R>,
    id: u64,
    role: &str,
    serial: &str,
) -> tauri::Result<()> {
    let url = format!(
        "mfa.html?request={id}&role={}&serial={}",
        query_escape(role),
        query_escape(serial)
    );
    WebviewWindowBuilder::new(app, mfa_label(id), WebviewUrl::App(url.into()))
        .title("RoleTray: MFA code")
        .inner_size(400.0, 240.0)
        .resizable(false)
        .always_on_top(true)
        .center()
        .focused(true)
        .build()?;
    Ok(())
}

/// Percent-encodes everything but unreserved characters.
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_escaped() {
        assert_eq!(
            super::query_escape("arn:aws:iam::1:mfa/me x"),
            "arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme%20x"
        );
    }
}
