//! Key facts behind the service: what IAM says about a source's key and
//! its user's other key, asked now (`source check`, the app's daily
//! refresh) or read from the cache (listings), and the reminders they call
//! for. Asking first finishes or undoes a rotation that was cut short.

use super::state::Service;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::iam::{self, KeyMetadata};
use crate::key_life::cache::Reminded;
use crate::key_life::reminders::{self, Reminder};
use crate::key_life::{FactsCache, KeyFacts, KeyLife, LastUse};
use crate::model::Source;
use crate::sessions::MfaPrompt;
use std::sync::Arc;

/// Who a source's key belongs to and how IAM calls about it are signed.
pub(super) struct Signer {
    /// The IAM user's name.
    pub(super) user: String,
    /// The region IAM is called in (the partition's).
    pub(super) region: &'static str,
    /// What IAM calls are signed with: the key itself, or the source's MFA
    /// session when the user's policy asks for MFA.
    pub(super) creds: Credentials,
}

/// Something a long flow tells whoever waits for it ("Waiting for AWS to
/// accept the new key…").
pub type Progress<'a> = &'a (dyn Fn(&str) + Send + Sync);

impl Service {
    /// The key facts cache, as it is on disk (offline; parsed again only
    /// when the file changed).
    pub fn key_facts_cache(&self) -> Arc<FactsCache> {
        self.facts.get(&self.paths.key_facts_file)
    }

    /// Asks IAM now about `name`'s key and its user's other keys, caches the
    /// answer and returns it. A rotation cut short is finished or undone
    /// first. A user not allowed to read its own keys is an answer (facts
    /// naming the missing permission), not an error.
    pub async fn check_source(
        &self,
        name: &str,
        mfa: &dyn MfaPrompt,
        progress: Progress<'_>,
    ) -> Result<KeyFacts> {
        let _lock = self.lock_keys(name).await?;
        if self.rotation_cut_short(name, progress)? {
            self.resume_rotation(name, mfa, progress).await?;
        }
        let facts = self.read_key_facts(name, mfa).await?;
        self.cache_facts(name, &facts)?;
        Ok(facts)
    }

    /// One rotation or check of a source's keys at a time, across processes.
    pub(super) async fn lock_keys(&self, name: &str) -> Result<crate::files::FileLock> {
        crate::files::FileLock::acquire_async(&self.paths.lock_dir, &format!("keys-{name}")).await
    }

    /// Whether a rotation of `name` was cut short (and says so).
    pub(super) fn rotation_cut_short(&self, name: &str, progress: Progress<'_>) -> Result<bool> {
        let cut = self.keychain()?.rotation(name)?.is_some();
        if cut {
            progress(&format!(
                "Finishing the key rotation of {name} that was cut short…"
            ));
        }
        Ok(cut)
    }

    /// Every key-pair source's name, for a refresh of them all.
    pub fn key_sources(&self) -> Result<Vec<String>> {
        Ok(self.config()?.sources.keys().cloned().collect())
    }

    /// The sources whose current key has no facts cached, or facts older
    /// than a day: what a background refresh reads.
    pub fn key_sources_to_read(&self) -> Result<Vec<String>> {
        let config = self.config()?;
        let cache = self.key_facts_cache();
        let now = self.now();
        Ok(config
            .sources
            .iter()
            .filter(|(name, s)| {
                cache
                    .facts_for(name, &s.access_key_id)
                    .is_none_or(|f| now - f.read_at >= crate::key_life::cache::FACTS_LIVE)
            })
            .map(|(name, _)| name.clone())
            .collect())
    }

    /// The reminders due for every source, by the cached facts and the
    /// `key-max-age` setting.
    pub fn key_reminders(&self) -> Result<Vec<(String, Vec<Reminder>)>> {
        let config = self.config()?;
        let cache = self.key_facts_cache();
        let now = self.now();
        Ok(config
            .sources
            .iter()
            .filter_map(|(name, s)| {
                let facts = cache.facts_for(name, &s.access_key_id)?;
                let due = reminders::due(facts, config.settings.key_max_age_days, now);
                (!due.is_empty()).then(|| (name.clone(), due))
            })
            .collect())
    }

