//! The local credential endpoint (`roletray serve`): the AWS CLI and boto3,
//! given only `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`, get the role's credentials from it,
//! again and again as sessions near expiry; strangers get nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{KeyringState, Output, World, WorldOptions, run_command};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running `roletray serve`, killed when dropped.
struct Served {
    child: Child,
    port: u16,
    stdout: String,
    stderr: Option<JoinHandle<String>>,
}

impl Served {
    /// Starts `roletray serve [extra]` and waits until it announces itself.
    fn start(world: &World, extra: &[&str]) -> Served {
        let mut args = vec!["serve"];
        args.extend_from_slice(extra);
        let mut cmd = world.roletray(&args);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("starting roletray serve");
        let stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            BufReader::new(stderr).read_to_string(&mut text).ok();
            text
        });
        // Every line of stdout, as it comes: the announcement is the first.
        let stdout = child.stdout.take().unwrap();
        let (lines, announced) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let first = announced
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_default();
        let mut text = first.clone();
        while let Ok(line) = announced.recv_timeout(Duration::from_millis(300)) {
            text.push('\n');
            text.push_str(&line);
        }
        let mut served = Served {
            child,
            port: 0,
            stdout: text,
            stderr: Some(stderr),
        };
        let Some(port) = first
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
        else {
            let (status, stderr) = served.stop("KILL");
            panic!("serve did not announce itself ({status}): {first}\n{stderr}");
        };
        served.port = port;
        served
    }

    /// Sends `signal` (`TERM`, `INT`) and waits; returns how it ended and its stderr.
    fn stop(&mut self, signal: &str) -> (std::process::ExitStatus, String) {
        if let Some(status) = self.child.try_wait().unwrap() {
            let stderr = self
                .stderr
                .take()
                .map(|h| h.join().unwrap())
                .unwrap_or_default();
            return (status, stderr);
        }
        let out = run_command(
            {
                let mut kill = Command::new("kill");
                kill.arg(format!("-{signal}"))
                    .arg(self.child.id().to_string());
                kill
            },
            None,
        );
        assert!(out.success(), "kill -{signal}: {}", out.stderr);
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "serve did not stop on SIG{signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap())
            .unwrap_or_default();
        (status, stderr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The running endpoint's URL for `role` and its token, as `export --live` gives them.
fn live(world: &World, role: &str) -> (String, String) {
    world.live(role)
}

/// A command in the world configured ONLY through the container variables
/// (no keys, no profile; region us-east-1; moto's STS endpoint as the
/// harness sets it).
fn client(world: &World, program: &str, url: &str, token: Option<&str>) -> Command {
    let mut cmd = world.command(program);
    cmd.env("AWS_CONTAINER_CREDENTIALS_FULL_URI", url)
        .env("AWS_DEFAULT_REGION", "us-east-1");
    if let Some(token) = token {
        cmd.env("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
    }
    cmd
}

fn aws_identity(world: &World, url: &str, token: Option<&str>) -> Output {
    let mut cmd = client(world, "aws", url, token);
    cmd.args([
        "sts",
        "get-caller-identity",
        "--output",
        "text",
        "--query",
        "Arn",
    ]);
    run_command(cmd, None)
}

/// Request headers, in order.
type Headers<'a> = &'a [(&'a str, &'a str)];

/// One raw HTTP/1.1 GET with exactly these headers; returns status and body.
fn get(port: u16, path: &str, headers: Headers) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

fn endpoint_file(world: &World) -> std::path::PathBuf {
    world.roletray_runtime_dir().join("endpoint.json")
}

// The AWS CLI and boto3, configured only with the two variables, are the
// role; `export --live` evaluated by bash works even over a shell that
// already holds keys and a profile; without a running endpoint, `export
// --live` says so.
#[test]
fn aws_cli_and_boto3_use_the_endpoint() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let expected = world.assumed_arn("dev", "roletray-tester");

    let (code, out) = world.run_err(&["export", "dev", "--live"], None);
    assert_eq!(code, "endpoint_not_running");
    assert!(out.stderr.contains("roletray serve"), "{}", out.stderr);

    let mut served = Served::start(&world, &[]);
    assert!(
        served.stdout.contains("roletray export NAME --live"),
        "{}",
        served.stdout
    );
    let (url, token) = live(&world, "dev");
    assert_eq!(url, format!("http://127.0.0.1:{}/roles/dev", served.port));
    assert!(!served.stdout.contains(&token), "serve printed its token");

    let out = aws_identity(&world, &url, Some(&token));
    assert!(out.success(), "aws: {}", out.stderr);
    assert_eq!(out.stdout.trim(), expected);

    let mut boto = client(&world, "python", &url, Some(&token));
    boto.args([
        "-c",
        "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])",
    ]);
    let out = run_command(boto, None);
    assert!(out.success(), "boto3: {}", out.stderr);
    assert_eq!(out.stdout.trim(), expected);

    // (Windows' default is PowerShell: bash is asked for by name there.)
    let bash_format: &[&str] = if roletray_tests::under_wine() {
        &["--format", "bash"]
    } else {
        &[]
    };
    let lines = world
        .run_ok(&[&["export", "dev", "--live"], bash_format].concat(), None)
        .stdout;
    assert!(!lines.contains("AWS_SECRET_ACCESS_KEY="), "{lines}");
    let mut bash = world.command("bash");
    bash.arg("-c")
        .arg(format!(
            "{lines}\naws sts get-caller-identity --output text --query Arn"
        ))
        .env("AWS_PROFILE", "does-not-exist")
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_DEFAULT_REGION", "us-east-1");
    let out = run_command(bash, None);
    assert!(out.success(), "bash: {}", out.stderr);
    assert_eq!(out.stdout.trim(), expected);

    // Ctrl-C: a clean stop that takes the token file with it.
    let (status, stderr) = served.stop("INT");
    assert!(status.success(), "{status}: {stderr}");
    assert!(!endpoint_file(&world).exists());
    let (code, _) = world.run_err(&["export", "dev", "--live"], None);
    assert_eq!(code, "endpoint_not_running");
}

// A session that expires while a client runs is renewed behind its back:
// with a 900 s session and min-ttl 900 every request renews, and one
// long-running boto3 process sees new credentials on each call, all of them
// the role's.
#[test]
fn a_running_client_gets_renewed_credentials() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice", "--duration", "900"]);
    world.run_ok(&["config", "set", "min-ttl", "900"], None);
    let _served = Served::start(&world, &[]);
    let (url, token) = live(&world, "dev");

    let script = r#"
import json, time, boto3
session = boto3.session.Session()
sts = session.client("sts")
seen = []
for _ in range(3):
    arn = sts.get_caller_identity()["Arn"]
    key = session.get_credentials().get_frozen_credentials().access_key
    seen.append([arn, key])
    time.sleep(0.2)
print(json.dumps(seen))
"#;
    let before = world.sts_calls("AssumeRole");
    let mut boto = client(&world, "python", &url, Some(&token));
    boto.args(["-c", script]);
    let out = run_command(boto, None);
    assert!(out.success(), "boto3: {}", out.stderr);
    let seen = json(out.stdout.trim());
    let seen = seen.as_array().unwrap();
    let expected = world.assumed_arn("dev", "roletray-tester");
    assert!(
        seen.iter().all(|pair| pair[0] == expected.as_str()),
        "{seen:?}"
    );
    let mut keys: Vec<&str> = seen.iter().map(|pair| pair[1].as_str().unwrap()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 3, "the client kept stale keys: {seen:?}");
    assert!(
        world.sts_calls("AssumeRole") - before >= 3,
        "the endpoint did not renew through STS"
    );
}

// Strangers get nothing: a missing, wrong or decorated token, another
// role's token, a Host that is not loopback with our port, a browser
// Origin, an unknown role. Only 127.0.0.1 listens. Refusals are JSON and name no secret; the log has one
// line per request and no secret either. One endpoint at a time.
#[test]
fn the_endpoint_refuses_strangers_and_logs_no_secret() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let mut served = Served::start(&world, &[]);
    let port = served.port;
    let (url, token) = live(&world, "dev");
    // The run's secret: in a file only its owner can read.
    let file = endpoint_file(&world);
    // (A Unix mode; Windows' access lists: tests/tests/windows.rs.)
    if !roletray_tests::under_wine() {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let run_secret = json(&std::fs::read_to_string(&file).unwrap())["secret"]
        .as_str()
        .unwrap()
        .to_owned();

    // Listening on 127.0.0.1 only: no other IPv4 address, no IPv6 socket.
    let listening = |table: &str| -> Vec<String> {
        std::fs::read_to_string(table)
            .unwrap_or_default()
            .lines()
            .skip(1)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                let local = *cols.get(1)?;
                (cols.get(3) == Some(&"0A") && local.ends_with(&format!(":{port:04X}")))
                    .then(|| local.to_owned())
            })
            .collect()
    };
    assert_eq!(listening("/proc/net/tcp"), [format!("0100007F:{port:04X}")]);
    assert!(listening("/proc/net/tcp6").is_empty());

    let host = format!("127.0.0.1:{port}");
    let good = [("Host", host.as_str()), ("Authorization", token.as_str())];
    let (status, body) = get(port, "/roles/dev", &good);
    assert_eq!(status, 200, "{body}");
    let creds = json(&body);
    let keys: Vec<&String> = creds.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "AccessKeyId",
            "Expiration",
            "RoleArn",
            "SecretAccessKey",
            "Token"
        ]
    );
    // RoleArn, as ECS sends it: the SDKs ignore it, `roletray` reads it back.
    assert!(
        creds["RoleArn"]
            .as_str()
            .unwrap()
            .contains(":assumed-role/"),
        "{body}"
    );
    let secret = creds["SecretAccessKey"].as_str().unwrap().to_owned();
    let session_token = creds["Token"].as_str().unwrap().to_owned();

    let bearer = format!("Bearer {token}");
    let shorter = &token[..token.len() - 1];
    let other_port = format!("127.0.0.1:{}", port + 1);
    let evil = format!("evil.example:{port}");
    let refused: [(Headers, u16, &str); 7] = [
        (&[("Host", &host)], 403, "missing_token"),
        (
            &[("Host", &host), ("Authorization", "nope")],
            403,
            "wrong_token",
        ),
        (
            &[("Host", &host), ("Authorization", shorter)],
            403,
            "wrong_token",
        ),
        (
            &[("Host", &host), ("Authorization", &bearer)],
            403,
            "wrong_token",
        ),
        (
            &[("Host", &evil), ("Authorization", &token)],
            403,
            "forbidden_host",
        ),
        (
            &[("Host", &other_port), ("Authorization", &token)],
            403,
            "forbidden_host",
        ),
        (
            &[
                ("Host", &host),
                ("Authorization", &token),
                ("Origin", "http://evil.example"),
            ],
            403,
            "forbidden_origin",
        ),
    ];
    for (headers, want_status, want_code) in refused {
        let (status, body) = get(port, "/roles/dev", headers);
        assert_eq!(
            (status, json(&body)["code"].as_str()),
            (want_status, Some(want_code)),
            "{headers:?}"
        );
        assert!(!body.contains(&token) && !body.contains(&secret), "{body}");
    }

    // Each role has its own token: dev's does not open ops, a role added
    // while the endpoint runs is served with its own; once the role is
    // removed its token opens nothing, and a new `ops` with another ARN is
    // another role: the old token does not open it, a new one does.
    world.add_role("ops", "ops", &["--source", "alice"]);
    let (_, ops_token) = live(&world, "ops");
    assert_ne!(ops_token, token);
    let (status, body) = get(port, "/roles/ops", &good);
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (403, Some("wrong_token"))
    );
    let ops = [
        ("Host", host.as_str()),
        ("Authorization", ops_token.as_str()),
    ];
    let (status, body) = get(port, "/roles/ops", &ops);
    assert_eq!(status, 200, "{body}");
    world.run_ok(&["role", "remove", "ops"], None);
    let (status, body) = get(port, "/roles/ops", &ops);
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (403, Some("wrong_token"))
    );
    world.add_role("ops", "dev", &["--source", "alice"]);
    let (status, body) = get(port, "/roles/ops", &ops);
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (403, Some("wrong_token")),
        "a token of the old ops opens the new one"
    );
    let (_, new_ops_token) = live(&world, "ops");
    let new_ops = [
        ("Host", host.as_str()),
        ("Authorization", new_ops_token.as_str()),
    ];
    assert_eq!(get(port, "/roles/ops", &new_ops).0, 200);
    let (code, _) = world.run_err(&["export", "nope", "--live"], None);
    assert_eq!(code, "not_found");

    for name in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let (status, _) = get(
            port,
            "/roles/dev",
            &[("Host", &name), ("Authorization", &token)],
        );
        assert_eq!(status, 200, "{name}");
    }

    // The AWS CLI with a wrong token, or none, gets no identity.
    for t in [Some("0".repeat(64)), None] {
        let out = aws_identity(&world, &url, t.as_deref());
        assert!(
            !out.success(),
            "aws got in with token {t:?}: {}",
            out.stdout
        );
        assert!(!out.stdout.contains("assumed-role"));
    }

    // One endpoint at a time, whatever the port.
    let (code, out) = world.run_err(&["serve"], None);
    assert_eq!(code, "in_use", "{}", out.stderr);
    let (code, _) = world.run_err(&["serve", "--port", &port.to_string()], None);
    assert_eq!(code, "in_use");

    // A graceful stop on SIGTERM, and what it leaves: Windows has no
    // SIGTERM (a Windows `serve` stops on Ctrl-C or Ctrl-Break, which a
    // Linux test cannot send into Wine).
    roletray_tests::linux_only!("stopping on SIGTERM");
    let (status, log) = served.stop("TERM");
    assert!(status.success(), "{status}: {log}");
    assert!(!endpoint_file(&world).exists());
    assert!(log.contains("GET /roles/dev 200 role=dev"), "{log}");
    assert!(log.contains("GET /roles/dev 403 role=-"), "{log}");
    assert!(log.contains("GET /roles/ops 403 role=-"), "{log}");
    assert!(log.contains("GET /roles/ops 200 role=ops"), "{log}");
    for s in [
        token.as_str(),
        ops_token.as_str(),
        run_secret.as_str(),
        secret.as_str(),
        session_token.as_str(),
        world.moto.alice.secret_access_key.as_str(),
    ] {
        assert!(!log.contains(s), "a secret reached the log:\n{log}");
    }
}

