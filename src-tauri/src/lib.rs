//! The `roletray` binary's faces over `roletray-core`: the command line (and,
//! with no arguments, the tray app).

pub mod app;
pub mod cli;
