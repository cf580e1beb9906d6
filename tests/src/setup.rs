//! Common first steps of RoleTray tests, phrased as the user would do them.

use crate::process::Output;
use crate::world::World;

impl World {
    /// A world with alice's key as source `alice` and role `dev` assumed
    /// from it in eu-west-1: where most CLI tests start.
    pub fn with_dev() -> World {
        let world = World::start(crate::WorldOptions::default());
        world.add_alice();
        world.add_role(
            "dev",
            "dev",
            &["--source", "alice", "--region", "eu-west-1"],
        );
        world
    }

    /// The running endpoint's URL for `role` and its token, as
    /// `roletray export ROLE --live --format json` gives them.
    pub fn live(&self, role: &str) -> (String, String) {
        let out = self.run_ok(&["export", role, "--live", "--format", "json"], None);
        let v: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("export --live printed no JSON ({e}): {}", out.stdout));
        let var = |name: &str| {
            v[name]
                .as_str()
                .unwrap_or_else(|| panic!("no {name} in {v}"))
                .to_owned()
        };
        (
            var("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
            var("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        )
    }

    /// The MFA device the tests give alice.
    pub const ALICE_MFA: &'static str = "arn:aws:iam::123456789012:mfa/alice";

    /// `roletray source add alice` with alice's real keys and her MFA device
    /// ([`World::ALICE_MFA`]).
    pub fn add_alice_with_mfa(&self) {
        let alice = self.moto.alice.clone();
        self.add_source(
            "alice",
            &alice.access_key_id,
            &alice.secret_access_key,
            &["--mfa-serial", Self::ALICE_MFA],
        );
    }

    /// `roletray source add alice` with alice's real keys, her MFA device,
    /// and its code command: the fake YubiKey of `tests/fixtures/bin`
    /// reading OATH account `account`.
    pub fn add_alice_with_yubikey(&self, account: &str) {
        let alice = self.moto.alice.clone();
        let ykman = crate::fixtures_dir().join("bin/ykman");
        let command = format!(
            "{} oath accounts code --single '{account}'",
            ykman.display()
        );
        self.add_source(
            "alice",
            &alice.access_key_id,
            &alice.secret_access_key,
            &["--mfa-serial", Self::ALICE_MFA, "--mfa-command", &command],
        );
    }

    /// `roletray source add alice` with alice's real keys (secret on stdin).
    pub fn add_alice(&self) {
        let alice = self.moto.alice.clone();
        self.add_source("alice", &alice.access_key_id, &alice.secret_access_key, &[]);
    }

    /// `roletray source add NAME --access-key-id ID [extra]` with the secret on stdin.
    pub fn add_source(&self, name: &str, key_id: &str, secret: &str, extra: &[&str]) {
        let mut args = vec!["source", "add", name, "--access-key-id", key_id];
        args.extend_from_slice(extra);
        self.run_ok(&args, Some(&format!("{secret}\n")));
    }

    /// `roletray role add NAME --role-arn <fixture role ARN> [extra]`.
    pub fn add_role(&self, name: &str, fixture_role: &str, extra: &[&str]) -> Output {
        let arn = self.moto.role(fixture_role).to_owned();
        let mut args = vec!["role", "add", name, "--role-arn", &arn];
        args.extend_from_slice(extra);
        self.run_ok(&args, None)
    }

    /// Runs roletray expecting failure; returns the error code from
    /// `roletray: error[CODE]: ...` and the whole output.
    pub fn run_err(&self, args: &[&str], stdin: Option<&str>) -> (String, Output) {
        let out = self.run(args, stdin);
        assert!(
            !out.success(),
            "expected `roletray {}` to fail, it printed:\n{}",
            args.join(" "),
            out.stdout
        );
        let code = out
            .stderr
            .split("error[")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or("")
            .to_owned();
        assert_eq!(
            out.stderr.trim().lines().count(),
            1,
            "an error is one line on stderr, got:\n{}",
            out.stderr
        );
        (code, out)
    }

    /// The assumed-role ARN that STS gives role `role` with session name `session`.
    pub fn assumed_arn(&self, role: &str, session: &str) -> String {
        format!(
            "arn:aws:sts::{}:assumed-role/{role}/{session}",
            self.moto.account
        )
    }
}

/// One IAM access key, as the world's admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamKey {
    pub id: String,
    pub active: bool,
}

impl World {
    fn iam_keys_script(&self, user: &str, create: bool) -> String {
        let mut cmd = self.command(crate::venv_dir().join("bin/python"));
        cmd.arg(crate::fixtures_dir().join("iam_keys.py"))
            .args(["--endpoint", &self.moto.endpoint, "--user", user])
            .env("ADMIN_ACCESS_KEY_ID", &self.moto.admin.access_key_id)
            .env(
                "ADMIN_SECRET_ACCESS_KEY",
                &self.moto.admin.secret_access_key,
            );
        if create {
            cmd.arg("--create");
        }
        let out = crate::process::run_command(cmd, None);
        assert!(out.success(), "iam_keys.py failed:\n{}", out.stderr);
        out.stdout
    }

    /// IAM user `user`'s access keys, listed by boto3 as the admin.
    pub fn iam_keys(&self, user: &str) -> Vec<IamKey> {
        let v: serde_json::Value =
            serde_json::from_str(&self.iam_keys_script(user, false)).expect("iam_keys.py JSON");
        v.as_array()
            .expect("a list of keys")
            .iter()
            .map(|k| IamKey {
                id: k["id"].as_str().unwrap_or_default().to_owned(),
                active: k["status"] == "Active",
            })
            .collect()
    }

    /// Makes another access key for `user` (as the admin); returns its id.
    pub fn iam_add_key(&self, user: &str) -> String {
        let v: serde_json::Value =
            serde_json::from_str(&self.iam_keys_script(user, true)).expect("iam_keys.py JSON");
        v["id"].as_str().expect("a key id").to_owned()
    }

    /// The access key id source `name` has in RoleTray's configuration.
    pub fn source_key_id(&self, name: &str) -> String {
        let out = self.run_ok(&["source", "list", "--json"], None);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("source list JSON");
        v.as_array()
            .and_then(|a| a.iter().find(|s| s["name"] == name))
            .and_then(|s| s["access_key_id"].as_str())
            .unwrap_or_else(|| panic!("no source {name} in {v}"))
            .to_owned()
    }
}
