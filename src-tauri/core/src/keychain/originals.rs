//! Credentials files' originals (`original/HASH`): the bytes a file had
//! before RoleTray first changed it, kept once (the credentials-file
//! editor asks through `credentials_file::Original`) so that it can be put
//! back.

use super::handle::Keychain;
use crate::credentials_file::Original;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use std::path::Path;
use zeroize::{Zeroize, ZeroizeOnDrop};

impl Keychain {
    /// The bytes a credentials file had before RoleTray first changed it.
    pub fn original_file(&self, target: &Path) -> Result<Option<Sensitive<String>>> {
        let Some(text) = self.get(&original_user(target))? else {
            return Ok(None);
        };
        let kept: std::result::Result<KeptFile, _> = serde_json::from_str(text.expose());
        match kept {
            Ok(mut kept) if kept.v == 1 => Ok(Some(Sensitive::new(std::mem::take(&mut kept.text)))),
            _ => Err(Error::Keychain(format!(
                "the kept original of {} cannot be read",
                target.display()
            ))),
        }
    }

    pub fn delete_original_file(&self, target: &Path) -> Result<()> {
        self.delete(&original_user(target))
    }
}

impl Original for Keychain {
    fn keep(&self, target: &Path, bytes: &[u8], replace: bool) -> Result<bool> {
        let user = original_user(target);
        if !replace && self.get(&user)?.is_some() {
            return Ok(false);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Error::invalid("credentials file", "is not UTF-8 text and cannot be kept")
        })?;
        let kept = KeptFile {
            v: 1,
            path: target.display().to_string(),
            text: text.to_owned(),
        };
        let json = Sensitive::new(
            serde_json::to_string(&kept)
                .map_err(|e| Error::Keychain(format!("cannot encode a file: {e}")))?,
        );
        self.set(
            &user,
            &format!("RoleTray: the original of {}", target.display()),
            json.expose(),
        )?;
        Ok(true)
    }
}

/// `original/HASH`, HASH the first 16 hex digits of SHA-256 of the path.
fn original_user(target: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(target.as_os_str().as_encoded_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("original/{hash}")
}

/// What an `original/HASH` entry holds; zeroed when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct KeptFile {
    v: u8,
    path: String,
    text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_original_is_kept_once_unless_replaced() {
        let k = Keychain::with_store(keyring_core::mock::Store::new().unwrap());
        let path = Path::new("/home/u/.aws/credentials");
        assert!(k.original_file(path).unwrap().is_none());
        assert!(k.keep(path, b"[a]\nk = 1\n", false).unwrap());
        assert!(!k.keep(path, b"[b]\n", false).unwrap());
        assert_eq!(
            k.original_file(path).unwrap().unwrap().expose(),
            "[a]\nk = 1\n"
        );
        assert!(k.keep(path, b"[older]\n", true).unwrap());
        assert_eq!(
            k.original_file(path).unwrap().unwrap().expose(),
            "[older]\n"
        );
        assert!(k.original_file(Path::new("/other")).unwrap().is_none());
        k.delete_original_file(path).unwrap();
        assert!(k.original_file(path).unwrap().is_none());
    }
}
