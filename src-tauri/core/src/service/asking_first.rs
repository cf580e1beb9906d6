//! Roles that ask before they are assumed from the tray or the window (a
//! production role, unless it says otherwise): the question, and when it is
//! asked. Tools (`credential-process`, `exec`, the endpoint) never are.

use super::state::Service;
use crate::error::Result;

/// What to ask before a session of a role is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumeQuestion {
    pub role: String,
    /// The account the role is in (from its ARN).
    pub account_id: String,
    pub environment: Option<String>,
}

impl AssumeQuestion {
    /// "Assume prod-admin in 444455556666?"
    pub fn text(&self) -> String {
        format!("Assume {} in {}?", self.role, self.account_id)
    }
}

impl Service {
    /// The question to ask before `role` is assumed from the tray or the
    /// window: set when the role asks first and has no live session (a
    /// session already made was asked for once).
    pub fn question_before_assuming(&self, role: &str) -> Result<Option<AssumeQuestion>> {
        let config = self.config()?;
        let r = config.resolve(role)?;
        if !r.asks_first() {
            return Ok(None);
        }
        let now = self.clock.now();
        let live = self
            .state()
            .sessions
            .get(role)
            .is_some_and(|f| f.expiration > now);
        if live {
            return Ok(None);
        }
        Ok(Some(AssumeQuestion {
            role: role.to_owned(),
            account_id: r.role_arn.split(':').nth(4).unwrap_or_default().to_owned(),
            environment: r.environment.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::fake_sts::FakeSts;
    use crate::paths::Paths;
    use crate::sessions::NoPrompt;
    use std::sync::Arc;
    use time::macros::datetime;

    #[tokio::test]
    async fn production_asks_until_it_has_a_session_and_others_never() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        std::fs::write(
            &paths.config_file,
            "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n\n\
             [roles.prod]\nrole_arn = \"arn:aws:iam::444455556666:role/admin\"\nsource = \"me\"\n\
             environment = \"production\"\n\n\
             [roles.quiet]\nrole_arn = \"arn:aws:iam::444455556666:role/admin\"\nsource = \"me\"\n\
             environment = \"production\"\nconfirm = false\n\n\
             [roles.dev]\nrole_arn = \"arn:aws:iam::111122223333:role/dev\"\nsource = \"me\"\n",
        )
        .unwrap();
        let clock = Arc::new(ManualClock::new(datetime!(2026-12-02 12:00 UTC)));
        let keychain = crate::keychain::test_store::mock_keychain();
        keychain
            .set_source_secret("me", &crate::secret::Sensitive::from("secret"))
            .unwrap();
        let service = Service::new(paths, FakeSts::new(clock.clone()), clock, Some(keychain));
        let q = service.question_before_assuming("prod").unwrap().unwrap();
        assert_eq!(q.text(), "Assume prod in 444455556666?");
        assert_eq!(q.environment.as_deref(), Some("production"));
        assert_eq!(service.question_before_assuming("quiet").unwrap(), None);
        assert_eq!(service.question_before_assuming("dev").unwrap(), None);
        service.assume("prod", &NoPrompt).await.unwrap();
        assert_eq!(service.question_before_assuming("prod").unwrap(), None);
        assert_eq!(
            service.question_before_assuming("nope").unwrap_err().code(),
            "not_found"
        );
    }
}
