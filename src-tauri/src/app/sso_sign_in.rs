//! Signing in to an Identity Center source from the app: the browser opens
//! (the desktop's opener), and the window shows what waits for the person
//! (the page, and the device code when that flow is used) until it is done.
//! (`background::sso_keeper` keeps the sign-ins fresh afterwards.)

use super::intent::Done;
use super::sign_in_waits::{self, Waiting};
use super::state::AppCtx;
use super::window::link;
use roletray_core::Result;
use roletray_core::service::Service;
use roletray_core::sso::{ListProgress, SignInMethod, SignInPrompt};
use roletray_core::views::SsoPending;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tauri::{AppHandle, Manager, Runtime};

struct AppPrompt<R: Runtime> {
    app: AppHandle<R>,
    service: Arc<Service>,
    sso: String,
}

impl<R: Runtime> SignInPrompt for AppPrompt<R> {
    fn open_browser(&self, url: &str) -> bool {
        crate::app::desktop::browser::open(&self.app, url)
    }

    fn browser_opened(&self, url: &str) {
        self.service.set_sso_pending(
            &self.sso,
            Some(SsoPending {
                url: url.to_owned(),
                user_code: None,
            }),
        );
    }

    fn device_code(&self, user_code: &str, verification_uri: &str, complete: Option<&str>) {
        self.service.set_sso_pending(
            &self.sso,
            Some(SsoPending {
                url: complete.unwrap_or(verification_uri).to_owned(),
                user_code: Some(user_code.to_owned()),
            }),
        );
        // Where there is no window yet (a click in the tray), the code has
        // to be seen somewhere: the window shows it.
        if let Err(e) = link::open_main(&self.app) {
            tracing::warn!("cannot open the window for the sign-in code: {e}");
        }
    }
}

/// How far a listing has got, in the window (a few steps, not every call).
pub struct AppProgress {
    service: Arc<Service>,
    sso: String,
    shown: AtomicUsize,
}

impl AppProgress {
    pub fn new(service: Arc<Service>, sso: &str) -> AppProgress {
        AppProgress {
            service,
            sso: sso.to_owned(),
            shown: AtomicUsize::new(0),
        }
    }

    /// Clears the progress line (the listing ended, well or not).
    pub fn done(&self) {
        self.service.set_sso_progress(&self.sso, None);
    }
}

impl ListProgress for AppProgress {
    fn accounts_listed(&self, accounts: usize) {
        self.service
            .set_sso_progress(&self.sso, Some(format!("Listing accounts: {accounts}")));
    }

    fn roles_listed(&self, done: usize, of: usize) {
        let step = (of / 50).max(1);
        let last = self.shown.load(Ordering::Relaxed);
        if done == of || done >= last + step {
            self.shown.store(done, Ordering::Relaxed);
            self.service.set_sso_progress(
                &self.sso,
                Some(format!("Listing roles: {done} of {of} accounts")),
            );
        }
    }
}

/// Cancels the sign-in to `sso` in progress, if one is: its browser
/// listener closes, its polling stops, nothing is kept.
pub fn cancel<R: Runtime>(app: &AppHandle<R>, sso: &str) {
    sign_in_waits::cancel(app, &Waiting::IdentityCenter(sso.to_owned()));
}

/// Signs in to `sso` and lists its roles.
pub async fn sign_in<R: Runtime>(app: &AppHandle<R>, sso: &str, device_code: bool) -> Result<Done> {
    let result = sign_in_waits::cancellable(
        app,
        Waiting::IdentityCenter(sso.to_owned()),
        signed_in(app, sso, device_code),
    )
    .await;
    let service = app.state::<AppCtx>().service.clone();
    service.set_sso_pending(sso, None);
    service.set_sso_progress(sso, None);
    result
}

async fn signed_in<R: Runtime>(app: &AppHandle<R>, sso: &str, device_code: bool) -> Result<Done> {
    let service = app.state::<AppCtx>().service.clone();
    let prompt = AppPrompt {
        app: app.clone(),
        service: service.clone(),
        sso: sso.to_owned(),
    };
    let method = if device_code {
        SignInMethod::DeviceCode
    } else {
        SignInMethod::Browser
    };
    let progress = AppProgress::new(service.clone(), sso);
    // The pending sign-in and the progress line are cleared by `sign_in`,
    // whether this ends or is cancelled.
    let listed = service.sso_login(sso, method, &prompt, &progress).await?;
    Ok(Done::Notice(Some(format!(
        "Signed in to {sso}: {} accounts, {} roles",
        listed.accounts, listed.roles
    ))))
}
