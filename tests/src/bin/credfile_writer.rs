//! Writes profiles into a credentials file, one after another, forever: the
//! fault-injection tests kill it (SIGKILL) at random moments and check the
//! file is always whole. Usage: credfile_writer FILE LOCK_DIR

use roletray_core::credentials_file::write_profile;
use roletray_core::{Credentials, Sensitive};
use std::path::PathBuf;

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
        if let Err(e) = write_profile(&file, &format!("w{}", i % 7), &creds, &lock_dir) {
            eprintln!("credfile_writer: {e}");
            std::process::exit(1);
        }
    }
}
