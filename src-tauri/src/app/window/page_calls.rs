//! The page's calls, as the window host forwards them: the command's name
//! and its JSON arguments become one typed `PageCall`, run by `commands`
//! in the tray process. The names are the ones `build.rs` declares (the
//! window host's capabilities grant them per window before forwarding).

use super::command_error::CommandError;
use super::commands;
use super::models::{PaletteAction, RoleInput};
use roletray_core::Sensitive;
use roletray_core::model::Shell;
use roletray_core::views::{NetworkView, SettingsView};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};
use tauri::{AppHandle, Runtime};

/// One call, its arguments named as the page names them (written to
/// `ui/types/PageCall.ts` for the page's contract). No `Debug`: three of
/// them carry a secret.
#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "cmd", content = "args", rename_all = "snake_case")]
pub enum PageCall {
    Snapshot {},
    Assume {
        role: String,
    },
    Renew {
        role: String,
    },
    EndSession {
        role: String,
    },
    CopyExports {
        role: String,
        format: Option<Shell>,
    },
    CopyLiveExports {
        role: String,
        format: Option<Shell>,
    },
    OpenConsole {
        role: String,
    },
    WriteProfile {
        role: String,
        profile: Option<String>,
    },
    ResetEndpointTokens {},
    RestoreCredentials {
        /// The AWS config file rather than the credentials file.
        #[serde(default)]
        config: bool,
    },
    AddSource {
        name: String,
        access_key_id: String,
        #[cfg_attr(test, ts(type = "string"))]
        secret_access_key: SecretArg,
        mfa_serial: Option<String>,
        region: Option<String>,
        #[serde(default)]
        mfa_command: Option<String>,
    },
    UpdateSource {
        name: String,
        mfa_serial: Option<String>,
        region: Option<String>,
        #[serde(default)]
        mfa_command: Option<String>,
    },
    /// The YubiKey's OATH accounts, to pick a code command from.
    YubikeyAccounts {
        mfa_serial: Option<String>,
    },
    RotateSourceKey {
        name: String,
        access_key_id: String,
        #[cfg_attr(test, ts(type = "string"))]
        secret_access_key: SecretArg,
    },
    /// Replace the key on AWS and in the keychain (the safe rotation).
    RotateSource {
        name: String,
    },
    /// Ask IAM now about the source's key.
    CheckSource {
        name: String,
    },
    RemoveSource {
        name: String,
    },
    ForgetMfaSession {
        source: String,
    },
    SsoAdd {
        name: String,
        start_url: String,
        region: String,
        scopes: Vec<String>,
    },
    SsoSignIn {
        name: String,
        device_code: bool,
    },
    SsoCancelSignIn {
        name: String,
    },
    SsoSignOut {
        name: String,
    },
    SsoRefresh {
        name: String,
    },
    SsoRemove {
        name: String,
    },
    SsoFavourite {
        role: String,
        favourite: bool,
    },
    SigninAdd {
        name: String,
        region: String,
    },
    SigninSignIn {
        name: String,
    },
    SigninCancelSignIn {
        name: String,
    },
    SigninSignOut {
        name: String,
    },
    SigninRemove {
        name: String,
    },
    SaveRole {
        name: String,
        role: RoleInput,
        replace: bool,
    },
    RemoveRole {
        name: String,
    },
    ImportAws {},
    RemoveImportedKeys {
        names: Vec<String>,
    },
    ValidateField {
        field: String,
        value: String,
    },
    SaveSettings {
        settings: SettingsView,
    },
    NetworkSettings {},
    SaveNetwork {
        network: NetworkView,
        /// A new proxy password (empty: remove the kept one); absent: keep it.
        #[cfg_attr(test, ts(type = "string | null"))]
        #[serde(default)]
        password: Option<SecretArg>,
    },
    NetworkCheck {},
    /// Clears the activity, up to the entry numbered `up_to` when given.
    ClearActivity {
        #[cfg_attr(test, ts(type = "number | null"))]
        #[serde(default)]
        up_to: Option<u64>,
    },
    OpenLog {},
    SubmitMfa {
        #[cfg_attr(test, ts(type = "number"))]
        request_id: u64,
        #[cfg_attr(test, ts(type = "string"))]
        code: SecretArg,
    },
    /// The answer to a question asked before a role is assumed.
    AnswerConfirm {
        #[cfg_attr(test, ts(type = "number"))]
        request_id: u64,
        yes: bool,
    },
    CancelMfa {
        #[cfg_attr(test, ts(type = "number"))]
        request_id: u64,
    },
    ImportPreview {},
    Quit {},
    /// The quick switch's best matches.
    PaletteSearch {
        query: String,
    },
    /// What a palette key asks of a role.
    PaletteAct {
        role: String,
        action: PaletteAction,
        #[serde(default)]
        format: Option<Shell>,
        /// The person said yes, in the palette, to a production role's question.
        #[serde(default)]
        answered: bool,
    },
    ClosePalette {},
}

