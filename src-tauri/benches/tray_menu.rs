//! The tray's pure work for a large configuration, timed without a display:
//! what one tray refresh computes before it hands the menu to GTK. With
//! 1,000 roles: parsing `config.toml` (when the file changed), building
//! the snapshot, and `menu_model`; and with an IAM Identity Center source
//! listing 2,000 accounts (a role each), the snapshot and menu model.
//!
//! `cargo bench -p roletray-app --bench tray_menu` (no libtest harness: a plain
//! binary). Prints one `BENCH name median_us p90_us samples` line per case,
//! which `scripts/bench.sh` reads, after a line a person can read.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use roletray_app::app::tray::menu::menu_model;
use roletray_core::config::Config;
use roletray_core::sso::SsoSource;
use roletray_core::sso::listing::{Account, Listing};
use roletray_core::views::{self, SessionFacts, Snapshot};
use time::OffsetDateTime;

/// Roles in the configuration of every case.
const ROLES: usize = 1_000;
/// One role in this many has a live session (as in `ui/bench.js`).
const LIVE_EVERY: usize = 40;
/// Each case stops after this many timed calls, or after [`BUDGET`].
const SAMPLES: usize = 300;
const BUDGET: Duration = Duration::from_secs(3);

/// `config.toml` with one source and [`ROLES`] roles, every tenth a favourite.
fn config_text() -> String {
    let mut text = String::from("[sources.alice]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n");
    for i in 0..ROLES {
        text.push_str(&format!(
            "\n[roles.team-{i:04}]\nrole_arn = \"arn:aws:iam::{}:role/app-{}-reader\"\nsource = \"alice\"\n{}",
            100_000_000_000_u64 + i as u64 * 7_919,
            i % 37,
            if i % 10 == 0 { "favourite = true\n" } else { "" },
        ));
    }
    text
}

fn sessions(config: &Config, now: OffsetDateTime) -> BTreeMap<String, SessionFacts> {
    config
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| i % LIVE_EVERY == 0)
        .map(|(i, (name, role))| {
            let arn = role
                .role_arn
                .replace(":iam::", ":sts::")
                .replace(":role/", ":assumed-role/");
            let facts = SessionFacts {
                assumed_role_arn: format!("{arn}/roletray"),
                verified_arn: Some(format!("{arn}/roletray")),
                expiration: now + time::Duration::seconds(600 + i as i64),
            };
            (name.clone(), facts)
        })
        .collect()
}

fn snapshot(
    config: &Config,
    live: &BTreeMap<String, SessionFacts>,
    now: OffsetDateTime,
) -> Snapshot {
    views::snapshot(
        config,
        live,
        &BTreeMap::new(),
        Some("team-0000"),
        Vec::new(),
        false,
        now,
    )
}

/// A configuration with only an Identity Center source that listed
/// `accounts` accounts of one role each.
fn sso_config(accounts: usize) -> Config {
    let source = SsoSource {
        start_url: "https://d-1234567890.awsapps.com/start".into(),
        region: "eu-west-1".into(),
        scopes: Vec::new(),
        favourites: vec!["100000000007/AdministratorAccess".into()],
    };
    let listing = Listing {
        accounts: (0..accounts)
            .map(|i| Account {
                id: format!("{:012}", 100_000_000_000_u64 + i as u64),
                name: format!("account-{i:04}"),
                email: None,
                roles: vec!["AdministratorAccess".into()],
            })
            .collect(),
    };
    let mut config = Config::default();
    config.add_sso_roles(listing.roles("acme", &source));
    config.sso.insert("acme".into(), source);
    config
}

/// Times single calls of `f`: a short warm-up, then up to [`SAMPLES`] calls.
fn bench<T>(name: &str, mut f: impl FnMut() -> T) {
    let warm_up = Instant::now();
    while warm_up.elapsed() < Duration::from_millis(200) {
        black_box(f());
    }
    let started = Instant::now();
    let mut micros: Vec<f64> = Vec::with_capacity(SAMPLES);
    while micros.len() < SAMPLES && started.elapsed() < BUDGET {
        let t = Instant::now();
        black_box(f());
        micros.push(t.elapsed().as_secs_f64() * 1e6);
    }
    micros.sort_by(f64::total_cmp);
    let median = micros[micros.len() / 2];
    let p90 = micros[(micros.len() * 9 / 10).min(micros.len() - 1)];
    println!(
        "{name}: median {median:.1} µs, p90 {p90:.1} µs over {} calls",
        micros.len()
    );
    println!("BENCH {name} {median:.1} {p90:.1} {}", micros.len());
}

fn main() {
    let text = config_text();
    let path = Path::new("config.toml");
    let config = match Config::parse(&text, path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tray_menu bench: the generated configuration is invalid: {e}");
            std::process::exit(1);
        }
    };
    assert_eq!(config.roles.len(), ROLES, "every generated role parsed");
    let now = OffsetDateTime::now_utc();
    let live = sessions(&config, now);
    let snap = snapshot(&config, &live, now);
    let menu = menu_model(&snap);
    println!(
        "{ROLES} roles, {} with a session: {} top-level menu entries",
        live.len(),
        menu.len()
    );

    bench("config_parse_1000", || {
        Config::parse(&text, path).map(|c| c.roles.len())
    });
    bench("snapshot_1000", || snapshot(&config, &live, now));
    bench("menu_model_1000", || menu_model(&snap));
    bench("refresh_pure_1000", || {
        let config = Config::parse(&text, path).unwrap_or_default();
        menu_model(&snapshot(&config, &live, now))
    });

    let sso = sso_config(2_000);
    let no_sessions = BTreeMap::new();
    let sso_snap = snapshot(&sso, &no_sessions, now);
    println!(
        "Identity Center: {} roles in {} top-level menu entries",
        sso.roles.len(),
        menu_model(&sso_snap).len()
    );
    bench("snapshot_sso_2000", || snapshot(&sso, &no_sessions, now));
    bench("menu_model_sso_2000", || menu_model(&sso_snap));
}
