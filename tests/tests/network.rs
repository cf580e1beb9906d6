//! The network lab's controls (`roletray_tests::NetworkLab`): the AWS CLI,
//! not RoleTray, reaches the world's STS over TLS with the lab's private CA
//! through a real CONNECT proxy (with and without Basic auth) and through a
//! real TLS-inspecting proxy, and GNOME's proxy settings land in the
//! world's own dconf. What RoleTray does on the same network is tested
//! against these.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    LabOptions, NetworkLab, Output, Via, World, WorldOptions, lab_host, run_command,
};
use std::process::Command;

/// `aws sts get-caller-identity` as alice, at the lab's `sts` name over
/// HTTPS, through `proxy`, trusting `ca_bundle`.
fn caller_identity(world: &World, lab: &NetworkLab, proxy: &str, ca_bundle: &str) -> Output {
    run_command(aws_sts(world, lab, proxy, ca_bundle), None)
}

fn aws_sts(world: &World, lab: &NetworkLab, proxy: &str, ca_bundle: &str) -> Command {
    let mut cmd = world.command("aws");
    cmd.env("AWS_ACCESS_KEY_ID", &world.moto.alice.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", &world.moto.alice.secret_access_key)
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL_STS", lab.https_url("sts"))
        .env("HTTPS_PROXY", proxy)
        .env("AWS_CA_BUNDLE", ca_bundle)
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["sts", "get-caller-identity", "--output", "text"])
        .args(["--query", "Arn"]);
    cmd
}

fn alice_arn(world: &World) -> String {
    format!("arn:aws:iam::{}:user/alice", world.moto.account)
}

fn succeeded(out: &Output, world: &World) {
    assert!(out.success(), "aws failed: {}\n{}", out.stderr, out.stdout);
    assert_eq!(out.stdout.trim(), alice_arn(world));
}

/// The command failed and said each of `reasons` on stderr.
fn failed_with(out: &Output, reasons: &[&str]) {
    assert!(!out.success(), "aws succeeded: {}", out.stdout);
    for reason in reasons {
        assert!(
            out.stderr.contains(reason),
            "no {reason:?} in: {}",
            out.stderr
        );
    }
}

/// Every connection the TLS front accepted came `via` that proxy: none
/// went around it.
fn all_came_via(lab: &NetworkLab, via: Via) {
    let front = lab.front_connections();
    assert!(!front.is_empty(), "the front saw nothing");
    for connection in &front {
        assert_eq!(connection.host, lab_host("sts"), "{front:?}");
        assert_eq!(connection.via, via, "{front:?}");
    }
}

fn path(p: std::path::PathBuf) -> String {
    p.display().to_string()
}

// Through the CONNECT proxy, with the lab CA: the call reaches moto, the
// proxy logged the CONNECT, and the front saw it come from the proxy only.
// Without the lab CA the certificate is refused.
#[test]
fn aws_cli_reaches_sts_through_the_connect_proxy() {
    let world = World::start(WorldOptions::default());
    let lab = NetworkLab::start(&world, LabOptions::default());
    eprintln!("the lab started in {:?}", lab.started_in());

    let out = caller_identity(&world, &lab, &lab.proxy_url(), &path(lab.ca_file()));
    succeeded(&out, &world);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 1);
    assert_eq!(lab.connects(), [lab_host("sts")]);
    all_came_via(&lab, Via::ConnectProxy);

    // certifi's bundle, what botocore trusts by default, lacks the lab's CA.
    let mut cmd = world.command("python");
    cmd.args(["-c", "import certifi; print(certifi.where())"]);
    let system_bundle = run_command(cmd, None).stdout.trim().to_owned();
    let out = caller_identity(&world, &lab, &lab.proxy_url(), &system_bundle);
    failed_with(&out, &["CERTIFICATE_VERIFY_FAILED"]);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 1);
}

// The front tells a direct connection from a proxied one, serves routes
// added while it runs (localhost, to the world's moto; the certificate is
// valid for it), and refuses a name it has no route for in the handshake.
#[test]
fn the_front_tells_direct_connections_and_refuses_unknown_names() {
    let world = World::start(WorldOptions::default());
    let mut lab = NetworkLab::start(&world, LabOptions::default());
    lab.route("localhost", &world.moto.endpoint);

    let mut cmd = aws_sts(&world, &lab, "", &path(lab.ca_file()));
    cmd.env_remove("HTTPS_PROXY")
        .env("AWS_ENDPOINT_URL_STS", lab.https_url("localhost"));
    succeeded(&run_command(cmd, None), &world);
    let front = lab.front_connections();
    assert!(!front.is_empty());
    assert!(
        front
            .iter()
            .all(|c| c.host == "localhost" && c.via == Via::Direct),
        "{front:?}"
    );
    assert!(lab.connects().is_empty());

    let mut cmd = aws_sts(&world, &lab, &lab.proxy_url(), &path(lab.ca_file()));
    cmd.env("AWS_ENDPOINT_URL_STS", lab.https_url("nowhere"));
    failed_with(&run_command(cmd, None), &["nowhere.roletray.test"]);
    assert_eq!(lab.connects(), [lab_host("nowhere")]);
    let refused = lab.front_connections().pop().unwrap();
    assert_eq!(refused.host, lab_host("nowhere"));
    assert_eq!((refused.via, refused.backend), (Via::Unknown, None));
}

