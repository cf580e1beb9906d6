//! Faults: a writer killed mid-write never leaves a broken credentials file,
//! and an STS that throttles, fails, answers garbage or hangs gets bounded
//! retries and then a clear error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use roletray_tests::{World, WorldOptions, run_command};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// A small deterministic generator, seeded from the clock and printed, so a
/// failing run can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) % n
    }
}

fn check_whole(path: &Path, seed_profiles: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    roletray_core::credentials_file::check(&text, path)
        .unwrap_or_else(|e| panic!("the file is broken after a kill: {e}"));
    for i in (0..seed_profiles).step_by(97) {
        assert!(
            text.contains(&format!("[seed{i}]\n")),
            "seed profile {i} lost"
        );
    }
    // Every profile the writer touched is complete: three keys, the last one whole.
    for section in text.split("\n[w").skip(1) {
        let keys = section.lines().filter(|l| l.starts_with("aws_")).count();
        assert_eq!(keys, 3, "a half-written profile: [w{section}");
        assert!(section.contains(&"t".repeat(600)), "a truncated token");
    }
}

// SIGKILL at random moments of many writes: the file is always the old one
// or the new one, never partial, never lost; leftovers are cleaned up.
#[test]
fn killed_writer_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("credentials");
    let lock_dir = dir.path().join("locks");
    const SEED: usize = 4_000;
    let seed: String = (0..SEED)
        .map(|i| format!("# profile {i}\n[seed{i}]\naws_access_key_id = AKIASEED{i:012}\naws_secret_access_key = s{i:039}\n\n"))
        .collect();
    std::fs::write(&file, &seed).unwrap();
    let start = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    println!("random seed {start}");
    let mut rng = Lcg(start);
    let writer = env!("CARGO_BIN_EXE_credfile_writer");
    for _ in 0..40 {
        let mut child = std::process::Command::new(writer)
            .arg(&file)
            .arg(&lock_dir)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + rng.below(120)));
        child.kill().unwrap();
        child.wait().unwrap();
        check_whole(&file, SEED);
    }
    // The next write removes what killed writers left in the directory.
    let creds = roletray_core::Credentials {
        access_key_id: "ASIAFINALWRITE000001".into(),
        secret_access_key: roletray_core::Sensitive::from("final"),
        session_token: Some(roletray_core::Sensitive::new(format!(
            "x{}",
            "t".repeat(600)
        ))),
    };
    // Its original goes to a keychain (an in-memory one here).
    let keychain =
        roletray_core::keychain::Keychain::with_store(keyring_core::mock::Store::new().unwrap());
    let options = roletray_core::credentials_file::WriteOptions::default();
    roletray_core::credentials_file::write_profile(
        &file, "w0", &creds, &lock_dir, options, &keychain,
    )
    .unwrap();
    check_whole(&file, SEED);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".roletray-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// How the stand-in STS answers each request.
#[derive(Clone, Copy)]
enum Behaviour {
    Throttle,
    /// HTTP 429 with no STS error body at all.
    TooManyRequests,
    Unavailable,
    Garbage,
    /// Fails twice with 503, then answers properly.
    FlakyThenOk,
    /// Accepts the connection and never answers.
    Hang,
}

const ASSUMED: &str = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>\
<Credentials><AccessKeyId>ASIAFAKESTS000000001</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>\
<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
<AssumedRoleUser><AssumedRoleId>AROAFAKE:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/dev/s</Arn></AssumedRoleUser>\
</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>";

/// A stand-in STS on loopback; returns its URL and a request counter.
fn fake_sts(behaviour: Behaviour) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let counter = counter.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).ok();
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let error = |status: &str, code: &str| {
                    (
                        status.to_owned(),
                        format!(
                            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{code} from the stand-in</Message></Error><RequestId>r</RequestId></ErrorResponse>"
                        ),
                    )
                };
                let (status, body) = match behaviour {
                    Behaviour::Throttle => error("400 Bad Request", "Throttling"),
                    Behaviour::TooManyRequests => {
                        ("429 Too Many Requests".to_owned(), String::new())
                    }
                    Behaviour::Unavailable => {
                        error("503 Service Unavailable", "ServiceUnavailable")
                    }
                    Behaviour::Garbage => (
                        "200 OK".to_owned(),
                        "this is not an STS answer {".to_owned(),
                    ),
                    Behaviour::FlakyThenOk if n < 2 => {
                        error("503 Service Unavailable", "ServiceUnavailable")
                    }
                    Behaviour::FlakyThenOk => ("200 OK".to_owned(), ASSUMED.to_owned()),
                    Behaviour::Hang => {
                        std::thread::sleep(Duration::from_secs(120));
                        return;
                    }
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(response.as_bytes()).ok();
            });
        }
    });
    (url, count)
}

fn assume_against(world: &World, url: &str) -> (roletray_tests::Output, Duration) {
    let mut cmd = world.roletray(&["assume", "dev"]);
    cmd.env("AWS_ENDPOINT_URL_STS", url);
    let started = Instant::now();
    (run_command(cmd, None), started.elapsed())
}

fn world() -> World {
    let world = World::start(WorldOptions::default());
    world.add_alice();
    world.add_role("dev", "dev", &["--source", "alice"]);
    world
}

fn error_code(out: &roletray_tests::Output) -> String {
    assert!(!out.success(), "expected a failure: {}", out.stdout);
    assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    out.stderr
        .split("error[")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .unwrap_or_default()
        .to_owned()
}

// Throttling, server errors and garbage: three attempts with backoff, then a
// clear error code; nothing is cached.
#[test]
fn sts_failures_are_retried_then_reported() {
    let world = world();
    // Garbage in a 200 answer is not retried (it would not improve); at most 3.
    for (behaviour, code, attempts) in [
        (Behaviour::Throttle, "throttled", 3..=3),
        (Behaviour::TooManyRequests, "throttled", 3..=3),
        (Behaviour::Unavailable, "sts_unavailable", 3..=3),
        (Behaviour::Garbage, "sts_unavailable", 1..=3),
    ] {
        let (url, count) = fake_sts(behaviour);
        let (out, _) = assume_against(&world, &url);
        assert_eq!(error_code(&out), code, "{}", out.stderr);
        let made = count.load(Ordering::SeqCst);
        assert!(attempts.contains(&made), "{code}: {made} attempts");
    }
    let out = world.run_ok(&["sessions", "--json"], None);
    assert_eq!(out.stdout.trim(), "[]");
}

// Two failures then an answer: the retries carry the call through.
#[test]
fn transient_sts_failures_are_retried() {
    let world = world();
    let (url, count) = fake_sts(Behaviour::FlakyThenOk);
    let (out, _) = assume_against(&world, &url);
    assert!(out.success(), "{}", out.stderr);
    assert!(out.stdout.contains("assumed-role/dev/s"), "{}", out.stdout);
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

// An STS that accepts the connection and never answers: a timeout, not a hang.
#[test]
fn a_hanging_sts_times_out() {
    let world = world();
    let (url, _) = fake_sts(Behaviour::Hang);
    let (out, took) = assume_against(&world, &url);
    assert_eq!(error_code(&out), "sts_unreachable", "{}", out.stderr);
    assert!(took < Duration::from_secs(60), "took {took:?}");
}
