//! The quick switch: finding a role by a few letters of anything a person
//! knows about it, ranked by the match and by how much it is used. The
//! palette (the app) and `roletray pick` (the CLI) ask the service, which
//! keeps the candidates and the use history.
//!
//! - `candidates`: what is searched, one candidate a role;
//! - `matching`: how a query's words match a candidate (nucleo's fuzzy
//!   scoring, account ids with or without dashes, one typo forgiven);
//! - `ranking`: the order, and what a hit carries;
//! - `uses`: the use history file, frecency and the recent roles.

mod candidates;
mod matching;
mod ranking;
mod uses;

pub use candidates::{Candidate, PickRole};
pub use ranking::{PickHit, rank};
pub use uses::{RoleUses, UseHistory};
