//! The quick switch's search at scale, timed without a display: 5,000
//! roles (1,000 of the person's own, in 300 accounts, with environment
//! labels; 4,000 listed by an Identity Center source, 2,000 accounts of two
//! roles each), 200 of them used before. What one keystroke in the palette
//! or `roletray pick` costs the backend: ranking every role for the query
//! typed so far, as each of a few queries is typed a letter at a time.
//!
//! `cargo bench -p roletray-core --bench quick_switch` (a plain binary).
//! Prints `BENCH name median_us p90_us samples` lines for
//! `scripts/bench.sh`, and the worst keystroke in the line a person reads.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use roletray_core::config::Config;
use roletray_core::pick::{Candidate, UseHistory, rank};
use roletray_core::sso::SsoSource;
use roletray_core::sso::listing::{Account, Listing};
use roletray_core::views;
use time::OffsetDateTime;

const OWN_ROLES: usize = 1_000;
const SSO_ACCOUNTS: usize = 2_000;
/// As many matches as the palette shows.
const SHOWN: usize = 9;
const SAMPLES: usize = 300;
const BUDGET: Duration = Duration::from_secs(3);
/// What people type, a letter at a time: words of a name, an account id
/// as the console shows it, an account's name, a word with a typo.
const QUERIES: [&str; 5] = [
    "prd adm",
    "4444-5555",
    "payments stg",
    "acct-1234 admin",
    "developr",
];

fn config() -> Config {
    let labels = ["production", "staging", "dev", "sandbox"];
    let mut text = String::from("[sources.alice]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n");
    for i in 0..OWN_ROLES {
        let kind = ["admin", "readonly", "deploy"][i % 3];
        let env = labels[i % labels.len()];
        text.push_str(&format!(
            "\n[roles.\"{}-{kind}-{i:04}\"]\nrole_arn = \"arn:aws:iam::{}:role/{kind}\"\nsource = \"alice\"\nenvironment = \"{env}\"\n",
            &env[..3],
            444_455_550_000_u64 + (i % 300) as u64,
        ));
    }
    let mut config = match Config::parse(&text, Path::new("config.toml")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quick_switch bench: the generated configuration is invalid: {e}");
            std::process::exit(1);
        }
    };
    let source = SsoSource {
        start_url: "https://d-1234567890.awsapps.com/start".into(),
        region: "eu-west-1".into(),
        scopes: Vec::new(),
        favourites: Vec::new(),
    };
    let teams = ["payments", "search", "billing", "identity", "mobile"];
    let listing = Listing {
        accounts: (0..SSO_ACCOUNTS)
            .map(|i| Account {
                id: format!("{:012}", 100_000_000_000_u64 + i as u64 * 7_919),
                name: format!(
                    "acct-{i:04} {} {}",
                    teams[i % teams.len()],
                    ["prod", "stg"][i % 2]
                ),
                email: None,
                roles: vec!["AdministratorAccess".into(), "Developer".into()],
            })
            .collect(),
    };
    config.add_sso_roles(listing.roles("corp", &source));
    config.sso.insert("corp".into(), source);
    config
}

fn times(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    (at(0.5), at(0.9), samples[samples.len() - 1])
}

fn report(name: &str, what: &str, micros: Vec<f64>) {
    let n = micros.len();
    let (median, p90, worst) = times(micros);
    println!("{what}: median {median:.1} µs, p90 {p90:.1} µs, worst {worst:.1} µs over {n} calls");
    println!("BENCH {name} {median:.1} {p90:.1} {n}");
}

/// Times single calls of `f`: a short warm-up, then up to [`SAMPLES`] calls.
fn bench<T>(mut f: impl FnMut() -> T) -> Vec<f64> {
    let warm_up = Instant::now();
    while warm_up.elapsed() < Duration::from_millis(200) {
        black_box(f());
    }
    let started = Instant::now();
    let mut micros = Vec::with_capacity(SAMPLES);
    while micros.len() < SAMPLES && started.elapsed() < BUDGET {
        let t = Instant::now();
        black_box(f());
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    micros
}

fn main() {
    let now = OffsetDateTime::now_utc();
    let config = config();
    let snap = views::snapshot(
        &config,
        &BTreeMap::new(),
        &BTreeMap::new(),
        None,
        Vec::new(),
        false,
        now,
    );
    let total = snap.roles.len();
    assert_eq!(
        total,
        OWN_ROLES + 2 * SSO_ACCOUNTS,
        "every generated role is listed"
    );
    let mut uses = UseHistory::default();
    for (i, role) in snap.roles.iter().enumerate().filter(|(i, _)| i % 25 == 0) {
        for _ in 0..(i % 4 + 1) {
            uses.note(&role.name, now - time::Duration::hours(i as i64));
        }
    }
    let candidates: Vec<Candidate> = snap.roles.iter().map(|r| Candidate::of(r, None)).collect();

    report(
        "pick_candidates_5000",
        "make the 5,000 candidates (after a change)",
        bench(|| {
            snap.roles
                .iter()
                .map(|r| Candidate::of(r, None))
                .collect::<Vec<_>>()
        }),
    );
    report(
        "pick_empty_5000",
        "rank 5,000 roles by use alone (the palette opening, an empty query)",
        bench(|| rank(&candidates, "", &uses, now, SHOWN)),
    );
    // Every keystroke of every query, each timed many times.
    let mut keystrokes = Vec::new();
    for query in QUERIES {
        let chars: Vec<char> = query.chars().collect();
        for end in 1..=chars.len() {
            let typed: String = chars[..end].iter().collect();
            let started = Instant::now();
            let mut runs = 0;
            while runs < 20 && started.elapsed() < Duration::from_millis(500) {
                let t = Instant::now();
                black_box(rank(&candidates, &typed, &uses, now, SHOWN));
                keystrokes.push(t.elapsed().as_secs_f64() * 1e6);
                runs += 1;
            }
        }
    }
    report(
        "pick_keystroke_5000",
        "rank 5,000 roles for a query typed a letter at a time (\"prd adm\", \"4444-5555\", \"payments stg\", \"acct-1234 admin\", \"developr\")",
        keystrokes,
    );
    let first = rank(&candidates, "prd adm", &uses, now, SHOWN);
    println!(
        "(\"prd adm\" puts {} first, of {} roles)",
        first.first().map_or("nothing", |h| h.role.name.as_str()),
        total
    );
}
