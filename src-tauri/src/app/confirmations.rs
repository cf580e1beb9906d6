//! The questions waiting for a yes or no from a window ("Assume prod-admin
//! in 444455556666?"), by request id: plain state the tray process keeps
//! (the window that asks is `window::confirm_prompt`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::oneshot;

/// Questions waiting for their answer, by request id.
#[derive(Default)]
pub struct Confirmations {
    next: AtomicU64,
    pending: Mutex<HashMap<u64, oneshot::Sender<bool>>>,
}

impl Confirmations {
    pub fn register(&self) -> (u64, oneshot::Receiver<bool>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let (reply, rx) = oneshot::channel();
        self.lock().insert(id, reply);
        (id, rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<bool>>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The person's answer; a second answer (or one for a question gone)
    /// changes nothing.
    pub fn answer(&self, id: u64, yes: bool) {
        if let Some(reply) = self.lock().remove(&id) {
            reply.send(yes).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_first_answer_counts() {
        let c = Confirmations::default();
        let (id, rx) = c.register();
        c.answer(id, false);
        c.answer(id, true);
        assert!(!rx.await.unwrap());
        let (id, rx) = c.register();
        c.answer(id, true);
        assert!(rx.await.unwrap());
    }
}
