//! What /proc says about a process tree: its members, their proportional set
//! size (PSS, from `smaps_rollup`) and the CPU time they used.

use std::collections::HashMap;
use std::fs;
use std::process::Command;

/// `pid` and every process descended from it, alive now.
pub fn tree(pid: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(dir) = fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Some(child) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            if let Some(parent) = stat_fields(child).and_then(|f| f.get(1)?.parse().ok()) {
                children.entry(parent).or_default().push(child);
            }
        }
    }
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        if let Some(kids) = children.get(&out[i]) {
            out.extend(kids);
        }
        i += 1;
    }
    out.retain(|p| fs::metadata(format!("/proc/{p}")).is_ok());
    out
}

/// The fields of `/proc/PID/stat` after the command name: `[0]` is the state,
/// `[1]` the parent pid, `[11]` utime and `[12]` stime (clock ticks).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// The command name (`comm`) of a process.
pub fn comm(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "?".into())
}

/// A process's name in the figures: its `comm`, and which role a
/// `roletray-app` plays (the tray, or the window host it started).
fn label(pid: u32) -> String {
    let name = comm(pid);
    let host = fs::read(format!("/proc/{pid}/cmdline"))
        .is_ok_and(|c| c.split(|b| *b == 0).any(|a| a == b"--window-host"));
    if host {
        format!("{name} (window host)")
    } else {
        name
    }
}

/// PSS of one process in KiB (`None` once it is gone).
pub fn pss_kib(pid: u32) -> Option<u64> {
    let text = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Private memory of one process in KiB (Private_Clean + Private_Dirty:
/// what it maps alone, so no sharing with another process changes it).
pub fn private_kib(pid: u32) -> Option<u64> {
    let text = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| -> Option<u64> {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some(field("Private_Clean:")? + field("Private_Dirty:")?)
}

/// Private memory of the whole tree, in KiB.
pub fn tree_private(pid: u32) -> u64 {
    tree(pid).into_iter().filter_map(private_kib).sum()
}

/// PSS of every process of the tree: total and `(name, pss)` per process.
pub fn tree_pss(pid: u32) -> (u64, Vec<(String, u64)>) {
    let parts: Vec<(String, u64)> = tree(pid)
        .into_iter()
        .filter_map(|p| Some((label(p), pss_kib(p)?)))
        .collect();
    (parts.iter().map(|(_, k)| k).sum(), parts)
}

/// utime + stime of one process, in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    let f = stat_fields(pid)?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Per process of the tree: its CPU ticks so far.
pub fn tree_ticks(pid: u32) -> HashMap<u32, u64> {
    tree(pid)
        .into_iter()
        .filter_map(|p| Some((p, cpu_ticks(p)?)))
        .collect()
}

/// Clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
pub fn ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100)
}

/// `kill -KILL` every process of the tree, leaves first (only ours: the tree
/// of a process this benchmark started).
pub fn kill_tree(pid: u32) {
    let mut pids = tree(pid);
    pids.reverse();
    if pids.is_empty() {
        return;
    }
    let _ = Command::new("kill")
        .arg("-KILL")
        .args(pids.iter().map(u32::to_string))
        .stderr(std::process::Stdio::null())
        .status();
}
