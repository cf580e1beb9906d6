//! Roles with an environment label and colour, from the CLI: `role list
//! --json` shows them, every export format and `exec` carry the role and
//! its label for a shell prompt, and tools are never asked anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions, run_command};

fn world() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role(
        "prod-admin",
        "dev",
        &[
            "--source",
            "alice",
            "--environment",
            "production",
            "--region",
            "eu-west-1",
        ],
    );
    world.add_role(
        "sandbox",
        "ops",
        &["--source", "alice", "--colour", "purple", "--no-confirm"],
    );
    world
}

#[test]
fn labels_are_listed_and_exported_in_every_format() {
    let world = world();
    let out = world.run_ok(&["role", "list", "--json"], None);
    let roles: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let prod = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "prod-admin")
        .unwrap();
    assert_eq!(prod["environment"], "production");
    assert_eq!(prod["colour"], "red", "production is red unless told");
    assert_eq!(prod["asks_first"], true);
    let sandbox = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "sandbox")
        .unwrap();
    assert_eq!(sandbox["environment"], serde_json::Value::Null);
    assert_eq!(sandbox["colour"], "purple");
    assert_eq!(sandbox["asks_first"], false);
    let plain = world.run_ok(&["role", "list"], None);
    assert!(plain.stdout.contains("[production]"), "{}", plain.stdout);

    // Tools are never asked: the production role's export is made at once.
    for (format, line) in [
        ("bash", "export ROLETRAY_ENVIRONMENT='production'"),
        ("zsh", "export ROLETRAY_ENVIRONMENT='production'"),
        ("fish", "set -gx ROLETRAY_ENVIRONMENT 'production'"),
        ("powershell", "$Env:ROLETRAY_ENVIRONMENT = 'production'"),
        ("cmd", "set \"ROLETRAY_ENVIRONMENT=production\""),
        ("dotenv", "ROLETRAY_ENVIRONMENT=production"),
    ] {
        let out = world.run_ok(&["export", "prod-admin", "--format", format], None);
        assert!(out.stdout.contains(line), "{format}: {}", out.stdout);
        assert!(
            out.stdout.contains("ROLETRAY_ROLE"),
            "{format}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("AWS_CREDENTIAL_EXPIRATION"), "{format}");
    }
    let json = world.run_ok(&["export", "prod-admin", "--format", "json"], None);
    let vars: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(vars["ROLETRAY_ROLE"], "prod-admin");

    // In a shell, switching to an unlabelled role clears the label.
    // (Windows' default is PowerShell: bash is asked for by name there.)
    let bash_format: &[&str] = if roletray_tests::under_wine() {
        &["--format", "bash"]
    } else {
        &[]
    };
    let prod = world
        .run_ok(&[&["export", "prod-admin"], bash_format].concat(), None)
        .stdout;
    let sandbox = world
        .run_ok(&[&["export", "sandbox"], bash_format].concat(), None)
        .stdout;
    let mut bash = world.command("bash");
    bash.arg("-c").arg(format!(
        "{prod}\necho \"$ROLETRAY_ROLE/$ROLETRAY_ENVIRONMENT\"\n{sandbox}\necho \"$ROLETRAY_ROLE/$ROLETRAY_ENVIRONMENT\"\n"
    ));
    let out = run_command(bash, None);
    assert_eq!(
        out.stdout, "prod-admin/production\nsandbox/\n",
        "{}",
        out.stderr
    );
}

#[test]
fn exec_names_the_role_and_its_environment() {
    roletray_tests::linux_only!(
        "exec runs Linux programs (sh, aws); Windows exec: tests/tests/windows.rs"
    );
    let world = world();
    let out = world.run_ok(
        &[
            "exec",
            "prod-admin",
            "--",
            "sh",
            "-c",
            "echo \"$ROLETRAY_ROLE $ROLETRAY_ENVIRONMENT\"; aws sts get-caller-identity --query Arn --output text",
        ],
        None,
    );
    let mut lines = out.stdout.lines();
    assert_eq!(lines.next(), Some("prod-admin production"));
    assert!(
        lines.next().unwrap().contains(":assumed-role/dev/"),
        "{}",
        out.stdout
    );

    // A label that is not plain short text, or a colour off the palette,
    // is refused, naming the field.
    for (flag, value, said) in [
        ("--environment", "<b>prod</b>", "environment"),
        ("--colour", "pink", "red, orange"),
    ] {
        let arn = "arn:aws:iam::123456789012:role/x";
        let args = [
            "role",
            "add",
            "x",
            "--role-arn",
            arn,
            "--source",
            "alice",
            flag,
            value,
        ];
        let (code, out) = world.run_err(&args, None);
        assert_eq!(code, "invalid_input");
        assert!(out.stderr.contains(said), "{}", out.stderr);
    }
}
