//! What the service hands to tools and browsers: export lines for a shell
//! (the session's keys, or live lines that point at the credential
//! endpoint), what the endpoint needs to serve and the reset of its
//! tokens, and console sign-in links.

use super::state::Service;
use crate::console::{self, ConsoleLogin, ConsoleOptions};
use crate::endpoint::{self, Deps};
use crate::error::Result;
use crate::export;
use crate::model::Shell;
use crate::secret::Sensitive;
use crate::sessions::MfaPrompt;
use crate::views::Level;

impl Service {
    /// Export lines for `role` in `shell` (the default shell when `None`).
    pub async fn export_lines(
        &self,
        role: &str,
        shell: Option<Shell>,
        mfa: &dyn MfaPrompt,
    ) -> Result<(Shell, Sensitive<String>)> {
        let shell = shell.unwrap_or(self.settings().default_shell);
        let session = self.assume(role, mfa).await?;
        let environment = self.config()?.environment_of(role);
        let lines = export::export_lines(&session, environment.as_deref(), shell)?;
        Ok((shell, lines))
    }

    /// What the local credential endpoint needs to serve sessions.
    pub fn endpoint_deps(&self) -> Result<Deps> {
        Ok(Deps {
            paths: self.paths.clone(),
            keychain: self.keychain()?,
            sts: self.sts.clone(),
            clock: self.clock.clone(),
            memory: self.memory.clone(),
        })
    }

    /// Live export lines: the running credential endpoint's URL and this
    /// role's token, so tools fetch fresh credentials themselves.
    pub fn live_export_lines(
        &self,
        role: &str,
        shell: Option<Shell>,
    ) -> Result<(Shell, Sensitive<String>)> {
        let config = self.config()?;
        let shell = shell.unwrap_or(config.settings.default_shell);
        let region = config.region_of(role)?;
        let live = endpoint::discover(&self.paths)?;
        let token = live.role_token(&config, role, self.clock.now())?;
        let named = export::role_vars(role, config.environment_of(role).as_deref());
        let url = live.role_url(role);
        let lines = export::live_export_lines(&url, &token, region.as_deref(), &named, shell)?;
        self.note_use(role);
        Ok((shell, lines))
    }

    /// Voids every token the running credential endpoint handed out.
    pub async fn reset_endpoint_tokens(&self) -> Result<()> {
        endpoint::rotate_running(&self.paths).await?;
        self.record(
            Level::Info,
            "every endpoint token was reset: copy live export lines again where you need them",
            "endpoint_tokens_reset",
        );
        Ok(())
    }

    /// A sign-in link to the AWS console as `role`.
    pub async fn console_login(
        &self,
        role: &str,
        mfa: &dyn MfaPrompt,
        options: &ConsoleOptions,
    ) -> Result<ConsoleLogin> {
        let login = console::sign_in(&self.manager()?, role, mfa, options).await?;
        if let Some(notice) = &login.notice {
            self.record(Level::Info, notice, "console");
        }
        Ok(login)
    }
}
