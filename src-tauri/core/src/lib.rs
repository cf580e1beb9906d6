//! RoleTray's core: everything about sources, roles, the keychain, STS sessions,
//! export formats and the AWS files. It never touches a window, so the CLI, the
//! tray app and the tests all drive the same code.

pub mod aws_import;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod console;
pub mod credentials;
pub mod credentials_file;
pub mod deadlines;
pub mod endpoint;
pub mod error;
pub mod export;
#[cfg(test)]
mod fake_sts;
pub mod files;
pub mod keychain;
pub mod logging;
pub mod model;
pub mod originals;
pub mod paths;
pub mod secret;
pub mod service;
pub mod sessions;
pub mod sts;
pub mod validate;
pub mod views;

pub use credentials::{Credentials, Session};
pub use error::{Error, Result};
pub use secret::Sensitive;
