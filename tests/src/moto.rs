//! The moto STS/IAM server of a world, its fixture data, and its control API.

use std::collections::HashMap;
use std::fs;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use crate::http;
use crate::process::run_command;
use crate::services::{BaseEnv, Pipes, STARTUP_TIMEOUT, Service};

/// An IAM user's long-term access key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// What `tests/fixtures/moto_world.py` created in moto.
#[derive(Clone, Debug)]
pub struct MotoWorld {
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    /// `123456789012`
    pub account: String,
    /// May AssumeRole, GetSessionToken and GetCallerIdentity.
    pub alice: Keys,
    /// May only GetCallerIdentity.
    pub bob: Keys,
    /// May assume `dev` and manage only its own access keys.
    pub carol: Keys,
    /// As carol, with keys made 400 days ago (see `fixtures/moto_shim`).
    pub dora: Keys,
    /// May do anything: the tests' own view of IAM (`fixtures/iam_keys.py`).
    pub admin: Keys,
    /// Role name (`dev`, `ops`, `client`, `target`) to role ARN.
    pub roles: HashMap<String, String>,
}

impl MotoWorld {
    /// The ARN of role `name`; panics when the fixture has no such role.
    pub fn role(&self, name: &str) -> &str {
        self.roles
            .get(name)
            .unwrap_or_else(|| panic!("no role {name:?} in the moto world"))
    }
}

/// The `ExternalId` role `client` requires.
pub const CLIENT_EXTERNAL_ID: &str = "client-ext-id-42";

pub struct Moto {
    pub service: Service,
    pub addr: SocketAddr,
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("picking a free loopback port")
        .port()
}

