//! The AWS credentials file behind the service: a role's session written
//! as a profile, and the file put back as it was before RoleTray first
//! wrote to it.

use super::state::Service;
use crate::credentials_file::{self, WriteOptions, WriteOutcome};
use crate::error::Result;
use crate::originals::{self, Restored};
use crate::paths;
use crate::sessions::MfaPrompt;
use crate::validate;
use crate::views::Level;

/// A profile written to the AWS credentials file.
#[derive(Debug)]
pub struct ProfileWritten {
    pub outcome: WriteOutcome,
    pub profile: String,
    /// When the credentials written expire.
    pub expiration: time::OffsetDateTime,
}

impl Service {
    /// Writes `role`'s session as `profile` (the role's name by default).
    /// A profile holding long-lived keys is refused unless `options.force`.
    pub async fn write_profile(
        &self,
        role: &str,
        profile: Option<&str>,
        options: WriteOptions,
        mfa: &dyn MfaPrompt,
    ) -> Result<ProfileWritten> {
        let profile = profile.unwrap_or(role).to_owned();
        validate::profile_name(&profile)?;
        let path = paths::aws_credentials_file()?;
        credentials_file::check_writable(&path, &profile, options)?;
        let session = self.assume(role, mfa).await?;
        let outcome = credentials_file::write_profile(
            &path,
            &profile,
            &session.credentials,
            &self.paths.lock_dir,
            options,
            &self.keychain()?,
        )?;
        self.record(
            Level::Info,
            &format!("wrote profile [{profile}] to {}", outcome.path.display()),
            "profile_written",
        );
        Ok(ProfileWritten {
            outcome,
            profile,
            expiration: session.expiration,
        })
    }

    /// Puts the AWS credentials file back as it was before RoleTray first
    /// wrote to it (with `dry_run`, only says what it would do).
    pub fn restore_credentials(&self, dry_run: bool) -> Result<Restored> {
        let done = originals::restore_credentials(&self.paths, &self.keychain()?, dry_run)?;
        self.restored(done, dry_run)
    }

    /// The same for the AWS config file (changed when an `aws login`
    /// profile was taken over).
    pub fn restore_config(&self, dry_run: bool) -> Result<Restored> {
        let done = originals::restore_config(&self.paths, &self.keychain()?, dry_run)?;
        self.restored(done, dry_run)
    }

    fn restored(&self, done: Restored, dry_run: bool) -> Result<Restored> {
        if dry_run {
            return Ok(done);
        }
        self.record(
            Level::Info,
            &format!(
                "restored {} to its original ({} bytes)",
                done.path.display(),
                done.bytes
            ),
            "credentials_restored",
        );
        Ok(done)
    }
}
