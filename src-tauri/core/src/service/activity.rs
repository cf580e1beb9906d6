//! The activity list the window shows (newest first, at most
//! `ACTIVITY_LIMIT` entries), each entry also logged, and the tray's error
//! look after a failed action.

use super::state::Service;
use crate::error::Error;
use crate::export;
use crate::views::{ActivityEntry, Level};

/// How many activity entries the window keeps.
const ACTIVITY_LIMIT: usize = 200;

impl Service {
    /// Logs a failed action started from the tray or a notification in the
    /// activity list, and shows the error look on the tray until the next success.
    pub fn report_failure(&self, what: &str, e: &Error) {
        self.state().failing = true;
        self.record(Level::Error, &format!("{what}: {e}"), e.code());
    }

    pub fn record(&self, level: Level, message: &str, code: &str) {
        match level {
            Level::Error => tracing::error!(code, "{message}"),
            Level::Warning => tracing::warn!(code, "{message}"),
            Level::Info => tracing::info!(code, "{message}"),
        }
        let mut state = self.state();
        state.activity.push_front(ActivityEntry {
            at: export::rfc3339(self.clock.now()),
            level,
            code: code.to_owned(),
            message: message.to_owned(),
        });
        state.activity.truncate(ACTIVITY_LIMIT);
        drop(state);
        self.changed();
    }

    pub fn clear_activity(&self) {
        let mut state = self.state();
        state.activity.clear();
        state.failing = false;
        drop(state);
        self.changed();
    }
}