impl Moto {
    /// Starts `moto_server` from the venv on a free loopback port, with
    /// request recording to `<root>/moto_recording`. Retries with another
    /// port when a parallel test grabbed the one picked.
    pub fn start(venv: &Path, root: &Path, logs: &Path, env: &BaseEnv) -> Moto {
        let server = venv.join("bin/moto_server");
        assert!(
            server.exists(),
            "{} is missing: run scripts/setup-test-deps.sh (or set ROLETRAY_TEST_VENV)",
            server.display()
        );
        let mut last_log = String::new();
        for _ in 0..5 {
            let port = free_port();
            let mut cmd = Command::new(&server);
            env.apply(&mut cmd);
            cmd.env("MOTO_ENABLE_RECORDING", "True")
                // Old keys, which moto cannot make by itself.
                .env("PYTHONPATH", crate::fixtures_dir().join("moto_shim"))
                .env("ROLETRAY_TEST_AGED_KEYS", "dora=400")
                .env("MOTO_RECORDER_FILEPATH", root.join("moto_recording"))
                .env("PYTHONUNBUFFERED", "1")
                .current_dir(root)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()]);
            let mut service = Service::spawn("moto", cmd, logs, Pipes::default());
            let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
            if wait_ready(&mut service, addr, port) {
                return Moto { service, addr };
            }
            last_log = service.log_text();
        }
        panic!("moto_server did not start:\n{last_log}");
    }

    /// `http://127.0.0.1:PORT`
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// POSTs to moto's control API; panics unless it answers 200.
    pub fn post(&self, path: &str, body: &str) -> String {
        let (status, text) = http::request(self.addr, "POST", path, "text/plain", body.as_bytes())
            .unwrap_or_else(|e| panic!("POST {path} to moto: {e}"));
        assert_eq!(status, 200, "POST {path} to moto answered {status}: {text}");
        text
    }

    pub fn get(&self, path: &str) -> String {
        let (status, text) = http::request(self.addr, "GET", path, "text/plain", b"")
            .unwrap_or_else(|e| panic!("GET {path} from moto: {e}"));
        assert_eq!(
            status, 200,
            "GET {path} from moto answered {status}: {text}"
        );
        text
    }

    /// Runs the fixture script against this server and loads what it made.
    pub fn populate(&self, venv: &Path, root: &Path, env: &BaseEnv) -> MotoWorld {
        let out_file = root.join("moto_world.json");
        let mut cmd = Command::new(venv.join("bin/python"));
        env.apply(&mut cmd);
        cmd.arg(crate::fixtures_dir().join("moto_world.py"))
            .arg("--endpoint")
            .arg(self.endpoint())
            .arg("--out")
            .arg(&out_file);
        let out = run_command(cmd, None);
        assert!(
            out.success(),
            "moto_world.py failed:\n{}\n{}\nmoto log:\n{}",
            out.stdout,
            out.stderr,
            self.service.log_text()
        );
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&out_file).expect("reading moto_world.json"))
                .expect("moto_world.json is JSON");
        let text =
            |v: &serde_json::Value| v.as_str().expect("a string in moto_world.json").to_string();
        let keys = |user: &str| Keys {
            access_key_id: text(&json[user]["access_key_id"]),
            secret_access_key: text(&json[user]["secret_access_key"]),
        };
        MotoWorld {
            endpoint: self.endpoint(),
            account: text(&json["account"]),
            alice: keys("alice"),
            bob: keys("bob"),
            carol: keys("carol"),
            dora: keys("dora"),
            admin: keys("admin"),
            roles: json["roles"]
                .as_object()
                .expect("roles object in moto_world.json")
                .iter()
                .map(|(name, arn)| (name.clone(), text(arn)))
                .collect(),
        }
    }

    /// Forgets every request recorded so far and records from now on.
    pub fn restart_recording(&self) {
        self.post("/moto-api/recorder/reset-recording", "");
        self.post("/moto-api/recorder/start-recording", "");
    }

    /// Auth on: every request must be SigV4-signed by a known key and is
    /// checked against IAM policies. Off: anything goes.
    pub fn set_auth(&self, on: bool) {
        self.post("/moto-api/reset-auth", if on { "0" } else { "inf" });
    }

    /// How many recorded requests (since recording restarted) have
    /// `Action=<action>`, in the form body or the query string. Requests that
    /// moto then rejected (bad signature, access denied) count too.
    pub fn calls(&self, action: &str) -> usize {
        self.get("/moto-api/recorder/download-recording")
            .lines()
            .filter(|line| !line.trim().is_empty())
            .filter(|line| recorded_param(line, "Action").as_deref() == Some(action))
            .count()
    }

    /// The value of `param` in each recorded request with `Action=<action>`
    /// that has it, in the order they came (the MFA codes sent, say).
    pub fn params(&self, action: &str, param: &str) -> Vec<String> {
        self.get("/moto-api/recorder/download-recording")
            .lines()
            .filter(|line| recorded_param(line, "Action").as_deref() == Some(action))
            .filter_map(|line| recorded_param(line, param))
            .collect()
    }
}

/// The value of form parameter `name` (`Action`, …) of one line of moto's
/// recording, from its body or its query string.
fn recorded_param(line: &str, name: &str) -> Option<String> {
    let entry: serde_json::Value = serde_json::from_str(line).ok()?;
    let body = entry["body"].as_str().unwrap_or_default();
    let body = if entry["body_encoded"].as_bool() == Some(true) {
        String::from_utf8_lossy(&http::base64_decode(body)?).into_owned()
    } else {
        body.to_string()
    };
    let query = entry["url"]
        .as_str()
        .and_then(|url| url.split_once('?'))
        .map(|(_, q)| q.to_string())
        .unwrap_or_default();
    http::form_value(&body, name).or_else(|| http::form_value(&query, name))
}

/// Waits until this very process listens on `port` (it logs "Running on
/// ...:PORT"; another world's moto could answer on a port we lost) and the
/// control API answers. False when the process exited.
fn wait_ready(service: &mut Service, addr: SocketAddr, port: u16) -> bool {
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    let banner = format!("Running on http://127.0.0.1:{port}");
    loop {
        if service.exited() {
            return false;
        }
        if service.log_text().contains(&banner)
            && matches!(
                http::request(addr, "GET", "/moto-api/", "text/plain", b""),
                Ok((200, _))
            )
        {
            return true;
        }
        assert!(
            Instant::now() < deadline,
            "moto_server not ready after {STARTUP_TIMEOUT:?}:\n{}",
            service.log_text()
        );
        thread::sleep(Duration::from_millis(25));
    }
}
