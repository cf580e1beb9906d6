//! What RoleTray knows about: sources (IAM users' keys), roles, and settings.
//! Nothing here is secret: secret keys live only in the keychain.

use crate::environment::{self, Colour};
use crate::error::{Error, Result};
use crate::mfa_code::MfaCommand;
use crate::net::choice::ProxyChoice;
use crate::sso::target::{SsoRole, SsoTarget};
use crate::validate;
use serde::{Deserialize, Serialize};

/// An IAM user's long-lived key pair. The secret half is in the keychain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub access_key_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The key this source had before RoleTray rotated it (the first of its
    /// line of keys). Sessions made with any key of the line stay valid
    /// after a rotation, so they are told apart by this one; a key given by
    /// hand starts a new line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_key_id: Option<String>,
    /// The program that prints the MFA device's code (run without a shell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_command: Option<MfaCommand>,
}

/// Where a role's credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parent {
    /// Assumed with a source's long-lived keys.
    Source(String),
    /// Assumed with another role's temporary credentials (role chaining).
    Role(String),
    /// An Identity Center role: its credentials come from the portal.
    Sso(SsoTarget),
    /// The identity signed in to AWS Sign-In `NAME` itself.
    Signin(String),
}

/// A role to assume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub role_arn: String,
    /// The source whose keys assume this role (exclusive with `via`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The role whose session assumes this role (exclusive with `source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub favourite: bool,
    /// The program that prints the code of the role's own MFA device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_command: Option<MfaCommand>,
    /// The environment label (production, staging, …), shown wherever the
    /// role is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The colour the role shows in (else its label's, if it has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    /// Whether assuming it from the tray or the window asks first (else:
    /// yes for production).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<bool>,
    /// The Identity Center role this name means (`SSO/ACCOUNT_ID/ROLE_NAME`):
    /// an imported profile's name kept for the role it named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_center: Option<String>,
    /// Set on the roles an Identity Center source lists (never read from
    /// or written to `config.toml`).
    #[serde(skip)]
    pub sso: Option<SsoRole>,
    /// Set on the identity of an AWS Sign-In source, which goes by the
    /// source's name (never in `config.toml`).
    #[serde(skip)]
    pub signin: Option<String>,
}

/// The session length asked for when a role does not say.
pub const DEFAULT_DURATION: u32 = 3_600;

impl Role {
    /// An Identity Center role, as its source lists it.
    pub fn from_sso(target: SsoTarget, account_name: &str, favourite: bool) -> Role {
        Role {
            role_arn: target.role_arn(),
            source: None,
            via: None,
            external_id: None,
            session_name: None,
            duration_seconds: None,
            mfa_serial: None,
            region: None,
            favourite,
            mfa_command: None,
            environment: None,
            colour: None,
            confirm: None,
            signin: None,
            identity_center: None,
            sso: Some(SsoRole {
                target,
                account_name: account_name.to_owned(),
            }),
        }
    }

    /// The identity signed in to AWS Sign-In source `name`, as a role.
    pub fn from_signin(name: &str) -> Role {
        Role {
            signin: Some(name.to_owned()),
            ..Role::default()
        }
    }

    /// Where this role's credentials come from.
    pub fn parent(&self) -> Result<Parent> {
        if let Some(s) = &self.sso {
            return Ok(Parent::Sso(s.target.clone()));
        }
        if let Some(s) = &self.signin {
            return Ok(Parent::Signin(s.clone()));
        }
        if let Some(key) = &self.identity_center {
            return SsoTarget::parse(key).map(Parent::Sso).ok_or_else(|| {
                Error::invalid(
                    "identity_center",
                    format!("'{key}' is not an Identity Center role (SSO/ACCOUNT_ID/ROLE_NAME)"),
                )
            });
        }
        match (&self.source, &self.via) {
            (Some(s), None) => Ok(Parent::Source(s.clone())),
            (None, Some(r)) => Ok(Parent::Role(r.clone())),
            (Some(_), Some(_)) => Err(Error::invalid(
                "source",
                "a role takes its credentials from a source or from another role (via), not both",
            )),
            (None, None) => Err(Error::invalid(
                "source",
                "a role needs a source (--source) or a role to chain through (--via)",
            )),
        }
    }

