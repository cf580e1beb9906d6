//! MFA codes in the app: a small window (in the window host) asks, the page
//! submits the code through a command, and the waiting session request gets
//! it (`mfa_requests` holds the prompts waiting). While a device's code
//! command runs (a YubiKey waiting for a touch), the same window and a
//! notification say what it waits for, and a code typed there wins.

use super::{link, protocol};
use crate::app::desktop::notifications;
use crate::app::mfa_requests::MfaRequests;
use crate::app::state::AppCtx;
use roletray_core::service::{BoxFuture, MfaAsk, MfaPrompt};
use roletray_core::{Error, Result, Sensitive};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// How long a prompt waits for the user.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(300);

/// The app's MFA prompt: opens a window and waits for its answer.
pub struct WindowMfa<R: Runtime> {
    pub app: AppHandle<R>,
    pub requests: Arc<MfaRequests>,
}

impl<R: Runtime> WindowMfa<R> {
    /// The prompt for `app`, answering through its waiting requests.
    pub fn for_app(app: &AppHandle<R>) -> WindowMfa<R> {
        WindowMfa {
            app: app.clone(),
            requests: app.state::<AppCtx>().mfa.clone(),
        }
    }

    /// A prompt registered and its window asked for; both go when the
    /// returned guard does.
    fn open(
        &self,
        ask: &MfaAsk<'_>,
        waiting: Option<&str>,
    ) -> (
        OpenPrompt<R>,
        tokio::sync::oneshot::Receiver<Result<Sensitive<String>>>,
    ) {
        let (id, rx) = self.requests.register(ask.role, ask.serial);
        if let Err(e) = link::open_mfa(&self.app, id, ask, waiting) {
            self.requests
                .fail(id, &format!("the MFA window could not open: {e}"));
        }
        let guard = OpenPrompt {
            app: self.app.clone(),
            requests: self.requests.clone(),
            id,
        };
        (guard, rx)
    }

    /// The role as notifications name it: with its environment label.
    fn role_label(&self, role: &str) -> String {
        let label = self
            .app
            .state::<AppCtx>()
            .service
            .config()
            .ok()
            .and_then(|c| c.environment_of(role));
        match label {
            Some(l) => format!("{role} ({l})"),
            None => role.to_owned(),
        }
    }
}

/// A prompt's window and registration, closed and forgotten when dropped
/// (answered, timed out, or no longer needed because the device's command
/// gave the code).
struct OpenPrompt<R: Runtime> {
    app: AppHandle<R>,
    requests: Arc<MfaRequests>,
    id: u64,
}

impl<R: Runtime> Drop for OpenPrompt<R> {
    fn drop(&mut self) {
        self.requests.forget(self.id);
        link::close(&self.app, &protocol::mfa_label(self.id));
    }
}

impl<R: Runtime> MfaPrompt for WindowMfa<R> {
    fn code<'a>(&'a self, ask: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move {
            let (prompt, rx) = self.open(ask, None);
            let answer = tokio::time::timeout(PROMPT_TIMEOUT, rx).await;
            drop(prompt);
            match answer {
                Ok(Ok(reply)) => reply,
                Ok(Err(_)) => Err(Error::Cancelled("the MFA prompt went away".into())),
                Err(_) => Err(Error::Cancelled("no MFA code was entered in time".into())),
            }
        })
    }

    fn waiting<'a>(
        &'a self,
        ask: &'a MfaAsk<'a>,
        what: &'a str,
    ) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move {
            let body = format!(
                "RoleTray needs an MFA code for {}",
                self.role_label(ask.role)
            );
            let _notice = notifications::until_dropped(&self.app, what, &body);
            let (_prompt, rx) = self.open(ask, Some(what));
            match rx.await {
                Ok(Ok(code)) => Ok(code),
                Ok(Err(e @ Error::Cancelled(_))) => Err(e),
                // The window could not show: the command may still answer.
                _ => std::future::pending().await,
            }
        })
    }
}
