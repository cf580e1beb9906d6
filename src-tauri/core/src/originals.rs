//! Putting the AWS credentials file back as it was before RoleTray first
//! changed it, from the copy kept in the keychain (see
//! [`credentials_file::Original`]). The CLI (`restore-credentials`) and the
//! window's "Restore the AWS credentials file" both come here.

use crate::credentials_file;
use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::paths::{self, Paths};
use std::path::PathBuf;

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
    let path = paths::aws_credentials_file()?;
    let target = credentials_file::target_of(&path)?;
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
    let written = credentials_file::restore(&path, original.expose().as_bytes(), &paths.lock_dir)?;
    keychain.delete_original_file(&target)?;
    Ok(Restored {
        path: written,
        bytes,
    })
}