/// A secret the page sent, in `Sensitive` from the moment it is read.
pub struct SecretArg(Sensitive<String>);

impl<'de> Deserialize<'de> for SecretArg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SecretArg, D::Error> {
        String::deserialize(d).map(|s| SecretArg(Sensitive::new(s)))
    }
}

/// Runs the page's call `cmd` with `args`: its JSON answer, or the error
/// the page gets (`{ code, message, field? }`).
pub async fn route<R: Runtime>(
    app: AppHandle<R>,
    cmd: String,
    args: Value,
) -> Result<Value, Value> {
    let call = serde_json::from_value::<PageCall>(json!({ "cmd": cmd, "args": args }))
        .map_err(|e| to_value(&bad_call(&cmd, &e)))?;
    let app = &app;
    match call {
        PageCall::Snapshot {} => answer(Ok(commands::snapshot(app))),
        PageCall::Assume { role } => answer(commands::assume(app, role).await),
        PageCall::Renew { role } => answer(commands::renew(app, role).await),
        PageCall::EndSession { role } => answer(commands::end_session(app, role).await),
        PageCall::CopyExports { role, format } => {
            answer(commands::copy_exports(app, role, format).await)
        }
        PageCall::CopyLiveExports { role, format } => {
            answer(commands::copy_live_exports(app, role, format).await)
        }
        PageCall::OpenConsole { role } => answer(commands::open_console(app, role).await),
        PageCall::WriteProfile { role, profile } => {
            answer(commands::write_profile(app, role, profile).await)
        }
        PageCall::ResetEndpointTokens {} => answer(commands::reset_endpoint_tokens(app).await),
        PageCall::RestoreCredentials { config } => {
            answer(commands::restore_credentials(app, config))
        }
        PageCall::AddSource {
            name,
            access_key_id,
            secret_access_key,
            mfa_serial,
            region,
            mfa_command,
        } => answer(commands::add_source(
            app,
            name,
            access_key_id,
            &secret_access_key.0,
            mfa_serial,
            region,
            mfa_command,
        )),
        PageCall::UpdateSource {
            name,
            mfa_serial,
            region,
            mfa_command,
        } => answer(commands::update_source(
            app,
            name,
            mfa_serial,
            region,
            mfa_command,
        )),
        PageCall::YubikeyAccounts { mfa_serial } => {
            answer(commands::yubikey_accounts(mfa_serial).await)
        }
        PageCall::RotateSourceKey {
            name,
            access_key_id,
            secret_access_key,
        } => answer(commands::rotate_source_key(
            app,
            name,
            access_key_id,
            &secret_access_key.0,
        )),
        PageCall::RotateSource { name } => answer(commands::rotate_source(app, name).await),
        PageCall::CheckSource { name } => answer(commands::check_source(app, name).await),
        PageCall::RemoveSource { name } => answer(commands::remove_source(app, name)),
        PageCall::ForgetMfaSession { source } => {
            answer(commands::forget_mfa_session(app, source).await)
        }
        PageCall::SsoAdd {
            name,
            start_url,
            region,
            scopes,
        } => answer(commands::sso_add(app, name, start_url, region, scopes).await),
        PageCall::SsoSignIn { name, device_code } => {
            answer(commands::sso_sign_in(app, name, device_code).await)
        }
        PageCall::SsoCancelSignIn { name } => {
            commands::sso_cancel_sign_in(app, name);
            answer(Ok(()))
        }
        PageCall::SsoSignOut { name } => answer(commands::sso_sign_out(app, name).await),
        PageCall::SsoRefresh { name } => answer(commands::sso_refresh(app, name).await),
        PageCall::SsoRemove { name } => answer(commands::sso_remove(app, name).await),
        PageCall::SsoFavourite { role, favourite } => {
            answer(commands::sso_favourite(app, role, favourite))
        }
        PageCall::SigninAdd { name, region } => {
            answer(commands::signin_add(app, name, region).await)
        }
        PageCall::SigninSignIn { name } => answer(commands::signin_sign_in(app, name).await),
        PageCall::SigninCancelSignIn { name } => {
            commands::signin_cancel_sign_in(app, name);
            answer(Ok(()))
        }
        PageCall::SigninSignOut { name } => answer(commands::signin_sign_out(app, name).await),
        PageCall::SigninRemove { name } => answer(commands::signin_remove(app, name).await),
        PageCall::SaveRole {
            name,
            role,
            replace,
        } => answer(commands::save_role(app, name, role, replace)),
        PageCall::RemoveRole { name } => answer(commands::remove_role(app, name)),
        PageCall::ImportAws {} => answer(commands::import_aws(app).await),
        PageCall::RemoveImportedKeys { names } => {
            answer(commands::remove_imported_keys(app, names).await)
        }
        PageCall::ValidateField { field, value } => {
            answer(Ok(commands::validate_field(field, value)))
        }
        PageCall::SaveSettings { settings } => answer(commands::save_settings(app, settings)),
        PageCall::NetworkSettings {} => answer(Ok(commands::network_settings(app))),
        PageCall::SaveNetwork { network, password } => answer(commands::save_network(
            app,
            &network,
            password.as_ref().map(|p| &p.0),
        )),
        PageCall::NetworkCheck {} => answer(Ok(commands::network_check(app).await)),
        PageCall::ClearActivity { up_to } => answer(Ok(commands::clear_activity(app, up_to))),
        PageCall::OpenLog {} => answer(commands::open_log(app)),
        PageCall::SubmitMfa { request_id, code } => {
            answer(commands::submit_mfa(app, request_id, &code.0))
        }
        PageCall::AnswerConfirm { request_id, yes } => {
            commands::answer_confirm(app, request_id, yes);
            answer(Ok(()))
        }
        PageCall::CancelMfa { request_id } => {
            commands::cancel_mfa(app, request_id);
            answer(Ok(()))
        }
        PageCall::ImportPreview {} => answer(commands::import_preview(app).await),
        PageCall::Quit {} => answer(commands::quit(app).await),
        PageCall::PaletteSearch { query } => answer(Ok(commands::palette_search(app, &query))),
        PageCall::PaletteAct {
            role,
            action,
            format,
            answered,
        } => answer(commands::palette_act(app, role, action, format, answered).await),
        PageCall::ClosePalette {} => {
            commands::close_palette(app);
            answer(Ok(()))
        }
    }
}

