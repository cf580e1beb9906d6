//! Scale: 1,000 roles. `roletray import` of an AWS config with 1,000 role
//! profiles; the tray app with them (start-up, memory, a tray click that
//! rebuilds the real menu); the UI's filter per keystroke in headless
//! Chromium (`ui/bench.html?roles=1000`); and the pure menu functions, timed
//! by the `src-tauri/benches/tray_menu.rs` target (its output read here).

use std::fs;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use super::desktop_figures::{self, Plan, start_to_tray, tray_desktop, tray_tool};
use super::procfs;
use super::report::{Report, Row};
use super::stats::{Summary, mib, ms, ratio};
use super::time_command;
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::{World, WorldOptions};

pub const ROLES: usize = 1_000;

/// Figures of the one-role app, to set the 1,000-role ones against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Small {
    pub tray_startup_ms: Option<f64>,
    pub renew_click_ms: Option<f64>,
    /// PSS of the tray app with one role, window never opened (KiB).
    pub tray_pss_kib: Option<u64>,
}

/// Live sessions among the 1,000 roles.
pub const LIVE: usize = 40;

/// `roletray import` of 1,000 role profiles, then the tray app with them.
pub fn roles(report: &mut Report, plan: Plan, small: Small) {
    let mut world = World::start(WorldOptions::default());
    let alice = world.moto.alice.clone();
    let dev_arn = world.moto.role("dev").to_owned();
    let mut config = String::from("[profile alice]\nregion = us-east-1\n");
    for i in 0..ROLES {
        config.push_str(&format!(
            "\n[profile team-{i:04}]\nrole_arn = {dev_arn}\nsource_profile = alice\n"
        ));
    }
    fs::write(&world.aws_config, config).expect("writing the AWS config");
    fs::write(
        &world.aws_credentials,
        format!(
            "[alice]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            alice.access_key_id, alice.secret_access_key
        ),
    )
    .expect("writing the AWS credentials");

    let import = time_command("roletray import (1,000 roles)", 0, 1, || {
        world.roletray(&["import", "--json"])
    });
    let again = time_command("roletray import again (unchanged)", 0, 1, || {
        world.roletray(&["import", "--json"])
    });
    let listed = world.run_ok(&["role", "list", "--json"], None).stdout;
    let roles: serde_json::Value = serde_json::from_str(&listed).expect("role list --json");
    let count = roles.as_array().map_or(0, Vec::len);
    assert_eq!(count, ROLES, "every imported role is listed");
    report.row(
        Row::new(
            "Scale",
            "`roletray import`: AWS config with 1,000 role profiles (+ 1 key pair), into an empty RoleTray",
            ms(import[0]),
        )
        .against(format!("the same import again (all unchanged): {}", ms(again[0])), "—"),
    );

    // Live sessions among them: `sessions` finds them with one keychain
    // search, not one lookup per role.
    for i in 0..LIVE {
        world.run_ok(&["assume", &format!("team-{i:04}")], None);
    }
    let listed = time_command("roletray sessions --json (1,000 roles)", 2, 10, || {
        world.roletray(&["sessions", "--json"])
    });
    let live: serde_json::Value =
        serde_json::from_str(&world.run_ok(&["sessions", "--json"], None).stdout)
            .expect("sessions --json");
    assert_eq!(
        live.as_array().map_or(0, Vec::len),
        LIVE,
        "every live session is listed"
    );
    let listed = Summary::of(&listed).expect("sessions runs");
    report.row(Row::new(
        "Scale",
        format!("`roletray sessions --json`: 1,000 roles, {LIVE} live sessions (no app)"),
        listed.ms(),
    ));

    let desktop = tray_desktop(&mut world);
    // The first start in the fresh HOME builds its caches (fontconfig): timed
    // apart as "cold".
    let (warm_up, cold) = start_to_tray(&world, &[]);
    drop(warm_up);
    thread::sleep(Duration::from_millis(300));
    let (mut app, first) = start_to_tray(&world, &[]);
    thread::sleep(plan.settle);
    let (pss, _) = procfs::tree_pss(app.pid());
    let private = procfs::tree_private(app.pid());
    let mut row = Row::new(
        "Scale",
        format!("PSS, in the tray with 1,000 roles and {LIVE} live sessions (window never opened)"),
        format!("{} (private {})", mib(pss), mib(private)),
    );
    if let Some(one) = small.tray_pss_kib {
        row = row.against(
            format!("1 role: {}", mib(one)),
            super::stats::mib_delta(pss as i64 - one as i64),
        );
    }
    report.row(row);

    // The last role its source's submenu lists: click it, then click Renew now again and again.
    tray_tool(&world, &["click", "team-0079"]);
    tray_tool(&world, &["wait", "Renew now"]);
    let clicks =
        desktop_figures::renew_clicks(&world, &mut app, 50, Duration::from_secs(120), |_| {});
    clicks.notes(report, "Renewal clicks with 1,000 roles");
    if let Some(clicks) = Summary::of(&clicks.times) {
        let mut row = Row::new(
            "Scale",
            "a \"Renew now\" click until STS answered it (dbusmenu Event → AssumeRole → GetCallerIdentity), 1,000 roles",
            clicks.ms(),
        );
        if let Some(one) = small.renew_click_ms {
            row = row.against(format!("1 role: {}", ms(one)), ratio(clicks.median, one));
        }
        report.row(row);
    }
    drop(app);
    thread::sleep(Duration::from_millis(300));

    let mut starts = vec![first];
    for _ in 1..plan.startup_runs.min(5) {
        let (app, took) = start_to_tray(&world, &[]);
        starts.push(took);
        drop(app);
        thread::sleep(Duration::from_millis(300));
    }
    let starts = Summary::of(&starts).expect("start-ups");
    let mut row = Row::new(
        "Scale",
        "`roletray` to its tray item registered, 1,000 roles",
        format!(
            "{} (the very first, in a fresh HOME: {})",
            starts.ms(),
            ms(cold)
        ),
    );
    if let Some(one) = small.tray_startup_ms {
        row = row.against(format!("1 role: {}", ms(one)), ratio(starts.median, one));
    }
    report.row(row);
    drop(desktop);
}

