//! `roletray-app`: the tray app, a thin Tauri shell over `roletray-core`.
//! The command line is another binary (`roletray`, in `src-tauri/cli`), which
//! links no GUI library and starts this one when run with no subcommand.

pub mod app;
