//! Signing in to an AWS Sign-In source from the app (the tray's "Sign in
//! to NAME (AWS console)…", a notification's "Sign in again", the window's
//! Sources): the browser comes back to RoleTray on 127.0.0.1, and a
//! notification says who is signed in. The window's Cancel ends the wait.

use super::desktop::notifications;
use super::intent::Done;
use super::sign_in_waits::{self, Waiting};
use super::state::AppCtx;
use roletray_core::Result;
use roletray_core::signin::login::Via;
use roletray_core::sso::SignInPrompt;
use roletray_core::views::Level;
use std::sync::Arc;
use tauri::{AppHandle, Manager, Runtime};

/// Opens the browser for the sign-in and says so in Activity.
struct Browser<R: Runtime> {
    app: AppHandle<R>,
    name: String,
}

impl<R: Runtime> SignInPrompt for Browser<R> {
    fn open_browser(&self, url: &str) -> bool {
        super::desktop::browser::open(&self.app, url)
    }

    fn browser_opened(&self, _url: &str) {
        let service: Arc<_> = self.app.state::<AppCtx>().service.clone();
        service.record(
            Level::Info,
            &format!("opened the browser to sign in to {}", self.name),
            "signing_in",
        );
    }

    /// AWS Sign-In has no device code: never called.
    fn device_code(&self, _user_code: &str, _verification_uri: &str, _complete: Option<&str>) {}
}

pub async fn sign_in<R: Runtime>(app: &AppHandle<R>, name: &str) -> Result<Done> {
    let service = app.state::<AppCtx>().service.clone();
    let browser = Browser {
        app: app.clone(),
        name: name.to_owned(),
    };
    let status = sign_in_waits::cancellable(
        app,
        Waiting::Console(name.to_owned()),
        service.signin_login(name, Via::Browser(&browser)),
    )
    .await?;
    let who = status.identity_arn.unwrap_or_default();
    let message = format!("Signed in to {name} as {who}");
    service.record(Level::Info, &message, "signed_in");
    notifications::info(app, &format!("Signed in to {name}"), &who);
    Ok(Done::Notice(Some(message)))
}

/// Cancels the sign-in to `name` in progress, if one is.
pub fn cancel<R: Runtime>(app: &AppHandle<R>, name: &str) {
    sign_in_waits::cancel(app, &Waiting::Console(name.to_owned()));
}