// A role that needs an MFA code: the endpoint cannot ask, so it answers
// mfa_required, until an MFA session of the source is cached; then it
// serves every role of that source without a code.
//
// moto does not accept GetSessionToken's credentials with auth on (see
// mfa_and_failures.rs), so this world runs with auth off.
#[test]
fn mfa_roles_are_served_from_a_cached_mfa_session() {
    let world = World::start(WorldOptions {
        auth: false,
        keyring: KeyringState::Unlocked,
    });
    world.add_alice_with_mfa();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.add_role("ops", "ops", &["--source", "alice"]);
    let served = Served::start(&world, &[]);
    let (_, token) = live(&world, "dev");
    let host = format!("127.0.0.1:{}", served.port);
    let headers = [("Host", host.as_str()), ("Authorization", token.as_str())];

    let (status, body) = get(served.port, "/roles/dev", &headers);
    assert_eq!(status, 401, "{body}");
    let v = json(&body);
    assert_eq!(v["code"], "mfa_required");
    assert!(
        v["message"].as_str().unwrap().contains("mfa/alice"),
        "{body}"
    );
    assert_eq!(world.sts_calls("GetSessionToken"), 0);

    world.run_ok(&["assume", "ops", "--mfa-code", "123456"], None);
    let (status, body) = get(served.port, "/roles/dev", &headers);
    assert_eq!(status, 200, "{body}");
    assert_eq!(world.sts_calls("GetSessionToken"), 1);
}

