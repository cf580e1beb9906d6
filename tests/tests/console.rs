//! AWS console sign-in (`roletray console`): the federation flow against a
//! local stand-in of AWS's federation endpoint (moto has none), which checks
//! the exact request RoleTray makes and answers a sign-in token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions, form_value, run_command};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};

const SIGNIN_TOKEN: &str = "stand-in-signin-token+/=42";
/// A part of the token that reads the same encoded or not.
const TOKEN_MARK: &str = "stand-in-signin-token";

/// A stand-in federation endpoint on 127.0.0.1: it records the request line
/// of every request and answers each with `status` and `body`.
struct Federation {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Federation {
    fn start(status: u16, body: &str) -> Federation {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (seen, body) = (requests.clone(), body.to_owned());
        // Lives until the test process ends; it only ever answers loopback.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                seen.lock().unwrap().push(line.trim_end().to_owned());
                // Headers up to the blank line; a GET has no body.
                let mut header = String::new();
                while reader.read_line(&mut header).unwrap_or(0) > 2 {
                    header.clear();
                }
                let reason = if status == 200 { "OK" } else { "Bad Request" };
                write!(
                    stream,
                    "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
            }
        });
        Federation { port, requests }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/federation", self.port)
    }

    /// The only request received so far: (path, query string).
    fn only_request(&self) -> (String, String) {
        let requests = self.requests.lock().unwrap();
        assert_eq!(requests.len(), 1, "{requests:?}");
        let target = requests[0]
            .strip_prefix("GET ")
            .and_then(|r| r.strip_suffix(" HTTP/1.1"))
            .unwrap_or_else(|| panic!("not a GET: {}", requests[0]));
        let (path, query) = target.split_once('?').unwrap();
        (path.to_owned(), query.to_owned())
    }

    fn clear(&self) {
        self.requests.lock().unwrap().clear();
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The role's cached session, as `export --format json` shows it.
fn cached_keys(world: &World, role: &str) -> serde_json::Value {
    json(
        &world
            .run_ok(&["export", role, "--format", "json"], None)
            .stdout,
    )
}

/// Checks the `Session` parameter holds exactly the role's session keys.
fn assert_session_is(query: &str, keys: &serde_json::Value) {
    let session = json(&form_value(query, "Session").expect("a Session parameter"));
    assert_eq!(
        session,
        serde_json::json!({
            "sessionId": keys["AWS_ACCESS_KEY_ID"],
            "sessionKey": keys["AWS_SECRET_ACCESS_KEY"],
            "sessionToken": keys["AWS_SESSION_TOKEN"],
        })
    );
}

// A role assumed with a user's keys: getSigninToken carries the session
// JSON of the role's moto-issued keys and a SessionDuration; `--print`
// prints the login link with Issuer, Destination and the sign-in token;
// without it, the desktop's opener gets the link and stdout does not.
#[test]
fn console_signs_in_with_a_token_from_the_federation_endpoint() {
    roletray_tests::linux_only!(
        "the browser stand-in is started by xdg-open; a Windows build opens pages through rundll32 (url.dll), which Wine hands to winebrowser"
    );
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "dev",
        "dev",
        &["--source", "alice", "--region", "eu-west-1"],
    );
    let federation = Federation::start(200, &format!(r#"{{"SigninToken":"{SIGNIN_TOKEN}"}}"#));
    world.run_ok(
        &["config", "set", "federation-url", &federation.url()],
        None,
    );

    let out = world.run_ok(&["console", "dev", "--print"], None);
    assert_eq!(
        out.stderr, "",
        "no notice for a role assumed with a user's keys"
    );
    let (path, query) = federation.only_request();
    assert_eq!(path, "/federation");
    assert_eq!(
        form_value(&query, "Action").as_deref(),
        Some("getSigninToken")
    );
    assert_eq!(
        form_value(&query, "SessionDuration").as_deref(),
        Some("3600")
    );
    let keys = cached_keys(&world, "dev");
    assert_session_is(&query, &keys);
    // Those keys are the role's, as moto issued them.
    let mut aws = world.command("aws");
    aws.args([
        "sts",
        "get-caller-identity",
        "--output",
        "text",
        "--query",
        "Arn",
    ])
    .env("AWS_DEFAULT_REGION", "us-east-1");
    for k in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ] {
        aws.env(k, keys[k].as_str().unwrap());
    }
    let who = run_command(aws, None);
    assert_eq!(
        who.stdout.trim(),
        world.assumed_arn("dev", "roletray-tester"),
        "{}",
        who.stderr
    );

    let link = out.stdout.trim();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    let (base, login) = link.split_once('?').unwrap();
    assert_eq!(base, federation.url());
    let pairs: Vec<(String, String)> = login
        .split('&')
        .map(|p| {
            let (k, _) = p.split_once('=').unwrap();
            (k.to_owned(), form_value(login, k).unwrap())
        })
        .collect();
    let expected = [
        ("Action", "login"),
        ("Issuer", "RoleTray"),
        (
            "Destination",
            "https://console.aws.amazon.com/console/home?region=eu-west-1",
        ),
        ("SigninToken", SIGNIN_TOKEN),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs, expected);

    // The session length the user asks for goes to AWS; out of range never leaves.
    federation.clear();
    world.run_ok(&["console", "dev", "--print", "--duration", "43200"], None);
    let (_, query) = federation.only_request();
    assert_eq!(
        form_value(&query, "SessionDuration").as_deref(),
        Some("43200")
    );
    federation.clear();
    let (code, _) = world.run_err(&["console", "dev", "--print", "--duration", "100"], None);
    assert_eq!(code, "invalid_input");
    assert!(federation.requests.lock().unwrap().is_empty());

    // Without --print the opener gets a private page that forwards to the
    // link: the link is in no process's argv (other users can read those in
    // /proc) and never on stdout; the page goes soon after.
    let bin = world.root().join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let (argv, page, mode) = (
        world.root().join("argv"),
        world.root().join("page"),
        world.root().join("mode"),
    );
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '{}'\nf=\"${{1#file://}}\"\ncat \"$f\" > '{}'\nstat -c %a \"$f\" > '{}'\n",
            argv.display(),
            page.display(),
            mode.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = world.roletray(&["console", "dev"]);
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    cmd.env("PATH", path);
    let out = run_command(cmd, None);
    assert!(out.success(), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Opened the AWS console as arn:aws:sts::"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(TOKEN_MARK) && !out.stderr.contains(TOKEN_MARK));
    let argv = std::fs::read_to_string(&argv).unwrap();
    assert!(
        !argv.contains(TOKEN_MARK) && !argv.contains("Action=login"),
        "{argv}"
    );
    let file = argv
        .lines()
        .nth(1)
        .unwrap()
        .strip_prefix("file://")
        .unwrap()
        .to_owned();
    assert!(
        file.starts_with(&world.runtime_dir.display().to_string()),
        "{file}"
    );
    assert_eq!(std::fs::read_to_string(&mode).unwrap().trim(), "600");
    let page = std::fs::read_to_string(&page).unwrap();
    let forward = format!("content=\"0;url={}?Action=login&amp;", federation.url());
    assert!(
        page.contains(&forward) && page.contains(TOKEN_MARK),
        "{page}"
    );
    roletray_tests::poll(
        "the sign-in page to go",
        std::time::Duration::from_secs(40),
        || {
            (!std::path::Path::new(&file).exists())
                .then_some(())
                .ok_or_else(|| format!("{file} is still there"))
        },
    );
}

// A chained role: no SessionDuration (AWS refuses it for role chaining),
// the chained session's keys, and a notice that the console session ends
// with the role session, shorter than the two hours asked for.
#[test]
fn a_chained_console_omits_session_duration_and_says_so() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "dev",
        "dev",
        &["--source", "alice", "--session-name", "chain-hop"],
    );
    world.add_role("target", "target", &["--via", "dev"]);
    let federation = Federation::start(200, &format!(r#"{{"SigninToken":"{SIGNIN_TOKEN}"}}"#));
    world.run_ok(
        &["config", "set", "federation-url", &federation.url()],
        None,
    );

    let out = world.run_ok(
        &["console", "target", "--print", "--duration", "7200"],
        None,
    );
    let (_, query) = federation.only_request();
    assert_eq!(
        form_value(&query, "Action").as_deref(),
        Some("getSigninToken")
    );
    assert_eq!(form_value(&query, "SessionDuration"), None, "{query}");
    assert_session_is(&query, &cached_keys(&world, "target"));
    assert!(
        out.stderr
            .contains("role 'target' is chained through 'dev'")
            && out.stderr.contains("ends with the role session")
            && out.stderr.contains("(asked for 120 min)"),
        "{}",
        out.stderr
    );
    let (_, login) = out.stdout.trim().split_once('?').unwrap();
    assert_eq!(
        form_value(login, "SigninToken").as_deref(),
        Some(SIGNIN_TOKEN)
    );
    assert!(!out.stderr.contains(TOKEN_MARK));
}

// What can go wrong says so: the endpoint refuses (federation_failed), is
// not there (federation_unreachable); a federation URL that would send
// credentials in the clear to another host is refused when set.
#[test]
fn federation_failures_are_clear_errors() {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);

    let refusing = Federation::start(400, "Bad Request");
    world.run_ok(&["config", "set", "federation-url", &refusing.url()], None);
    let (code, out) = world.run_err(&["console", "dev", "--print"], None);
    assert_eq!(code, "federation_failed", "{}", out.stderr);
    assert!(out.stderr.contains("HTTP 400"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let keys = cached_keys(&world, "dev");
    let secret = keys["AWS_SECRET_ACCESS_KEY"].as_str().unwrap();
    assert!(!out.stderr.contains(secret));

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}/federation");
    world.run_ok(&["config", "set", "federation-url", &url], None);
    let (code, _) = world.run_err(&["console", "dev", "--print"], None);
    assert_eq!(code, "federation_unreachable");

    let (code, _) = world.run_err(
        &[
            "config",
            "set",
            "federation-url",
            "http://signin.example.com/federation",
        ],
        None,
    );
    assert_eq!(code, "invalid_input");
    world.run_ok(&["config", "set", "federation-url", "default"], None);
    let out = world.run_ok(&["config", "get", "federation-url"], None);
    assert_eq!(out.stdout.trim(), "default");
}

// An IAM Identity Center role: the sign-in token is asked with that role's
// session, as the portal gave it (the stand-in hands out moto keys).
#[test]
fn an_identity_center_role_signs_in_to_the_console() {
    let mut world = World::start(WorldOptions::default());
    let _sso = roletray_tests::SsoStandIn::signed_in(&mut world);
    let federation = Federation::start(200, &format!(r#"{{"SigninToken":"{SIGNIN_TOKEN}"}}"#));
    world.run_ok(
        &["config", "set", "federation-url", &federation.url()],
        None,
    );
    let role = "acme/100000000001/AdministratorAccess";
    let out = world.run_ok(&["console", role, "--print"], None);
    assert!(out.stdout.contains(TOKEN_MARK), "{}", out.stdout);
    let (_, query) = federation.only_request();
    assert_session_is(&query, &cached_keys(&world, role));
    assert_eq!(
        form_value(&query, "SessionDuration").as_deref(),
        Some("3600")
    );
}
