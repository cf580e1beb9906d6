//! Sources (long-lived key pairs) and roles behind the service: add,
//! change, rotate and remove them, and drop a source's MFA session.
//! Identity Center sources are in `sso`.

use super::state::Service;
use crate::catalog::{self, Change};
use crate::config::Config;
use crate::error::Result;
use crate::mfa_code::MfaCommand;
use crate::model::{DEFAULT_DURATION, Role, Source};
use crate::secret::Sensitive;
use crate::validate;
use crate::views::Level;

/// What can change of a source without a new key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceEdit {
    pub mfa_serial: Option<String>,
    pub region: Option<String>,
    pub mfa_command: Option<MfaCommand>,
}

impl SourceEdit {
    /// The source's settings as they are now.
    pub fn of(source: &Source) -> SourceEdit {
        SourceEdit {
            mfa_serial: source.mfa_serial.clone(),
            region: source.region.clone(),
            mfa_command: source.mfa_command.clone(),
        }
    }
}

/// A role added or replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSaved {
    pub change: Change,
    /// Something the person should know (the chained one-hour cap).
    pub note: Option<String>,
}

impl Service {
    pub fn put_source(
        &self,
        name: &str,
        source: Source,
        secret: &Sensitive<String>,
        replace: bool,
    ) -> Result<Change> {
        let change = catalog::put_source(
            &self.paths,
            &self.keychain()?,
            name,
            source,
            secret,
            replace,
        )?;
        self.changed();
        Ok(change)
    }

    /// Replaces a source's key pair, keeping its other settings.
    pub fn rotate_source_key(
        &self,
        name: &str,
        access_key_id: &str,
        secret: &Sensitive<String>,
    ) -> Result<Change> {
        let mut source = self.config()?.source(name)?.clone();
        source.access_key_id = access_key_id.to_owned();
        // A key made by hand may be another user's: its sessions start anew.
        source.first_key_id = None;
        self.put_source(name, source, secret, true)
    }

    /// Changes a source's MFA device, its code command and its region,
    /// keeping its key.
    pub fn update_source(&self, name: &str, edit: SourceEdit) -> Result<()> {
        let current = self.config()?.source(name)?.clone();
        let source = Source {
            mfa_serial: edit.mfa_serial,
            region: edit.region,
            mfa_command: edit.mfa_command,
            ..current
        };
        source.validate()?;
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.source(name)?;
            c.sources.insert(name.to_owned(), source);
            Ok(())
        })?;
        self.changed();
        Ok(())
    }

    pub fn remove_source(&self, name: &str) -> Result<()> {
        let keychain = self.keychain()?;
        // The record holds the only copy of a new key's secret.
        if keychain.rotation(name)?.is_some() {
            return Err(crate::error::Error::InUse(format!(
                "source '{name}' has a key rotation under way: finish it with `roletray source rotate {name}` first"
            )));
        }
        catalog::remove_source(&self.paths, &keychain, name)?;
        crate::key_life::FactsCache::update(
            &self.paths.key_facts_file,
            &self.paths.lock_dir,
            |c| {
                c.sources.remove(name);
                c.reminded.remove(name);
            },
        )?;
        self.changed();
        Ok(())
    }

    /// Drops `source`'s MFA session: the next role assumed with it asks
    /// for a code again.
    pub async fn forget_mfa_session(&self, source: &str) -> Result<()> {
        self.config()?.source(source)?;
        self.manager()?.forget(source).await
    }

    /// Adds or replaces a role. A role chained through another one that asks
    /// for more than an hour gets a note (AWS caps chained sessions), in the
    /// result and in the activity list.
    pub fn put_role(&self, name: &str, role: Role, replace: bool) -> Result<RoleSaved> {
        role.validate()?;
        let capped = role.duration_seconds.unwrap_or(DEFAULT_DURATION) != role.effective_duration();
        let change = catalog::put_role(&self.paths, &self.keychain()?, name, role, replace)?;
        if change == Change::Updated {
            self.state().sessions.remove(name);
        }
        let note = capped.then(|| {
            format!(
                "'{name}' is chained through another role, and AWS caps chained sessions at {max} seconds: it will get {max} seconds.",
                max = validate::CHAINED_MAX_DURATION
            )
        });
        if let Some(n) = &note {
            self.record(Level::Info, n, "duration_capped");
        }
        self.changed();
        Ok(RoleSaved { change, note })
    }

    pub fn remove_role(&self, name: &str) -> Result<()> {
        catalog::remove_role(&self.paths, &self.keychain()?, name)?;
        self.drop_session_facts(name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::fake_sts::FakeSts;
    use crate::key_life::{NewPendingKey, Rotation};
    use crate::keychain::test_store::mock_keychain;
    use crate::paths::Paths;
    use std::sync::Arc;
    use time::macros::datetime;

    // A rotation's record holds the only copy of the new key's secret: the
    // source cannot be removed until the rotation is finished or undone.
    #[test]
    fn a_source_with_a_rotation_under_way_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        std::fs::write(
            &paths.config_file,
            "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n",
        )
        .unwrap();
        let clock = Arc::new(ManualClock::new(datetime!(2026-12-02 12:00 UTC)));
        let keychain = mock_keychain();
        let service = Service::new(
            paths,
            FakeSts::new(clock.clone()),
            clock,
            Some(keychain.clone()),
        );
        keychain
            .set_rotation(
                "me",
                &Rotation {
                    user: "me".into(),
                    old_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                    started: datetime!(2026-12-02 12:00 UTC),
                    keep_old: false,
                    new_key: Some(NewPendingKey {
                        access_key_id: "AKIAI44QH8DHBEXAMPLE".into(),
                        secret_access_key: Sensitive::new("new".into()),
                    }),
                },
            )
            .unwrap();
        let e = service.remove_source("me").unwrap_err();
        assert_eq!(e.code(), "in_use");
        assert!(e.to_string().contains("source rotate me"), "{e}");
        assert!(service.config().unwrap().sources.contains_key("me"));
        keychain.delete_rotation("me").unwrap();
        service.remove_source("me").unwrap();
        assert!(!service.config().unwrap().sources.contains_key("me"));
    }
}
