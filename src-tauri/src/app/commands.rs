//! The page's commands. Each parses what the page sent, hands an intent to
//! the dispatcher (or calls the service), and maps the error: no logic
//! lives here. The page hears of every change through the state event too.

use super::command_error::{CommandError, CommandResult};
use super::context::{AppCtx, snapshot as current};
use super::dispatch::{Done, dispatch};
use super::intent::Intent;
use super::models::{CredentialsRestored, ImportLine, ImportResult, ProfileWritten, RoleInput};
use roletray_core::Sensitive;
use roletray_core::model::{Shell, Source};
use roletray_core::validate;
use roletray_core::views::{SettingsView, Snapshot};
use tauri::{AppHandle, Runtime, State};

fn blank_none(o: Option<String>) -> Option<String> {
    o.filter(|s| !s.trim().is_empty())
}

#[tauri::command(rename_all = "snake_case")]
pub fn snapshot<R: Runtime>(app: AppHandle<R>) -> Snapshot {
    current(&app)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn assume<R: Runtime>(app: AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(&app, Intent::Assume(role)).await?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn renew<R: Runtime>(app: AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(&app, Intent::Renew(role)).await?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn end_session<R: Runtime>(app: AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(&app, Intent::End(role)).await?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn copy_exports<R: Runtime>(
    app: AppHandle<R>,
    role: String,
    format: Option<Shell>,
) -> CommandResult<()> {
    dispatch(
        &app,
        Intent::Copy {
            role,
            shell: format,
        },
    )
    .await?;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn copy_live_exports<R: Runtime>(
    app: AppHandle<R>,
    role: String,
    format: Option<Shell>,
) -> CommandResult<()> {
    dispatch(
        &app,
        Intent::CopyLive {
            role,
            shell: format,
        },
    )
    .await?;
    Ok(())
}

/// Opens the console; resolves to a notice (e.g. a shorter console session) or null.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_console<R: Runtime>(
    app: AppHandle<R>,
    role: String,
) -> CommandResult<Option<String>> {
    match dispatch(&app, Intent::Console(role)).await? {
        Done::Notice(notice) => Ok(notice),
        _ => Ok(None),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn write_profile<R: Runtime>(
    app: AppHandle<R>,
    role: String,
    profile: Option<String>,
) -> CommandResult<ProfileWritten> {
    let profile = blank_none(profile);
    let Done::Profile(out) = dispatch(&app, Intent::WriteProfile { role, profile }).await? else {
        unreachable!("writing a profile answers with the profile");
    };
    Ok(ProfileWritten {
        path: out.outcome.path.display().to_string(),
        backed_up: out.outcome.backed_up,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn reset_endpoint_tokens<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
) -> CommandResult<Snapshot> {
    state.service.reset_endpoint_tokens().await?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn restore_credentials(state: State<'_, AppCtx>) -> CommandResult<CredentialsRestored> {
    let done = state.service.restore_credentials(false)?;
    Ok(CredentialsRestored {
        path: done.path.display().to_string(),
        bytes: done.bytes,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn add_source<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
    access_key_id: String,
    secret_access_key: String,
    mfa_serial: Option<String>,
    region: Option<String>,
) -> CommandResult<Snapshot> {
    let secret = Sensitive::new(secret_access_key);
    let source = Source {
        access_key_id: access_key_id.trim().to_owned(),
        mfa_serial: blank_none(mfa_serial),
        region: blank_none(region),
    };
    state
        .service
        .put_source(name.trim(), source, &secret, false)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn update_source<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
    mfa_serial: Option<String>,
    region: Option<String>,
) -> CommandResult<Snapshot> {
    state
        .service
        .update_source(&name, blank_none(mfa_serial), blank_none(region))?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn rotate_source_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
    access_key_id: String,
    secret_access_key: String,
) -> CommandResult<Snapshot> {
    let secret = Sensitive::new(secret_access_key);
    state
        .service
        .rotate_source_key(&name, access_key_id.trim(), &secret)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn remove_source<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
) -> CommandResult<Snapshot> {
    state.service.remove_source(&name)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn save_role<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
    role: RoleInput,
    replace: bool,
) -> CommandResult<Snapshot> {
    state.service.put_role(name.trim(), role.into(), replace)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn remove_role<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    name: String,
) -> CommandResult<Snapshot> {
    state.service.remove_role(&name)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_aws<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
) -> CommandResult<ImportResult> {
    let report = state.service.import_aws().await?;
    Ok(ImportResult {
        snapshot: current(&app),
        report: report.into_iter().map(ImportLine::from).collect(),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub fn remove_imported_keys<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    names: Vec<String>,
) -> CommandResult<ImportResult> {
    let report = state.service.remove_imported_keys(&names)?;
    Ok(ImportResult {
        snapshot: current(&app),
        report: report.into_iter().map(ImportLine::from).collect(),
    })
}

/// Resolves to `null` when the value is valid, else to the error (it does not reject).
#[tauri::command(rename_all = "snake_case")]
pub fn validate_field(field: String, value: String) -> Option<CommandError> {
    validate::field(&field, &value).map(CommandError::from)
}

#[tauri::command(rename_all = "snake_case")]
pub fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppCtx>,
    settings: SettingsView,
) -> CommandResult<Snapshot> {
    state.service.save_settings(&settings)?;
    super::autostart::set(&app, settings.start_at_login)?;
    Ok(current(&app))
}

#[tauri::command(rename_all = "snake_case")]
pub fn clear_activity<R: Runtime>(app: AppHandle<R>, state: State<'_, AppCtx>) -> Snapshot {
    state.service.clear_activity();
    current(&app)
}

/// Opens today's log file with the desktop's default program for it.
#[tauri::command(rename_all = "snake_case")]
pub fn open_log<R: Runtime>(app: AppHandle<R>, state: State<'_, AppCtx>) -> CommandResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let dir = state
        .log_dir
        .as_deref()
        .ok_or_else(|| roletray_core::Error::invalid("log", "this RoleTray writes no log file"))?;
    let file = super::logging::current_file(dir);
    let target = if file.exists() { file } else { dir.to_owned() };
    app.opener()
        .open_path(target.display().to_string(), None::<&str>)
        .map_err(|e| roletray_core::Error::CommandFailed {
            program: "the default program for logs".into(),
            message: e.to_string(),
        })?;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub fn submit_mfa(state: State<'_, AppCtx>, request_id: u64, code: String) -> CommandResult<()> {
    state
        .mfa
        .submit(request_id, Sensitive::new(code.trim().to_owned()))?;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_mfa(state: State<'_, AppCtx>, request_id: u64) {
    state.mfa.cancel(request_id);
}
