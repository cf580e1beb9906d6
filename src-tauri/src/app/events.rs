//! Every event the backend sends to the page, in one place.

use roletray_core::views::Snapshot;
use serde::Serialize;
use tauri::{Emitter, Runtime};

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
            eprintln!("roletray: cannot send {} to the window: {e}", self.name());
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
