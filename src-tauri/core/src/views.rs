//! What the web page and the tray see: a `Snapshot` of roles, sessions,
//! sources, settings and activity, with nothing secret in it (access key ids
//! are masked, credentials never appear).

use crate::config::Config;
use crate::environment::Colour;
use crate::export::rfc3339;
use crate::key_views::KeyFactsView;
use crate::mfa_code::MfaCommand;
use crate::model::{Settings, Shell};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A live session, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SessionView {
    pub assumed_role_arn: String,
    /// The ARN GetCallerIdentity reported for the session's credentials.
    pub verified_arn: Option<String>,
    pub expiration: String,
    pub seconds_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct RoleView {
    pub name: String,
    pub role_arn: String,
    pub source: Option<String>,
    pub via: Option<String>,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
    pub duration_seconds: u32,
    pub mfa_serial: Option<String>,
    pub region: Option<String>,
    pub favourite: bool,
    /// The role's own MFA device's code command, as a line to edit.
    pub mfa_command: Option<String>,
    /// Its environment label, when it has one.
    pub environment: Option<String>,
    /// The colour it shows in (its own, else its label's).
    pub colour: Option<Colour>,
    /// Whether assuming it from the tray or the window asks first.
    pub asks_first: bool,
    pub session: Option<SessionView>,
    /// Set for the roles an Identity Center source lists.
    pub sso: Option<SsoRoleView>,
    /// Set for the identity signed in to an AWS Sign-In source (it goes by
    /// the source's name; `role_arn` is the identity's ARN).
    pub signin: Option<String>,
    /// The Identity Center role this name means (`SSO/ACCOUNT/ROLE`), for
    /// a name kept from an imported profile.
    pub identity_center: Option<String>,
}

/// An AWS Sign-In source, as shown: never a token nor its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SigninSourceView {
    pub name: String,
    pub region: String,
    pub signed_in: bool,
    /// Who it is signed in as, when it is.
    pub identity_arn: Option<String>,
    /// When signing in again is needed (RFC 3339), when signed in.
    pub sign_in_ends: Option<String>,
}

/// What the service keeps of a sign-in (read from the keychain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigninFacts {
    pub identity_arn: String,
    pub ends: OffsetDateTime,
}

/// Where an Identity Center role is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SsoRoleView {
    pub source: String,
    pub account_id: String,
    pub account_name: String,
    pub role_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SourceView {
    pub name: String,
    pub access_key_id_masked: String,
    pub mfa_serial: Option<String>,
    /// The MFA device's code command, as a line to edit.
    pub mfa_command: Option<String>,
    pub region: Option<String>,
    pub roles: Vec<String>,
    /// What IAM last said about its key (set by the service from the cache).
    pub key: Option<KeyFactsView>,
}

/// An Identity Center source, as shown: never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SsoSourceView {
    pub name: String,
    pub start_url: String,
    pub region: String,
    pub signed_in: bool,
    /// When the person has to sign in again (RFC 3339), when signed in.
    pub sign_in_ends: Option<String>,
    pub accounts: u32,
    pub roles: u32,
    /// When the account list was last made (RFC 3339).
    pub listed_at: Option<String>,
    /// A sign-in waiting for the person, when one is.
    pub pending: Option<SsoPending>,
    /// How far a listing in progress has got ("Listing roles: 120 of 2000 accounts").
    pub progress: Option<String>,
}

/// A sign-in waiting for the person: the page they confirm it on and, for
/// the device code, the code (shown to them anyway; the device code itself
/// never leaves the backend).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SsoPending {
    pub url: String,
    pub user_code: Option<String>,
}

/// What the service keeps of each Identity Center source (nothing secret).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SsoFacts {
    /// When the sign-in ends (unix seconds); `None` when not signed in.
    pub ends_at: Option<i64>,
    /// When the account list was made (unix seconds).
    pub listed_at: Option<i64>,
    pub pending: Option<SsoPending>,
    pub progress: Option<String>,
}

impl SsoFacts {
    /// Whether the sign-in still holds at `now`.
    pub fn signed_in(&self, now: OffsetDateTime) -> bool {
        self.ends_at.is_some_and(|t| t > now.unix_timestamp())
    }
}

