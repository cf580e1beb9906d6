//! Rotating a source's access key so that it cannot be lost: the rotation
//! is recorded in the keychain before IAM makes the new key and again, with
//! the new secret, the moment IAM answers; the new key is proven with
//! GetCallerIdentity before it becomes the source's; only then is the old
//! key made inactive and deleted, with calls signed by the new one. A
//! rotation cut short anywhere is finished or undone by the next
//! `rotate_source` or `check_source` (see `resume_rotation`). At every
//! moment the keychain holds a key that works, and the user never has more
//! than the two keys AWS allows.

use super::key_check::{Progress, Signer};
use super::state::Service;
use crate::config::Config;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::iam::KeyMetadata;
use crate::key_life::rotation::{orphans, verify_waits};
use crate::key_life::{NewPendingKey, Rotation};
use crate::secret::Sensitive;
use crate::sessions::MfaPrompt;
use crate::views::mask_key_id;

/// What a rotation asks for beyond replacing the key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotateOptions {
    /// Stop at making the old key inactive (another machine still uses it).
    pub keep_old: bool,
    /// When the user already has a second key and it is inactive, delete
    /// it first (an active one is never deleted).
    pub delete_inactive_other: bool,
}

/// How a rotation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    pub old_key_id: String,
    pub new_key_id: String,
    /// False with `keep_old`: the old key is inactive, not deleted.
    pub old_deleted: bool,
    /// The inactive second key deleted first, when there was one.
    pub deleted_other: Option<String>,
    /// This rotation finished one that was cut short.
    pub resumed: bool,
}

/// How a rotation cut short was dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resumed {
    Finished(Rotated),
    /// The new key was never proven (or never kept): it is gone and the
    /// old key stays the source's.
    Undone,
}

impl Service {
    /// Replaces `name`'s access key on AWS and in the keychain. A rotation
    /// cut short is finished first (and counts as this one).
    pub async fn rotate_source(
        &self,
        name: &str,
        options: RotateOptions,
        mfa: &dyn MfaPrompt,
        progress: Progress<'_>,
    ) -> Result<Rotated> {
        let _lock = self.lock_keys(name).await?;
        if self.rotation_cut_short(name, progress)?
            && let Resumed::Finished(done) = self.resume_rotation(name, mfa, progress).await?
        {
            return Ok(done);
        }
        let config = self.config()?;
        let source = config.source(name)?.clone();
        let creds = self.source_credentials(name, &source)?;
        progress(&format!("Listing the access keys of {name}'s IAM user…"));
        let (signer, keys) = self.signer(name, &source, creds.clone(), mfa).await?;
        let deleted_other = self
            .make_room(&signer, &keys, &source.access_key_id, options)
            .await?;
        let keychain = self.keychain()?;
        let mut rotation = Rotation {
            user: signer.user.clone(),
            old_key_id: source.access_key_id.clone(),
            started: self.now(),
            keep_old: options.keep_old,
            new_key: None,
        };
        keychain.set_rotation(name, &rotation)?;
        progress("Creating the new access key…");
        let new = match self
            .iam
            .create_access_key(&signer.creds, signer.region, &signer.user)
            .await
        {
            Ok(new) => new,
            Err(e) => {
                keychain.delete_rotation(name)?;
                return Err(e);
            }
        };
        // The secret exists only in this answer: into the keychain at once.
        rotation.new_key = Some(NewPendingKey {
            access_key_id: new.access_key_id.clone(),
            secret_access_key: Sensitive::new(new.secret_access_key.expose().clone()),
        });
        keychain.set_rotation(name, &rotation)?;
        tracing::info!(source = name, new = %mask_key_id(&new.access_key_id), "new key kept as pending");
        let mut done = self
            .finish_rotation(name, &rotation, &signer, progress)
            .await?;
        done.deleted_other = deleted_other;
        Ok(done)
    }

