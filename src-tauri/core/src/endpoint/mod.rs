//! The local credential endpoint: an HTTP server on 127.0.0.1 that speaks
//! the container credentials protocol (`AWS_CONTAINER_CREDENTIALS_FULL_URI`
//! plus `AWS_CONTAINER_AUTHORIZATION_TOKEN`), so the AWS SDKs and CLIs fetch
//! a role's credentials again whenever theirs near expiry and long jobs never
//! run on stale keys.
//!
//! `GET /roles/NAME` answers `{"AccessKeyId","SecretAccessKey","Token",
//! "Expiration"}` from the shared session cache, renewed through
//! [`SessionManager`](crate::sessions::SessionManager) once less than the `min-ttl` setting remains. The
//! configuration is read on every request, so roles added while it runs are
//! served. Every request is checked first (see `guard`): loopback `Host`,
//! no browser `Origin`, the token of the role asked for (each role has its
//! own, derived from a secret drawn for the run).
//!
//! - `server` serves, over what `deps` hands it, on the paths of `routes`;
//!   `guard` checks each request and `response` writes each answer;
//! - `publish` announces the endpoint to other processes (the file itself
//!   is `announcement`) and finds the one running; `client` asks it;
//! - `termination` (from `platform::signals`) says when a foreground
//!   `roletray serve` should stop.

mod announcement;
mod client;
mod deps;
mod guard;
mod publish;
mod response;
mod routes;
mod server;

pub use crate::platform::signals::termination;
pub use announcement::file;
pub use client::{rotate_running, session_from_running};
pub use deps::{Deps, RequestLog, RequestRecord};
pub use guard::Grant;
pub use publish::{LiveEndpoint, Publication, discover, publish};
pub use routes::role_path;
pub use server::Endpoint;
