//! The tray menu as data: a typed `TrayItem` per clickable entry, and one pure
//! function that builds the whole menu from a snapshot. No window, no
//! runtime: the tests read the model directly.

use roletray_core::model::Shell;
use roletray_core::views::{RoleView, Snapshot};

/// With more roles than this, roles are grouped by source in submenus.
pub const GROUP_THRESHOLD: usize = 12;

/// A source's submenu lists at most this many roles (by name), then "All N
/// roles…", which opens the window and its filter. Nobody scrolls a
/// thousand-line menu, and each line costs the tray its GTK and D-Bus menu
/// objects (about 18 MB of heap for 1,000 roles). Favourites and roles with
/// a live session are always on top, whatever their number.
pub const GROUP_LIMIT: usize = 40;

/// The shells offered under "Copy as".
pub const COPY_AS: [Shell; 5] = [
    Shell::Bash,
    Shell::Fish,
    Shell::Powershell,
    Shell::Cmd,
    Shell::Dotenv,
];

/// Everything a tray menu click can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayItem {
    Role(String),
    Copy,
    CopyAs(Shell),
    CopyLive,
    Console,
    WriteProfile,
    Renew,
    End,
    Open,
    Quit,
}

impl TrayItem {
    /// The menu id: stable text the menu hands back on a click.
    pub fn id(&self) -> String {
        match self {
            TrayItem::Role(r) => format!("role:{r}"),
            TrayItem::Copy => "copy".into(),
            TrayItem::CopyAs(s) => format!("copy-as:{}", s.as_str()),
            TrayItem::CopyLive => "copy-live".into(),
            TrayItem::Console => "console".into(),
            TrayItem::WriteProfile => "write-profile".into(),
            TrayItem::Renew => "renew".into(),
            TrayItem::End => "end".into(),
            TrayItem::Open => "open".into(),
            TrayItem::Quit => "quit".into(),
        }
    }

    /// What the item does, for messages ("assume dev", "renew").
    pub fn describe(&self) -> String {
        match self {
            TrayItem::Role(r) => format!("assume {r}"),
            TrayItem::Copy => "copy export lines".into(),
            TrayItem::CopyAs(s) => format!("copy {} export lines", shell_label(*s)),
            TrayItem::CopyLive => "copy live export lines".into(),
            TrayItem::Console => "open the AWS console".into(),
            TrayItem::WriteProfile => "write the profile".into(),
            TrayItem::Renew => "renew".into(),
            TrayItem::End => "end the session".into(),
            TrayItem::Open => "open RoleTray".into(),
            TrayItem::Quit => "quit".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<TrayItem> {
        if let Some(role) = id.strip_prefix("role:") {
            return Some(TrayItem::Role(role.to_owned()));
        }
        if let Some(shell) = id.strip_prefix("copy-as:") {
            return shell.parse().ok().map(TrayItem::CopyAs);
        }
        Some(match id {
            "copy" => TrayItem::Copy,
            "copy-live" => TrayItem::CopyLive,
            "console" => TrayItem::Console,
            "write-profile" => TrayItem::WriteProfile,
            "renew" => TrayItem::Renew,
            "end" => TrayItem::End,
            "open" => TrayItem::Open,
            "quit" => TrayItem::Quit,
            _ => return None,
        })
    }
}

/// One line of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Item {
        item: TrayItem,
        label: String,
    },
    /// Text that cannot be clicked (a heading, a status line).
    Text(String),
    Submenu {
        label: String,
        entries: Vec<Entry>,
    },
    Separator,
}

fn item(item: TrayItem, label: impl Into<String>) -> Entry {
    Entry::Item {
        item,
        label: label.into(),
    }
}

