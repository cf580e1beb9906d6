//! Files and folders for the user alone. On Unix: modes (0700 folders, 0600
//! files), the owner checked, links never followed. On Windows: a protected
//! access list that names the user alone (set, not just claimed), checked
//! the same way before a file is trusted, and reparse points (links)
//! refused. Also the few file calls whose flags differ by system.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;

fn unsafe_path(path: &Path, reason: &str) -> Error {
    Error::UnsafePath {
        path: path.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Creates `dir` (and its parents) for the user alone where the system
/// lets a folder be made so at once (mode 0700 on Unix).
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes the existing folder `dir` the user's alone: it must be a real
/// folder (not a link) of the user's; access by anyone else is taken away.
#[cfg(unix)]
pub fn make_dir_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    if !meta.is_dir() {
        return Err(unsafe_path(dir, "is not a directory (a symlink?)"));
    }
    if meta.uid() != rustix::process::getuid().as_raw() {
        return Err(unsafe_path(dir, "belongs to another user"));
    }
    // A shared folder such as /tmp (writable by all, sticky) is never
    // RoleTray's to take: making it private would break every other user.
    if meta.mode() & 0o1002 == 0o1002 {
        return Err(unsafe_path(
            dir,
            "is a folder shared by every user (sticky and writable by all, as /tmp)",
        ));
    }
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(format!("cannot make {} private", dir.display()), e))?;
    }
    Ok(())
}

/// Makes the existing folder `dir` the user's alone: it must be a real
/// folder (not a reparse point); its access list becomes the user's alone,
/// inherited by what is made in it, and no longer inherited from above.
#[cfg(windows)]
pub fn make_dir_private(dir: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    if !meta.is_dir() || meta.file_type().is_symlink() {
        return Err(unsafe_path(dir, "is not a directory (a link?)"));
    }
    if super::windows_acl::is_private(dir).map_err(|e| {
        Error::io(
            format!("cannot read the access list of {}", dir.display()),
            e,
        )
    })? {
        return Ok(());
    }
    super::windows_acl::make_private(dir)
        .map_err(|e| Error::io(format!("cannot make {} private", dir.display()), e))
}

/// Checks that `file` is a regular file (not a link) of the user's that
/// nobody else can read, before trusting what it says.
#[cfg(unix)]
pub fn check_private_file(file: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(file)
        .map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
    if !meta.is_file() {
        Err(unsafe_path(file, "is not a regular file (a symlink?)"))
    } else if meta.uid() != rustix::process::getuid().as_raw() {
        Err(unsafe_path(file, "belongs to another user"))
    } else if meta.mode() & 0o077 != 0 {
        Err(unsafe_path(file, "can be read or written by other users"))
    } else {
        Ok(())
    }
}

/// Checks that `file` is a regular file (not a link) whose access list
/// names the user alone, before trusting what it says.
#[cfg(windows)]
pub fn check_private_file(file: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(file)
        .map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
    if !meta.is_file() || meta.file_type().is_symlink() {
        return Err(unsafe_path(file, "is not a regular file (a link?)"));
    }
    if super::windows_acl::is_wine() {
        // Wine makes a file's access list up from its Unix mode: nothing
        // to check there (RoleTray set the list on the file and its folder).
        return Ok(());
    }
    match super::windows_acl::is_private(file) {
        Ok(true) => Ok(()),
        Ok(false) => Err(unsafe_path(file, "can be read or written by other users")),
        Err(e) => Err(Error::io(
            format!("cannot read the access list of {}", file.display()),
            e,
        )),
    }
}

/// Gives `file` (open, at `path`) the Unix `mode`. On Windows a file for
/// the user alone (no group or other bits in `mode`) gets an access list
/// naming the user alone, whatever its folder would hand down; other files
/// take their folder's.
pub fn set_mode(path: &Path, file: &File, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = path;
        file.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(windows)]
    {
        let _ = file;
        if mode & 0o077 == 0 {
            super::windows_acl::make_private(path)?;
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (path, file, mode);
        Ok(())
    }
}

/// Flushes a folder's entries (a rename) to disk; best effort, and nothing
/// to do where folders cannot be opened (Windows flushes the rename with
/// the file).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        // A failure here leaves the new file in place, only its durability
        // across a power cut is weaker; nothing to tell the user.
        d.sync_all().ok();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Opens (creating it, mode 0600) the lock file `path` for writing, never
/// through a link planted in its place.
pub fn open_lock_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(windows)]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(unsafe_path(path, "is a link"));
    }
    options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
            return unsafe_path(path, "is a symlink");
        }
        Error::io(format!("cannot lock {}", path.display()), e)
    })
}

/// Which file `meta` is, where the system tells cheaply: device and inode
/// on Unix (a file renamed into place is a new one); `None` elsewhere,
/// where the length and modification time must do.
pub fn file_identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}
