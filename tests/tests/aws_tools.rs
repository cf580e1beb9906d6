//! RoleTray with the AWS tools people already use: the AWS CLI reads what
//! RoleTray exports, serves or writes, and RoleTray reads the AWS files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions, run_command};
use std::process::Command;

/// `aws sts get-caller-identity` with the given extra arguments; returns the ARN.
fn aws_identity(mut cmd: Command) -> String {
    cmd.args([
        "sts",
        "get-caller-identity",
        "--output",
        "text",
        "--query",
        "Arn",
    ]);
    let out = run_command(cmd, None);
    assert!(out.success(), "aws failed: {}\n{}", out.stderr, out.stdout);
    out.stdout.trim().to_owned()
}

// Export lines evaluated by bash and by fish give the AWS CLI the role's identity.
#[test]
fn export_lines_work_in_bash_and_fish() {
    let world = World::with_dev();
    let expected = world.assumed_arn("dev", "roletray-tester");
    for (shell, format) in [("bash", "bash"), ("fish", "fish")] {
        let lines = world
            .run_ok(&["export", "dev", "--format", format], None)
            .stdout;
        assert!(lines.contains("AWS_REGION"), "{lines}");
        let script = format!("{lines}\naws sts get-caller-identity --output text --query Arn\n");
        let mut cmd = world.command(shell);
        cmd.arg("-c").arg(script);
        let out = run_command(cmd, None);
        assert!(out.success(), "{shell}: {}", out.stderr);
        assert_eq!(out.stdout.trim(), expected, "{shell}");
    }
    // The default format follows the default-shell setting.
    world.run_ok(&["config", "set", "default-shell", "powershell"], None);
    let ps = world.run_ok(&["export", "dev"], None).stdout;
    assert!(ps.starts_with("$Env:AWS_ACCESS_KEY_ID = '"), "{ps}");
    let (code, _) = world.run_err(&["export", "dev", "--format", "tcsh"], None);
    assert_eq!(code, "invalid_input");
}

// credential_process: the AWS CLI gets the role's credentials from
// `roletray credential-process` named in its config file.
#[test]
fn aws_cli_uses_credential_process() {
    let world = World::with_dev();
    std::fs::write(
        &world.aws_config,
        format!(
            "[profile p]\ncredential_process = {} credential-process dev\nregion = us-east-1\n",
            roletray_tests::roletray_command_line()
        ),
    )
    .unwrap();
    let mut cmd = world.command("aws");
    cmd.args(["--profile", "p"]);
    assert_eq!(
        aws_identity(cmd),
        world.assumed_arn("dev", "roletray-tester")
    );
    // Errors go to stderr with a non-zero exit, stdout stays empty.
    let out = world.run(&["credential-process", "nope"], None);
    assert!(!out.success());
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("error[not_found]"), "{}", out.stderr);
}

// exec: the command runs with the role's credentials, conflicting variables
// such as AWS_PROFILE are cleared, and its exit code comes back.
#[test]
fn exec_runs_a_command_as_the_role() {
    roletray_tests::linux_only!(
        "exec runs Linux programs (sh, aws); Windows exec: tests/tests/windows.rs"
    );
    let world = World::with_dev();
    let mut cmd = world.roletray(&[
        "exec",
        "dev",
        "--",
        "aws",
        "sts",
        "get-caller-identity",
        "--output",
        "text",
        "--query",
        "Arn",
    ]);
    cmd.env("AWS_PROFILE", "does-not-exist")
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    let out = run_command(cmd, None);
    assert!(out.success(), "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        world.assumed_arn("dev", "roletray-tester")
    );

    let out = world.run(&["exec", "dev", "--", "sh", "-c", "exit 7"], None);
    assert_eq!(out.code(), Some(7));
    let out = world.run(&["exec", "dev", "--", "sh", "-c", "echo $AWS_REGION"], None);
    assert_eq!(out.stdout.trim(), "eu-west-1");
    let (code, _) = world.run_err(&["exec", "dev", "--", "/no/such/program"], None);
    assert_eq!(code, "command_failed");
}

// write-profile changes only its profile's lines, keeps the rest byte for
// byte, leaves mode 0600 and the original in the keychain, and the AWS CLI
// can use the profile.
#[test]
fn write_profile_edits_only_its_profile() {
    let world = World::with_dev();
    let original = "# my keys\r\n[default]\r\naws_access_key_id = AKIAOLD\r\n\r\n; work\r\n[work]\r\nregion = eu-west-1\r\naws_access_key_id = OLD\r\n\r\n[other]\r\nx = 1";
    std::fs::write(&world.aws_credentials, original).unwrap();

    let out = world.run_ok(&["write-profile", "dev", "--profile", "work"], None);
    assert!(out.stdout.contains("restore-credentials"), "{}", out.stdout);
    let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
    assert!(text.starts_with("# my keys\r\n[default]\r\naws_access_key_id = AKIAOLD\r\n\r\n; work\r\n[work]\r\nregion = eu-west-1\r\naws_access_key_id = ASIA"), "{text}");
    assert!(text.ends_with("\r\n\r\n[other]\r\nx = 1"), "{text}");
    assert!(text.contains("aws_session_token = "));
    assert!(!text.contains("\n\n"), "CRLF kept everywhere");
    // (A Unix mode: Windows files take their folder's access list.)
    if !roletray_tests::under_wine() {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&world.aws_credentials)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut backup = world.aws_credentials.clone().into_os_string();
    backup.push(".roletray-backup");
    assert!(!std::path::Path::new(&backup).exists(), "no plaintext copy");

    let mut cmd = world.command("aws");
    cmd.args(["--profile", "work"]);
    assert_eq!(
        aws_identity(cmd),
        world.assumed_arn("dev", "roletray-tester")
    );

    // Without --profile the profile is named after the role.
    world.run_ok(&["write-profile", "dev"], None);
    let text = std::fs::read_to_string(&world.aws_credentials).unwrap();
    assert!(text.contains("[dev]\r\n"), "{text}");
}

