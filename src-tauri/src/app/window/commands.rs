//! The page's commands, run in the tray process (`page_calls` routes the
//! calls the window host forwards). Each hands an intent to the dispatcher
//! (or calls the service) and maps the error: no logic lives here. The page
//! hears of every change through the state event too.

use super::command_error::{CommandError, CommandResult};
use super::models::{
    CredentialsRestored, ImportLine, ImportResult, PaletteAction, PaletteOutcome, ProfileWritten,
    RoleInput, YubikeyAccount,
};
use crate::app::desktop::autostart;
use crate::app::dispatch::{dispatch, dispatch_answered, question_before};
use crate::app::intent::{Done, Intent};
use crate::app::snapshot::snapshot as current;
use crate::app::state::AppCtx;
use crate::app::window::link;
use crate::app::window::protocol::PALETTE;
use crate::app::{logging, signin_sign_in, sso_sign_in};
use roletray_core::Sensitive;
use roletray_core::model::{Shell, Source};
use roletray_core::net::check::NetworkReport;
use roletray_core::pick::PickHit;
use roletray_core::service::{MfaCommand, SourceEdit};
use roletray_core::signin::SigninSource;
use roletray_core::sso::SsoSource;
use roletray_core::validate;
use roletray_core::views::{ImportPreview, NetworkView, SettingsView, Snapshot};
use tauri::{AppHandle, Manager, Runtime, State};

/// The app's shared state.
fn ctx<R: Runtime>(app: &AppHandle<R>) -> State<'_, AppCtx> {
    app.state::<AppCtx>()
}

fn blank_none(o: Option<String>) -> Option<String> {
    o.filter(|s| !s.trim().is_empty())
}

pub fn snapshot<R: Runtime>(app: &AppHandle<R>) -> Snapshot {
    current(app)
}

pub async fn assume<R: Runtime>(app: &AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(app, Intent::Assume(role)).await?;
    Ok(current(app))
}

pub async fn renew<R: Runtime>(app: &AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(app, Intent::Renew(role)).await?;
    Ok(current(app))
}

pub async fn end_session<R: Runtime>(app: &AppHandle<R>, role: String) -> CommandResult<Snapshot> {
    dispatch(app, Intent::End(role)).await?;
    Ok(current(app))
}

pub async fn copy_exports<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
    format: Option<Shell>,
) -> CommandResult<()> {
    dispatch(
        app,
        Intent::Copy {
            role,
            shell: format,
        },
    )
    .await?;
    Ok(())
}

pub async fn copy_live_exports<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
    format: Option<Shell>,
) -> CommandResult<()> {
    dispatch(
        app,
        Intent::CopyLive {
            role,
            shell: format,
        },
    )
    .await?;
    Ok(())
}

/// Opens the console; resolves to a notice (e.g. a shorter console session) or null.
pub async fn open_console<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
) -> CommandResult<Option<String>> {
    match dispatch(app, Intent::Console(role)).await? {
        Done::Notice(notice) => Ok(notice),
        _ => Ok(None),
    }
}

pub async fn write_profile<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
    profile: Option<String>,
) -> CommandResult<ProfileWritten> {
    let profile = blank_none(profile);
    let Done::Profile(out) = dispatch(app, Intent::WriteProfile { role, profile }).await? else {
        unreachable!("writing a profile answers with the profile");
    };
    Ok(ProfileWritten {
        path: out.outcome.path.display().to_string(),
        backed_up: out.outcome.backed_up,
    })
}

/// How many matches the palette shows.
const PALETTE_ROWS: usize = 9;

/// The palette's best matches for `query`.
pub fn palette_search<R: Runtime>(app: &AppHandle<R>, query: &str) -> Vec<PickHit> {
    ctx(app).service.pick(query, PALETTE_ROWS)
}

