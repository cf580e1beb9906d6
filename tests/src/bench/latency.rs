//! Latency: handing credentials to a tool. RoleTray's `credential-process`
//! with a cached session (from the keychain; from the running tray app; with
//! a killed app's endpoint file left behind) against the Python AWS CLI
//! (`aws sts assume-role`) and awsume, all against the same moto; what
//! `roletray assume --renew` adds on top of the raw AssumeRole round trip;
//! and the two binaries' sizes.

use std::fs;

use super::desktop_figures::App;
use super::report::{Report, Row};
use super::stats::{Summary, mib, ms, ratio};
use super::time_command;
use crate::desktop::{Desktop, DesktopOptions};
use crate::wait::poll;
use crate::world::{World, WorldOptions};
use std::time::Duration;

/// How many timed runs of each command.
#[derive(Clone, Copy, Debug)]
pub struct Runs {
    /// `roletray credential-process` with a cached session.
    pub cached: usize,
    /// Each Python tool (about a second a run).
    pub python: usize,
    /// `roletray assume --renew`, and boto3's in-process calls.
    pub assume: usize,
}

/// boto3 with a client made once, timing `n` AssumeRole calls after three
/// untimed ones: the raw STS round trip (signing, HTTP on loopback, moto,
/// parsing), with no process start and no credential lookup.
const RAW_ASSUME: &str = r#"
import json, sys, time, boto3
endpoint, key, secret, arn, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id=key, aws_secret_access_key=secret)
times = []
for i in range(3 + n):
    start = time.perf_counter()
    sts.assume_role(RoleArn=arn, RoleSessionName="bench-raw")
    if i >= 3:
        times.append((time.perf_counter() - start) * 1000)
print(json.dumps(times))
"#;

pub fn run(report: &mut Report, runs: Runs) {
    let mut world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    let alice = world.moto.alice.clone();
    let dev_arn = world.moto.role("dev").to_owned();

    // The same identity and role for the Python tools, in the world's AWS files.
    fs::write(
        &world.aws_credentials,
        format!(
            "[alice]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            alice.access_key_id, alice.secret_access_key
        ),
    )
    .expect("writing the AWS credentials file");
    fs::write(
        &world.aws_config,
        format!(
            "[profile alice]\nregion = us-east-1\n\n[profile dev]\nrole_arn = {dev_arn}\nsource_profile = alice\nregion = us-east-1\n"
        ),
    )
    .expect("writing the AWS config file");

    // 1. credential-process with a cached session: no STS call at all.
    world.run_ok(&["assume", "dev"], None);
    let before = world.sts_calls("AssumeRole");
    let cached = time_command("roletray credential-process dev", 3, runs.cached, || {
        world.roletray(&["credential-process", "dev"])
    });
    let sts_during_cached = world.sts_calls("AssumeRole") - before;
    let cached = Summary::of(&cached).expect("credential-process runs");

    // For scale: the binary starting and exiting, nothing else.
    let floor = time_command("roletray --version", 3, runs.cached, || {
        world.roletray(&["--version"])
    });
    let floor = Summary::of(&floor).expect("--version runs");

    // 2. The Python AWS CLI assuming the same role.
    let aws = time_command("aws sts assume-role", 1, runs.python, || {
        let mut cmd = world.command("aws");
        cmd.args(["sts", "assume-role", "--profile", "alice", "--role-arn"])
            .arg(&dev_arn)
            .args(["--role-session-name", "bench-cli", "--output", "json"]);
        cmd
    });
    let aws = Summary::of(&aws).expect("aws runs");

    // 3. awsume: `awsumepy` is what the `awsume` shell function runs (it then
    //    only sources the printed lines). It assumes the role on every call:
    //    awsume caches MFA sessions of a source, never role credentials.
    let before = world.sts_calls("AssumeRole");
    let awsume_bin = world.venv.join("bin/awsumepy");
    let awsume = awsume_bin.exists().then(|| {
        time_command("awsumepy dev", 1, runs.python, || {
            let mut cmd = world.command(&awsume_bin);
            cmd.arg("dev");
            cmd
        })
    });
    let awsume_calls = world.sts_calls("AssumeRole") - before;

    report.row(
        Row::new(
            "Latency",
            "credentials for a tool: `roletray credential-process dev`, cached session, **no app** (keychain)",
            cached.ms(),
        )
        .against(
            format!(
                "`aws sts assume-role` (AWS CLI {}): {}",
                tool_version(&world, "aws"),
                aws.ms()
            ),
            ratio(cached.median, aws.median),
        ),
    );
    match awsume.as_deref().and_then(Summary::of) {
        Some(awsume) => report.row(
            Row::new(
                "Latency",
                "credentials for a tool: `roletray credential-process dev`, cached session, **no app** (keychain)",
                cached.ms(),
            )
            .against(
                format!(
                    "`awsume dev` (awsumepy {}): {}",
                    tool_version(&world, "awsumepy"),
                    awsume.ms()
                ),
                ratio(cached.median, awsume.median),
            ),
        ),
        None => report.note(format!(
            "awsume was not measured: {} is missing (scripts/bench.sh installs it into .venv-test)",
            awsume_bin.display()
        )),
    }
    report.row(Row::new(
        "Latency",
        "`roletray --version`: the CLI starting and exiting with nothing else to do",
        floor.ms(),
    ));
    report.note(format!(
        "credential-process made {sts_during_cached} AssumeRole calls in its {} timed runs \
         (the session was cached); awsume made {awsume_calls} in its {} runs (one per run, \
         plus its warm-up).",
        runs.cached + 3,
        runs.python + 1
    ));

    // 4. The same, answered by the running tray app (no keychain round trip),
    //    then with the app killed and its endpoint file left behind.
    let (app_cached, stale) = with_the_app(&mut world, runs.cached);
    report.row(
        Row::new(
            "Latency",
            "`roletray credential-process dev`, cached session, **tray app running** (answers from memory)",
            app_cached.ms(),
        )
        .against(
            format!("`aws sts assume-role`: {}", aws.ms()),
            ratio(app_cached.median, aws.median),
        ),
    );
    report.row(
        Row::new(
            "Latency",
            "`roletray credential-process dev`, app killed, its `endpoint.json` left behind",
            stale.ms(),
        )
        .against(
            format!("no app at all: {}", cached.ms()),
            ratio(stale.median, cached.median),
        ),
    );
    sizes(report);

    // 5. What RoleTray adds to an AssumeRole: a full `assume --renew` (process
    //    start, config, keychain read of the secret, STS, keychain write of the
    //    session) against boto3's in-process round trip.
    let renew = time_command("roletray assume dev --renew", 2, runs.assume, || {
        world.roletray(&["assume", "dev", "--renew"])
    });
    let renew = Summary::of(&renew).expect("assume runs");
    let mut raw_cmd = world.command(world.venv.join("bin/python"));
    raw_cmd
        .args(["-c", RAW_ASSUME, &world.moto.endpoint])
        .args([&alice.access_key_id, &alice.secret_access_key, &dev_arn])
        .arg(runs.assume.to_string());
    let out = crate::process::run_command(raw_cmd, None);
    assert!(
        out.success(),
        "boto3 AssumeRole loop failed: {}",
        out.stderr
    );
    let raw: Vec<f64> =
        serde_json::from_str(out.stdout.trim()).expect("boto3 loop prints a JSON list");
    let raw = Summary::of(&raw).expect("boto3 calls");
    report.row(
        Row::new(
            "Latency",
            "a fresh session: `roletray assume dev --renew` (whole process)",
            renew.ms(),
        )
        .against(
            format!(
                "raw AssumeRole round trip, boto3 client made once, in-process: {}",
                raw.ms()
            ),
            format!("RoleTray adds {} (median)", ms(renew.median - raw.median)),
        ),
    );
    report.row(
        Row::new(
            "Latency",
            "a fresh session: `roletray assume dev --renew`",
            renew.ms(),
        )
        .against(
            format!("`aws sts assume-role`: {}", aws.ms()),
            ratio(renew.median, aws.median),
        ),
    );
}