fn answer<T: Serialize>(result: Result<T, CommandError>) -> Result<Value, Value> {
    match result {
        Ok(v) => Ok(to_value(&v)),
        Err(e) => Err(to_value(&e)),
    }
}

fn to_value<T: Serialize>(v: &T) -> Value {
    // The answers are plain data (strings, numbers, maps with string keys).
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// An unknown command or malformed arguments: a bug in the page. serde's
/// own message may quote the value (a secret, say), so only its position
/// is kept.
fn bad_call(cmd: &str, e: &serde_json::Error) -> CommandError {
    tracing::warn!(cmd, "the window sent a call RoleTray cannot read");
    CommandError {
        code: "invalid_input".into(),
        message: format!(
            "the window sent `{cmd}` with arguments RoleTray cannot read ({:?} error)",
            e.classify()
        )
        .to_lowercase(),
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command `build.rs` declares (the names the capabilities grant)
    /// is a call the tray can read.
    #[test]
    fn every_declared_command_is_routed() {
        let build = include_str!("../../../build.rs");
        let list = &build[build.find("const COMMANDS").unwrap_or(0)..build.find("];").unwrap_or(0)];
        let names: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
        assert!(names.len() > 20, "{names:?}");
        for name in names {
            let e = serde_json::from_value::<PageCall>(json!({"cmd": name, "args": {}}))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(!e.contains("unknown variant"), "{name}: {e}");
        }
        let e = serde_json::from_value::<PageCall>(json!({"cmd": "format_disk", "args": {}}));
        assert!(e.is_err());
    }

    #[test]
    fn a_bad_call_names_the_command_but_not_the_value() {
        let e = serde_json::from_value::<PageCall>(json!({"cmd": "add_source", "args": {
            "name": "me", "access_key_id": "AKIAIOSFODNN7EXAMPLE", "secret_access_key": ["wJalrXUtnFEMI"]}}))
        .err()
        .map(|e| bad_call("add_source", &e))
        .unwrap_or_else(|| panic!("accepted a list as the secret"));
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.contains("add_source"), "{}", e.message);
        assert!(!e.message.contains("wJalr"), "{}", e.message);
    }
}
