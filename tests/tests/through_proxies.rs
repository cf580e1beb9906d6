//! RoleTray on a company network, on real parts (`roletray_tests::NetworkLab`):
//! every kind of call it makes goes through a real CONNECT proxy to
//! endpoints served over TLS by a private CA, under made-up names only the
//! proxy resolves (so nothing can pass by going direct); the CA comes from
//! `AWS_CA_BUNDLE`, the AWS config's `ca_bundle` or the `ca-bundle`
//! setting; and each failure on the way (an untrusted certificate, a
//! TLS-inspecting proxy, a 407, a proxy that is not there, a name that does
//! not resolve) is said in words a person can act on, within 15 s. The
//! AWS CLI controls of the same lab are in `network.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    AppWindow, Desktop, DesktopOptions, LabOptions, NetworkLab, Output, SsoStandIn, Via, World,
    WorldOptions, lab_host, poll, run_command_for,
};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

/// What the issue asks of every network failure: said within 15 s.
const SAID_WITHIN: Duration = Duration::from_secs(15);

/// The world's calls go to the lab's names through `proxy`, trusting `ca`
/// (none: the system's roots only).
fn through(world: &mut World, lab: &NetworkLab, proxy: &str, ca: Option<&std::path::Path>) {
    world.set_env("HTTPS_PROXY", proxy);
    world.set_env(
        "AWS_CA_BUNDLE",
        ca.map(|c| c.display().to_string()).unwrap_or_default(),
    );
    world.set_env("AWS_ENDPOINT_URL_STS", lab.https_url("sts"));
    world.set_env("AWS_ENDPOINT_URL_IAM", lab.https_url("iam"));
}

/// `roletray ARGS` in the world, given at most [`SAID_WITHIN`].
fn run(world: &World, args: &[&str]) -> Output {
    run_command_for(world.roletray(args), None, SAID_WITHIN)
}

/// `roletray ARGS` fails with `error[code]`; its stderr.
fn fails_with(world: &World, args: &[&str], code: &str) -> String {
    let out = run(world, args);
    assert!(!out.success(), "expected {args:?} to fail: {}", out.stdout);
    assert!(
        out.stderr.contains(&format!("error[{code}]")),
        "expected error[{code}]: {}",
        out.stderr
    );
    out.stderr
}

fn succeeds(world: &World, args: &[&str]) -> Output {
    let out = run(world, args);
    assert!(out.success(), "{args:?} failed: {}", out.stderr);
    out
}

/// A federation endpoint stand-in on 127.0.0.1 (plain HTTP, behind the
/// lab's TLS front): every `getSigninToken` gets a token.
fn federation_standin() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Lives until the test process ends; it only ever answers loopback.
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let body = r#"{"SigninToken":"token-through-the-proxy"}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://127.0.0.1:{port}")
}

// Assume (STS), `source check` (IAM), the console link (federation) and an
// Identity Center sign-in and listing (OIDC and the portal) each go
// through the proxy, trusting the lab's CA from AWS_CA_BUNDLE; the front
// saw every connection come from the proxy.
#[test]
fn every_kind_of_call_goes_through_the_proxy() {
    let mut world = World::with_dev();
    let config = SsoStandIn::with_moto_role(
        &world,
        "dev",
        json!({"rate_limit_per_second": 0, "moto_session_name": "chain-hop"}),
    );
    let sso = SsoStandIn::start(&mut world, &config);
    let federation = federation_standin();
    let lab = NetworkLab::start(
        &world,
        LabOptions::default()
            .route("oidc", &sso.url)
            .route("portal", &sso.url)
            .route("federation", &federation),
    );
    let (proxy, ca) = (lab.proxy_url(), lab.ca_file());
    through(&mut world, &lab, &proxy, Some(&ca));
    world.set_env("AWS_ENDPOINT_URL_SSO", lab.https_url("portal"));
    world.set_env("AWS_ENDPOINT_URL_SSO_OIDC", lab.https_url("oidc"));

    let out = succeeds(&world, &["assume", "dev"]);
    assert!(out.stdout.contains("assumed-role/dev/"), "{}", out.stdout);
    assert_eq!(world.sts_calls("AssumeRole"), 1);
    succeeds(&world, &["source", "check", "alice"]);

    let base = format!("{}/federation", lab.https_url("federation"));
    succeeds(&world, &["config", "set", "federation-url", &base]);
    let link = succeeds(&world, &["console", "dev", "--print"]);
    assert!(
        link.stdout.contains("SigninToken=token-through-the-proxy"),
        "{}",
        link.stdout
    );

    SsoStandIn::add_acme(&world);
    world.set_env("ROLETRAY_TEST_BROWSER", "none");
    let out = sso.sign_in_confirming_the_code(
        &world,
        &["sso", "login", "acme", "--use-device-code", "--no-browser"],
    );
    assert!(out.success(), "{}\n{}", out.stdout, out.stderr);
    let stdout = &out.stdout;
    assert!(stdout.contains("3 accounts, 6 roles"), "{stdout}");

    let mut hosts = lab.connects();
    hosts.sort();
    hosts.dedup();
    let mut expected: Vec<String> = ["federation", "iam", "oidc", "portal", "sts"]
        .iter()
        .map(|h| lab_host(h))
        .collect();
    expected.sort();
    assert_eq!(hosts, expected);
    let front = lab.front_connections();
    assert!(
        front.iter().all(|c| c.via == Via::ConnectProxy),
        "a connection went around the proxy: {front:?}"
    );
}

