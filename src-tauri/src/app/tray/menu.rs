//! The tray menu as data: an `Intent` per clickable entry, and one pure
//! function that builds the whole menu from a snapshot. No window, no
//! runtime: the tests read the model directly.

use crate::app::intent::{Intent, shell_label};
use roletray_core::model::Shell;
use roletray_core::views::{RoleView, Snapshot, SsoRoleView};

/// With more roles than this, roles are grouped by source in submenus.
pub const GROUP_THRESHOLD: usize = 12;

/// A source's submenu lists at most this many roles (by name), then "All N
/// roles…", which opens the window and its filter. Nobody scrolls a
/// thousand-line menu, and each line costs the tray its GTK and D-Bus menu
/// objects (about 18 MB of heap for 1,000 roles). Favourites and roles with
/// a live session are always on top, whatever their number.
pub const GROUP_LIMIT: usize = 40;

/// How many recently used roles the top of the menu lists, besides the
/// active one.
pub const RECENT: usize = 5;

/// The shells offered under "Copy as".
pub const COPY_AS: [Shell; 5] = [
    Shell::Bash,
    Shell::Fish,
    Shell::Powershell,
    Shell::Cmd,
    Shell::Dotenv,
];

/// One line of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Item {
        intent: Intent,
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

fn item(intent: Intent, label: impl Into<String>) -> Entry {
    Entry::Item {
        intent,
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

/// How a role is called in the menu: its name, or for an Identity Center
/// role its account and role (`prod (123456789012) · Admin`).
fn display_name(r: &RoleView) -> String {
    match &r.sso {
        Some(s) => format!("{} · {}", account_label(s), s.role_name),
        None => r.name.clone(),
    }
}

/// An Identity Center account as the menu shows it: name and id.
fn account_label(s: &SsoRoleView) -> String {
    if s.account_name.is_empty() || s.account_name == s.account_id {
        s.account_id.clone()
    } else {
        format!("{} ({})", s.account_name, s.account_id)
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
    let name = match &r.environment {
        Some(label) => format!("{} [{label}]", display_name(r)),
        None => display_name(r),
    };
    match &r.session {
        Some(s) => format!("{mark}{star}{name} — {}", minutes_left(s.seconds_left)),
        None => format!("{mark}{star}{name}"),
    }
}

fn group_of(r: &RoleView) -> String {
    if let Some(s) = &r.sso {
        return s.source.clone();
    }
    match (&r.source, &r.via) {
        (Some(s), _) => s.clone(),
        (_, Some(v)) => format!("via {v}"),
        _ => String::new(),
    }
}

/// The Identity Center roles that are neither favourites nor live.
fn rest_sso<'a>(roles: &[&'a RoleView]) -> Vec<&'a RoleView> {
    roles
        .iter()
        .filter(|r| r.sso.is_some() && !r.favourite && r.session.is_none())
        .copied()
        .collect()
}

/// One submenu per Identity Center source, holding one submenu per account
/// (its name and id), each with its roles; at most [`GROUP_LIMIT`]
/// accounts, then "All N accounts…", which opens the window.
fn sso_groups(roles: &[&RoleView], active: Option<&str>) -> Vec<(String, Vec<Entry>)> {
    use std::collections::BTreeMap;
    let mut sources: BTreeMap<&str, BTreeMap<String, Vec<Entry>>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in roles {
        let Some(s) = &r.sso else { continue };
        let star = if r.favourite { "★ " } else { "" };
        let label = match &r.session {
            Some(live) => format!(
                "● {star}{} — {}",
                s.role_name,
                minutes_left(live.seconds_left)
            ),
            None if active == Some(r.name.as_str()) => format!("✓ {star}{}", s.role_name),
            None => format!("{star}{}", s.role_name),
        };
        sources
            .entry(s.source.as_str())
            .or_default()
            .entry(account_label(s))
            .or_default()
            .push(item(Intent::Assume(r.name.clone()), label));
        *counts.entry(s.source.as_str()).or_default() += 1;
    }
    sources
        .into_iter()
        .map(|(source, accounts)| {
            let total = accounts.len();
            let mut list: Vec<Entry> = accounts
                .into_iter()
                .take(GROUP_LIMIT)
                .map(|(label, entries)| Entry::Submenu { label, entries })
                .collect();
            if total > GROUP_LIMIT {
                list.push(Entry::Separator);
                list.push(item(
                    Intent::Open,
                    format!("All {total} accounts… (open RoleTray)"),
                ));
            }
            let roles = counts.get(source).copied().unwrap_or(0);
            (format!("{source} ({total} accounts, {roles} roles)"), list)
        })
        .collect()
}