/// Every Identity Center source of `config` as shown.
pub fn sso_sources(
    config: &Config,
    facts: &BTreeMap<String, SsoFacts>,
    now: OffsetDateTime,
) -> Vec<SsoSourceView> {
    let at = |t: i64| OffsetDateTime::from_unix_timestamp(t).ok().map(rfc3339);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    config
        .sso
        .iter()
        .map(|(name, source)| {
            let f = facts.get(name).cloned().unwrap_or_default();
            let listed: Vec<_> = config
                .roles
                .values()
                .filter_map(|r| r.sso.as_ref())
                .filter(|s| s.target.sso == *name)
                .collect();
            let accounts: std::collections::BTreeSet<&str> = listed
                .iter()
                .map(|s| s.target.account_id.as_str())
                .collect();
            SsoSourceView {
                name: name.clone(),
                start_url: source.start_url.clone(),
                region: source.region.clone(),
                signed_in: f.signed_in(now),
                sign_in_ends: f.ends_at.and_then(at),
                accounts: count(accounts.len()),
                roles: count(listed.len()),
                listed_at: f.listed_at.and_then(at),
                pending: f.pending,
                progress: f.progress,
            }
        })
        .collect()
}

/// The Network settings as the page edits them (never the password: only
/// whether one is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct NetworkView {
    /// `system`, `none`, or the proxy's URL (with a user name, never a password).
    pub proxy: String,
    /// Hosts that go direct, comma-separated.
    pub bypass: String,
    /// The extra CA file's path, or empty.
    pub ca_bundle: String,
    pub has_password: bool,
}

/// Settings as the page edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct SettingsView {
    pub default_shell: Shell,
    pub notify_before_seconds: u32,
    pub auto_renew: bool,
    pub clipboard_clear_seconds: u32,
    pub min_ttl_seconds: u32,
    pub mfa_session_seconds: u32,
    pub start_at_login: bool,
    /// The palette's global shortcut (`off`: none); a page that does not
    /// send it leaves it as it is.
    #[serde(default)]
    #[cfg_attr(any(test, feature = "ts"), ts(optional))]
    pub palette_shortcut: Option<String>,
    /// Why the shortcut does not work here, when it does not (set by the
    /// app: the desktop refused it, or allows no global shortcut); what
    /// the page sends back is ignored.
    #[serde(default)]
    #[cfg_attr(any(test, feature = "ts"), ts(optional))]
    pub palette_note: Option<String>,
}

impl SettingsView {
    pub fn new(s: &Settings, start_at_login: bool) -> SettingsView {
        SettingsView {
            default_shell: s.default_shell,
            notify_before_seconds: s.notify_before_seconds,
            auto_renew: s.auto_renew,
            clipboard_clear_seconds: s.clipboard_clear_seconds,
            min_ttl_seconds: s.min_ttl_seconds,
            mfa_session_seconds: s.mfa_session_seconds,
            start_at_login,
            palette_shortcut: Some(s.palette_shortcut.clone()),
            palette_note: None,
        }
    }

