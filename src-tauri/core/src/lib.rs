//! RoleTray's core: everything about sources, roles, the keychain, STS sessions,
//! export formats and the AWS files. It never touches a window, so the CLI, the
//! tray app and the tests all drive the same code.

pub mod credentials;
pub mod credentials_file;
pub mod error;
pub mod export;
pub mod secret;

pub use credentials::{Credentials, Session};
pub use error::{Error, Result};
pub use secret::Sensitive;