// `roletray serve --rotate` voids every token handed out so far, at once:
// a job holding an old token gets nothing more; a new `export --live` works.
// Without a running endpoint it says so.
#[test]
fn rotating_voids_every_token_at_once() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let (code, _) = world.run_err(&["serve", "--rotate"], None);
    assert_eq!(code, "endpoint_not_running");

    let _served = Served::start(&world, &[]);
    let (url, old) = live(&world, "dev");
    assert!(aws_identity(&world, &url, Some(&old)).success());
    let out = world.run_ok(&["serve", "--rotate"], None);
    assert!(out.stdout.contains("void"), "{}", out.stdout);

    let port: u16 = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let host = format!("127.0.0.1:{port}");
    let (status, body) = get(
        port,
        "/roles/dev",
        &[("Host", &host), ("Authorization", &old)],
    );
    assert_eq!(
        (status, json(&body)["code"].as_str()),
        (403, Some("wrong_token"))
    );
    assert!(!aws_identity(&world, &url, Some(&old)).success());
    let (same_url, new) = live(&world, "dev");
    assert_eq!(same_url, url, "the endpoint keeps its address");
    assert_ne!(new, old);
    let out = aws_identity(&world, &url, Some(&new));
    assert!(out.success(), "{}", out.stderr);
}

