//! The tray process draws nothing with OpenGL, yet the first GTK 3 client
//! on an X display probes GLX to choose its visuals (and caches the choice
//! on the root window for later clients): that loads Mesa's swrast driver
//! and libLLVM, about 30 MiB of a fresh desktop's first RoleTray. GTK skips
//! the probe when `GDK_GL=disable`, so the tray process sets it for itself
//! before GTK starts, unless the person set `GDK_GL` already. The window
//! host, whose web views may use GL, is started without it.

use std::sync::atomic::{AtomicBool, Ordering};

/// The variable GTK reads once, when it opens the display.
pub const VARIABLE: &str = "GDK_GL";

/// Whether this process set the variable (so its children should not inherit it).
static SET_HERE: AtomicBool = AtomicBool::new(false);

/// Turns GTK's GL off for this process. Call first thing in `main`, while
/// the process has a single thread: changing the environment is not safe
/// while another thread may read it.
pub fn for_this_process() {
    // GTK draws only on Linux; elsewhere there is nothing to turn off.
    #[cfg(target_os = "linux")]
    if std::env::var_os(VARIABLE).is_none() {
        match gio::glib::setenv(VARIABLE, "disable", false) {
            Ok(()) => SET_HERE.store(true, Ordering::SeqCst),
            Err(e) => eprintln!("roletray: cannot set {VARIABLE}: {e}"),
        }
    }
}

/// Whether a child should be started without the variable: true when this
/// process set it, not the person.
pub fn set_here() -> bool {
    SET_HERE.load(Ordering::SeqCst)
}
