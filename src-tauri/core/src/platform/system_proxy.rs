//! The proxy the desktop is set to use, read where each system keeps it:
//! GNOME's `org.gnome.system.proxy` (through `gsettings`) or KDE's
//! `kioslaverc` on Linux, the per-user Internet settings in the registry on
//! Windows, and the system configuration (`scutil --proxy`) on macOS.
//!
//! Only what was configured is read here; `net::route` decides what
//! RoleTray does with it. The readers of each format are plain text
//! parsers, compiled and tested on every system.

mod gnome;
mod kde;
mod scutil;
mod windows_settings;

/// What the desktop's proxy setting says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SystemProxy {
    /// No proxy, or no setting could be read.
    #[default]
    Direct,
    /// Proxies given by hand. Each is `host:port` or a URL, as configured.
    Manual {
        https: Option<String>,
        http: Option<String>,
        /// Hosts that go direct, as the desktop writes them.
        bypass: Vec<String>,
        /// Where it was read ("GNOME's proxy settings").
        from: &'static str,
    },
    /// A proxy auto-config script at `url`.
    AutoConfig { url: String, from: &'static str },
    /// Automatic discovery (WPAD) with no script named.
    Discover { from: &'static str },
}

/// The desktop's proxy setting, read now.
pub fn read() -> SystemProxy {
    read_here()
}

#[cfg(all(unix, not(target_os = "macos")))]
fn read_here() -> SystemProxy {
    let desktop = std::env::var("XDG_CURRENT_DESKTOP").unwrap_or_default();
    if desktop.to_ascii_uppercase().contains("KDE")
        && let Some(found) = kde::read_file()
    {
        return found;
    }
    gnome::read_gsettings()
}

#[cfg(target_os = "macos")]
fn read_here() -> SystemProxy {
    scutil::read_scutil()
}

#[cfg(windows)]
fn read_here() -> SystemProxy {
    windows_settings::read_registry()
}

/// What `program args` printed, when it ran and succeeded.
#[cfg_attr(windows, allow(dead_code))]
fn output_of(program: &std::path::Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `host` and `port` as one address, or nothing when the host is empty or
/// the port is not one.
fn host_port(host: &str, port: &str) -> Option<String> {
    let host = host.trim();
    let port: u16 = port.trim().parse().ok().filter(|p| *p > 0)?;
    (!host.is_empty()).then(|| format!("{host}:{port}"))
}
