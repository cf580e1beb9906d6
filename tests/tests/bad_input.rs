//! Bad input, table by table: every invalid field, corrupted configuration and
//! corrupted credentials file gets one clear error line naming the problem,
//! a non-zero exit code, and leaves every file byte for byte as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions};
use std::path::{Path, PathBuf};

/// The files a command could touch, and their bytes before it ran.
struct Files(Vec<(PathBuf, Option<Vec<u8>>)>);

impl Files {
    fn of(world: &World) -> Files {
        let paths = [
            world.config_dir.join("roletray/config.toml"),
            world.aws_config.clone(),
            world.aws_credentials.clone(),
        ];
        Files(
            paths
                .into_iter()
                .map(|p| {
                    let bytes = std::fs::read(&p).ok();
                    (p, bytes)
                })
                .collect(),
        )
    }

    fn assert_unchanged(&self, case: &str) {
        for (path, before) in &self.0 {
            assert_eq!(
                &std::fs::read(path).ok(),
                before,
                "{case} changed {}",
                path.display()
            );
        }
    }
}

fn world() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world
}

/// Runs `args`, expecting exit code `exit`, error code `code`, and `needle` in the message.
fn refused(world: &World, args: &[&str], stdin: Option<&str>, code: &str, needle: &str) {
    let files = Files::of(world);
    let (got, out) = world.run_err(args, stdin);
    assert_eq!(got, code, "{args:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "{args:?} should mention {needle:?}: {}",
        out.stderr
    );
    files.assert_unchanged(&format!("{args:?}"));
}

// Every field of `role add` against AWS's rules.
#[test]
fn role_fields() {
    let world = world();
    let arn = world.moto.role("ops").to_owned();
    let role = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["role", "add", "x", "--role-arn", &arn, "--source", "alice"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let arn_case = |bad: &str| -> Vec<String> {
        ["role", "add", "x", "--role-arn", bad, "--source", "alice"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let long_name = "n".repeat(65);
    let long_ext = "e".repeat(1225);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (arn_case("arn:aws:iam::12345678901:role/x"), "12-digit"),
        (arn_case("arn:aws:iam::12345678901a:role/x"), "12-digit"),
        (
            arn_case("arn:aws-mars:iam::123456789012:role/x"),
            "partition",
        ),
        (arn_case("arn:aws:sts::123456789012:role/x"), "service"),
        (
            arn_case("arn:aws:iam:eu-west-1:123456789012:role/x"),
            "no region",
        ),
        (arn_case("arn:aws:iam::123456789012:user/x"), "role/NAME"),
        (
            arn_case("arn:aws:iam::123456789012:role/bad name"),
            "not allowed",
        ),
        (
            arn_case(&format!("arn:aws:iam::123456789012:role/{long_name}")),
            "1 to 64",
        ),
        (arn_case("role/x"), "role_arn"),
        (role(&["--session-name", "x"]), "session_name"),
        (role(&["--session-name", "has space"]), "session_name"),
        (role(&["--session-name", &long_name]), "session_name"),
        (role(&["--external-id", "e"]), "external_id"),
        (role(&["--external-id", "semi;colon"]), "external_id"),
        (role(&["--external-id", &long_ext]), "external_id"),
        (role(&["--duration", "899"]), "900 to 43200"),
        (role(&["--duration", "43201"]), "900 to 43200"),
        (role(&["--mfa-serial", "12345678"]), "mfa_serial"),
        (
            role(&["--mfa-serial", "arn:aws:iam::123456789012:mfa/a b"]),
            "mfa_serial",
        ),
        (role(&["--region", "EU-WEST-1"]), "region"),
        (role(&["--region", "moon"]), "region"),
    ];
    for (args, needle) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&world, &args, None, "invalid_input", needle);
    }
    for name in ["x!", "_x", "a b", "ünï", &long_name] {
        refused(
            &world,
            &["role", "add", name, "--role-arn", &arn, "--source", "alice"],
            None,
            "invalid_input",
            "role name",
        );
    }
    // A chained role may not carry its own MFA serial: MFA is where the chain starts.
    refused(
        &world,
        &[
            "role",
            "add",
            "x",
            "--role-arn",
            &arn,
            "--via",
            "dev",
            "--mfa-serial",
            "arn:aws:iam::123456789012:mfa/me",
        ],
        None,
        "invalid_input",
        "chain",
    );
}

// What clap cannot parse is also one line, with exit code 2.
#[test]
fn malformed_command_lines() {
    let world = world();
    for args in [
        vec![
            "role",
            "add",
            "x",
            "--role-arn",
            "a",
            "--source",
            "s",
            "--duration",
            "ten",
        ],
        vec!["role", "add", "x", "--role-arn", "a"],
        vec!["assume"],
        vec!["no-such-command"],
        vec!["exec", "dev"],
    ] {
        let files = Files::of(&world);
        let (code, out) = world.run_err(&args, None);
        assert_eq!(code, "usage", "{args:?}: {}", out.stderr);
        assert_eq!(out.code(), Some(2), "{args:?}");
        files.assert_unchanged(&format!("{args:?}"));
    }
}

