//! MFA codes in the app: a small window (in the window host) asks, the page
//! submits the code through a command, and the waiting session request gets
//! it (`mfa_requests` holds the prompts waiting).

use super::{link, protocol};
use crate::app::mfa_requests::MfaRequests;
use crate::app::state::AppCtx;
use roletray_core::service::{BoxFuture, MfaPrompt};
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
}

impl<R: Runtime> MfaPrompt for WindowMfa<R> {
    fn code<'a>(
        &'a self,
        role: &'a str,
        serial: &'a str,
    ) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move {
            let (id, rx) = self.requests.register(role, serial);
            if let Err(e) = link::open_mfa(&self.app, id, role, serial) {
                self.requests
                    .fail(id, &format!("the MFA window could not open: {e}"));
            }
            let answer = tokio::time::timeout(PROMPT_TIMEOUT, rx).await;
            link::close(&self.app, &protocol::mfa_label(id));
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
