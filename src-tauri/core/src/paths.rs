//! Where RoleTray keeps its files, and where the AWS tools keep theirs.

use crate::error::{Error, Result};
use crate::platform::dirs;
use std::path::{Path, PathBuf};

/// RoleTray's own locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/roletray/config.toml` (`%APPDATA%\\roletray\\config.toml`
    /// on Windows; see `platform::dirs`).
    pub config_file: PathBuf,
    /// Lock files only, never data: `$XDG_RUNTIME_DIR/roletray` when set,
    /// else the platform cache dir.
    pub lock_dir: PathBuf,
    /// Files that live only while a RoleTray process runs (the credential
    /// endpoint's address and token): `$XDG_RUNTIME_DIR/roletray` when set,
    /// else the platform cache dir's `roletray`. Created with mode 0700.
    pub runtime_dir: PathBuf,
    /// What RoleTray may lose: Identity Center sources' account lists
    /// (`$XDG_CACHE_HOME/roletray/sso`). No secret is kept there.
    pub sso_cache_dir: PathBuf,
    /// What IAM last said about sources' keys (`$XDG_CACHE_HOME/roletray/
    /// key-facts.json`): no secret, and RoleTray may lose it.
    pub key_facts_file: PathBuf,
}

impl Paths {
    /// The locations for this user: under `$ROLETRAY_HOME` when it is set
    /// (a portable install, or a profile kept apart, such as the Windows
    /// tests' under one Wine prefix), else the system's (`platform::dirs`).
    pub fn from_env() -> Result<Paths> {
        if let Some(home) = roletray_home() {
            return Ok(Paths::under(&home));
        }
        let config_dir = dirs::config_dir().ok_or_else(|| no_home("configuration"))?;
        let lock_base = dirs::runtime_dir()
            .or_else(dirs::cache_dir)
            .ok_or_else(|| no_home("lock"))?;
        Ok(Paths {
            config_file: config_dir.join("roletray").join("config.toml"),
            lock_dir: lock_base.join("roletray").join("locks"),
            runtime_dir: lock_base.join("roletray"),
            sso_cache_dir: dirs::cache_dir()
                .ok_or_else(|| no_home("cache"))?
                .join("roletray")
                .join("sso"),
            key_facts_file: dirs::cache_dir()
                .ok_or_else(|| no_home("cache"))?
                .join("roletray")
                .join("key-facts.json"),
        })
    }

    /// Where the window's web view keeps what it stores (WebKit's or
    /// WebView2's caches): beside the account lists in RoleTray's cache
    /// folder, so a portable install (`$ROLETRAY_HOME`) keeps it too.
    pub fn webview_data_dir(&self) -> PathBuf {
        self.sso_cache_dir
            .parent()
            .unwrap_or(&self.sso_cache_dir)
            .join("webview")
    }

    /// The roles' use history (`role-uses.json`, beside the key facts):
    /// what the quick switch ranks by; no secret.
    pub fn uses_file(&self) -> PathBuf {
        self.key_facts_file.with_file_name("role-uses.json")
    }

    /// Every location under one folder (`config.toml`, `run/`, …): for
    /// tests, and anything else that keeps RoleTray's files together.
    pub fn under(dir: &std::path::Path) -> Paths {
        Paths {
            config_file: dir.join("config.toml"),
            lock_dir: dir.join("run/locks"),
            runtime_dir: dir.join("run"),
            sso_cache_dir: dir.join("sso"),
            key_facts_file: dir.join("key-facts.json"),
        }
    }
}

/// Where the tray app writes its log: `$XDG_STATE_HOME/roletray` (by
/// default `~/.local/state/roletray`), the local data directory's
/// `roletray/logs` on platforms without a state directory.
pub fn log_dir() -> Result<PathBuf> {
    if let Some(home) = roletray_home() {
        return Ok(home.join("logs"));
    }
    dirs::log_dir("roletray").ok_or_else(|| no_home("log"))
}

/// `$ROLETRAY_HOME`, when set to an absolute path: every RoleTray file
/// (not the AWS tools' files) lives under it.
fn roletray_home() -> Option<PathBuf> {
    std::env::var_os("ROLETRAY_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() || p.has_root())
}

fn no_home(what: &str) -> Error {
    Error::io(
        format!("cannot find a {what} directory"),
        std::io::Error::new(std::io::ErrorKind::NotFound, "HOME is not set"),
    )
}

fn home_file(env_var: &str, default: &str) -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(env_var).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(dirs::home_dir()
        .ok_or_else(|| no_home("home"))?
        .join(".aws")
        .join(default))
}

/// Where the AWS CLI keeps its `aws login` sign-ins:
/// `AWS_LOGIN_CACHE_DIRECTORY` (a leading `~` is the home directory, as
/// the AWS CLI reads it), else `~/.aws/login/cache`.
pub fn aws_login_cache_dir() -> Result<PathBuf> {
    const VAR: &str = "AWS_LOGIN_CACHE_DIRECTORY";
    let home = || dirs::home_dir().ok_or_else(|| no_home("home"));
    match std::env::var(VAR) {
        Ok(dir) if dir == "~" => home(),
        Ok(dir) if dir.starts_with("~/") => Ok(home()?.join(&dir[2..])),
        _ => home_file(VAR, "login/cache"),
    }
}

/// The AWS config file: `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn aws_config_file() -> Result<PathBuf> {
    home_file("AWS_CONFIG_FILE", "config")
}

/// How the AWS tools are to start RoleTray's CLI: the `roletray` beside
/// the running program (the CLI itself, or the app installed with it), by
/// its full path so that a tool started without RoleTray on its PATH (an
/// IDE from the desktop) finds it; else `roletray`. Quoted for a command line.
pub fn cli_command() -> String {
    let beside = std::env::current_exe().ok().and_then(|exe| {
        let cli = if exe.file_stem().is_some_and(|s| s == "roletray") {
            exe
        } else {
            exe.with_file_name(format!("roletray{}", std::env::consts::EXE_SUFFIX))
        };
        cli.is_file().then_some(cli)
    });
    match beside.as_deref().and_then(Path::to_str) {
        Some(p) => shlex::try_quote(p).map_or_else(|_| "roletray".into(), |q| q.into_owned()),
        None => "roletray".into(),
    }
}

/// The shared credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn aws_credentials_file() -> Result<PathBuf> {
    home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials")
}
