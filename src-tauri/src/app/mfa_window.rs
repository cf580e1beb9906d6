//! MFA codes in the app: a small window asks, the page submits the code
//! through a command, and the waiting session request gets it.

use super::windows;
use roletray_core::service::{BoxFuture, MfaPrompt};
use roletray_core::{Error, Result, Sensitive, validate};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tokio::sync::oneshot;

/// How long a prompt waits for the user.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(300);

type Reply = oneshot::Sender<Result<Sensitive<String>>>;

/// Prompts waiting for a code, by request id.
#[derive(Default)]
pub struct MfaRequests {
    next: AtomicU64,
    pending: Mutex<HashMap<u64, Reply>>,
}

impl MfaRequests {
    fn register(&self) -> (u64, oneshot::Receiver<Result<Sensitive<String>>>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, rx) = oneshot::channel();
        self.lock().insert(id, tx);
        (id, rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Reply>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A code from the window; a malformed one is refused and the prompt stays.
    pub fn submit(&self, id: u64, code: Sensitive<String>) -> Result<()> {
        validate::mfa_code(code.expose())?;
        let tx = self.lock().remove(&id).ok_or_else(|| Error::NotFound {
            kind: "MFA request",
            name: id.to_string(),
        })?;
        // The requester may have given up (timeout); nothing to do then.
        tx.send(Ok(code)).ok();
        Ok(())
    }

    /// The user closed or cancelled the window.
    pub fn cancel(&self, id: u64) {
        if let Some(tx) = self.lock().remove(&id) {
            tx.send(Err(Error::Cancelled("no MFA code was entered".into())))
                .ok();
        }
    }
}

/// The app's MFA prompt: opens a window and waits for its answer.
pub struct WindowMfa<R: Runtime> {
    pub app: AppHandle<R>,
    pub requests: std::sync::Arc<MfaRequests>,
}

impl<R: Runtime> MfaPrompt for WindowMfa<R> {
    fn code<'a>(
        &'a self,
        role: &'a str,
        serial: &'a str,
    ) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move {
            let (id, rx) = self.requests.register();
            if let Err(e) = windows::open_mfa(&self.app, id, role, serial) {
                self.requests.cancel(id);
                return Err(Error::MfaRequired {
                    role: format!("{role} (the MFA window could not open: {e})"),
                    serial: serial.to_owned(),
                });
            }
            let answer = tokio::time::timeout(PROMPT_TIMEOUT, rx).await;
            windows::close(&self.app, &windows::mfa_label(id));
            match answer {
                Ok(Ok(reply)) => reply,
                Ok(Err(_)) => Err(Error::Cancelled("the MFA prompt went away".into())),
                Err(_) => {
                    self.requests.cancel(id);
                    Err(Error::Cancelled("no MFA code was entered in time".into()))
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_submitted_code_reaches_the_waiting_request() {
        let r = MfaRequests::default();
        let (id, rx) = r.register();
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
        let (id, rx) = r.register();
        r.cancel(id);
        assert_eq!(rx.await.unwrap().unwrap_err().code(), "cancelled");
    }
}