// A credentials file that cannot be parsed is left untouched, with a clear
// error naming the line, and no STS call is spent.
#[test]
fn write_profile_refuses_a_broken_file() {
    let world = World::with_dev();
    let broken = "[default]\naws_access_key_id = A\nthis line is not ini\n";
    std::fs::write(&world.aws_credentials, broken).unwrap();
    let (code, out) = world.run_err(&["write-profile", "dev"], None);
    assert_eq!(code, "aws_file_invalid");
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        broken
    );
    assert_eq!(world.sts_calls("AssumeRole"), 0);
}

// import: role profiles (external ID, chaining, session name) and long-lived
// keys come in; the AWS files are not changed; imported roles can be assumed.
#[test]
fn import_reads_the_aws_files_without_changing_them() {
    roletray_tests::linux_only!("checks through exec of the Linux AWS CLI");
    let world = World::start(WorldOptions::default());
    let alice = world.moto.alice.clone();
    let config = format!(
        "[default]\nregion = us-east-1\n\n[profile dev]\nrole_arn = {}\nsource_profile = alice\nrole_session_name = chain-hop\n\n\
         [profile client]\nrole_arn = {}\nsource_profile = alice\nexternal_id = {}\nduration_seconds = 1800\n\n\
         [profile target]\nrole_arn = {}\nsource_profile = dev\n\n\
         [profile sso]\nsso_start_url = https://example.awsapps.com/start\n",
        world.moto.role("dev"),
        world.moto.role("client"),
        roletray_tests::CLIENT_EXTERNAL_ID,
        world.moto.role("target"),
    );
    let credentials = format!(
        "[alice]\naws_access_key_id = {}\naws_secret_access_key = {}\n\n[temp]\naws_access_key_id = ASIATEMPORARYKEY1\naws_secret_access_key = x\naws_session_token = y\n",
        alice.access_key_id, alice.secret_access_key
    );
    std::fs::write(&world.aws_config, &config).unwrap();
    std::fs::write(&world.aws_credentials, &credentials).unwrap();

    let out = world.run_ok(&["import", "--json"], None);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let outcome = |kind: &str, name: &str| {
        report
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == kind && i["name"] == name)
            .map(|i| i["outcome"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(outcome("source", "alice"), "added");
    assert_eq!(outcome("role", "dev"), "added");
    assert_eq!(outcome("role", "client"), "added");
    assert_eq!(outcome("role", "target"), "added");
    assert!(outcome("source", "temp").starts_with("skipped"), "{report}");

    assert_eq!(std::fs::read_to_string(&world.aws_config).unwrap(), config);
    assert_eq!(
        std::fs::read_to_string(&world.aws_credentials).unwrap(),
        credentials
    );

    let roles: serde_json::Value =
        serde_json::from_str(&world.run_ok(&["role", "list", "--json"], None).stdout).unwrap();
    let target = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "target")
        .unwrap();
    assert_eq!(target["via"], "dev");

    let out = world.run_ok(&["assume", "target", "--json"], None);
    assert!(
        out.stdout.contains("assumed-role/target/"),
        "{}",
        out.stdout
    );
    let out = world.run_ok(&["assume", "client", "--json"], None);
    assert!(
        out.stdout.contains("assumed-role/client/"),
        "{}",
        out.stdout
    );

    // Each imported role is the identity the AWS CLI itself gives for the
    // profile (the role's name in the assumed-role ARN).
    for profile in ["dev", "client", "target"] {
        let mut direct = world.command("aws");
        direct.args(["--profile", profile, "--region", "us-east-1"]);
        let mut through = world.roletray(&["exec", profile, "--"]);
        through.args(["aws", "--region", "us-east-1"]);
        let (direct, through) = (aws_identity(direct), aws_identity(through));
        let role = |arn: &str| arn.split('/').nth(1).map(str::to_owned);
        assert_eq!(role(&direct), role(&through), "{direct} vs {through}");
        assert_eq!(role(&through).as_deref(), Some(profile));
    }

    // Importing again changes nothing.
    let again = world.run_ok(&["import"], None).stdout;
    assert!(again.contains("source alice: unchanged"), "{again}");
    assert!(again.contains("role dev: unchanged"), "{again}");
}