    /// The reminders to notify now: those due for sources not reminded in
    /// the last day; marks them reminded.
    pub fn take_key_reminders(&self) -> Result<Vec<(String, Vec<Reminder>)>> {
        let due = self.key_reminders()?;
        let now = self.now();
        FactsCache::update(&self.paths.key_facts_file, &self.paths.lock_dir, |cache| {
            due.into_iter()
                .filter(|(name, _)| {
                    let last = cache.reminded.get(name).map(|r| r.at);
                    let may = reminders::may_remind(last, now);
                    if may {
                        cache.reminded.insert(name.clone(), Reminded { at: now });
                    }
                    may
                })
                .collect()
        })
    }

    pub(super) fn cache_facts(&self, name: &str, facts: &KeyFacts) -> Result<()> {
        FactsCache::update(&self.paths.key_facts_file, &self.paths.lock_dir, |c| {
            c.sources.insert(name.to_owned(), facts.clone());
        })?;
        self.changed();
        Ok(())
    }

    /// The source's key as credentials, from the config and the keychain
    /// (the pending key of a rotation that already made it the source's).
    pub(super) fn source_credentials(&self, name: &str, source: &Source) -> Result<Credentials> {
        self.keychain()?.source_keys(name, source)
    }

    /// Who `creds` belong to (an IAM user, or an error saying what else),
    /// and what IAM calls about them are signed with: the key itself, or
    /// the source's MFA session when IAM refuses the key alone and the
    /// source has an MFA device. Returns the user's keys as listed.
    pub(super) async fn signer(
        &self,
        name: &str,
        source: &Source,
        creds: Credentials,
        mfa: &dyn MfaPrompt,
    ) -> Result<(Signer, Vec<KeyMetadata>)> {
        let sts_region = source.region.clone().unwrap_or_else(|| "us-east-1".into());
        let arn = self.sts.caller_identity(&creds, &sts_region).await?;
        let user = iam::user_name(&arn)
            .ok_or_else(|| Error::NotAnIamUser {
                name: name.to_owned(),
                arn: arn.clone(),
            })?
            .to_owned();
        let region = iam::partition_region(source.region.as_deref());
        match self.iam.list_access_keys(&creds, region, &user).await {
            Ok(keys) => Ok((
                Signer {
                    user,
                    region,
                    creds,
                },
                keys,
            )),
            Err(Error::IamDenied { .. }) if source.mfa_serial.is_some() => {
                tracing::info!(source = name, "IAM refused the key alone: signing with MFA");
                let creds = self.manager()?.source_mfa_credentials(name, mfa).await?;
                let keys = self.iam.list_access_keys(&creds, region, &user).await?;
                Ok((
                    Signer {
                        user,
                        region,
                        creds,
                    },
                    keys,
                ))
            }
            Err(e) => Err(e),
        }
    }

    pub(super) async fn read_key_facts(&self, name: &str, mfa: &dyn MfaPrompt) -> Result<KeyFacts> {
        let config = self.config()?;
        let source = config.source(name)?;
        let creds = self.source_credentials(name, source)?;
        let mut facts = KeyFacts {
            read_at: self.now(),
            access_key_id: source.access_key_id.clone(),
            user: None,
            key: None,
            other_keys: Vec::new(),
            not_allowed: None,
        };
        let (signer, keys) = match self.signer(name, source, creds, mfa).await {
            Ok(found) => found,
            Err(Error::IamDenied { permission, .. }) => {
                facts.not_allowed = Some(permission);
                return Ok(facts);
            }
            Err(e) => return Err(e),
        };
        facts.user = Some(signer.user.clone());
        for k in keys {
            let last_used = match self
                .iam
                .last_used(&signer.creds, signer.region, &k.access_key_id)
                .await
            {
                Ok(u) => u.when.map(|when| LastUse {
                    when,
                    service: u.service,
                    region: u.region,
                }),
                Err(Error::IamDenied { permission, .. }) => {
                    facts.not_allowed = Some(permission);
                    None
                }
                Err(e) => return Err(e),
            };
            let life = KeyLife {
                access_key_id: k.access_key_id,
                active: k.active,
                created: k.created,
                last_used,
            };
            if life.access_key_id == source.access_key_id {
                facts.key = Some(life);
            } else {
                facts.other_keys.push(life);
            }
        }
        Ok(facts)
    }
}