/// The `BENCH name median_us p90_us n` lines of the tray_menu bench target.
pub fn menu_bench(report: &mut Report, path: &Path) {
    let Ok(text) = fs::read_to_string(path) else {
        report.note(format!(
            "The pure tray-menu timings are missing: {} was not written (run `cargo bench -p roletray-app --bench tray_menu`).",
            path.display()
        ));
        return;
    };
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let ["BENCH", name, median, p90, n] = words[..] else {
            continue;
        };
        let what = match name {
            "config_parse_1000" => {
                "parse `config.toml` with 1,000 roles (once, then again only when the file changed)"
            }
            "snapshot_1000" => "build the snapshot of 1,000 roles (`views::snapshot`)",
            "menu_model_1000" => "`tray_menu::menu_model` over a 1,000-role snapshot",
            "refresh_pure_1000" => {
                "all three: the pure part of one tray update after `config.toml` changed, 1,000 roles (other updates skip the parse)"
            }
            "snapshot_sso_2000" => {
                "build the snapshot of an IAM Identity Center source listing 2,000 accounts (a role each)"
            }
            "menu_model_sso_2000" => {
                "`tray_menu::menu_model` over it (grouped by account, 40 accounts shown)"
            }
            "pick_candidates_5000" => {
                "the quick switch's 5,000 candidates made (after a change; `quick_switch` bench)"
            }
            "pick_empty_5000" => "the palette opening: 5,000 roles ranked by use alone",
            "pick_keystroke_5000" => {
                "one keystroke in the palette or `roletray pick`: 5,000 roles ranked for the query so far (five queries typed a letter at a time)"
            }
            other => other,
        };
        let area = if name.starts_with("pick_") {
            "Quick switch"
        } else {
            "Scale"
        };
        report.row(Row::new(
            area,
            what,
            format!("median {median} µs, p90 {p90} µs ({n} calls, `cargo bench`)"),
        ));
    }
}

