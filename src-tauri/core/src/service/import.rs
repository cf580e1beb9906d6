//! The AWS CLI's profiles brought in through the service: counted first,
//! imported, and the imported long-lived keys taken out of the AWS
//! credentials file once they are safe in the keychain.

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
    /// `remove_keys`, the imported key pairs then leave the credentials file.
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
        let applied = aws_import::apply(plan, &self.paths, &self.keychain()?);
        self.changed();
        let mut report = applied?;
        if remove_keys && !sources.is_empty() {
            report.extend(self.remove_imported_keys_from(&sources, credentials_file)?);
        }
        Ok(report)
    }

    /// Takes the long-lived keys of the imported sources `names` out of the
    /// AWS credentials file, each once confirmed in the keychain.
    pub fn remove_imported_keys(&self, names: &[String]) -> Result<Vec<Imported>> {
        self.remove_imported_keys_from(names, &paths::aws_credentials_file()?)
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
        for item in &report {
            self.record(
                Level::Info,
                &format!("source {}: {}", item.name, item.outcome),
                "keys_removed",
            );
        }
        Ok(report)
    }
}
