//! AWS Sign-In (what `aws login` uses): a person signed in to the AWS
//! console gets temporary credentials for local tools, with no long-lived
//! key at all. Credentials last 15 minutes and are refreshed for up to 12
//! hours with a refresh token bound to a DPoP key. RoleTray keeps both
//! the token and the key in the keychain.
//!
//! - `dpop`: the key and its proofs; `token_api`: the one HTTP call;
//! - `login`: the browser step (127.0.0.1 only, or `--remote`);
//! - `state`: what the keychain keeps; `access`: credentials that serve
//!   now, refreshed once across processes; `source`: `[signin.NAME]`;
//! - `aws_cli_cache`: the AWS CLI's own copy of a sign-in, taken over.

pub mod access;
pub mod aws_cli_cache;
pub mod dpop;
pub mod login;
pub mod source;
pub mod state;
pub mod token_api;

pub use source::SigninSource;
