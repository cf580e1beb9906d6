//! What only a desktop can do, for the dispatcher and the background
//! tasks: the clipboard, notifications, starting at login, the browser,
//! the palette's global shortcut.

pub mod autostart;
pub mod browser;
pub mod clipboard;
pub mod notifications;
pub mod palette_shortcut;
pub mod portal_shortcut;
