//! Every event the backend sends to the page, in one place, and the task
//! that sends the page a new snapshot after each change.

use super::context::{AppCtx, snapshot};
use roletray_core::views::Snapshot;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// An event for the page, with its payload.
pub enum FrontendEvent<'a> {
    /// Anything changed: the page re-renders from this snapshot.
    State(&'a Snapshot),
}

impl FrontendEvent<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            FrontendEvent::State(_) => "roletray://state",
        }
    }

    /// Sends the event to every window; a window that is not open is no error.
    pub fn emit<R: Runtime>(&self, app: &impl Emitter<R>) {
        let sent = match self {
            FrontendEvent::State(s) => emit_payload(app, self.name(), s),
        };
        if let Err(e) = sent {
            tracing::warn!(event = self.name(), "cannot send to the window: {e}");
        }
    }
}

fn emit_payload<R: Runtime, T: Serialize + Clone>(
    app: &impl Emitter<R>,
    name: &str,
    payload: &T,
) -> tauri::Result<()> {
    app.emit(name, payload.clone())
}

/// Follows the service's changes for the life of the app: the open window
/// (if any) gets each new state.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<AppCtx>().service.subscribe();
    while changes.changed().await.is_ok() {
        if !app.webview_windows().is_empty() {
            FrontendEvent::State(&snapshot(&app)).emit(&app);
        }
    }
}