    /// The duration to ask STS for: AWS caps chained sessions at one hour.
    pub fn effective_duration(&self) -> u32 {
        let asked = self.duration_seconds.unwrap_or(DEFAULT_DURATION);
        if self.via.is_some() {
            asked.min(validate::CHAINED_MAX_DURATION)
        } else {
            asked
        }
    }

    /// The colour the role shows in: its own, else its label's.
    pub fn shown_colour(&self) -> Option<Colour> {
        self.colour
            .or_else(|| self.environment.as_deref().and_then(Colour::for_label))
    }

    /// Whether assuming it from the tray or the window asks first: as the
    /// role says, else for production.
    pub fn asks_first(&self) -> bool {
        self.confirm.unwrap_or_else(|| {
            self.environment
                .as_deref()
                .is_some_and(environment::is_production)
        })
    }

    /// Checks every field against AWS's rules (but not references to other
    /// sources and roles: see `Config::validate`).
    pub fn validate(&self) -> Result<()> {
        validate::role_arn(&self.role_arn)?;
        if let Some(label) = &self.environment {
            environment::validate_label(label)?;
        }
        if self.identity_center.is_some() {
            if self.source.is_some() || self.via.is_some() {
                return Err(Error::invalid(
                    "identity_center",
                    "an Identity Center role's name takes its credentials from the portal: no source or via",
                ));
            }
            return self.parent().map(drop);
        }
        if self.sso.is_some() {
            return Ok(());
        }
        self.parent()?;
        if let Some(s) = &self.source {
            validate::name("source", s)?;
        }
        if let Some(r) = &self.via
            && SsoTarget::parse(r).is_none()
        {
            validate::name("via", r)?;
        }
        if let Some(x) = &self.external_id {
            validate::external_id(x)?;
        }
        if let Some(s) = &self.session_name {
            validate::session_name(s)?;
        }
        if let Some(d) = self.duration_seconds {
            validate::duration(d)?;
        }
        if let Some(m) = &self.mfa_serial {
            validate::mfa_serial(m)?;
            if self.via.is_some() {
                return Err(Error::invalid(
                    "mfa_serial",
                    "MFA applies where a chain starts: set it on the first role of the chain or on its source",
                ));
            }
        }
        if self.mfa_command.is_some() && self.mfa_serial.is_none() {
            return Err(Error::invalid(
                "mfa_command",
                "an MFA code command goes with an MFA device: set the role's mfa_serial too, or put the command on its source",
            ));
        }
        if let Some(r) = &self.region {
            validate::region(r)?;
        }
        Ok(())
    }
}

impl Source {
    /// The key id that names this source's line of keys (see `first_key_id`).
    pub fn key_line(&self) -> &str {
        self.first_key_id.as_deref().unwrap_or(&self.access_key_id)
    }

    pub fn validate(&self) -> Result<()> {
        validate::access_key_id(&self.access_key_id)?;
        if let Some(m) = &self.mfa_serial {
            validate::mfa_serial(m)?;
        }
        if self.mfa_command.is_some() && self.mfa_serial.is_none() {
            return Err(Error::invalid(
                "mfa_command",
                "an MFA code command goes with an MFA device: set the source's MFA serial too",
            ));
        }
        if let Some(r) = &self.region {
            validate::region(r)?;
        }
        Ok(())
    }
}

/// The shells (and file formats) export lines can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    #[default]
    Bash,
    Zsh,
    Fish,
    Powershell,
    Cmd,
    Dotenv,
    Json,
}