/// `credential-process` timed with the tray app running (after checking the
/// app answered every call), then with the app killed (SIGKILL), its
/// endpoint file still there.
fn with_the_app(world: &mut World, runs: usize) -> (Summary, Summary) {
    let desktop = Desktop::start(world, DesktopOptions::default());
    let endpoint_file = world.runtime_dir.join("roletray/endpoint.json");
    let app = App::start(world, &[]);
    poll("the app's endpoint", Duration::from_secs(30), || {
        endpoint_file
            .exists()
            .then_some(())
            .ok_or_else(|| "no endpoint.json yet".to_owned())
    });
    let before = world.sts_calls("AssumeRole");
    let served = time_command("credential-process (app running)", 3, runs, || {
        world.roletray(&["credential-process", "dev"])
    });
    let answered = app
        .log()
        .lines()
        .filter(|l| l.contains("GET /roles/dev 200"))
        .count();
    assert_eq!(answered, runs + 3, "the app answered every call");
    assert_eq!(world.sts_calls("AssumeRole"), before, "no STS call");
    drop(app);
    assert!(endpoint_file.exists(), "a killed app leaves its file");
    let stale = time_command("credential-process (stale endpoint)", 3, runs, || {
        world.roletray(&["credential-process", "dev"])
    });
    drop(desktop);
    (
        Summary::of(&served).expect("app runs"),
        Summary::of(&stale).expect("stale runs"),
    )
}

/// The release binaries' sizes (stripped by the release profile).
fn sizes(report: &mut Report) {
    let cli = crate::roletray_bin();
    let app = crate::roletray_app_bin();
    let size = |p: &std::path::Path| fs::metadata(p).map(|m| m.len() / 1024).unwrap_or(0);
    report.row(
        Row::new(
            "Size",
            "`roletray` (the CLI, links no GUI library), stripped",
            mib(size(&cli)),
        )
        .against(
            format!("`roletray-app` (the tray app): {}", mib(size(&app))),
            "—",
        ),
    );
}

/// The version a Python tool reports (first word that looks like one).
fn tool_version(world: &World, tool: &str) -> String {
    let mut cmd = world.command(tool);
    cmd.arg("--version");
    let out = crate::process::run_command(cmd, None);
    let text = format!("{} {}", out.stdout, out.stderr);
    text.split(|c: char| c.is_whitespace() || c == '/')
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('.'))
        .unwrap_or("?")
        .to_owned()
}