// Sources: key ids, secrets, MFA serials, regions.
#[test]
fn source_fields() {
    let world = world();
    let secret = Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    for (args, stdin, needle) in [
        (
            vec!["source", "add", "s", "--access-key-id", "AKIA123"],
            secret,
            "access_key_id",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "ASIAIOSFODNN7EXAMPLE",
            ],
            secret,
            "temporary",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIA-OSFODNN7EXAMPLE",
            ],
            secret,
            "access_key_id",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
            ],
            Some("\n"),
            "empty",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
            ],
            Some("has spaces in the secret key\n"),
            "secret_access_key",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
                "--mfa-serial",
                "x",
            ],
            secret,
            "mfa_serial",
        ),
        (
            vec![
                "source",
                "add",
                "s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
                "--region",
                "Nowhere",
            ],
            secret,
            "region",
        ),
        (
            vec![
                "source",
                "add",
                "s s",
                "--access-key-id",
                "AKIAIOSFODNN7EXAMPLE",
            ],
            secret,
            "source name",
        ),
    ] {
        refused(&world, &args, stdin, "invalid_input", needle);
    }
}

// Sessions: MFA codes, profile names, shell formats, settings.
#[test]
fn session_and_setting_fields() {
    let world = world();
    for (args, needle) in [
        (vec!["assume", "dev", "--mfa-code", "12345"], "6 digits"),
        (vec!["assume", "dev", "--mfa-code", "abcdef"], "6 digits"),
        (vec!["export", "dev", "--mfa-code", "1234567"], "6 digits"),
        (vec!["export", "dev", "--format", "tcsh"], "tcsh"),
        (vec!["export", "dev", "--format", ""], "format"),
        (vec!["write-profile", "dev", "--profile", "a b"], "profile"),
        (vec!["write-profile", "dev", "--profile", "[x]"], "profile"),
        (vec!["write-profile", "dev", "--profile", "a#b"], "profile"),
        (vec!["config", "set", "min-ttl", "5000"], "min-ttl"),
        (
            vec!["config", "set", "notify-before", "lots"],
            "notify-before",
        ),
        (vec!["config", "set", "auto-renew", "maybe"], "auto-renew"),
        (vec!["config", "set", "colour", "blue"], "unknown setting"),
        (vec!["config", "get", "colour"], "unknown setting"),
    ] {
        refused(&world, &args, None, "invalid_input", needle);
    }
    // None of these reached AWS.
    assert_eq!(world.sts_calls("AssumeRole"), 0);
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

// Corrupted configuration files: named with their line, never overwritten,
// whatever the command.
#[test]
fn corrupted_config_files() {
    let world = World::start(WorldOptions::default());
    let path = world.config_dir.join("roletray/config.toml");
    for (text, needle) in [
        (&b"[settings\nmin_ttl_seconds = 1\n"[..], "line 1"),
        (b"[settings]\nmin_ttl_seconds = \"soon\"\n", "line 2"),
        (b"[roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\nflavour = \"red\"\n", "line 4"),
        (b"[settings]\nmin_ttl_seconds = 1\nmin_ttl_seconds = 2\n", "line 3"),
        (b"\xff\xfe\x00garbage", "config"),
        (b"[roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"nobody\"\n", "nobody"),
        (b"[roles.a]\nrole_arn = \"arn:aws:iam::123456789012:role/a\"\nvia = \"b\"\n[roles.b]\nrole_arn = \"arn:aws:iam::123456789012:role/b\"\nvia = \"a\"\n", "loops"),
    ] {
        write(&path, text);
        for args in [
            vec!["role", "list"],
            vec!["config", "set", "min-ttl", "60"],
            vec!["role", "add", "x", "--role-arn", "arn:aws:iam::123456789012:role/x", "--source", "me"],
            vec!["assume", "dev"],
        ] {
            let files = Files::of(&world);
            let (code, out) = world.run_err(&args, None);
            assert!(code == "config_invalid" || code == "io_error", "{args:?}: {}", out.stderr);
            assert!(out.stderr.contains(needle), "{needle:?} missing: {}", out.stderr);
            files.assert_unchanged(&format!("{args:?} on a corrupted config"));
        }
    }
    assert_eq!(world.sts_calls("AssumeRole"), 0);
}

// Corrupted credentials files: write-profile names the line and changes nothing.
#[test]
fn corrupted_credentials_files() {
    let world = world();
    for (text, needle) in [
        (&b"aws_access_key_id = before any section\n"[..], "line 1"),
        (b"[ok]\nx = 1\n[broken\n", "line 3"),
        (b"[ok]\nx = 1\njust words\n", "line 3"),
        (b"[ok]\r\nx = 1\r\n\xff\xfe\r\n", "UTF-8"),
    ] {
        write(&world.aws_credentials, text);
        refused(
            &world,
            &["write-profile", "dev"],
            None,
            "aws_file_invalid",
            needle,
        );
    }
    assert_eq!(world.sts_calls("AssumeRole"), 0);
}
