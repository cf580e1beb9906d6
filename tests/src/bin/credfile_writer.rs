//! Writes profiles into a credentials file, one after another, forever: the
//! fault-injection tests kill it (SIGKILL) at random moments and check the
//! file is always whole. Usage: credfile_writer FILE LOCK_DIR

use roletray_core::credentials_file::{Original, WriteOptions, write_profile};
use roletray_core::{Credentials, Sensitive};
use std::path::{Path, PathBuf};

/// The fault tests check the file's wholeness, not where its original is
/// kept (that is the keychain's, tested elsewhere): no copy is made here.
struct NoCopy;

impl Original for NoCopy {
    fn keep(&self, _target: &Path, _bytes: &[u8], _replace: bool) -> roletray_core::Result<bool> {
        Ok(false)
    }
}

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(file), Some(lock_dir)) = (args.next(), args.next()) else {
        eprintln!("usage: credfile_writer FILE LOCK_DIR");
        std::process::exit(2);
    };
    for i in 0u64.. {
        let creds = Credentials {
            access_key_id: format!("ASIAWRITER{i:010}"),
            secret_access_key: Sensitive::new(format!("secret-{i:034}")),
            session_token: Some(Sensitive::new(format!("token-{i}-{}", "t".repeat(600)))),
        };
        let profile = format!("w{}", i % 7);
        let written = write_profile(
            &file,
            &profile,
            &creds,
            &lock_dir,
            WriteOptions::default(),
            &NoCopy,
        );
        if let Err(e) = written {
            eprintln!("credfile_writer: {e}");
            std::process::exit(1);
        }
    }
}