// A token past its lifetime gets 403 `token_expired`, saying how to get a
// new one. The token is made here as `export --live` makes it (the format
// in docs/endpoint.md), from the run's secret in endpoint.json, with an
// expiry in the past: a forged expiry would be a wrong token instead.
#[test]
fn an_expired_token_is_refused_and_says_what_to_do() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let served = Served::start(&world, &[]);
    let file: serde_json::Value = json(&std::fs::read_to_string(endpoint_file(&world)).unwrap());
    let secret = file["secret"].as_str().unwrap();
    let identity = format!(
        "source alice {}\nrole dev {}",
        world.moto.alice.access_key_id,
        world.moto.role("dev")
    );
    let make = r#"
import hmac, hashlib, struct, sys, time
secret, role, identity, ago = sys.argv[1:5]
expires = str(int(time.time()) - int(ago))
mac = hmac.new(secret.encode(), b"roletray endpoint token v2\0", hashlib.sha256)
for part in (role, identity, expires):
    mac.update(struct.pack(">Q", len(part.encode())) + part.encode())
print(f"v2.{expires}.{mac.hexdigest()}")
"#;
    let token_for = |ago: i64| {
        let mut cmd = world.command(world.venv.join("bin/python"));
        cmd.args(["-c", make, secret, "dev", &identity, &ago.to_string()]);
        let out = run_command(cmd, None);
        assert!(out.success(), "{}", out.stderr);
        out.stdout.trim().to_owned()
    };
    let host = format!("127.0.0.1:{}", served.port);
    // Made the same way with an expiry ahead, it works: the format is right.
    let fresh = token_for(-600);
    assert_eq!(
        get(
            served.port,
            "/roles/dev",
            &[("Host", &host), ("Authorization", &fresh)]
        )
        .0,
        200
    );
    let expired = token_for(10);
    let (status, body) = get(
        served.port,
        "/roles/dev",
        &[("Host", &host), ("Authorization", &expired)],
    );
    let answer = json(&body);
    assert_eq!(
        (status, answer["code"].as_str()),
        (403, Some("token_expired"))
    );
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("export ROLE --live"),
        "{body}"
    );
}

