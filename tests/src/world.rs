//! [`World`]: one test's private universe of files and services.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::moto::{Moto, MotoWorld};
use crate::process::{Output, run_command};
use crate::services::{self, BaseEnv, Service};

/// The password of every world's login keyring.
pub const KEYRING_PASSWORD: &str = "pw";

/// What the world's Secret Service looks like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyringState {
    /// gnome-keyring runs with an unlocked login keyring.
    #[default]
    Unlocked,
    /// gnome-keyring runs; its login keyring (holding one probe item) is
    /// locked and no prompter can unlock it: writes fail, reads find nothing.
    Locked,
    /// A session bus with no Secret Service and no D-Bus activation.
    Absent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorldOptions {
    /// Whether moto checks signatures and IAM policies (on by default).
    pub auth: bool,
    pub keyring: KeyringState,
}

impl Default for WorldOptions {
    fn default() -> Self {
        WorldOptions {
            auth: true,
            keyring: KeyringState::Unlocked,
        }
    }
}

/// One test's private environment. Dropping it kills every service it
/// started and deletes its temporary directory.
pub struct World {
    /// moto's fixture data: keys of alice and bob, role ARNs.
    pub moto: MotoWorld,
    /// `$HOME` (also the working directory of commands).
    pub home: PathBuf,
    /// `$XDG_CONFIG_HOME`
    pub config_dir: PathBuf,
    /// `$XDG_DATA_HOME`
    pub data_dir: PathBuf,
    /// `$XDG_STATE_HOME` (the tray app's log is in its `roletray/`)
    pub state_dir: PathBuf,
    /// `$XDG_RUNTIME_DIR` (mode 0700)
    pub runtime_dir: PathBuf,
    /// `$AWS_CONFIG_FILE` (not created)
    pub aws_config: PathBuf,
    /// `$AWS_SHARED_CREDENTIALS_FILE` (not created)
    pub aws_credentials: PathBuf,
    /// `$DBUS_SESSION_BUS_ADDRESS` of the private bus.
    pub bus_address: String,
    /// The virtualenv with moto, boto3 and the AWS CLI.
    pub venv: PathBuf,
    options: WorldOptions,
    env: BaseEnv,
    moto_server: Moto,
    /// Killed in reverse order of start.
    services: Vec<Service>,
    logs: PathBuf,
    // Dropped last, after every process is gone.
    root: tempfile::TempDir,
}

fn temp_root() -> tempfile::TempDir {
    // Unix socket paths (the bus, gnome-keyring's control socket) must stay
    // short: fall back to /tmp when $TMPDIR is deep.
    let base = std::env::temp_dir();
    let base = if base.as_os_str().len() > 40 {
        PathBuf::from("/tmp")
    } else {
        base
    };
    tempfile::Builder::new()
        .prefix("roletray-world-")
        .tempdir_in(base)
        .expect("creating the world's temp dir")
}

/// What a Windows build run under Wine needs to live in the world: the
/// shared Wine prefix (`$ROLETRAY_WINEPREFIX`, made once by
/// `scripts/test-windows.sh`), a keychain service of the world's own (one
/// Credential Manager serves every world), and RoleTray's files in the
/// world (`$ROLETRAY_HOME`: Wine sets `%APPDATA%` itself, so the world
/// cannot point it elsewhere). The config file is where Linux has it.
fn wine_env(root: &Path, config_dir: &Path) -> Vec<(&'static str, String)> {
    let prefix = std::env::var("ROLETRAY_WINEPREFIX")
        .expect("ROLETRAY_WINEPREFIX: the Wine prefix scripts/test-windows.sh prepares");
    let world = root.file_name().unwrap().to_string_lossy().replace('.', "");
    vec![
        ("WINEPREFIX", prefix),
        ("WINEDEBUG", "-all".into()),
        ("ROLETRAY_KEYCHAIN_SERVICE", format!("rt-{world}")),
        // As a Windows path (Wine's Z: is /): RoleTray checks that its
        // paths are absolute the Windows way.
        ("ROLETRAY_HOME", windows_path(&config_dir.join("roletray"))),
    ]
}