    /// Applies the page's values through the same checks as `config set`;
    /// an error names the field as the page knows it (`min_ttl_seconds`).
    pub fn apply_to(&self, s: &mut Settings) -> crate::Result<()> {
        let fields = [
            (
                "default-shell",
                "default_shell",
                self.default_shell.as_str().to_owned(),
            ),
            (
                "notify-before",
                "notify_before_seconds",
                self.notify_before_seconds.to_string(),
            ),
            ("auto-renew", "auto_renew", self.auto_renew.to_string()),
            (
                "clipboard-clear",
                "clipboard_clear_seconds",
                self.clipboard_clear_seconds.to_string(),
            ),
            (
                "min-ttl",
                "min_ttl_seconds",
                self.min_ttl_seconds.to_string(),
            ),
            (
                "mfa-session-duration",
                "mfa_session_seconds",
                self.mfa_session_seconds.to_string(),
            ),
        ];
        let shortcut = self
            .palette_shortcut
            .as_ref()
            .map(|v| ("palette-shortcut", "palette_shortcut", v.clone()));
        for (key, field, value) in fields.into_iter().chain(shortcut) {
            s.set(key, &value).map_err(|e| match e {
                crate::Error::InvalidInput { message, .. } => crate::Error::invalid(field, message),
                other => other,
            })?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// What importing the AWS CLI's files would bring in, counted before
/// anything is stored (the start page shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct ImportPreview {
    pub config_file: String,
    pub credentials_file: String,
    /// Role profiles RoleTray can serve.
    pub role_profiles: u32,
    /// Static key pairs (they become sources).
    pub key_pairs: u32,
    /// IAM Identity Center portals (`[sso-session]` sections and legacy
    /// `sso_start_url` profiles that name a role).
    pub sso_sources: u32,
    /// AWS CLI console sign-ins (`login_session` profiles, as `aws login`).
    pub signin_sources: u32,
    /// Profiles an import would skip, each with its reason in the report.
    pub skipped: u32,
}

/// One line of the activity log shown in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct ActivityEntry {
    /// Counts up from the app's start: what "clear up to here" names.
    #[cfg_attr(any(test, feature = "ts"), ts(type = "number"))]
    pub seq: u64,
    pub at: String,
    pub level: Level,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct Snapshot {
    /// How many changes the service had seen when this snapshot was made
    /// (set by the service). The page keeps the snapshot with the highest
    /// count, so a command's answer that arrives after the event of a later
    /// change does not undo it.
    #[cfg_attr(any(test, feature = "ts"), ts(type = "number"))]
    pub revision: u64,
    pub now: String,
    pub active_role: Option<String>,
    pub roles: Vec<RoleView>,
    pub sources: Vec<SourceView>,
    pub sso_sources: Vec<SsoSourceView>,
    pub signin_sources: Vec<SigninSourceView>,
    pub settings: SettingsView,
    pub activity: Vec<ActivityEntry>,
    /// The roles used last, the latest first (at most five; set by the
    /// service): the tray lists them at the top.
    pub recent_roles: Vec<String>,
    /// The app's log file today, when it writes one (set by the app).
    pub log_file: Option<String>,
    /// Why the window is the way in (the desktop shows no tray icon), when
    /// it is (set by the app).
    pub desktop_notice: Option<String>,
}

/// A session's non-secret facts, as the app keeps them in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub assumed_role_arn: String,
    pub verified_arn: Option<String>,
    pub expiration: OffsetDateTime,
}

pub use crate::key_life::key_id::mask_key_id;

/// Compares names as people read them: ASCII case aside, runs of digits by
/// value. Allocates nothing (a 1,000-role sort makes ten thousand calls).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    let digits_end = |s: &[u8], mut k: usize| {
        while k < s.len() && s[k].is_ascii_digit() {
            k += 1;
        }
        k
    };
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let (ei, ej) = (digits_end(x, i), digits_end(y, j));
            let (nx, ny) = (trim_zeros(&x[i..ei]), trim_zeros(&y[j..ej]));
            let order = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
            if order != Ordering::Equal {
                return order;
            }
            (i, j) = (ei, ej);
        } else {
            let order = x[i].to_ascii_lowercase().cmp(&y[j].to_ascii_lowercase());
            if order != Ordering::Equal {
                return order;
            }
            (i, j) = (i + 1, j + 1);
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

/// A run of digits without its leading zeros (one zero stays).
fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|d| **d == b'0').count();
    &digits[zeros.min(digits.len().saturating_sub(1))..]
}

