//! Who gives an MFA code when one is needed: a person asked by the CLI or
//! a window, or nobody (background work). A code command, when the device
//! has one, is run before anyone is asked (see `obtain`).

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sts::BoxFuture;

/// What a code is asked for.
#[derive(Debug, Clone, Copy)]
pub struct MfaAsk<'a> {
    /// The role being assumed (or the source whose MFA session it is).
    pub role: &'a str,
    /// The MFA device's serial (an ARN, or a hardware token's serial).
    pub serial: &'a str,
    /// Why the device's code command gave no code, when it has one: shown
    /// beside the question.
    pub why: Option<&'a str>,
}

impl<'a> MfaAsk<'a> {
    pub fn new(role: &'a str, serial: &'a str) -> MfaAsk<'a> {
        MfaAsk {
            role,
            serial,
            why: None,
        }
    }

    /// The error for a code nobody could give.
    pub fn required(&self) -> Error {
        Error::MfaRequired {
            role: self.role.to_owned(),
            serial: self.serial.to_owned(),
            note: self.why.map(|w| format!(" ({w})")).unwrap_or_default(),
        }
    }
}

/// Asks for a code from an MFA device, when one is needed.
pub trait MfaPrompt: Send + Sync {
    /// A code, asked of the person now.
    fn code<'a>(&'a self, ask: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>>;

    /// The device's code command has not answered within a moment: tell the
    /// person what it waits for (`what`, such as "Touch your YubiKey"). The
    /// future ends only if the person answers meanwhile (a code typed
    /// instead, or a cancel); it is dropped when the command answers, and
    /// whatever it showed must go with it. By default nobody is told.
    fn waiting<'a>(
        &'a self,
        _ask: &'a MfaAsk<'a>,
        _what: &'a str,
    ) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(std::future::pending())
    }

    /// Whether a device's code command may run for this caller. Background
    /// work nobody started (renewing on a timer, reading key facts) does not
    /// make a YubiKey blink or a password manager ask.
    fn runs_commands(&self) -> bool {
        true
    }
}

/// A prompt that never asks and runs no code command: needing a code is an
/// `mfa_required` error. For background work nobody started.
pub struct NoPrompt;

impl MfaPrompt for NoPrompt {
    fn code<'a>(&'a self, ask: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move { Err(ask.required()) })
    }

    fn runs_commands(&self) -> bool {
        false
    }
}

/// A prompt with nobody to ask that still runs a device's code command: for
/// tools served with no person present (`roletray serve`).
pub struct CommandsOnly;

impl MfaPrompt for CommandsOnly {
    fn code<'a>(&'a self, ask: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move { Err(ask.required()) })
    }
}