/// Does what a palette key asks of `role`, then closes the palette. An
/// action that would ask first (a production role) is not done until the
/// person has answered in the palette (`answered`): it resolves to `Ask`.
pub async fn palette_act<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
    action: PaletteAction,
    format: Option<Shell>,
    answered: bool,
) -> CommandResult<PaletteOutcome> {
    let intent = match action {
        PaletteAction::Copy => Intent::Copy {
            role,
            shell: format,
        },
        PaletteAction::CopyLive => Intent::CopyLive {
            role,
            shell: format,
        },
        PaletteAction::Console => Intent::Console(role),
        PaletteAction::WriteProfile => Intent::WriteProfile {
            role,
            profile: None,
        },
    };
    if !answered && question_before(app, &intent)?.is_some() {
        return Ok(PaletteOutcome::Ask);
    }
    dispatch_answered(app, intent).await?;
    link::close(app, PALETTE);
    Ok(PaletteOutcome::Done)
}

/// Closes the palette (Esc, or it lost the focus).
pub fn close_palette<R: Runtime>(app: &AppHandle<R>) {
    link::close(app, PALETTE);
}

pub async fn reset_endpoint_tokens<R: Runtime>(app: &AppHandle<R>) -> CommandResult<Snapshot> {
    ctx(app).service.reset_endpoint_tokens().await?;
    Ok(current(app))
}

/// Restores the AWS credentials file, or with `config` the config file.
pub fn restore_credentials<R: Runtime>(
    app: &AppHandle<R>,
    config: bool,
) -> CommandResult<CredentialsRestored> {
    let service = &ctx(app).service;
    let done = if config {
        service.restore_config(false)?
    } else {
        service.restore_credentials(false)?
    };
    Ok(CredentialsRestored {
        path: done.path.display().to_string(),
        bytes: done.bytes,
    })
}

pub fn add_source<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    access_key_id: String,
    secret: &Sensitive<String>,
    mfa_serial: Option<String>,
    region: Option<String>,
    mfa_command: Option<String>,
) -> CommandResult<Snapshot> {
    let source = Source {
        access_key_id: access_key_id.trim().to_owned(),
        mfa_serial: blank_none(mfa_serial),
        region: blank_none(region),
        mfa_command: mfa_command_of(mfa_command)?,
        first_key_id: None,
    };
    ctx(app)
        .service
        .put_source(name.trim(), source, secret, false)?;
    Ok(current(app))
}

pub fn update_source<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    mfa_serial: Option<String>,
    region: Option<String>,
    mfa_command: Option<String>,
) -> CommandResult<Snapshot> {
    let edit = SourceEdit {
        mfa_serial: blank_none(mfa_serial),
        region: blank_none(region),
        mfa_command: mfa_command_of(mfa_command)?,
    };
    ctx(app).service.update_source(&name, edit)?;
    Ok(current(app))
}

/// A code command as the form's one line (blank: none).
fn mfa_command_of(line: Option<String>) -> roletray_core::Result<Option<MfaCommand>> {
    blank_none(line)
        .as_deref()
        .map(MfaCommand::parse)
        .transpose()
}

/// The YubiKey's OATH accounts as code commands for the form to offer,
/// the one named like the MFA device of `mfa_serial` first (none when
/// ykman is not installed or no key is in).
pub async fn yubikey_accounts(mfa_serial: Option<String>) -> CommandResult<Vec<YubikeyAccount>> {
    use roletray_core::mfa_code::yubikey;
    let accounts = yubikey::accounts(mfa_serial.as_deref()).await;
    Ok(accounts
        .into_iter()
        .map(|name| YubikeyAccount {
            command: yubikey::command_for(&name).to_line(),
            name,
        })
        .collect())
}

pub fn rotate_source_key<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    access_key_id: String,
    secret: &Sensitive<String>,
) -> CommandResult<Snapshot> {
    ctx(app)
        .service
        .rotate_source_key(&name, access_key_id.trim(), secret)?;
    Ok(current(app))
}

/// The safe rotation (as the tray's and the notification's Rotate now).
pub async fn rotate_source<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
) -> CommandResult<Snapshot> {
    dispatch(app, Intent::RotateKey(name)).await?;
    Ok(current(app))
}

