//! A source key's life against moto with authentication on (it enforces
//! AWS's two-keys limit and records each key's last use): its facts from
//! IAM, a rotation that cannot lose the key, the two-keys refusal, a user
//! who may not read its own keys, and rotations killed at random points.
//! What RoleTray did on AWS is checked with boto3 as the world's admin.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{Output, World, WorldOptions};
use std::time::{Duration, Instant};

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", out.stdout, out.stderr))
}

fn add_carol(world: &World) {
    let carol = world.moto.carol.clone();
    world.add_source("carol", &carol.access_key_id, &carol.secret_access_key, &[]);
    world.add_role("dev", "dev", &["--source", "carol"]);
}

/// The error code of a failed run whose stderr may carry progress lines
/// before its one error line.
fn failed_with(out: &Output) -> String {
    assert!(!out.success(), "expected a failure:\n{}", out.stdout);
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("error["))
        .unwrap_or_else(|| panic!("no error line in:\n{}", out.stderr));
    line.split("error[")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_rotation_replaces_the_key_and_sessions_carry_on() {
    let world = World::start(WorldOptions::default());
    add_carol(&world);
    let old = world.moto.carol.access_key_id.clone();
    let before = json(&world.run_ok(&["credential-process", "dev"], None));

    // Facts from IAM: made today, used (by the call that just assumed dev).
    let check = json(&world.run_ok(&["source", "check", "carol", "--json"], None));
    assert_eq!(check[0]["key_age_days"], 0, "{check}");
    assert_eq!(check[0]["iam_user"], "carol");
    assert_eq!(check[0]["other_keys"], serde_json::json!([]));
    assert!(check[0]["key_last_used"]["when"].is_string(), "{check}");
    // Listing shows the same from the cache, with no call to IAM.
    let listed_calls = world.sts_calls("ListAccessKeys");
    let list = json(&world.run_ok(&["source", "list", "--json"], None));
    assert_eq!(list[0]["key_age_days"], 0);
    assert!(list[0]["facts_read_at"].is_string());
    assert_eq!(world.sts_calls("ListAccessKeys"), listed_calls);

    let started = Instant::now();
    let out = world.run_ok(&["source", "rotate", "carol"], None);
    eprintln!("a rotation against moto took {:?}", started.elapsed());
    assert!(out.stdout.contains("the old key"), "{}", out.stdout);

    // On AWS: one active key, not the old one; in RoleTray: that key.
    let keys = world.iam_keys("carol");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(keys[0].active);
    assert_ne!(keys[0].id, old);
    assert_eq!(world.source_key_id("carol"), keys[0].id);

    // The session cached before the rotation is still served...
    let assumes = world.sts_calls("AssumeRole");
    let after = json(&world.run_ok(&["credential-process", "dev"], None));
    assert_eq!(after["AccessKeyId"], before["AccessKeyId"]);
    assert_eq!(world.sts_calls("AssumeRole"), assumes);
    // ...and a new one is assumed with the new key.
    world.run_ok(&["assume", "dev", "--renew"], None);
    assert_eq!(world.sts_calls("AssumeRole"), assumes + 1);

    // The facts were read again after the rotation, about the new key.
    let list = json(&world.run_ok(&["source", "list", "--json"], None));
    assert_eq!(list[0]["access_key_id"], keys[0].id.as_str());
    assert_eq!(list[0]["key_age_days"], 0, "{list}");
    assert!(
        !world
            .run_ok(&["source", "list"], None)
            .stdout
            .contains(&old)
    );
}

