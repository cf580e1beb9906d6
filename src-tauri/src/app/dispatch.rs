//! The one dispatcher: every `Intent`, from the tray, a notification button
//! or the page, becomes one call to the service (plus what only a desktop
//! can do: the clipboard, the browser, the window). The faces never call
//! the service's session flows themselves.

use super::desktop::{clipboard, notifications};
use super::intent::{Done, Intent, shell_label};
use super::signin_sign_in;
use super::sso_sign_in;
use super::state::AppCtx;
use super::window::confirm_prompt;
use super::window::link;
use super::window::mfa_prompt::WindowMfa;
use roletray_core::console::{ConsoleOptions, link_file};
use roletray_core::credentials_file::WriteOptions;
use roletray_core::service::{AssumeQuestion, RotateOptions};
use roletray_core::views::{Level, mask_key_id};
use roletray_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime};

/// Runs `intent` in the background (tray clicks, notification buttons); a
/// failure becomes a notification and an activity entry.
pub fn spawn<R: Runtime>(app: &AppHandle<R>, intent: Intent) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let what = intent.describe();
        match dispatch(&app, intent).await {
            Ok(Done::Profile(p)) => {
                notifications::info(
                    &app,
                    "Profile written",
                    &p.outcome.path.display().to_string(),
                );
            }
            Ok(_) => {}
            // The person said no (a question, an MFA prompt): no failure.
            Err(e @ Error::Cancelled(_)) => {
                let service = &app.state::<AppCtx>().service;
                service.record(Level::Info, &format!("{what}: {e}"), e.code());
            }
            // Logged and listed in Activity by the service, then notified.
            Err(e) => notifications::failure(&app, &what, &e),
        }
    });
}

/// Does what `intent` asks and says how it went. A production role asks
/// first, in a window of its own.
pub async fn dispatch<R: Runtime>(app: &AppHandle<R>, intent: Intent) -> Result<Done> {
    if let Some(question) = question_before(app, &intent)? {
        confirm_prompt::ask(app, &question).await?;
    }
    dispatch_answered(app, intent).await
}

/// The question `intent` asks before it runs: when it makes a session of
/// a role that asks first (production).
pub fn question_before<R: Runtime>(
    app: &AppHandle<R>,
    intent: &Intent,
) -> Result<Option<AssumeQuestion>> {
    match intent.makes_session() {
        Some(role) => app.state::<AppCtx>().service.question_before_assuming(role),
        None => Ok(None),
    }
}

/// [`dispatch`] once the person has answered a production role's question
/// where they asked (the palette asks it in place, from the keyboard).
pub async fn dispatch_answered<R: Runtime>(app: &AppHandle<R>, intent: Intent) -> Result<Done> {
    let service = app.state::<AppCtx>().service.clone();
    let mfa = WindowMfa::for_app(app);
    tracing::debug!(action = %intent.describe(), "dispatch");
    match intent {
        Intent::Assume(role) => service.assume(&role, &mfa).await.map(|_| Done::Nothing),
        Intent::Renew(role) => service.renew(&role, &mfa).await.map(|_| Done::Nothing),
        Intent::End(role) => service.end_session(&role).await.map(|()| Done::Nothing),
        Intent::Copy { role, shell } => {
            let (shell, lines) = service.export_lines(&role, shell, &mfa).await?;
            let clear_after = service.settings().clipboard_clear_seconds;
            clipboard::copy_secret(app, &lines, clear_after)?;
            let when = if clear_after > 0 {
                format!(" (cleared in {clear_after} s)")
            } else {
                String::new()
            };
            let label = shell_label(shell);
            let message = format!("copied {label} export lines for {role}{when}");
            service.record(Level::Info, &message, "copied");
            Ok(Done::Nothing)
        }
        Intent::CopyLive { role, shell } => {
            // The token is a secret too: it gets the same clipboard handling.
            let (shell, lines) = service.live_export_lines(&role, shell)?;
            clipboard::copy_secret(app, &lines, service.settings().clipboard_clear_seconds)?;
            let message = format!("copied live {} export lines for {role}", shell_label(shell));
            service.record(Level::Info, &message, "copied");
            Ok(Done::Nothing)
        }
        Intent::Console(role) => open_console(app, &role, &mfa).await,
        Intent::WriteProfile { role, profile } => {
            let options = WriteOptions::default();
            let written = service
                .write_profile(&role, profile.as_deref(), options, &mfa)
                .await?;
            Ok(Done::Profile(written))
        }
        Intent::SsoSignIn { sso, device_code } => {
            sso_sign_in::sign_in(app, &sso, device_code).await
        }
        Intent::RotateKey(source) => rotate_key(app, &source, &mfa).await,
        Intent::SigninSignIn(name) => signin_sign_in::sign_in(app, &name).await,
        Intent::Open => link::open_main(app).map(|()| Done::Nothing),
        Intent::Palette => link::open_palette(app).map(|()| Done::Nothing),
        Intent::Quit => {
            app.exit(0);
            Ok(Done::Nothing)
        }
    }
}

/// Rotates `source`'s key, telling the activity list what it waits for
/// and the person how it ended.
async fn rotate_key<R: Runtime>(
    app: &AppHandle<R>,
    source: &str,
    mfa: &WindowMfa<R>,
) -> Result<Done> {
    let service = app.state::<AppCtx>().service.clone();
    let progress_service = service.clone();
    let progress = move |m: &str| progress_service.record(Level::Info, m, "rotating");
    let done = service
        .rotate_source(source, RotateOptions::default(), mfa, &progress)
        .await?;
    let message = format!(
        "The key of {source} was rotated: it is now {}, and the old key {} is deleted",
        mask_key_id(&done.new_key_id),
        mask_key_id(&done.old_key_id)
    );
    service.record(Level::Info, &message, "rotated");
    notifications::info(app, "Key rotated", &message);
    Ok(Done::Nothing)
}

/// Opens the AWS console as `role` in the default browser. The link never
/// reaches the opener's argv: a private page forwards to it.
async fn open_console<R: Runtime>(
    app: &AppHandle<R>,
    role: &str,
    mfa: &WindowMfa<R>,
) -> Result<Done> {
    use tauri_plugin_opener::OpenerExt;
    let service = app.state::<AppCtx>().service.clone();
    let login = service
        .console_login(role, mfa, &ConsoleOptions::default())
        .await?;
    let page = link_file::write(&service.paths().runtime_dir, &login.url)?;
    app.opener()
        .open_url(link_file::file_url(&page)?, None::<&str>)
        .map_err(|e| Error::CommandFailed {
            program: "the default browser".into(),
            message: e.to_string(),
        })?;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(link_file::LIFETIME).await;
        std::fs::remove_file(&page).ok();
    });
    Ok(Done::Notice(login.notice))
}