/// The top of the menu when it groups roles (more than
/// [`GROUP_THRESHOLD`]): the active role, then the roles used last (at most
/// [`RECENT`] besides it), so a switch back is one click whatever the
/// number of roles. A shorter menu lists every role at its top already.
fn recent_section(snap: &Snapshot, active: Option<&str>) -> Vec<Entry> {
    if snap.roles.len() <= GROUP_THRESHOLD {
        return Vec::new();
    }
    let find = |name: &str| snap.roles.iter().find(|r| r.name == name);
    let recent: Vec<&RoleView> = active
        .and_then(find)
        .into_iter()
        .chain(
            snap.recent_roles
                .iter()
                .filter(|r| Some(r.as_str()) != active)
                .filter_map(|r| find(r))
                .take(RECENT),
        )
        .collect();
    if recent.iter().all(|r| Some(r.name.as_str()) == active) {
        return Vec::new();
    }
    let mut entries = vec![Entry::Text("Recent".into())];
    entries.extend(
        recent
            .into_iter()
            .map(|r| item(Intent::Assume(r.name.clone()), role_label(r, active))),
    );
    entries.push(Entry::Separator);
    entries
}

/// "Switch role…", with the palette's shortcut when it works.
fn palette_label(snap: &Snapshot) -> String {
    let settings = &snap.settings;
    match settings.palette_shortcut.as_deref() {
        Some(s) if s != roletray_core::shortcut::OFF && settings.palette_note.is_none() => {
            format!("Switch role… ({s})")
        }
        _ => "Switch role…".into(),
    }
}