impl Shell {
    pub const ALL: [Shell; 7] = [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Powershell,
        Shell::Cmd,
        Shell::Dotenv,
        Shell::Json,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Cmd => "cmd",
            Shell::Dotenv => "dotenv",
            Shell::Json => "json",
        }
    }
}

impl std::str::FromStr for Shell {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.to_ascii_lowercase();
        let lower = if lower == "pwsh" {
            "powershell"
        } else {
            &lower
        };
        Shell::ALL
            .into_iter()
            .find(|sh| sh.as_str() == lower)
            .ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!("'{s}' is not one of bash, zsh, fish, powershell, cmd, dotenv, json"),
                )
            })
    }
}

/// User settings, shared by the CLI and the tray app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// A cached session is reused while at least this many seconds remain.
    pub min_ttl_seconds: u32,
    /// Warn this many seconds before a session expires.
    pub notify_before_seconds: u32,
    /// Renew sessions before they expire without asking (unless MFA is needed).
    pub auto_renew: bool,
    /// The format of "Copy export lines".
    pub default_shell: Shell,
    /// Clear the clipboard after this many seconds if it still holds what
    /// RoleTray copied (0 = never).
    pub clipboard_clear_seconds: u32,
    /// How long an MFA session (GetSessionToken) lasts, so one code serves many roles.
    pub mfa_session_seconds: u32,
    /// Where console sign-in gets its sign-in token (`.../federation`);
    /// unset: AWS's endpoint for the role's partition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub federation_url: Option<String>,
    /// How long an endpoint token (`export --live`) opens its role.
    pub endpoint_token_seconds: u32,
    /// A source's key older than this many days is pointed out, with a
    /// reminder to rotate it (0 = never).
    pub key_max_age_days: u32,
    /// Which proxy RoleTray's calls take: `system` (the environment's
    /// variables, else the desktop's settings), `none`, or a proxy URL.
    pub proxy: ProxyChoice,
    /// Hosts that go direct, as `NO_PROXY` rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub proxy_bypass: Vec<String>,
    /// A PEM file of certificate authorities trusted besides the system's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_bundle: Option<String>,
    /// The global shortcut that opens the quick-switch palette (`off`: none).
    #[serde(skip_serializing_if = "crate::shortcut::is_default")]
    pub palette_shortcut: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_ttl_seconds: 300,
            notify_before_seconds: 600,
            auto_renew: false,
            // The system's own shell: PowerShell on Windows, bash elsewhere.
            default_shell: if crate::platform::SHELL_IS_POWERSHELL {
                Shell::Powershell
            } else {
                Shell::Bash
            },
            clipboard_clear_seconds: 60,
            mfa_session_seconds: 43_200,
            federation_url: None,
            endpoint_token_seconds: 43_200,
            // The CIS AWS Foundations Benchmark's figure.
            key_max_age_days: 90,
            proxy: ProxyChoice::System,
            proxy_bypass: Vec::new(),
            ca_bundle: None,
            palette_shortcut: crate::platform::DEFAULT_PALETTE_SHORTCUT.to_owned(),
        }
    }
}

/// The names `config get/set` understands, in the order they are listed.
pub const SETTING_KEYS: [&str; 13] = [
    "min-ttl",
    "notify-before",
    "auto-renew",
    "default-shell",
    "clipboard-clear",
    "mfa-session-duration",
    "federation-url",
    "endpoint-token-lifetime",
    "key-max-age",
    "proxy",
    "proxy-bypass",
    "ca-bundle",
    "palette-shortcut",
];

/// What `ca-bundle` reads as (and can be set to) when unset.
pub const NO_CA_BUNDLE: &str = "none";

/// What `federation-url` reads as (and can be set to) when unset.
pub const DEFAULT_FEDERATION_URL: &str = "default";