    /// Finishes or undoes the rotation of `name` that was cut short.
    pub(super) async fn resume_rotation(
        &self,
        name: &str,
        mfa: &dyn MfaPrompt,
        progress: Progress<'_>,
    ) -> Result<Resumed> {
        let keychain = self.keychain()?;
        let Some(rotation) = keychain.rotation(name)? else {
            return Ok(Resumed::Undone);
        };
        let config = self.config()?;
        let source = config.source(name)?.clone();
        let current = source.access_key_id.clone();
        let creds = self.source_credentials(name, &source)?;
        let (signer, keys) = self.signer(name, &source, creds, mfa).await?;
        let Some(new) = &rotation.new_key else {
            // Cut short before the new key's secret was kept: a key made
            // since is one nobody can use. Delete it.
            for orphan in orphans(&keys, &rotation.old_key_id, rotation.started) {
                progress(&format!(
                    "Deleting {}, made by a rotation cut short before its secret was kept…",
                    mask_key_id(&orphan.access_key_id)
                ));
                self.iam
                    .delete_access_key(
                        &signer.creds,
                        signer.region,
                        &signer.user,
                        &orphan.access_key_id,
                    )
                    .await?;
            }
            keychain.delete_rotation(name)?;
            return Ok(Resumed::Undone);
        };
        if current != rotation.old_key_id && current != new.access_key_id {
            // The person gave the source another key meanwhile: theirs wins.
            tracing::warn!(
                source = name,
                "a rotation cut short no longer matches the source's key"
            );
            keychain.delete_rotation(name)?;
            return Ok(Resumed::Undone);
        }
        if !keys.iter().any(|k| k.access_key_id == new.access_key_id) {
            // The new key is gone from AWS: the old one is still the source's.
            keychain.delete_rotation(name)?;
            return Ok(Resumed::Undone);
        }
        let mut done = self
            .finish_rotation(name, &rotation, &signer, progress)
            .await?;
        done.resumed = true;
        Ok(Resumed::Finished(done))
    }

    /// From a kept new key to the end: prove it, make it the source's,
    /// retire the old key, forget the record, read the facts again.
    async fn finish_rotation(
        &self,
        name: &str,
        rotation: &Rotation,
        signer: &Signer,
        progress: Progress<'_>,
    ) -> Result<Rotated> {
        let new = rotation
            .new_key
            .as_ref()
            .ok_or_else(|| Error::Keychain("a rotation without its new key".into()))?;
        let new_creds = Credentials {
            access_key_id: new.access_key_id.clone(),
            secret_access_key: Sensitive::new(new.secret_access_key.expose().clone()),
            session_token: None,
        };
        let config = self.config()?;
        let source = config.source(name)?.clone();
        if source.access_key_id == rotation.old_key_id {
            if let Err(e) = self
                .prove(&new_creds, &source, &signer.user, progress)
                .await
            {
                progress("The new key never worked: deleting it and keeping the old one…");
                self.iam
                    .delete_access_key(
                        &signer.creds,
                        signer.region,
                        &signer.user,
                        &new.access_key_id,
                    )
                    .await?;
                self.keychain()?.delete_rotation(name)?;
                return Err(Error::RotationUnverified(e.to_string()));
            }
            self.adopt(name, &rotation.old_key_id, &new.access_key_id)?;
        }
        // The source's key is the new one: keep its secret as the source's
        // own (the record still holds it, should this be cut short).
        self.keychain()?
            .set_source_secret(name, &new.secret_access_key)?;
        // Sign with the new key from here (or the user's MFA session, which
        // outlives the old key).
        let retiring = if signer.creds.session_token.is_some() {
            signer.creds.clone()
        } else {
            new_creds
        };
        let old_deleted = self
            .retire(
                signer,
                &retiring,
                &rotation.old_key_id,
                rotation.keep_old,
                progress,
            )
            .await?;
        self.keychain()?.delete_rotation(name)?;
        self.changed();
        if let Err(e) = self.refresh_after_rotation(name).await {
            tracing::info!(
                source = name,
                code = e.code(),
                "key facts not read after the rotation: {e}"
            );
        }
        Ok(Rotated {
            old_key_id: rotation.old_key_id.clone(),
            new_key_id: new.access_key_id.clone(),
            old_deleted,
            deleted_other: None,
            resumed: false,
        })
    }

    /// With two keys already, refuses unless the other is inactive and the
    /// person asked to delete it; returns the key deleted.
    async fn make_room(
        &self,
        signer: &Signer,
        keys: &[KeyMetadata],
        current: &str,
        options: RotateOptions,
    ) -> Result<Option<String>> {
        let Some(other) = keys.iter().find(|k| k.access_key_id != current) else {
            return Ok(None);
        };
        if keys.len() < 2 {
            return Ok(None);
        }
        if other.active || !options.delete_inactive_other {
            let last = self
                .iam
                .last_used(&signer.creds, signer.region, &other.access_key_id)
                .await
                .ok()
                .and_then(|u| u.when)
                .map(|w| format!("last used {}", crate::key_life::facts::ago(self.now() - w)))
                .unwrap_or_else(|| "never used".into());
            return Err(Error::KeyLimit {
                user: signer.user.clone(),
                other: format!(
                    "{} ({}, {last})",
                    mask_key_id(&other.access_key_id),
                    if other.active { "active" } else { "inactive" }
                ),
                other_active: other.active,
            });
        }
        self.iam
            .delete_access_key(
                &signer.creds,
                signer.region,
                &signer.user,
                &other.access_key_id,
            )
            .await?;
        Ok(Some(other.access_key_id.clone()))
    }