// An AWS Sign-In source signed in, then refreshed on the company network:
// the token API's call goes through the proxy.
#[test]
fn an_aws_sign_in_is_refreshed_through_the_proxy() {
    let mut world = World::start(WorldOptions::default());
    let config = roletray_tests::signin::SigninStandIn::with_moto_role(
        &world,
        "dev",
        json!({"expires_in": 120}),
    );
    let standin = roletray_tests::signin::SigninStandIn::start(&mut world, &config);
    roletray_tests::install_browser(&mut world);
    succeeds(&world, &["signin", "add", "me", "--region", "eu-west-1"]);
    succeeds(&world, &["signin", "login", "me"]);
    let before = standin.tokens_issued("refresh_token");

    let lab = NetworkLab::start(&world, LabOptions::default().route("signin", &standin.url));
    let (proxy, ca) = (lab.proxy_url(), lab.ca_file());
    through(&mut world, &lab, &proxy, Some(&ca));
    world.set_env("AWS_ENDPOINT_URL_SIGNIN", lab.https_url("signin"));
    // Signed in directly; from here on it is reached over the lab's TLS front.
    standin.control("set_scheme", json!({"scheme": "https"}));
    // 120-second credentials are below min-ttl: they are refreshed now.
    let out = succeeds(&world, &["credential-process", "me"]);
    assert!(out.stdout.contains("SessionToken"), "{}", out.stdout);
    assert!(standin.tokens_issued("refresh_token") > before);
    assert!(
        lab.connects().contains(&lab_host("signin")),
        "{:?}",
        lab.connects()
    );
}

// The CA, from each place it may be named; without it the unknown issuer
// is said with what to do; a TLS-inspecting proxy's CA is needed to pass it.
#[test]
fn certificate_authorities_from_each_place_and_an_inspecting_proxy() {
    let mut world = World::with_dev();
    let lab = NetworkLab::start(&world, LabOptions::default().inspecting_proxy());
    let (proxy, ca) = (lab.proxy_url(), lab.ca_file());
    let ca_text = roletray_tests::native_path(&ca);

    through(&mut world, &lab, &proxy, None);
    let said = fails_with(&world, &["assume", "dev"], "tls_untrusted");
    for words in [
        "sts.roletray.test",
        "TLS-inspecting proxy",
        "roletray config set ca-bundle",
        "AWS_CA_BUNDLE",
    ] {
        assert!(said.contains(words), "no '{words}' in: {said}");
    }

    succeeds(&world, &["config", "set", "ca-bundle", &ca_text]);
    succeeds(&world, &["assume", "dev", "--renew"]);
    succeeds(&world, &["config", "set", "ca-bundle", "none"]);
    fails_with(&world, &["assume", "dev", "--renew"], "tls_untrusted");

    std::fs::write(
        &world.aws_config,
        format!("[default]\nca_bundle = {ca_text}\n"),
    )
    .unwrap();
    succeeds(&world, &["assume", "dev", "--renew"]);
    std::fs::write(&world.aws_config, "").unwrap();

    // A file that is not a CA is refused by the setting, and stops calls
    // when named by AWS_CA_BUNDLE.
    let bad = world.root().join("not-a-ca.pem");
    std::fs::write(&bad, "hello\n").unwrap();
    fails_with(
        &world,
        &[
            "config",
            "set",
            "ca-bundle",
            &roletray_tests::native_path(&bad),
        ],
        "invalid_input",
    );
    world.set_env("AWS_CA_BUNDLE", bad.display().to_string());
    let said = fails_with(&world, &["assume", "dev", "--renew"], "ca_file_unusable");
    assert!(said.contains("AWS_CA_BUNDLE"), "{said}");

    // The inspecting proxy re-signs with its own CA: the lab's is not enough.
    let mitm = lab.mitm_proxy_url();
    through(&mut world, &lab, &mitm, Some(&ca));
    let said = fails_with(&world, &["assume", "dev", "--renew"], "tls_untrusted");
    assert!(
        said.contains(&format!("through the proxy {mitm}")),
        "{said}"
    );
    let mitm_ca = lab.mitm_ca_file();
    through(&mut world, &lab, &mitm, Some(&mitm_ca));
    succeeds(&world, &["assume", "dev", "--renew"]);
    assert!(
        lab.mitm_requests()
            .iter()
            .any(|r| r.contains("sts.roletray.test")),
        "{:?}",
        lab.mitm_requests()
    );
}

