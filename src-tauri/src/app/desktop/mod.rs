//! What only a desktop can do, for the dispatcher and the background
//! tasks: the clipboard, notifications, starting at login, the browser.

pub mod autostart;
pub mod browser;
pub mod clipboard;
pub mod notifications;
