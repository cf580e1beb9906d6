//! Everything the page and the backend exchange besides the snapshot
//! (`roletray_core::views`): command inputs and results. One convention
//! both ways: snake_case field names, as the snapshot has them. `cargo
//! test` writes each as a TypeScript type into `ui/types/`, which the
//! page's JSDoc refers to and `tsc` checks.

use roletray_core::environment::Colour;
use roletray_core::model::Role;
use roletray_core::service::Imported;
use roletray_core::service::MfaCommand;
use roletray_core::views::Snapshot;
use serde::{Deserialize, Serialize};

/// A role as the page's form sends it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RoleInput {
    pub role_arn: String,
    pub source: Option<String>,
    pub via: Option<String>,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
    pub duration_seconds: Option<u32>,
    pub mfa_serial: Option<String>,
    pub region: Option<String>,
    #[serde(default)]
    pub favourite: bool,
    /// The role's own MFA device's code command, as one line.
    #[serde(default)]
    pub mfa_command: Option<String>,
    #[serde(default)]
    pub environment: Option<String>,
    #[serde(default)]
    pub colour: Option<Colour>,
    /// Ask before assuming from the tray or window (`None`: for production).
    #[serde(default)]
    pub confirm: Option<bool>,
}

impl TryFrom<RoleInput> for Role {
    type Error = roletray_core::Error;

    fn try_from(r: RoleInput) -> roletray_core::Result<Role> {
        let some = |o: Option<String>| o.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(Role {
            role_arn: r.role_arn.trim().to_owned(),
            source: some(r.source),
            via: some(r.via),
            external_id: some(r.external_id),
            session_name: some(r.session_name),
            duration_seconds: r.duration_seconds,
            mfa_serial: some(r.mfa_serial),
            region: some(r.region),
            favourite: r.favourite,
            mfa_command: some(r.mfa_command)
                .as_deref()
                .map(MfaCommand::parse)
                .transpose()?,
            environment: some(r.environment),
            colour: r.colour,
            confirm: r.confirm,
            sso: None,
            signin: None,
            identity_center: None,
        })
    }
}

/// An OATH account on the YubiKey and the code command that reads it.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct YubikeyAccount {
    pub name: String,
    pub command: String,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ProfileWritten {
    pub path: String,
    /// The file's original bytes were kept in the keychain by this write.
    pub backed_up: bool,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CredentialsRestored {
    pub path: String,
    pub bytes: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ImportResult {
    pub snapshot: Snapshot,
    pub report: Vec<ImportLine>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ImportLine {
    pub kind: &'static str,
    pub name: String,
    pub outcome: String,
    /// What the AWS files still hold of it may leave them (its keys, or
    /// the AWS CLI's sign-in): the report offers to.
    pub removable: bool,
}

impl From<Imported> for ImportLine {
    fn from(i: Imported) -> ImportLine {
        ImportLine {
            kind: i.kind,
            name: i.name,
            outcome: i.outcome,
            removable: i.removable,
        }
    }
}

/// What a key in the palette asks of the chosen role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PaletteAction {
    /// Its export lines to the clipboard (assumed first if needed).
    Copy,
    /// Live export lines (the credential endpoint's).
    CopyLive,
    /// The AWS console in the browser.
    Console,
    /// Its session as a profile in the AWS credentials file.
    WriteProfile,
}

/// How a palette action went: done (the palette closes), or not done
/// because the role asks first and the person has not answered yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PaletteOutcome {
    Done,
    Ask,
}