    /// Retries GetCallerIdentity with the new key until it answers as the
    /// same user (IAM takes seconds, sometimes more, to accept a new key).
    async fn prove(
        &self,
        new: &Credentials,
        source: &crate::model::Source,
        user: &str,
        progress: Progress<'_>,
    ) -> Result<()> {
        let region = source.region.clone().unwrap_or_else(|| "us-east-1".into());
        let mut waits = verify_waits();
        loop {
            match self.sts.caller_identity(new, &region).await {
                Ok(arn) if crate::iam::user_name(&arn) == Some(user) => return Ok(()),
                Ok(arn) => {
                    return Err(Error::NotAnIamUser {
                        name: user.to_owned(),
                        arn,
                    });
                }
                Err(e @ (Error::InvalidClientToken(_) | Error::SignatureMismatch(_))) => {
                    let Some(wait) = waits.next() else {
                        return Err(e);
                    };
                    progress(&format!(
                        "Waiting for AWS to accept the new key (IAM can take up to a minute; next try in {} s)…",
                        wait.as_secs()
                    ));
                    tokio::time::sleep(wait).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Makes `new_key_id` the source's key in the configuration, keeping the
    /// line of keys its sessions were made with.
    fn adopt(&self, name: &str, old_key_id: &str, new_key_id: &str) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            let s = c.sources.get_mut(name).ok_or_else(|| Error::NotFound {
                kind: "source",
                name: name.to_owned(),
            })?;
            if s.access_key_id == old_key_id {
                s.first_key_id.get_or_insert_with(|| old_key_id.to_owned());
                s.access_key_id = new_key_id.to_owned();
            }
            Ok(())
        })?;
        self.changed();
        Ok(())
    }

    /// Makes the old key inactive, then deletes it unless `keep_old`.
    /// Returns whether it was deleted.
    async fn retire(
        &self,
        signer: &Signer,
        creds: &Credentials,
        old: &str,
        keep_old: bool,
        progress: Progress<'_>,
    ) -> Result<bool> {
        let keys = self
            .with_fresh_key(|| {
                self.iam
                    .list_access_keys(creds, signer.region, &signer.user)
            })
            .await?;
        let Some(old_key) = keys.iter().find(|k| k.access_key_id == old) else {
            return Ok(true);
        };
        if old_key.active {
            progress(&format!(
                "Making the old key {} inactive…",
                mask_key_id(old)
            ));
            self.with_fresh_key(|| {
                self.iam
                    .set_active(creds, signer.region, &signer.user, old, false)
            })
            .await?;
        }
        if keep_old {
            return Ok(false);
        }
        progress(&format!("Deleting the old key {}…", mask_key_id(old)));
        self.with_fresh_key(|| {
            self.iam
                .delete_access_key(creds, signer.region, &signer.user, old)
        })
        .await?;
        Ok(true)
    }

    /// Runs an IAM call signed with a key IAM may not accept everywhere yet,
    /// trying again while it says it does not know the key.
    async fn with_fresh_key<'a, T>(
        &'a self,
        call: impl Fn() -> crate::sts::BoxFuture<'a, Result<T>>,
    ) -> Result<T> {
        let mut waits = verify_waits();
        loop {
            match call().await {
                Err(e @ (Error::InvalidClientToken(_) | Error::SignatureMismatch(_))) => {
                    let Some(wait) = waits.next() else {
                        return Err(e);
                    };
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    async fn refresh_after_rotation(&self, name: &str) -> Result<()> {
        let facts = self
            .read_key_facts(name, &crate::sessions::NoPrompt)
            .await?;
        self.cache_facts(name, &facts)?;
        tracing::debug!(source = name, read_at = %crate::export::rfc3339(facts.read_at), "key facts read after the rotation");
        Ok(())
    }
}