/// "42 min left", "1 h 05 min left".
pub fn minutes_left(seconds: i64) -> String {
    let minutes = (seconds.max(0) + 59) / 60;
    if minutes >= 60 {
        format!("{} h {:02} min left", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min left")
    }
}

fn role_label(r: &RoleView, active: Option<&str>) -> String {
    let mark = if active == Some(r.name.as_str()) {
        "✓ "
    } else if r.session.is_some() {
        "● "
    } else {
        ""
    };
    let star = if r.favourite { "★ " } else { "" };
    match &r.session {
        Some(s) => format!("{mark}{star}{} — {}", r.name, minutes_left(s.seconds_left)),
        None => format!("{mark}{star}{}", r.name),
    }
}

fn group_of(r: &RoleView) -> String {
    match (&r.source, &r.via) {
        (Some(s), _) => s.clone(),
        (_, Some(v)) => format!("via {v}"),
        _ => String::new(),
    }
}

/// The whole menu for `snap`.
pub fn menu_model(snap: &Snapshot) -> Vec<Entry> {
    let active = snap.active_role.as_deref();
    let mut roles: Vec<&RoleView> = snap.roles.iter().collect();
    roles.sort_by(|a, b| (!a.favourite, &a.name).cmp(&(!b.favourite, &b.name)));
    let mut entries = Vec::new();
    if roles.is_empty() {
        entries.push(Entry::Text("No roles yet: open RoleTray to add one".into()));
    } else if roles.len() <= GROUP_THRESHOLD {
        for r in &roles {
            entries.push(item(TrayItem::Role(r.name.clone()), role_label(r, active)));
        }
    } else {
        // Favourites and live sessions stay on top; the rest by source.
        let (top, rest): (Vec<&RoleView>, Vec<&RoleView>) = roles
            .iter()
            .partition(|r| r.favourite || r.session.is_some());
        for r in &top {
            entries.push(item(TrayItem::Role(r.name.clone()), role_label(r, active)));
        }
        let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
        for r in rest {
            let g = group_of(r);
            let e = item(TrayItem::Role(r.name.clone()), role_label(r, active));
            match groups.iter_mut().find(|(name, _)| *name == g) {
                Some((_, list)) => list.push(e),
                None => groups.push((g, vec![e])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for (label, mut list) in groups {
            let count = list.len();
            if count > GROUP_LIMIT {
                list.truncate(GROUP_LIMIT);
                list.push(Entry::Separator);
                list.push(item(
                    TrayItem::Open,
                    format!("All {count} roles… (open RoleTray)"),
                ));
            }
            entries.push(Entry::Submenu {
                label: format!("{label} ({count})"),
                entries: list,
            });
        }
    }
    let live_active = active.and_then(|a| {
        snap.roles
            .iter()
            .find(|r| r.name == a && r.session.is_some())
    });
    if let Some(r) = live_active {
        let shell = snap.settings.default_shell;
        entries.push(Entry::Separator);
        entries.push(Entry::Text(format!(
            "{}: {}",
            r.name,
            r.session
                .as_ref()
                .map_or(String::new(), |s| minutes_left(s.seconds_left))
        )));
        entries.push(item(
            TrayItem::Copy,
            format!("Copy export lines ({})", shell.as_str()),
        ));
        entries.push(Entry::Submenu {
            label: "Copy as".into(),
            entries: COPY_AS
                .iter()
                .map(|s| item(TrayItem::CopyAs(*s), shell_label(*s)))
                .collect(),
        });
        entries.push(item(
            TrayItem::WriteProfile,
            "Write to AWS credentials file",
        ));
        entries.push(item(TrayItem::Renew, "Renew now"));
        entries.push(item(TrayItem::End, "End session"));
    }
    entries.push(Entry::Separator);
    entries.push(item(TrayItem::Open, "Open RoleTray"));
    entries.push(item(TrayItem::Quit, "Quit"));
    entries
}

pub fn shell_label(s: Shell) -> &'static str {
    match s {
        Shell::Bash | Shell::Zsh => "bash / zsh",
        Shell::Fish => "fish",
        Shell::Powershell => "PowerShell",
        Shell::Cmd => "cmd",
        Shell::Dotenv => "dotenv",
        Shell::Json => "JSON",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roletray_core::views::{SessionView, SettingsView};

    fn role(name: &str, source: &str, live: bool, favourite: bool) -> RoleView {
        RoleView {
            name: name.into(),
            role_arn: format!("arn:aws:iam::123456789012:role/{name}"),
            source: Some(source.into()),
            via: None,
            external_id: None,
            session_name: None,
            duration_seconds: 3600,
            mfa_serial: None,
            region: None,
            favourite,
            session: live.then(|| SessionView {
                assumed_role_arn: String::new(),
                verified_arn: None,
                expiration: String::new(),
                seconds_left: 2_500,
            }),
        }
    }

    fn snap(roles: Vec<RoleView>, active: Option<&str>) -> Snapshot {
        Snapshot {
            now: String::new(),
            active_role: active.map(str::to_owned),
            roles,
            sources: Vec::new(),
            settings: SettingsView::new(&Default::default(), false),
            activity: Vec::new(),
        }
    }

    #[test]
    fn ids_round_trip() {
        for i in [
            TrayItem::Role("dev.ops".into()),
            TrayItem::Copy,
            TrayItem::CopyAs(Shell::Fish),
            TrayItem::CopyLive,
            TrayItem::Console,
            TrayItem::WriteProfile,
            TrayItem::Renew,
            TrayItem::End,
            TrayItem::Open,
            TrayItem::Quit,
        ] {
            assert_eq!(TrayItem::from_id(&i.id()), Some(i));
        }
        assert_eq!(TrayItem::from_id("nonsense"), None);
    }

    #[test]
    fn favourites_first_and_the_active_role_gets_its_actions() {
        let m = menu_model(&snap(
            vec![role("a", "me", false, false), role("b", "me", true, true)],
            Some("b"),
        ));
        assert_eq!(
            m[0],
            item(TrayItem::Role("b".into()), "✓ ★ b — 42 min left")
        );
        assert_eq!(m[1], item(TrayItem::Role("a".into()), "a"));
        assert!(m.contains(&item(TrayItem::Copy, "Copy export lines (bash)")));
        assert!(m.contains(&item(TrayItem::Renew, "Renew now")));
        assert_eq!(m.last(), Some(&item(TrayItem::Quit, "Quit")));
    }

    #[test]
    fn no_active_session_means_no_session_actions() {
        let m = menu_model(&snap(vec![role("a", "me", false, false)], Some("a")));
        assert!(!m.contains(&item(TrayItem::Copy, "Copy export lines (bash)")));
    }

    #[test]
    fn many_roles_are_grouped_by_source() {
        let mut roles: Vec<RoleView> = (0..30)
            .map(|i| {
                role(
                    &format!("r{i:02}"),
                    if i % 2 == 0 { "x" } else { "y" },
                    false,
                    false,
                )
            })
            .collect();
        roles.push(role("fav", "x", false, true));
        let m = menu_model(&snap(roles, None));
        assert_eq!(m[0], item(TrayItem::Role("fav".into()), "★ fav"));
        let submenus: Vec<&str> = m
            .iter()
            .filter_map(|e| match e {
                Entry::Submenu { label, .. } => Some(label.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(submenus, ["x (15)", "y (15)"]);
    }

    #[test]
    fn a_big_group_lists_its_first_roles_then_opens_the_window() {
        let mut roles: Vec<RoleView> = (0..1_000)
            .map(|i| role(&format!("team-{i:04}"), "alice", i < 3, false))
            .collect();
        roles.push(role("star", "alice", false, true));
        let m = menu_model(&snap(roles, None));
        let top: Vec<&Entry> = m.iter().take(4).collect();
        assert_eq!(top[0], &item(TrayItem::Role("star".into()), "★ star"));
        assert_eq!(
            top[3],
            &item(
                TrayItem::Role("team-0002".into()),
                "● team-0002 — 42 min left"
            )
        );
        let Some(Entry::Submenu { label, entries }) =
            m.iter().find(|e| matches!(e, Entry::Submenu { .. }))
        else {
            panic!("no submenu in {m:?}");
        };
        assert_eq!(label, "alice (997)");
        assert_eq!(entries.len(), GROUP_LIMIT + 2);
        assert_eq!(
            entries[0],
            item(TrayItem::Role("team-0003".into()), "team-0003")
        );
        assert_eq!(
            entries.last(),
            Some(&item(TrayItem::Open, "All 997 roles… (open RoleTray)"))
        );
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes_left(1), "1 min left");
        assert_eq!(minutes_left(3_600), "1 h 00 min left");
        assert_eq!(minutes_left(3_661), "1 h 02 min left");
    }
}
