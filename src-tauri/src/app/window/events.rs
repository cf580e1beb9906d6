//! Every event the backend sends to the page, in one place, and the task
//! that sends the page a new snapshot after each change.

use super::link;
use crate::app::snapshot::snapshot;
use crate::app::state::AppCtx;
use roletray_core::views::Snapshot;
use tauri::{AppHandle, Manager, Runtime};

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

    /// Sends the event to the open windows (through the window host).
    pub fn send<R: Runtime>(&self, app: &AppHandle<R>) {
        let payload = match self {
            FrontendEvent::State(s) => serde_json::to_value(s),
        };
        match payload {
            Ok(payload) => link::send_event(app, self.name(), payload),
            Err(e) => tracing::warn!(event = self.name(), "cannot send to the window: {e}"),
        }
    }
}

/// Follows the service's changes for the life of the app: the open window
/// (if any) gets each new state.
pub async fn follow<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<AppCtx>().service.subscribe();
    while changes.changed().await.is_ok() {
        if link::is_open(&app) {
            FrontendEvent::State(&snapshot(&app)).send(&app);
        }
    }
}
