//! Everything a person can ask of the app, from the tray menu, a
//! notification button or the page: one enum, handled by `dispatch`.

use roletray_core::model::Shell;
use roletray_core::service::ProfileWritten;

/// What a finished intent has to tell whoever asked.
#[derive(Debug)]
pub enum Done {
    Nothing,
    /// Something worth saying (a shorter console session, say).
    Notice(Option<String>),
    Profile(ProfileWritten),
}

/// One request. Session intents name their role, so a menu built for one
/// active role never acts on another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Assume(String),
    Renew(String),
    End(String),
    /// Export lines in `shell` (the default shell when `None`).
    Copy {
        role: String,
        shell: Option<Shell>,
    },
    /// Lines pointing a shell at the running credential endpoint.
    CopyLive {
        role: String,
        shell: Option<Shell>,
    },
    Console(String),
    /// The session as a profile in the AWS credentials file (the role's
    /// name when `profile` is `None`).
    WriteProfile {
        role: String,
        profile: Option<String>,
    },
    /// Sign in to an Identity Center source (the browser; the device
    /// code when asked, or when no browser opens).
    SsoSignIn {
        sso: String,
        device_code: bool,
    },
    /// Replace a source's access key on AWS and in the keychain.
    RotateKey(String),
    /// Sign in to an AWS Sign-In source (the browser).
    SigninSignIn(String),
    Open,
    /// The quick-switch palette.
    Palette,
    Quit,
}

impl Intent {
    /// The role this intent makes a session of when it has none (what a
    /// production role asks before): assuming it, and what assumes it to
    /// use it (copying its export lines, the console, a profile).
    pub fn makes_session(&self) -> Option<&str> {
        match self {
            Intent::Assume(r) | Intent::Console(r) => Some(r),
            Intent::Copy { role, .. } | Intent::WriteProfile { role, .. } => Some(role),
            _ => None,
        }
    }

    /// The menu id: stable text the tray menu hands back on a click.
    pub fn id(&self) -> String {
        let shell = |s: &Option<Shell>| s.map_or("", |s| s.as_str()).to_owned();
        match self {
            Intent::Assume(r) => format!("assume:{r}"),
            Intent::Renew(r) => format!("renew:{r}"),
            Intent::End(r) => format!("end:{r}"),
            Intent::Copy { role, shell: s } => format!("copy:{}:{role}", shell(s)),
            Intent::CopyLive { role, shell: s } => format!("copy-live:{}:{role}", shell(s)),
            Intent::Console(r) => format!("console:{r}"),
            // Only the default profile is offered in the menu.
            Intent::WriteProfile { role, .. } => format!("write-profile:{role}"),
            Intent::SsoSignIn { sso, .. } => format!("sso-sign-in:{sso}"),
            Intent::RotateKey(s) => format!("rotate-key:{s}"),
            Intent::SigninSignIn(s) => format!("signin-sign-in:{s}"),
            Intent::Open => "open".into(),
            Intent::Palette => "palette".into(),
            Intent::Quit => "quit".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Intent> {
        let shell = |s: &str| -> Option<Option<Shell>> {
            if s.is_empty() {
                Some(None)
            } else {
                s.parse().ok().map(Some)
            }
        };
        let (kind, rest) = id.split_once(':').unwrap_or((id, ""));
        let role = || (!rest.is_empty()).then(|| rest.to_owned());
        Some(match kind {
            "assume" => Intent::Assume(role()?),
            "renew" => Intent::Renew(role()?),
            "end" => Intent::End(role()?),
            "console" => Intent::Console(role()?),
            "sso-sign-in" => Intent::SsoSignIn {
                sso: role()?,
                device_code: false,
            },
            "rotate-key" => Intent::RotateKey(role()?),
            "signin-sign-in" => Intent::SigninSignIn(role()?),
            "write-profile" => Intent::WriteProfile {
                role: role()?,
                profile: None,
            },
            "copy" | "copy-live" => {
                let (s, role) = rest.split_once(':')?;
                if role.is_empty() {
                    return None;
                }
                let (role, shell) = (role.to_owned(), shell(s)?);
                if kind == "copy" {
                    Intent::Copy { role, shell }
                } else {
                    Intent::CopyLive { role, shell }
                }
            }
            "open" if rest.is_empty() => Intent::Open,
            "palette" if rest.is_empty() => Intent::Palette,
            "quit" if rest.is_empty() => Intent::Quit,
            _ => return None,
        })
    }

    /// What it does, for messages ("assume dev", "renew dev").
    pub fn describe(&self) -> String {
        match self {
            Intent::Assume(r) => format!("assume {r}"),
            Intent::Renew(r) => format!("renew {r}"),
            Intent::End(r) => format!("end the session of {r}"),
            Intent::Copy { role, shell: None } => format!("copy export lines for {role}"),
            Intent::Copy {
                role,
                shell: Some(s),
            } => format!("copy {} export lines for {role}", shell_label(*s)),
            Intent::CopyLive { role, .. } => format!("copy live export lines for {role}"),
            Intent::Console(r) => format!("open the AWS console as {r}"),
            Intent::WriteProfile { role, .. } => format!("write the profile of {role}"),
            Intent::SsoSignIn { sso, .. } => format!("sign in to {sso}"),
            Intent::RotateKey(s) => format!("rotate the key of {s}"),
            Intent::SigninSignIn(s) => format!("sign in to {s}"),
            Intent::Open => "open RoleTray".into(),
            Intent::Palette => "open the palette".into(),
            Intent::Quit => "quit".into(),
        }
    }
}

pub fn shell_label(s: Shell) -> &'static str {
    match s {
        Shell::Bash | Shell::Zsh => "bash / zsh",
        Shell::Fish => "fish",
        Shell::Powershell => "PowerShell",
        Shell::Cmd => "cmd",
        Shell::Dotenv => "dotenv",
        Shell::Json => "JSON",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for i in [
            Intent::Assume("dev.ops".into()),
            Intent::Renew("a:b".into()),
            Intent::End("dev".into()),
            Intent::Copy {
                role: "dev".into(),
                shell: None,
            },
            Intent::Copy {
                role: "x:y".into(),
                shell: Some(Shell::Fish),
            },
            Intent::CopyLive {
                role: "dev".into(),
                shell: Some(Shell::Powershell),
            },
            Intent::Console("dev".into()),
            Intent::WriteProfile {
                role: "dev".into(),
                profile: None,
            },
            Intent::RotateKey("carol".into()),
            Intent::SigninSignIn("console".into()),
            Intent::Open,
            Intent::Palette,
            Intent::Quit,
        ] {
            assert_eq!(Intent::from_id(&i.id()), Some(i));
        }
        for bad in [
            "nonsense",
            "assume:",
            "copy:dev",
            "copy:nosh:dev",
            "open:x",
            "palette:x",
            "",
        ] {
            assert_eq!(Intent::from_id(bad), None, "{bad}");
        }
    }
}
