//! The Identity Center stand-in of a world (`tests/fixtures/sso_standin.py`:
//! the OIDC service and the access portal, checked against AWS's models),
//! the browser a test's person uses (`tests/fixtures/fake_browser.py`,
//! installed as `xdg-open`), and their control APIs.

use std::fs;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::http;
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::World;

/// The start URL the stand-in serves.
pub const START_URL: &str = "https://standin.awsapps.com/start";

pub struct SsoStandIn {
    pub service: Service,
    addr: SocketAddr,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl SsoStandIn {
    /// Starts the stand-in with `config` (see the script's docstring), points
    /// the world's `AWS_ENDPOINT_URL_SSO` and `AWS_ENDPOINT_URL_SSO_OIDC` at
    /// it, and puts the fake browser on the world's PATH.
    pub fn start(world: &mut World, config: &serde_json::Value) -> SsoStandIn {
        let dir = world.root().join("sso-standin");
        fs::create_dir_all(&dir).expect("creating the stand-in's dir");
        let config_file = dir.join("config.json");
        fs::write(&config_file, config.to_string()).expect("writing the stand-in's config");
        let mut cmd = world.command(crate::venv_dir().join("bin/python"));
        cmd.arg(crate::fixtures_dir().join("sso_standin.py"))
            .arg("--config")
            .arg(&config_file)
            .env("PYTHONUNBUFFERED", "1");
        let mut service = Service::spawn(
            "sso-standin",
            cmd,
            world.logs_dir(),
            Pipes {
                stdin: false,
                stdout: true,
            },
        );
        let stdout = service.child.stdout.take().expect("the stand-in's stdout");
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
        let url = line
            .trim()
            .strip_prefix("standin ready ")
            .unwrap_or_else(|| {
                panic!(
                    "the stand-in did not start within {STARTUP_TIMEOUT:?}: {line:?}\n{}",
                    service.log_text()
                )
            })
            .to_owned();
        let addr: SocketAddr = url
            .strip_prefix("http://")
            .and_then(|a| a.parse().ok())
            .expect("the stand-in's address");
        world.set_env("AWS_ENDPOINT_URL_SSO", url.clone());
        world.set_env("AWS_ENDPOINT_URL_SSO_OIDC", url.clone());
        install_browser(world);
        SsoStandIn { service, addr, url }
    }

    /// A configuration of 3 accounts with 2 roles each, whose role
    /// credentials are real moto credentials (alice assumes the fixture's
    /// `role`), so they work against the world's STS; `extra` adds or
    /// overrides keys (`moto_session_name` sets the assumed session's name).
    pub fn with_moto_role(
        world: &World,
        role: &str,
        extra: serde_json::Value,
    ) -> serde_json::Value {
        let mut config = serde_json::json!({
            "accounts": 3,
            "roles_per_account": 2,
            "moto": {
                "endpoint": world.moto.endpoint,
                "access_key_id": world.moto.alice.access_key_id,
                "secret_access_key": world.moto.alice.secret_access_key,
                "role_arn": world.moto.role(role),
            },
        });
        for (k, v) in extra.as_object().into_iter().flatten() {
            if k == "moto_session_name" {
                config["moto"]["session_name"] = v.clone();
            } else {
                config[k] = v.clone();
            }
        }
        config
    }

    /// `roletray sso add acme` for the stand-in's portal (region eu-west-1).
    pub fn add_acme(world: &World) -> crate::Output {
        world.run_ok(
            &[
                "sso",
                "add",
                "acme",
                "--start-url",
                START_URL,
                "--region",
                "eu-west-1",
            ],
            None,
        )
    }

    /// A stand-in handing out the fixture's `dev` credentials, with `acme`
    /// added and signed in to (in the browser).
    pub fn signed_in(world: &mut World) -> SsoStandIn {
        let config = SsoStandIn::with_moto_role(world, "dev", serde_json::json!({}));
        let sso = SsoStandIn::start(world, &config);
        SsoStandIn::add_acme(world);
        world.run_ok(&["sso", "login", "acme"], None);
        sso
    }

    /// POSTs `body` to the control API; panics unless it answers 200.
    pub fn control(&self, name: &str, body: serde_json::Value) -> serde_json::Value {
        let path = format!("/_standin/{name}");
        let (status, text) = http::request(
            self.addr,
            "POST",
            &path,
            "application/json",
            body.to_string().as_bytes(),
        )
        .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        assert_eq!(status, 200, "POST {path} answered {status}: {text}");
        serde_json::from_str(&text).unwrap_or_default()
    }

    /// Requests per operation, throttled answers, concurrency seen.
    pub fn stats(&self) -> serde_json::Value {
        let (status, text) = http::request(self.addr, "GET", "/_standin/stats", "text/plain", b"")
            .unwrap_or_else(|e| panic!("GET stats: {e}"));
        assert_eq!(status, 200, "stats answered {status}: {text}");
        serde_json::from_str(&text).expect("stats are JSON")
    }

    /// How many requests of `operation` the stand-in answered.
    pub fn calls(&self, operation: &str) -> u64 {
        self.stats()["requests"][operation].as_u64().unwrap_or(0)
    }

    /// Waits until a device code was issued and approves every pending one,
    /// as a person typing the code on the page would.
    pub fn approve_device_codes(&self) {
        poll("a device code to approve", STARTUP_TIMEOUT, || {
            let approved = self.control("approve_device", serde_json::json!({}));
            match approved["user_codes"].as_array() {
                Some(codes) if !codes.is_empty() => Ok(()),
                _ => Err("none pending yet".to_owned()),
            }
        });
    }

    /// `roletray ARGS` (a sign-in of `sso login`) while the person confirms
    /// the device code on the page; its output once it ended (within a
    /// minute).
    pub fn sign_in_confirming_the_code(&self, world: &World, args: &[&str]) -> crate::Output {
        let mut child = world
            .roletray(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starting roletray");
        self.approve_device_codes();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while child.try_wait().expect("waiting for roletray").is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "the sign-in did not end"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let out = child.wait_with_output().expect("roletray's output");
        crate::Output {
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Puts `fake_browser.py` on the world's PATH as `xdg-open`, logging to
/// `<world>/browser.log`.
pub fn install_browser(world: &mut World) {
    let bin = world.root().join("browser-bin");
    fs::create_dir_all(&bin).expect("creating the browser's dir");
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        format!(
            "#!/bin/sh\nexec {} {} \"$@\"\n",
            crate::venv_dir().join("bin/python").display(),
            crate::fixtures_dir().join("fake_browser.py").display()
        ),
    )
    .expect("writing the fake xdg-open");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).expect("chmod xdg-open");
    let path = world.env_var("PATH").unwrap_or_default();
    if !path.starts_with(&bin.display().to_string()) {
        world.set_env("PATH", format!("{}:{path}", bin.display()));
    }
    world.set_env(
        "ROLETRAY_TEST_BROWSER_LOG",
        browser_log(world).display().to_string(),
    );
}

/// Every page the world's browser was asked to open (no query strings).
pub fn browser_log(world: &World) -> PathBuf {
    world.root().join("browser.log")
}

/// Changes the person at the world's browser (`approve`, `ignore`, `none`),
/// also for programs already running.
pub fn set_browser(world: &World, mode: &str) {
    let log = browser_log(world);
    fs::write(format!("{}.mode", log.display()), mode).expect("writing the browser's mode");
}
