//! What the tray process runs for its whole life: the expiry watcher (a
//! warning before each session ends, with Renew), the Identity Center
//! keeper, and the local credential endpoint.

pub mod credential_endpoint;
pub mod expiry_watcher;
pub mod sso_keeper;