/// `path` as Wine's Windows programs name it: `Z:\tmp\…`.
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// `path` as the `roletray` under test names it: as it is, or under Wine
/// `Z:\tmp\…` (a setting checks that a path is absolute the system's way).
pub fn native_path(path: &Path) -> String {
    if crate::under_wine() {
        windows_path(path)
    } else {
        path.display().to_string()
    }
}

impl World {
    /// Builds a world: files, bus, keyring as asked, moto populated by
    /// `tests/fixtures/moto_world.py`, recording restarted, auth as asked.
    pub fn start(options: WorldOptions) -> World {
        let root = temp_root();
        let dir = |name: &str| {
            let path = root.path().join(name);
            fs::create_dir_all(&path).expect("creating a world dir");
            path
        };
        let (home, config_dir, data_dir, runtime_dir, logs) = (
            dir("home"),
            dir("config"),
            dir("data"),
            dir("run"),
            dir("logs"),
        );
        let state_dir = dir("state");
        fs::set_permissions(&runtime_dir, fs::Permissions::from_mode(0o700))
            .expect("chmod 0700 XDG_RUNTIME_DIR");
        let aws_dir = dir("aws");
        let venv = crate::venv_dir();
        let path = match std::env::var("PATH") {
            Ok(p) if !p.is_empty() => format!("{}:{p}", venv.join("bin").display()),
            _ => format!(
                "{}:/usr/local/bin:/usr/bin:/bin",
                venv.join("bin").display()
            ),
        };
        let show = |p: &Path| p.display().to_string();
        let mut env = BaseEnv {
            vars: vec![
                ("PATH", path),
                ("HOME", show(&home)),
                ("XDG_CONFIG_HOME", show(&config_dir)),
                ("XDG_DATA_HOME", show(&data_dir)),
                ("XDG_STATE_HOME", show(&state_dir)),
                // Caches too (Mesa's shader cache for the window's WebKit
                // among them): never the real HOME's.
                ("XDG_CACHE_HOME", show(&home.join(".cache"))),
                (
                    "MESA_SHADER_CACHE_DIR",
                    show(&home.join(".cache/mesa_shader_cache")),
                ),
                ("XDG_RUNTIME_DIR", show(&runtime_dir)),
                ("LANG", "C.UTF-8".into()),
                ("USER", "tester".into()),
            ],
        };
        if crate::under_wine() {
            env.vars.extend(wine_env(root.path(), &config_dir));
        }
        // scripts/test.sh kills whatever still carries its run marker at exit.
        if let Ok(run_id) = std::env::var("ROLETRAY_TEST_RUN_ID") {
            env.vars.push(("ROLETRAY_TEST_RUN_ID", run_id));
        }

        let mut services = Vec::new();
        let (bus, bus_address) = services::start_bus(root.path(), &logs, &env);
        services.push(bus);
        env.vars
            .push(("DBUS_SESSION_BUS_ADDRESS", bus_address.clone()));
        match options.keyring {
            KeyringState::Unlocked => {
                services.push(services::start_keyring(&logs, &env, KEYRING_PASSWORD));
            }
            KeyringState::Locked => {
                services.push(services::start_keyring(&logs, &env, KEYRING_PASSWORD));
                services::lock_login(&env);
            }
            KeyringState::Absent => {}
        }

        let moto_server = Moto::start(&venv, root.path(), &logs, &env);
        let moto = moto_server.populate(&venv, root.path(), &env);
        moto_server.restart_recording();
        if options.auth {
            moto_server.set_auth(true);
        }

        env.vars.extend([
            ("AWS_ENDPOINT_URL_STS", moto.endpoint.clone()),
            ("AWS_ENDPOINT_URL_IAM", moto.endpoint.clone()),
            ("AWS_CONFIG_FILE", show(&aws_dir.join("config"))),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                show(&aws_dir.join("credentials")),
            ),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ]);
        World {
            moto,
            home,
            config_dir,
            data_dir,
            state_dir,
            runtime_dir,
            aws_config: aws_dir.join("config"),
            aws_credentials: aws_dir.join("credentials"),
            bus_address,
            venv,
            options,
            env,
            moto_server,
            services,
            logs,
            root,
        }
    }

    /// Where RoleTray keeps its runtime files (the endpoint's address and
    /// secret, locks): `$XDG_RUNTIME_DIR/roletray` on Linux; under Wine,
    /// `$ROLETRAY_HOME/run`.
    pub fn roletray_runtime_dir(&self) -> PathBuf {
        if crate::under_wine() {
            self.config_dir.join("roletray/run")
        } else {
            self.runtime_dir.join("roletray")
        }
    }

    /// The world's temporary directory.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn options(&self) -> WorldOptions {
        self.options
    }

    /// `program` with exactly the world's environment (PATH has the venv's
    /// bin first) and `$HOME` as working directory.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        self.env.apply(&mut cmd);
        cmd.current_dir(&self.home);
        cmd
    }

    /// The roletray binary with `args`, in the world's environment.
    pub fn roletray(&self, args: &[&str]) -> Command {
        let bin = crate::roletray_bin();
        assert!(
            bin.exists(),
            "roletray binary not found at {}: run `cargo build -p roletray` first \
             (or point ROLETRAY_BIN at it)",
            bin.display()
        );
        let mut cmd = match crate::runner() {
            Some(runner) => {
                let mut cmd = self.command(runner);
                cmd.arg(bin);
                cmd
            }
            None => self.command(bin),
        };
        cmd.args(args);
        cmd
    }

    /// Runs roletray with `args` and `stdin` (else /dev/null), capturing output.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_command(self.roletray(args), stdin)
    }

    /// Like [`World::run`], panicking with stdout/stderr unless it exits 0.
    pub fn run_ok(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let out = self.run(args, stdin);
        assert!(
            out.code() == Some(0),
            "roletray {args:?} exited with {}\n--- stdout:\n{}\n--- stderr:\n{}",
            out.status,
            out.stdout,
            out.stderr
        );
        out
    }

    /// Requests with `Action=<action>` moto received since the world was
    /// built (after the fixture setup), rejected ones included.
    pub fn sts_calls(&self, action: &str) -> usize {
        self.moto_server.calls(action)
    }

    /// The values of `param` moto received in `action` requests (see
    /// `sts_calls`), such as the `TokenCode`s of AssumeRole.
    pub fn sts_params(&self, action: &str, param: &str) -> Vec<String> {
        self.moto_server.params(action, param)
    }

    /// Turns moto's authentication on or off.
    pub fn set_auth(&mut self, on: bool) {
        self.moto_server.set_auth(on);
        self.options.auth = on;
    }

    /// Locks the login keyring now (no prompter can unlock it): from here
    /// on, whatever needs the keychain fails with `keychain_locked`.
    pub fn lock_keyring(&self) {
        assert_eq!(
            self.options.keyring,
            KeyringState::Unlocked,
            "no keyring to lock"
        );
        services::lock_login(&self.env);
    }

    /// Adds (or replaces) a variable of the world's environment: every
    /// command and service started from now on gets it.
    pub fn set_env(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.env.vars.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.env.vars.push((key, value)),
        }
    }

    /// A variable of the world's environment.
    pub fn env_var(&self, key: &str) -> Option<String> {
        self.env
            .vars
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }

    /// `<world>/logs`: one `<service>.log` per service.
    pub(crate) fn logs_dir(&self) -> &Path {
        &self.logs
    }

    /// Everything the tray app wrote to its log files so far.
    pub fn app_log(&self) -> String {
        let dir = self.state_dir.join("roletray");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|f| fs::read_to_string(f).unwrap_or_default())
            .collect()
    }

    /// What service `name` (`moto`, `dbus`, `gnome-keyring`) wrote to stderr.
    pub fn service_log(&self, name: &str) -> String {
        fs::read_to_string(self.logs.join(format!("{name}.log")))
            .unwrap_or_else(|_| format!("(no log for service {name:?})"))
    }

    fn kill_services(&mut self) {
        // moto first, then keyring, then the bus it talks on.
        let _ = self.moto_server.service.child.kill();
        let _ = self.moto_server.service.child.wait();
        while let Some(service) = self.services.pop() {
            drop(service);
        }
    }
}

impl Drop for World {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for name in ["moto", "gnome-keyring", "dbus"] {
                let log = self.service_log(name);
                let tail: Vec<&str> = log.lines().rev().take(30).collect();
                eprintln!("--- last lines of the world's {name} log:");
                for line in tail.iter().rev() {
                    eprintln!("{line}");
                }
            }
        }
        self.kill_services();
    }
}