/// Builds the snapshot from the configuration and the known sessions.
pub fn snapshot(
    config: &Config,
    sessions: &BTreeMap<String, SessionFacts>,
    sso: &BTreeMap<String, SsoFacts>,
    active_role: Option<&str>,
    mut activity: Vec<ActivityEntry>,
    start_at_login: bool,
    now: OffsetDateTime,
) -> Snapshot {
    // Errors first, then warnings, then the rest; within each, the order
    // kept (newest first).
    activity.sort_by_key(|a| match a.level {
        Level::Error => 0,
        Level::Warning => 1,
        Level::Info => 2,
    });
    let mut roles: Vec<RoleView> = config
        .roles
        .iter()
        .map(|(name, r)| RoleView {
            name: name.clone(),
            role_arn: r.role_arn.clone(),
            source: r.source.clone(),
            via: r.via.clone(),
            external_id: r.external_id.clone(),
            session_name: r.session_name.clone(),
            duration_seconds: r.effective_duration(),
            mfa_serial: r.mfa_serial.clone(),
            region: r.region.clone(),
            favourite: r.favourite,
            mfa_command: r.mfa_command.as_ref().map(MfaCommand::to_line),
            environment: r.environment.clone(),
            colour: r.shown_colour(),
            asks_first: r.asks_first(),
            session: sessions
                .get(name)
                .filter(|f| f.expiration > now)
                .map(|f| SessionView {
                    assumed_role_arn: f.assumed_role_arn.clone(),
                    verified_arn: f.verified_arn.clone(),
                    expiration: rfc3339(f.expiration),
                    seconds_left: (f.expiration - now).whole_seconds(),
                }),
            signin: None,
            identity_center: r.identity_center.clone(),
            sso: r.sso.as_ref().map(|s| SsoRoleView {
                source: s.target.sso.clone(),
                account_id: s.target.account_id.clone(),
                account_name: s.account_name.clone(),
                role_name: s.target.role_name.clone(),
            }),
        })
        .collect();
    // As the page and the tray list them: favourites first, then by name
    // with numbers in number order (team-2 before team-10).
    roles.sort_by(|a, b| {
        (!a.favourite)
            .cmp(&!b.favourite)
            .then_with(|| natural_cmp(&a.name, &b.name))
    });
    let sources = config
        .sources
        .iter()
        .map(|(name, s)| SourceView {
            name: name.clone(),
            access_key_id_masked: mask_key_id(&s.access_key_id),
            mfa_serial: s.mfa_serial.clone(),
            mfa_command: s.mfa_command.as_ref().map(MfaCommand::to_line),
            region: s.region.clone(),
            roles: config
                .roles_using_source(name)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            key: None,
        })
        .collect();
    Snapshot {
        revision: 0,
        now: rfc3339(now),
        active_role: active_role
            .filter(|r| config.roles.contains_key(*r))
            .map(str::to_owned),
        roles,
        sources,
        sso_sources: sso_sources(config, sso, now),
        signin_sources: Vec::new(),
        settings: SettingsView::new(&config.settings, start_at_login),
        activity,
        recent_roles: Vec::new(),
        log_file: None,
        desktop_notice: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_people_read_them() {
        let mut names = vec!["team-10", "Team-9", "team-2", "alpha", "team-02x", "beta"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["alpha", "beta", "team-2", "team-02x", "Team-9", "team-10"]
        );
    }

    #[test]
    fn key_ids_are_masked() {
        assert_eq!(mask_key_id("AKIAIOSFODNN7EXAMPLE"), "AKIA…MPLE");
        assert_eq!(mask_key_id("short"), "…");
    }

    #[test]
    fn expired_sessions_are_not_shown_and_nothing_secret_is_serialized() {
        let config = Config::parse(
            "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n\
             [roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n",
            std::path::Path::new("c"),
        )
        .unwrap();
        let now = time::macros::datetime!(2026-11-25 08:00:00 UTC);
        let mut sessions = BTreeMap::new();
        sessions.insert(
            "dev".to_owned(),
            SessionFacts {
                assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/x".into(),
                verified_arn: None,
                expiration: now - time::Duration::seconds(1),
            },
        );
        let snap = snapshot(
            &config,
            &sessions,
            &BTreeMap::new(),
            Some("dev"),
            Vec::new(),
            false,
            now,
        );
        assert!(snap.roles[0].session.is_none());
        let json = serde_json::to_string(&snap).unwrap();
        assert!(!json.contains("AKIAIOSFODNN7EXAMPLE"), "{json}");
        assert!(json.contains("AKIA…MPLE"));
    }

    // The page shows lists in the order the snapshot gives them.
    #[test]
    fn roles_and_activity_come_in_the_order_shown() {
        let role = |name: &str, favourite: bool| {
            format!(
                "[roles.{name}]\nrole_arn = \"arn:aws:iam::123456789012:role/{name}\"\n\
                 source = \"me\"\nfavourite = {favourite}\n"
            )
        };
        let text = format!(
            "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n{}{}{}{}",
            role("team-10", false),
            role("team-2", false),
            role("zeta", true),
            role("alpha", false)
        );
        let config = Config::parse(&text, std::path::Path::new("c")).unwrap();
        let entry = |level, code: &str| ActivityEntry {
            seq: 0,
            at: String::new(),
            level,
            code: code.into(),
            message: String::new(),
        };
        let activity = vec![
            entry(Level::Info, "newest"),
            entry(Level::Error, "failed"),
            entry(Level::Info, "older"),
            entry(Level::Warning, "warned"),
        ];
        let now = time::macros::datetime!(2026-11-25 08:00:00 UTC);
        let snap = snapshot(
            &config,
            &BTreeMap::new(),
            &BTreeMap::new(),
            None,
            activity,
            false,
            now,
        );
        let names: Vec<&str> = snap.roles.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["zeta", "alpha", "team-2", "team-10"]);
        let codes: Vec<&str> = snap.activity.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["failed", "warned", "newest", "older"]);
    }
}
