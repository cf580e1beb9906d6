//! The service's session flows: assume and renew (the result becomes the
//! active role, verified once per session), a session for a tool
//! (`credential-process`, `export`, `exec`: the running app answers first),
//! the sessions cached by earlier runs, and ending or forgetting one.

use super::state::Service;
use crate::credentials::{Session, SessionSummary};
use crate::endpoint;
use crate::error::Result;
use crate::sessions::{MfaPrompt, Obtained};
use crate::views::{Level, SessionFacts};

/// How long a running app may take to answer for a role that needs no MFA
/// code. Past it, the keychain path answers (it waits for the app's STS
/// call through the role's lock, then reuses what the app cached).
const APP_ANSWER: std::time::Duration = std::time::Duration::from_secs(2);
/// For a role that may need a code: the app's MFA window stays up this long.
const APP_ANSWER_WITH_MFA: std::time::Duration = std::time::Duration::from_secs(310);

impl Service {
    /// Reads the sessions cached by earlier runs (and by the CLI) into memory,
    /// verifying each with GetCallerIdentity.
    pub async fn load_cached_sessions(&self) -> Result<()> {
        for s in self.manager()?.cached_all().await? {
            let verified = self.verify(&s.role, &s).await;
            self.state()
                .sessions
                .insert(s.role.clone(), facts(&s, verified));
        }
        self.changed();
        Ok(())
    }

    /// Assumes `role` (or reuses its cached session), verifies who the
    /// credentials belong to, and makes it the active role.
    pub async fn assume(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        Ok(self.session(role, mfa, false).await?.session)
    }

    pub async fn renew(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        Ok(self.session(role, mfa, true).await?.session)
    }

    /// A session for `role` as the session manager gives it (cached while
    /// enough time remains, or new with `renew`), and whether it is new; it
    /// becomes the active role.
    /// It counts as a use of the role (the quick switch ranks by use).
    pub async fn session(&self, role: &str, mfa: &dyn MfaPrompt, renew: bool) -> Result<Obtained> {
        let manager = self.manager()?;
        let got = if renew {
            manager.renew(role, mfa).await?
        } else {
            manager.session(role, mfa).await?
        };
        self.after_session(role, &got.session).await;
        self.note_use(role);
        Ok(got)
    }

    /// Renews `role` on the app's own initiative (auto-renew): like
    /// [`Service::renew`], but not a use of the role by the person.
    pub async fn auto_renew(&self, role: &str, mfa: &dyn MfaPrompt) -> Result<Session> {
        let got = self.manager()?.renew(role, mfa).await?;
        self.after_session(role, &got.session).await;
        Ok(got.session)
    }

    /// A session for a tool (`credential-process`, `export`, `exec`): from
    /// the running app or `roletray serve` when one answers (it holds the
    /// session in memory and can ask for an MFA code in a window), else
    /// from the keychain. With `ask_app` false (a code given for this very
    /// call), the keychain path answers.
    pub async fn session_for_tool(
        &self,
        role: &str,
        mfa: &dyn MfaPrompt,
        ask_app: bool,
    ) -> Result<Session> {
        if ask_app {
            let config = self.config()?;
            let wait = if config.needs_mfa(role)? {
                APP_ANSWER_WITH_MFA
            } else {
                APP_ANSWER
            };
            if let Some(s) =
                endpoint::session_from_running(&self.paths, &config, role, wait).await?
            {
                return Ok(s);
            }
        }
        Ok(self.manager()?.session(role, mfa).await?.session)
    }

    /// Every live cached session with its credentials, in role-name order
    /// (one keychain search, every session's secret read).
    pub async fn cached_sessions(&self) -> Result<Vec<Session>> {
        self.manager()?.cached_all().await
    }

    /// What `roletray sessions` shows of every live cached session, in
    /// role-name order: one keychain search, no secret read.
    pub async fn listed_sessions(&self) -> Result<Vec<SessionSummary>> {
        self.manager()?.listed().await
    }

    /// Ends `role`'s session: RoleTray forgets it (AWS has no call to end one).
    pub async fn end_session(&self, role: &str) -> Result<()> {
        self.config()?.role(role)?;
        self.forget(role).await
    }

    /// Forgets the cached session of a role, or the MFA session of a source.
    pub async fn forget(&self, name: &str) -> Result<()> {
        self.manager()?.forget(name).await?;
        self.drop_session_facts(name);
        Ok(())
    }

    /// Forgets what this service showed of `name`'s session.
    pub(super) fn drop_session_facts(&self, name: &str) {
        let mut state = self.state();
        state.sessions.remove(name);
        if state.active_role.as_deref() == Some(name) {
            state.active_role = None;
        }
        drop(state);
        self.changed();
    }

    /// Makes `role` active with `session`, verified once per session.
    async fn after_session(&self, role: &str, session: &Session) {
        let known = self
            .state()
            .sessions
            .get(role)
            .filter(|f| f.expiration == session.expiration)
            .and_then(|f| f.verified_arn.clone());
        let verified = match known {
            Some(arn) => Some(arn),
            None if self.verify => self.verify(role, session).await,
            None => None,
        };
        let mut state = self.state();
        state
            .sessions
            .insert(role.to_owned(), facts(session, verified));
        state.active_role = Some(role.to_owned());
        state.failing = false;
        drop(state);
        self.changed();
    }

    /// The ARN as AWS sees these credentials; a failure is shown, not fatal.
    async fn verify(&self, role: &str, session: &Session) -> Option<String> {
        let region = session.region.clone().unwrap_or_else(|| "us-east-1".into());
        match self
            .sts
            .caller_identity(&session.credentials, &region)
            .await
        {
            Ok(arn) => Some(arn),
            Err(e) => {
                self.record(
                    Level::Warning,
                    &format!("could not verify {role}: {e}"),
                    e.code(),
                );
                None
            }
        }
    }
}

fn facts(s: &Session, verified_arn: Option<String>) -> SessionFacts {
    SessionFacts {
        assumed_role_arn: s.assumed_role_arn.clone(),
        verified_arn,
        expiration: s.expiration,
    }
}