impl Settings {
    /// The value of a setting, as text.
    pub fn get(&self, key: &str) -> Result<String> {
        Ok(match key {
            "min-ttl" => self.min_ttl_seconds.to_string(),
            "notify-before" => self.notify_before_seconds.to_string(),
            "auto-renew" => self.auto_renew.to_string(),
            "default-shell" => self.default_shell.as_str().to_owned(),
            "clipboard-clear" => self.clipboard_clear_seconds.to_string(),
            "mfa-session-duration" => self.mfa_session_seconds.to_string(),
            "federation-url" => self
                .federation_url
                .clone()
                .unwrap_or_else(|| DEFAULT_FEDERATION_URL.to_owned()),
            "endpoint-token-lifetime" => self.endpoint_token_seconds.to_string(),
            "key-max-age" => self.key_max_age_days.to_string(),
            "proxy" => self.proxy.as_text(),
            "proxy-bypass" => self.proxy_bypass.join(","),
            "ca-bundle" => self
                .ca_bundle
                .clone()
                .unwrap_or_else(|| NO_CA_BUNDLE.to_owned()),
            "palette-shortcut" => self.palette_shortcut.clone(),
            _ => return Err(unknown_key(key)),
        })
    }

    /// Changes a setting from text, checking its range.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        match key {
            "min-ttl" => self.min_ttl_seconds = seconds(key, value, 0, 3_000)?,
            "notify-before" => self.notify_before_seconds = seconds(key, value, 0, 43_200)?,
            "auto-renew" => {
                self.auto_renew = match value {
                    "true" | "on" | "yes" => true,
                    "false" | "off" | "no" => false,
                    _ => return Err(Error::invalid(key, "must be true or false")),
                }
            }
            "default-shell" => self.default_shell = value.parse()?,
            "clipboard-clear" => self.clipboard_clear_seconds = seconds(key, value, 0, 3_600)?,
            "mfa-session-duration" => {
                self.mfa_session_seconds = seconds(key, value, 900, 129_600)?;
            }
            "federation-url" if value == DEFAULT_FEDERATION_URL || value.is_empty() => {
                self.federation_url = None;
            }
            "federation-url" => {
                validate::federation_url(value)?;
                self.federation_url = Some(value.to_owned());
            }
            "endpoint-token-lifetime" => {
                self.endpoint_token_seconds = seconds(key, value, 300, 2_592_000)?;
            }
            "key-max-age" => {
                self.key_max_age_days = value
                    .parse::<u32>()
                    .ok()
                    .filter(|d| *d <= 3_650)
                    .ok_or_else(|| {
                        Error::invalid(
                            key,
                            "must be a number of days, 0 to 3650 (0 = never remind)",
                        )
                    })?;
            }
            "proxy" => self.proxy = ProxyChoice::parse(key, value)?,
            "proxy-bypass" => self.proxy_bypass = crate::net::choice::bypass_list(key, value)?,
            "ca-bundle" if value.trim().is_empty() || value.trim() == NO_CA_BUNDLE => {
                self.ca_bundle = None;
            }
            "ca-bundle" => self.ca_bundle = Some(ca_bundle(key, value)?),
            "palette-shortcut" => self.palette_shortcut = crate::shortcut::parse(key, value)?,
            _ => return Err(unknown_key(key)),
        }
        Ok(())
    }
}

/// A CA file for the `ca-bundle` setting: a full path to a PEM file whose
/// certificates can be trusted.
fn ca_bundle(key: &str, value: &str) -> Result<String> {
    let path = std::path::Path::new(value.trim());
    if !path.is_absolute() {
        return Err(Error::invalid(key, "give the file's full path"));
    }
    crate::net::trust::CaFile {
        path: path.to_owned(),
        from: "the ca-bundle setting".into(),
    }
    .load()
    .map_err(|e| Error::invalid(key, e.to_string()))?;
    Ok(value.trim().to_owned())
}

fn unknown_key(key: &str) -> Error {
    Error::invalid(
        "key",
        format!(
            "unknown setting '{key}'; known: {}",
            SETTING_KEYS.join(", ")
        ),
    )
}

