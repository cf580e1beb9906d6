//! The MFA prompts waiting for a code from a window, by request id: plain
//! state the tray process keeps (the window that asks is `window::mfa_prompt`).

use roletray_core::{Error, Result, Sensitive, validate};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::oneshot;

/// A prompt waiting for its code.
struct Pending {
    reply: oneshot::Sender<Result<Sensitive<String>>>,
    role: String,
    serial: String,
}

/// Prompts waiting for a code, by request id.
#[derive(Default)]
pub struct MfaRequests {
    next: AtomicU64,
    pending: Mutex<HashMap<u64, Pending>>,
}

impl MfaRequests {
    pub fn register(
        &self,
        role: &str,
        serial: &str,
    ) -> (u64, oneshot::Receiver<Result<Sensitive<String>>>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let (reply, rx) = oneshot::channel();
        let pending = Pending {
            reply,
            role: role.to_owned(),
            serial: serial.to_owned(),
        };
        self.lock().insert(id, pending);
        (id, rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Pending>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A code from the window; a malformed one is refused and the prompt stays.
    pub fn submit(&self, id: u64, code: Sensitive<String>) -> Result<()> {
        validate::mfa_code(code.expose())?;
        let pending = self.lock().remove(&id).ok_or_else(|| Error::NotFound {
            kind: "MFA request",
            name: id.to_string(),
        })?;
        // The requester may have given up (timeout); nothing to do then.
        pending.reply.send(Ok(code)).ok();
        Ok(())
    }

    /// The user closed or cancelled the window: final, nobody asks again.
    pub fn cancel(&self, id: u64) {
        if let Some(pending) = self.lock().remove(&id) {
            let cancelled = Error::Cancelled("no MFA code was entered".into());
            pending.reply.send(Err(cancelled)).ok();
        }
    }

    /// The window could not ask (it did not open, or went away): the code
    /// is still required, and a caller with a terminal may ask there.
    pub fn fail(&self, id: u64, why: &str) {
        if let Some(pending) = self.lock().remove(&id) {
            let error = unanswered(&pending, why);
            pending.reply.send(Err(error)).ok();
        }
    }

    /// The prompt is no longer needed (its code came from elsewhere): it
    /// goes without an answer.
    pub fn forget(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Every prompt fails: the window host went away with its windows.
    pub fn fail_all(&self, why: &str) {
        for (_, pending) in self.lock().drain() {
            let error = unanswered(&pending, why);
            pending.reply.send(Err(error)).ok();
        }
    }
}

fn unanswered(pending: &Pending, why: &str) -> Error {
    Error::MfaRequired {
        role: pending.role.clone(),
        serial: pending.serial.clone(),
        note: format!(" ({why})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_submitted_code_reaches_the_waiting_request() {
        let r = MfaRequests::default();
        let (id, rx) = r.register("dev", "arn:aws:iam::123456789012:mfa/me");
        assert_eq!(
            r.submit(id, Sensitive::from("12345")).unwrap_err().code(),
            "invalid_input"
        );
        r.submit(id, Sensitive::from("123456")).unwrap();
        assert_eq!(rx.await.unwrap().unwrap().expose(), "123456");
        assert_eq!(
            r.submit(id, Sensitive::from("123456")).unwrap_err().code(),
            "not_found"
        );
    }

    #[tokio::test]
    async fn cancelling_ends_the_wait_with_cancelled() {
        let r = MfaRequests::default();
        let (id, rx) = r.register("dev", "arn:aws:iam::123456789012:mfa/me");
        r.cancel(id);
        assert_eq!(rx.await.unwrap().unwrap_err().code(), "cancelled");
    }

    #[tokio::test]
    async fn a_window_that_went_away_leaves_the_code_required() {
        let r = MfaRequests::default();
        let (a, rx_a) = r.register("dev", "arn:aws:iam::123456789012:mfa/me");
        let (_, rx_b) = r.register("prod", "arn:aws:iam::123456789012:mfa/me");
        r.fail(a, "the MFA window could not open");
        let e = rx_a.await.unwrap().unwrap_err();
        assert_eq!(e.code(), "mfa_required");
        assert!(e.to_string().contains("could not open"), "{e}");
        r.fail_all("the window closed unexpectedly");
        assert_eq!(rx_b.await.unwrap().unwrap_err().code(), "mfa_required");
    }
}