// A proxy that asks for credentials: a 407 names it and where it was set;
// credentials in HTTPS_PROXY pass and are never shown; the Network
// setting's user with the password in the keychain passes too.
#[test]
fn a_proxy_asking_for_credentials() {
    let mut world = World::with_dev();
    let password = "pa ss:w@rd";
    let lab = NetworkLab::start(
        &world,
        LabOptions::default().proxy_auth("lab-user", password),
    );
    let ca = lab.ca_file();
    let bare = lab.proxy_url();
    through(&mut world, &lab, &bare, Some(&ca));
    let said = fails_with(&world, &["assume", "dev"], "proxy_auth_required");
    assert!(
        said.contains(&bare) && said.contains("HTTPS_PROXY"),
        "{said}"
    );

    let with = lab.proxy_url_with_credentials();
    through(&mut world, &lab, &with, Some(&ca));
    let out = succeeds(&world, &["assume", "dev"]);
    let check = run(&world, &["network", "check"]);
    for text in [&out.stdout, &out.stderr, &check.stdout, &check.stderr] {
        assert!(!text.contains("w@rd") && !text.contains("w%40rd"), "{text}");
    }
    assert!(check.stdout.contains("lab-user:****@"), "{}", check.stdout);

    // The proxy of the Network settings, its password in the keychain.
    world.set_env("HTTPS_PROXY", "");
    let port = lab.proxy_port();
    let own = format!("http://lab-user@127.0.0.1:{port}");
    fails_with(
        &world,
        &[
            "config",
            "set",
            "proxy",
            &format!("http://lab-user:x@127.0.0.1:{port}"),
        ],
        "invalid_input",
    );
    succeeds(&world, &["config", "set", "proxy", &own]);
    fails_with(&world, &["assume", "dev", "--renew"], "proxy_auth_required");
    let out = run_command_for(
        world.roletray(&["network", "password"]),
        Some(&format!("{password}\n")),
        SAID_WITHIN,
    );
    assert!(out.success(), "{}", out.stderr);
    assert_eq!(
        world.keychain_secret("proxy/password").as_deref(),
        Some(password)
    );
    let config = std::fs::read_to_string(world.config_dir.join("roletray/config.toml")).unwrap();
    assert!(!config.contains("w@rd"), "{config}");
    succeeds(&world, &["assume", "dev", "--renew"]);
    assert_eq!(world.sts_calls("AssumeRole"), 2);
}

// A proxy that is not there, and names that do not resolve behind it.
#[test]
fn an_unreachable_proxy_and_a_name_the_proxy_cannot_reach() {
    let mut world = World::with_dev();
    let lab = NetworkLab::start(&world, LabOptions::default());
    let ca = lab.ca_file();
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let gone = format!("http://127.0.0.1:{closed}");
    through(&mut world, &lab, &gone, Some(&ca));
    let said = fails_with(&world, &["assume", "dev"], "proxy_unreachable");
    assert!(
        said.contains(&format!("127.0.0.1:{closed}")) && said.contains("refused"),
        "{said}"
    );

    let proxy = lab.proxy_url();
    through(&mut world, &lab, &proxy, Some(&ca));
    world.set_env("AWS_ENDPOINT_URL_STS", "https://sts.nowhere.invalid");
    let said = fails_with(&world, &["assume", "dev"], "host_not_found");
    assert!(
        said.contains("sts.nowhere.invalid") && said.contains("through the proxy"),
        "{said}"
    );
}

