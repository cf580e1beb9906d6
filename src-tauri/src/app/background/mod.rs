//! What the tray process runs for its whole life: the expiry watcher (a
//! warning before each session ends, with Renew), the Identity Center
//! keeper, the key keeper (key facts and reminders to rotate), and the
//! local credential endpoint.

pub mod credential_endpoint;
pub mod expiry_watcher;
pub mod key_keeper;
pub mod sso_keeper;
