//! IAM Identity Center (SSO) as a source: a person signs in once in the
//! browser, and every account and role they may use becomes a role like any
//! other (assumed with the portal's GetRoleCredentials, chainable, exported,
//! served, warned about).
//!
//! - [`SsoSource`] (in `source`) is what `config.toml` keeps of one
//!   (`[sso.NAME]`): the start URL, the Identity Center region and the
//!   registration scopes, as the AWS CLI's `[sso-session NAME]` section.
//! - [`SsoTarget`] (in `target`) is one of its roles.
//! - `access` gives a usable access token (refreshed once, under a lock,
//!   for every process) and a role's credentials with it.
//! - `sign_in` runs the OAuth flows (authorization code with PKCE and a
//!   loopback redirect, or the device code) through `oidc`.
//! - `tokens` keeps the client registration, the access token and the
//!   refresh token in the keychain only, and refreshes the access token.
//! - `portal` lists accounts and roles (bounded concurrency, backoff) and
//!   gets a role's credentials; `listing` caches the list (no secret in it).
//!
//! An Identity Center role is named `SSO/ACCOUNT_ID/ROLE_NAME`, for example
//! `acme/123456789012/AdministratorAccess`: the slash is not allowed in the
//! names people give roles, so the two never collide.

pub(crate) mod access;
pub mod listing;
pub(crate) mod oidc;
pub(crate) mod pacer;
pub mod portal;
pub(crate) mod sign_in;
pub(crate) mod source;
pub(crate) mod target;
pub(crate) mod tokens;

pub use portal::{ListProgress, Quiet};
pub use sign_in::{SignInMethod, SignInPrompt};
pub use source::{DEFAULT_SCOPE, SsoSource};
pub use target::{SsoRole, SsoTarget};
