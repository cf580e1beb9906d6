//! Asking before a production role is assumed from the tray or the window:
//! a small window (in the window host) with the role, its account and its
//! environment, and Cancel / Assume. Closing it, or no answer in two
//! minutes, is a Cancel.

use super::{link, protocol};
use crate::app::state::AppCtx;
use roletray_core::service::AssumeQuestion;
use roletray_core::{Error, Result};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// How long the question waits.
const QUESTION_TIMEOUT: Duration = Duration::from_secs(120);

/// Asks `question`; `Ok` when the person said yes, `cancelled` otherwise.
pub async fn ask<R: Runtime>(app: &AppHandle<R>, question: &AssumeQuestion) -> Result<()> {
    let confirmations = app.state::<AppCtx>().confirmations.clone();
    let (id, rx) = confirmations.register();
    let colour = app.state::<AppCtx>().service.config().ok().and_then(|c| {
        c.resolve(&question.role)
            .ok()
            .and_then(|r| r.shown_colour())
    });
    let opened = link::open_confirm(app, id, question, colour);
    let answer = match opened {
        Ok(()) => tokio::time::timeout(QUESTION_TIMEOUT, rx).await,
        Err(e) => {
            confirmations.answer(id, false);
            return Err(Error::Cancelled(format!(
                "{} was not assumed: the question could not be shown ({e})",
                question.role
            )));
        }
    };
    confirmations.answer(id, false);
    link::close(app, &protocol::confirm_label(id));
    match answer {
        Ok(Ok(true)) => Ok(()),
        _ => Err(Error::Cancelled(format!(
            "{} was not assumed: cancelled",
            question.role
        ))),
    }
}