/// The whole menu for `snap`.
pub fn menu_model(snap: &Snapshot) -> Vec<Entry> {
    let active = snap.active_role.as_deref();
    let mut roles: Vec<&RoleView> = snap.roles.iter().collect();
    roles.sort_by(|a, b| (!a.favourite, &a.name).cmp(&(!b.favourite, &b.name)));
    let mut entries = recent_section(snap, active);
    if roles.is_empty() {
        entries.push(Entry::Text("No roles yet: open RoleTray to add one".into()));
    } else if roles.len() <= GROUP_THRESHOLD {
        for r in &roles {
            entries.push(item(Intent::Assume(r.name.clone()), role_label(r, active)));
        }
    } else {
        // Favourites and live sessions stay on top; the rest by source.
        let (top, rest): (Vec<&RoleView>, Vec<&RoleView>) = roles
            .iter()
            .partition(|r| r.favourite || r.session.is_some());
        for r in &top {
            entries.push(item(Intent::Assume(r.name.clone()), role_label(r, active)));
        }
        let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
        for r in rest.iter().filter(|r| r.sso.is_none()) {
            let g = group_of(r);
            let e = item(Intent::Assume(r.name.clone()), role_label(r, active));
            match groups.iter_mut().find(|(name, _)| *name == g) {
                Some((_, list)) => list.push(e),
                None => groups.push((g, vec![e])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for (label, list) in sso_groups(&rest_sso(&roles), active) {
            entries.push(Entry::Submenu {
                label,
                entries: list,
            });
        }
        for (label, mut list) in groups {
            let count = list.len();
            if count > GROUP_LIMIT {
                list.truncate(GROUP_LIMIT);
                list.push(Entry::Separator);
                list.push(item(
                    Intent::Open,
                    format!("All {count} roles… (open RoleTray)"),
                ));
            }
            entries.push(Entry::Submenu {
                label: format!("{label} ({count})"),
                entries: list,
            });
        }
    }
    for sso in snap.sso_sources.iter().filter(|s| !s.signed_in) {
        let label = if sso.pending.is_some() {
            format!("Signing in to {}… (open RoleTray)", sso.name)
        } else {
            format!("Sign in to {} (Identity Center)…", sso.name)
        };
        let intent = if sso.pending.is_some() {
            Intent::Open
        } else {
            Intent::SsoSignIn {
                sso: sso.name.clone(),
                device_code: false,
            }
        };
        entries.push(item(intent, label));
    }
    for signin in snap.signin_sources.iter().filter(|s| !s.signed_in) {
        entries.push(item(
            Intent::SigninSignIn(signin.name.clone()),
            format!("Sign in to {} (AWS console)…", signin.name),
        ));
    }
    for source in snap.sources.iter() {
        if let Some(key) = source.key.as_ref().filter(|k| !k.reminders.is_empty()) {
            let (intent, label) = if key.rotate_answers {
                let label = format!("⚠ Rotate the key of {} ({})", source.name, key.reminders[0]);
                (Intent::RotateKey(source.name.clone()), label)
            } else {
                let label = format!(
                    "⚠ Keys of {}: {} (open RoleTray)",
                    source.name,
                    key.reminders.join("; ")
                );
                (Intent::Open, label)
            };
            entries.push(item(intent, label));
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
        let role = r.name.clone();
        entries.push(item(
            Intent::Copy {
                role: role.clone(),
                shell: None,
            },
            format!("Copy export lines ({})", shell.as_str()),
        ));
        entries.push(Entry::Submenu {
            label: "Copy as".into(),
            entries: COPY_AS
                .iter()
                .map(|s| {
                    let intent = Intent::Copy {
                        role: role.clone(),
                        shell: Some(*s),
                    };
                    item(intent, shell_label(*s))
                })
                .collect(),
        });
        entries.push(item(
            Intent::CopyLive {
                role: role.clone(),
                shell: None,
            },
            "Copy live export lines",
        ));
        entries.push(item(Intent::Console(role.clone()), "Open AWS console"));
        entries.push(item(
            Intent::WriteProfile {
                role: role.clone(),
                profile: None,
            },
            "Write to AWS credentials file",
        ));
        entries.push(item(Intent::Renew(role.clone()), "Renew now"));
        entries.push(item(Intent::End(role), "End session"));
    }
    entries.push(Entry::Separator);
    // With the roles grouped, the palette finds one faster than submenus.
    if snap.roles.len() > GROUP_THRESHOLD {
        entries.push(item(Intent::Palette, palette_label(snap)));
    }
    entries.push(item(Intent::Open, "Open RoleTray"));
    entries.push(item(Intent::Quit, "Quit"));
    entries
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
            mfa_command: None,
            environment: None,
            colour: None,
            asks_first: false,
            session: live.then(|| SessionView {
                assumed_role_arn: String::new(),
                verified_arn: None,
                expiration: String::new(),
                seconds_left: 2_500,
            }),
            sso: None,
            signin: None,
            identity_center: None,
        }
    }

    /// An Identity Center role of source `acme`, account `n`.
    fn sso_role(n: u32, role_name: &str, live: bool) -> RoleView {
        let account_id = format!("{n:012}");
        RoleView {
            source: None,
            sso: Some(SsoRoleView {
                source: "acme".into(),
                account_id: account_id.clone(),
                account_name: format!("account-{n:04}"),
                role_name: role_name.into(),
            }),
            ..role(&format!("acme/{account_id}/{role_name}"), "-", live, false)
        }
    }

    fn snap(roles: Vec<RoleView>, active: Option<&str>) -> Snapshot {
        Snapshot {
            revision: 0,
            now: String::new(),
            active_role: active.map(str::to_owned),
            roles,
            sources: Vec::new(),
            sso_sources: Vec::new(),
            signin_sources: Vec::new(),
            settings: SettingsView::new(&Default::default(), false),
            activity: Vec::new(),
            recent_roles: Vec::new(),
            log_file: None,
            desktop_notice: None,
        }
    }

    /// Every intent, sorted by whether a live session can take it. No `_`
    /// arm: a new intent does not compile until it is placed here, and a
    /// session intent then fails the test below until the menu offers it.
    fn session_kind(i: &Intent) -> Option<&'static str> {
        match i {
            Intent::Renew(_) => Some("renew"),
            Intent::End(_) => Some("end"),
            Intent::Copy { shell: None, .. } => Some("copy"),
            Intent::Copy { shell: Some(_), .. } => Some("copy as"),
            Intent::CopyLive { .. } => Some("copy live"),
            Intent::Console(_) => Some("console"),
            Intent::WriteProfile { .. } => Some("write profile"),
            Intent::Assume(_)
            | Intent::SsoSignIn { .. }
            | Intent::SigninSignIn(_)
            | Intent::RotateKey(_)
            | Intent::Open
            | Intent::Palette
            | Intent::Quit => None,
        }
    }

    const SESSION_KINDS: [&str; 7] = [
        "renew",
        "end",
        "copy",
        "copy as",
        "copy live",
        "console",
        "write profile",
    ];

    fn intents(entries: &[Entry]) -> Vec<Intent> {
        entries
            .iter()
            .flat_map(|e| match e {
                Entry::Item { intent, .. } => vec![intent.clone()],
                Entry::Submenu { entries, .. } => intents(entries),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn a_key_due_for_rotation_is_marked_and_a_second_key_opens_the_window() {
        let source = |rotate_answers: bool| roletray_core::views::SourceView {
            name: "me".into(),
            access_key_id_masked: "AKIA…ONE1".into(),
            mfa_serial: None,
            mfa_command: None,
            region: None,
            roles: Vec::new(),
            key: Some(roletray_core::key_views::KeyFactsView {
                summary: "key made 400 days ago".into(),
                reminders: vec!["its key is 400 days old (rotate after 90)".into()],
                rotate_answers,
                read_at: String::new(),
            }),
        };
        let mut s = snap(vec![role("dev", "me", false, false)], None);
        s.sources = vec![source(true)];
        assert!(intents(&menu_model(&s)).contains(&Intent::RotateKey("me".into())));
        s.sources = vec![source(false)];
        let found = intents(&menu_model(&s));
        assert!(
            !found.contains(&Intent::RotateKey("me".into())),
            "{found:?}"
        );
        s.sources[0].key = None;
        assert_eq!(
            intents(&menu_model(&s)),
            intents(&menu_model(&snap(
                vec![role("dev", "me", false, false)],
                None
            )))
        );
    }

    fn labels(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                Entry::Item { label, .. } | Entry::Submenu { label, .. } => label.clone(),
                Entry::Text(t) => t.clone(),
                Entry::Separator => "---".into(),
            })
            .collect()
    }

    #[test]
    fn the_roles_used_last_are_on_top_under_the_active_one() {
        let roles: Vec<RoleView> = (0..30)
            .map(|i| role(&format!("r{i:02}"), "me", false, false))
            .collect();
        let mut s = snap(roles, Some("r05"));
        assert!(
            labels(&menu_model(&s))[0] != "Recent",
            "no recent roles, no section"
        );
        s.recent_roles = ["r05", "r20", "r03", "gone", "r11", "r12", "r13", "r14"]
            .map(String::from)
            .to_vec();
        let m = menu_model(&s);
        let top = labels(&m[..8]);
        assert_eq!(
            top,
            ["Recent", "✓ r05", "r20", "r03", "r11", "r12", "r13", "---"],
            "the active one, then five others (a removed role skipped)"
        );
        assert_eq!(intents(&m[1..2]), [Intent::Assume("r05".into())]);
        let palette = m.iter().find_map(|e| match e {
            Entry::Item {
                intent: Intent::Palette,
                label,
            } => Some(label.clone()),
            _ => None,
        });
        let shortcut = roletray_core::platform::DEFAULT_PALETTE_SHORTCUT;
        assert_eq!(palette, Some(format!("Switch role… ({shortcut})")));
        s.settings.palette_note = Some("Wayland".into());
        assert!(labels(&menu_model(&s)).contains(&"Switch role…".to_owned()));
    }

    #[test]
    fn every_session_intent_is_in_the_menu_for_the_active_role() {
        let m = menu_model(&snap(
            vec![role("a", "me", true, false), role("b", "me", true, false)],
            Some("b"),
        ));
        let offered = intents(&m);
        let mut kinds: Vec<&str> = offered.iter().filter_map(session_kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut expected = SESSION_KINDS.to_vec();
        expected.sort_unstable();
        assert_eq!(kinds, expected);
        // Each acts on the active role, and each shell is offered.
        for i in offered.iter().filter(|i| session_kind(i).is_some()) {
            assert!(i.id().ends_with(":b"), "{i:?}");
        }
        for s in COPY_AS {
            let copy_as = Intent::Copy {
                role: "b".into(),
                shell: Some(s),
            };
            assert!(offered.contains(&copy_as), "{s:?}");
        }
    }

    #[test]
    fn favourites_first_and_the_active_role_gets_its_actions() {
        let m = menu_model(&snap(
            vec![role("a", "me", false, false), role("b", "me", true, true)],
            Some("b"),
        ));
        assert_eq!(
            m[0],
            item(Intent::Assume("b".into()), "✓ ★ b — 42 min left")
        );
        assert_eq!(m[1], item(Intent::Assume("a".into()), "a"));
        let copy = Intent::Copy {
            role: "b".into(),
            shell: None,
        };
        assert!(m.contains(&item(copy, "Copy export lines (bash)")));
        assert!(m.contains(&item(Intent::Renew("b".into()), "Renew now")));
        assert_eq!(m.last(), Some(&item(Intent::Quit, "Quit")));
    }

    #[test]
    fn no_active_session_means_no_session_actions() {
        let m = menu_model(&snap(vec![role("a", "me", false, false)], Some("a")));
        assert!(intents(&m).iter().all(|i| session_kind(i).is_none()));
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
        assert_eq!(m[0], item(Intent::Assume("fav".into()), "★ fav"));
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
        assert_eq!(top[0], &item(Intent::Assume("star".into()), "★ star"));
        assert_eq!(
            top[3],
            &item(
                Intent::Assume("team-0002".into()),
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
            item(Intent::Assume("team-0003".into()), "team-0003")
        );
        assert_eq!(
            entries.last(),
            Some(&item(Intent::Open, "All 997 roles… (open RoleTray)"))
        );
    }

    #[test]
    fn minutes_round_up() {
        assert_eq!(minutes_left(1), "1 min left");
        assert_eq!(minutes_left(3_600), "1 h 00 min left");
        assert_eq!(minutes_left(3_661), "1 h 02 min left");
    }

    #[test]
    fn identity_center_roles_are_grouped_by_account_and_their_sources_offer_sign_in() {
        let mut roles: Vec<RoleView> = (1..=100)
            .flat_map(|n| [sso_role(n, "Admin", false), sso_role(n, "ReadOnly", false)])
            .collect();
        roles.push(sso_role(7, "Ops", true));
        let mut s = snap(roles, None);
        s.sso_sources = vec![roletray_core::views::SsoSourceView {
            name: "other".into(),
            start_url: "https://d-2.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            signed_in: false,
            sign_in_ends: None,
            accounts: 0,
            roles: 0,
            listed_at: None,
            pending: None,
            progress: None,
        }];
        let m = menu_model(&s);
        // The live one on top, named by its account and role.
        assert_eq!(
            m[0],
            item(
                Intent::Assume("acme/000000000007/Ops".into()),
                "● account-0007 (000000000007) · Ops — 42 min left"
            )
        );
        let Some(Entry::Submenu { label, entries }) =
            m.iter().find(|e| matches!(e, Entry::Submenu { .. }))
        else {
            panic!("no submenu in {m:?}");
        };
        assert_eq!(label, "acme (100 accounts, 200 roles)");
        assert_eq!(entries.len(), GROUP_LIMIT + 2);
        let Entry::Submenu {
            label,
            entries: first,
        } = &entries[0]
        else {
            panic!("{:?}", entries[0]);
        };
        assert_eq!(label, "account-0001 (000000000001)");
        assert_eq!(
            first,
            &vec![
                item(Intent::Assume("acme/000000000001/Admin".into()), "Admin"),
                item(
                    Intent::Assume("acme/000000000001/ReadOnly".into()),
                    "ReadOnly"
                ),
            ]
        );
        assert_eq!(
            entries.last(),
            Some(&item(Intent::Open, "All 100 accounts… (open RoleTray)"))
        );
        let sign_in = Intent::SsoSignIn {
            sso: "other".into(),
            device_code: false,
        };
        assert!(m.contains(&item(
            sign_in.clone(),
            "Sign in to other (Identity Center)…"
        )));
        assert_eq!(Intent::from_id(&sign_in.id()), Some(sign_in));
    }
}
