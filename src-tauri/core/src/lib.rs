//! RoleTray's core: everything about sources, roles, the keychain, STS sessions,
//! export formats and the AWS files. It never touches a window, so the CLI, the
//! tray app and the tests all drive the same code.
//!
//! [`service::Service`] is the one way in for the CLI, the app and the
//! endpoint. The modules that hold the flows (sessions, STS, the catalog,
//! import, the credentials file's originals) are private to the crate; what
//! stays public is data and pure formatting the faces need (models, views,
//! export lines, console links, configuration reading), plus what the tests
//! and fuzzers drive directly (the keychain over a mock store, the
//! credentials-file editor).

pub(crate) mod aws_answer;
pub(crate) mod aws_import;
pub(crate) mod catalog;
pub mod clock;
pub mod config;
pub mod console;
pub(crate) mod credentials;
pub mod credentials_file;
pub mod deadlines;
pub mod endpoint;
pub mod environment;
pub(crate) mod error;
pub mod export;
#[cfg(test)]
mod fake_sts;
pub(crate) mod files;
pub(crate) mod iam;
pub mod key_life;
pub mod key_views;
pub mod keychain;
pub mod logging;
pub mod mfa_code;
pub mod model;
pub mod net;
pub(crate) mod originals;
pub mod paths;
pub mod pick;
pub mod platform;
pub(crate) mod sdk_config;
pub(crate) mod secret;
pub mod service;
pub(crate) mod sessions;
pub mod shortcut;
pub mod signin;
pub mod sso;
pub(crate) mod sts;
pub mod validate;
pub mod views;

pub use credentials::{Credentials, Session, SessionSummary};
pub use error::{Error, Result};
pub use secret::Sensitive;
