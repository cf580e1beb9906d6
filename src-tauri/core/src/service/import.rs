//! The AWS CLI's profiles brought in through the service: counted first,
//! imported, and then what the AWS files still hold of them taken over:
//! the imported long-lived keys leave the AWS credentials file once they
//! are safe in the keychain, and the AWS CLI's `aws login` sessions move
//! into the keychain, their profiles run RoleTray.

use super::state::Service;
use crate::aws_import::{self, Imported};
use crate::error::Result;
use crate::paths;
use crate::views::{self, Level};
use std::path::Path;

impl Service {
    /// What `import_aws` would bring in, counted without storing anything
    /// (the keychain is not opened; the secrets read are dropped).
    pub async fn import_preview(&self) -> Result<views::ImportPreview> {
        let config_file = paths::aws_config_file()?;
        let credentials_file = paths::aws_credentials_file()?;
        let plan = aws_import::read(&config_file, &credentials_file).await?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(views::ImportPreview {
            config_file: config_file.display().to_string(),
            credentials_file: credentials_file.display().to_string(),
            role_profiles: count(plan.roles.len()),
            key_pairs: count(plan.sources.len()),
            sso_sources: count(plan.sso.len()),
            signin_sources: count(plan.signins.len()),
            skipped: count(plan.skipped.len()),
        })
    }

    /// Imports the AWS CLI's profiles from its default files.
    pub async fn import_aws(&self) -> Result<Vec<Imported>> {
        self.import_from(
            &paths::aws_config_file()?,
            &paths::aws_credentials_file()?,
            false,
        )
        .await
    }

    /// Imports the role profiles and key pairs of these AWS files; the
    /// keychain is opened only when there is something to keep. With
    /// `remove_keys`, the imported key pairs then leave the credentials file
    /// and the AWS CLI's sign-ins of the imported sign-in sources are taken
    /// over; without, the report says which could be.
    pub async fn import_from(
        &self,
        config_file: &Path,
        credentials_file: &Path,
        remove_keys: bool,
    ) -> Result<Vec<Imported>> {
        let plan = aws_import::read(config_file, credentials_file).await?;
        if plan.is_empty() {
            return Ok(plan.skipped);
        }
        let sources: Vec<String> = plan.sources.iter().map(|(n, _, _)| n.clone()).collect();
        let signins: Vec<String> = plan.signins.iter().map(|(n, _)| n.clone()).collect();
        let applied = aws_import::apply(plan, &self.paths, &self.keychain()?);
        self.changed();
        let mut report = applied?;
        if !remove_keys {
            aws_import::offer_takeovers(&mut report, config_file);
            return Ok(report);
        }
        if !sources.is_empty() {
            report.extend(self.remove_imported_keys_from(&sources, credentials_file)?);
        }
        if !signins.is_empty() {
            report.extend(self.take_over_signins(&signins, config_file).await?);
        }
        Ok(report)
    }

    /// Takes what the AWS files still hold of the imported sources `names`:
    /// the long-lived keys of key sources out of the AWS credentials file
    /// (each once confirmed in the keychain), and the AWS CLI's sign-ins of
    /// sign-in sources into the keychain.
    pub async fn remove_imported_keys(&self, names: &[String]) -> Result<Vec<Imported>> {
        let config = self.config()?;
        let (signins, sources): (Vec<String>, Vec<String>) = names
            .iter()
            .cloned()
            .partition(|n| config.signin.contains_key(n));
        let mut report = Vec::new();
        if !sources.is_empty() {
            report
                .extend(self.remove_imported_keys_from(&sources, &paths::aws_credentials_file()?)?);
        }
        if !signins.is_empty() {
            report.extend(
                self.take_over_signins(&signins, &paths::aws_config_file()?)
                    .await?,
            );
        }
        Ok(report)
    }

    /// Takes over the AWS CLI's sign-ins of the sign-in sources `names`,
    /// whose profiles are in `config_file`: each profile then runs this
    /// RoleTray's CLI for its credentials.
    async fn take_over_signins(
        &self,
        names: &[String],
        config_file: &Path,
    ) -> Result<Vec<Imported>> {
        let report = aws_import::take_over(
            names,
            config_file,
            &paths::cli_command(),
            &self.paths,
            &self.keychain()?,
        )?;
        self.record_each(&report, "sign-in", "signin_taken_over");
        for item in &report {
            // The identity's next session comes from the sign-in now kept.
            self.forget(&item.name).await.ok();
        }
        self.load_signin_state().await?;
        Ok(report)
    }

    /// The same, from a credentials file given by path.
    pub fn remove_imported_keys_from(
        &self,
        names: &[String],
        credentials_file: &Path,
    ) -> Result<Vec<Imported>> {
        let report = aws_import::remove_imported_keys(
            names,
            credentials_file,
            &self.paths,
            &self.keychain()?,
        )?;
        self.record_each(&report, "source", "keys_removed");
        Ok(report)
    }

    /// One line of the activity for each of the report's items.
    fn record_each(&self, report: &[Imported], what: &str, code: &str) {
        for item in report {
            self.record(
                Level::Info,
                &format!("{what} {}: {}", item.name, item.outcome),
                code,
            );
        }
    }
}
