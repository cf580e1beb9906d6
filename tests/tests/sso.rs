//! IAM Identity Center as a source, against a local stand-in of its OIDC
//! service and portal (moto has neither) that checks every request as AWS's
//! models say, with a scripted person at the browser: sign in (browser with
//! PKCE, or the device code), list every account and role, and use those
//! roles as any other (credential_process, exec with the AWS CLI, chaining
//! into a moto role); refresh, revocation, removed roles and faults.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{
    SSO_START_URL, SsoStandIn, World, WorldOptions, browser_log, run_command, run_command_for,
    venv_dir,
};
use serde_json::json;
use std::time::Duration;

const ADMIN: &str = "acme/100000000001/AdministratorAccess";
const READ_ONLY: &str = "acme/100000000002/ReadOnlyAccess";

/// A stand-in whose role credentials are real moto credentials (alice
/// assumes the fixture's `dev`), so they work against the world's STS.
fn standin(world: &mut World, extra: serde_json::Value) -> SsoStandIn {
    let mut extra = extra;
    extra["rate_limit_per_second"] = extra
        .get("rate_limit_per_second")
        .cloned()
        .unwrap_or(json!(0));
    // The session name the fixture's `target` trusts `dev` under.
    extra["moto_session_name"] = json!("chain-hop");
    let config = SsoStandIn::with_moto_role(world, "dev", extra);
    SsoStandIn::start(world, &config)
}

fn add_acme(world: &World) {
    let out = SsoStandIn::add_acme(world);
    assert!(
        out.stdout.contains("roletray sso login acme"),
        "{}",
        out.stdout
    );
}

