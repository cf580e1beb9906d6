//! The keeper: keeps every signed-in Identity Center source's access token
//! fresh and its list current for the life of the app, and says when a
//! sign-in has ended, with a notification whose button signs in again.

use crate::app::desktop::notifications;
use crate::app::dispatch;
use crate::app::intent::Intent;
use crate::app::state::AppCtx;
use roletray_core::Error;
use roletray_core::views::Level;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// How often the keeper looks at the sign-ins (access tokens last an hour
/// or more, and are refreshed five minutes before their end).
const KEEPER_EVERY: Duration = Duration::from_secs(120);

/// Keeps every signed-in source fresh for the life of the app.
pub async fn keep<R: Runtime>(app: AppHandle<R>) {
    let service = app.state::<AppCtx>().service.clone();
    if let Err(e) = service.load_sso_state().await {
        service.report_failure("read the Identity Center sign-ins", &e);
    }
    if let Err(e) = service.load_signin_state().await {
        service.report_failure("read the AWS Sign-In sign-ins", &e);
    }
    loop {
        for sso in service.sso_to_keep() {
            match service.sso_keep_fresh(&sso).await {
                Ok(()) => {}
                Err(e @ Error::SsoSignInRequired(_)) => {
                    let body = format!("The sign-in to {sso} has ended: {e}");
                    service.record(Level::Warning, &body, e.code());
                    let intent = Intent::SsoSignIn {
                        sso,
                        device_code: false,
                    };
                    offer_sign_in(&app, "Sign in again", &body, intent);
                }
                // Offline, throttled: tried again next round.
                Err(e) => {
                    tracing::info!(sso, code = e.code(), "cannot keep the sign-in fresh: {e}")
                }
            }
        }
        tokio::time::sleep(KEEPER_EVERY).await;
    }
}

/// A notification whose button signs in again (`intent`).
pub fn offer_sign_in<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str, intent: Intent) {
    let target = app.clone();
    notifications::with_action(app, summary, body, "Sign in again", move || {
        dispatch::spawn(&target, intent);
    });
}
