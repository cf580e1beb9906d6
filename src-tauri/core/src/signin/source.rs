//! An AWS Sign-In source (`[signin.NAME]`): where the person signs in. Its
//! name is also the name of the signed-in identity, usable wherever a
//! role's name is, and a source for roles.

use crate::error::Result;
use crate::validate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigninSource {
    /// The region signed in to (and the identity's sessions are exported with).
    pub region: String,
}

impl SigninSource {
    pub fn validate(&self) -> Result<()> {
        validate::region(&self.region)
    }
}