/// Reads the source's key facts from IAM now.
pub async fn check_source<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    let mfa = crate::app::window::mfa_prompt::WindowMfa::for_app(app);
    ctx(app).service.check_source(&name, &mfa, &|_| {}).await?;
    Ok(current(app))
}

pub async fn forget_mfa_session<R: Runtime>(
    app: &AppHandle<R>,
    source: String,
) -> CommandResult<Snapshot> {
    ctx(app).service.forget_mfa_session(&source).await?;
    Ok(current(app))
}

pub async fn sso_add<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    start_url: String,
    region: String,
    scopes: Vec<String>,
) -> CommandResult<Snapshot> {
    let source = SsoSource {
        start_url: start_url.trim().to_owned(),
        region: region.trim().to_owned(),
        scopes: scopes
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        favourites: Vec::new(),
    };
    ctx(app).service.put_sso(name.trim(), source, false).await?;
    Ok(current(app))
}

/// Signs in (the browser, or the device code) and lists the roles; answers
/// what was found.
pub async fn sso_sign_in<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    device_code: bool,
) -> CommandResult<Option<String>> {
    match dispatch(
        app,
        Intent::SsoSignIn {
            sso: name,
            device_code,
        },
    )
    .await?
    {
        Done::Notice(notice) => Ok(notice),
        _ => Ok(None),
    }
}

/// Cancels a sign-in in progress. Answers nothing: the page learns the
/// outcome from the state the sign-in's end sends (a snapshot taken here
/// would race it, and could show the sign-in still waiting).
pub fn sso_cancel_sign_in<R: Runtime>(app: &AppHandle<R>, name: String) {
    sso_sign_in::cancel(app, &name);
}

pub async fn sso_sign_out<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    ctx(app).service.sso_logout(&name).await?;
    Ok(current(app))
}

pub async fn sso_refresh<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    let service = ctx(app).service.clone();
    let progress = sso_sign_in::AppProgress::new(service.clone(), &name);
    let result = service.sso_refresh(&name, &progress).await;
    progress.done();
    result?;
    Ok(current(app))
}

pub async fn sso_remove<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    ctx(app).service.remove_sso(&name).await?;
    Ok(current(app))
}

pub async fn signin_add<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    region: String,
) -> CommandResult<Snapshot> {
    let source = SigninSource {
        region: region.trim().to_owned(),
    };
    ctx(app)
        .service
        .put_signin(name.trim(), source, false)
        .await?;
    Ok(current(app))
}

/// Signs in with the browser; answers who is signed in.
pub async fn signin_sign_in<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
) -> CommandResult<Option<String>> {
    match dispatch(app, Intent::SigninSignIn(name)).await? {
        Done::Notice(notice) => Ok(notice),
        _ => Ok(None),
    }
}

/// Cancels a sign-in in progress (its call then fails as cancelled).
pub fn signin_cancel_sign_in<R: Runtime>(app: &AppHandle<R>, name: String) {
    signin_sign_in::cancel(app, &name);
}

pub async fn signin_sign_out<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
) -> CommandResult<Snapshot> {
    ctx(app).service.signin_logout(&name).await?;
    Ok(current(app))
}

pub async fn signin_remove<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
) -> CommandResult<Snapshot> {
    ctx(app).service.remove_signin(&name).await?;
    Ok(current(app))
}

pub fn sso_favourite<R: Runtime>(
    app: &AppHandle<R>,
    role: String,
    favourite: bool,
) -> CommandResult<Snapshot> {
    ctx(app).service.sso_favourite(&role, favourite)?;
    Ok(current(app))
}

pub fn remove_source<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    ctx(app).service.remove_source(&name)?;
    Ok(current(app))
}

pub fn save_role<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    role: RoleInput,
    replace: bool,
) -> CommandResult<Snapshot> {
    ctx(app)
        .service
        .put_role(name.trim(), role.try_into()?, replace)?;
    Ok(current(app))
}

