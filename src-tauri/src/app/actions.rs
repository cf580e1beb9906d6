//! What tray clicks and notification buttons do. Each action runs in the
//! background; any failure becomes a notification and an activity entry.

use super::clipboard;
use super::context::{AppCtx, refresh};
use super::mfa_window::WindowMfa;
use super::notifier;
use super::tray_menu::{TrayItem, shell_label};
use super::windows;
use roletray_core::Result;
use roletray_core::console::link_file;
use roletray_core::model::Shell;
use tauri::{AppHandle, Manager, Runtime};

pub fn window_mfa<R: Runtime>(app: &AppHandle<R>) -> WindowMfa<R> {
    WindowMfa {
        app: app.clone(),
        requests: app.state::<AppCtx>().mfa.clone(),
    }
}

pub fn on_tray_item<R: Runtime>(app: &AppHandle<R>, item: TrayItem) {
    match item {
        TrayItem::Open => {
            if let Err(e) = windows::open_main(app) {
                eprintln!("roletray: cannot open the window: {e}");
            }
        }
        TrayItem::Quit => app.exit(0),
        other => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let what = other.describe();
                if let Err(e) = run(&app, other).await {
                    notifier::notify_failure(&app, &what, &e);
                }
                refresh(&app);
            });
        }
    }
}

async fn run<R: Runtime>(app: &AppHandle<R>, item: TrayItem) -> Result<()> {
    let ctx = app.state::<AppCtx>();
    let service = ctx.service.clone();
    let mfa = window_mfa(app);
    let active = || {
        service
            .active_role()
            .ok_or_else(|| roletray_core::Error::NotFound {
                kind: "active role",
                name: "(none)".into(),
            })
    };
    match item {
        TrayItem::Role(role) => service.assume(&role, &mfa).await.map(drop),
        TrayItem::Copy => copy(app, &active()?, None).await,
        TrayItem::CopyAs(shell) => copy(app, &active()?, Some(shell)).await,
        TrayItem::CopyLive => copy_live(app, &active()?, None),
        TrayItem::Console => open_console(app, &active()?).await.map(drop),
        TrayItem::WriteProfile => {
            let options = roletray_core::credentials_file::WriteOptions::default();
            let out = service
                .write_profile(&active()?, None, options, &mfa)
                .await?;
            notifier::notify_info(app, "Profile written", &format!("{}", out.path.display()));
            Ok(())
        }
        TrayItem::Renew => service.renew(&active()?, &mfa).await.map(drop),
        TrayItem::End => service.end_session(&active()?).await,
        TrayItem::Open | TrayItem::Quit => Ok(()),
    }
}

/// Copies live export lines (endpoint URL and token) for `role`. The token
/// is a secret too: it goes through the same clipboard handling.
pub fn copy_live<R: Runtime>(app: &AppHandle<R>, role: &str, shell: Option<Shell>) -> Result<()> {
    let service = app.state::<AppCtx>().service.clone();
    let (shell, lines) = service.live_export_lines(role, shell)?;
    clipboard::copy_secret(app, &lines, service.settings().clipboard_clear_seconds)?;
    service.record(
        roletray_core::views::Level::Info,
        &format!("copied live {} export lines for {role}", shell_label(shell)),
        "copied",
    );
    Ok(())
}

/// Opens the AWS console as `role` in the default browser.
pub async fn open_console<R: Runtime>(app: &AppHandle<R>, role: &str) -> Result<Option<String>> {
    use tauri_plugin_opener::OpenerExt;
    let service = app.state::<AppCtx>().service.clone();
    let login = service.console_login(role, &window_mfa(app)).await?;
    // The link never reaches the opener's argv: a private page forwards to it.
    let page = link_file::write(&service.paths().runtime_dir, &login.url)?;
    app.opener()
        .open_url(link_file::file_url(&page)?, None::<&str>)
        .map_err(|e| roletray_core::Error::CommandFailed {
            program: "the default browser".into(),
            message: e.to_string(),
        })?;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(link_file::LIFETIME).await;
        std::fs::remove_file(&page).ok();
    });
    if let Some(notice) = &login.notice {
        service.record(roletray_core::views::Level::Info, notice, "console");
    }
    Ok(login.notice)
}

/// Copies export lines for `role` and says so.
pub async fn copy<R: Runtime>(app: &AppHandle<R>, role: &str, shell: Option<Shell>) -> Result<()> {
    let service = app.state::<AppCtx>().service.clone();
    let (shell, lines) = service.export_lines(role, shell, &window_mfa(app)).await?;
    let clear_after = service.settings().clipboard_clear_seconds;
    clipboard::copy_secret(app, &lines, clear_after)?;
    let when = if clear_after > 0 {
        format!(" (cleared in {clear_after} s)")
    } else {
        String::new()
    };
    service.record(
        roletray_core::views::Level::Info,
        &format!(
            "copied {} export lines for {role}{when}",
            shell_label(shell)
        ),
        "copied",
    );
    Ok(())
}
