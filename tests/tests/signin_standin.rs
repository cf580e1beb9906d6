//! The AWS Sign-In stand-in (`tests/fixtures/signin_standin.py`, the service
//! behind `aws login` and `login_session` profiles), checked against AWS's
//! model and driven by clients nobody here wrote: botocore's login
//! credential provider and DPoP code, boto3's signin client, the AWS CLI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::signin::SigninStandIn;
use roletray_tests::{World, WorldOptions, run_command, venv_dir};
use serde_json::json;

/// The checker runs its own stand-ins against the world's moto, and signs
/// in to and refreshes through one started as the tests start it.
#[test]
fn the_stand_in_answers_as_the_aws_sdks_expect() {
    let mut world = World::start(WorldOptions::default());
    let config = SigninStandIn::with_moto_role(&world, "dev", json!({}));
    let standin = SigninStandIn::start(&mut world, &config);
    let mut check = world.command(venv_dir().join("bin/python"));
    check
        .arg(roletray_tests::fixtures_dir().join("signin_standin_check.py"))
        .arg("--moto-world")
        .arg(world.root().join("moto_world.json"))
        .arg("--moto-endpoint")
        .arg(&world.moto.endpoint)
        .arg("--standin")
        .arg(&standin.url);
    let out = run_command(check, None);
    assert!(
        out.success() && out.stdout.contains("all good"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
}