pub fn remove_role<R: Runtime>(app: &AppHandle<R>, name: String) -> CommandResult<Snapshot> {
    ctx(app).service.remove_role(&name)?;
    Ok(current(app))
}

/// What an import would find in the AWS CLI's files (nothing is stored).
pub async fn import_preview<R: Runtime>(app: &AppHandle<R>) -> CommandResult<ImportPreview> {
    let service = ctx(app).service.clone();
    Ok(service.import_preview().await?)
}

/// Quits RoleTray (the window's way out when the desktop shows no tray).
pub async fn quit<R: Runtime>(app: &AppHandle<R>) -> CommandResult<()> {
    dispatch(app, Intent::Quit).await?;
    Ok(())
}

pub async fn import_aws<R: Runtime>(app: &AppHandle<R>) -> CommandResult<ImportResult> {
    let report = ctx(app).service.import_aws().await?;
    Ok(ImportResult {
        snapshot: current(app),
        report: report.into_iter().map(ImportLine::from).collect(),
    })
}

pub async fn remove_imported_keys<R: Runtime>(
    app: &AppHandle<R>,
    names: Vec<String>,
) -> CommandResult<ImportResult> {
    let report = ctx(app).service.remove_imported_keys(&names).await?;
    Ok(ImportResult {
        snapshot: current(app),
        report: report.into_iter().map(ImportLine::from).collect(),
    })
}

/// Resolves to `null` when the value is valid, else to the error (it does not reject).
pub fn validate_field(field: String, value: String) -> Option<CommandError> {
    validate::field(&field, &value).map(CommandError::from)
}

pub fn save_settings<R: Runtime>(
    app: &AppHandle<R>,
    settings: SettingsView,
) -> CommandResult<Snapshot> {
    ctx(app).service.save_settings(&settings)?;
    autostart::set(app, settings.start_at_login)?;
    Ok(current(app))
}

pub fn network_settings<R: Runtime>(app: &AppHandle<R>) -> NetworkView {
    ctx(app).service.network_view()
}

pub fn save_network<R: Runtime>(
    app: &AppHandle<R>,
    network: &NetworkView,
    password: Option<&Sensitive<String>>,
) -> CommandResult<NetworkView> {
    ctx(app).service.save_network(network, password)?;
    Ok(ctx(app).service.network_view())
}

pub async fn network_check<R: Runtime>(app: &AppHandle<R>) -> NetworkReport {
    ctx(app).service.network_check().await
}

pub fn clear_activity<R: Runtime>(app: &AppHandle<R>, up_to: Option<u64>) -> Snapshot {
    ctx(app).service.clear_activity(up_to);
    current(app)
}

/// Opens today's log file with the desktop's default program for it.
pub fn open_log<R: Runtime>(app: &AppHandle<R>) -> CommandResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let ctx = ctx(app);
    let dir = ctx
        .log_dir
        .as_deref()
        .ok_or_else(|| roletray_core::Error::invalid("log", "this RoleTray writes no log file"))?;
    let file = logging::current_file(dir);
    let target = if file.exists() { file } else { dir.to_owned() };
    app.opener()
        .open_path(target.display().to_string(), None::<&str>)
        .map_err(|e| roletray_core::Error::CommandFailed {
            program: "the default program for logs".into(),
            message: e.to_string(),
        })?;
    Ok(())
}

pub fn submit_mfa<R: Runtime>(
    app: &AppHandle<R>,
    request_id: u64,
    code: &Sensitive<String>,
) -> CommandResult<()> {
    ctx(app)
        .mfa
        .submit(request_id, Sensitive::new(code.expose().trim().to_owned()))?;
    Ok(())
}

pub fn answer_confirm<R: Runtime>(app: &AppHandle<R>, request_id: u64, yes: bool) {
    ctx(app).confirmations.answer(request_id, yes);
}

pub fn cancel_mfa<R: Runtime>(app: &AppHandle<R>, request_id: u64) {
    ctx(app).mfa.cancel(request_id);
}
