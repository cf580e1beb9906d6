//! Where the CLI gets MFA codes: `--mfa-code`, else the device's code
//! command (run by the core, with a line on stderr while it waits), else a
//! hidden prompt when a person is at a terminal, else a clear
//! `mfa_required` error.

use roletray_core::service::{BoxFuture, MfaAsk, MfaPrompt};
use roletray_core::{Error, Result, Sensitive};
use std::io::IsTerminal;

pub struct CliMfa {
    given: Option<Sensitive<String>>,
}

impl CliMfa {
    pub fn new(code: Option<String>) -> CliMfa {
        CliMfa {
            given: code.map(Sensitive::new),
        }
    }

    /// Whether a code was given on the command line.
    pub fn has_code(&self) -> bool {
        self.given.is_some()
    }

    /// Like `new`, refusing a malformed `--mfa-code` at once, even when the
    /// role turns out not to need one.
    pub fn checked(code: Option<String>) -> Result<CliMfa> {
        if let Some(c) = &code {
            roletray_core::validate::mfa_code(c)?;
        }
        Ok(CliMfa::new(code))
    }
}

impl MfaPrompt for CliMfa {
    fn code<'a>(&'a self, ask: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>> {
        Box::pin(async move {
            if let Some(code) = &self.given {
                return Ok(code.clone());
            }
            if !std::io::stderr().is_terminal() {
                return Err(ask.required());
            }
            if let Some(why) = ask.why {
                eprintln!("roletray: {why}");
            }
            let (serial, role) = (ask.serial, ask.role);
            let prompt = format!("MFA code for {serial} (role {role}): ");
            tokio::task::spawn_blocking(move || rpassword::prompt_password(prompt))
                .await
                .map_err(|e| Error::io("prompt failed", std::io::Error::other(e)))?
                .map(Sensitive::new)
                .map_err(|e| Error::io("cannot read the MFA code", e))
        })
    }

    /// A line on stderr; the answer is the command's (a terminal prompt
    /// cannot be taken back once it reads, so none is shown meanwhile).
    fn waiting<'a>(
        &'a self,
        ask: &'a MfaAsk<'a>,
        what: &'a str,
    ) -> BoxFuture<'a, Result<Sensitive<String>>> {
        eprintln!("roletray: {what} (MFA code for role {})…", ask.role);
        Box::pin(std::future::pending())
    }

    /// A code given on the command line wins over the device's command.
    fn runs_commands(&self) -> bool {
        self.given.is_none()
    }
}
