//! The windows. Web views live only in the window host, a second process
//! (`roletray-app --window-host`, in `host/`), started when a window is
//! wanted and let go when its last window closes, so the tray process
//! never loads one. Everything else here runs in the tray process:
//!
//! - `link`: the tray's end of the link (starting the host, sending it
//!   messages, handing the page calls it forwards to its router);
//! - `page_calls` → `commands`: the router, a page call as one typed call
//!   that hands an intent to the dispatcher; `models` and `command_error`
//!   are what crosses to the page, `events` what the page is sent;
//! - `mfa_prompt`: the MFA prompt that opens a small window.
//!
//! `protocol` (the line protocol and the windows' labels) is shared by both
//! ends.

pub mod command_error;
pub mod commands;
pub mod confirm_prompt;
pub mod events;
pub mod host;
pub mod link;
pub mod mfa_prompt;
pub mod models;
pub mod page_calls;
pub mod protocol;
