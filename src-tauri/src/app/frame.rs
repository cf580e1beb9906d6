//! Tauri's context for this app (its configuration, assets and
//! capabilities), for either process and any runtime.

/// The app's configuration, assets and capabilities, for any runtime.
pub fn context<R: tauri::Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}
