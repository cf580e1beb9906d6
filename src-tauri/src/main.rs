//! `roletray-app`: RoleTray in the tray. `roletray` (the CLI) with no
//! subcommand starts this binary; it can also be started directly (the
//! desktop entry and "Start at login" do).

// A Windows GUI program: started from the Start menu or at login, it opens
// no console window (the CLI, roletray.exe, is the console program).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;

#[derive(Debug, Parser)]
#[command(
    name = "roletray-app",
    version,
    about = "RoleTray in the tray: pick an AWS IAM role from the menu or the window.",
    after_help = "The command line is `roletray --help`."
)]
struct AppArgs {
    /// Open the window too (a running RoleTray just shows its window).
    #[arg(long)]
    open_window: bool,

    /// Open the quick-switch palette (a running RoleTray just shows it).
    #[arg(long, conflicts_with = "open_window")]
    open_palette: bool,

    /// Run as the window host of a running RoleTray (which starts it so).
    #[arg(long, hide = true)]
    window_host: bool,
}

fn main() -> std::process::ExitCode {
    let args = match AppArgs::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // Help and version print as usual; anything else is a usage error.
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print().ok();
            return std::process::ExitCode::from(code);
        }
    };
    if args.window_host {
        return roletray_app::app::run_window_host();
    }
    let opening = if args.open_palette {
        roletray_app::app::Opening::Palette
    } else if args.open_window {
        roletray_app::app::Opening::Window
    } else {
        roletray_app::app::Opening::Tray
    };
    roletray_app::app::run(opening)
}
