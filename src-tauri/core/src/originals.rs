//! Putting an AWS file back as it was before RoleTray first changed it,
//! from the copy kept in the keychain (see [`credentials_file::Original`]):
//! the credentials file (`write-profile`, `import --remove-keys`) or the
//! config file (an `aws login` profile taken over). The CLI
//! (`restore-credentials [--config]`) and the window's "Restore the AWS
//! credentials file" both come here.

use crate::credentials_file;
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::paths::{self, Paths};
use std::path::{Path, PathBuf};

/// What a restore did (or, dry, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The file written (symlinks resolved).
    pub path: PathBuf,
    /// Its size now: the original's.
    pub bytes: usize,
}

/// Restores the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials`) and drops the kept copy; with `dry_run`, only says
/// what it would restore.
pub fn restore_credentials(paths: &Paths, keychain: &Keychain, dry_run: bool) -> Result<Restored> {
    restore(&paths::aws_credentials_file()?, paths, keychain, dry_run)
}

/// The same for the config file (`AWS_CONFIG_FILE`, else `~/.aws/config`).
pub fn restore_config(paths: &Paths, keychain: &Keychain, dry_run: bool) -> Result<Restored> {
    restore(&paths::aws_config_file()?, paths, keychain, dry_run)
}

fn restore(path: &Path, paths: &Paths, keychain: &Keychain, dry_run: bool) -> Result<Restored> {
    let target = credentials_file::target_of(path)?;
    let Some(original) = keychain.original_file(&target)? else {
        return Err(Error::NoOriginalKept(target));
    };
    let bytes = original.expose().len();
    if dry_run {
        return Ok(Restored {
            path: target,
            bytes,
        });
    }
    let written = credentials_file::restore(path, original.expose().as_bytes(), &paths.lock_dir)?;
    keychain.delete_original_file(&target)?;
    Ok(Restored {
        path: written,
        bytes,
    })
}