// The runtime directory is the user's alone: RoleTray takes group and world
// access away from its own directory, and `export --live` does not trust an
// endpoint.json others could have written.
#[test]
fn runtime_files_others_could_touch_are_not_trusted() {
    roletray_tests::linux_only!("Unix modes (Windows' access lists: tests/tests/windows.rs)");
    use std::os::unix::fs::PermissionsExt;
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let run = world.runtime_dir.join("roletray");
    std::fs::create_dir_all(&run).unwrap();
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o777)).unwrap();
    let _served = Served::start(&world, &[]);
    let mode = std::fs::metadata(&run).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    live(&world, "dev");
    std::fs::set_permissions(
        endpoint_file(&world),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let (code, out) = world.run_err(&["export", "dev", "--live"], None);
    assert_eq!(code, "unsafe_path", "{}", out.stderr);
    assert!(out.stderr.contains("endpoint.json"), "{}", out.stderr);
}

/// An IAM Identity Center role is served like any other: its name, slashes
/// and all, is one path segment of the live URL, and the AWS CLI uses it.
#[test]
fn an_identity_center_role_is_served_too() {
    let mut world = World::start(WorldOptions::default());
    let _sso = roletray_tests::SsoStandIn::signed_in(&mut world);
    let _served = Served::start(&world, &[]);
    let role = "acme/100000000001/AdministratorAccess";
    let (url, token) = live(&world, role);
    assert!(
        url.ends_with("/roles/acme%2F100000000001%2FAdministratorAccess"),
        "{url}"
    );
    let out = aws_identity(&world, &url, Some(&token));
    assert!(out.success(), "{}", out.stderr);
    assert!(out.stdout.contains("assumed-role/dev/"), "{}", out.stdout);
}