// `network check` says what is used and where it came from, and reaches
// each endpoint; with no proxy variables, GNOME's proxy settings (in the
// world's own dconf) are the system's proxy, for the CLI and for the tray
// app started the same way.
#[test]
fn the_desktop_s_proxy_when_the_environment_names_none() {
    roletray_tests::linux_only!("GNOME's settings are a Linux desktop's");
    let mut world = World::with_dev();
    let lab = NetworkLab::start(&world, LabOptions::default());
    let ca = lab.ca_file();
    through(&mut world, &lab, "", Some(&ca));
    lab.set_gnome_proxy(
        &world,
        "manual",
        "127.0.0.1",
        lab.proxy_port(),
        &["localhost", "127.0.0.0/8", "::1"],
    );

    let out = run(&world, &["network", "check", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        report["https_proxy"],
        json!({"value": lab.proxy_url(), "from": "GNOME's proxy settings"}),
        "{report}"
    );
    assert_eq!(report["ca_files"][0]["from"], "AWS_CA_BUNDLE", "{report}");
    let sts = &report["probes"][0];
    assert_eq!(sts["url"], lab.https_url("sts"), "{report}");
    assert!(
        sts["problem"].is_null() && sts["status"].is_u64(),
        "{report}"
    );
    assert_eq!(sts["proxy"], lab.proxy_url(), "{report}");

    let to_sts = |lab: &NetworkLab| {
        lab.connects()
            .iter()
            .filter(|h| **h == lab_host("sts"))
            .count()
    };
    let checked = to_sts(&lab);
    succeeds(&world, &["assume", "dev"]);
    assert_eq!(to_sts(&lab), checked + 1);

    // The tray app, started with no proxy variables, takes the same way:
    // the CLI's credential-process is answered by the app, which assumes.
    succeeds(&world, &["forget", "dev"]);
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = desktop.start_app(&world, &[]);
    poll("the app's endpoint", Duration::from_secs(30), || {
        endpoint_file
            .exists()
            .then_some(())
            .ok_or_else(|| "no endpoint yet".to_owned())
    });
    succeeds(&world, &["credential-process", "dev"]);
    assert_eq!(world.sts_calls("AssumeRole"), 2);
    // (The app also asks who the new session is: GetCallerIdentity.)
    assert!(to_sts(&lab) >= checked + 2, "{:?}", lab.connects());
    let log = world.app_log();
    assert!(
        log.contains("GET /roles/dev 200")
            && log.contains(&format!("https_proxy=\"{}\"", lab.proxy_url())),
        "{log}"
    );
    drop(app);

    // A proxy auto-config script is said, and calls go direct.
    lab.set_gnome_setting(&world, "org.gnome.system.proxy", "mode", "'auto'");
    lab.set_gnome_setting(
        &world,
        "org.gnome.system.proxy",
        "autoconfig-url",
        "'http://wpad.example/proxy.pac'",
    );
    let out = run(&world, &["network", "check", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(report["https_proxy"].is_null(), "{report}");
    let note = report["notes"][0].as_str().unwrap_or_default();
    assert!(
        note.contains("http://wpad.example/proxy.pac") && note.contains("goes direct"),
        "{report}"
    );
}

// Settings → Network, as a person does it: their own proxy with a user
// name, its password typed once (into the keychain, never back to the
// page), then Test connection shows each endpoint reached through it.
#[test]
fn the_window_sets_a_proxy_and_tests_the_connection() {
    roletray_tests::linux_only!("the window is driven through WebKitWebDriver");
    let mut world = World::with_dev();
    let password = "window pa55:w@rd";
    let lab = NetworkLab::start(
        &world,
        LabOptions::default().proxy_auth("lab-user", password),
    );
    let ca = lab.ca_file();
    through(&mut world, &lab, "", Some(&ca));
    let desktop = Desktop::start(&mut world, DesktopOptions::default());
    let app = AppWindow::launch(&world, &desktop);
    let testid = |id: &str| format!("[data-testid=\"{id}\"]");

    app.click(&testid("tab-settings"));
    app.wait_for(&testid("network-form-mode"));
    app.select(&testid("network-form-mode"), "own");
    let own = format!("http://lab-user@127.0.0.1:{}", lab.proxy_port());
    app.fill(&testid("network-form-url"), &own);
    app.fill(&testid("network-form-password"), password);
    app.click(&testid("network-save"));
    // The settings are written first, then the password to the keychain.
    poll(
        "the proxy and its password saved",
        Duration::from_secs(20),
        || {
            let config =
                std::fs::read_to_string(world.config_dir.join("roletray/config.toml")).unwrap();
            (config.contains(&format!("proxy = \"{own}\""))
                && world.keychain_secret("proxy/password").is_some())
            .then_some(())
            .ok_or(config)
        },
    );
    assert_eq!(
        world.keychain_secret("proxy/password").as_deref(),
        Some(password)
    );

    app.click(&testid("network-test"));
    poll("the connection tested", Duration::from_secs(30), || {
        let text = app.text(&testid("network-results"));
        text.contains("Reached: AWS STS (eu-west-1)")
            .then_some(())
            .ok_or(text)
    });
    let text = app.text(&testid("network-results"));
    assert!(
        text.contains(&format!(
            "via http://lab-user:****@127.0.0.1:{}",
            lab.proxy_port()
        )),
        "{text}"
    );
    let page = app.execute("return document.documentElement.outerHTML", json!([]));
    assert!(
        !page.to_string().contains("w@rd"),
        "the password came back to the page"
    );
    assert!(lab.connects().contains(&lab_host("sts")));
}