#[test]
fn keep_old_stops_at_inactive_and_two_keys_are_refused() {
    let world = World::start(WorldOptions::default());
    add_carol(&world);
    let first = world.moto.carol.access_key_id.clone();

    world.run_ok(&["source", "rotate", "carol", "--keep-old"], None);
    let keys = world.iam_keys("carol");
    assert_eq!(keys.len(), 2, "{keys:?}");
    let old = keys
        .iter()
        .find(|k| k.id == first)
        .expect("the old key kept");
    assert!(!old.active, "the old key is inactive: {keys:?}");
    let second = world.source_key_id("carol");

    // The next rotation meets AWS's limit: refused, the other key named,
    // nothing changed on AWS or in RoleTray.
    let out = world.run(&["source", "rotate", "carol"], None);
    assert_eq!(failed_with(&out), "key_limit");
    assert!(
        out.stderr.contains(&first[..4]) && out.stderr.contains("inactive"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--delete-inactive-other"),
        "{}",
        out.stderr
    );
    assert_eq!(world.iam_keys("carol"), keys);
    assert_eq!(world.source_key_id("carol"), second);

    // Asked to, it deletes the inactive one first.
    world.run_ok(
        &["source", "rotate", "carol", "--delete-inactive-other"],
        None,
    );
    let keys = world.iam_keys("carol");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(world.source_key_id("carol"), keys[0].id);
    world.run_ok(&["assume", "dev", "--renew"], None);
}

#[test]
fn an_active_second_key_is_never_deleted() {
    let world = World::start(WorldOptions::default());
    add_carol(&world);
    let elsewhere = world.iam_add_key("carol");
    let before = world.iam_keys("carol");

    let check = json(&world.run_ok(&["source", "check", "carol", "--json"], None));
    assert_eq!(
        check[0]["other_keys"][0]["access_key_id"],
        elsewhere.as_str()
    );
    assert_eq!(check[0]["other_keys"][0]["active"], true);

    for extra in [&[][..], &["--delete-inactive-other"][..]] {
        let mut args = vec!["source", "rotate", "carol"];
        args.extend_from_slice(extra);
        let out = world.run(&args, None);
        assert_eq!(failed_with(&out), "key_limit");
        assert!(out.stderr.contains("active"), "{}", out.stderr);
        assert_eq!(world.iam_keys("carol"), before);
        assert_eq!(world.source_key_id("carol"), world.moto.carol.access_key_id);
    }
}

#[test]
fn a_user_who_may_not_read_its_keys_is_told_once_not_flooded() {
    let world = World::start(WorldOptions::default());
    let bob = world.moto.bob.clone();
    world.add_source("bob", &bob.access_key_id, &bob.secret_access_key, &[]);

    // An answer, not an error: the missing permission is named.
    let check = json(&world.run_ok(&["source", "check", "bob", "--json"], None));
    assert_eq!(check[0]["not_allowed"], "iam:ListAccessKeys", "{check}");
    let text = world.run_ok(&["source", "check", "bob"], None).stdout;
    assert!(text.contains("not allowed to read"), "{text}");
    let list = world.run_ok(&["source", "list"], None).stdout;
    assert!(list.contains("iam:ListAccessKeys is missing"), "{list}");

    // Rotating needs the permission too, and says which.
    let out = world.run(&["source", "rotate", "bob"], None);
    assert_eq!(failed_with(&out), "access_denied");
    assert!(out.stderr.contains("iam:ListAccessKeys"), "{}", out.stderr);
    assert_eq!(world.sts_calls("CreateAccessKey"), 0);
}

/// A small deterministic generator for the kill times (no extra crate).
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn rotations_killed_at_random_points_never_lose_the_key() {
    let world = World::start(WorldOptions::default());
    add_carol(&world);
    // How long an uninterrupted rotation takes here bounds the kill times.
    let started = Instant::now();
    world.run_ok(&["source", "rotate", "carol"], None);
    let whole = started.elapsed().max(Duration::from_millis(200));
    eprintln!("an uninterrupted rotation took {whole:?}");

    let mut seed = 0x5eed_u64 ^ u64::from(std::process::id());
    for round in 0..8 {
        let delay = Duration::from_millis(next(&mut seed) % (whole.as_millis() as u64 + 50));
        let mut child = world
            .roletray(&["source", "rotate", "carol"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starting a rotation");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever step it died at, a fresh assume works...
        let out = world.run(&["assume", "dev", "--renew"], None);
        assert!(
            out.success(),
            "round {round} (killed after {delay:?}): assume failed:\n{}",
            out.stderr
        );
        // ...and AWS never holds more than its two keys.
        assert!(world.iam_keys("carol").len() <= 2, "round {round}");
    }
    // A last rotation finishes or undoes what was cut short, then rotates.
    world.run_ok(&["source", "rotate", "carol"], None);
    world.run_ok(&["source", "rotate", "carol"], None);
    let keys = world.iam_keys("carol");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(world.source_key_id("carol"), keys[0].id);
    world.run_ok(&["assume", "dev", "--renew"], None);
}
