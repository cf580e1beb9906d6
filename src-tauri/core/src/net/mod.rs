//! RoleTray on the network: one HTTP client for every call, with the proxy
//! and the certificate authorities a company network needs, and failures
//! read for what a person can do about them.
//!
//! - `choice`: the Network settings (`proxy`, `proxy-bypass`, `ca-bundle`);
//! - `proxy_url`: a proxy's address, read strictly and shown masked;
//! - `route`: which proxy calls take, from the settings, the environment's
//!   variables or the desktop's settings (`platform::system_proxy`);
//! - `trust`: the CA files added to the system's roots;
//! - `client`: the one client, made from all of the above;
//! - `diagnose`: a failed call in words a person can act on (from its
//!   `error_chain`);
//! - `check`: `roletray network check` and the window's "Test connection".

pub mod check;
pub mod choice;
mod client;
pub mod diagnose;
mod error_chain;
pub mod proxy_url;
pub mod route;
pub mod trust;

pub(crate) use client::with_scheme;
pub use client::{Answer, CALL_TIMEOUT, Net, NetSettings, current, use_settings};

use crate::error::{Error, Result};
use crate::secret::Sensitive;

/// Sends one plain request through the client in force; a failure is
/// explained when it is about the network's path, else it is
/// `unreachable(what happened)`.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&'static str, String)],
    body: Option<&Sensitive<String>>,
    limit: usize,
    unreachable: impl Fn(String) -> Error,
) -> Result<Answer> {
    let net = current()?;
    net.send(method, url, headers, body, limit)
        .await
        .map_err(|chain| diagnose::explain(url, &chain).unwrap_or_else(|| unreachable(chain)))
}
