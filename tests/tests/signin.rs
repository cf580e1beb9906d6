//! AWS Sign-In sources (what `aws login` uses), against the stand-in of
//! `tests/fixtures/signin_standin.py` (its credentials are real moto
//! credentials): signing in with the browser or `--remote`, the identity
//! and a role assumed from it used by the AWS CLI, the sign-in's key and
//! refresh token in the keychain only, one rotating refresh token spent
//! once by many processes, and the end of a sign-in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::signin::SigninStandIn;
use roletray_tests::{World, WorldOptions, install_browser, run_command, venv_dir};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

/// A world signed out of sign-in source `me` (eu-west-1), its stand-in
/// handing out moto credentials of role `dev`.
fn world(extra: serde_json::Value) -> (World, SigninStandIn) {
    let mut world = World::start(WorldOptions::default());
    let config = SigninStandIn::with_moto_role(&world, "dev", extra);
    let standin = SigninStandIn::start(&mut world, &config);
    install_browser(&mut world);
    world.run_ok(&["signin", "add", "me", "--region", "eu-west-1"], None);
    (world, standin)
}

/// `aws sts get-caller-identity --profile PROFILE`'s ARN.
fn aws_arn(world: &World, profile: &str) -> String {
    let mut cmd = world.command("aws");
    cmd.args([
        "sts",
        "get-caller-identity",
        "--profile",
        profile,
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    let out = run_command(cmd, None);
    assert!(out.success(), "aws --profile {profile}: {}", out.stderr);
    out.stdout.trim().to_owned()
}

/// Every file under HOME that holds `needle`.
fn files_holding(world: &World, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![world.home.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

// Signed in with the browser on this machine (PKCE, 127.0.0.1): the AWS CLI
// uses the identity and a role assumed from it through credential_process;
// no refresh token or key is in any file, and there is no ~/.aws/login.
#[test]
fn signing_in_with_the_browser_serves_the_aws_cli_and_leaves_nothing_on_disk() {
    roletray_tests::linux_only!(
        "the browser stand-in is started by xdg-open; a Windows build opens pages through rundll32 (url.dll), which Wine hands to winebrowser"
    );
    // `target` trusts only the session dev/chain-hop: the signed-in identity.
    let (world, standin) = world(json!({"moto_session_name": "chain-hop"}));
    let (code, out) = world.run_err(&["credential-process", "me"], None);
    assert_eq!(code, "sign_in_required");
    assert!(
        out.stderr.contains("roletray signin login me"),
        "{}",
        out.stderr
    );

    let out = world.run_ok(&["signin", "login", "me"], None);
    assert!(out.stdout.contains(":assumed-role/dev/"), "{}", out.stdout);
    assert_eq!(standin.tokens_issued("authorization_code"), 1);
    let list = world.run_ok(&["signin", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(list[0]["signed_in"], true, "{list}");

    world.add_role("ops", "target", &["--source", "me"]);
    let bin = roletray_tests::roletray_command_line();
    std::fs::write(
        &world.aws_config,
        format!(
            "[profile me]\ncredential_process = {bin} credential-process me\nregion = eu-west-1\n\n\
             [profile ops]\ncredential_process = {bin} credential-process ops\nregion = eu-west-1\n",
        ),
    )
    .unwrap();
    assert!(aws_arn(&world, "me").contains(":assumed-role/dev/"));
    assert!(aws_arn(&world, "ops").contains(":assumed-role/target/"));

    // The identity is a role (a federated sign-in): what it assumes is a
    // chain's second hop, which AWS caps at an hour.
    world.add_role("long", "target", &["--source", "me", "--duration", "7200"]);
    world.run_ok(&["assume", "long"], None);
    let asked = world.sts_params("AssumeRole", "DurationSeconds");
    assert_eq!(asked.last().map(String::as_str), Some("3600"), "{asked:?}");

    // The key and the refresh token are in the keychain only.
    assert!(!world.home.join(".aws/login").exists());
    assert_eq!(files_holding(&world, "PRIVATE KEY"), Vec::<String>::new());
    assert_eq!(files_holding(&world, "refreshToken"), Vec::<String>::new());
    assert_eq!(files_holding(&world, "refresh_token"), Vec::<String>::new());

    // Signed out: the identity and its roles need a new sign-in.
    world.run_ok(&["signin", "logout", "me"], None);
    let (code, _) = world.run_err(&["credential-process", "ops"], None);
    assert_eq!(code, "sign_in_required");
}

// Credentials that end within minutes are refreshed: many processes asking
// at once spend the rotating refresh token once each time (never twice).
// Then the sign-in ends (the account's password changed): a clear error.
#[test]
fn many_processes_refresh_one_sign_in_and_its_end_is_told() {
    let (world, standin) = world(json!({"expires_in": 120}));
    world.run_ok(&["signin", "login", "me"], None);
    let children: Vec<_> = (0..6)
        .map(|_| {
            world
                .roletray(&["credential-process", "me"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(json["SessionToken"].is_string());
    }
    let stats = standin.stats();
    assert_eq!(stats["refresh_tokens_spent_twice"], 0, "{stats}");
    assert_eq!(stats["refresh_reuse_attempts"], 0, "{stats}");
    assert!(standin.tokens_issued("refresh_token") >= 1, "{stats}");

    standin.control(
        "end_sessions",
        json!({"reason": "USER_CREDENTIALS_CHANGED"}),
    );
    let (code, out) = world.run_err(&["credential-process", "me"], None);
    assert_eq!(code, "sign_in_required");
    assert!(out.stderr.contains("password"), "{}", out.stderr);
    assert!(
        out.stderr.contains("roletray signin login me"),
        "{}",
        out.stderr
    );
}

// No browser on this machine: `--remote` prints the link, the person opens
// it anywhere and pastes back the code the page shows.
#[test]
fn remote_sign_in_takes_the_pasted_code() {
    let (world, standin) = world(json!({}));
    let mut child = world
        .roletray(&["signin", "login", "me", "--remote"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut link = None;
    let mut line = String::new();
    while link.is_none() && stderr.read_line(&mut line).unwrap() > 0 {
        if let Some(l) = line.trim().strip_prefix("http") {
            link = Some(format!("http{l}"));
        }
        line.clear();
    }
    let link = link.expect("the link to open");
    assert!(
        link.contains("arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fcross-device"),
        "{link}"
    );
    // The person's browser elsewhere: the page shows the code.
    let mut page = world.command(venv_dir().join("bin/python"));
    page.arg("-c").arg(
        "import re,sys,urllib.request;t=urllib.request.urlopen(sys.argv[1]).read().decode();\
         print(re.search(r\"id='verification-code'>([^<]+)<\",t).group(1))",
    );
    page.arg(&link);
    let shown = run_command(page, None);
    assert!(shown.success(), "{}", shown.stderr);
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", shown.stdout.trim()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(standin.tokens_issued("authorization_code"), 1);
    let json = world.run_ok(&["credential-process", "me"], None);
    assert!(json.stdout.contains("SessionToken"));
}

// `import` finds the AWS CLI's `login_session` profiles: each becomes a
// signed-out sign-in source of the same name and region (the AWS CLI's own
// session is left alone), and a role profile on top of one a role assumed
// from it; once signed in, both serve.
#[test]
fn imported_login_profiles_become_sign_in_sources() {
    roletray_tests::linux_only!(
        "the AWS CLI's files under the world's HOME, which Wine does not give Windows programs (they use %USERPROFILE%)"
    );
    let (world, _standin) = world(json!({"moto_session_name": "chain-hop"}));
    let target = world.moto.role("target").to_owned();
    let original = format!(
        "[profile console]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = eu-west-2\n\n\
         [profile hop]\nrole_arn = {target}\nsource_profile = console\n"
    );
    std::fs::write(&world.aws_config, &original).unwrap();
    let out = world.run_ok(&["import", "--json"], None);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let outcome = |kind: &str, name: &str| {
        report
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == kind && i["name"] == name)
            .map(|i| i["outcome"].as_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{kind} {name} not in {report}"))
    };
    assert!(
        outcome("signin", "console").starts_with("added"),
        "{report}"
    );
    assert_eq!(outcome("role", "hop"), "added");
    assert_eq!(
        std::fs::read_to_string(&world.aws_config).unwrap(),
        original
    );
    let list = world.run_ok(&["signin", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(list[0]["name"], "console");
    assert_eq!(list[0]["region"], "eu-west-2");
    assert_eq!(list[0]["signed_in"], false);
    assert_eq!(list[0]["roles"], json!(["hop"]));

    world.run_ok(&["signin", "login", "console"], None);
    let out = world.run_ok(
        &[
            "exec",
            "hop",
            "--",
            "aws",
            "sts",
            "get-caller-identity",
            "--query",
            "Arn",
            "--output",
            "text",
        ],
        None,
    );
    assert!(
        out.stdout.contains(":assumed-role/target/"),
        "{}",
        out.stdout
    );
}

// The AWS CLI signed in with `aws login` (its refresh token and key in a
// plaintext cache file). Plain `import` leaves that alone and says it can be
// taken over; `import --remove-keys` does: the sign-in moves into the
// keychain, the cache file goes, the profile runs RoleTray with every other
// byte of ~/.aws/config kept, and `aws --profile` keeps working with no
// token on disk. `restore-credentials --config` brings the profile back.
#[test]
fn import_remove_keys_takes_over_the_aws_cli_sign_in() {
    roletray_tests::linux_only!(
        "the AWS CLI's files under the world's HOME, which Wine does not give Windows programs (they use %USERPROFILE%)"
    );
    // Credentials of two minutes: RoleTray refreshes at its first use.
    let (world, standin) = world(json!({"expires_in": 120}));
    let cache_dir = SigninStandIn::aws_cli_cache_dir(&world);
    let session = standin.sign_in_as_aws_cli(&world);
    let original = format!(
        "[default]\nregion = us-east-1\n\n# the team's profiles\n[profile other]\nregion = eu-west-1\noutput = json\n\n\
         [profile console]\nregion = eu-west-1\nlogin_session = {session}\noutput = json\n"
    );
    std::fs::write(&world.aws_config, &original).unwrap();
    let cached = || {
        std::fs::read_dir(&cache_dir)
            .map(|d| d.flatten().count())
            .unwrap_or(0)
    };
    // The AWS CLI's own sign-in works (botocore refreshes its cache file).
    assert!(aws_arn(&world, "console").contains(":assumed-role/dev/"));
    assert_eq!(cached(), 1);

    let report = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&world.run_ok(args, None).stdout).unwrap()
    };
    let lines = |report: &serde_json::Value| -> Vec<serde_json::Value> {
        report
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "signin" && i["name"] == "console")
            .cloned()
            .collect()
    };
    let plain = report(&["import", "--json"]);
    let line = &lines(&plain)[0];
    assert_eq!(line["removable"], true, "{plain}");
    assert!(
        line["outcome"].as_str().unwrap().contains("--remove-keys"),
        "{plain}"
    );
    assert_eq!(
        std::fs::read_to_string(&world.aws_config).unwrap(),
        original
    );
    assert_eq!(cached(), 1);

    let refreshed = standin.tokens_issued("refresh_token");
    let taken = report(&["import", "--remove-keys", "--json"]);
    let outcomes: Vec<String> = lines(&taken)
        .iter()
        .map(|l| l["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        outcomes
            .iter()
            .any(|o| o.starts_with("taken over from the AWS CLI")),
        "{taken}"
    );
    assert_eq!(cached(), 0, "the AWS CLI's cache file is gone");
    let bin = roletray_tests::roletray_bin();
    assert_eq!(
        std::fs::read_to_string(&world.aws_config).unwrap(),
        original.replace(
            &format!("login_session = {session}"),
            &format!(
                "credential_process = {} credential-process console",
                bin.display()
            )
        )
    );
    let list = world.run_ok(&["signin", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let console = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "console")
        .unwrap();
    assert_eq!(console["signed_in"], true, "{list}");

    // The AWS CLI's profile works through RoleTray, refreshed with the key
    // it was issued to; no token or key is left in any file.
    assert!(aws_arn(&world, "console").contains(":assumed-role/dev/"));
    assert!(standin.tokens_issued("refresh_token") > refreshed);
    assert_eq!(standin.stats()["refresh_tokens_spent_twice"], 0);
    assert_eq!(files_holding(&world, "PRIVATE KEY"), Vec::<String>::new());
    assert_eq!(files_holding(&world, "refreshToken"), Vec::<String>::new());

    world.run_ok(&["restore-credentials", "--config"], None);
    assert_eq!(
        std::fs::read_to_string(&world.aws_config).unwrap(),
        original
    );
}
