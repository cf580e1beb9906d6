//! The key keeper: reads every key-pair source's key facts from IAM about
//! once a day (and at start when none are cached), and reminds the person,
//! at most once a day per source, of a key older than `key-max-age` or a
//! second key lying unused, with a notification whose button rotates it.

use crate::app::desktop::notifications;
use crate::app::dispatch;
use crate::app::intent::Intent;
use crate::app::state::AppCtx;
use roletray_core::Error;
use roletray_core::key_life::reminders;
use roletray_core::service::NoPrompt;
use roletray_core::views::Level;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// How often the keeper looks (facts older than a day are read again).
const KEEPER_EVERY: Duration = Duration::from_secs(15 * 60);

/// Keeps key facts fresh and reminds, for the life of the app.
pub async fn keep<R: Runtime>(app: AppHandle<R>) {
    let service = app.state::<AppCtx>().service.clone();
    // Sources told once that their user may not read its keys.
    let mut told_denied = std::collections::BTreeSet::new();
    loop {
        for name in service.key_sources_to_read().unwrap_or_default() {
            // Never asks for an MFA code: that waits for the person.
            match service.check_source(&name, &NoPrompt, &|_| {}).await {
                Ok(facts) => {
                    if let Some(p) = &facts.not_allowed
                        && told_denied.insert(name.clone())
                    {
                        service.record(
                            Level::Info,
                            &format!("key facts of {name} unknown: its IAM user may not read its own keys ({p} is missing)"),
                            "access_denied",
                        );
                    }
                }
                Err(e @ Error::MfaRequired { .. }) => {
                    tracing::info!(source = name, "key facts need an MFA code: {e}")
                }
                Err(e) => {
                    tracing::info!(source = name, code = e.code(), "cannot read key facts: {e}")
                }
            }
        }
        remind(&app);
        tokio::time::sleep(KEEPER_EVERY).await;
    }
}

/// Notifies what is due, at most once a day per source.
fn remind<R: Runtime>(app: &AppHandle<R>) {
    let service = app.state::<AppCtx>().service.clone();
    let due = match service.take_key_reminders() {
        Ok(due) => due,
        Err(e) => {
            tracing::warn!(code = e.code(), "cannot read key reminders: {e}");
            return;
        }
    };
    for (source, due_list) in due {
        let body = due_list
            .iter()
            .map(|r| r.text())
            .collect::<Vec<_>>()
            .join("; ");
        let text = format!("{source}: {body}");
        service.record(Level::Warning, &text, "key_reminder");
        let target = app.clone();
        if reminders::rotation_answers(&due_list) {
            let summary = format!("Rotate the key of {source}");
            notifications::with_action(app, &summary, &text, "Rotate now", move || {
                dispatch::spawn(&target, Intent::RotateKey(source));
            });
        } else {
            // A second key is the person's to decide about: Sources shows it.
            let summary = format!("The keys of {source} need you");
            notifications::with_action(app, &summary, &text, "Open RoleTray", move || {
                dispatch::spawn(&target, Intent::Open);
            });
        }
    }
}