fn seconds(key: &str, value: &str, min: u32, max: u32) -> Result<u32> {
    match value.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Error::invalid(
            key,
            format!("must be a whole number of seconds from {min} to {max}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role() -> Role {
        Role {
            role_arn: "arn:aws:iam::123456789012:role/dev".into(),
            source: Some("me".into()),
            ..Role::default()
        }
    }

    #[test]
    fn production_shows_red_and_asks_unless_told_otherwise() {
        let prod = Role {
            environment: Some("production".into()),
            ..role()
        };
        assert_eq!(prod.shown_colour(), Some(Colour::Red));
        assert!(prod.asks_first());
        let quiet = Role {
            confirm: Some(false),
            colour: Some(Colour::Purple),
            ..prod.clone()
        };
        assert!(!quiet.asks_first());
        assert_eq!(quiet.shown_colour(), Some(Colour::Purple));
        assert!(!role().asks_first());
        assert_eq!(role().shown_colour(), None);
        let bad = Role {
            environment: Some("<prod>".into()),
            ..role()
        };
        assert_eq!(bad.validate().unwrap_err().code(), "invalid_input");
    }

    #[test]
    fn a_code_command_goes_with_a_device() {
        let command = Some(MfaCommand::parse("ykman oath accounts code --single me").unwrap());
        let without = Role {
            mfa_command: command.clone(),
            ..role()
        };
        let e = without.validate().unwrap_err();
        assert!(e.to_string().contains("mfa_command"), "{e}");
        let with = Role {
            mfa_serial: Some("arn:aws:iam::123456789012:mfa/me".into()),
            ..without
        };
        with.validate().unwrap();
        let text = toml::to_string(&with).unwrap();
        assert!(
            text.contains(
                r#"mfa_command = ["ykman", "oath", "accounts", "code", "--single", "me"]"#
            ),
            "{text}"
        );
        assert_eq!(toml::from_str::<Role>(&text).unwrap(), with);
    }

    #[test]
    fn a_role_needs_exactly_one_parent() {
        assert_eq!(role().parent().ok(), Some(Parent::Source("me".into())));
        let both = Role {
            via: Some("x".into()),
            ..role()
        };
        assert!(both.validate().is_err());
        let neither = Role {
            source: None,
            ..role()
        };
        assert!(neither.validate().is_err());
    }

    #[test]
    fn chained_sessions_are_capped_at_one_hour() {
        let chained = Role {
            source: None,
            via: Some("dev".into()),
            duration_seconds: Some(7_200),
            ..role()
        };
        assert_eq!(chained.effective_duration(), 3_600);
        let direct = Role {
            duration_seconds: Some(7_200),
            ..role()
        };
        assert_eq!(direct.effective_duration(), 7_200);
        assert_eq!(role().effective_duration(), DEFAULT_DURATION);
    }

    #[test]
    fn settings_round_trip_through_text_and_check_ranges() {
        let mut s = Settings::default();
        for key in SETTING_KEYS {
            let v = s.get(key).unwrap_or_default();
            assert!(s.set(key, &v).is_ok(), "{key}={v}");
        }
        assert!(s.set("min-ttl", "120").is_ok());
        assert_eq!(s.min_ttl_seconds, 120);
        assert!(s.set("min-ttl", "-1").is_err());
        assert!(s.set("default-shell", "tcsh").is_err());
        assert!(s.set("default-shell", "pwsh").is_ok());
        assert_eq!(s.default_shell, Shell::Powershell);
        assert!(s.set("colour", "blue").is_err());
        assert!(
            s.set("federation-url", "http://127.0.0.1:9/federation")
                .is_ok()
        );
        assert_eq!(
            s.federation_url.as_deref(),
            Some("http://127.0.0.1:9/federation")
        );
        assert!(
            s.set("federation-url", "http://example.com/federation")
                .is_err()
        );
        assert!(s.set("federation-url", "default").is_ok());
        assert_eq!(s.federation_url, None);
    }
}
