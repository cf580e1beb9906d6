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
        state.activity_seq += 1;
        let seq = state.activity_seq;
        state.activity.push_front(ActivityEntry {
            seq,
            at: export::rfc3339(self.clock.now()),
            level,
            code: code.to_owned(),
            message: message.to_owned(),
        });
        state.activity.truncate(ACTIVITY_LIMIT);
        drop(state);
        self.changed();
    }

    /// Clears the activity: every entry, or with `up_to` those numbered up
    /// to it (what the window hid when Clear was pressed, so what came in
    /// while its Undo was offered stays). The tray's error look goes with
    /// the last error.
    pub fn clear_activity(&self, up_to: Option<u64>) {
        let mut state = self.state();
        state
            .activity
            .retain(|e| up_to.is_some_and(|last| e.seq > last));
        if !state.activity.iter().any(|e| e.level == Level::Error) {
            state.failing = false;
        }
        drop(state);
        self.changed();
    }
}

#[cfg(test)]
mod tests {
    use crate::views::Level;

    #[test]
    fn clearing_up_to_an_entry_keeps_what_came_after() {
        let dir = tempfile::tempdir().unwrap();
        let service = crate::service::Service::for_command(crate::paths::Paths::under(dir.path()));
        service.record(Level::Info, "one", "copied");
        service.record(Level::Error, "two", "sts_unreachable");
        let seen = service.snapshot(false).activity.iter().map(|e| e.seq).max();
        service.record(Level::Info, "three", "copied");
        service.clear_activity(seen);
        let left: Vec<String> = service
            .snapshot(false)
            .activity
            .iter()
            .map(|e| e.message.clone())
            .collect();
        assert_eq!(left, ["three"]);
        service.clear_activity(None);
        assert!(service.snapshot(false).activity.is_empty());
    }
}