// A proxy that demands Basic auth: credentials in the proxy URL pass;
// without them it answers 407 and nothing goes through.
#[test]
fn aws_cli_needs_the_proxy_credentials() {
    let world = World::start(WorldOptions::default());
    let lab = NetworkLab::start(
        &world,
        LabOptions::default().proxy_auth("lab-user", "pa ss:w@rd"),
    );

    // The CLI says only "Failed to connect to proxy URL"; its debug log
    // has urllib3's reason.
    let mut cmd = aws_sts(&world, &lab, &lab.proxy_url(), &path(lab.ca_file()));
    cmd.arg("--debug");
    let out = run_command(cmd, None);
    failed_with(
        &out,
        &[
            "Failed to connect to proxy URL",
            "407 Proxy Authentication Required",
        ],
    );
    assert!(lab.connects().is_empty(), "{:?}", lab.connects());
    assert!(lab.front_connections().is_empty());
    assert_eq!(world.sts_calls("GetCallerIdentity"), 0);

    let with_credentials = lab.proxy_url_with_credentials();
    assert!(with_credentials.contains("lab-user:pa%20ss%3Aw%40rd@"));
    let out = caller_identity(&world, &lab, &with_credentials, &path(lab.ca_file()));
    succeeded(&out, &world);
    assert_eq!(lab.connects(), [lab_host("sts")]);
    all_came_via(&lab, Via::ConnectProxy);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 1);
}

// A TLS-inspecting proxy: trusting its CA, the call goes through and the
// proxy read the request; trusting the lab's CA only, the proxy's
// certificate is refused and nothing reaches moto.
#[test]
fn aws_cli_through_the_inspecting_proxy_trusts_its_ca_only() {
    let world = World::start(WorldOptions::default());
    let lab = NetworkLab::start(&world, LabOptions::default().inspecting_proxy());
    eprintln!("the lab with mitmproxy started in {:?}", lab.started_in());
    assert_ne!(
        std::fs::read(lab.mitm_ca_file()).unwrap(),
        std::fs::read(lab.ca_file()).unwrap()
    );

    let out = caller_identity(&world, &lab, &lab.mitm_proxy_url(), &path(lab.ca_file()));
    failed_with(&out, &["CERTIFICATE_VERIFY_FAILED"]);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 0);

    let out = caller_identity(
        &world,
        &lab,
        &lab.mitm_proxy_url(),
        &path(lab.mitm_ca_file()),
    );
    succeeded(&out, &world);
    assert_eq!(world.sts_calls("GetCallerIdentity"), 1);
    assert_eq!(lab.mitm_connects(), [lab_host("sts"), lab_host("sts")]);
    assert_eq!(
        lab.mitm_requests(),
        [format!("POST {}/", lab.https_url("sts"))]
    );
    all_came_via(&lab, Via::InspectingProxy);
    assert!(lab.connects().is_empty());
}

// GNOME's proxy settings: written and read back in the world's own dconf
// (its file under the world's XDG_CONFIG_HOME), not the machine's, and not
// seen by another world.
#[test]
fn gnome_proxy_settings_land_in_the_worlds_own_dconf() {
    let machine_dconf = std::env::var_os("HOME")
        .map(|home| std::path::Path::new(&home).join(".config/dconf/user"))
        .and_then(|file| std::fs::read(file).ok());
    let world = World::start(WorldOptions::default());
    let lab = NetworkLab::start(&world, LabOptions::default());
    const PROXY: &str = "org.gnome.system.proxy";
    assert_eq!(lab.gnome_setting(&world, PROXY, "mode"), "'none'");

    lab.set_gnome_proxy(
        &world,
        "manual",
        "127.0.0.1",
        lab.proxy_port(),
        &["localhost", "127.0.0.0/8"],
    );
    assert_eq!(lab.gnome_setting(&world, PROXY, "mode"), "'manual'");
    let https = format!("{PROXY}.https");
    assert_eq!(lab.gnome_setting(&world, &https, "host"), "'127.0.0.1'");
    assert_eq!(
        lab.gnome_setting(&world, &https, "port"),
        lab.proxy_port().to_string()
    );
    assert_eq!(
        lab.gnome_setting(&world, PROXY, "ignore-hosts"),
        "['localhost', '127.0.0.0/8']"
    );
    assert!(NetworkLab::dconf_file(&world).is_file());

    let other = World::start(WorldOptions::default());
    let other_lab = NetworkLab::start(&other, LabOptions::default());
    assert_eq!(other_lab.gnome_setting(&other, PROXY, "mode"), "'none'");
    other_lab.set_gnome_setting(&other, PROXY, "mode", "'auto'");
    assert_eq!(lab.gnome_setting(&world, PROXY, "mode"), "'manual'");

    let machine_dconf_after = std::env::var_os("HOME")
        .map(|home| std::path::Path::new(&home).join(".config/dconf/user"))
        .and_then(|file| std::fs::read(file).ok());
    assert_eq!(
        machine_dconf, machine_dconf_after,
        "the machine's dconf changed"
    );
}