/// Whether any file under `dir` holds something shaped like one of the
/// stand-in's tokens (`aoa`/`aor` and 60 or more base64url characters).
fn files_with_tokens(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_with_tokens(&path));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let holds = ["aoa", "aor"].iter().any(|prefix| {
            text.match_indices(prefix).any(|(i, _)| {
                text[i + 3..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .count()
                    >= 60
            })
        });
        if holds {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn signing_in_in_the_browser_makes_every_account_s_roles_usable_roles() {
    roletray_tests::linux_only!(
        "the browser stand-in is started by xdg-open; a Windows build opens pages through rundll32 (url.dll), which Wine hands to winebrowser"
    );
    let mut world = World::start(WorldOptions::default());
    let sso = standin(&mut world, json!({}));
    add_acme(&world);
    let listed = world.run_ok(&["sso", "list"], None);
    assert!(listed.stdout.contains("not signed in"), "{}", listed.stdout);

    let out = world.run_ok(&["sso", "login", "acme"], None);
    assert!(out.stdout.contains("3 accounts, 6 roles"), "{}", out.stdout);
    assert!(out.stderr.contains("opened your browser"), "{}", out.stderr);
    let opened = std::fs::read_to_string(browser_log(&world)).unwrap();
    assert!(
        opened.contains(&format!("{}/authorize", sso.url)),
        "{opened}"
    );
    assert_eq!(sso.calls("RegisterClient"), 1);
    assert_eq!(sso.calls("CreateToken"), 1);
    // The tokens are in the keychain only: no file of the person's holds one.
    assert!(!world.home.join(".aws/sso").exists());
    for dir in [
        &world.home,
        &world.config_dir,
        &world.state_dir,
        &world.runtime_dir,
    ] {
        assert_eq!(files_with_tokens(dir), Vec::<String>::new());
    }

    // Its roles are roles: listed, favourited, served to the AWS tools.
    let roles = world.run_ok(&["role", "list", "--json"], None);
    let roles: serde_json::Value = serde_json::from_str(&roles.stdout).unwrap();
    let names: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        names.contains(&ADMIN) && names.contains(&READ_ONLY),
        "{names:?}"
    );
    let per_account = world.run_ok(&["sso", "roles", "acme"], None);
    assert!(
        per_account.stdout.contains("account-0001 (100000000001)"),
        "{}",
        per_account.stdout
    );
    world.run_ok(&["sso", "favourite", ADMIN], None);
    let roles = world.run_ok(&["role", "list", "--json"], None);
    let roles: serde_json::Value = serde_json::from_str(&roles.stdout).unwrap();
    let admin = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == ADMIN)
        .unwrap();
    assert_eq!(admin["favourite"], json!(true), "{admin}");

    let out = world.run_ok(&["credential-process", ADMIN], None);
    let creds: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(creds["Version"], json!(1));
    assert!(
        creds["SessionToken"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    // The AWS CLI, with the role's credentials, is who the portal made it.
    let out = world.run_ok(
        &[
            "exec",
            ADMIN,
            "--",
            "aws",
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
        ],
        None,
    );
    assert!(
        out.stdout.contains("assumed-role/dev/chain-hop"),
        "{}",
        out.stdout
    );
    assert_eq!(sso.calls("GetRoleCredentials"), 1, "the session is cached");

    // A profile for the AWS tools, named after the role unless told.
    world.run_ok(&["write-profile", ADMIN, "--profile", "acme-admin"], None);
    let mut aws = world.command("aws");
    aws.args([
        "sts",
        "get-caller-identity",
        "--profile",
        "acme-admin",
        "--region",
        "us-east-1",
    ]);
    let out = run_command(aws, None);
    assert!(out.success(), "{}", out.stderr);
    assert!(
        out.stdout.contains("assumed-role/dev/chain-hop"),
        "{}",
        out.stdout
    );

    // The start of a chain: `target` trusts `dev`.
    let target = world.moto.role("target").to_owned();
    world.run_ok(
        &[
            "role",
            "add",
            "chained",
            "--role-arn",
            &target,
            "--via",
            ADMIN,
        ],
        None,
    );
    let assumed = world.sts_calls("AssumeRole");
    let out = world.run_ok(&["assume", "chained", "--json"], None);
    assert!(
        out.stdout.contains("assumed-role/target/"),
        "{}",
        out.stdout
    );
    assert_eq!(world.sts_calls("AssumeRole"), assumed + 1);
    // Removing the source is refused while a role chains through it.
    let (code, _) = world.run_err(&["sso", "remove", "acme"], None);
    assert_eq!(code, "in_use");

    // Signing out ends the sign-in at the portal and forgets the sessions.
    world.run_ok(&["role", "remove", "chained"], None);
    world.run_ok(&["sso", "logout", "acme"], None);
    assert_eq!(sso.calls("Logout"), 1);
    let (code, out) = world.run_err(&["credential-process", ADMIN], None);
    assert_eq!(code, "sso_sign_in_required", "{}", out.stderr);
    assert!(
        out.stderr.contains("roletray sso login acme"),
        "{}",
        out.stderr
    );
}

#[test]
fn without_a_browser_the_device_code_is_shown_and_confirmed() {
    roletray_tests::linux_only!(
        "no browser is told by the opener's failure; under Wine rundll32 succeeds whatever winebrowser finds"
    );
    let mut world = World::start(WorldOptions::default());
    let sso = standin(&mut world, json!({}));
    add_acme(&world);
    world.set_env("ROLETRAY_TEST_BROWSER", "none");
    // The person reads the code and confirms it on the page.
    let out = sso.sign_in_confirming_the_code(&world, &["sso", "login", "acme"]);
    let (stdout, stderr) = (&out.stdout, &out.stderr);
    assert!(out.success(), "{stdout}\n{stderr}");
    assert!(stderr.contains("confirm the code"), "{stderr}");
    assert!(stderr.contains(&format!("{}/device", sso.url)), "{stderr}");
    assert!(stdout.contains("3 accounts, 6 roles"), "{stdout}");
    let stats = sso.stats();
    assert_eq!(
        stats["requests"]["StartDeviceAuthorization"],
        json!(1),
        "{stats}"
    );

    // Asked for: the device code, even with a browser.
    world.set_env("ROLETRAY_TEST_BROWSER", "approve");
    let out = world.run_ok(&["sso", "login", "acme", "--use-device-code"], None);
    assert!(out.stderr.contains("confirm the code"), "{}", out.stderr);
    assert_eq!(sso.calls("StartDeviceAuthorization"), 2);
    // A client for the browser (which did not open), then one for the
    // device code, which the second sign-in reused.
    assert_eq!(sso.calls("RegisterClient"), 2);
}

#[test]
fn tokens_are_refreshed_and_a_revoked_sign_in_asks_for_a_new_one() {
    let mut world = World::start(WorldOptions::default());
    // Access tokens shorter than RoleTray's refresh margin: each use refreshes.
    let sso = standin(&mut world, json!({ "access_token_seconds": 120 }));
    add_acme(&world);
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world.run_ok(&["sso", "login", "acme"], None);
    let tokens = sso.calls("CreateToken");
    world.run_ok(&["credential-process", ADMIN], None);
    assert_eq!(sso.calls("CreateToken"), tokens + 1, "refreshed before use");
    world.run_ok(&["sso", "refresh", "acme"], None);
    assert_eq!(sso.calls("CreateToken"), tokens + 2);

    sso.control("revoke_refresh_tokens", json!({}));
    sso.control("expire_access_tokens", json!({}));
    let (code, out) = world.run_err(&["credential-process", READ_ONLY], None);
    assert_eq!(code, "sso_sign_in_required", "{}", out.stderr);
    assert!(
        out.stderr.contains("roletray sso login acme"),
        "{}",
        out.stderr
    );
    // Every other source keeps working.
    world.run_ok(&["credential-process", "dev"], None);
    let listed = world.run_ok(&["sso", "list", "--json"], None);
    assert!(
        listed.stdout.contains("\"name\":\"acme\""),
        "{}",
        listed.stdout
    );
}

#[test]
fn a_refused_sign_in_an_unreachable_portal_and_a_removed_role_each_say_so() {
    let mut world = World::start(WorldOptions::default());
    let sso = standin(&mut world, json!({}));
    add_acme(&world);

    sso.control("approve_next", json!({ "mode": "deny" }));
    let out = world.run(&["sso", "login", "acme"], None);
    assert!(!out.success());
    assert!(
        out.stderr.contains("error[sso_sign_in_refused]") && out.stderr.contains("access_denied"),
        "{}",
        out.stderr
    );

    world.run_ok(&["sso", "login", "acme"], None);
    sso.control(
        "remove_role",
        json!({ "accountId": "100000000002", "roleName": "ReadOnlyAccess" }),
    );
    let (code, out) = world.run_err(&["credential-process", READ_ONLY], None);
    assert_eq!(code, "not_found", "{}", out.stderr);
    assert!(out.stderr.contains("no longer assigned"), "{}", out.stderr);
    let out = world.run_ok(&["sso", "refresh", "acme"], None);
    assert!(out.stdout.contains("5 roles"), "{}", out.stdout);
    assert!(
        out.stdout.contains("1 role(s) listed before"),
        "{}",
        out.stdout
    );
    let roles = world.run_ok(&["role", "list"], None);
    assert!(!roles.stdout.contains(READ_ONLY), "{}", roles.stdout);

    // Nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    world.set_env(
        "AWS_ENDPOINT_URL_SSO_OIDC",
        format!("http://127.0.0.1:{port}"),
    );
    let out = world.run(&["sso", "login", "acme"], None);
    assert!(
        out.stderr.contains("error[sso_unreachable]"),
        "{}",
        out.stderr
    );
    // The sign-in made before still serves.
    world.run_ok(&["credential-process", ADMIN], None);

    // Bad input is refused before any call.
    let (code, out) = world.run_err(
        &[
            "sso",
            "add",
            "bad",
            "--start-url",
            "http://example.com/start",
            "--region",
            "eu-west-1",
        ],
        None,
    );
    assert_eq!(code, "invalid_input", "{}", out.stderr);
    assert!(out.stderr.contains("start_url"), "{}", out.stderr);
}

/// The portal's own rate (20 requests a second): 2,000 accounts, each
/// listed once, not one call throttled, a few calls in flight at most.
#[test]
fn two_thousand_accounts_list_completely_within_the_portal_s_rate() {
    let mut world = World::start(WorldOptions::default());
    let sso = standin(
        &mut world,
        json!({ "accounts": 2000, "roles_per_account": 1, "rate_limit_per_second": 20 }),
    );
    add_acme(&world);
    // About two minutes: 2,020 calls, 18 a second.
    let out = run_command_for(
        world.roletray(&["sso", "login", "acme"]),
        None,
        Duration::from_secs(300),
    );
    assert!(
        out.success() && out.stdout.contains("2000 accounts, 2000 roles"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
    let stats = sso.stats();
    assert_eq!(stats["throttled"], json!(0), "{stats}");
    assert_eq!(
        stats["requests"]["ListAccountRoles"],
        json!(2000),
        "{stats}"
    );
    assert!(
        stats["max_concurrent_portal"].as_u64().unwrap() <= 6,
        "{stats}"
    );
    let roles = world.run_ok(&["role", "list", "--json"], None);
    let roles: serde_json::Value = serde_json::from_str(&roles.stdout).unwrap();
    assert_eq!(roles.as_array().unwrap().len(), 2000);
}

/// A portal stricter than AWS's: throttled calls slow every caller down and
/// are tried again, and the list still ends complete.
#[test]
fn a_stricter_portal_slows_the_listing_and_nothing_is_lost() {
    let mut world = World::start(WorldOptions::default());
    let sso = standin(
        &mut world,
        json!({ "accounts": 60, "roles_per_account": 2, "rate_limit_per_second": 4 }),
    );
    add_acme(&world);
    let out = world.run_ok(&["sso", "login", "acme"], None);
    assert!(
        out.stdout.contains("60 accounts, 120 roles"),
        "{}",
        out.stdout
    );
    let stats = sso.stats();
    let throttled = stats["throttled"].as_u64().unwrap();
    assert!(throttled > 0, "{stats}");
    let errors = &stats["errors"]["ListAccountRoles"];
    assert_eq!(
        stats["requests"]["ListAccountRoles"].as_u64().unwrap()
            - errors["TooManyRequestsException"].as_u64().unwrap_or(0),
        60,
        "{stats}"
    );
    assert!(
        errors
            .as_object()
            .is_none_or(|m| m.keys().all(|k| k == "TooManyRequestsException")),
        "{stats}"
    );
}

/// The stand-in itself, checked against AWS's models and driven by the
/// clients nobody here wrote (boto3's sso-oidc and sso clients, botocore's
/// SSO credential provider, the AWS CLI's `sso` commands).
#[test]
fn the_stand_in_answers_as_the_aws_sdks_expect() {
    let world = World::start(WorldOptions::default());
    let mut check = world.command(venv_dir().join("bin/python"));
    check.arg(roletray_tests::fixtures_dir().join("sso_standin_check.py"));
    let out = run_command(check, None);
    assert!(
        out.success() && out.stdout.contains("all good"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
}

/// The AWS CLI's `[sso-session]` and its profiles, imported: the portal
/// becomes an Identity Center source, its profile's role a favourite, and a
/// role profile on top of it a role chained through that role.
#[test]
fn importing_sso_sessions_and_their_profiles() {
    let mut world = World::start(WorldOptions::default());
    let _sso = standin(&mut world, json!({}));
    let target = world.moto.role("target").to_owned();
    std::fs::write(
        &world.aws_config,
        format!(
            "[sso-session acme]\nsso_start_url = {SSO_START_URL}\nsso_region = eu-west-1\n\
             sso_registration_scopes = sso:account:access\n\n\
             [profile acme-admin]\nsso_session = acme\nsso_account_id = 100000000001\n\
             sso_role_name = AdministratorAccess\n\n\
             [profile chained]\nrole_arn = {target}\nsource_profile = acme-admin\n\
             role_session_name = from-sso\n\n\
             [profile token-only]\nsso_session = acme\n"
        ),
    )
    .unwrap();
    let out = world.run_ok(&["import"], None);
    assert!(out.stdout.contains("acme"), "{}", out.stdout);
    // The profile's name stays a role's name, meaning that role.
    assert!(
        out.stdout.contains(&format!("added as {ADMIN}")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("token-only"), "{}", out.stdout);
    let listed = world.run_ok(&["sso", "list", "--json"], None);
    assert!(listed.stdout.contains(SSO_START_URL), "{}", listed.stdout);

    world.run_ok(&["sso", "login", "acme"], None);
    let roles = world.run_ok(&["role", "list", "--json"], None);
    let roles: serde_json::Value = serde_json::from_str(&roles.stdout).unwrap();
    let find = |n: &str| {
        roles
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("no {n} in {roles}"))
    };
    assert_eq!(find(ADMIN)["favourite"], json!(true));
    assert_eq!(find("acme-admin")["identity_center"], json!(ADMIN));
    let out = world.run_ok(&["assume", "acme-admin", "--json"], None);
    assert!(
        out.stdout.contains("\"role\":\"acme-admin\""),
        "{}",
        out.stdout
    );
    assert_eq!(find("chained")["via"], json!(ADMIN));
    let out = world.run_ok(&["assume", "chained", "--json"], None);
    assert!(
        out.stdout.contains("assumed-role/target/from-sso"),
        "{}",
        out.stdout
    );
}
