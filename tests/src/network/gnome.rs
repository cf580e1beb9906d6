//! GNOME's proxy settings (`org.gnome.system.proxy`) in a world's private
//! dconf: `dconf-service` on the world's bus (which activates nothing, so
//! the lab starts it), writing `$XDG_CONFIG_HOME/dconf/user` of the world;
//! `gsettings` run with the world's environment writes through it and reads
//! that file. Debian: dconf-service, dconf-gsettings-backend,
//! gsettings-desktop-schemas, libglib2.0-bin.

use std::path::Path;

use crate::process::{Output, run_command};
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::World;

const DCONF_SERVICE: &str = "/usr/libexec/dconf-service";

/// The world's dconf writer, killed when dropped.
pub(super) struct Dconf {
    _service: Service,
}

impl Dconf {
    /// Starts dconf-service on the world's bus; returns once it owns its
    /// name (`ca.desrt.dconf`), so a write cannot find it missing.
    pub(super) fn start(world: &World) -> Dconf {
        assert!(
            Path::new(DCONF_SERVICE).exists(),
            "{DCONF_SERVICE} is missing: run scripts/setup-test-deps.sh (Debian's dconf-service)"
        );
        let mut service = Service::spawn(
            "dconf",
            world.command(DCONF_SERVICE),
            world.logs_dir(),
            Pipes::default(),
        );
        poll("dconf-service on the world's bus", STARTUP_TIMEOUT, || {
            if service.exited() {
                panic!("dconf-service exited:\n{}", service.log_text());
            }
            let mut ask = world.command("gdbus");
            ask.args([
                "call",
                "--session",
                "--timeout",
                "5",
                "--dest",
                "org.freedesktop.DBus",
                "--object-path",
                "/org/freedesktop/DBus",
                "--method",
                "org.freedesktop.DBus.NameHasOwner",
                "ca.desrt.dconf",
            ]);
            let out = run_command(ask, None);
            match out.stdout.contains("true") {
                true => Ok(()),
                false => Err(format!("{}{}", out.stdout, out.stderr)),
            }
        });
        Dconf { _service: service }
    }

    /// `gsettings set`, then `get` in a fresh process: panics unless the
    /// value read back is `value` (so it is in the world's dconf file).
    pub(super) fn set(&self, world: &World, schema: &str, key: &str, value: &str) {
        gsettings(world, &["set", schema, key, value]);
        let back = get(world, schema, key);
        assert_eq!(
            normalise(&back),
            normalise(value),
            "{schema} {key}: set {value}, read back {back}"
        );
    }
}

/// `gsettings get SCHEMA KEY` in the world, as GVariant text.
pub(super) fn get(world: &World, schema: &str, key: &str) -> String {
    gsettings(world, &["get", schema, key])
        .stdout
        .trim()
        .to_owned()
}

/// Runs gsettings with the dconf backend asked for by name: with no dconf
/// module GLib would fall back to a memory backend, and a failed write
/// only warns. Both show on stderr, so any stderr fails.
fn gsettings(world: &World, args: &[&str]) -> Output {
    let mut cmd = world.command("gsettings");
    cmd.env("GSETTINGS_BACKEND", "dconf").args(args);
    let out = run_command(cmd, None);
    assert!(
        out.success() && out.stderr.trim().is_empty(),
        "gsettings {args:?} in the world: {}\n{}",
        out.status,
        out.stderr
    );
    out
}

/// A GVariant string literal: `'manual'`.
pub(super) fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A GVariant list of strings: `['localhost', '127.0.0.0/8']`, `@as []`.
pub(super) fn string_list(items: &[&str]) -> String {
    match items {
        [] => "@as []".to_owned(),
        items => {
            let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
            format!("[{}]", quoted.join(", "))
        }
    }
}

/// `@as []` and `[]` alike, as gsettings prints them back.
fn normalise(value: &str) -> String {
    value.trim().trim_start_matches("@as ").to_owned()
}
