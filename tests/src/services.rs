//! Long-lived helper processes of a world: the private D-Bus session bus and
//! gnome-keyring. Each [`Service`] is killed and reaped when dropped.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::process::run_command;

/// How long a service may take to become ready.
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// Which standard streams of a service are pipes to the harness.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pipes {
    pub stdin: bool,
    pub stdout: bool,
}

/// A running child process whose stderr (and stdout, unless piped) goes to
/// `<world>/logs/<name>.log`.
pub struct Service {
    pub child: Child,
    pub log: PathBuf,
}

impl Service {
    /// Spawns `cmd` as service `name`. Under `setpriv --pdeathsig KILL` when
    /// available, so the service dies with the test thread that started it
    /// even if the test binary is killed before `Drop` runs. Its stdin and
    /// stdout are pipes when asked for (else /dev/null and the log).
    pub fn spawn(name: &str, cmd: Command, logs: &Path, pipes: Pipes) -> Service {
        let log = logs.join(format!("{name}.log"));
        let file = File::create(&log).expect("creating a service log");
        let mut wrapped = if Path::new("/usr/bin/setpriv").exists() {
            let mut w = Command::new("/usr/bin/setpriv");
            w.args(["--pdeathsig", "KILL", "--"]).arg(cmd.get_program());
            w
        } else {
            Command::new(cmd.get_program())
        };
        wrapped.args(cmd.get_args());
        wrapped.env_clear();
        for (key, value) in cmd.get_envs() {
            if let Some(value) = value {
                wrapped.env(key, value);
            }
        }
        if let Some(dir) = cmd.get_current_dir() {
            wrapped.current_dir(dir);
        }
        wrapped
            .stdin(if pipes.stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(if pipes.stdout {
                Stdio::piped()
            } else {
                Stdio::from(file.try_clone().expect("cloning a log handle"))
            })
            .stderr(Stdio::from(file));
        let child = wrapped
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name} ({:?}): {e}", cmd.get_program()));
        Service { child, log }
    }

    /// Whether the process has exited.
    pub fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    pub fn log_text(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The whole environment of a world's programs: commands get exactly these.
#[derive(Clone, Debug, Default)]
pub struct BaseEnv {
    pub vars: Vec<(&'static str, String)>,
}

impl BaseEnv {
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env_clear();
        for (key, value) in &self.vars {
            cmd.env(key, value);
        }
    }
}

/// A session bus configuration with no service directories, so nothing
/// (gnome-keyring, dunst, ...) is ever started by D-Bus activation.
const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// Starts `dbus-daemon` on `unix:path=<root>/bus`; returns it and the address
/// it printed.
pub fn start_bus(root: &Path, logs: &Path, env: &BaseEnv) -> (Service, String) {
    let config = root.join("bus.conf");
    fs::write(&config, BUS_CONFIG).expect("writing bus.conf");
    let mut cmd = Command::new("dbus-daemon");
    env.apply(&mut cmd);
    cmd.arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .arg(format!(
            "--address=unix:path={}",
            root.join("bus").display()
        ));
    let mut service = Service::spawn(
        "dbus",
        cmd,
        logs,
        Pipes {
            stdin: false,
            stdout: true,
        },
    );
    let stdout = service.child.stdout.take().expect("dbus-daemon stdout");
    let mut line = String::new();
    // dbus-daemon prints the address once it listens; EOF means it died.
    let _ = BufReader::new(stdout).read_line(&mut line);
    let address = line.trim().to_string();
    assert!(
        address.starts_with("unix:"),
        "dbus-daemon did not print its address:\n{}",
        service.log_text()
    );
    (service, address)
}

fn gdbus_get(env: &BaseEnv, object: &str, interface: &str, property: &str) -> Option<String> {
    let mut cmd = Command::new("gdbus");
    env.apply(&mut cmd);
    cmd.args([
        "call",
        "--session",
        "--timeout",
        "5",
        "--dest",
        "org.freedesktop.secrets",
        "--object-path",
        object,
        "--method",
        "org.freedesktop.DBus.Properties.Get",
        interface,
        property,
    ]);
    let out = run_command(cmd, None);
    out.success().then(|| out.stdout.trim().to_string())
}

const LOGIN: &str = "/org/freedesktop/secrets/collection/login";

/// Whether the login collection is locked, `None` when it is not there (yet).
fn login_locked(env: &BaseEnv) -> Option<bool> {
    let answer = gdbus_get(env, LOGIN, "org.freedesktop.Secret.Collection", "Locked")?;
    Some(answer.contains("true"))
}

/// Starts `gnome-keyring-daemon` (secrets component only) on the world's bus,
/// creating and unlocking a login keyring with `password`; returns once the
/// login collection answers, unlocked.
pub fn start_keyring(logs: &Path, env: &BaseEnv, password: &str) -> Service {
    let mut cmd = Command::new("gnome-keyring-daemon");
    env.apply(&mut cmd);
    cmd.args(["--foreground", "--unlock", "--components=secrets"]);
    let mut service = Service::spawn(
        "gnome-keyring",
        cmd,
        logs,
        Pipes {
            stdin: true,
            stdout: false,
        },
    );
    {
        // --unlock reads the password until EOF.
        let mut stdin = service.child.stdin.take().expect("keyring stdin");
        stdin
            .write_all(password.as_bytes())
            .expect("writing the keyring password");
    }
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        match login_locked(env) {
            Some(false) => return service,
            Some(true) => panic!(
                "gnome-keyring started with a locked login keyring:\n{}",
                service.log_text()
            ),
            None => {}
        }
        assert!(
            !service.exited() && Instant::now() < deadline,
            "gnome-keyring did not come up:\n{}",
            service.log_text()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Stores a probe item in the login keyring, then locks it through the Secret
/// Service API. Without a prompter on the bus, it stays locked: writes fail
/// with "Cannot create an item in a locked collection".
pub fn lock_login(env: &BaseEnv) {
    let mut store = Command::new("secret-tool");
    env.apply(&mut store);
    store.args([
        "store",
        "--label",
        "roletray probe",
        "service",
        "roletray-harness-probe",
        "user",
        "probe",
    ]);
    let out = run_command(store, Some("probe"));
    assert!(out.success(), "storing the probe item: {}", out.stderr);

    let mut lock = Command::new("gdbus");
    env.apply(&mut lock);
    lock.args([
        "call",
        "--session",
        "--timeout",
        "5",
        "--dest",
        "org.freedesktop.secrets",
        "--object-path",
        "/org/freedesktop/secrets",
        "--method",
        "org.freedesktop.Secret.Service.Lock",
    ])
    .arg(format!("['{LOGIN}']"));
    let out = run_command(lock, None);
    assert!(out.success(), "locking the login keyring: {}", out.stderr);
    assert_eq!(
        login_locked(env),
        Some(true),
        "login keyring still unlocked"
    );
}