/// Listing an IAM Identity Center organisation of 2,000 accounts (a role
/// each) from the stand-in throttling at 20 requests a second, as the
/// portal does: `roletray sso login` (sign-in and listing) against a boto3
/// script listing the same with botocore's default retries.
pub fn sso_listing(report: &mut Report) {
    let mut world = World::start(WorldOptions::default());
    let config = serde_json::json!({
        "accounts": 2000, "roles_per_account": 1, "rate_limit_per_second": 20,
    });
    let sso = crate::SsoStandIn::start(&mut world, &config);
    crate::SsoStandIn::add_acme(&world);
    let ours = time_command("roletray sso login (2,000 accounts)", 0, 1, || {
        world.roletray(&["sso", "login", "acme"])
    });
    let stats = sso.stats();
    let throttled = stats["throttled"].as_u64().unwrap_or(0);
    let listed = stats["requests"]["ListAccountRoles"].as_u64().unwrap_or(0);
    sso.control("reset_stats", serde_json::json!({}));
    let mut script = world.command(crate::venv_dir().join("bin/python"));
    script
        .arg(crate::fixtures_dir().join("sso_list_boto3.py"))
        .args(["--endpoint", &sso.url]);
    let started = Instant::now();
    let out = crate::run_command_for(script, None, Duration::from_secs(900));
    let theirs_ms = started.elapsed().as_secs_f64() * 1e3;
    assert!(out.success(), "the boto3 listing failed: {}", out.stderr);
    let result: serde_json::Value =
        serde_json::from_str(out.stdout.trim()).expect("the boto3 listing's JSON");
    let theirs_throttled = sso.stats()["throttled"].as_u64().unwrap_or(0);
    let ours_ms = ours[0];
    report.row(
        Row::new(
            "Scale",
            "IAM Identity Center: sign in and list 2,000 accounts (a role each) at a portal throttling at 20 requests a second",
            format!(
                "{} ({listed} ListAccountRoles, {throttled} throttled, every account listed)",
                ms(ours_ms)
            ),
        )
        .against(
            format!(
                "boto3, one call after another, botocore's default retries: {} ({} throttled answers, {} of {} accounts not listed)",
                ms(theirs_ms),
                theirs_throttled,
                result["failed"],
                result["accounts"]
            ),
            ratio(ours_ms, theirs_ms),
        ),
    );
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `ui/bench.html?roles=1000` in headless Chromium, served from `ui/` by
/// `python3 -m http.server` on loopback; the page's report is read from
/// Chromium's console log.
pub fn ui_filter(report: &mut Report) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let ui = crate::workspace_root().join("ui");
    let port = free_port();
    // The harness's services get exactly the variables set on their command.
    let mut http = Command::new("python3");
    http.envs(std::env::vars())
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&ui);
    let _server = Service::spawn("ui-http", http, dir.path(), Pipes::default());
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    poll("the UI's HTTP server", STARTUP_TIMEOUT, || {
        TcpStream::connect_timeout(&addr, Duration::from_secs(1))
            .map(drop)
            .map_err(|e| e.to_string())
    });
    let version = Command::new("chromium")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|_| "chromium".into());
    let mut chromium = Command::new("chromium");
    chromium
        .envs(std::env::vars())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
        ])
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("http://127.0.0.1:{port}/bench.html?roles={ROLES}"));
    let browser = Service::spawn("chromium", chromium, dir.path(), Pipes::default());
    let start = Instant::now();
    let text = loop {
        let log = browser.log_text();
        if let Some(text) = console_report(&log) {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "bench.html printed no report in 90 s:\n{log}"
        );
        thread::sleep(Duration::from_millis(200));
    };
    procfs::kill_tree(browser.child.id());
    drop(browser);

    let first_render = text
        .lines()
        .find_map(|l| l.strip_prefix("first render: "))
        .and_then(|v| v.trim_end_matches(" ms").parse::<f64>().ok());
    let (mut filter, mut total) = (Vec::new(), Vec::new());
    for line in text
        .lines()
        .skip_while(|l| !l.starts_with("per keystroke"))
        .skip(1)
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [.., js, "/", all] = words[..]
            && let (Ok(js), Ok(all)) = (js.parse::<f64>(), all.parse::<f64>())
        {
            filter.push(js);
            total.push(all);
        }
    }
    let (Some(filter_s), Some(total_s)) = (Summary::of(&filter), Summary::of(&total)) else {
        report.note(format!("bench.html's report could not be read:\n{text}"));
        return;
    };
    let max = total.iter().copied().fold(0.0, f64::max);
    report.row(Row::new(
        "Scale",
        format!("UI filter per keystroke, 1,000 roles (keystroke to the end of its frame: filter, rows built, layout, paint; {version}, headless)"),
        format!(
            "median {}, p90 {}, max {} ({} keystrokes)",
            ms(total_s.median),
            ms(total_s.p90),
            ms(max),
            total_s.n
        ),
    ));
    report.note(format!(
        "UI filter: the view's own JavaScript took {} median, {} p90 per keystroke; \
         Chromium's timer resolution is 0.1 ms. First render of the 1,000 rows: {}.",
        ms(filter_s.median),
        ms(filter_s.p90),
        first_render.map_or("?".into(), ms)
    ));
}

/// The text of the console message `bench.js` logs, once Chromium wrote it.
fn console_report(log: &str) -> Option<String> {
    let at = log.find(":CONSOLE")?;
    let rest = &log[at..];
    let open = rest.find('"')? + 1;
    let close = rest.find("\", source:")?;
    Some(rest[open..close].to_owned())
}
