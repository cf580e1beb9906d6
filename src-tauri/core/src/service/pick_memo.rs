//! The quick switch's candidates as last made, with the change count and
//! the configuration they were made from: made again only after a change
//! (a session, the configuration, a sign-in's list), not on every keystroke.

use crate::pick::Candidate;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(super) struct CandidatesMemo {
    last: Mutex<Option<Made>>,
}

struct Made {
    revision: u64,
    config: usize,
    candidates: Arc<Vec<Candidate>>,
}

impl CandidatesMemo {
    /// The candidates of change `revision` and configuration `config`
    /// (its address), made by `make` when they are not those kept.
    pub(super) fn get_or_make(
        &self,
        revision: u64,
        config: usize,
        make: impl FnOnce() -> Vec<Candidate>,
    ) -> Arc<Vec<Candidate>> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(made) = last.as_ref()
            && made.revision == revision
            && made.config == config
        {
            return made.candidates.clone();
        }
        let candidates = Arc::new(make());
        *last = Some(Made {
            revision,
            config,
            candidates: candidates.clone(),
        });
        candidates
    }
}
