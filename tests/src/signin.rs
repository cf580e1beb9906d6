//! The AWS Sign-In stand-in of a world (`tests/fixtures/signin_standin.py`:
//! the console's `/v1/authorize` and CreateOAuth2Token with DPoP proofs, the
//! service behind `aws login`, checked against AWS's model and botocore by
//! `tests/fixtures/signin_standin_check.py`), and its control API.

use std::fs;
use std::net::SocketAddr;

use crate::http;
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::world::World;

/// The client id of `aws login` (the browser on this machine, redirecting
/// to `http://127.0.0.1:PORT/oauth/callback`).
pub const SAME_DEVICE_CLIENT: &str = "arn:aws:signin:::devtools/same-device";
/// The client id of `aws login --remote` (the code pasted from a page).
pub const CROSS_DEVICE_CLIENT: &str = "arn:aws:signin:::devtools/cross-device";

pub struct SigninStandIn {
    pub service: Service,
    addr: SocketAddr,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl SigninStandIn {
    /// Starts the stand-in with `config` (keys: the script's
    /// `CONFIG_DEFAULTS`) and points the world's `AWS_ENDPOINT_URL_SIGNIN`
    /// at it.
    pub fn start(world: &mut World, config: &serde_json::Value) -> SigninStandIn {
        let dir = world.root().join("signin-standin");
        fs::create_dir_all(&dir).expect("creating the stand-in's dir");
        let config_file = dir.join("config.json");
        fs::write(&config_file, config.to_string()).expect("writing the stand-in's config");
        let mut cmd = world.command(crate::venv_dir().join("bin/python"));
        cmd.arg(crate::fixtures_dir().join("signin_standin.py"))
            .arg("--config")
            .arg(&config_file)
            .env("PYTHONUNBUFFERED", "1");
        let mut service = Service::spawn(
            "signin-standin",
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
        world.set_env("AWS_ENDPOINT_URL_SIGNIN", url.clone());
        SigninStandIn { service, addr, url }
    }

    /// A configuration whose credentials are real moto credentials: alice
    /// assumes the fixture's `role` for every token answer, so they work
    /// against the world's STS, and the sign-in session (the idToken's
    /// `sub`) is `arn:aws:sts::ACCOUNT:assumed-role/ROLE/signin-standin`.
    /// `extra` adds or overrides keys (`moto_session_name` sets the role
    /// session's name).
    pub fn with_moto_role(
        world: &World,
        role: &str,
        extra: serde_json::Value,
    ) -> serde_json::Value {
        let mut config = serde_json::json!({
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

    /// Requests, token calls and answers by grant, refusals and why.
    pub fn stats(&self) -> serde_json::Value {
        let (status, text) = http::request(self.addr, "GET", "/_standin/stats", "text/plain", b"")
            .unwrap_or_else(|e| panic!("GET stats: {e}"));
        assert_eq!(status, 200, "stats answered {status}: {text}");
        serde_json::from_str(&text).expect("stats are JSON")
    }

    /// Signs in as the AWS CLI's `aws login` does and leaves what it
    /// leaves: its cache file under the world's `~/.aws/login/cache`
    /// (`tests/fixtures/aws_login_cache.py`). Answers the session ARN, the
    /// profile's `login_session`.
    pub fn sign_in_as_aws_cli(&self, world: &World) -> String {
        let mut cmd = world.command(crate::venv_dir().join("bin/python"));
        cmd.arg(crate::fixtures_dir().join("aws_login_cache.py"))
            .args(["--standin", &self.url, "--cache-dir"])
            .arg(Self::aws_cli_cache_dir(world));
        let out = crate::run_command(cmd, None);
        assert!(out.success(), "signing in as aws login: {}", out.stderr);
        out.stdout.trim().to_owned()
    }

    /// Where the AWS CLI keeps its sign-ins in the world.
    pub fn aws_cli_cache_dir(world: &World) -> std::path::PathBuf {
        world.home.join(".aws/login/cache")
    }

    /// Successful token answers for `grant` (`authorization_code`,
    /// `refresh_token`).
    pub fn tokens_issued(&self, grant: &str) -> u64 {
        self.stats()["tokens_issued"][grant].as_u64().unwrap_or(0)
    }
}
