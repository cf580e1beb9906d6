//! The web views the window host opens: the main window, the quick-switch
//! palette and the small MFA and question prompts.

use crate::app::window::protocol::{MAIN, PALETTE, confirm_label, mfa_label};
use std::sync::atomic::AtomicBool;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// Where the web views keep what they store: RoleTray's own cache folder
/// (`Paths::webview_data_dir`), never the system's default for the app's
/// identifier.
pub(crate) struct DataDir(pub(crate) std::path::PathBuf);

/// [`DataDir`], when the app was given one.
fn data_dir<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    app.try_state::<DataDir>().map(|d| d.0.clone())
}

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
    let mut builder = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()));
    if let Some(dir) = data_dir(app) {
        builder = builder.data_directory(dir);
    }
    builder
        .title("RoleTray")
        .inner_size(760.0, 600.0)
        .min_inner_size(520.0, 420.0)
        // Ctrl+plus and Ctrl+minus zoom the page (WCAG 1.4.4); it reflows down to 320 px.
        .zoom_hotkeys_enabled(true)
        .build()?;
    Ok(())
}

/// Shows the quick-switch palette, creating it if needed: a small window
/// without decorations in the middle of the screen, above the others.
pub(super) fn open_palette<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(PALETTE) {
        w.show()?;
        return w.set_focus();
    }
    let mut builder =
        WebviewWindowBuilder::new(app, PALETTE, WebviewUrl::App("palette.html".into()));
    if let Some(dir) = data_dir(app) {
        builder = builder.data_directory(dir);
    }
    builder
        .title("RoleTray: switch role")
        .inner_size(600.0, 420.0)
        .decorations(false)
        .resizable(false)
        .always_on_top(true)
        .skip_taskbar(true)
        .center()
        .focused(true)
        .build()?;
    Ok(())
}

/// What the MFA window says beside its question.
#[derive(Clone, Copy, Default)]
pub(super) struct MfaNotes<'a> {
    /// What the device's code command waits for, while it runs.
    pub waiting: Option<&'a str>,
    /// Why the device's code command gave no code.
    pub why: Option<&'a str>,
}

/// Opens the small window that asks for an MFA code.
pub(super) fn open_mfa<R: Runtime>(
    app: &AppHandle<R>,
    id: u64,
    role: &str,
    serial: &str,
    notes: MfaNotes<'_>,
) -> tauri::Result<()> {
    let params = [
        ("role", Some(role)),
        ("serial", Some(serial)),
        ("waiting", notes.waiting),
        ("why", notes.why),
    ];
    let page = SmallWindow {
        label: mfa_label(id),
        page: "mfa.html",
        title: "RoleTray: MFA code",
        // The waiting text, the reason and a rejected code together measure
        // 350 CSS px; the page scrolls past that.
        size: (420.0, 360.0),
    };
    page.open(app, id, &params)
}

/// Opens the small window that asks before a role is assumed; `params`
/// go to the page in its query.
pub(super) fn open_confirm<R: Runtime>(
    app: &AppHandle<R>,
    id: u64,
    params: &[(&str, Option<&str>)],
) -> tauri::Result<()> {
    let page = SmallWindow {
        label: confirm_label(id),
        page: "confirm.html",
        title: "RoleTray: assume a production role?",
        // A long role name makes the question 231 CSS px tall.
        size: (420.0, 260.0),
    };
    page.open(app, id, params)
}

/// A small window that asks one thing, on top and focused.
struct SmallWindow {
    label: String,
    page: &'static str,
    title: &'static str,
    size: (f64, f64),
}

impl SmallWindow {
    /// Opens the page for request `id`, with the `params` that are set in
    /// its query.
    fn open<R: Runtime>(
        self,
        app: &AppHandle<R>,
        id: u64,
        params: &[(&str, Option<&str>)],
    ) -> tauri::Result<()> {
        let mut url = format!("{}?request={id}", self.page);
        for (key, value) in params {
            if let Some(v) = value {
                url.push_str(&format!("&{key}={}", query_escape(v)));
            }
        }
        let mut builder = WebviewWindowBuilder::new(app, self.label, WebviewUrl::App(url.into()));
        if let Some(dir) = data_dir(app) {
            builder = builder.data_directory(dir);
        }
        builder
            .title(self.title)
            .inner_size(self.size.0, self.size.1)
            // Resizable, so a person zoomed in can give it room; the page
            // scrolls rather than cut anything when it is small.
            .resizable(true)
            .min_inner_size(320.0, 200.0)
            .always_on_top(true)
            .center()
            .focused(true)
            .build()?;
        Ok(())
    }
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
