//! The profile-chain rules, case by case. The cases follow the shared test
//! data the AWS SDKs resolve profiles against (aws-config's
//! `test-data/assume-role-tests.json`), plus the bases RoleTray must
//! recognise to skip them.

use super::*;
use std::collections::HashMap;

struct Files(HashMap<&'static str, HashMap<&'static str, &'static str>>);

impl Profiles for Files {
    fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
    fn get(&self, name: &str, key: &str) -> Option<&str> {
        self.0.get(name)?.get(key).copied()
    }
}

fn files(profiles: &[(&'static str, &[(&'static str, &'static str)])]) -> Files {
    Files(
        profiles
            .iter()
            .map(|(name, keys)| (*name, keys.iter().copied().collect()))
            .collect(),
    )
}

const KEYS: [(&str, &str); 2] = [
    ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
    ("aws_secret_access_key", "secret"),
];
const ROLE_A: (&str, &str) = ("role_arn", "arn:aws:iam::123456789012:role/RoleA");
const ROLE_B: (&str, &str) = ("role_arn", "arn:aws:iam::123456789012:role/RoleB");

fn keys(profile: &str) -> Base<'_> {
    Base::Keys {
        profile,
        temporary: false,
    }
}

fn chain_of<'a>(files: &'a Files, selected: &'a str) -> (Base<'a>, Vec<&'a str>) {
    let chain = resolve(files, selected).unwrap_or_else(|e| panic!("{selected}: {e:?}"));
    (chain.base, chain.roles.iter().map(|r| r.profile).collect())
}

fn error_of(files: &Files, selected: &str) -> String {
    match resolve(files, selected) {
        Err(Unresolved::Invalid(e)) => e,
        other => panic!("{selected}: expected an error, got {other:?}"),
    }
}

#[test]
fn a_role_from_a_key_profile() {
    let f = files(&[("A", &[ROLE_A, ("source_profile", "B")]), ("B", &KEYS)]);
    assert_eq!(chain_of(&f, "A"), (keys("B"), vec!["A"]));
    let chain = resolve(&f, "A").unwrap();
    assert_eq!(chain.roles[0].role_arn, ROLE_A.1);
}

#[test]
fn the_selected_profile_s_own_keys_are_ignored_when_it_names_a_source() {
    let a: &[(&str, &str)] = &[KEYS[0], KEYS[1], ROLE_A, ("source_profile", "B")];
    let f = files(&[("A", a), ("B", &KEYS)]);
    assert_eq!(chain_of(&f, "A"), (keys("B"), vec!["A"]));
}

#[test]
fn a_profile_that_names_itself_uses_its_own_keys() {
    let a: &[(&str, &str)] = &[KEYS[0], KEYS[1], ROLE_A, ("source_profile", "A")];
    let f = files(&[("A", a)]);
    assert_eq!(chain_of(&f, "A"), (keys("A"), vec!["A"]));
}

#[test]
fn a_credential_source_is_a_base() {
    let f = files(&[("A", &[ROLE_A, ("credential_source", "Ec2InstanceMetadata")])]);
    assert_eq!(
        chain_of(&f, "A"),
        (Base::NamedSource("Ec2InstanceMetadata"), vec!["A"])
    );
}

#[test]
fn a_role_needs_exactly_one_of_source_profile_and_credential_source() {
    let f = files(&[
        ("none", &[ROLE_A]),
        (
            "both",
            &[
                ROLE_A,
                ("source_profile", "B"),
                ("credential_source", "Environment"),
            ],
        ),
        ("B", &KEYS),
    ]);
    assert!(error_of(&f, "none").contains("no source_profile nor credential_source"));
    assert!(error_of(&f, "both").contains("both source_profile and credential_source"));
}

#[test]
fn partial_and_missing_keys_are_named() {
    let f = files(&[
        ("no-secret", &[ROLE_A, ("source_profile", "B1")]),
        ("B1", &[KEYS[0]]),
        ("no-id", &[ROLE_A, ("source_profile", "B2")]),
        ("B2", &[KEYS[1]]),
        ("empty", &[ROLE_A, ("source_profile", "B3")]),
        ("B3", &[]),
        ("missing", &[ROLE_A, ("source_profile", "nowhere")]),
    ]);
    assert!(error_of(&f, "no-secret").contains("aws_secret_access_key"));
    assert!(error_of(&f, "no-id").contains("aws_access_key_id"));
    assert!(error_of(&f, "empty").contains("'B3' has no credentials"));
    assert!(error_of(&f, "missing").contains("'nowhere' (from 'missing') does not exist"));
    // A partial key pair on its own is refused too; settings alone are no credentials.
    assert!(error_of(&f, "B1").contains("aws_secret_access_key"));
    assert_eq!(resolve(&f, "B3"), Err(Unresolved::NoCredentials));
}

#[test]
fn roles_chain_through_roles_until_keys() {
    let f = files(&[
        ("A", &[ROLE_A, ("source_profile", "B")]),
        ("B", &[ROLE_B, ("source_profile", "C")]),
        ("C", &KEYS),
    ]);
    assert_eq!(chain_of(&f, "A"), (keys("C"), vec!["B", "A"]));
}

#[test]
fn past_the_first_profile_static_keys_win_over_a_role() {
    let b: &[(&str, &str)] = &[ROLE_B, ("source_profile", "C"), KEYS[0], KEYS[1]];
    let a: &[(&str, &str)] = &[ROLE_A, KEYS[0], KEYS[1], ("source_profile", "B")];
    let f = files(&[("A", a), ("B", b), ("C", &KEYS)]);
    assert_eq!(chain_of(&f, "A"), (keys("B"), vec!["A"]));
    // B itself, selected, is its role (its keys are for others).
    assert_eq!(chain_of(&f, "B"), (keys("C"), vec!["B"]));
}

#[test]
fn loops_are_refused_even_with_keys_on_the_way() {
    let f = files(&[
        ("A", &[ROLE_A, ("source_profile", "B")]),
        ("B", &[ROLE_B, ("source_profile", "A")]),
    ]);
    assert!(error_of(&f, "A").contains("loop: A → B → A"));
    let a: &[(&str, &str)] = &[ROLE_A, KEYS[0], KEYS[1], ("source_profile", "B")];
    let f = files(&[("A", a), ("B", &[ROLE_B, ("source_profile", "A")])]);
    assert!(error_of(&f, "A").contains("loop"));
}

#[test]
fn web_identity_is_a_base_and_needs_a_role() {
    let token = ("web_identity_token_file", "/var/token.jwt");
    let f = files(&[
        ("web", &[ROLE_A, token]),
        ("no-role", &[token]),
        ("A", &[ROLE_A, ("source_profile", "B")]),
        ("B", &[ROLE_B, token, ("role_session_name", "s")]),
    ]);
    assert_eq!(chain_of(&f, "web"), (Base::WebIdentity, vec![]));
    assert!(error_of(&f, "no-role").contains("no role_arn"));
    assert_eq!(chain_of(&f, "A"), (Base::WebIdentity, vec!["A"]));
}

#[test]
fn identity_center_login_sessions_and_processes_are_bases() {
    let f = files(&[
        (
            "sso",
            &[("sso_session", "corp"), ("sso_account_id", "123456789012")],
        ),
        (
            "login",
            &[("login_session", "arn:aws:iam::123456789012:user/me")],
        ),
        ("process", &[("credential_process", "/bin/creds")]),
        ("temp", &[KEYS[0], KEYS[1], ("aws_session_token", "t")]),
        ("via-sso", &[ROLE_A, ("source_profile", "sso")]),
    ]);
    assert_eq!(chain_of(&f, "sso").0, Base::Sso("sso"));
    assert_eq!(chain_of(&f, "login").0, Base::LoginSession("login"));
    assert_eq!(chain_of(&f, "process").0, Base::CredentialProcess);
    assert_eq!(
        chain_of(&f, "temp").0,
        Base::Keys {
            profile: "temp",
            temporary: true
        }
    );
    assert_eq!(chain_of(&f, "via-sso"), (Base::Sso("sso"), vec!["via-sso"]));
}
