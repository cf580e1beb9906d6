//! The proxy the desktop is set to use, read where each system keeps it:
//! GNOME's `org.gnome.system.proxy` (through `gsettings`) or KDE's
//! `kioslaverc` on Linux, the per-user Internet settings in the registry on
//! Windows, and the system configuration (`scutil --proxy`) on macOS.
//!
//! Only what was configured is read here; `net::route` decides what
//! RoleTray does with it. The readers of each format are plain text
//! parsers, compiled and tested on every system.

mod found;
mod gnome;
mod kde;
mod scutil;
mod windows_settings;

pub use found::SystemProxy;

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
